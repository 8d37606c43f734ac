/* clock.c — the deadlines of the module rules: per record a clock remembered in meta
 * ("clock:kind:type:id" → two due times, a day, the path of its reminder), its rows in the due-time
 * index ("kind.0" early notice, "kind.1" overdue), and the reminders they leave when they fire. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "due.h"
#include "link.h"
#include "modules.h"
#include "perm.h"
#include "remind.h"
#include "service.h"
#include "unit.h"

struct clock {
	int64_t when[2]; /* due rows: early notice, overdue; 0 when none */
	int64_t day;	 /* visit, update: the last day allowed; patrol: the last day logged */
	char path[256];	 /* unit path of the reminder it left, "" when none */
};

static char *clock_key(const char *kind, const char *ref)
{
	return xasprintf("clock:%s:%s", kind, ref);
}

static int clock_get(struct store *st, DB_TXN *txn, const char *kind, const char *ref, struct clock *ck, bool rmw)
{
	memset(ck, 0, sizeof *ck);
	char *k = clock_key(kind, ref);
	void *v = NULL;
	size_t n = 0;
	int rc = store_get(store_db(st, DBI_META), txn, k, strlen(k), &v, &n, rmw);
	free(k);
	if (rc == ZZ_ENOENT)
		return ZZ_ENOENT;
	if (rc == 0 && n >= 24) {
		const unsigned char *p = v;
		ck->when[0] = (int64_t)be64_get(p);
		ck->when[1] = (int64_t)be64_get(p + 8);
		ck->day = (int64_t)be64_get(p + 16);
		snprintf(ck->path, sizeof ck->path, "%.*s", (int)(n - 24), (const char *)p + 24);
	}
	free(v);
	return rc;
}

static int clock_put(struct store *st, DB_TXN *txn, const char *kind, const char *ref, const struct clock *ck)
{
	char *k = clock_key(kind, ref);
	struct sb v;
	sb_init(&v);
	unsigned char be[8];
	for (int i = 0; i < 3; i++) {
		be64_put(be, (uint64_t)(i < 2 ? ck->when[i] : ck->day));
		sb_add(&v, (char *)be, 8);
	}
	sb_adds(&v, ck->path);
	int rc = store_put(store_db(st, DBI_META), txn, k, strlen(k), v.buf, v.len);
	sb_free(&v);
	free(k);
	return rc;
}

static void stage_kind(char *out, size_t n, const char *kind, int stage)
{
	snprintf(out, n, "%s.%d", kind, stage);
}

/* Move the clock KIND of REF to new due times, and take back the reminder it left. */
static int clock_set(struct store *st, DB_TXN *txn, const char *kind, const char *ref, int64_t w0, int64_t w1,
		     int64_t day)
{
	struct clock ck;
	int rc = clock_get(st, txn, kind, ref, &ck, true);
	if (rc < 0 && rc != ZZ_ENOENT)
		return rc;
	rc = 0;
	char sk[32];
	for (int s = 0; s < 2 && rc == 0; s++) {
		stage_kind(sk, sizeof sk, kind, s);
		if (ck.when[s])
			rc = due_del(st, txn, ck.when[s], sk, ref);
		int64_t w = s ? w1 : w0;
		if (rc == 0 && w)
			rc = due_put(st, txn, w, sk, ref);
	}
	if (rc == 0 && ck.path[0])
		rc = remind_del(st, txn, ck.path, kind, ref);
	if (rc < 0)
		return rc;
	struct clock nk = {.when = {w0, w1}, .day = day};
	return clock_put(st, txn, kind, ref, &nk);
}

static int clock_clear(struct store *st, DB_TXN *txn, const char *kind, const char *ref)
{
	struct clock ck;
	int rc = clock_get(st, txn, kind, ref, &ck, true);
	if (rc == ZZ_ENOENT)
		return 0;
	char sk[32];
	for (int s = 0; s < 2 && rc == 0; s++) {
		stage_kind(sk, sizeof sk, kind, s);
		if (ck.when[s])
			rc = due_del(st, txn, ck.when[s], sk, ref);
	}
	if (rc == 0 && ck.path[0])
		rc = remind_del(st, txn, ck.path, kind, ref);
	char *k = clock_key(kind, ref);
	if (rc == 0) {
		rc = store_del(store_db(st, DBI_META), txn, k, strlen(k));
		rc = rc == ZZ_ENOENT ? 0 : rc;
	}
	free(k);
	return rc;
}

