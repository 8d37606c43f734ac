/* Unit tests of ui_table.c: the cursor after movement and after the rows change under it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>

#include <cmocka.h>

#include "ui_screen.h"

static void test_rows_clamp_cursor(void **state)
{
	(void)state;
	struct ui_table t = {.nrows = 10, .cur = 9};
	ui_table_rows(&t, 4); /* the last rows went away: the cursor stays on the last one left */
	assert_int_equal(t.nrows, 4);
	assert_int_equal(t.cur, 3);
	ui_table_rows(&t, 0);
	assert_int_equal(t.cur, 0);
	t.cur = 2;
	ui_table_rows(&t, 7); /* rows added: the cursor does not move */
	assert_int_equal(t.nrows, 7);
	assert_int_equal(t.cur, 2);
}

static void test_act_bounds(void **state)
{
	(void)state;
	struct ui_table t = {.nrows = 25, .rows = 10};
	assert_true(ui_table_act(&t, UI_UP));
	assert_int_equal(t.cur, 0);
	ui_table_act(&t, UI_PGDN);
	assert_int_equal(t.cur, 10);
	ui_table_act(&t, UI_PGDN);
	ui_table_act(&t, UI_PGDN);
	assert_int_equal(t.cur, 24);
	ui_table_act(&t, UI_DOWN);
	assert_int_equal(t.cur, 24);
	ui_table_act(&t, UI_HOME);
	assert_int_equal(t.cur, 0);
	ui_table_act(&t, UI_END);
	assert_int_equal(t.cur, 24);
	assert_false(ui_table_act(&t, UI_ENTER));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows_clamp_cursor),
		cmocka_unit_test(test_act_bounds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
