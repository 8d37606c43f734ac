/* workflow.c — the transitions of a dispute event, as one table, and their checks. */
#include "workflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const ev_state_zh[EV__NSTATES] = {
	[EV_NONE] = "未登记", [EV_NEW] = "待受理", [EV_HANDLING] = "办理中", [EV_FEDBACK] = "已反馈", [EV_CLOSED] = "已结案",
};
const char *const ev_state_id[EV__NSTATES] = {
	[EV_NONE] = "none", [EV_NEW] = "new", [EV_HANDLING] = "handling", [EV_FEDBACK] = "fedback", [EV_CLOSED] = "closed",
};
const char *const ev_via_zh[VIA__COUNT] = {
	[VIA_REGISTERED] = "本单位登记", [VIA_REPORTED] = "下级上报", [VIA_SKIPPED] = "越级上报",
	[VIA_ASSIGNED] = "上级交办",	 [VIA_RETURNED] = "被回退",	[VIA_FEEDBACK] = "办理反馈",
};

const struct wf_action_info wf_actions[EA__COUNT] = {
	[EA_NEW] = {"new", "新增", "事件登记说明"},
	[EA_ACCEPT] = {"accept", "受理", "受理意见"},
	[EA_HANDLE] = {"handle", "办理", "办理进展"},
	[EA_CLOSE] = {"close", "结案", "处理结果"},
	[EA_REPORT] = {"report", "上报", "上报说明"},
	[EA_SKIP] = {"skip", "越级上报", "越级上报理由"},
	[EA_ASSIGN] = {"assign", "交办", "交办意见"},
	[EA_FEEDBACK] = {"feedback", "反馈", "办理情况和结果"},
	[EA_SUPERVISE] = {"supervise", "督办", "督办意见"},
	[EA_EVALUATE] = {"evaluate", "督办评价", "评价意见"},
	[EA_RETURN] = {"return", "回退", "回退理由"},
	[EA_EXT_ASK] = {"extend", "申请延期", "延期理由"},
	[EA_EXT_GRANT] = {"grant", "同意延期", "审批意见"},
	[EA_EXT_REFUSE] = {"refuse", "不同意延期", "不同意的理由"},
	[EA_CARD] = {"card", "系统督办", ""},
	[EA_EDIT] = {"edit", "修改事件信息", ""},
	[EA_FOLLOWUP] = {"followup", "续报", "续报内容"},
};

int wf_action_parse(const char *id)
{
	for (int i = 0; i < EA__COUNT; i++)
		if (id && strcmp(wf_actions[i].id, id) == 0)
			return i;
	return -1;
}

#define H WHO_HOLDER
/* 续报 (R-EV-8): the place of a mass incident or the unit holding it adds to the same event until it
 * is closed; the state and the clocks do not change. */
#define FOLLOWUP_ROW(st) {.from = st, .action = EA_FOLLOWUP, .who = H | WHO_ORIGIN, .checks = CHK_MASS | CHK_COMMENT}
#define SUP_ROWS(st)                                                                                   \
	{.from = st, .action = EA_SUPERVISE, .who = WHO_ANCESTOR, .checks = CHK_COMMENT},              \
	{.from = st, .action = EA_EVALUATE, .who = WHO_SUPERVISOR, .checks = CHK_EVAL | CHK_SUPERVISED}

