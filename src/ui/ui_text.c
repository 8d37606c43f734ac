/* ui_text.c — long texts (event descriptions, opinions, daily reports): a multi-line editor whose
 * rows are wrapped by display width (a Chinese character is two columns), whose cursor moves by
 * character and whose length is bounded in characters; and a read-only viewer that scrolls. The
 * layout functions are pure, so that the unit tests need no terminal. */
#include <stdlib.h>
#include <string.h>

#include "ui_screen.h"

void ui_text_free(struct ui_text *t)
{
	free(t->w);
	t->w = NULL;
	t->n = t->cap = t->cur = t->top = 0;
}

void ui_text_set(struct ui_text *t, const char *s)
{
	/* Carriage returns of pasted text: the line break alone is kept. */
	t->n = ui_wide_set(&t->w, &t->cap, s, false);
	t->cur = t->n;
	t->top = 0;
	t->goal = -1;
}

char *ui_text_get(const struct ui_text *t)
{
	return ui_wide_utf8(t->w, 0, t->n);
}

int ui_text_layout(const struct ui_text *t, int width, int **starts)
{
	int cap = 16, n = 1, col = 0;
	int *s = xmalloc((size_t)cap * sizeof *s);
	s[0] = 0;
	if (width < 2)
		width = 2;
	for (int i = 0; i < t->n; i++) {
		int start = -1;
		if (t->w[i] == L'\n') {
			start = i + 1;
		} else {
			int cw = ui_wcwidth(t->w[i]);
			if (col + cw > width && col > 0) {
				start = i;
				col = 0;
			}
			col += cw;
		}
		if (start >= 0) {
			if (n == cap) {
				cap *= 2;
				s = xrealloc(s, (size_t)cap * sizeof *s);
			}
			s[n++] = start;
			if (t->w[i] == L'\n')
				col = 0;
		}
	}
	*starts = s;
	return n;
}

/* The last index the cursor may take on row R of N rows: before the line break that ends it, or
 * before the last character of a row that wraps (after it is the next row's start). */
static int row_end(const struct ui_text *t, const int *s, int n, int r)
{
	if (r + 1 >= n)
		return t->n;
	int e = s[r + 1] - 1;
	return e < s[r] ? s[r] : e;
}

static int row_of(const int *s, int n, int cur)
{
	int r = 0;
	while (r + 1 < n && s[r + 1] <= cur)
		r++;
	return r;
}

void ui_text_where(const struct ui_text *t, int width, int *row, int *col)
{
	int *s = NULL;
	int n = ui_text_layout(t, width, &s);
	int r = row_of(s, n, t->cur);
	int c = 0;
	for (int i = s[r]; i < t->cur; i++)
		c += ui_wcwidth(t->w[i]);
	free(s);
	*row = r;
	*col = c;
}

/* Move the cursor DR rows, to the column it had when vertical movement began. */
static void text_vmove(struct ui_text *t, int width, int dr)
{
	int *s = NULL;
	int n = ui_text_layout(t, width, &s);
	int r = row_of(s, n, t->cur);
	if (t->goal < 0) {
		t->goal = 0;
		for (int i = s[r]; i < t->cur; i++)
			t->goal += ui_wcwidth(t->w[i]);
	}
	int to = r + dr;
	if (to < 0)
		to = 0;
	if (to >= n)
		to = n - 1;
	if (to == r) {
		t->cur = dr < 0 ? 0 : t->n;
	} else {
		int end = row_end(t, s, n, to), i = s[to], c = 0;
		while (i < end && c + ui_wcwidth(t->w[i]) <= t->goal) {
			c += ui_wcwidth(t->w[i]);
			i++;
		}
		t->cur = i;
	}
	free(s);
}

static void text_insert(struct ui_text *t, wchar_t wc)
{
	if (t->max > 0 && t->n >= t->max)
		return;
	ui_wide_reserve(&t->w, &t->cap, t->n + 1);
	memmove(t->w + t->cur + 1, t->w + t->cur, (size_t)(t->n - t->cur + 1) * sizeof *t->w);
	t->w[t->cur++] = wc;
	t->n++;
}

static void text_delete(struct ui_text *t, int at)
{
	if (at < 0 || at >= t->n)
		return;
	memmove(t->w + at, t->w + at + 1, (size_t)(t->n - at) * sizeof *t->w);
	t->n--;
}

