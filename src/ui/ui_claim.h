/* ui_claim.h — the screens of claims (R-CL-1), as rows of ui_extra_screens[]: the 待认领 list
 * (claim, send back, route) and the import conflicts (ui_claim.c). */
#ifndef ZZ_UI_CLAIM_H
#define ZZ_UI_CLAIM_H

#include <stdbool.h>

struct ui;

/* Accounts that may claim some record type in their scope. */
bool ui_claim_visible(struct ui *ui);
int ui_claim_run(struct ui *ui);
/* A to-do item's ref "claims:UNIT": the list, narrowed to UNIT when it is below the account's. */
int ui_claim_open_ref(struct ui *ui, const char *ref);
int ui_claim_conflicts_run(struct ui *ui);

#endif
