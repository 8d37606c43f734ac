/* office.c — report up, reply and read receipts on record types (office.h). A receipt is a row of
 * DBI_META, "rcpt" \0 type \0 be64 id \0 unit → "time\tby": a receiver's first reading of a document,
 * or the parent's first reading of an entry reported to it. The to-do items come from the records
 * themselves (office_todo), so nothing is left behind when a record goes. */
#include "office.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "attach.h"
#include "audit.h"
#include "office_wait.h"
#include "perm.h"
#include "schema.h"
#include "service.h"
#include "unit.h"
#include "validate.h"

/* The fields a declaration needs, all derived (written here only). */
static const struct office_need {
	const char *setting;
	const char *field[3];
	enum ftype type[3];
} office_needs[] = {
	{"report_up", {"up_to", "up_at", "up_by"}, {FT_UNIT, FT_DATETIME, FT_TEXT}},
	{"reply_to", {"reply", "reply_at", "reply_by"}, {FT_LONGTEXT, FT_DATETIME, FT_TEXT}},
	{"receipts", {NULL, NULL, NULL}, {FT_TEXT, FT_TEXT, FT_TEXT}},
};

bool office_has(const struct rtype *t, const char *setting)
{
	const config_setting_t *s = t->setting ? config_setting_get_member(t->setting, setting) : NULL;
	return s && (config_setting_type(s) != CONFIG_TYPE_BOOL || config_setting_get_bool(s));
}

/* The field a "reply_to" or "receipts" declaration names, or -1. */
static int office_field(const struct rtype *t, const char *setting)
{
	const char *f = NULL;
	if (!t->setting || !config_setting_lookup_string(t->setting, setting, &f))
		return -1;
	return rtype_field(t, f);
}

static const char *fv(const struct rec *r, int i)
{
	return i >= 0 ? r->v[i] : NULL;
}

int office_load(struct ctx *c)
{
	for (int k = 0; k < c->schema->n; k++) {
		const struct rtype *t = c->schema->t[k];
		int line = t->setting ? (int)config_setting_source_line(t->setting) : 0;
		for (size_t n = 0; n < ARRAY_LEN(office_needs); n++) {
			const struct office_need *d = &office_needs[n];
			if (!office_has(t, d->setting))
				continue;
			for (int i = 0; i < 3 && d->field[i]; i++) {
				int fi = rtype_field(t, d->field[i]);
				if (fi < 0 || t->f[fi].type != d->type[i] || !t->f[fi].derived)
					return errmsg_set(ZZ_EINVAL, "%s:%d: %s 需要字段 %s（%s，derived = true）", t->file,
							  line, d->setting, d->field[i], ftype_table[d->type[i]].zh);
			}
			if (strcmp(d->setting, "report_up") != 0) {
				int fi = office_field(t, d->setting);
				enum ftype want = !strcmp(d->setting, "reply_to") ? FT_UNIT : FT_TEXT;
				if (fi < 0 || t->f[fi].type != want || !t->f[fi].required)
					return errmsg_set(ZZ_EINVAL, "%s:%d: %s 应为本类型的必填%s字段", t->file, line,
							  d->setting, ftype_table[want].zh);
			}
		}
	}
	return 0;
}

/* ---- receipts ---- */

static size_t rcpt_key(unsigned char *k, size_t n, const struct rtype *t, uint64_t id, const char *unit)
{
	size_t tl = strlen(t->id), ul = strlen(unit);
	if (5 + tl + 1 + 8 + 1 + ul > n)
		return 0;
	memcpy(k, "rcpt", 5);
	memcpy(k + 5, t->id, tl + 1);
	be64_put(k + 5 + tl + 1, id);
	k[5 + tl + 9] = '\0';
	memcpy(k + 5 + tl + 10, unit, ul);
	return 5 + tl + 10 + ul;
}

