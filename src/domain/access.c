/* access.c — access requests (access.h). A request is a record of type access_request at the
 * requesting unit; its decision fields are written only by access_decide. */
#include "access.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "perm.h"
#include "schema.h"
#include "service.h"
#include "unit.h"
#include "validate.h"

#define ST_WAITING "1"
#define ST_GRANTED "2"
#define ST_REFUSED "3"

static const char *const decided[] = {"state", "note", "decided_by", "decided_at"};

static bool listed(const char *list, const char *id)
{
	size_t n = strlen(id);
	for (const char *p = list; p && *p;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == n && !strncmp(p, id, n))
			return true;
		p = comma ? comma + 1 : NULL;
	}
	return false;
}

bool access_covers(const struct units *us, const struct rec *r, const struct rtype *t, const char *unit, int today)
{
	const char *state = rec_get(r, "state"), *scope = rec_get(r, "scope");
	int start, end;
	return state && !strcmp(state, ST_GRANTED) && scope && units_under(us, unit, scope) &&
	       listed(rec_get(r, "types"), t->id) && date_parse(rec_get(r, "start"), &start) == 0 &&
	       date_parse(rec_get(r, "end"), &end) == 0 && start <= today && today <= end;
}

struct grant_ids {
	uint64_t *v;
	int n;
};

static int grant_id(const struct rtype *t, uint64_t id, void *arg)
{
	(void)t;
	struct grant_ids *g = arg;
	g->v = xrealloc(g->v, (size_t)(g->n + 1) * sizeof *g->v);
	g->v[g->n++] = id;
	return 0;
}

bool access_grants_view(struct ctx *c, const struct user *u, const struct rtype *t, const char *unit)
{
	const struct rtype *at = schema_type(c->schema, ACCESS_TYPE);
	if (!at || t == at || !c->st || !units_find(ctx_units(c), u->unit))
		return false;
	struct grant_ids g = {0};
	bool yes = false;
	int today = date_today(time(NULL));
	if (record_scan_unit(c->st, NULL, at, u->unit, grant_id, &g) == 0)
		for (int i = 0; i < g.n && !yes; i++) {
			struct rec *r = NULL;
			if (record_load(c->st, NULL, at, g.v[i], &r, false) == 0 && r->unit && !strcmp(r->unit, u->unit))
				yes = access_covers(ctx_units(c), r, t, unit, today);
			rec_free(&r);
		}
	free(g.v);
	return yes;
}

int access_frozen(struct ctx *c, DB_TXN *txn, const struct rec *r, enum perm_action a)
{
	(void)c;
	(void)txn;
	if (strcmp(r->t->id, ACCESS_TYPE) != 0)
		return 0;
	const char *state = rec_get(r, "state");
	if (!state || !strcmp(state, ST_WAITING))
		return 0;
	/* A decision is the record of who might read what and why: removing it is refused like a
	 * right not held, so that service_delete audits the attempt. */
	if (a == ACT_DELETE)
		return errmsg_set(ZZ_EPERM, "已审批的信息查阅申请不能删除：审批结果要留档备查");
	return errmsg_set(ZZ_EINVAL, "已审批的申请不能修改，请另行申请");
}

int access_before_store(struct ctx *c, DB_TXN *txn, struct rec *r, const struct rec *old, int64_t now)
{
	(void)txn;
	(void)now;
	if (strcmp(r->t->id, ACCESS_TYPE) != 0)
		return 0;
	for (size_t i = 0; i < ARRAY_LEN(decided); i++)
		rec_set_raw(r, rtype_field(r->t, decided[i]), old ? rec_get(old, decided[i]) : NULL);
	rec_set_raw(r, rtype_field(r->t, "state"), ST_WAITING);
	const struct units *us = ctx_units(c);
	const char *to = rec_get(r, "to"), *scope = rec_get(r, "scope");
	if (!to || !strcmp(to, r->unit) || !units_under(us, r->unit, to))
		return errmsg_set(ZZ_EINVAL, "申请向：%s 不是本单位的上级单位", to ? to : "");
	if (!scope || !units_under(us, scope, to))
		return errmsg_set(ZZ_EINVAL, "查看范围：%s 不在所申请的上级单位之内", scope ? scope : "");
	char *types = xstrdup(rec_get(r, "types") ? rec_get(r, "types") : "");
	int rc = 0;
	char *save = NULL;
	for (char *tok = strtok_r(types, ",", &save); tok && rc == 0; tok = strtok_r(NULL, ",", &save))
		if (!schema_type(c->schema, tok))
			rc = errmsg_set(ZZ_EINVAL, "记录类型：没有代码为 %s 的记录类型，请从记录类型一览中选择", tok);
		else if (!strcmp(tok, ACCESS_TYPE))
			rc = errmsg_set(ZZ_EINVAL, "记录类型：信息查阅申请本身不能申请查阅");
	free(types);
	int start, end;
	long max = conf_int(c->conf, "security.access_max_days");
	if (rc == 0 && (date_parse(rec_get(r, "start"), &start) < 0 || date_parse(rec_get(r, "end"), &end) < 0 ||
			end < start))
		rc = errmsg_set(ZZ_EINVAL, "结束日期应不早于开始日期");
	if (rc == 0 && end - start + 1 > max)
		rc = errmsg_set(ZZ_EINVAL, "期限最长 %ld 天", max);
	return rc;
}

