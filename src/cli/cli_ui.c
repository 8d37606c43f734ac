/* cli_ui.c — zongzhi tui: the curses UI on the local terminal. */
#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "ui.h"

int cli_tui(struct cli *cl)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return cli_fail("tui 需要在终端中运行");
	const char *tty = ttyname(STDIN_FILENO);
	snprintf(cl->c->source, sizeof cl->c->source, "tty %s", tty ? tty : "?");
	if (ui_run(cl->c, NULL) < 0)
		return cli_fail("%s", errmsg());
	return CLI_OK;
}
