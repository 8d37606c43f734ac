/* ui_form.c — a form over any array of fields: sections, labels, required marks, field moves
 * with Tab/Shift-Tab/arrows, code pickers, checks as each field is left, errors beside the field
 * and on the message line. Whatever was typed stays in the form until it is saved or left. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "files.h"
#include "service.h"
#include "ui_screen.h"
#include "unit.h"
#include "validate.h"

static const enum ui_act edit_acts[] = {UI_NEXT, UI_PREV,  UI_UP,   UI_DOWN,   UI_PGUP, UI_PGDN, UI_ENTER,
					UI_SAVE, UI_MERGE, UI_BACK, UI_HELP, UI_REDRAW, UI_QUIT, UI_NONE};
static const enum ui_act edit_hints[] = {UI_SAVE, UI_NEXT, UI_PREV, UI_BACK, UI_HELP, UI_NONE};
const struct ui_keys ui_form_keys = {
	.screen = "填写表单",
	.about = "Tab、回车或下箭头到下一项，Shift-Tab 或上箭头到上一项。带 * 的是必填项。代码项（如性别、民族、"
		 "网格）按回车或直接输入文字，从列表中选择，输入的文字会缩小范围。日期写作 2026-11-28。"
		 "身份证号输入后自动填出生日期和性别；已登记过的人员会自动带出基本信息。指向某个人的项（如网格员、"
		 "当事人）输入姓名或姓名的开头后按回车，从管辖范围内的人员中选择（空着按回车列出全部）。"
		 "每项离开时检查，错误显示在"
		 "该项右边和屏幕下方的消息行；保存时光标停在第一个有错的项。F2 或 Ctrl-S 保存，Esc 返回"
		 "（有未保存的修改时先询问）。\n编辑文字：左右箭头、Home/End（Ctrl-A/Ctrl-E）移动，"
		 "Backspace/Delete 删除，Ctrl-U 清除光标前的文字，Ctrl-K 清除光标后的文字。\n"
		 "有人在您打开记录后修改并保存了它：保存被拒绝，提示“此记录已被 某人 于 时:分 修改”，您填的内容"
		 "都还在，现存的值不同的项前标 ~，右边写着现存的值。再按 F2 仍按您填的保存（覆盖对方的修改）；"
		 "Ctrl-R 合并：您没改过的项取现存的值，您改过的项保留您填的，看过后再按 F2 保存。\n"
		 "长文本项（如事件描述）在表单中只显示第一行，后面还有内容时以“…”结尾；在这一项上按回车或直接"
		 "输入文字，打开多行编辑：回车换行，Tab 到下一项，F2 保存表单，Esc 取消这次编辑。",
	.acts = edit_acts,
	.hints = edit_hints,
	/* Letters typed in a form are text: the help names k, j and q nowhere. */
	.typing = true,
	.back_name = "返回",
};

