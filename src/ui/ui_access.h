/* ui_access.h — 查阅申请审批 (ui_access.c), a row of ui_extra_screens[]. */
#ifndef ZZ_UI_ACCESS_H
#define ZZ_UI_ACCESS_H

#include <stdbool.h>

struct ui;

/* For accounts that may read access requests (not the three administrators). */
bool ui_access_visible(struct ui *ui);

int ui_access_run(struct ui *ui);
/* A to-do item "信息查阅申请待审批" (REF "access_request:ID"): the requests, the cursor on it. */
int ui_access_open_ref(struct ui *ui, const char *ref);

#endif
