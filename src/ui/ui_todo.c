/* ui_todo.c — the to-do list shown after login (warnings first), each item opening what it is
 * about; and the opener of references ("TYPE:ID" records, or a feature's own screen). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "todo.h"
#include "ui_screen.h"

static const struct ui_col todo_cols[] = {
	{.title = "级别", .width = 4},
	{.title = "期限", .width = 16},
	{.title = "事项", .width = 200},
};

static const enum ui_act todo_acts[] = {UI_UP, UI_DOWN, UI_PGUP, UI_PGDN, UI_HOME, UI_END, UI_ENTER, UI_BACK, UI_NONE};
static const enum ui_act todo_hints[] = {UI_ENTER, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys todo_keys = {
	.screen = "待办事项",
	.about = "需要本账号办理的事项，按紧急程度（红牌、黄牌、逾期、预警、提示）再按期限排列；系统管理员、"
		 "安全管理员的“系统”项（后台守护进程、备用站点、磁盘的状况）在最前，与督办牌无关。同一类的"
		 "提醒较多时合为一行（如“走访已逾期 51 项”），回车列出它们。回车打开一项去办理，Esc 返回。"
		 "主菜单的“待办事项”可以随时回到这里。只读账号（领导）不能办理，这里只列辖区概况（在办事件、"
		 "督办牌），不计入待办数；在办事件一行回车打开事件列表（只能查看），督办牌一行回车打开考核得分。",
	.acts = todo_acts,
	.hints = todo_hints,
};

struct tstate {
	struct ui *ui;
	struct todo_list l;
	const char *only; /* the items of one group (todo_group), or NULL: the whole list, grouped */
};

static const char *todo_cell(void *arg, long row, int col, char *buf, size_t n)
{
	struct tstate *ts = arg;
	const struct todo_item *it = &ts->l.v[row];
	if (col == 0)
		return todo_level_name(it->level);
	if (col == 1) {
		char dt[20] = "";
		if (it->due)
			datetime_format((time_t)it->due, dt);
		dt[16] = '\0';
		snprintf(buf, n, "%s", dt);
		return buf;
	}
	return it->text;
}

static attr_t todo_attr(void *arg, long row)
{
	struct tstate *ts = arg;
	int level = ts->l.v[row].level;
	if (level == TODO_SYSTEM)
		return ui_attr(ts->ui, UI_A_SYSTEM);
	if (level == TODO_RED || level == TODO_OVERDUE)
		return ui_attr(ts->ui, UI_A_ERROR);
	return level == TODO_YELLOW || level == TODO_WARN ? ui_attr(ts->ui, UI_A_WARN) : A_NORMAL;
}

/* The line above the list: the whole text of the selected item, which its row may cut. */
static void todo_top(struct ui *ui, struct ui_table_screen *s, char *buf, size_t n)
{
	struct tstate *ts = s->arg;
	(void)ui;
	if (ts->l.n == 0)
		snprintf(buf, n, " 没有待办事项");
	else
		snprintf(buf, n, " %s", ts->l.v[s->t.cur].text);
}

static int todo_load(struct ui *ui, struct tstate *ts)
{
	todo_free(&ts->l);
	int rc = todo_collect(ui->c, ui->u, (int64_t)time(NULL), &ts->l);
	if (!ts->only)
		ui->todo_n = todo_work(&ts->l);
	todo_group(&ts->l, (int)conf_int(ui->c->conf, "ui.todo_group_min"), ts->only);
	return rc < 0 ? ui_err(ui, rc) : 0;
}

int ui_todo_count(struct ui *ui)
{
	struct todo_list l = {0};
	int lines = 0;
	if (todo_collect(ui->c, ui->u, (int64_t)time(NULL), &l) == 0) {
		ui->todo_n = todo_work(&l);
		lines = l.n;
	}
	todo_free(&l);
	/* After the collection: a commit it made itself is no reason to count again. */
	ui->todo_commits = atomic_load(&ui->c->st->commits);
	return lines;
}

int ui_open_ref(struct ui *ui, const char *kind, const char *ref)
{
	/* A digest line (todo.h) names by its ref the kind of the screen that lists what it sums up:
	 * that row's screen opens, as from the menu. */
	bool digest = kind && !strcmp(kind, TODO_DIGEST);
	for (int i = 0; i < ui_extra_screens_len; i++) {
		const struct ui_extra *x = &ui_extra_screens[i];
		if (!x->todo_kind || !kind || strcmp(x->todo_kind, digest ? ref : kind) != 0)
			continue;
		int (*run)(struct ui *) = x->digest_run ? x->digest_run : x->run;
		if (digest && run && (!x->visible || x->visible(ui)))
			return run(ui);
		if (!digest && x->open_ref)
			return x->open_ref(ui, ref);
	}
	const char *colon = ref ? strchr(ref, ':') : NULL;
	long long id = 0;
	if (colon && str_to_ll(colon + 1, &id) == 0 && id > 0) {
		char *type = xstrndup(ref, (size_t)(colon - ref));
		const struct rtype *t = schema_type(ui->c->schema, type);
		free(type);
		if (t)
			return ui_record_open(ui, t, (uint64_t)id, false);
	}
	ui_msg(ui, "这一项不能在这里打开（%s）", ref ? ref : "");
	return 0;
}

bool ui_ref_id(struct ui *ui, const char *ref, const char *what, uint64_t *id)
{
	const char *colon = ref ? strrchr(ref, ':') : NULL;
	long long v = 0;
	if (!colon || str_to_ll(colon + 1, &v) < 0 || v <= 0) {
		ui_msg(ui, "不是%s：%s", what, ref ? ref : "");
		return false;
	}
	*id = (uint64_t)v;
	return true;
}

static int todo_screen(struct ui *ui, const char *only);

static int todo_act(struct ui *ui, struct ui_table_screen *s, enum ui_act a)
{
	struct tstate *ts = s->arg;
	if (a != UI_ENTER || ts->l.n == 0)
		return UI_NOTMINE;
	const struct todo_item *it = &ts->l.v[s->t.cur];
	char *kind = xstrdup(it->kind), *ref = xstrdup(it->ref);
	if (!strcmp(kind, "group"))
		todo_screen(ui, ref);
	else if (ref[0] == '\0')
		/* A notice with nothing to open (the daemon, a standby site held): its whole text, which
		 * its row and the line above may cut at 80 columns. */
		ui_text_view(ui, "待办事项", it->text);
	else
		ui_open_ref(ui, kind, ref);
	free(kind);
	free(ref);
	todo_load(ui, ts);
	s->t.nrows = ts->l.n;
	return UI_DONE;
}

static int todo_screen(struct ui *ui, const char *only)
{
	struct tstate ts = {.ui = ui, .only = only};
	todo_load(ui, &ts);
	struct ui_table_screen s = {
		.title = only ? "待办事项 > 同类提醒" : "待办事项",
		.keys = &todo_keys,
		.t = {.cols = todo_cols, .ncols = (int)ARRAY_LEN(todo_cols), .nrows = ts.l.n, .cell = todo_cell,
		      .row_attr = todo_attr, .arg = &ts, .fixed = 1},
		.top = todo_top,
		.act = todo_act,
		.arg = &ts,
	};
	ui_table_run(ui, &s);
	todo_free(&ts.l);
	return 0;
}

int ui_todo_run(struct ui *ui)
{
	return todo_screen(ui, NULL);
}