struct decide_arg {
	struct ctx *c;
	const struct user *u;
	const struct rtype *t;
	uint64_t id;
	bool grant;
	const char *note;
};

/* Whether A's account may decide request R (RC: how loading it went): addressed to its unit, and
 * still waiting. The note apart: the screen asks this before the note is typed. */
static int decide_check(const struct decide_arg *a, int rc, const struct rec *r)
{
	if (rc == ZZ_ENOENT || (rc == 0 && !perm_may(a->c, a->u, ACT_VIEW, a->t, r->unit)))
		rc = errmsg_set(ZZ_ENOENT, "没有%s %llu", a->t->title, (unsigned long long)a->id);
	const char *to = rc == 0 ? rec_get(r, "to") : NULL;
	if (rc == 0 && !perm_console(a->u) && (!to || strcmp(to, a->u->unit) != 0))
		rc = errmsg_set(ZZ_EPERM, "这份申请不是向本单位提出的，不能审批");
	if (rc == 0)
		rc = perm_check(a->c, a->u, ACT_EDIT, a->t, r->unit);
	if (rc == 0 && strcmp(rec_get(r, "state") ? rec_get(r, "state") : ST_WAITING, ST_WAITING) != 0)
		rc = errmsg_set(ZZ_EINVAL, "这份申请已经审批");
	return rc;
}

static int decide_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct decide_arg *a = arg;
	struct rec *r = NULL, *old = NULL;
	char *note = NULL;
	int rc = record_load(st, txn, a->t, a->id, &r, true);
	rc = decide_check(a, rc, r);
	if (rc == 0 && !a->grant && str_empty(a->note))
		rc = errmsg_set(ZZ_EINVAL, "不同意时请写明审批意见");
	if (rc == 0 && !str_empty(a->note))
		rc = validate_field(&a->t->f[rtype_field(a->t, "note")], a->note, &note);
	if (rc == 0) {
		char when[20];
		datetime_format((time_t)time(NULL), when);
		char *by = service_editor(a->u);
		old = rec_dup(r);
		rec_set_raw(r, rtype_field(a->t, "state"), a->grant ? ST_GRANTED : ST_REFUSED);
		rec_set_raw(r, rtype_field(a->t, "note"), note);
		rec_set_raw(r, rtype_field(a->t, "decided_by"), by);
		rec_set_raw(r, rtype_field(a->t, "decided_at"), when);
		free(by);
		rc = record_store(st, txn, r, old);
	}
	if (rc == 0) {
		char *obj = xasprintf("%s:%llu", a->t->id, (unsigned long long)a->id);
		char *detail = xasprintf("%s：%s 的 %s，%s 至 %s%s%s", a->grant ? "批准" : "不批准", rec_get(r, "scope"),
					 rec_get(r, "types"), rec_get(r, "start"), rec_get(r, "end"), note ? "；" : "",
					 note ? note : "");
		rc = audit_append(a->c, txn, &(struct audit_entry){.user = a->u->name, .unit = a->u->unit,
								    .type = a->grant ? "access_grant" : "access_refuse",
								    .object = obj, .result = "ok", .detail = detail});
		free(obj);
		free(detail);
	}
	free(note);
	rec_free(&old);
	rec_free(&r);
	return rc;
}

int access_decide(struct ctx *c, const struct user *u, uint64_t id, bool grant, const char *note)
{
	const struct rtype *t = schema_type(c->schema, ACCESS_TYPE);
	if (!t)
		return errmsg_set(ZZ_EINVAL, "缺少记录类型 %s（screens/%s.cfg）", ACCESS_TYPE, ACCESS_TYPE);
	struct decide_arg a = {c, u, t, id, grant, note};
	int rc = store_run(c->st, decide_txn, &a);
	if (rc == ZZ_EPERM) {
		char *obj = xasprintf("%s:%llu", t->id, (unsigned long long)id);
		service_audit_refusal(c, u, grant ? "access_grant" : "access_refuse", obj, rc);
		free(obj);
	}
	return rc;
}

