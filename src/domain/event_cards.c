/* event_cards.c — the daemon's yellow and red cards (R-EV-4, R-EV-5) with their deductions
 * (R-EV-6), found through the due-time index only; and the events' to-do items. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "due.h"
#include "event.h"
#include "stats.h"
#include "perm.h"
#include "score.h"
#include "service.h"

struct due_ev {
	int64_t when;
	uint64_t id;
};

struct collect {
	struct due_ev *v;
	long n, cap;
};

static int collect_cb(int64_t when, const char *kind, const char *ref, void *arg)
{
	struct collect *col = arg;
	long long id;
	if (str_to_ll(ref, &id) < 0)
		return 0;
	if (col->n == col->cap) {
		col->cap = col->cap ? col->cap * 2 : 256;
		col->v = xrealloc(col->v, (size_t)col->cap * sizeof *col->v);
	}
	col->v[col->n++] = (struct due_ev){when, (uint64_t)id};
	return 0;
}

static int year_of(int64_t t)
{
	int y, m, d;
	date_to_ymd(date_today((time_t)t), &y, &m, &d);
	return y;
}

/* Give the cards due on EV at NOW: the deduction, the timeline step and the audit entry. */
static int give_cards(struct ctx *c, DB_TXN *txn, struct event *ev, int64_t now)
{
	struct ev_limits l;
	struct ev_clock k;
	deadline_limits(c->conf, &l);
	deadline_clock(c->cal, &l, ev, &k);
	unsigned due = deadline_due(&k, ev->cards, now);
	int rc = 0;
	for (int s = 0; s < STAGE__COUNT && rc == 0; s++) {
		int card = due & deadline_bit(s, CARD_RED) ? CARD_RED : due & deadline_bit(s, CARD_YELLOW) ? CARD_YELLOW : -1;
		if (card < 0)
			continue;
		struct score_row row = {.year = year_of(k.due[s][card]), .unit = ev->holder, .event = ev->id,
					.hold = ev->hold, .stage = s, .card = card, .points = l.points[s][card],
					.due = k.due[s][card], .given = now};
		bool had_yellow = ev->cards & deadline_bit(s, CARD_YELLOW);
		rc = score_put(c->st, txn, &row, had_yellow ? year_of(k.due[s][CARD_YELLOW]) : 0);
		ev->cards |= deadline_bit(s, card);
		char due_s[20];
		datetime_format((time_t)row.due, due_s);
		char *comment = xasprintf("%s超时（时限 %s），系统%s督办，扣 %d 分%s", stage_zh[s], due_s, card_zh[card],
					  row.points, card == CARD_RED && had_yellow ? "（替代黄牌）" : "");
		char *extra = xasprintf("%s%s", stage_zh[s], card_zh[card]);
		if (rc == 0)
			rc = event_step_add(c->st, txn, ev,
					    &(struct ev_step){.time = now, .action = EA_CARD, .user = "daemon",
							      .fullname = "系统", .unit = ev->holder, .comment = comment,
							      .extra = extra});
		if (rc == 0) {
			char obj[48];
			snprintf(obj, sizeof obj, "%s:%llu", EVENT_TYPE, (unsigned long long)ev->id);
			char *detail = xasprintf("%s：%s", ev->holder, comment);
			rc = audit_append(c, txn, &(struct audit_entry){.user = "daemon", .unit = "-", .source = "daemon",
								       .type = "event_card", .object = obj, .result = "ok",
								       .detail = detail});
			free(detail);
		}
		free(comment);
		free(extra);
	}
	return rc;
}

int event_cards_due(struct ctx *c, DB_TXN *txn, struct event *ev, int64_t now)
{
	unsigned before = ev->cards;
	int rc = give_cards(c, txn, ev, now);
	if (rc == 0 && before != ev->cards)
		rc = event_cards_stats(c, txn, ev, before);
	return rc;
}

struct batch_arg {
	struct ctx *c;
	const struct due_ev *v;
	long n;
	int64_t now;
};

