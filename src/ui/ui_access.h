/* ui_access.h — 查阅申请审批 (ui_access.c), a row of ui_extra_screens[]. */
#ifndef ZZ_UI_ACCESS_H
#define ZZ_UI_ACCESS_H

struct ui;

int ui_access_run(struct ui *ui);

#endif
