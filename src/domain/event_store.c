/* event_store.c — the event databases: state (events.db), timeline (ev_steps.db), the units that
 * held an event (ev_unit.db), open events by holder (ev_open.db). In the caller's transaction. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "due.h"
#include "event.h"
#include "tlv.h"

enum {
	T_STATE = 1,
	T_HOLDER,
	T_ORIGIN,
	T_VIA,
	T_FROM,
	T_REACHED,
	T_HOLD,
	T_ACCEPTED,
	T_EXT_DAYS,
	T_EXT_REQ_DAYS,
	T_EXT_REQ_REASON,
	T_SUPERVISOR,
	T_CARDS,
	T_DUE_AT,
	T_CREATED,
	T_CLOSED,
	T_NSTEPS,
	T_ASSIGNER, /* repeated, oldest first */
	T_INVOLVED, /* repeated */
	T_HANDLED,
	T_COPY, /* repeated */
};

enum { S_TIME = 1, S_ACTION, S_USER, S_FULLNAME, S_UNIT, S_TO, S_COMMENT, S_EXTRA };

static void encode(const struct event *ev, struct sb *v)
{
	tlv_int(v, T_STATE, ev->state);
	tlv_str(v, T_HOLDER, ev->holder);
	tlv_str(v, T_ORIGIN, ev->origin);
	tlv_int(v, T_VIA, ev->via);
	tlv_str(v, T_FROM, ev->from);
	tlv_int(v, T_REACHED, ev->reached);
	tlv_int(v, T_HOLD, ev->hold);
	tlv_int(v, T_ACCEPTED, ev->accepted);
	tlv_int(v, T_EXT_DAYS, ev->ext_days);
	tlv_int(v, T_EXT_REQ_DAYS, ev->ext_req_days);
	tlv_str(v, T_EXT_REQ_REASON, ev->ext_req_reason);
	tlv_str(v, T_SUPERVISOR, ev->supervisor);
	tlv_int(v, T_CARDS, ev->cards);
	tlv_int(v, T_DUE_AT, ev->due_at);
	tlv_int(v, T_CREATED, ev->created);
	tlv_int(v, T_CLOSED, ev->closed);
	tlv_int(v, T_NSTEPS, ev->nsteps);
	for (int i = 0; i < ev->assigners.n; i++)
		tlv_str(v, T_ASSIGNER, ev->assigners.v[i]);
	for (int i = 0; i < ev->involved.n; i++)
		tlv_str(v, T_INVOLVED, ev->involved.v[i]);
	if (ev->handled)
		tlv_int(v, T_HANDLED, ev->handled);
	for (int i = 0; i < ev->copies.n; i++)
		tlv_str(v, T_COPY, ev->copies.v[i]);
}

static void set_str(char **slot, const unsigned char *p, size_t n)
{
	free(*slot);
	*slot = tlv_get_str(p, n);
}

