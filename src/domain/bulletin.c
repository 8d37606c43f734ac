/* bulletin.c — the monthly bulletin (bulletin.h): figures per unit below, ranking, publishing. */
#include "bulletin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "claim.h"
#include "daily.h"
#include "event.h"
#include "perm.h"
#include "score.h"
#include "service.h"
#include "stats.h"

const char *const bl_col_zh[BL__NCOLS] = {"新增记录", "逾期录入", "超期未认领", "日报未报",
					  "事件超期", "黄牌",	  "红牌",	"登录次数"};

void bulletin_free(struct bulletin *b)
{
	for (int i = 0; i < b->n; i++) {
		free(b->v[i].unit);
		free(b->v[i].name);
	}
	free(b->v);
	free(b->unit);
	free(b->by);
	memset(b, 0, sizeof *b);
}

static long problems(const struct bl_row *r)
{
	return r->n[BL_LATE] + r->n[BL_CLAIMS] + r->n[BL_EVENTS] + r->n[BL_YELLOW] + r->n[BL_RED];
}

static int rank_cmp(const void *pa, const void *pb)
{
	const struct bl_row *a = pa, *b = pb;
	bool ma = a->n[BL_DAILY] > 0, mb = b->n[BL_DAILY] > 0;
	if (ma != mb)
		return ma ? 1 : -1;
	if (a->n[BL_DAILY] != b->n[BL_DAILY])
		return a->n[BL_DAILY] < b->n[BL_DAILY] ? -1 : 1;
	long pa_ = problems(a), pb_ = problems(b);
	if (pa_ != pb_)
		return pa_ < pb_ ? -1 : 1;
	long aa = a->n[BL_ADDED] + a->n[BL_LOGINS], ab = b->n[BL_ADDED] + b->n[BL_LOGINS];
	if (aa != ab)
		return aa > ab ? -1 : 1;
	return strcmp(a->unit, b->unit);
}

void bulletin_rank(struct bl_row *v, int n)
{
	if (n > 0)
		qsort(v, (size_t)n, sizeof *v, rank_cmp);
	for (int i = 0; i < n; i++)
		v[i].rank = i + 1;
}

static bool month_ok(const char *m)
{
	return strlen(m) == 7 && m[4] == '-' && atoi(m) >= 1990 && atoi(m + 5) >= 1 &&
	       atoi(m + 5) <= 12;
}

/* ---- logins ---- */

static void login_key(struct sb *k, const char *month, const char *unit)
{
	sb_add(k, "login", 6);
	sb_add(k, month, strlen(month) + 1);
	sb_adds(k, unit);
}

static long login_count(struct store *st, DB_TXN *txn, const char *month, const char *unit)
{
	struct sb k;
	sb_init(&k);
	login_key(&k, month, unit);
	void *v = NULL;
	size_t vn = 0;
	long n =
	    store_get(store_db(st, DBI_META), txn, k.buf, k.len, &v, &vn, txn != NULL) == 0 && vn == 8
		? (long)be64_get(v)
		: 0;
	free(v);
	sb_free(&k);
	return n;
}

struct login_arg {
	const struct user *u;
	char month[8];
};

static int login_add(struct store *st, DB_TXN *txn, void *arg)
{
	struct login_arg *a = arg;
	long n = login_count(st, txn, a->month, a->u->unit);
	struct sb k;
	sb_init(&k);
	login_key(&k, a->month, a->u->unit);
	unsigned char be[8];
	be64_put(be, (uint64_t)(n + 1));
	int rc = store_put(store_db(st, DBI_META), txn, k.buf, k.len, be, 8);
	sb_free(&k);
	return rc;
}

void bulletin_count_login(struct ctx *c, const struct user *u, int64_t now)
{
	if (!u || str_empty(u->unit))
		return;
	struct login_arg a = {.u = u};
	stats_month(now, a.month);
	store_run(c->st, login_add, &a);
}

/* ---- figures ---- */

struct make {
	struct ctx *c;
	struct bulletin *b;
	const char *month;
	int year;
};

/* The row of the unit below whose subtree holds CODE, or NULL. */
static struct bl_row *row_of(struct make *m, const char *code)
{
	const struct units *us = ctx_units(m->c);
	for (int i = 0; i < m->b->n; i++)
		if (units_under(us, code, m->b->v[i].unit))
			return &m->b->v[i];
	return NULL;
}

static int claims_cb(const char *unit, long n, void *arg)
{
	struct bl_row *r = row_of(arg, unit);
	if (r)
		r->n[BL_CLAIMS] += n;
	return 0;
}

static int card_cb(const struct score_row *s, void *arg)
{
	struct make *m = arg;
	char gm[8];
	stats_month(s->given, gm);
	struct bl_row *r = strcmp(gm, m->month) == 0 ? row_of(m, s->unit) : NULL;
	if (r)
		r->n[s->card == CARD_RED ? BL_RED : BL_YELLOW]++;
	return 0;
}

static int missing_cb(const struct daily_row *d, void *arg)
{
	if (d->kind == DAILY_MISSING)
		(*(long *)arg)++;
	return 0;
}

