/* record.h — a record of some type: values in canonical text, metadata, and its storage. */
#ifndef ZZ_RECORD_H
#define ZZ_RECORD_H

#include <stdint.h>

#include "schema.h"
#include "store.h"
#include "util.h"

enum rec_state {
	REC_ACTIVE = 0,	  /* in use */
	REC_PENDING = 1,  /* imported, waiting to be claimed by its unit */
	REC_RETURNED = 2, /* sent back by a unit as not theirs */
	REC_UNROUTED = 3, /* imported, no unit matched */
	REC__NSTATES
};
/* The one name of each state, everywhere (lists, forms, claims, the command line). */
extern const char *const rec_state_zh[REC__NSTATES]; /* 在用, 待认领, 被退回, 未分派 */
/* The name of state S, "?" when it is none. */
const char *rec_state_name(int s);

enum rec_flag {
	REC_LATE = 1,	  /* entered after its entry deadline */
	REC_IMPORTED = 2, /* values as the last import left them: not edited here since */
};

struct rec {
	const struct rtype *t;
	uint64_t id; /* 0 until stored */
	char **v;    /* t->nf values, canonical text, NULL when empty */
	char *unit;  /* the unit (grid, village, …) the record belongs to */
	char *by_unit;
	char *by_user;
	int64_t created, updated;
	int state;
	unsigned flags;
	uint64_t person_id; /* of a person role: its person record, found without the key index */
	/* Bumped by every store (0: never stored, or stored before versions); a save names the
	 * version it read, so that it cannot silently undo a change made since (service_save). */
	uint64_t version;
	char *editor; /* who stored this version: "姓名（账号）", NULL when unknown */
	struct sb extra; /* encoded fields no longer declared, kept untouched */
};

struct rec *rec_new(const struct rtype *t);
void rec_free(struct rec **r);
struct rec *rec_dup(const struct rec *r);
const char *rec_get(const struct rec *r, const char *field);
/* Set a value without checking it (the caller has validated it); NULL or "" clears it. */
void rec_set_raw(struct rec *r, int field, const char *value);
void rec_set_meta(char **slot, const char *value);
/* Validate and set one field by id or Chinese label; the error names the field. */
int rec_set(struct rec *r, const char *field, const char *value);
/* The same for the field of index I. */
int rec_set_field(struct rec *r, int i, const char *value);
/* Fill derived fields (birth date and sex from the ID number). */
void rec_derive(struct rec *r);
/* Check every required field; on error *bad is the index of the first bad field. */
int rec_check(const struct rec *r, int *bad);
/* The record's display name (its name field, else its key, else its id). */
const char *rec_name(const struct rec *r, char *buf, size_t n);

/* codec.c: compact encoding by field id, so that adding a field needs no migration. */
void codec_encode(const struct rec *r, struct sb *out);
int codec_decode(struct rec *r, const void *buf, size_t n);
/* The unit of an encoded record, from its header only (caller frees; "" when it has none). */
int codec_unit(const void *buf, size_t n, char **unit);
/* A record of type T stored by an older version of the codec, in the current one into OUT: 1;
 * 0 when it is current already (OUT untouched); ZZ_EDB when it cannot be read. */
int codec_recode(const struct rtype *t, const void *buf, size_t n, struct sb *out);

/* Storage with indexes, in the caller's transaction. No permission checks here: see service.h. */
int record_load(struct store *st, DB_TXN *txn, const struct rtype *t, uint64_t id, struct rec **out,
		bool rmw);
/* Write R (assigning an id when it has none) and update the indexes from OLD (NULL when new). */
int record_store(struct store *st, DB_TXN *txn, struct rec *r, const struct rec *old);
int record_remove(struct store *st, DB_TXN *txn, const struct rec *r);
int record_by_key(struct store *st, DB_TXN *txn, const struct rtype *t, const char *key, uint64_t *id);
/* The record id of an idx_key value (as short as the id needs) or of a list index's duplicate (8
 * bytes, big-endian). */
int record_keyval(const void *v, size_t n, uint64_t *id);
/* The unit code of record ID of type T (caller frees), reading nothing else: a list by name checks
 * each row's scope with it. */
int record_unit(struct store *st, DB_TXN *txn, const struct rtype *t, uint64_t id, char **unit);