static char *ref_of(const struct rtype *t, uint64_t id)
{
	return xasprintf("%s:%llu", t->id, (unsigned long long)id);
}

int clock_day(struct ctx *c, const char *kind, const struct rtype *t, uint64_t id)
{
	char *ref = ref_of(t, id);
	struct clock ck;
	int rc = clock_get(c->st, NULL, kind, ref, &ck, false);
	free(ref);
	return rc == 0 ? (int)ck.day : -1;
}

/* ---- visits ---- */

struct latest_arg {
	struct ctx *c;
	DB_TXN *txn;
	const struct rtype *subject;
	uint64_t id;
	const char *key;
	int latest; /* newest service day found, -1 when none */
	uint64_t skip; /* a service record being deleted */
};

static int latest_cb(const struct rtype *t, uint64_t id, void *arg)
{
	struct latest_arg *a = arg;
	const struct modules *m = a->c->modules;
	if (t != m->svc || id == a->skip)
		return 0;
	struct rec *s = NULL;
	if (record_load(a->c->st, a->txn, t, id, &s, false) < 0)
		return 0;
	for (int i = 0; i < t->nf; i++) {
		if (!t->f[i].ref || !s->v[i] || !link_applies(a->c->schema, s, i) ||
		    link_type(a->c->schema, s, i) != a->subject)
			continue;
		char idbuf[24];
		snprintf(idbuf, sizeof idbuf, "%llu", (unsigned long long)a->id);
		bool match = t->f[i].type == FT_INT ? !strcmp(s->v[i], idbuf) : !strcmp(s->v[i], a->key ? a->key : "");
		int d;
		if (match && s->v[m->svc_day] && date_parse(s->v[m->svc_day], &d) == 0 && d > a->latest)
			a->latest = d;
	}
	rec_free(&s);
	return 0;
}

/* The newest service day of the record SUBJ (-1 when none), from the index of the service records'
 * subject fields: the ID number index for persons, the name index of the record-number field. */
static int latest_service(struct ctx *c, DB_TXN *txn, const struct rec *subj, uint64_t skip, int *out)
{
	const struct modules *m = c->modules;
	struct latest_arg a = {.c = c, .txn = txn, .subject = subj->t, .id = subj->id, .latest = -1, .skip = skip};
	int rc = 0;
	bool id_key = subj->t->key >= 0 && subj->t->f[subj->t->key].type == FT_IDNUM;
	if (id_key && subj->v[subj->t->key]) {
		a.key = subj->v[subj->t->key];
		rc = record_scan_idnum(c->st, txn, a.key, latest_cb, &a);
	} else {
		char idbuf[24];
		snprintf(idbuf, sizeof idbuf, "%llu", (unsigned long long)subj->id);
		/* Prefix scan of "12" also meets "123": latest_cb compares the whole value. */
		rc = record_scan_name(c->st, txn, m->svc, idbuf, latest_cb, &a);
	}
	*out = a.latest;
	return rc;
}

/* Keep the subject's "latest service" date (最新服务时间) current, audited as part of the change. */
static int keep_latest(struct ctx *c, DB_TXN *txn, const struct user *u, struct rec *subj, int latest)
{
	const struct modules *m = c->modules;
	for (int i = 0; i < m->nlatest; i++) {
		if (m->latest[i].t != subj->t || latest < 0)
			continue;
		int f = m->latest[i].field, cur = -1;
		if (subj->v[f])
			date_parse(subj->v[f], &cur);
		if (latest <= cur)
			return 0;
		struct rec *nr = rec_dup(subj);
		char day[11];
		date_format(latest, day);
		rec_set_raw(nr, f, day);
		free(nr->editor);
		nr->editor = service_editor(u);
		int rc = record_store(c->st, txn, nr, subj);
		if (rc == 0) {
			char *obj = ref_of(subj->t, subj->id);
			char *detail = xasprintf("%s: %s → %s（由服务记录更新）", subj->t->f[f].label,
						 subj->v[f] ? subj->v[f] : "", day);
			rc = audit_append(c, txn, &(struct audit_entry){.user = u->name, .unit = u->unit, .type = "edit",
								       .object = obj, .result = "ok", .detail = detail});
			free(obj);
			free(detail);
		}
		if (rc == 0)
			rec_set_raw(subj, f, day);
		rec_free(&nr);
		return rc;
	}
	return 0;
}

