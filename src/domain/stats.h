/* stats.h — counters of records and events (stats.db), kept in the same transaction as the change
 * they count, so that reports, charts and bulletins read figures instead of scanning (issue 14).
 *
 * A thing counted (a record, an event) has facts: (subject, month, dimension, value) at its unit.
 * One row per fact and unit holds how many things have it:
 *
 *   key   subject \0 YYYY-MM \0 dim \0 value \0 unit path      (path "32/3212/321204/…/")
 *   value be64 count (rows at 0 are deleted)
 *
 * subject   "event" for dispute events, else a record type id ("youth", "person", …)
 * month     events: the registration month (facts "closed_in" the closing month); records: the
 *           month they were added
 * dim/value "all"/"" (every thing), events: category, urgency, state (new/handling/fedback/closed),
 *           accepted/1, reported/1 (went up from the unit that registered it), overdue/1 (a card in
 *           its current holding), method (onsite/reported/assigned, once closed), closed_in/"" (in
 *           the closing month); each of these but urgency also as "category*DIM" = "CAT|VALUE";
 *           records: late/1 (entered after the deadline of its entry rule: the late mark), the
 *           fields named in stats.record_fields (conf/stats.cfg), value = the code,
 *           and "A*B" pairs of fields as "A*B" = "CODE_A|CODE_B"
 * unit      events: the unit that registered it (where the dispute is); records: their unit
 *
 * A subtree is a path prefix, so a cell of a county's form is ONE prefix scan over its units'
 * rows (stats_get); "by child" buckets the same scan (stats_children); 12 months of a unit are 12
 * such scans (stats_months). Nothing here checks permissions: callers (the report engine, charts)
 * pass the path of a unit the account may see (perm_check). */
#ifndef ZZ_STATS_H
#define ZZ_STATS_H

#include "ctx.h"
#include "record.h"
#include "user.h"
#include "util.h"
#include "workflow.h"

#define STATS_EVENT "event"

/* The facts of one thing, each a complete key (see above). */
struct stats_facts {
	struct sb *k;
	int n;
};
void stats_facts_free(struct stats_facts *f);
/* Whether records of T are counted: not a workflow's (events count themselves) nor the person
 * records under the roles (the roles are counted). */
bool stats_counts(const struct rtype *t);
/* Facts of record R (none for workflow records: events are counted by stats_event_facts). */
void stats_record_facts(struct ctx *c, const struct rec *r, struct stats_facts *out);
/* Facts of event EV with its record R. */
void stats_event_facts(struct ctx *c, const struct event *ev, const struct rec *r,
		       struct stats_facts *out);
/* Move the counters from BEFORE's facts to AFTER's (either may be empty), in the caller's
 * transaction. */
int stats_apply(struct store *st, DB_TXN *txn, const struct stats_facts *before,
		const struct stats_facts *after);

/* Counters of many new records added up in memory and written at once (the demo's bulk load):
 * one row write per distinct key instead of one per record. Its size is bounded by the keys
 * (types x months x units x values), not by the records counted. */
struct stats_tally {
	struct sb *k;
	long long *n;
	int len;
	int *slot; /* open addressing over k: entry + 1, 0 free */
	size_t cap;
};
/* Count new record R (as stats_after_store does for a record without an old version). */
void stats_tally_record(struct ctx *c, struct stats_tally *t, const struct rec *r);
/* Add the tally to stats.db in the caller's transaction (in key order); the tally is kept (the
 * caller empties it once the transaction is in). */
int stats_tally_write(struct store *st, DB_TXN *txn, const struct stats_tally *t);
void stats_tally_free(struct stats_tally *t); /* also empties it for reuse */

/* Hooks of the record save and delete transactions (the "stats" feature row). */
int stats_after_store(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *r,
		      const struct rec *old, int64_t now);
int stats_after_delete(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *old,
		       int64_t now);

/* "YYYY-MM" of time T (local time) into BUF[8]. */
void stats_month(int64_t t, char buf[8]);
/* The month N months before YM ("2026-03", 1 -> "2026-02") into OUT[8]. */
void stats_month_add(const char *ym, int n, char out[8]);
/* 0 when month YM ("YYYY-MM") has begun at NOW, else ZZ_EINVAL "2027-05 月还没有开始…": nothing is
 * reported, filled or counted for a month to come. */
int stats_month_begun(const char *ym, int64_t now);

/* Reading (NULL TXN: a read of its own). PATH: a unit path (its subtree) or "" (everything).
 * The sum of SUBJECT/MONTH/DIM/VAL over PATH's subtree. */
int stats_get(struct store *st, DB_TXN *txn, const char *path, const char *month,
	      const char *subject, const char *dim, const char *val, long long *out);
/* The same for the N months ending with MONTH (oldest first): a trend. */
int stats_months(struct store *st, DB_TXN *txn, const char *path, const char *month, int n,
		 const char *subject, const char *dim, const char *val, long long *out);
/* The sum over every month up to MONTH: what exists at its end (a stock; scans the subject). */
int stats_upto(struct store *st, DB_TXN *txn, const char *path, const char *month,
	       const char *subject, const char *dim, const char *val, long long *out);
/* How many things of SUBJECT there are under PATH (its "all" rows of every month): a seek per
 * month, not a scan of the subject. ZZ_ENOENT when this home keeps no counters. For a record
 * type, only when stats_counts says it is counted. */
int stats_total(struct store *st, DB_TXN *txn, const char *path, const char *subject, long long *out);
typedef int (*stats_cb)(const char *key, long long n, void *arg);
/* Every value of SUBJECT/MONTH/DIM summed over PATH's subtree: CB(value, count), values in order.
 */
int stats_values(struct store *st, DB_TXN *txn, const char *path, const char *month,
		 const char *subject, const char *dim, stats_cb cb, void *arg);
/* SUBJECT/MONTH/DIM/VAL summed by each child of unit CODE (its subtree): CB(child code, count),
 * children with nothing included (count 0), in code order. */
int stats_children(struct ctx *c, DB_TXN *txn, const char *code, const char *month,
		   const char *subject, const char *dim, const char *val, stats_cb cb, void *arg);

/* Recompute every counter from a scan of the records and events (zongzhi stats rebuild). */
int stats_rebuild(struct ctx *c, long *rows);
/* Compare the counters with a scan; *bad is the number of rows that differ (errmsg names the
 * first). */
int stats_verify(struct ctx *c, long *rows, long *bad);
/* Check stats.record_fields against the record types. */
int stats_conf_check(struct ctx *c);

#endif
