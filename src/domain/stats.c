/* stats.c — the counters of stats.db (key layout in stats.h and doc/ARCHITECTURE.md): the facts of
 * records and events, their update in the writer's transaction, reads by subtree, child and month,
 * and the rebuild and check against a scan. */
#include "stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain.h"
#include "event.h"
#include "service.h"

/* "YYYY-MM" of year Y (0..9999) and month M (1..12). */
static void month_text(unsigned y, unsigned m, char out[8])
{
	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10 % 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '\0';
}

void stats_month(int64_t t, char buf[8])
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	month_text((unsigned)(tm.tm_year + 1900), (unsigned)tm.tm_mon + 1, buf);
}

void stats_month_add(const char *ym, int n, char out[8])
{
	int k = atoi(ym) * 12 + (atoi(ym + 5) - 1) - n;
	if (k < 0)
		k = 0;
	month_text((unsigned)(k / 12), (unsigned)(k % 12) + 1, out);
}

int stats_month_begun(const char *ym, int64_t now)
{
	char cur[8];
	stats_month(now, cur);
	if (strcmp(ym, cur) <= 0)
		return 0;
	return errmsg_set(ZZ_EINVAL, "%.7s 月还没有开始，请选择本月（%s）或以前的月份", ym, cur);
}

void stats_facts_free(struct stats_facts *f)
{
	for (int i = 0; i < f->n; i++)
		sb_free(&f->k[i]);
	free(f->k);
	f->k = NULL;
	f->n = 0;
}

/* The key prefix subject \0 month \0 dim \0 [value \0 [path]] (NULL parts end it). */
static void stats_key(struct sb *k, const char *subject, const char *month, const char *dim,
		      const char *val, const char *path)
{
	sb_add(k, subject, strlen(subject) + 1);
	sb_add(k, month, strlen(month) + 1);
	sb_add(k, dim, strlen(dim) + 1);
	if (val)
		sb_add(k, val, strlen(val) + 1);
	if (val && path)
		sb_adds(k, path);
}

static void facts_add(struct stats_facts *f, const char *subject, const char *month,
		      const char *dim, const char *val, const char *path)
{
	f->k = xrealloc(f->k, (size_t)(f->n + 1) * sizeof *f->k);
	struct sb *k = &f->k[f->n++];
	sb_init(k);
	stats_key(k, subject, month, dim, val, path);
}

static const char *unit_path(struct ctx *c, const char *code)
{
	const struct unit *x = str_empty(code) ? NULL : units_find(ctx_units_current(c), code);
	return x ? x->path : NULL;
}

bool stats_counts(const struct rtype *t)
{
	/* Person records are written under their roles (record.c) without a save of their own: the
	 * roles (户籍人口, 流动人口, …) are what is counted. */
	return !service_workflow(t) && strcmp(t->id, "person") != 0;
}

void stats_record_facts(struct ctx *c, const struct rec *r, struct stats_facts *out)
{
	const char *path = r ? unit_path(c, r->unit) : NULL;
	if (!path || !stats_counts(r->t))
		return;
	char month[8];
	stats_month(r->created, month);
	facts_add(out, r->t->id, month, "all", "", path);
	/* Entered after its deadline (modules.c's late mark): the monthly bulletin counts these. */
	if (r->flags & REC_LATE)
		facts_add(out, r->t->id, month, "late", "1", path);
	const config_setting_t *l = conf_setting(c->conf, "stats.record_fields");
	size_t tn = strlen(r->t->id);
	for (int i = 0; i < config_setting_length(l); i++) {
		const char *s = config_setting_get_string_elem(l, (unsigned)i);
		if (!s || strncmp(s, r->t->id, tn) != 0 || s[tn] != '.')
			continue;
		const char *dim = s + tn + 1, *star = strchr(dim, '*');
		if (star) {
			/* TYPE.A*B: the two codes together ("1|0"), for a form's rows by A and
			 * columns by B. */
			char *a = xstrndup(dim, (size_t)(star - dim));
			const char *va = rec_get(r, a), *vb = rec_get(r, star + 1);
			if (!str_empty(va) && !str_empty(vb)) {
				char *val = xasprintf("%s|%s", va, vb);
				facts_add(out, r->t->id, month, dim, val, path);
				free(val);
			}
			free(a);
			continue;
		}
		const char *v = rec_get(r, dim);
		if (str_empty(v))
			continue;
		/* A multi-choice value counts once under each of its codes. */
		char *dup = xstrdup(v), *save = NULL;
		for (char *p = strtok_r(dup, ",", &save); p; p = strtok_r(NULL, ",", &save))
			facts_add(out, r->t->id, month, dim, p, path);
		free(dup);
	}
}

