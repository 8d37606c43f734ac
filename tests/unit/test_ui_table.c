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

/* The claims' list (待认领) with nothing in it: only what needs no row is offered (标记, 认领,
 * 退回, 分派 were, and did nothing); with rows, all of it. */
static void test_hints_without_rows(void **state)
{
	(void)state;
	const enum ui_act in[] = {UI_ENTER, UI_MARK, UI_CLAIM, UI_SENDBACK, UI_ROUTE, UI_BACK, UI_HELP, UI_NONE};
	enum ui_act out[24];
	assert_ptr_equal(ui_table_hints(in, true, false, NULL, out, 24), in);
	const enum ui_act *h = ui_table_hints(in, false, false, NULL, out, 24);
	assert_int_equal(h[0], UI_BACK);
	assert_int_equal(h[1], UI_HELP);
	assert_int_equal(h[2], UI_NONE);
	/* The audit log's Enter checks the chain: offered with no rows too. */
	h = ui_table_hints(in, false, true, NULL, out, 24);
	assert_int_equal(h[0], UI_ENTER);
	assert_int_equal(h[1], UI_BACK);
	/* 导入冲突 with none: its e (open the record) is one of the screen's own row actions. */
	const enum ui_act cf[] = {UI_ENTER, UI_EDIT, UI_BACK, UI_HELP, UI_NONE}, cf_rows[] = {UI_EDIT, UI_NONE};
	h = ui_table_hints(cf, false, false, cf_rows, out, 24);
	assert_int_equal(h[0], UI_BACK);
	assert_int_equal(h[1], UI_HELP);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows_clamp_cursor),
		cmocka_unit_test(test_act_bounds),
		cmocka_unit_test(test_hints_without_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
