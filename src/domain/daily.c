/* daily.c — ev_daily.db: unit code \0 YYYY-MM-DD -> report, zero report or missing flag. */
#include "daily.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "domain.h"
#include "event.h"
#include "period.h"
#include "perm.h"
#include "service.h"
#include "tlv.h"
#include "validate.h"

const char *const daily_kind_zh[] = {
	[DAILY_REPORT] = "日报",
	[DAILY_ZERO] = "零报告",
	[DAILY_MISSING] = "未报",
};

enum { D_KIND = 1, D_LATE, D_TEXT, D_USER, D_TIME };

bool daily_is_center(struct ctx *c, const struct unit *x)
{
	const config_setting_t *lv = conf_setting(c->conf, "daily.levels");
	for (int i = 0; x && i < config_setting_length(lv); i++) {
		const char *s = config_setting_get_string_elem(lv, (unsigned)i);
		if (s && unit_level_parse(s) == x->level)
			return true;
	}
	return false;
}

static void daily_key(struct sb *k, const char *unit, int day)
{
	char d[11];
	date_format(day, d);
	sb_reset(k);
	sb_add(k, unit, strlen(unit) + 1);
	sb_adds(k, d);
}

static int daily_decode(const void *buf, size_t n, struct daily_row *r)
{
	struct tlv_reader rd;
	tlv_begin(&rd, buf, n);
	int tag, rc;
	const unsigned char *p;
	size_t len;
	while ((rc = tlv_next(&rd, &tag, &p, &len)) > 0) {
		if (tag == D_KIND)
			r->kind = (int)tlv_get_int(p, len);
		else if (tag == D_LATE)
			r->late = tlv_get_int(p, len) != 0;
		else if (tag == D_TEXT)
			r->text = tlv_get_str(p, len);
		else if (tag == D_USER)
			r->user = tlv_get_str(p, len);
		else if (tag == D_TIME)
			r->time = tlv_get_int(p, len);
	}
	return rc;
}

static int daily_put(struct store *st, DB_TXN *txn, const struct daily_row *r)
{
	struct sb k, v;
	sb_init(&k);
	sb_init(&v);
	daily_key(&k, r->unit, r->day);
	tlv_int(&v, D_KIND, r->kind);
	tlv_int(&v, D_LATE, r->late);
	tlv_str(&v, D_TEXT, r->text);
	tlv_str(&v, D_USER, r->user);
	tlv_int(&v, D_TIME, r->time);
	int rc = store_put(store_db(st, DBI_EV_DAILY), txn, k.buf, k.len, v.buf, v.len);
	sb_free(&k);
	sb_free(&v);
	return rc;
}

/* The kind filed for UNIT on DAY (0: nothing). */
static int daily_get(struct store *st, DB_TXN *txn, const char *unit, int day, int *kind, bool rmw)
{
	struct sb k;
	sb_init(&k);
	daily_key(&k, unit, day);
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(store_db(st, DBI_EV_DAILY), txn, k.buf, k.len, &v, &vn, rmw);
	sb_free(&k);
	*kind = 0;
	if (rc == ZZ_ENOENT)
		return 0;
	if (rc < 0)
		return rc;
	struct daily_row r = {0};
	rc = daily_decode(v, vn, &r);
	free(v);
	free(r.text);
	free(r.user);
	*kind = r.kind;
	return rc;
}

struct file_arg {
	struct ctx *c;
	const struct user *u;
	struct daily_row row;
};

static int file_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct file_arg *a = arg;
	int kind;
	int rc = daily_get(st, txn, a->row.unit, a->row.day, &kind, true);
	char d[11];
	date_format(a->row.day, d);
	if (rc == 0 && (kind == DAILY_REPORT || kind == DAILY_ZERO))
		return errmsg_set(ZZ_EEXIST, "%s 的%s已经报送过了", d, daily_kind_zh[kind]);
	a->row.late = kind == DAILY_MISSING || a->row.day < date_today((time_t)a->row.time);
	if (rc == 0)
		rc = daily_put(st, txn, &a->row);
	if (rc == 0) {
		char *obj = xasprintf("daily:%s:%s", a->row.unit, d);
		rc = audit_append(a->c, txn, &(struct audit_entry){.user = a->u->name, .unit = a->u->unit,
								  .type = a->row.kind == DAILY_ZERO ? "daily_zero" : "daily_report",
								  .object = obj, .result = "ok",
								  .detail = a->row.late ? "补报" : NULL});
		free(obj);
	}
	return rc;
}

