/* office_wait.h — the office records waiting at each unit (office.h), kept as rows so that a unit's
 * to-do list reads its own few instead of every document of the home: "wait" \0 type \0 unit \0
 * be64 id in DBI_META while record ID waits there (a document it has not read, an entry reported to
 * it and not read, a proposal to it not answered). The rows change with the record in the same
 * transaction; a home made before them gets them built once (office_wait_ready). */
#ifndef ZZ_OFFICE_WAIT_H
#define ZZ_OFFICE_WAIT_H

#include <stdbool.h>
#include <stdint.h>

#include "ctx.h"
#include "record.h"

/* In TXN: remove the rows of OLD (NULL: a new record), add those of R (NULL: deleted). */
int office_wait_sync(struct ctx *c, DB_TXN *txn, const struct rec *old, const struct rec *r);
/* In TXN: record ID of type T no longer waits at UNIT (read, answered). */
int office_wait_done(struct ctx *c, DB_TXN *txn, const struct rtype *t, uint64_t id, const char *unit);
/* The ids of type T waiting at UNIT, newest first, into *IDS (caller frees), *N of them. */
int office_wait_ids(struct ctx *c, const struct rtype *t, const char *unit, uint64_t **ids, int *n);
/* Whether the rows are there to be read: built now if the home has none yet and may be written
 * (not a standby); false when they cannot be had (the caller reads the records instead). */
bool office_wait_ready(struct ctx *c);

#endif