int event_decode(struct event *ev, const void *buf, size_t n)
{
	struct tlv_reader rd;
	tlv_begin(&rd, buf, n);
	int tag, rc;
	const unsigned char *p;
	size_t len;
	while ((rc = tlv_next(&rd, &tag, &p, &len)) > 0) {
		int64_t x = tlv_get_int(p, len);
		switch (tag) {
		case T_STATE: ev->state = (int)x; break;
		case T_HOLDER: set_str(&ev->holder, p, len); break;
		case T_ORIGIN: set_str(&ev->origin, p, len); break;
		case T_VIA: ev->via = (int)x; break;
		case T_FROM: set_str(&ev->from, p, len); break;
		case T_REACHED: ev->reached = x; break;
		case T_HOLD: ev->hold = (int)x; break;
		case T_ACCEPTED: ev->accepted = x; break;
		case T_EXT_DAYS: ev->ext_days = (int)x; break;
		case T_EXT_REQ_DAYS: ev->ext_req_days = (int)x; break;
		case T_EXT_REQ_REASON: set_str(&ev->ext_req_reason, p, len); break;
		case T_SUPERVISOR: set_str(&ev->supervisor, p, len); break;
		case T_CARDS: ev->cards = (unsigned)x; break;
		case T_DUE_AT: ev->due_at = x; break;
		case T_CREATED: ev->created = x; break;
		case T_CLOSED: ev->closed = x; break;
		case T_NSTEPS: ev->nsteps = (int)x; break;
		case T_ASSIGNER: {
			char *s = tlv_get_str(p, len);
			strv_push(&ev->assigners, s);
			free(s);
			break;
		}
		case T_INVOLVED: {
			char *s = tlv_get_str(p, len);
			strv_push(&ev->involved, s);
			free(s);
			break;
		}
		case T_HANDLED: ev->handled = x; break;
		case T_COPY: {
			char *s = tlv_get_str(p, len);
			strv_push(&ev->copies, s);
			free(s);
			break;
		}
		default: break; /* a tag from a newer version: ignored, so no migration is needed */
		}
	}
	if (rc == 0 && (ev->state <= EV_NONE || ev->state >= EV__NSTATES || ev->via < 0 || ev->via >= VIA__COUNT))
		rc = errmsg_set(ZZ_EDB, "事件 %llu 的状态数据损坏", (unsigned long long)ev->id);
	return rc;
}

int event_load(struct store *st, DB_TXN *txn, uint64_t id, struct event **out, bool rmw)
{
	unsigned char k[8];
	be64_put(k, id);
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(store_db(st, DBI_EVENTS), txn, k, 8, &v, &vn, rmw);
	if (rc == ZZ_ENOENT)
		return errmsg_set(ZZ_ENOENT, "没有事件 %llu", (unsigned long long)id);
	if (rc < 0)
		return rc;
	struct event *ev = event_alloc();
	ev->id = id;
	rc = event_decode(ev, v, vn);
	free(v);
	if (rc < 0) {
		event_free(&ev);
		return rc;
	}
	*out = ev;
	return 0;
}

/* The state in the stored bytes of an event, or EV_NONE. */
static int state_of(const void *buf, size_t n)
{
	struct tlv_reader rd;
	tlv_begin(&rd, buf, n);
	int tag, state = EV_NONE;
	const unsigned char *p;
	size_t len;
	while (state == EV_NONE && tlv_next(&rd, &tag, &p, &len) > 0)
		if (tag == T_STATE)
			state = (int)tlv_get_int(p, len);
	return state > EV_NONE && state < EV__NSTATES ? state : EV_NONE;
}

int event_states(struct store *st, const uint64_t *ids, long n, int *states)
{
	DB *db = store_db(st, DBI_EVENTS);
	DBC *cur = NULL;
	if (!db)
		return ZZ_EDB;
	int dbrc = db->cursor(db, NULL, &cur, 0);
	if (dbrc)
		return store_err(dbrc, "事件");
	unsigned char k[8], buf[512];
	for (long i = 0; i < n && (dbrc == 0 || dbrc == DB_NOTFOUND); i++) {
		be64_put(k, ids[i]);
		/* The key comes back (store_cmp): into K, as long as the id. */
		DBT key = {.data = k, .size = 8, .ulen = 8, .flags = DB_DBT_USERMEM};
		DBT val = {.data = buf, .ulen = sizeof buf, .flags = DB_DBT_USERMEM};
		dbrc = cur->get(cur, &key, &val, DB_SET);
		if (dbrc == DB_BUFFER_SMALL) { /* a long one (many units involved) */
			val = (DBT){.flags = DB_DBT_MALLOC};
			dbrc = cur->get(cur, &key, &val, DB_SET);
		}
		states[i] = dbrc ? EV_NONE : state_of(val.data, val.size);
		if (val.data != buf)
			free(val.data);
	}
	cur->close(cur);
	return dbrc && dbrc != DB_NOTFOUND ? store_err(dbrc, "事件") : 0;
}

