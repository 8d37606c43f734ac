/* unit_admin.h — the unit tree as the system administrator changes it from the UI: permission
 * (admin right, inside the account's scope), one transaction, audit. */
#ifndef ZZ_UNIT_ADMIN_H
#define ZZ_UNIT_ADMIN_H

#include "ctx.h"
#include "user.h"

/* A unit CODE called NAME under PARENT (a unit in ACTOR's scope), one level below it. */
int unit_admin_add(struct ctx *c, const struct user *actor, const char *code, const char *name, const char *parent);
/* A new NAME for unit CODE (in ACTOR's scope). */
int unit_admin_rename(struct ctx *c, const struct user *actor, const char *code, const char *name);

#endif
