/* ui_pick_tree.c — several units chosen on the unit tree: branches open and close, one unit or a
 * whole subtree selected at once, departments beside the units they belong to, and optionally
 * department lines above the tree (receivers of documents and tasks). */
#include <stdlib.h>
#include <string.h>

#include "ui_screen.h"
#include "unit.h"

static const enum ui_act tree_acts[] = {UI_UP, UI_DOWN, UI_PGUP, UI_PGDN, UI_HOME, UI_END, UI_ENTER, UI_BACK, UI_HELP, UI_NONE};
static const enum ui_act tree_hints[] = {UI_ENTER, UI_BACK, UI_HELP, UI_NONE};
const struct ui_keys ui_pick_tree_keys = {
	.screen = "选择单位（单位树）",
	.about = "上下键移动，翻页键翻页；右方向键或 + 展开一个单位的下级，左方向键或 - 收起（已收起时回到上级）；"
		 "空格选中或取消光标所在的单位，* 选中或取消它和它以下的全部单位（部门随其所属单位列在下面）；"
		 "列在单位树上面的“条线”表示本单位以下该部门的全部单位，下发时换成具体的单位。"
		 "输入名称中的字（或代码开头）跳到该单位并展开其上级，Tab 跳到下一个符合的单位。"
		 "[x] 已选中，[ ] 未选中，收起的单位后面写着其下已选中几个。回车完成，Esc 放弃这次的选择（查找栏空着时 q 也是），"
		 "? 或 F1 本帮助；F10 放弃这次的选择，然后询问是否退出系统。",
	.acts = tree_acts,
	.hints = tree_hints,
	.enter_name = "完成",
	.back_name = "放弃",
	.typing = true,
};

struct tnode {
	const struct unit *u; /* NULL for a line row */
	const struct ui_pick_item *line;
	int depth;
	int end; /* index past its subtree */
	bool may, sel, open;
};

struct tree {
	struct tnode *v;
	int n;
	int nlines;
	int *vis, nv;
	int pos, top;
};

/* Paths sorted put each subtree in one run after its head ('/' ends every code). */
static void tree_build(struct ui *ui, struct tree *t, const char *topcode, const struct ui_pick_item *lines,
		       int nlines, bool (*may)(struct ui *ui, const struct unit *x, void *arg), void *arg)
{
	const struct units *us = ctx_units(ui->c);
	const struct unit *top = units_find(us, topcode);
	const struct unit **all = xcalloc((size_t)us->n + 1, sizeof *all);
	int n = 0;
	for (int i = 0; top && i < us->n; i++)
		if (&us->v[i] != top && units_under(us, us->v[i].code, top->code))
			all[n++] = &us->v[i];
	qsort(all, (size_t)n, sizeof *all, units_path_cmp);
	t->v = xcalloc((size_t)(n + nlines) + 1, sizeof *t->v);
	for (int i = 0; i < nlines; i++)
		t->v[i] = (struct tnode){.line = &lines[i], .end = i + 1, .may = true};
	t->n = t->nlines = nlines;
	size_t base = top ? strlen(top->path) : 0;
	for (int i = 0; i < n; i++) {
		int depth = 0;
		for (const char *p = all[i]->path + base; *p; p++)
			depth += *p == '/';
		t->v[t->n++] = (struct tnode){.u = all[i], .depth = depth - 1, .may = may(ui, all[i], arg)};
	}
	free(all);
	/* Each subtree's end; then drop the rows with nothing to choose in their subtree. */
	for (int i = nlines; i < t->n; i++) {
		int e = i + 1;
		while (e < t->n && t->v[e].depth > t->v[i].depth)
			e++;
		t->v[i].end = e;
	}
	int k = nlines;
	for (int i = nlines; i < t->n; i++) {
		bool any = false;
		for (int j = i; j < t->v[i].end && !any; j++)
			any = t->v[j].may;
		if (any)
			t->v[k++] = t->v[i];
	}
	t->n = k;
	for (int i = nlines; i < t->n; i++) {
		int e = i + 1;
		while (e < t->n && t->v[e].depth > t->v[i].depth)
			e++;
		t->v[i].end = e;
	}
	t->vis = xcalloc((size_t)t->n + 1, sizeof *t->vis);
}

static const char *tnode_key(const struct tnode *x)
{
	return x->u ? x->u->code : x->line->key;
}

static void tree_layout(struct tree *t)
{
	int keep = t->nv ? t->vis[t->pos] : 0;
	t->nv = 0;
	t->pos = 0;
	for (int i = 0; i < t->n;) {
		if (i == keep || (keep > i && keep < t->v[i].end && !t->v[i].open))
			t->pos = t->nv;
		t->vis[t->nv++] = i;
		i = t->v[i].open ? i + 1 : t->v[i].end;
	}
}

static int sel_count(const struct tree *t, int from, int to)
{
	int k = 0;
	for (int i = from; i < to; i++)
		k += t->v[i].sel;
	return k;
}