int event_store(struct store *st, DB_TXN *txn, const struct event *ev)
{
	unsigned char k[8];
	be64_put(k, ev->id);
	struct sb v;
	sb_init(&v);
	encode(ev, &v);
	int rc = store_put(store_db(st, DBI_EVENTS), txn, k, 8, v.buf, v.len);
	sb_free(&v);
	return rc;
}

static void step_key(unsigned char k[12], uint64_t id, int n)
{
	be64_put(k, id);
	k[8] = (unsigned char)(n >> 24);
	k[9] = (unsigned char)(n >> 16);
	k[10] = (unsigned char)(n >> 8);
	k[11] = (unsigned char)n;
}

int event_step_add(struct store *st, DB_TXN *txn, struct event *ev, const struct ev_step *s)
{
	unsigned char k[12];
	step_key(k, ev->id, ++ev->nsteps);
	struct sb v;
	sb_init(&v);
	tlv_int(&v, S_TIME, s->time);
	tlv_int(&v, S_ACTION, s->action);
	tlv_str(&v, S_USER, s->user);
	tlv_str(&v, S_FULLNAME, s->fullname);
	tlv_str(&v, S_UNIT, s->unit);
	tlv_str(&v, S_TO, s->to);
	tlv_str(&v, S_COMMENT, s->comment);
	tlv_str(&v, S_EXTRA, s->extra);
	int rc = store_put(store_db(st, DBI_EV_STEPS), txn, k, 12, v.buf, v.len);
	sb_free(&v);
	return rc;
}

void event_steps_free(struct ev_step *s, int n)
{
	for (int i = 0; i < n; i++) {
		free(s[i].user);
		free(s[i].fullname);
		free(s[i].unit);
		free(s[i].to);
		free(s[i].comment);
		free(s[i].extra);
	}
	free(s);
}

static int step_decode(struct ev_step *s, const void *buf, size_t n)
{
	struct tlv_reader rd;
	tlv_begin(&rd, buf, n);
	int tag, rc;
	const unsigned char *p;
	size_t len;
	while ((rc = tlv_next(&rd, &tag, &p, &len)) > 0) {
		switch (tag) {
		case S_TIME: s->time = tlv_get_int(p, len); break;
		case S_ACTION: s->action = (int)tlv_get_int(p, len); break;
		case S_USER: set_str(&s->user, p, len); break;
		case S_FULLNAME: set_str(&s->fullname, p, len); break;
		case S_UNIT: set_str(&s->unit, p, len); break;
		case S_TO: set_str(&s->to, p, len); break;
		case S_COMMENT: set_str(&s->comment, p, len); break;
		case S_EXTRA: set_str(&s->extra, p, len); break;
		default: break;
		}
	}
	if (s->action < 0 || s->action >= EA__COUNT)
		s->action = EA_HANDLE;
	return rc;
}

int event_step_load(struct store *st, DB_TXN *txn, uint64_t id, int n, struct ev_step *out)
{
	unsigned char k[12];
	step_key(k, id, n);
	void *v = NULL;
	size_t vn = 0;
	*out = (struct ev_step){0};
	int rc = store_get(store_db(st, DBI_EV_STEPS), txn, k, 12, &v, &vn, false);
	if (rc == 0)
		rc = step_decode(out, v, vn);
	free(v);
	return rc;
}

