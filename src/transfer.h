/* transfer.h — CSV export and import of records (UTF-8, a header of Chinese labels). */
#ifndef ZZ_TRANSFER_H
#define ZZ_TRANSFER_H

#include <stdio.h>

#include "service.h"

/* The header of the unit column, before the fields' labels. */
#define TRANSFER_UNIT_LABEL "所属单位"

/* Write the records of type T under UNIT (NULL: the account's scope) that U may export. */
int export_csv(struct ctx *c, const struct user *u, const struct rtype *t, const char *unit, FILE *out,
	       long *count);

struct import_opts {
	const char *file;
	const char *unit;    /* unit for rows without a unit column */
	const char *rejects; /* reject file; NULL: FILE.rejects.tsv */
};

struct import_result {
	long rows, added, updated, unchanged, rejected;
	char *rejects_path; /* owned */
};

/* Read FILE into type T as U: rows are matched by the type's key, so importing the same file
 * again changes nothing; bad rows go to the reject file with line, column and reason. */
int import_csv(struct ctx *c, const struct user *u, const struct rtype *t, const struct import_opts *o,
	       struct import_result *res);

#endif