/* The whole state machine. A row per (state, action); an action missing for a state is refused. */
const struct wf_rule wf_rules[] = {
	/* 新增: the event is registered at the account's unit and waits there to be accepted. */
	{.from = EV_NONE, .action = EA_NEW, .to = EV_NEW, .who = H},

	/* 待受理 */
	{.from = EV_NEW, .action = EA_ACCEPT, .to = EV_HANDLING, .who = H, .meets = MEET_ACCEPT},
	{.from = EV_NEW, .action = EA_CLOSE, .to = EV_CLOSED, .who = H, .checks = CHK_COMMENT | CHK_OWN,
	 .meets = MEET_ACCEPT | MEET_HANDLE},
	{.from = EV_NEW, .action = EA_REPORT, .to = EV_NEW, .who = H, .goes = GO_PARENT,
	 .checks = CHK_NOT_ASSIGNED, .meets = MEET_ACCEPT | MEET_HANDLE},
	{.from = EV_NEW, .action = EA_SKIP, .to = EV_NEW, .who = H, .goes = GO_ANCESTOR,
	 .checks = CHK_NOT_ASSIGNED | CHK_URGENT, .meets = MEET_ACCEPT | MEET_HANDLE},
	{.from = EV_NEW, .action = EA_RETURN, .to = EV_NEW, .who = H, .goes = GO_SENDER,
	 .checks = CHK_COMMENT | CHK_SENT, .meets = MEET_ACCEPT | MEET_HANDLE},
	SUP_ROWS(EV_NEW),
	FOLLOWUP_ROW(EV_NEW),

	/* 办理中 */
	{.from = EV_HANDLING, .action = EA_HANDLE, .who = H, .checks = CHK_COMMENT},
	{.from = EV_HANDLING, .action = EA_CLOSE, .to = EV_CLOSED, .who = H, .checks = CHK_COMMENT | CHK_NOT_ASSIGNED,
	 .meets = MEET_HANDLE},
	{.from = EV_HANDLING, .action = EA_REPORT, .to = EV_NEW, .who = H, .goes = GO_PARENT,
	 .checks = CHK_NOT_ASSIGNED, .meets = MEET_HANDLE},
	{.from = EV_HANDLING, .action = EA_SKIP, .to = EV_NEW, .who = H, .goes = GO_ANCESTOR,
	 .checks = CHK_NOT_ASSIGNED | CHK_URGENT, .meets = MEET_HANDLE},
	{.from = EV_HANDLING, .action = EA_ASSIGN, .to = EV_NEW, .who = H, .goes = GO_CHILD, .meets = MEET_HANDLE},
	{.from = EV_HANDLING, .action = EA_FEEDBACK, .to = EV_FEDBACK, .who = H, .goes = GO_ASSIGNER,
	 .checks = CHK_COMMENT | CHK_ASSIGNED, .meets = MEET_HANDLE},
	{.from = EV_HANDLING, .action = EA_RETURN, .to = EV_NEW, .who = H, .goes = GO_SENDER,
	 .checks = CHK_COMMENT | CHK_SENT, .meets = MEET_HANDLE},
	{.from = EV_HANDLING, .action = EA_EXT_ASK, .who = H, .checks = CHK_COMMENT | CHK_DAYS | CHK_EXT_NONE},
	{.from = EV_HANDLING, .action = EA_EXT_GRANT, .who = WHO_DECIDER, .checks = CHK_EXT_PENDING},
	{.from = EV_HANDLING, .action = EA_EXT_REFUSE, .who = WHO_DECIDER, .checks = CHK_COMMENT | CHK_EXT_PENDING},
	SUP_ROWS(EV_HANDLING),
	FOLLOWUP_ROW(EV_HANDLING),

	/* 已反馈: the assigning unit has the lower unit's feedback and decides what follows. */
	{.from = EV_FEDBACK, .action = EA_HANDLE, .who = H, .checks = CHK_COMMENT},
	{.from = EV_FEDBACK, .action = EA_CLOSE, .to = EV_CLOSED, .who = H, .checks = CHK_COMMENT | CHK_NOT_ASSIGNED},
	{.from = EV_FEDBACK, .action = EA_REPORT, .to = EV_NEW, .who = H, .goes = GO_PARENT, .checks = CHK_NOT_ASSIGNED},
	{.from = EV_FEDBACK, .action = EA_SKIP, .to = EV_NEW, .who = H, .goes = GO_ANCESTOR,
	 .checks = CHK_NOT_ASSIGNED | CHK_URGENT},
	{.from = EV_FEDBACK, .action = EA_ASSIGN, .to = EV_NEW, .who = H, .goes = GO_CHILD},
	{.from = EV_FEDBACK, .action = EA_FEEDBACK, .to = EV_FEDBACK, .who = H, .goes = GO_ASSIGNER,
	 .checks = CHK_COMMENT | CHK_ASSIGNED},
	SUP_ROWS(EV_FEDBACK),
	FOLLOWUP_ROW(EV_FEDBACK),

	/* 已结案: only the supervision's evaluation remains. */
	{.from = EV_CLOSED, .action = EA_EVALUATE, .who = WHO_SUPERVISOR, .checks = CHK_EVAL | CHK_SUPERVISED},
};
const int wf_rules_len = (int)ARRAY_LEN(wf_rules);

#undef H
#undef SUP_ROWS
#undef FOLLOWUP_ROW

struct event *event_alloc(void)
{
	struct event *ev = xcalloc(1, sizeof *ev);
	ev->holder = xstrdup("");
	ev->origin = xstrdup("");
	ev->from = xstrdup("");
	ev->supervisor = xstrdup("");
	return ev;
}

