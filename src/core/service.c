/* service.c — every record action passes here: permission, validation, transaction, audit. */
#include "service.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "feature.h"
#include "link.h"
#include "perm.h"
#include "remind.h"
#include "todo.h"
#include "unit.h"

const struct user service_console = {
	.name = "console",
	.fullname = "本地管理控制台",
	.role = "console",
	.unit = "",
	.dept = "",
	.console = true,
};

static const char *scope_of(struct ctx *c, const struct user *u)
{
	return perm_console(u) ? NULL : perm_scope(c, u);
}

/* RESULT "refused" or "failed", the message kept for the caller. */
static void audit_outcome(struct ctx *c, const struct user *u, const char *type, const char *object, int rc,
			  const char *result)
{
	char *why = xstrdup(errmsg());
	audit_append(c, NULL, &(struct audit_entry){.user = u->name, .unit = u->unit, .type = type, .object = object,
						    .result = result, .detail = why});
	errmsg_set(rc, "%s", why);
	free(why);
}

void service_audit_refusal(struct ctx *c, const struct user *u, const char *type, const char *object, int rc)
{
	audit_outcome(c, u, type, object, rc, rc == ZZ_EPERM ? "refused" : "failed");
}

static char *object_name(const struct rtype *t, uint64_t id)
{
	return xasprintf("%s:%llu", t->id, (unsigned long long)id);
}

/* Whether UNIT lies outside U's scope (seen under a grant, R-AC-1). */
static bool outside_scope(struct ctx *c, const struct user *u, const char *unit)
{
	return !perm_console(u) && unit && !units_under(ctx_units(c), unit, perm_scope(c, u));
}

/* A read under a grant is audited before anything is shown. */
static int audit_granted(struct ctx *c, const struct user *u, const struct rtype *t, uint64_t id, const char *unit)
{
	char *obj = id ? xasprintf("%s:%llu", t->id, (unsigned long long)id) : xasprintf("%s@%s", t->id, unit);
	char *detail = xasprintf("经批准的查阅申请（单位 %s）", unit);
	int rc = audit_append(c, NULL, &(struct audit_entry){.user = u->name, .unit = u->unit, .type = "view_granted",
							     .object = obj, .result = "ok", .detail = detail});
	free(obj);
	free(detail);
	return rc;
}

/* Whether R lies beyond U's reach: outside its scope (and no grant), or a service record whose
 * subject is outside its line. Sets the reason, for the audit log. */
static bool beyond_reach(struct ctx *c, const struct user *u, const struct rec *r)
{
	if (perm_check(c, u, ACT_VIEW, r->t, r->unit) < 0)
		return true;
	if (link_visible(c, u, r))
		return false;
	errmsg_set(ZZ_EPERM, "无权查看该%s：其服务对象不在本账号的条线内", r->t->title);
	return true;
}

/* A record beyond the account's reach answers as one that does not exist (R-AC-1): the answer
 * names neither its unit nor that it is there. The audit log keeps the refusal and its reason. */
static int refuse_unseen(struct ctx *c, const struct user *u, const char *what, const struct rtype *t, uint64_t id)
{
	char *obj = object_name(t, id);
	service_audit_refusal(c, u, what, obj, ZZ_EPERM);
	free(obj);
	return errmsg_set(ZZ_ENOENT, "%s记录 %llu 不存在", t->title, (unsigned long long)id);
}

/* Whether U sees R in its own scope: by its role, not only under a grant (R-AC-1). */
static bool own_scope(struct ctx *c, const struct user *u, const struct rec *r)
{
	return perm_may(c, u, ACT_VIEW, r->t, r->unit) && !outside_scope(c, u, r->unit);
}

/* The record of type T with key KEY, read in TXN, into *R (NULL when there is none), and whether
 * U sees it in its own scope into *OWN. */
static int own_key(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rtype *t, const char *key,
		   struct rec **r, bool *own)
{
	uint64_t id = 0;
	*r = NULL;
	*own = false;
	int rc = t->key >= 0 && key ? record_by_key(c->st, txn, t, key, &id) : ZZ_ENOENT;
	if (rc == ZZ_ENOENT)
		return 0;
	if (rc == 0)
		rc = record_load(c->st, txn, t, id, r, false);
	if (rc == 0)
		*own = own_scope(c, u, *r);
	return rc;
}

char *service_person_label(struct ctx *c, const struct user *u, const struct rtype *t, const char *key)
{
	struct rec *r = NULL;
	bool own = false;
	char *out = NULL;
	if (t->name_field >= 0 && own_key(c, NULL, u, t, key, &r, &own) == 0 && own && r->v[t->name_field] &&
	    link_visible(c, u, r))
		out = xstrdup(r->v[t->name_field]);
	rec_free(&r);
	return out;
}

int service_unseen(struct ctx *c, const struct user *u, const char *what, const struct rec *r)
{
	return beyond_reach(c, u, r) ? refuse_unseen(c, u, what, r->t, r->id) : 0;
}

