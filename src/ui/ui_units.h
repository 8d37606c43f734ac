/* ui_units.h — the system administrator's unit tree screen (ui_units.c), a row of ui_extra_screens[]. */
#ifndef ZZ_UI_UNITS_H
#define ZZ_UI_UNITS_H

#include <stdbool.h>

struct ui;

bool ui_units_visible(struct ui *ui);
int ui_units_run(struct ui *ui);

#endif