/* The receipt of UNIT for record ID: *AT 0 when none; *BY (may be NULL) who (caller frees). */
static int rcpt_get(struct ctx *c, DB_TXN *txn, const struct rtype *t, uint64_t id, const char *unit, int64_t *at,
		    char **by)
{
	unsigned char k[256];
	size_t kn = rcpt_key(k, sizeof k, t, id, unit);
	void *v = NULL;
	size_t vn = 0;
	*at = 0;
	if (by)
		*by = NULL;
	int rc = kn ? store_get(store_db(c->st, DBI_META), txn, k, kn, &v, &vn, false) : ZZ_ENOENT;
	if (rc == ZZ_ENOENT)
		return 0;
	if (rc < 0)
		return rc;
	char *s = xstrndup(v, vn);
	free(v);
	char *tab = strchr(s, '\t');
	long long t0 = 0;
	if (tab)
		*tab = '\0';
	if (str_to_ll(s, &t0) == 0)
		*at = t0;
	if (by)
		*by = xstrdup(tab ? tab + 1 : "");
	free(s);
	return 0;
}

static int rcpt_put(struct ctx *c, DB_TXN *txn, const struct rtype *t, uint64_t id, const char *unit, int64_t at,
		    const char *by)
{
	unsigned char k[256];
	size_t kn = rcpt_key(k, sizeof k, t, id, unit);
	if (!kn)
		return errmsg_set(ZZ_EINVAL, "单位代码过长：%s", unit);
	char *v = xasprintf("%lld\t%s", (long long)at, by);
	int rc = store_put(store_db(c->st, DBI_META), txn, k, kn, v, strlen(v));
	free(v);
	return rc;
}

static int rcpt_del(struct ctx *c, DB_TXN *txn, const struct rtype *t, uint64_t id, const char *unit)
{
	unsigned char k[256];
	size_t kn = rcpt_key(k, sizeof k, t, id, unit);
	int rc = kn ? store_del(store_db(c->st, DBI_META), txn, k, kn) : 0;
	return rc == ZZ_ENOENT ? 0 : rc;
}

/* The units listed in field FI of R ("a,b,c"). */
static void units_listed(const struct rec *r, int fi, struct strv *out)
{
	*out = (struct strv){0};
	char *copy = xstrdup(fv(r, fi) ? fv(r, fi) : ""), *save = NULL;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		if (strv_find(out, tok) < 0)
			strv_push(out, tok);
	free(copy);
}

static bool is_receiver(const struct rec *r, const char *unit)
{
	struct strv to;
	units_listed(r, office_field(r->t, "receipts"), &to);
	bool yes = strv_find(&to, unit) >= 0;
	strv_free(&to);
	return yes;
}

int office_waiting(struct ctx *c, DB_TXN *txn, const struct rec *r, const char *only, struct strv *out)
{
	*out = (struct strv){0};
	int rc = 0;
	struct strv read = {0};
	if (office_has(r->t, "receipts"))
		units_listed(r, office_field(r->t, "receipts"), &read);
	else if (office_has(r->t, "report_up") && rec_get(r, "up_to"))
		strv_push(&read, rec_get(r, "up_to"));
	for (int i = 0; i < read.n && rc == 0; i++) {
		if (only && strcmp(only, read.v[i]) != 0)
			continue;
		int64_t at = 0;
		rc = rcpt_get(c, txn, r->t, r->id, read.v[i], &at, NULL);
		if (rc == 0 && !at)
			strv_push(out, read.v[i]);
	}
	strv_free(&read);
	const char *to = fv(r, office_field(r->t, "reply_to"));
	if (rc == 0 && to && !rec_get(r, "reply_at") && (!only || !strcmp(only, to)))
		strv_push(out, to);
	if (rc < 0)
		strv_free(out);
	return rc;
}

void office_wait_candidates(const struct rec *r, struct strv *out)
{
	*out = (struct strv){0};
	if (office_has(r->t, "receipts"))
		units_listed(r, office_field(r->t, "receipts"), out);
	if (office_has(r->t, "report_up") && rec_get(r, "up_to"))
		strv_push(out, rec_get(r, "up_to"));
	const char *to = fv(r, office_field(r->t, "reply_to"));
	if (to)
		strv_push(out, to);
}