int service_get(struct ctx *c, const struct user *u, const struct rtype *t, uint64_t id, struct rec **out)
{
	struct rec *r = NULL;
	int rc = perm_check(c, u, ACT_VIEW, t, NULL);
	if (rc == 0)
		rc = record_load(c->st, NULL, t, id, &r, false);
	if (rc == 0 && beyond_reach(c, u, r))
		rc = refuse_unseen(c, u, "view", t, id);
	if (rc == 0 && outside_scope(c, u, r->unit))
		rc = audit_granted(c, u, t, id, r->unit);
	if (rc == ZZ_EPERM) {
		char *obj = object_name(t, id);
		service_audit_refusal(c, u, "view", obj, rc);
		free(obj);
	}
	if (rc < 0) {
		rec_free(&r);
		return rc;
	}
	*out = r;
	return 0;
}

struct save_arg {
	struct ctx *c;
	const struct user *u;
	struct rec *r;
	int *bad;
	bool is_new;
	bool referred; /* a duplicate of a record outside the account's scope: sent to its unit */
	bool frozen;   /* refused by a feature's frozen hook: a closed event, a decided request */
	uint64_t base; /* the version the caller read */
};

/* The message for an add that was referred: the same whatever the record is and wherever it is. */
#define SERVICE_REFERRED "此人的信息须由有关单位核实，已提交核实，本次未新增（记录已写入审计日志）"

int service_refer_twin(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *old)
{
	const struct unit *x = units_find(ctx_units(c), old->unit);
	const struct unit *from = units_find(ctx_units(c), u->unit);
	char ref[96];
	snprintf(ref, sizeof ref, "%s:%llu", old->t->id, (unsigned long long)old->id);
	struct remind rm = {.level = TODO_WARN, .due = 0};
	snprintf(rm.unit, sizeof rm.unit, "%s", old->unit);
	snprintf(rm.text, sizeof rm.text, "%s（%s）要新增的%s与本单位记录号 %llu 的%s相同，请核实该记录",
		 from ? from->name : u->unit, u->name, old->t->title, (unsigned long long)old->id,
		 old->t->f[old->t->key].label);
	int rc = x ? remind_put(c->st, txn, x->path, "dup", ref, &rm) : 0;
	if (rc == 0) {
		char *detail = xasprintf("新增被转交：与单位 %s 的记录重复，已请其核实", old->unit);
		rc = audit_append(c, txn, &(struct audit_entry){.user = u->name, .unit = u->unit, .type = "add",
							       .object = ref, .result = "referred", .detail = detail});
		free(detail);
	}
	return rc;
}

static int service_refer(struct save_arg *a, DB_TXN *txn, const struct rec *old)
{
	int rc = service_refer_twin(a->c, txn, a->u, old);
	if (rc == 0)
		a->referred = true;
	return rc;
}

/* Is there a record of type T with key KEY that U may not see, or sees only under a grant (an
 * approved access request opens records for reading, not writing)? Then *OLD is it. */
static int service_hidden_key(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rtype *t,
			      const char *key, struct rec **old)
{
	bool own = false;
	*old = NULL;
	if (!t || !key || perm_console(u))
		return 0;
	int rc = own_key(c, txn, u, t, key, old, &own);
	if (own)
		rec_free(old);
	return rc;
}

static const char *key_of(const struct rec *r)
{
	return r->t->key >= 0 ? r->v[r->t->key] : NULL;
}

/* A twin of R the account may not see: a record of its type with its key, or, for a role of a
 * person, the person's record, which the role's person fields would overwrite. */
static int service_hidden_twin(struct save_arg *a, DB_TXN *txn, struct rec **old)
{
	int rc = service_hidden_key(a->c, txn, a->u, a->r->t, key_of(a->r), old);
	if (rc == 0 && !*old && a->r->t->person_role)
		rc = service_hidden_key(a->c, txn, a->u, a->c->schema->person, key_of(a->r), old);
	return rc;
}

int service_person_kept(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *r, int *bad)
{
	const struct rtype *t = r->t;
	struct rec *p = NULL;
	int rc = t->person_role ? service_hidden_key(c, txn, u, c->schema->person, key_of(r), &p) : 0;
	for (int i = 0; rc == 0 && p && i < t->nf; i++) {
		int j = t->f[i].from_person && i != t->key ? rtype_field(p->t, t->f[i].id) : -1;
		const char *nv = r->v[i], *ov = j >= 0 ? p->v[j] : NULL;
		if (j >= 0 && ((nv == NULL) != (ov == NULL) || (nv && strcmp(nv, ov) != 0))) {
			*bad = i;
			rc = errmsg_set(ZZ_EPERM, "%s是人员基本信息，由此人所在的单位维护，本账号不能修改",
					t->f[i].label);
		}
	}
	rec_free(&p);
	return rc;
}

/* A person's record holds the base information of its roles (户籍人口, 吸毒人员, …), which may be
 * other units' records, and finds them by its ID number: removing it or changing that number
 * blanked their 姓名 and the rest. WHAT is refused while a role names it. A role's key is its
 * person's ID number (the schema's load refuses any other, schema_link_persons), so the key index
 * answers for each role type, no record read. */