/* Whether EV went up from the unit that registered it (上报 or 越级上报). */
static bool event_went_up(struct ctx *c, const struct event *ev, const char *origin_path)
{
	for (int i = 0; i < ev->involved.n; i++) {
		const char *p = unit_path(c, ev->involved.v[i]);
		size_t n = p ? strlen(p) : 0;
		if (p && n < strlen(origin_path) && strncmp(p, origin_path, n) == 0)
			return true;
	}
	return false;
}

/* One fact of an event, before its cross with the category is added. */
struct ev_fact {
	const char *month, *dim, *val;
};

void stats_event_facts(struct ctx *c, const struct event *ev, const struct rec *r,
		       struct stats_facts *out)
{
	const char *path = ev ? unit_path(c, ev->origin) : NULL;
	if (!path || ev->state <= EV_NONE || ev->state >= EV__NSTATES)
		return;
	char month[8], cm[8];
	stats_month(ev->created, month);
	stats_month(ev->closed ? ev->closed : ev->created, cm);
	const char *s = STATS_EVENT;
	const char *cat = r ? rec_get(r, "category") : NULL,
		   *urg = r ? rec_get(r, "urgency") : NULL;
	facts_add(out, s, month, "all", "", path);
	if (!str_empty(cat))
		facts_add(out, s, month, "category", cat, path);
	if (!str_empty(urg))
		facts_add(out, s, month, "urgency", urg, path);
	bool up = event_went_up(c, ev, path);
	struct ev_fact f[8];
	int n = 0;
	f[n++] = (struct ev_fact){month, "state", ev_state_id[ev->state]};
	if (ev->state != EV_NEW || ev->accepted)
		f[n++] = (struct ev_fact){month, "accepted", "1"};
	if (up)
		f[n++] = (struct ev_fact){month, "reported", "1"};
	if (ev->cards)
		f[n++] = (struct ev_fact){month, "overdue", "1"};
	if (ev->state == EV_CLOSED) {
		f[n++] = (struct ev_fact){month, "method",
					  up		       ? "reported"
					  : ev->involved.n > 1 ? "assigned"
							       : "onsite"};
		f[n++] = (struct ev_fact){cm, "closed_in", ""};
	}
	/* Each also crossed with the category ("category*state" = "02|closed"): the rows of the
	 * forms. */
	for (int i = 0; i < n; i++) {
		facts_add(out, s, f[i].month, f[i].dim, f[i].val, path);
		if (str_empty(cat))
			continue;
		char *dim = xasprintf("category*%s", f[i].dim),
		     *val = xasprintf("%s|%s", cat, f[i].val);
		facts_add(out, s, f[i].month, dim, val, path);
		free(dim);
		free(val);
	}
}

static int sb_cmp(const struct sb *a, const struct sb *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int d = memcmp(a->buf, b->buf, n);
	return d ? d : (a->len > b->len) - (a->len < b->len);
}

static int sb_qcmp(const void *a, const void *b) { return sb_cmp(a, b); }

static int stats_add(struct store *st, DB_TXN *txn, const struct sb *k, long long d)
{
	DB *db = store_db(st, DBI_STATS);
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(db, txn, k->buf, k->len, &v, &vn, true);
	long long n = 0;
	if (rc == 0 && vn == 8)
		n = (long long)be64_get(v);
	free(v);
	if (rc < 0 && rc != ZZ_ENOENT)
		return rc;
	n += d;
	if (n == 0)
		return rc == ZZ_ENOENT ? 0 : store_del(db, txn, k->buf, k->len);
	unsigned char be[8];
	be64_put(be, (uint64_t)n);
	return store_put(db, txn, k->buf, k->len, be, 8);
}

