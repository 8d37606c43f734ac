/* ui_audit.h — the audit log screen (ui_audit.c), a row of ui_extra_screens[]. */
#ifndef ZZ_UI_AUDIT_H
#define ZZ_UI_AUDIT_H

#include <stdbool.h>

struct ui;

bool ui_audit_visible(struct ui *ui);
int ui_audit_run(struct ui *ui);

#endif
