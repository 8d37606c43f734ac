/* cli_ledger.c — electronic ledgers (电子台账) from the command line, as the --as account: the
 * catalogue a unit files under, and the items with no entry in a year (ledger.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "ledger.h"

static int year_opt(struct cli *cl, int *year)
{
	const char *v = cli_opt(cl, "year");
	long long y = 0;
	if (!v) {
		int yy, m, d;
		date_to_ymd(date_today(time(NULL)), &yy, &m, &d);
		*year = yy;
		return 0;
	}
	if (str_to_ll(v, &y) < 0 || y < 2000 || y > 2100)
		return cli_fail("--year 应为 2000 到 2100 的年份");
	*year = (int)y;
	return 0;
}

static void node_put(const struct ledger_cat *cat, const struct ledger_node *n, bool counts)
{
	cli_printf("%s\t", n->item);
	cli_put_cell(n->sub ? n->sub : "");
	cli_printf("\t");
	cli_put_cell(n->label);
	cli_printf("\t%s\t%s", ledger_enabled(cat, n) ? "启用" : "停用", n->unit ? n->unit : "县级目录");
	if (counts)
		cli_printf("\t%ld", n->count);
	cli_printf("\n");
}

/* zongzhi ledger catalog [--unit CODE] [--year Y]: the catalogue with each node's count. */
int cli_ledger_catalog(struct cli *cl)
{
	int year;
	if (year_opt(cl, &year))
		return CLI_FAIL;
	struct ledger_cat cat;
	if (ledger_count(cl->c, cl->as, cli_opt(cl, "unit"), year, &cat) < 0)
		return cli_fail("%s", errmsg());
	cli_printf("目录\t细目\t名称\t状态\t设置单位\t%d年台账数\n", year);
	for (int i = 0; i < cat.n; i++)
		node_put(&cat, &cat.v[i], true);
	ledger_cat_free(&cat);
	return CLI_OK;
}

/* zongzhi ledger empty --year Y [--unit CODE]: the enabled items with no entry that year. */
int cli_ledger_empty(struct cli *cl)
{
	int year;
	if (year_opt(cl, &year))
		return CLI_FAIL;
	struct ledger_cat cat;
	if (ledger_count(cl->c, cl->as, cli_opt(cl, "unit"), year, &cat) < 0)
		return cli_fail("%s", errmsg());
	int empty = 0, leaves = 0;
	cli_printf("目录\t细目\t名称\t状态\t设置单位\n");
	for (int i = 0; i < cat.n; i++) {
		const struct ledger_node *n = &cat.v[i];
		if (!n->leaf || !ledger_enabled(&cat, n))
			continue;
		leaves++;
		if (n->count == 0) {
			empty++;
			node_put(&cat, n, false);
		}
	}
	cli_printf("%d 年：%d 项中 %d 项无台账\n", year, leaves, empty);
	ledger_cat_free(&cat);
	return CLI_OK;
}
