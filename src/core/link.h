/* link.h — fields that name another record (ref = "type", or ref = "@field" where a single-choice
 * field picks the type): which field applies, what it names, and the check before a save. */
#ifndef ZZ_LINK_H
#define ZZ_LINK_H

#include "ctx.h"
#include "record.h"
#include "user.h"

/* The type field I of R names, or NULL (no ref, or its selector is empty). */
const struct rtype *link_type(const struct schema *s, const struct rec *r, int i);
/* Whether field I of R is the one that names the record (a selector's fields take turns: the
 * key-kind field when the type has such a key, else the record-number field). */
bool link_applies(const struct schema *s, const struct rec *r, int i);
/* The record field I of R names: ZZ_ENOENT (message names the field) when it names none. */
int link_resolve(struct store *st, DB_TXN *txn, const struct rec *r, int i, const struct rtype **t, uint64_t *id);
/* Every reference of R names an existing record that U may see; *bad is the bad field. */
int link_check(struct ctx *c, const struct user *u, const struct rec *r, int *bad);
/* link_check for field I alone: 0, or ZZ_EINVAL (errmsg names the field) when it names no record U
 * may see. */
int link_check_field(struct ctx *c, const struct user *u, const struct rec *r, int i);
/* Whether U may see R as far as its subject goes: a record naming its subject through a selector
 * ("@field", e.g. a service record) is seen only by those who may see records of the subject's type
 * there, so that a department does not read about another line's people. */
bool link_visible(struct ctx *c, const struct user *u, const struct rec *r);
/* Whether type T has such selector references (its records need loading to check). */
bool link_has_selector(const struct rtype *t);
/* "出租房 桥头社区8号" (its type's title and its name) for the record field I of R names, as U may see
 * it (caller frees); NULL when none. *T and *ID name that record when U may see it, else *T is NULL
 * and the text says so. */
char *link_describe(struct ctx *c, const struct user *u, const struct rec *r, int i, const struct rtype **t,
		    uint64_t *id);

#endif