typedef int (*record_cb)(const struct rtype *t, uint64_t id, void *arg);
/* Records of type T in the subtree of unit code UNIT (all when empty), in tree order; CB returning
 * non-zero stops the scan. */
int record_scan_unit(struct store *st, DB_TXN *txn, const struct rtype *t, const char *unit,
		     record_cb cb, void *arg);
/* The ids of type T's records under unit UNIT, in tree order, read in bulk (DB_MULTIPLE_KEY):
 * into *IDS (caller frees), *N of them; when there are more than MAX, none (*IDS NULL, *N MAX + 1). */
int record_ids_unit(struct store *st, DB_TXN *txn, const struct rtype *t, const char *unit, long max, uint64_t **ids,
		    long *n);
/* record_text.c: records of type T under unit code UNIT (all when empty), in tree order, that may
 * hold TEXT (str_contains) in their key, their name or their unit's name: chosen by idx_key,
 * idx_name and the unit tree, no record read, when those two indexes hold at most ROWS_PER_RECORD
 * rows of T for each record under UNIT; else, or when T's name is not its own indexed field,
 * every record there. The caller checks each record CB gets (a sensitive key is a candidate
 * here); CB returning non-zero stops the scan. */
int record_scan_text(struct store *st, DB_TXN *txn, const struct rtype *t, const char *unit, const char *text,
		     long rows_per_record, record_cb cb, void *arg);
/* Every record that names ID number IDNUM, of any type. */
int record_scan_idnum(struct store *st, DB_TXN *txn, const char *idnum, record_cb cb, void *arg);
/* Records of type T whose indexed name starts with PREFIX. */
int record_scan_name(struct store *st, DB_TXN *txn, const struct rtype *t, const char *prefix,
		     record_cb cb, void *arg);
/* Records of type T in name order from the first whose (name, id) comes after (NAME, ID): a page
 * that starts where the last one ended, reached without walking the rows before it. NAME NULL:
 * from the first. */
int record_scan_name_after(struct store *st, DB_TXN *txn, const struct rtype *t, const char *name, uint64_t id,
			   record_cb cb, void *arg);
/* The two orders of a list read a page at a time: the unit index (tree order, the scope a key
 * prefix) and the name index (name order, the scope checked on each row by the caller). */
enum record_order { RECORD_BY_UNIT, RECORD_BY_NAME };
typedef int (*record_key_cb)(const struct rtype *t, uint64_t id, const void *key, size_t kn, void *arg);
/* Type T's rows of index ORDER (BY_UNIT: under unit code UNIT, all when empty) from key FROM (FN
 * bytes, a key an earlier call handed to CB) on: forward the rows after it, backward the rows
 * before it (AT: its own row first, when it is still there); FROM NULL: from the first row, or
 * backward from the last. CB gets each row with its key; returning non-zero stops the scan. */
int record_scan_page(struct store *st, DB_TXN *txn, enum record_order order, const struct rtype *t,
		     const char *unit, const void *from, size_t fn, bool at, bool backward, record_key_cb cb,
		     void *arg);
/* A name (bytes, caller frees) near which a share SHARE (0..1) of T's names come before it, from
 * the index's own estimate in a few dozen steps: where a page "in the middle" starts. */
int record_name_at(struct store *st, DB_TXN *txn, const struct rtype *t, double share, char **name);
/* Check type T's records against the four indexes: each stored record has its unit and key rows
 * and the rows of its own ID numbers and names; each row of T in idx_unit, idx_key, idx_name and
 * idx_idnum names a stored record. CB gets each problem (Chinese); *RECORDS the records read,
 * *PROBLEMS the count. Returns 0, or the error of a scan that could not be done. */
typedef void (*record_problem_cb)(const struct rtype *t, const char *problem, void *arg);
int record_verify(struct store *st, const struct rtype *t, record_problem_cb cb, void *arg, long *records,
		  long *problems);
/* Add R's rows to the list indexes (unit, ID numbers, names), not its key's: the migration of a
 * home's list indexes (idxmig.c) builds them from the records. */
int record_index_lists(struct store *st, DB_TXN *txn, const struct rec *r);
/* Count the records of type T under UNIT. */
int record_count_unit(struct store *st, DB_TXN *txn, const struct rtype *t, const char *unit,
		      long *out);

#endif
