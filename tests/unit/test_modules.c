/* test_modules.c — the module rules: date arithmetic, entry deadlines and the late mark (R-EN-*,
 * R-RP-1), composed keys, the days a patrol reminder counts (R-SV-3), and the checks of
 * conf/modules.cfg. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain.h"
#include "idnum.h"
#include "modules.h"
#include "testlib.h"

static int ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static void test_add_months(void **state)
{
	(void)state;
	assert_int_equal(modules_add_months(ymd(2026, 1, 10), 1), ymd(2026, 2, 10));
	assert_int_equal(modules_add_months(ymd(2026, 1, 31), 1), ymd(2026, 2, 28));
	assert_int_equal(modules_add_months(ymd(2028, 1, 31), 1), ymd(2028, 2, 29));
	assert_int_equal(modules_add_months(ymd(2026, 8, 31), 6), ymd(2027, 2, 28));
	assert_int_equal(modules_add_months(ymd(2026, 12, 15), 1), ymd(2027, 1, 15));
}

/* R-WD-2 at day granularity without a calendar: Monday to Friday. */
static void test_add_workdays(void **state)
{
	(void)state;
	assert_int_equal(calendar_add_days(NULL, ymd(2026, 5, 8), 2), ymd(2026, 5, 12));  /* Fri → Tue */
	assert_int_equal(calendar_add_days(NULL, ymd(2026, 5, 6), 2), ymd(2026, 5, 8));   /* Wed → Fri */
	assert_int_equal(calendar_add_days(NULL, ymd(2026, 5, 9), 2), ymd(2026, 5, 12));  /* Sat → Tue */
	assert_int_equal(calendar_add_days(NULL, ymd(2026, 5, 10), 1), ymd(2026, 5, 11)); /* Sun → Mon */
}

/* R-WD-1 with conf/calendar.cfg: 劳动节 2026 is 5.1–5.5 off and Saturday 5.9 a make-up working day. */
static void test_add_workdays_calendar(void **state)
{
	struct ctx *c = *state;
	/* Friday 5.8: the make-up Saturday 5.9 is the first working day, Monday 5.11 the second. */
	assert_int_equal(calendar_add_days(c->cal, ymd(2026, 5, 8), 2), ymd(2026, 5, 11));
	/* Saturday 5.9 is itself a working day: Monday and Tuesday follow. */
	assert_int_equal(calendar_add_days(c->cal, ymd(2026, 5, 9), 2), ymd(2026, 5, 12));
	assert_int_equal(calendar_add_days(c->cal, ymd(2026, 5, 9), 1), ymd(2026, 5, 11));
	/* Thursday 4.30 before the holiday: 5.6 and 5.7 (5.1–5.5 are off). */
	assert_int_equal(calendar_add_days(c->cal, ymd(2026, 4, 30), 2), ymd(2026, 5, 7));
	/* A start in the holiday counts from Wednesday 5.6, the first of the two. */
	assert_int_equal(calendar_add_days(c->cal, ymd(2026, 5, 2), 2), ymd(2026, 5, 7));
	/* An ordinary weekend still skips: Sunday 5.10 → Monday 5.11. */
	assert_int_equal(calendar_add_days(c->cal, ymd(2026, 5, 10), 1), ymd(2026, 5, 11));
}

static struct rec *rec_with(struct ctx *c, const char *type, const char *const *kv)
{
	struct rec *r = rec_new(schema_type(c->schema, type));
	for (int i = 0; kv[i]; i += 2)
		assert_int_equal(rec_set(r, kv[i], kv[i + 1]), 0);
	return r;
}

