/* ui_period.c — 敏感期: the periods over the account's subtree; a (F5) declares one (dates, scope
 * from the unit tree, reason), z ends the one under the cursor. period.c checks and audits. */
#include "ui_period.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "event.h"
#include "period.h"
#include "perm.h"
#include "ui_screen.h"

struct pstate {
	struct ui *ui;
	struct period *v;
	int n;
};

static int pstate_load(struct ui *ui, struct pstate *p)
{
	periods_free(p->v, p->n);
	p->v = NULL;
	p->n = 0;
	int rc = period_list(ui->c, ui->u, &p->v, &p->n);
	/* Newest first. */
	for (int i = 0, j = p->n - 1; i < j; i++, j--) {
		struct period t = p->v[i];
		p->v[i] = p->v[j];
		p->v[j] = t;
	}
	return rc;
}

static const char *period_state(const struct period *x)
{
	int today = date_today(time(NULL));
	return x->ended		 ? "已提前结束"
	       : x->to < today	 ? "已结束"
	       : x->from > today ? "未开始"
				 : "进行中";
}

static const struct ui_col period_cols[] = {
    {.title = "编号", .width = 4, .right = true},
    {.title = "开始", .width = 10},
    {.title = "结束", .width = 10},
    {.title = "范围", .width = 14},
    {.title = "状态", .width = 10},
    {.title = "事由", .width = 40},
};

static const char *period_cell(void *arg, long row, int col, char *buf, size_t n)
{
	struct pstate *p = arg;
	const struct period *x = &p->v[row];
	const struct unit *u = NULL;
	switch (col) {
	case 0:
		snprintf(buf, n, "%llu", (unsigned long long)x->id);
		return buf;
	case 1:
		if (n < 11)
			return "";
		date_format(x->from, buf);
		return buf;
	case 2:
		if (x->to < x->from || n < 11)
			return "-";
		date_format(x->to, buf);
		return buf;
	case 3:
		u = units_find(ctx_units(p->ui->c), x->scope);
		return u ? u->name : x->scope;
	case 4:
		return period_state(x);
	default:
		return x->reason ? x->reason : "";
	}
}

static attr_t period_attr(void *arg, long row)
{
	struct pstate *p = arg;
	return !strcmp(period_state(&p->v[row]), "进行中") ? ui_attr(p->ui, UI_A_WARN) : A_NORMAL;
}

static void period_top(struct ui *ui, struct ui_table_screen *t, char *buf, size_t n)
{
	struct pstate *p = t->arg;
	snprintf(buf, n, "敏感期 %d 个｜期间范围内的综治中心每天（含节假日）报日报或零报告", p->n);
}

static const enum ui_act period_acts[] = {UI_UP,    UI_DOWN, UI_PGUP, UI_PGDN, UI_HOME, UI_END,
					  UI_ENTER, UI_ADD,  UI_DO,   UI_BACK, UI_NONE};
