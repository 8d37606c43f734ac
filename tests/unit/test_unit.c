/* test_unit.c — the unit tree: add, rename and move (records' unit index re-keyed), and refusals. */
#include "testlib.h"

#include "record.h"

struct op {
	const char *what, *a, *b, *c;
	int level;
	const char *dept;
};

static int op_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct op *o = arg;
	const struct units *us = st->units;
	if (!strcmp(o->what, "add"))
		return unit_add(st, txn, us, o->a, o->b, o->c, o->level, o->dept);
	if (!strcmp(o->what, "rename"))
		return unit_rename(st, txn, us, o->a, o->b);
	return unit_move(st, txn, us, o->a, o->b);
}

static int run(struct tl *t, struct op o)
{
	int rc = store_run(t->c->st, op_txn, &o);
	if (rc == 0)
		assert_int_equal(ctx_units_reload(t->c), 0);
	return rc;
}

static void test_tree(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	const struct units *us = ctx_units(t.c);
	const struct unit *g = units_find(us, "321204001001001");
	assert_non_null(g);
	assert_string_equal(g->path, "32/3212/321204/321204001/321204001001/321204001001001/");
	assert_int_equal(g->level, LV_GRID);
	assert_true(units_under(us, "321204001001001", "321204001"));
	assert_false(units_under(us, "321204002001001", "321204001"));
	assert_false(units_under(us, "321204001", "321204001001"));
	assert_string_equal(units_at_level(us, "321204001001001", LV_TOWNSHIP)->code, "321204001");
	assert_null(units_at_level(us, "321204001", LV_GRID));
	char *full = units_fullname(us, "321204001001001");
	assert_string_equal(full, "姜堰区三水街道桥头社区桥头一网格");
	free(full);
	const struct unit *d = units_find(us, "321204-police");
	assert_int_equal(d->level, LV_DEPT);
	assert_string_equal(d->dept, "police");
	assert_int_equal(unit_level_parse("township"), LV_TOWNSHIP);
	assert_int_equal(unit_level_parse("网格"), LV_GRID);
	assert_int_equal(unit_level_parse("region"), -1);
	tl_close(&t);
}

/* Names in a list's unit column: without the account's unit in front, its own without its parent. */
static void test_short_name(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	assert_int_equal(run(&t, (struct op){"add", "321204001001003", "桥头社区第3网格", "321204001001", LV_GRID, NULL}), 0);
	assert_int_equal(run(&t, (struct op){"add", "321204001003", "三水街道新村", "321204001", LV_VILLAGE, NULL}), 0);
	const struct units *us = ctx_units(t.c);
	/* A village sees its grid by what tells it apart, and itself whole. */
	assert_string_equal(units_short_name(us, "321204001001", "桥头社区第3网格"), "第3网格");
	assert_string_equal(units_short_name(us, "321204001001", "桥头一网格"), "桥头一网格");
	assert_string_equal(units_short_name(us, "321204001001", "桥头社区"), "桥头社区");
	/* A grid sees itself as its village does. */
	assert_string_equal(units_short_name(us, "321204001001003", "桥头社区第3网格"), "第3网格");
	/* A township: its own prefix only; a grid named after its village stays whole. */
	assert_string_equal(units_short_name(us, "321204001", "三水街道新村"), "新村");
	assert_string_equal(units_short_name(us, "321204001", "桥头社区第3网格"), "桥头社区第3网格");
	assert_string_equal(units_short_name(us, "321204001", "三水街道"), "三水街道");
	assert_string_equal(units_short_name(us, "321204", "姜堰区公安分局"), "公安分局");
	/* The root, and no base: whole. */
	assert_string_equal(units_short_name(us, "32", "江苏省"), "江苏省");
	assert_string_equal(units_short_name(us, NULL, "姜堰区公安分局"), "姜堰区公安分局");
	tl_close(&t);
}

