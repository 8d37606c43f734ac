/* ui_task.c — 任务督办: the tasks an account receives, issued or sees from above; one task with its
 * receivers' progress and its timeline; the actions the account may take on it now (asked of
 * task_actions, checked again by task_act); the form that issues a new one. Everything goes
 * through task.h, as the command line does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "event.h"
#include "perm.h"
#include "task.h"
#include "ui_screen.h"
#include "ui_task.h"

/* A deadline and the working days left to it: "03-09 剩5工作日" (WITH_TIME: "03-09 09:00 …"). */
static void due_text(struct ui *ui, int64_t due, bool with_time, char *buf, size_t n)
{
	char t[20];
	ui_short_time(due, t);
	int left = calendar_left(ui->c->cal, (int64_t)time(NULL), due);
	int w = with_time ? 11 : 5;
	if (left < 0)
		snprintf(buf, n, "%.*s 已超期", w, t);
	else if (left == 0)
		snprintf(buf, n, "%.*s 今日到期", w, t);
	else
		snprintf(buf, n, "%.*s 剩%d工作日", w, t, left);
}

/* The card a receiver holds now, the red one of a stage replacing its yellow one. */
static const char *card_text(const struct task_recv *r)
{
	static const char *const names[] = {"签收黄牌", "签收红牌", "反馈黄牌", "反馈红牌"};
	for (int b = 3; b >= 0; b--)
		if (r->cards & (1u << b))
			return names[b];
	return "-";
}

static bool red_card(const struct task_recv *r)
{
	return r->cards & (task_card_bit(TSTAGE_SIGN, 1) | task_card_bit(TSTAGE_FEEDBACK, 1));
}

/* The stage whose clock runs for R (-1: none). */
static int stage_of(const struct task_recv *r)
{
	return r->state == TS_ISSUED ? TSTAGE_SIGN : r->state == TS_SIGNED ? TSTAGE_FEEDBACK : -1;
}

/* The nearest running stage among the receivers T's viewer sees (-1: none). */
static int task_stage(const struct task *t, const struct task_recv *mine, bool all)
{
	int st = -1;
	for (int i = 0; i < t->nrecv; i++) {
		const struct task_recv *r = &t->recv[i];
		int s = (all || r == mine) ? stage_of(r) : -1;
		if (s >= 0 && (st < 0 || s < st))
			st = s;
	}
	return st;
}

bool ui_task_visible(struct ui *ui)
{
	const struct rtype *t = event_type(ui->c);
	return !str_empty(ui->u->unit) && t && perm_may(ui->c, ui->u, ACT_VIEW, t, NULL);
}

/* ---- one task: progress, timeline, actions ---- */

struct tview {
	struct ui *ui;
	uint64_t id;
	struct task *t;
	struct task_recv *mine;
	bool all;	 /* the issuer or above: every receiver */
	bool steps;	 /* the timeline shown, else the receivers */
	int *recv, nrecv; /* the receivers shown (indexes) */
	int *step, nstep; /* the steps shown */
	int acts[TA__COUNT];
	int nacts;
	struct task_limits lim;
	char title[200];
	bool changed;
	char *draft;   /* an opinion typed for an action that was refused: offered again */
	char *records; /* the records typed with a refused feedback */
	struct ui_keys keys;
	enum ui_act keyacts[16], hints[6];
};

static const struct ui_col recv_cols[] = {
	{.title = "接收单位", .width = 12}, {.title = "状态", .width = 12},	  {.title = "签收时间", .width = 11},
	{.title = "反馈时间", .width = 11}, {.title = "督办牌", .width = 8},	  {.title = "扣分", .width = 4, .right = true},
	{.title = "评价", .width = 8},	    {.title = "反馈内容", .width = 40},
};
static const struct ui_col step_cols[] = {
	{.title = "时间", .width = 11},	    {.title = "操作", .width = 6},	{.title = "单位", .width = 12},
	{.title = "经办人", .width = 8},    {.title = "接收单位", .width = 12}, {.title = "意见", .width = 40},
};

static const struct ui_keys view_keys = {
	.screen = "任务督办",
	.about = "一项任务。第一行是类别、下发单位、本单位的状态和时限（还剩几个工作日）；下发单位及其上级单位"
		 "还看到办结进度。下面的表格按 V 在两种视图之间切换：各接收单位的进度（状态、签收时间、反馈时间、"
		 "督办牌、扣分、评价、反馈内容；接收单位只看到本单位一行），和办理过程（每一步的时间、操作、单位、"
		 "经办人和意见，第一步“下发”的意见就是任务内容）；下发单位先看到进度，接收单位先看到办理过程。"
		 "回车显示光标所在行的全文（进度一行：任务的全部内容和该单位的反馈）。z 选择本账号现在可以执行的"
		 "操作：接收单位签收、反馈（多行编辑，F2 提交；信息核实、专项普查还要写明涉及的记录，如 "
		 "出租房:19，记录号在记录表单的标题行）；下发单位评价反馈（满意、基本满意办结，不满意退回重办并写明意见）；下发单位"
		 "及其上级单位督办（写明督办意见）。被拒绝时填写的内容保留，下次操作时还在。Esc 返回。",
	.enter_name = "全文",
};

