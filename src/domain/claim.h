/* claim.h — imported records on their way to the unit they belong to (R-CL-1): the list a unit
 * claims from, accept / send back / route by hand, values an import could not take because they
 * were edited here, and the per-unit per-month count of overdue claims (claim_wait.db, claims.db). */
#ifndef ZZ_CLAIM_H
#define ZZ_CLAIM_H

#include <stdint.h>

#include "service.h"
#include "todo.h"

/* A record waiting at a unit: REC_PENDING at the unit that should claim it, or REC_UNROUTED /
 * REC_RETURNED at the importing unit, to be routed (again) by hand. */
struct claim {
	const struct rtype *t;
	uint64_t id;
	char *unit;
	int state;
	uint64_t import_id; /* 0 when routed by hand */
	int64_t since;	    /* when it reached the unit */
	int64_t due;	    /* claim deadline (REC_PENDING), else 0 */
	char *grid;	    /* grid the file named, suggested when claiming */
	char *importer;	    /* the importing unit, where a returned record goes */
	char *note;	    /* why it was sent back */
};

void claim_clear(struct claim *cl);
/* The order of a unit's claims in claim_wait.db: by the record id, the first 8 bytes of each. */
int claim_dup_cmp(DB *db, const DBT *a, const DBT *b);
/* Move the claims of a home from before claim_wait.db out of claims.db (struct feature's
 * migrate): BATCH a transaction, *ROWS counts them. */
int claim_migrate(struct ctx *c, long batch, long *rows);
/* Storage, in the caller's transaction; no permission checks. */
int claim_put(struct store *st, DB_TXN *txn, const struct claim *cl);
int claim_del(struct store *st, DB_TXN *txn, const char *unit, const struct rtype *t, uint64_t id);
int claim_get(struct store *st, DB_TXN *txn, const char *unit, const struct rtype *t, uint64_t id,
	      struct claim *out);
typedef int (*claim_cb)(const struct claim *cl, void *arg);
/* The claims waiting at UNIT exactly, by type and id; CB returning non-zero stops. */
int claim_scan(struct store *st, DB_TXN *txn, const char *unit, claim_cb cb, void *arg);

/* Where a row goes that names unit TARGET (NULL: none) when imported by IMPORTER, whose scope is
 * SCOPE: *STATE is REC_ACTIVE (the importer's own village takes it at once), REC_PENDING (waits at
 * *UNIT, with *GRID suggested) or REC_UNROUTED (*UNIT is the importer). Pointers are into US or
 * the arguments. */
void claim_target(const struct units *us, const char *scope, const char *importer, const char *target,
		  int *state, const char **unit, const char **grid);
/* The claim deadline of a record reaching a unit at SINCE (claims.deadline_days). */
int64_t claim_due(struct ctx *c, int64_t since);

/* Actions as a person takes them: permission (ACT_CLAIM at the record's unit; ACT_IMPORT to route
 * from the importer's list), one transaction, audit. */
int claims_accept(struct ctx *c, const struct user *u, const struct rtype *t, uint64_t id, const char *grid);
int claims_return(struct ctx *c, const struct user *u, const struct rtype *t, uint64_t id, const char *reason);
int claims_route(struct ctx *c, const struct user *u, const struct rtype *t, uint64_t id, const char *unit);
/* The claims waiting at UNIT (NULL: U's own unit) that U may see. */
int claims_list(struct ctx *c, const struct user *u, const char *unit, claim_cb cb, void *arg);

/* A value an import did not take because it was edited here since the last import. */
struct claim_conflict {
	const struct rtype *t;
	uint64_t id;
	int field;
	char *ours, *theirs;
	uint64_t import_id;
};
int conflict_put(struct store *st, DB_TXN *txn, const struct rtype *t, uint64_t id, int field, const char *ours,
		 const char *theirs, uint64_t import_id);
typedef int (*conflict_cb)(const struct claim_conflict *cf, void *arg);
/* Conflicts of records under UNIT (NULL: U's scope) that U may edit. */
int claims_conflicts(struct ctx *c, const struct user *u, const char *unit, conflict_cb cb, void *arg);
/* Decide a conflict: take the file's value (THEIRS) or keep ours; audited either way. */
int claims_resolve(struct ctx *c, const struct user *u, const struct rtype *t, uint64_t id, const char *field,
		   bool theirs);

/* Overdue claims counted in month YM ("2026-11") at UNIT (monthly bulletin, R-RP-4). */
int claims_month_count(struct store *st, DB_TXN *txn, const char *ym, const char *unit, long *n);
int claims_month_add(struct store *st, DB_TXN *txn, const char *ym, const char *unit, long n);
typedef int (*claims_month_cb)(const char *unit, long n, void *arg);
int claims_month_scan(struct store *st, DB_TXN *txn, const char *ym, claims_month_cb cb, void *arg);

#endif
