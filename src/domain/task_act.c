/* task_act.c — tasks as people handle them: issue, sign off, feed back, evaluate, supervise; who
 * sees a task. Permission is the events' right to act (ACT_HANDLE on the event record type) at the
 * unit concerned, through perm_check; each change is one transaction with its audit entry. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "event.h"
#include "perm.h"
#include "service.h"
#include "task.h"
#include "validate.h"

static int may_act(struct ctx *c, const struct user *u, const char *unit)
{
	const struct rtype *t = event_type(c);
	if (!t)
		return ZZ_EINVAL;
	return perm_check(c, u, ACT_HANDLE, t, unit);
}

/* U's unit is the issuer or lies above it. */
static bool above_issuer(struct ctx *c, const struct user *u, const struct task *t)
{
	return perm_console(u) || (!str_empty(u->unit) && units_under(ctx_units(c), t->issuer, u->unit));
}

bool task_sees_all(struct ctx *c, const struct user *u, const struct task *t)
{
	return above_issuer(c, u, t);
}

static int text_check(struct ctx *c, const char *label, const char *s, bool required)
{
	if (required && str_empty(s))
		return errmsg_set(ZZ_EMISSING, "请填写%s", label);
	return validate_text(label, s, (long)conf_int(c->conf, "tasks.text_max"));
}

static int audit_task(struct ctx *c, DB_TXN *txn, const struct user *u, const char *type, uint64_t id,
		      const char *detail)
{
	char obj[32];
	snprintf(obj, sizeof obj, "task:%llu", (unsigned long long)id);
	return audit_append(c, txn, &(struct audit_entry){.user = u->name, .unit = str_empty(u->unit) ? "-" : u->unit,
						       .type = type, .object = obj, .result = "ok", .detail = detail});
}

struct issue_arg {
	struct ctx *c;
	const struct user *u;
	struct task *t;
};

static int issue_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct issue_arg *a = arg;
	int rc = store_next_id(st, txn, "task", &a->t->id);
	if (rc == 0)
		rc = task_reschedule(a->c, txn, a->t);
	if (rc == 0)
		rc = task_store(st, txn, a->t);
	if (rc == 0) {
		struct sb d;
		sb_init(&d);
		sb_addf(&d, "%s：%s；接收单位", task_kinds[a->t->kind].zh, a->t->title);
		for (int i = 0; i < a->t->nrecv; i++)
			sb_addf(&d, "%s%s%s%s%s", i ? "、" : " ", a->t->recv[i].unit, a->t->recv[i].line ? "（" : "",
				a->t->recv[i].line ? perm_dept_zh(a->c, a->t->recv[i].line) : "",
				a->t->recv[i].line ? "条线）" : "");
		rc = audit_task(a->c, txn, a->u, "task_new", a->t->id, d.buf);
		sb_free(&d);
	}
	return rc;
}

bool task_may_receive(struct ctx *c, const struct user *u, const char *code)
{
	const char *scope = perm_scope(c, u);
	return strcmp(code, u->unit) != 0 && strcmp(code, scope) != 0 && units_under(ctx_units(c), code, scope);
}

/* perm_check's answer without its message (asked before the user acts). */
static bool may(struct ctx *c, const struct user *u, const char *unit)
{
	const struct rtype *t = event_type(c);
	return perm_console(u) || (t && perm_may(c, u, ACT_HANDLE, t, unit));
}

bool task_may_issue(struct ctx *c, const struct user *u)
{
	/* The console (its unit is "") issues no task. */
	if (str_empty(u->unit) || !may(c, u, u->unit))
		return false;
	const struct units *us = ctx_units(c);
	for (int i = 0; i < us->n; i++)
		if (task_may_receive(c, u, us->v[i].code))
			return true;
	return false;
}

