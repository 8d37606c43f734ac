/* event.c — dispute events as a person handles them: register, act through the workflow table,
 * see (the lists are event_list.c's). Each change is one transaction with its steps, indexes, due
 * row and audit entry. */
#include "event.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "domain.h"
#include "mass.h"
#include "perm.h"
#include "service.h"
#include "stats.h"
#include "validate.h"

int event_conf_check(const struct conf *c)
{
	static const char *const stages[] = {"accept", "handle"};
	for (size_t i = 0; i < ARRAY_LEN(stages); i++) {
		char y[64], r[64];
		snprintf(y, sizeof y, "events.%s.yellow_days", stages[i]);
		snprintf(r, sizeof r, "events.%s.red_days", stages[i]);
		if (conf_int(c, r) <= conf_int(c, y))
			return errmsg_set(ZZ_EINVAL, "%s: %s 应大于 %s（红牌在黄牌之后）", c->path, r, y);
	}
	const config_setting_t *lv = conf_setting(c, "daily.levels");
	for (int i = 0; i < config_setting_length(lv); i++) {
		const char *s = config_setting_get_string_elem(lv, (unsigned)i);
		if (!s || unit_level_parse(s) <= 0)
			return errmsg_set(ZZ_EINVAL, "%s:%d: daily.levels 中的层级 “%s” 未知", config_setting_source_file(lv),
					  (int)config_setting_source_line(lv), s ? s : "?");
	}
	return 0;
}

const struct rtype *event_type(struct ctx *c)
{
	const struct rtype *t = schema_type(c->schema, EVENT_TYPE);
	if (!t)
		errmsg_set(ZZ_EINVAL, "没有矛盾纠纷事件的记录类型（screens/%s.cfg）", EVENT_TYPE);
	return t;
}

bool event_urgent(const struct rec *r)
{
	const char *u = r ? rec_get(r, "urgency") : NULL;
	return u && (strcmp(u, "2") == 0 || strcmp(u, "3") == 0);
}

void event_clock(struct ctx *c, const struct event *ev, struct ev_clock *k)
{
	struct ev_limits l;
	deadline_limits(c->conf, &l);
	deadline_clock(c->cal, &l, ev, k);
}

char *event_left_text(struct ctx *c, int64_t now, int64_t deadline)
{
	int left = calendar_left(c->cal, now, deadline);
	if (left < 0)
		return xstrdup("已超期");
	if (left == 0) {
		char b[20];
		datetime_format((time_t)deadline, b);
		return xasprintf("今日 %.5s 到期", b + 11);
	}
	return xasprintf("剩 %d 个工作日", left);
}

char *event_met_text(const struct event *ev, const struct ev_clock *k, int stage)
{
	char when[20];
	datetime_format((time_t)k->met[stage], when);
	const char *how = ev->cards & deadline_bit(stage, CARD_RED)	  ? "已红牌"
			  : ev->cards & deadline_bit(stage, CARD_YELLOW) ? "已黄牌"
									  : "按时";
	return xasprintf("%s%s（%.5s 已办理，不再计时）", stage_zh[stage], how, when + 5);
}

/* Index rows "code \0 be64 id" of ev_unit.db and ev_open.db. */
static int unit_row(struct store *st, DB_TXN *txn, int db, const char *unit, uint64_t id, bool add)
{
	struct sb k;
	sb_init(&k);
	sb_add(&k, unit, strlen(unit) + 1);
	unsigned char be[8];
	be64_put(be, id);
	sb_add(&k, (char *)be, 8);
	int rc = add ? store_put(store_db(st, db), txn, k.buf, k.len, "", 0) : store_del(store_db(st, db), txn, k.buf, k.len);
	sb_free(&k);
	return rc == ZZ_ENOENT ? 0 : rc;
}

static const char *actor_name(const struct user *u)
{
	return u->fullname && *u->fullname ? u->fullname : u->name;
}

static char *object_of(uint64_t id)
{
	return xasprintf("%s:%llu", EVENT_TYPE, (unsigned long long)id);
}

struct new_arg {
	struct ctx *c;
	const struct user *u;
	struct rec *r;
	const char *comment;
	int64_t at;
};

