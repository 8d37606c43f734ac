/* ui_list.c — the list of one record type: the records in the account's scope a page at a time,
 * columns from the screen file, sort, filters by unit and status, search by name prefix, ID
 * number or a PCRE2 pattern, sensitive columns masked unless shown in full (audited).
 *
 * Without a status filter or a search, in tree order or by name, the list is read from the unit or
 * name index a window of rows at a time (service_pager) and counted by the statistics counters
 * (stats_total): opening a county's list costs a page, not the county. Otherwise, or when the
 * home keeps no counters, every id of the scope is collected first and sorted in memory.
 *
 * Unit names (所属单位, and listed unit fields such as 所属网格) are shown as seen from the account's
 * scope (units_short_name: a village reads 第1网格, not 桥头社区第1网格); the rows keep the full
 * names, which sorts compare. The 所属单位 column is as wide as the widest such name in the scope
 * and stays at the right while the other columns scroll, so it is read without scrolling. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "idnum.h"
#include "service.h"
#include "export_download.h"
#include "stats.h"
#include "ui_screen.h"
#include "unit.h"
#include "validate.h"

static const char *const state_mark[] = {[REC_ACTIVE] = "", [REC_PENDING] = "待", [REC_RETURNED] = "退",
					 [REC_UNROUTED] = "未"};

/* Rows read at once beyond the one asked for, and the most a paged list keeps (a few screens). */
enum { LIST_CHUNK = 64, LIST_KEEP = 256 };
/* The 所属单位 column's widest: a township's grids as it reads them (桥头社区第1网格); a county's
 * longer names are cut, not the title or name columns beside it (a county's 电子台账 titles were cut
 * to seven columns), and the record view shows them whole. */
enum { LIST_UNIT_MAX = 16 };

struct lrow {
	uint64_t id;
	long order; /* position in the scan, for the default order and the number column */
	char **cells;
	int state;
	bool full;
	struct sb key; /* a paged list's index key: where the next read starts */
};

struct lstate {
	const struct rtype *t;
	int *fields; /* the type's listed fields */
	int nfields;
	struct ui_col *cols; /* 序号, the listed fields, 所属单位 */
	int ncols;
	bool *unit_cols; /* the columns naming a unit */
	char *scope;	 /* the account's scope: unit names are shown as seen from it */
	struct lrow *rows; /* the rows held: all of them, or a paged list's window */
	long n;		   /* rows in the list */
	long w0, wn;	   /* rows[0] is row W0 of the list; WN rows are held */
	bool paged;
	bool paged_desc; /* the direction the pager was opened for */
	struct service_pager pg;
	char *unit;   /* filter */
	int state;    /* filter, -1 any */
	char *search; /* as typed */
	char idnum[19];
	pcre2_code *re;
	int sort_col; /* -1: scan order */
	bool sort_desc;
	int name_col; /* the column of the type's name, -1 for none */
	struct ui_table *table;
	enum ui_act hints[12];
	struct ui_keys keys;
	char title[128];
};

static const enum ui_act list_acts[] = {UI_UP,	 UI_DOWN,   UI_PGUP, UI_PGDN,  UI_HOME,	  UI_END,    UI_LEFT,
					UI_RIGHT, UI_ENTER, UI_EDIT, UI_ADD,   UI_DELETE, UI_SEARCH, UI_UNIT,
					UI_STATE, UI_SORT,  UI_RESET, UI_UNMASK, UI_PERSON, UI_EXPORT, UI_BACK, UI_NONE};

static void row_clear(struct lstate *ls, struct lrow *lr)
{
	if (lr->cells)
		for (int c = 0; c < ls->ncols; c++)
			free(lr->cells[c]);
	free(lr->cells);
	lr->cells = NULL;
	sb_free(&lr->key);
}

static void window_clear(struct lstate *ls)
{
	for (long i = 0; i < ls->wn; i++)
		row_clear(ls, &ls->rows[i]);
	free(ls->rows);
	ls->rows = NULL;
	ls->w0 = ls->wn = 0;
}

static void rows_free(struct lstate *ls)
{
	window_clear(ls);
	ls->n = 0;
}

