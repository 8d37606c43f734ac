/* ui_chart.c — 统计分析 (4.1.4, 6.4.3.8, 7.5): a subject's figures in the account's scope by child
 * unit (regional distribution), by category or by month (trend), each with its bar, 同比 and 环比,
 * drawn in text (block characters, or '#' on ASCII terminals) so that it reads at 80x24 over a
 * slow link: one table, the numbers beside the bars, nothing that moves. Enter drills down: a unit
 * to the units below it and, at the lowest level, to its records or events; a month to that
 * month's units. Figures come from analysis.h (stats.db), permissions from perm_check there. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analysis.h"
#include "chart.h"
#include "perm.h"
#include "stats.h"
#include "ui_chart.h"
#include "ui_event.h"
#include "ui_export.h"
#include "ui_screen.h"

#define BAR_W 36

struct cstate {
	struct ui *ui;
	const struct an_subject *s;
	char *unit;
	char month[8];
	enum an_view view;
	int months;
	struct an_table t;
	long long max;
	struct ui_col cols[5];
};

static int chart_load(struct ui *ui, struct cstate *st)
{
	an_table_free(&st->t);
	int rc = analysis_table(ui->c, ui->u, st->s, st->view, st->unit, st->month, st->months,
				(int64_t)time(NULL), &st->t);
	st->max = 0;
	for (int i = 0; i < st->t.n; i++)
		if (st->t.v[i].n > st->max)
			st->max = st->t.v[i].n;
	st->cols[0] = (struct ui_col){.title = st->view == AN_BY_UNIT	 ? "单位"
					       : st->view == AN_BY_MONTH ? "月份"
									 : "类别",
				      .width = 16};
	return rc;
}

static const char *chart_cell(void *arg, long row, int col, char *buf, size_t n)
{
	struct cstate *st = arg;
	const struct an_row *r = &st->t.v[row];
	switch (col) {
	case 0:
		return r->label;
	case 1:
		snprintf(buf, n, "%lld", r->n);
		return buf;
	case 2:
		return chart_pct(buf, n, r->n, r->yoy);
	case 3:
		return chart_pct(buf, n, r->n, r->mom);
	default:
		return chart_bar(buf, n, r->n, st->max, BAR_W, st->ui->ascii);
	}
}

/* The line above the table: the figure of the month and what it is compared with, whole months
 * only (analysis.h), naming the months in the views where every row has the same; the unit's name
 * gives way first. */
static void chart_top(struct ui *ui, struct ui_table_screen *s, char *buf, size_t n)
{
	struct cstate *st = s->arg;
	const struct unit *x = units_find(ctx_units(ui->c), st->unit);
	char a[32], b[32], cmp[128], rest[256], sp[AN_MAXMONTHS * 4 + 1] = "";
	if (st->view == AN_BY_MONTH) {
		long long v[AN_MAXMONTHS];
		for (int i = 0; i < st->t.n && i < AN_MAXMONTHS; i++)
			v[i] = st->t.v[i].n;
		chart_spark(sp, sizeof sp, v, st->t.n < AN_MAXMONTHS ? st->t.n : AN_MAXMONTHS,
			    ui->ascii);
	}
	chart_pct(a, sizeof a, st->t.total, st->t.total_yoy);
	chart_pct(b, sizeof b, st->t.total, st->t.total_mom);
	if (st->t.open) {
		snprintf(cmp, sizeof cmp, "月份未结束，不比较");
	} else if (st->view == AN_BY_MONTH) {
		snprintf(cmp, sizeof cmp, "同比%s 环比%s", a, b);
	} else {
		char yoy[8], mom[8];
		stats_month_add(st->month, 12, yoy);
		stats_month_add(st->month, 1, mom);
		snprintf(cmp, sizeof cmp, "同比(%s)%s 环比(%s)%s", yoy, a, mom, b);
	}
	snprintf(rest, sizeof rest, " %s %s｜%s %lld %s%s%s", st->month,
		 st->view == AN_BY_MONTH ? (st->months == 12 ? "近12月" : "近24月")
					 : an_view_zh[st->view],
		 st->view == AN_BY_MONTH ? "本月" : st->s->total_zh, st->t.total, cmp, *sp ? " " : "", sp);
	const struct ui_part parts[] = {{.s = x ? x->name : st->unit, .drop = 1, .keep = 4},
					{.s = rest}};
	ui_parts_fit(buf, n, parts, (int)ARRAY_LEN(parts), s->top_w);
}

