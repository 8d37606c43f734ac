/* claim_daemon.h — the claims' daemon rules, to-do items and settings check (claim_daemon.c). */
#ifndef ZZ_CLAIM_DAEMON_H
#define ZZ_CLAIM_DAEMON_H

#include <stdbool.h>
#include <stdint.h>

#include "ctx.h"
#include "todo.h"
#include "user.h"

/* Count the claims whose deadline passed by NOW, per unit and month, once (R-CL-1). */
int claims_rule_overdue(struct ctx *c, int64_t now);
/* Daily: flag each responsible department that has not imported its types for
 * claims.import_max_days (R-CL-2). */
int claims_rule_import_missing(struct ctx *c, int64_t now);
/* To-do items for U: claims waiting at its unit, its unrouted and returned rows, R-CL-2 flags. */
int claims_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l);
/* Check claims.importers and claims.import_levels against departments and record types. */
int claims_check_settings(struct ctx *c);
/* Does department DEPT import type T (claims.importers)? */
bool claims_imports(const struct conf *cf, const char *dept, const char *type);

#endif
