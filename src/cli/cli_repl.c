/* cli_repl.c — `zongzhi repl status`: this site's role in its replication group (9.5, R-AC-5). */
#include <stdio.h>

#include "cli.h"
#include "repl.h"

int cli_repl_status(struct cli *cl)
{
	struct ctx *c = cl->c;
	if (!c->st->repl)
		return cli_fail("本站没有启用复制（设置 repl.enabled）");
	static const char *const names[] = {
		[REPL_PRIMARY] = "主站点",
		[REPL_STANDBY] = "备用站点（只读）",
		[REPL_UNKNOWN] = "未定（选举中）",
	};
	char primary[300];
	repl_primary(c->st->env, primary, sizeof primary);
	cli_printf("角色\t%s\n", names[repl_role(c->st->env)]);
	cli_printf("本站\t%s\n", conf_str(c->conf, "repl.local"));
	cli_printf("主站点\t%s\n", primary[0] ? primary : "未知");
	return CLI_OK;
}
