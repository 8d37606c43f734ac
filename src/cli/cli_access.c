/* cli_access.c — access requests (信息查阅申请, R-AC-1) from the command line: the center asked grants
 * or refuses (access.h); requests themselves are records (record add access_request). */
#include <stdio.h>
#include <string.h>

#include "access.h"
#include "cli.h"

/* zongzhi access grant|refuse ID [--note X] */
int cli_access_decide(struct cli *cl)
{
	uint64_t id;
	if (cli_parse_id(cl->argv[0], &id) != 0)
		return CLI_USAGE;
	bool grant = !strcmp(cl->cmd->sub, "grant");
	if (access_decide(cl->c, cl->as, id, grant, cli_opt(cl, "note")) < 0)
		return cli_fail("%s", errmsg());
	cli_printf("%s\n", grant ? "已批准" : "已不批准");
	return CLI_OK;
}