int task_actions(struct ctx *c, const struct user *u, struct task *t, int acts[TA__COUNT])
{
	int n = 0;
	struct task_recv *r = str_empty(u->unit) ? NULL : task_recv_find(t, u->unit);
	if (r && may(c, u, r->unit))
		for (int a = TA_SIGN; a <= TA_FEEDBACK; a++)
			if (task_rule_find(a, r->state, TE_NONE))
				acts[n++] = a;
	if (!above_issuer(c, u, t) || !may(c, u, t->issuer))
		return n;
	bool fed = false, open = false;
	for (int i = 0; i < t->nrecv; i++) {
		fed |= t->recv[i].state == TS_FEDBACK;
		open |= t->recv[i].state != TS_DONE;
	}
	if (fed && !str_empty(u->unit) && !strcmp(u->unit, t->issuer))
		acts[n++] = TA_EVALUATE;
	if (task_rule_find(TA_SUPERVISE, open ? TS_ISSUED : TS_DONE, TE_NONE))
		acts[n++] = TA_SUPERVISE;
	return n;
}

static int recv_check(struct ctx *c, const struct user *u, const struct strv *recv, int i)
{
	const struct units *us = ctx_units(c);
	const char *code = recv->v[i];
	const struct unit *x = units_find(us, code);
	if (!x)
		return errmsg_set(ZZ_EINVAL, "没有单位 %s", code);
	if (!task_may_receive(c, u, code))
		return errmsg_set(ZZ_EPERM, "%s 不是本单位的下级单位，不能向其下发任务", x->name);
	for (int k = 0; k < i; k++)
		if (!strcmp(recv->v[k], code))
			return errmsg_set(ZZ_EINVAL, "接收单位 %s 重复", x->name);
	return may_act(c, u, code);
}

int task_issue(struct ctx *c, const struct user *u, const struct task_new *n, uint64_t *id)
{
	if (str_empty(u->unit))
		return errmsg_set(ZZ_EPERM, "任务须由单位的账号下发");
	int rc = may_act(c, u, u->unit);
	if (rc < 0)
		return rc;
	if (n->kind < 0 || n->kind >= TK__COUNT)
		return errmsg_set(ZZ_EINVAL, "任务类别未知");
	if ((rc = text_check(c, "任务标题", n->title, true)) < 0 || (rc = text_check(c, "任务内容", n->text, true)) < 0)
		return rc;
	if ((long long)strlen(n->title) > conf_int(c->conf, "tasks.title_max"))
		return errmsg_set(ZZ_EINVAL, "任务标题过长（最多 %lld 字节）", conf_int(c->conf, "tasks.title_max"));
	if (n->nrecv <= 0)
		return errmsg_set(ZZ_EMISSING, "请选择接收单位");
	if (n->rtype && !schema_type(c->schema, n->rtype))
		return errmsg_set(ZZ_EINVAL, "没有记录类型 %s", n->rtype);
	int sign = n->sign_days ? n->sign_days : (int)conf_int(c->conf, "tasks.sign_days");
	int done = n->done_days ? n->done_days : (int)conf_int(c->conf, "tasks.done_days");
	long long most = conf_int(c->conf, "tasks.days_max");
	if (sign < 1 || done < 1 || sign > most || done > most)
		return errmsg_set(ZZ_EINVAL, "时限应为 1 到 %lld 个工作日", most);
	if (done < sign)
		return errmsg_set(ZZ_EINVAL, "办结时限（%d 个工作日）不应早于签收时限（%d 个工作日）", done, sign);
	/* Department lines become their units now: the task shows who received it. */
	struct strv recv, lines;
	if ((rc = task_recv_expand(c, u, n, &recv, &lines)) < 0)
		return rc;
	if (recv.n > conf_int(c->conf, "tasks.receivers_max"))
		rc = errmsg_set(ZZ_EINVAL, "接收单位过多：%d 个（最多 %lld 个）", recv.n,
				conf_int(c->conf, "tasks.receivers_max"));
	for (int i = 0; i < recv.n && rc == 0; i++)
		rc = recv_check(c, u, &recv, i);
	if (rc < 0) {
		strv_free(&recv);
		strv_free(&lines);
		return rc;
	}
	struct task *t = xcalloc(1, sizeof *t);
	*t = (struct task){.kind = n->kind, .title = xstrdup(n->title), .text = xstrdup(n->text),
			   .issuer = xstrdup(u->unit), .issuer_user = xstrdup(u->name),
			   .rtype = n->rtype ? xstrdup(n->rtype) : NULL, .created = (int64_t)time(NULL),
			   .sign_days = sign, .done_days = done};
	t->recv = xcalloc((size_t)recv.n, sizeof *t->recv);
	for (int i = 0; i < recv.n; i++)
		t->recv[t->nrecv++] = (struct task_recv){.unit = xstrdup(recv.v[i]), .state = TS_ISSUED,
							 .line = *lines.v[i] ? xstrdup(lines.v[i]) : NULL};
	strv_free(&recv);
	strv_free(&lines);
	task_step_add(t, t->created, TA_ISSUE, u->name, u->fullname, u->unit, NULL, n->text);
	struct issue_arg a = {c, u, t};
	rc = store_run(c->st, issue_txn, &a);
	if (rc == 0 && id)
		*id = t->id;
	task_free(&t);
	return rc;
}

