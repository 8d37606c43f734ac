/* ui_list.c — the list of one record type: the records in the account's scope a page at a time,
 * columns from the screen file, sort, filters by unit and status, search by name prefix, ID
 * number or a PCRE2 pattern, sensitive columns masked unless shown in full (audited). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "idnum.h"
#include "service.h"
#include "export_download.h"
#include "ui_screen.h"
#include "unit.h"

static const char *const state_mark[] = {[REC_ACTIVE] = "", [REC_PENDING] = "待", [REC_RETURNED] = "退",
					 [REC_UNROUTED] = "未"};

struct lrow {
	uint64_t id;
	long order; /* position in the scan, for the default order */
	char **cells;
	bool full;
};

struct lstate {
	const struct rtype *t;
	int *fields; /* the type's listed fields */
	int nfields;
	struct ui_col *cols; /* 序号, the listed fields, 所属单位 */
	int ncols;
	struct lrow *rows;
	long n;
	char *unit;   /* filter */
	int state;    /* filter, -1 any */
	char *search; /* as typed */
	char idnum[19];
	pcre2_code *re;
	int sort_col; /* -1: scan order */
	bool sort_desc;
	enum ui_act hints[12];
	struct ui_keys keys;
	char title[128];
};

static const enum ui_act list_acts[] = {UI_UP,	 UI_DOWN,   UI_PGUP, UI_PGDN,  UI_HOME,	  UI_END,    UI_LEFT,
					UI_RIGHT, UI_ENTER, UI_EDIT, UI_ADD,   UI_DELETE, UI_SEARCH, UI_UNIT,
					UI_STATE, UI_SORT,  UI_RESET, UI_UNMASK, UI_PERSON, UI_EXPORT, UI_BACK, UI_NONE};

static void rows_free(struct lstate *ls)
{
	for (long i = 0; i < ls->n; i++) {
		if (ls->rows[i].cells)
			for (int c = 0; c < ls->ncols; c++)
				free(ls->rows[i].cells[c]);
		free(ls->rows[i].cells);
	}
	free(ls->rows);
	ls->rows = NULL;
	ls->n = 0;
}

/* The cells of row I, loaded on first use. */
static void row_load(struct ui *ui, struct lstate *ls, long i)
{
	struct lrow *lr = &ls->rows[i];
	if (lr->cells)
		return;
	lr->cells = xcalloc((size_t)ls->ncols, sizeof *lr->cells);
	struct rec *r = NULL;
	if (service_get(ui->c, ui->u, ls->t, lr->id, &r) < 0) {
		lr->cells[0] = xasprintf("%ld", lr->order + 1);
		lr->cells[1] = xstrdup("（已删除或无权查看）");
		for (int c = 2; c < ls->ncols; c++)
			lr->cells[c] = xstrdup("");
		return;
	}
	int st = r->state >= 0 && r->state <= REC_UNROUTED ? r->state : 0;
	lr->cells[0] = xasprintf("%ld%s", lr->order + 1, state_mark[st]);
	for (int k = 0; k < ls->nfields; k++)
		lr->cells[k + 1] = service_display(ui->c, ui->u, r, ls->fields[k], lr->full);
	const struct unit *x = r->unit ? units_find(ctx_units(ui->c), r->unit) : NULL;
	lr->cells[ls->ncols - 1] = xstrdup(x ? x->name : (r->unit ? r->unit : ""));
	rec_free(&r);
}

static void row_reload(struct ui *ui, struct lstate *ls, long i)
{
	struct lrow *lr = &ls->rows[i];
	for (int c = 0; lr->cells && c < ls->ncols; c++)
		free(lr->cells[c]);
	free(lr->cells);
	lr->cells = NULL;
	row_load(ui, ls, i);
}

struct cell_arg {
	struct ui *ui;
	struct lstate *ls;
};