int access_may_decide(struct ctx *c, const struct user *u, uint64_t id)
{
	const struct rtype *t = schema_type(c->schema, ACCESS_TYPE);
	if (!t)
		return errmsg_set(ZZ_EINVAL, "缺少记录类型 %s（screens/%s.cfg）", ACCESS_TYPE,
				  ACCESS_TYPE);
	struct decide_arg a = {c, u, t, id, false, NULL};
	struct rec *r = NULL;
	int rc = record_load(c->st, NULL, t, id, &r, false);
	rc = decide_check(&a, rc, r);
	rec_free(&r);
	return rc;
}

int access_inbox(struct ctx *c, const struct user *u, struct rec ***out, int *n)
{
	*out = NULL;
	*n = 0;
	const struct rtype *t = schema_type(c->schema, ACCESS_TYPE);
	if (!t || !units_find(ctx_units(c), perm_scope(c, u)))
		return 0;
	struct grant_ids g = {0};
	int rc = record_scan_unit(c->st, NULL, t, perm_scope(c, u), grant_id, &g);
	for (int i = g.n - 1; rc == 0 && i >= 0; i--) {
		struct rec *r = NULL;
		if (record_load(c->st, NULL, t, g.v[i], &r, false) == 0 && rec_get(r, "to") &&
		    !strcmp(rec_get(r, "to"), u->unit)) {
			*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
			(*out)[(*n)++] = r;
			r = NULL;
		}
		rec_free(&r);
	}
	free(g.v);
	return rc;
}

/* The requester's side: each grant of U's unit running today, with its last day; within
 * security.access_warn_days of it, a warning. */
static int grants_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l)
{
	const struct rtype *t = schema_type(c->schema, ACCESS_TYPE);
	if (!t || !units_find(ctx_units(c), u->unit) || !perm_may(c, u, ACT_VIEW, t, u->unit))
		return 0;
	struct grant_ids g = {0};
	int today = date_today((time_t)now);
	long warn = conf_int(c->conf, "security.access_warn_days");
	int rc = record_scan_unit(c->st, NULL, t, u->unit, grant_id, &g);
	for (int i = 0; rc == 0 && i < g.n; i++) {
		struct rec *r = NULL;
		int start, end;
		const char *state = NULL;
		if (record_load(c->st, NULL, t, g.v[i], &r, false) == 0 && r->unit && !strcmp(r->unit, u->unit) &&
		    (state = rec_get(r, "state")) && !strcmp(state, ST_GRANTED) &&
		    date_parse(rec_get(r, "start"), &start) == 0 && date_parse(rec_get(r, "end"), &end) == 0 &&
		    start <= today && today <= end) {
			char ref[96], last[32];
			time_t due = 0;
			snprintf(ref, sizeof ref, "%s:%llu", ACCESS_TYPE, (unsigned long long)r->id);
			snprintf(last, sizeof last, "%s 23:59:59", rec_get(r, "end"));
			datetime_parse(last, &due);
			char *types = schema_types_zh(c->schema, rec_get(r, "types"));
			const struct unit *scope = units_find(ctx_units(c), rec_get(r, "scope"));
			bool soon = end - today < warn;
			char left[32];
			if (end == today)
				snprintf(left, sizeof left, "今天到期");
			else
				snprintf(left, sizeof left, "还剩 %d 天", end - today);
			todo_add(l, soon ? TODO_WARN : TODO_INFO, (int64_t)due, "access_grant", ref,
				 "信息查阅授权%s：%s的%s，至 %s（%s）", soon ? "即将到期" : "",
				 scope ? scope->name : rec_get(r, "scope"), types, rec_get(r, "end"), left);
			free(types);
		}
		rec_free(&r);
	}
	free(g.v);
	return rc;
}

int access_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l)
{
	if (perm_console(u))
		return 0;
	int grc = grants_todo(c, u, now, l);
	if (grc < 0)
		return grc;
	struct rec **v = NULL;
	int n = 0;
	int rc = access_inbox(c, u, &v, &n);
	for (int i = 0; i < n; i++) {
		if (rc == 0 && !strcmp(rec_get(v[i], "state") ? rec_get(v[i], "state") : "", ST_WAITING)) {
			const struct unit *from = units_find(ctx_units(c), v[i]->unit);
			const struct unit *scope = units_find(ctx_units(c), rec_get(v[i], "scope"));
			char ref[96];
			snprintf(ref, sizeof ref, "%s:%llu", ACCESS_TYPE, (unsigned long long)v[i]->id);
			char *types = schema_types_zh(c->schema, rec_get(v[i], "types"));
			todo_add(l, TODO_INFO, 0, "access", ref, "信息查阅申请待审批：%s的%s（%s）",
				 scope ? scope->name : rec_get(v[i], "scope"), types, from ? from->name : v[i]->unit);
			free(types);
		}
		rec_free(&v[i]);
	}
	free(v);
	return rc;
}
