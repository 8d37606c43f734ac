/* ui.h — the curses UI, for the local terminal (zongzhi tui) and for SSH sessions. */
#ifndef ZZ_UI_H
#define ZZ_UI_H

#include "ctx.h"
#include "user.h"

/* Run the UI on the process's terminal until the person leaves. PREAUTH is the account the SSH
 * server authenticated (NULL: show the login screen). Returns 0 or an error. */
int ui_run(struct ctx *c, struct user *preauth);

#endif
