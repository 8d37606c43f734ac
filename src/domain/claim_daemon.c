/* claim_daemon.c — what the daemon does about claims (R-CL-1) and monthly imports (R-CL-2), and
 * the to-do items both leave for people. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "claim.h"
#include "claim_daemon.h"
#include "daemon.h"
#include "due.h"
#include "import_log.h"
#include "perm.h"
#include "unit.h"

bool claims_imports(const struct conf *cf, const char *dept, const char *type)
{
	const config_setting_t *imp = conf_setting(cf, "claims.importers");
	const config_setting_t *list = imp && !str_empty(dept) ? config_setting_get_member(imp, dept) : NULL;
	for (int i = 0; list && i < config_setting_length(list); i++) {
		const char *s = config_setting_get_string_elem(list, (unsigned)i);
		if (s && !strcmp(s, type))
			return true;
	}
	return false;
}

int claims_check_settings(struct ctx *c)
{
	const config_setting_t *imp = conf_setting(c->conf, "claims.importers");
	const config_setting_t *depts = conf_setting(c->conf, "departments");
	for (int i = 0; imp && i < config_setting_length(imp); i++) {
		const config_setting_t *d = config_setting_get_elem(imp, (unsigned)i);
		const char *file = config_setting_source_file(d);
		int line = (int)config_setting_source_line(d);
		if (!config_setting_get_member(depts, config_setting_name(d)))
			return errmsg_set(ZZ_EINVAL, "%s:%d: claims.importers 中的部门 “%s” 不存在", file, line,
					  config_setting_name(d));
		if (!config_setting_is_array(d) && !config_setting_is_list(d))
			return errmsg_set(ZZ_EINVAL, "%s:%d: claims.importers.%s 应为记录类型的列表", file, line,
					  config_setting_name(d));
		for (int k = 0; k < config_setting_length(d); k++) {
			const char *s = config_setting_get_string_elem(d, (unsigned)k);
			if (!s || !schema_type(c->schema, s))
				return errmsg_set(ZZ_EINVAL, "%s:%d: claims.importers.%s 中的记录类型 “%s” 不存在", file,
						  line, config_setting_name(d), s ? s : "?");
		}
	}
	const config_setting_t *lv = conf_setting(c->conf, "claims.import_levels");
	for (int i = 0; lv && i < config_setting_length(lv); i++) {
		const char *s = config_setting_get_string_elem(lv, (unsigned)i);
		if (!s || unit_level_parse(s) < LV_PROVINCE || unit_level_parse(s) > LV_VILLAGE)
			return errmsg_set(ZZ_EINVAL, "%s:%d: claims.import_levels 中的层级 “%s” 不对（可用 province、city、county、township、village）",
					  config_setting_source_file(lv), (int)config_setting_source_line(lv),
					  s ? s : "?");
	}
	return 0;
}

/* Overdue claims (R-CL-1). */

struct due_item {
	int64_t when;
	char *unit;
};

struct due_items {
	struct due_item *v;
	int n;
};

static int due_collect(int64_t when, const char *kind, const char *ref, void *arg)
{
	(void)kind;
	struct due_items *d = arg;
	d->v = xrealloc(d->v, (size_t)(d->n + 1) * sizeof *d->v);
	d->v[d->n++] = (struct due_item){.when = when, .unit = xstrdup(ref)};
	return 0;
}

struct overdue_arg {
	struct ctx *c;
	const struct due_item *it;
	long count;
};

static int overdue_count_cb(const struct claim *cl, void *arg)
{
	struct overdue_arg *a = arg;
	if (cl->state == REC_PENDING && cl->due == a->it->when)
		a->count++;
	return 0;
}

static int overdue_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct overdue_arg *a = arg;
	a->count = 0;
	int rc = claim_scan(st, txn, a->it->unit, overdue_count_cb, a);
	if (rc == 0 && a->count > 0) {
		char ym[8], day[11];
		date_format(date_today((time_t)a->it->when), day);
		snprintf(ym, sizeof ym, "%.7s", day);
		rc = claims_month_add(st, txn, ym, a->it->unit, a->count);
		if (rc == 0) {
			char *obj = xasprintf("unit:%s", a->it->unit);
			char *detail = xasprintf("%ld 条导入数据超过认领期限（%lld 天）未认领", a->count,
						 conf_int(a->c->conf, "claims.deadline_days"));
			rc = audit_append(a->c, txn, &(struct audit_entry){.user = "daemon", .unit = "-", .source = "daemon",
									  .type = "claim_overdue", .object = obj,
									  .result = "ok", .detail = detail});
			free(obj);
			free(detail);
		}
	}
	if (rc == 0)
		rc = due_del(st, txn, a->it->when, "claim", a->it->unit);
	return rc;
}

