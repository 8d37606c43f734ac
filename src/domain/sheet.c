/* sheet.c — a plain table out of the system (sheet.h), through the paths, private files and CSV
 * cells of the monthly forms' export (report_export.c). */
#include "sheet.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "audit.h"
#include "files.h"
#include "report_export.h"

void sheet_free(struct sheet *s)
{
	free(s->title);
	free(s->sub);
	strv_free(&s->cells);
	memset(s, 0, sizeof *s);
}

void sheet_add(struct sheet *s, const char *text)
{
	strv_push(&s->cells, text ? text : "");
}

void sheet_addf(struct sheet *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *t = NULL;
	if (vasprintf(&t, fmt, ap) < 0)
		abort();
	va_end(ap);
	sheet_add(s, t);
	free(t);
}

int sheet_rows(const struct sheet *s)
{
	return s->ncols > 0 ? s->cells.n / s->ncols : 0;
}

static const char *cell(const struct sheet *s, int r, int k)
{
	return s->cells.v[r * s->ncols + k];
}

/* A number column's cell that is a number indeed (anything else is written as text). */
static bool is_number(const struct sheet *s, int k, const char *t, double *v)
{
	if (!(s->num & (1u << k)) || str_empty(t))
		return false;
	char *end = NULL;
	errno = 0;
	*v = strtod(t, &end);
	return errno == 0 && *end == '\0';
}

void sheet_csv(const struct sheet *s, struct sb *out)
{
	report_csv_text(out, s->title ? s->title : "");
	sb_adds(out, "\r\n");
	if (s->sub) {
		report_csv_text(out, s->sub);
		sb_adds(out, "\r\n");
	}
	for (int k = 0; k < s->ncols; k++) {
		if (k)
			sb_addc(out, ',');
		report_csv_text(out, s->head[k]);
	}
	sb_adds(out, "\r\n");
	for (int r = 0; r < sheet_rows(s); r++) {
		for (int k = 0; k < s->ncols; k++) {
			double v;
			if (k)
				sb_addc(out, ',');
			if (is_number(s, k, cell(s, r, k), &v))
				sb_adds(out, cell(s, r, k));
			else
				report_csv_text(out, cell(s, r, k));
		}
		sb_adds(out, "\r\n");
	}
}

static int write_csv(const struct sheet *s, const char *path, bool gb)
{
	struct sb text;
	sb_init(&text);
	sheet_csv(s, &text);
	int rc = report_csv_write(&text, gb, path);
	sb_free(&text);
	return rc;
}

static int write_xlsx(const struct sheet *s, const char *path)
{
	int fd = report_open_private(path);
	if (fd < 0)
		return fd;
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		return errmsg_set(ZZ_ERR, "无法写入 %s", path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	lxw_format *title = workbook_add_format(wb), *head = workbook_add_format(wb),
		   *text = workbook_add_format(wb), *num = workbook_add_format(wb);
	format_set_bold(title);
	format_set_font_size(title, 14);
	format_set_align(title, LXW_ALIGN_CENTER);
	format_set_bold(head);
	format_set_border(head, LXW_BORDER_THIN);
	format_set_align(head, LXW_ALIGN_CENTER);
	format_set_text_wrap(head);
	format_set_border(text, LXW_BORDER_THIN);
	format_set_text_wrap(text);
	format_set_align(text, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(num, LXW_BORDER_THIN);
	lxw_col_t last = (lxw_col_t)(s->ncols - 1);
	lxw_row_t row = 0;
	if (last > 0)
		worksheet_merge_range(ws, row, 0, row, last, s->title ? s->title : "", title);
	else
		worksheet_write_string(ws, row, 0, s->title ? s->title : "", title);
	row++;
	if (s->sub) {
		if (last > 0)
			worksheet_merge_range(ws, row, 0, row, last, s->sub, NULL);
		else
			worksheet_write_string(ws, row, 0, s->sub, NULL);
		row++;
	}
	for (int k = 0; k < s->ncols; k++) {
		worksheet_write_string(ws, row, (lxw_col_t)k, s->head[k], head);
		if (s->width[k])
			worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, s->width[k], NULL);
	}
	row++;
	for (int r = 0; r < sheet_rows(s); r++, row++)
		for (int k = 0; k < s->ncols; k++) {
			double v;
			if (is_number(s, k, cell(s, r, k), &v))
				worksheet_write_number(ws, row, (lxw_col_t)k, v, num);
			else
				worksheet_write_string(ws, row, (lxw_col_t)k, cell(s, r, k), text);
		}
	lxw_error e = workbook_close(wb);
	chmod(path, 0600);
	return e == LXW_NO_ERROR ? 0
				 : errmsg_set(ZZ_ERR, "写入 %s 失败：%s", path, lxw_strerror(e));
}

int sheet_export(struct ctx *c, const struct user *u, const struct sheet *s, const char *format,
		 const char *name, const char *object, char **path)
{
	bool xlsx = strcmp(format, "xlsx") == 0, gb = strcmp(format, "csv-gb18030") == 0;
	if (!xlsx && !gb && strcmp(format, "csv") != 0)
		return errmsg_set(ZZ_EINVAL, "导出格式应为 xlsx、csv 或 csv-gb18030");
	if (s->ncols < 1 || s->ncols > SHEET_MAXCOLS)
		return errmsg_set(ZZ_EINVAL, "导出表格的列数不对");
	char *file = files_safe_name(name, xlsx ? "xlsx" : "csv");
	char *p = NULL;
	int rc = report_download_path(c, u, file, &p);
	if (rc == 0)
		rc = xlsx ? write_xlsx(s, p) : write_csv(s, p, gb);
	if (rc == 0) {
		rc = report_export_audit(c, u, object, file, p);
	} else if (p) {
		unlink(p);
	}
	free(file);
	if (rc == 0)
		*path = p;
	else
		free(p);
	return rc;
}