static void test_refusals(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	assert_int_equal(run(&t, (struct op){"add", "3x", "坏代码", "321204", 0, NULL}), ZZ_EINVAL);
	assert_int_equal(run(&t, (struct op){"add", "321204001", "重复", "321204", 0, NULL}), ZZ_EEXIST);
	assert_int_equal(run(&t, (struct op){"add", "321204009", "无上级", "321299", 0, NULL}), ZZ_ENOENT);
	assert_int_equal(run(&t, (struct op){"add", "33", "第二个根", NULL, 0, NULL}), ZZ_EINVAL);
	assert_int_equal(run(&t, (struct op){"add", "321204009", "", "321204", 0, NULL}), ZZ_EINVAL);
	assert_int_equal(run(&t, (struct op){"add", "321204009", "a\tb", "321204", 0, NULL}), ZZ_EINVAL);
	/* Every control character, the bidi overrides and invalid UTF-8 are refused, not only TAB and
	 * the line breaks: a name is shown on terminals and in logs. */
	const char *bad[] = {"a\033[31mb", "a\x7f", "a\xc2\x9b" "b", "a\xe2\x80\xae" "b", "a\xe2\x81\xa6" "b", "a\xff" "b"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_int_equal(run(&t, (struct op){"add", "321204009", bad[i], "321204", 0, NULL}), ZZ_EINVAL);
		assert_int_equal(run(&t, (struct op){"rename", "321204001", bad[i], NULL, 0, NULL}), ZZ_EINVAL);
	}
	assert_int_equal(run(&t, (struct op){"add", "3212040011", "同级", "321204001", LV_TOWNSHIP, NULL}), ZZ_EINVAL);
	assert_int_equal(run(&t, (struct op){"add", "32120400100100101", "网格之下", "321204001001001", 0, NULL}), ZZ_EINVAL);
	assert_int_equal(run(&t, (struct op){"add", "3212049", "部门之下", "321204-police", 0, NULL}), ZZ_EINVAL);
	assert_int_equal(run(&t, (struct op){"add", "321204-health", "无部门", "321204", LV_DEPT, NULL}), ZZ_EINVAL);
	assert_int_equal(run(&t, (struct op){"rename", "321299", "不存在", NULL, 0, NULL}), ZZ_ENOENT);
	assert_int_equal(run(&t, (struct op){"move", "321204", "321204001", NULL, 0, NULL}), ZZ_EINVAL); /* under itself */
	assert_int_equal(run(&t, (struct op){"move", "321204001", "321204002", NULL, 0, NULL}), ZZ_EINVAL); /* same level */
	assert_int_equal(run(&t, (struct op){"move", "321204001001", "321204-police", NULL, 0, NULL}), ZZ_EINVAL);
	assert_int_equal(run(&t, (struct op){"move", "321204001001", "321299", NULL, 0, NULL}), ZZ_ENOENT);
	/* Under the parent it has already: said, not done again. */
	assert_int_equal(run(&t, (struct op){"move", "321204001001", "321204001", NULL, 0, NULL}), ZZ_EEXIST);
	/* Nothing of the refused changes is stored. */
	assert_null(units_find(ctx_units(t.c), "321204009"));
	tl_close(&t);
}

static int count(struct tl *t, const char *unit)
{
	long n = 0;
	assert_int_equal(record_count_unit(t->c->st, NULL, schema_type(t->c->schema, "household"), unit, &n), 0);
	return (int)n;
}

static void test_add_rename_move(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	uint64_t v0 = ctx_units(t.c)->version;
	assert_int_equal(run(&t, (struct op){"add", "321204001003", "新村", "321204001", 0, NULL}), 0);
	const struct unit *n = units_find(ctx_units(t.c), "321204001003");
	assert_int_equal(n->level, LV_VILLAGE); /* one below its parent */
	assert_true(ctx_units(t.c)->version > v0);
	assert_int_equal(run(&t, (struct op){"add", "321204001003001", "新村一网格", "321204001003", 0, NULL}), 0);
	assert_int_equal(run(&t, (struct op){"add", "321204-health", "卫健局", "321204", 0, "health"}), 0);
	assert_int_equal(run(&t, (struct op){"rename", "321204001003", "新建村", NULL, 0, NULL}), 0);
	assert_string_equal(units_find(ctx_units(t.c), "321204001003")->name, "新建村");

	char id[19];
	tl_idnum("32120419800101001", id);
	assert_int_equal(tl_household(&t, NULL, id, "王一", "321204001003001", NULL), 0);
	tl_idnum("32120419800101002", id);
	assert_int_equal(tl_household(&t, NULL, id, "王二", "321204001001001", NULL), 0);
	assert_int_equal(count(&t, "321204001"), 2);
	/* The village moves to the other township, with its grid and its records. */
	assert_int_equal(run(&t, (struct op){"move", "321204001003", "321204002", NULL, 0, NULL}), 0);
	const struct unit *g = units_find(ctx_units(t.c), "321204001003001");
	assert_string_equal(g->path, "32/3212/321204/321204002/321204001003/321204001003001/");
	assert_string_equal(units_find(ctx_units(t.c), "321204001003")->parent, "321204002");
	assert_int_equal(count(&t, "321204001"), 1);
	assert_int_equal(count(&t, "321204002"), 1);
	assert_int_equal(count(&t, "321204001003"), 1);
	/* The person of the moved record follows in the person type's index too. */
	long np = 0;
	assert_int_equal(record_count_unit(t.c->st, NULL, schema_type(t.c->schema, "person"), "321204002", &np), 0);
	assert_int_equal(np, 1);
	tl_close(&t);
}

static void test_path_order(void **state)
{
	(void)state;
	struct unit a = {.code = "321204001", .path = "32/3212/321204/321204001/"},
		    b = {.code = "321204", .path = "32/3212/321204/"},
		    d = {.code = "321204002", .path = "32/3212/321204/321204002/"};
	const struct unit *v[] = {&d, &a, &b};
	qsort(v, 3, sizeof *v, units_path_cmp);
	/* A unit comes before its subtree, siblings in code order. */
	assert_string_equal(v[0]->code, "321204");
	assert_string_equal(v[1]->code, "321204001");
	assert_string_equal(v[2]->code, "321204002");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tree),
		cmocka_unit_test(test_path_order),
		cmocka_unit_test(test_short_name),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_add_rename_move),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
