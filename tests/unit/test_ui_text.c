/* Unit tests of ui_text.c: the multi-line editor's layout (rows wrapped by display width, a
 * Chinese character two columns and never cut, line breaks), cursor movement by character and by
 * row, and its bound in characters. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ui_screen.h"

static void check_text(const struct ui_text *t, const char *want)
{
	char *s = ui_text_get(t);
	assert_string_equal(s, want);
	free(s);
}

static void check_where(const struct ui_text *t, int width, int row, int col)
{
	int r, c;
	ui_text_where(t, width, &r, &c);
	assert_int_equal(r, row);
	assert_int_equal(c, col);
}

static void test_layout(void **state)
{
	(void)state;
	struct ui_text t = {0};
	int *s = NULL;
	/* Ten Chinese characters at 8 columns: 4 + 4 + 2. */
	ui_text_set(&t, "一二三四五六七八九十");
	int n = ui_text_layout(&t, 8, &s);
	assert_int_equal(n, 3);
	assert_int_equal(s[1], 4);
	assert_int_equal(s[2], 8);
	free(s);
	/* A wide character that would straddle the edge starts the next row. */
	ui_text_set(&t, "a一二三四");
	n = ui_text_layout(&t, 8, &s);
	assert_int_equal(n, 2);
	assert_int_equal(s[1], 4);
	free(s);
	/* Line breaks end rows; an empty line is a row; a final break opens an empty row. */
	ui_text_set(&t, "甲\n\n乙\n");
	n = ui_text_layout(&t, 20, &s);
	assert_int_equal(n, 4);
	assert_int_equal(s[1], 2);
	assert_int_equal(s[2], 3);
	assert_int_equal(s[3], 5);
	free(s);
	ui_text_set(&t, "");
	n = ui_text_layout(&t, 20, &s);
	assert_int_equal(n, 1);
	free(s);
	/* Carriage returns of pasted text are dropped. */
	ui_text_set(&t, "a\r\nb");
	check_text(&t, "a\nb");
	ui_text_free(&t);
	assert_null(t.w);
}

static void test_keys(void **state)
{
	(void)state;
	struct ui_text t = {0};
	ui_text_set(&t, "");
	/* Typing, and Enter breaks the line. */
	const wchar_t *in = L"矛盾纠纷";
	for (int i = 0; in[i]; i++)
		assert_true(ui_text_key(&t, (int)in[i], 6, 5));
	assert_true(ui_text_key(&t, '\r', 6, 5));
	assert_true(ui_text_key(&t, 'a', 6, 5));
	check_text(&t, "矛盾纠纷\na");
	/* Width 6: "矛盾纠" | "纷" | "a". The cursor after "a": row 2, column 1. */
	check_where(&t, 6, 2, 1);
	/* Left moves by one character, whatever its width. */
	assert_true(ui_text_key(&t, UI_FN | KEY_LEFT, 6, 5));
	assert_true(ui_text_key(&t, UI_FN | KEY_LEFT, 6, 5));
	check_where(&t, 6, 1, 2);
	/* Up keeps the column: from column 2 of "纷" to column 2 of "矛盾纠", before 盾. */
	assert_true(ui_text_key(&t, UI_FN | KEY_UP, 6, 5));
	check_where(&t, 6, 0, 2);
	assert_int_equal(t.cur, 1);
	assert_true(ui_text_key(&t, UI_FN | KEY_DOWN, 6, 5));
	assert_true(ui_text_key(&t, UI_FN | KEY_DOWN, 6, 5));
	check_where(&t, 6, 2, 1);
	/* Home and End of the row; Up from the first row goes to the start. */
	assert_true(ui_text_key(&t, UI_FN | KEY_HOME, 6, 5));
	check_where(&t, 6, 2, 0);
	assert_true(ui_text_key(&t, UI_FN | KEY_PPAGE, 6, 5));
	check_where(&t, 6, 0, 0);
	assert_true(ui_text_key(&t, UI_FN | KEY_UP, 6, 5));
	assert_int_equal(t.cur, 0);
	assert_true(ui_text_key(&t, UI_CTRL('E'), 6, 5));
	check_where(&t, 6, 0, 4); /* before 纠: after it is the next row's start */
	/* Backspace and Delete by character. */
	assert_true(ui_text_key(&t, 127, 6, 5));
	check_text(&t, "矛纠纷\na");
	assert_true(ui_text_key(&t, UI_FN | KEY_DC, 6, 5));
	check_text(&t, "矛纷\na");
	/* Keys that are not editing keys are left to the screen. */
	assert_false(ui_text_key(&t, '\t', 6, 5));
	assert_false(ui_text_key(&t, UI_FN | KEY_F(2), 6, 5));
	assert_false(ui_text_key(&t, UI_ESC, 6, 5));
	assert_false(ui_text_key(&t, 0x07, 6, 5));
	ui_text_free(&t);
}

/* The bound counts characters (a line break is one), not bytes. */
static void test_bound(void **state)
{
	(void)state;
	struct ui_text t = {.max = 3};
	ui_text_set(&t, "");
	t.max = 3;
	ui_text_key(&t, 0x4e00, 10, 5);
	ui_text_key(&t, '\n', 10, 5);
	ui_text_key(&t, 0x4e8c, 10, 5);
	ui_text_key(&t, 0x4e09, 10, 5);
	check_text(&t, "一\n二");
	assert_int_equal(t.n, 3);
	ui_text_free(&t);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_bound),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