/* May U file or correct the reports of UNIT (NULL: U's own)? Sets *UNIT to the unit meant. */
static int daily_may(struct ctx *c, const struct user *u, const char **unit, const char *what)
{
	const struct units *us = ctx_units(c);
	bool console = perm_console(u);
	if (str_empty(*unit))
		*unit = console ? NULL : u->unit;
	const struct unit *x = *unit ? units_find(us, *unit) : NULL;
	if (!x)
		return errmsg_set(ZZ_EINVAL, *unit ? "单位 %s 不存在" : "请指定报送的单位", *unit);
	if (!daily_is_center(c, x))
		return errmsg_set(ZZ_EINVAL, "%s不是需要报送日报的综治中心", x->name);
	if (!console && strcmp(u->unit, *unit) != 0)
		return errmsg_set(ZZ_EPERM, "只能报送本单位（%s）的日报", units_find(us, u->unit) ? units_find(us, u->unit)->name : u->unit);
	const struct rtype *t = event_type(c);
	int rc = t ? 0 : ZZ_EINVAL;
	if (rc == 0 && !console)
		rc = perm_check(c, u, ACT_HANDLE, t, *unit);
	if (rc == ZZ_EPERM)
		service_audit_refusal(c, u, what, *unit, rc);
	return rc;
}

int daily_file(struct ctx *c, const struct user *u, const char *unit, int day, int kind, const char *text)
{
	int rc = daily_may(c, u, &unit, "daily_report");
	if (rc < 0)
		return rc;
	int64_t now = (int64_t)time(NULL);
	if (day > date_today((time_t)now))
		return errmsg_set(ZZ_EINVAL, "不能报送今天以后的日报");
	if (kind == DAILY_REPORT && str_empty(text))
		return errmsg_set(ZZ_EINVAL, "日报需要填写内容（没有事项时请报零报告）");
	if (kind != DAILY_REPORT && kind != DAILY_ZERO)
		return errmsg_set(ZZ_EINVAL, "未知的报告类型");
	if (kind == DAILY_REPORT && (rc = validate_text("日报", text, (long)conf_int(c->conf, "daily.text_max"))) < 0)
		return rc;
	struct file_arg a = {.c = c, .u = u,
			     .row = {.unit = unit, .day = day, .kind = kind, .text = (char *)(kind == DAILY_ZERO ? "零报告" : text),
				     .user = u->name, .time = now}};
	return store_run(c->st, file_txn, &a);
}

struct fix_arg {
	struct ctx *c;
	const struct user *u;
	const char *unit;
	int day;
	const char *text;
	int64_t now;
};

static int fix_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct fix_arg *a = arg;
	struct sb k;
	sb_init(&k);
	daily_key(&k, a->unit, a->day);
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(store_db(st, DBI_EV_DAILY), txn, k.buf, k.len, &v, &vn, true);
	sb_free(&k);
	struct daily_row r = {.unit = a->unit, .day = a->day};
	char d[11];
	date_format(a->day, d);
	if (rc == 0)
		rc = daily_decode(v, vn, &r);
	free(v);
	if (rc == ZZ_ENOENT || (rc == 0 && r.kind != DAILY_REPORT && r.kind != DAILY_ZERO))
		rc = errmsg_set(ZZ_ENOENT, "%s 还没有报送日报或零报告，不能更正", d);
	char *before = r.text;
	if (rc == 0 && !strcmp(before ? before : "", a->text)) {
		free(before);
		free(r.user);
		return errmsg_set(ZZ_EINVAL, "内容没有改动");
	}
	char *user = r.user;
	r.kind = DAILY_REPORT;
	r.text = (char *)a->text;
	r.user = a->u->name;
	r.time = a->now;
	if (rc == 0)
		rc = daily_put(st, txn, &r);
	if (rc == 0) {
		char *obj = xasprintf("daily:%s:%s", a->unit, d);
		char *detail = xasprintf("更正：%s → %s", before ? before : "", a->text);
		rc = audit_append(a->c, txn, &(struct audit_entry){.user = a->u->name, .unit = a->u->unit,
								  .type = "daily_correct", .object = obj, .result = "ok",
								  .detail = detail});
		free(obj);
		free(detail);
	}
	free(before);
	free(user);
	return rc;
}