/* A paged list's rows read from ROWS (GOT of them, in list order) placed at list position AT:
 * before the window, after it, or as the new window. */
static void window_put(struct lstate *ls, struct service_row *rows, long got, long at)
{
	if (ls->wn && (at + got < ls->w0 || at > ls->w0 + ls->wn)) {
		for (long i = 0; i < ls->wn; i++)
			row_clear(ls, &ls->rows[i]);
		ls->wn = 0;
	}
	if (!ls->wn)
		ls->w0 = at;
	long lo = at < ls->w0 ? at : ls->w0;
	long hi = at + got > ls->w0 + ls->wn ? at + got : ls->w0 + ls->wn;
	struct lrow *v = xcalloc((size_t)(hi - lo) + 1, sizeof *v);
	for (long i = 0; i < ls->wn; i++)
		v[ls->w0 - lo + i] = ls->rows[i];
	for (long i = 0; i < got; i++) {
		struct lrow *lr = &v[at - lo + i];
		if (lr->cells || lr->key.buf)
			row_clear(ls, lr);
		*lr = (struct lrow){.id = rows[i].id, .order = at + i, .key = rows[i].key};
	}
	free(ls->rows);
	ls->rows = v;
	ls->w0 = lo;
	ls->wn = hi - lo;
}

/* Keep at most LIST_KEEP rows, those nearest to row I. */
static void window_trim(struct lstate *ls, long i)
{
	if (ls->wn <= LIST_KEEP)
		return;
	long lo = i - LIST_KEEP / 2;
	if (lo < ls->w0)
		lo = ls->w0;
	if (lo + LIST_KEEP > ls->w0 + ls->wn)
		lo = ls->w0 + ls->wn - LIST_KEEP;
	for (long k = 0; k < ls->wn; k++)
		if (k < lo - ls->w0 || k >= lo - ls->w0 + LIST_KEEP)
			row_clear(ls, &ls->rows[k]);
	memmove(ls->rows, ls->rows + (lo - ls->w0), LIST_KEEP * sizeof *ls->rows);
	ls->w0 = lo;
	ls->wn = LIST_KEEP;
}

static void list_count(struct lstate *ls, long n)
{
	ls->n = n;
	if (ls->table)
		ui_table_rows(ls->table, n);
}

/* Read N rows of a paged list next to the window (BEFORE it or after), or from an end of the
 * list (no window). In descending order the index is read the other way. */
static int page_read(struct ui *ui, struct lstate *ls, bool before, long n, struct service_row *out, long *got)
{
	const struct lrow *edge = !ls->wn ? NULL : before ? &ls->rows[0] : &ls->rows[ls->wn - 1];
	int rc = service_pager_read(&ls->pg, edge ? edge->key.buf : NULL, edge ? edge->key.len : 0, false,
				    before != ls->sort_desc, n, out, got);
	if (rc < 0)
		ui_err(ui, rc);
	return rc;
}

/* Make row I of a paged list one of the rows held; false when there is no such row. The count
 * comes from the counters: where the index ends sooner or later than it says, the count follows. */