static int person_in_use(struct ctx *c, DB_TXN *txn, const struct rec *p, const char *what)
{
	const char *key = key_of(p);
	if (p->t != c->schema->person || !key)
		return 0;
	int rc = ZZ_ENOENT;
	for (int i = 0; rc == ZZ_ENOENT && i < c->schema->n; i++) {
		const struct rtype *t = c->schema->t[i];
		uint64_t id;
		if (t->person_role && t->key >= 0)
			rc = record_by_key(c->st, txn, t, key, &id);
	}
	if (rc == 0)
		return errmsg_set(ZZ_EPERM, "此人还登记在人口或特殊人群等记录中，%s", what);
	return rc == ZZ_ENOENT ? 0 : rc;
}

static bool key_changed(const struct rec *r, const struct rec *old)
{
	const char *a = key_of(r), *b = key_of(old);
	return (a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0);
}

/* Check unit and grid fields against the tree and the account's scope. */
static int check_unit_fields(struct ctx *c, const struct user *u, const struct rec *r, int *bad)
{
	const struct units *us = ctx_units(c);
	for (int i = 0; i < r->t->nf; i++) {
		const struct field *f = &r->t->f[i];
		if (!r->v[i] || (f->type != FT_UNIT && f->type != FT_GRID))
			continue;
		const struct unit *x = units_find(us, r->v[i]);
		*bad = i;
		if (!x)
			return errmsg_set(ZZ_EINVAL, "%s：单位 %s 不存在", f->label, r->v[i]);
		if (f->type == FT_GRID && x->level != LV_GRID)
			return errmsg_set(ZZ_EINVAL, "%s：%s 不是网格", f->label, x->name);
		if (f->type == FT_GRID && !perm_may(c, u, ACT_VIEW, r->t, r->v[i]))
			return errmsg_set(ZZ_EPERM, "%s：网格 %s 不在本账号的管辖范围内", f->label, x->name);
	}
	*bad = -1;
	return 0;
}

static int save_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct save_arg *a = arg;
	struct ctx *c = a->c;
	struct rec *r = a->r;
	struct rec *old = NULL;
	int rc = 0;
	int64_t now = (int64_t)time(NULL);
	a->frozen = false;
	if (!a->is_new) {
		rc = record_load(st, txn, r->t, r->id, &old, true);
		if (rc == 0)
			rc = perm_check(c, a->u, ACT_EDIT, r->t, old->unit);
		if (rc == 0)
			rc = service_editable(c, txn, a->u, old);
		if (rc == 0) {
			rc = service_frozen(c, txn, old, ACT_EDIT);
			a->frozen = rc < 0;
		}
		if (rc == 0)
			rc = service_version_check(old, a->base, now);
		if (rc == 0)
			rc = service_person_kept(c, txn, a->u, r, a->bad);
		if (rc == 0 && key_changed(r, old))
			rc = person_in_use(c, txn, old, "身份证号不能修改");
		if (rc < 0)
			goto out;
		r->created = old->created;
		/* A workflow moves its records between units itself. */
		if (service_workflow(r->t))
			rec_set_meta(&r->unit, old->unit);
		if (!r->by_unit)
			rec_set_meta(&r->by_unit, old->by_unit);
		if (!r->by_user)
			rec_set_meta(&r->by_user, old->by_user);
	} else {
		rc = service_hidden_twin(a, txn, &old);
		if (rc == 0 && old)
			rc = service_refer(a, txn, old);
		if (rc < 0 || a->referred)
			goto out;
		r->created = now;
		rec_set_meta(&r->by_unit, a->u->unit);
		rec_set_meta(&r->by_user, a->u->name);
	}
	r->updated = now;
	free(r->editor);
	r->editor = service_editor(a->u);
	for (const struct feature *const *f = c->features; rc == 0 && f && *f; f++)
		if ((*f)->before_store)
			rc = (*f)->before_store(c, txn, r, old, now);
	if (rc == 0)
		rc = record_store(st, txn, r, old);
	if (rc == ZZ_EEXIST && r->t->key >= 0)
		*a->bad = r->t->key;
	for (const struct feature *const *f = c->features; rc == 0 && f && *f; f++)
		if ((*f)->after_store)
			rc = (*f)->after_store(c, txn, a->u, r, old, now);
	/* The owner unit has looked at a record another unit tried to add again. */
	if (rc == 0 && old) {
		const struct unit *x = units_find(ctx_units(c), old->unit);
		char ref[96];
		snprintf(ref, sizeof ref, "%s:%llu", r->t->id, (unsigned long long)r->id);
		if (x)
			rc = remind_del(st, txn, x->path, "dup", ref);
	}
	if (rc == 0) {
		char *obj = object_name(r->t, r->id);
		char *diff = audit_diff(old, r);
		rc = audit_append(c, txn, &(struct audit_entry){.user = a->u->name, .unit = a->u->unit,
							       .type = a->is_new ? "add" : "edit", .object = obj,
							       .result = "ok", .detail = diff});
		free(obj);
		free(diff);
	}
out:
	rec_free(&old);
	if (rc < 0 && a->is_new)
		r->id = 0;
	return rc;
}

char *service_editor(const struct user *u)
{
	return str_empty(u->fullname) ? xstrdup(u->name) : xasprintf("%s（%s）", u->fullname, u->name);
}

