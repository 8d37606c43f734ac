/* due.h — the due-time index: deadlines as rows sorted by time, so the daemon reads only what is due. */
#ifndef ZZ_DUE_H
#define ZZ_DUE_H

#include <stdbool.h>
#include <stdint.h>

#include "store.h"

/* Rows are (time, kind, ref): kind names the deadline rule ("ev_accept", "claim", "visit", …),
 * ref the object ("dispute_event:12"). A row is removed when its deadline is met or superseded. */
int due_put(struct store *st, DB_TXN *txn, int64_t when, const char *kind, const char *ref);
int due_del(struct store *st, DB_TXN *txn, int64_t when, const char *kind, const char *ref);
/* Is the row (WHEN, KIND, REF) there? (zongzhi verify) */
int due_has(struct store *st, DB_TXN *txn, int64_t when, const char *kind, const char *ref, bool *has);

typedef int (*due_cb)(int64_t when, const char *kind, const char *ref, void *arg);
/* Rows due at or before UPTO, oldest first, of KIND (NULL: every kind); CB returning non-zero
 * stops (a negative value is returned as an error). Rows past UPTO are never read. */
int due_scan(struct store *st, DB_TXN *txn, int64_t upto, const char *kind, due_cb cb, void *arg);

#endif