int stats_apply(struct store *st, DB_TXN *txn, const struct stats_facts *before,
		const struct stats_facts *after)
{
	static const struct stats_facts none = {0};
	if (!before)
		before = &none;
	if (!after)
		after = &none;
	if (before->n > 1)
		qsort(before->k, (size_t)before->n, sizeof *before->k, sb_qcmp);
	if (after->n > 1)
		qsort(after->k, (size_t)after->n, sizeof *after->k, sb_qcmp);
	int i = 0, j = 0, rc = 0;
	while (rc == 0 && (i < before->n || j < after->n)) {
		int d = i >= before->n	? 1
			: j >= after->n ? -1
					: sb_cmp(&before->k[i], &after->k[j]);
		if (d == 0) {
			i++;
			j++;
		} else if (d < 0) {
			rc = stats_add(st, txn, &before->k[i++], -1);
		} else {
			rc = stats_add(st, txn, &after->k[j++], 1);
		}
	}
	return rc;
}

static uint64_t tally_hash(const struct sb *k)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < k->len; i++)
		h = (h ^ (unsigned char)k->buf[i]) * 1099511628211ULL;
	return h;
}

/* The slot of key K: its entry's, or the free one where it goes. */
static size_t tally_find(const struct stats_tally *t, const struct sb *k)
{
	size_t j = tally_hash(k) & (t->cap - 1);
	while (t->slot[j] && sb_cmp(&t->k[t->slot[j] - 1], k) != 0)
		j = (j + 1) & (t->cap - 1);
	return j;
}

static void tally_grow(struct stats_tally *t)
{
	free(t->slot);
	t->cap = t->cap ? t->cap * 2 : 1024;
	t->slot = xcalloc(t->cap, sizeof *t->slot);
	for (int i = 0; i < t->len; i++)
		t->slot[tally_find(t, &t->k[i])] = i + 1;
	t->k = xrealloc(t->k, t->cap / 2 * sizeof *t->k);
	t->n = xrealloc(t->n, t->cap / 2 * sizeof *t->n);
}

void stats_tally_record(struct ctx *c, struct stats_tally *t, const struct rec *r)
{
	struct stats_facts f = {0};
	stats_record_facts(c, r, &f);
	for (int i = 0; i < f.n; i++) {
		if (2 * ((size_t)t->len + 1) > t->cap)
			tally_grow(t);
		size_t j = tally_find(t, &f.k[i]);
		if (!t->slot[j]) {
			t->k[t->len] = f.k[i];
			sb_init(&f.k[i]);
			t->n[t->len] = 0;
			t->slot[j] = ++t->len;
		}
		t->n[t->slot[j] - 1]++;
	}
	stats_facts_free(&f);
}

static int tally_order(const void *a, const void *b, void *arg)
{
	const struct sb *k = arg;
	return sb_cmp(&k[*(const int *)a], &k[*(const int *)b]);
}

int stats_tally_write(struct store *st, DB_TXN *txn, const struct stats_tally *t)
{
	/* In key order: the writes walk stats.db's pages once. */
	int *ord = xcalloc((size_t)t->len + 1, sizeof *ord);
	for (int i = 0; i < t->len; i++)
		ord[i] = i;
	qsort_r(ord, (size_t)t->len, sizeof *ord, tally_order, t->k);
	int rc = 0;
	for (int i = 0; i < t->len && rc == 0; i++)
		rc = stats_add(st, txn, &t->k[ord[i]], t->n[ord[i]]);
	free(ord);
	return rc;
}

void stats_tally_free(struct stats_tally *t)
{
	for (int i = 0; i < t->len; i++)
		sb_free(&t->k[i]);
	free(t->k);
	free(t->n);
	free(t->slot);
	*t = (struct stats_tally){0};
}

int stats_after_store(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *r,
		      const struct rec *old, int64_t now)
{
	(void)u;
	(void)now;
	struct stats_facts fb = {0}, fa = {0};
	int rc = 0;
	if (service_workflow(r->t)) {
		/* An event's descriptive fields changed: its category may have. */
		struct event *ev = NULL;
		if (old && event_load(c->st, txn, r->id, &ev, false) == 0) {
			stats_event_facts(c, ev, old, &fb);
			stats_event_facts(c, ev, r, &fa);
		}
		event_free(&ev);
	} else {
		stats_record_facts(c, old, &fb);
		stats_record_facts(c, r, &fa);
	}
	rc = stats_apply(c->st, txn, &fb, &fa);
	stats_facts_free(&fb);
	stats_facts_free(&fa);
	return rc;
}

int stats_after_delete(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *old,
		       int64_t now)
{
	(void)u;
	(void)now;
	struct stats_facts fb = {0};
	stats_record_facts(c, old, &fb);
	int rc = stats_apply(c->st, txn, &fb, NULL);
	stats_facts_free(&fb);
	return rc;
}