/* LIST as typed with a Chinese input method: its full-width colons and commas (and 、) as ASCII. */
static char *records_ascii(const char *list)
{
	static const char *const wide[][2] = {{"：", ":"}, {"，", ","}, {"、", ","}};
	struct sb sb;
	sb_init(&sb);
	for (const char *p = list; *p;) {
		size_t k = 0;
		while (k < ARRAY_LEN(wide) && strncmp(p, wide[k][0], strlen(wide[k][0])) != 0)
			k++;
		if (k < ARRAY_LEN(wide)) {
			sb_adds(&sb, wide[k][1]);
			p += strlen(wide[k][0]);
		} else {
			sb_add(&sb, p++, 1);
		}
	}
	return sb_steal(&sb);
}

/* Records named by a feedback: "type:id" separated by commas, the type by its id or its Chinese
 * title, each a record of the receiver's subtree; rewritten into R->records with type ids. */
static int records_check(struct ctx *c, DB_TXN *txn, const char *unit, const char *list, char **out)
{
	struct sb sb;
	sb_init(&sb);
	char *copy = records_ascii(list), *save = NULL;
	int rc = 0, n = 0;
	for (char *tok = strtok_r(copy, ", ", &save); tok && rc == 0; tok = strtok_r(NULL, ", ", &save)) {
		char *colon = strchr(tok, ':');
		long long id = 0;
		if (!colon || (*colon = 0, str_to_ll(colon + 1, &id) < 0) || id <= 0) {
			rc = errmsg_set(ZZ_EINVAL, "记录应写成 记录类型:记录号（如 出租房:19），“%s” 不是", tok);
			break;
		}
		const struct rtype *t = schema_type_any(c->schema, tok);
		if (!t) {
			rc = errmsg_set(ZZ_EINVAL, "没有“%s”这种记录类型（写记录类型的名称，如 出租房:19）", tok);
			break;
		}
		struct rec *r = NULL;
		if (record_load(c->st, txn, t, (uint64_t)id, &r, false) < 0 ||
		    !units_under(ctx_units(c), r->unit, unit))
			rc = errmsg_set(ZZ_EINVAL, "本单位范围内没有记录 %s:%lld", t->title, id);
		rec_free(&r);
		sb_addf(&sb, "%s%s:%lld", n++ ? "," : "", t->id, id);
	}
	free(copy);
	if (rc == 0 && n == 0)
		rc = errmsg_set(ZZ_EMISSING, "请写明核实或普查涉及的记录（记录类型:记录号，如 出租房:19）");
	if (rc == 0)
		*out = sb_steal(&sb);
	sb_free(&sb);
	return rc;
}