static int new_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct new_arg *a = arg;
	struct ctx *c = a->c;
	struct rec *r = a->r;
	int64_t now = a->at ? a->at : (int64_t)time(NULL);
	r->id = 0;
	r->created = r->updated = now;
	rec_set_meta(&r->by_unit, perm_console(a->u) ? r->unit : a->u->unit);
	rec_set_meta(&r->by_user, a->u->name);
	free(r->editor);
	r->editor = service_editor(a->u);
	int rc = record_store(st, txn, r, NULL);
	struct event *ev = event_alloc();
	ev->id = r->id;
	ev->state = EV_NEW;
	free(ev->holder);
	ev->holder = xstrdup(r->unit);
	free(ev->origin);
	ev->origin = xstrdup(r->unit);
	ev->via = VIA_REGISTERED;
	ev->reached = ev->created = now;
	ev->hold = 1;
	strv_push(&ev->involved, r->unit);
	if (rc == 0)
		rc = event_step_add(st, txn, ev,
				    &(struct ev_step){.time = now, .action = EA_NEW, .user = a->u->name,
						      .fullname = (char *)actor_name(a->u), .unit = r->unit,
						      .comment = (char *)a->comment});
	if (rc == 0 && mass_is(r))
		rc = mass_first_card(c, txn, ev, r, now);
	if (rc == 0)
		rc = unit_row(st, txn, DBI_EV_UNIT, r->unit, ev->id, true);
	if (rc == 0)
		rc = unit_row(st, txn, DBI_EV_OPEN, r->unit, ev->id, true);
	if (rc == 0)
		rc = event_reschedule(c, txn, ev);
	if (rc == 0)
		rc = event_store(st, txn, ev);
	if (rc == 0) {
		struct stats_facts fa = {0};
		stats_event_facts(c, ev, r, &fa);
		rc = stats_apply(st, txn, NULL, &fa);
		stats_facts_free(&fa);
	}
	if (rc == 0) {
		char *obj = object_of(ev->id);
		char *diff = audit_diff(NULL, r);
		rc = audit_append(c, txn, &(struct audit_entry){.user = a->u->name, .unit = a->u->unit, .type = "event_new",
							       .object = obj, .result = "ok", .detail = diff});
		free(obj);
		free(diff);
	}
	event_free(&ev);
	if (rc < 0)
		r->id = 0;
	return rc;
}

int event_new(struct ctx *c, const struct user *u, struct rec *r, const char *comment, int *bad)
{
	return event_new_at(c, u, r, comment, bad, 0);
}

int event_new_at(struct ctx *c, const struct user *u, struct rec *r, const char *comment, int *bad,
		 int64_t at)
{
	int dummy;
	if (!bad)
		bad = &dummy;
	*bad = -1;
	if (!event_type(c))
		return ZZ_EINVAL;
	if (r->t != event_type(c))
		return errmsg_set(ZZ_EINVAL, "不是矛盾纠纷事件");
	if (!perm_console(u) && str_empty(r->unit))
		rec_set_meta(&r->unit, u->unit);
	/* An event is registered by the unit that finds it (R-EV-1): the account's own. */
	if (!perm_console(u) && strcmp(r->unit, u->unit) != 0) {
		const struct unit *x = units_find(ctx_units(c), u->unit);
		return errmsg_set(ZZ_EPERM, "只能在本单位（%s）登记事件", x ? x->name : u->unit);
	}
	r->id = 0;
	int rc = service_validate(c, u, r, bad);
	if (rc == 0) {
		struct new_arg a = {c, u, r, comment, at};
		rc = store_run(c->st, new_txn, &a);
	}
	if (rc == ZZ_EPERM)
		service_audit_refusal(c, u, "event_new", EVENT_TYPE, rc);
	return rc;
}

struct act_arg {
	struct ctx *c;
	const struct user *u;
	uint64_t id;
	const struct ev_req *req;
};

/* The evaluation code of IN (a code or a label of db/codes/supervise_eval.tsv), or NULL. */
static const char *eval_code(struct ctx *c, const char *in)
{
	const struct codetable *t = codes_find(c->codes, "supervise_eval");
	const struct code *x = t && !str_empty(in) ? codetable_lookup(t, in) : NULL;
	return x ? x->code : NULL;
}

static const char *eval_label(struct ctx *c, const char *in)
{
	const struct codetable *t = codes_find(c->codes, "supervise_eval");
	const struct code *x = t && !str_empty(in) ? codetable_lookup(t, in) : NULL;
	return x ? x->label : "";
}

