/* ui_claim.c — 待认领: imported records waiting in the account's unit and the units below it
 * (R-CL-1), with the days left of the claim deadline; claim one into a grid, send it back with a
 * reason, route it down (township → village) or, from the importer's unrouted list, to a unit by
 * hand. And the import conflicts: the file's value against ours, take one. Every action goes
 * through claim.c (permission, one transaction, audit), as the command line does. Records are
 * read only for the rows drawn, so a long list costs a page at a time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "claim.h"
#include "import_log.h"
#include "perm.h"
#include "ui_claim.h"
#include "ui_screen.h"
#include "unit.h"

bool ui_claim_visible(struct ui *ui)
{
	const struct schema *s = ui->c->schema;
	for (int i = 0; i < s->n; i++)
		if (perm_may(ui->c, ui->u, ACT_CLAIM, s->t[i], NULL))
			return true;
	return false;
}

/* ---- the list ---- */

enum cl_show { SHOW_ALL, SHOW_PENDING, SHOW_OVERDUE, SHOW_UNROUTED, SHOW__COUNT };
static const char *const show_zh[SHOW__COUNT] = {
	[SHOW_ALL] = "全部", [SHOW_PENDING] = "待认领", [SHOW_OVERDUE] = "已超期", [SHOW_UNROUTED] = "未分派和被退回"};

struct clrow {
	const struct rtype *t;
	uint64_t id;
	int state;
	const char *unit; /* in the unit table */
	int64_t since, due;
	uint64_t import_id;
	char *grid, *importer, *note;
	bool loaded; /* name and idnum read (the first time the row is drawn) */
	bool marked; /* + : claimed with the other marked rows in one step */
	char *name, *idnum;
	char imported[11];
};

struct clstate {
	struct ui *ui;
	struct clrow *rows;
	long n, cap;
	enum cl_show show;
	char *unit; /* narrowed to this unit and below; NULL: the account's unit */
	long overdue;
	int64_t now;
	char title[160];
};

static void rows_free(struct clstate *l)
{
	for (long i = 0; i < l->n; i++) {
		struct clrow *r = &l->rows[i];
		free(r->grid);
		free(r->importer);
		free(r->note);
		free(r->name);
		free(r->idnum);
	}
	free(l->rows);
	l->rows = NULL;
	l->n = l->cap = 0;
}

static bool overdue(const struct clstate *l, const struct clrow *r)
{
	return r->state == REC_PENDING && r->due && r->due <= l->now;
}

static int collect_cb(const struct claim *cl, void *arg)
{
	struct clstate *l = arg;
	const struct unit *x = units_find(ctx_units(l->ui->c), cl->unit);
	if (!x)
		return 0;
	bool late = cl->state == REC_PENDING && cl->due && cl->due <= l->now;
	l->overdue += late;
	if ((l->show == SHOW_PENDING && cl->state != REC_PENDING) || (l->show == SHOW_OVERDUE && !late) ||
	    (l->show == SHOW_UNROUTED && cl->state == REC_PENDING))
		return 0;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->rows = xrealloc(l->rows, (size_t)l->cap * sizeof *l->rows);
	}
	l->rows[l->n++] = (struct clrow){.t = cl->t, .id = cl->id, .state = cl->state, .unit = x->code,
					 .since = cl->since, .due = cl->due, .import_id = cl->import_id,
					 .grid = cl->grid ? xstrdup(cl->grid) : NULL,
					 .importer = cl->importer ? xstrdup(cl->importer) : NULL,
					 .note = cl->note ? xstrdup(cl->note) : NULL};
	return 0;
}

/* Pending first, the nearest deadline first; then the rows to route, oldest first. */
static int row_cmp(const void *a, const void *b)
{
	const struct clrow *x = a, *y = b;
	bool px = x->state == REC_PENDING, py = y->state == REC_PENDING;
	if (px != py)
		return px ? -1 : 1;
	int64_t kx = px ? x->due : x->since, ky = py ? y->due : y->since;
	if (kx != ky)
		return kx < ky ? -1 : 1;
	int c = strcmp(x->t->id, y->t->id);
	return c ? c : x->id < y->id ? -1 : x->id > y->id;
}

