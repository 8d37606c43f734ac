/* task_line.c — department lines as receivers of a task (task.h): a line is a department of
 * conf/roles.cfg; its units are the department's units (LV_DEPT) at the levels below the issuer's,
 * inside the issuer's scope — for a county the township police stations, not the county's own
 * bureau (chosen on its own in the tree when wanted). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "perm.h"
#include "task.h"
#include "unit.h"

static bool line_unit(struct ctx *c, const struct user *u, const struct unit *x, const char *dept)
{
	return x->level == LV_DEPT && x->dept && !strcmp(x->dept, dept) && strcmp(x->parent, perm_scope(c, u)) != 0 &&
	       task_may_receive(c, u, x->code);
}

int task_line_units(struct ctx *c, const struct user *u, const char *dept, struct strv *out)
{
	*out = (struct strv){0};
	const config_setting_t *ds = conf_setting(c->conf, "departments");
	if (str_empty(dept) || !ds || !config_setting_get_member(ds, dept))
		return errmsg_set(ZZ_EINVAL, "没有部门条线 %s", dept ? dept : "");
	const struct units *us = ctx_units(c);
	const struct unit **v = xcalloc((size_t)us->n + 1, sizeof *v);
	int n = 0;
	for (int i = 0; i < us->n; i++)
		if (line_unit(c, u, &us->v[i], dept))
			v[n++] = &us->v[i];
	qsort(v, (size_t)n, sizeof *v, units_path_cmp);
	for (int i = 0; i < n; i++)
		strv_push(out, v[i]->code);
	free(v);
	if (n == 0)
		return errmsg_set(ZZ_ENOENT, "本单位以下没有%s条线的单位", perm_dept_zh(c, dept));
	return 0;
}

void task_lines(struct ctx *c, const struct user *u, struct strv *out)
{
	*out = (struct strv){0};
	const config_setting_t *ds = conf_setting(c->conf, "departments");
	const struct units *us = ctx_units(c);
	for (int k = 0; ds && k < config_setting_length(ds); k++) {
		const char *dept = config_setting_name(config_setting_get_elem(ds, (unsigned)k));
		bool any = false;
		for (int i = 0; i < us->n && !any; i++)
			any = line_unit(c, u, &us->v[i], dept);
		if (any)
			strv_push(out, dept);
	}
}

int task_recv_expand(struct ctx *c, const struct user *u, const struct task_new *n, struct strv *units,
		     struct strv *lines)
{
	*units = (struct strv){0};
	*lines = (struct strv){0};
	size_t pl = strlen(TASK_LINE_PREFIX);
	for (int i = 0; i < n->nrecv; i++)
		if (strncmp(n->recv[i], TASK_LINE_PREFIX, pl) != 0) {
			strv_push(units, n->recv[i]);
			strv_push(lines, "");
		}
	int rc = 0;
	for (int i = 0; i < n->nrecv && rc == 0; i++) {
		if (strncmp(n->recv[i], TASK_LINE_PREFIX, pl) != 0)
			continue;
		const char *dept = n->recv[i] + pl;
		for (int k = 0; k < i; k++)
			if (!strcmp(n->recv[k], n->recv[i]))
				rc = errmsg_set(ZZ_EINVAL, "接收的%s条线重复", perm_dept_zh(c, dept));
		struct strv got = {0};
		if (rc == 0)
			rc = task_line_units(c, u, dept, &got);
		for (int k = 0; rc == 0 && k < got.n; k++)
			if (strv_find(units, got.v[k]) < 0) {
				strv_push(units, got.v[k]);
				strv_push(lines, dept);
			}
		strv_free(&got);
	}
	if (rc < 0) {
		strv_free(units);
		strv_free(lines);
	}
	return rc;
}
