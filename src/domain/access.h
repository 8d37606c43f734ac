/* access.h — access requests (信息查阅申请, 6.4.3.6, R-AC-1): a lower center asks the center above it
 * for records of named types in a named subtree for a period; that center grants or refuses; while
 * a grant runs, the requester's unit may view those records (perm_check asks access_grants_view
 * through the feature row; service.c audits each read). */
#ifndef ZZ_ACCESS_H
#define ZZ_ACCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "ctx.h"
#include "perm.h"
#include "record.h"
#include "todo.h"
#include "user.h"

/* The record type of the requests (screens/access_request.cfg). */
#define ACCESS_TYPE "access_request"

/* Grant (GRANT true) or refuse request ID as the center it was addressed to; NOTE may be NULL
 * for a grant, a refusal needs one. */
int access_decide(struct ctx *c, const struct user *u, uint64_t id, bool grant, const char *note);
/* 0 when U may decide request ID now (addressed to U's unit, still waiting), else the reason
 * access_decide would give: the screen asks before the decision and its note are typed. */
int access_may_decide(struct ctx *c, const struct user *u, uint64_t id);
/* Whether a running grant of U's unit covers type T at UNIT (the date is today's). */
bool access_grants_view(struct ctx *c, const struct user *u, const struct rtype *t, const char *unit);
/* Whether request R grants T at UNIT on day TODAY (days since the epoch) — pure. */
bool access_covers(const struct units *us, const struct rec *r, const struct rtype *t, const char *unit, int today);

/* Requests addressed to U's unit, newest first (caller frees each and the array). */
int access_inbox(struct ctx *c, const struct user *u, struct rec ***out, int *n);
/* The "access" feature's to-do source: requests to U's unit waiting for a decision; and for the
 * requesting unit, each grant running today with its last day (kind "access_grant", opening the
 * request), a warning within security.access_warn_days of it. */
int access_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l);

/* The "access" feature's hook (domain.c): the request checked; the decision kept from the stored one. */
int access_before_store(struct ctx *c, DB_TXN *txn, struct rec *r, const struct rec *old, int64_t now);
/* The feature's frozen hook (feature.h): a decided request (granted or refused) is kept as decided:
 * for A ACT_EDIT ZZ_EINVAL "已审批的申请不能修改，请另行申请", for ACT_DELETE ZZ_EPERM
 * "已审批的信息查阅申请不能删除…" (so audited as refused); 0 for a waiting one and other records. */
int access_frozen(struct ctx *c, DB_TXN *txn, const struct rec *r, enum perm_action a);

#endif
