/* test_ctx.c — the unit tree of a context: a tree a caller holds survives a reload caused by
 * another process's change (run under ASan: a freed tree would be a use after free). */
#include "testlib.h"

static int rename_txn(struct store *st, DB_TXN *txn, void *arg)
{
	(void)arg;
	return unit_rename(st, txn, st->units, "321204001", "三水街道（新）");
}

static void test_units_reload_keeps_held_tree(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	const struct units *old = ctx_units(t.c);
	const struct unit *held = units_find(old, "321204001");
	assert_non_null(held);
	char *before = xstrdup(held->name);
	int retired = t.c->nretired;
	/* Another process's change: the version in the database moves, this process's tree does not. */
	assert_int_equal(store_run(t.c->st, rename_txn, NULL), 0);
	const struct units *now = ctx_units(t.c);
	assert_ptr_not_equal(now, old);
	assert_string_equal(units_find(now, "321204001")->name, "三水街道（新）");
	/* The held pointers still read the tree as it was. */
	assert_string_equal(held->name, before);
	assert_non_null(units_find(old, "321204001001"));
	assert_int_equal(t.c->nretired, retired + 1);
	ctx_units_collect(t.c);
	assert_int_equal(t.c->nretired, 0);
	assert_ptr_equal(ctx_units(t.c), now);
	free(before);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_units_reload_keeps_held_tree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