/* What the timeline notes besides the comment: days, evaluation, whether a stage was met in time. */
static char *step_extra(struct ctx *c, const struct event *before, const struct wf_rule *rule, const struct ev_req *req)
{
	struct sb sb;
	sb_init(&sb);
	if (rule->action == EA_EXT_ASK)
		sb_addf(&sb, "申请延期 %d 个工作日", req->days);
	else if (rule->action == EA_EXT_GRANT)
		sb_addf(&sb, "办理时限延长 %d 个工作日", before->ext_req_days);
	else if (rule->action == EA_EVALUATE)
		sb_addf(&sb, "评价：%s", eval_label(c, req->eval));
	struct ev_limits lim;
	deadline_limits(c->conf, &lim);
	unsigned meets = rule->meets;
	/* 6.4.3.9: the first 办理 opinion meets the handling stage (unless the stricter reading is set). */
	if (rule->action == EA_HANDLE && lim.opinion_stops && !before->handled)
		meets |= MEET_HANDLE;
	for (int s = 0; s < STAGE__COUNT; s++) {
		unsigned need = s == STAGE_ACCEPT ? MEET_ACCEPT : MEET_HANDLE;
		if (!(meets & need) || !before->reached)
			continue;
		/* Only a stage still pending is met now (a report from 待受理 meets both). */
		struct ev_clock k;
		event_clock(c, before, &k);
		if (!k.pending[s])
			continue;
		unsigned red = deadline_bit(s, CARD_RED), yellow = deadline_bit(s, CARD_YELLOW);
		if (sb.len)
			sb_adds(&sb, "；");
		sb_addf(&sb, "%s%s", stage_zh[s],
			before->cards & red ? "超时（已红牌）" : before->cards & yellow ? "超时（已黄牌）" : "按时");
	}
	return sb_steal(&sb);
}

/* The refusal of an action on a state the account has not seen: who moved the event, when. */
static int act_stale(struct store *st, DB_TXN *txn, const struct event *ev, const struct units *us)
{
	struct ev_step s;
	int rc = event_step_load(st, txn, ev->id, ev->nsteps, &s);
	if (rc < 0)
		return rc;
	char when[20];
	datetime_format((time_t)s.time, when);
	const struct unit *h = units_find(us, ev->holder);
	rc = errmsg_set(ZZ_ESTALE, "这件事件已被 %s 于 %.11s %s，现为“%s”（%s）：请看过最新情况再操作",
			s.fullname ? s.fullname : s.user ? s.user : "其他账号", when + 5, wf_actions[s.action].zh,
			ev_state_zh[ev->state], h ? h->name : ev->holder);
	free(s.user);
	free(s.fullname);
	free(s.unit);
	free(s.to);
	free(s.comment);
	free(s.extra);
	return rc;
}

int event_ext_allowed(struct ctx *c, int action)
{
	if (action == EA_EXT_ASK && !conf_bool(c->conf, "events.extension"))
		return errmsg_set(ZZ_EINVAL, "本地未启用延期：事件办理时限不能延长");
	return 0;
}

/* 8.2.1.4: the units between FROM and the new holder (the levels skipped) get the event too, read
 * only: they may see it, it is in their event lists, and their to-do lists show it. */
