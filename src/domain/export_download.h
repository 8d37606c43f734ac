/* export_download.h — an export from the UI into the account's download folder (files.h). */
#ifndef ZZ_EXPORT_DOWNLOAD_H
#define ZZ_EXPORT_DOWNLOAD_H

#include "export.h"

/* export_csv into a new file TITLE-YYYYMMDD-HHMMSS.csv of U's download folder, within its quota
 * and file size limit; *NAME (caller frees) is the file's name. */
int export_download(struct ctx *c, const struct user *u, const struct rtype *t, const char *unit,
		    char **name, long *count);

#endif
