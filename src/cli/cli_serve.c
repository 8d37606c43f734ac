/* cli_serve.c — `zongzhi serve [--listen ADDR:PORT] [--foreground] [--stop]`. */
#include <stdio.h>

#include "cli.h"
#include "server.h"

int cli_serve(struct cli *cl)
{
	if (cli_flag(cl, "stop")) {
		if (server_stop(cl->c) < 0)
			return cli_fail("%s", errmsg());
		cli_printf("zongzhi serve 已停止（进行中的会话不受影响）\n");
		return CLI_OK;
	}
	struct server_opts o = {
		.listen = cli_opt(cl, "listen"),
		.foreground = cli_flag(cl, "foreground"),
	};
	if (server_run(cl->c, &o) < 0)
		return cli_fail("%s", errmsg());
	return CLI_OK;
}
