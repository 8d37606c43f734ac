/* ui_bulletin.c — 月度通报 (4.1.6, R-RP-4) and 分析研判 (6.4.3.8, R-RP-5) screens. The county's
 * office sees the bulletin's draft and publishes it; the units below read the published one. An
 * office of a county, township or village reads its 分析研判 draft, writes its judgement and
 * measures, submits it, and sees which units below have submitted theirs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bulletin.h"
#include "event.h"
#include "judge.h"
#include "perm.h"
#include "stats.h"
#include "ui_bulletin.h"
#include "ui_export.h"
#include "ui_screen.h"

static void last_month(char out[8])
{
	char now[8];
	stats_month((int64_t)time(NULL), now);
	stats_month_add(now, 1, out);
}

/* ---- 月度通报 ---- */

struct bstate {
	struct ui *ui;
	char month[8];
	struct bulletin b;
	bool have;
	struct ui_keys *keys; /* its hints follow the month shown */
};

static const struct ui_col bl_cols[] = {
    {.title = "名次", .width = 4, .right = true}, {.title = "单位", .width = 16},
    {.title = "新增", .width = 5, .right = true}, {.title = "逾期录入", .width = 8, .right = true},
    {.title = "未认领", .width = 6, .right = true}, {.title = "日报未报", .width = 8, .right = true},
    {.title = "事件超期", .width = 8, .right = true}, {.title = "黄牌", .width = 4, .right = true},
    {.title = "红牌", .width = 4, .right = true}, {.title = "登录", .width = 5, .right = true},
};

static const char *bl_cell(void *arg, long row, int col, char *buf, size_t n)
{
	const struct bl_row *r = &((struct bstate *)arg)->b.v[row];
	if (col == 1)
		return r->name;
	snprintf(buf, n, "%ld", col == 0 ? (long)r->rank : r->n[col - 2]);
	return buf;
}

static attr_t bl_attr(void *arg, long row)
{
	struct bstate *s = arg;
	return s->b.v[row].n[BL_DAILY] ? ui_attr(s->ui, UI_A_WARN) : A_NORMAL;
}

static void bl_load(struct ui *ui, struct bstate *s)
{
	bulletin_free(&s->b);
	s->have = false;
	int rc = bulletin_get(ui->c, ui->u, s->month, &s->b);
	if (rc == ZZ_ENOENT && bulletin_may_publish(ui->c, ui->u))
		rc = bulletin_make(ui->c, ui->u, ui->u->unit, s->month, &s->b);
	if (rc < 0)
		ui_err(ui, rc);
	else
		s->have = true;
}

static void bl_top(struct ui *ui, struct ui_table_screen *t, char *buf, size_t n)
{
	struct bstate *s = t->arg;
	const struct unit *x = s->have ? units_find(ctx_units(ui->c), s->b.unit) : NULL;
	snprintf(buf, n, "%s %s 月度通报｜%s", x ? x->name : "", s->month,
		 !s->have	  ? "尚未发布"
		 : s->b.published ? "已发布"
		 : bulletin_month_over(s->month, (int64_t)time(NULL)) < 0
		     ? "草稿（月份未结束，不能发布）"
		     : "草稿（P 发布）");
}

static const enum ui_act bl_acts[] = {UI_UP,	  UI_DOWN,    UI_PGUP,	 UI_PGDN, UI_HOME, UI_END,
				      UI_SEARCH, UI_PUBLISH, UI_EXPORT, UI_BACK, UI_NONE};
static const enum ui_act bl_hints[] = {UI_SEARCH, UI_EXPORT, UI_BACK, UI_HELP, UI_NONE};
/* For an account that may publish (bulletin_may_publish): P on the status line too. */
static const enum ui_act bl_hints_publish[] = {UI_SEARCH, UI_PUBLISH, UI_EXPORT,
					       UI_BACK,	  UI_HELP,    UI_NONE};
/* P on the status line only while it would publish: the county's office, a draft of a month that
 * is over (on another month the key still says why not, but is not offered). */
static void bl_hints_set(struct ui *ui, struct bstate *s)
{
	bool now = bulletin_may_publish(ui->c, ui->u) && s->have && !s->b.published &&
		   bulletin_month_over(s->month, (int64_t)time(NULL)) >= 0;
	s->keys->hints = now ? bl_hints_publish : bl_hints;
}