int event_steps(struct ctx *c, uint64_t id, struct ev_step **out, int *n)
{
	DB *db = store_db(c->st, DBI_EV_STEPS);
	DBC *cur = NULL;
	*out = NULL;
	*n = 0;
	if (!db)
		return ZZ_EDB;
	int dbrc = db->cursor(db, NULL, &cur, 0);
	if (dbrc)
		return store_err(dbrc, "事件过程");
	unsigned char k[12];
	step_key(k, id, 0);
	DBT key = {.data = k, .size = 12}, val = {0};
	int rc = 0, cap = 0;
	dbrc = cur->get(cur, &key, &val, DB_SET_RANGE);
	while (dbrc == 0 && key.size == 12 && be64_get(key.data) == id) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xrealloc(*out, (size_t)cap * sizeof **out);
		}
		struct ev_step *s = &(*out)[(*n)++];
		*s = (struct ev_step){0};
		rc = step_decode(s, val.data, val.size);
		if (rc < 0)
			break;
		dbrc = cur->get(cur, &key, &val, DB_NEXT);
	}
	if (rc == 0 && dbrc && dbrc != DB_NOTFOUND)
		rc = store_err(dbrc, "事件过程");
	cur->close(cur);
	if (rc < 0) {
		event_steps_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int event_reschedule(struct ctx *c, DB_TXN *txn, struct event *ev)
{
	char ref[24];
	snprintf(ref, sizeof ref, "%llu", (unsigned long long)ev->id);
	int rc = 0;
	struct ev_clock k;
	event_clock(c, ev, &k);
	int64_t next = deadline_next(&k, ev->cards);
	if (next == ev->due_at)
		return 0;
	if (ev->due_at)
		rc = due_del(c->st, txn, ev->due_at, EVENT_DUE_KIND, ref);
	if (rc == 0 && next)
		rc = due_put(c->st, txn, next, EVENT_DUE_KIND, ref);
	if (rc == 0)
		ev->due_at = next;
	return rc;
}

/* The problems event_verify found, each told to CB. */
struct ev_verify {
	event_problem_cb cb;
	void *arg;
	long problems;
};

__attribute__((format(printf, 2, 3))) static void ev_problem(struct ev_verify *v, const char *fmt, ...)
{
	char s[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s, sizeof s, fmt, ap);
	va_end(ap);
	if (v->cb)
		v->cb(s, v->arg);
	v->problems++;
}

/* Does DB (ev_unit.db or ev_open.db) hold the row "UNIT \0 be64 ID"? */
static int index_has(DB *db, const char *unit, uint64_t id, bool *has)
{
	struct sb k;
	sb_init(&k);
	sb_add(&k, unit, strlen(unit) + 1);
	unsigned char be[8];
	be64_put(be, id);
	sb_add(&k, (char *)be, 8);
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(db, NULL, k.buf, k.len, &v, &vn, false);
	free(v);
	sb_free(&k);
	*has = rc == 0;
	return rc == ZZ_ENOENT ? 0 : rc;
}

/* EV's rows: one in ev_unit.db per unit that held it (the holder among them), one in ev_open.db
 * at its holder while it is open, one in the due index at its next deadline. */
static int verify_event(struct store *st, const struct event *ev, struct ev_verify *v)
{
	unsigned long long id = (unsigned long long)ev->id;
	bool has = false;
	int rc = index_has(store_db(st, DBI_EV_UNIT), ev->holder, ev->id, &has);
	if (rc == 0 && !has)
		ev_problem(v, "事件 %llu：ev_unit 缺少办理单位 %s 的行", id, ev->holder);
	for (int i = 0; rc == 0 && i < ev->involved.n; i++) {
		rc = index_has(store_db(st, DBI_EV_UNIT), ev->involved.v[i], ev->id, &has);
		if (rc == 0 && !has)
			ev_problem(v, "事件 %llu：ev_unit 缺少经手单位 %s 的行", id, ev->involved.v[i]);
	}
	if (rc == 0 && ev->state != EV_CLOSED) {
		rc = index_has(store_db(st, DBI_EV_OPEN), ev->holder, ev->id, &has);
		if (rc == 0 && !has)
			ev_problem(v, "事件 %llu：未办结，ev_open 缺少办理单位 %s 的行", id, ev->holder);
	}
	/* Without its row in the due index the daemon never gives the event's cards. */
	if (rc == 0 && ev->due_at) {
		char ref[24], when[20];
		snprintf(ref, sizeof ref, "%llu", id);
		rc = due_has(st, NULL, ev->due_at, EVENT_DUE_KIND, ref, &has);
		datetime_format((time_t)ev->due_at, when);
		if (rc == 0 && !has)
			ev_problem(v, "事件 %llu：到期索引缺少 %.16s 的行（到期不会给督办牌）", id, when);
	}
	return rc;
}

/* A row "UNIT \0 be64 ID" of ev_unit.db (OPEN false) or ev_open.db (OPEN true) names an event that
 * held UNIT, or that is open at UNIT. */
static int verify_row(struct store *st, const DBT *key, bool open, struct ev_verify *v)
{
	const char *db = open ? "ev_open" : "ev_unit";
	const char *k = key->data;
	size_t pn = strnlen(k, key->size) + 1;
	if (pn + 8 != key->size) {
		ev_problem(v, "%s：有一行的键格式不对（%u 字节）", db, (unsigned)key->size);
		return 0;
	}
	uint64_t id = be64_get((const unsigned char *)k + pn);
	struct event *ev = NULL;
	int rc = event_load(st, NULL, id, &ev, false);
	if (rc == ZZ_ENOENT) {
		ev_problem(v, "%s：单位 %s 的行指向不存在的事件 %llu", db, k, (unsigned long long)id);
		return 0;
	}
	if (rc < 0) /* a damaged event: counted once, by the scan of events.db */
		return rc == ZZ_EDB ? 0 : rc;
	bool ok = open ? ev->state != EV_CLOSED && !strcmp(ev->holder, k)
		       : !strcmp(ev->holder, k) || strv_find(&ev->involved, k) >= 0;
	if (!ok)
		ev_problem(v, open ? "%s：事件 %llu 不在单位 %s 办理中，却有此行" : "%s：事件 %llu 未经过单位 %s，却有此行",
			   db, (unsigned long long)id, k);
	event_free(&ev);
	return 0;
}

/* Every row of DB: events.db (each event's index rows) or one of the two indexes. */
static int verify_scan(struct store *st, int db, struct ev_verify *v, long *events)
{
	DBC *cur = NULL;
	DB *d = store_db(st, db);
	if (!db)
		return ZZ_EDB;
	int dbrc = d->cursor(d, NULL, &cur, 0);
	if (dbrc)
		return store_err(dbrc, "事件索引");
	DBT key = {0}, val = {0};
	int rc = 0;
	while (rc == 0 && (dbrc = cur->get(cur, &key, &val, DB_NEXT)) == 0) {
		if (db != DBI_EVENTS) {
			rc = verify_row(st, &key, db == DBI_EV_OPEN, v);
			continue;
		}
		(*events)++;
		struct event *ev = event_alloc();
		ev->id = key.size == 8 ? be64_get(key.data) : 0;
		if (key.size != 8 || event_decode(ev, val.data, val.size) < 0)
			ev_problem(v, "事件 %llu 的状态数据损坏", (unsigned long long)ev->id);
		else
			rc = verify_event(st, ev, v);
		event_free(&ev);
	}
	if (rc == 0 && dbrc && dbrc != DB_NOTFOUND)
		rc = store_err(dbrc, "事件索引");
	cur->close(cur);
	return rc;
}

int event_verify(struct ctx *c, event_problem_cb cb, void *arg, long *events, long *problems)
{
	struct ev_verify v = {.cb = cb, .arg = arg};
	*events = 0;
	int rc = verify_scan(c->st, DBI_EVENTS, &v, events);
	if (rc == 0)
		rc = verify_scan(c->st, DBI_EV_UNIT, &v, events);
	if (rc == 0)
		rc = verify_scan(c->st, DBI_EV_OPEN, &v, events);
	*problems = v.problems;
	return rc;
}