static void view_free(struct tview *v)
{
	task_free(&v->t);
	free(v->recv);
	free(v->step);
	v->recv = v->step = NULL;
	v->nrecv = v->nstep = 0;
}

static int view_load(struct ui *ui, struct tview *v)
{
	view_free(v);
	int rc = task_get(ui->c, ui->u, v->id, &v->t, &v->mine);
	if (rc < 0)
		return rc;
	struct task *t = v->t;
	v->all = task_sees_all(ui->c, ui->u, t);
	task_limits_load(ui->c->conf, &v->lim);
	v->recv = xcalloc((size_t)t->nrecv + 1, sizeof *v->recv);
	for (int i = 0; i < t->nrecv; i++)
		if (v->all || &t->recv[i] == v->mine)
			v->recv[v->nrecv++] = i;
	v->step = xcalloc((size_t)t->nsteps + 1, sizeof *v->step);
	for (int i = 0; i < t->nsteps; i++) {
		const struct task_step *s = &t->steps[i];
		if (v->all || !s->target || (v->mine && !strcmp(s->target, v->mine->unit)))
			v->step[v->nstep++] = i;
	}
	v->nacts = task_actions(ui->c, ui->u, t, v->acts);
	/* The keys and the legend offer z only when there is something to do. */
	static const enum ui_act moves[] = {UI_UP, UI_DOWN, UI_PGUP, UI_PGDN, UI_HOME, UI_END, UI_LEFT, UI_RIGHT};
	int k = 0, h = 0;
	for (size_t i = 0; i < ARRAY_LEN(moves); i++)
		v->keyacts[k++] = moves[i];
	v->keyacts[k++] = UI_ENTER;
	v->keyacts[k++] = UI_VIEW;
	if (v->nacts) {
		v->keyacts[k++] = UI_DO;
		v->hints[h++] = UI_DO;
	}
	v->keyacts[k++] = UI_BACK;
	v->keyacts[k] = UI_NONE;
	v->hints[h++] = UI_ENTER;
	v->hints[h++] = UI_VIEW;
	v->hints[h++] = UI_BACK;
	v->hints[h++] = UI_HELP;
	v->hints[h] = UI_NONE;
	v->keys = view_keys;
	v->keys.acts = v->keyacts;
	v->keys.hints = v->hints;
	snprintf(v->title, sizeof v->title, "任务 %llu %s", (unsigned long long)v->id, t->title);
	return 0;
}

/* The table follows the mode. */
static void view_table(struct tview *v, struct ui_table *tb)
{
	tb->cols = v->steps ? step_cols : recv_cols;
	tb->ncols = v->steps ? (int)ARRAY_LEN(step_cols) : (int)ARRAY_LEN(recv_cols);
	tb->fixed = v->steps ? 2 : 1;
	tb->nrows = v->steps ? v->nstep : v->nrecv;
	tb->first = tb->fixed;
}

static const char *recv_cell(struct tview *v, const struct task_recv *r, int col, char *buf, size_t n)
{
	switch (col) {
	case 0:
		return ui_unit_name(v->ui, r->unit);
	case 1:
		return task_state_zh[r->state];
	case 2:
		ui_short_time(r->signed_at, buf);
		return buf;
	case 3:
		ui_short_time(r->fed_at, buf);
		return buf;
	case 4:
		return card_text(r);
	case 5:
		snprintf(buf, n, "%d", r->points[0] + r->points[1]);
		return buf;
	case 6:
		return r->eval ? task_eval_zh[r->eval] : "-";
	default:
		return r->feedback ? r->feedback : "";
	}
}

static const char *view_cell(void *arg, long row, int col, char *buf, size_t n)
{
	struct tview *v = arg;
	if (!v->steps)
		return recv_cell(v, &v->t->recv[v->recv[row]], col, buf, n);
	const struct task_step *s = &v->t->steps[v->step[row]];
	switch (col) {
	case 0:
		ui_short_time(s->time, buf);
		return buf;
	case 1:
		return task_act_zh[s->act];
	case 2:
		return ui_unit_name(v->ui, s->unit);
	case 3:
		return s->fullname ? s->fullname : s->user ? s->user : "";
	case 4:
		return s->target ? ui_unit_name(v->ui, s->target) : "";
	default:
		return s->comment ? s->comment : "";
	}
}

static attr_t view_attr(void *arg, long row)
{
	struct tview *v = arg;
	if (v->steps)
		return v->t->steps[v->step[row]].act == TA_CARD ? ui_attr(v->ui, UI_A_ERROR) : A_NORMAL;
	const struct task_recv *r = &v->t->recv[v->recv[row]];
	return red_card(r) ? ui_attr(v->ui, UI_A_ERROR) : r->cards ? ui_attr(v->ui, UI_A_WARN) : A_NORMAL;
}

