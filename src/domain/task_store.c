/* task_store.c — tasks.db: one value per task, its receivers and its timeline as tagged values. A
 * receiver's or a step's tags follow the tag that opens it, so no field needs a migration. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "due.h"
#include "task.h"
#include "tlv.h"

enum {
	T_KIND = 1,
	T_TITLE,
	T_TEXT,
	T_ISSUER,
	T_ISSUER_USER,
	T_RTYPE,
	T_CREATED,
	T_SIGN_DAYS,
	T_DONE_DAYS,
	T_DUE_AT,
	T_SUPERVISED,
	T_RECV = 20, /* opens a receiver: its unit */
	R_STATE,
	R_SIGNED,
	R_FED,
	R_DONE,
	R_FEEDBACK,
	R_RECORDS,
	R_EVAL,
	R_CARDS,
	R_POINTS_SIGN,
	R_POINTS_FEEDBACK,
	R_DUE_SIGN,
	R_DUE_FEEDBACK,
	R_LINE,
	T_STEP = 40, /* opens a step: its time */
	S_ACT,
	S_USER,
	S_FULLNAME,
	S_UNIT,
	S_TARGET,
	S_COMMENT,
};

static void encode(const struct task *t, struct sb *v)
{
	tlv_int(v, T_KIND, t->kind);
	tlv_str(v, T_TITLE, t->title);
	tlv_str(v, T_TEXT, t->text);
	tlv_str(v, T_ISSUER, t->issuer);
	tlv_str(v, T_ISSUER_USER, t->issuer_user);
	tlv_str(v, T_RTYPE, t->rtype);
	tlv_int(v, T_CREATED, t->created);
	tlv_int(v, T_SIGN_DAYS, t->sign_days);
	tlv_int(v, T_DONE_DAYS, t->done_days);
	tlv_int(v, T_DUE_AT, t->due_at);
	tlv_int(v, T_SUPERVISED, t->supervised);
	for (int i = 0; i < t->nrecv; i++) {
		const struct task_recv *r = &t->recv[i];
		tlv_str(v, T_RECV, r->unit);
		tlv_int(v, R_STATE, r->state);
		tlv_int(v, R_SIGNED, r->signed_at);
		tlv_int(v, R_FED, r->fed_at);
		tlv_int(v, R_DONE, r->done_at);
		tlv_str(v, R_FEEDBACK, r->feedback);
		tlv_str(v, R_RECORDS, r->records);
		tlv_int(v, R_EVAL, r->eval);
		tlv_int(v, R_CARDS, r->cards);
		tlv_int(v, R_POINTS_SIGN, r->points[TSTAGE_SIGN]);
		tlv_int(v, R_POINTS_FEEDBACK, r->points[TSTAGE_FEEDBACK]);
		tlv_int(v, R_DUE_SIGN, r->card_due[TSTAGE_SIGN]);
		tlv_int(v, R_DUE_FEEDBACK, r->card_due[TSTAGE_FEEDBACK]);
		tlv_str(v, R_LINE, r->line);
	}
	for (int i = 0; i < t->nsteps; i++) {
		const struct task_step *s = &t->steps[i];
		tlv_int(v, T_STEP, s->time);
		tlv_int(v, S_ACT, s->act);
		tlv_str(v, S_USER, s->user);
		tlv_str(v, S_FULLNAME, s->fullname);
		tlv_str(v, S_UNIT, s->unit);
		tlv_str(v, S_TARGET, s->target);
		tlv_str(v, S_COMMENT, s->comment);
	}
}

static void set_str(char **slot, const unsigned char *p, size_t n)
{
	free(*slot);
	*slot = tlv_get_str(p, n);
}