/* R-EN-2: released on the 2nd, entered by the end of the 5th; re-checked only when the date moves. */
static void test_late_mark(void **state)
{
	struct ctx *c = *state;
	static const char *const kv[] = {"release_date", "2026-03-02", NULL};
	struct rec *r = rec_with(c, "released", kv);
	const struct mod_entry *e = modules_entry(c->modules, r->t);
	assert_non_null(e);
	assert_false(e->edits);
	assert_int_equal(modules_entry_deadline(c, e, r), ymd(2026, 3, 5));
	modules_mark_late(c, r, NULL, modules_day_start(ymd(2026, 3, 6)) - 1);
	assert_false(r->flags & REC_LATE);
	modules_mark_late(c, r, NULL, modules_day_start(ymd(2026, 3, 6)));
	assert_true(r->flags & REC_LATE);
	/* An edit that keeps the date keeps the mark, whenever it is made. */
	struct rec *ed = rec_dup(r);
	ed->flags = 0;
	assert_int_equal(rec_set(ed, "placement", "2"), 0);
	modules_mark_late(c, ed, r, modules_day_start(ymd(2026, 3, 1)));
	assert_true(ed->flags & REC_LATE);
	/* Moving the date re-checks it. */
	assert_int_equal(rec_set(ed, "release_date", "2026-03-05"), 0);
	modules_mark_late(c, ed, r, modules_day_start(ymd(2026, 3, 7)));
	assert_false(ed->flags & REC_LATE);
	rec_free(&ed);
	rec_free(&r);
}

/* R-EN-1 (edits = true): a later edit that changes the record but keeps its 变动日期 is judged at
 * the time of the edit; an edit that changes nothing keeps the mark as it was. */
static void test_ren1_edit(void **state)
{
	struct ctx *c = *state;
	static const char *const kv[] = {"changed", "2026-03-16", "address", "桥头社区", NULL};
	struct rec *r = rec_with(c, "grid_staff", kv);
	const struct mod_entry *e = modules_entry(c->modules, r->t);
	assert_non_null(e);
	assert_true(e->edits);
	modules_mark_late(c, r, NULL, modules_day_start(ymd(2026, 3, 17)));
	assert_false(r->flags & REC_LATE);
	struct rec *ed = rec_dup(r);
	assert_int_equal(rec_set(ed, "address", "桥头社区5组"), 0);
	modules_mark_late(c, ed, r, modules_day_start(ymd(2026, 3, 20)) - 1);
	assert_false(ed->flags & REC_LATE);
	modules_mark_late(c, ed, r, modules_day_start(ymd(2026, 3, 20)));
	assert_true(ed->flags & REC_LATE);
	struct rec *same = rec_dup(r);
	modules_mark_late(c, same, r, modules_day_start(ymd(2026, 3, 30)));
	assert_false(same->flags & REC_LATE);
	rec_free(&same);
	rec_free(&ed);
	rec_free(&r);
}

/* R-RP-1: December's report is due by 5 January; the key is composed of year, month and unit. */
static void test_monthly_report(void **state)
{
	struct ctx *c = *state;
	static const char *const kv[] = {"year", "2026", "month", "12", "unit", "321204", "kind", "火灾事故", NULL};
	struct rec *r = rec_with(c, "accident_stats", kv);
	const struct mod_entry *e = modules_entry(c->modules, r->t);
	assert_int_equal(modules_entry_deadline(c, e, r), ymd(2027, 1, 5));
	modules_derive(c, r);
	assert_string_equal(r->v[r->t->key], "2026-12-321204-2");
	rec_free(&r);
}

static void test_visit_rules(void **state)
{
	struct ctx *c = *state;
	const struct mod_visit *v = modules_visit(c->modules, schema_type(c->schema, "mental"));
	assert_non_null(v);
	assert_int_equal(v->months, 1); /* R-SV-1 */
	v = modules_visit(c->modules, schema_type(c->schema, "social_org"));
	assert_non_null(v);
	assert_int_equal(v->months, 6); /* R-SV-2 */
	assert_true(v->since >= 0);
}

