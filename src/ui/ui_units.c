/* ui_units.c — the system administrator's unit tree: the units of the account's scope in tree
 * order; a new unit under the selected one (a), a new name for the selected one (e). Each through
 * unit_admin.c: permission, one transaction, audit. Member departments (and moves) stay on the
 * command line, which names the department. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "perm.h"
#include "ui_screen.h"
#include "ui_units.h"
#include "unit.h"
#include "unit_admin.h"
#include "validate.h"

enum { UNIT_COLS = 3 };

struct urow {
	char *code, *name, *level;
};

struct ustate {
	struct ui *ui;
	struct urow *v;
	long n;
};

static const struct ui_col unit_cols[UNIT_COLS] = {
	{.title = "代码", .width = 22}, {.title = "名称", .width = 36}, {.title = "层级", .width = 10}};

static int unit_row_cmp(const void *a, const void *b)
{
	const struct unit *x = *(const struct unit *const *)a, *y = *(const struct unit *const *)b;
	return strcmp(x->path, y->path);
}

static void units_rows_free(struct ustate *s)
{
	for (long i = 0; i < s->n; i++) {
		free(s->v[i].code);
		free(s->v[i].name);
		free(s->v[i].level);
	}
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

/* The scope's units by path (a parent before its children), names indented by depth. */
static void units_rows_load(struct ustate *s)
{
	units_rows_free(s);
	struct ctx *c = s->ui->c;
	const struct units *us = ctx_units(c);
	const char *scope = perm_scope(c, s->ui->u);
	const struct unit *top = units_find(us, scope);
	const struct unit **in = xcalloc((size_t)us->n + 1, sizeof *in);
	long n = 0;
	for (int i = 0; i < us->n; i++)
		if (units_under(us, us->v[i].code, scope))
			in[n++] = &us->v[i];
	qsort(in, (size_t)n, sizeof *in, unit_row_cmp);
	s->v = xcalloc((size_t)n + 1, sizeof *s->v);
	int base = 0;
	for (const char *p = top ? top->path : ""; *p; p++)
		base += *p == '/';
	for (long i = 0; i < n; i++) {
		int depth = -base;
		for (const char *p = in[i]->path; *p; p++)
			depth += *p == '/';
		s->v[i].code = xstrdup(in[i]->code);
		s->v[i].name = xasprintf("%*s%s", 2 * (depth > 1 ? depth - 1 : 0), "", in[i]->name);
		s->v[i].level = xstrdup(unit_level_zh[in[i]->level]);
	}
	s->n = n;
	free(in);
}

static const char *unit_cell(void *arg, long row, int col, char *buf, size_t n)
{
	(void)buf;
	(void)n;
	const struct urow *r = &((struct ustate *)arg)->v[row];
	return col == 0 ? r->code : col == 1 ? r->name : r->level;
}

static void unit_top(struct ui *ui, struct ui_table_screen *t, char *buf, size_t n)
{
	struct ustate *s = t->arg;
	const struct unit *x = s->n ? units_find(ctx_units(ui->c), s->v[t->t.cur].code) : NULL;
	char *full = x ? units_fullname(ctx_units(ui->c), x->code) : NULL;
	snprintf(buf, n, "单位 %ld 个%s%s", s->n, full ? "；当前：" : "", full ? full : "");
	free(full);
}

static const enum ui_act unit_acts[] = {UI_UP,	UI_DOWN, UI_PGUP, UI_PGDN, UI_HOME, UI_END, UI_LEFT,
					UI_RIGHT, UI_ADD, UI_EDIT, UI_BACK, UI_NONE};
