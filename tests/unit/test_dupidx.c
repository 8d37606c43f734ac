/* test_dupidx.c — the list indexes as sorted duplicates: rows in and out, the key stored once,
 * removal of the exact pair, and seeks and steps in the order of the rows. */
#include "testlib.h"

#include "dupidx.h"

static void row(struct sb *r, const char *a, const char *b, uint64_t id)
{
	unsigned char be[8];
	be64_put(be, id);
	sb_reset(r);
	sb_add(r, a, strlen(a) + 1);
	sb_add(r, b, strlen(b) + 1);
	sb_add(r, (const char *)be, 8);
}

/* Rows of three names, ids out of order; a name's ids share one key. */
static const struct {
	const char *name;
	uint64_t id;
} rows[] = {{"王五", 7}, {"张三", 300},	       {"张三", 5},
	    {"李四", 2}, {"张三", 1ull << 40}, {"王五", 6}};

static int put_rows(struct store *st, DB_TXN *txn, void *arg)
{
	(void)arg;
	struct sb r;
	sb_init(&r);
	int rc = 0;
	for (size_t i = 0; i < ARRAY_LEN(rows) && rc == 0; i++) {
		row(&r, "household", rows[i].name, rows[i].id);
		rc = dupidx_put(st, store_db(st, DBI_IDX_NAME), txn, r.buf, r.len);
	}
	/* Again: a row that is there is not an error. */
	if (rc == 0)
		rc = dupidx_put(st, store_db(st, DBI_IDX_NAME), txn, r.buf, r.len);
	sb_free(&r);
	return rc;
}

static void test_key_once(void **state)
{
	struct tl *t = *state;
	struct store *st = t->c->st;
	assert_int_equal(store_run(st, put_rows, NULL), 0);
	DB *db = store_db(st, DBI_IDX_NAME);
	DB_BTREE_STAT *bs = NULL;
	assert_int_equal(db->stat(db, NULL, &bs, 0), 0);
	/* Six rows, three keys: each name is stored once. */
	assert_int_equal(bs->bt_nkeys, 3);
	assert_int_equal(bs->bt_ndata, 6);
	free(bs);
	u_int32_t fl = 0;
	assert_int_equal(db->get_flags(db, &fl), 0);
	assert_true(fl & DB_DUPSORT);
}

static int memcmp_rows(const void *a, const void *b)
{
	const struct sb *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->buf, y->buf, n);
	return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Walking the index forward and backward gives the rows in their byte order. */
static void test_order(void **state)
{
	struct tl *t = *state;
	struct store *st = t->c->st;
	assert_int_equal(store_run(st, put_rows, NULL), 0);
	struct sb want[ARRAY_LEN(rows)];
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		sb_init(&want[i]);
		row(&want[i], "household", rows[i].name, rows[i].id);
	}
	qsort(want, ARRAY_LEN(rows), sizeof *want, memcmp_rows);
	DB *db = store_db(st, DBI_IDX_NAME);
	DBC *c = NULL;
	assert_int_equal(db->cursor(db, NULL, &c, 0), 0);
	struct sb r;
	sb_init(&r);
	size_t n = 0;
	for (int rc = dupidx_get(c, DB_FIRST, &r); rc == 0; rc = dupidx_get(c, DB_NEXT, &r), n++) {
		assert_true(n < ARRAY_LEN(rows));
		assert_int_equal(r.len, want[n].len);
		assert_memory_equal(r.buf, want[n].buf, r.len);
	}
	assert_int_equal(n, ARRAY_LEN(rows));
	for (int rc = dupidx_get(c, DB_LAST, &r); rc == 0; rc = dupidx_get(c, DB_PREV, &r)) {
		n--;
		assert_memory_equal(r.buf, want[n].buf, r.len);
	}
	assert_int_equal(n, 0);
	c->close(c);
	sb_free(&r);
	for (size_t i = 0; i < ARRAY_LEN(rows); i++)
		sb_free(&want[i]);
}