/* Call CB(path, count) for every row whose key starts with PRE (subject..value \0) and whose path
 * starts with PATH. */
typedef int (*row_cb)(const char *rest, size_t n, long long count, void *arg);
static int stats_rows(struct store *st, DB_TXN *txn, const struct sb *pre, row_cb cb, void *arg)
{
	DB *db = store_db(st, DBI_STATS);
	DBC *cur = NULL;
	int rc = db ? store_err(db->cursor(db, txn, &cur, 0), "统计") : ZZ_EDB;
	DBT key = {.data = pre->buf, .size = (u_int32_t)pre->len}, val = {0};
	int dbrc =
	    rc == 0 ? cur->get(cur, &key, &val, pre->len ? DB_SET_RANGE : DB_FIRST) : DB_NOTFOUND;
	while (rc == 0 && dbrc == 0 && key.size >= pre->len &&
	       (!pre->len || memcmp(key.data, pre->buf, pre->len) == 0)) {
		if (val.size == 8)
			rc = cb((const char *)key.data + pre->len, key.size - pre->len,
				(long long)be64_get(val.data), arg);
		dbrc = cur->get(cur, &key, &val, DB_NEXT);
	}
	if (rc == 0 && dbrc && dbrc != DB_NOTFOUND)
		rc = store_err(dbrc, "统计");
	if (cur)
		cur->close(cur);
	return rc;
}

static int sum_row(const char *rest, size_t n, long long count, void *arg)
{
	(void)rest;
	(void)n;
	*(long long *)arg += count;
	return 0;
}

int stats_get(struct store *st, DB_TXN *txn, const char *path, const char *month,
	      const char *subject, const char *dim, const char *val, long long *out)
{
	struct sb pre;
	sb_init(&pre);
	stats_key(&pre, subject, month, dim, val, path ? path : "");
	*out = 0;
	int rc = stats_rows(st, txn, &pre, sum_row, out);
	sb_free(&pre);
	return rc;
}

int stats_months(struct store *st, DB_TXN *txn, const char *path, const char *month, int n,
		 const char *subject, const char *dim, const char *val, long long *out)
{
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		char m[8];
		stats_month_add(month, n - 1 - i, m);
		rc = stats_get(st, txn, path, m, subject, dim, val, &out[i]);
	}
	return rc;
}

struct upto_arg {
	const char *month, *dim, *val, *path;
	long long sum;
};

static int upto_row(const char *rest, size_t n, long long count, void *arg)
{
	struct upto_arg *a = arg;
	const char *end = rest + n, *p[4];
	p[0] = rest;
	for (int i = 1; i < 4; i++) {
		const char *z = memchr(p[i - 1], '\0', (size_t)(end - p[i - 1]));
		if (!z)
			return 0;
		p[i] = z + 1;
	}
	size_t pl = (size_t)(end - p[3]), want = strlen(a->path);
	if (strcmp(p[0], a->month) <= 0 && strcmp(p[1], a->dim) == 0 && strcmp(p[2], a->val) == 0 &&
	    pl >= want && memcmp(p[3], a->path, want) == 0)
		a->sum += count;
	return 0;
}

int stats_upto(struct store *st, DB_TXN *txn, const char *path, const char *month,
	       const char *subject, const char *dim, const char *val, long long *out)
{
	struct sb pre;
	sb_init(&pre);
	sb_add(&pre, subject, strlen(subject) + 1);
	struct upto_arg a = {.month = month, .dim = dim, .val = val, .path = path ? path : ""};
	int rc = stats_rows(st, txn, &pre, upto_row, &a);
	sb_free(&pre);
	*out = a.sum;
	return rc;
}

