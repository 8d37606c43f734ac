/* ui_event.c — the dispute event screens: the list of events, registration, the event with its
 * deadlines and timeline, and its actions (the rows of the workflow table the account may take,
 * asking for what each needs). Everything goes through event.c, as the command line does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "event.h"
#include "perm.h"
#include "service.h"
#include "stats.h"
#include "ui_event.h"
#include "ui_screen.h"

bool ui_event_visible(struct ui *ui)
{
	const struct rtype *t = event_type(ui->c);
	return t && perm_may(ui->c, ui->u, ACT_VIEW, t, NULL);
}

/* ---- one event: deadlines, timeline, actions ---- */

struct evview {
	struct ui *ui;
	uint64_t id;
	struct event *ev;
	struct rec *r;
	struct ev_step *steps; /* unit codes replaced by names */
	int nsteps;
	int acts[EA__COUNT];
	int nacts;
	char title[160];
	bool changed;
	char *draft; /* the opinion typed for an action that was refused: offered again */
	struct ui_keys keys; /* the legend follows what the account may do now */
	enum ui_act hints[6];
};

static const struct ui_col step_cols[] = {
	{.title = "时间", .width = 11}, {.title = "操作", .width = 8},	 {.title = "单位", .width = 12},
	{.title = "经办人", .width = 6}, {.title = "去向", .width = 10}, {.title = "意见", .width = 40},
	{.title = "备注", .width = 24},
};

static const enum ui_act view_acts[] = {UI_UP,   UI_DOWN, UI_PGUP,  UI_PGDN, UI_HOME,    UI_END, UI_LEFT,
					UI_RIGHT, UI_DO,  UI_ENTER, UI_EDIT, UI_REFRESH, UI_BACK, UI_NONE};