int service_version_check(const struct rec *stored, uint64_t base, int64_t now)
{
	if (stored->version == base)
		return 0;
	char when[20], today[20];
	datetime_format((time_t)stored->updated, when);
	datetime_format((time_t)now, today);
	/* The time alone when it was today, else the date too. */
	const char *shown = strncmp(when, today, 10) ? when : when + 11;
	return errmsg_set(ZZ_ESTALE, "此记录已被 %s 于 %.*s 修改", stored->editor ? stored->editor : "其他账号",
			  (int)(strlen(shown) - 3), shown);
}

const char *service_workflow(const struct rtype *t)
{
	const char *w = NULL;
	if (t->setting)
		config_setting_lookup_string(t->setting, "workflow", &w);
	return str_empty(w) ? NULL : w;
}

bool service_may(struct ctx *c, const struct user *u, enum perm_action a, const struct rtype *t, const char *unit)
{
	if (t && service_workflow(t) && (a == ACT_ADD || a == ACT_DELETE))
		return false;
	return perm_may(c, u, a, t, unit);
}

int service_frozen(struct ctx *c, DB_TXN *txn, const struct rec *r, enum perm_action a)
{
	int rc = 0;
	for (const struct feature *const *f = c->features; rc == 0 && f && *f; f++)
		if ((*f)->frozen)
			rc = (*f)->frozen(c, txn, r, a);
	return rc;
}

int service_editable(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *r)
{
	int rc = 0;
	for (const struct feature *const *f = c->features; rc == 0 && f && *f; f++)
		if ((*f)->editable)
			rc = (*f)->editable(c, txn, u, r);
	return rc;
}

int service_validate(struct ctx *c, const struct user *u, struct rec *r, int *bad)
{
	int dummy;
	if (!bad)
		bad = &dummy;
	*bad = SERVICE_BAD_UNIT;
	if (str_empty(r->unit))
		return errmsg_set(ZZ_EINVAL, "请指定所属单位");
	int rc = perm_check(c, u, r->id == 0 ? ACT_ADD : ACT_EDIT, r->t, r->unit);
	if (rc == 0) {
		*bad = -1;
		rec_derive(r);
		for (const struct feature *const *f = c->features; f && *f; f++)
			if ((*f)->derive)
				(*f)->derive(c, r);
		rc = rec_check(r, bad);
	}
	if (rc == 0)
		rc = check_unit_fields(c, u, r, bad);
	if (rc == 0)
		rc = link_check(c, u, r, bad);
	return rc;
}

int service_save(struct ctx *c, const struct user *u, struct rec *r, int *bad)
{
	int dummy;
	if (!bad)
		bad = &dummy;
	*bad = -1;
	bool is_new = r->id == 0, frozen = false;
	if (is_new && service_workflow(r->t))
		return errmsg_set(ZZ_EINVAL, "%s只能通过事件登记新增（“矛盾纠纷事件办理”屏的“登记”）", r->t->title);
	int rc = service_validate(c, u, r, bad);
	if (rc == 0) {
		struct save_arg a = {c, u, r, bad, is_new, false, false, r->version};
		rc = store_run(c->st, save_txn, &a);
		if (rc < 0)
			r->version = a.base;
		if (rc == 0 && a.referred)
			rc = errmsg_set(ZZ_EINVAL, SERVICE_REFERRED);
		/* A change to a record kept as it is is audited as refused, as its deletion is. */
		frozen = a.frozen;
	}
	if (rc == ZZ_EPERM || frozen) {
		char *obj = object_name(r->t, r->id);
		audit_outcome(c, u, is_new ? "add" : "edit", obj, rc, "refused");
		free(obj);
	}
	return rc;
}

struct del_arg {
	struct ctx *c;
	const struct user *u;
	const struct rtype *t;
	uint64_t id;
	bool unseen; /* the record is beyond the account's reach */
};

static int delete_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct del_arg *a = arg;
	struct rec *old = NULL;
	int rc = record_load(st, txn, a->t, a->id, &old, true);
	if (rc == 0 && beyond_reach(a->c, a->u, old)) {
		a->unseen = true;
		rc = ZZ_ENOENT;
	}
	if (rc == 0)
		rc = perm_check(a->c, a->u, ACT_DELETE, a->t, old->unit);
	if (rc == 0)
		rc = service_frozen(a->c, txn, old, ACT_DELETE);
	if (rc == 0)
		rc = person_in_use(a->c, txn, old, "人员基本信息不能删除（先删除这些记录）");
	if (rc == 0)
		rc = record_remove(st, txn, old);
	for (const struct feature *const *f = a->c->features; rc == 0 && f && *f; f++)
		if ((*f)->after_delete)
			rc = (*f)->after_delete(a->c, txn, a->u, old, (int64_t)time(NULL));
	if (rc == 0) {
		char *obj = object_name(a->t, a->id);
		char *diff = audit_diff(old, NULL);
		rc = audit_append(a->c, txn, &(struct audit_entry){.user = a->u->name, .unit = a->u->unit,
								  .type = "delete", .object = obj, .result = "ok",
								  .detail = diff});
		free(obj);
		free(diff);
	}
	rec_free(&old);
	return rc;
}

