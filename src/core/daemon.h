/* daemon.h — the background daemon: one pass runs the features' rules (feature.h), then core's
 * housekeeping, in order. */
#ifndef ZZ_DAEMON_H
#define ZZ_DAEMON_H

#include <stdbool.h>
#include <stdint.h>

#include "ctx.h"
#include "todo.h"
#include "user.h"

/* A deadline or housekeeping rule. RUN must be idempotent: running a pass twice at the same time
 * changes nothing the second time (a card or a deduction is applied once). */
struct daemon_rule {
	const char *name;
	const char *help;
	int (*run)(struct ctx *c, int64_t now);
};

/* One pass at time NOW (the daemon passes time(NULL); tests drive it with libfaketime). In
 * maintenance mode (maint.h) a pass runs no rule. */
int daemon_pass(struct ctx *c, int64_t now);
bool daemon_paused(struct ctx *c);
/* Run passes every daemon.interval_s seconds until SIGTERM or SIGINT. After
 * daemon.max_db_failed_passes passes in a row with a database error, it writes DAEMON_FAILED_FILE
 * in the home (the reason) and returns ZZ_EDB, so that its supervisor restarts it; a pass with
 * no database error removes the file. */
int daemon_loop(struct ctx *c);
#define DAEMON_FAILED_FILE "daemon.failed"
/* The administrators' to-do item while that file is there. */
int daemon_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l);

/* Run FN once a day: when job NAME has not yet succeeded on NOW's date (remembered in meta). */
int daemon_daily(struct ctx *c, const char *name, int64_t now, int (*fn)(struct ctx *c, int64_t now));

#endif
