/* event.h — dispute events (矛盾纠纷事件, R-EV-*): registration, the actions of the workflow table,
 * the timeline, visibility, lists and the to-do items. The CLI and the UI both call these; each
 * action checks permissions, runs in one transaction with its audit entry, and keeps the event's
 * row in the due-time index current so that the daemon reads only what is due. */
#ifndef ZZ_EVENT_H
#define ZZ_EVENT_H

#include "ctx.h"
#include "deadline.h"
#include "perm.h"
#include "record.h"
#include "todo.h"
#include "user.h"
#include "workflow.h"

#define EVENT_TYPE "dispute_event"
#define EVENT_DUE_KIND "ev"

/* Check the event settings beyond their ranges (red after yellow, known levels). */
int event_conf_check(const struct conf *c);
/* The record type of the event's fields (screens/dispute_event.cfg), or NULL with errmsg(). */
const struct rtype *event_type(struct ctx *c);

struct ev_step {
	int64_t time;
	int action; /* enum ev_action */
	char *user, *fullname;
	char *unit; /* the acting unit */
	char *to;   /* where the event went, when it moved */
	char *comment;
	char *extra; /* days, evaluation, card, whether in time */
};
void event_steps_free(struct ev_step *s, int n);

struct ev_req {
	int action; /* enum ev_action */
	const char *comment;
	const char *to;	  /* unit code: 交办, 越级上报 */
	int days;	  /* 申请延期 */
	const char *eval; /* 督办评价: code of db/codes/supervise_eval.tsv */
	/* When set: the holder and state the account saw; the action is refused (ZZ_ESTALE) if the
	 * event has moved on since, so that nobody acts on a state they have not seen. */
	const char *if_holder;
	int if_state;
	int64_t at; /* when it was done; 0: now (only the demo's events of past months set it) */
};

/* Register R (its unit is where it is registered, the account's own unit) as a new event; sets
 * r->id. On a bad field *bad is its index. */
int event_new(struct ctx *c, const struct user *u, struct rec *r, const char *comment, int *bad);
/* The same, registered at AT (0: now): the demo's events of past months. */
int event_new_at(struct ctx *c, const struct user *u, struct rec *r, const char *comment, int *bad,
		 int64_t at);
/* Take action REQ on event ID as U, at time(NULL). */
int event_act(struct ctx *c, const struct user *u, uint64_t id, const struct ev_req *req);
/* The feature's frozen hook (feature.h): a closed event's fields are kept as they were when it was
 * closed: for A ACT_EDIT ZZ_EINVAL "已结案的事件不能修改", for ACT_DELETE ZZ_EPERM
 * "已结案的事件不能删除…"; 0 for an open event and other records. */
int event_frozen(struct ctx *c, DB_TXN *txn, const struct rec *r, enum perm_action a);
/* The same for an event already read: 0, or ZZ_EINVAL "已结案的事件不能修改" when EV is closed. */
int event_fields_frozen(const struct event *ev);
/* Whether U may change EV's fields: an account of the unit holding it or of a unit above (a
 * department shares its level's events to read, R-AC-1, and changed those of any village); 0, or
 * ZZ_EPERM saying who may. */
int event_may_edit(struct ctx *c, const struct user *u, const struct event *ev);
/* The feature's editable hook (feature.h): event_may_edit for an event's record R, 0 for others. */
int event_editable(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *r);

/* Event ID with its record (either may be NULL) when U may see it: U's scope covers the unit
 * holding it or any unit that held it (R-AC-1). */
int event_get(struct ctx *c, const struct user *u, uint64_t id, struct event **ev, struct rec **r);
int event_steps(struct ctx *c, uint64_t id, struct ev_step **out, int *n);
/* The actions U may take on EV now, in table order (for menus); returns how many. */
int event_actions(struct ctx *c, const struct user *u, const struct event *ev, const struct rec *r,
		  int acts[EA__COUNT]);
bool event_urgent(const struct rec *r);
/* 0, or ZZ_EINVAL when ACTION is an extension request and conf/deadlines.cfg switches them off. */
int event_ext_allowed(struct ctx *c, int action);

