/* ui_menu.c — the main menu, built per account from the record types it may view and the added
 * screens it may use, grouped in the standard's order (ui.menu_groups), then local "X" modules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "perm.h"
#include "service.h"
#include "ui_screen.h"

enum mkind { MI_GROUP, MI_TYPE, MI_EXTRA, MI_TODO, MI_PERSON, MI_PASSWD, MI_QUIT };

struct mitem {
	enum mkind kind;
	const char *label;
	const struct rtype *t;
	const struct ui_extra *x;
};

struct menu {
	struct mitem *v;
	int n, cap;
	struct strv groups;
};

static void menu_add(struct menu *m, enum mkind kind, const char *label, const struct rtype *t,
		     const struct ui_extra *x)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 32;
		m->v = xrealloc(m->v, (size_t)m->cap * sizeof *m->v);
	}
	m->v[m->n++] = (struct mitem){kind, label, t, x};
}

static bool extra_usable(struct ui *ui, const struct ui_extra *x)
{
	return x->group && x->title && x->run && (!x->visible || x->visible(ui));
}

/* One group: its header, then its record types and added screens the account may use. */
static void menu_group(struct ui *ui, struct menu *m, const char *g)
{
	int at = m->n;
	menu_add(m, MI_GROUP, g, NULL, NULL);
	const struct schema *s = ui->c->schema;
	for (int i = 0; i < s->n; i++)
		/* A workflow's records (events) are reached through its own screen, listed below. */
		if (!strcmp(s->t[i]->group, g) && !service_workflow(s->t[i]) &&
		    perm_may(ui->c, ui->u, ACT_VIEW, s->t[i], NULL))
			menu_add(m, MI_TYPE, s->t[i]->title, s->t[i], NULL);
	for (int i = 0; i < ui_extra_screens_len; i++) {
		const struct ui_extra *x = &ui_extra_screens[i];
		if (extra_usable(ui, x) && !strcmp(x->group, g))
			menu_add(m, MI_EXTRA, x->title, NULL, x);
	}
	if (m->n == at + 1)
		m->n = at; /* nothing the account may use: no header */
	strv_push(&m->groups, g);
}

static void menu_build(struct ui *ui, struct menu *m)
{
	menu_add(m, MI_GROUP, "常用", NULL, NULL);
	menu_add(m, MI_TODO, "待办事项", NULL, NULL);
	/* Offered only where it can answer: system roles see no persons. */
	const struct rtype *pt = schema_type(ui->c->schema, "person");
	if (pt && perm_may(ui->c, ui->u, ACT_VIEW, pt, NULL))
		menu_add(m, MI_PERSON, "人员查询（按身份证号或姓名）", NULL, NULL);
	menu_add(m, MI_PASSWD, "修改密码", NULL, NULL);
	menu_add(m, MI_QUIT, "退出系统", NULL, NULL);
	const config_setting_t *order = conf_setting(ui->c->conf, "ui.menu_groups");
	for (int i = 0; order && i < config_setting_length(order); i++) {
		const char *g = config_setting_get_string_elem(order, (unsigned)i);
		if (g && strv_find(&m->groups, g) < 0)
			menu_group(ui, m, g);
	}
	/* Local modules ("X") and groups the setting does not name, in the order they appear. */
	const struct schema *s = ui->c->schema;
	for (int i = 0; i < s->n; i++)
		if (strv_find(&m->groups, s->t[i]->group) < 0)
			menu_group(ui, m, s->t[i]->group);
	for (int i = 0; i < ui_extra_screens_len; i++) {
		const struct ui_extra *x = &ui_extra_screens[i];
		if (extra_usable(ui, x) && strv_find(&m->groups, x->group) < 0)
			menu_group(ui, m, x->group);
	}
}

static const enum ui_act menu_acts[] = {UI_UP,    UI_DOWN,   UI_PGUP, UI_PGDN, UI_HOME,
					UI_END, UI_ENTER, UI_SEARCH, UI_BACK, UI_NONE};
