/* report_export.h — a monthly form as an xlsx or CSV file in the account's download folder. */
#ifndef ZZ_REPORT_EXPORT_H
#define ZZ_REPORT_EXPORT_H

#include "report.h"

/* The account's download folder (files.h: paths.files/ACCOUNT/download; caller frees). */
char *report_download_dir(struct ctx *c, const struct user *u);
/* Shared with the other exports (analysis tables): the path of NAME in U's download folder, made
 * as files.h makes it (caller frees *OUT); a new file only the account reads (0600), replacing an earlier one
 * (returns the descriptor); a CSV cell, quoted, with text a spreadsheet would run as a formula
 * neutralised. */
int report_download_path(struct ctx *c, const struct user *u, const char *name, char **out);
int report_open_private(const char *path);
void report_csv_text(struct sb *out, const char *s);
/* CSV text S as a file's bytes into OUT: UTF-8 after a BOM, or GB18030 when GB. */
int report_csv_encode(const struct sb *s, bool gb, struct sb *out);
/* CSV text S encoded so (report_csv_encode) into a new private file PATH. */
int report_csv_write(const struct sb *s, bool gb, const char *path);
/* Unit CODE as an export's file name names it: its name, followed by its code when another unit of
 * the tree has the same name (two 东风村 in two townships), so that the export of one never replaces
 * the other's; "全部" for NULL (caller frees). Names are Chinese like the units' own: files.h's
 * files_safe_name makes the whole file name safe. */
char *report_unit_label(struct ctx *c, const char *code);
/* The audit entry of an export of OBJECT written to PATH (its file NAME); without it, no file:
 * PATH is removed and the audit's error returned. */
int report_export_audit(struct ctx *c, const struct user *u, const char *object, const char *name,
			const char *path);
/* Write F as FORMAT ("xlsx", "csv" in UTF-8, "csv-gb18030") into U's download folder (0600),
 * audited; *PATH is the file written (caller frees). */
int report_export(struct ctx *c, const struct user *u, const struct rp_form *f, const char *format,
		  char **path);

#endif
