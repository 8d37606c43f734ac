/* perm.c — roles and grants from conf/roles.cfg, with the scope rule of R-AC-1 and R-AC-2. */
#include "perm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feature.h"
#include "unit.h"

const struct perm_action_info perm_actions[ACT__COUNT] = {
	[ACT_VIEW] = {"view", "查看", true},	    [ACT_ADD] = {"add", "新增", true},
	[ACT_EDIT] = {"edit", "修改", true},	    [ACT_DELETE] = {"delete", "删除", true},
	[ACT_IMPORT] = {"import", "导入", true},	    [ACT_CLAIM] = {"claim", "认领", true},
	[ACT_EXPORT] = {"export", "导出", true},	    [ACT_HANDLE] = {"handle", "办理事件", true},
	[ACT_UNMASK] = {"unmask", "查看完整敏感信息", true}, [ACT_ADMIN] = {"admin", "管理单位和账号", false},
	[ACT_SECURITY] = {"security", "安全管理", false}, [ACT_AUDIT] = {"audit", "审计", false},
};

static const config_setting_t *role_setting(struct ctx *c, const char *role)
{
	const config_setting_t *roles = conf_setting(c->conf, "roles");
	return roles && role ? config_setting_get_member(roles, role) : NULL;
}

bool perm_role_exists(struct ctx *c, const char *role, bool assignable_only)
{
	const config_setting_t *r = role_setting(c, role);
	if (!r)
		return false;
	int assignable = 1;
	config_setting_lookup_bool(r, "assignable", &assignable);
	return !assignable_only || assignable;
}

bool perm_role_system(struct ctx *c, const char *role)
{
	const config_setting_t *r = role_setting(c, role);
	const config_setting_t *sys = r ? config_setting_get_member(r, "system") : NULL;
	return sys && config_setting_length(sys) > 0;
}

const char *perm_role_zh(struct ctx *c, const char *role)
{
	const char *zh = NULL;
	const config_setting_t *r = role_setting(c, role);
	if (r)
		config_setting_lookup_string(r, "name", &zh);
	return zh ? zh : role;
}

const char *perm_dept_zh(struct ctx *c, const char *dept)
{
	const config_setting_t *d = conf_setting(c->conf, "departments");
	const char *zh = NULL;
	d = d && dept ? config_setting_get_member(d, dept) : NULL;
	if (d)
		config_setting_lookup_string(d, "name", &zh);
	return zh ? zh : dept;
}

/* Does the grant's "types" selector cover type T for user U? */
static bool selector_covers(struct ctx *c, const config_setting_t *sel, const struct rtype *t, const struct user *u)
{
	if (!sel)
		return false;
	if (config_setting_type(sel) == CONFIG_TYPE_STRING) {
		const char *s = config_setting_get_string(sel);
		if (!strcmp(s, "*"))
			return true;
		if (!strcmp(s, "owned"))
			return t->owners.n > 0;
		/* The offices' own: types without owners, or with "office" among them (shared lines). */
		if (!strcmp(s, "unowned"))
			return t->owners.n == 0 || rtype_owned_by(t, "office");
		if (!strcmp(s, "line"))
			return rtype_owned_by(t, u->dept);
		for (const struct feature *const *f = c->features; f && *f; f++)
			if ((*f)->selector && (*f)->selector(c, s, u->dept, t))
				return true;
		return !strcmp(s, t->id);
	}
	for (int i = 0; i < config_setting_length(sel); i++) {
		const char *s = config_setting_get_string_elem(sel, (unsigned)i);
		if (s && !strcmp(s, t->id))
			return true;
	}
	return false;
}

static bool list_has(const config_setting_t *list, const char *what)
{
	for (int i = 0; list && i < config_setting_length(list); i++) {
		const char *s = config_setting_get_string_elem(list, (unsigned)i);
		if (s && (!strcmp(s, what) || !strcmp(s, "*")))
			return true;
	}
	return false;
}

/* A grant's "except": type ids its selector leaves out (6.4.3.6: the office work between centers
 * is not the center's information). */
static bool type_listed(const config_setting_t *list, const struct rtype *t)
{
	for (int i = 0; list && i < config_setting_length(list); i++) {
		const char *s = config_setting_get_string_elem(list, (unsigned)i);
		if (s && !strcmp(s, t->id))
			return true;
	}
	return false;
}

/* Whether ROLE grants A on T to U; DUTY: only by grants that bring the records' reminders (not
 * those saying remind = false). */
