/* cli_serve.c — `zongzhi serve [--listen ADDR:PORT] [--foreground] [--stop]`. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "server.h"

int cli_serve(struct cli *cl)
{
	if (cli_flag(cl, "stop")) {
		if (server_stop(cl->c) < 0)
			return cli_fail("%s", errmsg());
		printf("zongzhi serve 已停止（进行中的会话不受影响）\n");
		return CLI_OK;
	}
	bool has_daemon = false;
	for (int i = 0; i < cli_table_len; i++)
		if (strcmp(cli_table[i].name, "daemon") == 0)
			has_daemon = true;
	struct server_opts o = {
		.listen = cli_opt(cl, "listen"),
		.foreground = cli_flag(cl, "foreground"),
		.has_daemon = has_daemon,
	};
	if (server_run(cl->c, &o) < 0)
		return cli_fail("%s", errmsg());
	return CLI_OK;
}
