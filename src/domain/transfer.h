/* transfer.h — CSV export and import of records (UTF-8, a header of Chinese labels). */
#ifndef ZZ_TRANSFER_H
#define ZZ_TRANSFER_H

#include <stdio.h>

#include "import_log.h"
#include "service.h"

/* The header of the unit column, before the fields' labels. */
#define TRANSFER_UNIT_LABEL "所属单位"

/* Write the records of type T under UNIT (NULL: the account's scope) that U may export. */
int export_csv(struct ctx *c, const struct user *u, const struct rtype *t, const char *unit, FILE *out,
	       long *count);

/* The same into a new file TITLE-YYYYMMDD-HHMMSS.csv of U's download folder (files.h), within its
 * quota and file size limit; *NAME (caller frees) is the file's name. */
int export_download(struct ctx *c, const struct user *u, const struct rtype *t, const char *unit, char **name,
		    long *count);

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

/* The account's upload folder (files.h: paths.files/ACCOUNT/upload): files the UI offers to import. */
char *import_upload_dir(struct ctx *c, const struct user *u);
/* File names in U's upload folder, newest first (caller frees with strv_free). */
int import_upload_list(struct ctx *c, const struct user *u, struct strv *out);
/* Import NAME (a file in U's upload folder) as U, with ENCODING and mapping MAP as import_opts
 * takes them (NULL: judged); the reject file goes next to it. */
int import_upload(struct ctx *c, const struct user *u, const struct rtype *t, const char *name,
		  const char *encoding, const char *map, struct import_result *res);

/* The last import by U's unit (the console: by UNIT, or its own plain loads when NULL), of any type,
 * into *LOG (caller frees with ilog_free), and its rejects to CB (NULL: none) as line, column, reason. */
typedef int (*import_reject_cb)(long line, const char *column, const char *reason, void *arg);
int import_last_rejects(struct ctx *c, const struct user *u, const char *unit, struct import_log *log,
			import_reject_cb cb, void *arg);

#endif
