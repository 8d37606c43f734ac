/* ui_pick.c — pickers: a box over the screen with a list that typing narrows (code tables, the
 * unit tree, any list of choices). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "perm.h"
#include "ui_screen.h"
#include "unit.h"

static const enum ui_act pick_acts[] = {UI_UP, UI_DOWN, UI_PGUP, UI_PGDN, UI_ENTER, UI_BACK, UI_HELP, UI_NONE};
static const enum ui_act pick_hints[] = {UI_ENTER, UI_BACK, UI_NONE};
const struct ui_keys ui_pick_keys = {
	.screen = "选择",
	.about = "输入文字缩小范围（按名称或代码；字母和数字都是文字，单选时空格也是），上下键移动，回车选定，Esc 取消"
		 "（筛选框空着时 q 也是取消），F1 本帮助。多选时空格选中或取消一项，回车结束（一项也没选中时，回车选定光标所在的一项）。"
		 "F10 关闭选择框，什么也不选，然后询问是否退出系统。",
	.acts = pick_acts,
	.hints = pick_hints,
	.enter_name = "选定",
	.back_name = "取消",
	.typing = true,
};

void ui_box(const struct ui *ui, int y, int x, int h, int w)
{
	chtype hl = ui->ascii ? '-' : ACS_HLINE, vl = ui->ascii ? '|' : ACS_VLINE;
	chtype c1 = ui->ascii ? '+' : ACS_ULCORNER, c2 = ui->ascii ? '+' : ACS_URCORNER;
	chtype c3 = ui->ascii ? '+' : ACS_LLCORNER, c4 = ui->ascii ? '+' : ACS_LRCORNER;
	mvhline(y, x + 1, hl, w - 2);
	mvhline(y + h - 1, x + 1, hl, w - 2);
	mvvline(y + 1, x, vl, h - 2);
	mvvline(y + 1, x + w - 1, vl, h - 2);
	mvaddch(y, x, c1);
	mvaddch(y, x + w - 1, c2);
	mvaddch(y + h - 1, x, c3);
	mvaddch(y + h - 1, x + w - 1, c4);
}

int ui_pick_width(const char *title, const struct ui_pick_item *items, int n, bool multi, int cols)
{
	/* The head is " TITLE（N/N）" between two columns of border and gap on each side; a row is the
	 * cursor, the mark, its indent and a space before the label, and a blank before the border. */
	char count[32];
	snprintf(count, sizeof count, "（%d/%d）", n, n);
	int w = 1 + ui_width(title) + ui_width(count) + 4;
	for (int i = 0; i < n; i++) {
		int r = 1 + (multi ? 3 : 0) + 2 * items[i].indent + 1 + ui_width(items[i].label) + 1 + 2;
		if (r > w)
			w = r;
	}
	if (w < 34)
		w = 34;
	return w > cols - 4 ? cols - 4 : w;
}

char *ui_pick_head(char *out, size_t size, const char *title, const char *tail, int w)
{
	char cut[512];
	int room = w - 1 - ui_width(tail);
	snprintf(out, size, " %s%s", ui_clip(cut, sizeof cut, title, room), tail);
	return out;
}

char *ui_pick_what(char *out, size_t size, const char *label, const char *code, int w)
{
	bool has = code && *code;
	snprintf(out, size, "回车将选定“%s”%s%s%s", label, has ? "（" : "", has ? code : "", has ? "）" : "");
	if (ui_width(out) > w)
		snprintf(out, size, "%s%s%s%s", label, has ? "（" : "", has ? code : "", has ? "）" : "");
	return out;
}

void ui_pick_title(struct ui *ui, int y, int x, int w, const char *title, const char *tail)
{
	char head[512];
	ui_pick_head(head, sizeof head, title, tail, w - 4);
	/* The text and one blank: the box's top line goes on after it, not blanks to the corner. */
	int hw = ui_width(head) + 1;
	ui_put(y, x + 2, hw < w - 4 ? hw : w - 4, head, ui_attr(ui, UI_A_HEAD));
}

