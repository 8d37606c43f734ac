/* ui_edit.c — a one-line editor of wide characters, shown in a fixed number of columns. */
#include <stdlib.h>
#include <string.h>

#include "ui_screen.h"

void ui_edit_free(struct ui_edit *e)
{
	/* Passwords pass through here: leave nothing behind. */
	if (e->w)
		explicit_bzero(e->w, (size_t)e->cap * sizeof *e->w);
	free(e->w);
	e->w = NULL;
	e->n = e->cap = e->cur = e->off = 0;
}

void ui_edit_set(struct ui_edit *e, const char *s)
{
	e->n = ui_wide_set(&e->w, &e->cap, s, true);
	e->cur = e->n;
	e->off = 0;
	e->offered = false;
}

void ui_edit_offer(struct ui_edit *e, const char *s)
{
	ui_edit_set(e, s);
	e->offered = e->n > 0;
}

char *ui_edit_text(const struct ui_edit *e)
{
	return ui_wide_utf8(e->w, 0, e->n);
}

static void edit_insert(struct ui_edit *e, wchar_t wc)
{
	if (e->max > 0 && e->n >= e->max)
		return;
	ui_wide_reserve(&e->w, &e->cap, e->n + 1);
	memmove(e->w + e->cur + 1, e->w + e->cur, (size_t)(e->n - e->cur + 1) * sizeof *e->w);
	e->w[e->cur++] = wc;
	e->n++;
}

static void edit_delete(struct ui_edit *e, int at, int count)
{
	if (at < 0 || count <= 0 || at + count > e->n)
		return;
	memmove(e->w + at, e->w + at + count, (size_t)(e->n - at - count + 1) * sizeof *e->w);
	e->n -= count;
}

bool ui_edit_key(struct ui_edit *e, int key)
{
	if (!e->w)
		ui_edit_set(e, "");
	bool offered = e->offered;
	e->offered = false;
	switch (key) {
	case UI_FN | KEY_LEFT:
		if (e->cur > 0)
			e->cur--;
		return true;
	case UI_FN | KEY_RIGHT:
		if (e->cur < e->n)
			e->cur++;
		return true;
	case UI_FN | KEY_HOME:
	case UI_CTRL('A'):
		e->cur = 0;
		return true;
	case UI_FN | KEY_END:
	case UI_CTRL('E'):
		e->cur = e->n;
		return true;
	case UI_FN | KEY_BACKSPACE:
	case 127:
	case UI_CTRL('H'):
		if (e->cur > 0) {
			edit_delete(e, e->cur - 1, 1);
			e->cur--;
		}
		return true;
	case UI_FN | KEY_DC:
	case UI_CTRL('D'):
		edit_delete(e, e->cur, 1);
		return true;
	case UI_CTRL('U'):
		edit_delete(e, 0, e->cur);
		e->cur = 0;
		return true;
	case UI_CTRL('K'):
		edit_delete(e, e->cur, e->n - e->cur);
		return true;
	default:
		break;
	}
	if (key >= 0x20 && key != 0x7f && !(key & UI_FN) && ui_wcwidth((wchar_t)key) > 0) {
		if (offered) {
			edit_delete(e, 0, e->n);
			e->cur = 0;
		}
		edit_insert(e, (wchar_t)key);
		return true;
	}
	/* Not an editing key (Tab, Enter, F2…): the offer stands. */
	e->offered = offered;
	return false;
}

void ui_edit_draw(struct ui *ui, struct ui_edit *e, int y, int x, int w, bool hidden, attr_t a)
{
	if (!e->w)
		ui_edit_set(e, "");
	if (w < 2)
		return;
	if (e->cur < e->off)
		e->off = e->cur;
	/* Keep the cursor inside: move the window right until the text up to it fits. */
	for (;;) {
		int width = 0;
		for (int i = e->off; i < e->cur; i++)
			width += hidden ? 1 : ui_wcwidth(e->w[i]);
		if (width < w || e->off >= e->cur)
			break;
		e->off++;
	}
	struct sb sb;
	sb_init(&sb);
	int width = 0, cx = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	for (int i = e->off; i < e->n; i++) {
		int cw = hidden ? 1 : ui_wcwidth(e->w[i]);
		if (width + cw > w)
			break;
		if (i == e->cur)
			cx = width;
		if (hidden) {
			sb_addc(&sb, '*');
		} else {
			char buf[MB_LEN_MAX];
			size_t k = wcrtomb(buf, e->w[i], &st);
			if (k != (size_t)-1)
				sb_add(&sb, buf, k);
		}
		width += cw;
	}
	if (e->cur >= e->n)
		cx = width;
	/* Offered whole: shown selected, so that typing over it is expected. */
	if (e->offered && sb.buf) {
		ui_put(y, x, width, sb.buf, a | A_REVERSE);
		ui_put(y, x + width, w - width, "", a);
	} else {
		ui_put(y, x, w, sb.buf ? sb.buf : "", a);
	}
	sb_free(&sb);
	ui_cursor(ui, y, x + (cx < w ? cx : w - 1));
}