/* ---- the save hooks ---- */

static void keep_derived(struct rec *r, const struct rec *old)
{
	for (size_t n = 0; n < ARRAY_LEN(office_needs); n++) {
		if (!office_has(r->t, office_needs[n].setting))
			continue;
		for (int i = 0; i < 3 && office_needs[n].field[i]; i++) {
			int fi = rtype_field(r->t, office_needs[n].field[i]);
			rec_set_raw(r, fi, old ? old->v[fi] : NULL);
		}
	}
}

int office_before_store(struct ctx *c, DB_TXN *txn, struct rec *r, const struct rec *old, int64_t now)
{
	(void)txn;
	(void)now;
	keep_derived(r, old);
	const struct units *us = ctx_units(c);
	int fi = office_field(r->t, "reply_to");
	if (fi >= 0 && fv(r, fi)) {
		const char *to = fv(r, fi);
		if (!strcmp(to, r->unit) || !units_under(us, r->unit, to))
			return errmsg_set(ZZ_EINVAL, "%s：%s 不是本单位的上级单位", r->t->f[fi].label, to);
		int ri = rtype_field(r->t, "reply");
		if (old && fv(old, ri) && strcmp(to, fv(old, fi) ? fv(old, fi) : ""))
			return errmsg_set(ZZ_EINVAL, "已答复的%s不能改提交对象", r->t->title);
	}
	fi = office_field(r->t, "receipts");
	if (fi >= 0) {
		struct strv to;
		units_listed(r, fi, &to);
		int rc = 0;
		for (int i = 0; i < to.n && rc == 0; i++) {
			const struct unit *x = units_find(us, to.v[i]);
			if (!x)
				rc = errmsg_set(ZZ_EINVAL, "%s：单位 %s 不存在", r->t->f[fi].label, to.v[i]);
			else if (!strcmp(x->code, r->unit) || !units_under(us, x->code, r->unit))
				rc = errmsg_set(ZZ_EINVAL, "%s：%s 不是本单位的下级单位", r->t->f[fi].label, x->name);
		}
		strv_free(&to);
		return rc;
	}
	return 0;
}

/* Receipts of receivers no longer listed go with them. */
int office_after_store(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *r,
		       const struct rec *old, int64_t now)
{
	(void)u;
	(void)now;
	int fi = office_field(r->t, "receipts");
	int rc = office_has(r->t, "report_up") || office_field(r->t, "reply_to") >= 0 || fi >= 0
			 ? office_wait_sync(c, txn, old, r)
			 : 0;
	if (rc < 0 || fi < 0 || !old)
		return rc;
	struct strv was, is;
	units_listed(old, fi, &was);
	units_listed(r, fi, &is);
	for (int i = 0; i < was.n && rc == 0; i++)
		if (strv_find(&is, was.v[i]) < 0)
			rc = rcpt_del(c, txn, r->t, r->id, was.v[i]);
	strv_free(&was);
	strv_free(&is);
	return rc;
}

int office_after_delete(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *old, int64_t now)
{
	(void)u;
	(void)now;
	int rc = 0;
	int fi = office_field(old->t, "receipts");
	if (fi >= 0) {
		struct strv was;
		units_listed(old, fi, &was);
		for (int i = 0; i < was.n && rc == 0; i++)
			rc = rcpt_del(c, txn, old->t, old->id, was.v[i]);
		strv_free(&was);
	}
	const char *up = office_has(old->t, "report_up") ? rec_get(old, "up_to") : NULL;
	if (rc == 0 && up)
		rc = rcpt_del(c, txn, old->t, old->id, up);
	if (rc == 0)
		rc = office_wait_sync(c, txn, old, NULL);
	return rc;
}

/* ---- actions ---- */

static int no_record(const struct rtype *t, uint64_t id)
{
	return errmsg_set(ZZ_ENOENT, "没有%s %llu", t->title, (unsigned long long)id);
}

