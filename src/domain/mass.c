/* mass.c — the mass incidents' first report card, their daily 续报 rule and to-do items. */
#include "mass.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "domain.h"
#include "perm.h"
#include "score.h"
#include "service.h"

#define MASS_CURSOR "mass:checked"

bool mass_is(const struct rec *r)
{
	const char *k = r ? rec_get(r, "kind") : NULL;
	return k && strcmp(k, MASS_KIND) == 0;
}

int64_t mass_first_due(int64_t occurred, int hours) { return occurred + (int64_t)hours * 3600; }

bool mass_day_due(const struct calendar *cal, int created, int day)
{
	return day > created && calendar_is_workday(cal, day);
}

static int year_of(int64_t t)
{
	int y, m, d;
	date_to_ymd(date_today((time_t)t), &y, &m, &d);
	return y;
}

/* A yellow card on EV for STAGE (STAGE_MASS_*), to unit UNIT: its deduction (one per HOLD and
 * stage), its step in the timeline and its audit entry. The card's bit in EV's cards makes the
 * event an overdue one in the statistics (the bulletin's and the forms' overdue counts). */
static int mass_card(struct ctx *c, DB_TXN *txn, struct event *ev, const char *unit, int stage,
		     int hold, int points, int64_t due, int64_t now, const char *comment)
{
	struct score_row row = {.year = year_of(due),
				.unit = unit,
				.event = ev->id,
				.hold = hold,
				.stage = stage,
				.card = CARD_YELLOW,
				.points = points,
				.due = due,
				.given = now};
	int rc = score_put(c->st, txn, &row, 0);
	ev->cards |= deadline_bit(stage, CARD_YELLOW);
	char *extra = xasprintf("%s%s", stage_zh[stage], card_zh[CARD_YELLOW]);
	if (rc == 0)
		rc = event_step_add(c->st, txn, ev,
				    &(struct ev_step){.time = now,
						      .action = EA_CARD,
						      .user = "daemon",
						      .fullname = "系统",
						      .unit = (char *)unit,
						      .comment = (char *)comment,
						      .extra = extra});
	if (rc == 0) {
		char obj[48];
		snprintf(obj, sizeof obj, "%s:%llu", EVENT_TYPE, (unsigned long long)ev->id);
		char *detail = xasprintf("%s：%s", unit, comment);
		rc = audit_append(c, txn,
				  &(struct audit_entry){.user = "daemon",
							.unit = "-",
							.source = "daemon",
							.type = "event_card",
							.object = obj,
							.result = "ok",
							.detail = detail});
		free(detail);
	}
	free(extra);
	return rc;
}

int mass_first_card(struct ctx *c, DB_TXN *txn, struct event *ev, const struct rec *r, int64_t now)
{
	const char *occ = rec_get(r, "occurred");
	time_t t;
	if (str_empty(occ) || datetime_parse(occ, &t) < 0)
		return 0;
	int hours = (int)conf_int(c->conf, "events.mass.first_hours");
	int64_t due = mass_first_due((int64_t)t, hours);
	if (now <= due)
		return 0;
	int points = (int)conf_int(c->conf, "events.mass.first_points");
	char due_s[20];
	datetime_format((time_t)due, due_s);
	char *comment = xasprintf(
	    "群体性事件首报超时（发生后 %d 小时内应报送概况，时限 %s），系统黄牌督办，扣 %d 分",
	    hours, due_s, points);
	int rc =
	    mass_card(c, txn, ev, r->unit, STAGE_MASS_FIRST, ev->hold, points, due, now, comment);
	free(comment);
	return rc;
}

/* The comment of the card for DAY without a 续报 (its text names the day: a rerun finds it). */
static char *daily_comment(struct ctx *c, int day)
{
	char d[11];
	date_format(day, d);
	return xasprintf(
	    "群体性事件 %s 未续报（事件未结案期间每个工作日应续报），系统黄牌督办，扣 %d 分", d,
	    (int)conf_int(c->conf, "events.mass.daily_points"));
}

/* Whether EV got a 续报 on DAY, or (CARD not NULL) a step with comment CARD since: its steps,
 * newest first, stopping before DAY. */