void event_free(struct event **evp)
{
	struct event *ev = *evp;
	if (!ev)
		return;
	free(ev->holder);
	free(ev->origin);
	free(ev->from);
	free(ev->supervisor);
	free(ev->ext_req_reason);
	strv_free(&ev->assigners);
	strv_free(&ev->involved);
	strv_free(&ev->copies);
	free(ev);
	*evp = NULL;
}

static const char *top_assigner(const struct event *ev)
{
	return ev->assigners.n ? ev->assigners.v[ev->assigners.n - 1] : NULL;
}

const char *workflow_decider(const struct units *us, const struct event *ev)
{
	const char *a = top_assigner(ev);
	if (a)
		return a;
	const struct unit *h = units_find(us, ev->holder);
	return h && *h->parent ? h->parent : NULL;
}

void workflow_actor(const struct units *us, const struct event *ev, const char *unit, struct wf_actor *out)
{
	*out = (struct wf_actor){0};
	if (str_empty(unit))
		return;
	const char *dec = workflow_decider(us, ev);
	out->holder = strcmp(unit, ev->holder) == 0;
	out->decider = dec && strcmp(unit, dec) == 0;
	out->ancestor = !out->holder && units_under(us, ev->holder, unit);
	out->supervisor = !str_empty(ev->supervisor) && units_under(us, ev->supervisor, unit);
	out->origin = strcmp(unit, ev->origin) == 0;
}

bool workflow_who(unsigned who, const struct wf_actor *a)
{
	return a->console || ((who & WHO_HOLDER) && a->holder) || ((who & WHO_DECIDER) && a->decider) ||
	       ((who & WHO_ANCESTOR) && a->ancestor) || ((who & WHO_SUPERVISOR) && a->supervisor) ||
	       ((who & WHO_ORIGIN) && a->origin);
}

static const char *unit_name(const struct units *us, const char *code)
{
	const struct unit *u = units_find(us, code);
	return u ? u->name : code;
}

/* Where the action's row is missing: say in which states it would be allowed. */
static int refuse_state(const struct event *ev, int a)
{
	struct sb sb;
	sb_init(&sb);
	for (int i = 0; i < wf_rules_len; i++)
		if (wf_rules[i].action == a && wf_rules[i].from != EV_NONE) {
			if (sb.len)
				sb_adds(&sb, "、");
			sb_adds(&sb, ev_state_zh[wf_rules[i].from]);
		}
	int rc;
	if (sb.len)
		rc = errmsg_set(ZZ_EINVAL, "事件当前为“%s”，不能%s（%s的事件才能%s）", ev_state_zh[ev->state],
				wf_actions[a].zh, sb.buf, wf_actions[a].zh);
	else
		rc = errmsg_set(ZZ_EINVAL, "事件当前为“%s”，不能%s", ev_state_zh[ev->state], wf_actions[a].zh);
	sb_free(&sb);
	return rc;
}

static int refuse_who(const struct units *us, const struct event *ev, const struct wf_rule *r)
{
	const char *zh = wf_actions[r->action].zh;
	if ((r->who & WHO_HOLDER) && (r->who & WHO_ORIGIN))
		return errmsg_set(ZZ_EPERM, "只有事件所在单位（%s）或登记单位（%s）可以%s", unit_name(us, ev->holder),
				  unit_name(us, ev->origin), zh);
	if (r->who & WHO_HOLDER)
		return errmsg_set(ZZ_EPERM, "只有事件所在单位（%s）可以%s", unit_name(us, ev->holder), zh);
	if (r->who & WHO_DECIDER) {
		const char *d = workflow_decider(us, ev);
		return errmsg_set(ZZ_EPERM, "只有交办单位或上级单位（%s）可以%s", d ? unit_name(us, d) : "无", zh);
	}
	if (r->who & WHO_ANCESTOR)
		return errmsg_set(ZZ_EPERM, "只有事件所在单位（%s）的上级单位可以%s", unit_name(us, ev->holder), zh);
	if (str_empty(ev->supervisor))
		return errmsg_set(ZZ_EINVAL, "事件没有督办，不能%s", zh);
	return errmsg_set(ZZ_EPERM, "只有督办单位（%s）或其上级可以%s", unit_name(us, ev->supervisor), zh);
}

