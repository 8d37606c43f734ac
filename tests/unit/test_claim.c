/* test_claim.c — where an imported row goes (claim_target): pending at its village with the grid
 * suggested, at its township, back to the importer when it names nothing it may route to; an
 * importer at village level takes its rows at once (R-CL-1). And the actions on a record waiting at
 * its village: accept to a grid (the one the file named when none is given), send back to the
 * importer with a reason, route again; refusals name their reason and change nothing. */
#include "testlib.h"

#include "claim.h"

static struct unit tree[] = {
	{.code = "321204", .name = "姜堰区", .parent = "", .level = LV_COUNTY, .path = "321204/"},
	{.code = "321204-police", .name = "姜堰区公安分局", .parent = "321204", .level = LV_DEPT,
	 .path = "321204/321204-police/", .dept = "police"},
	{.code = "321204001", .name = "三水街道", .parent = "321204", .level = LV_TOWNSHIP, .path = "321204/321204001/"},
	{.code = "321204001-police", .name = "三水派出所", .parent = "321204001", .level = LV_DEPT,
	 .path = "321204/321204001/321204001-police/", .dept = "police"},
	{.code = "321204001001", .name = "桥头社区", .parent = "321204001", .level = LV_VILLAGE,
	 .path = "321204/321204001/321204001001/"},
	{.code = "321204001001001", .name = "第1网格", .parent = "321204001001", .level = LV_GRID,
	 .path = "321204/321204001/321204001001/321204001001001/"},
	{.code = "321204002", .name = "罗塘街道", .parent = "321204", .level = LV_TOWNSHIP, .path = "321204/321204002/"},
};
static struct units us = {.v = tree, .n = (int)ARRAY_LEN(tree)};

static void target(const char *scope, const char *importer, const char *t, int want_state, const char *want_unit,
		   const char *want_grid)
{
	int state;
	const char *unit, *grid;
	claim_target(&us, scope, importer, t, &state, &unit, &grid);
	assert_int_equal(state, want_state);
	assert_string_equal(unit, want_unit);
	if (want_grid)
		assert_string_equal(grid, want_grid);
	else
		assert_null(grid);
}

static void test_county_police(void **state)
{
	(void)state;
	const char *s = "321204", *p = "321204-police";
	target(s, p, "321204001001001", REC_PENDING, "321204001001", "321204001001001");
	target(s, p, "321204001001", REC_PENDING, "321204001001", NULL);
	target(s, p, "321204001", REC_PENDING, "321204001", NULL);
	target(s, p, NULL, REC_UNROUTED, p, NULL);
	target(s, p, "999", REC_UNROUTED, p, NULL);		 /* no such unit */
	target(s, p, "321204", REC_UNROUTED, p, NULL);		 /* its own level */
	target(s, p, "321204001-police", REC_UNROUTED, p, NULL); /* a department is not a place */
}

static void test_township_station(void **state)
{
	(void)state;
	const char *s = "321204001", *p = "321204001-police";
	target(s, p, "321204001001", REC_PENDING, "321204001001", NULL);
	target(s, p, "321204002", REC_UNROUTED, p, NULL); /* another township: not its scope */
	target(s, p, "321204001", REC_UNROUTED, p, NULL);
}

static void test_village_importer(void **state)
{
	(void)state;
	target("321204001001", "321204001001", "321204001001001", REC_ACTIVE, "321204001001001", NULL);
}

static const char *const village = "321204001001", *grid = "321204001001001", *police = "321204-police";

struct wait_arg {
	const struct rtype *t;
	uint64_t id;
};

/* Put record ID at the village as an import would: pending, with a claim row naming the grid. */
static int wait_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct wait_arg *a = arg;
	struct rec *old = NULL;
	int rc = record_load(st, txn, a->t, a->id, &old, true);
	if (rc < 0)
		return rc;
	struct rec *r = rec_dup(old);
	r->state = REC_PENDING;
	rc = record_store(st, txn, r, old);
	struct claim cl = {.t = a->t, .id = a->id, .unit = (char *)village, .state = REC_PENDING, .since = 1,
			   .grid = (char *)grid, .importer = (char *)police};
	if (rc == 0)
		rc = claim_put(st, txn, &cl);
	rec_free(&r);
	rec_free(&old);
	return rc;
}