/* A tag of the receiver or step opened last; the tags before any such opener are ignored. */
static void decode_recv(struct task_recv *r, int tag, const unsigned char *p, size_t len)
{
	int64_t x = tlv_get_int(p, len);
	switch (tag) {
	case R_STATE: r->state = (int)x; break;
	case R_SIGNED: r->signed_at = x; break;
	case R_FED: r->fed_at = x; break;
	case R_DONE: r->done_at = x; break;
	case R_FEEDBACK: set_str(&r->feedback, p, len); break;
	case R_RECORDS: set_str(&r->records, p, len); break;
	case R_EVAL: r->eval = (int)x; break;
	case R_CARDS: r->cards = (unsigned)x; break;
	case R_POINTS_SIGN: r->points[TSTAGE_SIGN] = (int)x; break;
	case R_POINTS_FEEDBACK: r->points[TSTAGE_FEEDBACK] = (int)x; break;
	case R_DUE_SIGN: r->card_due[TSTAGE_SIGN] = x; break;
	case R_DUE_FEEDBACK: r->card_due[TSTAGE_FEEDBACK] = x; break;
	case R_LINE: set_str(&r->line, p, len); break;
	default: break;
	}
}

static void decode_step(struct task_step *s, int tag, const unsigned char *p, size_t len)
{
	switch (tag) {
	case S_ACT: s->act = (int)tlv_get_int(p, len); break;
	case S_USER: set_str(&s->user, p, len); break;
	case S_FULLNAME: set_str(&s->fullname, p, len); break;
	case S_UNIT: set_str(&s->unit, p, len); break;
	case S_TARGET: set_str(&s->target, p, len); break;
	case S_COMMENT: set_str(&s->comment, p, len); break;
	default: break;
	}
}

static int decode(struct task *t, const void *buf, size_t n)
{
	struct tlv_reader rd;
	tlv_begin(&rd, buf, n);
	int tag, rc;
	const unsigned char *p;
	size_t len;
	int open = 0; /* T_RECV or T_STEP: what the following tags belong to */
	while ((rc = tlv_next(&rd, &tag, &p, &len)) > 0) {
		int64_t x = tlv_get_int(p, len);
		switch (tag) {
		case T_KIND: t->kind = (int)x; break;
		case T_TITLE: set_str(&t->title, p, len); break;
		case T_TEXT: set_str(&t->text, p, len); break;
		case T_ISSUER: set_str(&t->issuer, p, len); break;
		case T_ISSUER_USER: set_str(&t->issuer_user, p, len); break;
		case T_RTYPE: set_str(&t->rtype, p, len); break;
		case T_CREATED: t->created = x; break;
		case T_SIGN_DAYS: t->sign_days = (int)x; break;
		case T_DONE_DAYS: t->done_days = (int)x; break;
		case T_DUE_AT: t->due_at = x; break;
		case T_SUPERVISED: t->supervised = (int)x; break;
		case T_RECV:
			t->recv = xrealloc(t->recv, (size_t)(t->nrecv + 1) * sizeof *t->recv);
			t->recv[t->nrecv] = (struct task_recv){.unit = tlv_get_str(p, len)};
			t->nrecv++;
			open = T_RECV;
			break;
		case T_STEP:
			t->steps = xrealloc(t->steps, (size_t)(t->nsteps + 1) * sizeof *t->steps);
			t->steps[t->nsteps] = (struct task_step){.time = x};
			t->nsteps++;
			open = T_STEP;
			break;
		default:
			if (open == T_RECV && tag > T_RECV && tag < T_STEP)
				decode_recv(&t->recv[t->nrecv - 1], tag, p, len);
			else if (open == T_STEP && tag > T_STEP)
				decode_step(&t->steps[t->nsteps - 1], tag, p, len);
			break;
		}
	}
	if (rc == 0 && (t->kind < 0 || t->kind >= TK__COUNT || !t->issuer || !t->title))
		rc = errmsg_set(ZZ_EDB, "任务 %llu 的数据损坏", (unsigned long long)t->id);
	for (int i = 0; rc == 0 && i < t->nrecv; i++)
		if (t->recv[i].state < 0 || t->recv[i].state >= TS__COUNT || t->recv[i].eval < 0 || t->recv[i].eval >= TE__COUNT)
			rc = errmsg_set(ZZ_EDB, "任务 %llu 的接收单位数据损坏", (unsigned long long)t->id);
	for (int i = 0; rc == 0 && i < t->nsteps; i++)
		if (t->steps[i].act < 0 || t->steps[i].act >= TA__COUNT)
			t->steps[i].act = TA_CARD;
	return rc;
}