static int row_figures(struct make *m, struct bl_row *r)
{
	struct ctx *c = m->c;
	const struct unit *x = units_find(ctx_units(c), r->unit);
	const struct schema *sc = c->schema;
	int rc = 0;
	for (int i = 0; i < sc->n && rc == 0; i++) {
		const struct rtype *t = sc->t[i];
		if (service_workflow(t) || strcmp(t->id, "person") == 0)
			continue;
		long long a = 0, l = 0;
		rc = stats_get(c->st, NULL, x->path, m->month, t->id, "all", "", &a);
		if (rc == 0)
			rc = stats_get(c->st, NULL, x->path, m->month, t->id, "late", "1", &l);
		r->n[BL_ADDED] += (long)a;
		r->n[BL_LATE] += (long)l;
	}
	/* Events registered are entries too; those with a card are the overdue ones. */
	long long reg = 0, ev = 0;
	if (rc == 0)
		rc = stats_get(c->st, NULL, x->path, m->month, STATS_EVENT, "all", "", &reg);
	if (rc == 0)
		rc = stats_get(c->st, NULL, x->path, m->month, STATS_EVENT, "overdue", "1", &ev);
	r->n[BL_ADDED] += (long)reg;
	r->n[BL_EVENTS] = (long)ev;
	int y = atoi(m->month), mo = atoi(m->month + 5);
	int from = date_from_ymd(y, mo, 1),
	    to = (mo == 12 ? date_from_ymd(y + 1, 1, 1) : date_from_ymd(y, mo + 1, 1)) - 1;
	const struct units *us = ctx_units(c);
	for (int i = 0; i < us->n && rc == 0; i++) {
		const struct unit *w = &us->v[i];
		if (!units_under(us, w->code, x->code))
			continue;
		r->n[BL_LOGINS] += login_count(c->st, NULL, m->month, w->code);
		if (daily_is_center(c, w))
			rc = daily_scan(c, w->code, from, to, missing_cb, &r->n[BL_DAILY]);
	}
	return rc;
}

int bulletin_make(struct ctx *c, const struct user *u, const char *unit, const char *month,
		  struct bulletin *out)
{
	memset(out, 0, sizeof *out);
	const struct unit *x = unit ? units_find(ctx_units(c), unit) : NULL;
	if (!x)
		return errmsg_set(ZZ_ENOENT, "没有单位 %s", unit ? unit : "");
	if (!month_ok(month))
		return errmsg_set(ZZ_EINVAL, "月份应为 YYYY-MM：%s", month);
	if (perm_check(c, u, ACT_VIEW, event_type(c), x->code) < 0)
		return ZZ_EPERM;
	memcpy(out->month, month, 8);
	out->unit = xstrdup(x->code);
	const struct units *us = ctx_units(c);
	for (int i = 0; i < us->n; i++) {
		const struct unit *w = &us->v[i];
		if (strcmp(w->parent, x->code) != 0 || w->level == LV_DEPT)
			continue;
		out->v = xrealloc(out->v, (size_t)(out->n + 1) * sizeof *out->v);
		out->v[out->n++] =
		    (struct bl_row){.unit = xstrdup(w->code), .name = xstrdup(w->name)};
	}
	struct make m = {.c = c, .b = out, .month = month, .year = atoi(month)};
	int rc = 0;
	for (int i = 0; i < out->n && rc == 0; i++)
		rc = row_figures(&m, &out->v[i]);
	if (rc == 0)
		rc = claims_month_scan(c->st, NULL, month, claims_cb, &m);
	if (rc == 0)
		rc = score_scan(c->st, NULL, m.year, NULL, card_cb, &m);
	if (rc == 0)
		bulletin_rank(out->v, out->n);
	else
		bulletin_free(out);
	return rc;
}

/* ---- publishing ---- */

static void pub_key(struct sb *k, const char *month, const char *county)
{
	sb_add(k, "bulletin", 9);
	sb_add(k, month, strlen(month) + 1);
	sb_adds(k, county);
}

/* A published bulletin as text: "by\tat" then one line per row: unit, name, the columns, rank. */
static void pub_encode(const struct bulletin *b, const char *by, int64_t at, struct sb *out)
{
	sb_addf(out, "%s\t%lld\n", by, (long long)at);
	for (int i = 0; i < b->n; i++) {
		const struct bl_row *r = &b->v[i];
		sb_addf(out, "%s\t%s", r->unit, r->name);
		for (int k = 0; k < BL__NCOLS; k++)
			sb_addf(out, "\t%ld", r->n[k]);
		sb_addf(out, "\t%d\n", r->rank);
	}
}

