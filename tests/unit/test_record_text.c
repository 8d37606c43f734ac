/* test_record_text.c — a picker's text typed found through the indexes (record_scan_text): the
 * records of a subtree whose key, indexed name or unit's name may hold it, in tree order; every
 * record of the subtree when the indexes are too large beside it, or the name is a person's. */
#include "testlib.h"

#include "record.h"

struct fx {
	struct tl t; /* first: tl_state_teardown ends the fixture */
	const struct rtype *rental, *hh;
	uint64_t r10, r1, r100, far, hh_a;
};

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	tl_open(&f->t, true);
	f->rental = schema_type(f->t.c->schema, "rental");
	f->hh = schema_type(f->t.c->schema, "household");
	f->r10 = tl_house(&f->t, "R10", "东街1号", "321204001001001");
	f->r1 = tl_house(&f->t, "R1", "西街2号", "321204001001002");
	f->r100 = tl_house(&f->t, "R100", "南街3号", "321204002001001");
	f->far = tl_house(&f->t, "Q7", "北街4号", "321204001002001");
	assert_int_equal(tl_household(&f->t, NULL, "11010519491231002X", "张三", "321204001001001", &f->hh_a), 0);
	*state = f;
	return 0;
}

struct got {
	uint64_t v[8];
	int n, stop; /* stop after so many (0: never) */
};

static int got_cb(const struct rtype *t, uint64_t id, void *arg)
{
	struct got *g = arg;
	assert_true(g->n < 8);
	g->v[g->n++] = id;
	return g->stop && g->n >= g->stop;
}

/* The ids record_scan_text gives for TEXT under UNIT with ROWS rows a record: WANT, N of them. */
static void scan(struct fx *f, const struct rtype *t, const char *unit, const char *text, long rows,
		 const uint64_t *want, int n)
{
	struct got g = {0};
	assert_int_equal(record_scan_text(f->t.c->st, NULL, t, unit, text, rows, got_cb, &g), 0);
	assert_int_equal(g.n, n);
	for (int i = 0; i < n; i++)
		assert_true(g.v[i] == want[i]);
}

/* From the indexes: in the key (any case, anywhere in it), in the name, in the unit's name; within
 * the subtree only, in tree order. */
static void test_candidates(void **state)
{
	struct fx *f = *state;
	scan(f, f->rental, "321204", "r1", 100, (uint64_t[]){f->r10, f->r1, f->r100}, 3);
	scan(f, f->rental, "", "0", 100, (uint64_t[]){f->r10, f->r100}, 2);
	scan(f, f->rental, "321204", "街", 100, (uint64_t[]){f->r10, f->r1, f->far, f->r100}, 4);
	scan(f, f->rental, "321204", "西街", 100, (uint64_t[]){f->r1}, 1);
	scan(f, f->rental, "321204", "桥头二", 100, (uint64_t[]){f->r1}, 1);
	scan(f, f->rental, "321204", "天目", 100, (uint64_t[]){f->far}, 1);
	/* Held outside the subtree: not given, whichever index names it. */
	scan(f, f->rental, "321204001001", "R100", 100, NULL, 0);
	scan(f, f->rental, "321204001001", "北街", 100, NULL, 0);
	scan(f, f->rental, "321204001001", "NOSUCH", 100, NULL, 0);
	/* A stop from the callback ends the scan. */
	struct got g = {.stop = 1};
	assert_int_equal(record_scan_text(f->t.c->st, NULL, f->rental, "321204", "R1", 100, got_cb, &g), 0);
	assert_int_equal(g.n, 1);
	assert_true(g.v[0] == f->r10);
	struct got none = {0};
	assert_int_equal(record_scan_text(f->t.c->st, NULL, f->rental, "999", "R1", 100, got_cb, &none), ZZ_EINVAL);
}

/* The indexes larger than the subtree allows (8 rows of rentals, 2 a record of the village), or a
 * name that is its person's (a household's): every record of the subtree, for the caller to check. */
static void test_every_record(void **state)
{
	struct fx *f = *state;
	scan(f, f->rental, "321204001001", "NOSUCH", 2, (uint64_t[]){f->r10, f->r1}, 2);
	scan(f, f->rental, "321204001001", "NOSUCH", 4, NULL, 0);
	scan(f, f->hh, "321204001001", "NOSUCH", 100, (uint64_t[]){f->hh_a}, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_candidates, setup, tl_state_teardown),
		cmocka_unit_test_setup_teardown(test_every_record, setup, tl_state_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
