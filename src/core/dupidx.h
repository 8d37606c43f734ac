/* dupidx.h — the list indexes (idx_unit, idx_name, idx_idnum) as sorted duplicates. */
#ifndef ZZ_DUPIDX_H
#define ZZ_DUPIDX_H

#include <stdbool.h>
#include <stddef.h>

#include "store.h"

/* A row, as callers build and see it, is one byte string: the key (two NUL-terminated parts)
 * then the record id (8 bytes, big-endian). It is stored as a pair, the key once and each id a
 * sorted duplicate of it. No key is a prefix of another (each ends at its second NUL), so rows
 * sort as their pairs do: a row read back may be given again as a place to start from. */

/* Add ROW (N bytes); a row that is there already is not an error. */
int dupidx_put(struct store *st, DB *db, DB_TXN *txn, const void *row, size_t n);
/* Remove ROW by a cursor on its exact pair; ZZ_ENOENT when it is not there. */
int dupidx_del(DB *db, DB_TXN *txn, const void *row, size_t n);
int dupidx_has(DB *db, DB_TXN *txn, const void *row, size_t n, bool *has);
/* Put cursor C on the first row at or after START (SN bytes: a whole row, or a prefix of rows);
 * ROW gets it. FLAGS: 0 or DB_RMW. Returns Berkeley DB's code (DB_NOTFOUND: no such row). */
int dupidx_seek(DBC *c, const void *start, size_t sn, struct sb *row, u_int32_t flags);
/* Move cursor C by HOW (DB_NEXT, DB_PREV, DB_FIRST, DB_LAST, maybe | DB_RMW); ROW gets the row
 * there. Returns Berkeley DB's code. */
int dupidx_get(DBC *c, u_int32_t how, struct sb *row);

#endif