static const struct ui_keys bl_keys = {
    .screen = "月度通报",
    .about =
	"县（市、区）各下级单位当月的录入和使用情况排名（4.1.6）：新增记录和事件、逾期录入、超期未"
	"认领、日报未报天数、事件超期、黄牌、红牌、登录次数。有日报未报的单位排在没有未报的单位之后"
	"（黄色），其次问题少的在前，再次工作量多的在前。县综治办看到草稿，按 P "
	"发布（每月一次，发布后"
	"数字固定）；下级单位看到已发布的通报。w 把屏幕上的通报导出为 Excel 或 CSV，放在本账号的下载"
	"目录。/ 换月份，默认上月。Esc 返回。",
    .acts = bl_acts,
    .hints = bl_hints,
    .search_name = "月份",
    .search_help = "换月份：输入 YYYY-MM",
};

static int bl_act(struct ui *ui, struct ui_table_screen *t, enum ui_act a)
{
	struct bstate *s = t->arg;
	if (a == UI_EXPORT) {
		if (!s->have) {
			ui_msg(ui, "%s 的月度通报尚未发布，没有可导出的通报", s->month);
			return UI_DONE;
		}
		const char *fmt = ui_export_format(ui);
		char *path = NULL;
		if (fmt)
			ui_export_done(ui, bulletin_export(ui->c, ui->u, &s->b, fmt, &path), &path);
		return UI_DONE;
	}
	if (a == UI_SEARCH) {
		if (ui_prompt_month(ui, s->month))
			bl_load(ui, s);
	} else if (a == UI_PUBLISH) {
		/* The one reason that holds, so that nobody is told a rule they already follow. */
		if (!bulletin_may_publish(ui->c, ui->u) || !s->have || s->b.published) {
			if (!bulletin_may_publish(ui->c, ui->u))
				ui_msg(ui, "月度通报由县（市、区）综治办发布");
			else if (!s->have)
				ui_msg(ui, "%s 没有可发布的月度通报草稿", s->month);
			else
				ui_msg(ui, "%s 的月度通报已经发布，数字不再变化", s->month);
			ui->msg_err = true;
			return UI_DONE;
		}
		if (bulletin_month_over(s->month, (int64_t)time(NULL)) < 0) {
			ui_err(ui, ZZ_EINVAL);
			return UI_DONE;
		}
		if (!ui_confirm(ui, "发布 %s 的月度通报？发布后数字不再变化", s->month))
			return UI_DONE;
		if (bulletin_publish(ui->c, ui->u, s->month) < 0)
			ui_err(ui, ZZ_ERR);
		else
			ui_msg(ui, "已发布 %s 的月度通报", s->month);
		bl_load(ui, s);
	} else {
		return UI_NOTMINE;
	}
	bl_hints_set(ui, s);
	t->t.nrows = s->have ? s->b.n : 0;
	t->t.cur = t->t.top = 0;
	return UI_DONE;
}

bool ui_bulletin_visible(struct ui *ui)
{
	const struct rtype *t = event_type(ui->c);
	return t && units_at_level(ctx_units(ui->c), ui->u->unit, LV_COUNTY) &&
	       perm_may(ui->c, ui->u, ACT_VIEW, t, NULL);
}

int ui_bulletin_run(struct ui *ui)
{
	struct ui_keys keys = bl_keys;
	struct bstate s = {.ui = ui, .keys = &keys};
	last_month(s.month);
	bl_load(ui, &s);
	bl_hints_set(ui, &s);
	struct ui_table_screen t = {
	    .title = "月度通报",
	    .keys = &keys,
	    .t = {.cols = bl_cols,
		  .ncols = (int)ARRAY_LEN(bl_cols),
		  .nrows = s.have ? s.b.n : 0,
		  .cell = bl_cell,
		  .row_attr = bl_attr,
		  .arg = &s,
		  .fixed = 2},
	    .top = bl_top,
	    .act = bl_act,
	    .arg = &s,
	};
	ui_table_run(ui, &t);
	bulletin_free(&s.b);
	return 0;
}

/* ---- 分析研判 ---- */

struct jstate {
	struct ui *ui;
	char month[8];
	char *unit;
	bool own; /* the account's own report: it may write and submit */
	struct judge j;
	bool have;
	char **lines;
	int n;
};

static void lines_free(struct jstate *s)
{
	for (int i = 0; i < s->n; i++)
		free(s->lines[i]);
	free(s->lines);
	s->lines = NULL;
	s->n = 0;
}

/* Append TEXT's paragraphs wrapped to the screen, after LABEL. */
static void lines_add(struct jstate *s, const char *label, const char *text)
{
	char *all = xasprintf("%s%s", label, text ? text : ""), *save = NULL;
	for (char *p = strtok_r(all, "\n", &save); p; p = strtok_r(NULL, "\n", &save)) {
		char **w = NULL;
		int k = ui_wrap(p, 76, &w);
		s->lines = xrealloc(s->lines, (size_t)(s->n + k + 1) * sizeof *s->lines);
		for (int i = 0; i < k; i++)
			s->lines[s->n++] = w[i];
		free(w);
	}
	free(all);
}