static int followup_on(struct store *st, DB_TXN *txn, const struct event *ev, int day,
		       const char *card, bool *found)
{
	*found = false;
	int rc = 0;
	for (int n = ev->nsteps; n >= 1 && rc == 0 && !*found; n--) {
		struct ev_step s = {0};
		rc = event_step_load(st, txn, ev->id, n, &s);
		int d = rc == 0 ? date_today((time_t)s.time) : 0;
		if (rc == 0 && d == day && s.action == EA_FOLLOWUP)
			*found = true;
		if (rc == 0 && card && s.action == EA_CARD && s.comment && !strcmp(s.comment, card))
			*found = true;
		free(s.user);
		free(s.fullname);
		free(s.unit);
		free(s.to);
		free(s.comment);
		free(s.extra);
		if (rc == 0 && d < day)
			break;
	}
	return rc;
}

/* The ids of every open event (ev_open.db), in the caller's transaction. */
static int open_ids(struct store *st, DB_TXN *txn, uint64_t **ids, long *n)
{
	DB *db = store_db(st, DBI_EV_OPEN);
	if (!db)
		return ZZ_EDB;
	DBC *cur = NULL;
	int dbrc = db->cursor(db, txn, &cur, 0);
	if (dbrc)
		return store_err(dbrc, "事件索引");
	DBT key = {0}, val = {0};
	long cap = 0;
	while ((dbrc = cur->get(cur, &key, &val, DB_NEXT)) == 0) {
		if (key.size < 9)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*ids = xrealloc(*ids, (size_t)cap * sizeof **ids);
		}
		(*ids)[(*n)++] = be64_get((const unsigned char *)key.data + key.size - 8);
	}
	cur->close(cur);
	return dbrc != DB_NOTFOUND ? store_err(dbrc, "事件索引") : 0;
}

struct card_arg {
	struct ctx *c;
	uint64_t id;
	int day;
	int64_t now;
};

/* The card of one open mass incident for a day without a 续报, checked again under the lock. */
static int card_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct card_arg *a = arg;
	struct event *ev = NULL;
	char *comment = daily_comment(a->c, a->day);
	bool found = true;
	int rc = event_load(st, txn, a->id, &ev, true);
	if (rc == 0 && ev->state != EV_CLOSED)
		rc = followup_on(st, txn, ev, a->day, comment, &found);
	if (rc == 0 && !found) {
		unsigned before = ev->cards;
		/* One deduction per day: the day stands in for the holding in the score row's key.
		 */
		rc = mass_card(a->c, txn, ev, ev->origin, STAGE_MASS_DAILY, a->day,
			       (int)conf_int(a->c->conf, "events.mass.daily_points"), a->now,
			       a->now, comment);
		if (rc == 0)
			rc = event_cards_stats(a->c, txn, ev, before);
		if (rc == 0)
			rc = event_store(st, txn, ev);
	}
	free(comment);
	event_free(&ev);
	return rc == ZZ_ENOENT ? 0 : rc;
}

/* Judge DAY for every open mass incident: read without locks, one transaction per card. */
static int mass_day(struct ctx *c, int day, int64_t now)
{
	const struct rtype *t = event_type(c);
	if (!t)
		return ZZ_EINVAL;
	uint64_t *ids = NULL;
	long n = 0;
	int rc = open_ids(c->st, NULL, &ids, &n);
	for (long i = 0; i < n && rc == 0; i++) {
		struct event *ev = NULL;
		struct rec *r = NULL;
		bool found = true;
		if (event_load(c->st, NULL, ids[i], &ev, false) == 0 &&
		    record_load(c->st, NULL, t, ids[i], &r, false) == 0 && mass_is(r) &&
		    mass_day_due(c->cal, date_today((time_t)ev->created), day))
			rc = followup_on(c->st, NULL, ev, day, NULL, &found);
		if (rc == 0 && !found) {
			struct card_arg a = {c, ids[i], day, now};
			rc = store_run(c->st, card_txn, &a);
		}
		rec_free(&r);
		event_free(&ev);
	}
	free(ids);
	unsigned char be[8];
	be64_put(be, (uint64_t)day);
	if (rc == 0)
		rc = store_put(store_db(c->st, DBI_META), NULL, MASS_CURSOR, strlen(MASS_CURSOR), be, 8);
	return rc;
}