/* The line above the table: kind, issuer, the account's state and clock, the progress. */
static void view_top(struct ui *ui, struct ui_table_screen *s, char *buf, size_t n)
{
	struct tview *v = s->arg;
	const struct task *t = v->t;
	char *issuer = xasprintf("｜下发：%s", ui_unit_name(ui, t->issuer));
	char *mine = v->mine ? xasprintf("｜本单位%s", task_state_zh[v->mine->state]) : NULL;
	char *done = NULL, *due = NULL, *sup = NULL;
	if (v->all) {
		int nd = 0;
		for (int i = 0; i < t->nrecv; i++)
			nd += t->recv[i].state == TS_DONE;
		done = xasprintf("｜%d/%d 办结", nd, t->nrecv);
	}
	int st = task_stage(t, v->mine, v->all);
	if (st >= 0) {
		char when[48];
		due_text(ui, task_deadline(ui->c->cal, &v->lim, t, st, 0), true, when, sizeof when);
		due = xasprintf("｜%s %s", st == TSTAGE_SIGN ? "签收时限" : "办结时限", when);
	}
	if (t->supervised)
		sup = xasprintf("｜督办 %d 次", t->supervised);
	/* At 80 columns a long issuer's name is shortened (to two characters, then left out) before
	 * the count of receivers done and of supervisions go; the kind, the state and the time limit
	 * stay. */
	const struct ui_part parts[] = {
		{.s = task_kinds[t->kind].zh}, {.s = issuer, .drop = 3, .keep = 13}, {.s = mine},
		{.s = done, .drop = 2},	       {.s = due},			     {.s = sup, .drop = 1},
	};
	ui_parts_fit(buf, n, parts, (int)ARRAY_LEN(parts), s->top_w);
	free(issuer);
	free(mine);
	free(done);
	free(due);
	free(sup);
}

/* The task's heading: what every full view starts with. */
static void task_heading(struct ui *ui, struct tview *v, struct sb *sb)
{
	const struct task *t = v->t;
	char when[20], sd[20], dd[20];
	datetime_format((time_t)t->created, when);
	datetime_format((time_t)task_deadline(ui->c->cal, &v->lim, t, TSTAGE_SIGN, 0), sd);
	datetime_format((time_t)task_deadline(ui->c->cal, &v->lim, t, TSTAGE_FEEDBACK, 0), dd);
	sb_addf(sb, "任务：%s\n类别：%s\n下发单位：%s\n下发时间：%s\n签收时限：%s\n办结时限：%s\n", t->title,
		task_kinds[t->kind].zh, ui_unit_name(ui, t->issuer), when, sd, dd);
	if (t->rtype) {
		const struct rtype *rt = schema_type(ui->c->schema, t->rtype);
		sb_addf(sb, "普查记录类型：%s\n", rt ? rt->title : t->rtype);
	}
	sb_addf(sb, "\n任务内容：\n%s\n", t->text);
}

/* The records of a feedback ("rental:19,dispute_event:2") as the screens name them:
 * "出租房:19、矛盾纠纷事件:2" (caller frees). */
static char *records_zh(struct ui *ui, const char *records)
{
	struct sb sb;
	sb_init(&sb);
	char *copy = xstrdup(records), *save = NULL;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *colon = strchr(tok, ':');
		if (colon)
			*colon = 0;
		const struct rtype *t = schema_type(ui->c->schema, tok);
		sb_addf(&sb, "%s%s%s%s", sb.len ? "、" : "", t ? t->title : tok, colon ? ":" : "", colon ? colon + 1 : "");
	}
	free(copy);
	return sb_steal(&sb);
}

/* Enter: the row in full (a receiver with the task it received, or a step). */
static void view_full(struct ui *ui, struct tview *v, long row)
{
	struct sb sb;
	sb_init(&sb);
	char title[240], a[20], b[20];
	if (!v->steps) {
		const struct task_recv *r = &v->t->recv[v->recv[row]];
		task_heading(ui, v, &sb);
		datetime_format((time_t)r->signed_at, a);
		datetime_format((time_t)r->fed_at, b);
		sb_addf(&sb, "\n接收单位：%s%s%s%s\n状态：%s\n签收时间：%s\n反馈时间：%s\n督办牌：%s（扣 %d 分）\n评价：%s\n",
			ui_unit_name(ui, r->unit), r->line ? "（经" : "", r->line ? perm_dept_zh(ui->c, r->line) : "",
			r->line ? "条线下发）" : "", task_state_zh[r->state], r->signed_at ? a : "-", r->fed_at ? b : "-",
			card_text(r), r->points[0] + r->points[1], r->eval ? task_eval_zh[r->eval] : "-");
		if (!str_empty(r->records)) {
			char *zh = records_zh(ui, r->records);
			sb_addf(&sb, "涉及的记录：%s\n", zh);
			free(zh);
		}
		sb_addf(&sb, "\n反馈内容：\n%s", str_empty(r->feedback) ? "（尚未反馈）" : r->feedback);
		snprintf(title, sizeof title, "%s > %s", v->title, ui_unit_name(ui, r->unit));
	} else {
		const struct task_step *s = &v->t->steps[v->step[row]];
		datetime_format((time_t)s->time, a);
		sb_addf(&sb, "时间：%s\n操作：%s\n单位：%s\n经办人：%s\n", a, task_act_zh[s->act], ui_unit_name(ui, s->unit),
			s->fullname ? s->fullname : s->user ? s->user : "");
		if (s->target)
			sb_addf(&sb, "接收单位：%s\n", ui_unit_name(ui, s->target));
		sb_addf(&sb, "\n意见：\n%s", str_empty(s->comment) ? "（无）" : s->comment);
		snprintf(title, sizeof title, "%s > 第 %ld 步 %s", v->title, row + 1, task_act_zh[s->act]);
	}
	ui_text_view(ui, title, sb.buf);
	sb_free(&sb);
}

