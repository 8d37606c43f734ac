/* ui_event.h — the dispute event screens (ui_event.c) and the score and daily-report screens
 * (ui_score.c), as rows of ui_extra_screens[]. */
#ifndef ZZ_UI_EVENT_H
#define ZZ_UI_EVENT_H

#include <stdbool.h>
#include <stdint.h>

struct ui;

bool ui_event_visible(struct ui *ui);
int ui_event_list_run(struct ui *ui);
/* Open event ID: deadlines, timeline, actions. Returns 1 when it changed. */
int ui_event_open(struct ui *ui, uint64_t id);
/* A to-do item's ref "dispute_event:ID". */
int ui_event_open_ref(struct ui *ui, const char *ref);
/* Register a new event at the account's unit; opens it when saved. */
int ui_event_new(struct ui *ui);

int ui_score_run(struct ui *ui);
bool ui_daily_visible(struct ui *ui);
int ui_daily_run(struct ui *ui);
int ui_daily_open_ref(struct ui *ui, const char *ref);

#endif