static int visit_schedule(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rtype *t, uint64_t id,
			  uint64_t skip)
{
	const struct mod_visit *v = modules_visit(c->modules, t);
	bool keeps = false;
	for (int i = 0; i < c->modules->nlatest; i++)
		keeps |= c->modules->latest[i].t == t;
	if (!v && !keeps)
		return 0;
	struct rec *r = NULL;
	int rc = record_load(c->st, txn, t, id, &r, true);
	int latest = -1;
	if (rc == 0)
		rc = latest_service(c, txn, r, skip, &latest);
	if (rc == 0)
		rc = keep_latest(c, txn, u, r, latest);
	if (rc == 0 && v) {
		/* From the last service: a record's own date of it when it has one, else its entry. */
		int base = date_today((time_t)r->created), d;
		if (v->since >= 0 && r->v[v->since] && date_parse(r->v[v->since], &d) == 0)
			base = d;
		if (latest > base)
			base = latest;
		int due = modules_add_months(base, v->months);
		char *ref = ref_of(t, id);
		rc = clock_set(c->st, txn, "visit", ref, v->remind_days ? modules_day_start(due - v->remind_days) : 0,
			       modules_day_start(due + 1), due);
		free(ref);
	}
	rec_free(&r);
	return rc;
}

/* The subject a service record names, if it is there. */
static int service_subject(struct ctx *c, DB_TXN *txn, const struct rec *s, const struct rtype **t, uint64_t *id)
{
	for (int i = 0; i < s->t->nf; i++)
		if (s->t->f[i].ref && s->v[i] && link_applies(c->schema, s, i))
			return link_resolve(c->st, txn, s, i, t, id);
	return ZZ_ENOENT;
}

/* ---- patrol log ---- */

struct patrol_arg {
	struct ctx *c;
	DB_TXN *txn;
	const char *idnum;
	uint64_t skip;
	int *days; /* the days the member logged */
	int n, cap;
};

static int patrol_cb(const struct rtype *t, uint64_t id, void *arg)
{
	struct patrol_arg *a = arg;
	const struct modules *m = a->c->modules;
	if (t != m->log || id == a->skip)
		return 0;
	struct rec *l = NULL;
	if (record_load(a->c->st, a->txn, t, id, &l, false) < 0)
		return 0;
	int d;
	if (l->v[m->log_member] && !strcmp(l->v[m->log_member], a->idnum) && l->v[m->log_day] &&
	    date_parse(l->v[m->log_day], &d) == 0) {
		if (a->n == a->cap) {
			a->cap = a->cap ? a->cap * 2 : 32;
			a->days = xrealloc(a->days, (size_t)a->cap * sizeof *a->days);
		}
		a->days[a->n++] = d;
	}
	rec_free(&l);
	return 0;
}

static bool day_in(const int *days, int n, int day)
{
	for (int i = 0; i < n; i++)
		if (days[i] == day)
			return true;
	return false;
}

/* The reminder of member S: MISSING days without a log, the earliest FIRST; its clock remembers
 * where it is. */
static int patrol_remind(struct ctx *c, DB_TXN *txn, const struct rec *s, const char *ref, const struct clock *ck,
			 int missing, int first)
{
	char name[64], buf[32], day[11];
	snprintf(name, sizeof name, "%s", rec_name(s, buf, sizeof buf));
	date_format(first, day);
	struct remind rm = {.level = TODO_OVERDUE};
	snprintf(rm.unit, sizeof rm.unit, "%s", s->unit ? s->unit : "");
	if (missing > 1)
		snprintf(rm.text, sizeof rm.text, "网格员 %s：%d 天无巡查日志（最早 %s），每日至少巡查 1 次", name,
			 missing, day);
	else
		snprintf(rm.text, sizeof rm.text, "网格员 %s：%s 无巡查日志，每日至少巡查 1 次", name, day);
	const struct unit *un = s->unit ? units_find(c->st->units, s->unit) : NULL;
	struct clock nk = *ck;
	snprintf(nk.path, sizeof nk.path, "%s", un ? un->path : "");
	int rc = remind_put(c->st, txn, nk.path, "patrol", ref, &rm);
	return rc < 0 ? rc : clock_put(c->st, txn, "patrol", ref, &nk);
}

