/* ui_users.h — the accounts screen (ui_users.c), a row of ui_extra_screens[]. */
#ifndef ZZ_UI_USERS_H
#define ZZ_UI_USERS_H

#include <stdbool.h>

struct ui;

bool ui_users_visible(struct ui *ui);
int ui_users_run(struct ui *ui);

#endif