int event_cards_stats(struct ctx *c, DB_TXN *txn, struct event *ev, unsigned before)
{
	struct rec *r = NULL;
	const struct rtype *t = event_type(c);
	int rc = t ? record_load(c->st, txn, t, ev->id, &r, false) : ZZ_EINVAL;
	struct stats_facts fb = {0}, fa = {0};
	unsigned now = ev->cards;
	ev->cards = before;
	if (rc == 0)
		stats_event_facts(c, ev, r, &fb);
	ev->cards = now;
	if (rc == 0) {
		stats_event_facts(c, ev, r, &fa);
		rc = stats_apply(c->st, txn, &fb, &fa);
	}
	stats_facts_free(&fb);
	stats_facts_free(&fa);
	rec_free(&r);
	return rc;
}

static int batch_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct batch_arg *a = arg;
	int rc = 0;
	for (long i = 0; i < a->n && rc == 0; i++) {
		struct event *ev = NULL;
		char ref[24];
		snprintf(ref, sizeof ref, "%llu", (unsigned long long)a->v[i].id);
		rc = event_load(st, txn, a->v[i].id, &ev, true);
		if (rc == ZZ_ENOENT) {
			rc = due_del(st, txn, a->v[i].when, EVENT_DUE_KIND, ref);
			continue;
		}
		if (rc == 0 && ev->due_at != a->v[i].when) {
			/* A row left behind by an older deadline: the event has its own current row. */
			rc = due_del(st, txn, a->v[i].when, EVENT_DUE_KIND, ref);
		} else if (rc == 0) {
			unsigned before = ev->cards;
			rc = event_cards_due(a->c, txn, ev, a->now);
			/* The calendar may have changed since the row was written: the row moves either way. */
			if (rc == 0)
				rc = event_reschedule(a->c, txn, ev);
			if (rc == 0 && (before != ev->cards || ev->due_at != a->v[i].when))
				rc = event_store(st, txn, ev);
		}
		event_free(&ev);
	}
	return rc;
}

int event_cards_pass(struct ctx *c, int64_t now, long *done)
{
	struct collect col = {0};
	int rc = due_scan(c->st, NULL, now, EVENT_DUE_KIND, collect_cb, &col);
	/* Batches keep the number of commits (log flushes) low when many deadlines fall at once. */
	enum { BATCH = 100 };
	for (long i = 0; i < col.n && rc == 0; i += BATCH) {
		struct batch_arg a = {c, col.v + i, col.n - i < BATCH ? col.n - i : BATCH, now};
		rc = store_run(c->st, batch_txn, &a);
	}
	if (done)
		*done = col.n;
	free(col.v);
	return rc;
}

int event_cards_rule(struct ctx *c, int64_t now)
{
	return event_cards_pass(c, now, NULL);
}

