/* import.h — CSV import of records (import.c): our own export's format or a mapping of conf/import/. */
#ifndef ZZ_IMPORT_H
#define ZZ_IMPORT_H

#include "import_log.h"
#include "service.h"

struct import_opts {
	const char *file;
	const char *unit;     /* unit for rows that name none */
	const char *rejects;  /* reject file; NULL: FILE.rejects.tsv */
	const char *by;	      /* importing unit, for the console; an account imports as its own unit */
	const char *encoding; /* utf-8, gb18030; NULL: the mapping's, else judged from the file */
	const char *map;      /* mapping of conf/import/; NULL: our own header, else the one that fits */
};

struct import_result {
	struct import_counts n;
	uint64_t import_id;
	long resumed_at;    /* line an interrupted run of the same file was continued from, 0 */
	char *rejects_path; /* owned */
	char *map;	    /* owned; NULL for our own format */
	char enc[16];
};

/* Read FILE into type T as U: rows are matched by the type's key, so importing the same file
 * again changes nothing; bad rows go to the reject file with line, column and reason. An import
 * by a unit (an account, or --by) routes each new row to the unit it belongs to, to be claimed
 * there (claim.h); an interrupted import of the same file continues where it stopped. */
int import_csv(struct ctx *c, const struct user *u, const struct rtype *t, const struct import_opts *o,
	       struct import_result *res);

void import_result_free(struct import_result *res);

#endif
