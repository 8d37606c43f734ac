/* analysis.c — subjects of the analysis screens and their tables from stats.db (analysis.h). */
#include "analysis.h"

#include <stdlib.h>
#include <string.h>

#include "perm.h"
#include "report.h"
#include "service.h"
#include "stats.h"

const struct an_subject an_subjects[] = {
    {"event", "矛盾纠纷事件", {"dispute_event"}, "category", "dispute_mediation", "found", "合计"},
    {"population", "实有人口", {"household", "floating"}, NULL, NULL, NULL, "新增"},
    {"special", "特殊人群", {"released", "corrections", "drug", "hiv", "mental", "youth"}, NULL, NULL, NULL, "新增"},
    {"youth", "重点青少年", {"youth"}, "kind", NULL, NULL, "新增"},
    {"social_org", "社会组织", {"social_org"}, "kind", NULL, NULL, "新增"},
    {"petitioner", "重点上访人员", {"petitioner"}, "kind", NULL, NULL, "新增"},
    {"campus", "校园及周边", {"campus"}, "kind", NULL, NULL, "新增"},
    {"road_line", "护路护线", {"road_line"}, "kind", NULL, NULL, "新增"},
};
const int an_subjects_len = (int)ARRAY_LEN(an_subjects);

const char *const an_view_zh[AN__NVIEWS] = {"按单位", "按类别", "按月份"};
const char *const an_view_id[AN__NVIEWS] = {"by-unit", "by-category", "by-month"};

const struct an_subject *analysis_subject(const char *id)
{
	for (int i = 0; i < an_subjects_len; i++)
		if (strcmp(an_subjects[i].id, id) == 0)
			return &an_subjects[i];
	return NULL;
}

/* The stats.db subject of record type ID. */
static const char *stats_subject(const char *id)
{
	return strcmp(id, "dispute_event") == 0 ? STATS_EVENT : id;
}

static const struct rtype *part_type(struct ctx *c, const struct user *u,
				     const struct an_subject *s, int i, const char *unit)
{
	const struct rtype *t = schema_type(c->schema, s->types[i]);
	if (!t || !perm_may(c, u, ACT_VIEW, t, unit))
		return NULL;
	return t;
}

bool analysis_may(struct ctx *c, const struct user *u, const struct an_subject *s, const char *unit)
{
	for (int i = 0; i < AN_MAXTYPES && s->types[i]; i++)
		if (part_type(c, u, s, i, unit))
			return true;
	return false;
}

void an_table_free(struct an_table *t)
{
	for (int i = 0; i < t->n; i++) {
		free(t->v[i].key);
		free(t->v[i].label);
	}
	free(t->v);
	memset(t, 0, sizeof *t);
}

static struct an_row *row_get(struct an_table *t, const char *key, const char *label)
{
	for (int i = 0; i < t->n; i++)
		if (strcmp(t->v[i].key, key) == 0)
			return &t->v[i];
	t->v = xrealloc(t->v, (size_t)(t->n + 1) * sizeof *t->v);
	struct an_row *r = &t->v[t->n++];
	*r = (struct an_row){.key = xstrdup(key), .label = xstrdup(label ? label : key)};
	return r;
}

/* Where a callback adds: the table, which of the three figures, the labels. */
struct fill {
	struct ctx *c;
	struct an_table *t;
	int which; /* 0 n, 1 mom, 2 yoy */
	const struct codetable *codes;
};

static void fig_add(struct an_row *r, int which, long long n)
{
	*(which == 0 ? &r->n : which == 1 ? &r->mom : &r->yoy) += n;
}

static int child_cb(const char *key, long long n, void *arg)
{
	struct fill *f = arg;
	const struct unit *x = units_find(ctx_units(f->c), key);
	fig_add(row_get(f->t, key, x ? x->name : key), f->which, n);
	return 0;
}

static int value_cb(const char *key, long long n, void *arg)
{
	struct fill *f = arg;
	const char *l = f->codes ? codetable_label(f->codes, key) : NULL;
	fig_add(row_get(f->t, key, l), f->which, n);
	return 0;
}

static int row_cmp(const void *a, const void *b)
{
	return strcmp(((const struct an_row *)a)->key, ((const struct an_row *)b)->key);
}

/* The submitted form that freezes S's figures of UNIT in MONTH, and the column; NULL when none. */
struct frozen {
	struct ctx *c;
	const struct rp_def *d;
	int col;
};

static struct rp_form *frozen_form(const struct frozen *z, const char *unit, const char *month)
{
	struct rp_form *f = NULL;
	if (z->d && report_frozen(z->c, z->d, unit, month, &f) < 0)
		f = NULL;
	return f;
}

