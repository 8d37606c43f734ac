/* ui_draw.c — text laid out by display width (a Chinese character takes two columns and is never
 * cut in half), and the frame every screen shares: title, message and status lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_screen.h"

int ui_wcwidth(wchar_t wc)
{
	int w = wcwidth(wc);
	/* East Asian wide characters take two columns even where the locale does not say so. */
	if (wc >= 0x2e80 && wc <= 0xffef && w < 2 && !(wc >= 0xff61 && wc <= 0xffdc) &&
	    !(wc >= 0xfe00 && wc <= 0xfe0f))
		return 2;
	if (w < 0)
		return wc < 0x20 || wc == 0x7f ? 0 : 1;
	return w;
}

/* Decode one character of S (N bytes left); invalid bytes count as one column each. */
static size_t next_char(const char *s, size_t n, int *w)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	wchar_t wc;
	size_t k = mbrtowc(&wc, s, n, &st);
	if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
		*w = 1;
		return 1;
	}
	*w = ui_wcwidth(wc);
	return k;
}

void ui_wide_reserve(wchar_t **w, int *cap, int n)
{
	if (n + 1 <= *cap)
		return;
	*cap = (n + 1) * 2;
	*w = xrealloc(*w, (size_t)*cap * sizeof **w);
}

int ui_wide_set(wchar_t **w, int *cap, const char *s, bool keep_cr)
{
	size_t len = strlen(s);
	ui_wide_reserve(w, cap, (int)len);
	mbstate_t st;
	memset(&st, 0, sizeof st);
	int n = 0;
	while (len > 0) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s, len, &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&st, 0, sizeof st);
			wc = L'?';
			k = 1;
		}
		if (keep_cr || wc != L'\r')
			(*w)[n++] = wc;
		s += k;
		len -= k;
	}
	(*w)[n] = L'\0';
	return n;
}

char *ui_wide_utf8(const wchar_t *w, int from, int to)
{
	struct sb sb;
	sb_init(&sb);
	mbstate_t st;
	memset(&st, 0, sizeof st);
	for (int i = from; i < to; i++) {
		char buf[MB_LEN_MAX];
		size_t k = wcrtomb(buf, w[i], &st);
		if (k != (size_t)-1)
			sb_add(&sb, buf, k);
	}
	return sb.buf ? sb_steal(&sb) : xstrdup("");
}

int ui_width(const char *s)
{
	int total = 0;
	size_t n = strlen(s);
	while (n > 0) {
		int w;
		size_t k = next_char(s, n, &w);
		total += w;
		s += k;
		n -= k;
	}
	return total;
}

size_t ui_fit(const char *s, int w, int *used)
{
	size_t n = strlen(s), pos = 0;
	int total = 0;
	while (pos < n) {
		int cw;
		size_t k = next_char(s + pos, n - pos, &cw);
		if (total + cw > w)
			break;
		total += cw;
		pos += k;
	}
	if (used)
		*used = total;
	return pos;
}

char *ui_pad(char *out, size_t n, const char *s, int w, bool right)
{
	if (n == 0)
		return out;
	if (w < 0)
		w = 0;
	int used;
	size_t b = ui_fit(s ? s : "", w, &used);
	/* Keep room for the padding and the terminator. */
	while (b + (size_t)(w - used) + 1 > n && b > 0) {
		b = ui_fit(s, used - 1, &used);
	}
	size_t pad = (size_t)(w - used);
	if (pad + b + 1 > n)
		pad = n - b - 1;
	if (right) {
		memset(out, ' ', pad);
		memcpy(out + pad, s ? s : "", b);
	} else {
		memcpy(out, s ? s : "", b);
		memset(out + b, ' ', pad);
	}
	out[b + pad] = '\0';
	return out;
}

/* Marks that never start a line (closing punctuation) and never end one (opening), as Chinese
 * typesetting breaks lines (禁则). */
static const char *const wrap_no_start[] = {"，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "】", "》",
					    "〉", "〕", "］", "｝", "”", "’", "…", "—", "～", "·", ",", ".",
					    ";", ":", "?", "!", ")", "]", "}"};