/* Select every choosable unit from I through its subtree, or none when all already are. */
static void tree_toggle_subtree(struct tree *t, int i)
{
	bool all = true;
	for (int j = i; j < t->v[i].end; j++)
		all &= !t->v[j].may || t->v[j].sel;
	for (int j = i; j < t->v[i].end; j++)
		if (t->v[j].may)
			t->v[j].sel = !all;
}

static char *tree_value(const struct tree *t, const struct strv *kept)
{
	struct sb sb;
	sb_init(&sb);
	for (int i = 0; i < t->n; i++)
		if (t->v[i].sel)
			sb_addf(&sb, "%s%s", sb.len ? "," : "", tnode_key(&t->v[i]));
	for (int i = 0; i < kept->n; i++)
		sb_addf(&sb, "%s%s", sb.len ? "," : "", kept->v[i]);
	return sb_steal(&sb);
}

static void tree_row(const struct tree *t, int k, char *out, size_t n)
{
	const struct tnode *x = &t->v[t->vis[k]];
	const char *box = !x->may ? "   " : x->sel ? "[x]" : "[ ]";
	const char *arrow = x->end > t->vis[k] + 1 ? (x->open ? "- " : "+ ") : "  ";
	char more[48] = "";
	int below = x->u ? sel_count(t, t->vis[k] + 1, x->end) : 0;
	if (below && !x->open)
		snprintf(more, sizeof more, "  （其下已选 %d）", below);
	if (x->line)
		snprintf(out, n, "%s%s %s", k == t->pos ? ">" : " ", box, x->line->label);
	else
		snprintf(out, n, "%s%s %*s%s%s%s", k == t->pos ? ">" : " ", box, 2 * x->depth, "", arrow,
			 x->u->name, more);
}

static void tree_draw(struct ui *ui, struct tree *t, const char *title, int y, int x, int h, int w)
{
	int rows = h - 4;
	ui_box(ui, y, x, h, w);
	char count[48];
	snprintf(count, sizeof count, "（已选 %d）", sel_count(t, 0, t->n));
	ui_pick_title(ui, y, x, w, title, count);
	if (t->pos < t->top)
		t->top = t->pos;
	if (t->pos >= t->top + rows)
		t->top = t->pos - rows + 1;
	for (int r = 0; r < rows; r++) {
		int k = t->top + r;
		char line[600] = "", cut[600];
		if (k < t->nv)
			tree_row(t, k, line, sizeof line);
		bool line_row = k < t->nv && t->v[t->vis[k]].line;
		attr_t a = k == t->pos && k < t->nv ? ui_attr(ui, UI_A_SEL) : line_row ? ui_attr(ui, UI_A_MARK) : A_NORMAL;
		ui_put(y + 1 + r, x + 1, w - 2, ui_clip(cut, sizeof cut, line, w - 3), a);
	}
	ui_put(y + h - 3, x + 1, w - 2, "", A_NORMAL);
	ui_put(y + h - 2, x + 2, w - 4, "空格 选/取消 * 连同下级 →/+ 展开 ←/- 收起 Tab 下一个 回车 完成", ui_attr(ui, UI_A_DIM));
	ui_status(ui, &ui_pick_tree_keys);
	ui_put(LINES - 2, 0, COLS, ui->msg, ui_attr(ui, ui->msg_err ? UI_A_ERROR : UI_A_NORMAL));
}

static void tree_move(struct tree *t, int d)
{
	t->pos += d;
	if (t->pos >= t->nv)
		t->pos = t->nv - 1;
	if (t->pos < 0)
		t->pos = 0;
}

/* Left: close the branch, or go to the parent of a closed one. */
static void tree_left(struct tree *t)
{
	int i = t->vis[t->pos];
	if (t->v[i].open) {
		t->v[i].open = false;
		tree_layout(t);
		return;
	}
	for (int k = t->pos - 1; t->v[i].u && k >= 0; k--)
		if (t->v[t->vis[k]].u && t->v[t->vis[k]].depth < t->v[i].depth) {
			t->pos = k;
			return;
		}
}

/* The first unit from FROM on (round the tree) whose name or code holds FIND: its branches are
 * opened and the cursor put on it. */
static void tree_find(struct ui *ui, struct tree *t, const char *find, int from)
{
	int m = t->n - t->nlines;
	if (!*find || m <= 0)
		return;
	for (int k = 0; k < m; k++) {
		int i = t->nlines + ((from - t->nlines + k) % m + m) % m;
		if (!strstr(t->v[i].u->name, find) && strncmp(t->v[i].u->code, find, strlen(find)) != 0)
			continue;
		for (int j = t->nlines; j < i; j++)
			if (t->v[j].end > i)
				t->v[j].open = true;
		tree_layout(t);
		for (int k2 = 0; k2 < t->nv; k2++)
			if (t->vis[k2] == i)
				t->pos = k2;
		return;
	}
	ui_msg(ui, "没有名称含“%s”的单位", find);
	ui->msg_err = true;
}