/* A submitted form's figures replace the counters' for that unit and month (the design: later
 * edits never change a submitted month, nor a comparison with it). */
static void frozen_apply(const struct frozen *z, enum an_view view, const struct unit *x,
			 const char *month, int w, struct an_table *out)
{
	if (!z->d)
		return;
	long long *total = w == 0 ? &out->total : w == 1 ? &out->total_mom : &out->total_yoy;
	if (view == AN_BY_UNIT) {
		/* Each unit below as it submitted; the total moves with them, so that what the unit
		 * registered itself stays what the counters say. */
		for (int i = 0; i < out->n; i++) {
			struct rp_form *f = frozen_form(z, out->v[i].key, month);
			if (!f)
				continue;
			long long *p = w == 0 ? &out->v[i].n : w == 1 ? &out->v[i].mom : &out->v[i].yoy;
			*total += RP_CELL(f, 0, z->col) - *p;
			*p = RP_CELL(f, 0, z->col);
			report_form_free(&f);
		}
		return;
	}
	struct rp_form *f = frozen_form(z, x->code, month);
	if (!f)
		return;
	*total = RP_CELL(f, 0, z->col);
	if (view == AN_BY_CATEGORY) {
		for (int i = 0; i < out->n; i++)
			*(w == 0 ? &out->v[i].n : w == 1 ? &out->v[i].mom : &out->v[i].yoy) = 0;
		for (int r = 1; r < f->d->nrows; r++)
			if (f->d->rows[r].val && RP_CELL(f, r, z->col))
				fig_add(row_get(out, f->d->rows[r].val, f->d->rows[r].label), w,
					RP_CELL(f, r, z->col));
	}
	report_form_free(&f);
}

void analysis_default_month(int64_t now, char out[8])
{
	char cur[8];
	stats_month(now, cur);
	stats_month_add(cur, 1, out);
}

/* Whether MONTH is over at NOW (months as YYYY-MM compare as strings). */
static bool month_over(const char *month, int64_t now)
{
	char cur[8];
	stats_month(now, cur);
	return strcmp(month, cur) < 0;
}

/* One part (record type T) of the table for the three months M[0..2] (this, previous, a year
 * before); only this one while it is open. */
static int part_fill(struct ctx *c, const struct an_subject *s, const struct rtype *t,
		     enum an_view view, const struct unit *x, char m[3][8], const struct frozen *z,
		     struct an_table *out)
{
	const char *subj = stats_subject(t->id);
	int rc = 0;
	for (int w = 0; w < (out->open ? 1 : 3) && rc == 0; w++) {
		struct fill f = {.c = c, .t = out, .which = w};
		long long n = 0;
		rc = stats_get(c->st, NULL, x->path, m[w], subj, "all", "", &n);
		if (rc < 0)
			break;
		*(w == 0 ? &out->total : w == 1 ? &out->total_mom : &out->total_yoy) += n;
		if (view == AN_BY_UNIT) {
			rc = stats_children(c, NULL, x->code, m[w], subj, "all", "", child_cb, &f);
		} else if (s->dim) {
			int fi = rtype_field(t, s->dim);
			f.codes = fi >= 0 ? t->f[fi].codes : NULL;
			rc = stats_values(c->st, NULL, x->path, m[w], subj, s->dim, value_cb, &f);
		} else {
			fig_add(row_get(out, t->id, t->title), w, n);
		}
		if (rc == 0)
			frozen_apply(z, view, x, m[w], w, out);
	}
	return rc;
}

/* The regional distribution is of places: a member department shows only when it has figures. */
static void drop_quiet_depts(struct ctx *c, struct an_table *t)
{
	int k = 0;
	for (int i = 0; i < t->n; i++) {
		const struct unit *x = units_find(ctx_units(c), t->v[i].key);
		struct an_row *r = &t->v[i];
		if (x && x->level == LV_DEPT && !r->n && !r->mom && !r->yoy) {
			free(r->key);
			free(r->label);
			continue;
		}
		t->v[k++] = *r;
	}
	t->n = k;
}

/* What the unit registered itself (not under any child) as a row of its own, keyed by its code. */
static void add_own_row(struct an_table *t, const struct unit *x)
{
	long long n = t->total, mom = t->total_mom, yoy = t->total_yoy;
	for (int i = 0; i < t->n; i++) {
		n -= t->v[i].n;
		mom -= t->v[i].mom;
		yoy -= t->v[i].yoy;
	}
	if (!n && !mom && !yoy)
		return;
	char *label = xasprintf("%s（本级）", x->name);
	struct an_row *r = row_get(t, x->code, label);
	free(label);
	*r = (struct an_row){.key = r->key, .label = r->label, .n = n, .mom = mom, .yoy = yoy};
}