/* The claims at the units of the subtree (grids hold none: a row for a grid waits at its village). */
static int list_load(struct ui *ui, struct clstate *l)
{
	rows_free(l);
	l->overdue = 0;
	l->now = (int64_t)time(NULL);
	const struct units *us = ctx_units(ui->c);
	const char *root = l->unit ? l->unit : ui->u->unit;
	int rc = 0;
	for (int i = 0; rc == 0 && i < us->n; i++)
		if (us->v[i].level != LV_GRID && units_under(us, us->v[i].code, root))
			rc = claims_list(ui->c, ui->u, us->v[i].code, collect_cb, l);
	if (l->n > 1)
		qsort(l->rows, (size_t)l->n, sizeof *l->rows, row_cmp);
	snprintf(l->title, sizeof l->title, "待认领 > %s%s（%s）", ui_unit_name(ui, root),
		 units_find(us, root) && units_find(us, root)->level < LV_VILLAGE ? "及下级" : "", show_zh[l->show]);
	return rc;
}

/* Read the row's record for its name and (masked) ID number, once. */
static void row_load(struct clstate *l, struct clrow *r)
{
	if (r->loaded)
		return;
	r->loaded = true;
	struct ui *ui = l->ui;
	struct rec *rec = NULL;
	if (service_get(ui->c, ui->u, r->t, r->id, &rec) < 0) {
		r->name = xstrdup("（已删除）");
		return;
	}
	char buf[64];
	r->name = xstrdup(r->t->name_field >= 0 && rec->v[r->t->name_field] ? rec->v[r->t->name_field]
									       : rec_name(rec, buf, sizeof buf));
	int k = r->t->key >= 0 && r->t->f[r->t->key].type == FT_IDNUM ? r->t->key : -1;
	r->idnum = k >= 0 ? service_display(ui->c, ui->u, rec, k, false) : xstrdup("");
	rec_free(&rec);
	struct import_log lg;
	int64_t when = r->since;
	if (r->import_id && ilog_get(ui->c->st, NULL, r->import_id, &lg) == 0) {
		when = lg.started;
		ilog_free(&lg);
	}
	date_format(date_today((time_t)when), r->imported);
}

/* Whole days, rounded up: "剩 3 天", "超期 2 天". */
static void days_left(const struct clstate *l, const struct clrow *r, char *buf, size_t n)
{
	if (r->state != REC_PENDING) {
		snprintf(buf, n, "%s", rec_state_name(r->state));
		return;
	}
	int64_t d = r->due - l->now;
	if (d > 0)
		snprintf(buf, n, "剩 %lld 天", (long long)((d + 86399) / 86400));
	else
		snprintf(buf, n, "超期 %lld 天", (long long)((-d) / 86400 + 1));
}

/* The department that imported the row ("公安"), or the importing unit's name. */
static const char *source_name(struct ui *ui, const struct clrow *r)
{
	const struct unit *x = r->importer ? units_find(ctx_units(ui->c), r->importer) : NULL;
	if (x && x->level == LV_DEPT && !str_empty(x->dept))
		return perm_dept_zh(ui->c, x->dept);
	return x ? x->name : "";
}

static const struct ui_col list_cols[] = {
	{.title = "类型", .width = 8},	   {.title = "姓名", .width = 8},     {.title = "身份证号", .width = 18},
	{.title = "所在单位", .width = 10}, {.title = "来源", .width = 8},     {.title = "导入日期", .width = 10},
	{.title = "认领期限", .width = 10},
};

static const char *list_cell(void *arg, long row, int col, char *buf, size_t n)
{
	struct clstate *l = arg;
	struct clrow *r = &l->rows[row];
	if (col == 1 || col == 2 || col == 5)
		row_load(l, r);
	switch (col) {
	case 0:
		return r->t->title;
	case 1:
		if (!r->marked)
			return r->name;
		snprintf(buf, n, "*%s", r->name);
		return buf;
	case 2:
		return r->idnum;
	case 3:
		return ui_unit_name(l->ui, r->unit);
	case 4:
		return source_name(l->ui, r);
	case 5:
		return r->imported;
	default:
		days_left(l, r, buf, n);
		return buf;
	}
}

static attr_t list_attr(void *arg, long row)
{
	struct clstate *l = arg;
	const struct clrow *r = &l->rows[row];
	if (overdue(l, r))
		return ui_attr(l->ui, UI_A_ERROR);
	return r->state == REC_PENDING ? A_NORMAL : ui_attr(l->ui, UI_A_WARN);
}

