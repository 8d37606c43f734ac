/* test_claim.c — where an imported row goes (claim_target): pending at its village with the grid
 * suggested, at its township, back to the importer when it names nothing it may route to; an
 * importer at village level takes its rows at once (R-CL-1). And the actions on a record waiting at
 * its village: accept to a grid (the one the file named when none is given), send back to the
 * importer with a reason, route again; refusals name their reason and change nothing. The storage
 * (claim_wait.db, sorted duplicates): a unit's claims in id order whatever order they came in, a
 * claim put again replaced, removed one by one; and the migration of claims kept in claims.db by
 * homes from before, resumable. */
#include "testlib.h"

#include "claim.h"
#include "import_log.h"

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

	/* Another village's office may not touch it; the answer is that of a record not there
	 * (R-AC-1), nothing moves. */
	assert_int_equal(claims_accept(t.c, other, hh, id, NULL), ZZ_ENOENT);
	char none[64];
	snprintf(none, sizeof none, "户籍人口记录 %llu 不存在", (unsigned long long)id);
	assert_string_equal(errmsg(), none);
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
	/* A returned record is not pending: it cannot be accepted; the importer routes it again. It
	 * is the importer's now: to the village, a record not there. */
	assert_int_equal(claims_accept(t.c, &service_console, hh, id, grid), ZZ_EINVAL);
	assert_errmsg_has("不在待认领状态");
	assert_int_equal(claims_accept(t.c, vo, hh, id, grid), ZZ_ENOENT);
	assert_string_equal(errmsg(), none);
	/* Nor may another village route it to itself (it took the importer's record so). */
	assert_int_equal(claims_route(t.c, other, hh, id, "321204001002"), ZZ_ENOENT);
	assert_string_equal(errmsg(), none);
	r = load(&t, hh, id);
	assert_int_equal(r->state, REC_RETURNED);
	assert_string_equal(r->unit, police);
	rec_free(&r);
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


struct seen {
	uint64_t ids[8];
	char *notes[8];
	int n;
};

static int seen_cb(const struct claim *cl, void *arg)
{
	struct seen *s = arg;
	assert_true(s->n < 8);
	assert_string_equal(cl->unit, village);
	s->notes[s->n] = cl->note ? xstrdup(cl->note) : NULL;
	s->ids[s->n++] = cl->id;
	return 0;
}

static void seen_free(struct seen *s)
{
	for (int i = 0; i < s->n; i++)
		free(s->notes[i]);
	memset(s, 0, sizeof *s);
}

struct put_arg {
	const struct rtype *t;
	const char *unit;
	uint64_t id;
	const char *note;
};

static int put_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct put_arg *a = arg;
	struct claim cl = {.t = a->t, .id = a->id, .unit = (char *)a->unit, .state = REC_PENDING, .since = 1,
			   .due = 864001, .grid = (char *)grid, .importer = (char *)police, .note = (char *)a->note};
	return claim_put(st, txn, &cl);
}

static int del_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct put_arg *a = arg;
	return claim_del(st, txn, a->unit, a->t, a->id);
}

static void put(struct tl *t, const struct rtype *rt, const char *unit, uint64_t id, const char *note)
{
	struct put_arg a = {rt, unit, id, note};
	assert_int_equal(store_run(t->c->st, put_txn, &a), 0);
}

/* A unit's claims come back in id order, each with its own value; one put again is replaced, not
 * doubled; a removal takes that one only; another unit's (a code that starts the same) are apart. */