struct pick_state {
	const struct ui_pick_item *items;
	int n;
	int *vis;
	int nv;
	int pos, top;
};

static void pick_filter(struct pick_state *p, const char *filter, int keep)
{
	p->nv = 0;
	p->pos = 0;
	for (int i = 0; i < p->n; i++) {
		const struct ui_pick_item *it = &p->items[i];
		if (str_contains(it->label, filter) || (it->key && str_contains(it->key, filter))) {
			if (i == keep)
				p->pos = p->nv;
			p->vis[p->nv++] = i;
		}
	}
	p->top = 0;
}

int ui_pick(struct ui *ui, const char *title, const struct ui_pick_item *items, int n, int cur, const char *filter,
	    bool *sel)
{
	struct pick_state p = {.items = items, .n = n, .vis = xcalloc((size_t)n + 1, sizeof(int))};
	struct ui_edit ed = {0};
	ui_edit_set(&ed, filter ? filter : "");
	char *ftext = ui_edit_text(&ed);
	pick_filter(&p, ftext, cur);
	int result = -1;
	bool was_typing = ui->typing;
	ui->typing = true;
	/* The box and its status line are drawn over the caller's screen, and a caller often goes on
	 * with a prompt on the bottom line only: what the box covered must be put back on close. */
	WINDOW *under = dupwin(stdscr);
	for (;;) {
		int w = ui_pick_width(title, items, n, sel != NULL, COLS);
		int h = n + 4;
		if (h < 6)
			h = 6;
		if (h > LINES - 4)
			h = LINES - 4;
		int y = (LINES - h) / 2, x = (COLS - w) / 2;
		int rows = h - 3;
		ui_box(ui, y, x, h, w);
		char count[32];
		snprintf(count, sizeof count, "（%d/%d）", p.nv, n);
		ui_pick_title(ui, y, x, w, title, count);
		ui_put(y + 1, x + 1, 7, " 筛选:", A_NORMAL);
		if (p.pos < p.top)
			p.top = p.pos;
		if (p.pos >= p.top + rows)
			p.top = p.pos - rows + 1;
		for (int r = 0; r < rows; r++) {
			int k = p.top + r;
			char line[512], cut[512];
			if (k < p.nv) {
				const struct ui_pick_item *it = &items[p.vis[k]];
				snprintf(line, sizeof line, "%s%s%*s%s", k == p.pos ? ">" : " ",
					 sel ? (sel[p.vis[k]] ? "[x]" : "[ ]") : "", 2 * it->indent + 1, "", it->label);
			} else {
				line[0] = '\0';
			}
			/* A name longer than the box ends in "…" one column before its border. */
			ui_put(y + 2 + r, x + 1, w - 2, ui_clip(cut, sizeof cut, line, w - 3), k == p.pos && k < p.nv ? ui_attr(ui, UI_A_SEL) : A_NORMAL);
		}
		if (p.nv == 0)
			ui_put(y + 2, x + 2, w - 4, "（没有符合的项，请删去一些字）", ui_attr(ui, UI_A_WARN));
		ui_status(ui, &ui_pick_keys);
		if (!sel && !ui->msg[0] && p.nv) {
			/* What Enter takes, whole: the row may be cut, and names repeat (第1网格). */
			char what[512];
			const struct ui_pick_item *it = &items[p.vis[p.pos]];
			ui_pick_what(what, sizeof what, it->label, it->show_key ? it->key : NULL, COLS);
			ui_put(LINES - 2, 0, COLS, what, A_NORMAL);
		} else {
			ui_put(LINES - 2, 0, COLS, ui->msg, ui_attr(ui, ui->msg_err ? UI_A_ERROR : UI_A_NORMAL));
		}
		ui_edit_draw(ui, &ed, y + 1, x + 8, w - 9, false, ui_attr(ui, UI_A_INPUT));
		int key = ui_getkey(ui);
		if (key == UI_KEY_LEAVE)
			break;
		if (key == UI_KEY_RESIZE) {
			erase();
			continue;
		}
		if (sel && key == ' ') {
			if (p.nv)
				sel[p.vis[p.pos]] = !sel[p.vis[p.pos]];
			continue;
		}
		enum ui_act a = ui_pick_action(key, ftext);
		switch (a) {
		case UI_UP:
			if (p.pos > 0)
				p.pos--;
			continue;
		case UI_DOWN:
			if (p.pos + 1 < p.nv)
				p.pos++;
			continue;
		case UI_PGUP:
			p.pos = p.pos > rows ? p.pos - rows : 0;
			continue;
		case UI_PGDN:
			p.pos = p.pos + rows < p.nv ? p.pos + rows : (p.nv ? p.nv - 1 : 0);
			continue;
		case UI_HELP:
			ui_help(ui, &ui_pick_keys);
			erase();
			continue;
		case UI_ENTER:
			if (sel) {
				/* Enter on a row with nothing marked takes that row, as a single choice would. */
				bool any = false;
				for (int i = 0; i < n && !any; i++)
					any = sel[i];
				if (!any && p.nv)
					sel[p.vis[p.pos]] = true;
				result = 0;
				goto out;
			}
			if (p.nv) {
				result = p.vis[p.pos];
				goto out;
			}
			continue;
		case UI_QUIT:
			/* Nothing chosen; the screen below asks, a form first about its unsaved changes. */
			ui_key_again(key);
			goto out;
		case UI_BACK:
			goto out;
		default:
			break;
		}
		if (ui_edit_key(&ed, key)) {
			char *nf = ui_edit_text(&ed);
			if (strcmp(nf, ftext) != 0)
				pick_filter(&p, nf, p.nv ? p.vis[p.pos] : cur);
			free(ftext);
			ftext = nf;
		}
	}
out:
	ui_box_restore(under);
	ui->typing = was_typing;
	free(ftext);
	free(p.vis);
	ui_edit_free(&ed);
	ui_cursor(ui, -1, 0);
	return result;
}