int service_delete(struct ctx *c, const struct user *u, const struct rtype *t, uint64_t id)
{
	if (service_workflow(t))
		return errmsg_set(ZZ_EINVAL, "%s不能删除：它的办理过程要留档备查", t->title);
	int rc = perm_check(c, u, ACT_DELETE, t, NULL);
	if (rc == 0) {
		struct del_arg a = {c, u, t, id, false};
		rc = store_run(c->st, delete_txn, &a);
		if (a.unseen)
			return refuse_unseen(c, u, "delete", t, id);
	}
	if (rc == ZZ_EPERM) {
		char *obj = object_name(t, id);
		service_audit_refusal(c, u, "delete", obj, rc);
		free(obj);
	}
	return rc;
}

char *service_mask(const struct field *f, const char *v)
{
	size_t n = strlen(v);
	if (f->type == FT_IDNUM || f->type == FT_PERSON) {
		char *out = xmalloc(n + 8);
		if (n > 10) {
			memcpy(out, v, 6);
			memset(out + 6, '*', n - 10);
			memcpy(out + n - 4, v + n - 4, 5);
		} else {
			snprintf(out, n + 8, "****");
		}
		return out;
	}
	if (f->type == FT_PHONE && n >= 7) {
		char *out = xstrdup(v);
		memset(out + 3, '*', n - 7);
		return out;
	}
	/* Other text keeps its first character (a whole UTF-8 sequence). */
	size_t k = 1;
	while (k < n && ((unsigned char)v[k] & 0xc0) == 0x80)
		k++;
	return xasprintf("%.*s**", (int)k, v);
}

char *service_display(struct ctx *c, const struct user *u, const struct rec *r, int i, bool full)
{
	const struct field *f = &r->t->f[i];
	const char *v = r->v[i];
	if (!v)
		return xstrdup("");
	if (f->sensitive && !(full && perm_may(c, u, ACT_UNMASK, r->t, r->unit)))
		return service_mask(f, v);
	if (f->type == FT_ENUM)
		return xstrdup(codetable_label(f->codes, v));
	if (f->type == FT_BOOL)
		return xstrdup(strcmp(v, "1") == 0 ? "是" : "否");
	if (f->type == FT_MULTI) {
		struct sb sb;
		sb_init(&sb);
		char *tmp = xstrdup(v), *save = NULL;
		for (char *tok = strtok_r(tmp, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
			if (sb.len)
				sb_adds(&sb, "、");
			sb_adds(&sb, codetable_label(f->codes, tok));
		}
		free(tmp);
		return sb_steal(&sb);
	}
	if (f->type == FT_UNIT || f->type == FT_GRID) {
		const struct unit *x = units_find(ctx_units(c), v);
		return xstrdup(x ? x->name : v);
	}
	if (f->types)
		return schema_types_zh(c->schema, v);
	return xstrdup(v);
}

int service_audit_read(struct ctx *c, const struct user *u, const struct rec *r)
{
	if (!r->t->audit_reads)
		return 0;
	char *obj = object_name(r->t, r->id);
	int rc = audit_append(c, NULL, &(struct audit_entry){.user = u->name, .unit = u->unit, .type = "view",
							    .object = obj, .result = "ok", .detail = "打开记录"});
	free(obj);
	return rc;
}

int service_audit_unmask(struct ctx *c, const struct user *u, const struct rec *r)
{
	if (!conf_bool(c->conf, "security.unmask_audit"))
		return 0;
	char *obj = object_name(r->t, r->id);
	int rc = audit_append(c, NULL, &(struct audit_entry){.user = u->name, .unit = u->unit, .type = "unmask",
							    .object = obj, .result = "ok",
							    .detail = "查看完整敏感信息"});
	free(obj);
	return rc;
}

struct list_arg {
	struct ctx *c;
	const struct user *u;
	const struct service_query *q;
	const struct rtype *t;
	uint64_t *ids;
	/* With KEEP (a picker's list), beside each id the record read to check it, NULL where none
	 * was: owned here until service_pick takes them, so that no record is read twice. */
	bool keep;
	struct rec **recs;
	long n, cap;
	const char *scope;
	pcre2_match_data *md;
	pcre2_match_context *mc;
	bool defer; /* collect first, match after the scan (no cursor held while matching) */
	uint64_t keyed; /* the record whose key is the query's text, listed before the scan */
	int match_rc; /* a PCRE2 error (limits) met while matching */
};

/* The query's text within R's key (a sensitive one only where the account sees it whole), its name
 * or its unit's name. */
static bool list_has_text(struct list_arg *a, const struct rec *r)
{
	const struct rtype *t = r->t;
	const struct unit *x = r->unit ? units_find(ctx_units(a->c), r->unit) : NULL;
	bool key = t->key >= 0 && (!t->f[t->key].sensitive || perm_may(a->c, a->u, ACT_UNMASK, t, r->unit));
	const char *in[] = {key ? r->v[t->key] : NULL, t->name_field >= 0 ? r->v[t->name_field] : NULL,
			    x ? x->name : NULL};
	for (size_t i = 0; i < ARRAY_LEN(in); i++)
		if (in[i] && str_contains(in[i], a->q->text))
			return true;
	return false;
}

static bool list_matches(struct list_arg *a, const struct rec *r)
{
	const struct service_query *q = a->q;
	if (q->state >= 0 && r->state != q->state)
		return false;
	if ((r->flags & q->flags) != q->flags)
		return false;
	if (!str_empty(q->text) && !list_has_text(a, r))
		return false;
	if (!q->match || a->defer)
		return true;
	struct sb sb;
	sb_init(&sb);
	for (int i = 0; i < r->t->nf; i++) {
		if (!r->t->f[i].list)
			continue;
		char *d = service_display(a->c, a->u, r, i, false);
		sb_adds(&sb, d);
		sb_addc(&sb, '\t');
		free(d);
	}
	int m = pcre2_match(q->match, (PCRE2_SPTR)(sb.buf ? sb.buf : ""), sb.len, 0, 0, a->md, a->mc);
	sb_free(&sb);
	if (m < 0 && m != PCRE2_ERROR_NOMATCH)
		a->match_rc = m;
	return m >= 0;
}

/* Record ID appended to the list, with *R (taken, *R then NULL) when the list keeps records. */
static void list_push(struct list_arg *a, uint64_t id, struct rec **r)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 256;
		a->ids = xrealloc(a->ids, (size_t)a->cap * sizeof *a->ids);
		if (a->keep)
			a->recs = xrealloc(a->recs, (size_t)a->cap * sizeof *a->recs);
	}
	if (a->keep) {
		a->recs[a->n] = *r;
		*r = NULL;
	}
	a->ids[a->n++] = id;
}