static bool role_grants(struct ctx *c, const config_setting_t *role, enum perm_action a, const struct rtype *t,
			const struct user *u, bool duty)
{
	if (!perm_actions[a].on_records)
		return list_has(config_setting_get_member(role, "system"), perm_actions[a].id);
	const config_setting_t *grants = config_setting_get_member(role, "grants");
	for (int i = 0; grants && i < config_setting_length(grants); i++) {
		const config_setting_t *g = config_setting_get_elem(grants, (unsigned)i);
		int remind = 1;
		if (duty && config_setting_lookup_bool(g, "remind", &remind) && !remind)
			continue;
		if (list_has(config_setting_get_member(g, "actions"), perm_actions[a].id) &&
		    (!t || (selector_covers(c, config_setting_get_member(g, "types"), t, u) &&
			    !type_listed(config_setting_get_member(g, "except"), t))))
			return true;
	}
	return false;
}

const char *perm_scope(struct ctx *c, const struct user *u)
{
	const struct unit *x = units_find(ctx_units(c), u->unit);
	if (x && x->level == LV_DEPT && *x->parent)
		return x->parent;
	return u->unit;
}

bool perm_granted(struct ctx *c, const struct user *u, const struct rtype *t, const char *unit)
{
	for (const struct feature *const *f = c->features; t && unit && f && *f; f++)
		if ((*f)->grants_view && (*f)->grants_view(c, u, t, unit))
			return true;
	return false;
}

bool perm_console(const struct user *u)
{
	return u->console;
}

int perm_check(struct ctx *c, const struct user *u, enum perm_action a, const struct rtype *t,
	       const char *unit)
{
	if (perm_console(u))
		return unit && !units_find(ctx_units(c), unit) ? errmsg_set(ZZ_EINVAL, "单位 %s 不存在", unit) : 0;
	const config_setting_t *role = role_setting(c, u->role);
	if (!role)
		return errmsg_set(ZZ_EPERM, "账号 %s 的角色 %s 不存在，不能操作", u->name, u->role);
	if (!role_grants(c, role, a, t, u, false)) {
		if (t)
			return errmsg_set(ZZ_EPERM, "%s无权%s%s", perm_role_zh(c, u->role), perm_actions[a].zh,
					  t->title);
		return errmsg_set(ZZ_EPERM, "%s无权%s", perm_role_zh(c, u->role), perm_actions[a].zh);
	}
	const struct units *us = ctx_units(c);
	const char *scope = perm_scope(c, u);
	if (!units_find(us, scope))
		return errmsg_set(ZZ_EPERM, "账号 %s 的单位 %s 不存在", u->name, u->unit);
	if (unit && !units_under(us, unit, scope) && !(a == ACT_VIEW && perm_granted(c, u, t, unit))) {
		char *name = units_fullname(us, scope);
		int rc = errmsg_set(ZZ_EPERM, "单位 %s 不在本账号的管辖范围（%s）内", unit, name);
		free(name);
		return rc;
	}
	return 0;
}

bool perm_system_right(struct ctx *c, const struct user *u, enum perm_action a)
{
	const config_setting_t *role = role_setting(c, u->role);
	return role && !perm_actions[a].on_records && role_grants(c, role, a, NULL, u, false);
}

bool perm_reminded(struct ctx *c, const struct user *u, const struct rtype *t, const char *unit)
{
	if (perm_console(u))
		return true;
	/* A reminder is work on the record (a visit, an update, a patrol logged): reading alone does
	 * not bring it, or a read-only leader's list fills with items it cannot act on. */
	const config_setting_t *role = role_setting(c, u->role);
	return role && role_grants(c, role, ACT_VIEW, t, u, true) && role_grants(c, role, ACT_EDIT, t, u, true) &&
	       perm_may(c, u, ACT_EDIT, t, unit);
}

/* The actions that only read: an account whose grants hold nothing else acts on nothing. */
static const enum perm_action perm_reading[] = {ACT_VIEW, ACT_EXPORT, ACT_UNMASK};

static bool perm_reads_only(const config_setting_t *actions)
{
	for (int i = 0; actions && i < config_setting_length(actions); i++) {
		const char *s = config_setting_get_string_elem(actions, (unsigned)i);
		bool reads = false;
		for (size_t k = 0; s && k < ARRAY_LEN(perm_reading); k++)
			reads |= !strcmp(s, perm_actions[perm_reading[k]].id);
		if (!reads)
			return false;
	}
	return true;
}