static void judge_load_screen(struct ui *ui, struct jstate *s)
{
	judge_free(&s->j);
	lines_free(s);
	s->have = judge_get(ui->c, ui->u, s->unit, s->month, &s->j) == 0;
	if (!s->have) {
		ui_err(ui, ZZ_ERR);
		return;
	}
	lines_add(s, "", s->j.draft);
	lines_add(s, "研判意见：", s->j.judgement);
	lines_add(s, "工作措施：", s->j.measures);
}

static const struct ui_col judge_cols[] = {{.title = "内容", .width = 76}};

static const char *judge_cell(void *arg, long row, int col, char *buf, size_t n)
{
	(void)col;
	(void)buf;
	(void)n;
	return ((struct jstate *)arg)->lines[row];
}

static void judge_top(struct ui *ui, struct ui_table_screen *t, char *buf, size_t n)
{
	struct jstate *s = t->arg;
	const struct unit *x = units_find(ctx_units(ui->c), s->unit);
	snprintf(buf, n, "%s %s 分析研判｜%s", x ? x->name : s->unit, s->month,
		 s->have ? judge_state_zh[s->j.state] : "");
}

static const enum ui_act judge_acts[] = {UI_UP,	   UI_DOWN,   UI_PGUP,	 UI_PGDN,
					 UI_HOME,  UI_END,    UI_EDIT,	 UI_PUBLISH,
					 UI_STATE, UI_SEARCH, UI_EXPORT, UI_BACK,
					 UI_NONE};
static const enum ui_act judge_hints[] = {UI_EDIT, UI_PUBLISH, UI_STATE, UI_SEARCH,
					  UI_EXPORT, UI_BACK,    UI_HELP,  UI_NONE};
static const struct ui_keys judge_keys = {
    .screen = "分析研判",
    .about = "本单位一个月的分析研判（6.4.3.8），默认上月，从待办打开的是待办所说的月份。"
	     "系统根据数据生成草稿（总数及同比、环比，上升和下降的类别，事件较多的单位，超期事件和"
	     "督办牌，其他数据的变化）。e 填写研判意见和工作措施并保存；P 报送上级（需填齐，报送后"
	     "不能修改）；s 查看下级单位的报送情况，选中一个单位阅读其分析研判；w 导出为 Excel 或 "
	     "CSV（本账号的下载目录）；/ 换月份。Esc 返回。",
    .publish_name = "报送",
    .acts = judge_acts,
    .hints = judge_hints,
    .search_name = "月份",
    .search_help = "换月份：输入 YYYY-MM",
    .edit_help = "填写本单位的研判意见和工作措施并保存（报送前）",
    .state_help = "下级单位的报送情况，选中一个单位阅读其分析研判",
};

static void judge_screen(struct ui *ui, const char *unit, const char *month, bool own);

static int status_item(const char *unit, int state, void *arg)
{
	struct sb *l = arg;
	sb_addf(l, "%s\t%s\n", unit, judge_state_zh[state]);
	return 0;
}

/* The units below and their state; Enter reads one's report. */
static void judge_below(struct ui *ui, struct jstate *s)
{
	struct sb l;
	sb_init(&l);
	if (judge_status(ui->c, ui->u, s->unit, s->month, status_item, &l) < 0) {
		ui_err(ui, ZZ_ERR);
		sb_free(&l);
		return;
	}
	struct strv codes = {0}, labels = {0};
	char *save = NULL;
	for (char *p = l.len ? strtok_r(l.buf, "\n", &save) : NULL; p;
	     p = strtok_r(NULL, "\n", &save)) {
		char *tab = strchr(p, '\t');
		*tab = '\0';
		const struct unit *x = units_find(ctx_units(ui->c), p);
		strv_push(&codes, p);
		char *lab = xasprintf("%s　%s", x ? x->name : p, tab + 1);
		strv_push(&labels, lab);
		free(lab);
	}
	if (codes.n == 0) {
		ui_msg(ui, "本单位没有需要报送分析研判的下级单位");
	} else {
		struct ui_pick_item *items = xcalloc((size_t)codes.n, sizeof *items);
		for (int i = 0; i < codes.n; i++)
			items[i] = (struct ui_pick_item){.label = labels.v[i], .key = codes.v[i], .show_key = true};
		int k = ui_pick(ui, "下级单位分析研判报送情况", items, codes.n, 0, NULL, NULL);
		if (k >= 0)
			judge_screen(ui, codes.v[k], s->month, false);
		free(items);
	}
	strv_free(&codes);
	strv_free(&labels);
	sb_free(&l);
}

/* The 研判意见 typed, checked in its prompt. */
static int judge_take(struct ui *ui, const char *text, void *arg)
{
	(void)ui;
	(void)arg;
	return judge_text_check("研判意见", text);
}