static const char *list_cell(void *arg, long row, int col, char *buf, size_t n)
{
	struct cell_arg *ca = arg;
	(void)buf;
	(void)n;
	row_load(ca->ui, ca->ls, row);
	return ca->ls->rows[row].cells[col];
}

static struct lstate *sort_ls;

static int row_cmp(const void *a, const void *b)
{
	const struct lrow *x = a, *y = b;
	int c = sort_ls->sort_col, r;
	if (c <= 0)
		r = x->order < y->order ? -1 : x->order > y->order;
	else
		r = strcmp(x->cells[c], y->cells[c]);
	if (r == 0)
		r = x->order < y->order ? -1 : x->order > y->order;
	return sort_ls->sort_desc ? -r : r;
}

static void list_sort(struct ui *ui, struct lstate *ls)
{
	if (ls->sort_col < 0)
		return;
	for (long i = 0; i < ls->n; i++)
		row_load(ui, ls, i);
	sort_ls = ls;
	qsort(ls->rows, (size_t)ls->n, sizeof *ls->rows, row_cmp);
	sort_ls = NULL;
}

/* Run the query again; the cursor stays on record KEEP when it is still listed. */
static void list_query(struct ui *ui, struct lstate *ls, struct ui_table *t, uint64_t keep)
{
	struct service_query q = {.unit = ls->unit, .state = ls->state, .match = ls->re,
				  .cancel = ui_esc_pressed, .cancel_arg = ui};
	if (ls->idnum[0])
		q.idnum = ls->idnum;
	else if (!ls->re && !str_empty(ls->search))
		q.name_prefix = ls->search;
	uint64_t *ids = NULL;
	long n = 0;
	rows_free(ls);
	int rc = service_list(ui->c, ui->u, ls->t, &q, &ids, &n);
	if (rc < 0) {
		ui_err(ui, rc);
		n = 0;
	}
	ls->rows = xcalloc((size_t)n + 1, sizeof *ls->rows);
	for (long i = 0; i < n; i++)
		ls->rows[i] = (struct lrow){.id = ids[i], .order = i};
	ls->n = n;
	free(ids);
	/* The number column: as wide as the largest number and a state mark, no wider. */
	int digits = 1;
	for (long k = n; k >= 10; k /= 10)
		digits++;
	ls->cols[0].width = digits + 2 > 4 ? digits + 2 : 4;
	list_sort(ui, ls);
	t->nrows = n;
	t->cur = 0;
	for (long i = 0; keep && i < n; i++)
		if (ls->rows[i].id == keep)
			t->cur = i;
}

static void list_top(struct ui *ui, struct ui_table_screen *s, char *buf, size_t n)
{
	struct lstate *ls = s->arg;
	const struct unit *x = ls->unit ? units_find(ctx_units(ui->c), ls->unit) : NULL;
	char sort[96] = "";
	if (ls->sort_col >= 0)
		snprintf(sort, sizeof sort, " 排序:%s%s", ls->cols[ls->sort_col].title, ls->sort_desc ? "(倒序)" : "");
	snprintf(buf, n, " 共 %ld 条  单位:%s  状态:%s%s%s%s", ls->n, x ? x->name : "全部",
		 ls->state >= 0 ? rec_state_zh[ls->state] : "全部", ls->search ? "  搜索:" : "",
		 ls->search ? ls->search : "", sort);
}