/* Evaluation: which fed-back receiver (the row under the cursor first), and how. 0, or -1 on Esc. */
static int ask_eval(struct ui *ui, struct tview *v, long row, struct task_req *req)
{
	struct ui_pick_item items[TE__COUNT];
	int *which = xcalloc((size_t)v->t->nrecv + 1, sizeof *which), n = 0, cur = 0;
	struct ui_pick_item *units = xcalloc((size_t)v->t->nrecv + 1, sizeof *units);
	for (int i = 0; i < v->t->nrecv; i++)
		if (v->t->recv[i].state == TS_FEDBACK) {
			if (!v->steps && row < v->nrecv && v->recv[row] == i)
				cur = n;
			units[n] = (struct ui_pick_item){
			    .label = ui_unit_name(ui, v->t->recv[i].unit), .key = v->t->recv[i].unit, .show_key = true};
			which[n++] = i;
		}
	int k = n == 1 ? 0 : ui_pick(ui, "评价哪个单位的反馈", units, n, cur, NULL, NULL);
	if (k >= 0)
		req->unit = v->t->recv[which[k]].unit;
	free(units);
	free(which);
	if (k < 0)
		return -1;
	int m = 0;
	for (int e = TE_GOOD; e < TE__COUNT; e++)
		items[m++] = (struct ui_pick_item){.label = task_eval_zh[e], .key = task_eval_zh[e]};
	char title[160];
	snprintf(title, sizeof title, "评价%s的反馈", ui_unit_name(ui, req->unit));
	int e = ui_pick(ui, title, items, m, 0, NULL, NULL);
	if (e < 0)
		return -1;
	req->eval = TE_GOOD + e;
	return 0;
}

static const char *const act_label[TA__COUNT] = {
	[TA_FEEDBACK] = "反馈内容（办理情况）：",
	[TA_EVALUATE] = "评价意见（不满意时必填，写明退回重办的理由）：",
	[TA_SUPERVISE] = "督办意见：",
};

/* Ask for what action A needs, then take it; what was typed is kept when it is refused. */
static void view_do(struct ui *ui, struct tview *v, long row, int a)
{
	struct task_req req = {.act = a};
	char *comment = NULL, *records = NULL;
	if (a == TA_SIGN && !ui_confirm(ui, "签收任务“%s”？", v->t->title))
		return;
	if (a == TA_EVALUATE && ask_eval(ui, v, row, &req) < 0)
		return;
	char *unit = req.unit ? xstrdup(req.unit) : NULL;
	req.unit = unit;
	if (act_label[a]) {
		char title[240];
		snprintf(title, sizeof title, "%s > %s", v->title, task_act_zh[a]);
		comment = v->draft;
		v->draft = NULL;
		if (ui_text_edit(ui, title, act_label[a], &comment, (int)conf_int(ui->c->conf, "tasks.text_max"), 0) < 0)
			goto out;
	}
	if (a == TA_FEEDBACK && task_kinds[v->t->kind].records) {
		records = v->records;
		v->records = NULL;
		if (ui_prompt(ui, "涉及的记录（如 出租房:19，逗号分隔）：", &records, false) < 0)
			goto out;
	}
	req.comment = comment;
	req.records = records;
	int rc = task_act(ui->c, ui->u, v->id, &req);
	if (rc < 0) {
		/* Keep what was typed for the next try; show the task as it is now (another account may
		 * have acted meanwhile). */
		v->draft = comment;
		v->records = records;
		comment = records = NULL;
		char *why = xstrdup(errmsg());
		if (view_load(ui, v) == 0)
			errmsg_set(rc, "%s", why);
		free(why);
		ui_err(ui, rc);
		goto out;
	}
	v->changed = true;
	if (view_load(ui, v) < 0) {
		ui_err(ui, ZZ_ERR);
		goto out;
	}
	struct task_recv *r = task_recv_find(v->t, unit ? unit : ui->u->unit);
	if (a == TA_EVALUATE && r)
		ui_msg(ui, "已评价%s：%s，现为“%s”", ui_unit_name(ui, r->unit), task_eval_zh[req.eval], task_state_zh[r->state]);
	else if (a == TA_SUPERVISE)
		ui_msg(ui, "已督办（第 %d 次）", v->t->supervised);
	else
		ui_msg(ui, "已%s：本单位现为“%s”", task_act_zh[a], r ? task_state_zh[r->state] : "");
out:
	free(unit);
	free(comment);
	free(records);
}

