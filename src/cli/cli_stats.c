/* cli_stats.c — the counters of stats.db from the command line: rebuild, check, read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "perm.h"
#include "service.h"
#include "stats.h"

int cli_stats_rebuild(struct cli *cl)
{
	long rows = 0;
	if (stats_rebuild(cl->c, &rows) < 0)
		return cli_fail("%s", errmsg());
	cli_printf("统计计数已重算：%ld 行\n", rows);
	return CLI_OK;
}

int cli_stats_verify(struct cli *cl)
{
	long rows = 0, bad = 0;
	if (stats_verify(cl->c, &rows, &bad) < 0)
		return cli_fail("%s", errmsg());
	if (bad)
		return cli_fail("%s", errmsg());
	cli_printf("stats\t%ld 行，与数据一致\n", rows);
	return CLI_OK;
}

static int print_row(const char *key, long long n, void *arg)
{
	(void)arg;
	cli_printf("%s\t%lld\n", key, n);
	return 0;
}

/* The record type a subject counts, for the permission question (events: dispute_event). */
static const struct rtype *subject_type(struct ctx *c, const char *subject)
{
	return schema_type(c->schema,
			   strcmp(subject, STATS_EVENT) == 0 ? "dispute_event" : subject);
}

int cli_stats_show(struct cli *cl)
{
	struct ctx *c = cl->c;
	const char *subject = cl->argv[0], *dim = cl->argc > 1 ? cl->argv[1] : "all";
	const char *val = cl->argc > 2 ? cl->argv[2] : NULL;
	const char *unit = cli_opt(cl, "unit");
	if (!unit)
		unit = perm_console(cl->as) ? NULL : perm_scope(c, cl->as);
	const struct rtype *t = subject_type(c, subject);
	if (!t)
		return cli_fail("没有统计对象 %s（事件为 event，其余为记录类型）", subject);
	/* Figures of a unit are as visible as its records: the same answer for "not yours" and
	 * "none". */
	if (perm_check(c, cl->as, ACT_VIEW, t, unit) < 0)
		return cli_fail("%s", errmsg());
	const struct unit *x = unit ? units_find(ctx_units(c), unit) : NULL;
	if (unit && !x)
		return cli_fail("没有单位 %s", unit);
	char month[8];
	const char *m = cli_opt(cl, "month");
	if (!m) {
		stats_month((int64_t)time(NULL), month);
		m = month;
	}
	if (strlen(m) != 7 || m[4] != '-')
		return cli_fail("月份应为 YYYY-MM：%s", m);
	int rc;
	if (cli_flag(cl, "children")) {
		if (!x)
			return cli_fail("按下级单位统计需要 --unit");
		rc = stats_children(c, NULL, x->code, m, subject, dim, val ? val : "", print_row,
				    NULL);
	} else if (cli_opt(cl, "months")) {
		int n = atoi(cli_opt(cl, "months"));
		if (n < 1 || n > 120)
			return cli_fail("--months 应为 1 到 120");
		long long v[120];
		rc = stats_months(c->st, NULL, x ? x->path : "", m, n, subject, dim, val ? val : "",
				  v);
		for (int i = 0; i < n && rc == 0; i++) {
			char mm[8];
			stats_month_add(m, n - 1 - i, mm);
			cli_printf("%s\t%lld\n", mm, v[i]);
		}
	} else if (val || strcmp(dim, "all") == 0) {
		long long n = 0;
		rc = stats_get(c->st, NULL, x ? x->path : "", m, subject, dim, val ? val : "", &n);
		if (rc == 0)
			cli_printf("%lld\n", n);
	} else {
		rc = stats_values(c->st, NULL, x ? x->path : "", m, subject, dim, print_row, NULL);
	}
	return rc < 0 ? cli_fail("%s", errmsg()) : CLI_OK;
}