int stats_total(struct store *st, DB_TXN *txn, const char *path, const char *subject, long long *out)
{
	*out = 0;
	DB *db = store_db(st, DBI_STATS);
	if (!db)
		return errmsg_set(ZZ_ENOENT, "没有统计计数");
	struct sb k;
	sb_init(&k);
	size_t sn = strlen(subject) + 1;
	sb_add(&k, subject, sn);
	int rc = 0;
	/* Month by month: the first key of the subject at or after K names the next month. No
	 * cursor is held while the month is summed (stats_get opens its own). */
	for (;;) {
		DBC *cur = NULL;
		rc = store_err(db->cursor(db, txn, &cur, 0), "统计");
		if (rc < 0)
			break;
		DBT key = {.data = k.buf, .size = (u_int32_t)k.len}, val = {.flags = DB_DBT_PARTIAL};
		int dbrc = cur->get(cur, &key, &val, DB_SET_RANGE);
		const char *kd = key.data;
		size_t mn = dbrc == 0 && key.size > sn ? strnlen(kd + sn, key.size - sn) : 0;
		bool more = dbrc == 0 && mn && key.size > sn + mn && !memcmp(kd, subject, sn);
		char *month = more ? xstrndup(kd + sn, mn) : NULL;
		cur->close(cur);
		if (dbrc && dbrc != DB_NOTFOUND)
			rc = store_err(dbrc, "统计");
		if (!month)
			break;
		long long n = 0;
		rc = stats_get(st, txn, path, month, subject, "all", "", &n);
		*out += n;
		sb_reset(&k);
		sb_add(&k, subject, sn);
		sb_add(&k, month, mn);
		sb_addc(&k, '\1'); /* past every row of this month */
		free(month);
		if (rc < 0)
			break;
	}
	sb_free(&k);
	return rc;
}

struct values_arg {
	const char *path;
	size_t pn;
	char *cur; /* the value being summed */
	long long sum;
	stats_cb cb;
	void *arg;
};

static int values_flush(struct values_arg *a)
{
	int rc = 0;
	if (a->cur && a->sum)
		rc = a->cb(a->cur, a->sum, a->arg);
	free(a->cur);
	a->cur = NULL;
	a->sum = 0;
	return rc;
}

static int values_row(const char *rest, size_t n, long long count, void *arg)
{
	struct values_arg *a = arg;
	size_t vl = strnlen(rest, n);
	if (vl >= n)
		return 0;
	const char *path = rest + vl + 1;
	size_t pl = n - vl - 1;
	if (pl < a->pn || memcmp(path, a->path, a->pn) != 0)
		return 0;
	int rc = 0;
	if (!a->cur || strlen(a->cur) != vl || memcmp(a->cur, rest, vl) != 0) {
		rc = values_flush(a);
		a->cur = xstrndup(rest, vl);
	}
	a->sum += count;
	return rc;
}

int stats_values(struct store *st, DB_TXN *txn, const char *path, const char *month,
		 const char *subject, const char *dim, stats_cb cb, void *arg)
{
	struct sb pre;
	sb_init(&pre);
	stats_key(&pre, subject, month, dim, NULL, NULL);
	struct values_arg a = {
	    .path = path ? path : "", .pn = path ? strlen(path) : 0, .cb = cb, .arg = arg};
	int rc = stats_rows(st, txn, &pre, values_row, &a);
	int frc = values_flush(&a);
	sb_free(&pre);
	return rc < 0 ? rc : frc;
}

struct children_arg {
	const char **path; /* children's paths, sorted like the keys */
	long long *sum;
	int n;
	size_t pn;
};

static int children_row(const char *rest, size_t n, long long count, void *arg)
{
	struct children_arg *a = arg;
	/* REST is the path after the parent's. */
	for (int i = 0; i < a->n; i++) {
		const char *p = a->path[i] + a->pn;
		size_t l = strlen(p);
		if (n >= l && memcmp(rest, p, l) == 0) {
			a->sum[i] += count;
			break;
		}
	}
	return 0;
}

int stats_children(struct ctx *c, DB_TXN *txn, const char *code, const char *month,
		   const char *subject, const char *dim, const char *val, stats_cb cb, void *arg)
{
	const struct units *us = ctx_units(c);
	const struct unit *me = units_find(us, code);
	if (!me)
		return errmsg_set(ZZ_ENOENT, "没有单位 %s", code);
	struct children_arg a = {.pn = strlen(me->path)};
	const char **codes = NULL;
	for (int i = 0; i < us->n; i++) {
		if (strcmp(us->v[i].parent, code) != 0)
			continue;
		a.path = xrealloc(a.path, (size_t)(a.n + 1) * sizeof *a.path);
		codes = xrealloc(codes, (size_t)(a.n + 1) * sizeof *codes);
		a.path[a.n] = us->v[i].path;
		codes[a.n++] = us->v[i].code;
	}
	a.sum = xcalloc((size_t)a.n + 1, sizeof *a.sum);
	struct sb pre;
	sb_init(&pre);
	stats_key(&pre, subject, month, dim, val, me->path);
	int rc = stats_rows(c->st, txn, &pre, children_row, &a);
	for (int i = 0; i < a.n && rc == 0; i++)
		rc = cb(codes[i], a.sum[i], arg);
	sb_free(&pre);
	free(a.path);
	free(a.sum);
	free(codes);
	return rc;
}