static int view_act(struct ui *ui, struct ui_table_screen *s, enum ui_act a)
{
	struct tview *v = s->arg;
	if (a == UI_ENTER) {
		if (s->t.nrows > 0)
			view_full(ui, v, s->t.cur);
		return UI_DONE;
	}
	if (a == UI_VIEW) {
		v->steps = !v->steps;
		view_table(v, &s->t);
		s->t.cur = v->steps && s->t.nrows ? s->t.nrows - 1 : 0;
		ui_msg(ui, "%s", v->steps ? "办理过程（V 切换到各单位进度）" : "各接收单位的进度（V 切换到办理过程）");
		return UI_DONE;
	}
	if (a != UI_DO)
		return UI_NOTMINE;
	if (v->nacts == 0) {
		bool open = false;
		for (int i = 0; i < v->t->nrecv; i++)
			open |= v->t->recv[i].state != TS_DONE;
		if (v->mine && stage_of(v->mine) < 0)
			ui_msg(ui, "本单位的任务现为“%s”，本账号现在不能对它做任何操作", task_state_zh[v->mine->state]);
		else if (!open)
			ui_msg(ui, "任务已全部办结，不能再操作");
		else
			ui_msg(ui, "本账号只能查看这项任务，不能办理");
		ui->msg_err = true;
		return UI_DONE;
	}
	struct ui_pick_item items[TA__COUNT];
	for (int i = 0; i < v->nacts; i++)
		items[i] = (struct ui_pick_item){.label = task_act_zh[v->acts[i]], .key = task_act_id[v->acts[i]]};
	int k = ui_pick(ui, "选择操作", items, v->nacts, 0, NULL, NULL);
	if (k >= 0)
		view_do(ui, v, s->t.cur, v->acts[k]);
	if (!v->t)
		return UI_CLOSE; /* it could not be read again: the message says why */
	long cur = s->t.cur;
	view_table(v, &s->t);
	s->t.cur = v->steps && s->t.nrows ? s->t.nrows - 1 : cur;
	return UI_DONE;
}

int ui_task_open(struct ui *ui, uint64_t id)
{
	struct tview v = {.ui = ui, .id = id};
	int rc = view_load(ui, &v);
	if (rc < 0) {
		ui_err(ui, rc);
		view_free(&v);
		return 0;
	}
	/* The issuer comes for the progress, a receiver for the task and what happened to it. */
	v.steps = !v.all;
	struct ui_table_screen s = {
		.title = v.title,
		.keys = &v.keys,
		.t = {.cell = view_cell, .row_attr = view_attr, .arg = &v},
		.top = view_top,
		.act = view_act,
		.arg = &v,
	};
	view_table(&v, &s.t);
	ui_table_run(ui, &s);
	bool changed = v.changed;
	view_free(&v);
	free(v.draft);
	free(v.records);
	return changed ? 1 : 0;
}

int ui_task_open_ref(struct ui *ui, const char *ref)
{
	uint64_t id;
	return ui_ref_id(ui, ref, "任务", &id) ? ui_task_open(ui, id) : 0;
}

/* ---- issuing a task ---- */

enum { IF_KIND, IF_TITLE, IF_TEXT, IF_RECV, IF_SIGN, IF_DONE, IF_TYPE, IF__COUNT };

struct issue {
	struct field f[IF__COUNT];
	const struct field *fp[IF__COUNT];
	char *v[IF__COUNT + 1];
	struct codetable kinds, units, types; /* units: the units, then nlines department lines */
	int nlines;
	uint64_t id;
};

static void table_add(struct codetable *t, const char *code, const char *label)
{
	t->v = xrealloc(t->v, (size_t)(t->n + 1) * sizeof *t->v);
	t->v[t->n++] = (struct code){.code = xstrdup(code), .label = xstrdup(label)};
}

static void table_free(struct codetable *t)
{
	for (int i = 0; i < t->n; i++) {
		free(t->v[i].code);
		free(t->v[i].label);
	}
	free(t->v);
}

