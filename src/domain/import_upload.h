/* import_upload.h — what the UI imports from: the accounts' upload folders, the last import's rejects. */
#ifndef ZZ_IMPORT_UPLOAD_H
#define ZZ_IMPORT_UPLOAD_H

#include "import.h"

/* The accounts' upload folders (paths.upload/ACCOUNT): files the UI offers to import. */
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
