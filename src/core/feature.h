/* feature.h — how a feature of src/domain plugs into core: one row per feature, gathered in one
 * array that the top (main.c, the tests) hands to ctx_load. Core calls features only through these
 * rows, so that adding a feature adds a row, not calls in core. Every member may be NULL. */
#ifndef ZZ_FEATURE_H
#define ZZ_FEATURE_H

#include <stdbool.h>
#include <stdint.h>

#include "ctx.h"
#include "daemon.h"
#include "perm.h"
#include "record.h"
#include "todo.h"
#include "user.h"

struct feature {
	const char *name;
	/* Check the feature's settings, before the record types are loaded. */
	int (*conf_check)(const struct conf *conf);
	/* Load what the feature needs from settings and record types into C; unload frees it. */
	int (*load)(struct ctx *c);
	void (*unload)(struct ctx *c);
	/* Before validation: fill fields the feature computes from others. */
	void (*derive)(struct ctx *c, struct rec *r);
	/* In the save transaction: before R is written (OLD NULL for a new record), and after; after a
	 * record is removed. An error aborts the transaction. */
	int (*before_store)(struct ctx *c, DB_TXN *txn, struct rec *r, const struct rec *old, int64_t now);
	int (*after_store)(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *r,
			   const struct rec *old, int64_t now);
	int (*after_delete)(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *old, int64_t now);
	/* Whether stored record R may be changed (A: ACT_EDIT) or deleted (ACT_DELETE) at all now,
	 * whoever asks: 0, or an error saying why not (a closed event, a decided access request). Asked
	 * in the save and delete transactions (TXN), and by screens before they offer the action (TXN
	 * NULL). */
	int (*frozen)(struct ctx *c, DB_TXN *txn, const struct rec *r, enum perm_action a);
	/* Whether U, who has the right to edit records at R's unit, may change stored record R: 0, or
	 * an error saying who may (an event: the unit holding it and those above, not a department
	 * that shares its level's events to read). Asked like frozen. */
	int (*editable)(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *r);
	/* The feature's daemon rules, run in order before core's housekeeping. */
	const struct daemon_rule *rules;
	int nrules;
	/* The feature's items of an account's to-do list. */
	int (*todo)(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l);
	/* What a read-only account (perm_read_only: a leader) is shown instead: lines of kind
	 * "digest" summing up its scope, from what the feature keeps already (no scan of records). */
	int (*digest)(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l);
	/* The feature's own databases, opened by store_open with core's (ids from DBI__CORE up). */
	const struct store_dbdef *dbs;
	int ndbs;
	/* Convert the feature's rows of a home from before STORE_FORMAT_NOW (`zongzhi migrate`,
	 * idxmig.c), in transactions of at most BATCH rows, each leaving what is left to convert
	 * where a later run finds it (a run killed half way goes on when run again); adds the rows
	 * converted to *ROWS. */
	int (*migrate)(struct ctx *c, long batch, long *rows);
	/* A grant's "types" selector word the feature knows ("imports"): whether it covers type T for
	 * an account of department DEPT; false for a word it does not know. */
	bool (*selector)(struct ctx *c, const char *word, const char *dept, const struct rtype *t);
	/* Whether a grant the feature keeps lets U view records of type T at UNIT, outside U's scope
	 * (R-AC-1: an access request granted by an upper center, while it runs). */
	bool (*grants_view)(struct ctx *c, const struct user *u, const struct rtype *t, const char *unit);
};

#endif
