/* ui_report.c — 月报表: the month's forms of the account's unit and of the units that send theirs
 * to it, with their state; one form as a grid that scrolls sideways at 80x24 (computed cells shown,
 * typed cells editable, checks with the cursor on the failing cell), save, submit, return, export.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "perm.h"
#include "report.h"
#include "report_export.h"
#include "stats.h"
#include "ui_export.h"
#include "ui_report.h"
#include "ui_screen.h"

/* ---- one form ---- */

/* The row labels' column: as wide as the longest label (村（居）务管理纠纷 is 18), within these. */
#define LABEL_MIN 16
#define LABEL_MAX 24
#define CELL_W 10

struct grid {
	struct rp_form *f;
	int r, c;	/* the cursor */
	int top, first; /* first row and column shown */
	int lw;		/* width of the row labels' column */
	bool dirty;
};

static const enum ui_act grid_acts[] = {UI_UP,	   UI_DOWN,   UI_LEFT,	 UI_RIGHT, UI_PGUP,
					UI_PGDN,   UI_HOME,   UI_END,	 UI_ENTER, UI_SAVE,
					UI_SENDUP, UI_REOPEN, UI_EXPORT, UI_BACK,  UI_NONE};
static const struct ui_keys grid_keys = {
    .screen = "月报表",
    .about = "一张月报表：每行一个类别，第一行“合计”是各行之和。由系统统计的格直接显示，需填报的格"
	     "（下划线）"
	     "按回车输入数字；方向键移动，表格较宽时左右滚动。F2 保存草稿，U "
	     "上报（上报后冻结，不能再改），"
	     "上级单位打开下级已上报的报表时可按 R 退回并写明理由，w 导出到本账号的下载目录。"
	     "不合规的数字（负数、部分大于整体、没有排查纠纷却有涉及人数）不能保存，上报时涉及人数"
	     "还不能少于排查纠纷（每件至少 1 人）；只有一处时光标停在出错的格，多处时列出全部"
	     "（上下键选一处，回车到该格）。较长的列名在表头中分两行显示。",
    .acts = grid_acts,
    .enter_name = "填写",
};

/* The status line's keys for the form as it is now: filling it for its own unit, sending it back
 * for the unit above once submitted, else only the export. HINTS holds 8. */
static void grid_hints(struct ui *ui, const struct grid *g, enum ui_act *hints)
{
	int n = 0;
	if (report_can_fill(ui->c, ui->u, g->f)) {
		/* A roll-up has no typed cell: nothing to fill or save. */
		if (!g->f->rollup) {
			hints[n++] = UI_ENTER;
			hints[n++] = UI_SAVE;
		}
		if (report_may_submit(ui->c, ui->u, g->f, (int64_t)time(NULL)) == 0)
			hints[n++] = UI_SENDUP;
	}
	if (report_can_return(ui->c, ui->u, g->f))
		hints[n++] = UI_REOPEN;
	hints[n++] = UI_EXPORT;
	hints[n++] = UI_BACK;
	hints[n++] = UI_HELP;
	hints[n] = UI_NONE;
}

static int grid_label_width(const struct rp_def *d)
{
	int w = LABEL_MIN;
	for (int r = 0; r < d->nrows; r++) {
		int lw = ui_width(d->rows[r].label) + 1;
		if (lw > w)
			w = lw;
	}
	return w > LABEL_MAX ? LABEL_MAX : w;
}

static int grid_visible_cols(const struct grid *g)
{
	int n = (COLS - g->lw) / (CELL_W + 1);
	return n < 1 ? 1 : n;
}

/* The most lines a column's label takes in the header (a long one wraps, never cut). */
static int grid_label_lines(const struct rp_def *d)
{
	int most = 1;
	for (int k = 0; k < d->ncols; k++) {
		char **w = NULL;
		int n = ui_wrap(d->cols[k].label, CELL_W, &w);
		for (int i = 0; i < n; i++)
			free(w[i]);
		free(w);
		if (n > most)
			most = n;
	}
	return most;
}

