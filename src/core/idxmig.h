/* idxmig.h — a home's list indexes migrated to sorted duplicates (`zongzhi migrate`). */
#ifndef ZZ_IDXMIG_H
#define ZZ_IDXMIG_H

#include <stdbool.h>

#include "ctx.h"

/* Build the list indexes (idx_unit, idx_name, idx_idnum) of C's home anew as sorted duplicates
 * from its records, in transactions of db.migrate_batch records each, the progress saved with every
 * batch: a migration killed half way goes on from there when run again. The store must have been
 * opened with STORE_MIGRATE. One process at a time (another is refused); the end is audited in
 * the transaction that marks the home migrated, as account USER of UNIT. *RECORDS: the records
 * built by this run; *TOTAL: by it and the interrupted runs it went on from (the home's records);
 * *ALREADY: the home was migrated already (nothing done). */
int idxmig_run(struct ctx *c, const char *user, const char *unit, long *records, long *total, bool *already);

#endif
