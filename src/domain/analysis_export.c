/* analysis_export.c — an analysis table out of the system (xlsx or CSV) into the account's
 * download folder, beside the monthly forms (report_export.c): numbers as numbers, 同比 and 环比
 * as fractions shown as percentages; empty when there is nothing to compare with, the earlier
 * months' figures too when the month is not over (analysis.h). */
#include "analysis.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "audit.h"
#include "files.h"
#include "perm.h"
#include "report_export.h"
#include "service.h"

static const char *const head[] = {"键", "名称", "数量", "去年同月", "同比", "上月", "环比"};

static int write_xlsx(const char *title, const struct an_table *t, const char *path)
{
	int fd = report_open_private(path);
	if (fd < 0)
		return fd;
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		return errmsg_set(ZZ_ERR, "无法写入 %s", path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	lxw_format *bold = workbook_add_format(wb), *pct = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_num_format(pct, "0.0%");
	worksheet_write_string(ws, 0, 0, title, bold);
	for (int k = 0; k < (int)ARRAY_LEN(head); k++)
		worksheet_write_string(ws, 1, (lxw_col_t)k, head[k], bold);
	for (int i = 0; i <= t->n; i++) {
		lxw_row_t r = (lxw_row_t)(2 + i);
		const struct an_row *x = i < t->n ? &t->v[i] : NULL;
		long long n = x ? x->n : t->total, y = x ? x->yoy : t->total_yoy,
			  m = x ? x->mom : t->total_mom;
		bool open = x ? x->open : t->open;
		worksheet_write_string(ws, r, 0, x ? x->key : "", NULL);
		worksheet_write_string(ws, r, 1, x ? x->label : "合计", x ? NULL : bold);
		worksheet_write_number(ws, r, 2, (double)n, NULL);
		if (!open)
			worksheet_write_number(ws, r, 3, (double)y, NULL);
		if (y > 0)
			worksheet_write_number(ws, r, 4, (double)(n - y) / (double)y, pct);
		if (!open)
			worksheet_write_number(ws, r, 5, (double)m, NULL);
		if (m > 0)
			worksheet_write_number(ws, r, 6, (double)(n - m) / (double)m, pct);
	}
	worksheet_set_column(ws, 1, 1, 24, NULL);
	lxw_error e = workbook_close(wb);
	chmod(path, 0600);
	return e == LXW_NO_ERROR ? 0
				 : errmsg_set(ZZ_ERR, "写入 %s 失败：%s", path, lxw_strerror(e));
}

static void csv_pct(struct sb *s, long long n, long long base)
{
	if (base > 0)
		sb_addf(s, ",%.1f%%", (double)(n - base) * 100.0 / (double)base);
	else
		sb_adds(s, ",");
}

static int write_csv(const char *title, const struct an_table *t, const char *path, bool gb)
{
	struct sb s;
	sb_init(&s);
	report_csv_text(&s, title);
	sb_adds(&s, "\r\n");
	for (int k = 0; k < (int)ARRAY_LEN(head); k++) {
		if (k)
			sb_adds(&s, ",");
		sb_adds(&s, head[k]);
	}
	sb_adds(&s, "\r\n");
	for (int i = 0; i <= t->n; i++) {
		const struct an_row *x = i < t->n ? &t->v[i] : NULL;
		long long n = x ? x->n : t->total, y = x ? x->yoy : t->total_yoy,
			  m = x ? x->mom : t->total_mom;
		report_csv_text(&s, x ? x->key : "");
		sb_adds(&s, ",");
		report_csv_text(&s, x ? x->label : "合计");
		bool open = x ? x->open : t->open;
		sb_addf(&s, ",%lld,", n);
		if (!open)
			sb_addf(&s, "%lld", y);
		csv_pct(&s, n, y);
		sb_adds(&s, ",");
		if (!open)
			sb_addf(&s, "%lld", m);
		csv_pct(&s, n, m);
		sb_adds(&s, "\r\n");
	}
	int rc = report_csv_write(&s, gb, path);
	sb_free(&s);
	return rc;
}

int analysis_export(struct ctx *c, const struct user *u, const struct an_subject *s,
		    enum an_view view, const char *unit, const char *month,
		    const struct an_table *t, const char *format, char **path)
{
	bool xlsx = strcmp(format, "xlsx") == 0, gb = strcmp(format, "csv-gb18030") == 0;
	if (!xlsx && !gb && strcmp(format, "csv") != 0)
		return errmsg_set(ZZ_EINVAL, "导出格式应为 xlsx、csv 或 csv-gb18030");
	if (perm_check(c, u, ACT_EXPORT, schema_type(c->schema, s->types[0]), unit) < 0) {
		service_audit_refusal(c, u, "stats_export", s->id, ZZ_EPERM);
		return ZZ_EPERM;
	}
	const struct unit *x = units_find(ctx_units(c), unit);
	/* The empty comparison columns of a month not over say why, as the screen does. */
	char *title = xasprintf("%s %s %s %s%s", x ? x->name : unit, month, s->title, an_view_zh[view],
				t->open ? "（月份未结束，不比较）" : "");
	char *ul = report_unit_label(c, unit);
	char *stem = xasprintf("统计分析-%s-%s-%s-%s", s->title, an_view_zh[view], ul, month);
	char *name = files_safe_name(stem, xlsx ? "xlsx" : "csv");
	free(stem);
	free(ul);
	char *p = NULL;
	int rc = report_download_path(c, u, name, &p);
	if (rc == 0)
		rc = xlsx ? write_xlsx(title, t, p) : write_csv(title, t, p, gb);
	if (rc == 0) {
		char *obj = xasprintf("stats:%s:%s:%s:%s", s->id, an_view_id[view], month, unit);
		rc = report_export_audit(c, u, obj, name, p);
		free(obj);
	}
	free(title);
	free(name);
	if (rc == 0)
		*path = p;
	else
		free(p);
	return rc;
}