/* Record ID listed when it matches: 1 once the limit is reached. */
static int list_take(struct list_arg *a, const struct rtype *t, uint64_t id)
{
	struct rec *r = NULL;
	bool need_rec = a->q->state >= 0 || a->q->match || a->q->idnum || a->q->name_prefix || a->q->text ||
			a->q->flags || link_has_selector(t);
	if (need_rec) {
		if (record_load(a->c->st, NULL, t, id, &r, false) < 0)
			return 0;
		/* Name and ID-number scans are not ordered by unit: check the scope here. */
		bool ok = (!a->scope || !r->unit || units_under(ctx_units(a->c), r->unit, a->scope)) &&
			  (!a->q->unit || (r->unit && units_under(ctx_units(a->c), r->unit, a->q->unit))) &&
			  link_visible(a->c, a->u, r) && list_matches(a, r);
		/* A search by regular expression keeps no candidate: those that match are read again. */
		if (!ok || a->defer)
			rec_free(&r);
		if (!ok)
			return 0;
	}
	list_push(a, id, &r);
	rec_free(&r);
	return !a->defer && a->q->limit && a->n >= a->q->limit;
}

static void list_free(struct list_arg *a)
{
	for (long i = 0; a->recs && i < a->n; i++)
		rec_free(&a->recs[i]);
	free(a->recs);
	free(a->ids);
	a->recs = NULL;
	a->ids = NULL;
	a->n = a->cap = 0;
}

static int list_cb(const struct rtype *t, uint64_t id, void *arg)
{
	struct list_arg *a = arg;
	return id == a->keyed ? 0 : list_take(a, t, id);
}

static int64_t service_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A search by regular expression asks whether it is cancelled after so many records, or so many
 * milliseconds when records match slowly: asking (a read of the terminal) costs less than reading
 * one record, and Esc is answered at once. */
#define SERVICE_CANCEL_EVERY 16
#define SERVICE_CANCEL_MS 100

/* The second half of a search by regular expression, with no cursor open: each candidate read on
 * its own and matched within PCRE2's limits and the time budget (ui.regex_*), so that a costly
 * pattern neither freezes the session nor holds a lock another user's save waits for. */
static int list_match_after(struct list_arg *a)
{
	int64_t now = service_now_ms(), until = now + conf_int(a->c->conf, "ui.regex_budget_ms");
	int64_t ask = now + SERVICE_CANCEL_MS;
	long k = 0;
	a->defer = false;
	for (long i = 0; i < a->n; i++) {
		if (a->q->cancel && (i % SERVICE_CANCEL_EVERY == SERVICE_CANCEL_EVERY - 1 || service_now_ms() >= ask)) {
			if (a->q->cancel(a->q->cancel_arg))
				return errmsg_set(ZZ_EINVAL, "搜索已取消");
			ask = service_now_ms() + SERVICE_CANCEL_MS;
		}
		struct rec *r = NULL;
		if (record_load(a->c->st, NULL, a->t, a->ids[i], &r, false) < 0)
			continue;
		bool ok = list_matches(a, r);
		/* Kept in place of the candidate's empty slot (list_take keeps none while deferred). */
		if (ok && a->keep)
			a->recs[k] = r;
		else
			rec_free(&r);
		if (a->match_rc)
			return errmsg_set(ZZ_EINVAL, "正则表达式太复杂（超出匹配步数限制），请改简单些或缩小范围");
		if (service_now_ms() > until)
			return errmsg_set(ZZ_EINVAL, "搜索超过 %lld 毫秒仍未完成，已停止：请缩小范围或改用更具体的表达式",
					  conf_int(a->c->conf, "ui.regex_budget_ms"));
		if (ok)
			a->ids[k++] = a->ids[i];
		if (a->q->limit && k >= a->q->limit)
			break;
	}
	a->n = k;
	return 0;
}