static void task_key(unsigned char k[9], uint64_t id)
{
	k[0] = 'T';
	be64_put(k + 1, id);
}

int task_load(struct store *st, DB_TXN *txn, uint64_t id, struct task **out, bool rmw)
{
	unsigned char k[9];
	task_key(k, id);
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(store_db(st, DBI_TASKS), txn, k, 9, &v, &vn, rmw);
	if (rc == ZZ_ENOENT)
		return errmsg_set(ZZ_ENOENT, "没有任务 %llu", (unsigned long long)id);
	if (rc < 0)
		return rc;
	struct task *t = xcalloc(1, sizeof *t);
	t->id = id;
	rc = decode(t, v, vn);
	free(v);
	if (rc < 0)
		task_free(&t);
	*out = t;
	return rc;
}

int task_store(struct store *st, DB_TXN *txn, const struct task *t)
{
	unsigned char k[9];
	task_key(k, t->id);
	struct sb v;
	sb_init(&v);
	encode(t, &v);
	int rc = store_put(store_db(st, DBI_TASKS), txn, k, 9, v.buf, v.len);
	sb_free(&v);
	return rc;
}

void task_step_add(struct task *t, int64_t now, int act, const char *user, const char *fullname, const char *unit,
		   const char *target, const char *comment)
{
	t->steps = xrealloc(t->steps, (size_t)(t->nsteps + 1) * sizeof *t->steps);
	t->steps[t->nsteps++] = (struct task_step){
		.time = now,
		.act = act,
		.user = user ? xstrdup(user) : NULL,
		.fullname = fullname ? xstrdup(fullname) : NULL,
		.unit = unit ? xstrdup(unit) : NULL,
		.target = target ? xstrdup(target) : NULL,
		.comment = comment && *comment ? xstrdup(comment) : NULL,
	};
}

int task_scan(struct store *st, DB_TXN *txn, task_cb cb, void *arg)
{
	DB *db = store_db(st, DBI_TASKS);
	if (!db)
		return ZZ_EDB;
	DBC *cur = NULL;
	int dbrc = db->cursor(db, txn, &cur, 0);
	if (dbrc)
		return store_err(dbrc, "任务");
	unsigned char k[9];
	task_key(k, 0);
	DBT key = {.data = k, .size = 9}, val = {0};
	int rc = 0;
	dbrc = cur->get(cur, &key, &val, DB_SET_RANGE);
	while (dbrc == 0 && key.size == 9 && ((unsigned char *)key.data)[0] == 'T') {
		struct task *t = xcalloc(1, sizeof *t);
		t->id = be64_get((unsigned char *)key.data + 1);
		rc = decode(t, val.data, val.size);
		if (rc == 0)
			rc = cb(t, arg);
		else
			task_free(&t);
		if (rc)
			break;
		dbrc = cur->get(cur, &key, &val, DB_NEXT);
	}
	if (rc == 0 && dbrc && dbrc != DB_NOTFOUND)
		rc = store_err(dbrc, "任务");
	cur->close(cur);
	return rc < 0 ? rc : 0;
}

int task_reschedule(struct ctx *c, DB_TXN *txn, struct task *t)
{
	struct task_limits l;
	task_limits_load(c->conf, &l);
	int64_t next = task_next_due(c->cal, &l, t);
	if (next == t->due_at)
		return 0;
	char ref[24];
	snprintf(ref, sizeof ref, "%llu", (unsigned long long)t->id);
	int rc = 0;
	if (t->due_at)
		rc = due_del(c->st, txn, t->due_at, TASK_DUE_KIND, ref);
	if (rc == ZZ_ENOENT)
		rc = 0;
	if (rc == 0 && next)
		rc = due_put(c->st, txn, next, TASK_DUE_KIND, ref);
	if (rc == 0)
		t->due_at = next;
	return rc;
}