static int audit_act(struct ctx *c, DB_TXN *txn, const struct user *u, const char *type, const struct rec *r,
		     const char *detail)
{
	char *obj = xasprintf("%s:%llu", r->t->id, (unsigned long long)r->id);
	int rc = audit_append(c, txn, &(struct audit_entry){.user = u->name, .unit = u->unit, .type = type,
							      .object = obj, .result = "ok", .detail = detail});
	free(obj);
	return rc;
}

static void refused(struct ctx *c, const struct user *u, const char *what, const struct rtype *t, uint64_t id, int rc)
{
	char *obj = xasprintf("%s:%llu", t->id, (unsigned long long)id);
	service_audit_refusal(c, u, what, obj, rc);
	free(obj);
}

struct act_arg {
	struct ctx *c;
	const struct user *u;
	const struct rtype *t;
	uint64_t id;
	const char *text;
	char *to;
	struct rec *out;
	bool receipt; /* office_open: write the receipt */
	bool unseen;  /* the record is there but beyond the account's view */
};

static int up_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct act_arg *a = arg;
	struct rec *r = NULL, *old = NULL;
	int rc = record_load(st, txn, a->t, a->id, &r, true);
	a->unseen = rc == 0 && !perm_may(a->c, a->u, ACT_VIEW, a->t, r->unit);
	if (rc == ZZ_ENOENT || a->unseen)
		rc = no_record(a->t, a->id);
	const struct units *us = ctx_units(a->c);
	/* A copy: the record's up_to is replaced below. */
	char *holder = rc == 0 ? xstrdup(rec_get(r, "up_to") ? rec_get(r, "up_to") : r->unit) : NULL;
	const struct unit *h = holder ? units_find(us, holder) : NULL;
	if (rc == 0 && !perm_console(a->u) && strcmp(a->u->unit, holder) != 0) {
		char *name = units_fullname(us, holder);
		rc = errmsg_set(ZZ_EPERM, "这条%s现在由%s掌握，只有该单位可以上报", a->t->title, name);
		free(name);
	}
	if (rc == 0)
		rc = perm_check(a->c, a->u, ACT_EDIT, a->t, r->unit);
	if (rc == 0 && (!h || str_empty(h->parent) || !units_find(us, h->parent)))
		rc = errmsg_set(ZZ_EINVAL, "已在最高一级单位，不能再上报");
	if (rc == 0) {
		char when[20];
		datetime_format((time_t)time(NULL), when);
		char *by = service_editor(a->u);
		old = rec_dup(r);
		a->to = xstrdup(h->parent);
		rec_set_raw(r, rtype_field(a->t, "up_to"), a->to);
		rec_set_raw(r, rtype_field(a->t, "up_at"), when);
		rec_set_raw(r, rtype_field(a->t, "up_by"), by);
		free(by);
		rc = record_store(st, txn, r, old);
		if (rc == 0)
			rc = office_wait_sync(a->c, txn, old, r);
	}
	if (rc == 0) {
		char *name = units_fullname(us, a->to);
		char *detail = xasprintf("由 %s 上报至 %s（%s）", holder, name, a->to);
		rc = audit_act(a->c, txn, a->u, "report_up", r, detail);
		free(detail);
		free(name);
	}
	free(holder);
	rec_free(&old);
	rec_free(&r);
	return rc;
}

int office_report_up(struct ctx *c, const struct user *u, const struct rtype *t, uint64_t id, char **to)
{
	if (to)
		*to = NULL;
	if (!office_has(t, "report_up"))
		return errmsg_set(ZZ_EINVAL, "%s不能上报", t->title);
	struct act_arg a = {.c = c, .u = u, .t = t, .id = id};
	int rc = store_run(c->st, up_txn, &a);
	if (rc == 0 && to)
		*to = a.to;
	else
		free(a.to);
	/* One it may not see answers as one not there (R-AC-1); the attempt is audited all the same. */
	if (rc == ZZ_EPERM || a.unseen)
		refused(c, u, "report_up", t, id, ZZ_EPERM);
	return rc;
}

