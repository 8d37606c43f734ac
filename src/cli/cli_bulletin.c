/* cli_bulletin.c — the monthly bulletin from the command line: make (a draft from today's
 * figures), publish (the county's office), show (the published one). The month defaults to the
 * previous one, the month a bulletin is about. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bulletin.h"
#include "cli.h"
#include "perm.h"
#include "service.h"
#include "stats.h"

static void print_bulletin(struct ctx *c, const struct bulletin *b)
{
	const struct unit *x = units_find(ctx_units(c), b->unit);
	cli_printf("# %s %s 月度通报（%s）\n", x ? x->name : b->unit, b->month,
	       b->published ? "已发布" : "草稿");
	cli_printf("# 名次\t单位代码\t单位");
	for (int k = 0; k < BL__NCOLS; k++)
		cli_printf("\t%s", bl_col_zh[k]);
	cli_printf("\n");
	for (int i = 0; i < b->n; i++) {
		const struct bl_row *r = &b->v[i];
		cli_printf("%d\t%s\t%s", r->rank, r->unit, r->name);
		for (int k = 0; k < BL__NCOLS; k++)
			cli_printf("\t%ld", r->n[k]);
		cli_printf("\n");
	}
}

int cli_bulletin_make(struct cli *cl)
{
	char mb[8];
	const char *unit = cli_opt(cl, "unit");
	if (!unit)
		unit = perm_console(cl->as) ? NULL : perm_scope(cl->c, cl->as);
	struct bulletin b;
	if (bulletin_make(cl->c, cl->as, unit, cli_month(cl, mb), &b) < 0)
		return cli_fail("%s", errmsg());
	print_bulletin(cl->c, &b);
	bulletin_free(&b);
	return CLI_OK;
}

int cli_bulletin_publish(struct cli *cl)
{
	char mb[8];
	const char *m = cli_month(cl, mb);
	if (bulletin_publish(cl->c, cl->as, m) < 0)
		return cli_fail("%s", errmsg());
	cli_printf("已发布 %s 月度通报\n", m);
	return CLI_OK;
}

int cli_bulletin_show(struct cli *cl)
{
	char mb[8];
	struct bulletin b;
	if (perm_console(cl->as))
		return cli_fail("查看已发布的通报需要 --as 账号");
	if (bulletin_get(cl->c, cl->as, cli_month(cl, mb), &b) < 0)
		return cli_fail("%s", errmsg());
	print_bulletin(cl->c, &b);
	bulletin_free(&b);
	return CLI_OK;
}

/* The published bulletin of the account's county when there is one (and --unit, if given, is that
 * county); otherwise a draft of --unit or the account's scope. */
int cli_bulletin_export(struct cli *cl)
{
	char mb[8];
	const char *m = cli_month(cl, mb), *unit = cli_opt(cl, "unit"), *fmt = cli_opt(cl, "format");
	struct bulletin b;
	int rc = perm_console(cl->as) ? ZZ_ENOENT : bulletin_get(cl->c, cl->as, m, &b);
	if (rc == 0 && unit && strcmp(unit, b.unit) != 0) {
		bulletin_free(&b);
		rc = ZZ_ENOENT;
	}
	if (rc == ZZ_ENOENT) {
		if (!unit)
			unit = perm_console(cl->as) ? NULL : perm_scope(cl->c, cl->as);
		rc = bulletin_make(cl->c, cl->as, unit, m, &b);
	}
	if (rc < 0)
		return cli_fail("%s", errmsg());
	char *path = NULL;
	rc = CLI_OK;
	if (bulletin_export(cl->c, cl->as, &b, fmt ? fmt : "xlsx", &path) < 0)
		rc = cli_fail("%s", errmsg());
	else
		cli_printf("%s\n", path);
	free(path);
	bulletin_free(&b);
	return rc;
}