static int idnum_list_cb(const struct rtype *t, uint64_t id, void *arg)
{
	struct list_arg *a = arg;
	return t == a->t ? list_cb(t, id, arg) : 0;
}

/* A text typed is looked for in the key and name indexes when they hold at most so many rows for
 * each record of the scope: a record loaded and decoded costs as much as some 300 rows read in
 * bulk (doc/performance.md), so the indexes, when chosen, cost at most a third of the loads. */
#define SERVICE_TEXT_ROWS 100

/* The records a list reads: by ID number, by name, else the unit WHERE's subtree (those that may
 * hold the text typed). */
static int list_scan(struct ctx *c, const struct rtype *t, const char *where, struct list_arg *a)
{
	if (!str_empty(a->q->idnum))
		return record_scan_idnum(c->st, NULL, a->q->idnum, idnum_list_cb, a);
	if (!str_empty(a->q->name_prefix))
		return record_scan_name(c->st, NULL, t, a->q->name_prefix, list_cb, a);
	if (!str_empty(a->q->text))
		return record_scan_text(c->st, NULL, t, where, a->q->text, SERVICE_TEXT_ROWS, list_cb, a);
	return record_scan_unit(c->st, NULL, t, where, list_cb, a);
}

/* The list of service_list into A (A->keep: with the records read), which keeps it: none on an
 * error. */
static int list_run(struct ctx *c, const struct user *u, const struct rtype *t, const struct service_query *q,
		    struct list_arg *a)
{
	int rc = perm_check(c, u, ACT_VIEW, t, q->unit);
	if (rc < 0)
		return rc;
	a->scope = scope_of(c, u);
	a->defer = q->match != NULL;
	if (!str_empty(q->unit) && outside_scope(c, u, q->unit)) {
		rc = audit_granted(c, u, t, 0, q->unit);
		if (rc < 0)
			return rc;
		a->scope = q->unit;
	}
	if (q->match) {
		a->md = pcre2_match_data_create_from_pattern(q->match, NULL);
		a->mc = pcre2_match_context_create(NULL);
		pcre2_set_match_limit(a->mc, (uint32_t)conf_int(c->conf, "ui.regex_match_limit"));
		pcre2_set_depth_limit(a->mc, (uint32_t)conf_int(c->conf, "ui.regex_depth_limit"));
	}
	const char *where = !str_empty(q->unit) ? q->unit : a->scope;
	/* A key typed whole is found however many records hold it in part. */
	bool done = !str_empty(q->text) && t->key >= 0 && record_by_key(c->st, NULL, t, q->text, &a->keyed) == 0 &&
		    list_take(a, t, a->keyed);
	if (!done)
		rc = list_scan(c, t, where, a);
	if (rc == 0 && q->match)
		rc = list_match_after(a);
	if (a->md)
		pcre2_match_data_free(a->md);
	pcre2_match_context_free(a->mc);
	a->md = NULL;
	a->mc = NULL;
	if (rc < 0)
		list_free(a);
	return rc;
}

int service_list(struct ctx *c, const struct user *u, const struct rtype *t, const struct service_query *q,
		 uint64_t **ids, long *n)
{
	struct list_arg a = {.c = c, .u = u, .q = q, .t = t};
	int rc = list_run(c, u, t, q, &a);
	*ids = rc < 0 ? NULL : a.ids;
	*n = rc < 0 ? 0 : a.n;
	return rc;
}

int service_pick(struct ctx *c, const struct user *u, const struct rtype *t, const struct service_query *q,
		 struct rec ***recs, long *n)
{
	*recs = NULL;
	*n = 0;
	/* service_list opens a unit outside the scope to a grant, and audits its list as seen under
	 * it; within the scope (no unit: the account's scope) it lists only what the account sees by
	 * its role, each read here without the audit of a granted view (service_get). */
	if (!str_empty(q->unit) && outside_scope(c, u, q->unit))
		return errmsg_set(ZZ_EPERM, "只能从本账号管辖范围内的%s中选择", t->title);
	struct list_arg a = {.c = c, .u = u, .q = q, .t = t, .keep = true};
	int rc = list_run(c, u, t, q, &a);
	if (rc < 0)
		return rc;
	/* The records the list read to check them are handed over as they are; those it listed
	 * unread (no filter but the scope) are read here, once. The array ends with a NULL. */
	a.recs = xrealloc(a.recs, ((size_t)a.n + 1) * sizeof *a.recs);
	long k = 0;
	for (long i = 0; i < a.n; i++) {
		struct rec *r = a.recs[i];
		a.recs[i] = NULL;
		if (r || record_load(c->st, NULL, t, a.ids[i], &r, false) == 0)
			a.recs[k++] = r;
	}
	a.recs[k] = NULL;
	free(a.ids);
	*recs = a.recs;
	*n = k;
	return 0;
}

bool service_pageable(const struct rtype *t, enum record_order order)
{
	if (link_has_selector(t))
		return false;
	if (order == RECORD_BY_UNIT)
		return true;
	if (t->name_field < 0)
		return false;
	/* The name index has one row per indexed value: a second indexed field would list a
	 * record twice, a name left empty not at all. */
	for (int i = 0; i < t->nf; i++)
		if (t->f[i].indexed != (i == t->name_field))
			return false;
	return t->f[t->name_field].required;
}

