/* ui_export.c — the common part of the export key (ui_export.h). */
#include "ui_export.h"

#include <stdlib.h>
#include <string.h>

#include "ui_screen.h"

const char *ui_export_format(struct ui *ui)
{
	static const struct ui_pick_item fmts[] = {
	    {.label = "Excel（xlsx）", .key = "xlsx"},
	    {.label = "CSV（UTF-8）", .key = "csv"},
	    {.label = "CSV（GB18030，旧版 Excel）", .key = "csv-gb18030"},
	};
	int i = ui_pick(ui, "导出格式", fmts, (int)ARRAY_LEN(fmts), 0, NULL, NULL);
	return i < 0 ? NULL : fmts[i].key;
}

void ui_export_done(struct ui *ui, int rc, char **path)
{
	if (rc < 0 || !*path) {
		ui_err(ui, rc);
	} else {
		const char *slash = strrchr(*path, '/');
		ui_msg(ui, "已导出到下载目录：%s", slash ? slash + 1 : *path);
	}
	free(*path);
	*path = NULL;
}
