/* ui_keys.c — the actions table (from the UI_ACTIONS list of ui_screen.h) and key names. */
#include <stdio.h>
#include <string.h>

#include "ui_screen.h"

const struct ui_action_info ui_actions[UI__COUNT] = {
	[UI_NONE] = {"none", "", "", 0, 0, 0},
#define UI_ACT_ROW(id_, name_, help_, k1_, k2_, letter_)                                             \
	[UI_##id_] = {.id = #id_, .name = name_, .help = help_, .k1 = k1_, .k2 = k2_, .letter = letter_},
	UI_ACTIONS(UI_ACT_ROW)
#undef UI_ACT_ROW
};

enum ui_act ui_key_action(int key, bool typing)
{
	if (key == 0)
		return UI_NONE;
	/* Some terminals send Enter as KEY_ENTER and Backspace-like keys vary; Enter is common. */
	if (key == (UI_FN | KEY_ENTER))
		return UI_ENTER;
	for (int a = 1; a < UI__COUNT; a++) {
		const struct ui_action_info *x = &ui_actions[a];
		if (key == x->k1 || key == x->k2)
			return (enum ui_act)a;
		if (!typing && x->letter && key == x->letter)
			return (enum ui_act)a;
	}
	return UI_NONE;
}

enum ui_act ui_pick_action(int key, const char *typed)
{
	if (key == ui_actions[UI_BACK].letter && !*typed)
		return UI_BACK;
	return ui_key_action(key, true);
}

static const struct {
	int key;
	const char *name;
} key_names[] = {
	{UI_FN | KEY_UP, "Up"},	      {UI_FN | KEY_DOWN, "Down"},	     {UI_FN | KEY_LEFT, "Left"},
	{UI_FN | KEY_RIGHT, "Right"},     {UI_FN | KEY_PPAGE, "PgUp"},   {UI_FN | KEY_NPAGE, "PgDn"},
	{UI_FN | KEY_HOME, "Home"},   {UI_FN | KEY_END, "End"},	     {UI_FN | KEY_BTAB, "Shift-Tab"},
	{UI_FN | KEY_DC, "Delete"},   {UI_FN | KEY_IC, "Insert"},    {'\t', "Tab"},
	{'\r', "回车"},	      {'\n', ""},			     {UI_ESC, "Esc"},
	{' ', "空格"},
};

const char *ui_key_name(int key, char *buf, size_t n)
{
	for (size_t i = 0; i < ARRAY_LEN(key_names); i++)
		if (key_names[i].key == key) {
			snprintf(buf, n, "%s", key_names[i].name);
			return buf;
		}
	if ((key & UI_FN) && (key & ~UI_FN) >= KEY_F(1) && (key & ~UI_FN) <= KEY_F(24))
		snprintf(buf, n, "F%d", (key & ~UI_FN) - KEY_F0);
	else if (key > 0 && key < 32)
		snprintf(buf, n, "Ctrl-%c", key + '@');
	else if (key > 32 && key < 127)
		snprintf(buf, n, "%c", key);
	else
		snprintf(buf, n, "?");
	return buf;
}

const char *ui_act_keys(enum ui_act a, bool typing, char *buf, size_t n)
{
	const struct ui_action_info *x = &ui_actions[a];
	int keys[3] = {x->k1, x->k2, typing ? 0 : x->letter};
	size_t len = 0;
	buf[0] = '\0';
	for (int i = 0; i < 3; i++) {
		char name[24];
		if (!keys[i] || !*ui_key_name(keys[i], name, sizeof name))
			continue;
		int k = snprintf(buf + len, n - len, "%s%s", len ? "/" : "", name);
		if (k < 0 || (size_t)k >= n - len)
			break;
		len += (size_t)k;
	}
	return buf;
}