bool ui_text_key(struct ui_text *t, int key, int width, int page)
{
	if (!t->w)
		ui_text_set(t, "");
	bool vertical = key == (UI_FN | KEY_UP) || key == (UI_FN | KEY_DOWN) || key == (UI_FN | KEY_PPAGE) ||
			key == (UI_FN | KEY_NPAGE);
	if (!vertical)
		t->goal = -1;
	int *s = NULL, n, r;
	switch (key) {
	case UI_FN | KEY_LEFT:
		if (t->cur > 0)
			t->cur--;
		return true;
	case UI_FN | KEY_RIGHT:
		if (t->cur < t->n)
			t->cur++;
		return true;
	case UI_FN | KEY_UP:
		text_vmove(t, width, -1);
		return true;
	case UI_FN | KEY_DOWN:
		text_vmove(t, width, 1);
		return true;
	case UI_FN | KEY_PPAGE:
		text_vmove(t, width, -(page > 1 ? page - 1 : 1));
		return true;
	case UI_FN | KEY_NPAGE:
		text_vmove(t, width, page > 1 ? page - 1 : 1);
		return true;
	case UI_FN | KEY_HOME:
	case UI_CTRL('A'):
	case UI_FN | KEY_END:
	case UI_CTRL('E'):
		n = ui_text_layout(t, width, &s);
		r = row_of(s, n, t->cur);
		t->cur = key == (UI_FN | KEY_HOME) || key == UI_CTRL('A') ? s[r] : row_end(t, s, n, r);
		free(s);
		return true;
	case UI_FN | KEY_BACKSPACE:
	case 127:
	case UI_CTRL('H'):
		if (t->cur > 0)
			text_delete(t, --t->cur);
		return true;
	case UI_FN | KEY_DC:
	case UI_CTRL('D'):
		text_delete(t, t->cur);
		return true;
	case '\r':
	case '\n':
	case UI_FN | KEY_ENTER:
		text_insert(t, L'\n');
		return true;
	default:
		break;
	}
	if (key >= 0x20 && key != 0x7f && !(key & UI_FN) && ui_wcwidth((wchar_t)key) > 0) {
		text_insert(t, (wchar_t)key);
		return true;
	}
	return false;
}

void ui_text_draw(struct ui *ui, struct ui_text *t, int y, int x, int w, int h, attr_t a)
{
	if (!t->w)
		ui_text_set(t, "");
	int *s = NULL;
	int n = ui_text_layout(t, w, &s);
	int r = row_of(s, n, t->cur);
	if (r < t->top)
		t->top = r;
	if (r >= t->top + h)
		t->top = r - h + 1;
	int col = 0;
	for (int i = s[r]; i < t->cur; i++)
		col += ui_wcwidth(t->w[i]);
	for (int k = 0; k < h; k++) {
		int row = t->top + k;
		char *line = NULL;
		if (row < n) {
			int end = row + 1 < n ? s[row + 1] : t->n;
			if (end > s[row] && t->w[end - 1] == L'\n')
				end--;
			line = ui_wide_utf8(t->w, s[row], end);
		}
		ui_put(y + k, x, w, line ? line : "", a);
		free(line);
	}
	free(s);
	ui_cursor(ui, y + r - t->top, x + (col < w ? col : w - 1));
}