static const enum ui_act unit_hints[] = {UI_ADD, UI_EDIT, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys unit_keys = {
	.screen = "单位管理",
	.about = "本单位及下级单位，按层级缩进。a 或 F5 在当前单位之下新增一个下级单位（输入单位代码，已填好"
		 "上级代码作开头，再输入名称；层级为上级的下一级）；e 或 F4 修改当前单位的名称。成员单位（部门）"
		 "和调整上级在服务器上办理。每个操作记入审计日志。Esc 返回。",
	.acts = unit_acts,
	.hints = unit_hints,
};

/* A new unit's code: well formed and not taken, else refused in its prompt, which keeps it. */
static int unit_code_take(struct ui *ui, const char *code, void *arg)
{
	(void)arg;
	if (!unit_code_valid(code))
		return errmsg_set(ZZ_EINVAL, "单位代码 “%s” 不合规：应为数字", code);
	return units_find(ctx_units(ui->c), code) ? errmsg_set(ZZ_EEXIST, "单位代码 %s 已存在", code) : 0;
}

struct unit_new_req {
	const char *code, *parent;
};

/* The unit added once its name is typed: refused, the name stays in its prompt. */
static int unit_new_take(struct ui *ui, const char *name, void *arg)
{
	const struct unit_new_req *q = arg;
	return unit_admin_add(ui->c, ui->u, q->code, name, q->parent);
}

/* a: a unit below PARENT; refused before anything is typed when PARENT can have none. */
static void unit_new(struct ui *ui, const char *parent)
{
	const struct unit *p = units_find(ctx_units(ui->c), parent);
	if (p && (p->level == LV_DEPT || p->level == LV_GRID)) {
		ui_msg(ui, "%s之下不能再设单位", p->level == LV_DEPT ? "成员单位" : "网格");
		ui->msg_err = true;
		return;
	}
	char *code = xstrdup(parent), *name = NULL;
	char label[96];
	snprintf(label, sizeof label, "新单位代码（%s 的下级）：", parent);
	if (ui_prompt_act(ui, label, &code, unit_code_take, NULL) == 0) {
		struct unit_new_req q = {.code = code, .parent = parent};
		if (ui_prompt_act(ui, "新单位名称：", &name, unit_new_take, &q) == 0)
			ui_msg(ui, "已新增单位 %s %s", code, name);
	}
	free(code);
	free(name);
}

/* The new name of unit ARG: refused, it stays in its prompt. */
static int unit_rename_take(struct ui *ui, const char *name, void *arg)
{
	return unit_admin_rename(ui->c, ui->u, arg, name);
}

static void unit_rename_ui(struct ui *ui, const char *code)
{
	const struct unit *x = units_find(ctx_units(ui->c), code);
	char *name = xstrdup(x ? x->name : "");
	char label[96];
	snprintf(label, sizeof label, "单位 %s 的新名称：", code);
	if (ui_prompt_act(ui, label, &name, unit_rename_take, (void *)code) == 0)
		ui_msg(ui, "已把单位 %s 改名为 %s", code, name);
	free(name);
}

static int unit_act(struct ui *ui, struct ui_table_screen *t, enum ui_act a)
{
	struct ustate *s = t->arg;
	if ((a != UI_ADD && a != UI_EDIT) || s->n == 0)
		return UI_NOTMINE;
	char *code = xstrdup(s->v[t->t.cur].code);
	if (a == UI_ADD)
		unit_new(ui, code);
	else
		unit_rename_ui(ui, code);
	free(code);
	units_rows_load(s);
	ui_table_rows(&t->t, s->n);
	return UI_DONE;
}

bool ui_units_visible(struct ui *ui)
{
	return perm_may(ui->c, ui->u, ACT_ADMIN, NULL, NULL);
}

int ui_units_run(struct ui *ui)
{
	int rc = perm_check(ui->c, ui->u, ACT_ADMIN, NULL, NULL);
	if (rc < 0)
		return ui_err(ui, rc), 0;
	struct ustate s = {.ui = ui};
	units_rows_load(&s);
	struct ui_table_screen t = {
		.title = "单位管理",
		.keys = &unit_keys,
		.t = {.cols = unit_cols, .ncols = UNIT_COLS, .nrows = s.n, .cell = unit_cell, .arg = &s, .fixed = 1},
		.top = unit_top,
		.act = unit_act,
		.arg = &s,
	};
	ui_table_run(ui, &t);
	units_rows_free(&s);
	return 0;
}
