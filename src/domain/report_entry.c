/* report_entry.c — monthly figures entered as records (R-RP-1, 6.8: 刑事案件发破案情况 and the
 * other police types of modules.entry with year and month): a month with no record by its deadline
 * is marked in reports.db ('M' type \0 YYYY-MM \0 unit -> "") like a late entry, and shown in the
 * to-do list of the accounts that enter it until it is filed. The filing units are the city and
 * county units (6.8.2.1: 市和各县（市、区）公安机关). */
#include "report_entry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "domain.h"
#include "modules.h"
#include "perm.h"
#include "report.h"
#include "service.h"
#include "stats.h"

struct entry_rule {
	const struct rtype *t;
	const char *year, *month, *rule;
	int day;
};

/* The entry rules of modules.entry that name a year and a month. */
static int entry_rules(struct ctx *c, struct entry_rule **out)
{
	const config_setting_t *l = conf_setting(c->conf, "modules.entry");
	int n = 0;
	*out = NULL;
	for (int i = 0; i < config_setting_length(l); i++) {
		const config_setting_t *e = config_setting_get_elem(l, (unsigned)i);
		struct entry_rule r = {0};
		const char *type = NULL;
		if (!config_setting_lookup_string(e, "type", &type) ||
		    !config_setting_lookup_string(e, "year", &r.year) ||
		    !config_setting_lookup_string(e, "month", &r.month) ||
		    !config_setting_lookup_int(e, "day", &r.day))
			continue;
		config_setting_lookup_string(e, "rule", &r.rule);
		r.t = schema_type(c->schema, type);
		if (!r.t || rtype_field(r.t, "unit") < 0)
			continue;
		*out = xrealloc(*out, (size_t)(n + 1) * sizeof **out);
		(*out)[n++] = r;
	}
	return n;
}

int report_entry_defaults(struct ctx *c, const char *ref, const struct rtype **t, struct strv *init)
{
	const char *a = strchr(ref, ':'), *b = a ? strchr(a + 1, ':') : NULL;
	if (!a || !b || b - a != 8 || a[5] != '-' || !b[1])
		return errmsg_set(ZZ_EINVAL, "不是按月录入的事项：%.60s", ref);
	struct entry_rule *rules = NULL;
	int n = entry_rules(c, &rules), rc = ZZ_EINVAL;
	for (int i = 0; i < n; i++) {
		if (strlen(rules[i].t->id) != (size_t)(a - ref) || strncmp(rules[i].t->id, ref, (size_t)(a - ref)) != 0)
			continue;
		char year[8], month[4];
		snprintf(year, sizeof year, "%d", atoi(a + 1));
		snprintf(month, sizeof month, "%d", atoi(a + 6));
		strv_push(init, rules[i].year);
		strv_push(init, year);
		strv_push(init, rules[i].month);
		strv_push(init, month);
		strv_push(init, "unit");
		strv_push(init, b + 1);
		*t = rules[i].t;
		rc = 0;
		break;
	}
	free(rules);
	return rc < 0 ? errmsg_set(rc, "不是按月录入的事项：%.60s", ref) : 0;
}

static bool files_monthly(const struct unit *x)
{
	return x->level == LV_CITY || x->level == LV_COUNTY;
}

/* The deadline of month YM: the end of day DAY of the month after. */
static int64_t month_due(const char *ym, int day)
{
	struct tm tm = {.tm_year = atoi(ym) - 1900,
			.tm_mon = atoi(ym + 5),
			.tm_mday = day,
			.tm_hour = 23,
			.tm_min = 59,
			.tm_sec = 59,
			.tm_isdst = -1};
	return (int64_t)mktime(&tm);
}

struct seen {
	const struct entry_rule *r;
	struct store *st;
	struct strv keys; /* "YYYY-MM unit" of every record */
};

static int seen_cb(const struct rtype *t, uint64_t id, void *arg)
{
	struct seen *s = arg;
	struct rec *r = NULL;
	if (record_load(s->st, NULL, t, id, &r, false) < 0)
		return 0;
	const char *y = rec_get(r, s->r->year), *m = rec_get(r, s->r->month),
		   *u = rec_get(r, "unit");
	if (y && m && u) {
		char *k = xasprintf("%04d-%02d %s", atoi(y) % 10000, atoi(m) % 100, u);
		strv_push(&s->keys, k);
		free(k);
	}
	rec_free(&r);
	return 0;
}

static void mark_key(struct sb *k, const struct rtype *t, const char *month, const char *unit)
{
	sb_addc(k, 'M');
	sb_add(k, t->id, strlen(t->id) + 1);
	sb_add(k, month, strlen(month) + 1);
	sb_adds(k, unit);
}