void clock_patrol_gap(const int *logged, int n, int start, int today, int window, int grace, struct patrol_gap *g)
{
	/* Before the first log, the member's first day counts as logged. */
	memset(g, 0, sizeof *g);
	g->last = start;
	for (int i = 0; i < n; i++)
		if (logged[i] > g->last)
			g->last = logged[i];
	int from = today - window > start + 1 ? today - window : start + 1;
	for (int d = from; d <= today - 1 - grace; d++)
		if (!day_in(logged, n, d) && g->missing++ == 0)
			g->first = d;
	g->next = from;
	while (day_in(logged, n, g->next))
		g->next++;
}

/* The days member IDNUM logged (but in log SKIP) and the gap they leave at NOW; *S the member's
 * record (caller frees); ZZ_ENOENT when IDNUM is no grid member. */
static int patrol_gap_of(struct ctx *c, DB_TXN *txn, const char *idnum, uint64_t skip, int64_t now, struct rec **s,
			 struct patrol_gap *g)
{
	const struct modules *m = c->modules;
	uint64_t sid;
	*s = NULL;
	int rc = record_by_key(c->st, txn, m->staff, idnum, &sid);
	if (rc == 0)
		rc = record_load(c->st, txn, m->staff, sid, s, false);
	if (rc < 0)
		return rc;
	struct patrol_arg a = {.c = c, .txn = txn, .idnum = idnum, .skip = skip};
	rc = record_scan_idnum(c->st, txn, idnum, patrol_cb, &a);
	clock_patrol_gap(a.days, a.n, date_today((time_t)(*s)->created), date_today((time_t)now), m->window_days,
			 m->grace, g);
	free(a.days);
	if (rc < 0)
		rec_free(s);
	return rc;
}

int clock_patrol_first(struct ctx *c, const char *idnum, int64_t now, int *day)
{
	const struct modules *m = c->modules;
	if (!m || !m->staff || !m->log)
		return ZZ_ENOENT;
	struct rec *s = NULL;
	struct patrol_gap g;
	int rc = patrol_gap_of(c, NULL, idnum, 0, now, &s, &g);
	rec_free(&s);
	if (rc == 0 && !g.missing)
		rc = ZZ_ENOENT;
	if (rc == 0)
		*day = g.first;
	return rc;
}

/* R-SV-3: every day from the member's first on wants a log, due GRACE days after it. The days of the
 * last WINDOW_DAYS without one make one reminder, counted again each day until each is logged or
 * older; a log of a later day does not hide an earlier day missing. NOW: the time of the save or of
 * the clock's due row. */
static int patrol_schedule(struct ctx *c, DB_TXN *txn, const char *idnum, uint64_t skip, int64_t now)
{
	const struct modules *m = c->modules;
	struct rec *s = NULL;
	struct patrol_gap g;
	int rc = patrol_gap_of(c, txn, idnum, skip, now, &s, &g);
	if (rc == ZZ_ENOENT)
		return 0;
	if (rc < 0)
		return rc;
	int today = date_today((time_t)now);
	/* Missing days are counted again tomorrow; with none, the clock waits for the next day unlogged. */
	struct clock ck = {.when = {0, modules_day_start(g.missing ? today + 1 : g.next + 1 + m->grace)}, .day = g.last};
	char *ref = ref_of(m->staff, s->id);
	rc = clock_set(c->st, txn, "patrol", ref, 0, ck.when[1], g.last);
	if (rc == 0 && g.missing)
		rc = patrol_remind(c, txn, s, ref, &ck, g.missing, g.first);
	free(ref);
	rec_free(&s);
	return rc;
}

/* ---- periodic updates ---- */

static int next_start(const struct mod_update *u, int today)
{
	int y, mo, d, best = -1;
	date_to_ymd(today, &y, &mo, &d);
	for (int yy = y; yy <= y + 1; yy++)
		for (int k = 0; k < u->n; k++)
			for (int mm = u->month[k] ? u->month[k] : 1; mm <= (u->month[k] ? u->month[k] : 12); mm++) {
				int day = date_from_ymd(yy, mm, u->mday[k]);
				if (day > today && (best < 0 || day < best))
					best = day;
			}
	return best;
}

static int update_schedule(struct ctx *c, DB_TXN *txn, const struct mod_update *u, const struct rec *r, int64_t now)
{
	int s1 = next_start(u, date_today((time_t)now));
	char *ref = ref_of(r->t, r->id);
	int rc = clock_set(c->st, txn, "update", ref, modules_day_start(s1), modules_day_start(s1 + u->days + 1),
			   s1 + u->days);
	free(ref);
	return rc;
}

