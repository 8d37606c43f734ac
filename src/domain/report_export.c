/* report_export.c — a monthly form out of the system, into the account's own download folder: xlsx
 * laid out like the paper form (title, merged group headers, numbers as numbers) or CSV in UTF-8 or
 * GB18030 (text that a spreadsheet would take for a formula neutralised). */
#include "report_export.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "audit.h"
#include "files.h"
#include "perm.h"
#include "service.h"

char *report_download_dir(struct ctx *c, const struct user *u)
{
	return files_dir(c, u->name, FILES_DOWNLOAD);
}

/* Make the account's folders (files.h: never through a link); return the path of NAME in it. */
int report_download_path(struct ctx *c, const struct user *u, const char *name, char **out)
{
	int rc = files_ensure(c, u->name);
	if (rc == 0) {
		char *dir = report_download_dir(c, u);
		*out = xasprintf("%s/%s", dir, name);
		free(dir);
	}
	return rc;
}

/* A file created for the account alone (0600), replacing an earlier one. */
int report_open_private(const char *path)
{
	unlink(path);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return errmsg_set(ZZ_ERR, "无法写入 %s：%s", path, strerror(errno));
	return fd;
}

char *report_unit_label(struct ctx *c, const char *code)
{
	const struct units *us = ctx_units(c);
	const struct unit *x = code ? units_find(us, code) : NULL;
	if (!code)
		return xstrdup("全部");
	if (!x)
		return xstrdup(code);
	for (int i = 0; i < us->n; i++)
		if (&us->v[i] != x && !strcmp(us->v[i].name, x->name))
			return xasprintf("%s%s", x->name, x->code);
	return xstrdup(x->name);
}

static const char *unit_name(struct ctx *c, const char *code)
{
	const struct unit *x = units_find(ctx_units(c), code);
	return x ? x->name : code;
}

static int write_xlsx(struct ctx *c, const struct rp_form *f, const char *path)
{
	const struct rp_def *d = f->d;
	int fd = report_open_private(path);
	if (fd < 0)
		return fd;
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		return errmsg_set(ZZ_ERR, "无法写入 %s", path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, f->month);
	lxw_format *title = workbook_add_format(wb), *head = workbook_add_format(wb),
		   *cell = workbook_add_format(wb);
	format_set_bold(title);
	format_set_font_size(title, 16);
	format_set_align(title, LXW_ALIGN_CENTER);
	format_set_align(title, LXW_ALIGN_VERTICAL_CENTER);
	format_set_bold(head);
	format_set_border(head, LXW_BORDER_THIN);
	format_set_align(head, LXW_ALIGN_CENTER);
	format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(head);
	format_set_border(cell, LXW_BORDER_THIN);
	lxw_col_t last = (lxw_col_t)d->ncols;
	worksheet_merge_range(ws, 0, 0, 0, last, d->title, title);
	char *sub = xasprintf("填报单位：%s    月份：%s    状态：%s%s", unit_name(c, f->unit),
			      f->month, rp_state_zh[f->state], f->late ? "（逾期）" : "");
	worksheet_merge_range(ws, 1, 0, 1, last, sub, NULL);
	free(sub);
	/* Two header rows: a column's group above its label, merged across the columns sharing it;
	 * a column without a group takes both rows. */
	worksheet_merge_range(ws, 2, 0, 3, 0, "项目", head);
	for (int k = 0; k < d->ncols;) {
		const char *g = d->cols[k].group;
		int j = k + 1;
		while (g && j < d->ncols && d->cols[j].group && strcmp(d->cols[j].group, g) == 0)
			j++;
		if (!g) {
			worksheet_merge_range(ws, 2, (lxw_col_t)(k + 1), 3, (lxw_col_t)(k + 1),
					      d->cols[k].label, head);
		} else {
			if (j - k > 1)
				worksheet_merge_range(ws, 2, (lxw_col_t)(k + 1), 2, (lxw_col_t)j, g,
						      head);
			else
				worksheet_write_string(ws, 2, (lxw_col_t)(k + 1), g, head);
			for (int i = k; i < j; i++)
				worksheet_write_string(ws, 3, (lxw_col_t)(i + 1), d->cols[i].label,
						       head);
		}
		k = j;
	}
	for (int r = 0; r < d->nrows; r++) {
		lxw_row_t row = (lxw_row_t)(4 + r);
		worksheet_write_string(ws, row, 0, d->rows[r].label, r == 0 ? head : cell);
		for (int k = 0; k < d->ncols; k++)
			worksheet_write_number(ws, row, (lxw_col_t)(k + 1),
					       (double)RP_CELL(f, r, k), cell);
	}
	worksheet_set_column(ws, 0, 0, 22, NULL);
	worksheet_set_column(ws, 1, last, 11, NULL);
	lxw_error e = workbook_close(wb);
	chmod(path, 0600);
	return e == LXW_NO_ERROR ? 0
				 : errmsg_set(ZZ_ERR, "写入 %s 失败：%s", path, lxw_strerror(e));
}

