/* import_log.h — imports.db: one entry per import (who, what file, how far it got, what it did),
 * the values each record last received from an import, and the R-CL-2 flags. */
#ifndef ZZ_IMPORT_LOG_H
#define ZZ_IMPORT_LOG_H

#include <stdint.h>

#include "record.h"
#include "store.h"

struct import_counts {
	long rows, added, updated, unchanged, rejected;
	long unrouted, pending, conflicts;
};
/* A += B, member by member. */
void import_counts_add(struct import_counts *a, const struct import_counts *b);

struct import_log {
	uint64_t id;
	char *type;
	char *unit; /* the importing unit */
	char *user;
	char *file;
	char *sha;     /* SHA-256 of the file: the same file resumes */
	char *rejects; /* the reject file */
	char *map;     /* mapping used, "" for our own format */
	char *enc;
	int64_t started, finished;
	bool done;
	int64_t offset;	 /* raw offset of the first row not yet committed */
	long line;	 /* physical lines before it */
	int64_t rej_off; /* length of the reject file at the last commit */
	struct import_counts n;
};

void ilog_free(struct import_log *l);
int ilog_put(struct store *st, DB_TXN *txn, const struct import_log *l);
int ilog_get(struct store *st, DB_TXN *txn, uint64_t id, struct import_log *out);
/* The latest import of the file with hash SHA into TYPE by UNIT; ZZ_ENOENT when none. */
int ilog_find_file(struct store *st, DB_TXN *txn, const char *sha, const char *type, const char *unit,
		   uint64_t *id);
/* The latest finished import of TYPE by UNIT (TYPE NULL: of any type); ZZ_ENOENT when none. */
int ilog_last(struct store *st, DB_TXN *txn, const char *unit, const char *type, uint64_t *id);
/* Note that UNIT finished an import of TYPE (clears its R-CL-2 flag). */
int ilog_mark_done(struct store *st, DB_TXN *txn, const struct import_log *l);

/* The values record T:ID last received from an import (a record holding only those fields). */
int ilog_baseline_get(struct store *st, DB_TXN *txn, const struct rtype *t, uint64_t id, struct rec **out);
int ilog_baseline_put(struct store *st, DB_TXN *txn, const struct rec *values);

/* A person edits imported record OLD into R: keep OLD's values as the baseline the next import
 * compares with, and clear REC_IMPORTED in R (no-op for records not clean from an import). */
int ilog_local_edit(struct store *st, DB_TXN *txn, const struct rec *old, struct rec *r);
int ilog_baseline_del(struct store *st, DB_TXN *txn, const struct rtype *t, uint64_t id);

/* R-CL-2: the time UNIT was flagged for not importing TYPE (0 when not flagged). */
int ilog_flag_get(struct store *st, DB_TXN *txn, const char *unit, const char *type, int64_t *since);
int ilog_flag_set(struct store *st, DB_TXN *txn, const char *unit, const char *type, int64_t since);
/* When the R-CL-2 rule first watched UNIT for TYPE: the clock of a unit that never imported.
 * Set to NOW when unset; *since gets the stored time. */
int ilog_watch(struct store *st, DB_TXN *txn, const char *unit, const char *type, int64_t now, int64_t *since);

#endif