static int pub_decode(const char *text, size_t n, struct bulletin *b)
{
	char *s = xstrndup(text, n), *save = NULL;
	int rc = 0;
	for (char *line = strtok_r(s, "\n", &save); line && rc == 0;
	     line = strtok_r(NULL, "\n", &save)) {
		char *f[BL__NCOLS + 3];
		int nf = 0;
		for (char *p = line, *q; nf < (int)ARRAY_LEN(f); p = q + 1) {
			f[nf++] = p;
			if (!(q = strchr(p, '\t')))
				break;
			*q = '\0';
		}
		if (!b->by) {
			if (nf != 2) {
				rc = errmsg_set(ZZ_EDB, "通报数据损坏");
				break;
			}
			b->by = xstrdup(f[0]);
			b->at = atoll(f[1]);
			continue;
		}
		if (nf != BL__NCOLS + 3) {
			rc = errmsg_set(ZZ_EDB, "通报数据损坏");
			break;
		}
		b->v = xrealloc(b->v, (size_t)(b->n + 1) * sizeof *b->v);
		struct bl_row *r = &b->v[b->n++];
		*r = (struct bl_row){
		    .unit = xstrdup(f[0]), .name = xstrdup(f[1]), .rank = atoi(f[BL__NCOLS + 2])};
		for (int k = 0; k < BL__NCOLS; k++)
			r->n[k] = atol(f[2 + k]);
	}
	free(s);
	return rc;
}

struct pub {
	struct ctx *c;
	const struct user *u;
	struct bulletin *b;
};

static int pub_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct pub *p = arg;
	struct sb k, v;
	sb_init(&k);
	sb_init(&v);
	pub_key(&k, p->b->month, p->b->unit);
	void *old = NULL;
	size_t on = 0;
	int rc = store_get(store_db(st, DBI_META), txn, k.buf, k.len, &old, &on, true);
	free(old);
	if (rc == 0)
		rc = errmsg_set(ZZ_EEXIST, "%s 的月度通报已经发布，不能再次发布", p->b->month);
	else if (rc == ZZ_ENOENT)
		rc = 0;
	if (rc == 0) {
		pub_encode(p->b, p->u->name, (int64_t)time(NULL), &v);
		rc = store_put(store_db(st, DBI_META), txn, k.buf, k.len, v.buf, v.len);
	}
	if (rc == 0) {
		char *obj = xasprintf("bulletin:%s:%s", p->b->month, p->b->unit);
		rc = audit_append(p->c, txn,
				  &(struct audit_entry){.user = p->u->name,
							.unit = p->u->unit,
							.type = "publish",
							.object = obj,
							.result = "ok",
							.detail = "月度通报"});
		free(obj);
	}
	sb_free(&k);
	sb_free(&v);
	return rc;
}

bool bulletin_may_publish(struct ctx *c, const struct user *u)
{
	const struct unit *x = units_find(ctx_units(c), u->unit);
	return !perm_console(u) && x && x->level == LV_COUNTY && strcmp(u->role, "office") == 0;
}

int bulletin_month_over(const char *month, int64_t now)
{
	char cur[8], next[8];
	stats_month(now, cur);
	if (strcmp(month, cur) < 0)
		return 0;
	stats_month_add(month, -1, next);
	return errmsg_set(
	    ZZ_EINVAL,
	    "%s 月还没有结束，月度通报须在 %s-01 以后发布（发布后数字不再变化；现在可以查看草稿）",
	    month, next);
}

int bulletin_publish(struct ctx *c, const struct user *u, const char *month)
{
	const struct unit *x = units_find(ctx_units(c), u->unit);
	if (!bulletin_may_publish(c, u)) {
		service_audit_refusal(c, u, "publish", "bulletin", ZZ_EPERM);
		return errmsg_set(ZZ_EPERM, "月度通报由县（市、区）综治办的账号发布");
	}
	struct bulletin b;
	int rc = bulletin_make(c, u, x->code, month, &b);
	if (rc == 0 && bulletin_month_over(month, (int64_t)time(NULL)) < 0) {
		bulletin_free(&b);
		return ZZ_EINVAL;
	}
	if (rc < 0)
		return rc;
	struct pub p = {.c = c, .u = u, .b = &b};
	rc = store_run(c->st, pub_txn, &p);
	bulletin_free(&b);
	return rc;
}

int bulletin_get(struct ctx *c, const struct user *u, const char *month, struct bulletin *out)
{
	memset(out, 0, sizeof *out);
	if (!month_ok(month))
		return errmsg_set(ZZ_EINVAL, "月份应为 YYYY-MM：%s", month);
	/* The units below read the county's table as they read events: through their own rights. */
	if (!perm_console(u) && perm_check(c, u, ACT_VIEW, event_type(c), u->unit) < 0)
		return ZZ_EPERM;
	const struct unit *county = units_at_level(ctx_units(c), u->unit, LV_COUNTY);
	if (!county)
		return errmsg_set(ZZ_ENOENT, "本账号的单位不在任何县（市、区）之下，没有月度通报");
	struct sb k;
	sb_init(&k);
	pub_key(&k, month, county->code);
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(store_db(c->st, DBI_META), NULL, k.buf, k.len, &v, &vn, false);
	sb_free(&k);
	if (rc == ZZ_ENOENT)
		rc = errmsg_set(ZZ_ENOENT, "%s %s 的月度通报尚未发布", county->name, month);
	if (rc == 0) {
		memcpy(out->month, month, 8);
		out->unit = xstrdup(county->code);
		out->published = true;
		rc = pub_decode(v, vn, out);
	}
	free(v);
	if (rc < 0)
		bulletin_free(out);
	return rc;
}
