/* ui_table.c — a scrollable table (fixed leading columns, the rest scroll sideways), and a
 * screen made of one table that other features can reuse. The selected row is shown by a marker
 * and its first cell, so that moving one row sends a few bytes, not two whole lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_screen.h"

static void table_clamp(struct ui_table *t, int rows)
{
	if (rows < 1)
		rows = 1;
	if (t->nrows <= 0) {
		t->cur = t->top = 0;
		return;
	}
	if (t->cur >= t->nrows)
		t->cur = t->nrows - 1;
	if (t->cur < 0)
		t->cur = 0;
	if (t->top > t->cur)
		t->top = t->cur;
	if (t->cur >= t->top + rows)
		t->top = t->cur - rows + 1;
	if (t->top > t->nrows - rows)
		t->top = t->nrows - rows > 0 ? t->nrows - rows : 0;
	if (t->top < 0)
		t->top = 0;
}

/* The columns shown: the fixed ones, then from t->first while they fit, then a pinned last column.
 * Their count; SHOWN holds the columns, WID the widths drawn (the last scrolling column may be cut
 * when a few columns are left for it). *MORE: scrolling columns are hidden or cut at the right. */
static int table_layout(const struct ui_table *t, int width, int *shown, int *wid, bool *more)
{
	int last = t->ncols - 1, pin = 0;
	if (t->pin_last && last >= t->fixed) {
		pin = t->cols[last].width;
		if (pin > width / 3)
			pin = width / 3;
	}
	int room = pin ? width - pin - 1 : width, x = 1, k = 0;
	*more = false;
	for (int c = 0; c < (pin ? last : t->ncols); c++) {
		if (c >= t->fixed && c < t->first)
			continue;
		int w = t->cols[c].width;
		if (x + w > room) {
			*more = true;
			if (room - x >= 6) {
				shown[k] = c;
				wid[k++] = room - x;
				x = room + 1;
			}
			break;
		}
		shown[k] = c;
		wid[k++] = w;
		x += w + 1;
	}
	if (pin && x < width) {
		shown[k] = last;
		wid[k++] = x + pin > width ? width - x : pin;
	}
	return k;
}

/* Cells SHOWN[FROM..NS) of ROW (the titles when ROW < 0), each padded to its width WID, a blank
 * between: a row is then put in one piece and changes attribute once on the wire, not at every
 * cell. */
static void table_line(const struct ui_table *t, long row, const int *shown, const int *wid, int from, int ns,
		       struct sb *sb)
{
	for (int i = from; i < ns; i++) {
		const struct ui_col *col = &t->cols[shown[i]];
		int w = wid[i];
		char buf[512], clipped[1024], padded[1024];
		if (row < 0) {
			ui_pad(padded, sizeof padded, col->title, w, col->right);
		} else {
			const char *txt = t->cell(t->arg, row, shown[i], buf, sizeof buf);
			/* A long or multi-line text shows its first line, marked "…" where it is cut. */
			ui_clip(clipped, sizeof clipped, txt ? txt : "", w);
			ui_pad(padded, sizeof padded, clipped, w, col->right);
		}
		if (i > from)
			sb_addc(sb, ' ');
		sb_adds(sb, padded);
	}
}