/* The line above the grid: the unit's name gives way (cut with "…") before anything else. */
static void grid_top(struct ui *ui, const struct grid *g, int y)
{
	const struct unit *x = units_find(ctx_units(ui->c), g->f->unit);
	char rest[160], day[11], top[512];
	date_format(date_today((time_t)g->f->due), day);
	snprintf(rest, sizeof rest, " %s  %s%s  期限 %s%s", g->f->month, rp_state_zh[g->f->state],
		 g->f->late ? "（逾期）" : "", day, g->dirty ? "  有未保存的修改" : "");
	const struct ui_part parts[] = {{.s = x ? x->name : g->f->unit, .drop = 1, .keep = 4},
					{.s = rest}};
	ui_parts_fit(top, sizeof top, parts, (int)ARRAY_LEN(parts), COLS);
	ui_put(y, 0, COLS, top, ui_attr(ui, g->f->late ? UI_A_WARN : UI_A_NORMAL));
}

/* The header: the groups over their columns, then each label on as many lines as it takes. The
 * corner says which columns are shown when some are scrolled out of sight (the first, 排查纠纷,
 * was hidden when the form opened on its first typed cell, with nothing to tell it was there). */
static int grid_head(struct ui *ui, const struct grid *g, int line, int nc)
{
	const struct rp_def *d = g->f->d;
	int nl = grid_label_lines(d);
	char corner[64] = "", buf[64];
	if (nc < d->ncols)
		snprintf(corner, sizeof corner, "第%d-%d列/共%d列", g->first + 1,
			 g->first + nc < d->ncols ? g->first + nc : d->ncols, d->ncols);
	for (int i = 0; i <= nl; i++)
		ui_put(line + i, 0, g->lw,
		       i == 0	 ? ui_clip(buf, sizeof buf, corner, g->lw - 1)
		       : i == nl ? "项目"
				 : "",
		       ui_attr(ui, UI_A_HEAD));
	for (int k = g->first; k < d->ncols && k < g->first + nc; k++) {
		int cx = g->lw + (k - g->first) * (CELL_W + 1);
		const char *grp = d->cols[k].group;
		bool start = grp && (k == g->first || !d->cols[k - 1].group ||
				     strcmp(d->cols[k - 1].group, grp) != 0);
		ui_put(line, cx, CELL_W + 1, start ? ui_clip(buf, sizeof buf, grp, CELL_W) : "",
		       ui_attr(ui, UI_A_HEAD));
		char **w = NULL;
		int n = ui_wrap(d->cols[k].label, CELL_W, &w);
		for (int i = 0; i < nl; i++)
			ui_put(line + 1 + i, cx, CELL_W + 1, i < n ? w[i] : "",
			       ui_attr(ui, UI_A_HEAD));
		for (int i = 0; i < n; i++)
			free(w[i]);
		free(w);
	}
	return line + 1 + nl;
}

/* A warning above the grid (the reason a form was sent back, the units that have not sent theirs)
 * wrapped over as many lines as it takes; returns the line after it. */
static int grid_note(struct ui *ui, int line, const char *text)
{
	char **w = NULL;
	int n = ui_wrap(text, COLS, &w);
	for (int i = 0; i < n; i++) {
		ui_put(line++, 0, COLS, w[i], ui_attr(ui, UI_A_WARN));
		free(w[i]);
	}
	free(w);
	return line;
}

/* "WHAT（N）：name、name…" of a roll-up's lower units CODES. */
static int grid_units_note(struct ui *ui, int line, const char *what, const struct strv *codes)
{
	struct sb s;
	sb_init(&s);
	sb_addf(&s, "%s（%d）：", what, codes->n);
	for (int i = 0; i < codes->n; i++) {
		const struct unit *m = units_find(ctx_units(ui->c), codes->v[i]);
		sb_addf(&s, "%s%s", i ? "、" : "", m ? m->name : codes->v[i]);
	}
	line = grid_note(ui, line, s.buf);
	sb_free(&s);
	return line;
}