static void issue_init(struct ui *ui, struct issue *is)
{
	struct ctx *c = ui->c;
	for (int k = 0; k < TK__COUNT; k++)
		table_add(&is->kinds, task_kinds[k].id, task_kinds[k].zh);
	const struct units *us = ctx_units(c);
	for (int i = 0; i < us->n; i++)
		if (task_may_receive(c, ui->u, us->v[i].code))
			table_add(&is->units, us->v[i].code, us->v[i].name);
	/* Department lines, after the units: "line:police" shown as 公安条线（7 个单位）. */
	struct strv lines;
	task_lines(c, ui->u, &lines);
	is->nlines = lines.n;
	for (int i = 0; i < lines.n; i++) {
		struct strv got;
		char *code = xasprintf("%s%s", TASK_LINE_PREFIX, lines.v[i]);
		char *label = NULL;
		if (task_line_units(c, ui->u, lines.v[i], &got) == 0)
			label = xasprintf("%s条线（%d 个单位）", perm_dept_zh(c, lines.v[i]), got.n);
		strv_free(&got);
		table_add(&is->units, code, label ? label : code);
		free(code);
		free(label);
	}
	strv_free(&lines);
	for (int i = 0; i < c->schema->n; i++)
		table_add(&is->types, c->schema->t[i]->id, c->schema->t[i]->title);
	double most = (double)conf_int(c->conf, "tasks.days_max");
	is->f[IF_KIND] = (struct field){.id = "kind", .label = "任务类别", .type = FT_ENUM, .required = true,
				       .codes = &is->kinds, .help = "交办、信息核实、专项普查、目标任务、整改"};
	is->f[IF_TITLE] = (struct field){.id = "title", .label = "标题", .type = FT_TEXT, .required = true, .has_max = true,
					.max = (double)conf_int(c->conf, "tasks.title_max") / 3};
	is->f[IF_TEXT] = (struct field){.id = "text", .label = "任务内容", .type = FT_LONGTEXT, .required = true,
				       .has_max = true, .max = (double)conf_int(c->conf, "tasks.text_max"),
				       .help = "回车进入多行编辑，F2 完成"};
	is->f[IF_RECV] = (struct field){.id = "to", .label = "接收单位", .type = FT_MULTI, .required = true,
				       .codes = &is->units, .help = "回车打开单位树：空格选中，* 连同下级，→ 展开，回车完成；也可选部门条线"};
	is->f[IF_SIGN] = (struct field){.id = "sign_days", .label = "签收时限（工作日）", .type = FT_INT, .required = true,
				       .has_min = true, .min = 1, .has_max = true, .max = most};
	is->f[IF_DONE] = (struct field){.id = "done_days", .label = "办结时限（工作日）", .type = FT_INT, .required = true,
				       .has_min = true, .min = 1, .has_max = true, .max = most};
	is->f[IF_TYPE] = (struct field){.id = "type", .label = "普查记录类型", .type = FT_ENUM, .codes = &is->types,
				       .help = "专项普查时选择普查的记录类型，其他任务不填"};
	for (int i = 0; i < IF__COUNT; i++)
		is->fp[i] = &is->f[i];
	is->v[IF_SIGN] = xasprintf("%lld", conf_int(c->conf, "tasks.sign_days"));
	is->v[IF_DONE] = xasprintf("%lld", conf_int(c->conf, "tasks.done_days"));
}

static void issue_free(struct issue *is)
{
	for (int i = 0; i < IF__COUNT; i++)
		free(is->v[i]);
	table_free(&is->kinds);
	table_free(&is->units);
	table_free(&is->types);
}

static int days_of(const char *s)
{
	long long d = 0;
	return s && str_to_ll(s, &d) == 0 && d > 0 && d < 100000 ? (int)d : 0;
}

static int issue_save(struct ui *ui, struct ui_form *fm, int *bad)
{
	struct issue *is = fm->arg;
	struct task_new n = {.kind = -1, .title = is->v[IF_TITLE], .text = is->v[IF_TEXT], .rtype = is->v[IF_TYPE],
			     .sign_days = days_of(is->v[IF_SIGN]), .done_days = days_of(is->v[IF_DONE])};
	for (int k = 0; is->v[IF_KIND] && k < TK__COUNT; k++)
		if (!strcmp(is->v[IF_KIND], task_kinds[k].id))
			n.kind = k;
	if (n.kind < 0) {
		*bad = IF_KIND;
		return errmsg_set(ZZ_EMISSING, "请选择任务类别");
	}
	char *copy = xstrdup(is->v[IF_RECV] ? is->v[IF_RECV] : ""), *save = NULL;
	const char **recv = NULL;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		recv = xrealloc(recv, (size_t)(n.nrecv + 1) * sizeof *recv);
		recv[n.nrecv++] = tok;
	}
	n.recv = recv;
	uint64_t id = 0;
	int rc = task_issue(ui->c, ui->u, &n, &id);
	free(recv);
	free(copy);
	if (rc == 0) {
		/* Issued once: the form only shows it now; leaving it opens the task. Lines became their
		 * units: the count is the task's. */
		is->id = id;
		fm->readonly = true;
		struct task *t = NULL;
		struct task_recv *mine = NULL;
		int nrecv = task_get(ui->c, ui->u, id, &t, &mine) == 0 ? t->nrecv : n.nrecv;
		task_free(&t);
		ui_msg(ui, "已下发：任务号 %llu，%d 个接收单位；按 Esc 查看任务进度", (unsigned long long)id, nrecv);
	}
	return rc;
}

static bool may_receive(struct ui *ui, const struct unit *x, void *arg)
{
	(void)arg;
	return task_may_receive(ui->c, ui->u, x->code);
}

/* Enter on 接收单位: the unit tree below the account's unit (ui_pick_units), the department lines
 * above it. */
