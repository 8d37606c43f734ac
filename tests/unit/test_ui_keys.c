/* Unit tests of ui_keys.c: the actions table made from the one X-macro list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "ui_screen.h"

static void test_table_complete(void **state)
{
	(void)state;
	for (int a = 1; a < UI__COUNT; a++) {
		assert_non_null(ui_actions[a].id);
		assert_true(ui_actions[a].name && *ui_actions[a].name);
		assert_true(ui_actions[a].help && *ui_actions[a].help);
		assert_true(ui_actions[a].k1 != 0 || ui_actions[a].letter != 0);
	}
	assert_string_equal(ui_actions[UI_SAVE].id, "SAVE");
	assert_string_equal(ui_actions[UI_HELP].id, "HELP");
}

/* No key means two actions: every key of every action maps back to that action. */
static void test_keys_unique(void **state)
{
	(void)state;
	for (int a = 1; a < UI__COUNT; a++) {
		const struct ui_action_info *x = &ui_actions[a];
		if (x->k1)
			assert_int_equal(ui_key_action(x->k1, true), a);
		if (x->k2)
			assert_int_equal(ui_key_action(x->k2, true), a);
		if (x->letter)
			assert_int_equal(ui_key_action(x->letter, false), a);
		for (int b = 1; b < UI__COUNT; b++) {
			if (b == a)
				continue;
			const struct ui_action_info *y = &ui_actions[b];
			if (x->letter)
				assert_true(x->letter != y->letter && x->letter != y->k1 && x->letter != y->k2);
			if (x->k1)
				assert_true(x->k1 != y->k1 && x->k1 != y->k2);
		}
	}
}

static void test_function_and_letter(void **state)
{
	(void)state;
	/* Both a function key and a letter work where nothing is typed ... */
	assert_int_equal(ui_key_action(UI_FN | KEY_F(1), false), UI_HELP);
	assert_int_equal(ui_key_action('?', false), UI_HELP);
	assert_int_equal(ui_key_action(UI_FN | KEY_F(5), false), UI_ADD);
	assert_int_equal(ui_key_action('a', false), UI_ADD);
	assert_int_equal(ui_key_action(UI_ESC, false), UI_BACK);
	assert_int_equal(ui_key_action('q', false), UI_BACK);
	/* ... while typing, letters are text, function and control keys still act. */
	assert_int_equal(ui_key_action('a', true), UI_NONE);
	assert_int_equal(ui_key_action('q', true), UI_NONE);
	assert_int_equal(ui_key_action(UI_CTRL('S'), true), UI_SAVE);
	assert_int_equal(ui_key_action(UI_FN | KEY_F(2), true), UI_SAVE);
	assert_int_equal(ui_key_action('\r', true), UI_ENTER);
	assert_int_equal(ui_key_action('\n', true), UI_ENTER);
	assert_int_equal(ui_key_action(UI_FN | KEY_ENTER, true), UI_ENTER);
	assert_int_equal(ui_key_action('\t', true), UI_NEXT);
	assert_int_equal(ui_key_action(0x5f20 /* 张 */, false), UI_NONE);
}

static void test_names(void **state)
{
	(void)state;
	char buf[64];
	assert_string_equal(ui_key_name(UI_FN | KEY_F(10), buf, sizeof buf), "F10");
	assert_string_equal(ui_key_name(UI_CTRL('S'), buf, sizeof buf), "Ctrl-S");
	assert_string_equal(ui_key_name(UI_ESC, buf, sizeof buf), "Esc");
	assert_string_equal(ui_key_name('/', buf, sizeof buf), "/");
	assert_string_equal(ui_act_keys(UI_SAVE, false, buf, sizeof buf), "F2/Ctrl-S");
	assert_string_equal(ui_act_keys(UI_HELP, false, buf, sizeof buf), "F1/?");
	assert_string_equal(ui_act_keys(UI_ENTER, false, buf, sizeof buf), "回车");
	/* Where letters are text, the letter is not named. */
	assert_string_equal(ui_act_keys(UI_HELP, true, buf, sizeof buf), "F1");
	assert_string_equal(ui_act_keys(UI_PGDN, true, buf, sizeof buf), "PgDn/Ctrl-F");
}

/* Every key of every action has a name in the help: an unnamed one was written "?" (Insert, for
 * marking a row, read "?/+" on the claims screen's help, where ? is help). */
static void test_every_key_named(void **state)
{
	(void)state;
	char buf[64];
	assert_string_equal(ui_key_name(UI_FN | KEY_IC, buf, sizeof buf), "Insert");
	for (int a = 1; a < UI__COUNT; a++) {
		const struct ui_action_info *x = &ui_actions[a];
		int keys[] = {x->k1, x->k2, x->letter};
		for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
			if (keys[i] && keys[i] != '?')
				assert_string_not_equal(ui_key_name(keys[i], buf, sizeof buf), "?");
	}
	assert_string_equal(ui_act_keys(UI_MARK, false, buf, sizeof buf), "Insert/+");
}

/* A picker: letters are its filter's text, but q backs out while nothing is typed, as in every
 * list; Esc backs out and F10 asks to quit whatever is typed. */
static void test_pick_action(void **state)
{
	(void)state;
	assert_int_equal(ui_pick_action('q', ""), UI_BACK);
	assert_int_equal(ui_pick_action('q', "桥"), UI_NONE);
	assert_int_equal(ui_pick_action('j', ""), UI_NONE);
	assert_int_equal(ui_pick_action('?', ""), UI_NONE);
	assert_int_equal(ui_pick_action(UI_ESC, "桥头"), UI_BACK);
	assert_int_equal(ui_pick_action(UI_FN | KEY_F(10), ""), UI_QUIT);
	assert_int_equal(ui_pick_action(UI_FN | KEY_F(10), "q"), UI_QUIT);
	assert_int_equal(ui_pick_action(UI_FN | KEY_DOWN, "q"), UI_DOWN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pick_action),
		cmocka_unit_test(test_table_complete),
		cmocka_unit_test(test_keys_unique),
		cmocka_unit_test(test_function_and_letter),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_every_key_named),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