/* The line above the table: counts, then what the selected row is waiting for. */
static void list_top(struct ui *ui, struct ui_table_screen *s, char *buf, size_t n)
{
	struct clstate *l = s->arg;
	int off = snprintf(buf, n, l->n ? "超期 %ld｜" : "超期 %ld", l->overdue);
	if (l->n == 0 || off < 0 || (size_t)off >= n)
		return;
	const struct clrow *r = &l->rows[s->t.cur];
	char due[20] = "";
	if (r->due)
		datetime_format((time_t)r->due, due);
	if (r->state == REC_PENDING)
		snprintf(buf + off, n - (size_t)off, "期限 %.16s｜建议网格：%s", due, r->grid ? ui_unit_name(ui, r->grid) : "（无）");
	else if (r->state == REC_RETURNED)
		snprintf(buf + off, n - (size_t)off, "退回原因：%s", r->note ? r->note : "");
	else
		snprintf(buf + off, n - (size_t)off, "地址对不上任何单位，请按 f 指定单位");
}

static const enum ui_act list_acts[] = {UI_UP,	   UI_DOWN, UI_PGUP,  UI_PGDN,	  UI_HOME,  UI_END, UI_LEFT,
					UI_RIGHT,  UI_ENTER, UI_MARK, UI_CLAIM, UI_SENDBACK, UI_ROUTE, UI_STATE,
					UI_UNIT,   UI_RESET, UI_CONFLICT, UI_BACK, UI_NONE};