static int reply_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct act_arg *a = arg;
	struct rec *r = NULL, *old = NULL;
	int rc = record_load(st, txn, a->t, a->id, &r, true);
	a->unseen = rc == 0 && !perm_may(a->c, a->u, ACT_VIEW, a->t, r->unit);
	if (rc == ZZ_ENOENT || a->unseen)
		rc = no_record(a->t, a->id);
	int fi = office_field(a->t, "reply_to");
	const char *to = rc == 0 ? fv(r, fi) : NULL;
	if (rc == 0 && !perm_console(a->u) && (!to || strcmp(a->u->unit, to) != 0))
		rc = errmsg_set(ZZ_EPERM, "这条%s不是提交给本单位的，不能答复", a->t->title);
	if (rc == 0)
		rc = perm_check(a->c, a->u, ACT_EDIT, a->t, r->unit);
	int ri = rtype_field(a->t, "reply");
	char *text = NULL;
	if (rc == 0 && str_empty(a->text))
		rc = errmsg_set(ZZ_EINVAL, "请填写答复意见");
	if (rc == 0)
		rc = validate_field(&a->t->f[ri], a->text, &text);
	if (rc == 0) {
		char when[20];
		datetime_format((time_t)time(NULL), when);
		char *by = service_editor(a->u);
		old = rec_dup(r);
		rec_set_raw(r, ri, text);
		rec_set_raw(r, rtype_field(a->t, "reply_at"), when);
		rec_set_raw(r, rtype_field(a->t, "reply_by"), by);
		free(by);
		rc = record_store(st, txn, r, old);
		if (rc == 0)
			rc = office_wait_sync(a->c, txn, old, r);
	}
	if (rc == 0) {
		char *detail = xasprintf("答复：%s", text);
		rc = audit_act(a->c, txn, a->u, "reply", r, detail);
		free(detail);
	}
	free(text);
	rec_free(&old);
	rec_free(&r);
	return rc;
}

int office_reply(struct ctx *c, const struct user *u, const struct rtype *t, uint64_t id, const char *text)
{
	if (!office_has(t, "reply_to"))
		return errmsg_set(ZZ_EINVAL, "%s不能答复", t->title);
	struct act_arg a = {.c = c, .u = u, .t = t, .id = id, .text = text};
	int rc = store_run(c->st, reply_txn, &a);
	if (rc == ZZ_EPERM || a.unseen)
		refused(c, u, "reply", t, id, ZZ_EPERM);
	return rc;
}

/* Who opens R: its sender side (may view), a receiver, the unit it was reported to; else none. */
static int open_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct act_arg *a = arg;
	struct rec *r = NULL;
	int rc = record_load(st, txn, a->t, a->id, &r, false);
	bool sees = rc == 0 && perm_may(a->c, a->u, ACT_VIEW, a->t, r->unit);
	bool receiver = rc == 0 && office_has(a->t, "receipts") && is_receiver(r, a->u->unit);
	bool parent = sees && office_has(a->t, "report_up") && rec_get(r, "up_to") &&
		      !strcmp(rec_get(r, "up_to"), a->u->unit);
	if (rc == ZZ_ENOENT || (rc == 0 && !sees && !receiver))
		rc = no_record(a->t, a->id);
	int64_t at = 0;
	if (rc == 0 && a->receipt && (receiver || parent))
		rc = rcpt_get(a->c, txn, a->t, a->id, a->u->unit, &at, NULL);
	if (rc == 0 && a->receipt && (receiver || parent) && !at) {
		char *by = service_editor(a->u);
		rc = rcpt_put(a->c, txn, a->t, a->id, a->u->unit, (int64_t)time(NULL), by);
		free(by);
		if (rc == 0)
			rc = office_wait_done(a->c, txn, a->t, a->id, a->u->unit);
		if (rc == 0)
			rc = audit_act(a->c, txn, a->u, "receipt", r, receiver ? "接收单位已阅" : "上报至本单位，已阅");
	}
	if (rc == 0) {
		a->out = r;
		r = NULL;
	}
	rec_free(&r);
	return rc;
}