static struct rec *load(struct tl *t, const struct rtype *rt, uint64_t id)
{
	struct rec *r = NULL;
	assert_int_equal(record_load(t->c->st, NULL, rt, id, &r, false), 0);
	return r;
}

static void test_claim_actions(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	const struct rtype *hh = schema_type(t.c->schema, "household");
	struct user *vo = tl_user(&t, "village", village, "office", NULL);
	struct user *other = tl_user(&t, "other", "321204001002", "office", NULL);
	char idn[19];
	tl_idnum("32120419800101001", idn);
	uint64_t id = 0;
	assert_int_equal(tl_household(&t, NULL, idn, "待认领", village, &id), 0);
	struct wait_arg w = {hh, id};
	assert_int_equal(store_run(t.c->st, wait_txn, &w), 0);

	/* Another village's office may not touch it; the answer is a refusal, nothing moves. */
	assert_int_equal(claims_accept(t.c, other, hh, id, NULL), ZZ_EPERM);
	/* A grid outside the village is refused by name. */
	assert_int_equal(claims_accept(t.c, vo, hh, id, "321204001002001"), ZZ_EINVAL);
	assert_errmsg_has("不在 321204001001 之下");
	assert_int_equal(claims_return(t.c, vo, hh, id, ""), ZZ_EINVAL);
	assert_errmsg_has("请写明退回原因");
	assert_int_equal(claims_return(t.c, vo, hh, id, "a\tb"), ZZ_EINVAL);
	struct rec *r = load(&t, hh, id);
	assert_int_equal(r->state, REC_PENDING);
	assert_string_equal(r->unit, village);
	rec_free(&r);

	/* Send back: the record goes to the importer, returned, with the reason on its claim row. */
	assert_int_equal(claims_return(t.c, vo, hh, id, "不是本村人员"), 0);
	r = load(&t, hh, id);
	assert_int_equal(r->state, REC_RETURNED);
	assert_string_equal(r->unit, police);
	rec_free(&r);
	struct claim cl = {0};
	assert_int_equal(claim_get(t.c->st, NULL, police, hh, id, &cl), 0);
	assert_string_equal(cl.note, "不是本村人员");
	claim_clear(&cl);
	assert_int_equal(claim_get(t.c->st, NULL, village, hh, id, &cl), ZZ_ENOENT);
	/* A returned record is not pending: it cannot be accepted; the importer routes it again. */
	assert_int_equal(claims_accept(t.c, vo, hh, id, grid), ZZ_EINVAL);
	assert_errmsg_has("不在待认领状态");
	assert_int_equal(claims_route(t.c, &service_console, hh, id, village), 0);
	r = load(&t, hh, id);
	assert_int_equal(r->state, REC_PENDING);
	assert_string_equal(r->unit, village);
	rec_free(&r);

	/* Routed by hand to a village, it names no grid: accepting needs one. */
	assert_int_equal(claims_accept(t.c, vo, hh, id, NULL), ZZ_EINVAL);
	assert_errmsg_has("请指定认领到哪个网格");
	assert_int_equal(claims_accept(t.c, vo, hh, id, grid), 0);
	r = load(&t, hh, id);
	assert_int_equal(r->state, REC_ACTIVE);
	assert_string_equal(r->unit, grid);
	rec_free(&r);
	assert_int_equal(claim_get(t.c->st, NULL, village, hh, id, &cl), ZZ_ENOENT);
	/* A row whose file named the grid is accepted there without one. */
	uint64_t id2 = 0;
	tl_idnum("32120419800101002", idn);
	assert_int_equal(tl_household(&t, NULL, idn, "第二人", village, &id2), 0);
	w.id = id2;
	assert_int_equal(store_run(t.c->st, wait_txn, &w), 0);
	assert_int_equal(claims_accept(t.c, vo, hh, id2, NULL), 0);
	r = load(&t, hh, id2);
	assert_int_equal(r->state, REC_ACTIVE);
	assert_string_equal(r->unit, grid);
	rec_free(&r);
	user_free(&vo);
	user_free(&other);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_county_police),
		cmocka_unit_test(test_township_station),
		cmocka_unit_test(test_village_importer),
		cmocka_unit_test(test_claim_actions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