/* Text a spreadsheet would run as a formula starts with a quote. */
void report_csv_text(struct sb *out, const char *s)
{
	struct sb t;
	sb_init(&t);
	if (strchr("=+-@", s[0]) && s[0])
		sb_addc(&t, '\'');
	sb_adds(&t, s);
	bool quote = strpbrk(t.buf, ",\"\r\n") != NULL;
	if (quote)
		sb_addc(out, '"');
	for (size_t i = 0; i < t.len; i++) {
		if (t.buf[i] == '"')
			sb_addc(out, '"');
		sb_addc(out, t.buf[i]);
	}
	if (quote)
		sb_addc(out, '"');
	sb_free(&t);
}

int report_csv_encode(const struct sb *s, bool gb, struct sb *out)
{
	if (!gb) {
		sb_adds(out, "\xEF\xBB\xBF"); /* the BOM lets spreadsheets read it as UTF-8 */
		sb_add(out, s->buf, s->len);
		return 0;
	}
	iconv_t cd = iconv_open("GB18030", "UTF-8");
	if (cd == (iconv_t)-1)
		return errmsg_set(ZZ_ERR, "不支持 GB18030 编码");
	int rc = 0;
	size_t cap = s->len * 2 + 16;
	char *buf = xmalloc(cap), *in = s->buf, *o = buf;
	size_t il = s->len, ol = cap;
	if (iconv(cd, &in, &il, &o, &ol) == (size_t)-1)
		rc = errmsg_set(ZZ_ERR, "转换为 GB18030 失败");
	else
		sb_add(out, buf, cap - ol);
	free(buf);
	iconv_close(cd);
	return rc;
}

int report_csv_write(const struct sb *s, bool gb, const char *path)
{
	struct sb out;
	sb_init(&out);
	int rc = report_csv_encode(s, gb, &out);
	int fd = rc == 0 ? report_open_private(path) : -1;
	if (rc == 0 && fd < 0)
		rc = fd;
	if (rc == 0 && write(fd, out.buf, out.len) != (ssize_t)out.len)
		rc = errmsg_set(ZZ_ERR, "写入 %s 失败：%s", path, strerror(errno));
	if (fd >= 0 && close(fd) < 0 && rc == 0)
		rc = errmsg_set(ZZ_ERR, "写入 %s 失败：%s", path, strerror(errno));
	sb_free(&out);
	return rc;
}

int report_export_audit(struct ctx *c, const struct user *u, const char *object, const char *name,
			const char *path)
{
	int rc = audit_append(c, NULL,
			      &(struct audit_entry){.user = u->name,
						    .unit = u->unit,
						    .type = "export",
						    .object = object,
						    .result = "ok",
						    .detail = name});
	/* No audit entry, no file. */
	if (rc < 0)
		unlink(path);
	return rc;
}

static int write_csv(struct ctx *c, const struct rp_form *f, const char *path, bool gb)
{
	const struct rp_def *d = f->d;
	struct sb s;
	sb_init(&s);
	report_csv_text(&s, d->title);
	sb_adds(&s, ",");
	report_csv_text(&s, unit_name(c, f->unit));
	sb_adds(&s, ",");
	report_csv_text(&s, f->month);
	sb_adds(&s, ",");
	report_csv_text(&s, rp_state_zh[f->state]);
	sb_adds(&s, "\r\n项目");
	for (int k = 0; k < d->ncols; k++) {
		sb_adds(&s, ",");
		char *h = d->cols[k].group ? xasprintf("%s·%s", d->cols[k].group, d->cols[k].label)
					   : xstrdup(d->cols[k].label);
		report_csv_text(&s, h);
		free(h);
	}
	sb_adds(&s, "\r\n");
	for (int r = 0; r < d->nrows; r++) {
		report_csv_text(&s, d->rows[r].label);
		for (int k = 0; k < d->ncols; k++)
			sb_addf(&s, ",%lld", RP_CELL(f, r, k));
		sb_adds(&s, "\r\n");
	}
	int rc = report_csv_write(&s, gb, path);
	sb_free(&s);
	return rc;
}

int report_export(struct ctx *c, const struct user *u, const struct rp_form *f, const char *format,
		  char **path)
{
	bool xlsx = strcmp(format, "xlsx") == 0, gb = strcmp(format, "csv-gb18030") == 0;
	if (!xlsx && !gb && strcmp(format, "csv") != 0)
		return errmsg_set(ZZ_EINVAL, "导出格式应为 xlsx、csv 或 csv-gb18030");
	if (perm_check(c, u, ACT_EXPORT, schema_type(c->schema, f->d->type), f->unit) < 0) {
		service_audit_refusal(c, u, "report_export", f->d->id, ZZ_EPERM);
		return ZZ_EPERM;
	}
	char *ul = report_unit_label(c, f->unit), *stem = xasprintf("%s-%s-%s", f->d->title, ul, f->month);
	char *name = files_safe_name(stem, xlsx ? "xlsx" : "csv");
	free(stem);
	free(ul);
	char *p = NULL;
	int rc = report_download_path(c, u, name, &p);
	if (rc == 0)
		rc = xlsx ? write_xlsx(c, f, p) : write_csv(c, f, p, gb);
	if (rc == 0) {
		char *obj = xasprintf("report:%s:%s:%s", f->d->id, f->month, f->unit);
		rc = report_export_audit(c, u, obj, name, p);
		free(obj);
	}
	free(name);
	if (rc == 0)
		*path = p;
	else
		free(p);
	return rc;
}
