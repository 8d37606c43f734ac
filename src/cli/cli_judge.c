/* cli_judge.c — the monthly 分析研判 report from the command line: show (the stored report, or the
 * draft from the figures), save the judgement and measures, submit, and the status of the units
 * below. The month defaults to the previous one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "judge.h"
#include "perm.h"
#include "service.h"
#include "stats.h"

static const char *unit_of(struct cli *cl)
{
	const char *u = cli_opt(cl, "unit");
	return u ? u : perm_console(cl->as) ? NULL : cl->as->unit;
}

int cli_judge_show(struct cli *cl)
{
	char mb[8];
	struct judge j;
	if (judge_get(cl->c, cl->as, unit_of(cl), cli_month(cl, mb), &j) < 0)
		return cli_fail("%s", errmsg());
	cli_printf("状态\t%s\n", judge_state_zh[j.state]);
	cli_printf("%s", j.draft);
	cli_printf("研判意见\t%s\n工作措施\t%s\n", j.judgement ? j.judgement : "",
	       j.measures ? j.measures : "");
	judge_free(&j);
	return CLI_OK;
}

int cli_judge_save(struct cli *cl)
{
	char mb[8];
	const char *m = cli_month(cl, mb), *jt = cli_opt(cl, "judgement"),
		   *mt = cli_opt(cl, "measures");
	if (!jt || !mt)
		return cli_fail("需要 --judgement（研判意见）和 --measures（工作措施）");
	if (judge_save(cl->c, cl->as, m, jt, mt) < 0)
		return cli_fail("%s", errmsg());
	cli_printf("已保存 %s 的分析研判（草稿）\n", m);
	return CLI_OK;
}

int cli_judge_submit(struct cli *cl)
{
	char mb[8];
	const char *m = cli_month(cl, mb);
	if (judge_submit(cl->c, cl->as, m) < 0)
		return cli_fail("%s", errmsg());
	cli_printf("已报送 %s 的分析研判\n", m);
	return CLI_OK;
}

static int status_row(const char *unit, int state, void *arg)
{
	const struct unit *x = units_find(ctx_units(arg), unit);
	cli_printf("%s\t%s\t%s\n", unit, x ? x->name : unit, judge_state_zh[state]);
	return 0;
}

int cli_judge_status(struct cli *cl)
{
	char mb[8];
	const char *unit = cli_opt(cl, "unit");
	if (!unit)
		unit = perm_console(cl->as) ? NULL : perm_scope(cl->c, cl->as);
	if (judge_status(cl->c, cl->as, unit, cli_month(cl, mb), status_row, cl->c) < 0)
		return cli_fail("%s", errmsg());
	return CLI_OK;
}

int cli_judge_export(struct cli *cl)
{
	char mb[8];
	const char *fmt = cli_opt(cl, "format");
	struct judge j;
	if (judge_get(cl->c, cl->as, unit_of(cl), cli_month(cl, mb), &j) < 0)
		return cli_fail("%s", errmsg());
	char *path = NULL;
	int rc = CLI_OK;
	if (judge_export(cl->c, cl->as, &j, fmt ? fmt : "xlsx", &path) < 0)
		rc = cli_fail("%s", errmsg());
	else
		cli_printf("%s\n", path);
	free(path);
	judge_free(&j);
	return rc;
}
