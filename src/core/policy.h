/* policy.h — the password and lockout policy: the numbers of conf/ (security.password.*,
 * security.lockout.*) are defaults, which the security administrator may override in the
 * database (meta.db). Every reader goes through policy_int, so a change holds for every process
 * at its next check, with no restart. The PCRE2 character classes stay in conf/ only. */
#ifndef ZZ_POLICY_H
#define ZZ_POLICY_H

#include <db.h>
#include <stdbool.h>
#include <stdint.h>

#include "ctx.h"
#include "user.h"

struct policy_item {
	const char *path; /* a CONF_INT row of conf_table[] */
	const char *zh;   /* what it means, for the security administrator's screen */
};
extern const struct policy_item policy_items[];
extern const int policy_items_len;

/* The value of policy setting PATH: the database's when changed, else conf's. TXN: the caller's
 * transaction, when it holds one (NULL otherwise). A database that cannot be read gives conf's. */
long long policy_int(struct ctx *c, DB_TXN *txn, const char *path);

struct policy_value {
	long long value, conf; /* in force; in the settings file */
	long long min, max;    /* the range it may be set in */
	bool changed;          /* set in the database */
	char by[64];           /* who changed it, and when */
	int64_t at;
};
int policy_get(struct ctx *c, const char *path, struct policy_value *out);
/* TEXT as a value of PATH: a number in its range (policy_get's min and max), or ZZ_EINVAL saying
 * why. */
int policy_parse(struct ctx *c, const char *path, const char *text, long long *out);
/* Set PATH to TEXT for ACTOR (the security right, perm_check): audited with the old and the new
 * value in the same transaction; a refusal is audited too. */
int policy_set(struct ctx *c, const struct user *actor, const char *path, const char *text);

#endif