static const enum ui_act view_hints[] = {UI_DO, UI_ENTER, UI_EDIT, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys view_keys = {
	.screen = "事件办理",
	.about = "一件矛盾纠纷事件。第一行是状态、所在单位和时限（离黄牌、红牌还剩几个工作日），下面是办理过程："
		 "每一步的时间、操作、单位、经办人、去向和意见（意见较长或有多行时只显示第一行，以“…”结尾）。"
		 "回车显示光标所在这一步的全文（完整的意见、备注）；z 选择本账号现在可以执行的操作（受理、办理、"
		 "结案、上报、越级上报、交办、反馈、回退、申请延期、审批延期、督办、督办评价），再按提示填写，"
		 "意见在多行编辑中填写（回车换行，F2 提交），只读账号（领导）不能办理；e 或 F4 查看或修改事件信息"
		 "（类别、人数、地点、当事人、描述），只读账号和已结案的事件只能查看（底行为“e详情”）；F 重新读取；"
		 "Esc 返回。别人（如上级受理、交办）在您打开期间办理了这件事件时，"
		 "按 z 会先重新读取，提示“该事件已被他人处理，已刷新”并显示现状，不按旧状态操作。",
	.acts = view_acts,
	.hints = view_hints,
	.enter_name = "全文",
};

static void view_free(struct evview *v)
{
	event_free(&v->ev);
	rec_free(&v->r);
	event_steps_free(v->steps, v->nsteps);
	v->steps = NULL;
	v->nsteps = 0;
}

static void to_name(struct ui *ui, char **code)
{
	if (*code) {
		char *name = xstrdup(ui_unit_name(ui, *code));
		free(*code);
		*code = name;
	}
}

static int view_load(struct ui *ui, struct evview *v)
{
	view_free(v);
	int rc = event_get(ui->c, ui->u, v->id, &v->ev, &v->r);
	if (rc == 0)
		rc = event_steps(ui->c, v->id, &v->steps, &v->nsteps);
	if (rc < 0)
		return rc;
	for (int i = 0; i < v->nsteps; i++) {
		to_name(ui, &v->steps[i].unit);
		to_name(ui, &v->steps[i].to);
	}
	v->nacts = event_actions(ui->c, ui->u, v->ev, v->r, v->acts);
	/* z only when there is an action to take; e is 修改 to those who may change the fields now, and
	 * 详情 (the fields, read-only) to the others: a leader, anyone once the event is closed. */
	int n = 0;
	if (v->nacts)
		v->hints[n++] = UI_DO;
	v->hints[n++] = UI_ENTER;
	v->hints[n++] = UI_EDIT;
	v->hints[n++] = UI_BACK;
	v->hints[n++] = UI_HELP;
	v->hints[n] = UI_NONE;
	v->keys = view_keys;
	v->keys.hints = v->hints;
	/* The event just read says whether it is closed and who holds it (no second read, as
	 * service_frozen would); the save asks again in its transaction, whatever the screen showed. */
	bool may_edit = perm_may(ui->c, ui->u, ACT_EDIT, event_type(ui->c), v->r->unit) &&
			event_fields_frozen(v->ev) == 0 && event_may_edit(ui->c, ui->u, v->ev) == 0;
	v->keys.edit_name = may_edit ? NULL : "详情";
	char buf[32];
	snprintf(v->title, sizeof v->title, "事件 %llu %s", (unsigned long long)v->id, rec_name(v->r, buf, sizeof buf));
	return 0;
}

static const char *step_cell(void *arg, long row, int col, char *buf, size_t n)
{
	struct evview *v = arg;
	const struct ev_step *s = &v->steps[row];
	const char *out = NULL;
	switch (col) {
	case 0:
		ui_short_time(s->time, buf);
		return buf;
	case 1:
		return wf_actions[s->action].zh;
	case 2:
		out = s->unit;
		break;
	case 3:
		out = s->fullname ? s->fullname : s->user;
		break;
	case 4:
		out = s->to;
		break;
	case 5:
		out = s->comment;
		break;
	default:
		out = s->extra;
		break;
	}
	snprintf(buf, n, "%s", out ? out : "");
	return buf;
}

static attr_t step_attr(void *arg, long row)
{
	struct evview *v = arg;
	return v->steps[row].action == EA_CARD ? ui_attr(v->ui, UI_A_ERROR) : A_NORMAL;
}

/* The line above the timeline: state, unit, and what the clocks say, in the columns it has. */
static void view_top(struct ui *ui, struct ui_table_screen *s, char *buf, size_t n)
{
	struct evview *v = s->arg;
	const struct event *ev = v->ev;
	char *holder = NULL, *assigner = NULL, *ext = NULL, *sup = NULL;
	holder = xasprintf("｜%s", ui_unit_name(ui, ev->holder));
	if (ev->assigners.n && ev->state != EV_CLOSED)
		assigner = xasprintf("（%s交办）", ui_unit_name(ui, ev->assigners.v[ev->assigners.n - 1]));
	struct ev_clock k;
	event_clock(ui->c, ev, &k);
	int64_t now = (int64_t)time(NULL);
	/* Compact: "剩余工作日 受理 黄1 红2，办理 黄5 红10". */
	struct sb sb;
	sb_init(&sb);
	for (int st = 0; st < STAGE__COUNT; st++) {
		if (!k.pending[st] && k.met[st]) {
			/* The handling clock stopped by the first 办理 opinion: said, not left out. */
			char *met = event_met_text(ev, &k, st);
			sb_addf(&sb, "%s%s", sb.len ? "，" : "｜", met);
			free(met);
		}
		if (!k.pending[st])
			continue;
		sb_addf(&sb, "%s%s", sb.len ? "，" : "｜剩余工作日 ", stage_zh[st]);
		for (int c = 0; c < CARD__KINDS; c++) {
			const char *card = c == CARD_YELLOW ? "黄" : "红";
			int left = calendar_left(ui->c->cal, now, k.due[st][c]);
			if (ev->cards & deadline_bit(st, c))
				sb_addf(&sb, " %s已出", card);
			else if (left < 0)
				sb_addf(&sb, " %s超期", card);
			else if (left == 0)
				sb_addf(&sb, " %s今日", card);
			else
				sb_addf(&sb, " %s%d", card, left);
		}
	}
	if (ev->ext_req_days)
		ext = xasprintf("｜延期申请 %d 天待批", ev->ext_req_days);
	if (*ev->supervisor)
		sup = xasprintf("｜督办：%s", ui_unit_name(ui, ev->supervisor));
	/* What gives way when it does not fit: who assigned it, the supervisor's name (to two
	 * characters), the extension asked, the holder's name (to four); the state and the clocks
	 * stay. Widths: "｜" and each Chinese character take two columns. */
	const struct ui_part parts[] = {
		{.s = ev_state_zh[ev->state]},
		{.s = holder, .drop = 2, .keep = 11},
		{.s = assigner, .drop = 5},
		{.s = sb.buf},
		{.s = ext, .drop = 3},
		{.s = sup, .drop = 4, .keep = 13},
	};
	ui_parts_fit(buf, n, parts, (int)ARRAY_LEN(parts), s->top_w);
	sb_free(&sb);
	free(holder);
	free(assigner);
	free(ext);
	free(sup);
}

/* Pick a unit from the codes in CODES (labels are their names); 0 with *out set, -1 on Esc. */
static int pick_units(struct ui *ui, const char *title, const struct strv *codes, char **out)
{
	if (codes->n == 0) {
		ui_msg(ui, "没有可选的单位");
		return -1;
	}
	struct ui_pick_item *items = xcalloc((size_t)codes->n, sizeof *items);
	for (int i = 0; i < codes->n; i++)
		items[i] = (struct ui_pick_item){.label = ui_unit_name(ui, codes->v[i]), .key = codes->v[i], .show_key = true};
	int k = ui_pick(ui, title, items, codes->n, 0, NULL, NULL);
	free(items);
	if (k < 0)
		return -1;
	*out = xstrdup(codes->v[k]);
	return 0;
}

static const struct wf_rule *rule_of(const struct event *ev, int a)
{
	for (int i = 0; i < wf_rules_len; i++)
		if (wf_rules[i].from == ev->state && wf_rules[i].action == a)
			return &wf_rules[i];
	return NULL;
}

/* The working days of an extension asked, checked against the most allowed here, before the
 * reason is written (ui_prompt_act keeps the text when refused). */
static int days_take(struct ui *ui, const char *text, void *arg)
{
	long long d = 0;
	long long max = conf_int(ui->c->conf, "events.extension_max_days");
	if (str_to_ll(text, &d) < 0 || d < 1 || d > max)
		return errmsg_set(ZZ_EINVAL, "延期天数应为 1 到 %lld 个工作日", max);
	*(int *)arg = (int)d;
	return 0;
}

/* Read the event again. 1 when someone else acted on it or changed it since it was shown (a step
 * added: every action and edit is one; the state or the holder moved), told on the message line
 * with what it is now; 0 when unchanged; negative when it can no longer be read. */
static int view_refresh(struct ui *ui, struct evview *v)
{
	int steps = v->ev->nsteps, state = v->ev->state;
	char *holder = xstrdup(v->ev->holder);
	int rc = view_load(ui, v);
	if (rc == 0 && (v->ev->nsteps != steps || v->ev->state != state || strcmp(v->ev->holder, holder) != 0)) {
		v->changed = true;
		ui_msg(ui, "该事件已被他人处理，已刷新：现为“%s”（%s）", ev_state_zh[v->ev->state],
		       ui_unit_name(ui, v->ev->holder));
		rc = 1;
	}
	free(holder);
	return rc;
}

/* Ask for what action A needs, then take it. Negative when the event can no longer be read. */
static int view_do(struct ui *ui, struct evview *v, int a)
{
	int gone = 0;
	const struct wf_rule *rule = rule_of(v->ev, a);
	const struct units *us = ctx_units(ui->c);
	struct ev_req req = {.action = a};
	char *to = NULL, *comment = NULL, *days = NULL, *eval = NULL;
	struct strv units = {0};
	if (rule && rule->goes == GO_CHILD) {
		for (int i = 0; i < us->n; i++)
			if (!strcmp(us->v[i].parent, v->ev->holder))
				strv_push(&units, us->v[i].code);
		if (pick_units(ui, "交办给（下级单位或成员单位）", &units, &to) < 0)
			goto out;
	} else if (rule && rule->goes == GO_ANCESTOR) {
		const struct unit *h = units_find(us, v->ev->holder);
		const struct unit *p = h && *h->parent ? units_find(us, h->parent) : NULL;
		for (const struct unit *x = p && *p->parent ? units_find(us, p->parent) : NULL; x;
		     x = *x->parent ? units_find(us, x->parent) : NULL)
			strv_push(&units, x->code);
		if (pick_units(ui, "越级上报给", &units, &to) < 0)
			goto out;
	}
	if (rule && (rule->checks & CHK_DAYS)) {
		char ask[64];
		snprintf(ask, sizeof ask, "延期几个工作日（1-%lld）：",
			 conf_int(ui->c->conf, "events.extension_max_days"));
		if (ui_prompt_act(ui, ask, &days, days_take, &req.days) < 0)
			goto out;
	}
	if (rule && (rule->checks & CHK_EVAL)) {
		const struct codetable *ct = codes_find(ui->c->codes, "supervise_eval");
		if (!ct)
			goto out;
		struct ui_pick_item *items = xcalloc((size_t)ct->n, sizeof *items);
		for (int i = 0; i < ct->n; i++)
			items[i] = (struct ui_pick_item){.label = ct->v[i].label, .key = ct->v[i].code};
		int k = ui_pick(ui, "督办评价", items, ct->n, 0, NULL, NULL);
		free(items);
		if (k < 0)
			goto out;
		eval = xstrdup(ct->v[k].code);
	}
	char label[96], title[200];
	bool need = rule && (rule->checks & CHK_COMMENT);
	snprintf(label, sizeof label, "%s%s：", wf_actions[a].hint, need ? "" : "（可不填）");
	snprintf(title, sizeof title, "%s > %s", v->title, wf_actions[a].zh);
	comment = v->draft;
	v->draft = NULL;
	/* A text the action needs, left empty: said in the editor, which stays (it closed, and the
	 * action had to be chosen again). */
	for (;;) {
		if (ui_text_edit(ui, title, label, &comment,
				 (int)conf_int(ui->c->conf, "events.comment_max"), 0) < 0)
			goto out;
		if (workflow_comment_check(rule, comment) == 0)
			break;
		ui_err(ui, ZZ_EINVAL);
	}
	req.to = to;
	req.comment = str_empty(comment) ? NULL : comment;
	req.eval = eval;
	req.if_holder = v->ev->holder;
	req.if_state = v->ev->state;
	if (to && !ui_confirm(ui, "确认%s到%s？", wf_actions[a].zh, ui_unit_name(ui, to)))
		goto out;
	/* Acted on while the opinion was typed: event_act refuses (the state or holder read, above)
	 * saying who did what, and the event is shown as it is now. */
	int rc = event_act(ui->c, ui->u, v->id, &req);
	if (rc < 0) {
		/* Keep what was typed for the next action; show the event as it is now. */
		if (rc == ZZ_ESTALE) {
			char *why = xstrdup(errmsg());
			if (view_load(ui, v) == 0)
				v->changed = true;
			else
				gone = rc;
			errmsg_set(rc, "%s", why);
			free(why);
		} else if (rc != ZZ_EDB) {
			/* Refused for a change the state check does not see (an extension decided by a
			 * colleague): the event is read again, so that it no longer shows what it was. */
			char *why = xstrdup(errmsg());
			int steps = v->ev->nsteps;
			bool moved = false;
			if (view_load(ui, v) < 0)
				gone = rc;
			else if (v->ev->nsteps != steps)
				moved = v->changed = true;
			errmsg_set(rc, "%s%s", why, moved ? "（该事件已被他人处理，已刷新）" : "");
			free(why);
		}
		if (!str_empty(comment)) {
			v->draft = comment;
			comment = NULL;
		}
		ui_err(ui, rc);
		goto out;
	}
	v->changed = true;
	if (view_load(ui, v) < 0) {
		gone = ui_err(ui, ZZ_ERR);
		goto out;
	}
	ui_msg(ui, "已%s：事件现为“%s”（%s）", wf_actions[a].zh, ev_state_zh[v->ev->state], ui_unit_name(ui, v->ev->holder));
out:
	strv_free(&units);
	free(to);
	free(comment);
	free(days);
	free(eval);
	return gone;
}

/* One step of the timeline in full: its opinion and notes, however long. */
static void view_step(struct ui *ui, struct evview *v, int i)
{
	const struct ev_step *st = &v->steps[i];
	char when[20], title[200];
	datetime_format((time_t)st->time, when);
	struct sb sb;
	sb_init(&sb);
	sb_addf(&sb, "时间：%s\n操作：%s\n单位：%s\n经办人：%s\n", when, wf_actions[st->action].zh, st->unit ? st->unit : "",
		st->fullname ? st->fullname : st->user ? st->user : "");
	if (!str_empty(st->to))
		sb_addf(&sb, "去向：%s\n", st->to);
	if (!str_empty(st->extra))
		sb_addf(&sb, "备注：%s\n", st->extra);
	sb_addf(&sb, "\n意见：\n%s", str_empty(st->comment) ? "（无）" : st->comment);
	snprintf(title, sizeof title, "事件 %llu > 第 %d 步 %s", (unsigned long long)v->id, i + 1, wf_actions[st->action].zh);
	ui_text_view(ui, title, sb.buf);
	sb_free(&sb);
}

/* What a read-only account (领导) is told when it asks to act on events, on the list as on an
 * event: that its role may look only, rather than that the screen has no such key. */
static int tell_read_only(struct ui *ui)
{
	ui_msg(ui, "%s只能查看事件，不能办理（登记、受理、上报等）", perm_role_zh(ui->c, ui->u->role));
	ui->msg_err = true;
	return UI_DONE;
}

static int view_act(struct ui *ui, struct ui_table_screen *s, enum ui_act a)
{
	struct evview *v = s->arg;
	if (a == UI_EDIT) {
		if (ui_record_open(ui, event_type(ui->c), v->id, false))
			v->changed = true;
		if (view_load(ui, v) < 0)
			return UI_CLOSE;
		s->t.nrows = v->nsteps;
		return UI_DONE;
	}
	if (a == UI_ENTER) {
		if (v->nsteps > 0)
			view_step(ui, v, (int)s->t.cur);
		return UI_DONE;
	}
	/* A read-only account is told so first, whatever the event's state (event_act refuses it too). */
	if (a == UI_DO && perm_read_only(ui->c, ui->u))
		return tell_read_only(ui);
	if (a == UI_REFRESH || a == UI_DO) {
		/* Before an action is offered: the actions of the event as it is now, not as it was read. */
		int rc = view_refresh(ui, v);
		if (rc < 0) {
			ui_err(ui, rc);
			return UI_CLOSE;
		}
		s->t.nrows = v->nsteps;
		if (rc > 0 || a == UI_REFRESH) {
			s->t.cur = s->t.nrows ? s->t.nrows - 1 : 0;
			if (rc == 0)
				ui_msg(ui, "已重新读取，事件没有变化");
			return UI_DONE;
		}
	}
	if (a != UI_DO)
		return UI_NOTMINE;
	if (v->nacts == 0) {
		ui_msg(ui, "本账号现在不能对这件事件做任何操作（事件在%s，状态“%s”）", ui_unit_name(ui, v->ev->holder),
		       ev_state_zh[v->ev->state]);
		return UI_DONE;
	}
	struct ui_pick_item items[EA__COUNT];
	for (int i = 0; i < v->nacts; i++)
		items[i] = (struct ui_pick_item){.label = wf_actions[v->acts[i]].zh, .key = wf_actions[v->acts[i]].id};
	int k = ui_pick(ui, "选择操作", items, v->nacts, 0, NULL, NULL);
	if (k >= 0 && view_do(ui, v, v->acts[k]) < 0)
		return UI_CLOSE;
	/* Show the newest step. */
	s->t.nrows = v->nsteps;
	s->t.cur = s->t.nrows ? s->t.nrows - 1 : 0;
	return UI_DONE;
}

int ui_event_open(struct ui *ui, uint64_t id)
{
	struct evview v = {.ui = ui, .id = id};
	int rc = view_load(ui, &v);
	if (rc < 0) {
		ui_err(ui, rc);
		view_free(&v);
		return 0;
	}
	struct ui_table_screen s = {
		.title = v.title,
		.keys = &v.keys,
		.t = {.cols = step_cols, .ncols = (int)ARRAY_LEN(step_cols), .nrows = v.nsteps, .cell = step_cell,
		      .row_attr = step_attr, .arg = &v, .fixed = 2},
		.top = view_top,
		.act = view_act,
		.arg = &v,
	};
	/* The latest step first in view: the bottom of the timeline. */
	s.t.cur = v.nsteps ? v.nsteps - 1 : 0;
	s.title = v.title;
	ui_table_run(ui, &s);
	bool changed = v.changed;
	view_free(&v);
	free(v.draft);
	return changed ? 1 : 0;
}

int ui_event_open_ref(struct ui *ui, const char *ref)
{
	uint64_t id;
	return ui_ref_id(ui, ref, "事件", &id) ? ui_event_open(ui, id) : 0;
}

/* ---- registration ---- */

struct evform {
	const struct rtype *t;
	const struct field **fp;
	char **v;
	uint64_t id;
};

static int evform_save(struct ui *ui, struct ui_form *fm, int *bad)
{
	struct evform *ef = fm->arg;
	struct rec *r = rec_new(ef->t);
	for (int i = 0; i < ef->t->nf; i++)
		rec_set_raw(r, i, ef->v[i]);
	rec_set_meta(&r->unit, ui->u->unit);
	int fbad = -1;
	int rc = event_new(ui->c, ui->u, r, NULL, &fbad);
	*bad = fbad;
	if (rc == 0) {
		/* Registered once: the form only shows it now; leaving it opens the event. */
		ef->id = r->id;
		fm->readonly = true;
		ui_msg(ui, "已登记：事件号 %llu，在本单位待受理；按 Esc 进入该事件的办理页面", (unsigned long long)r->id);
	}
	rec_free(&r);
	return rc;
}

static int evform_act(struct ui *ui, struct ui_form *fm, enum ui_act a)
{
	struct evform *ef = fm->arg;
	/* Once registered, any key but help leaves the form, and the event opens. */
	return ef->id && a != UI_HELP ? UI_CLOSE : UI_NOTMINE;
}

static const enum ui_act form_acts[] = {UI_UP, UI_DOWN, UI_NEXT, UI_PREV, UI_ENTER, UI_SAVE, UI_BACK, UI_NONE};
static const enum ui_act form_hints[] = {UI_SAVE, UI_ENTER, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys form_keys = {
	.screen = "登记事件",
	.about = "登记一件矛盾纠纷事件（事件新增）。带 * 的项必须填写；类别、紧急程度从代码表中选择，所属网格从"
		 "单位树中选择。F2 或 Ctrl-S 保存：事件登记在本单位，状态为“待受理”，受理和办理时限从现在起算。"
		 "当场化解的事件登记后可直接结案（就地处理）。",
	.acts = form_acts,
	.hints = form_hints,
};

int ui_event_new(struct ui *ui)
{
	const struct rtype *t = event_type(ui->c);
	int rc = t ? perm_check(ui->c, ui->u, ACT_ADD, t, ui->u->unit) : ZZ_EINVAL;
	if (rc < 0)
		return ui_err(ui, rc), 0;
	struct evform ef = {.t = t};
	ef.fp = xcalloc((size_t)t->nf, sizeof *ef.fp);
	ef.v = xcalloc((size_t)t->nf + 1, sizeof *ef.v);
	for (int i = 0; i < t->nf; i++)
		ef.fp[i] = &t->f[i];
	char now[20];
	datetime_format(time(NULL), now);
	int fo = rtype_field(t, "occurred"), fu = rtype_field(t, "urgency");
	/* A person picked is shown masked, as in a record form (the account may lack unmask); the time
	 * filled in is offered whole, so that a time typed replaces it instead of joining it. */
	bool *secret = xcalloc((size_t)t->nf + 1, sizeof *secret);
	bool *preset = xcalloc((size_t)t->nf + 1, sizeof *preset);
	if (fo >= 0) {
		ef.v[fo] = xstrdup(now);
		preset[fo] = true;
	}
	if (fu >= 0)
		ef.v[fu] = xstrdup("1");
	/* A grid member's event is in the member's own grid, as its patrol log is (modules_defaults). */
	const struct unit *me = units_find(ctx_units(ui->c), ui->u->unit);
	for (int i = 0; me && me->level == LV_GRID && i < t->nf; i++)
		if (t->f[i].type == FT_GRID && !ef.v[i]) {
			ef.v[i] = xstrdup(me->code);
			break;
		}
	struct ui_form fm = {
		.title = "登记矛盾纠纷事件",
		.keys = &form_keys,
		.f = ef.fp,
		.nf = t->nf,
		.v = ef.v,
		.secret = secret,
		.preset = preset,
		.readonly = false,
		.save = evform_save,
		.act = evform_act,
		.pick = ui_form_pick_person,
		.describe = ui_form_person_name,
		.arg = &ef,
	};
	ui_form_run(ui, &fm);
	for (int i = 0; i < t->nf; i++)
		free(ef.v[i]);
	free(ef.v);
	free(ef.fp);
	free(secret);
	free(preset);
	if (ef.id)
		ui_event_open(ui, ef.id);
	return ef.id ? 1 : 0;
}

/* ---- the list ---- */

struct evrow {
	uint64_t id;
	char *cells[6];
	int level; /* TODO_* for its colour */
};

/* evlist.state beside the EV_* of one state: any, or every state but 已结案. */
enum { LIST_ANY = -1, LIST_OPEN = -2 };

struct evlist {
	struct ui *ui;
	struct evrow *rows;
	long n;
	int state; /* EV_*, LIST_ANY or LIST_OPEN */
	bool held; /* only what the account's unit holds */
	char *unit;
	/* From the analysis screens: one category's events registered in one month ("": any). */
	char *category, *category_label;
	char month[8];
};

static bool list_wanted(const struct evlist *l, const struct event *ev, const struct rec *r)
{
	if (l->category) {
		const char *c = rec_get(r, "category");
		if (!c || strcmp(c, l->category) != 0)
			return false;
	}
	char m[8];
	stats_month(ev->created, m);
	return !l->month[0] || strcmp(m, l->month) == 0;
}

static const struct ui_col list_cols[] = {
	{.title = "事件号", .width = 6, .right = true}, {.title = "状态", .width = 6}, {.title = "所在单位", .width = 12},
	{.title = "到达", .width = 11},			  {.title = "督办牌", .width = 8}, {.title = "事件名称", .width = 40},
};

static void list_free(struct evlist *l)
{
	for (long i = 0; i < l->n; i++)
		for (int c = 0; c < 6; c++)
			free(l->rows[i].cells[c]);
	free(l->rows);
	l->rows = NULL;
	l->n = 0;
}

static int list_load(struct ui *ui, struct evlist *l)
{
	list_free(l);
	struct ev_query q = {.unit = l->held ? ui->u->unit : l->unit, .state = l->state < 0 ? -1 : l->state,
			     .held = l->held, .open = l->state == LIST_OPEN};
	uint64_t *ids = NULL;
	long n = 0;
	int rc = event_list(ui->c, ui->u, &q, &ids, &n);
	if (rc < 0)
		return rc;
	l->rows = xcalloc((size_t)n + 1, sizeof *l->rows);
	for (long i = 0; i < n; i++) {
		struct event *ev = NULL;
		struct rec *r = NULL;
		if (event_get(ui->c, ui->u, ids[i], &ev, &r) < 0)
			continue;
		if (!list_wanted(l, ev, r)) {
			event_free(&ev);
			rec_free(&r);
			continue;
		}
		struct evrow *row = &l->rows[l->n++];
		char t[20], cards[96], buf[32];
		ui_short_time(ev->reached ? ev->reached : ev->created, t);
		event_cards_text(ev, cards, sizeof cards);
		row->id = ids[i];
		row->cells[0] = xasprintf("%llu", (unsigned long long)ids[i]);
		row->cells[1] = xstrdup(ev_state_zh[ev->state]);
		row->cells[2] = xstrdup(ui_unit_name(ui, ev->holder));
		row->cells[3] = xstrdup(t);
		row->cells[4] = xstrdup(cards);
		row->cells[5] = xstrdup(rec_name(r, buf, sizeof buf));
		row->level = ev->cards & (CARD_ACCEPT_RED | CARD_HANDLE_RED) ? TODO_RED : ev->cards ? TODO_YELLOW : TODO_INFO;
		event_free(&ev);
		rec_free(&r);
	}
	free(ids);
	return 0;
}

static const char *list_cell(void *arg, long row, int col, char *buf, size_t n)
{
	struct evlist *l = arg;
	(void)buf;
	(void)n;
	return l->rows[row].cells[col];
}

static attr_t list_attr(void *arg, long row)
{
	struct evlist *l = arg;
	int level = l->rows[row].level;
	return level == TODO_RED ? ui_attr(l->ui, UI_A_ERROR) : level == TODO_YELLOW ? ui_attr(l->ui, UI_A_WARN) : A_NORMAL;
}

static void list_top(struct ui *ui, struct ui_table_screen *s, char *buf, size_t n)
{
	struct evlist *l = s->arg;
	const char *scope = l->held ? ui_unit_name(ui, ui->u->unit) : l->unit ? ui_unit_name(ui, l->unit) : "本账号可见的全部",
		   *state = l->state == LIST_OPEN ? "未结案" : l->state < 0 ? "全部" : ev_state_zh[l->state];
	/* 80 columns hold the category or the holding filter, not both texts. */
	if (l->category)
		snprintf(buf, n, "范围：%s｜状态：%s｜类别：%s｜%s 登记", scope, state, l->category_label, l->month);
	else
		snprintf(buf, n, "范围：%s｜状态：%s｜%s", scope, state, l->held ? "仅本单位正在办理的" : "所有经手过的单位");
}

static const enum ui_act list_acts[] = {UI_UP,	 UI_DOWN, UI_PGUP,  UI_PGDN, UI_HOME, UI_END, UI_LEFT, UI_RIGHT,
					UI_ENTER, UI_ADD, UI_STATE, UI_UNIT, UI_RESET, UI_BACK, UI_NONE};
static const enum ui_act list_hints[] = {UI_ENTER, UI_ADD, UI_STATE, UI_UNIT, UI_BACK, UI_HELP, UI_NONE};
/* For accounts that may not register events (leaders, …): no a/F5 at all. */
static const enum ui_act list_acts_view[] = {UI_UP,   UI_DOWN,	UI_PGUP, UI_PGDN, UI_HOME,  UI_END, UI_LEFT,
					     UI_RIGHT, UI_ENTER, UI_STATE, UI_UNIT, UI_RESET, UI_BACK, UI_NONE};
static const enum ui_act list_hints_view[] = {UI_ENTER, UI_STATE, UI_UNIT, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys list_keys = {
	.screen = "矛盾纠纷事件",
	.about = "本账号能看到的矛盾纠纷事件，新的在前；出了红牌的标红，黄牌的标黄。回车打开事件办理；a 或 F5 "
		 "登记新事件；s 或 F7 按状态筛选（待受理、办理中、已反馈、已结案、未结案，或只看本单位正在办理的）；"
		 "u 或 F6 按单位筛选；r 或 F12 清除筛选；Esc 返回主菜单。",
	.acts = list_acts,
	.hints = list_hints,
};

static int list_act(struct ui *ui, struct ui_table_screen *s, enum ui_act a)
{
	struct evlist *l = s->arg;
	bool reload = false;
	if ((a == UI_DO || a == UI_ADD) && perm_read_only(ui->c, ui->u))
		return tell_read_only(ui);
	switch (a) {
	case UI_ENTER:
		if (l->n == 0)
			return UI_DONE;
		reload = ui_event_open(ui, l->rows[s->t.cur].id) > 0;
		break;
	case UI_ADD:
		if (!perm_may(ui->c, ui->u, ACT_ADD, event_type(ui->c), ui->u->unit))
			return UI_NOTMINE;
		reload = ui_event_new(ui) > 0;
		break;
	case UI_STATE: {
		struct ui_pick_item items[EV__NSTATES + 2];
		int n = 0;
		items[n++] = (struct ui_pick_item){.label = "全部", .key = "all"};
		items[n++] = (struct ui_pick_item){.label = "本单位正在办理的", .key = "held"};
		items[n++] = (struct ui_pick_item){.label = "未结案", .key = "open"};
		for (int i = EV_NEW; i < EV__NSTATES; i++)
			items[n++] = (struct ui_pick_item){.label = ev_state_zh[i], .key = ev_state_id[i]};
		int k = ui_pick(ui, "按状态筛选", items, n, 0, NULL, NULL);
		if (k < 0)
			return UI_DONE;
		l->held = k == 1;
		l->state = k == 2 ? LIST_OPEN : k >= 3 ? EV_NEW + (k - 3) : LIST_ANY;
		reload = true;
		break;
	}
	case UI_UNIT: {
		char *u = l->unit ? xstrdup(l->unit) : NULL;
		if (ui_pick_unit(ui, "按单位筛选", NULL, false, &u, NULL) == 0) {
			free(l->unit);
			l->unit = u;
			l->held = false;
			reload = true;
		} else {
			free(u);
		}
		break;
	}
	case UI_RESET:
		free(l->unit);
		l->unit = NULL;
		free(l->category);
		free(l->category_label);
		l->category = l->category_label = NULL;
		l->month[0] = '\0';
		l->state = LIST_ANY;
		l->held = false;
		reload = true;
		break;
	default:
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

int ui_event_list_run(struct ui *ui)
{
	return ui_event_list_at(ui, NULL);
}

int ui_event_list_at(struct ui *ui, const char *unit)
{
	return ui_event_list_where(ui, unit, NULL, NULL, NULL);
}

static void list_filters_free(struct evlist *l)
{
	free(l->unit);
	free(l->category);
	free(l->category_label);
}

static int list_run(struct ui *ui, const char *unit, const char *category, const char *label,
		    const char *month, int state)
{
	struct evlist l = {.ui = ui, .state = state, .unit = unit ? xstrdup(unit) : NULL};
	if (category) {
		l.category = xstrdup(category);
		l.category_label = xstrdup(label ? label : category);
		snprintf(l.month, sizeof l.month, "%s", month ? month : "");
	}
	int rc = list_load(ui, &l);
	if (rc < 0) {
		ui_err(ui, rc);
		list_filters_free(&l);
		return 0;
	}
	struct ui_keys keys = list_keys;
	const struct rtype *t = event_type(ui->c);
	if (!t || !perm_may(ui->c, ui->u, ACT_ADD, t, ui->u->unit)) {
		keys.acts = list_acts_view;
		keys.hints = list_hints_view;
		keys.about = "本账号能看到的矛盾纠纷事件，新的在前；出了红牌的标红，黄牌的标黄。回车打开事件办理；"
			     "s 或 F7 按状态筛选；u 或 F6 按单位筛选；r 或 F12 清除筛选；Esc 返回主菜单。";
	}
	struct ui_table_screen s = {
		.title = "矛盾纠纷事件",
		.keys = &keys,
		.t = {.cols = list_cols, .ncols = (int)ARRAY_LEN(list_cols), .nrows = l.n, .cell = list_cell,
		      .row_attr = list_attr, .arg = &l, .fixed = 1},
		.top = list_top,
		.act = list_act,
		.arg = &l,
	};
	ui_table_run(ui, &s);
	list_free(&l);
	list_filters_free(&l);
	return 0;
}

int ui_event_list_where(struct ui *ui, const char *unit, const char *category, const char *label,
			const char *month)
{
	return list_run(ui, unit, category, label, month, LIST_ANY);
}

int ui_event_list_open_run(struct ui *ui)
{
	return list_run(ui, NULL, NULL, NULL, NULL, LIST_OPEN);
}
