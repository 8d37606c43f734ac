/* daemon.h — the background daemon: one pass runs the features' rules (feature.h), then core's
 * housekeeping, in order. */
#ifndef ZZ_DAEMON_H
#define ZZ_DAEMON_H

#include <stdint.h>

#include "ctx.h"

/* A deadline or housekeeping rule. RUN must be idempotent: running a pass twice at the same time
 * changes nothing the second time (a card or a deduction is applied once). */
struct daemon_rule {
	const char *name;
	const char *help;
	int (*run)(struct ctx *c, int64_t now);
};

/* One pass at time NOW (the daemon passes time(NULL); tests drive it with libfaketime). */
int daemon_pass(struct ctx *c, int64_t now);
/* Run passes every daemon.interval_s seconds until SIGTERM or SIGINT. */
int daemon_loop(struct ctx *c);

/* Run FN once a day: when job NAME has not yet succeeded on NOW's date (remembered in meta). */
int daemon_daily(struct ctx *c, const char *name, int64_t now, int (*fn)(struct ctx *c, int64_t now));

#endif