/* One to-do item for an event waiting at the account's unit. */
static void todo_event(struct ctx *c, const struct event *ev, const struct rec *r, int64_t now, struct todo_list *l)
{
	struct ev_limits lim;
	struct ev_clock k;
	deadline_limits(c->conf, &lim);
	deadline_clock(c->cal, &lim, ev, &k);
	const char *what = ev->state == EV_NEW ? "待受理" : ev->state == EV_FEDBACK ? "已反馈待结案"
						  : ev->assigners.n		  ? "待办理反馈"
										  : "待办理";
	char buf[32];
	const char *title = rec_name(r, buf, sizeof buf);
	struct sb sb;
	sb_init(&sb);
	int level = TODO_INFO;
	int64_t due = 0;
	for (int stage = 0; stage < STAGE__COUNT; stage++) {
		if (!k.pending[stage] && k.met[stage]) {
			/* Its clock stopped: say so, rather than nothing at all. */
			char *met = event_met_text(ev, &k, stage);
			sb_addf(&sb, "，%s", met);
			free(met);
		}
		if (!k.pending[stage])
			continue;
		sb_addf(&sb, "，%s", stage_zh[stage]);
		if (ev->cards & deadline_bit(stage, CARD_RED)) {
			sb_adds(&sb, "已红牌");
			level = TODO_RED;
			continue;
		}
		for (int card = 0; card < CARD__KINDS; card++) {
			if (ev->cards & deadline_bit(stage, card)) {
				sb_addf(&sb, "已%s", card_zh[card]);
				if (level < TODO_YELLOW)
					level = TODO_YELLOW;
				continue;
			}
			char *left = event_left_text(c, now, k.due[stage][card]);
			/* "受理黄牌剩 1 个工作日、红牌剩 2 个工作日" or "受理已黄牌，红牌剩 1 个工作日" */
			const char *sep = card == CARD_YELLOW ? "" : ev->cards & deadline_bit(stage, CARD_YELLOW) ? "，" : "、";
			sb_addf(&sb, "%s%s%s", sep, card_zh[card], left);
			free(left);
			if (!due || k.due[stage][card] < due)
				due = k.due[stage][card];
			if (calendar_left(c->cal, now, k.due[stage][card]) <= lim.warn_days && TODO_WARN > level)
				level = TODO_WARN;
		}
	}
	if (ev->ext_req_days > 0)
		sb_addf(&sb, "，延期申请待审批");
	char ref[48];
	snprintf(ref, sizeof ref, "%s:%llu", EVENT_TYPE, (unsigned long long)ev->id);
	todo_add(l, level, due, "event", ref, "%s #%llu %s%s", what, (unsigned long long)ev->id, title,
		 sb.buf ? sb.buf : "");
	sb_free(&sb);
}

struct todo_arg {
	struct ctx *c;
	int64_t now;
	struct todo_list *l;
	const char *unit; /* the account's unit; for the extension scan, the decider */
	bool ext_only;
	bool copy_only; /* events copied to UNIT by a skip-level report (8.2.1.4) */
};

static int todo_cb(struct ctx *c, struct todo_arg *a, uint64_t id)
{
	struct event *ev = NULL;
	struct rec *r = NULL;
	if (event_load(c->st, NULL, id, &ev, false) < 0)
		return 0;
	if (record_load(c->st, NULL, event_type(c), id, &r, false) == 0) {
		if (a->copy_only) {
			if (strv_find(&ev->copies, a->unit) >= 0) {
				const struct unit *f = units_find(ctx_units(c), ev->from);
				const struct unit *h = units_find(ctx_units(c), ev->holder);
				char title[128], ref[48];
				snprintf(ref, sizeof ref, "%s:%llu", EVENT_TYPE, (unsigned long long)id);
				todo_add(a->l, TODO_INFO, 0, "event", ref, "越级上报（抄送，只读） #%llu %s：%s越级上报至%s",
					 (unsigned long long)id, rec_name(r, title, sizeof title), f ? f->name : ev->from,
					 h ? h->name : ev->holder);
			}
		} else if (!a->ext_only) {
			todo_event(c, ev, r, a->now, a->l);
		} else if (ev->ext_req_days > 0 && ev->state == EV_HANDLING) {
			const char *dec = workflow_decider(ctx_units(c), ev);
			char title[128];
			if (dec && !strcmp(dec, a->unit)) {
				const struct unit *h = units_find(ctx_units(c), ev->holder);
				char ref[48];
				snprintf(ref, sizeof ref, "%s:%llu", EVENT_TYPE, (unsigned long long)id);
				todo_add(a->l, TODO_WARN, 0, "event", ref, "延期申请待审批 #%llu %s：%s申请延期 %d 个工作日",
					 (unsigned long long)id, rec_name(r, title, sizeof title), h ? h->name : ev->holder,
					 ev->ext_req_days);
			}
		}
	}
	rec_free(&r);
	event_free(&ev);
	return 0;
}