int mass_daily_rule(struct ctx *c, int64_t now)
{
	int today = date_today((time_t)now);
	void *v = NULL;
	size_t vn = 0;
	int rc =
	    store_get(store_db(c->st, DBI_META), NULL, MASS_CURSOR, strlen(MASS_CURSOR), &v, &vn, false);
	/* The first pass only starts the count, as the daily reports' rule does. */
	int from = today;
	if (rc == 0 && vn == 8)
		from = (int)be64_get(v) + 1;
	free(v);
	if (rc < 0 && rc != ZZ_ENOENT)
		return rc;
	long back = (long)conf_int(c->conf, "daily.lookback_days");
	if (from < today - back)
		from = (int)(today - back);
	rc = 0;
	for (int d = from; d < today && rc == 0; d++)
		rc = mass_day(c, d, now);
	if (rc == 0 && from == today) {
		unsigned char be[8];
		be64_put(be, (uint64_t)(today - 1));
		rc = store_put(store_db(c->st, DBI_META), NULL, MASS_CURSOR, strlen(MASS_CURSOR), be, 8);
	}
	return rc;
}

/* Ids of the events that unit CODE has held (ev_unit.db). */
static int unit_ids(struct store *st, const char *code, uint64_t **ids, long *n)
{
	DB *db = store_db(st, DBI_EV_UNIT);
	if (!db)
		return ZZ_EDB;
	DBC *cur = NULL;
	int dbrc = db->cursor(db, NULL, &cur, 0);
	if (dbrc)
		return store_err(dbrc, "事件索引");
	size_t pn = strlen(code) + 1;
	DBT key = {.data = (void *)code, .size = (u_int32_t)pn}, val = {0};
	long cap = 0;
	dbrc = cur->get(cur, &key, &val, DB_SET_RANGE);
	while (dbrc == 0 && key.size == pn + 8 && memcmp(key.data, code, pn) == 0) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*ids = xrealloc(*ids, (size_t)cap * sizeof **ids);
		}
		(*ids)[(*n)++] = be64_get((const unsigned char *)key.data + pn);
		dbrc = cur->get(cur, &key, &val, DB_NEXT);
	}
	cur->close(cur);
	return dbrc && dbrc != DB_NOTFOUND ? store_err(dbrc, "事件索引") : 0;
}

int mass_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l)
{
	const struct rtype *t = event_type(c);
	if (!t || str_empty(u->unit) ||
	    !perm_may(c, u, ACT_HANDLE, t, u->unit))
		return 0;
	int today = date_today((time_t)now);
	uint64_t *ids = NULL;
	long n = 0;
	int rc = unit_ids(c->st, u->unit, &ids, &n);
	for (long i = 0; i < n && rc == 0; i++) {
		struct event *ev = NULL;
		struct rec *r = NULL;
		if (event_load(c->st, NULL, ids[i], &ev, false) == 0 && ev->state != EV_CLOSED &&
		    !strcmp(ev->origin, u->unit) &&
		    record_load(c->st, NULL, t, ids[i], &r, false) == 0 && mass_is(r) &&
		    mass_day_due(c->cal, date_today((time_t)ev->created), today)) {
			bool found = false;
			rc = followup_on(c->st, NULL, ev, today, NULL, &found);
			if (rc == 0 && !found) {
				char ref[48], buf[128], d[11];
				snprintf(ref, sizeof ref, "%s:%llu", EVENT_TYPE,
					 (unsigned long long)ev->id);
				date_format(today, d);
				todo_add(l, TODO_WARN, 0, "event", ref,
					 "群体性事件 #%llu %s 今日（%s）尚未续报",
					 (unsigned long long)ev->id, rec_name(r, buf, sizeof buf),
					 d);
			}
		}
		rec_free(&r);
		event_free(&ev);
	}
	free(ids);
	return rc;
}