static const enum ui_act chart_acts[] = {UI_UP,	    UI_DOWN,  UI_PGUP,	 UI_PGDN, UI_HOME,
					 UI_END,    UI_ENTER, UI_VIEW,	 UI_SPAN, UI_UNIT,
					 UI_SEARCH, UI_EXPORT, UI_BACK, UI_NONE};
static const enum ui_act chart_hints[] = {UI_ENTER,  UI_VIEW, UI_SPAN, UI_UNIT,
					  UI_SEARCH, UI_BACK, UI_HELP, UI_NONE};
/* For an account that may export (a grid member may not): w on the status line too. */
static const enum ui_act chart_hints_export[] = {UI_ENTER,  UI_VIEW,   UI_SPAN, UI_UNIT, UI_SEARCH,
						 UI_EXPORT, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys chart_keys = {
    .screen = "统计分析",
    .about =
	"本账号管辖范围内的统计（4.1.4、7."
	"5）：按单位（区域分布，每个下级单位的数量和条形）、按类别、"
	"按月份（近 12 或 24 "
	"个月的趋势，上方一行为走势小图）。数量为当月登记的事件或当月新增的记录；"
	"同比为与去年同月相比，环比为与上月相比，只比较整月："
	"默认显示上一个完整的月份，上方一行写明与哪两个月相比；"
	"尚未结束的月份（本月至今）不作比较，无可比数时也显示“-”。"
	"V 切换视图，n 切换 12/24 个月，"
	"u 换单位，/ "
	"输入月份（YYYY-MM），w 把这张表导出为 Excel 或 CSV（本账号的下载目录）。回车下钻：单位进入其下级单位，最低一级或“本级”一行进入记录"
	"或事件列表；类别进入该单位的记录列表；月份进入该月的按单位统计。Esc 返回。",
    .acts = chart_acts,
    .hints = chart_hints,
    .enter_name = "下钻",
    .search_name = "月份",
    .search_help = "换月份：输入 YYYY-MM",
};

static void chart_screen(struct ui *ui, const struct an_subject *s, const char *unit,
			 const char *month, enum an_view view);

static bool unit_has_children(struct ui *ui, const char *code)
{
	const struct units *us = ctx_units(ui->c);
	for (int i = 0; i < us->n; i++)
		if (strcmp(us->v[i].parent, code) == 0 && us->v[i].level != LV_DEPT)
			return true;
	return false;
}

/* The records (or events) of type ID at UNIT. */
static void open_list(struct ui *ui, const char *id, const char *unit)
{
	const struct rtype *t = schema_type(ui->c->schema, id);
	if (!t)
		return;
	if (strcmp(id, "dispute_event") == 0)
		ui_event_list_at(ui, unit);
	else
		ui_list_run_at(ui, t, unit);
}

/* The records of S at UNIT: one type opens at once; several are picked from. */
static void open_records(struct ui *ui, const struct an_subject *s, const char *unit)
{
	struct ui_pick_item items[AN_MAXTYPES];
	const char *ids[AN_MAXTYPES];
	int n = 0;
	for (int i = 0; i < AN_MAXTYPES && s->types[i]; i++) {
		const struct rtype *t = schema_type(ui->c->schema, s->types[i]);
		if (t && perm_may(ui->c, ui->u, ACT_VIEW, t, unit)) {
			ids[n] = t->id;
			items[n++] = (struct ui_pick_item){.label = t->title, .key = t->id};
		}
	}
	int k = n == 1 ? 0 : n ? ui_pick(ui, "选择记录类型", items, n, 0, NULL, NULL) : -1;
	if (k >= 0)
		open_list(ui, ids[k], unit);
}

static int chart_act(struct ui *ui, struct ui_table_screen *s, enum ui_act a)
{
	struct cstate *st = s->arg;
	switch (a) {
	case UI_ENTER: {
		if (st->t.n == 0)
			return UI_DONE;
		const struct an_row *r = &st->t.v[s->t.cur];
		if (st->view == AN_BY_MONTH)
			chart_screen(ui, st->s, st->unit, r->key, AN_BY_UNIT);
		else if (st->view == AN_BY_CATEGORY && st->s->dim && !strcmp(st->s->types[0], "dispute_event"))
			ui_event_list_where(ui, st->unit, r->key, r->label, st->month);
		else if (st->view == AN_BY_CATEGORY)
			st->s->dim ? open_list(ui, st->s->types[0], st->unit)
				   : open_list(ui, r->key, st->unit);
		else if (strcmp(r->key, st->unit) != 0 && unit_has_children(ui, r->key))
			chart_screen(ui, st->s, r->key, st->month, AN_BY_UNIT);
		else
			open_records(ui, st->s, r->key);
		break;
	}
	case UI_EXPORT: {
		/* Refused (and audited) at once for an account that may not export, before a format
		 * is asked for. */
		bool may = perm_may(ui->c, ui->u, ACT_EXPORT, schema_type(ui->c->schema, st->s->types[0]), st->unit);
		const char *fmt = may ? ui_export_format(ui) : "xlsx";
		char *path = NULL;
		if (fmt)
			ui_export_done(ui,
				       analysis_export(ui->c, ui->u, st->s, st->view, st->unit,
						       st->month, &st->t, fmt, &path),
				       &path);
		return UI_DONE;
	}
	case UI_VIEW:
		st->view = (st->view + 1) % AN__NVIEWS;
		break;
	case UI_SPAN:
		if (st->view != AN_BY_MONTH) {
			ui_msg(ui, "切换月数用于按月份的趋势；先按 V 切换到按月份");
			return UI_DONE;
		}
		st->months = st->months == 12 ? 24 : 12;
		break;
	case UI_UNIT: {
		char *u = xstrdup(st->unit);
		if (ui_pick_unit(ui, "选择单位", NULL, false, &u, NULL) < 0) {
			free(u);
			return UI_DONE;
		}
		if (!analysis_may(ui->c, ui->u, st->s, u)) {
			ui_msg(ui, "无权查看该单位的%s统计", st->s->title);
			ui->msg_err = true;
			free(u);
			return UI_DONE;
		}
		free(st->unit);
		st->unit = u;
		break;
	}
	case UI_SEARCH: {
		ui_prompt_month(ui, st->month);
		break;
	}
	default:
		return UI_NOTMINE;
	}
	if (chart_load(ui, st) < 0)
		ui_err(ui, ZZ_ERR);
	s->t.nrows = st->t.n;
	s->t.cur = s->t.top = 0;
	return UI_DONE;
}

static void chart_screen(struct ui *ui, const struct an_subject *s, const char *unit,
			 const char *month, enum an_view view)
{
	struct cstate st = {.ui = ui, .s = s, .unit = xstrdup(unit), .view = view, .months = 12};
	memcpy(st.month, month, 8);
	st.cols[1] = (struct ui_col){.title = "数量", .width = 6, .right = true};
	st.cols[2] = (struct ui_col){.title = "同比", .width = 7, .right = true};
	st.cols[3] = (struct ui_col){.title = "环比", .width = 7, .right = true};
	st.cols[4] = (struct ui_col){.title = "分布", .width = BAR_W};
	if (chart_load(ui, &st) < 0)
		ui_err(ui, ZZ_ERR);
	char title[96];
	snprintf(title, sizeof title, "统计分析 > %s", s->title);
	struct ui_keys keys = chart_keys;
	if (perm_may(ui->c, ui->u, ACT_EXPORT, schema_type(ui->c->schema, s->types[0]), unit))
		keys.hints = chart_hints_export;
	struct ui_table_screen t = {
	    .title = title,
	    .keys = &keys,
	    .t = {.cols = st.cols,
		  .ncols = 5,
		  .nrows = st.t.n,
		  .cell = chart_cell,
		  .arg = &st,
		  .fixed = 1},
	    .top = chart_top,
	    .act = chart_act,
	    .arg = &st,
	};
	ui_table_run(ui, &t);
	an_table_free(&st.t);
	free(st.unit);
}

bool ui_chart_visible(struct ui *ui)
{
	const char *scope = perm_scope(ui->c, ui->u);
	for (int i = 0; i < an_subjects_len; i++)
		if (analysis_may(ui->c, ui->u, &an_subjects[i], scope))
			return true;
	return false;
}

int ui_chart_run(struct ui *ui)
{
	const char *scope = perm_scope(ui->c, ui->u);
	struct ui_pick_item items[16];
	const struct an_subject *subj[16];
	int n = 0;
	for (int i = 0; i < an_subjects_len && n < 16; i++)
		if (analysis_may(ui->c, ui->u, &an_subjects[i], scope)) {
			subj[n] = &an_subjects[i];
			items[n++] = (struct ui_pick_item){.label = an_subjects[i].title,
							   .key = an_subjects[i].id};
		}
	char month[8];
	analysis_default_month((int64_t)time(NULL), month);
	for (int k = 0; n > 0;) {
		k = ui_pick(ui, "统计分析：选择统计对象", items, n, k, NULL, NULL);
		if (k < 0 || ui->leaving)
			break;
		chart_screen(ui, subj[k], scope, month, AN_BY_UNIT);
		if (ui->leaving)
			break;
	}
	return 0;
}
