/* idxmig.h — a home's files migrated to their current format (`zongzhi migrate`). */
#ifndef ZZ_IDXMIG_H
#define ZZ_IDXMIG_H

#include <stdbool.h>

#include "ctx.h"

/* Bring C's home to STORE_FORMAT_NOW: build its list indexes (idx_unit, idx_name, idx_idnum)
 * anew as sorted duplicates from its records, in transactions of db.migrate_batch records each,
 * the progress saved with every batch (a home before STORE_FORMAT_LISTS); then the features'
 * conversions (struct feature's migrate: claims as sorted duplicates), in batches of as many rows.
 * A migration killed half way goes on from there when run again. The store must have been opened
 * with STORE_MIGRATE. One process at a time (another is refused); the end is audited in the
 * transaction that marks the home migrated, as account USER of UNIT. *RECORDS: the records read
 * for the list indexes by this run; *TOTAL: with those of the runs it went on from (a resumed
 * migration); *ROWS: the rows the features converted; *ALREADY: the home was migrated already
 * (nothing done). */
int idxmig_run(struct ctx *c, const char *user, const char *unit, long *records, long *total, long *rows,
	       bool *already);

#endif