int stats_conf_check(struct ctx *c)
{
	const config_setting_t *l = conf_setting(c->conf, "stats.record_fields");
	for (int i = 0; i < config_setting_length(l); i++) {
		const char *s = config_setting_get_string_elem(l, (unsigned)i);
		const char *dot = s ? strchr(s, '.') : NULL;
		char *tid = dot ? xstrndup(s, (size_t)(dot - s)) : NULL;
		const struct rtype *t = tid ? schema_type(c->schema, tid) : NULL;
		const char *star = dot ? strchr(dot + 1, '*') : NULL;
		char *fa = star ? xstrndup(dot + 1, (size_t)(star - dot - 1)) : NULL;
		int fi = t ? rtype_field(t, fa ? fa : dot + 1) : -1;
		if (fi >= 0 && star)
			fi = rtype_field(t, star + 1);
		free(fa);
		free(tid);
		if (fi < 0)
			return errmsg_set(ZZ_EINVAL,
					  "%s:%d: stats.record_fields 中的 “%s” 不是 类型.字段",
					  config_setting_source_file(l),
					  (int)config_setting_source_line(l), s ? s : "?");
	}
	return 0;
}

/* ---- rebuild and verify: every fact of a scan, counted in memory ---- */

struct tally {
	struct stats_facts f; /* every fact, one key per thing that has it */
};

static int tally_records(struct ctx *c, const struct rtype *t, struct tally *ta)
{
	DB *db = store_rec_db(c->st, t);
	DBC *cur = NULL;
	int rc = db ? store_err(db->cursor(db, NULL, &cur, 0), "统计重算") : ZZ_EDB;
	DBT key = {0}, val = {0};
	int dbrc = rc == 0 ? cur->get(cur, &key, &val, DB_FIRST) : DB_NOTFOUND;
	while (rc == 0 && dbrc == 0) {
		if (key.size == 8) {
			struct rec *r = rec_new(t);
			r->id = be64_get(key.data);
			if (codec_decode(r, val.data, val.size) == 0)
				stats_record_facts(c, r, &ta->f);
			rec_free(&r);
		}
		dbrc = cur->get(cur, &key, &val, DB_NEXT);
	}
	if (rc == 0 && dbrc != DB_NOTFOUND)
		rc = store_err(dbrc, "统计重算");
	if (cur)
		cur->close(cur);
	return rc;
}

static int tally_events(struct ctx *c, struct tally *ta)
{
	const struct rtype *t = schema_type(c->schema, EVENT_TYPE);
	DB *db = store_db(c->st, DBI_EVENTS);
	DBC *cur = NULL;
	int rc = db ? store_err(db->cursor(db, NULL, &cur, 0), "统计重算") : ZZ_EDB;
	DBT key = {0}, val = {0};
	int dbrc = rc == 0 ? cur->get(cur, &key, &val, DB_FIRST) : DB_NOTFOUND;
	while (rc == 0 && dbrc == 0) {
		if (key.size == 8) {
			struct event *ev = event_alloc();
			ev->id = be64_get(key.data);
			struct rec *r = NULL;
			if (event_decode(ev, val.data, val.size) == 0) {
				if (t)
					record_load(c->st, NULL, t, ev->id, &r, false);
				stats_event_facts(c, ev, r, &ta->f);
			}
			rec_free(&r);
			event_free(&ev);
		}
		dbrc = cur->get(cur, &key, &val, DB_NEXT);
	}
	if (rc == 0 && dbrc != DB_NOTFOUND)
		rc = store_err(dbrc, "统计重算");
	if (cur)
		cur->close(cur);
	return rc;
}

static int tally_all(struct ctx *c, struct tally *ta)
{
	int rc = 0;
	for (int i = 0; i < c->schema->n && rc == 0; i++)
		rc = tally_records(c, c->schema->t[i], ta);
	if (rc == 0)
		rc = tally_events(c, ta);
	if (ta->f.n > 1)
		qsort(ta->f.k, (size_t)ta->f.n, sizeof *ta->f.k, sb_qcmp);
	return rc;
}