static const enum ui_act menu_hints[] = {UI_ENTER, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys menu_keys = {
	.screen = "主菜单",
	.about = "本账号可以使用的模块，按标准的分类排列。上下键选择，回车进入，/ 输入名称中的几个字直接跳到该项，"
		 "Esc 或 q 退出系统（先确认）。“待办事项”列出需要办理的事；“人员查询”输入身份证号查看此人的全部记录。",
	.acts = menu_acts,
	.hints = menu_hints,
	.enter_name = "进入",
	.back_name = "退出系统",
	.search_name = "查找",
	.search_help = "查找菜单项：输入名称中的几个字",
};

static void menu_draw(struct ui *ui, struct menu *m, int cur, int *top)
{
	erase();
	int y0 = ui_body_top(), h = ui_body_rows();
	int want = cur > 0 && m->v[cur - 1].kind == MI_GROUP ? cur - 1 : cur;
	if (want < *top)
		*top = want;
	if (cur >= *top + h)
		*top = cur - h + 1;
	for (int r = 0; r < h && *top + r < m->n; r++) {
		const struct mitem *it = &m->v[*top + r];
		int y = y0 + r;
		if (it->kind == MI_GROUP) {
			char buf[128];
			snprintf(buf, sizeof buf, "【%s】", it->label);
			ui_put(y, 1, COLS - 2, buf, ui_attr(ui, UI_A_HEAD));
			continue;
		}
		bool sel = *top + r == cur;
		char buf[160];
		if (it->kind == MI_TODO)
			snprintf(buf, sizeof buf, "%s（%d）", it->label, ui->todo_n);
		else
			snprintf(buf, sizeof buf, "%s", it->label);
		ui_put(y, 2, 2, sel ? ">" : " ", sel ? ui_attr(ui, UI_A_SEL) : A_NORMAL);
		int w = ui_width(buf) + 2;
		ui_put(y, 4, w, buf, sel ? ui_attr(ui, UI_A_SEL) : A_NORMAL);
	}
	ui_frame(ui, "主菜单", NULL, &menu_keys);
	ui_cursor(ui, y0 + cur - *top, 2);
	ui->cvis = false;
}

static int menu_step(const struct menu *m, int cur, int dir)
{
	int i = cur + dir;
	while (i >= 0 && i < m->n && m->v[i].kind == MI_GROUP)
		i += dir;
	return i >= 0 && i < m->n ? i : cur;
}

/* Jump to the first entry whose name holds what the person types. */
static int menu_find(struct ui *ui, const struct menu *m, int cur)
{
	char *text = NULL;
	if (ui_prompt(ui, "查找菜单项：", &text, false) < 0 || str_empty(text)) {
		free(text);
		return cur;
	}
	for (int k = 1; k <= m->n; k++) {
		int i = (cur + k) % m->n;
		if (m->v[i].kind != MI_GROUP && strstr(m->v[i].label, text)) {
			free(text);
			return i;
		}
	}
	ui_msg(ui, "菜单中没有“%s”", text);
	ui->msg_err = true;
	free(text);
	return cur;
}

static void menu_open(struct ui *ui, const struct mitem *it)
{
	switch (it->kind) {
	case MI_TYPE:
		ui_list_run(ui, it->t);
		break;
	case MI_EXTRA:
		it->x->run(ui);
		break;
	case MI_TODO:
		ui_todo_run(ui);
		break;
	case MI_PERSON:
		ui_person_run(ui, NULL);
		break;
	case MI_PASSWD:
		ui_passwd(ui, false);
		break;
	case MI_QUIT:
		ui_quit(ui);
		break;
	case MI_GROUP:
		break;
	}
}

int ui_menu_run(struct ui *ui)
{
	struct menu m = {0};
	menu_build(ui, &m);
	int cur = menu_step(&m, -1, 1), top = 0;
	ui->typing = false;
	while (!ui->leaving) {
		/* The menu holds no unit pointer: trees replaced while a screen was open can go. */
		ctx_units_collect(ui->c);
		menu_draw(ui, &m, cur, &top);
		int key = ui_getkey(ui);
		if (key == UI_KEY_LEAVE)
			break;
		if (key == UI_KEY_RESIZE)
			continue;
		enum ui_act a = ui_key_action(key, false);
		int page = ui_body_rows() - 1;
		switch (a) {
		case UI_UP:
			cur = menu_step(&m, cur, -1);
			break;
		case UI_DOWN:
			cur = menu_step(&m, cur, 1);
			break;
		case UI_PGUP:
			for (int k = 0; k < page; k++)
				cur = menu_step(&m, cur, -1);
			break;
		case UI_PGDN:
			for (int k = 0; k < page; k++)
				cur = menu_step(&m, cur, 1);
			break;
		case UI_HOME:
			cur = menu_step(&m, -1, 1);
			break;
		case UI_END:
			cur = menu_step(&m, m.n, -1);
			break;
		case UI_ENTER:
			menu_open(ui, &m.v[cur]);
			ui_todo_count(ui);
			break;
		case UI_BACK:
		case UI_QUIT:
			ui_quit(ui);
			break;
		case UI_SEARCH:
			cur = menu_find(ui, &m, cur);
			break;
		case UI_HELP:
			ui_help(ui, &menu_keys);
			break;
		case UI_REDRAW:
			clearok(curscr, TRUE);
			break;
		default:
			ui_msg(ui, "按上下键选择，回车进入；按 ? 或 F1 查看帮助");
			break;
		}
	}
	free(m.v);
	strv_free(&m.groups);
	return 0;
}
