/* ui_extra.c — screens other features add to the main menu (events, claims, visits, …): one row
 * each, listed under its group in the order of ui.menu_groups (conf/ui.cfg). A row names the
 * group, the menu title and the run function; optionally who may see it (visible) and the kind
 * of to-do item it opens (todo_kind, open_ref). See ui_screen.h and doc/ARCHITECTURE.md. */
#include "ui_screen.h"

const struct ui_extra ui_extra_screens[] = {
	{.group = NULL}, /* end */
};
const int ui_extra_screens_len = (int)ARRAY_LEN(ui_extra_screens);