static bool page_fetch(struct ui *ui, struct lstate *ls, long i)
{
	if (i < 0 || i >= ls->n)
		return false;
	if (i >= ls->w0 && i < ls->w0 + ls->wn)
		return true;
	long end = ls->w0 + ls->wn;
	bool after = ls->wn && i >= end && i < end + LIST_CHUNK;
	bool before = ls->wn && i < ls->w0 && i >= ls->w0 - LIST_CHUNK;
	bool from_end = !after && !before && i >= ls->n / 2;
	/* Rows to read: up to row I and LIST_CHUNK beyond it, the way the reading goes. */
	long want = i + LIST_CHUNK;
	if (after)
		want = i - end + LIST_CHUNK;
	else if (before)
		want = ls->w0 - i + LIST_CHUNK < ls->w0 ? ls->w0 - i + LIST_CHUNK : ls->w0;
	else if (from_end)
		want = ls->n - i + LIST_CHUNK / 2;
	if (!after && !before)
		window_clear(ls);
	struct service_row *rows = xcalloc((size_t)want + 1, sizeof *rows);
	long got = 0;
	if (page_read(ui, ls, before || from_end, want, rows, &got) < 0) {
		free(rows);
		return false;
	}
	if (before || from_end) { /* read backward: into list order */
		for (long a = 0, b = got - 1; a < b; a++, b--) {
			struct service_row tmp = rows[a];
			rows[a] = rows[b];
			rows[b] = tmp;
		}
	}
	if (after) {
		window_put(ls, rows, got, end);
		if (got < want)
			list_count(ls, end + got);
	} else if (before) {
		window_put(ls, rows, got, ls->w0 - got);
		if (got < want && ls->w0 > 0) {
			/* The list starts here: number from 1 again. */
			long shift = ls->w0;
			for (long k = 0; k < ls->wn; k++)
				ls->rows[k].order -= shift;
			ls->w0 = 0;
			list_count(ls, ls->n - shift);
		}
	} else if (from_end) {
		window_put(ls, rows, got, ls->n - got);
		if (got < want) { /* the whole list was read */
			for (long k = 0; k < ls->wn; k++)
				ls->rows[k].order -= ls->w0;
			ls->w0 = 0;
			list_count(ls, ls->wn);
		}
	} else {
		window_put(ls, rows, got, 0);
		if (got < want)
			list_count(ls, got);
	}
	free(rows);
	window_trim(ls, i);
	return i >= ls->w0 && i < ls->w0 + ls->wn;
}

/* Row I of the list, or NULL when there is none. */
static struct lrow *lrow_at(struct ui *ui, struct lstate *ls, long i)
{
	if (ls->paged ? !page_fetch(ui, ls, i) : i < 0 || i >= ls->wn)
		return NULL;
	return &ls->rows[i - ls->w0];
}

/* The cells of row I, loaded on first use. */
static struct lrow *row_load(struct ui *ui, struct lstate *ls, long i)
{
	struct lrow *lr = lrow_at(ui, ls, i);
	if (!lr || lr->cells)
		return lr;
	lr->cells = xcalloc((size_t)ls->ncols, sizeof *lr->cells);
	struct rec *r = NULL;
	if (service_get(ui->c, ui->u, ls->t, lr->id, &r) < 0) {
		lr->cells[1] = xstrdup("（已删除或无权查看）");
		for (int c = 2; c < ls->ncols; c++)
			lr->cells[c] = xstrdup("");
		return lr;
	}
	lr->state = r->state >= 0 && r->state <= REC_UNROUTED ? r->state : 0;
	for (int k = 0; k < ls->nfields; k++)
		lr->cells[k + 1] = service_display(ui->c, ui->u, r, ls->fields[k], lr->full);
	const struct unit *x = r->unit ? units_find(ctx_units(ui->c), r->unit) : NULL;
	lr->cells[ls->ncols - 1] = xstrdup(x ? x->name : (r->unit ? r->unit : ""));
	rec_free(&r);
	return lr;
}

static void row_reload(struct ui *ui, struct lstate *ls, long i)
{
	struct lrow *lr = lrow_at(ui, ls, i);
	if (!lr)
		return;
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
	struct lrow *lr = row_load(ca->ui, ca->ls, row);
	if (!lr)
		return "";
	if (col == 0) {
		snprintf(buf, n, "%ld%s", lr->order + 1, state_mark[lr->state]);
		return buf;
	}
	if (ca->ls->unit_cols[col])
		return units_short_name(ctx_units(ca->ui->c), ca->ls->scope, lr->cells[col]);
	return lr->cells[col];
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
	if (ls->sort_col < 0 || ls->paged)
		return;
	for (long i = 0; i < ls->n; i++)
		row_load(ui, ls, i);
	sort_ls = ls;
	qsort(ls->rows, (size_t)ls->n, sizeof *ls->rows, row_cmp);
	sort_ls = NULL;
}

/* The order a paged list is read in, or -1 when it must be collected: a status filter or a
 * search, a sort by a column other than the name, a type whose index cannot list it alone. */
