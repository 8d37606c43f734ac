/* ui_bulletin.h — the 月度通报 and 分析研判 screens (ui_bulletin.c), rows of ui_extra_screens[]. */
#ifndef ZZ_UI_BULLETIN_H
#define ZZ_UI_BULLETIN_H

#include <stdbool.h>

struct ui;

bool ui_bulletin_visible(struct ui *ui);
int ui_bulletin_run(struct ui *ui);
bool ui_judge_visible(struct ui *ui);
int ui_judge_run(struct ui *ui);
/* A to-do item of the 分析研判 (REF: its month): the account's own report of that month. */
int ui_judge_open_ref(struct ui *ui, const char *ref);

#endif