static void list_search(struct ui *ui, struct lstate *ls)
{
	char *text = NULL;
	if (ui_prompt(ui, "搜索（姓名开头、身份证号，或 /正则表达式；空为全部）：", &text, false) < 0) {
		free(text);
		return;
	}
	pcre2_code *re = NULL;
	char id[19] = "";
	if (!str_empty(text) && text[0] == '/') {
		size_t len = strlen(text + 1);
		if (len > 0 && text[len] == '/')
			len--;
		int err;
		PCRE2_SIZE off;
		re = pcre2_compile((PCRE2_SPTR)(text + 1), len, PCRE2_UTF | PCRE2_CASELESS, &err, &off, NULL);
		if (!re) {
			PCRE2_UCHAR msg[256];
			pcre2_get_error_message(err, msg, sizeof msg);
			ui_msg(ui, "正则表达式有误（第 %zu 个字符）：%s", (size_t)off + 1, (char *)msg);
			ui->msg_err = true;
			free(text);
			return;
		}
	} else if (!str_empty(text) && strspn(text, "0123456789xX") == strlen(text) && strlen(text) >= 15) {
		if (idnum_normalize(text, id) < 0) {
			ui_err(ui, ZZ_EINVAL);
			free(text);
			return;
		}
	}
	if (ls->re)
		pcre2_code_free(ls->re);
	ls->re = re;
	snprintf(ls->idnum, sizeof ls->idnum, "%s", id);
	free(ls->search);
	ls->search = str_empty(text) ? NULL : text;
	if (!ls->search)
		free(text);
}

static int list_pick_state(struct ui *ui, struct lstate *ls)
{
	struct ui_pick_item items[] = {{.label = "全部", .key = "all"},
				       {.label = rec_state_zh[REC_ACTIVE], .key = "active"},
				       {.label = rec_state_zh[REC_PENDING], .key = "pending"},
				       {.label = rec_state_zh[REC_RETURNED], .key = "returned"},
				       {.label = rec_state_zh[REC_UNROUTED], .key = "unrouted"}};
	int k = ui_pick(ui, "按状态筛选", items, (int)ARRAY_LEN(items), ls->state + 1, NULL, NULL);
	if (k < 0)
		return -1;
	ls->state = k - 1;
	return 0;
}

static int list_pick_sort(struct ui *ui, struct lstate *ls)
{
	struct ui_pick_item *items = xcalloc((size_t)ls->ncols + 1, sizeof *items);
	for (int c = 0; c < ls->ncols; c++)
		items[c] = (struct ui_pick_item){.label = c == 0 ? "原始顺序（按单位）" : ls->cols[c].title};
	int k = ui_pick(ui, "排序（再选同一列为倒序）", items, ls->ncols, ls->sort_col > 0 ? ls->sort_col : 0,
			NULL, NULL);
	free(items);
	if (k < 0)
		return -1;
	if (k == 0) {
		ls->sort_col = 0;
		ls->sort_desc = false;
	} else {
		ls->sort_desc = k == ls->sort_col ? !ls->sort_desc : false;
		ls->sort_col = k;
	}
	return 0;
}

static char *row_idnum(struct ui *ui, struct lstate *ls, uint64_t id)
{
	struct rec *r = NULL;
	char *out = NULL;
	if (service_get(ui->c, ui->u, ls->t, id, &r) < 0)
		return NULL;
	for (int i = 0; i < r->t->nf && !out; i++)
		if (r->t->f[i].type == FT_IDNUM && r->v[i])
			out = xstrdup(r->v[i]);
	rec_free(&r);
	return out;
}