/* ---- hooks ---- */

int clock_after_store(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *r,
		      const struct rec *old, int64_t now)
{
	const struct modules *m = c->modules;
	/* Every save recomputes the record's clocks from what is stored: cheap, and never stale. */
	int rc = visit_schedule(c, txn, u, r->t, r->id, 0);
	const struct mod_update *up = modules_update(m, r->t);
	if (rc == 0 && up)
		rc = update_schedule(c, txn, up, r, now);
	if (rc == 0 && r->t == m->svc) {
		const struct rtype *t = NULL, *ot = NULL;
		uint64_t id = 0, oid = 0;
		if (service_subject(c, txn, r, &t, &id) == 0)
			rc = visit_schedule(c, txn, u, t, id, 0);
		if (rc == 0 && old && service_subject(c, txn, old, &ot, &oid) == 0 && (ot != t || oid != id))
			rc = visit_schedule(c, txn, u, ot, oid, 0);
	}
	if (rc == 0 && r->t == m->staff && r->v[r->t->key]) {
		if (old && old->v[old->t->key] && strcmp(old->v[old->t->key], r->v[r->t->key]) != 0) {
			char *ref = ref_of(r->t, r->id);
			rc = clock_clear(c->st, txn, "patrol", ref);
			free(ref);
		}
		if (rc == 0)
			rc = patrol_schedule(c, txn, r->v[r->t->key], 0, now);
	}
	if (rc == 0 && r->t == m->log) {
		const char *nm = r->v[m->log_member], *om = old ? old->v[m->log_member] : NULL;
		if (nm)
			rc = patrol_schedule(c, txn, nm, 0, now);
		if (rc == 0 && om && (!nm || strcmp(om, nm) != 0))
			rc = patrol_schedule(c, txn, om, 0, now);
	}
	return rc;
}

int clock_after_delete(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *old, int64_t now)
{
	(void)now;
	const struct modules *m = c->modules;
	char *ref = ref_of(old->t, old->id);
	static const char *const kinds[] = {"visit", "update", "patrol"};
	int rc = 0;
	for (size_t k = 0; k < ARRAY_LEN(kinds) && rc == 0; k++)
		rc = clock_clear(c->st, txn, kinds[k], ref);
	free(ref);
	if (rc == 0 && old->t == m->svc) {
		const struct rtype *t = NULL;
		uint64_t id = 0;
		if (service_subject(c, txn, old, &t, &id) == 0)
			rc = visit_schedule(c, txn, u, t, id, old->id);
	}
	if (rc == 0 && old->t == m->log && old->v[m->log_member])
		rc = patrol_schedule(c, txn, old->v[m->log_member], old->id, now);
	return rc;
}

/* ---- the daemon ---- */

struct fire_arg {
	struct ctx *c;
	int64_t now, when;
	const char *kind; /* "visit", "update", "patrol" */
	int stage;
	const char *ref;
	int fired;
};

static void reminder_text(struct fire_arg *a, const struct rec *r, const struct clock *ck, struct remind *rm)
{
	const struct modules *m = a->c->modules;
	char name[64], buf[32], day[11];
	snprintf(name, sizeof name, "%s", rec_name(r, buf, sizeof buf));
	date_format((int)ck->day, day);
	rm->due = ck->when[1];
	rm->level = a->stage ? TODO_OVERDUE : TODO_WARN;
	if (!strcmp(a->kind, "visit")) {
		const struct mod_visit *v = modules_visit(m, r->t);
		snprintf(rm->text, sizeof rm->text, "%s %s：%s %s 前），每 %d 个月至少走访 1 次", r->t->title, name,
			 a->stage ? "走访已逾期（应于" : "即将到期（请于", day, v ? v->months : 0);
	} else {
		snprintf(rm->text, sizeof rm->text, "%s %s：%s %s 前更新", r->t->title, name,
			 a->stage ? "逾期未更新，应于" : "请于", day);
	}
}

