/* ui_event.h — the dispute event screens (ui_event.c), rows of ui_extra_screens[]. */
#ifndef ZZ_UI_EVENT_H
#define ZZ_UI_EVENT_H

#include <stdbool.h>
#include <stdint.h>

struct ui;

bool ui_event_visible(struct ui *ui);
int ui_event_list_run(struct ui *ui);
/* The same list of the events not yet closed (未结案): what the leader's digest line counts. */
int ui_event_list_open_run(struct ui *ui);
/* The list filtered to UNIT's subtree from the start (the analysis screens' drill-down). */
int ui_event_list_at(struct ui *ui, const char *unit);
/* The same, only the events of CATEGORY (a code; LABEL its name) registered in MONTH (YYYY-MM):
 * the drill-down from the analysis screens' row of one category. */
int ui_event_list_where(struct ui *ui, const char *unit, const char *category, const char *label,
			const char *month);
/* Open event ID: deadlines, timeline, actions. Returns 1 when it changed. */
int ui_event_open(struct ui *ui, uint64_t id);
/* A to-do item's ref "dispute_event:ID". */
int ui_event_open_ref(struct ui *ui, const char *ref);
/* Register a new event at the account's unit; opens it when saved. */
int ui_event_new(struct ui *ui);

#endif