static const enum ui_act list_hints[] = {UI_ENTER, UI_MARK, UI_CLAIM, UI_SENDBACK, UI_ROUTE, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys list_keys = {
	.screen = "待认领",
	.about = "上级部门（如区公安分局）导入后分派到本单位及下级单位、等待认领的数据，认领期限最近的在前；"
		 "超过认领期限的标红，未分派和被退回的标黄。上方一行是当前这一行的认领期限和建议网格（或退回原因）。"
		 "回车查看这条记录的内容；c 认领到本单位的网格（从单位树中选择，建议网格已选好）；+ 或 Insert 标记"
		 "多行后按 c，一次认领到同一个网格；t 退回导入单位，"
		 "须写明原因（如 查无此人）；f 转给下级单位（乡镇转给村、社区），或把未分派、被退回的数据分派到"
		 "某个单位；s 或 F7 只看待认领、已超期或未分派的；u 或 F6 只看某个下级单位；r 或 F12 清除筛选；"
		 "x 查看导入冲突（导入值与本地修改过的值不同）；Esc 返回。",
	.acts = list_acts,
	.hints = list_hints,
};

static struct clrow *list_row(struct ui *ui, struct ui_table_screen *s, bool pending)
{
	struct clstate *l = s->arg;
	if (l->n == 0)
		return NULL;
	struct clrow *r = &l->rows[s->t.cur];
	if (pending && r->state != REC_PENDING) {
		ui_msg(ui, "这一行是%s的数据，只能按 f 分派", rec_state_name(r->state));
		return NULL;
	}
	row_load(l, r);
	return r;
}

static void claim_row(struct ui *ui, struct clrow *r)
{
	char *grid = r->grid ? xstrdup(r->grid) : NULL;
	if (ui_pick_unit(ui, "认领到网格", r->unit, true, &grid, NULL) == 0) {
		int rc = claims_accept(ui->c, ui->u, r->t, r->id, grid);
		if (rc < 0)
			ui_err(ui, rc);
		else
			ui_msg(ui, "已认领：%s → %s", r->name, ui_unit_name(ui, grid));
	}
	free(grid);
}

/* c with rows marked: all of them to one grid, chosen once. */
static bool claim_marked(struct ui *ui, struct clstate *l)
{
	long n = 0, ok = 0;
	const char *under = NULL;
	for (long i = 0; i < l->n; i++)
		if (l->rows[i].marked) {
			/* The grid is chosen under the unit the marked rows share, else the account's scope. */
			under = !n ? l->rows[i].unit : under && !strcmp(under, l->rows[i].unit) ? under : NULL;
			n++;
		}
	if (!n)
		return false;
	char title[64], *grid = NULL;
	snprintf(title, sizeof title, "把标记的 %ld 条认领到网格", n);
	if (ui_pick_unit(ui, title, under, true, &grid, NULL) < 0)
		return true;
	char first[512] = "";
	for (long i = 0; i < l->n; i++) {
		struct clrow *r = &l->rows[i];
		if (!r->marked)
			continue;
		int rc = claims_accept(ui->c, ui->u, r->t, r->id, grid);
		if (rc == 0)
			ok++;
		else if (!first[0])
			snprintf(first, sizeof first, "%s", errmsg());
	}
	if (ok == n)
		ui_msg(ui, "已认领 %ld 条 → %s", ok, ui_unit_name(ui, grid));
	else {
		ui_msg(ui, "已认领 %ld 条 → %s；%ld 条未认领：%s", ok, ui_unit_name(ui, grid), n - ok, first);
		ui->msg_err = true;
	}
	free(grid);
	return true;
}

/* Send row R back with the reason typed (ui_prompt_act keeps it when refused). */
static int return_row_act(struct ui *ui, const char *reason, void *arg)
{
	const struct clrow *r = arg;
	return claims_return(ui->c, ui->u, r->t, r->id, reason);
}

static void return_row(struct ui *ui, struct clrow *r)
{
	char *reason = NULL;
	char label[128];
	snprintf(label, sizeof label, "退回%s的原因：", r->name);
	if (ui_prompt_act(ui, label, &reason, return_row_act, r) == 0)
		ui_msg(ui, "已退回%s：%s", ui_unit_name(ui, r->importer), r->name);
	free(reason);
}

/* A township, village or grid under UNDER (not UNDER itself when DOWN): where a row can be routed.
 * 0 with *OUT set, -1 on Esc. */
static int pick_route_unit(struct ui *ui, const char *title, const char *under, bool down, char **out)
{
	const struct units *us = ctx_units(ui->c);
	const struct unit *top = units_find(us, under);
	struct ui_pick_item *items = xcalloc((size_t)us->n + 1, sizeof *items);
	int n = 0;
	for (int i = 0; top && i < us->n; i++) {
		const struct unit *x = &us->v[i];
		if (x->level < LV_TOWNSHIP || x->level > LV_GRID || !units_under(us, x->code, under) || (down && x == top))
			continue;
		int depth = 0;
		for (const char *p = x->path + strlen(top->path); *p; p++)
			depth += *p == '/';
		items[n++] = (struct ui_pick_item){.label = x->name, .key = x->code, .indent = depth, .show_key = true};
	}
	int k = n ? ui_pick(ui, title, items, n, 0, NULL, NULL) : -1;
	if (!n)
		ui_msg(ui, "%s之下没有可以分派的单位", top ? top->name : under);
	if (k >= 0)
		*out = xstrdup(items[k].key);
	free(items);
	return k >= 0 ? 0 : -1;
}

static void route_row(struct ui *ui, struct clrow *r)
{
	bool down = r->state == REC_PENDING;
	char *unit = NULL;
	const char *under = down ? r->unit : NULL;
	if (!down) {
		/* The importer routes within the scope of the unit it acts for. */
		const struct unit *x = units_find(ctx_units(ui->c), r->unit);
		under = x && x->level == LV_DEPT && *x->parent ? x->parent : r->unit;
	}
	if (pick_route_unit(ui, down ? "转给下级单位" : "分派到单位", under, down, &unit) == 0) {
		int rc = claims_route(ui->c, ui->u, r->t, r->id, unit);
		if (rc < 0)
			ui_err(ui, rc);
		else
			ui_msg(ui, "已分派：%s → %s，在该单位待认领", r->name, ui_unit_name(ui, unit));
	}
	free(unit);
}

static int list_act(struct ui *ui, struct ui_table_screen *s, enum ui_act a)
{
	struct clstate *l = s->arg;
	struct clrow *r = NULL;
	switch (a) {
	case UI_ENTER:
		if ((r = list_row(ui, s, false)))
			ui_record_open(ui, r->t, r->id, false);
		break;
	case UI_MARK:
		if ((r = list_row(ui, s, true))) {
			r->marked = !r->marked;
			if (s->t.cur + 1 < l->n)
				s->t.cur++;
		}
		return UI_DONE; /* marks live until the next action reloads the list */
	case UI_CLAIM:
		if (!claim_marked(ui, l) && (r = list_row(ui, s, true)))
			claim_row(ui, r);
		break;
	case UI_SENDBACK:
		if ((r = list_row(ui, s, true)))
			return_row(ui, r);
		break;
	case UI_ROUTE:
		if ((r = list_row(ui, s, false)))
			route_row(ui, r);
		break;
	case UI_CONFLICT:
		ui_claim_conflicts_run(ui);
		break;
	case UI_STATE: {
		struct ui_pick_item items[SHOW__COUNT];
		for (int i = 0; i < SHOW__COUNT; i++)
			items[i] = (struct ui_pick_item){.label = show_zh[i], .key = ""};
		int k = ui_pick(ui, "显示", items, SHOW__COUNT, (int)l->show, NULL, NULL);
		if (k < 0)
			return UI_DONE;
		l->show = (enum cl_show)k;
		break;
	}
	case UI_UNIT: {
		char *u = l->unit ? xstrdup(l->unit) : NULL;
		if (ui_pick_unit(ui, "只看某个单位", ui->u->unit, false, &u, NULL) < 0) {
			free(u);
			return UI_DONE;
		}
		free(l->unit);
		l->unit = u;
		break;
	}
	case UI_RESET:
		free(l->unit);
		l->unit = NULL;
		l->show = SHOW_ALL;
		break;
	default:
		return UI_NOTMINE;
	}
	if (ui->leaving)
		return UI_DONE;
	/* Reload after any action: the row may have left the list (claimed, sent back, routed). */
	bool had_msg = ui->msg[0] != '\0';
	int rc = list_load(ui, l);
	if (rc < 0 && !had_msg)
		ui_err(ui, rc);
	ui_table_rows(&s->t, l->n);
	return UI_DONE;
}

static int claim_run_at(struct ui *ui, const char *unit)
{
	struct clstate l = {.ui = ui, .unit = unit ? xstrdup(unit) : NULL};
	int rc = list_load(ui, &l);
	if (rc < 0) {
		ui_err(ui, rc);
		rows_free(&l);
		free(l.unit);
		return 0;
	}
	struct ui_table_screen s = {
		.title = l.title,
		.keys = &list_keys,
		.t = {.cols = list_cols, .ncols = (int)ARRAY_LEN(list_cols), .nrows = l.n, .cell = list_cell,
		      .row_attr = list_attr, .arg = &l, .fixed = 2},
		.top = list_top,
		.act = list_act,
		.arg = &l,
	};
	ui_table_run(ui, &s);
	rows_free(&l);
	free(l.unit);
	return 0;
}

int ui_claim_run(struct ui *ui)
{
	return claim_run_at(ui, NULL);
}

int ui_claim_open_ref(struct ui *ui, const char *ref)
{
	const char *unit = ref && !strncmp(ref, "claims:", 7) ? ref + 7 : NULL;
	const struct units *us = ctx_units(ui->c);
	if (unit && (!strcmp(unit, ui->u->unit) || !units_find(us, unit) || !units_under(us, unit, ui->u->unit)))
		unit = NULL;
	return claim_run_at(ui, unit);
}

/* ---- conflicts ---- */

struct cfrow {
	const struct rtype *t;
	uint64_t id;
	int field;
	char *name, *ours, *theirs;
};

struct cfstate {
	struct ui *ui;
	struct cfrow *rows;
	int n;
};

static void cf_free(struct cfstate *l)
{
	for (int i = 0; i < l->n; i++) {
		free(l->rows[i].name);
		free(l->rows[i].ours);
		free(l->rows[i].theirs);
	}
	free(l->rows);
	l->rows = NULL;
	l->n = 0;
}

/* A value as the form shows it (code labels). */
static char *cf_show(struct ui *ui, const struct rtype *t, int field, const char *v)
{
	return ui_form_show(ui, &t->f[field], v, t->f[field].sensitive);
}

static int cf_cb(const struct claim_conflict *cf, void *arg)
{
	struct cfstate *l = arg;
	struct rec *r = NULL;
	char buf[64];
	const char *name = service_get(l->ui->c, l->ui->u, cf->t, cf->id, &r) == 0 ? rec_name(r, buf, sizeof buf) : "";
	l->rows = xrealloc(l->rows, (size_t)(l->n + 1) * sizeof *l->rows);
	l->rows[l->n++] = (struct cfrow){.t = cf->t, .id = cf->id, .field = cf->field, .name = xstrdup(name),
					 .ours = cf_show(l->ui, cf->t, cf->field, cf->ours),
					 .theirs = cf_show(l->ui, cf->t, cf->field, cf->theirs)};
	rec_free(&r);
	return 0;
}

static int cf_load(struct ui *ui, struct cfstate *l)
{
	cf_free(l);
	return claims_conflicts(ui->c, ui->u, NULL, cf_cb, l);
}

static const struct ui_col cf_cols[] = {
	{.title = "类型", .width = 8},	 {.title = "姓名", .width = 8},	{.title = "项目", .width = 12},
	{.title = "本地值", .width = 22}, {.title = "导入值", .width = 22},
};

static const char *cf_cell(void *arg, long row, int col, char *buf, size_t n)
{
	struct cfstate *l = arg;
	const struct cfrow *r = &l->rows[row];
	(void)buf;
	(void)n;
	switch (col) {
	case 0:
		return r->t->title;
	case 1:
		return r->name;
	case 2:
		return r->t->f[r->field].label;
	case 3:
		return r->ours;
	default:
		return r->theirs;
	}
}

static const enum ui_act cf_acts[] = {UI_UP,   UI_DOWN, UI_PGUP, UI_PGDN, UI_HOME, UI_END, UI_LEFT,
				      UI_RIGHT, UI_ENTER, UI_EDIT, UI_BACK, UI_NONE};
static const enum ui_act cf_hints[] = {UI_ENTER, UI_EDIT, UI_BACK, UI_HELP, UI_NONE};
/* e opens the record of the row: nothing to open in an empty list. */
static const enum ui_act cf_row_acts[] = {UI_EDIT, UI_NONE};
static const struct ui_keys cf_keys = {
	.screen = "导入冲突",
	.about = "再次导入时，文件中的值与本单位修改过的值不同的项目：导入时不覆盖本地的修改，由人决定。回车选择"
		 "“采用导入值”或“保留本地值”（都记入审计日志）；e 或 F4 打开这条记录查看；Esc 返回。",
	.acts = cf_acts,
	.hints = cf_hints,
	.enter_name = "决定",
	.edit_name = "打开",
};

static int cf_act(struct ui *ui, struct ui_table_screen *s, enum ui_act a)
{
	struct cfstate *l = s->arg;
	if ((a != UI_ENTER && a != UI_EDIT) || l->n == 0)
		return UI_NOTMINE;
	const struct cfrow *r = &l->rows[s->t.cur];
	if (a == UI_EDIT) {
		ui_record_open(ui, r->t, r->id, false);
	} else {
		char *take = xasprintf("采用导入值：%s", r->theirs), *keep = xasprintf("保留本地值：%s", r->ours);
		struct ui_pick_item items[2] = {{.label = take, .key = "file"}, {.label = keep, .key = "ours"}};
		int k = ui_pick(ui, r->t->f[r->field].label, items, 2, 0, NULL, NULL);
		free(take);
		free(keep);
		if (k >= 0) {
			int rc = claims_resolve(ui->c, ui->u, r->t, r->id, r->t->f[r->field].id, k == 0);
			if (rc < 0)
				ui_err(ui, rc);
			else
				ui_msg(ui, "已%s：%s %s", k == 0 ? "采用导入值" : "保留本地值", r->name, r->t->f[r->field].label);
		}
	}
	if (cf_load(ui, l) < 0)
		ui_err(ui, ZZ_ERR);
	s->t.nrows = l->n;
	return UI_DONE;
}

int ui_claim_conflicts_run(struct ui *ui)
{
	struct cfstate l = {.ui = ui};
	int rc = cf_load(ui, &l);
	if (rc < 0) {
		ui_err(ui, rc);
		cf_free(&l);
		return 0;
	}
	struct ui_table_screen s = {
		.title = "导入冲突",
		.keys = &cf_keys,
		.t = {.cols = cf_cols, .ncols = (int)ARRAY_LEN(cf_cols), .nrows = l.n, .cell = cf_cell, .arg = &l,
		      .fixed = 2},
		.act = cf_act,
		.arg = &l,
		.row_acts = cf_row_acts,
	};
	ui_table_run(ui, &s);
	cf_free(&l);
	return 0;
}
