/* test_stats.c — the counters of stats.db follow record saves, moves and deletes and event
 * actions in the same transaction; subtree, child and month reads; verify finds a wrong row and
 * rebuild repairs it (issue 14: the figures of R-RP-2, R-RP-3 come from these). */
#include "testlib.h"

#include <time.h>

#include "event.h"
#include "stats.h"

#define COUNTY "32/3212/321204/"
#define TOWN1 "32/3212/321204/321204001/"
#define TOWN2 "32/3212/321204/321204002/"

static long long get(struct tl *t, const char *path, const char *subject, const char *dim,
		     const char *val)
{
	char m[8];
	stats_month((int64_t)time(NULL), m);
	long long n = -1;
	assert_int_equal(stats_get(t->c->st, NULL, path, m, subject, dim, val, &n), 0);
	return n;
}

static void assert_verified(struct tl *t)
{
	long rows = 0, bad = 0;
	assert_int_equal(stats_verify(t->c, &rows, &bad), 0);
	if (bad)
		fail_msg("%s", errmsg());
}

static void test_month(void **state)
{
	(void)state;
	char m[8];
	stats_month_add("2026-01", 1, m);
	assert_string_equal(m, "2025-12");
	stats_month_add("2026-03", -10, m);
	assert_string_equal(m, "2027-01");
	stats_month_add("2026-12", 11, m);
	assert_string_equal(m, "2026-01");
	/* A month is reported, filled or counted from its first second on, never before. */
	struct tm last = {.tm_year = 126, .tm_mon = 11, .tm_mday = 31, .tm_hour = 23, .tm_min = 59, .tm_sec = 59,
			  .tm_isdst = -1};
	int64_t t = (int64_t)mktime(&last);
	assert_int_equal(stats_month_begun("2026-12", t), 0);
	assert_int_equal(stats_month_begun("2025-01", t), 0);
	assert_int_equal(stats_month_begun("2027-01", t), ZZ_EINVAL);
	assert_errmsg_has("2027-01 月还没有开始");
	assert_int_equal(stats_month_begun("2027-01", t + 1), 0);
	assert_int_equal(stats_month_begun("2027-02", t + 1), ZZ_EINVAL);
}

static int count_child(const char *key, long long n, void *arg)
{
	struct strv *out = arg;
	char *s = xasprintf("%s=%lld", key, n);
	strv_push(out, s);
	free(s);
	return 0;
}

static void test_records(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	char a[19], b[19];
	tl_idnum("32120419800101001", a);
	tl_idnum("32120419800101002", b);
	uint64_t ida = 0, idb = 0;
	assert_int_equal(tl_household(&t, NULL, a, "张三", "321204001001001", &ida), 0);
	assert_int_equal(tl_household(&t, NULL, b, "李四", "321204002001001", &idb), 0);
	assert_int_equal(get(&t, COUNTY, "household", "all", ""), 2);
	assert_int_equal(get(&t, TOWN1, "household", "all", ""), 1);
	assert_int_equal(get(&t, TOWN2, "household", "all", ""), 1);
	/* The person records under the roles are not counted twice. */
	assert_int_equal(get(&t, COUNTY, "person", "all", ""), 0);
	assert_true(stats_counts(schema_type(t.c->schema, "household")));
	assert_false(stats_counts(schema_type(t.c->schema, "person")));
	assert_false(stats_counts(event_type(t.c)));
	/* The list screen's count: every month's records under a unit. */
	long long total = 0;
	assert_int_equal(stats_total(t.c->st, NULL, COUNTY, "household", &total), 0);
	assert_int_equal(total, 2);
	assert_int_equal(stats_total(t.c->st, NULL, TOWN1, "household", &total), 0);
	assert_int_equal(total, 1);
	assert_int_equal(stats_total(t.c->st, NULL, "", "youth", &total), 0);
	assert_int_equal(total, 0);

	char m[8];
	stats_month((int64_t)time(NULL), m);
	struct strv kids = {0};
	assert_int_equal(
	    stats_children(t.c, NULL, "321204", m, "household", "all", "", count_child, &kids), 0);
	assert_true(strv_find(&kids, "321204001=1") >= 0);
	assert_true(strv_find(&kids, "321204002=1") >= 0);
	assert_true(strv_find(&kids, "321204-police=0") >= 0);
	strv_free(&kids);
	long long trend[3];
	assert_int_equal(stats_months(t.c->st, NULL, COUNTY, m, 3, "household", "all", "", trend),
			 0);
	assert_int_equal(trend[0], 0);
	assert_int_equal(trend[2], 2);

	/* A record moved to the other township moves its count. */
	struct rec *r = NULL;
	assert_int_equal(
	    service_get(t.c, &service_console, schema_type(t.c->schema, "household"), ida, &r), 0);
	rec_set_meta(&r->unit, "321204002001001");
	assert_int_equal(service_save(t.c, &service_console, r, NULL), 0);
	rec_free(&r);
	assert_int_equal(get(&t, TOWN1, "household", "all", ""), 0);
	assert_int_equal(get(&t, TOWN2, "household", "all", ""), 2);
	assert_int_equal(
	    service_delete(t.c, &service_console, schema_type(t.c->schema, "household"), idb), 0);
	assert_int_equal(get(&t, TOWN2, "household", "all", ""), 1);
	assert_int_equal(get(&t, COUNTY, "household", "all", ""), 1);
	assert_verified(&t);
	tl_close(&t);
}

