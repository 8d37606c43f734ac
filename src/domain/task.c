/* task.c — the pure parts of tasks: the kinds, the state table, the deadlines and cards. */
#include "task.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct task_kind_info task_kinds[TK__COUNT] = {
	[TK_ASSIGN] = {"assign", "交办", false},   [TK_VERIFY] = {"verify", "信息核实", true},
	[TK_CENSUS] = {"census", "专项普查", true}, [TK_TARGET] = {"target", "目标任务", false},
	[TK_RECTIFY] = {"rectify", "整改", false},
};
const char *const task_state_zh[TS__COUNT] = {"待签收", "办理中", "已反馈待评价", "已办结"};
const char *const task_act_zh[TA__COUNT] = {"下发", "签收", "反馈", "评价", "督办", "督办牌"};
const char *const task_act_id[TA__COUNT] = {"issue", "sign", "feedback", "evaluate", "supervise", "card"};
const char *const task_eval_zh[TE__COUNT] = {"", "满意", "基本满意", "不满意"};
const char *const task_stage_zh[TSTAGE__COUNT] = {"签收", "反馈"};

/* The workflow of one receiver; 不满意 sends the task back to handling. */
const struct task_rule task_rules[] = {
	{TA_SIGN, TS_ISSUED, TS_SIGNED, TE_NONE, TW_RECEIVER},
	{TA_FEEDBACK, TS_SIGNED, TS_FEDBACK, TE_NONE, TW_RECEIVER},
	{TA_EVALUATE, TS_FEDBACK, TS_DONE, TE_GOOD, TW_ISSUER},
	{TA_EVALUATE, TS_FEDBACK, TS_DONE, TE_FAIR, TW_ISSUER},
	{TA_EVALUATE, TS_FEDBACK, TS_SIGNED, TE_BAD, TW_ISSUER},
	{TA_SUPERVISE, -1, -1, TE_NONE, TW_ABOVE},
};
const int task_nrules = (int)ARRAY_LEN(task_rules);

const struct task_rule *task_rule_find(int act, int state, int eval)
{
	for (int i = 0; i < task_nrules; i++) {
		const struct task_rule *r = &task_rules[i];
		if (r->act != act || (r->eval != TE_NONE && r->eval != eval))
			continue;
		if (r->from == state || (r->from < 0 && state != TS_DONE))
			return r;
	}
	return NULL;
}

void task_free(struct task **tp)
{
	struct task *t = *tp;
	if (!t)
		return;
	for (int i = 0; i < t->nrecv; i++) {
		free(t->recv[i].unit);
		free(t->recv[i].feedback);
		free(t->recv[i].records);
		free(t->recv[i].line);
	}
	for (int i = 0; i < t->nsteps; i++) {
		free(t->steps[i].user);
		free(t->steps[i].fullname);
		free(t->steps[i].unit);
		free(t->steps[i].target);
		free(t->steps[i].comment);
	}
	free(t->recv);
	free(t->steps);
	free(t->title);
	free(t->text);
	free(t->issuer);
	free(t->issuer_user);
	free(t->rtype);
	free(t);
	*tp = NULL;
}

struct task_recv *task_recv_find(struct task *t, const char *unit)
{
	for (int i = 0; unit && i < t->nrecv; i++)
		if (!strcmp(t->recv[i].unit, unit))
			return &t->recv[i];
	return NULL;
}

void task_limits_load(const struct conf *c, struct task_limits *l)
{
	l->sign_red_days = (int)conf_int(c, "tasks.sign.red_days");
	l->feedback_red_days = (int)conf_int(c, "tasks.feedback.red_days");
	l->points[TSTAGE_SIGN][0] = (int)conf_int(c, "tasks.sign.yellow_points");
	l->points[TSTAGE_SIGN][1] = (int)conf_int(c, "tasks.sign.red_points");
	l->points[TSTAGE_FEEDBACK][0] = (int)conf_int(c, "tasks.feedback.yellow_points");
	l->points[TSTAGE_FEEDBACK][1] = (int)conf_int(c, "tasks.feedback.red_points");
	l->warn_days = (int)conf_int(c, "tasks.warn_days");
}

int task_conf_check(const struct conf *c)
{
	if (conf_int(c, "tasks.done_days") < conf_int(c, "tasks.sign_days"))
		return errmsg_set(ZZ_EINVAL, "%s: tasks.done_days 不应小于 tasks.sign_days（先签收后办结）", c->path);
	return 0;
}

int64_t task_deadline(const struct calendar *cal, const struct task_limits *l, const struct task *t, int stage,
		      int card)
{
	int days = stage == TSTAGE_SIGN ? t->sign_days : t->done_days;
	if (card)
		days += stage == TSTAGE_SIGN ? l->sign_red_days : l->feedback_red_days;
	return calendar_add(cal, t->created, days);
}

bool task_pending(const struct task_recv *r, int stage)
{
	return stage == TSTAGE_SIGN ? r->state == TS_ISSUED : r->state == TS_ISSUED || r->state == TS_SIGNED;
}

unsigned task_cards_due(const struct calendar *cal, const struct task_limits *l, const struct task *t,
			const struct task_recv *r, int64_t now)
{
	unsigned due = 0;
	for (int s = 0; s < TSTAGE__COUNT; s++)
		for (int card = 0; card < 2; card++)
			if (task_pending(r, s) && !(r->cards & task_card_bit(s, card)) &&
			    !(card == 0 && r->cards & task_card_bit(s, 1)) && now >= task_deadline(cal, l, t, s, card))
				due |= task_card_bit(s, card);
	return due;
}

int64_t task_next_due(const struct calendar *cal, const struct task_limits *l, const struct task *t)
{
	int64_t next = 0;
	for (int i = 0; i < t->nrecv; i++)
		for (int s = 0; s < TSTAGE__COUNT; s++)
			for (int card = 0; card < 2; card++) {
				const struct task_recv *r = &t->recv[i];
				if (!task_pending(r, s) || r->cards & task_card_bit(s, card) ||
				    (card == 0 && r->cards & task_card_bit(s, 1)))
					continue;
				int64_t d = task_deadline(cal, l, t, s, card);
				if (!next || d < next)
					next = d;
			}
	return next;
}