static int check_dest(const struct units *us, const struct event *ev, const struct wf_rule *r,
		      const struct wf_input *in, const char **dest)
{
	const struct unit *h = units_find(us, ev->holder);
	if (!h)
		return errmsg_set(ZZ_EINVAL, "事件所在单位 %s 不存在", ev->holder);
	*dest = NULL;
	switch (r->goes) {
	case GO_STAY:
		return 0;
	case GO_PARENT:
		if (!*h->parent)
			return errmsg_set(ZZ_EINVAL, "%s没有上级单位，不能上报", h->name);
		*dest = h->parent;
		return 0;
	case GO_ANCESTOR: {
		const struct unit *t = str_empty(in->to) ? NULL : units_find(us, in->to);
		if (!t)
			return str_empty(in->to) ? errmsg_set(ZZ_EMISSING, "请指定越级上报的单位")
						 : errmsg_set(ZZ_EINVAL, "单位 %s 不存在", in->to);
		if (!strcmp(t->code, h->code) || !units_under(us, h->code, t->code))
			return errmsg_set(ZZ_EINVAL, "%s不是%s的上级单位，不能越级上报", t->name, h->name);
		if (!strcmp(t->code, h->parent))
			return errmsg_set(ZZ_EINVAL, "%s是直接上级，请用“上报”", t->name);
		*dest = t->code;
		return 0;
	}
	case GO_CHILD: {
		const struct unit *t = str_empty(in->to) ? NULL : units_find(us, in->to);
		if (!t)
			return str_empty(in->to) ? errmsg_set(ZZ_EMISSING, "请指定交办的单位")
						 : errmsg_set(ZZ_EINVAL, "单位 %s 不存在", in->to);
		if (strcmp(t->parent, h->code) != 0)
			return errmsg_set(ZZ_EINVAL, "%s不是%s的下级单位或成员单位，不能交办", t->name, h->name);
		*dest = t->code;
		return 0;
	}
	case GO_ASSIGNER:
		*dest = top_assigner(ev);
		return 0;
	case GO_SENDER:
		*dest = ev->via == VIA_ASSIGNED ? top_assigner(ev) : ev->from;
		if (str_empty(*dest))
			return errmsg_set(ZZ_EINVAL, "事件没有可回退的单位");
		return 0;
	}
	return 0;
}

int workflow_comment_check(const struct wf_rule *r, const char *comment)
{
	if (r && (r->checks & CHK_COMMENT) && str_empty(comment))
		return errmsg_set(ZZ_EINVAL, "%s需要填写%s", wf_actions[r->action].zh,
				  wf_actions[r->action].hint);
	return 0;
}

static int check_rule(const struct units *us, const struct event *ev, const struct wf_rule *r,
		      const struct wf_input *in)
{
	unsigned k = r->checks;
	const char *zh = wf_actions[r->action].zh;
	if ((k & CHK_MASS) && !in->mass)
		return errmsg_set(ZZ_EINVAL, "只有群体性事件才能%s", zh);
	if (workflow_comment_check(r, in->comment) < 0)
		return ZZ_EINVAL;
	if ((k & CHK_URGENT) && !in->urgent)
		return errmsg_set(ZZ_EINVAL, "只有重大或紧急的事件可以越级上报（请用“上报”）");
	if ((k & CHK_NOT_ASSIGNED) && top_assigner(ev))
		return errmsg_set(ZZ_EINVAL, "这是%s交办的事件，应%s给交办单位，由其决定是否结案或上报",
				  unit_name(us, top_assigner(ev)), ev->state == EV_NEW ? "受理办理后反馈" : "反馈");
	if ((k & CHK_ASSIGNED) && !top_assigner(ev))
		return errmsg_set(ZZ_EINVAL, "这不是交办的事件，没有要反馈的单位（可结案或上报）");
	if ((k & CHK_OWN) && (ev->via != VIA_REGISTERED || strcmp(ev->holder, ev->origin) != 0))
		return errmsg_set(ZZ_EINVAL, "只有本单位登记的事件可以不经受理就地结案，请先受理");
	if ((k & CHK_SENT) && ev->via != VIA_REPORTED && ev->via != VIA_SKIPPED && ev->via != VIA_ASSIGNED)
		return errmsg_set(ZZ_EINVAL, "只有上报或交办来的事件可以回退（本事件为%s）", ev_via_zh[ev->via]);
	if ((k & CHK_EXT_NONE) && ev->ext_req_days > 0)
		return errmsg_set(ZZ_EINVAL, "已有一个延期申请（%d 个工作日）等待审批", ev->ext_req_days);
	if ((k & CHK_EXT_PENDING) && ev->ext_req_days <= 0)
		return errmsg_set(ZZ_EINVAL, "没有等待审批的延期申请");
	if ((k & CHK_SUPERVISED) && str_empty(ev->supervisor))
		return errmsg_set(ZZ_EINVAL, "事件没有督办，不能评价");
	if ((k & CHK_DAYS) && (in->days < 1 || in->days > in->max_days))
		return errmsg_set(ZZ_EINVAL, "延期天数应为 1 到 %d 个工作日", in->max_days);
	if ((k & CHK_EVAL) && str_empty(in->eval))
		return errmsg_set(ZZ_EINVAL, "请选择督办评价（满意、基本满意、不满意）");
	return 0;
}