static void test_claim_storage(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	const struct rtype *hh = schema_type(t.c->schema, "household"), *fl = schema_type(t.c->schema, "floating");
	static const uint64_t order[] = {300, 5, 70000, 6};
	for (size_t i = 0; i < ARRAY_LEN(order); i++)
		put(&t, hh, village, order[i], "原值");
	put(&t, fl, village, 2, NULL);
	put(&t, hh, "3212040010011", 1, NULL);
	put(&t, hh, "32120400100", 7, NULL);
	put(&t, hh, village, 300, "新值");
	struct seen s = {0};
	assert_int_equal(claim_scan(t.c->st, NULL, village, seen_cb, &s), 0);
	/* floating sorts before household: the key is unit then type. */
	static const uint64_t want[] = {2, 5, 6, 300, 70000};
	assert_int_equal(s.n, (int)ARRAY_LEN(want));
	for (int i = 0; i < s.n; i++)
		assert_int_equal(s.ids[i], want[i]);
	assert_null(s.notes[0]);
	assert_string_equal(s.notes[3], "新值");
	assert_string_equal(s.notes[4], "原值");
	seen_free(&s);
	struct claim cl = {0};
	assert_int_equal(claim_get(t.c->st, NULL, village, hh, 300, &cl), 0);
	assert_int_equal(cl.id, 300);
	assert_int_equal(cl.state, REC_PENDING);
	assert_int_equal(cl.due, 864001);
	assert_string_equal(cl.grid, grid);
	assert_string_equal(cl.importer, police);
	assert_string_equal(cl.note, "新值");
	claim_clear(&cl);
	assert_int_equal(claim_get(t.c->st, NULL, village, fl, 300, &cl), ZZ_ENOENT);
	assert_errmsg_has("不在单位 321204001001 的待认领列表中");
	struct put_arg d = {hh, village, 6, NULL};
	assert_int_equal(store_run(t.c->st, del_txn, &d), 0);
	/* Removing one that is not there is not an error (claim_del). */
	assert_int_equal(store_run(t.c->st, del_txn, &d), 0);
	assert_int_equal(claim_scan(t.c->st, NULL, village, seen_cb, &s), 0);
	assert_int_equal(s.n, 4);
	assert_int_equal(s.ids[2], 300);
	seen_free(&s);
	tl_close(&t);
}

/* A claim as homes from before kept it in claims.db. */
struct old_arg {
	const struct rtype *t;
	uint64_t id;
	const char *value;
};

static int old_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct old_arg *a = arg;
	struct sb k;
	sb_init(&k);
	sb_addc(&k, 'P');
	sb_add(&k, village, strlen(village) + 1);
	sb_add(&k, a->t->id, strlen(a->t->id) + 1);
	unsigned char be[8];
	be64_put(be, a->id);
	sb_add(&k, (char *)be, 8);
	int rc = store_put(store_db(st, DBI_CLAIMS), txn, k.buf, k.len, a->value, strlen(a->value));
	sb_free(&k);
	return rc;
}

static void old_claim(struct tl *t, const struct rtype *rt, uint64_t id, const char *value)
{
	struct old_arg a = {rt, id, value};
	assert_int_equal(store_run(t->c->st, old_txn, &a), 0);
}

static int month_txn(struct store *st, DB_TXN *txn, void *arg)
{
	(void)arg;
	struct import_log l = {.id = 7, .type = "household", .unit = (char *)police, .user = "p", .file = "f"};
	int rc = ilog_put(st, txn, &l);
	return rc ? rc : claims_month_add(st, txn, "2026-11", village, 3);
}

/* The stored value of the claim of ID at the village, as bytes. */
static char *raw_value(struct tl *t, uint64_t id, size_t *n)
{
	DB *db = store_db(t->c->st, DBI_CLAIM_WAIT);
	DBC *c = NULL;
	assert_int_equal(db->cursor(db, NULL, &c, 0), 0);
	char k[64];
	int kn = snprintf(k, sizeof k, "%s%chousehold", village, '\0') + 1;
	unsigned char be[8];
	be64_put(be, id);
	DBT key = {.data = k, .size = (u_int32_t)kn}, val = {.data = be, .size = 8};
	assert_int_equal(c->get(c, &key, &val, DB_GET_BOTH), 0);
	char *v = xstrndup(val.data, val.size);
	*n = val.size;
	c->close(c);
	return v;
}