static int list_order(const struct lstate *ls)
{
	if (ls->state >= 0 || ls->search || ls->re || ls->idnum[0])
		return -1;
	enum record_order o = ls->sort_col <= 0 ? RECORD_BY_UNIT : RECORD_BY_NAME;
	if (ls->sort_col > 0 && ls->sort_col != ls->name_col)
		return -1;
	return service_pageable(ls->t, o) ? (int)o : -1;
}

/* Open a paged list: the pager and its count. False when it cannot be read so (no counters). */
static bool list_open_paged(struct ui *ui, struct lstate *ls, int order)
{
	if (order < 0)
		return false;
	if (service_pager_open(ui->c, ui->u, ls->t, ls->unit, (enum record_order)order, &ls->pg) < 0) {
		ui_err(ui, ZZ_ERR);
		return true; /* refused: an empty list, as service_list's refusal leaves */
	}
	const struct unit *x = ls->pg.unit ? units_find(ctx_units(ui->c), ls->pg.unit) : NULL;
	long long n = 0;
	if ((ls->pg.unit && !x) || !stats_counts(ls->t) ||
	    stats_total(ui->c->st, NULL, x ? x->path : "", ls->t->id, &n) < 0) {
		service_pager_free(&ls->pg);
		return false;
	}
	/* A small scope by name: its ids in memory, not a record read for every name row. */
	if (service_pager_narrow(&ls->pg, (long)n) < 0)
		ui_err(ui, ZZ_ERR);
	ls->paged = true;
	ls->paged_desc = ls->sort_desc;
	ls->n = (long)n;
	return true;
}

/* Run the query again; the cursor stays on record KEEP when it is still listed (a paged list:
 * when it is still among the rows read again where the window was). */