/* The run of equal keys starting at *I: its count; *I moves past it. */
static long long tally_next(const struct tally *ta, int *i)
{
	int j = *i + 1;
	while (j < ta->f.n && sb_cmp(&ta->f.k[*i], &ta->f.k[j]) == 0)
		j++;
	long long n = j - *i;
	*i = j;
	return n;
}

struct rebuild_arg {
	const struct tally *ta;
	int from, to;
	bool truncate;
};

static int rebuild_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct rebuild_arg *a = arg;
	DB *db = store_db(st, DBI_STATS);
	if (!db)
		return ZZ_EDB;
	int rc = 0;
	if (a->truncate) {
		u_int32_t gone = 0;
		rc = store_err(db->truncate(db, txn, &gone, 0), "统计重算");
	}
	for (int i = a->from; i < a->to && rc == 0;) {
		const struct sb *k = &a->ta->f.k[i];
		unsigned char be[8];
		be64_put(be, (uint64_t)tally_next(a->ta, &i));
		rc = store_put(db, txn, k->buf, k->len, be, 8);
	}
	return rc;
}

int stats_rebuild(struct ctx *c, long *rows)
{
	struct tally ta = {0};
	int rc = stats_conf_check(c);
	if (rc == 0)
		rc = tally_all(c, &ta);
	/* The counters are replaced in one transaction, so that no reader sees half of them. */
	struct rebuild_arg a = {.ta = &ta, .from = 0, .to = ta.f.n, .truncate = true};
	if (rc == 0)
		rc = store_run(c->st, rebuild_txn, &a);
	long n = 0;
	for (int i = 0; rc == 0 && i < ta.f.n; n++)
		tally_next(&ta, &i);
	if (rows)
		*rows = n;
	stats_facts_free(&ta.f);
	return rc;
}

struct verify_arg {
	const struct tally *ta;
	int i;
	long rows, bad;
	char first[160];
};

/* The readable form of key K (parts joined by '|') into BUF. */
static void key_text(const char *k, size_t n, char *buf, size_t bn)
{
	size_t j = 0;
	for (size_t i = 0; i < n && j + 1 < bn; i++)
		buf[j++] = k[i] ? k[i] : '|';
	buf[j] = '\0';
}

static void verify_bad(struct verify_arg *a, const char *k, size_t n, long long want,
		       long long have)
{
	if (a->bad++ == 0) {
		char t[120];
		key_text(k, n, t, sizeof t);
		snprintf(a->first, sizeof a->first, "%s: 应为 %lld，存的是 %lld", t, want, have);
	}
}

static int verify_row(const char *rest, size_t n, long long count, void *arg)
{
	struct verify_arg *a = arg;
	const struct tally *ta = a->ta;
	a->rows++;
	for (;;) {
		int d = 1;
		if (a->i < ta->f.n) {
			const struct sb *k = &ta->f.k[a->i];
			size_t m = k->len < n ? k->len : n;
			d = memcmp(k->buf, rest, m);
			if (d == 0)
				d = (k->len > n) - (k->len < n);
		}
		if (d > 0) {
			verify_bad(a, rest, n, 0, count);
			return 0;
		}
		const struct sb *k = &ta->f.k[a->i];
		long long want = tally_next(ta, &a->i);
		if (d == 0) {
			if (want != count)
				verify_bad(a, rest, n, want, count);
			return 0;
		}
		verify_bad(a, k->buf, k->len, want, 0);
	}
}

int stats_verify(struct ctx *c, long *rows, long *bad)
{
	struct tally ta = {0};
	int rc = tally_all(c, &ta);
	struct verify_arg a = {.ta = &ta};
	struct sb all;
	sb_init(&all);
	if (rc == 0)
		rc = stats_rows(c->st, NULL, &all, verify_row, &a);
	while (rc == 0 && a.i < ta.f.n) {
		const struct sb *k = &ta.f.k[a.i];
		verify_bad(&a, k->buf, k->len, tally_next(&ta, &a.i), 0);
	}
	sb_free(&all);
	stats_facts_free(&ta.f);
	*rows = a.rows;
	*bad = a.bad;
	if (rc == 0 && a.bad)
		errmsg_set(ZZ_ERR, "统计计数与数据不符 %ld 处，例如 %s", a.bad, a.first);
	return rc;
}