static void pick_receivers(struct ui *ui, struct ui_form *fm, struct issue *is)
{
	int nunits = is->units.n - is->nlines;
	struct ui_pick_item *lines = xcalloc((size_t)is->nlines + 1, sizeof *lines);
	for (int i = 0; i < is->nlines; i++) {
		const struct code *k = &is->units.v[nunits + i];
		lines[i] = (struct ui_pick_item){.label = k->label, .key = k->code};
	}
	char *val = fm->v[IF_RECV] ? xstrdup(fm->v[IF_RECV]) : NULL;
	struct ui_pick_units_req q = {.title = "接收单位", .top = perm_scope(ui->c, ui->u), .may = may_receive,
				      .lines = lines, .nlines = is->nlines};
	if (ui_pick_units(ui, &q, &val) == 0) {
		ui_form_set(fm, IF_RECV, val);
		fm->dirty = true;
	}
	free(val);
	free(lines);
}

static int issue_act(struct ui *ui, struct ui_form *fm, enum ui_act a)
{
	struct issue *is = fm->arg;
	/* Once issued, any key but help leaves the form, and the task opens. */
	if (is->id)
		return a != UI_HELP ? UI_CLOSE : UI_NOTMINE;
	if (a != UI_ENTER || fm->readonly || fm->cur != IF_RECV)
		return UI_NOTMINE;
	pick_receivers(ui, fm, is);
	return UI_DONE;
}