bool perm_read_only(struct ctx *c, const struct user *u)
{
	const config_setting_t *role = perm_console(u) ? NULL : role_setting(c, u->role);
	if (!role)
		return false;
	const config_setting_t *sys = config_setting_get_member(role, "system");
	if (sys && config_setting_length(sys) > 0)
		return false;
	const config_setting_t *grants = config_setting_get_member(role, "grants");
	for (int i = 0; grants && i < config_setting_length(grants); i++)
		if (!perm_reads_only(config_setting_get_member(config_setting_get_elem(grants, (unsigned)i), "actions")))
			return false;
	return true;
}

bool perm_may(struct ctx *c, const struct user *u, enum perm_action a, const struct rtype *t, const char *unit)
{
	char saved[1024];
	snprintf(saved, sizeof saved, "%s", errmsg());
	bool ok = perm_check(c, u, a, t, unit) == 0;
	errmsg_set(0, "%s", saved);
	return ok;
}

int perm_check_roles(struct ctx *c)
{
	const config_setting_t *depts = conf_setting(c->conf, "departments");
	for (int i = 0; i < c->schema->n; i++) {
		const struct rtype *t = c->schema->t[i];
		for (int k = 0; k < t->owners.n; k++)
			if (strcmp(t->owners.v[k], "office") != 0 && !config_setting_get_member(depts, t->owners.v[k]))
				return errmsg_set(ZZ_EINVAL, "%s: owners 中的 “%s” 不是部门（conf/roles.cfg 的 departments）或 office",
						  t->file, t->owners.v[k]);
	}
	const config_setting_t *roles = conf_setting(c->conf, "roles");
	for (int i = 0; i < config_setting_length(roles); i++) {
		const config_setting_t *r = config_setting_get_elem(roles, (unsigned)i);
		const char *file = config_setting_source_file(r);
		int line = (int)config_setting_source_line(r);
		const config_setting_t *grants = config_setting_get_member(r, "grants");
		for (int j = 0; grants && j < config_setting_length(grants); j++) {
			const config_setting_t *g = config_setting_get_elem(grants, (unsigned)j);
			const config_setting_t *acts = config_setting_get_member(g, "actions");
			for (int k = 0; acts && k < config_setting_length(acts); k++) {
				const char *a = config_setting_get_string_elem(acts, (unsigned)k);
				bool known = a && !strcmp(a, "*");
				for (int x = 0; a && x < ACT__COUNT; x++)
					known |= perm_actions[x].on_records && !strcmp(a, perm_actions[x].id);
				if (!known)
					return errmsg_set(ZZ_EINVAL, "%s:%d: 角色 %s 的授权中有未知动作 “%s”", file,
							  (int)config_setting_source_line(g), config_setting_name(r),
							  a ? a : "?");
			}
			const config_setting_t *sel = config_setting_get_member(g, "types");
			if (!sel)
				return errmsg_set(ZZ_EINVAL, "%s:%d: 授权缺少 types", file, (int)config_setting_source_line(g));
			const config_setting_t *lists[] = {config_setting_type(sel) != CONFIG_TYPE_STRING ? sel : NULL,
							   config_setting_get_member(g, "except")};
			for (size_t l = 0; l < ARRAY_LEN(lists); l++)
				for (int k = 0; lists[l] && k < config_setting_length(lists[l]); k++) {
					const char *s = config_setting_get_string_elem(lists[l], (unsigned)k);
					if (!s || !schema_type(c->schema, s))
						return errmsg_set(ZZ_EINVAL, "%s:%d: 授权中的记录类型 “%s” 不存在", file,
								  (int)config_setting_source_line(lists[l]), s ? s : "?");
				}
		}
		const config_setting_t *sys = config_setting_get_member(r, "system");
		for (int k = 0; sys && k < config_setting_length(sys); k++) {
			const char *a = config_setting_get_string_elem(sys, (unsigned)k);
			bool known = false;
			for (int x = 0; a && x < ACT__COUNT; x++)
				known |= !perm_actions[x].on_records && !strcmp(a, perm_actions[x].id);
			if (!known)
				return errmsg_set(ZZ_EINVAL, "%s:%d: 角色 %s 的系统权限中有未知项 “%s”", file, line,
						  config_setting_name(r), a ? a : "?");
		}
	}
	return 0;
}