static const enum ui_act period_hints[] = {UI_ENTER, UI_ADD, UI_DO, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys period_keys = {
    .screen = "敏感期",
    .about =
	"县级综治中心设置敏感期（6.4.3.7）：期间范围内的每个综治中心每天都要报送日报或零报告，"
	"节假日也不例外；未报的由系统记为“未报”，出现在该中心的待办中。a 或 F5 设置：依次填写开始"
	"日期、结束日期（YYYY-MM-DD），从单位树中选择范围，再写事由。z "
	"提前结束光标所在的敏感期（结束"
	"当天仍属敏感期；尚未开始的即取消）。回车显示事由全文。设置和结束都记入审计日志。Esc "
	"返回。",
    .acts = period_acts,
    .hints = period_hints,
    .enter_name = "全文",
};

/* A date into ARG (int days); refused in the prompt, which keeps it, when it is none. */
static int day_take(struct ui *ui, const char *text, void *arg)
{
	(void)ui;
	if (date_parse(text, arg) < 0)
		return errmsg_set(ZZ_EINVAL, "日期“%.20s”不对，应写成 YYYY-MM-DD", text);
	return 0;
}

/* A date typed on the message line into *DAY; false on Esc. */
static bool ask_day(struct ui *ui, const char *label, const char *init, int *day)
{
	char *s = xstrdup(init);
	bool ok = ui_prompt_act(ui, label, &s, day_take, day) == 0;
	free(s);
	return ok;
}

struct period_req {
	const char *scope;
	int from, to;
	uint64_t id;
};

/* The period declared once its reason is typed: refused, the reason stays in its prompt. */
static int period_take(struct ui *ui, const char *reason, void *arg)
{
	struct period_req *q = arg;
	return period_add(ui->c, ui->u, q->scope, q->from, q->to, reason, &q->id);
}

static void period_new(struct ui *ui, struct pstate *p)
{
	char today[11];
	date_format(date_today(time(NULL)), today);
	int from, to;
	char *scope = NULL, *reason = NULL;
	if (!ask_day(ui, "开始日期：", today, &from) || !ask_day(ui, "结束日期：", today, &to))
		return;
	if (ui_pick_unit(ui, "敏感期的范围（该单位及其全部下级）", NULL, false, &scope, NULL) < 0)
		return;
	struct period_req q = {.scope = scope, .from = from, .to = to};
	if (ui_prompt_act(ui, "事由：", &reason, period_take, &q) == 0)
		ui_msg(ui, "已设置敏感期 %llu（已记入审计日志）", (unsigned long long)q.id);
	free(scope);
	free(reason);
	pstate_load(ui, p);
}

static int period_act(struct ui *ui, struct ui_table_screen *t, enum ui_act a)
{
	struct pstate *p = t->arg;
	const struct period *x = p->n ? &p->v[t->t.cur] : NULL;
	if (a == UI_ENTER) {
		if (x)
			ui_text_view(ui, "敏感期 > 事由", x->reason ? x->reason : "");
		return UI_DONE;
	}
	if (a == UI_ADD) {
		period_new(ui, p);
	} else if (a == UI_DO) {
		if (!x)
			return UI_DONE;
		if (ui_confirm(ui, "提前结束敏感期 %llu？", (unsigned long long)x->id)) {
			uint64_t id = x->id;
			int rc = period_end(ui->c, ui->u, id);
			if (rc < 0)
				ui_err(ui, rc);
			else
				ui_msg(ui, "敏感期 %llu 已结束", (unsigned long long)id);
			pstate_load(ui, p);
		}
	} else {
		return UI_NOTMINE;
	}
	ui_table_rows(&t->t, p->n);
	return UI_DONE;
}

bool ui_period_visible(struct ui *ui)
{
	const struct rtype *t = event_type(ui->c);
	const struct unit *x = units_find(ctx_units(ui->c), ui->u->unit);
	return t && x && x->level <= LV_COUNTY && perm_may(ui->c, ui->u, ACT_HANDLE, t, x->code);
}

int ui_period_run(struct ui *ui)
{
	if (!ui_period_visible(ui)) {
		ui_msg(ui, "只有县级及以上综治中心可以设置敏感期");
		return 0;
	}
	struct pstate p = {.ui = ui};
	if (pstate_load(ui, &p) < 0) {
		ui_err(ui, ZZ_EINVAL);
		periods_free(p.v, p.n);
		return 0;
	}
	struct ui_table_screen t = {
	    .title = "敏感期",
	    .keys = &period_keys,
	    .t = {.cols = period_cols,
		  .ncols = (int)ARRAY_LEN(period_cols),
		  .nrows = p.n,
		  .cell = period_cell,
		  .row_attr = period_attr,
		  .arg = &p,
		  .fixed = 1},
	    .top = period_top,
	    .act = period_act,
	    .arg = &p,
	};
	ui_table_run(ui, &t);
	periods_free(p.v, p.n);
	return 0;
}