static int list_act(struct ui *ui, struct ui_table_screen *s, enum ui_act a)
{
	struct lstate *ls = s->arg;
	struct ui_table *t = &s->t;
	uint64_t id = ls->n ? ls->rows[t->cur].id : 0;
	switch (a) {
	case UI_ENTER:
	case UI_EDIT:
		if (!id)
			return UI_DONE;
		if (ui_record_open(ui, ls->t, id, a == UI_EDIT))
			list_query(ui, ls, t, id);
		return UI_DONE;
	case UI_ADD:
		if (!service_may(ui->c, ui->u, ACT_ADD, ls->t, NULL)) {
			ui_msg(ui, "%s无权新增%s", perm_role_zh(ui->c, ui->u->role), ls->t->title);
			ui->msg_err = true;
			return UI_DONE;
		}
		ui->last_saved = 0;
		if (ui_record_open(ui, ls->t, 0, true)) {
			uint64_t nid = ui->last_saved;
			char saved[512];
			snprintf(saved, sizeof saved, "%s", ui->msg);
			list_query(ui, ls, t, nid);
			if (nid && (!ls->n || ls->rows[t->cur].id != nid))
				ui_msg(ui, "%s；它不在当前的筛选结果中", saved);
		}
		return UI_DONE;
	case UI_DELETE: {
		if (!id)
			return UI_DONE;
		row_load(ui, ls, t->cur);
		const char *name = ls->nfields ? ls->rows[t->cur].cells[1] : "";
		if (!ui_confirm(ui, "确定删除%s“%s”？删除后不能恢复", ls->t->title, name))
			return UI_DONE;
		uint64_t next = t->cur + 1 < ls->n ? ls->rows[t->cur + 1].id : t->cur > 0 ? ls->rows[t->cur - 1].id : 0;
		int rc = service_delete(ui->c, ui->u, ls->t, id);
		if (rc < 0)
			return ui_err(ui, rc), UI_DONE;
		list_query(ui, ls, t, next);
		ui_msg(ui, "已删除");
		return UI_DONE;
	}
	case UI_SEARCH:
		list_search(ui, ls);
		list_query(ui, ls, t, 0);
		if (ls->search && !ui->msg[0])
			ui_msg(ui, "找到 %ld 条", ls->n);
		return UI_DONE;
	case UI_UNIT: {
		char *unit = ls->unit ? xstrdup(ls->unit) : NULL;
		if (ui_pick_unit(ui, "按单位筛选", NULL, false, &unit, NULL) == 0) {
			free(ls->unit);
			ls->unit = unit;
			list_query(ui, ls, t, id);
		} else {
			free(unit);
		}
		return UI_DONE;
	}
	case UI_STATE:
		if (list_pick_state(ui, ls) == 0)
			list_query(ui, ls, t, id);
		return UI_DONE;
	case UI_SORT:
		if (list_pick_sort(ui, ls) == 0) {
			list_sort(ui, ls);
			for (long i = 0; i < ls->n; i++)
				if (ls->rows[i].id == id)
					t->cur = i;
		}
		return UI_DONE;
	case UI_RESET:
		free(ls->unit);
		ls->unit = NULL;
		free(ls->search);
		ls->search = NULL;
		if (ls->re)
			pcre2_code_free(ls->re);
		ls->re = NULL;
		ls->idnum[0] = '\0';
		ls->state = -1;
		list_query(ui, ls, t, id);
		ui_msg(ui, "已清除筛选条件");
		return UI_DONE;
	case UI_UNMASK: {
		if (!id)
			return UI_DONE;
		struct rec *r = NULL;
		if (service_get(ui->c, ui->u, ls->t, id, &r) < 0)
			return ui_err(ui, ZZ_ERR), UI_DONE;
		struct lrow *lr = &ls->rows[t->cur];
		if (!perm_may(ui->c, ui->u, ACT_UNMASK, ls->t, r->unit)) {
			ui_msg(ui, "%s无权查看完整的敏感信息", perm_role_zh(ui->c, ui->u->role));
			ui->msg_err = true;
		} else if (!lr->full) {
			if (service_audit_unmask(ui->c, ui->u, r) < 0) {
				ui_err(ui, ZZ_ERR);
			} else {
				lr->full = true;
				ui_msg(ui, "已显示此行的完整信息（此次查看已记入审计日志）；再按一次恢复遮盖");
			}
		} else {
			lr->full = false;
		}
		rec_free(&r);
		row_reload(ui, ls, t->cur);
		return UI_DONE;
	}
	case UI_EXPORT: {
		char *name = NULL;
		long n = 0;
		int rc = export_download(ui->c, ui->u, ls->t, ls->unit, &name, &n);
		if (rc < 0)
			return ui_err(ui, rc), UI_DONE;
		ui_msg(ui, "已导出 %ld 条到下载文件夹：download/%s（用 SFTP 取回）", n, name);
		free(name);
		return UI_DONE;
	}
	case UI_PERSON: {
		if (!id)
			return UI_DONE;
		char *idn = row_idnum(ui, ls, id);
		if (!idn) {
			ui_msg(ui, "这条记录没有身份证号");
			return UI_DONE;
		}
		ui_person_run(ui, idn);
		free(idn);
		return UI_DONE;
	}
	default:
		return UI_NOTMINE;
	}
}

