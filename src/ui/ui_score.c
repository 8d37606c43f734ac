/* ui_score.c — the score table of the year (R-EV-6) with each unit's deductions linking to their
 * events, and the daily reports of the account's center (R-EV-7). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daily.h"
#include "event.h"
#include "perm.h"
#include "score.h"
#include "score_freeze.h"
#include "score_table.h"
#include "ui_export.h"
#include "ui_event.h"
#include "ui_score.h"
#include "ui_screen.h"

/* ---- deductions of one unit ---- */

struct deduct {
	uint64_t event;
	char *cells[5];
};

struct dstate {
	struct ui *ui;
	struct deduct *v;
	long n;
	int64_t frozen; /* the year's table was frozen then: later cards are not part of it */
};

static int deduct_cb(const struct score_row *r, void *arg)
{
	struct dstate *d = arg;
	if (d->frozen && r->given > d->frozen)
		return 0;
	d->v = xrealloc(d->v, (size_t)(d->n + 1) * sizeof *d->v);
	struct deduct *x = &d->v[d->n++];
	char due[20], buf[32];
	datetime_format((time_t)r->due, due);
	struct rec *rec = NULL;
	/* The event's name as its screen shows it: to those who may see the event (event_get). */
	x->event = r->event;
	x->cells[0] = xasprintf("%llu", (unsigned long long)r->event);
	x->cells[1] = xasprintf("%s%s", stage_zh[r->stage], card_zh[r->card]);
	x->cells[2] = xasprintf("%d", r->points);
	x->cells[3] = xstrndup(due, 16);
	x->cells[4] = xstrdup(event_get(d->ui->c, d->ui->u, r->event, NULL, &rec) == 0 ? rec_name(rec, buf, sizeof buf) : "");
	rec_free(&rec);
	return 0;
}

static const struct ui_col deduct_cols[] = {
	{.title = "事件号", .width = 6, .right = true}, {.title = "督办牌", .width = 8}, {.title = "扣分", .width = 4, .right = true},
	{.title = "时限", .width = 16},			  {.title = "事件名称", .width = 40},
};

static const char *deduct_cell(void *arg, long row, int col, char *buf, size_t n)
{
	(void)buf;
	(void)n;
	return ((struct dstate *)arg)->v[row].cells[col];
}