static const enum ui_act form_acts[] = {UI_UP, UI_DOWN, UI_NEXT, UI_PREV, UI_ENTER, UI_SAVE, UI_BACK, UI_NONE};
static const enum ui_act form_hints[] = {UI_SAVE, UI_ENTER, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys form_keys = {
	.screen = "下发任务",
	.about = "向本单位以下的单位下发一项任务。类别从列表中选择；任务内容按回车在多行编辑中填写（F2 完成）；"
		 "接收单位按回车打开单位树：→ 展开、← 收起，空格选中一个单位，* 选中它和它以下的全部单位（部门列在所属单位下），"
		 "树上面的“公安条线”等表示本单位以下该部门的全部单位，下发时换成具体的单位；回车完成；签收时限和办结时限按工作日计，默认值见设置。"
		 "专项普查可以选择普查的记录类型。F2 或 Ctrl-S 下发：各接收单位的待办事项中出现“任务待签收”。"
		 "被拒绝时填写的内容都保留，改正后再按 F2。",
	.acts = form_acts,
	.hints = form_hints,
};

/* Returns the new task's id, 0 when none was issued. */
static uint64_t task_new_form(struct ui *ui)
{
	if (!task_may_issue(ui->c, ui->u)) {
		ui_msg(ui, "本账号不能下发任务：须是有权办理事件的单位账号，且本单位以下有单位");
		ui->msg_err = true;
		return 0;
	}
	struct issue is = {0};
	issue_init(ui, &is);
	struct ui_form fm = {
		.title = "下发任务",
		.keys = &form_keys,
		.f = is.fp,
		.nf = IF__COUNT,
		.v = is.v,
		.save = issue_save,
		.act = issue_act,
		.arg = &is,
	};
	ui_form_run(ui, &fm);
	uint64_t id = is.id;
	issue_free(&is);
	return id;
}

/* ---- the list ---- */

struct trow {
	uint64_t id;
	char *cells[6];
	int level; /* TODO_* for its colour */
};

struct tlist {
	struct ui *ui;
	struct trow *rows;
	long n;
};

static const struct ui_col list_cols[] = {
	{.title = "任务号", .width = 6, .right = true}, {.title = "状态", .width = 12},	{.title = "时限", .width = 15},
	{.title = "督办牌", .width = 8},		  {.title = "下发单位", .width = 10}, {.title = "标题", .width = 40},
};

static void list_free(struct tlist *l)
{
	for (long i = 0; i < l->n; i++)
		for (int c = 0; c < 6; c++)
			free(l->rows[i].cells[c]);
	free(l->rows);
	l->rows = NULL;
	l->n = 0;
}

/* One row: the account's own receiver row when it is one, else the progress of all. */
static void list_row(struct ui *ui, struct task *t, struct trow *row, const struct task_limits *lim)
{
	struct task_recv *mine = task_recv_find(t, ui->u->unit);
	bool all = !mine;
	int done = 0, red = 0, yellow = 0;
	for (int i = 0; i < t->nrecv; i++) {
		const struct task_recv *r = &t->recv[i];
		if (!all && r != mine)
			continue;
		done += r->state == TS_DONE;
		red += red_card(r);
		yellow += r->cards && !red_card(r);
	}
	row->id = t->id;
	row->cells[0] = xasprintf("%llu", (unsigned long long)t->id);
	row->cells[1] = mine ? xstrdup(task_state_zh[mine->state]) : xasprintf("%d/%d 办结", done, t->nrecv);
	int st = task_stage(t, mine, all);
	char due[48] = "-";
	int level = TODO_INFO;
	if (st >= 0) {
		int64_t d = task_deadline(ui->c->cal, lim, t, st, 0);
		due_text(ui, d, false, due, sizeof due);
		if (calendar_left(ui->c->cal, (int64_t)time(NULL), d) <= lim->warn_days)
			level = TODO_WARN;
	}
	row->cells[2] = xstrdup(due);
	if (mine)
		row->cells[3] = xstrdup(card_text(mine));
	else if (red || yellow)
		row->cells[3] = xasprintf("红%d 黄%d", red, yellow);
	else
		row->cells[3] = xstrdup("-");
	row->cells[4] = xstrdup(ui_unit_name(ui, t->issuer));
	row->cells[5] = xstrdup(t->title);
	row->level = red ? TODO_RED : yellow ? TODO_YELLOW : level;
}

static int list_load(struct ui *ui, struct tlist *l)
{
	list_free(l);
	struct task **v = NULL;
	int n = 0;
	int rc = task_list(ui->c, ui->u, &v, &n);
	if (rc < 0)
		return rc;
	struct task_limits lim;
	task_limits_load(ui->c->conf, &lim);
	l->rows = xcalloc((size_t)n + 1, sizeof *l->rows);
	for (int i = 0; i < n; i++) {
		list_row(ui, v[i], &l->rows[l->n++], &lim);
		task_free(&v[i]);
	}
	free(v);
	return 0;
}

static const char *list_cell(void *arg, long row, int col, char *buf, size_t n)
{
	(void)buf;
	(void)n;
	return ((struct tlist *)arg)->rows[row].cells[col];
}

static attr_t list_attr(void *arg, long row)
{
	struct tlist *l = arg;
	int level = l->rows[row].level;
	return level == TODO_RED ? ui_attr(l->ui, UI_A_ERROR) : level >= TODO_WARN ? ui_attr(l->ui, UI_A_WARN) : A_NORMAL;
}

static void list_top(struct ui *ui, struct ui_table_screen *s, char *buf, size_t n)
{
	struct tlist *l = s->arg;
	snprintf(buf, n, "%s 接收和下发的任务，共 %ld 项", ui_unit_name(ui, ui->u->unit), l->n);
}

static const enum ui_act list_acts[] = {UI_UP,	 UI_DOWN,  UI_PGUP, UI_PGDN, UI_HOME, UI_END, UI_LEFT,
					UI_RIGHT, UI_ENTER, UI_ADD,  UI_BACK, UI_NONE};
static const enum ui_act list_hints[] = {UI_ENTER, UI_ADD, UI_BACK, UI_HELP, UI_NONE};
static const enum ui_act list_acts_view[] = {UI_UP,    UI_DOWN,	 UI_PGUP, UI_PGDN, UI_HOME, UI_END,
					     UI_LEFT, UI_RIGHT, UI_ENTER, UI_BACK, UI_NONE};
static const enum ui_act list_hints_view[] = {UI_ENTER, UI_BACK, UI_HELP, UI_NONE};
static const char list_about[] =
	"本单位接收的任务（状态、本单位的时限和还剩几个工作日、督办牌），以及本单位或下级单位下发的任务"
	"（状态一栏是办结进度，督办牌一栏是出牌的接收单位数），新的在前；出了红牌的标红，黄牌或临近时限的标黄。"
	"回车打开任务";

static int list_act(struct ui *ui, struct ui_table_screen *s, enum ui_act a)
{
	struct tlist *l = s->arg;
	bool reload = false;
	if (a == UI_ENTER) {
		if (l->n == 0)
			return UI_DONE;
		reload = ui_task_open(ui, l->rows[s->t.cur].id) > 0;
	} else if (a == UI_ADD && task_may_issue(ui->c, ui->u)) {
		uint64_t id = task_new_form(ui);
		if (id) {
			ui_task_open(ui, id);
			reload = true;
		}
	} else {
		return UI_NOTMINE;
	}
	if (reload) {
		int rc = list_load(ui, l);
		if (rc < 0)
			ui_err(ui, rc);
		ui_table_rows(&s->t, l->n);
	}
	return UI_DONE;
}

int ui_task_run(struct ui *ui)
{
	struct tlist l = {.ui = ui};
	int rc = list_load(ui, &l);
	if (rc < 0)
		ui_err(ui, rc);
	bool issue = task_may_issue(ui->c, ui->u);
	char *about = xasprintf("%s%s；Esc 返回主菜单。", list_about, issue ? "；a 或 F5 向下级单位下发新任务" : "");
	struct ui_keys keys = {.screen = "任务督办",
			       .about = about,
			       .acts = issue ? list_acts : list_acts_view,
			       .hints = issue ? list_hints : list_hints_view};
	struct ui_table_screen s = {
		.title = "任务督办",
		.keys = &keys,
		.t = {.cols = list_cols, .ncols = (int)ARRAY_LEN(list_cols), .nrows = l.n, .cell = list_cell,
		      .row_attr = list_attr, .arg = &l, .fixed = 1},
		.top = list_top,
		.act = list_act,
		.arg = &l,
	};
	ui_table_run(ui, &s);
	list_free(&l);
	free(about);
	return 0;
}
