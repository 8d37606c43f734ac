/* ui_score.h — the score and daily-report screens (ui_score.c), rows of ui_extra_screens[]. */
#ifndef ZZ_UI_SCORE_H
#define ZZ_UI_SCORE_H

#include <stdbool.h>

struct ui;

int ui_score_run(struct ui *ui);
bool ui_daily_visible(struct ui *ui);
int ui_daily_run(struct ui *ui);
int ui_daily_open_ref(struct ui *ui, const char *ref);

#endif
