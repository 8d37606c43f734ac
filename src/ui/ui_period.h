/* ui_period.h — the sensitive periods screen (敏感期, R-EV-8) of the county's accounts. */
#ifndef ZZ_UI_PERIOD_H
#define ZZ_UI_PERIOD_H

#include <stdbool.h>

struct ui;
bool ui_period_visible(struct ui *ui);
int ui_period_run(struct ui *ui);

#endif