int ui_pick_code(struct ui *ui, const struct field *f, char **val, const char *filter)
{
	static const struct ui_pick_item yesno[] = {{.label = "是", .key = "1"}, {.label = "否", .key = "0"}};
	const struct ui_pick_item *items = yesno;
	struct ui_pick_item *owned = NULL;
	int n = 2;
	if (f->type != FT_BOOL) {
		n = f->codes->n;
		owned = xcalloc((size_t)n + 1, sizeof *owned);
		for (int i = 0; i < n; i++)
			owned[i] = (struct ui_pick_item){.label = f->codes->v[i].label, .key = f->codes->v[i].code,
							   .show_key = true};
		items = owned;
	}
	int cur = 0;
	bool *sel = NULL;
	if (f->type == FT_MULTI) {
		sel = xcalloc((size_t)n + 1, sizeof *sel);
		char *tmp = xstrdup(*val ? *val : ""), *save = NULL;
		for (char *t = strtok_r(tmp, ",", &save); t; t = strtok_r(NULL, ",", &save))
			for (int i = 0; i < n; i++)
				if (!strcmp(items[i].key, t))
					sel[i] = true;
		free(tmp);
	} else if (*val) {
		for (int i = 0; i < n; i++)
			if (!strcmp(items[i].key, *val))
				cur = i;
	}
	char title[128];
	snprintf(title, sizeof title, "选择%s", f->label);
	int k = ui_pick(ui, title, items, n, cur, filter, sel);
	int rc = -1;
	if (k >= 0 && sel) {
		struct sb sb;
		sb_init(&sb);
		for (int i = 0; i < n; i++)
			if (sel[i]) {
				if (sb.len)
					sb_addc(&sb, ',');
				sb_adds(&sb, items[i].key);
			}
		free(*val);
		*val = sb.len ? sb_steal(&sb) : NULL;
		sb_free(&sb);
		rc = 0;
	} else if (k >= 0) {
		free(*val);
		*val = xstrdup(items[k].key);
		rc = 0;
	}
	free(sel);
	free(owned);
	return rc;
}