static const char *const wrap_no_end[] = {"（", "「", "『", "【", "《", "〈", "〔", "［", "｛", "“", "‘", "(", "[", "{"};

static bool wrap_mark(const char *const *marks, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strncmp(s, marks[i], strlen(marks[i])))
			return true;
	return false;
}

static size_t wrap_char_before(const char *p, size_t b)
{
	size_t k = b - 1;
	while (k > 0 && ((unsigned char)p[k] & 0xC0) == 0x80)
		k--;
	return k;
}

static bool wrap_ascii_word(char c)
{
	return (unsigned char)c > ' ' && (unsigned char)c < 0x80;
}

/* Whether a line may end before P[B]: not inside an ASCII word, not before a closing mark, not
 * after an opening one. */
static bool wrap_may_break(const char *p, size_t b)
{
	size_t a = wrap_char_before(p, b);
	if (wrap_mark(wrap_no_end, ARRAY_LEN(wrap_no_end), p + a))
		return false;
	if (p[b] == ' ')
		return true;
	if (wrap_mark(wrap_no_start, ARRAY_LEN(wrap_no_start), p + b))
		return false;
	return !(wrap_ascii_word(p[a]) && wrap_ascii_word(p[b]));
}

/* Where the line of at most W columns starting at P ends: the last place it may break within 16
 * characters of the width's end, else (a long word, a run of marks) at the width's end. */
static size_t wrap_break(const char *p, int w)
{
	size_t fit = ui_fit(p, w, NULL);
	if (!p[fit] || fit == 0)
		return fit;
	size_t b = fit;
	for (int back = 0; b > 0 && back <= 16; back++, b = wrap_char_before(p, b))
		if (wrap_may_break(p, b))
			return b;
	return fit;
}

int ui_wrap(const char *s, int w, char ***out)
{
	int count = 0, cap = 0;
	char **lines = NULL;
	if (w < 2)
		w = 2;
	while (*s || count == 0) {
		size_t nl = strcspn(s, "\n");
		char *para = xstrndup(s, nl);
		const char *p = para;
		do {
			size_t b = wrap_break(p, w);
			if (count == cap) {
				cap = cap ? cap * 2 : 8;
				lines = xrealloc(lines, (size_t)cap * sizeof *lines);
			}
			lines[count++] = xstrndup(p, b);
			p += b;
			while (*p == ' ')
				p++;
		} while (*p);
		free(para);
		s += nl;
		if (*s == '\n')
			s++;
		else
			break;
	}
	*out = lines;
	return count;
}

char *ui_clip(char *out, size_t n, const char *s, int w)
{
	if (n == 0)
		return out;
	out[0] = '\0';
	if (!s || w <= 0)
		return out;
	size_t nl = strcspn(s, "\n");
	bool more = false;
	for (const char *p = s + nl; *p && !more; p++)
		more = *p != '\n' && *p != ' ' && *p != '\r' && *p != '\t';
	int used;
	size_t b = ui_fit(s, w, &used);
	if (b >= nl && !more) {
		snprintf(out, n, "%.*s", (int)nl, s);
		return out;
	}
	b = ui_fit(s, w - 1, &used);
	if (b > nl)
		b = nl;
	snprintf(out, n, "%.*s…", (int)b, s);
	return out;
}

/* Part I of the line gives way: cut with "…" toward its KEEP columns (never below) when SHORTEN, else
 * left out. EXCESS is how many columns too wide the line is. */
static void parts_give(const struct ui_part *p, char **txt, int *wd, int i, int excess, bool shorten)
{
	if (!shorten) {
		txt[i][0] = '\0';
		wd[i] = 0;
		return;
	}
	int to = wd[i] - excess < p[i].keep ? p[i].keep : wd[i] - excess;
	size_t n = strlen(txt[i]) + 4;
	char *cut = xmalloc(n);
	ui_clip(cut, n, txt[i], to);
	free(txt[i]);
	txt[i] = cut;
	wd[i] = ui_width(cut);
}

