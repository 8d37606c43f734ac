/* ui_import.h — the import screen (ui_import.c), a row of ui_extra_screens[]: a file from the
 * account's upload folder, its summary and its rejects. */
#ifndef ZZ_UI_IMPORT_H
#define ZZ_UI_IMPORT_H

#include <stdbool.h>

struct ui;

/* Accounts that may import some record type. */
bool ui_import_visible(struct ui *ui);
int ui_import_run(struct ui *ui);
/* A to-do item of kind "import" (R-CL-2: a month without an import): the import screen. */
int ui_import_open_ref(struct ui *ui, const char *ref);

#endif
