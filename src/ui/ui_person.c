/* ui_person.c — the person view: one ID number, every record about that person the account may
 * see, each opening its own form. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "idnum.h"
#include "perm.h"
#include "service.h"
#include "ui_screen.h"
#include "unit.h"

struct prow {
	const struct rtype *t;
	uint64_t id;
	char *cells[4];
};

struct pstate {
	struct ui *ui;
	char idnum[19];
	char shown_id[24];
	char name[64];
	struct prow *rows;
	int n, cap;
};

static const struct ui_col person_cols[] = {
	{.title = "类别", .width = 18}, {.title = "姓名/名称", .width = 12}, {.title = "所属单位", .width = 20},
	{.title = "更新日期", .width = 10},
};

static const enum ui_act person_acts[] = {UI_UP, UI_DOWN, UI_PGUP, UI_PGDN, UI_HOME, UI_END, UI_ENTER, UI_BACK, UI_NONE};
static const enum ui_act person_hints[] = {UI_ENTER, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys person_keys = {
	.screen = "人员查询",
	.about = "按身份证号查到的此人的全部记录（本账号有权查看的）：人员基本信息、户籍或流动人口、特殊人群等各类"
		 "身份。回车打开一条记录，Esc 返回。",
	.acts = person_acts,
	.hints = person_hints,
};

static int person_cb(const struct rec *r, void *arg)
{
	struct pstate *ps = arg;
	struct ui *ui = ps->ui;
	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 8;
		ps->rows = xrealloc(ps->rows, (size_t)ps->cap * sizeof *ps->rows);
	}
	struct prow *p = &ps->rows[ps->n++];
	char buf[64];
	p->t = r->t;
	p->id = r->id;
	p->cells[0] = xstrdup(r->t->title);
	const char *name = rec_name(r, buf, sizeof buf);
	if (r->t->name_field < 0 && r->t->key >= 0 && r->t->f[r->t->key].sensitive)
		name = "";
	p->cells[1] = xstrdup(name);
	/* The person's name from a record of the person (keyed by the ID number), not from one that
	 * names the person among others: an event's title was shown as the name. */
	if (!ps->name[0] && r->t->name_field >= 0 && r->v[r->t->name_field] && r->t->key >= 0 &&
	    r->t->f[r->t->key].type == FT_IDNUM)
		snprintf(ps->name, sizeof ps->name, "%s", r->v[r->t->name_field]);
	/* The unit as the record lists show it: seen from the account's scope. */
	const struct units *us = ctx_units(ui->c);
	const struct unit *x = r->unit ? units_find(us, r->unit) : NULL;
	p->cells[2] = xstrdup(x ? units_short_name(us, perm_scope(ui->c, ui->u), x->name) : "");
	char dt[20] = "";
	if (r->updated)
		datetime_format((time_t)r->updated, dt);
	dt[10] = '\0';
	p->cells[3] = xstrdup(dt);
	return 0;
}

static void person_free_rows(struct pstate *ps)
{
	for (int i = 0; i < ps->n; i++)
		for (int c = 0; c < 4; c++)
			free(ps->rows[i].cells[c]);
	free(ps->rows);
	ps->rows = NULL;
	ps->n = ps->cap = 0;
}

static int person_load(struct ui *ui, struct pstate *ps)
{
	person_free_rows(ps);
	ps->name[0] = '\0';
	int rc = service_person(ui->c, ui->u, ps->idnum, person_cb, ps);
	if (rc < 0)
		return ui_err(ui, rc);
	return 0;
}

static const char *person_cell(void *arg, long row, int col, char *buf, size_t n)
{
	struct pstate *ps = arg;
	(void)buf;
	(void)n;
	return ps->rows[row].cells[col];
}

static void person_top(struct ui *ui, struct ui_table_screen *s, char *buf, size_t n)
{
	struct pstate *ps = s->arg;
	(void)ui;
	snprintf(buf, n, " 身份证号:%s  姓名:%s  共 %d 条记录", ps->shown_id, ps->name[0] ? ps->name : "-", ps->n);
}

static int person_act(struct ui *ui, struct ui_table_screen *s, enum ui_act a)
{
	struct pstate *ps = s->arg;
	if (a != UI_ENTER || ps->n == 0)
		return UI_NOTMINE;
	struct prow *p = &ps->rows[s->t.cur];
	if (ui_record_open(ui, p->t, p->id, false)) {
		person_load(ui, ps);
		s->t.nrows = ps->n;
	}
	return UI_DONE;
}

static char *person_label(struct ui *ui, const struct rec *r)
{
	char *shown = service_display(ui->c, ui->u, r, r->t->key, false);
	const struct unit *x = r->unit ? units_find(ctx_units(ui->c), r->unit) : NULL;
	char *label = xasprintf("%s  %s", shown, x ? x->name : "");
	free(shown);
	return label;
}