char *ui_parts_fit(char *out, size_t n, const struct ui_part *p, int np, int w)
{
	char **txt = xcalloc((size_t)np ? (size_t)np : 1, sizeof *txt);
	int *wd = xcalloc((size_t)np ? (size_t)np : 1, sizeof *wd);
	int total = 0, maxrank = 0;
	for (int i = 0; i < np; i++) {
		txt[i] = xstrdup(p[i].s ? p[i].s : "");
		wd[i] = ui_width(txt[i]);
		total += wd[i];
		if (p[i].drop > maxrank)
			maxrank = p[i].drop;
	}
	/* First the names are shortened and the rest left out, least important first; then the
	 * shortened names go too. */
	for (int pass = 0; pass < 2; pass++)
		for (int r = maxrank; r > 0 && total > w; r--)
			for (int i = np - 1; i >= 0 && total > w; i--) {
				if (p[i].drop != r || !wd[i] || (pass == 1 && !p[i].keep))
					continue;
				bool shorten = pass == 0 && p[i].keep > 0;
				if (shorten && wd[i] <= p[i].keep)
					continue;
				total -= wd[i];
				parts_give(p, txt, wd, i, total + wd[i] - w, shorten);
				total += wd[i];
			}
	struct sb sb;
	sb_init(&sb);
	for (int i = 0; i < np; i++) {
		sb_adds(&sb, txt[i]);
		free(txt[i]);
	}
	free(txt);
	free(wd);
	/* The parts that never give way are cut at the end as a last resort. */
	ui_clip(out, n, sb.buf ? sb.buf : "", w);
	sb_free(&sb);
	return out;
}

/* Whether a blank in attribute A looks like a plain one: no reverse, underline or background. */
static bool ui_blank_plain(attr_t a)
{
	if (a & (A_REVERSE | A_UNDERLINE | A_STANDOUT | A_BLINK))
		return false;
	short fg = 0, bg = -1;
	if (PAIR_NUMBER(a) != 0 && pair_content((short)PAIR_NUMBER(a), &fg, &bg) != OK)
		return false;
	return bg < 0;
}

void ui_put(int y, int x, int w, const char *s, attr_t a)
{
	if (w <= 0 || y < 0 || y >= LINES || x >= COLS)
		return;
	if (x + w > COLS)
		w = COLS - x;
	size_t n = (size_t)w * 4 + 8;
	char stackbuf[1024], clipbuf[1024];
	char *buf = n <= sizeof stackbuf ? stackbuf : xmalloc(n);
	/* A text of several lines shows its first, marked: a line break never reaches the terminal. */
	char *clip = NULL;
	if (s && strchr(s, '\n'))
		s = clip = ui_clip(n <= sizeof clipbuf ? clipbuf : xmalloc(n), n, s, w);
	ui_pad(buf, n, s, w, false);
	if (clip && clip != clipbuf)
		free(clip);
	/* Blanks that look the same in A are written plain: curses then ends the line with one
	 * erase instead of sending each blank with its colour (bytes on a slow link). */
	size_t len = strlen(buf), text = len;
	if (ui_blank_plain(a))
		while (text > 0 && buf[text - 1] == ' ')
			text--;
	attrset(a);
	mvaddnstr(y, x, buf, (int)text);
	attrset(A_NORMAL);
	if (text < len)
		addstr(buf + text);
	if (buf != stackbuf)
		free(buf);
}

void ui_hline(const struct ui *ui, int y, int x, int w)
{
	if (w <= 0)
		return;
	if (ui->ascii)
		mvhline(y, x, '-', w);
	else
		mvhline(y, x, ACS_HLINE, w);
}

attr_t ui_attr(const struct ui *ui, enum ui_attr a)
{
	if (ui->color) {
		switch (a) {
		case UI_A_NORMAL:
			return A_NORMAL;
		case UI_A_TITLE:
			return COLOR_PAIR(1) | A_BOLD;
		case UI_A_STATUS:
			return COLOR_PAIR(2);
		case UI_A_ERROR:
			return COLOR_PAIR(3) | A_BOLD;
		case UI_A_WARN:
			return COLOR_PAIR(4) | A_BOLD;
		case UI_A_MARK:
			return COLOR_PAIR(3);
		case UI_A_HEAD:
			return COLOR_PAIR(5) | A_BOLD;
		case UI_A_INPUT:
			return A_UNDERLINE;
		case UI_A_SEL:
			return A_REVERSE;
		case UI_A_DIM:
			return COLOR_PAIR(6);
		case UI_A_SYSTEM:
			return COLOR_PAIR(7) | A_BOLD;
		}
	}
	switch (a) {
	case UI_A_TITLE:
	case UI_A_STATUS:
	case UI_A_SEL:
		return A_REVERSE;
	case UI_A_ERROR:
	case UI_A_WARN:
	case UI_A_MARK:
	case UI_A_HEAD:
		return A_BOLD;
	case UI_A_INPUT:
		return A_UNDERLINE;
	case UI_A_SYSTEM:
		return A_UNDERLINE;
	case UI_A_NORMAL:
	case UI_A_DIM:
		break;
	}
	return A_NORMAL;
}