static const enum ui_act edit_acts[] = {UI_SAVE, UI_NEXT, UI_PREV, UI_BACK, UI_HELP, UI_QUIT, UI_NONE};
static const enum ui_act edit_hints[] = {UI_SAVE, UI_ENTER, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys edit_keys = {
	.screen = "编辑长文本",
	.about = "多行文字：照常输入，回车换行；行太长时按屏幕宽度自动折行（中文占两格）。方向键按字移动光标，"
		 "上下键到上一行、下一行，PgUp/PgDn 翻页，Home/End（Ctrl-A/Ctrl-E）到行首行尾，Backspace/Delete "
		 "删除。第一行右边显示已输入的字数和上限，到上限后不能再输入。F2 或 Ctrl-S 保存：表单中即保存"
		 "整个表单，办理事件时即提交这一操作；在表单中 Tab、Shift-Tab 结束这一项的编辑，到下一项、上一项；"
		 "Esc 取消这次编辑（有改动时先询问）。",
	.acts = edit_acts,
	.hints = edit_hints,
	.enter_name = "换行",
	.back_name = "取消",
};

int ui_text_edit(struct ui *ui, const char *title, const char *label, char **buf, int max, int key)
{
	struct ui_text t = {.max = max};
	ui_text_set(&t, *buf ? *buf : "");
	if (key)
		ui_text_key(&t, key, COLS - 2, 1);
	char *orig = ui_text_get(&t);
	int rc = -1;
	bool was_typing = ui->typing;
	ui->typing = true;
	for (;;) {
		erase();
		int top = ui_body_top(), h = ui_body_rows() - 1, w = COLS - 2;
		char count[64];
		if (max > 0)
			snprintf(count, sizeof count, "%d/%d 字", t.n, max);
		else
			snprintf(count, sizeof count, "%d 字", t.n);
		int cw = ui_width(count);
		ui_put(top, 0, COLS - cw - 1, label, ui_attr(ui, UI_A_HEAD));
		ui_put(top, COLS - cw, cw, count, max > 0 && t.n >= max ? ui_attr(ui, UI_A_WARN) : A_NORMAL);
		ui_frame(ui, title, "多行编辑", &edit_keys);
		ui_text_draw(ui, &t, top + 1, 1, w, h > 1 ? h : 1, ui_attr(ui, UI_A_INPUT));
		int k = ui_getkey(ui);
		if (k == UI_KEY_LEAVE)
			break;
		if (k == UI_KEY_RESIZE)
			continue;
		if (ui_text_key(&t, k, w, h)) {
			ui->msg[0] = '\0';
			if (max > 0 && t.n >= max)
				ui_msg(ui, "已到 %d 个字的上限", max);
			continue;
		}
		enum ui_act a = ui_key_action(k, true);
		if (a == UI_SAVE || a == UI_NEXT || a == UI_PREV) {
			free(*buf);
			*buf = ui_text_get(&t);
			rc = a == UI_SAVE ? 0 : a == UI_NEXT ? 1 : 2;
			break;
		}
		if (a == UI_BACK) {
			char *now = ui_text_get(&t);
			bool same = !strcmp(now, orig);
			free(now);
			if (same || ui_confirm(ui, "放弃这次对文字的修改？"))
				break;
		} else if (a == UI_HELP) {
			ui_help(ui, &edit_keys);
		} else if (a == UI_QUIT) {
			ui_quit(ui);
			if (ui->leaving)
				break;
		} else {
			ui_msg(ui, "F2 或 Ctrl-S 保存，Esc 取消；按 F1 查看本屏的按键");
		}
	}
	ui->typing = was_typing;
	free(orig);
	ui_text_free(&t);
	ui_cursor(ui, -1, 0);
	return rc;
}

static const enum ui_act view_acts[] = {UI_UP, UI_DOWN, UI_PGUP, UI_PGDN, UI_HOME, UI_END, UI_BACK, UI_HELP, UI_QUIT,
					UI_NONE};
static const enum ui_act view_hints[] = {UI_PGDN, UI_PGUP, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys view_keys = {
	.screen = "查看全文",
	.about = "显示一段文字的全文，按屏幕宽度折行。上下键滚动一行，PgUp/PgDn（或 b/空格）翻页，Home/End"
		 "（g/G）到开头、结尾；q 或 Esc 返回。",
	.acts = view_acts,
	.hints = view_hints,
};

void ui_text_view(struct ui *ui, const char *title, const char *text)
{
	int top = 0;
	bool was_typing = ui->typing;
	ui->typing = false;
	for (;;) {
		erase();
		int y0 = ui_body_top(), h = ui_body_rows(), w = COLS - 2;
		char **lines = NULL;
		int n = ui_wrap(text ? text : "", w, &lines);
		if (top > n - h)
			top = n - h;
		if (top < 0)
			top = 0;
		for (int k = 0; k < h && top + k < n; k++)
			ui_put(y0 + k, 1, w, lines[top + k], A_NORMAL);
		char right[48];
		snprintf(right, sizeof right, "%d-%d/%d 行", n ? top + 1 : 0, top + h < n ? top + h : n, n);
		ui_frame(ui, title, right, &view_keys);
		for (int k = 0; k < n; k++)
			free(lines[k]);
		free(lines);
		ui_cursor(ui, -1, 0);
		int key = ui_getkey(ui);
		if (key == UI_KEY_LEAVE)
			break;
		enum ui_act a = ui_key_action(key, false);
		if (a == UI_BACK)
			break;
		if (a == UI_UP)
			top--;
		else if (a == UI_DOWN)
			top++;
		else if (a == UI_PGUP)
			top -= h > 1 ? h - 1 : 1;
		else if (a == UI_PGDN)
			top += h > 1 ? h - 1 : 1;
		else if (a == UI_HOME)
			top = 0;
		else if (a == UI_END)
			top = n;
		else if (a == UI_HELP)
			ui_help(ui, &view_keys);
		else if (a == UI_QUIT)
			ui_quit(ui);
		else if (a == UI_REDRAW)
			clearok(curscr, TRUE);
		if (ui->leaving)
			break;
	}
	ui->typing = was_typing;
}