int ui_pick_units(struct ui *ui, const struct ui_pick_units_req *q, char **val)
{
	struct tree t = {0};
	tree_build(ui, &t, q->top, q->lines, q->nlines, q->may, q->arg);
	if (t.n == 0) {
		free(t.v);
		free(t.vis);
		ui_msg(ui, "本单位以下没有可选的单位");
		ui->msg_err = true;
		return -1;
	}
	/* What was chosen before is selected again, its branches open; a code not in the tree is kept
	 * as it was, for the save to explain. */
	struct strv kept = {0};
	char *copy = xstrdup(*val ? *val : ""), *save = NULL;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int hit = -1;
		for (int i = 0; i < t.n && hit < 0; i++)
			if (!strcmp(tnode_key(&t.v[i]), tok) && t.v[i].may)
				hit = i;
		if (hit < 0) {
			if (strv_find(&kept, tok) < 0)
				strv_push(&kept, tok);
			continue;
		}
		t.v[hit].sel = true;
		for (int i = t.nlines; i < hit; i++)
			if (t.v[i].end > hit)
				t.v[i].open = true;
	}
	free(copy);
	tree_layout(&t);
	struct ui_edit ed = {0};
	ui_edit_set(&ed, "");
	char *find = xstrdup("");
	int result = -1;
	bool was_typing = ui->typing;
	ui->typing = true;
	WINDOW *under = dupwin(stdscr);
	for (;;) {
		int w = COLS - 4 < 76 ? COLS - 4 : 76, h = LINES - 3;
		if (h < 8)
			h = 8;
		int x = (COLS - w) / 2;
		tree_draw(ui, &t, q->title, 1, x, h, w);
		ui_put(1 + h - 3, x + 2, 7, "查找：", A_NORMAL);
		ui_edit_draw(ui, &ed, 1 + h - 3, x + 9, w - 11, false, ui_attr(ui, UI_A_INPUT));
		int rows = h - 4;
		int key = ui_getkey(ui);
		if (key == UI_KEY_LEAVE)
			break;
		if (key == UI_KEY_RESIZE) {
			erase();
			continue;
		}
		int i = t.vis[t.pos];
		ui->msg[0] = '\0';
		ui->msg_err = false;
		if (key == ' ') {
			if (t.v[i].may)
				t.v[i].sel = !t.v[i].sel;
			else
				ui_msg(ui, "%s不能选：只能选其下的单位", t.v[i].u->name);
			continue;
		}
		if (key == '*') {
			tree_toggle_subtree(&t, i);
			continue;
		}
		if (key == '+' || key == (UI_FN | KEY_RIGHT)) {
			if (t.v[i].end > i + 1 && !t.v[i].open) {
				t.v[i].open = true;
				tree_layout(&t);
			}
			continue;
		}
		if (key == '-' || key == (UI_FN | KEY_LEFT)) {
			tree_left(&t);
			continue;
		}
		if (key == '\t') {
			tree_find(ui, &t, find, i + 1);
			continue;
		}
		enum ui_act a = ui_pick_action(key, find);
		if (a != UI_BACK && key != '?' && ui_edit_key(&ed, key)) {
			free(find);
			find = ui_edit_text(&ed);
			tree_find(ui, &t, find, t.nlines);
			continue;
		}
		switch (a) {
		case UI_UP:
			tree_move(&t, -1);
			break;
		case UI_DOWN:
			tree_move(&t, 1);
			break;
		case UI_PGUP:
			tree_move(&t, -rows);
			break;
		case UI_PGDN:
			tree_move(&t, rows);
			break;
		case UI_HOME:
			t.pos = 0;
			break;
		case UI_END:
			t.pos = t.nv - 1;
			break;
		case UI_HELP:
		help:
			ui_help(ui, &ui_pick_tree_keys);
			erase();
			break;
		case UI_ENTER: {
			char *v = tree_value(&t, &kept);
			if (q->max && strlen(v) > q->max) {
				ui_msg(ui, "已选 %d 个单位，超出%s的长度上限（%zu 字节）：请少选一些，或改选上一级单位",
				       sel_count(&t, 0, t.n), q->what ? q->what : "", q->max);
				ui->msg_err = true;
				free(v);
				break;
			}
			free(*val);
			*val = *v ? v : NULL;
			if (!*v)
				free(v);
			result = 0;
			goto out;
		}
		case UI_QUIT:
			ui_key_again(key);
			goto out;
		case UI_BACK:
			goto out;
		default:
			if (key == '?')
				goto help;
			ui_msg(ui, "这个键在这里没有用处；按 F1 查看选择单位的按键");
			break;
		}
	}
out:
	ui_box_restore(under);
	ui->typing = was_typing;
	ui_cursor(ui, -1, 0);
	ui_edit_free(&ed);
	free(find);
	strv_free(&kept);
	free(t.v);
	free(t.vis);
	return result;
}
