/* ui_chart.h — the 统计分析 screens (ui_chart.c), a row of ui_extra_screens[]. */
#ifndef ZZ_UI_CHART_H
#define ZZ_UI_CHART_H

#include <stdbool.h>

struct ui;

bool ui_chart_visible(struct ui *ui);
int ui_chart_run(struct ui *ui);

#endif