static int fire_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct fire_arg *a = arg;
	char sk[32];
	stage_kind(sk, sizeof sk, a->kind, a->stage);
	struct clock ck;
	int rc = clock_get(st, txn, a->kind, a->ref, &ck, true);
	if (rc == ZZ_ENOENT || (rc == 0 && ck.when[a->stage] != a->when))
		return due_del(st, txn, a->when, sk, a->ref); /* a row the clock has moved on from */
	if (rc < 0)
		return rc;
	char tid[64];
	const char *colon = strchr(a->ref, ':');
	long long id = 0;
	snprintf(tid, sizeof tid, "%.*s", colon ? (int)(colon - a->ref) : 0, a->ref);
	const struct rtype *t = schema_type(st->schema, tid);
	struct rec *r = NULL;
	if (!t || !colon || str_to_ll(colon + 1, &id) < 0 || record_load(st, txn, t, (uint64_t)id, &r, false) < 0)
		return clock_clear(st, txn, a->kind, a->ref);
	if (!strcmp(a->kind, "patrol")) {
		/* The member's days are counted afresh: the clock moves on and the reminder is rewritten. */
		rc = r->t->key >= 0 && r->v[r->t->key] ? patrol_schedule(a->c, txn, r->v[r->t->key], 0, a->now)
						       : clock_clear(st, txn, a->kind, a->ref);
		rec_free(&r);
		if (rc == 0)
			a->fired++;
		return rc;
	}
	const struct unit *un = r->unit ? units_find(st->units, r->unit) : NULL;
	struct remind rm = {0};
	snprintf(rm.unit, sizeof rm.unit, "%s", r->unit ? r->unit : "");
	reminder_text(a, r, &ck, &rm);
	const char *path = un ? un->path : "";
	rc = due_del(st, txn, a->when, sk, a->ref);
	if (rc == 0 && ck.path[0] && strcmp(ck.path, path) != 0)
		rc = remind_del(st, txn, ck.path, a->kind, a->ref);
	if (rc == 0)
		rc = remind_put(st, txn, path, a->kind, a->ref, &rm);
	ck.when[a->stage] = 0;
	snprintf(ck.path, sizeof ck.path, "%s", path);
	if (rc == 0)
		rc = clock_put(st, txn, a->kind, a->ref, &ck);
	rec_free(&r);
	if (rc == 0)
		a->fired++;
	return rc;
}

static int fire_cb(int64_t when, const char *kind, const char *ref, void *arg)
{
	struct fire_arg *a = arg;
	static const char *const kinds[] = {"visit", "update", "patrol"};
	for (size_t k = 0; k < ARRAY_LEN(kinds); k++) {
		size_t n = strlen(kinds[k]);
		if (strncmp(kind, kinds[k], n) != 0 || kind[n] != '.' || (kind[n + 1] != '0' && kind[n + 1] != '1') ||
		    kind[n + 2])
			continue;
		a->kind = kinds[k];
		a->stage = kind[n + 1] - '0';
		a->when = when;
		a->ref = ref;
		return store_run(a->c->st, fire_txn, a);
	}
	return 0;
}

int clock_rule(struct ctx *c, int64_t now)
{
	struct fire_arg a = {.c = c, .now = now};
	return due_scan(c->st, NULL, now, NULL, fire_cb, &a);
}

/* ---- the to-do list ---- */

struct todo_arg {
	struct ctx *c;
	const struct user *u;
	struct todo_list *l;
	int shown, more;
};

static int todo_cb(const char *kind, const char *ref, const struct remind *r, void *arg)
{
	struct todo_arg *a = arg;
	char tid[64];
	const char *colon = strchr(ref, ':');
	snprintf(tid, sizeof tid, "%.*s", colon ? (int)(colon - ref) : 0, ref);
	const struct rtype *t = schema_type(a->c->schema, tid);
	if (!t || !perm_reminded(a->c, a->u, t, r->unit))
		return 0;
	if (a->shown >= a->c->modules->detail_max) {
		a->more++;
		return 0;
	}
	a->shown++;
	todo_add(a->l, r->level, r->due, kind, ref, "%s", r->text);
	return 0;
}

int clock_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l)
{
	(void)now;
	const char *prefix = "";
	if (!perm_console(u)) {
		const struct unit *x = units_find(ctx_units(c), perm_scope(c, u));
		if (!x)
			return 0;
		prefix = x->path;
	}
	struct todo_arg a = {.c = c, .u = u, .l = l};
	int rc = remind_scan(c->st, NULL, prefix, todo_cb, &a);
	if (rc == 0 && a.more)
		todo_add(l, TODO_INFO, 0, "remind", "", "另有 %d 项走访、巡查、更新提醒未列出", a.more);
	return rc;
}
