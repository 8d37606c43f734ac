/* bulletin_export.c — the monthly bulletin (bulletin.h) as a sheet (sheet.h): rank, unit and the
 * columns of the screen, numbers as numbers; a draft says so in the line under the title. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bulletin.h"
#include "event.h"
#include "perm.h"
#include "report_export.h"
#include "service.h"
#include "sheet.h"

/* B as a sheet into S. Pure but for the unit's name, looked up in US. */
void bulletin_sheet(const struct units *us, const struct bulletin *b, struct sheet *s)
{
	memset(s, 0, sizeof *s);
	const struct unit *x = units_find(us, b->unit);
	s->title = xasprintf("%s %s 月度通报", x ? x->name : b->unit, b->month);
	if (b->published) {
		char at[20];
		datetime_format((time_t)b->at, at);
		s->sub = xasprintf("已发布（%s，%s）", b->by ? b->by : "", at);
	} else {
		s->sub = xstrdup("草稿（尚未发布，数字随数据变化）");
	}
	static const char *const lead[] = {"名次", "单位代码", "单位"};
	for (int k = 0; k < 3; k++)
		s->head[s->ncols++] = lead[k];
	s->width[2] = 20;
	for (int k = 0; k < BL__NCOLS; k++) {
		s->num |= 1u << s->ncols;
		s->head[s->ncols++] = bl_col_zh[k];
	}
	s->num |= 1u;
	for (int i = 0; i < b->n; i++) {
		const struct bl_row *r = &b->v[i];
		sheet_addf(s, "%d", r->rank);
		sheet_add(s, r->unit);
		sheet_add(s, r->name);
		for (int k = 0; k < BL__NCOLS; k++)
			sheet_addf(s, "%ld", r->n[k]);
	}
}

int bulletin_export(struct ctx *c, const struct user *u, const struct bulletin *b,
		    const char *format, char **path)
{
	/* A published bulletin is read through the account's own unit (bulletin_get); a draft is
	 * the unit's whose units below it ranks. */
	const char *at = b->published && !perm_console(u) ? u->unit : b->unit;
	if (perm_check(c, u, ACT_EXPORT, event_type(c), at) < 0) {
		service_audit_refusal(c, u, "bulletin_export", b->month, ZZ_EPERM);
		return ZZ_EPERM;
	}
	struct sheet s;
	bulletin_sheet(ctx_units(c), b, &s);
	char *ul = report_unit_label(c, b->unit);
	char *name = xasprintf("月度通报-%s-%s%s", ul, b->month, b->published ? "" : "-草稿");
	free(ul);
	char *obj = xasprintf("bulletin:%s:%s", b->month, b->unit);
	int rc = sheet_export(c, u, &s, format, name, obj, path);
	free(name);
	free(obj);
	sheet_free(&s);
	return rc;
}
