/* ui_policy.h — the security administrator's password and lockout policy (ui_policy.c), a row of
 * ui_extra_screens[]. */
#ifndef ZZ_UI_POLICY_H
#define ZZ_UI_POLICY_H

#include <stdbool.h>

struct ui;

bool ui_policy_visible(struct ui *ui);
int ui_policy_run(struct ui *ui);

#endif
