/* report_export.h — a monthly form as an xlsx or CSV file in the account's download folder. */
#ifndef ZZ_REPORT_EXPORT_H
#define ZZ_REPORT_EXPORT_H

#include "report.h"

/* The account's download folder: paths.download/ACCOUNT (caller frees). */
char *report_download_dir(struct ctx *c, const struct user *u);
/* Write F as FORMAT ("xlsx", "csv" in UTF-8, "csv-gb18030") into U's download folder (0600),
 * audited; *PATH is the file written (caller frees). */
int report_export(struct ctx *c, const struct user *u, const struct rp_form *f, const char *format, char **path);

#endif