struct collect_arg {
	struct due_items items;
	int64_t now;
};

static int collect_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct collect_arg *a = arg;
	for (int i = 0; i < a->items.n; i++)
		free(a->items.v[i].unit);
	a->items.n = 0;
	return due_scan(st, txn, a->now, "claim", due_collect, &a->items);
}

int claims_rule_overdue(struct ctx *c, int64_t now)
{
	struct collect_arg ca = {.now = now};
	int rc = store_run(c->st, collect_txn, &ca);
	/* One transaction per unit and deadline: a big county never holds one huge transaction. */
	for (int i = 0; rc == 0 && i < ca.items.n; i++) {
		struct overdue_arg a = {.c = c, .it = &ca.items.v[i]};
		rc = store_run(c->st, overdue_txn, &a);
	}
	for (int i = 0; i < ca.items.n; i++)
		free(ca.items.v[i].unit);
	free(ca.items.v);
	return rc;
}

/* Departments that have not imported (R-CL-2). */

struct missing_arg {
	struct ctx *c;
	const struct unit *dept;
	const char *type;
	int64_t now;
};

static int missing_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct missing_arg *a = arg;
	int64_t ref = 0, flagged = 0;
	uint64_t id = 0;
	int rc = ilog_last(st, txn, a->dept->code, a->type, &id);
	if (rc == 0) {
		struct import_log l;
		rc = ilog_get(st, txn, id, &l);
		ref = l.finished;
		ilog_free(&l);
	} else if (rc == ZZ_ENOENT) {
		rc = ilog_watch(st, txn, a->dept->code, a->type, a->now, &ref);
	}
	if (rc == 0)
		rc = ilog_flag_get(st, txn, a->dept->code, a->type, &flagged);
	int64_t limit = (int64_t)conf_int(a->c->conf, "claims.import_max_days") * 86400;
	if (rc < 0 || flagged || a->now - ref <= limit)
		return rc;
	rc = ilog_flag_set(st, txn, a->dept->code, a->type, a->now);
	if (rc == 0) {
		const struct rtype *t = schema_type(st->schema, a->type);
		char last[16] = "从未导入";
		if (id)
			date_format(date_today((time_t)ref), last);
		char *obj = xasprintf("unit:%s", a->dept->code);
		char *detail = xasprintf("%s超过 %lld 天未导入%s（上次：%s）", a->dept->name,
					 conf_int(a->c->conf, "claims.import_max_days"), t ? t->title : a->type, last);
		rc = audit_append(a->c, txn, &(struct audit_entry){.user = "daemon", .unit = "-", .source = "daemon",
								  .type = "import_missing", .object = obj, .result = "ok",
								  .detail = detail});
		free(obj);
		free(detail);
	}
	return rc;
}

static bool level_listed(const struct conf *cf, int level)
{
	const config_setting_t *lv = conf_setting(cf, "claims.import_levels");
	for (int i = 0; lv && i < config_setting_length(lv); i++) {
		const char *s = config_setting_get_string_elem(lv, (unsigned)i);
		if (s && unit_level_parse(s) == level)
			return true;
	}
	return false;
}

static int import_missing_daily(struct ctx *c, int64_t now)
{
	int rc = claims_check_settings(c);
	const struct units *us = ctx_units(c);
	const config_setting_t *imp = conf_setting(c->conf, "claims.importers");
	for (int i = 0; rc == 0 && i < us->n; i++) {
		const struct unit *d = &us->v[i];
		const struct unit *p = d->level == LV_DEPT ? units_find(us, d->parent) : NULL;
		const config_setting_t *types = p ? config_setting_get_member(imp, d->dept) : NULL;
		if (!types || !level_listed(c->conf, p->level))
			continue;
		for (int k = 0; rc == 0 && k < config_setting_length(types); k++) {
			struct missing_arg a = {.c = c, .dept = d, .now = now,
						.type = config_setting_get_string_elem(types, (unsigned)k)};
			rc = store_run(c->st, missing_txn, &a);
		}
	}
	return rc;
}