static void grid_draw(struct ui *ui, struct grid *g)
{
	const struct rp_def *d = g->f->d;
	int y = ui_body_top(), h = ui_body_rows();
	int nc = grid_visible_cols(g);
	if (g->c < g->first)
		g->first = g->c;
	if (g->c >= g->first + nc)
		g->first = g->c - nc + 1;
	grid_top(ui, g, y);
	int line = y + 1;
	if (g->f->state == RP_RETURNED && g->f->reason) {
		char *s = xasprintf("退回理由：%s", g->f->reason);
		line = grid_note(ui, line, s);
		free(s);
	}
	if (g->f->missing.n)
		line = grid_units_note(ui, line, g->f->state == RP_SUBMITTED ? "上报时未上报" : "未上报",
				       &g->f->missing);
	if (g->f->sent_after.n)
		line = grid_units_note(ui, line, "其后已上报、未计入汇总", &g->f->sent_after);
	line = grid_head(ui, g, line, nc);
	int rows = y + h - line;
	if (rows < 1)
		rows = 1;
	if (g->r < g->top)
		g->top = g->r;
	if (g->r >= g->top + rows)
		g->top = g->r - rows + 1;
	for (int i = 0; i < rows && g->top + i < d->nrows; i++) {
		int r = g->top + i;
		char lab[128];
		ui_put(line + i, 0, g->lw, ui_clip(lab, sizeof lab, d->rows[r].label, g->lw - 1),
		       ui_attr(ui, r == 0 ? UI_A_HEAD : UI_A_NORMAL));
		for (int k = g->first; k < d->ncols && k < g->first + nc; k++) {
			int cx = g->lw + (k - g->first) * (CELL_W + 1);
			char v[32];
			snprintf(v, sizeof v, "%lld", RP_CELL(g->f, r, k));
			unsigned how = g->f->how[r * d->ncols + k];
			bool typed = (how & RP_TYPED) && g->f->state != RP_SUBMITTED;
			attr_t a = r == g->r && k == g->c ? ui_attr(ui, UI_A_SEL)
				   : typed		  ? ui_attr(ui, UI_A_INPUT)
				   : r == 0		  ? ui_attr(ui, UI_A_HEAD)
							  : ui_attr(ui, UI_A_NORMAL);
			char cellbuf[64];
			ui_put(line + i, cx, CELL_W,
			       ui_pad(cellbuf, sizeof cellbuf, v, CELL_W, true), a);
		}
	}
	ui_cursor(ui, -1, 0);
}

/* A refusal by the form's checks: one problem puts the cursor on its cell with the reason; more
 * are listed all at once (a count, one line each, scrolling), Enter on one takes the cursor to its
 * cell, Esc to the first. Nothing typed is touched. */
static void grid_check(struct ui *ui, struct grid *g, int rc, bool submit)
{
	struct rp_problem *v = NULL;
	int n = rc == ZZ_EINVAL ? report_problems(g->f, submit, &v) : 0;
	if (n == 0) {
		ui_err(ui, rc);
		return;
	}
	int k = 0;
	if (n > 1) {
		struct ui_pick_item *items = xcalloc((size_t)n, sizeof *items);
		for (int i = 0; i < n; i++)
			items[i].label = v[i].msg;
		char *title = xasprintf("%s须改正 %d 处（回车到该格）", submit ? "上报前" : "保存前", n);
		k = ui_pick(ui, title, items, n, 0, NULL, NULL);
		free(title);
		free(items);
		if (k < 0)
			k = 0;
	}
	g->r = v[k].row;
	g->c = v[k].col;
	if (n > 1)
		errmsg_set(rc, "%s：共 %d 处不合规（%s再次列出），光标在第 %d 处", submit ? "未上报" : "未保存",
			   n, submit ? "U" : "F2", k + 1);
	else
		errmsg_set(rc, "%s", v[0].msg);
	ui_err(ui, rc);
	report_problems_free(&v, n);
}

static int grid_submit_check(const struct grid *g)
{
	int row, col;
	return report_check(g->f, true, &row, &col);
}

/* The figure typed into the cursor's cell (ui_prompt_act keeps the text when refused). */
static int grid_cell_take(struct ui *ui, const char *text, void *arg)
{
	(void)ui;
	struct grid *g = arg;
	long long n = 0;
	if (str_to_ll(text, &n) < 0)
		return errmsg_set(ZZ_EINVAL, "请输入整数");
	int rc = report_set_cell(g->f, g->r, g->c, n);
	if (rc == 0)
		g->dirty = true;
	return rc;
}

/* "邻里纠纷·涉及人数（排查纠纷 2）：": the figure the cell is checked against, which 80 columns
 * seldom show beside it (caller frees). */
static char *grid_cell_label(const struct grid *g)
{
	const struct rp_def *d = g->f->d;
	struct sb sb;
	sb_init(&sb);
	sb_addf(&sb, "%s·%s", d->rows[g->r].label, d->cols[g->c].label);
	int shown = -1;
	for (int x = 0; x < RP__NRELS; x++) {
		int o = d->cols[g->c].rel[x];
		if (o < 0 || o == shown)
			continue;
		sb_addf(&sb, "（%s %lld）", d->cols[o].label, RP_CELL(g->f, g->r, o));
		shown = o;
	}
	sb_adds(&sb, "：");
	return sb_steal(&sb);
}