int ui_pick_person(struct ui *ui, const struct rtype *t, const char *prefix, char **key, char **name)
{
	*key = NULL;
	if (name)
		*name = NULL;
	if (!t || t->key < 0 || t->name_field < 0 || !t->f[t->name_field].indexed)
		t = schema_type(ui->c->schema, "person");
	if (!t || t->key < 0)
		return ZZ_ENOENT;
	struct service_query q = {.name_prefix = str_empty(prefix) ? NULL : prefix, .state = -1, .limit = 200};
	struct ui_pick_list l;
	int rc = ui_pick_list_load(ui, t, &q, person_label, false, &l);
	if (rc < 0)
		return rc;
	/* The names padded to the widest, so that the ID numbers and units stand in columns. */
	int nw = 0;
	for (int i = 0; i < l.n; i++)
		if (ui_width(l.names[i]) > nw)
			nw = ui_width(l.names[i]);
	for (int i = 0; i < l.n; i++) {
		char col[96];
		char *tail = l.labels[i];
		l.labels[i] = xasprintf("%s  %s", ui_pad(col, sizeof col, l.names[i], nw < 24 ? nw : 24, false), tail);
		free(tail);
		l.items[i].label = l.labels[i];
	}
	int pick = -1;
	if (l.n == 0 && str_empty(prefix))
		ui_msg(ui, "本账号的范围内没有%s", t->title);
	else if (l.n == 0)
		ui_msg(ui, "没有找到姓名以“%s”开头的%s（或本账号无权查看）", prefix, t->title);
	else
		pick = l.n == 1 && !str_empty(prefix) ? 0 : ui_pick(ui, "选择一人（可输入姓名筛选）", l.items, l.n, 0, NULL, NULL);
	if (pick >= 0) {
		*key = ui_pick_list_take(l.keys, pick);
		if (name)
			*name = ui_pick_list_take(l.names, pick);
	}
	ui_pick_list_free(&l);
	return pick >= 0 ? 0 : ZZ_ENOENT;
}

int ui_form_pick_person(struct ui *ui, struct ui_form *fm, int i, const char *typed, char **val)
{
	const struct field *f = fm->f[i];
	const struct rtype *t = f->ref && f->ref[0] != '@' ? schema_type(ui->c->schema, f->ref) : NULL;
	char *name = NULL;
	int rc = ui_pick_person(ui, t, typed, val, &name);
	if (rc == 0)
		ui_msg(ui, "%s：已选 %s", f->label, name);
	free(name);
	return rc;
}

char *ui_form_person_name(struct ui *ui, struct ui_form *fm, int i)
{
	const struct field *f = fm->f[i];
	if (f->type != FT_PERSON || !fm->v[i])
		return NULL;
	const struct rtype *t = f->ref && f->ref[0] != '@' ? schema_type(ui->c->schema, f->ref) : NULL;
	if (!t || t->key < 0 || t->name_field < 0 || t->f[t->key].type != FT_IDNUM)
		t = schema_type(ui->c->schema, "person");
	char *name = t ? service_person_label(ui->c, ui->u, t, fm->v[i]) : NULL;
	char *out = name ? xasprintf("（%s）", name) : NULL;
	free(name);
	return out;
}

int ui_person_run(struct ui *ui, const char *idnum)
{
	struct pstate ps = {.ui = ui};
	char *typed = NULL;
	if (!idnum) {
		if (ui_prompt(ui, "身份证号或姓名：", &typed, false) < 0 || str_empty(typed)) {
			free(typed);
			return 0;
		}
		idnum = typed;
		if (!strpbrk(typed, "0123456789")) {
			char *found = NULL;
			int rc = ui_pick_person(ui, NULL, typed, &found, NULL);
			free(typed);
			if (rc == 0)
				ui_person_run(ui, found);
			free(found);
			return 0;
		}
	}
	if (idnum_normalize(idnum, ps.idnum) < 0) {
		ui_err(ui, ZZ_EINVAL);
		free(typed);
		return 0;
	}
	free(typed);
	const struct rtype *pt = schema_type(ui->c->schema, "person");
	if (pt && perm_may(ui->c, ui->u, ACT_UNMASK, pt, NULL))
		snprintf(ps.shown_id, sizeof ps.shown_id, "%s", ps.idnum);
	else
		idnum_mask(ps.idnum, ps.shown_id, sizeof ps.shown_id);
	if (person_load(ui, &ps) < 0)
		return 0;
	if (ps.n == 0) {
		ui_msg(ui, "没有找到身份证号 %s 的记录（或本账号无权查看）", ps.shown_id);
		person_free_rows(&ps);
		return 0;
	}
	struct ui_table_screen s = {
		.title = "人员查询",
		.keys = &person_keys,
		.t = {.cols = person_cols, .ncols = (int)ARRAY_LEN(person_cols), .nrows = ps.n, .cell = person_cell,
		      .arg = &ps, .fixed = 1},
		.top = person_top,
		.act = person_act,
		.arg = &ps,
	};
	ui_table_run(ui, &s);
	person_free_rows(&ps);
	return 0;
}