int ui_body_top(void)
{
	return 1;
}

int ui_body_rows(void)
{
	return LINES - 3;
}

bool ui_too_small(void)
{
	return LINES < 24 || COLS < 80;
}

/* "?帮助 a新增 …": each hint by its letter where nothing is typed, else its first key. */
static void status_hints(const struct ui *ui, const struct ui_keys *k, bool typing, struct sb *sb)
{
	for (int i = 0; k && k->hints && k->hints[i] != UI_NONE; i++) {
		const struct ui_action_info *x = &ui_actions[k->hints[i]];
		char name[24];
		/* Actions with a letter only (认领, 退回…) show it even while typing elsewhere. */
		int key = (!typing && x->letter) || !x->k1 ? x->letter : x->k1;
		ui_key_name(key, name, sizeof name);
		if (key == ' ')
			snprintf(name, sizeof name, "空格");
		const char *label = x->name;
		if (k->hints[i] == UI_ENTER && k->enter_name)
			label = k->enter_name;
		else if (k->hints[i] == UI_BACK && k->back_name)
			label = k->back_name;
		else if (k->hints[i] == UI_SEARCH && k->search_name)
			label = k->search_name;
		else if (k->hints[i] == UI_PUBLISH && k->publish_name)
			label = k->publish_name;
		else if (k->hints[i] == UI_EDIT && k->edit_name)
			label = k->edit_name;
		sb_addf(sb, "%s%s%s", sb->len ? " " : "", name, label);
	}
	(void)ui;
}

char *ui_frame_title(char *out, size_t n, const char *title, int w)
{
	const struct ui_part parts[] = {{.s = " "}, {.s = "社会治安综合治理信息系统 > ", .drop = 1}, {.s = title}};
	return ui_parts_fit(out, n, parts, (int)ARRAY_LEN(parts), w);
}

void ui_frame(struct ui *ui, const char *title, const char *right, const struct ui_keys *k)
{
	int cols = COLS, rows = LINES;
	char left[1024];
	int rw = right ? ui_width(right) + 1 : 0;
	ui_frame_title(left, sizeof left, title ? title : "", cols - rw - (rw ? 1 : 0));
	ui_put(0, 0, cols - rw, left, ui_attr(ui, UI_A_TITLE));
	if (rw)
		ui_put(0, cols - rw, rw, right, ui_attr(ui, UI_A_TITLE));
	ui_put(rows - 2, 0, cols, ui->msg, ui_attr(ui, ui->msg_err ? UI_A_ERROR : UI_A_NORMAL));
	ui_status(ui, k);
}

char *ui_clip_start(char *out, size_t n, const char *s, int w)
{
	if (n == 0)
		return out;
	out[0] = '\0';
	if (w <= 0)
		return out;
	int total = ui_width(s);
	if (total <= w) {
		snprintf(out, n, "%s", s);
		return out;
	}
	size_t len = strlen(s);
	while (len > 0 && total > w - 1) {
		int cw;
		size_t k = next_char(s, len, &cw);
		total -= cw;
		s += k;
		len -= k;
	}
	snprintf(out, n, "…%s", s);
	return out;
}

/* The right part of the status line, the I-th way (ui_status_parts): 0 all of it, 1 without the
 * account, 2 without the person, 3 the unit's end after "…" in ROOM columns (none when fewer than
 * STATUS_UNIT_KEEP of it fit), 4 the count alone. */
enum { STATUS_WAYS = 5, STATUS_UNIT_KEEP = 6 };