int workflow_check(const struct units *us, const struct event *ev, int a, const struct wf_actor *actor,
		   const struct wf_input *in, const struct wf_rule **rule, const char **dest)
{
	if (a < 0 || a >= EA__COUNT)
		return errmsg_set(ZZ_EINVAL, "未知的事件操作");
	const struct wf_rule *r = NULL;
	for (int i = 0; i < wf_rules_len && !r; i++)
		if (wf_rules[i].from == ev->state && wf_rules[i].action == a)
			r = &wf_rules[i];
	if (!r)
		return refuse_state(ev, a);
	if (!workflow_who(r->who, actor))
		return refuse_who(us, ev, r);
	int rc = check_rule(us, ev, r, in);
	if (rc == 0)
		rc = check_dest(us, ev, r, in, dest);
	if (rc == 0)
		*rule = r;
	return rc;
}

static void reach(struct event *ev, const char *dest, int via, int64_t now, bool clocks)
{
	char *d = xstrdup(dest);
	free(ev->from);
	ev->from = ev->holder;
	ev->holder = d;
	ev->via = via;
	ev->hold++;
	ev->reached = clocks ? now : 0;
	ev->accepted = 0;
	ev->handled = 0;
	strv_free(&ev->copies);
	ev->cards = 0;
	ev->ext_days = 0;
	ev->ext_req_days = 0;
	free(ev->ext_req_reason);
	ev->ext_req_reason = NULL;
	if (strv_find(&ev->involved, d) < 0)
		strv_push(&ev->involved, d);
}

static void pop_assigner(struct event *ev)
{
	if (ev->assigners.n > 0)
		free(ev->assigners.v[--ev->assigners.n]);
}

void workflow_apply(struct event *ev, const struct wf_rule *r, const char *dest, const struct wf_input *in,
		    int64_t now)
{
	/* DEST may point into the assigners stack: copy it before the stack changes. */
	char *d = dest ? xstrdup(dest) : NULL;
	switch (r->goes) {
	case GO_STAY:
		break;
	case GO_PARENT:
		reach(ev, d, VIA_REPORTED, now, true);
		break;
	case GO_ANCESTOR:
		reach(ev, d, VIA_SKIPPED, now, true);
		break;
	case GO_CHILD:
		strv_push(&ev->assigners, ev->holder);
		reach(ev, d, VIA_ASSIGNED, now, true);
		break;
	case GO_ASSIGNER:
		pop_assigner(ev);
		reach(ev, d, VIA_FEEDBACK, now, false);
		break;
	case GO_SENDER:
		if (ev->via == VIA_ASSIGNED)
			pop_assigner(ev);
		reach(ev, d, VIA_RETURNED, now, true);
		break;
	}
	free(d);
	switch (r->action) {
	case EA_ACCEPT:
		ev->accepted = now;
		break;
	case EA_HANDLE:
		if (!ev->handled)
			ev->handled = now;
		break;
	case EA_CLOSE:
		ev->closed = now;
		break;
	case EA_SUPERVISE:
		free(ev->supervisor);
		ev->supervisor = xstrdup(in->actor_unit ? in->actor_unit : "");
		break;
	case EA_EXT_ASK:
		ev->ext_req_days = in->days;
		free(ev->ext_req_reason);
		ev->ext_req_reason = xstrdup(in->comment ? in->comment : "");
		break;
	case EA_EXT_GRANT:
		ev->ext_days += ev->ext_req_days;
		/* fall through */
	case EA_EXT_REFUSE:
		ev->ext_req_days = 0;
		free(ev->ext_req_reason);
		ev->ext_req_reason = NULL;
		break;
	default:
		break;
	}
	if (r->to != EV_NONE)
		ev->state = r->to;
}