int daily_correct(struct ctx *c, const struct user *u, const char *unit, int day, const char *text)
{
	int rc = daily_may(c, u, &unit, "daily_correct");
	if (rc < 0)
		return rc;
	int64_t now = (int64_t)time(NULL);
	int today = date_today((time_t)now);
	char d[11], t[11];
	date_format(day, d);
	date_format(today, t);
	if (day != today)
		return errmsg_set(ZZ_EINVAL, "%s 的日报已不能更正：日报只能在报送当天（%s）更正", d, day < today ? d : t);
	if (str_empty(text))
		return errmsg_set(ZZ_EINVAL, "更正后的日报需要填写内容");
	if ((rc = validate_text("日报", text, (long)conf_int(c->conf, "daily.text_max"))) < 0)
		return rc;
	struct fix_arg a = {.c = c, .u = u, .unit = unit, .day = day, .text = text, .now = now};
	return store_run(c->st, fix_txn, &a);
}

int daily_scan(struct ctx *c, const char *unit, int from, int to, daily_cb cb, void *arg)
{
	DB *db = store_db(c->st, DBI_EV_DAILY);
	if (!db)
		return ZZ_EDB;
	DBC *cur = NULL;
	int dbrc = db->cursor(db, NULL, &cur, 0);
	if (dbrc)
		return store_err(dbrc, "日报");
	struct sb k;
	sb_init(&k);
	daily_key(&k, unit, from);
	size_t pn = strlen(unit) + 1;
	DBT key = {.data = k.buf, .size = (u_int32_t)k.len}, val = {0};
	int rc = 0;
	dbrc = cur->get(cur, &key, &val, DB_SET_RANGE);
	while (dbrc == 0 && key.size == pn + 10 && memcmp(key.data, unit, pn) == 0) {
		char d[11];
		memcpy(d, (char *)key.data + pn, 10);
		d[10] = '\0';
		struct daily_row r = {.unit = unit};
		if (date_parse(d, &r.day) < 0 || r.day > to)
			break;
		rc = daily_decode(val.data, val.size, &r);
		if (rc == 0)
			rc = cb(&r, arg);
		free(r.text);
		free(r.user);
		if (rc)
			break;
		dbrc = cur->get(cur, &key, &val, DB_NEXT);
	}
	if (rc == 0 && dbrc && dbrc != DB_NOTFOUND)
		rc = store_err(dbrc, "日报");
	cur->close(cur);
	sb_free(&k);
	return rc < 0 ? rc : 0;
}

struct flag_arg {
	struct ctx *c;
	int day;
	int64_t now;
	long flagged;
	bool workday;
	const struct period *periods; /* a day off is judged only for the centers a period covers */
	int nperiods;
};

#define DAILY_CURSOR "daily:checked"

static int flag_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct flag_arg *a = arg;
	const struct units *us = a->c->units;
	int rc = 0;
	a->flagged = 0;
	struct sb names;
	sb_init(&names);
	for (int i = 0; i < us->n && rc == 0; i++) {
		const struct unit *x = &us->v[i];
		if (!daily_is_center(a->c, x) ||
		    (!a->workday && !periods_cover(us, a->periods, a->nperiods, x->code, a->day)))
			continue;
		int kind;
		rc = daily_get(st, txn, x->code, a->day, &kind, true);
		if (rc == 0 && kind == 0) {
			rc = daily_put(st, txn, &(struct daily_row){.unit = x->code, .day = a->day, .kind = DAILY_MISSING,
								    .user = "daemon", .time = a->now});
			a->flagged++;
			if (names.len < 2000)
				sb_addf(&names, "%s%s", names.len ? "、" : "", x->name);
		}
	}
	unsigned char be[8];
	be64_put(be, (uint64_t)a->day);
	if (rc == 0)
		rc = store_put(store_db(st, DBI_META), txn, DAILY_CURSOR, strlen(DAILY_CURSOR), be, 8);
	if (rc == 0 && a->flagged) {
		char d[11];
		date_format(a->day, d);
		char *obj = xasprintf("daily:%s", d);
		char *detail = xasprintf("%ld 个中心未报日报或零报告%s：%s", a->flagged, a->workday ? "" : "（敏感期）", names.buf);
		rc = audit_append(a->c, txn, &(struct audit_entry){.user = "daemon", .unit = "-", .source = "daemon",
								  .type = "daily_missing", .object = obj, .result = "ok",
								  .detail = detail});
		free(obj);
		free(detail);
	}
	sb_free(&names);
	return rc;
}