static void grid_enter(struct ui *ui, struct grid *g)
{
	char *buf = NULL;
	char v[32];
	snprintf(v, sizeof v, "%lld", RP_CELL(g->f, g->r, g->c));
	buf = xstrdup(v);
	char *label = grid_cell_label(g);
	/* Refused before asking when the cell is not typed, so that nothing typed is lost. */
	int rc = report_set_cell(g->f, g->r, g->c, RP_CELL(g->f, g->r, g->c));
	if (rc == 0)
		rc = report_may_fill(ui->c, ui->u, g->f);
	if (rc < 0) {
		ui_err(ui, rc);
	} else {
		/* The figure shown is offered whole: typing 3 over 5 gives 3, not 53. */
		ui_prompt_offer_act(ui, label, &buf, grid_cell_take, g);
	}
	free(label);
	free(buf);
}

static void grid_export(struct ui *ui, struct grid *g)
{
	const char *fmt = ui_export_format(ui);
	char *path = NULL;
	if (fmt)
		ui_export_done(ui, report_export(ui->c, ui->u, g->f, fmt, &path), &path);
}

/* Reload the form after a change of state (the figures may come from elsewhere now). */
static int grid_reload(struct ui *ui, struct grid *g)
{
	struct rp_form *n = NULL;
	int rc = report_open(ui->c, ui->u, g->f->d, g->f->unit, g->f->month, &n);
	if (rc == 0) {
		report_form_free(&g->f);
		g->f = n;
		g->dirty = false;
	}
	return rc;
}

/* Send the form back with the reason typed (ui_prompt_act keeps it when refused). */
static int grid_return(struct ui *ui, const char *reason, void *arg)
{
	struct grid *g = arg;
	return report_return(ui->c, ui->u, g->f, reason);
}

static int grid_act(struct ui *ui, struct grid *g, enum ui_act a)
{
	const struct rp_def *d = g->f->d;
	int rc = 0;
	switch (a) {
	case UI_UP:
		g->r = g->r > 0 ? g->r - 1 : 0;
		break;
	case UI_DOWN:
		g->r = g->r + 1 < d->nrows ? g->r + 1 : g->r;
		break;
	case UI_LEFT:
		g->c = g->c > 0 ? g->c - 1 : 0;
		break;
	case UI_RIGHT:
		g->c = g->c + 1 < d->ncols ? g->c + 1 : g->c;
		break;
	case UI_PGUP:
		g->r = g->r > 10 ? g->r - 10 : 0;
		break;
	case UI_PGDN:
		g->r = g->r + 10 < d->nrows ? g->r + 10 : d->nrows - 1;
		break;
	case UI_HOME:
		g->r = 0;
		g->c = 0;
		break;
	case UI_END:
		g->r = d->nrows - 1;
		break;
	case UI_ENTER:
		grid_enter(ui, g);
		break;
	case UI_SAVE:
		rc = report_save(ui->c, ui->u, g->f);
		if (rc < 0)
			grid_check(ui, g, rc, false);
		else {
			g->dirty = false;
			ui_msg(ui, "已保存草稿");
		}
		break;
	case UI_SENDUP:
		if ((rc = report_may_submit(ui->c, ui->u, g->f, (int64_t)time(NULL))) < 0) {
			ui_err(ui, rc);
			break;
		}
		/* The form's own checks before the question: a refusal after "yes" costs a round. */
		if ((rc = grid_submit_check(g)) < 0) {
			grid_check(ui, g, rc, true);
			break;
		}
		/* A roll-up sent up with units missing freezes without them: said. */
		if (g->f->rollup && g->f->missing.n > 0
			? !ui_confirm(ui,
				      "尚有 %d 个下级单位未上报，之后上报的不再计入汇总。仍上报？",
				      g->f->missing.n)
			: !ui_confirm(ui, "上报后报表冻结，不能再修改。上报%s？", d->title))
			break;
		rc = report_submit(ui->c, ui->u, g->f, (int64_t)time(NULL));
		if (rc < 0) {
			grid_check(ui, g, rc, true);
		} else {
			bool late = g->f->late;
			grid_reload(ui, g);
			ui_msg(ui, "已上报%s", late ? "（逾期）" : "");
		}
		break;
	case UI_REOPEN: {
		char *reason = NULL;
		rc = report_may_return(ui->c, ui->u, g->f);
		if (rc < 0) {
			ui_err(ui, rc);
		} else if (ui_prompt_act(ui, "退回理由：", &reason, grid_return, g) == 0) {
			grid_reload(ui, g);
			ui_msg(ui, "已退回");
		}
		free(reason);
		break;
	}
	case UI_EXPORT:
		grid_export(ui, g);
		break;
	case UI_BACK:
		if (g->dirty && !ui_confirm(ui, "有未保存的修改，放弃并返回？"))
			break;
		return UI_CLOSE;
	default:
		return UI_NOTMINE;
	}
	return UI_DONE;
}