int service_pager_open(struct ctx *c, const struct user *u, const struct rtype *t, const char *unit,
		       enum record_order order, struct service_pager *p)
{
	*p = (struct service_pager){.c = c, .u = u, .t = t, .order = order};
	if (!service_pageable(t, order))
		return errmsg_set(ZZ_EINVAL, "%s不能按此顺序分页读取", t->title);
	int rc = perm_check(c, u, ACT_VIEW, t, unit);
	if (rc < 0)
		return rc;
	const char *scope = scope_of(c, u);
	if (!str_empty(unit) && outside_scope(c, u, unit)) {
		rc = audit_granted(c, u, t, 0, unit);
		if (rc < 0)
			return rc;
	}
	const char *where = !str_empty(unit) ? unit : scope;
	p->unit = str_empty(where) ? NULL : xstrdup(where);
	return 0;
}

void service_pager_free(struct service_pager *p)
{
	free(p->unit);
	p->unit = NULL;
	free(p->ids);
	p->ids = NULL;
	p->nids = 0;
}

static int id_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

int service_pager_narrow(struct service_pager *p, long n)
{
	/* The most ids kept (8 bytes each, read in bulk from the unit index). */
	long max = (long)conf_int(p->c->conf, "ui.list_narrow_max");
	if (p->order != RECORD_BY_NAME || !p->unit || n > max || max == 0)
		return 0;
	int rc = record_ids_unit(p->c->st, NULL, p->t, p->unit, max, &p->ids, &p->nids);
	if (rc < 0 || !p->ids) {
		p->nids = 0;
		return rc;
	}
	qsort(p->ids, (size_t)p->nids, sizeof *p->ids, id_cmp);
	return 0;
}

struct pager_arg {
	struct service_pager *p;
	struct service_row *out;
	long n, got;
};

static int pager_row(const struct rtype *t, uint64_t id, const void *key, size_t kn, void *arg)
{
	struct pager_arg *a = arg;
	struct service_pager *p = a->p;
	/* The unit index is read under the unit's path; a name is anywhere: the record's unit says
	 * whether the row is the account's (a record without a unit is on no unit's list). */
	if (p->order == RECORD_BY_NAME && p->ids) {
		if (!bsearch(&id, p->ids, (size_t)p->nids, sizeof id, id_cmp))
			return 0;
	} else if (p->order == RECORD_BY_NAME) {
		char *unit = NULL;
		bool ok = record_unit(p->c->st, NULL, t, id, &unit) == 0 && unit[0] &&
			  (!p->unit || units_under(ctx_units(p->c), unit, p->unit));
		free(unit);
		if (!ok)
			return 0;
	}
	struct service_row *row = &a->out[a->got++];
	row->id = id;
	sb_init(&row->key);
	sb_add(&row->key, key, kn);
	return a->got >= a->n;
}

int service_pager_read(struct service_pager *p, const void *from, size_t fn, bool at, bool backward, long n,
		       struct service_row *out, long *got)
{
	struct pager_arg a = {.p = p, .out = out, .n = n};
	*got = 0;
	int rc = n > 0 ? record_scan_page(p->c->st, NULL, p->order, p->t, p->unit, from, fn, at, backward, pager_row, &a)
		       : 0;
	if (rc < 0) {
		for (long i = 0; i < a.got; i++)
			sb_free(&out[i].key);
		return rc;
	}
	*got = a.got;
	return 0;
}

struct person_arg {
	struct ctx *c;
	const struct user *u;
	struct rec **v;
	int n;
	struct strv seen;
};

static int person_cb(const struct rtype *t, uint64_t id, void *arg)
{
	struct person_arg *a = arg;
	char key[96];
	snprintf(key, sizeof key, "%s:%llu", t->id, (unsigned long long)id);
	if (strv_find(&a->seen, key) >= 0)
		return 0;
	strv_push(&a->seen, key);
	struct rec *r = NULL;
	if (record_load(a->c->st, NULL, t, id, &r, false) < 0)
		return 0;
	if (perm_may(a->c, a->u, ACT_VIEW, t, r->unit) && link_visible(a->c, a->u, r)) {
		a->v = xrealloc(a->v, (size_t)(a->n + 1) * sizeof *a->v);
		a->v[a->n++] = r;
	} else {
		rec_free(&r);
	}
	return 0;
}

int service_person(struct ctx *c, const struct user *u, const char *idnum, service_person_cb cb, void *arg)
{
	struct person_arg a = {.c = c, .u = u};
	int rc = record_scan_idnum(c->st, NULL, idnum, person_cb, &a);
	strv_free(&a.seen);
	/* The view is audited before any record is handed over: no audit entry, no view. */
	if (rc == 0)
		rc = audit_append(c, NULL, &(struct audit_entry){.user = u->name, .unit = u->unit, .type = "view",
								 .object = "person", .result = "ok", .detail = idnum});
	for (int i = 0; i < a.n; i++) {
		if (rc == 0)
			rc = cb(a.v[i], arg);
		rec_free(&a.v[i]);
	}
	free(a.v);
	return rc;
}
