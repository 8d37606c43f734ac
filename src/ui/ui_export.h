/* ui_export.h — the export key (w) of the screens that write a file to the account's download
 * folder (forms, analysis tables, the bulletin, the score table, 分析研判): the format, asked the
 * same way everywhere, and the message saying where the file went. */
#ifndef ZZ_UI_EXPORT_H
#define ZZ_UI_EXPORT_H

struct ui;

/* "xlsx", "csv" or "csv-gb18030" as picked; NULL when the user went back. */
const char *ui_export_format(struct ui *ui);
/* Tell the outcome RC of an export that wrote *PATH (read after the export ran, as the call's
 * arguments may be evaluated in any order; freed here and set to NULL). */
void ui_export_done(struct ui *ui, int rc, char **path);

#endif