static bool status_way(const struct ui_status_who *w, int i, int room, char *out, size_t n)
{
	bool unit = w->unit && *w->unit && i < 4, person = i < 2 || !w->count, acct = i == 0 && w->account && *w->account;
	char u[200] = "";
	if (unit && i == 3) {
		int fixed = 1 + (w->count ? ui_width(w->count) + 1 : 0) + 1;
		if (room - fixed < STATUS_UNIT_KEEP + 1)
			return false;
		ui_clip_start(u, sizeof u, w->unit, room - fixed);
	} else if (unit) {
		snprintf(u, sizeof u, "%s", w->unit);
	}
	snprintf(out, n, " %s%s%s%s%s%s%s%s ", u, u[0] ? " " : "", person ? w->person : "", acct ? "(" : "",
		 acct ? w->account : "", acct ? ")" : "", person && w->count ? " " : "", w->count ? w->count : "");
	return true;
}

/* The first way of the right part (status_way) that fits in ROOM columns, the last when none. The
 * account only while all of it takes at most half of the COLS: a long one (u321204003005002.grid)
 * stays out on every screen rather than come and go with the hints. */
static int status_best(const struct ui_status_who *w, int room, int cols, char *out, size_t n)
{
	for (int i = 0; i < STATUS_WAYS; i++)
		if (status_way(w, i, room, out, n) &&
		    ((ui_width(out) <= room && (i > 0 || ui_width(out) <= cols / 2)) || i == STATUS_WAYS - 1))
			return i;
	return STATUS_WAYS - 1;
}

int ui_status_parts(const struct ui_status_who *w, const char *hints, bool standby, int cols, char *left, size_t ln,
		    char *right, size_t rn)
{
	/* A standby site (9.5): nothing can be saved here until it is elected primary. Its marker
	 * gives way to its short form before anything on the right does. */
	const char *mark = standby ? "备用站点（只读） " : "";
	snprintf(left, ln, " %s %s", mark, hints);
	int way = status_best(w, cols - ui_width(left) - 1, cols, right, rn);
	if (standby && way > 0) {
		char s[1024], r[512];
		snprintf(s, sizeof s, " %s %s", "备用只读 ", hints);
		if (status_best(w, cols - ui_width(s) - 1, cols, r, sizeof r) < way) {
			snprintf(left, ln, "%s", s);
			snprintf(right, rn, "%s", r);
		}
	}
	/* Even the count alone too wide (a very long line of hints): the right part still keeps half
	 * the line. */
	int hw = ui_width(left), ww = ui_width(right), limit = cols - hw - 1 > cols / 2 ? cols - hw - 1 : cols / 2;
	return ww > limit ? limit : ww;
}

void ui_status(struct ui *ui, const struct ui_keys *k)
{
	int cols = COLS, rows = LINES;
	struct sb sb;
	sb_init(&sb);
	status_hints(ui, k, ui->typing, &sb);
	/* Whatever this session has just done (受理, 交办, a patrol log saved, a report submitted) is
	 * counted before the line shows it, not at the next visit to the menu. */
	if (ui->u && ui->c && ui->c->st && atomic_load(&ui->c->st->commits) != ui->todo_commits)
		ui_todo_count(ui);
	char count[32], left[1024], who[512];
	snprintf(count, sizeof count, "待办 %d", ui->todo_n);
	const struct ui_status_who w = {
		.unit = ui->who_unit, .person = ui->who, .account = ui->who_account, .count = ui->u ? count : NULL};
	bool standby = ui->c && ui->c->st && store_standby(ui->c->st);
	int ww = ui_status_parts(&w, sb.buf ? sb.buf : "", standby, cols, left, sizeof left, who, sizeof who);
	ui_put(rows - 1, 0, cols - ww, left, ui_attr(ui, UI_A_STATUS));
	ui_put(rows - 1, cols - ww, ww, who, ui_attr(ui, UI_A_STATUS));
	sb_free(&sb);
}

void ui_box_restore(WINDOW *under)
{
	if (under && getmaxy(under) == LINES && getmaxx(under) == COLS)
		overwrite(under, stdscr);
	else
		erase();
	if (under)
		delwin(under);
}