/* claim_migrate moves the 'P' rows out of claims.db, in batches, values unchanged, the conflicts and
 * monthly counts left where they are; run again (after a kill) it moves what is left only. */
static void test_claim_migrate(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	const struct rtype *hh = schema_type(t.c->schema, "household");
	for (uint64_t id = 1; id <= 5; id++)
		old_claim(&t, hh, id * 10, "2\t7\t1700000000\t1700864000\t321204001001001\t321204-police\t");
	assert_int_equal(store_run(t.c->st, month_txn, NULL), 0);
	long rows = 0;
	assert_int_equal(claim_migrate(t.c, 2, &rows), 0);
	assert_int_equal(rows, 5);
	struct seen s = {0};
	assert_int_equal(claim_scan(t.c->st, NULL, village, seen_cb, &s), 0);
	assert_int_equal(s.n, 5);
	assert_int_equal(s.ids[4], 50);
	seen_free(&s);
	struct claim cl = {0};
	assert_int_equal(claim_get(t.c->st, NULL, village, hh, 30, &cl), 0);
	assert_int_equal(cl.import_id, 7);
	assert_int_equal(cl.since, 1700000000);
	assert_int_equal(cl.due, 1700864000);
	assert_string_equal(cl.importer, police);
	assert_string_equal(cl.grid, grid);
	assert_null(cl.note);
	claim_clear(&cl);
	/* Binary: no decimal time, the grid after the village's code, the importer in the import log. */
	size_t vn = 0;
	char *raw = raw_value(&t, 30, &vn);
	assert_true(vn <= 8 + 17);
	assert_null(memmem(raw, vn, "police", 6));
	assert_null(memmem(raw, vn, "1700", 4));
	free(raw);
	long n = 0;
	assert_int_equal(claims_month_count(t.c->st, NULL, "2026-11", village, &n), 0);
	assert_int_equal(n, 3);
	/* What a killed run left in claims.db: moved by the next, and only it. */
	old_claim(&t, hh, 60, "4\t8\t1700000000\t0\t\t321204001-police\t不是本村人员");
	rows = 0;
	assert_int_equal(claim_migrate(t.c, 2, &rows), 0);
	assert_int_equal(rows, 1);
	assert_int_equal(claim_scan(t.c->st, NULL, village, seen_cb, &s), 0);
	assert_int_equal(s.n, 6);
	seen_free(&s);
	/* An import the log does not have: the importer stays in the value. */
	assert_int_equal(claim_get(t.c->st, NULL, village, hh, 60, &cl), 0);
	assert_int_equal(cl.state, 4);
	assert_int_equal(cl.due, 0);
	assert_null(cl.grid);
	assert_string_equal(cl.importer, "321204001-police");
	assert_string_equal(cl.note, "不是本村人员");
	claim_clear(&cl);
	rows = 0;
	assert_int_equal(claim_migrate(t.c, 2, &rows), 0);
	assert_int_equal(rows, 0);
	/* The pages the move emptied leave claims.db. */
	struct old_arg many = {hh, 0, "2\t7\t1700000000\t1700864000\t321204001001001\t321204-police\t"
				       "一段较长的说明，让每一行占更多的字节"};
	for (many.id = 1000; many.id < 4000; many.id++)
		assert_int_equal(store_run(t.c->st, old_txn, &many), 0);
	assert_int_equal(store_checkpoint(t.c->st), 0);
	char *path = xasprintf("%s/claims.db", t.c->st->home);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	off_t before = sb.st_size;
	rows = 0;
	assert_int_equal(claim_migrate(t.c, 500, &rows), 0);
	assert_int_equal(rows, 3000);
	assert_int_equal(stat(path, &sb), 0);
	assert_true(before >= 8 * 32768);
	assert_true(sb.st_size <= before / 4);
	free(path);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_county_police),
		cmocka_unit_test(test_township_station),
		cmocka_unit_test(test_village_importer),
		cmocka_unit_test(test_claim_actions),
		cmocka_unit_test(test_claim_storage),
		cmocka_unit_test(test_claim_migrate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