int ui_report_open(struct ui *ui, const struct rp_def *d, const char *unit, const char *month)
{
	struct grid g = {0};
	int rc = report_open(ui->c, ui->u, d, unit, month, &g.f);
	if (rc < 0)
		return ui_err(ui, rc);
	g.lw = grid_label_width(d);
	/* The cursor starts on the first typed cell, if there is one. */
	for (int i = 0; i < d->nrows * d->ncols && !g.r && !g.c; i++)
		if (g.f->how[i] & RP_TYPED) {
			g.r = i / d->ncols;
			g.c = i % d->ncols;
		}
	for (;;) {
		erase();
		if (!ui_too_small())
			grid_draw(ui, &g);
		char title[160];
		snprintf(title, sizeof title, "月报表 › %s", d->title);
		enum ui_act hints[8];
		struct ui_keys keys = grid_keys;
		grid_hints(ui, &g, hints);
		keys.hints = hints;
		ui_frame(ui, title, "", &keys);
		int key = ui_getkey(ui);
		if (key == UI_KEY_LEAVE)
			break;
		if (key == UI_KEY_RESIZE)
			continue;
		enum ui_act a = ui_key_action(key, false);
		int r = grid_act(ui, &g, a);
		if (r == UI_CLOSE)
			break;
		if (r == UI_NOTMINE) {
			if (a == UI_HELP)
				ui_help(ui, &grid_keys);
			else if (a == UI_REDRAW)
				clearok(curscr, TRUE);
			else if (a == UI_QUIT)
				ui_quit(ui);
			if (ui->leaving)
				break;
		}
	}
	report_form_free(&g.f);
	return 0;
}

/* ---- the month's list ---- */

struct lrow {
	const struct rp_def *d;
	char *unit;
	char *cells[5];
};

struct lstate {
	struct ui *ui;
	struct rp_defs *defs;
	char month[8];
	struct lrow *v;
	long n;
};

static const struct ui_col list_cols[] = {
    {.title = "报表", .width = 22}, {.title = "单位", .width = 14}, {.title = "月份", .width = 7},
    {.title = "状态", .width = 14}, {.title = "期限", .width = 10},
};

