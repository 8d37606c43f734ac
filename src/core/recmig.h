/* recmig.h — a home's records rewritten in the current version of the record codec (`zongzhi
 * migrate`): older records are read as they are, this only gives their bytes back. */
#ifndef ZZ_RECMIG_H
#define ZZ_RECMIG_H

#include "ctx.h"

/* Rewrite every record of C's home stored by an older codec in the current one, in transactions
 * of BATCH records, the progress saved with every batch (a run killed half way goes on from
 * there); then mark the home done (later runs do nothing) and audit the records rewritten as
 * account USER of UNIT. *RECORDS: the records rewritten by this run. */
int recmig_run(struct ctx *c, const char *user, const char *unit, long batch, long *records);

#endif
