/* Unit tests of ui_edit.c: the one-line editor (wide characters, cursor, deletion). */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ui_screen.h"

static void check_text(struct ui_edit *e, const char *want)
{
	char *t = ui_edit_text(e);
	assert_string_equal(t, want);
	free(t);
}

static void test_edit(void **state)
{
	(void)state;
	struct ui_edit e = {0};
	ui_edit_set(&e, "张三");
	assert_int_equal(e.n, 2);
	assert_int_equal(e.cur, 2);
	assert_true(ui_edit_key(&e, 0x4e30 /* 丰 */));
	check_text(&e, "张三丰");
	assert_true(ui_edit_key(&e, UI_FN | KEY_LEFT));
	assert_true(ui_edit_key(&e, 127));
	check_text(&e, "张丰");
	assert_true(ui_edit_key(&e, UI_CTRL('A')));
	assert_true(ui_edit_key(&e, 'x'));
	check_text(&e, "x张丰");
	assert_true(ui_edit_key(&e, UI_FN | KEY_DC));
	check_text(&e, "x丰");
	assert_true(ui_edit_key(&e, UI_CTRL('K')));
	check_text(&e, "x");
	assert_true(ui_edit_key(&e, UI_CTRL('U')));
	check_text(&e, "");
	/* Keys that are not editing keys are left to the screen. */
	assert_false(ui_edit_key(&e, '\t'));
	assert_false(ui_edit_key(&e, '\r'));
	assert_false(ui_edit_key(&e, UI_FN | KEY_F(2)));
	assert_false(ui_edit_key(&e, UI_ESC));
	ui_edit_free(&e);
	assert_null(e.w);
}

/* A text offered whole (a field's or a prompt's value): the first character typed replaces it;
 * an editing key first edits it in place; keys the screen takes leave the offer standing. */
static void test_offer(void **state)
{
	(void)state;
	struct ui_edit e = {0};
	ui_edit_offer(&e, "2026-11");
	assert_true(e.offered);
	assert_false(ui_edit_key(&e, '\t'));
	assert_true(e.offered);
	assert_true(ui_edit_key(&e, '2'));
	assert_false(e.offered);
	assert_true(ui_edit_key(&e, '0'));
	check_text(&e, "20");
	ui_edit_offer(&e, "2026-11");
	assert_true(ui_edit_key(&e, 127));
	assert_true(ui_edit_key(&e, '2'));
	check_text(&e, "2026-12");
	ui_edit_offer(&e, "张三");
	assert_true(ui_edit_key(&e, UI_FN | KEY_HOME));
	assert_true(ui_edit_key(&e, 0x5c0f /* 小 */));
	check_text(&e, "小张三");
	/* Nothing offered when empty; ui_edit_set offers nothing. */
	ui_edit_offer(&e, "");
	assert_false(e.offered);
	ui_edit_set(&e, "abc");
	assert_false(e.offered);
	assert_true(ui_edit_key(&e, 'd'));
	check_text(&e, "abcd");
	ui_edit_free(&e);
}

static void test_limit(void **state)
{
	(void)state;
	struct ui_edit e = {0};
	ui_edit_set(&e, "");
	e.max = 3;
	for (int i = 0; i < 5; i++)
		ui_edit_key(&e, '1' + i);
	check_text(&e, "123");
	ui_edit_free(&e);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edit),
		cmocka_unit_test(test_offer),
		cmocka_unit_test(test_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