int office_open(struct ctx *c, const struct user *u, const struct rtype *t, uint64_t id, struct rec **out)
{
	*out = NULL;
	struct act_arg a = {.c = c, .u = u, .t = t, .id = id, .receipt = true};
	int rc = store_run(c->st, open_txn, &a);
	if (rc == 0)
		*out = a.out;
	else
		rec_free(&a.out);
	return rc;
}

int office_download(struct ctx *c, const struct user *u, const struct rtype *t, uint64_t id, const char *sha,
		    char **name)
{
	*name = NULL;
	struct act_arg a = {.c = c, .u = u, .t = t, .id = id};
	int rc = store_run(c->st, open_txn, &a);
	if (rc == 0)
		rc = attach_copy(c, u, a.out, sha, name);
	rec_free(&a.out);
	return rc;
}

int office_receipts(struct ctx *c, const struct user *u, const struct rtype *t, uint64_t id,
		    struct office_receipt **out, int *n)
{
	*out = NULL;
	*n = 0;
	int fi = office_field(t, "receipts");
	if (fi < 0)
		return errmsg_set(ZZ_EINVAL, "%s没有接收单位", t->title);
	struct rec *r = NULL;
	int rc = record_load(c->st, NULL, t, id, &r, false);
	if (rc == ZZ_ENOENT || (rc == 0 && !perm_may(c, u, ACT_VIEW, t, r->unit)))
		rc = no_record(t, id);
	struct strv to = {0};
	if (rc == 0)
		units_listed(r, fi, &to);
	if (to.n)
		*out = xcalloc((size_t)to.n, sizeof **out);
	for (int i = 0; rc == 0 && i < to.n; i++) {
		(*out)[i].unit = xstrdup(to.v[i]);
		*n = i + 1;
		rc = rcpt_get(c, NULL, t, id, to.v[i], &(*out)[i].at, &(*out)[i].by);
	}
	strv_free(&to);
	rec_free(&r);
	if (rc < 0) {
		office_receipts_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void office_receipts_free(struct office_receipt *v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i].unit);
		free(v[i].by);
	}
	free(v);
}

struct inbox_arg {
	struct ctx *c;
	const struct user *u;
	uint64_t *ids;
	int n;
};

static int id_desc(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? 1 : x > y ? -1 : 0;
}

static int inbox_id(const struct rtype *t, uint64_t id, void *arg)
{
	(void)t;
	struct inbox_arg *a = arg;
	a->ids = xrealloc(a->ids, (size_t)(a->n + 1) * sizeof *a->ids);
	a->ids[a->n++] = id;
	return 0;
}

/* Whether R waits at UNIT: a document sent to it, an entry it holds, a proposal addressed to it. */
static bool inbox_mine(const struct rec *r, const char *unit)
{
	if (office_has(r->t, "receipts"))
		return is_receiver(r, unit);
	if (office_has(r->t, "report_up")) {
		const char *up = rec_get(r, "up_to");
		return !strcmp(up ? up : r->unit, unit);
	}
	const char *to = fv(r, office_field(r->t, "reply_to"));
	return to && !strcmp(to, unit);
}