static void list_query(struct ui *ui, struct lstate *ls, struct ui_table *t, uint64_t keep)
{
	struct sb anchor;
	sb_init(&anchor);
	long old_w0 = ls->w0, old_cur = t->cur;
	int old_order = ls->paged ? (int)ls->pg.order : -1;
	bool old_desc = ls->paged_desc;
	char *old_unit = ls->paged && ls->pg.unit ? xstrdup(ls->pg.unit) : NULL;
	if (ls->paged && ls->wn && keep)
		sb_add(&anchor, ls->rows[0].key.buf, ls->rows[0].key.len);
	rows_free(ls);
	if (ls->paged)
		service_pager_free(&ls->pg);
	ls->paged = false;
	ls->table = NULL;
	long n = 0;
	int order = list_order(ls);
	bool paged = list_open_paged(ui, ls, order);
	if (paged) {
		n = ls->n;
	} else {
		struct service_query q = {.unit = ls->unit, .state = ls->state, .match = ls->re,
					  .cancel = ui_esc_pressed, .cancel_arg = ui};
		if (ls->idnum[0])
			q.idnum = ls->idnum;
		else if (!ls->re && !str_empty(ls->search))
			q.name_prefix = ls->search;
		uint64_t *ids = NULL;
		int rc = service_list(ui->c, ui->u, ls->t, &q, &ids, &n);
		if (rc < 0) {
			ui_err(ui, rc);
			n = 0;
		}
		ls->rows = xcalloc((size_t)n + 1, sizeof *ls->rows);
		for (long i = 0; i < n; i++)
			ls->rows[i] = (struct lrow){.id = ids[i], .order = i};
		ls->wn = n;
		free(ids);
	}
	ls->n = n;
	/* The number column: as wide as the largest number and a state mark, no wider. */
	int digits = 1;
	for (long k = n; k >= 10; k /= 10)
		digits++;
	ls->cols[0].width = digits + 2 > 4 ? digits + 2 : 4;
	list_sort(ui, ls);
	t->nrows = n;
	t->cur = 0;
	ls->table = t;
	/* The same list read again (after a change): where the window was, from its first row. */
	if (ls->paged && old_order == (int)ls->pg.order && old_desc == ls->sort_desc &&
	    !strcmp(old_unit ? old_unit : "", ls->pg.unit ? ls->pg.unit : "") && anchor.len && old_w0 < n) {
		struct service_row *rows = xcalloc(LIST_CHUNK * 2 + 1, sizeof *rows);
		long got = 0;
		if (service_pager_read(&ls->pg, anchor.buf, anchor.len, true, ls->sort_desc, LIST_CHUNK * 2, rows,
				       &got) == 0 && got) {
			window_put(ls, rows, got, old_w0);
			t->cur = old_cur < n ? old_cur : n - 1;
		}
		free(rows);
	}
	sb_free(&anchor);
	free(old_unit);
	for (long i = ls->w0; keep && i < ls->w0 + ls->wn; i++)
		if (ls->rows[i - ls->w0].id == keep)
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

/* What a search typed asks for: a regular expression, or an ID number in full. */
struct list_query {
	pcre2_code *re;
	char id[19];
};

/* Take the search TEXT into ARG (a list_query); a wrong expression or ID number is refused with
 * the reason, and the prompt keeps the text to be corrected (it was dropped). */
static int list_search_take(struct ui *ui, const char *text, void *arg)
{
	(void)ui;
	struct list_query *q = arg;
	if (q->re)
		pcre2_code_free(q->re);
	*q = (struct list_query){0};
	if (!str_empty(text) && text[0] == '/') {
		size_t len = strlen(text + 1);
		if (len > 0 && text[len] == '/')
			len--;
		int err;
		PCRE2_SIZE off;
		q->re = pcre2_compile((PCRE2_SPTR)(text + 1), len, PCRE2_UTF | PCRE2_CASELESS, &err, &off, NULL);
		if (!q->re) {
			/* PCRE2 says where in bytes; a person counts characters, the leading / too. */
			char *before = xstrndup(text + 1, off < len ? off : len);
			int at = utf8_chars(before) + 2;
			free(before);
			return errmsg_set(ZZ_EINVAL, "正则表达式有误（第 %d 个字符附近），请检查括号是否成对", at);
		}
	} else if (!str_empty(text) && strspn(text, "0123456789xX") == strlen(text) && strlen(text) >= 15) {
		int rc = idnum_normalize(text, q->id);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static void list_search(struct ui *ui, struct lstate *ls)
{
	char *text = NULL;
	struct list_query q = {0};
	if (ui_prompt_act(ui, "搜索（姓名开头、身份证号，或 /正则表达式；空为全部）：", &text, list_search_take, &q) < 0) {
		if (q.re)
			pcre2_code_free(q.re);
		free(text);
		return;
	}
	if (ls->re)
		pcre2_code_free(ls->re);
	ls->re = q.re;
	snprintf(ls->idnum, sizeof ls->idnum, "%s", q.id);
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

/* 0 when U may delete row ID, else why not (a read-only role; a decided access request), asked
 * before the question so that no one confirms what service_delete refuses (a leader was asked
 * "确定删除…？" and refused after y). */
static int row_kept(struct ui *ui, struct lstate *ls, uint64_t id)
{
	struct rec *r = NULL;
	int rc = service_get(ui->c, ui->u, ls->t, id, &r);
	if (rc == 0 && !service_may(ui->c, ui->u, ACT_DELETE, ls->t, r->unit))
		rc = errmsg_set(ZZ_EPERM, "%s无权删除%s", perm_role_zh(ui->c, ui->u->role),
				ls->t->title);
	if (rc == 0)
		rc = service_frozen(ui->c, NULL, r, ACT_DELETE);
	rec_free(&r);
	return rc;
}

static int list_act(struct ui *ui, struct ui_table_screen *s, enum ui_act a)
{
	struct lstate *ls = s->arg;
	struct ui_table *t = &s->t;
	const struct lrow *at = lrow_at(ui, ls, t->cur);
	uint64_t id = at ? at->id : 0;
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
			const struct lrow *now = lrow_at(ui, ls, t->cur);
			if (nid && (!now || now->id != nid))
				ui_msg(ui, "%s；它不在当前的筛选结果中", saved);
		}
		return UI_DONE;
	case UI_DELETE: {
		if (!id)
			return UI_DONE;
		int kept = row_kept(ui, ls, id);
		if (kept < 0)
			return ui_err(ui, kept), UI_DONE;
		const struct lrow *lr = row_load(ui, ls, t->cur);
		char *name = xstrdup(ls->nfields && lr ? lr->cells[1] : "");
		bool yes = ui_confirm(ui, "确定删除%s“%s”？删除后不能恢复", ls->t->title, name);
		free(name);
		if (!yes)
			return UI_DONE;
		const struct lrow *nx = lrow_at(ui, ls, t->cur + 1);
		if (!nx)
			nx = lrow_at(ui, ls, t->cur - 1);
		uint64_t next = nx ? nx->id : 0;
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
		if (list_pick_sort(ui, ls) < 0)
			return UI_DONE;
		if (ls->paged || list_order(ls) >= 0) {
			list_query(ui, ls, t, id);
		} else {
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
		struct lrow *lr = lrow_at(ui, ls, t->cur);
		if (!lr) {
			rec_free(&r);
			return UI_DONE;
		}
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

/* The width of the 所属单位 column: the widest unit name of the scope as the list shows it, at most
 * LIST_UNIT_MAX. */
static int list_unit_width(struct ui *ui, const char *scope)
{
	const struct units *us = ctx_units(ui->c);
	const struct unit *top = units_find(us, scope);
	int w = ui_width("所属单位");
	for (int i = 0; i < us->n; i++) {
		if (!str_prefix(us->v[i].path, top ? top->path : ""))
			continue;
		int x = ui_width(units_short_name(us, scope, us->v[i].name));
		if (x > w)
			w = x;
	}
	return w < LIST_UNIT_MAX ? w : LIST_UNIT_MAX;
}

int ui_list_run(struct ui *ui, const struct rtype *t)
{
	return ui_list_run_at(ui, t, NULL);
}

int ui_list_run_at(struct ui *ui, const struct rtype *t, const char *unit)
{
	struct lstate ls = {.t = t, .state = -1, .sort_col = -1, .name_col = -1, .unit = unit ? xstrdup(unit) : NULL};
	ls.fields = xcalloc((size_t)t->nf + 1, sizeof *ls.fields);
	for (int i = 0; i < t->nf; i++)
		if (t->f[i].list)
			ls.fields[ls.nfields++] = i;
	ls.ncols = ls.nfields + 2;
	ls.cols = xcalloc((size_t)ls.ncols, sizeof *ls.cols);
	ls.unit_cols = xcalloc((size_t)ls.ncols, sizeof *ls.unit_cols);
	ls.scope = xstrdup(perm_scope(ui->c, ui->u));
	ls.cols[0] = (struct ui_col){.title = "序号", .width = 6, .right = true};
	for (int k = 0; k < ls.nfields; k++) {
		const struct field *f = &t->f[ls.fields[k]];
		int w = f->list;
		if (ui_width(f->label) > w)
			w = ui_width(f->label);
		ls.cols[k + 1] = (struct ui_col){.title = f->label, .width = w};
		ls.unit_cols[k + 1] = f->type == FT_UNIT || f->type == FT_GRID;
		if (ls.fields[k] == t->name_field)
			ls.name_col = k + 1;
	}
	ls.cols[ls.ncols - 1] = (struct ui_col){.title = "所属单位", .width = list_unit_width(ui, ls.scope)};
	ls.unit_cols[ls.ncols - 1] = true;
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
			 "到首尾，左右键查看放不下的列（“所属单位”一列总在右边，单位名称省去本账号单位的名称，如村里看到"
			 "“第1网格”，全称在记录中）。回车查看，e 修改，a 新增，d 删除（需确认）。/ 搜索：输入姓名的开头、"
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
		.t = {.cols = ls.cols, .ncols = ls.ncols, .cell = list_cell, .arg = &ca, .fixed = 1, .pin_last = true},
		.top = list_top,
		.act = list_act,
		.arg = &ls,
	};
	list_query(ui, &ls, &s.t, 0);
	ui_table_run(ui, &s);
	rows_free(&ls);
	if (ls.paged)
		service_pager_free(&ls.pg);
	free(ls.unit);
	free(ls.search);
	if (ls.re)
		pcre2_code_free(ls.re);
	free(ls.cols);
	free(ls.unit_cols);
	free(ls.scope);
	free(ls.fields);
	return 0;
}