static int copy_skipped(struct store *st, DB_TXN *txn, const struct units *us, struct event *ev, const char *from)
{
	const struct unit *x = units_find(us, from);
	for (x = x && *x->parent ? units_find(us, x->parent) : NULL; x && strcmp(x->code, ev->holder) != 0;
	     x = *x->parent ? units_find(us, x->parent) : NULL) {
		if (strv_find(&ev->copies, x->code) < 0)
			strv_push(&ev->copies, x->code);
		if (strv_find(&ev->involved, x->code) < 0)
			strv_push(&ev->involved, x->code);
		int rc = unit_row(st, txn, DBI_EV_UNIT, x->code, ev->id, true);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* The unit whose events the account must have the right to handle: the holder's, except for a
 * 续报 by the registering unit after the event went up (it acts where the incident is). */
static const char *act_where(const struct event *ev, const struct wf_rule *rule, const struct wf_actor *actor)
{
	return rule->action == EA_FOLLOWUP && !actor->holder && actor->origin ? ev->origin : ev->holder;
}

static int act_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct act_arg *a = arg;
	struct ctx *c = a->c;
	const struct ev_req *req = a->req;
	const struct rtype *t = event_type(c);
	const struct units *us = ctx_units(c);
	bool console = perm_console(a->u);
	struct event *ev = NULL, *before = NULL;
	struct rec *r = NULL, *old = NULL;
	char *extra = NULL, *oldholder = NULL;
	struct stats_facts fb = {0}, fa = {0};
	int64_t now = req->at ? req->at : (int64_t)time(NULL);
	int rc = event_load(st, txn, a->id, &ev, true);
	if (rc == 0)
		rc = record_load(st, txn, t, a->id, &r, true);
	if (rc == 0 && req->if_holder && (ev->state != req->if_state || strcmp(ev->holder, req->if_holder)))
		rc = act_stale(st, txn, ev, us);
	if (rc < 0)
		goto out;
	/* The account must see the event at all, then have the right to act on events there. */
	if (perm_check(c, a->u, ACT_HANDLE, t, NULL) < 0) {
		rc = ZZ_EPERM;
		goto out;
	}
	struct wf_actor actor;
	workflow_actor(us, ev, console ? NULL : a->u->unit, &actor);
	actor.console = console;
	struct wf_input in = {.comment = req->comment, .to = req->to, .days = req->days,
			      .max_days = (int)conf_int(c->conf, "events.extension_max_days"),
			      .eval = eval_code(c, req->eval), .urgent = event_urgent(r), .mass = mass_is(r),
			      .actor_unit = console ? ev->holder : a->u->unit};
	if (req->action == EA_EVALUATE && !str_empty(req->eval) && !in.eval) {
		rc = errmsg_set(ZZ_EINVAL, "督办评价应为 满意、基本满意 或 不满意");
		goto out;
	}
	const struct wf_rule *rule = NULL;
	const char *dest = NULL;
	rc = event_ext_allowed(c, req->action);
	if (rc == 0)
		rc = workflow_check(us, ev, req->action, &actor, &in, &rule, &dest);
	if (rc < 0)
		goto out;
	if ((rc = perm_check(c, a->u, ACT_HANDLE, t, act_where(ev, rule, &actor))) < 0)
		goto out;
	/* A deadline passed before this action is a card even when the daemon has not run since. */
	if ((rc = event_cards_due(c, txn, ev, now)) < 0)
		goto out;
	const char *destname = NULL;
	if (dest) {
		const struct unit *dx = units_find(us, dest);
		destname = dx ? dx->name : dest;
	}
	char *to = dest ? xstrdup(dest) : NULL;
	before = event_alloc();
	before->state = ev->state;
	before->reached = ev->reached;
	before->cards = ev->cards;
	before->ext_days = ev->ext_days;
	before->ext_req_days = ev->ext_req_days;
	before->handled = ev->handled;
	extra = step_extra(c, before, rule, req);
	oldholder = xstrdup(ev->holder);
	stats_event_facts(c, ev, r, &fb);
	workflow_apply(ev, rule, dest, &in, now);
	if (rule->goes == GO_ANCESTOR && conf_bool(c->conf, "events.skip_copy"))
		rc = copy_skipped(st, txn, us, ev, oldholder);
	bool moved = strcmp(oldholder, ev->holder) != 0;
	if (rc == 0 && moved) {
		rc = unit_row(st, txn, DBI_EV_OPEN, oldholder, ev->id, false);
		if (rc == 0)
			rc = unit_row(st, txn, DBI_EV_OPEN, ev->holder, ev->id, true);
		if (rc == 0)
			rc = unit_row(st, txn, DBI_EV_UNIT, ev->holder, ev->id, true);
		if (rc == 0) {
			/* The record follows its holder, so that the holder may complete its fields. */
			old = rec_dup(r);
			rec_set_meta(&r->unit, ev->holder);
			r->updated = now;
			free(r->editor);
			r->editor = service_editor(a->u);
			rc = record_store(st, txn, r, old);
		}
	}
	if (rc == 0 && ev->state == EV_CLOSED)
		rc = unit_row(st, txn, DBI_EV_OPEN, ev->holder, ev->id, false);
	if (rc == 0)
		rc = event_step_add(st, txn, ev,
				    &(struct ev_step){.time = now, .action = rule->action, .user = a->u->name,
						      .fullname = (char *)actor_name(a->u),
						      .unit = console ? oldholder : a->u->unit, .to = to,
						      .comment = (char *)req->comment, .extra = extra});
	if (rc == 0)
		rc = event_reschedule(c, txn, ev);
	if (rc == 0)
		rc = event_store(st, txn, ev);
	if (rc == 0) {
		stats_event_facts(c, ev, r, &fa);
		rc = stats_apply(st, txn, &fb, &fa);
	}
	if (rc == 0) {
		char *obj = object_of(ev->id);
		/* An extension's days are part of what was asked (the timeline has them too). */
		char days[32] = "";
		if (rule->action == EA_EXT_ASK && req->days > 0)
			snprintf(days, sizeof days, " %d 个工作日", req->days);
		char *detail = xasprintf("%s%s%s%s；%s → %s%s%s", wf_actions[rule->action].zh, days, destname ? " → " : "",
					 destname ? destname : "", ev_state_zh[before->state], ev_state_zh[ev->state],
					 str_empty(req->comment) ? "" : "；", str_empty(req->comment) ? "" : req->comment);
		char type[40];
		snprintf(type, sizeof type, "event_%s", wf_actions[rule->action].id);
		rc = audit_append(c, txn, &(struct audit_entry){.user = a->u->name, .unit = a->u->unit, .type = type,
							       .object = obj, .result = "ok", .detail = detail});
		free(obj);
		free(detail);
	}
	free(to);
out:
	stats_facts_free(&fb);
	stats_facts_free(&fa);
	event_free(&ev);
	event_free(&before);
	rec_free(&r);
	rec_free(&old);
	free(extra);
	free(oldholder);
	return rc;
}

int event_act(struct ctx *c, const struct user *u, uint64_t id, const struct ev_req *req)
{
	if (!event_type(c))
		return ZZ_EINVAL;
	if (req->action < 0 || req->action >= EA__COUNT || req->action == EA_NEW || req->action == EA_CARD ||
	    req->action == EA_EDIT)
		return errmsg_set(ZZ_EINVAL, "未知的事件操作");
	int rc = validate_text(wf_actions[req->action].hint, req->comment, (long)conf_int(c->conf, "events.comment_max"));
	if (rc < 0)
		return rc;
	struct event *ev = NULL;
	rc = event_get(c, u, id, &ev, NULL);
	event_free(&ev);
	if (rc == 0) {
		struct act_arg a = {c, u, id, req};
		rc = store_run(c->st, act_txn, &a);
	}
	if (rc == ZZ_EPERM) {
		char *obj = object_of(id);
		char type[40];
		snprintf(type, sizeof type, "event_%s", wf_actions[req->action].id);
		service_audit_refusal(c, u, type, obj, rc);
		free(obj);
	}
	return rc;
}

int event_fields_frozen(const struct event *ev)
{
	return ev->state == EV_CLOSED ? errmsg_set(ZZ_EINVAL, "已结案的事件不能修改") : 0;
}

int event_may_edit(struct ctx *c, const struct user *u, const struct event *ev)
{
	if (perm_console(u))
		return 0;
	const struct units *us = ctx_units(c);
	struct wf_actor a;
	workflow_actor(us, ev, u->unit, &a);
	if (a.holder || a.ancestor)
		return 0;
	const struct unit *h = units_find(us, ev->holder);
	return errmsg_set(ZZ_EPERM, "只有事件所在单位（%s）及其上级单位可以修改事件信息", h ? h->name : ev->holder);
}

int event_editable(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *r)
{
	if (strcmp(r->t->id, EVENT_TYPE) != 0)
		return 0;
	struct event *ev = NULL;
	int rc = event_load(c->st, txn, r->id, &ev, false);
	if (rc == 0)
		rc = event_may_edit(c, u, ev);
	event_free(&ev);
	return rc;
}

int event_frozen(struct ctx *c, DB_TXN *txn, const struct rec *r, enum perm_action a)
{
	if (strcmp(r->t->id, EVENT_TYPE) != 0)
		return 0;
	struct event *ev = NULL;
	int rc = event_load(c->st, txn, r->id, &ev, false);
	/* service_delete refuses a workflow type before asking, but whoever asks about a delete gets
	 * the delete's answer, refused like a right not held (as access_frozen's). */
	if (rc == 0 && a == ACT_DELETE && ev->state == EV_CLOSED)
		rc = errmsg_set(ZZ_EPERM, "已结案的事件不能删除：办理经过要留档备查");
	else if (rc == 0)
		rc = event_fields_frozen(ev);
	event_free(&ev);
	return rc;
}

static bool may_view(struct ctx *c, const struct user *u, const struct event *ev)
{
	const struct rtype *t = event_type(c);
	if (perm_may(c, u, ACT_VIEW, t, ev->holder))
		return true;
	for (int i = 0; i < ev->involved.n; i++)
		if (perm_may(c, u, ACT_VIEW, t, ev->involved.v[i]))
			return true;
	return false;
}

int event_get(struct ctx *c, const struct user *u, uint64_t id, struct event **evp, struct rec **rp)
{
	const struct rtype *t = event_type(c);
	if (!t)
		return ZZ_EINVAL;
	int rc = perm_check(c, u, ACT_VIEW, t, NULL);
	struct event *ev = NULL;
	struct rec *r = NULL;
	if (rc == 0)
		rc = event_load(c->st, NULL, id, &ev, false);
	/* An event outside the account's scope is, for it, no event: the same words as event_load's
	 * (the refusal is still audited as one). */
	if (rc == 0 && !may_view(c, u, ev))
		rc = errmsg_set(ZZ_EPERM, "没有事件 %llu", (unsigned long long)id);
	if (rc == 0 && rp)
		rc = record_load(c->st, NULL, t, id, &r, false);
	if (rc == ZZ_EPERM) {
		char *obj = object_of(id);
		service_audit_refusal(c, u, "view", obj, rc);
		free(obj);
	}
	if (rc < 0) {
		event_free(&ev);
		rec_free(&r);
		return rc;
	}
	if (evp)
		*evp = ev;
	else
		event_free(&ev);
	if (rp)
		*rp = r;
	return 0;
}

/* Whether an action sending EV to a unit the account picks has one to pick: a unit under the
 * holder (交办), an ancestor above its parent (越级上报). A grid has none to assign to. */
static bool has_target(const struct units *us, const struct event *ev, int goes)
{
	const struct unit *h = units_find(us, ev->holder);
	if (!h)
		return false;
	if (goes == GO_ANCESTOR) {
		const struct unit *p = *h->parent ? units_find(us, h->parent) : NULL;
		return p && *p->parent;
	}
	for (int i = 0; i < us->n; i++)
		if (strcmp(us->v[i].parent, h->code) == 0)
			return true;
	return false;
}

int event_actions(struct ctx *c, const struct user *u, const struct event *ev, const struct rec *r, int acts[EA__COUNT])
{
	int n = 0;
	bool console = perm_console(u);
	const struct rtype *t = event_type(c);
	if (!console && !t)
		return 0;
	struct wf_actor actor;
	workflow_actor(ctx_units(c), ev, console ? NULL : u->unit, &actor);
	actor.console = console;
	bool at_holder = perm_may(c, u, ACT_HANDLE, t, ev->holder);
	bool at_origin = console || (actor.origin && perm_may(c, u, ACT_HANDLE, t, ev->origin));
	if (!at_holder && !at_origin)
		return 0;
	char saved[1024];
	snprintf(saved, sizeof saved, "%s", errmsg());
	for (int i = 0; i < wf_rules_len; i++) {
		const struct wf_rule *w = &wf_rules[i];
		if (w->from != ev->state || w->action == EA_NEW || event_ext_allowed(c, w->action) < 0)
			continue;
		/* Offer what the account may take; inputs (comment, target) are asked for afterwards. */
		if (!workflow_who(w->who, &actor) || !(at_holder || w->action == EA_FOLLOWUP))
			continue;
		struct wf_input in = {.comment = "-", .to = NULL, .days = 1, .max_days = 1, .eval = "1",
				      .urgent = event_urgent(r), .mass = mass_is(r)};
		const struct wf_rule *rr;
		const char *dest;
		int rc = workflow_check(ctx_units(c), ev, w->action, &actor, &in, &rr, &dest);
		/* A missing target is asked for later; any other refusal hides the action. */
		bool needs_target = w->goes == GO_CHILD || w->goes == GO_ANCESTOR;
		if (rc == 0 || (needs_target && rc == ZZ_EMISSING && has_target(ctx_units(c), ev, w->goes)))
			acts[n++] = w->action;
	}
	errmsg_set(0, "%s", saved);
	return n;
}