int office_inbox(struct ctx *c, const struct user *u, const struct rtype *t, struct office_inbox **out, int *n)
{
	*out = NULL;
	*n = 0;
	bool docs = office_has(t, "receipts"), rep = office_has(t, "reply_to");
	if (!docs && !rep && !office_has(t, "report_up"))
		return errmsg_set(ZZ_EINVAL, "%s不是发给或上报给单位的记录", t->title);
	/* Documents come from above (any unit); entries reported up and proposals from below. */
	struct inbox_arg a = {.c = c, .u = u};
	int rc = record_scan_unit(c->st, NULL, t, docs ? "" : perm_scope(c, u), inbox_id, &a);
	if (a.n)
		qsort(a.ids, (size_t)a.n, sizeof *a.ids, id_desc);
	for (int i = 0; rc == 0 && i < a.n; i++) {
		struct rec *r = NULL;
		rc = record_load(c->st, NULL, t, a.ids[i], &r, false);
		if (rc == ZZ_ENOENT) {
			rc = 0;
			continue;
		}
		bool mine = rc == 0 && inbox_mine(r, u->unit);
		int64_t at = 0;
		const char *reply_at = rep && mine ? rec_get(r, "reply_at") : NULL;
		time_t when = 0;
		if (reply_at && datetime_parse(reply_at, &when) == 0)
			at = (int64_t)when;
		else if (mine && !rep && (docs || rec_get(r, "up_to")))
			rc = rcpt_get(c, NULL, t, r->id, u->unit, &at, NULL);
		if (mine && rc == 0) {
			*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
			(*out)[(*n)++] = (struct office_inbox){.r = r, .at = at};
			r = NULL;
		}
		rec_free(&r);
	}
	free(a.ids);
	if (rc < 0) {
		office_inbox_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void office_inbox_free(struct office_inbox *v, int n)
{
	for (int i = 0; i < n; i++)
		rec_free(&v[i].r);
	free(v);
}

/* One to-do line per record waiting for U's unit. */
static void todo_line(struct ctx *c, struct todo_list *l, const char *kind, const char *what, const struct rec *r)
{
	const struct unit *from = units_find(ctx_units(c), r->unit);
	const char *title = rec_get(r, "title");
	char ref[96];
	snprintf(ref, sizeof ref, "%s:%llu", r->t->id, (unsigned long long)r->id);
	todo_add(l, TODO_INFO, 0, kind, ref, "%s%s：%s（%s）", r->t->title, what, title ? title : "",
		 from ? from->name : r->unit);
}

/* The to-do lines of type T from the rows of what waits at U's unit, each record read again to be
 * sure it still waits there. */
static int todo_waiting(struct ctx *c, const struct user *u, const struct rtype *t, const char *kind,
			const char *what, struct todo_list *l)
{
	uint64_t *ids = NULL;
	int n = 0;
	int rc = office_wait_ids(c, t, u->unit, &ids, &n);
	for (int i = 0; i < n && rc == 0; i++) {
		struct rec *r = NULL;
		struct strv at = {0};
		rc = record_load(c->st, NULL, t, ids[i], &r, false);
		if (rc == 0)
			rc = office_waiting(c, NULL, r, u->unit, &at);
		if (rc == 0 && at.n)
			todo_line(c, l, kind, what, r);
		if (rc == ZZ_ENOENT)
			rc = 0;
		strv_free(&at);
		rec_free(&r);
	}
	free(ids);
	return rc;
}

int office_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l)
{
	(void)now;
	if (perm_console(u) || !units_find(ctx_units(c), perm_scope(c, u)))
		return 0;
	/* The waiting rows when the home has them; else (a standby not yet sent them) every record. */
	bool wait = office_wait_ready(c);
	int rc = 0;
	for (int k = 0; k < c->schema->n && rc == 0; k++) {
		const struct rtype *t = c->schema->t[k];
		bool docs = office_has(t, "receipts"), up = office_has(t, "report_up"), rep = office_has(t, "reply_to");
		if (!docs && !up && !rep)
			continue;
		const char *kind = docs ? "doc" : up ? "report_up" : "suggest";
		const char *what = docs ? "待阅" : up ? "上报待阅" : "待答复";
		if (wait) {
			rc = todo_waiting(c, u, t, kind, what, l);
			continue;
		}
		struct office_inbox *v = NULL;
		int n = 0;
		rc = office_inbox(c, u, t, &v, &n);
		for (int i = 0; rc == 0 && i < n; i++)
			if (!v[i].at && (!up || rec_get(v[i].r, "up_to")))
				todo_line(c, l, kind, what, v[i].r);
		office_inbox_free(v, n);
	}
	return rc;
}