/* Items for the events held by unit CODE (or their extension requests). */
static int todo_unit(struct ctx *c, struct todo_arg *a, const char *code)
{
	uint64_t *ids = NULL;
	long n = 0;
	struct ev_query q = {.unit = code, .state = -1, .held = true};
	int rc = event_list(c, &service_console, &q, &ids, &n);
	for (long i = 0; i < n && rc == 0; i++)
		rc = todo_cb(c, a, ids[i]);
	free(ids);
	return rc;
}

int event_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l)
{
	const struct rtype *t = event_type(c);
	if (!t || str_empty(u->unit) || !perm_may(c, u, ACT_HANDLE, t, u->unit))
		return 0;
	struct todo_arg a = {.c = c, .now = now, .l = l, .unit = u->unit};
	int rc = todo_unit(c, &a, u->unit);
	/* Extension requests come from the units right below (the assigner is always the parent). */
	const struct units *us = ctx_units(c);
	a.ext_only = true;
	for (int i = 0; i < us->n && rc == 0; i++)
		if (!strcmp(us->v[i].parent, u->unit))
			rc = todo_unit(c, &a, us->v[i].code);
	/* Skip-level reports that passed over this unit are held by a unit above it. */
	a.ext_only = false;
	a.copy_only = true;
	const struct unit *x = units_find(us, u->unit);
	for (x = x && *x->parent ? units_find(us, x->parent) : NULL; x && rc == 0;
	     x = *x->parent ? units_find(us, x->parent) : NULL)
		rc = todo_unit(c, &a, x->code);
	return rc;
}

struct digest_arg {
	const struct units *us;
	const char *scope;
	long cards[CARD__KINDS];
	long units;
	char *last; /* a copy of the previous row's unit (its key is the cursor's, reused): rows come in unit order */
};

static int digest_cb(const struct score_row *r, void *arg)
{
	struct digest_arg *a = arg;
	if (r->card < 0 || r->card >= CARD__KINDS || !units_under(a->us, r->unit, a->scope))
		return 0;
	a->cards[r->card]++;
	if (!a->last || strcmp(a->last, r->unit) != 0) {
		a->units++;
		free(a->last);
		a->last = xstrdup(r->unit);
	}
	return 0;
}

int event_digest(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l)
{
	const struct rtype *t = event_type(c);
	const char *scope = perm_scope(c, u);
	if (!t || !perm_may(c, u, ACT_VIEW, t, scope))
		return 0;
	long open = 0;
	int rc = event_open_count(c, scope, &open);
	if (rc < 0)
		return rc;
	const struct unit *x = units_find(ctx_units(c), scope);
	const char *name = x ? x->name : scope;
	/* Its ref: the kind of the event items, whose screen lists the events (read-only here). */
	todo_add(l, TODO_INFO, 0, TODO_DIGEST, "event", "%s在办（未结案）矛盾纠纷事件 %ld 件（“矛盾纠纷事件办理”中查看）", name, open);
	int y, m, d;
	date_to_ymd(date_today((time_t)now), &y, &m, &d);
	struct digest_arg a = {.us = ctx_units(c), .scope = scope};
	rc = score_scan(c->st, NULL, y, NULL, digest_cb, &a);
	free(a.last);
	if (rc < 0)
		return rc;
	/* Its ref: the kind of the score screen, which lists the cards by unit. */
	todo_add(l, TODO_INFO, 0, TODO_DIGEST, "score", "%s %d 年督办牌：黄牌 %ld 张、红牌 %ld 张，涉及 %ld 个单位（“考核得分”中查看）",
		 name, y, a.cards[CARD_YELLOW], a.cards[CARD_RED], a.units);
	return 0;
}

void event_cards_text(const struct event *ev, char *buf, size_t n)
{
	buf[0] = '\0';
	for (int s = 0; s < STAGE__ALL; s++)
		for (int k = CARD__KINDS - 1; k >= 0; k--)
			if (ev->cards & deadline_bit(s, k)) {
				size_t l = strlen(buf);
				snprintf(buf + l, n - l, "%s%s%s", l ? "," : "", stage_zh[s], card_zh[k]);
				break;
			}
}
