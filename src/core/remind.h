/* remind.h — reminders left in a unit's to-do list by the daemon and the module rules (overdue
 * visits, missing patrol logs, updates due). Keyed by the unit's path, so that an account's list
 * is a prefix scan of its scope. */
#ifndef ZZ_REMIND_H
#define ZZ_REMIND_H

#include <stdint.h>

#include "store.h"

struct remind {
	int level;    /* TODO_* */
	int64_t due;  /* the deadline it is about, 0 when none */
	char unit[64]; /* the unit it is for */
	char text[512];
};

/* Put (or replace) the reminder KIND/REF of the unit at PATH. */
int remind_put(struct store *st, DB_TXN *txn, const char *path, const char *kind, const char *ref,
	       const struct remind *r);
/* Remove it; a reminder that is not there is not an error. */
int remind_del(struct store *st, DB_TXN *txn, const char *path, const char *kind, const char *ref);

typedef int (*remind_cb)(const char *kind, const char *ref, const struct remind *r, void *arg);
/* Reminders of the units whose path starts with PREFIX, in path order; CB returning non-zero stops
 * (a negative value is returned as an error). */
int remind_scan(struct store *st, DB_TXN *txn, const char *prefix, remind_cb cb, void *arg);

#endif