static const enum ui_act deduct_acts[] = {UI_UP, UI_DOWN, UI_PGUP, UI_PGDN, UI_HOME, UI_END, UI_ENTER, UI_BACK, UI_NONE};
static const enum ui_act deduct_hints[] = {UI_ENTER, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys deduct_keys = {
	.screen = "扣分明细",
	.about = "一个单位当年的每一次扣分：事件号、受理或办理环节的黄牌红牌、扣分和错过的时限。同一环节的红牌"
		 "取代黄牌。回车打开对应的事件，Esc 返回得分表。",
	.acts = deduct_acts,
	.hints = deduct_hints,
};

static int deduct_act(struct ui *ui, struct ui_table_screen *s, enum ui_act a)
{
	struct dstate *d = s->arg;
	if (a != UI_ENTER || d->n == 0)
		return UI_NOTMINE;
	ui_event_open(ui, d->v[s->t.cur].event);
	return UI_DONE;
}

static void deductions_run(struct ui *ui, const char *unit, int year)
{
	struct dstate d = {.ui = ui};
	struct score_sum fs;
	if (score_frozen(ui->c, year, unit, &fs, &d.frozen) < 0)
		d.frozen = 0;
	int rc = score_scan(ui->c->st, NULL, year, unit, deduct_cb, &d);
	if (rc < 0) {
		ui_err(ui, rc);
	} else {
		const struct unit *x = units_find(ctx_units(ui->c), unit);
		char title[128];
		snprintf(title, sizeof title, "%s %d 年扣分明细", x ? x->name : unit, year);
		struct ui_table_screen s = {
			.title = title,
			.keys = &deduct_keys,
			.t = {.cols = deduct_cols, .ncols = (int)ARRAY_LEN(deduct_cols), .nrows = d.n, .cell = deduct_cell,
			      .arg = &d, .fixed = 1},
			.act = deduct_act,
			.arg = &d,
		};
		ui_table_run(ui, &s);
	}
	for (long i = 0; i < d.n; i++)
		for (int c = 0; c < 5; c++)
			free(d.v[i].cells[c]);
	free(d.v);
}

/* ---- the score table ---- */

struct sstate {
	struct ui *ui;
	struct score_table t;
	int year;
	bool by_score; /* sorted by score (most deducted first), else by unit code */
};

static int score_load(struct ui *ui, struct sstate *s)
{
	score_table_free(&s->t);
	int rc = score_table_make(ui->c, ui->u, NULL, s->year, &s->t);
	if (rc == 0)
		score_table_sort(&s->t, s->by_score);
	return rc;
}

static const struct ui_col score_cols[] = {
	{.title = "单位", .width = 28}, {.title = "得分", .width = 4, .right = true}, {.title = "扣分", .width = 4, .right = true},
	{.title = "黄牌", .width = 4, .right = true}, {.title = "红牌", .width = 4, .right = true},
};

static const char *score_cell(void *arg, long row, int col, char *buf, size_t n)
{
	const struct score_line *l = &((struct sstate *)arg)->t.v[row];
	if (col == 0)
		return l->name;
	const int v[] = {l->score, l->points, l->yellow, l->red};
	snprintf(buf, n, "%d", v[col - 1]);
	return buf;
}

static attr_t score_attr(void *arg, long row)
{
	struct sstate *s = arg;
	return s->t.v[row].red ? ui_attr(s->ui, UI_A_ERROR) : s->t.v[row].yellow ? ui_attr(s->ui, UI_A_WARN) : A_NORMAL;
}

static void score_top(struct ui *ui, struct ui_table_screen *t, char *buf, size_t n)
{
	struct sstate *s = t->arg;
	(void)ui;
	snprintf(buf, n, "%d 年度考核%s｜%d 分起，最低 0 分｜按%s（o 排序，/ 换年份）", s->year, s->t.frozen ? "（已定稿）" : "",
		 s->t.start, s->by_score ? "得分" : "单位");
}

static const enum ui_act score_acts[] = {UI_UP,	 UI_DOWN,  UI_PGUP, UI_PGDN, UI_HOME, UI_END,
					 UI_ENTER, UI_SEARCH, UI_SORT, UI_EXPORT, UI_BACK, UI_NONE};
static const enum ui_act score_hints[] = {UI_ENTER, UI_SORT, UI_SEARCH, UI_EXPORT, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys score_keys = {
	.screen = "考核得分",
	.about = "本账号范围内各综治中心和成员单位当年的考核得分（6.4.3.9）：事件超时未受理或未办理时系统自动"
		 "黄牌、红牌督办并扣分。回车查看一个单位的扣分明细及对应事件；o 在按单位和按得分（扣分最多的在前）"
		 "之间切换排序；/ 或 F3 输入年份；w 把得分表导出为 Excel 或 CSV（本账号的下载目录）；Esc 返回。县综治办定稿后，该年的得分表标为“已定稿”，不再变化。",
	.acts = score_acts,
	.hints = score_hints,
	.enter_name = "明细",
	.search_name = "年份",
	.search_help = "换年份：输入 YYYY",
};

/* A year from 1990 to 2200 into ARG (int); refused otherwise, the prompt keeping it. */
static int year_take(struct ui *ui, const char *text, void *arg)
{
	(void)ui;
	long long v = 0;
	if (str_to_ll(text, &v) < 0 || v < 1990 || v > 2200)
		return errmsg_set(ZZ_EINVAL, "年份应为四位数字");
	*(int *)arg = (int)v;
	return 0;
}

static int score_act(struct ui *ui, struct ui_table_screen *t, enum ui_act a)
{
	struct sstate *s = t->arg;
	if (a == UI_ENTER && s->t.n) {
		deductions_run(ui, s->t.v[t->t.cur].code, s->year);
		return UI_DONE;
	}
	if (a == UI_SORT) {
		s->by_score = !s->by_score;
		score_table_sort(&s->t, s->by_score);
		t->t.cur = t->t.top = 0;
		return UI_DONE;
	}
	if (a == UI_EXPORT) {
		const char *fmt = ui_export_format(ui);
		char *path = NULL;
		if (fmt)
			ui_export_done(ui, score_table_export(ui->c, ui->u, &s->t, fmt, &path), &path);
		return UI_DONE;
	}
	if (a == UI_SEARCH) {
		char *y = xasprintf("%d", s->year);
		if (ui_prompt_act(ui, "年份：", &y, year_take, &s->year) == 0) {
			if (score_load(ui, s) < 0)
				ui_err(ui, ZZ_ERR);
			t->t.nrows = s->t.n;
			t->t.cur = t->t.top = 0;
		}
		free(y);
		return UI_DONE;
	}
	return UI_NOTMINE;
}

int ui_score_run(struct ui *ui)
{
	struct sstate s = {.ui = ui, .year = score_year_default(ui->c, (int64_t)time(NULL))};
	int rc = score_load(ui, &s);
	if (rc < 0)
		ui_err(ui, rc);
	struct ui_table_screen t = {
		.title = "考核得分",
		.keys = &score_keys,
		.t = {.cols = score_cols, .ncols = (int)ARRAY_LEN(score_cols), .nrows = s.t.n, .cell = score_cell,
		      .row_attr = score_attr, .arg = &s, .fixed = 1},
		.top = score_top,
		.act = score_act,
		.arg = &s,
	};
	ui_table_run(ui, &t);
	score_table_free(&s.t);
	return 0;
}

/* ---- daily reports ---- */

struct drow {
	int day, kind;
	char cells[3][256];
	char *text; /* in full: the list shows its first line */
};

struct dailyst {
	struct ui *ui;
	struct drow *v;
	int n;
	struct ui_keys keys; /* daily_keys, the hints as the rows allow (daily_offer) */
};

static int daily_row_cb(const struct daily_row *r, void *arg)
{
	struct dailyst *d = arg;
	d->v = xrealloc(d->v, (size_t)(d->n + 1) * sizeof *d->v);
	struct drow *x = &d->v[d->n++];
	x->day = r->day;
	x->kind = r->kind;
	date_format(r->day, x->cells[0]);
	snprintf(x->cells[1], sizeof x->cells[1], "%s%s", daily_kind_zh[r->kind], r->late ? "（补报）" : "");
	/* The account for now: its person's name is read once the scan is over (daily_load). */
	snprintf(x->cells[2], sizeof x->cells[2], "%s", r->kind == DAILY_MISSING ? "" : r->user ? r->user : "");
	x->text = xstrdup(r->text ? r->text : "");
	return 0;
}

static void daily_free(struct dailyst *d)
{
	for (int i = 0; i < d->n; i++)
		free(d->v[i].text);
	free(d->v);
}

static int daily_load(struct ui *ui, struct dailyst *d)
{
	daily_free(d);
	d->v = NULL;
	d->n = 0;
	int today = date_today(time(NULL));
	int rc = daily_scan(ui->c, ui->u->unit, today - 62, today, daily_row_cb, d);
	for (int i = 0; i < d->n; i++) {
		char *who = user_display_name(ui->c->st, d->v[i].cells[2]);
		snprintf(d->v[i].cells[2], sizeof d->v[i].cells[2], "%s", who);
		free(who);
	}
	/* Newest first. */
	for (int i = 0, j = d->n - 1; i < j; i++, j--) {
		struct drow t = d->v[i];
		d->v[i] = d->v[j];
		d->v[j] = t;
	}
	return rc;
}

static const struct ui_col daily_cols[] = {
	{.title = "日期", .width = 10}, {.title = "类别", .width = 14}, {.title = "报送人", .width = 10}, {.title = "内容", .width = 56},
};

static const char *daily_cell(void *arg, long row, int col, char *buf, size_t n)
{
	(void)buf;
	(void)n;
	const struct drow *x = &((struct dailyst *)arg)->v[row];
	return col == 3 ? x->text : x->cells[col];
}

static attr_t daily_attr(void *arg, long row)
{
	struct dailyst *d = arg;
	return d->v[row].kind == DAILY_MISSING ? ui_attr(d->ui, UI_A_WARN) : A_NORMAL;
}

static void daily_top(struct ui *ui, struct ui_table_screen *t, char *buf, size_t n)
{
	struct dailyst *d = t->arg;
	int today = date_today(time(NULL));
	bool done = d->n && d->v[0].day == today && d->v[0].kind != DAILY_MISSING;
	const struct unit *x = units_find(ctx_units(ui->c), ui->u->unit);
	snprintf(buf, n, "%s｜今日%s", x ? x->name : ui->u->unit, done ? "已报送" : "尚未报送日报或零报告（a 或 F5 报送）");
}

static const enum ui_act daily_acts[] = {UI_UP,  UI_DOWN, UI_PGUP, UI_PGDN, UI_HOME, UI_END,
					 UI_ENTER, UI_ADD, UI_EDIT, UI_BACK, UI_NONE};
static const enum ui_act daily_hints[] = {UI_ENTER, UI_ADD, UI_EDIT, UI_BACK, UI_HELP, UI_NONE};
static const enum ui_act daily_hints_add[] = {UI_ENTER, UI_ADD, UI_BACK, UI_HELP, UI_NONE};
static const enum ui_act daily_hints_edit[] = {UI_ENTER, UI_EDIT, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys daily_keys = {
	.screen = "日报与零报告",
	.about = "本中心每个工作日报送日报；没有处理事项和上报信息时报送零报告（6.4.3.4）。工作日结束仍未报送的，"
		 "系统记为“未报”（黄色）。a 或 F5 报送：光标在“未报”的一行时为那一天补报，否则报今天；内容在多行"
		 "编辑中填写（回车换行，F2 完成），留空即为零报告。列表中内容只显示第一行，后面还有内容时以“…”"
		 "结尾；回车显示全文。e 或 F4 更正今天已报送的日报或零报告（只限报送当天，更正前后的内容记入审计"
		 "日志；以前各天的不能更正）。Esc 返回。",
	.acts = daily_acts,
	.hints = daily_hints,
	.enter_name = "全文",
};

/* The status line offers a only while there is a day to report (today, or one not reported) and e
 * only once today's is in (it was offered to be refused: “已报送日报；当天要修改请按 e 更正”). */
static void daily_offer(struct dailyst *d)
{
	int today = date_today(time(NULL));
	bool done = false, missing = false;
	for (int i = 0; i < d->n; i++) {
		missing |= d->v[i].kind == DAILY_MISSING;
		done |= d->v[i].day == today && d->v[i].kind != DAILY_MISSING;
	}
	d->keys = daily_keys;
	d->keys.hints = !done ? daily_hints_add : missing ? daily_hints : daily_hints_edit;
}

/* Correct today's report (row CUR): the same day only, as daily_correct checks again. */
static void daily_fix(struct ui *ui, struct dailyst *d, int cur)
{
	int today = date_today(time(NULL));
	struct drow *x = d->n ? &d->v[cur] : NULL;
	char ds[11];
	if (!x || x->kind == DAILY_MISSING) {
		ui_msg(ui, "这一行没有报送的日报，不能更正；报送请按 a 或 F5");
		return;
	}
	date_format(x->day, ds);
	if (x->day != today) {
		ui_msg(ui, "%s 的%s已不能更正：日报只能在报送当天更正", ds, daily_kind_zh[x->kind]);
		ui->msg_err = true;
		return;
	}
	char *text = xstrdup(x->kind == DAILY_ZERO ? "" : x->text);
	char label[64];
	snprintf(label, sizeof label, "更正 %s 的日报：", ds);
	if (ui_text_edit(ui, "日报与零报告 > 更正", label, &text, (int)conf_int(ui->c->conf, "daily.text_max"), 0) == 0) {
		int rc = daily_correct(ui->c, ui->u, ui->u->unit, x->day, text);
		if (rc < 0)
			ui_err(ui, rc);
		else
			ui_msg(ui, "已更正 %s 的日报（更正前后的内容已记入审计日志）", ds);
	}
	free(text);
}

static int daily_act(struct ui *ui, struct ui_table_screen *t, enum ui_act a)
{
	struct dailyst *d = t->arg;
	if (a == UI_ENTER) {
		if (d->n && d->v[t->t.cur].kind != DAILY_MISSING) {
			char title[300];
			snprintf(title, sizeof title, "日报与零报告 > %.16s %.60s", d->v[t->t.cur].cells[0], d->v[t->t.cur].cells[1]);
			ui_text_view(ui, title, d->v[t->t.cur].text);
		}
		return UI_DONE;
	}
	if (a == UI_EDIT) {
		daily_fix(ui, d, (int)t->t.cur);
		daily_load(ui, d);
		daily_offer(d);
		t->t.nrows = d->n;
		return UI_DONE;
	}
	if (a != UI_ADD)
		return UI_NOTMINE;
	int day = date_today(time(NULL));
	if (d->n && d->v[t->t.cur].kind == DAILY_MISSING)
		day = d->v[t->t.cur].day;
	char ds[11], label[64];
	date_format(day, ds);
	/* Known before anything is typed: a day has one report, corrected with e the same day. */
	for (int i = 0; i < d->n; i++)
		if (d->v[i].day == day && d->v[i].kind != DAILY_MISSING) {
			ui_msg(ui, "%s 已报送%s；当天要修改请按 e 更正", ds, daily_kind_zh[d->v[i].kind]);
			ui->msg_err = true;
			return UI_DONE;
		}
	snprintf(label, sizeof label, "%s 日报内容（留空为零报告）：", ds);
	char *text = NULL;
	if (ui_text_edit(ui, "日报与零报告 > 报送", label, &text, (int)conf_int(ui->c->conf, "daily.text_max"), 0) == 0) {
		bool zero = str_empty(text);
		if (!zero || ui_confirm(ui, "%s 没有处理事项和上报信息，报送零报告？", ds)) {
			int rc = daily_file(ui->c, ui->u, ui->u->unit, day, zero ? DAILY_ZERO : DAILY_REPORT, text);
			if (rc < 0)
				ui_err(ui, rc);
			else
				ui_msg(ui, "已报送 %s 的%s", ds, zero ? "零报告" : "日报");
			daily_load(ui, d);
			daily_offer(d);
			t->t.nrows = d->n;
		}
	}
	free(text);
	return UI_DONE;
}

bool ui_daily_visible(struct ui *ui)
{
	const struct rtype *t = event_type(ui->c);
	const struct unit *x = units_find(ctx_units(ui->c), ui->u->unit);
	return t && x && daily_is_center(ui->c, x) && perm_may(ui->c, ui->u, ACT_HANDLE, t, x->code);
}

int ui_daily_run(struct ui *ui)
{
	if (!ui_daily_visible(ui)) {
		ui_msg(ui, "本账号的单位不是需要报送日报的综治中心");
		return 0;
	}
	struct dailyst d = {.ui = ui};
	int rc = daily_load(ui, &d);
	if (rc < 0)
		ui_err(ui, rc);
	daily_offer(&d);
	struct ui_table_screen t = {
		.title = "日报与零报告",
		.keys = &d.keys,
		.t = {.cols = daily_cols, .ncols = (int)ARRAY_LEN(daily_cols), .nrows = d.n, .cell = daily_cell,
		      .row_attr = daily_attr, .arg = &d, .fixed = 1},
		.top = daily_top,
		.act = daily_act,
		.arg = &d,
	};
	ui_table_run(ui, &t);
	daily_free(&d);
	return 0;
}

int ui_daily_open_ref(struct ui *ui, const char *ref)
{
	(void)ref;
	return ui_daily_run(ui);
}