int claims_rule_import_missing(struct ctx *c, int64_t now)
{
	return daemon_daily(c, "claims_import_missing", now, import_missing_daily);
}

/* To-do items. */

struct todo_count {
	struct ctx *c;
	const struct user *u;
	int64_t now;
	long pending, overdue, unrouted, returned;
	int64_t first_due;
	const struct rtype *seen[8]; /* per type: may claim, may import (one unit for all rows) */
	bool may[8][2];
	int nseen;
};

static bool todo_may(struct todo_count *a, const struct claim *cl, bool import)
{
	for (int i = 0; i < a->nseen; i++)
		if (a->seen[i] == cl->t)
			return a->may[i][import];
	bool claim = perm_may(a->c, a->u, ACT_CLAIM, cl->t, cl->unit);
	bool imp = perm_may(a->c, a->u, ACT_IMPORT, cl->t, NULL);
	if (a->nseen < (int)ARRAY_LEN(a->seen)) {
		a->seen[a->nseen] = cl->t;
		a->may[a->nseen][0] = claim;
		a->may[a->nseen++][1] = imp;
	}
	return import ? imp : claim;
}

static int todo_count_cb(const struct claim *cl, void *arg)
{
	struct todo_count *a = arg;
	if (cl->state == REC_PENDING && todo_may(a, cl, false)) {
		a->pending++;
		if (cl->due && cl->due <= a->now)
			a->overdue++;
		if (cl->due && (!a->first_due || cl->due < a->first_due))
			a->first_due = cl->due;
	} else if (cl->state != REC_PENDING && todo_may(a, cl, true)) {
		if (cl->state == REC_UNROUTED)
			a->unrouted++;
		else
			a->returned++;
	}
	return 0;
}

static int todo_flags(struct ctx *c, const struct unit *d, struct todo_list *l)
{
	const config_setting_t *imp = conf_setting(c->conf, "claims.importers");
	const config_setting_t *types = imp && d->dept ? config_setting_get_member(imp, d->dept) : NULL;
	for (int k = 0; types && k < config_setting_length(types); k++) {
		const char *type = config_setting_get_string_elem(types, (unsigned)k);
		int64_t since = 0;
		int rc = ilog_flag_get(c->st, NULL, d->code, type, &since);
		if (rc < 0)
			return rc;
		if (!since)
			continue;
		const struct rtype *t = schema_type(c->schema, type);
		todo_add(l, TODO_OVERDUE, since, "import", d->code, "%s超过 %lld 天未导入%s", d->name,
			 conf_int(c->conf, "claims.import_max_days"), t ? t->title : type);
	}
	return 0;
}

int claims_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l)
{
	if (str_empty(u->unit))
		return 0;
	struct todo_count a = {.c = c, .u = u, .now = now};
	int rc = claim_scan(c->st, NULL, u->unit, todo_count_cb, &a);
	if (rc < 0)
		return rc;
	char *ref = xasprintf("claims:%s", u->unit);
	if (a.overdue)
		todo_add(l, TODO_OVERDUE, a.first_due, "claim", ref, "%ld 条导入数据已超过认领期限，请尽快认领或退回", a.overdue);
	if (a.pending > a.overdue)
		todo_add(l, TODO_INFO, a.first_due, "claim", ref, "%ld 条导入数据待认领", a.pending - a.overdue);
	if (a.unrouted || a.returned)
		todo_add(l, TODO_WARN, 0, "claim", ref, "导入数据待指定单位：未能分派 %ld 条，被退回 %ld 条", a.unrouted,
			 a.returned);
	free(ref);
	/* R-CL-2: the department itself, and the office its departments are attached to. */
	const struct units *us = ctx_units(c);
	const struct unit *me = units_find(us, u->unit);
	if (!me)
		return 0;
	if (me->level == LV_DEPT)
		return todo_flags(c, me, l);
	for (int i = 0; rc == 0 && i < us->n; i++)
		if (us->v[i].level == LV_DEPT && !strcmp(us->v[i].parent, me->code))
			rc = todo_flags(c, &us->v[i], l);
	return rc;
}
