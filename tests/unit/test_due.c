/* test_due.c — the due-time index: rows come back oldest first, only up to the time asked, of the
 * kind asked; times before 1970 sort first; a callback may stop the scan or fail it; removal. */
#include "testlib.h"

#include "due.h"

struct seen {
	struct sb s;
	int stop_after; /* 0: never */
	int n;
};

static int seen_cb(int64_t when, const char *kind, const char *ref, void *arg)
{
	struct seen *a = arg;
	sb_addf(&a->s, "%lld %s %s;", (long long)when, kind, ref);
	a->n++;
	return a->stop_after && a->n >= a->stop_after ? a->stop_after : 0;
}

static int fail_cb(int64_t when, const char *kind, const char *ref, void *arg)
{
	(void)when;
	(void)kind;
	(void)ref;
	(void)arg;
	return errmsg_set(ZZ_EINVAL, "stop");
}

static int put_txn(struct store *st, DB_TXN *txn, void *arg)
{
	(void)arg;
	int rc = due_put(st, txn, 300, "ev", "dispute_event:3");
	if (rc == 0)
		rc = due_put(st, txn, 100, "claim", "321204001");
	if (rc == 0)
		rc = due_put(st, txn, -50, "visit", "drug:1");
	if (rc == 0)
		rc = due_put(st, txn, 200, "ev", "dispute_event:2");
	if (rc == 0)
		rc = due_put(st, txn, 5000, "ev", "dispute_event:9");
	return rc;
}

static int del_txn(struct store *st, DB_TXN *txn, void *arg)
{
	(void)arg;
	int rc = due_del(st, txn, 200, "ev", "dispute_event:2");
	/* A row that is not there (met already) is no error. */
	if (rc == 0)
		rc = due_del(st, txn, 200, "ev", "dispute_event:2");
	return rc;
}

static char *scan(struct tl *t, int64_t upto, const char *kind, int stop_after)
{
	struct seen a = {.stop_after = stop_after};
	sb_init(&a.s);
	assert_int_equal(due_scan(t->c->st, NULL, upto, kind, seen_cb, &a), 0);
	return sb_steal(&a.s);
}

static void test_due(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, false);
	assert_int_equal(store_run(t.c->st, put_txn, NULL), 0);
	char *s = scan(&t, 300, NULL, 0);
	assert_string_equal(s, "-50 visit drug:1;100 claim 321204001;200 ev dispute_event:2;300 ev dispute_event:3;");
	free(s);
	s = scan(&t, 299, "ev", 0);
	assert_string_equal(s, "200 ev dispute_event:2;");
	free(s);
	s = scan(&t, 10000, NULL, 2);
	assert_string_equal(s, "-50 visit drug:1;100 claim 321204001;");
	free(s);
	s = scan(&t, -51, NULL, 0);
	assert_string_equal(s, "");
	free(s);
	assert_int_equal(due_scan(t.c->st, NULL, 10000, NULL, fail_cb, NULL), ZZ_EINVAL);
	assert_int_equal(store_run(t.c->st, del_txn, NULL), 0);
	s = scan(&t, 300, "ev", 0);
	assert_string_equal(s, "300 ev dispute_event:3;");
	free(s);
	/* One row asked for exactly: its time, kind and ref (zongzhi verify). */
	bool has = false;
	assert_int_equal(due_has(t.c->st, NULL, 300, "ev", "dispute_event:3", &has), 0);
	assert_true(has);
	assert_int_equal(due_has(t.c->st, NULL, 200, "ev", "dispute_event:2", &has), 0);
	assert_false(has);
	assert_int_equal(due_has(t.c->st, NULL, 301, "ev", "dispute_event:3", &has), 0);
	assert_false(has);
	assert_int_equal(due_has(t.c->st, NULL, 300, "ev", "dispute_event:", &has), 0);
	assert_false(has);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_due),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
