/* score_table.c — the year's score table of a scope (score_table.h). */
#include "score_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daily.h"
#include "event.h"
#include "perm.h"
#include "score.h"
#include "score_freeze.h"
#include "report_export.h"
#include "service.h"
#include "sheet.h"

void score_table_free(struct score_table *t)
{
	free(t->v);
	free(t->scope);
	memset(t, 0, sizeof *t);
}

static int by_code(const void *a, const void *b)
{
	return strcmp(((const struct score_line *)a)->code, ((const struct score_line *)b)->code);
}

static int by_score(const void *a, const void *b)
{
	const struct score_line *x = a, *y = b;
	return x->points != y->points ? (x->points < y->points ? 1 : -1) : by_code(a, b);
}

void score_table_sort(struct score_table *t, bool score)
{
	if (t->n > 0)
		qsort(t->v, (size_t)t->n, sizeof *t->v, score ? by_score : by_code);
}

static int sum_cb(const struct score_row *r, void *arg)
{
	struct score_table *t = arg;
	for (int i = 0; i < t->n; i++)
		if (strcmp(t->v[i].code, r->unit) == 0) {
			t->v[i].points += r->points;
			t->v[i].yellow += r->card == CARD_YELLOW;
			t->v[i].red += r->card == CARD_RED;
			break;
		}
	return 0;
}

int score_table_make(struct ctx *c, const struct user *u, const char *scope, int year,
		     struct score_table *out)
{
	memset(out, 0, sizeof *out);
	const struct units *us = ctx_units(c);
	bool console = perm_console(u);
	if (!scope && !console)
		scope = perm_scope(c, u);
	if (scope && !units_find(us, scope))
		return errmsg_set(ZZ_ENOENT, "单位 %s 不存在", scope);
	const struct rtype *et = event_type(c);
	if (!et)
		return ZZ_ERR;
	if (perm_check(c, u, ACT_VIEW, et, scope) < 0)
		return ZZ_EPERM;
	out->year = year;
	out->start = (int)conf_int(c->conf, "events.score_start");
	out->scope = scope ? xstrdup(scope) : NULL;
	out->v = xcalloc((size_t)us->n + 1, sizeof *out->v);
	for (int i = 0; i < us->n; i++) {
		const struct unit *x = &us->v[i];
		if ((!scope || units_under(us, x->code, scope)) &&
		    (x->level == LV_DEPT || daily_is_center(c, x)))
			out->v[out->n++] = (struct score_line){.code = x->code, .name = x->name};
	}
	int rc = score_scan(c->st, NULL, year, NULL, sum_cb, out);
	for (int i = 0; i < out->n && rc == 0; i++) {
		struct score_line *l = &out->v[i];
		struct score_sum fs;
		if (score_frozen(c, year, l->code, &fs, NULL) == 0) {
			l->points = fs.points;
			l->yellow = fs.yellow;
			l->red = fs.red;
			l->frozen = out->frozen = true;
		}
		l->score = out->start - l->points < 0 ? 0 : out->start - l->points;
	}
	if (rc < 0)
		score_table_free(out);
	else
		score_table_sort(out, false);
	return rc;
}

int score_table_export(struct ctx *c, const struct user *u, const struct score_table *t,
		       const char *format, char **path)
{
	if (perm_check(c, u, ACT_EXPORT, event_type(c), t->scope) < 0) {
		service_audit_refusal(c, u, "score_export", t->scope ? t->scope : "", ZZ_EPERM);
		return ZZ_EPERM;
	}
	const struct unit *x = t->scope ? units_find(ctx_units(c), t->scope) : NULL;
	struct sheet s = {
	    .head = {"单位代码", "单位", "得分", "扣分", "黄牌", "红牌"},
	    .width = {12, 24},
	    .ncols = 6,
	    .num = 0x3c,
	};
	s.title = xasprintf("%s%s%d 年度考核得分", x ? x->name : "", x ? " " : "", t->year);
	s.sub = xasprintf("%s｜%d 分起，每张黄牌、红牌扣分，最低 0 分",
			  t->frozen ? "已定稿" : "未定稿", t->start);
	for (int i = 0; i < t->n; i++) {
		const struct score_line *l = &t->v[i];
		sheet_add(&s, l->code);
		sheet_add(&s, l->name);
		sheet_addf(&s, "%d", l->score);
		sheet_addf(&s, "%d", l->points);
		sheet_addf(&s, "%d", l->yellow);
		sheet_addf(&s, "%d", l->red);
	}
	char *ul = report_unit_label(c, t->scope);
	char *name = xasprintf("考核得分-%s-%d", ul, t->year);
	free(ul);
	char *obj = xasprintf("score:%d:%s", t->year, t->scope ? t->scope : "");
	int rc = sheet_export(c, u, &s, format, name, obj, path);
	free(name);
	free(obj);
	sheet_free(&s);
	return rc;
}
