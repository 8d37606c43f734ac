/* ui_office.h — office work between units (ui_office.c): rows of ui_extra_screens[]. */
#ifndef ZZ_UI_OFFICE_H
#define ZZ_UI_OFFICE_H

#include <stdbool.h>

struct ui;

int ui_office_docs_run(struct ui *ui);
int ui_office_doc_open_ref(struct ui *ui, const char *ref);
int ui_office_sent_run(struct ui *ui);
int ui_office_up_run(struct ui *ui);
int ui_office_up_open_ref(struct ui *ui, const char *ref);
int ui_office_reply_run(struct ui *ui);
/* A to-do item "意见建议待答复": the proposals to answer, the cursor on it. */
int ui_office_reply_open_ref(struct ui *ui, const char *ref);
/* For accounts that may read the screen's records (not the three administrators). */
bool ui_office_docs_visible(struct ui *ui);
bool ui_office_sent_visible(struct ui *ui);
bool ui_office_up_visible(struct ui *ui);
bool ui_office_reply_visible(struct ui *ui);
bool ui_ledger_visible(struct ui *ui);
int ui_ledger_empty_run(struct ui *ui);

#endif