/* Pick one of N units (ITEMS, which this frees) into *VAL; NONE is told when there is none. */
static int pick_unit_from(struct ui *ui, const char *title, struct ui_pick_item *items, int n, int cur,
			  const char *filter, char **val, const char *none)
{
	int rc = -1;
	if (n == 0) {
		ui_msg(ui, "%s", none);
	} else {
		int k = ui_pick(ui, title, items, n, cur, filter, NULL);
		if (k >= 0) {
			free(*val);
			*val = xstrdup(items[k].key);
			rc = 0;
		}
	}
	free(items);
	return rc;
}

int ui_pick_unit(struct ui *ui, const char *title, const char *under, bool grids_only, char **val,
		 const char *filter)
{
	const struct units *us = ctx_units(ui->c);
	const char *scope = under ? under : perm_scope(ui->c, ui->u);
	const struct unit *top = units_find(us, scope);
	struct ui_pick_item *items = xcalloc((size_t)us->n + 1, sizeof *items);
	int n = 0, cur = 0;
	for (int i = 0; i < us->n; i++) {
		const struct unit *x = &us->v[i];
		if (!units_under(us, x->code, scope) || (grids_only && x->level != LV_GRID))
			continue;
		if (*val && !strcmp(*val, x->code))
			cur = n;
		int depth = 0;
		for (const char *p = x->path + (top ? strlen(top->path) : 0); *p; p++)
			depth += *p == '/';
		items[n++] = (struct ui_pick_item){
		    .label = x->name, .key = x->code, .indent = grids_only ? 0 : depth, .show_key = true};
	}
	return pick_unit_from(ui, title, items, n, cur, filter, val, "没有可选的单位");
}

int ui_pick_unit_above(struct ui *ui, const char *title, char **val, const char *filter)
{
	const struct units *us = ctx_units(ui->c);
	const struct unit *x = units_find(us, perm_scope(ui->c, ui->u));
	struct ui_pick_item *items = xcalloc((size_t)us->n + 1, sizeof *items);
	int n = 0, cur = 0;
	for (const struct unit *p = x ? units_find(us, x->parent) : NULL; p && n < us->n;
	     p = units_find(us, p->parent)) {
		if (*val && !strcmp(*val, p->code))
			cur = n;
		items[n++] = (struct ui_pick_item){.label = p->name, .key = p->code, .show_key = true};
	}
	return pick_unit_from(ui, title, items, n, cur, filter, val, "本单位没有上级单位");
}

void ui_attach_pick(struct ui *ui, const struct rtype *t, uint64_t id, const struct attach_ent *v, int n,
		    ui_attach_fetch_fn fetch)
{
	struct ui_pick_item *items = xcalloc((size_t)n, sizeof *items);
	char **labels = xcalloc((size_t)n, sizeof *labels);
	for (int i = 0; i < n; i++) {
		labels[i] = xasprintf("%s（%s，%llu 字节）", v[i].name, v[i].kind, (unsigned long long)v[i].size);
		items[i].label = labels[i];
	}
	int k = ui_pick(ui, "复制哪个附件到下载文件夹", items, n, 0, NULL, NULL);
	if (k >= 0) {
		char *name = NULL;
		int rc = fetch(ui->c, ui->u, t, id, v[k].sha, &name);
		if (rc < 0)
			ui_err(ui, rc);
		else
			ui_msg(ui, "已复制到下载文件夹：download/%s（用 SFTP 取回）", name);
		free(name);
	}
	for (int i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
	free(items);
}
