/* sheet.h — a plain table on its way out of the system (the bulletin, the score table, the 分析研判
 * report): a title, a line under it, column headings and rows of cells, some columns numbers.
 * Written as xlsx (title merged over the columns, numbers as numbers, long text wrapped) or CSV
 * (UTF-8 with a BOM or GB18030; text a spreadsheet would run as a formula neutralised) into the
 * account's download folder, like the monthly forms (report_export.h), and audited. */
#ifndef ZZ_SHEET_H
#define ZZ_SHEET_H

#include "ctx.h"
#include "user.h"

#define SHEET_MAXCOLS 16

struct sheet {
	char *title, *sub;		 /* sub: the line under the title (may be NULL) */
	const char *head[SHEET_MAXCOLS]; /* column headings */
	int width[SHEET_MAXCOLS];	 /* xlsx column widths in characters; 0: default */
	int ncols;
	unsigned num;	   /* bit K: column K holds numbers */
	struct strv cells; /* row after row, NCOLS cells each */
};
void sheet_free(struct sheet *s);
/* Append one cell (the next in row order). */
void sheet_add(struct sheet *s, const char *text);
void sheet_addf(struct sheet *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int sheet_rows(const struct sheet *s);
/* S as CSV text (CRLF lines, no BOM yet) into OUT. Pure. */
void sheet_csv(const struct sheet *s, struct sb *out);
/* Write S as FORMAT ("xlsx", "csv", "csv-gb18030") as NAME in U's download folder (0600), audited
 * as an export of OBJECT (no audit entry, no file); *PATH is the file (caller frees). The caller
 * has checked U's right to export. */
int sheet_export(struct ctx *c, const struct user *u, const struct sheet *s, const char *format,
		 const char *name, const char *object, char **path);

#endif