int daily_pass(struct ctx *c, int64_t now)
{
	int today = date_today((time_t)now);
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(store_db(c->st, DBI_META), NULL, DAILY_CURSOR, strlen(DAILY_CURSOR), &v, &vn, false);
	/* The first pass only starts the count: days before the system ran are not judged. */
	int from = today;
	if (rc == 0 && vn == 8)
		from = (int)be64_get(v) + 1;
	free(v);
	if (rc < 0 && rc != ZZ_ENOENT)
		return rc;
	long back = (long)conf_int(c->conf, "daily.lookback_days");
	if (from < today - back)
		from = (int)(today - back);
	struct period *pv = NULL;
	int pn = 0;
	rc = period_load_all(c, &pv, &pn);
	/* A day is judged once it is over: a working day for every center, a day off of a sensitive
	 * period for the centers it covers. */
	for (int d = from; d < today && rc == 0; d++) {
		bool work = calendar_is_workday(c->cal, d);
		if (!work && !periods_cover(c->units, pv, pn, NULL, d))
			continue;
		struct flag_arg a = {.c = c, .day = d, .now = now, .workday = work, .periods = pv, .nperiods = pn};
		rc = store_run(c->st, flag_txn, &a);
	}
	periods_free(pv, pn);
	if (rc == 0 && from <= today) {
		/* Remember the last day judged even when it was a day off. */
		unsigned char be[8];
		be64_put(be, (uint64_t)(today - 1));
		rc = store_put(store_db(c->st, DBI_META), NULL, DAILY_CURSOR, strlen(DAILY_CURSOR), be, 8);
	}
	return rc;
}

struct todo_daily {
	int today;
	bool today_done;
	int missing, first, last;
};

static int todo_daily_cb(const struct daily_row *r, void *arg)
{
	struct todo_daily *a = arg;
	if (r->day == a->today && r->kind != DAILY_MISSING)
		a->today_done = true;
	if (r->kind == DAILY_MISSING) {
		if (!a->missing++)
			a->first = r->day;
		a->last = r->day;
	}
	return 0;
}

int daily_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l)
{
	const struct rtype *t = event_type(c);
	const struct unit *x = perm_console(u) ? NULL : units_find(ctx_units(c), u->unit);
	if (!t || !x || !daily_is_center(c, x) || !perm_may(c, u, ACT_HANDLE, t, x->code))
		return 0;
	int today = date_today((time_t)now);
	long back = (long)conf_int(c->conf, "daily.lookback_days");
	struct todo_daily a = {.today = today};
	int rc = daily_scan(c, x->code, (int)(today - back), today, todo_daily_cb, &a);
	char d[11], f[11];
	if (rc == 0 && a.missing) {
		date_format(a.last, d);
		date_format(a.first, f);
		char *ref = xasprintf("daily:%s:%s", x->code, d);
		if (a.missing == 1)
			todo_add(l, TODO_OVERDUE, 0, "daily", ref, "%s 未报送日报或零报告，请补报", d);
		else
			todo_add(l, TODO_OVERDUE, 0, "daily", ref, "%d 天未报送日报或零报告（最早 %s，最近 %s），请补报",
				 a.missing, f, d);
		free(ref);
	}
	struct period *pv = NULL;
	int pn = 0;
	if (rc == 0)
		rc = period_load_all(c, &pv, &pn);
	bool sensitive = periods_cover(ctx_units(c), pv, pn, x->code, today);
	periods_free(pv, pn);
	if (rc == 0 && !a.today_done && (sensitive || calendar_is_workday(c->cal, today))) {
		date_format(today, d);
		char *ref = xasprintf("daily:%s:%s", x->code, d);
		todo_add(l, TODO_WARN, 0, "daily", ref, "今日（%s）尚未报送日报或零报告%s", d,
			 sensitive ? "（敏感期，节假日也须报送）" : "");
		free(ref);
	}
	return rc;
}
