/* cli_report.c — the monthly forms from the command line: list, show, fill, submit, return, export.
 * Output is tab-separated, one line per row, for scripts and spreadsheets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "perm.h"
#include "report.h"
#include "report_export.h"
#include "service.h"
#include "stats.h"

static const char *unit_of(struct cli *cl)
{
	const char *u = cli_opt(cl, "unit");
	if (u)
		return u;
	return perm_console(cl->as) ? NULL : perm_scope(cl->c, cl->as);
}

static int list_row(const struct rp_entry *e, void *arg)
{
	struct cli *cl = arg;
	const struct unit *x = units_find(ctx_units(cl->c), e->unit);
	char day[11];
	date_format(date_today((time_t)e->due), day);
	cli_printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e->d->id, e->d->title, e->month, e->unit,
	       x ? x->name : "", rp_state_zh[e->state], e->late ? "逾期" : "", day);
	return 0;
}

int cli_report_list(struct cli *cl)
{
	struct rp_defs *defs = NULL;
	char mb[8];
	if (report_defs_load(cl->c, &defs) < 0)
		return cli_fail("%s", errmsg());
	int rc = report_list(cl->c, cl->as, defs, cli_month(cl, mb), list_row, cl);
	report_defs_free(&defs);
	return rc < 0 ? cli_fail("%s", errmsg()) : CLI_OK;
}

/* Open the form named by argv[0] for --unit and --month; prints the failure. */
static int open_form(struct cli *cl, struct rp_defs **defs, struct rp_form **f)
{
	char mb[8];
	if (report_defs_load(cl->c, defs) < 0)
		return cli_fail("%s", errmsg());
	const struct rp_def *d = report_def(*defs, cl->argv[0]);
	if (!d)
		return cli_fail("没有报表 %s（zongzhi report list 列出可填的报表）", cl->argv[0]);
	const char *unit = unit_of(cl);
	if (!unit)
		return cli_fail("请用 --unit 指定单位");
	if (report_open(cl->c, cl->as, d, unit, cli_month(cl, mb), f) < 0)
		return cli_fail("%s", errmsg());
	return CLI_OK;
}

static void print_form(struct cli *cl, const struct rp_form *f)
{
	const struct rp_def *d = f->d;
	const struct unit *x = units_find(ctx_units(cl->c), f->unit);
	cli_printf("# %s\t%s\t%s\t%s%s\n", d->title, x ? x->name : f->unit, f->month,
	       rp_state_zh[f->state], f->late ? "\t逾期" : "");
	if (f->state == RP_RETURNED && f->reason)
		cli_printf("# 退回理由\t%s\n", f->reason);
	for (int i = 0; i < f->missing.n; i++) {
		const struct unit *y = units_find(ctx_units(cl->c), f->missing.v[i]);
		cli_printf("# 未上报\t%s\t%s\n", f->missing.v[i], y ? y->name : "");
	}
	for (int i = 0; i < f->sent_after.n; i++) {
		const struct unit *y = units_find(ctx_units(cl->c), f->sent_after.v[i]);
		cli_printf("# 其后上报（未计入）\t%s\t%s\n", f->sent_after.v[i], y ? y->name : "");
	}
	cli_printf("行");
	for (int k = 0; k < d->ncols; k++)
		cli_printf("\t%s", d->cols[k].label);
	cli_printf("\n");
	for (int r = 0; r < d->nrows; r++) {
		cli_printf("%s", d->rows[r].label);
		for (int k = 0; k < d->ncols; k++)
			cli_printf("\t%lld", RP_CELL(f, r, k));
		cli_printf("\n");
	}
}

int cli_report_show(struct cli *cl)
{
	struct rp_defs *defs = NULL;
	struct rp_form *f = NULL;
	int rc = open_form(cl, &defs, &f);
	if (rc == CLI_OK)
		print_form(cl, f);
	report_form_free(&f);
	report_defs_free(&defs);
	return rc;
}

/* A refusal of F: when it is the form's checks and they fail in more than one cell, every one,
 * a line each (the screen lists them too); else the reason as given. */