char *ui_form_show(struct ui *ui, const struct field *f, const char *v, bool secret)
{
	if (str_empty(v))
		return xstrdup("");
	if (secret)
		return service_mask(f, v);
	if (f->units) {
		struct sb sb;
		sb_init(&sb);
		char *tmp = xstrdup(v), *save = NULL;
		for (char *t = strtok_r(tmp, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
			const struct unit *x = units_find(ctx_units(ui->c), t);
			sb_addf(&sb, "%s%s", sb.len ? "、" : "", x ? x->name : t);
		}
		free(tmp);
		return sb.len ? sb_steal(&sb) : xstrdup("");
	}
	if (f->types)
		return schema_types_zh(ui->c->schema, v);
	switch (f->type) {
	case FT_ENUM:
		return xstrdup(codetable_label(f->codes, v));
	case FT_BOOL:
		return xstrdup(strcmp(v, "1") == 0 ? "是" : "否");
	case FT_MULTI: {
		struct sb sb;
		sb_init(&sb);
		char *tmp = xstrdup(v), *save = NULL;
		for (char *t = strtok_r(tmp, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
			if (sb.len)
				sb_adds(&sb, "、");
			sb_adds(&sb, codetable_label(f->codes, t));
		}
		free(tmp);
		return sb.len ? sb_steal(&sb) : xstrdup("");
	}
	case FT_UNIT:
	case FT_GRID: {
		const struct unit *x = units_find(ctx_units(ui->c), v);
		return xstrdup(x ? x->name : v);
	}
	case FT_ATTACH: {
		struct attach_ent *e = NULL;
		int n = 0;
		if (attach_parse(v, &e, &n) < 0)
			return xstrdup(v);
		struct sb sb;
		sb_init(&sb);
		for (int i = 0; i < n; i++)
			sb_addf(&sb, "%s%s（%s，%llu 字节）", i ? "、" : "", e[i].name, e[i].kind,
				(unsigned long long)e[i].size);
		free(e);
		return sb.len ? sb_steal(&sb) : xstrdup("");
	}
	default:
		return xstrdup(v);
	}
}

void ui_form_set(struct ui_form *fm, int i, const char *v)
{
	if (fm->v[i] == v)
		return;
	char *nv = str_empty(v) ? NULL : xstrdup(v);
	free(fm->v[i]);
	fm->v[i] = nv;
	if (fm->err) {
		free(fm->err[i]);
		fm->err[i] = NULL;
	}
	if (fm->secret)
		fm->secret[i] = false;
}

static bool is_code(const struct field *f)
{
	return f->type == FT_ENUM || f->type == FT_MULTI || f->type == FT_BOOL || f->type == FT_UNIT ||
	       f->type == FT_GRID || f->type == FT_ATTACH || f->units || f->types;
}

static bool editable(const struct ui_form *fm, int i)
{
	return !fm->readonly && !fm->f[i]->derived;
}

static void set_err(struct ui_form *fm, int i, const char *msg)
{
	free(fm->err[i]);
	fm->err[i] = msg ? xstrdup(msg) : NULL;
}

/* Load the editor with field CUR (text fields of the edit mode). */
static void form_enter(struct ui_form *fm)
{
	fm->editing = false;
	fm->fresh = false;
	if (fm->cur < 0 || fm->cur >= fm->nf || !editable(fm, fm->cur) || is_code(fm->f[fm->cur]) ||
	    fm->f[fm->cur]->type == FT_LONGTEXT)
		return;
	const struct field *f = fm->f[fm->cur];
	bool secret = fm->secret && fm->secret[fm->cur] && fm->v[fm->cur];
	const char *v = secret || !fm->v[fm->cur] ? "" : fm->v[fm->cur];
	/* Only a value filled in is offered whole: a value drawn selected costs its bytes at every
	 * step onto and off its field, and a record's own values are edited more often than retyped. */
	if (fm->preset && fm->preset[fm->cur])
		ui_edit_offer(&fm->ed, v);
	else
		ui_edit_set(&fm->ed, v);
	fm->ed.max = (f->type == FT_TEXT || f->type == FT_LONGTEXT) && f->has_max ? (int)f->max + 20 : 400;
	fm->fresh = secret;
	fm->editing = true;
}

/* Take what was typed into field CUR: check it, keep it even when it is wrong. */
static void form_commit(struct ui *ui, struct ui_form *fm)
{
	if (!fm->editing)
		return;
	fm->editing = false;
	int i = fm->cur;
	const struct field *f = fm->f[i];
	char *text = ui_edit_text(&fm->ed);
	if (fm->fresh && !*text) {
		free(text);
		return;
	}
	const char *old = fm->v[i] ? fm->v[i] : "";
	if (strcmp(text, old) == 0 && !fm->err[i]) {
		free(text);
		return;
	}
	fm->dirty = true;
	if (fm->preset)
		fm->preset[i] = false;
	char *norm = NULL;
	int rc = 0;
	bool empty = str_empty(text);
	if (!empty)
		rc = validate_field(f, text, &norm);
	if (rc < 0) {
		set_err(fm, i, errmsg());
		ui_err(ui, rc);
		free(fm->v[i]);
		fm->v[i] = text; /* what was typed stays */
		if (fm->secret)
			fm->secret[i] = false;
		free(norm);
		return;
	}
	free(text);
	ui_form_set(fm, i, norm);
	free(norm);
	if (fm->changed)
		fm->changed(ui, fm, i);
}

/* Rows of the form: a section title where the section changes, then each field. */
struct frow {
	int field; /* -1: section title */
	const char *section;
};

static int form_rows(const struct ui_form *fm, struct frow *rows)
{
	int n = 0;
	const char *sec = NULL;
	for (int i = 0; i < fm->nf; i++) {
		const char *s = fm->f[i]->section;
		if (!str_empty(s) && (!sec || strcmp(s, sec) != 0))
			rows[n++] = (struct frow){-1, s};
		sec = s;
		rows[n++] = (struct frow){i, NULL};
	}
	return n;
}

static int box_width(const struct field *f, int avail, bool view)
{
	int w;
	switch (f->type) {
	case FT_IDNUM:
	case FT_PERSON:
		w = 19;
		break;
	case FT_DATE:
		w = 11;
		break;
	case FT_DATETIME:
		w = 20;
		break;
	case FT_PHONE:
		w = 14;
		break;
	case FT_INT:
	case FT_DECIMAL:
		w = 12;
		break;
	case FT_ENUM:
	case FT_BOOL:
	case FT_UNIT:
	case FT_GRID:
		/* Viewed, a code's label or a unit's name takes the whole line (the longest are
		 * 26 columns and more, and were cut there without a mark). */
		w = view ? avail : 24;
		break;
	default:
		w = f->has_max && f->max * 2 + 1 < 200 ? (int)f->max * 2 + 1 : 200;
		break;
	}
	/* Leave room for an error beside the field, except in the view mode. */
	int limit = view ? avail : avail - 22;
	if (w > limit)
		w = limit;
	return w < 8 ? 8 : w;
}

/* The kinds of file an attachment may be (attach_sniff), as the hint and the picker name them. */
#define ATTACH_KINDS "jpg、png、pdf、Word、Excel、txt"

/* What to type in a field of each type, on the message line after its label (80 columns in all). */
static const char *const type_hints[FT__COUNT] = {
	[FT_DATE] = "日期，如 2026-11-28（也可输入 20261128）",
	[FT_DATETIME] = "日期时间，如 2026-11-28 09:30",
	[FT_IDNUM] = "自动填出生日期和性别",
	[FT_PERSON] = "18 位身份证号",
	[FT_PHONE] = "11 位手机号或带区号的固定电话",
	[FT_ENUM] = "按回车或输入文字选择",
	[FT_BOOL] = "按回车或输入文字选择",
	[FT_MULTI] = "按回车选择，空格选中多项",
	[FT_UNIT] = "按回车从单位树中选择",
	[FT_GRID] = "按回车从单位树中选择",
	[FT_ATTACH] = "回车从上传目录添加或移除（" ATTACH_KINDS "）",
	[FT_INT] = "整数",
	[FT_DECIMAL] = "数字",
};

const char *ui_form_hint(const struct field *f, char *buf, size_t n, int w)
{
	const char *h = type_hints[f->type] ? type_hints[f->type] : "";
	if (f->derived)
		h = "由身份证号自动生成";
	char head[256], lim[48] = "", how[256] = "";
	/* A field filled from a picker (units, record types) is never typed: its length says nothing. */
	if ((f->type == FT_TEXT || f->type == FT_LONGTEXT) && f->has_max && !f->units && !f->types)
		snprintf(lim, sizeof lim, "%s最多 %d 个字", f->help || *h ? "；" : "", (int)f->max);
	/* A field's own help says more than what its type takes: the latter gives way on a narrow line. */
	if (f->help && *h)
		snprintf(how, sizeof how, "；%s", h);
	snprintf(head, sizeof head, "%s%s：", f->required ? "（必填）" : "", f->label);
	const struct ui_part parts[] = {{.s = head}, {.s = f->help ? f->help : h}, {.s = how, .drop = 1}, {.s = lim}};
	return ui_parts_fit(buf, n, parts, (int)ARRAY_LEN(parts), w);
}

static void form_draw(struct ui *ui, struct ui_form *fm)
{
	erase();
	struct frow *rows = xcalloc((size_t)fm->nf * 2 + 1, sizeof *rows);
	int nrows = form_rows(fm, rows);
	int y0 = ui_body_top(), h = ui_body_rows();
	int rc = 0;
	for (int r = 0; r < nrows; r++)
		if (rows[r].field == fm->cur)
			rc = r;
	/* Show the section title above the current field when it is the row just above. */
	int want = rc > 0 && rows[rc - 1].field < 0 ? rc - 1 : rc;
	if (want < fm->top)
		fm->top = want;
	if (rc >= fm->top + h)
		fm->top = rc - h + 1;
	if (fm->top > nrows - h)
		fm->top = nrows - h > 0 ? nrows - h : 0;
	int lw = 8;
	for (int i = 0; i < fm->nf; i++) {
		int w = ui_width(fm->f[i]->label);
		if (w > lw)
			lw = w;
	}
	if (lw > 24)
		lw = 24;
	int vx = lw + 4, avail = COLS - vx - 1;
	for (int r = 0; r < h && fm->top + r < nrows; r++) {
		const struct frow *row = &rows[fm->top + r];
		int y = y0 + r;
		if (row->field < 0) {
			char buf[256];
			snprintf(buf, sizeof buf, "【%s】", row->section);
			ui_put(y, 0, COLS, buf, ui_attr(ui, UI_A_HEAD));
			continue;
		}
		int i = row->field;
		const struct field *f = fm->f[i];
		bool cur = i == fm->cur;
		bool noted = !fm->err[i] && fm->note && fm->note[i];
		ui_put(y, 0, 1, noted ? "~" : (cur ? ">" : " "), ui_attr(ui, noted ? UI_A_MARK : UI_A_NORMAL));
		/* The error's ! in the column of the required *, not of the > mark: on the current field
		 * both stay seen, and a cursor step still rewrites one column a row. The * plain: in
		 * colour it was two attribute switches a row on the wire (slow links), and it says it alone. */
		if (fm->err[i])
			ui_put(y, 1, 1, "!", ui_attr(ui, UI_A_ERROR));
		else
			ui_put(y, 1, 1, f->required ? "*" : " ", A_NORMAL);
		/* In edit mode every box is drawn and the current field is shown by the > mark and the
		 * cursor, its label highlighted only while viewing: moving between fields then
		 * rewrites the mark and the hint line, no more (a cursor step costs little on a slow
		 * link). */
		char lab[256];
		snprintf(lab, sizeof lab, "%s", f->label);
		int tw = ui_width(lab) < lw ? ui_width(lab) : lw;
		if (tw < lw)
			ui_put(y, 2, lw - tw, "", A_NORMAL);
		ui_put(y, 2 + lw - tw, tw, lab, cur && fm->readonly ? ui_attr(ui, UI_A_SEL) : A_NORMAL);
		ui_put(y, lw + 2, 2, "：", A_NORMAL);
		int bw = box_width(f, avail, fm->readonly && !fm->err[i] && !noted);
		if (cur && fm->editing) {
			if (fm->fresh && fm->ed.n == 0) {
				char *shown = ui_form_show(ui, f, fm->v[i], true);
				ui_put(y, vx, bw, shown, ui_attr(ui, UI_A_INPUT));
				free(shown);
				ui_cursor(ui, y, vx);
			} else {
				ui_edit_draw(ui, &fm->ed, y, vx, bw, false, ui_attr(ui, UI_A_INPUT));
			}
		} else {
			bool secret = fm->secret && fm->secret[i];
			char *shown = fm->err[i] ? xstrdup(fm->v[i] ? fm->v[i] : "") : ui_form_show(ui, f, fm->v[i], secret);
			if (!*shown && f->derived && !fm->readonly) {
				free(shown);
				shown = xstrdup("（自动）");
			}
			attr_t a = editable(fm, i) ? ui_attr(ui, UI_A_INPUT) : A_NORMAL;
			if (f->derived && !fm->readonly)
				a = ui_attr(ui, UI_A_DIM);
			/* Any value wider than its box ends in "…", so that a cut one is not taken
			 * for the whole (a long text's first line, a long label while editing). */
			if (f->type == FT_LONGTEXT || ui_width(shown) > bw) {
				char *clip = xmalloc((size_t)bw * 4 + 8);
				ui_clip(clip, (size_t)bw * 4 + 8, shown, bw);
				free(shown);
				shown = clip;
			}
			int uw = editable(fm, i) ? bw : ui_width(shown) < bw ? ui_width(shown) : bw;
			ui_put(y, vx, uw, shown, a);
			free(shown);
			char *note = !fm->err[i] && fm->v[i] && fm->describe ? fm->describe(ui, fm, i) : NULL;
			if (note && vx + uw + 1 < COLS)
				ui_put(y, vx + uw + 1, COLS - vx - uw - 1, note, ui_attr(ui, UI_A_DIM));
			free(note);
			if (cur && !fm->readonly)
				ui_cursor(ui, y, vx);
		}
		if ((fm->err[i] || noted) && vx + bw + 1 < COLS)
			ui_put(y, vx + bw + 1, COLS - vx - bw - 1, noted ? fm->note[i] : fm->err[i],
			       ui_attr(ui, noted ? UI_A_MARK : UI_A_ERROR));
	}
	free(rows);
	char right[64];
	/* Viewing, the field's place; editing, not: a Tab would redraw it on every step. */
	if (fm->readonly)
		snprintf(right, sizeof right, "查看 %d/%d", fm->cur + 1, fm->nf);
	else
		snprintf(right, sizeof right, "填写");
	/* In view mode nothing is saved: the screen's hints without F2保存. */
	struct ui_keys vk = fm->keys ? *fm->keys : ui_form_keys;
	enum ui_act vh[24];
	int nh = 0;
	for (int i = 0; vk.hints && vk.hints[i] != UI_NONE && nh < 23; i++)
		if (vk.hints[i] != UI_SAVE)
			vh[nh++] = vk.hints[i];
	vh[nh] = UI_NONE;
	vk.hints = vh;
	ui_frame(ui, fm->title, right, fm->readonly ? &vk : &ui_form_keys);
	if (!ui->msg[0] && !fm->readonly && fm->cur < fm->nf) {
		char hint[512];
		/* Plain, as messages are: no attribute switched on and off at every cursor step. */
		ui_put(LINES - 2, 0, COLS, ui_form_hint(fm->f[fm->cur], hint, sizeof hint, COLS), A_NORMAL);
	}
	if (fm->readonly)
		ui_cursor(ui, -1, 0);
}

/* Move to the next field in direction DIR that can take the cursor (all of them when viewing). */
static void form_move(struct ui *ui, struct ui_form *fm, int dir, int count)
{
	form_commit(ui, fm);
	int i = fm->cur;
	while (count-- > 0) {
		int j = i + dir;
		while (j >= 0 && j < fm->nf && !fm->readonly && !editable(fm, j))
			j += dir;
		if (j < 0 || j >= fm->nf)
			break;
		i = j;
	}
	fm->cur = i;
	form_enter(fm);
}

static void form_first_editable(struct ui_form *fm)
{
	int i = fm->cur;
	while (i < fm->nf && !editable(fm, i))
		i++;
	if (i >= fm->nf)
		for (i = 0; i < fm->nf && !editable(fm, i); i++)
			;
	fm->cur = i < fm->nf ? i : 0;
	form_enter(fm);
}

/* An attachment field: add a file of the upload folder, or remove one of the field's files. */
static int form_pick_attach(struct ui *ui, const struct field *f, char **val, const char *filter)
{
	struct attach_ent *e = NULL;
	int ne = 0;
	attach_parse(*val, &e, &ne);
	struct strv up;
	int rc = files_list(ui->c, ui->u->name, FILES_UPLOAD, &up);
	if (rc < 0) {
		free(e);
		return ui_err(ui, rc), -1;
	}
	int n = up.n + ne;
	if (n == 0) {
		ui_msg(ui, "上传目录中没有文件：请先用 SFTP 把文件上传到 upload 文件夹");
		free(e);
		strv_free(&up);
		return -1;
	}
	struct ui_pick_item *items = xcalloc((size_t)n, sizeof *items);
	char **labels = xcalloc((size_t)n, sizeof *labels);
	for (int i = 0; i < up.n; i++)
		labels[i] = xasprintf("添加：%s", up.v[i]);
	for (int i = 0; i < ne; i++)
		labels[up.n + i] = xasprintf("移除：%s", e[i].name);
	for (int i = 0; i < n; i++)
		items[i].label = labels[i];
	char title[128];
	/* The kinds once more: a field's own help may have left them no room on the message line. */
	snprintf(title, sizeof title, "%s：添加或移除（" ATTACH_KINDS "）", f->label);
	int k = ui_pick(ui, title, items, n, 0, filter, NULL);
	rc = -1;
	if (k >= 0 && k < up.n) {
		char *entry = NULL;
		if (attach_entry(ui->c, ui->u, up.v[k], &entry) < 0) {
			ui_err(ui, ZZ_EINVAL);
		} else {
			char *nv = str_empty(*val) ? xstrdup(entry) : xasprintf("%s,%s", *val, entry);
			free(*val);
			*val = nv;
			rc = 0;
		}
		free(entry);
	} else if (k >= up.n) {
		struct sb sb;
		sb_init(&sb);
		for (int i = 0; i < ne; i++)
			if (i != k - up.n)
				sb_addf(&sb, "%s%s:%llu:%s:%s", sb.len ? "," : "", e[i].sha, (unsigned long long)e[i].size,
					e[i].kind, e[i].name);
		free(*val);
		*val = sb.len ? sb_steal(&sb) : NULL;
		sb_free(&sb);
		rc = 0;
	}
	for (int i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
	free(items);
	free(e);
	strv_free(&up);
	return rc;
}

/* A list of record types (a field with types = true), chosen by title: the types the account may
 * read (the field's own type aside), and those already in the value. Their ids go in, in the
 * order of the list. */
static int form_pick_types(struct ui *ui, const struct field *f, char **val, const char *filter)
{
	const struct schema *s = ui->c->schema;
	struct ui_pick_item *items = xcalloc((size_t)s->n + 1, sizeof *items);
	bool *sel = xcalloc((size_t)s->n + 1, sizeof *sel);
	int n = 0;
	for (int i = 0; i < s->n; i++) {
		const struct rtype *t = s->t[i];
		bool own = f >= t->f && f < t->f + t->nf;
		char *comma = xasprintf(",%s,", t->id), *have = xasprintf(",%s,", *val ? *val : "");
		bool chosen = strstr(have, comma) != NULL;
		free(comma);
		free(have);
		if (own || !(chosen || perm_may(ui->c, ui->u, ACT_VIEW, t, NULL)))
			continue;
		sel[n] = chosen;
		items[n++] = (struct ui_pick_item){.label = t->title, .key = t->id};
	}
	char title[128];
	snprintf(title, sizeof title, "选择%s（空格选中，回车结束）", f->label);
	int rc = n ? 0 : -1;
	if (!n)
		ui_msg(ui, "没有可选的记录类型");
	else if (ui_pick(ui, title, items, n, 0, filter, sel) < 0)
		rc = -1;
	if (rc == 0) {
		struct sb sb;
		sb_init(&sb);
		for (int i = 0; i < n; i++)
			if (sel[i])
				sb_addf(&sb, "%s%s", sb.len ? "," : "", items[i].key);
		free(*val);
		*val = sb.len ? sb_steal(&sb) : NULL;
		sb_free(&sb);
	}
	free(sel);
	free(items);
	return rc;
}

/* A unit field's choices: the account's subtree, or as the field says (schema.h: pick). */
static int form_pick_unit(struct ui *ui, struct ui_form *fm, const struct field *f, char **val, const char *filter)
{
	char title[128];
	snprintf(title, sizeof title, "选择%s", f->label);
	if (f->pick && !strcmp(f->pick, "above"))
		return ui_pick_unit_above(ui, title, val, filter);
	const char *under = NULL;
	if (f->pick && f->pick[0] == '@') {
		const struct field *uf = NULL;
		for (int k = 0; k < fm->nf && !uf; k++)
			if (fm->f[k] && fm->f[k]->id && !strcmp(fm->f[k]->id, f->pick + 1)) {
				uf = fm->f[k];
				under = fm->v[k];
			}
		if (uf && !under) {
			ui_msg(ui, "请先选择%s", uf->label);
			ui->msg_err = true;
			return -1;
		}
	}
	return ui_pick_unit(ui, title, under, f->type == FT_GRID, val, filter);
}

static void form_pick(struct ui *ui, struct ui_form *fm, const char *filter)
{
	int i = fm->cur;
	const struct field *f = fm->f[i];
	char *val = fm->v[i] ? xstrdup(fm->v[i]) : NULL;
	int rc;
	if (f->units) {
		/* The caller knows the tree to choose from (below the record's unit). */
		rc = fm->pick ? fm->pick(ui, fm, i, filter, &val) : -1;
	} else if (f->types) {
		rc = form_pick_types(ui, f, &val, filter);
	} else if (f->type == FT_ATTACH) {
		rc = form_pick_attach(ui, f, &val, filter);
	} else if (f->type == FT_UNIT || f->type == FT_GRID) {
		rc = form_pick_unit(ui, fm, f, &val, filter);
	} else {
		rc = ui_pick_code(ui, f, &val, filter);
	}
	if (rc == 0) {
		bool same = (!val && !fm->v[i]) || (val && fm->v[i] && !strcmp(val, fm->v[i]));
		if (!same) {
			ui_form_set(fm, i, val);
			fm->dirty = true;
			if (fm->changed)
				fm->changed(ui, fm, i);
		}
		form_move(ui, fm, 1, 1);
	}
	free(val);
}

/* Enter on a field naming a person: a name (or nothing, on an empty field) is looked up by the
 * caller's picker; an ID number is taken as typed. Returns whether the key was used. */
static bool form_pick_person(struct ui *ui, struct ui_form *fm)
{
	int i = fm->cur;
	const struct field *f = fm->f[i];
	bool ref = ui_form_names_record(f);
	if (!fm->pick || (f->type != FT_PERSON && f->type != FT_IDNUM && !ref))
		return false;
	char *typed = fm->editing ? ui_edit_text(&fm->ed) : xstrdup("");
	/* A record's key (a house number) is picked as a name is: typed, it is taken or narrows the list. */
	bool name = ref || (*typed ? !strpbrk(typed, "0123456789") : !fm->v[i]);
	char *val = NULL;
	if (name && fm->pick(ui, fm, i, typed, &val) == 0) {
		fm->editing = false;
		ui_form_set(fm, i, val);
		if (fm->secret && !ref)
			fm->secret[i] = true;
		fm->dirty = true;
		if (fm->changed)
			fm->changed(ui, fm, i);
		form_move(ui, fm, 1, 1);
	}
	free(val);
	free(typed);
	return name;
}

static int form_save(struct ui *ui, struct ui_form *fm)
{
	form_commit(ui, fm);
	for (int i = 0; i < fm->nf; i++)
		if (fm->err[i]) {
			fm->cur = i;
			form_enter(fm);
			ui_msg(ui, "请先改正：%s", fm->err[i]);
			ui->msg_err = true;
			return -1;
		}
	int bad = -1;
	int rc = fm->save ? fm->save(ui, fm, &bad) : 0;
	if (rc < 0) {
		ui_err(ui, rc);
		if (bad >= 0 && bad < fm->nf) {
			set_err(fm, bad, errmsg());
			fm->cur = bad;
			if (fm->readonly)
				fm->readonly = false;
			form_enter(fm);
		}
		return rc;
	}
	fm->dirty = false;
	fm->saved = true;
	if (fm->readonly)
		fm->editing = false;
	else
		form_enter(fm);
	return 0;
}

/* A long text field in the multi-line editor, KEY (0: none) typed first; the value is checked as
 * a typed one is, and kept even when it is wrong. Returns how the editor was left (ui_text_edit). */
static int form_long_edit(struct ui *ui, struct ui_form *fm, int key)
{
	int i = fm->cur;
	const struct field *f = fm->f[i];
	char *text = fm->v[i] ? xstrdup(fm->v[i]) : NULL;
	char title[160];
	snprintf(title, sizeof title, "%s > %s", fm->title ? fm->title : "", f->label);
	/* Bounded even where the type sets no maximum, as the one-line editor is. */
	int how = ui_text_edit(ui, title, f->label, &text, f->has_max ? (int)f->max : 4000, key);
	if (how < 0 || !strcmp(text, fm->v[i] ? fm->v[i] : "")) {
		free(text);
		return how;
	}
	fm->dirty = true;
	if (fm->preset)
		fm->preset[i] = false;
	char *norm = NULL;
	int rc = str_empty(text) ? 0 : validate_field(f, text, &norm);
	if (rc < 0) {
		set_err(fm, i, errmsg());
		ui_err(ui, rc);
		free(fm->v[i]);
		fm->v[i] = text;
		free(norm);
		return how;
	}
	free(text);
	ui_form_set(fm, i, norm);
	free(norm);
	if (fm->changed)
		fm->changed(ui, fm, i);
	return how;
}

/* Keys of the edit mode that are not actions: typing into the field, or opening a picker. */
static bool form_edit_key(struct ui *ui, struct ui_form *fm, int key)
{
	if (fm->cur >= fm->nf || !editable(fm, fm->cur))
		return false;
	const struct field *f = fm->f[fm->cur];
	if (is_code(f)) {
		if (key == (UI_FN | KEY_BACKSPACE) || key == 127 || key == UI_CTRL('H') || key == (UI_FN | KEY_DC)) {
			if (fm->v[fm->cur]) {
				ui_form_set(fm, fm->cur, NULL);
				fm->dirty = true;
			}
			return true;
		}
		if (key >= 0x20 && key != 0x7f && !(key & UI_FN)) {
			struct ui_edit one = {0};
			ui_edit_set(&one, "");
			ui_edit_key(&one, key);
			char *filter = ui_edit_text(&one);
			ui_edit_free(&one);
			form_pick(ui, fm, key == ' ' ? "" : filter);
			free(filter);
			return true;
		}
		return false;
	}
	if (f->type == FT_LONGTEXT) {
		bool enter = key == '\r' || key == '\n' || key == (UI_FN | KEY_ENTER);
		bool typed = key >= 0x20 && key != 0x7f && !(key & UI_FN);
		if (!enter && !typed)
			return false;
		int how = form_long_edit(ui, fm, typed ? key : 0);
		if (how == 0)
			form_save(ui, fm);
		else if (how > 0)
			form_move(ui, fm, how == 1 ? 1 : -1, 1);
		return true;
	}
	if (!fm->editing)
		form_enter(fm);
	return ui_edit_key(&fm->ed, key);
}

int ui_form_run(struct ui *ui, struct ui_form *fm)
{
	fm->err = xcalloc((size_t)fm->nf + 1, sizeof *fm->err);
	fm->nerr = fm->nf + 1;
	fm->saved = fm->dirty = false;
	if (!fm->readonly)
		form_first_editable(fm);
	bool was_typing = ui->typing;
	for (;;) {
		if (fm->nf + 1 > fm->nerr) {
			fm->err = xrealloc(fm->err, (size_t)(fm->nf + 1) * sizeof *fm->err);
			memset(fm->err + fm->nerr, 0, (size_t)(fm->nf + 1 - fm->nerr) * sizeof *fm->err);
			fm->nerr = fm->nf + 1;
		}
		if (fm->cur >= fm->nf)
			fm->cur = fm->nf ? fm->nf - 1 : 0;
		ui->typing = !fm->readonly;
		form_draw(ui, fm);
		int key = ui_getkey(ui);
		if (key == UI_KEY_LEAVE)
			break;
		if (key == UI_KEY_RESIZE)
			continue;
		if (!fm->readonly && form_edit_key(ui, fm, key))
			continue;
		enum ui_act a = ui_key_action(key, !fm->readonly);
		/* A name typed into a field naming a person is looked up before a hook's action takes the
		 * typed text as the field's value (it was then refused as an ID number, no picker). */
		if (a == UI_ENTER && !fm->readonly && fm->cur < fm->nf && editable(fm, fm->cur) &&
		    form_pick_person(ui, fm))
			continue;
		bool was_ro = fm->readonly;
		if (fm->act && a != UI_NONE) {
			if (!fm->readonly)
				form_commit(ui, fm);
			int r = fm->act(ui, fm, a);
			if (r == UI_CLOSE || ui->leaving)
				break;
			if (r == UI_DONE) {
				if (was_ro && !fm->readonly)
					form_first_editable(fm);
				else if (!fm->readonly && !fm->editing)
					form_enter(fm);
				continue;
			}
		}
		switch (a) {
		case UI_NEXT:
		case UI_DOWN:
			form_move(ui, fm, 1, 1);
			break;
		case UI_ENTER:
			if (!fm->readonly && fm->cur < fm->nf && is_code(fm->f[fm->cur]) && editable(fm, fm->cur))
				form_pick(ui, fm, "");
			else if (fm->readonly && fm->cur < fm->nf && fm->f[fm->cur]->type == FT_LONGTEXT && fm->v[fm->cur])
				ui_text_view(ui, fm->f[fm->cur]->label, fm->v[fm->cur]);
			else
				form_move(ui, fm, 1, 1);
			break;
		case UI_PREV:
		case UI_UP:
			form_move(ui, fm, -1, 1);
			break;
		case UI_PGDN:
			form_move(ui, fm, 1, ui_body_rows() - 2);
			break;
		case UI_PGUP:
			form_move(ui, fm, -1, ui_body_rows() - 2);
			break;
		case UI_HOME:
			form_move(ui, fm, -1, fm->nf);
			break;
		case UI_END:
			form_move(ui, fm, 1, fm->nf);
			break;
		case UI_SAVE:
			if (!fm->readonly)
				form_save(ui, fm);
			break;
		case UI_HELP:
			form_commit(ui, fm);
			ui_help(ui, fm->readonly ? fm->keys : &ui_form_keys);
			form_enter(fm);
			break;
		case UI_REDRAW:
			clearok(curscr, TRUE);
			break;
		case UI_QUIT:
			form_commit(ui, fm);
			/* One question: the unsaved changes are said in it (y was asked for twice). */
			if (!fm->dirty)
				ui_quit(ui);
			else if (ui_confirm(ui, "表单有未保存的修改，仍然退出系统？"))
				ui->leaving = true;
			break;
		case UI_BACK:
			form_commit(ui, fm);
			if (!fm->readonly && fm->dirty && !ui_confirm(ui, "放弃未保存的修改？"))
				break;
			goto out;
		case UI_NONE:
			ui_msg(ui, "这个键在本屏没有用处；按 %s 查看本屏的按键", fm->readonly ? "? 或 F1" : "F1");
			break;
		default:
			ui_msg(ui, "本屏没有“%s”这一操作；按 F1 查看本屏的按键", ui_actions[a].name);
			break;
		}
		if (ui->leaving)
			break;
	}
out:
	ui->typing = was_typing;
	for (int i = 0; i < fm->nerr; i++)
		free(fm->err[i]);
	free(fm->err);
	fm->err = NULL;
	fm->nerr = 0;
	ui_edit_free(&fm->ed);
	fm->editing = false;
	ui_cursor(ui, -1, 0);
	return fm->saved ? 1 : 0;
}
