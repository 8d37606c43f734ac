/* ui_help.c — help for a screen: its purpose and its keys, generated from the actions table so
 * that what the help says and what the keys do cannot drift apart. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_screen.h"

static const enum ui_act help_acts[] = {UI_UP, UI_DOWN, UI_PGUP, UI_PGDN, UI_HOME, UI_END, UI_BACK, UI_NONE};
static const enum ui_act help_hints[] = {UI_DOWN, UI_PGDN, UI_BACK, UI_NONE};
static const struct ui_keys help_keys = {.screen = "帮助", .acts = help_acts, .hints = help_hints};

/* Common keys every screen answers, listed after the screen's own. */
static const enum ui_act common_acts[] = {UI_HELP, UI_REDRAW, UI_QUIT, UI_NONE};

static void add_wrapped(struct strv *lines, const char *text, int w)
{
	char **wrapped = NULL;
	int n = ui_wrap(text, w, &wrapped);
	for (int i = 0; i < n; i++) {
		strv_push(lines, wrapped[i]);
		free(wrapped[i]);
	}
	free(wrapped);
}

/* The help's line of A on screen K: the screen's own, else the action's. */
static const char *act_help(const struct ui_keys *k, enum ui_act a)
{
	const char *own = !k		   ? NULL
			  : a == UI_SEARCH ? k->search_help
			  : a == UI_EDIT   ? k->edit_help
			  : a == UI_STATE  ? k->state_help
					   : NULL;
	return own ? own : ui_actions[a].help;
}

static void add_act(struct strv *lines, const struct ui_keys *k, enum ui_act a, int w)
{
	char keys[64], pad[128];
	ui_act_keys(a, k && k->typing, keys, sizeof keys);
	ui_pad(pad, sizeof pad, keys, 20, false);
	const char *help = act_help(k, a);
	char *line = xasprintf("  %s %s", pad, help);
	add_wrapped(lines, line, w);
	free(line);
}

void ui_help_lines(const struct ui_keys *k, int w, struct strv *lines)
{
	char *head = xasprintf("【%s】", k->screen ? k->screen : "帮助");
	strv_push(lines, head);
	free(head);
	if (k->about) {
		add_wrapped(lines, k->about, w);
		strv_push(lines, "");
	}
	add_wrapped(lines,
		    k->typing ? "本屏的按键（字母、数字和空格是输入的文字，不是按键）："
			      : "本屏的按键（功能键和字母键都可以用；没有功能键的终端请用字母键）：",
		    w);
	for (int i = 0; k->acts && k->acts[i] != UI_NONE; i++)
		add_act(lines, k, k->acts[i], w);
	strv_push(lines, "");
	strv_push(lines, "各屏通用：");
	/* The common keys, by their letters too unless those are text here. */
	const struct ui_keys common = {.typing = k->typing};
	for (int i = 0; common_acts[i] != UI_NONE; i++)
		add_act(lines, &common, common_acts[i], w);
}

void ui_help(struct ui *ui, const struct ui_keys *k)
{
	int w = COLS - 2;
	struct strv lines = {0};
	ui_help_lines(k, w, &lines);
	int top = 0;
	bool was_typing = ui->typing;
	ui->typing = false;
	for (;;) {
		int h = ui_body_rows();
		if (top > lines.n - h)
			top = lines.n - h;
		if (top < 0)
			top = 0;
		erase();
		for (int r = 0; r < h && top + r < lines.n; r++)
			ui_put(ui_body_top() + r, 1, w, lines.v[top + r], r + top == 0 ? ui_attr(ui, UI_A_HEAD) : A_NORMAL);
		char title[128], right[32];
		snprintf(title, sizeof title, "帮助：%s", k->screen ? k->screen : "");
		snprintf(right, sizeof right, "%d/%d", top + h < lines.n ? top + h : lines.n, lines.n);
		ui_frame(ui, title, right, &help_keys);
		ui_cursor(ui, -1, 0);
		int key = ui_getkey(ui);
		if (key == UI_KEY_LEAVE)
			break;
		enum ui_act a = ui_key_action(key, false);
		if (a == UI_DOWN)
			top++;
		else if (a == UI_UP)
			top--;
		else if (a == UI_PGDN)
			top += h - 1;
		else if (a == UI_PGUP)
			top -= h - 1;
		else if (a == UI_HOME)
			top = 0;
		else if (a == UI_END)
			top = lines.n;
		else if (a == UI_BACK || a == UI_HELP || a == UI_ENTER)
			break;
	}
	ui->typing = was_typing;
	strv_free(&lines);
}