static int month_fill(struct ctx *c, const struct rtype *t, const struct unit *x, const char *month,
		      int months, int64_t now, const struct frozen *z, struct an_table *out)
{
	long long v[AN_MAXMONTHS + 12];
	int k = months + 12;
	int rc = stats_months(c->st, NULL, x->path, month, k, stats_subject(t->id), "all", "", v);
	for (int i = 0; i < k && rc == 0 && z->d; i++) {
		char mm[8];
		stats_month_add(month, k - 1 - i, mm);
		struct rp_form *f = frozen_form(z, x->code, mm);
		if (f)
			v[i] = RP_CELL(f, 0, z->col);
		report_form_free(&f);
	}
	for (int i = 0; i < months && rc == 0; i++) {
		char mm[8];
		stats_month_add(month, months - 1 - i, mm);
		struct an_row *r = row_get(out, mm, mm);
		r->n += v[i + 12];
		r->open = !month_over(mm, now);
		r->mom += r->open ? 0 : v[i + 11];
		r->yoy += r->open ? 0 : v[i];
	}
	return rc;
}

int analysis_table(struct ctx *c, const struct user *u, const struct an_subject *s,
		   enum an_view view, const char *unit, const char *month, int months, int64_t now,
		   struct an_table *out)
{
	memset(out, 0, sizeof *out);
	const struct unit *x = unit ? units_find(ctx_units(c), unit) : NULL;
	if (!x)
		return errmsg_set(ZZ_ENOENT, "没有单位 %s", unit ? unit : "");
	if (strlen(month) != 7 || month[4] != '-' || atoi(month) < 1900 || atoi(month + 5) < 1 ||
	    atoi(month + 5) > 12)
		return errmsg_set(ZZ_EINVAL, "月份应为 YYYY-MM：%s", month);
	if (stats_month_begun(month, now) < 0)
		return ZZ_EINVAL;
	if (view == AN_BY_MONTH && (months < 1 || months > AN_MAXMONTHS))
		return errmsg_set(ZZ_EINVAL, "月数应为 1 到 %d", AN_MAXMONTHS);
	out->open = !month_over(month, now);
	char m[3][8];
	memcpy(m[0], month, 8);
	stats_month_add(month, 1, m[1]);
	stats_month_add(month, 12, m[2]);
	struct rp_defs *defs = NULL;
	struct frozen z = {.c = c, .col = -1};
	if (s->form && report_defs_load(c, &defs) == 0 && (z.d = report_def(defs, s->form)))
		for (int j = 0; j < z.d->ncols; j++)
			if (strcmp(z.d->cols[j].id, s->form_col) == 0)
				z.col = j;
	if (z.col < 0)
		z.d = NULL;
	int rc = 0, parts = 0;
	for (int i = 0; i < AN_MAXTYPES && s->types[i] && rc == 0; i++) {
		const struct rtype *t = part_type(c, u, s, i, x->code);
		if (!t)
			continue;
		parts++;
		rc = view == AN_BY_MONTH ? month_fill(c, t, x, month, months, now, &z, out)
					 : part_fill(c, s, t, view, x, m, &z, out);
	}
	if (rc == 0 && parts == 0) {
		/* The refusal of the first type: a unit outside the scope reads as one without
		 * figures. */
		const struct rtype *t = schema_type(c->schema, s->types[0]);
		rc = perm_check(c, u, ACT_VIEW, t, x->code);
		if (rc == 0)
			rc = errmsg_set(ZZ_EPERM, "无权查看%s的统计", s->title);
	}
	if (rc == 0 && view == AN_BY_MONTH && out->n) {
		struct an_row *last = &out->v[out->n - 1];
		out->total = last->n;
		out->total_mom = last->mom;
		out->total_yoy = last->yoy;
	}
	if (rc == 0 && view == AN_BY_UNIT) {
		drop_quiet_depts(c, out);
		add_own_row(out, x);
	}
	if (rc == 0 && view == AN_BY_CATEGORY && s->dim && out->n)
		qsort(out->v, (size_t)out->n, sizeof *out->v, row_cmp);
	for (int i = 0; rc == 0 && view != AN_BY_MONTH && i < out->n; i++)
		out->v[i].open = out->open;
	report_defs_free(&defs);
	if (rc < 0)
		an_table_free(out);
	return rc;
}