void ui_table_draw(struct ui *ui, struct ui_table *t, int y, int h)
{
	int rows = h - 1;
	t->rows = rows > 0 ? rows : 1;
	if (t->first < t->fixed)
		t->first = t->fixed;
	table_clamp(t, t->rows);
	int *shown = xcalloc((size_t)t->ncols + 1, sizeof *shown), *wid = xcalloc((size_t)t->ncols + 1, sizeof *wid);
	bool more;
	int ns = table_layout(t, COLS, shown, wid, &more);
	struct sb sb;
	sb_init(&sb);
	sb_adds(&sb, t->first > t->fixed ? "<" : " ");
	table_line(t, -1, shown, wid, 0, ns, &sb);
	ui_put(y, 0, COLS, sb.buf, ui_attr(ui, UI_A_HEAD));
	int x = 1;
	for (int i = 0; i < ns; i++)
		x += wid[i] + 1;
	/* More columns to the right: ">" at the screen's edge, or in the blank before a pinned column. */
	if (more && t->pin_last && ns && shown[ns - 1] == t->ncols - 1)
		ui_put(y, x - wid[ns - 1] - 2, 1, ">", ui_attr(ui, UI_A_HEAD));
	else if (more && ns && x <= COLS && wid[ns - 1] == t->cols[shown[ns - 1]].width)
		ui_put(y, COLS - 1, 1, ">", ui_attr(ui, UI_A_HEAD));
	for (int r = 0; r < rows; r++) {
		long row = t->top + r;
		if (row >= t->nrows)
			break;
		attr_t ra = t->row_attr ? t->row_attr(t->arg, row) : A_NORMAL;
		bool sel = row == t->cur;
		ui_put(y + 1 + r, 0, 1, sel ? ">" : " ", sel ? ui_attr(ui, UI_A_SEL) : A_NORMAL);
		/* The selected row's first cell is highlighted: it goes on its own. */
		int from = 0, cx = 1;
		if (sel && ns) {
			sb_reset(&sb);
			table_line(t, row, shown, wid, 0, 1, &sb);
			cx += wid[0];
			ui_put(y + 1 + r, 1, cx - 1, sb.buf, ui_attr(ui, UI_A_SEL));
			from = 1;
		}
		sb_reset(&sb);
		if (from)
			sb_addc(&sb, ' ');
		table_line(t, row, shown, wid, from, ns, &sb);
		ui_put(y + 1 + r, cx, COLS - cx, sb.len ? sb.buf : "", ra);
	}
	sb_free(&sb);
	if (t->nrows > 0)
		ui_cursor(ui, y + 1 + (int)(t->cur - t->top), 0);
	ui->cvis = false;
	free(shown);
	free(wid);
}

bool ui_table_act(struct ui_table *t, enum ui_act a)
{
	long page = t->rows > 1 ? t->rows : 1;
	switch (a) {
	case UI_UP:
		if (t->cur > 0)
			t->cur--;
		return true;
	case UI_DOWN:
		if (t->cur + 1 < t->nrows)
			t->cur++;
		return true;
	case UI_PGUP:
		t->cur -= page;
		t->top -= page;
		if (t->top < 0)
			t->top = 0;
		if (t->cur < 0)
			t->cur = 0;
		return true;
	case UI_PGDN:
		if (t->top + page < t->nrows) {
			t->top += page;
			t->cur += page;
		} else {
			t->cur = t->nrows - 1;
		}
		if (t->cur >= t->nrows)
			t->cur = t->nrows - 1;
		if (t->cur < 0)
			t->cur = 0;
		return true;
	case UI_HOME:
		t->cur = t->top = 0;
		return true;
	case UI_END:
		t->cur = t->nrows > 0 ? t->nrows - 1 : 0;
		return true;
	case UI_LEFT:
		if (t->first > t->fixed)
			t->first--;
		return true;
	case UI_RIGHT:
		if (t->first + 1 < t->ncols - (t->pin_last ? 1 : 0))
			t->first++;
		return true;
	default:
		return false;
	}
}

/* Actions on the row under the cursor (the claims' 标记, 认领, 退回, 分派): an empty table has
 * none to act on, so they are not offered there (they were, and did nothing). */
static const enum ui_act table_row_acts[] = {UI_MARK, UI_CLAIM, UI_SENDBACK, UI_ROUTE};

static bool table_row_act(enum ui_act a, const enum ui_act *more)
{
	for (size_t i = 0; i < ARRAY_LEN(table_row_acts); i++)
		if (table_row_acts[i] == a)
			return true;
	for (; more && *more != UI_NONE; more++)
		if (*more == a)
			return true;
	return false;
}