struct act_arg {
	struct ctx *c;
	const struct user *u;
	uint64_t id;
	const struct task_req *req;
};

static int act_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct act_arg *a = arg;
	struct ctx *c = a->c;
	const struct task_req *req = a->req;
	struct task *t = NULL;
	int rc = task_load(st, txn, a->id, &t, true);
	if (rc < 0)
		return rc;
	int64_t now = (int64_t)time(NULL);
	struct task_recv *r = NULL;
	if (req->act == TA_SIGN || req->act == TA_FEEDBACK) {
		r = task_recv_find(t, a->u->unit);
		if (!r && !above_issuer(c, a->u, t))
			rc = errmsg_set(ZZ_ENOENT, "没有任务 %llu", (unsigned long long)a->id);
		else if (!r)
			rc = errmsg_set(ZZ_EPERM, "只有接收单位可以%s任务", task_act_zh[req->act]);
		else
			rc = may_act(c, a->u, r->unit);
	} else if (!above_issuer(c, a->u, t)) {
		rc = task_recv_find(t, a->u->unit) ? errmsg_set(ZZ_EPERM, "只有下发单位%s可以%s任务",
								 req->act == TA_SUPERVISE ? "及其上级" : "",
								 task_act_zh[req->act])
						    : errmsg_set(ZZ_ENOENT, "没有任务 %llu", (unsigned long long)a->id);
	} else if (req->act == TA_EVALUATE) {
		r = task_recv_find(t, req->unit);
		if (strcmp(a->u->unit, t->issuer) != 0)
			rc = errmsg_set(ZZ_EPERM, "只有下发单位可以评价反馈");
		else if (!r)
			rc = errmsg_set(ZZ_EINVAL, "单位 %s 不是本任务的接收单位", req->unit ? req->unit : "");
		else
			rc = may_act(c, a->u, t->issuer);
	} else {
		rc = may_act(c, a->u, t->issuer);
	}
	const struct task_rule *rule = NULL;
	if (rc == 0) {
		int state = r ? r->state : TS_ISSUED;
		if (req->act == TA_SUPERVISE) {
			bool open = false;
			for (int i = 0; i < t->nrecv; i++)
				open |= t->recv[i].state != TS_DONE;
			state = open ? TS_ISSUED : TS_DONE;
		}
		rule = task_rule_find(req->act, state, req->eval);
		if (!rule)
			rc = errmsg_set(ZZ_EINVAL, "任务%s，不能%s", req->act == TA_SUPERVISE ? "已全部办结" : task_state_zh[state],
					task_act_zh[req->act]);
	}
	if (rc == 0 && req->act == TA_EVALUATE && (req->eval <= TE_NONE || req->eval >= TE__COUNT))
		rc = errmsg_set(ZZ_EINVAL, "评价应为 满意、基本满意 或 不满意");
	if (rc == 0)
		rc = text_check(c, req->act == TA_FEEDBACK ? "反馈内容" : "意见", req->comment,
				req->act == TA_FEEDBACK || req->act == TA_SUPERVISE || (req->act == TA_EVALUATE && req->eval == TE_BAD));
	char *records = NULL;
	if (rc == 0 && req->act == TA_FEEDBACK && task_kinds[t->kind].records)
		rc = records_check(c, txn, r->unit, req->records ? req->records : "", &records);
	if (rc == 0 && r) {
		if (rule->to >= 0)
			r->state = rule->to;
		if (req->act == TA_SIGN)
			r->signed_at = now;
		if (req->act == TA_FEEDBACK) {
			r->fed_at = now;
			free(r->feedback);
			r->feedback = xstrdup(req->comment);
			free(r->records);
			r->records = records;
			records = NULL;
		}
		if (req->act == TA_EVALUATE) {
			r->eval = req->eval;
			if (r->state == TS_DONE)
				r->done_at = now;
		}
	}
	if (rc == 0 && req->act == TA_SUPERVISE)
		t->supervised++;
	free(records);
	char *comment = NULL;
	if (rc == 0) {
		comment = req->act == TA_EVALUATE ? xasprintf("%s%s%s", task_eval_zh[req->eval], str_empty(req->comment) ? "" : "：",
							      str_empty(req->comment) ? "" : req->comment)
						  : xstrdup(req->comment ? req->comment : "");
		task_step_add(t, now, req->act, a->u->name, a->u->fullname, a->u->unit, r ? r->unit : NULL, comment);
		rc = task_reschedule(c, txn, t);
	}
	if (rc == 0)
		rc = task_store(st, txn, t);
	if (rc == 0) {
		char type[32];
		snprintf(type, sizeof type, "task_%s", task_act_id[req->act]);
		char *detail = xasprintf("%s%s%s", r ? r->unit : "", r ? "：" : "", comment);
		rc = audit_task(c, txn, a->u, type, t->id, detail);
		free(detail);
	}
	free(comment);
	task_free(&t);
	return rc;
}