struct ev_query {
	const char *unit; /* events that touched this unit's subtree (within U's scope) */
	int state;	  /* EV_* or -1 */
	bool held;	  /* only open events held by UNIT itself */
	bool open;	  /* only events not closed: the same as without it, less the closed ones, read
			   * from the indexes (no event loaded; event_list.c: list_open) */
	long limit;	  /* 0: no limit */
};
/* Ids of the events U may see matching Q, newest first (caller frees). */
int event_list(struct ctx *c, const struct user *u, const struct ev_query *q, uint64_t **ids, long *n);

/* The clocks of EV now (no clocks: nothing pending). */
void event_clock(struct ctx *c, const struct event *ev, struct ev_clock *k);
/* "剩 N 个工作日" / "今日 HH:MM 到期" / "已超期" for DEADLINE at NOW (caller frees). */
char *event_left_text(struct ctx *c, int64_t now, int64_t deadline);
/* For STAGE of EV met while it stays (K's met): "办理按时（12-08 已办理，不再计时）", 已黄牌 or 已红牌
 * for a card given before (caller frees). */
char *event_met_text(const struct event *ev, const struct ev_clock *k, int stage);

/* Storage, in the caller's transaction (the daemon and the benchmark use these). */
int event_load(struct store *st, DB_TXN *txn, uint64_t id, struct event **out, bool rmw);
/* The workflow states of the N events IDS into STATES (EV_NONE for one missing or unreadable),
 * outside any transaction, through one cursor: nothing decoded but the state (list_open asks it
 * of events a subtree held). */
int event_states(struct store *st, const uint64_t *ids, long n, int *states);
int event_store(struct store *st, DB_TXN *txn, const struct event *ev);
/* Fill EV (from event_alloc, its id set) from the stored bytes of events.db. */
int event_decode(struct event *ev, const void *buf, size_t n);
int event_step_add(struct store *st, DB_TXN *txn, struct event *ev, const struct ev_step *s);
/* Step N (1-based) of event ID into *OUT, whose strings the caller frees. */
int event_step_load(struct store *st, DB_TXN *txn, uint64_t id, int n, struct ev_step *out);
/* Move EV's due-index row to its next deadline after the cards it has. */
int event_reschedule(struct ctx *c, DB_TXN *txn, struct event *ev);
/* zongzhi verify: ev_unit.db and ev_open.db against events.db, both ways — a row for every unit
 * that held an event and for the holder of an open one, and no other row — and the due index's
 * row at each event's next deadline (rows left by older deadlines are the daemon's to drop). CB
 * (may be NULL) gets each problem (Chinese); *EVENTS the events read, *PROBLEMS the count.
 * Returns 0, or the error of a scan that could not be done. */
typedef void (*event_problem_cb)(const char *problem, void *arg);
int event_verify(struct ctx *c, event_problem_cb cb, void *arg, long *events, long *problems);

/* The daemon rule: cards and deductions for every event whose deadline is due at NOW, found
 * through the due index only. *done counts the events looked at (may be NULL). */
int event_cards_pass(struct ctx *c, int64_t now, long *done);
/* "受理红牌,办理黄牌,首报黄牌" for the cards of EV's current holding ("" when none), in BUF. */
void event_cards_text(const struct event *ev, char *buf, size_t n);
/* Move EV's counters in the statistics from its cards BEFORE to its cards now (in TXN). */
int event_cards_stats(struct ctx *c, DB_TXN *txn, struct event *ev, unsigned before);
int event_cards_rule(struct ctx *c, int64_t now); /* the row of daemon_rules[] */
/* Give EV the cards due at NOW, with their deductions, steps and statistics (in TXN): an action
 * taken after a deadline the daemon has not yet passed over still costs its card. */
int event_cards_due(struct ctx *c, DB_TXN *txn, struct event *ev, int64_t now);
/* The to-do source: events waiting for U's unit, and extension requests for it to decide. */
int event_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l);
/* A read-only account's lines (feature.h, digest): the open events in its scope, and the year's
 * yellow and red cards there — from the indexes and the score table, no event loaded. */
int event_digest(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l);
/* How many events are open (not closed) held by units of SCOPE's subtree, from the index alone. */
int event_open_count(struct ctx *c, const char *scope, long *out);

#endif
