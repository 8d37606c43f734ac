/* cli_analysis.c — the figures of the analysis screens from the command line: zongzhi stats
 * by-unit|by-category|by-month SUBJECT, tab-separated with 同比 and 环比, or exported. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analysis.h"
#include "chart.h"
#include "cli.h"
#include "perm.h"
#include "service.h"
#include "stats.h"

static enum an_view view_of(const char *sub)
{
	for (int v = 0; v < AN__NVIEWS; v++)
		if (strcmp(an_view_id[v], sub) == 0)
			return (enum an_view)v;
	return AN_BY_UNIT;
}

/* The unit the figures are of: --unit, else the account's scope (the console: the root). */
static const char *default_unit(struct cli *cl)
{
	if (!perm_console(cl->as))
		return perm_scope(cl->c, cl->as);
	const struct units *us = ctx_units(cl->c);
	for (int i = 0; i < us->n; i++)
		if (str_empty(us->v[i].parent))
			return us->v[i].code;
	return "";
}

/* A month not over has nothing to compare with (analysis.h): "-" for the months before too. */
static void print_line(const char *key, const char *label, long long n, long long yoy,
		       long long mom, bool open)
{
	char a[32], b[32], y[24] = "-", m[24] = "-";
	if (!open) {
		snprintf(y, sizeof y, "%lld", yoy);
		snprintf(m, sizeof m, "%lld", mom);
	}
	cli_printf("%s\t%s\t%lld\t%s\t%s\t%s\t%s\n", key, label, n, y,
		   chart_pct(a, sizeof a, n, yoy), m, chart_pct(b, sizeof b, n, mom));
}

int cli_stats_table(struct cli *cl)
{
	struct ctx *c = cl->c;
	const struct an_subject *s = analysis_subject(cl->argv[0]);
	if (!s) {
		struct sb l;
		sb_init(&l);
		for (int i = 0; i < an_subjects_len; i++)
			sb_addf(&l, "%s%s（%s）", i ? "、" : "", an_subjects[i].id,
				an_subjects[i].title);
		cli_fail("没有统计对象 %s；可选：%s", cl->argv[0], l.buf);
		sb_free(&l);
		return CLI_USAGE;
	}
	enum an_view view = view_of(cl->cmd->sub);
	const char *unit = cli_opt(cl, "unit") ? cli_opt(cl, "unit") : default_unit(cl);
	char month[8];
	const char *m = cli_opt(cl, "month");
	if (!m) {
		analysis_default_month((int64_t)time(NULL), month);
		m = month;
	}
	int months = 12;
	if (cli_opt(cl, "months")) {
		long long v;
		if (str_to_ll(cli_opt(cl, "months"), &v) < 0 || v < 1 || v > AN_MAXMONTHS)
			return cli_fail("--months 应为 1 到 %d", AN_MAXMONTHS);
		months = (int)v;
	}
	struct an_table t;
	if (analysis_table(c, cl->as, s, view, unit, m, months, (int64_t)time(NULL), &t) < 0)
		return cli_fail("%s", errmsg());
	int rc = CLI_OK;
	const char *format = cli_opt(cl, "export");
	if (format) {
		char *path = NULL;
		if (analysis_export(c, cl->as, s, view, unit, m, &t, format, &path) < 0) {
			rc = cli_fail("%s", errmsg());
		} else {
			cli_printf("已导出：%s\n", path);
			free(path);
		}
	} else {
		cli_printf("# 键\t名称\t数量\t去年同月\t同比\t上月\t环比\n");
		for (int i = 0; i < t.n; i++)
			print_line(t.v[i].key, t.v[i].label, t.v[i].n, t.v[i].yoy, t.v[i].mom,
				   t.v[i].open);
		print_line("total", "合计", t.total, t.total_yoy, t.total_mom, t.open);
	}
	an_table_free(&t);
	return rc;
}