static int refused(const struct rp_form *f, bool submit)
{
	char *why = xstrdup(errmsg());
	struct rp_problem *v = NULL;
	int n = report_problems(f, submit, &v);
	int rc = 0;
	if (n > 1 && strcmp(why, v[0].msg) == 0) {
		struct sb sb;
		sb_init(&sb);
		sb_addf(&sb, "共 %d 处不合规：", n);
		for (int i = 0; i < n; i++)
			sb_addf(&sb, "\n  %s", v[i].msg);
		rc = cli_fail("%s", sb.buf);
		sb_free(&sb);
	} else {
		rc = cli_fail("%s", why);
	}
	report_problems_free(&v, n);
	free(why);
	return rc;
}

int cli_report_fill(struct cli *cl)
{
	struct rp_defs *defs = NULL;
	struct rp_form *f = NULL;
	int rc = open_form(cl, &defs, &f);
	/* Nothing to fill is not a save: "已保存草稿" told a clerk who left the cells out that they
	 * were kept (a roll-up says it has none, below). */
	if (rc == CLI_OK && cl->argc < 2 && !f->rollup)
		rc = cli_fail("没有给出要填写的数字：写成 行/列=数字，如 "
			      "邻里纠纷/涉及人数=3（report show 列出各行各列）");
	/* Each argument is ROW/COLUMN=NUMBER, by id or label. */
	for (int i = 1; i < cl->argc && rc == CLI_OK; i++) {
		char *a = xstrdup(cl->argv[i]);
		char *slash = strchr(a, '/'), *eq = slash ? strchr(slash, '=') : NULL;
		if (!eq) {
			rc = cli_fail("应为 行/列=数字：%s", cl->argv[i]);
		} else {
			*slash = *eq = '\0';
			if (report_set(f, a, slash + 1, eq + 1) < 0)
				rc = cli_fail("%s", errmsg());
		}
		free(a);
	}
	if (rc == CLI_OK && report_save(cl->c, cl->as, f) < 0)
		rc = refused(f, false);
	if (rc == CLI_OK)
		cli_printf("已保存草稿：%s（%s）\n", f->d->title, f->month);
	report_form_free(&f);
	report_defs_free(&defs);
	return rc;
}

int cli_report_submit(struct cli *cl)
{
	struct rp_defs *defs = NULL;
	struct rp_form *f = NULL;
	int rc = open_form(cl, &defs, &f);
	if (rc == CLI_OK && report_submit(cl->c, cl->as, f, (int64_t)time(NULL)) < 0)
		rc = refused(f, true);
	if (rc == CLI_OK) {
		cli_printf("已上报：%s（%s）%s\n", f->d->title, f->month, f->late ? "，逾期" : "");
		for (int i = 0; i < f->missing.n; i++)
			cli_printf("未上报的下级单位\t%s\n", f->missing.v[i]);
	}
	report_form_free(&f);
	report_defs_free(&defs);
	return rc;
}

int cli_report_return(struct cli *cl)
{
	struct rp_defs *defs = NULL;
	struct rp_form *f = NULL;
	if (!cli_opt(cl, "unit"))
		return cli_fail("请用 --unit 指定要退回的下级单位");
	int rc = open_form(cl, &defs, &f);
	if (rc == CLI_OK && report_return(cl->c, cl->as, f, cli_opt(cl, "reason")) < 0)
		rc = cli_fail("%s", errmsg());
	if (rc == CLI_OK)
		cli_printf("已退回：%s（%s）\n", f->d->title, f->month);
	report_form_free(&f);
	report_defs_free(&defs);
	return rc;
}

int cli_report_export(struct cli *cl)
{
	struct rp_defs *defs = NULL;
	struct rp_form *f = NULL;
	const char *fmt = cli_opt(cl, "format");
	int rc = open_form(cl, &defs, &f);
	char *path = NULL;
	if (rc == CLI_OK && report_export(cl->c, cl->as, f, fmt ? fmt : "xlsx", &path) < 0)
		rc = cli_fail("%s", errmsg());
	if (rc == CLI_OK)
		cli_printf("%s\n", path);
	free(path);
	report_form_free(&f);
	report_defs_free(&defs);
	return rc;
}
