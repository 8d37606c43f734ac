/* report_entry.h — monthly figures entered as records (R-RP-1): months never filed. */
#ifndef ZZ_REPORT_ENTRY_H
#define ZZ_REPORT_ENTRY_H

#include <stdbool.h>

#include "ctx.h"
#include "todo.h"
#include "user.h"

/* The daemon rule: mark each month with no record by its deadline, once, audited. */
int report_entry_rule(struct ctx *c, int64_t now);
/* Whether MONTH of type T at UNIT was marked as never filed by its deadline. */
bool report_entry_missing(struct ctx *c, const struct rtype *t, const char *month,
			  const char *unit);
/* The new record a to-do item of kind "entry" asks for (REF: "TYPE:YYYY-MM:UNIT"): its type into *T
 * and, into INIT, field id / value pairs: the year, the month and the filing unit. 0, or ZZ_EINVAL
 * when REF names no entry rule's month. */
int report_entry_defaults(struct ctx *c, const char *ref, const struct rtype **t, struct strv *init);
/* The to-do source: months not yet filed, due or overdue, for the accounts that enter them. */
int report_entry_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l);

#endif