/* Where a seek lands: the row itself, the next id of its key, the next key, from a prefix. */
static void test_seek(void **state)
{
	struct tl *t = *state;
	struct store *st = t->c->st;
	assert_int_equal(store_run(st, put_rows, NULL), 0);
	DB *db = store_db(st, DBI_IDX_NAME);
	DBC *c = NULL;
	assert_int_equal(db->cursor(db, NULL, &c, 0), 0);
	struct sb r, got;
	sb_init(&r);
	sb_init(&got);
	struct {
		const char *name;
		uint64_t id;
		const char *want_name;
		uint64_t want_id;
	} cases[] = {
	    {"张三", 300, "张三", 300}, /* there */
	    {"张三", 6, "张三", 300},	/* between two ids of the key */
	    {"张三", 0, "张三", 5},	/* before its first */
	    {"张三", (1ull << 40) + 1, "李四",
	     2},		  /* past its last: the next key (张 < 李 in UTF-8) */
	    {"张", 0, "张三", 5}, /* a key that is not there */
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		row(&r, "household", cases[i].name, cases[i].id);
		assert_int_equal(dupidx_seek(c, r.buf, r.len, &got, 0), 0);
		row(&r, "household", cases[i].want_name, cases[i].want_id);
		assert_int_equal(got.len, r.len);
		assert_memory_equal(got.buf, r.buf, r.len);
	}
	/* A prefix of rows (the type and part of a name), and one past every row of the type. */
	assert_int_equal(dupidx_seek(c, "household\0王", 13, &got, 0), 0);
	row(&r, "household", "王五", 6);
	assert_memory_equal(got.buf, r.buf, r.len);
	assert_int_equal(dupidx_seek(c, "household\1", 10, &got, 0), DB_NOTFOUND);
	/* A key and a byte past every id: the next key. */
	row(&r, "household", "李四", 0);
	r.len -= 8;
	sb_addc(&r, '\1');
	assert_int_equal(dupidx_seek(c, r.buf, r.len, &got, 0), 0);
	row(&r, "household", "王五", 6);
	assert_memory_equal(got.buf, r.buf, r.len);
	c->close(c);
	sb_free(&r);
	sb_free(&got);
}

static int del_rows(struct store *st, DB_TXN *txn, void *arg)
{
	int *step = arg;
	struct sb r;
	sb_init(&r);
	DB *db = store_db(st, DBI_IDX_NAME);
	row(&r, "household", "张三", 5);
	int rc = dupidx_del(db, txn, r.buf, r.len);
	assert_int_equal(rc, 0);
	/* Gone now; an id the key never had is not there either. */
	assert_int_equal(dupidx_del(db, txn, r.buf, r.len), ZZ_ENOENT);
	row(&r, "household", "张三", 6);
	assert_int_equal(dupidx_del(db, txn, r.buf, r.len), ZZ_ENOENT);
	row(&r, "household", "无名", 5);
	assert_int_equal(dupidx_del(db, txn, r.buf, r.len), ZZ_ENOENT);
	(*step)++;
	sb_free(&r);
	return 0;
}

static void test_del(void **state)
{
	struct tl *t = *state;
	struct store *st = t->c->st;
	assert_int_equal(store_run(st, put_rows, NULL), 0);
	int step = 0;
	assert_int_equal(store_run(st, del_rows, &step), 0);
	assert_int_equal(step, 1);
	DB *db = store_db(st, DBI_IDX_NAME);
	struct sb r;
	sb_init(&r);
	bool has = true;
	row(&r, "household", "张三", 5);
	assert_int_equal(dupidx_has(db, NULL, r.buf, r.len, &has), 0);
	assert_false(has);
	/* The other ids of the key stay. */
	row(&r, "household", "张三", 300);
	assert_int_equal(dupidx_has(db, NULL, r.buf, r.len, &has), 0);
	assert_true(has);
	/* A malformed row is refused, not stored. */
	assert_int_equal(dupidx_put(st, db, NULL, "household", 10), ZZ_EINVAL);
	sb_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_key_once, tl_db_setup, tl_state_teardown),
	    cmocka_unit_test_setup_teardown(test_order, tl_db_setup, tl_state_teardown),
	    cmocka_unit_test_setup_teardown(test_seek, tl_db_setup, tl_state_teardown),
	    cmocka_unit_test_setup_teardown(test_del, tl_db_setup, tl_state_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
