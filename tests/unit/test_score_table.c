/* test_score_table.c — the year's score table: the units that handle events in the scope (centers
 * and member departments), the two orders, the scope's and the role's refusals, the export. */
#include "testlib.h"

#include "score_table.h"

static void test_sort(void **state)
{
	(void)state;
	struct score_line v[] = {{.code = "b", .points = 2},
				 {.code = "a", .points = 2},
				 {.code = "c", .points = 7},
				 {.code = "0"}};
	struct score_table t = {.v = v, .n = 4};
	score_table_sort(&t, true);
	assert_string_equal(v[0].code, "c"); /* the most deducted first */
	assert_string_equal(v[1].code, "a"); /* a tie: by code */
	assert_string_equal(v[2].code, "b");
	assert_string_equal(v[3].code, "0");
	score_table_sort(&t, false);
	assert_string_equal(v[0].code, "0");
	assert_string_equal(v[3].code, "c");
}

static void test_make_and_export(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	struct user *town = tl_user(&t, "town", "321204001", "office", NULL);
	struct score_table st;
	assert_int_equal(score_table_make(t.c, town, NULL, 2026, &st), 0);
	assert_string_equal(st.scope, "321204001");
	assert_true(st.n > 0);
	bool dept = false;
	for (int i = 0; i < st.n; i++) {
		assert_true(str_prefix(st.v[i].code, "321204001"));
		assert_int_equal(st.v[i].score, st.start);
		dept |= strcmp(st.v[i].code, "321204001-justice") == 0;
		if (i)
			assert_true(strcmp(st.v[i - 1].code, st.v[i].code) < 0);
	}
	assert_true(dept);
	char *path = NULL;
	assert_int_equal(score_table_export(t.c, town, &st, "csv", &path), 0);
	assert_non_null(strstr(path, "/考核得分-三水街道-2026.csv"));
	char *text = tl_slurp(path, NULL);
	assert_non_null(strstr(text, "\r\n321204001-justice,三水司法所,100,0,0,0\r\n"));
	free(text);
	free(path);
	score_table_free(&st);

	/* Another township is outside the scope: the same answer as for no unit there. */
	assert_int_equal(score_table_make(t.c, town, "321204002", 2026, &st), ZZ_EPERM);
	assert_int_equal(score_table_make(t.c, town, "nowhere", 2026, &st), ZZ_ENOENT);
	/* A grid member reads the table but may not export it. */
	struct user *grid = tl_user(&t, "grid", "321204001001", "grid", NULL);
	assert_int_equal(score_table_make(t.c, grid, NULL, 2026, &st), 0);
	path = NULL;
	assert_int_equal(score_table_export(t.c, grid, &st, "xlsx", &path), ZZ_EPERM);
	assert_null(path);
	score_table_free(&st);
	user_free(&grid);
	user_free(&town);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sort),
	    cmocka_unit_test(test_make_and_export),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