int ui_list_run(struct ui *ui, const struct rtype *t)
{
	return ui_list_run_at(ui, t, NULL);
}

int ui_list_run_at(struct ui *ui, const struct rtype *t, const char *unit)
{
	struct lstate ls = {.t = t, .state = -1, .sort_col = -1, .unit = unit ? xstrdup(unit) : NULL};
	ls.fields = xcalloc((size_t)t->nf + 1, sizeof *ls.fields);
	for (int i = 0; i < t->nf; i++)
		if (t->f[i].list)
			ls.fields[ls.nfields++] = i;
	ls.ncols = ls.nfields + 2;
	ls.cols = xcalloc((size_t)ls.ncols, sizeof *ls.cols);
	ls.cols[0] = (struct ui_col){.title = "序号", .width = 6, .right = true};
	for (int k = 0; k < ls.nfields; k++) {
		const struct field *f = &t->f[ls.fields[k]];
		int w = f->list;
		if (ui_width(f->label) > w)
			w = ui_width(f->label);
		ls.cols[k + 1] = (struct ui_col){.title = f->label, .width = w};
	}
	ls.cols[ls.ncols - 1] = (struct ui_col){.title = "所属单位", .width = 16};
	int nh = 0;
	ls.hints[nh++] = UI_ENTER;
	if (service_may(ui->c, ui->u, ACT_ADD, t, NULL))
		ls.hints[nh++] = UI_ADD;
	ls.hints[nh++] = UI_SEARCH;
	ls.hints[nh++] = UI_UNIT;
	ls.hints[nh++] = UI_SORT;
	ls.hints[nh++] = UI_BACK;
	ls.hints[nh++] = UI_HELP;
	ls.hints[nh] = UI_NONE;
	ls.keys = (struct ui_keys){
		.screen = "记录列表",
		.about = "本账号管辖范围内的记录，一页一页显示。上下键移动，PgUp/PgDn（或 b/空格）翻页，Home/End（g/G）"
			 "到首尾，左右键查看放不下的列。回车查看，e 修改，a 新增，d 删除（需确认）。/ 搜索：输入姓名的开头、"
			 "完整的身份证号，或以 / 开头的正则表达式（在列表显示的各列中查找）。u 按单位筛选（从单位树中选），"
			 "s 按状态筛选，o 排序，r 清除全部条件。身份证号和电话默认遮盖，有权限的账号按 m 显示本行的完整"
			 "信息（记入审计日志）。p 查看此人的全部记录。w 把本类记录（按单位筛选时为该单位的）导出为 CSV 文件，"
			 "放在本账号的下载文件夹 download 中，用 SFTP 取回。序号后的“待”“退”“未”表示待认领、被退回、未分派。",
		.acts = list_acts,
		.hints = ls.hints,
	};
	snprintf(ls.title, sizeof ls.title, "%s", t->title);
	struct cell_arg ca = {ui, &ls};
	struct ui_table_screen s = {
		.title = ls.title,
		.keys = &ls.keys,
		.t = {.cols = ls.cols, .ncols = ls.ncols, .cell = list_cell, .arg = &ca, .fixed = 1},
		.top = list_top,
		.act = list_act,
		.arg = &ls,
	};
	list_query(ui, &ls, &s.t, 0);
	ui_table_run(ui, &s);
	rows_free(&ls);
	free(ls.unit);
	free(ls.search);
	if (ls.re)
		pcre2_code_free(ls.re);
	free(ls.cols);
	free(ls.fields);
	return 0;
}