const enum ui_act *ui_table_hints(const enum ui_act *in, bool rows, bool enter_without_rows,
				  const enum ui_act *more, enum ui_act *out, int n)
{
	if (rows)
		return in;
	int k = 0;
	for (; *in != UI_NONE && k < n - 1; in++)
		if (!(*in == UI_ENTER && !enter_without_rows) && !table_row_act(*in, more))
			out[k++] = *in;
	out[k] = UI_NONE;
	return out;
}

int ui_table_run(struct ui *ui, struct ui_table_screen *s)
{
	for (;;) {
		/* A screen's action may have reloaded fewer rows (a to-do item done goes): the cursor
		 * stays on one, before the line above reads it. */
		ui_table_rows(&s->t, s->t.nrows);
		erase();
		int y = ui_body_top(), h = ui_body_rows();
		/* The line above the table: the screen's own text, and the position at the right in plain
		 * text, so that moving one row changes a few plain characters only. */
		char pos[64], buf[512];
		buf[0] = '\0';
		if (s->t.nrows)
			snprintf(pos, sizeof pos, " %ld/%ld ", s->t.cur + 1, s->t.nrows);
		else
			snprintf(pos, sizeof pos, " 0 条 ");
		int pw = ui_width(pos);
		s->top_w = COLS - pw;
		if (s->top)
			s->top(ui, s, buf, sizeof buf);
		ui_put(y, 0, COLS - pw, buf, ui_attr(ui, UI_A_HEAD));
		ui_put(y, COLS - pw, pw, pos, A_NORMAL);
		y++;
		h--;
		ui_table_draw(ui, &s->t, y, h);
		struct ui_keys keys = *s->keys;
		enum ui_act hints[24];
		bool no_enter = s->t.nrows == 0 && !s->enter_without_rows;
		if (keys.hints)
			keys.hints = ui_table_hints(keys.hints, s->t.nrows > 0, s->enter_without_rows, s->row_acts,
						    hints, (int)ARRAY_LEN(hints));
		if (s->t.nrows == 0)
			ui_put(y + 2, 2, COLS - 4, "（没有记录）", ui_attr(ui, UI_A_DIM));
		ui_frame(ui, s->title, NULL, &keys);
		int key = ui_getkey(ui);
		if (key == UI_KEY_LEAVE)
			return 0;
		if (key == UI_KEY_RESIZE)
			continue;
		enum ui_act a = ui_key_action(key, false);
		if (a == UI_ENTER && no_enter) {
			ui_msg(ui, "没有记录可以打开");
			continue;
		}
		if (s->t.nrows == 0 && table_row_act(a, s->row_acts)) {
			ui_msg(ui, "没有记录可以%s",
			       a == UI_EDIT && s->keys->edit_name ? s->keys->edit_name : ui_actions[a].name);
			continue;
		}
		if (s->act) {
			int r = s->act(ui, s, a);
			if (r == UI_CLOSE || ui->leaving)
				return 0;
			if (r == UI_DONE)
				continue;
		}
		if (ui_table_act(&s->t, a))
			continue;
		switch (a) {
		case UI_BACK:
			return 0;
		case UI_HELP:
			ui_help(ui, s->keys);
			break;
		case UI_REDRAW:
			clearok(curscr, TRUE);
			break;
		case UI_QUIT:
			ui_quit(ui);
			if (ui->leaving)
				return 0;
			break;
		case UI_NONE:
			ui_msg(ui, "这个键在本屏没有用处；按 ? 或 F1 查看本屏的按键");
			break;
		default:
			ui_msg(ui, "本屏没有“%s”这一操作；按 ? 或 F1 查看本屏的按键", ui_actions[a].name);
			break;
		}
	}
}

void ui_table_rows(struct ui_table *t, long n)
{
	t->nrows = n;
	if (t->cur >= n)
		t->cur = n ? n - 1 : 0;
}