struct mark_arg {
	struct ctx *c;
	const struct entry_rule *r;
	const char *month, *unit;
};

static int mark_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct mark_arg *a = arg;
	struct sb k;
	sb_init(&k);
	mark_key(&k, a->r->t, a->month, a->unit);
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(store_db(st, DBI_REPORTS), txn, k.buf, k.len, &v, &vn, true);
	free(v);
	if (rc == 0) {
		sb_free(&k);
		return 0;
	}
	rc = rc == ZZ_ENOENT ? store_put(store_db(st, DBI_REPORTS), txn, k.buf, k.len, "", 0) : rc;
	if (rc == 0) {
		char *obj = xasprintf("%s:%s:%s", a->r->t->id, a->month, a->unit);
		char *detail =
		    xasprintf("%s 逾期未录入（%s）", a->month, a->r->rule ? a->r->rule : "");
		rc = audit_append(a->c, txn,
				  &(struct audit_entry){.user = "daemon",
							.unit = "-",
							.type = "entry_missing",
							.object = obj,
							.result = "ok",
							.detail = detail});
		free(obj);
		free(detail);
	}
	sb_free(&k);
	return rc;
}

bool report_entry_missing(struct ctx *c, const struct rtype *t, const char *month, const char *unit)
{
	struct sb k;
	sb_init(&k);
	mark_key(&k, t, month, unit);
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(store_db(c->st, DBI_REPORTS), NULL, k.buf, k.len, &v, &vn, false);
	free(v);
	sb_free(&k);
	return rc == 0;
}

/* For each rule, each filing unit and each past month (reports.months_back, none before the home's
 * first: report_first_month): CB when no record of that month is there. */
typedef int (*gap_cb)(struct ctx *c, const struct entry_rule *r, const char *month,
		      const struct unit *x, int64_t due, void *arg);
static int each_gap(struct ctx *c, int64_t now, const char *only, gap_cb cb, void *arg)
{
	struct entry_rule *rules = NULL;
	int n = entry_rules(c, &rules);
	const struct units *us = ctx_units(c);
	char cur[8], first[8] = "";
	stats_month(now, cur);
	int back = (int)conf_int(c->conf, "reports.months_back");
	int rc = report_first_month(c, now, first);
	for (int i = 0; i < n && rc == 0; i++) {
		struct seen s = {.r = &rules[i], .st = c->st};
		rc = record_scan_unit(c->st, NULL, rules[i].t, NULL, seen_cb, &s);
		for (int b = 1; b <= back && rc == 0; b++) {
			char m[8];
			stats_month_add(cur, b, m);
			if (strcmp(m, first) < 0)
				break;
			int64_t due = month_due(m, rules[i].day);
			for (int j = 0; j < us->n && rc == 0; j++) {
				const struct unit *x = &us->v[j];
				if (!files_monthly(x) || (only && strcmp(only, x->code) != 0))
					continue;
				char *k = xasprintf("%s %s", m, x->code);
				if (strv_find(&s.keys, k) < 0)
					rc = cb(c, &rules[i], m, x, due, arg);
				free(k);
			}
		}
		strv_free(&s.keys);
	}
	free(rules);
	return rc;
}

static int mark_gap(struct ctx *c, const struct entry_rule *r, const char *month,
		    const struct unit *x, int64_t due, void *arg)
{
	int64_t now = *(int64_t *)arg;
	if (now <= due || report_entry_missing(c, r->t, month, x->code))
		return 0;
	struct mark_arg a = {c, r, month, x->code};
	return store_run(c->st, mark_txn, &a);
}

int report_entry_rule(struct ctx *c, int64_t now) { return each_gap(c, now, NULL, mark_gap, &now); }

struct todo_arg {
	const struct user *u;
	int64_t now;
	struct todo_list *l;
};

static int todo_gap(struct ctx *c, const struct entry_rule *r, const char *month,
		    const struct unit *x, int64_t due, void *arg)
{
	struct todo_arg *a = arg;
	if (!perm_may(c, a->u, ACT_ADD, r->t, x->code))
		return 0;
	char *ref = xasprintf("%s:%s:%s", r->t->id, month, x->code);
	char day[11];
	date_format(date_today((time_t)due), day);
	if (a->now > due)
		todo_add(a->l, TODO_OVERDUE, due, "entry", ref, "%s（%s）逾期未录入（应于 %s 前）",
			 r->t->title, month, day);
	else
		todo_add(a->l, TODO_INFO, due, "entry", ref, "%s（%s）应于 %s 前录入", r->t->title,
			 month, day);
	free(ref);
	return 0;
}

int report_entry_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l)
{
	if (perm_console(u))
		return 0;
	struct todo_arg a = {u, now, l};
	return each_gap(c, now, perm_scope(c, u), todo_gap, &a);
}