/* Mistakes in conf/modules.cfg are refused with file and line. */
static void test_bad_rules(void **state)
{
	struct ctx *c = *state;
	static const struct {
		const char *text, *want;
	} cases[] = {
		{"entry = (); updates = (); visits = ( { type = \"nosuch\"; months = 1; } );", "记录类型 “nosuch” 不存在"},
		{"entry = (); updates = (); visits = ( { type = \"mental\"; months = 0; } );", "months = 0 超出范围"},
		{"entry = ( { type = \"released\"; from = \"charge\"; days = 3; } ); updates = (); visits = ();",
		 "released 的字段 charge 类型不合适"},
		{"entry = (); updates = ( { type = \"campus\"; starts = [ \"13-01\" ]; days = 7; } ); visits = ();",
		 "starts 中的 “13-01”"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct conf fake = {.path = "modules.cfg", .dir = "."};
		config_init(&fake.cfg);
		char *text = xasprintf("modules = {\n%s\n"
				       "service = { type = \"service_record\"; day = \"day\"; };\n"
				       "patrol = { staff = \"grid_staff\"; log = \"patrol_log\"; member = \"member\"; "
				       "day = \"day\"; grace_days = 1; window_days = 30; }; todo_detail_max = 5; };",
				       cases[i].text);
		if (config_read_string(&fake.cfg, text) != CONFIG_TRUE)
			fail_msg("%d: %s", config_error_line(&fake.cfg), config_error_text(&fake.cfg));
		struct modules *m = NULL;
		assert_int_equal(modules_load(&m, &fake, c->schema), ZZ_EINVAL);
		if (!strstr(errmsg(), cases[i].want) || !strstr(errmsg(), ":2: "))
			fail_msg("got “%s”, want “%s” at line 2", errmsg(), cases[i].want);
		free(text);
		config_destroy(&fake.cfg);
	}
}

/* The record form asks for extra rows only of types that can have them. */
static void test_has_extra(void **state)
{
	struct ctx *c = *state;
	const struct schema *s = c->schema;
	assert_true(modules_has_extra(c->modules, schema_type(s, "key_area")));	/* R-EN-5 */
	assert_true(modules_has_extra(c->modules, schema_type(s, "drug")));	/* roles under one ID number */
	assert_true(modules_has_extra(c->modules, schema_type(s, "rental")));	/* visited by record number */
	assert_true(modules_has_extra(c->modules, schema_type(s, "rental_tenant"))); /* names its house */
	assert_false(modules_has_extra(c->modules, schema_type(s, "dispute_event")));
}

/* R-SV-3: the days of the window up to the grace without a log, the earliest first; the member's
 * first day counts as logged; a later day logged leaves an earlier one missing; across a month's
 * end and the window's edge. */
static void test_patrol_gap(void **state)
{
	(void)state;
	struct patrol_gap g;
	int d0 = ymd(2027, 2, 24);
	int logged[] = {d0 + 1, d0 + 3};
	/* 2.25 and 2.27 logged, 2.26, 2.28 and 3.1 missing, 3.2 within grace on 3.3. */
	clock_patrol_gap(logged, 2, d0, ymd(2027, 3, 3), 30, 1, &g);
	assert_int_equal(g.missing, 3);
	assert_int_equal(g.first, ymd(2027, 2, 26));
	assert_int_equal(g.last, ymd(2027, 2, 27));
	assert_int_equal(g.next, ymd(2027, 2, 26));
	/* On 3.2, 2.26 and 2.28; on 3.1, 2.26 alone. */
	clock_patrol_gap(logged, 2, d0, ymd(2027, 3, 2), 30, 1, &g);
	assert_int_equal(g.missing, 2);
	clock_patrol_gap(logged, 2, d0, ymd(2027, 3, 1), 30, 1, &g);
	assert_int_equal(g.missing, 1);
	assert_int_equal(g.first, ymd(2027, 2, 26));
	/* A window of 3 days on 3.3 starts at 2.28: 2.26 is older. */
	clock_patrol_gap(logged, 2, d0, ymd(2027, 3, 3), 3, 1, &g);
	assert_int_equal(g.missing, 2);
	assert_int_equal(g.first, ymd(2027, 2, 28));
	/* Nothing missing before the first day's morrow; none logged: the first day is the last. */
	clock_patrol_gap(NULL, 0, d0, d0 + 1, 30, 1, &g);
	assert_int_equal(g.missing, 0);
	assert_int_equal(g.last, d0);
	assert_int_equal(g.next, d0 + 1);
	/* 12.31 missing across the year's end, on 1.2. */
	int dec = ymd(2026, 12, 29), y[] = {ymd(2026, 12, 30)};
	clock_patrol_gap(y, 1, dec, ymd(2027, 1, 2), 30, 1, &g);
	assert_int_equal(g.missing, 1);
	assert_int_equal(g.first, ymd(2026, 12, 31));
}

static int put_txn(struct store *st, DB_TXN *txn, void *arg)
{
	return record_store(st, txn, arg, NULL);
}

/* Store a record of TYPE with KV, created at day CREATED, unchecked (its days may be later than the
 * clock's today). */
static void put(struct tl *t, const char *type, int created, const char *const *kv)
{
	struct rec *r = rec_new(schema_type(t->c->schema, type));
	for (int i = 0; kv[i]; i += 2)
		rec_set_raw(r, rtype_field(r->t, kv[i]), kv[i + 1]);
	r->created = r->updated = modules_day_start(created);
	rec_set_meta(&r->unit, "321204001001001");
	assert_int_equal(store_run(t->c->st, put_txn, r), 0);
	rec_free(&r);
}

/* The day Enter on a member's reminder opens a log for: the earliest the reminder counts, at the
 * time asked; none when every day is logged or the ID number is no member's. */
static void test_patrol_first(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	char m[19] = "32120419880808055";
	m[17] = idnum_check_char(m);
	int d0 = ymd(2027, 2, 24), day = 0;
	put(&t, "grid_staff", d0, (const char *const[]){"name", "孙网格", "idnum", m, "grid", "321204001001001", NULL});
	char buf[11];
	for (int i = 1; i <= 3; i += 2) {
		date_format(d0 + i, buf);
		put(&t, "patrol_log", d0 + i, (const char *const[]){"member", m, "day", buf, NULL});
	}
	int64_t at = modules_day_start(ymd(2027, 3, 3)) + 9 * 3600;
	assert_int_equal(clock_patrol_first(t.c, m, at, &day), 0);
	assert_int_equal(day, ymd(2027, 2, 26));
	for (int i = 2; i <= 4; i += 2) {
		date_format(d0 + i, buf);
		put(&t, "patrol_log", d0 + i, (const char *const[]){"member", m, "day", buf, NULL});
	}
	assert_int_equal(clock_patrol_first(t.c, m, at, &day), 0);
	assert_int_equal(day, ymd(2027, 3, 1));
	put(&t, "patrol_log", d0 + 5, (const char *const[]){"member", m, "day", "2027-03-01", NULL});
	day = 0;
	assert_int_equal(clock_patrol_first(t.c, m, at, &day), ZZ_ENOENT);
	assert_int_equal(day, 0);
	assert_int_equal(clock_patrol_first(t.c, "321204199901010664", at, &day), ZZ_ENOENT);
	tl_close(&t);
}

struct lines {
	char text[512];
};

static void line_keep(const char *label, const char *value, const char *ref, void *arg)
{
	(void)ref;
	struct lines *l = arg;
	size_t n = strlen(l->text);
	snprintf(l->text + n, sizeof l->text - n, "%s：%s\n", label, value ? value : "");
}

/* A grid member's 附加信息 names a patrol log (no name, no key) by its 巡查日期, not by its record
 * number, which people are not shown. */
static void test_links_in_no_name(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	char m[19] = "32120419880808055";
	m[17] = idnum_check_char(m);
	int d0 = ymd(2026, 11, 24);
	put(&t, "patrol_log", d0, (const char *const[]){"member", m, "day", "2026-11-25", NULL});
	struct rec *r = rec_new(schema_type(t.c->schema, "grid_staff"));
	const char *kv[] = {"name", "孙网格", "idnum", m, "grid", "321204001001001", NULL};
	for (int i = 0; kv[i]; i += 2)
		rec_set_raw(r, rtype_field(r->t, kv[i]), kv[i + 1]);
	rec_set_meta(&r->unit, "321204001001001");
	assert_int_equal(store_run(t.c->st, put_txn, r), 0);
	struct user u = {.name = "village", .role = "office", .unit = "321204001001", .dept = ""};
	struct lines l = {{0}};
	modules_extra(t.c, &u, r, line_keep, &l);
	assert_non_null(strstr(l.text, "相关（网格巡查日志）：2026-11-25（"));
	rec_free(&r);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_add_workdays),
		cmocka_unit_test(test_add_workdays_calendar),
		cmocka_unit_test(test_late_mark),
		cmocka_unit_test(test_monthly_report),
		cmocka_unit_test(test_ren1_edit),
		cmocka_unit_test(test_visit_rules),
		cmocka_unit_test(test_bad_rules),
		cmocka_unit_test(test_has_extra),
		cmocka_unit_test(test_patrol_gap),
		cmocka_unit_test(test_patrol_first),
		cmocka_unit_test(test_links_in_no_name),
	};
	return cmocka_run_group_tests(tests, tl_conf_setup, tl_conf_teardown);
}
