/* cli_daemon.c — `zongzhi daemon [--once]`. */
#include <stdio.h>
#include <time.h>

#include "cli.h"
#include "daemon.h"

int cli_daemon(struct cli *cl)
{
	snprintf(cl->c->source, sizeof cl->c->source, "daemon");
	if (cli_flag(cl, "once") && daemon_paused(cl->c)) {
		cli_printf("系统处于维护状态：守护进程暂停，本轮未执行任何规则\n");
		return CLI_OK;
	}
	int rc = cli_flag(cl, "once") ? daemon_pass(cl->c, (int64_t)time(NULL)) : daemon_loop(cl->c);
	return rc < 0 ? cli_fail("%s", errmsg()) : CLI_OK;
}
