/* ui_report.h — the 月报表 screens (ui_report.c), a row of ui_extra_screens[]. */
#ifndef ZZ_UI_REPORT_H
#define ZZ_UI_REPORT_H

#include <stdbool.h>

struct ui;
struct rp_def;

/* For accounts that may read the records some monthly form counts (not the three administrators). */
bool ui_report_visible(struct ui *ui);
int ui_report_run(struct ui *ui);
int ui_report_open_ref(struct ui *ui, const char *ref);
/* The grid of D's form of UNIT for MONTH. */
int ui_report_open(struct ui *ui, const struct rp_def *d, const char *unit, const char *month);

#endif
