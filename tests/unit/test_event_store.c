/* test_event_store.c — event_verify (zongzhi verify, issue 13): ev_unit.db and ev_open.db checked
 * against events.db both ways; a missing row and a row that names no event, or the wrong unit,
 * are each a problem; so is an event whose next deadline has no row in the due index. */
#include "testlib.h"

#include "due.h"
#include "event.h"

/* A row of ev_unit.db or ev_open.db, added or removed behind event.c's back. */
struct row {
	int db;
	const char *unit;
	uint64_t id;
	bool add;
};

static int row_txn(struct store *st, DB_TXN *txn, void *arg)
{
	const struct row *r = arg;
	unsigned char k[64];
	size_t n = strlen(r->unit) + 1;
	memcpy(k, r->unit, n);
	be64_put(k + n, r->id);
	return r->add ? store_put(store_db(st, r->db), txn, k, n + 8, "", 0) : store_del(store_db(st, r->db), txn, k, n + 8);
}

static void change(struct tl *t, int db, const char *unit, uint64_t id, bool add)
{
	struct row r = {db, unit, id, add};
	assert_int_equal(store_run(t->c->st, row_txn, &r), 0);
}

struct due_row_arg {
	int64_t when;
	uint64_t id;
};

static int due_del_txn(struct store *st, DB_TXN *txn, void *arg)
{
	const struct due_row_arg *d = arg;
	char ref[24];
	snprintf(ref, sizeof ref, "%llu", (unsigned long long)d->id);
	return due_del(st, txn, d->when, EVENT_DUE_KIND, ref);
}

struct seen {
	int n;
	char first[512];
};

static void collect(const char *problem, void *arg)
{
	struct seen *s = arg;
	if (s->n++ == 0)
		snprintf(s->first, sizeof s->first, "%s", problem);
}

/* Verify; returns the problems, the first in S->first. */
static long verify(struct tl *t, struct seen *s, long want_events)
{
	long events = 0, problems = 0;
	*s = (struct seen){0};
	assert_int_equal(event_verify(t->c, collect, s, &events, &problems), 0);
	assert_int_equal(events, want_events);
	assert_int_equal(problems, s->n);
	return problems;
}

static void test_verify(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	struct seen s;
	assert_int_equal(verify(&t, &s, 0), 0);
	uint64_t a = tl_event(&t, "321204001001001", "01");
	tl_event(&t, "321204002001001", "01");
	assert_int_equal(verify(&t, &s, 2), 0);

	/* An open event without its row at the holder. */
	change(&t, DBI_EV_OPEN, "321204001001001", a, false);
	assert_int_equal(verify(&t, &s, 2), 1);
	assert_non_null(strstr(s.first, "未办结，ev_open 缺少办理单位 321204001001001"));
	change(&t, DBI_EV_OPEN, "321204001001001", a, true);

	/* A unit that held it without its row. */
	change(&t, DBI_EV_UNIT, "321204001001001", a, false);
	assert_true(verify(&t, &s, 2) >= 1);
	assert_non_null(strstr(s.first, "ev_unit 缺少"));
	change(&t, DBI_EV_UNIT, "321204001001001", a, true);
	assert_int_equal(verify(&t, &s, 2), 0);

	/* Rows the events do not explain: a unit it never reached, an open row elsewhere, an event
	 * that does not exist. */
	change(&t, DBI_EV_UNIT, "321204002", a, true);
	assert_int_equal(verify(&t, &s, 2), 1);
	assert_non_null(strstr(s.first, "未经过单位 321204002"));
	change(&t, DBI_EV_UNIT, "321204002", a, false);
	change(&t, DBI_EV_OPEN, "321204002", a, true);
	assert_int_equal(verify(&t, &s, 2), 1);
	assert_non_null(strstr(s.first, "不在单位 321204002 办理中"));
	change(&t, DBI_EV_OPEN, "321204002", a, false);
	change(&t, DBI_EV_UNIT, "32", 999999, true);
	assert_int_equal(verify(&t, &s, 2), 1);
	assert_non_null(strstr(s.first, "单位 32 的行指向不存在的事件 999999"));
	change(&t, DBI_EV_UNIT, "32", 999999, false);
	assert_int_equal(verify(&t, &s, 2), 0);

	/* The row of its next deadline in the due index: without it no card is ever given. */
	struct event *ev = NULL;
	assert_int_equal(event_load(t.c->st, NULL, a, &ev, false), 0);
	assert_true(ev->due_at > 0);
	struct due_row_arg d = {ev->due_at, a};
	assert_int_equal(store_run(t.c->st, due_del_txn, &d), 0);
	event_free(&ev);
	assert_int_equal(verify(&t, &s, 2), 1);
	assert_non_null(strstr(s.first, "到期索引缺少"));
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_verify),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
