/* server.h — `zongzhi serve`: the SSH listener, one process per connection, the watched daemon. */
#ifndef ZZ_SERVER_H
#define ZZ_SERVER_H

#include <stdbool.h>

#include "ctx.h"

struct server_opts {
	const char *listen; /* --listen ADDR:PORT, or NULL for server.listen */
	bool foreground;    /* stay in the foreground (systemd, tests) */
};

/* Run the listener until SIGTERM or SIGINT. Errors before listening (settings, host keys, address
 * in use, already running) are returned with errmsg(); later ones go to the log. */
int server_run(struct ctx *c, const struct server_opts *o);
/* Stop the listener of this database home (and the daemon it started); sessions in progress go on. */
int server_stop(struct ctx *c);
/* This process logs where the listener does (server.log): what a command does to the running
 * service is found with the service's own lines. A log file the listener has not made yet is not
 * made here (ZZ_ENOENT, and the log stays on standard error). */
int server_log_join(struct ctx *c);
/* Ask the running listener, which runs the replication manager of its site, to hold the election
 * of a takeover (repl_takeover). */
int server_takeover(struct ctx *c);

#endif
