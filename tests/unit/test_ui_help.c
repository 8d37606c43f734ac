/* Unit tests of ui_help.c: the help of a screen names the keys that work there. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ui_screen.h"

/* The keys column of a help line ("  Up/k     上移一行"): whether it names KEY ("k", "空格"). */
static bool names_key(const char *line, const char *key)
{
	if (strncmp(line, "  ", 2) != 0)
		return false;
	char col[64];
	snprintf(col, sizeof col, "%.20s", line + 2);
	char *tok = strtok(col, "/ ");
	for (; tok; tok = strtok(NULL, "/ "))
		if (!strcmp(tok, key))
			return true;
	return false;
}

static bool help_names(const struct ui_keys *k, const char *key)
{
	struct strv lines = {0};
	ui_help_lines(k, 78, &lines);
	bool found = false;
	for (int i = 0; i < lines.n && !found; i++)
		found = names_key(lines.v[i], key);
	strv_free(&lines);
	return found;
}

/* In a picker and a form being filled in, letters and space are text: k, j, q, ?, b, g and 空格
 * are not listed as keys; the keys that work are. */
static void test_pickers(void **state)
{
	(void)state;
	const struct ui_keys *pickers[] = {&ui_pick_keys, &ui_pick_tree_keys, &ui_form_keys};
	for (size_t i = 0; i < ARRAY_LEN(pickers); i++) {
		const char *text[] = {"k", "j", "q", "?", "b", "g", "G", "空格"};
		for (size_t t = 0; t < ARRAY_LEN(text); t++)
			if (help_names(pickers[i], text[t]))
				fail_msg("%s: help names %s", pickers[i]->screen, text[t]);
		assert_true(help_names(pickers[i], "Up"));
		assert_true(help_names(pickers[i], "PgDn"));
		assert_true(help_names(pickers[i], "Esc"));
		assert_true(help_names(pickers[i], "F1"));
	}
}

static bool starts_with_any(const char *s, const char *const *marks, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strncmp(s, marks[i], strlen(marks[i])))
			return true;
	return false;
}

static bool ends_with_any(const char *s, const char *const *marks, size_t n)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < n; i++)
		if (len >= strlen(marks[i]) && !strcmp(s + len - strlen(marks[i]), marks[i]))
			return true;
	return false;
}

/* The help wrapped at any width: no line starts with a closing mark nor ends with an opening one
 * (the pickers' help showed "）" and "；" at the start of lines), none wider than asked. */
static void test_wrapped_marks(void **state)
{
	(void)state;
	static const char *const closing[] = {"）", "」", "』", "】", "》", "，", "。", "、", "；", "：", "？", "！", "”"};
	static const char *const opening[] = {"（", "「", "『", "【", "《", "“"};
	static const enum ui_act acts[] = {UI_UP, UI_SEARCH, UI_EXPORT, UI_DO, UI_VIEW, UI_NONE};
	const struct ui_keys list = {.screen = "列表", .acts = acts};
	const struct ui_keys *screens[] = {&ui_pick_keys, &ui_pick_tree_keys, &list};
	for (size_t i = 0; i < ARRAY_LEN(screens); i++)
		for (int w = 30; w <= 78; w++) {
			struct strv lines = {0};
			ui_help_lines(screens[i], w, &lines);
			for (int k = 0; k < lines.n; k++) {
				const char *l = lines.v[k];
				if (ui_width(l) > w)
					fail_msg("%s at %d: “%s” is wider", screens[i]->screen, w, l);
				if (starts_with_any(l, closing, ARRAY_LEN(closing)))
					fail_msg("%s at %d: “%s” starts with a closing mark", screens[i]->screen, w, l);
				if (ends_with_any(l, opening, ARRAY_LEN(opening)))
					fail_msg("%s at %d: “%s” ends with an opening mark", screens[i]->screen, w, l);
			}
			strv_free(&lines);
		}
}

/* A list screen, where letters are keys, still names them. */
static void test_list_letters(void **state)
{
	(void)state;
	static const enum ui_act acts[] = {UI_UP, UI_PGDN, UI_BACK, UI_NONE};
	const struct ui_keys k = {.screen = "列表", .acts = acts};
	assert_true(help_names(&k, "k"));
	assert_true(help_names(&k, "空格"));
	assert_true(help_names(&k, "q"));
	assert_true(help_names(&k, "?"));
}

/* The help's lines of the actions K has, in order from the first of them. */
static char *help_text(const struct ui_keys *k)
{
	struct strv lines = {0};
	ui_help_lines(k, 78, &lines);
	struct sb all;
	sb_init(&all);
	for (int i = 0; i < lines.n; i++)
		sb_addf(&all, "%s\n", lines.v[i]);
	strv_free(&lines);
	return sb_steal(&all);
}

/* A screen where e, s and / do something of their own says so in its help (分析研判: e fills in
 * the texts, s lists the units below; the help said 修改当前记录 and 按状态筛选). */
static void test_own_lines(void **state)
{
	(void)state;
	static const enum ui_act acts[] = {UI_EDIT, UI_STATE, UI_SEARCH, UI_NONE};
	const struct ui_keys plain = {.screen = "列表", .acts = acts};
	const struct ui_keys own = {.screen = "分析研判",
				    .acts = acts,
				    .edit_help = "填写研判意见",
				    .state_help = "下级单位的报送情况",
				    .search_help = "换月份"};
	char *a = help_text(&plain), *b = help_text(&own);
	assert_non_null(strstr(a, ui_actions[UI_EDIT].help));
	assert_non_null(strstr(a, ui_actions[UI_STATE].help));
	const char *mine[] = {"填写研判意见", "下级单位的报送情况", "换月份"};
	for (size_t i = 0; i < ARRAY_LEN(mine); i++)
		assert_non_null(strstr(b, mine[i]));
	assert_null(strstr(b, ui_actions[UI_EDIT].help));
	assert_null(strstr(b, ui_actions[UI_STATE].help));
	free(a);
	free(b);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pickers),
		cmocka_unit_test(test_list_letters),
		cmocka_unit_test(test_wrapped_marks),
		cmocka_unit_test(test_own_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