static void list_clear(struct lstate *s)
{
	for (long i = 0; i < s->n; i++) {
		free(s->v[i].unit);
		for (int k = 0; k < 5; k++)
			free(s->v[i].cells[k]);
	}
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

static int list_cb(const struct rp_entry *e, void *arg)
{
	struct lstate *s = arg;
	s->v = xrealloc(s->v, (size_t)(s->n + 1) * sizeof *s->v);
	struct lrow *r = &s->v[s->n++];
	const struct unit *x = units_find(ctx_units(s->ui->c), e->unit);
	char day[11];
	date_format(date_today((time_t)e->due), day);
	r->d = e->d;
	r->unit = xstrdup(e->unit);
	r->cells[0] = xstrdup(e->d->title);
	r->cells[1] = xstrdup(x ? x->name : e->unit);
	r->cells[2] = xstrdup(e->month);
	r->cells[3] = xasprintf("%s%s", rp_state_zh[e->state], e->late ? "·逾期" : "");
	r->cells[4] = xstrdup(day);
	return 0;
}

static int list_load(struct lstate *s)
{
	list_clear(s);
	return report_list(s->ui->c, s->ui->u, s->defs, s->month, list_cb, s);
}

static const char *list_cell(void *arg, long row, int col, char *buf, size_t n)
{
	(void)buf;
	(void)n;
	return ((struct lstate *)arg)->v[row].cells[col];
}

static attr_t list_attr(void *arg, long row)
{
	struct lstate *s = arg;
	return strstr(s->v[row].cells[3], "逾期") || strstr(s->v[row].cells[3], "退回")
		   ? ui_attr(s->ui, UI_A_WARN)
		   : 0;
}

static const enum ui_act list_acts[] = {UI_UP,	UI_DOWN,  UI_PGUP,   UI_PGDN, UI_HOME,
					UI_END, UI_ENTER, UI_SEARCH, UI_BACK, UI_NONE};
static const enum ui_act list_hints[] = {UI_ENTER, UI_SEARCH, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys list_keys = {
    .screen = "月报表",
    .about = "本单位本月应报的报表，以及下级单位报给本单位的报表，各自的状态（未填报、草稿、已上报"
	     "、被退回）"
	     "和是否逾期。报表填报的是上个月的情况；按 / 换一个月份（YYYY-MM）。回车打开报表。",
    .acts = list_acts,
    .hints = list_hints,
    .search_name = "月份",
    .search_help = "换月份：输入 YYYY-MM",
};

static void list_top(struct ui *ui, struct ui_table_screen *t, char *buf, size_t n)
{
	(void)ui;
	struct lstate *s = t->arg;
	snprintf(buf, n, "%s 月的报表，共 %ld 张", s->month, s->n);
}

static int list_act(struct ui *ui, struct ui_table_screen *t, enum ui_act a)
{
	struct lstate *s = t->arg;
	if (a == UI_ENTER && s->n > 0) {
		struct lrow *r = &s->v[t->t.cur];
		char *unit = xstrdup(r->unit);
		ui_report_open(ui, r->d, unit, s->month);
		free(unit);
	} else if (a == UI_SEARCH) {
		ui_prompt_month(ui, s->month);
	} else {
		return UI_NOTMINE;
	}
	int rc = list_load(s);
	if (rc < 0)
		ui_err(ui, rc);
	ui_table_rows(&t->t, s->n);
	return UI_DONE;
}

static int list_run(struct ui *ui, const char *month)
{
	struct lstate s = {.ui = ui};
	int rc = report_defs_load(ui->c, &s.defs);
	if (rc < 0)
		return ui_err(ui, rc);
	if (month) {
		snprintf(s.month, sizeof s.month, "%s", month);
	} else {
		char cur[8];
		stats_month((int64_t)time(NULL), cur);
		stats_month_add(cur, 1, s.month);
	}
	rc = list_load(&s);
	if (rc < 0)
		ui_err(ui, rc);
	struct ui_table_screen t = {
	    .title = "月报表",
	    .keys = &list_keys,
	    .t = {.cols = list_cols,
		  .ncols = (int)ARRAY_LEN(list_cols),
		  .nrows = s.n,
		  .cell = list_cell,
		  .row_attr = list_attr,
		  .arg = &s,
		  .fixed = 1},
	    .top = list_top,
	    .act = list_act,
	    .arg = &s,
	};
	ui_table_run(ui, &t);
	list_clear(&s);
	report_defs_free(&s.defs);
	return 0;
}

bool ui_report_visible(struct ui *ui)
{
	struct rp_defs *defs = NULL;
	bool any = false;
	if (report_defs_load(ui->c, &defs) < 0)
		return true; /* the screen says what is wrong with the forms */
	/* Not for a village or a grid: their list was always empty. */
	any = report_any(ui->c, ui->u, defs);
	report_defs_free(&defs);
	return any;
}

int ui_report_run(struct ui *ui) { return list_run(ui, NULL); }

int ui_report_open_ref(struct ui *ui, const char *ref)
{
	/* "FORM:YYYY-MM:UNIT" of the to-do items. */
	char *s = xstrdup(ref), *part[3] = {0};
	int rc = 0;
	if (str_split(s, ':', part, 3) == 3) {
		struct rp_defs *defs = NULL;
		rc = report_defs_load(ui->c, &defs);
		const struct rp_def *d = rc == 0 ? report_def(defs, part[0]) : NULL;
		if (d)
			ui_report_open(ui, d, part[2], part[1]);
		else if (rc < 0)
			ui_err(ui, rc);
		report_defs_free(&defs);
	}
	free(s);
	return 0;
}