int task_act(struct ctx *c, const struct user *u, uint64_t id, const struct task_req *req)
{
	if (req->act != TA_SIGN && req->act != TA_FEEDBACK && req->act != TA_EVALUATE && req->act != TA_SUPERVISE)
		return errmsg_set(ZZ_EINVAL, "任务操作未知");
	if (!perm_console(u) && str_empty(u->unit))
		return errmsg_set(ZZ_EPERM, "本账号没有单位，不能办理任务");
	struct act_arg a = {c, u, id, req};
	return store_run(c->st, act_txn, &a);
}

/* Whether U may see T: a receiver, the issuer or above; the events' right to view decides. */
static bool visible(struct ctx *c, const struct user *u, struct task *t, struct task_recv **mine)
{
	const struct rtype *et = event_type(c);
	struct task_recv *r = perm_console(u) ? NULL : task_recv_find(t, u->unit);
	if (mine)
		*mine = r;
	if (perm_console(u))
		return true;
	if (!et || !perm_may(c, u, ACT_VIEW, et, NULL))
		return false;
	return r || above_issuer(c, u, t);
}

int task_get(struct ctx *c, const struct user *u, uint64_t id, struct task **out, struct task_recv **mine)
{
	struct task *t = NULL;
	int rc = task_load(c->st, NULL, id, &t, false);
	if (rc == 0 && !visible(c, u, t, mine)) {
		task_free(&t);
		rc = errmsg_set(ZZ_ENOENT, "没有任务 %llu", (unsigned long long)id);
	}
	*out = t;
	return rc;
}

struct list_arg {
	struct ctx *c;
	const struct user *u;
	struct task **v;
	int n;
};

static int list_cb(struct task *t, void *arg)
{
	struct list_arg *a = arg;
	if (!visible(a->c, a->u, t, NULL)) {
		task_free(&t);
		return 0;
	}
	a->v = xrealloc(a->v, (size_t)(a->n + 1) * sizeof *a->v);
	a->v[a->n++] = t;
	return 0;
}

int task_list(struct ctx *c, const struct user *u, struct task ***out, int *n)
{
	struct list_arg a = {c, u, NULL, 0};
	int rc = task_scan(c->st, NULL, list_cb, &a);
	for (int i = 0; i < a.n / 2; i++) {
		struct task *x = a.v[i];
		a.v[i] = a.v[a.n - 1 - i];
		a.v[a.n - 1 - i] = x;
	}
	if (rc < 0) {
		for (int i = 0; i < a.n; i++)
			task_free(&a.v[i]);
		free(a.v);
		a.v = NULL;
		a.n = 0;
	}
	*out = a.v;
	*n = a.n;
	return rc;
}