struct judge_texts {
	struct jstate *s;
	const char *judgement;
};

/* Both texts saved once the 工作措施 is typed: refused, it stays in its prompt. */
static int judge_save_take(struct ui *ui, const char *text, void *arg)
{
	struct judge_texts *x = arg;
	return judge_save(ui->c, ui->u, x->s->month, x->judgement, text);
}

static int judge_act(struct ui *ui, struct ui_table_screen *t, enum ui_act a)
{
	struct jstate *s = t->arg;
	switch (a) {
	case UI_SEARCH:
		if (!ui_prompt_month(ui, s->month))
			return UI_DONE;
		break;
	case UI_STATE:
		judge_below(ui, s);
		return UI_DONE;
	case UI_EXPORT: {
		if (!s->have) {
			ui_msg(ui, "没有可导出的分析研判");
			return UI_DONE;
		}
		const char *fmt = ui_export_format(ui);
		char *path = NULL;
		if (fmt)
			ui_export_done(ui, judge_export(ui->c, ui->u, &s->j, fmt, &path), &path);
		return UI_DONE;
	}
	case UI_EDIT: {
		if (!s->own || !s->have || s->j.state == JUDGE_SUBMITTED) {
			ui_msg(ui,
			       s->own ? "已报送的分析研判不能修改" : "只能填写本单位的分析研判");
			ui->msg_err = true;
			return UI_DONE;
		}
		char *jt = s->j.judgement ? xstrdup(s->j.judgement) : NULL,
		     *mt = s->j.measures ? xstrdup(s->j.measures) : NULL;
		/* Each text refused in its own prompt, which keeps it to be corrected. */
		struct judge_texts jx = {.s = s};
		if (ui_prompt_act(ui, "研判意见：", &jt, judge_take, NULL) == 0) {
			jx.judgement = jt ? jt : "";
			if (ui_prompt_act(ui, "工作措施：", &mt, judge_save_take, &jx) == 0)
				ui_msg(ui, "已保存（草稿）；按 P 报送");
		}
		free(jt);
		free(mt);
		break;
	}
	case UI_PUBLISH:
		if (!s->own) {
			ui_msg(ui, "只能报送本单位的分析研判");
			ui->msg_err = true;
			return UI_DONE;
		}
		/* Refused before the question, as the domain would refuse it after. */
		if (s->have && s->j.state == JUDGE_SUBMITTED) {
			ui_msg(ui, "%s 的分析研判已经报送，不能再修改", s->month);
			ui->msg_err = true;
			return UI_DONE;
		}
		if (!s->have || str_empty(s->j.judgement) || str_empty(s->j.measures)) {
			ui_msg(ui, "报送前请填写研判意见和工作措施（按 e 填写并保存）");
			ui->msg_err = true;
			return UI_DONE;
		}
		if (!ui_confirm(ui, "报送 %s 的分析研判？报送后不能修改", s->month))
			return UI_DONE;
		if (judge_submit(ui->c, ui->u, s->month) < 0)
			ui_err(ui, ZZ_ERR);
		else
			ui_msg(ui, "已报送 %s 的分析研判", s->month);
		break;
	default:
		return UI_NOTMINE;
	}
	judge_load_screen(ui, s);
	t->t.nrows = s->n;
	t->t.cur = t->t.top = 0;
	return UI_DONE;
}

static void judge_screen(struct ui *ui, const char *unit, const char *month, bool own)
{
	struct jstate s = {.ui = ui, .unit = xstrdup(unit), .own = own};
	memcpy(s.month, month, 8);
	judge_load_screen(ui, &s);
	struct ui_table_screen t = {
	    .title = "分析研判",
	    .keys = &judge_keys,
	    .t = {.cols = judge_cols,
		  .ncols = 1,
		  .nrows = s.n,
		  .cell = judge_cell,
		  .arg = &s,
		  .fixed = 1},
	    .top = judge_top,
	    .act = judge_act,
	    .arg = &s,
	};
	ui_table_run(ui, &t);
	lines_free(&s);
	judge_free(&s.j);
	free(s.unit);
}

bool ui_judge_visible(struct ui *ui) { return judge_writer(ui->c, ui->u) != NULL; }

int ui_judge_run(struct ui *ui)
{
	char m[8];
	last_month(m);
	judge_screen(ui, ui->u->unit, m, true);
	return 0;
}

int ui_judge_open_ref(struct ui *ui, const char *ref)
{
	if (!ui_judge_visible(ui) || !ref || strlen(ref) != 7) {
		ui_msg(ui, "这一项不能在这里打开（%s）", ref ? ref : "");
		return 0;
	}
	judge_screen(ui, ui->u->unit, ref, true);
	return 0;
}