static void test_events(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	uint64_t e1 = tl_event(&t, "321204001", "02");
	tl_event(&t, "321204001", "03");
	tl_event(&t, "321204002", "02");
	assert_int_equal(get(&t, COUNTY, STATS_EVENT, "all", ""), 3);
	assert_int_equal(get(&t, COUNTY, STATS_EVENT, "category", "02"), 2);
	assert_int_equal(get(&t, TOWN1, STATS_EVENT, "state", "new"), 2);
	assert_int_equal(get(&t, TOWN1, STATS_EVENT, "accepted", "1"), 0);
	/* The rows of the dispute forms: a state crossed with the category. */
	assert_int_equal(get(&t, COUNTY, STATS_EVENT, "category*state", "02|new"), 2);
	assert_int_equal(
	    event_act(t.c, &service_console, e1, &(struct ev_req){.action = EA_ACCEPT}), 0);
	assert_int_equal(get(&t, TOWN1, STATS_EVENT, "state", "new"), 1);
	assert_int_equal(get(&t, TOWN1, STATS_EVENT, "state", "handling"), 1);
	assert_int_equal(get(&t, TOWN1, STATS_EVENT, "accepted", "1"), 1);
	assert_int_equal(get(&t, COUNTY, STATS_EVENT, "category*state", "02|new"), 1);
	assert_int_equal(get(&t, COUNTY, STATS_EVENT, "category*accepted", "02|1"), 1);
	assert_int_equal(event_act(t.c, &service_console, e1,
				   &(struct ev_req){.action = EA_REPORT, .comment = "需区协调"}),
			 0);
	/* Counted where it was registered, marked as reported up. */
	assert_int_equal(get(&t, TOWN1, STATS_EVENT, "reported", "1"), 1);
	assert_int_equal(get(&t, TOWN1, STATS_EVENT, "all", ""), 2);

	/* The category edited through the record form moves the category count. */
	struct rec *r = NULL;
	assert_int_equal(record_load(t.c->st, NULL, event_type(t.c), e1, &r, false), 0);
	rec_set_raw(r, rtype_field(r->t, "category"), "10");
	assert_int_equal(service_save(t.c, &service_console, r, NULL), 0);
	rec_free(&r);
	assert_int_equal(get(&t, COUNTY, STATS_EVENT, "category", "02"), 1);
	assert_int_equal(get(&t, COUNTY, STATS_EVENT, "category", "10"), 1);
	assert_verified(&t);
	tl_close(&t);
}

static int tamper_txn(struct store *st, DB_TXN *txn, void *arg)
{
	return stats_apply(st, txn, NULL, arg);
}

static void test_verify_rebuild(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	char a[19];
	tl_idnum("32120419800101001", a);
	assert_int_equal(tl_household(&t, NULL, a, "张三", "321204001001001", NULL), 0);
	/* A counter no record explains. */
	struct rec *r = rec_new(schema_type(t.c->schema, "household"));
	rec_set_meta(&r->unit, "321204002001001");
	r->created = (int64_t)time(NULL);
	struct stats_facts f = {0};
	stats_record_facts(t.c, r, &f);
	assert_true(f.n > 0);
	assert_int_equal(store_run(t.c->st, tamper_txn, &f), 0);
	stats_facts_free(&f);
	rec_free(&r);
	long rows = 0, bad = 0;
	assert_int_equal(stats_verify(t.c, &rows, &bad), 0);
	assert_true(bad > 0);
	assert_errmsg_has("321204002");
	assert_int_equal(stats_rebuild(t.c, &rows), 0);
	assert_verified(&t);
	assert_int_equal(get(&t, COUNTY, "household", "all", ""), 1);
	tl_close(&t);
}

static int tally_txn(struct store *st, DB_TXN *txn, void *arg)
{
	return stats_tally_write(st, txn, arg);
}

/* The demo's bulk counters: what a tally writes adds to what is there, key by key, past the
 * tally's first growth (600 months x 2 units). */
static void test_tally(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	char a[19];
	tl_idnum("32120419800101001", a);
	assert_int_equal(tl_household(&t, NULL, a, "张三", "321204001001001", NULL), 0);
	const struct rtype *ht = schema_type(t.c->schema, "household");
	struct stats_tally tally = {0};
	int64_t now = (int64_t)time(NULL);
	for (int i = 0; i < 2400; i++) {
		struct rec *r = rec_new(ht);
		rec_set_meta(&r->unit, i % 2 ? "321204002001001" : "321204001001001");
		/* This month for the first four, then one of 600 months back. */
		r->created = now - (int64_t)(i < 4 ? 0 : 1 + (i / 2) % 600) * 31 * 86400;
		stats_tally_record(t.c, &tally, r);
		rec_free(&r);
	}
	assert_true(tally.len >= 1000);
	assert_int_equal(store_run(t.c->st, tally_txn, &tally), 0);
	stats_tally_free(&tally);
	assert_int_equal(tally.len, 0);
	assert_int_equal(get(&t, TOWN1, "household", "all", ""), 1 + 2);
	assert_int_equal(get(&t, TOWN2, "household", "all", ""), 2);
	char m[8];
	stats_month(now, m);
	long long all = 0;
	assert_int_equal(stats_upto(t.c->st, NULL, COUNTY, m, "household", "all", "", &all), 0);
	assert_int_equal(all, 2401);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_month),  cmocka_unit_test(test_records),
	    cmocka_unit_test(test_events), cmocka_unit_test(test_verify_rebuild),
	    cmocka_unit_test(test_tally),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
