/* task_cards.c — the daemon's yellow and red cards for late sign-off and late feedback, found
 * through the due-time index; the points tasks cost a unit; the tasks' to-do items. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "due.h"
#include "task.h"

struct due_list {
	int64_t *when;
	uint64_t *id;
	long n;
};

static int collect_cb(int64_t when, const char *kind, const char *ref, void *arg)
{
	(void)kind;
	struct due_list *d = arg;
	long long id;
	if (str_to_ll(ref, &id) < 0)
		return 0;
	d->when = xrealloc(d->when, (size_t)(d->n + 1) * sizeof *d->when);
	d->id = xrealloc(d->id, (size_t)(d->n + 1) * sizeof *d->id);
	d->when[d->n] = when;
	d->id[d->n++] = (uint64_t)id;
	return 0;
}

static const char *const card_name[2] = {"黄牌", "红牌"};

/* Give receiver R of T the cards due at NOW; a red card replaces the yellow of its stage. */
static int give_cards(struct ctx *c, DB_TXN *txn, struct task *t, struct task_recv *r, int64_t now)
{
	struct task_limits l;
	task_limits_load(c->conf, &l);
	unsigned due = task_cards_due(c->cal, &l, t, r, now);
	int rc = 0;
	for (int s = 0; s < TSTAGE__COUNT && rc == 0; s++) {
		int card = due & task_card_bit(s, 1) ? 1 : due & task_card_bit(s, 0) ? 0 : -1;
		if (card < 0)
			continue;
		bool had_yellow = r->cards & task_card_bit(s, 0);
		r->cards |= task_card_bit(s, card);
		r->points[s] = l.points[s][card];
		r->card_due[s] = task_deadline(c->cal, &l, t, s, card);
		char when[20];
		datetime_format((time_t)r->card_due[s], when);
		char *comment = xasprintf("%s超时（时限 %s），系统%s督办，扣 %d 分%s", task_stage_zh[s], when, card_name[card],
					  r->points[s], card && had_yellow ? "（替代黄牌）" : "");
		task_step_add(t, now, TA_CARD, "daemon", "系统", r->unit, r->unit, comment);
		char obj[32];
		snprintf(obj, sizeof obj, "task:%llu", (unsigned long long)t->id);
		char *detail = xasprintf("%s：%s", r->unit, comment);
		rc = audit_append(c, txn, &(struct audit_entry){.user = "daemon", .unit = "-", .source = "daemon",
							       .type = "task_card", .object = obj, .result = "ok",
							       .detail = detail});
		free(detail);
		free(comment);
	}
	return rc;
}

struct pass_arg {
	struct ctx *c;
	struct due_list *d;
	int64_t now;
};

static int pass_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct pass_arg *a = arg;
	int rc = 0;
	for (long i = 0; i < a->d->n && rc == 0; i++) {
		char ref[24];
		snprintf(ref, sizeof ref, "%llu", (unsigned long long)a->d->id[i]);
		struct task *t = NULL;
		rc = task_load(st, txn, a->d->id[i], &t, true);
		if (rc == ZZ_ENOENT || (rc == 0 && t->due_at != a->d->when[i])) {
			/* A row left behind by an older deadline, or of a task gone. */
			rc = due_del(st, txn, a->d->when[i], TASK_DUE_KIND, ref);
			if (rc == ZZ_ENOENT)
				rc = 0;
		} else if (rc == 0) {
			for (int k = 0; k < t->nrecv && rc == 0; k++)
				rc = give_cards(a->c, txn, t, &t->recv[k], a->now);
			if (rc == 0)
				rc = task_reschedule(a->c, txn, t);
			if (rc == 0)
				rc = task_store(st, txn, t);
		}
		task_free(&t);
	}
	return rc;
}

int task_cards_rule(struct ctx *c, int64_t now)
{
	struct due_list d = {0};
	int rc = due_scan(c->st, NULL, now, TASK_DUE_KIND, collect_cb, &d);
	if (rc == 0 && d.n) {
		struct pass_arg a = {c, &d, now};
		rc = store_run(c->st, pass_txn, &a);
	}
	free(d.when);
	free(d.id);
	return rc;
}

static int year_of(int64_t t)
{
	int y, m, dd;
	date_to_ymd(date_today((time_t)t), &y, &m, &dd);
	return y;
}

struct ded_arg {
	int year;
	const char *unit;
	int points;
};

static int ded_cb(struct task *t, void *arg)
{
	struct ded_arg *a = arg;
	struct task_recv *r = task_recv_find(t, a->unit);
	for (int s = 0; r && s < TSTAGE__COUNT; s++)
		if (r->points[s] && year_of(r->card_due[s]) == a->year)
			a->points += r->points[s];
	task_free(&t);
	return 0;
}

int task_deducted(struct ctx *c, int year, const char *unit, int *points)
{
	struct ded_arg a = {year, unit, 0};
	int rc = task_scan(c->st, NULL, ded_cb, &a);
	*points = a.points;
	return rc;
}

struct todo_arg {
	struct ctx *c;
	const struct user *u;
	int64_t now;
	struct todo_list *l;
};

static int todo_cb(struct task *t, void *arg)
{
	struct todo_arg *a = arg;
	struct task_limits lim;
	task_limits_load(a->c->conf, &lim);
	char ref[32];
	snprintf(ref, sizeof ref, "task:%llu", (unsigned long long)t->id);
	struct task_recv *r = task_recv_find(t, a->u->unit);
	if (r && r->state <= TS_SIGNED) {
		int stage = r->state == TS_ISSUED ? TSTAGE_SIGN : TSTAGE_FEEDBACK;
		int64_t due = task_deadline(a->c->cal, &lim, t, stage, 0);
		int left = calendar_left(a->c->cal, a->now, due);
		/* 黄牌 and 红牌 only for cards given; a deadline ahead is 预警, one passed 逾期. */
		unsigned red = task_card_bit(TSTAGE_SIGN, 1) | task_card_bit(TSTAGE_FEEDBACK, 1);
		int level = r->cards & red ? TODO_RED
			    : r->cards	   ? TODO_YELLOW
			    : left < 0	   ? TODO_OVERDUE
			    : left <= lim.warn_days ? TODO_WARN
						    : TODO_INFO;
		todo_add(a->l, level, due, "task", ref, "任务%s #%llu %s%s", r->state == TS_ISSUED ? "待签收" : "待反馈",
			 (unsigned long long)t->id, t->title, left < 0 ? "，已超期" : "");
	}
	if (!strcmp(t->issuer, a->u->unit)) {
		int n = 0;
		for (int i = 0; i < t->nrecv; i++)
			n += t->recv[i].state == TS_FEDBACK;
		if (n)
			todo_add(a->l, TODO_INFO, 0, "task", ref, "任务反馈待评价 #%llu %s：%d 个单位", (unsigned long long)t->id,
				 t->title, n);
	}
	task_free(&t);
	return 0;
}

int task_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l)
{
	if (str_empty(u->unit))
		return 0;
	struct todo_arg a = {c, u, now, l};
	return task_scan(c->st, NULL, todo_cb, &a);
}
