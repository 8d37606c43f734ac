/* report.c — one unit's monthly form: figures from the counters, typed cells, roll-up of the lower
 * units' submitted forms, checks, draft, submission (frozen), return; reports.db holds each form as
 * lines "name<TAB>value" (state, late, at, by, reason, missing, cell ROW COL VALUE). */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "domain.h"
#include "perm.h"
#include "service.h"
#include "stats.h"
#include "validate.h"

const char *const rp_state_zh[RP__NSTATES] = {"未填报", "草稿", "已上报", "被退回"};
const char *const rp_state_id[RP__NSTATES] = {"none", "draft", "submitted", "returned"};

void report_form_free(struct rp_form **fp)
{
	struct rp_form *f = *fp;
	if (!f)
		return;
	free(f->unit);
	free(f->by);
	free(f->reason);
	free(f->v);
	free(f->how);
	strv_free(&f->missing);
	strv_free(&f->sent_after);
	free(f);
	*fp = NULL;
}

static void form_key(struct sb *k, const char *def, const char *month, const char *unit)
{
	sb_addc(k, 'F');
	sb_add(k, def, strlen(def) + 1);
	sb_add(k, month, strlen(month) + 1);
	sb_adds(k, unit);
}

static int level_index(const struct rp_def *d, int level)
{
	for (int i = 0; i < d->nlevels; i++)
		if (d->levels[i] == level)
			return i;
	return -1;
}

static int row_index(const struct rp_def *d, const char *s)
{
	for (int i = 0; i < d->nrows; i++)
		if (strcmp(d->rows[i].id, s) == 0 || strcmp(d->rows[i].label, s) == 0)
			return i;
	return -1;
}

static int col_index(const struct rp_def *d, const char *s)
{
	for (int i = 0; i < d->ncols; i++)
		if (strcmp(d->cols[i].id, s) == 0 || strcmp(d->cols[i].label, s) == 0)
			return i;
	return -1;
}

/* What is stored of a form: its state and its cells (CELLS NULL: only the state). */
struct stored {
	int state;
	bool late;
	int64_t at;
	char *by, *reason;
	struct strv missing;
};

static void stored_clear(struct stored *s)
{
	free(s->by);
	free(s->reason);
	strv_free(&s->missing);
	memset(s, 0, sizeof *s);
}

/* Parse the stored text of a form; cells go into F when given. */
static void stored_parse(struct stored *s, const char *buf, size_t n, struct rp_form *f)
{
	char *text = xstrndup(buf, n), *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *part[4] = {0};
		int np = str_split(line, '\t', part, 4);
		if (np < 2)
			continue;
		if (strcmp(part[0], "state") == 0) {
			for (int i = 0; i < RP__NSTATES; i++)
				if (strcmp(part[1], rp_state_id[i]) == 0)
					s->state = i;
		} else if (strcmp(part[0], "late") == 0) {
			s->late = strcmp(part[1], "1") == 0;
		} else if (strcmp(part[0], "at") == 0) {
			long long at = 0;
			str_to_ll(part[1], &at);
			s->at = at;
		} else if (strcmp(part[0], "by") == 0) {
			free(s->by);
			s->by = xstrdup(part[1]);
		} else if (strcmp(part[0], "reason") == 0) {
			free(s->reason);
			s->reason = xstrdup(part[1]);
		} else if (strcmp(part[0], "missing") == 0) {
			strv_push(&s->missing, part[1]);
		} else if (strcmp(part[0], "cell") == 0 && np == 4 && f) {
			int r = row_index(f->d, part[1]), c = col_index(f->d, part[2]);
			long long v = 0;
			if (r >= 0 && c >= 0 && str_to_ll(part[3], &v) == 0)
				RP_CELL(f, r, c) = v;
		}
	}
	free(text);
}

static int stored_load(struct store *st, DB_TXN *txn, const struct rp_def *d, const char *month,
		       const char *unit, struct stored *s, struct rp_form *f, bool rmw)
{
	struct sb k;
	sb_init(&k);
	form_key(&k, d->id, month, unit);
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(store_db(st, DBI_REPORTS), txn, k.buf, k.len, &v, &vn, rmw);
	sb_free(&k);
	memset(s, 0, sizeof *s);
	if (rc == ZZ_ENOENT)
		return 0;
	if (rc == 0)
		stored_parse(s, v, vn, f);
	free(v);
	return rc;
}

/* The stored text of F in state S; ALL: every cell (frozen), else only the typed ones (a draft). */
static void stored_encode(const struct rp_form *f, const struct stored *s, bool all, struct sb *out)
{
	sb_addf(out, "state\t%s\nlate\t%d\nat\t%lld\n", rp_state_id[s->state], s->late ? 1 : 0,
		(long long)s->at);
	if (!str_empty(s->by))
		sb_addf(out, "by\t%s\n", s->by);
	if (!str_empty(s->reason))
		sb_addf(out, "reason\t%s\n", s->reason);
	for (int i = 0; i < s->missing.n; i++)
		sb_addf(out, "missing\t%s\n", s->missing.v[i]);
	for (int r = 0; f && r < f->d->nrows; r++)
		for (int c = 0; c < f->d->ncols; c++)
			if (all || (f->how[r * f->d->ncols + c] & RP_TYPED))
				sb_addf(out, "cell\t%s\t%s\t%lld\n", f->d->rows[r].id,
					f->d->cols[c].id, RP_CELL(f, r, c));
}

static int stored_put(struct store *st, DB_TXN *txn, const struct rp_def *d, const char *month,
		      const char *unit, const struct sb *text)
{
	struct sb k;
	sb_init(&k);
	form_key(&k, d->id, month, unit);
	int rc = store_put(store_db(st, DBI_REPORTS), txn, k.buf, k.len, text->buf, text->len);
	sb_free(&k);
	return rc;
}

int64_t report_due(struct ctx *c, const struct rp_def *d, int level, const char *month)
{
	int64_t due = report_due_named(c, d->due, level, month);
	return due ? due : report_due_day(month, 1);
}

int64_t report_due_named(struct ctx *c, const char *name, int level, const char *month)
{
	char key[96];
	snprintf(key, sizeof key, "reports.due.%s.%s", name, unit_level_name(level));
	const config_setting_t *s = conf_setting(c->conf, key);
	return s ? report_due_day(month, config_setting_get_int(s)) : 0;
}

int64_t report_due_day(const char *month, int day)
{
	struct tm tm = {.tm_year = atoi(month) - 1900,
			.tm_mon = atoi(month + 5),
			.tm_mday = day,
			.tm_hour = 23,
			.tm_min = 59,
			.tm_sec = 59,
			.tm_isdst = -1};
	return (int64_t)mktime(&tm);
}

int report_first_month(struct ctx *c, int64_t now, char first[8])
{
	int64_t made = 0;
	int rc = store_made(c->st, &made);
	first[0] = '\0';
	if (rc == 0 && made <= now)
		stats_month(made, first);
	return rc == ZZ_ENOENT ? 0 : rc;
}

/* The counter behind cell (R, C) of a unit at PATH. */
static int stat_cell(struct ctx *c, const struct rp_form *f, const char *path, int r, int col,
		     long long *out)
{
	const struct rp_def *d = f->d;
	const struct rp_col *k = &d->cols[col];
	char *dim = NULL, *val = NULL;
	if (r == 0 || !d->row_dim) {
		dim = xstrdup(k->dim);
		val = xstrdup(k->val);
	} else if (strcmp(k->dim, "all") == 0) {
		dim = xstrdup(d->row_dim);
		val = xstrdup(d->rows[r].val);
	} else {
		dim = xasprintf("%s*%s", d->row_dim, k->dim);
		val = xasprintf("%s|%s", d->rows[r].val, k->val);
	}
	int rc = k->stock ? stats_upto(c->st, NULL, path, f->month, d->subject, dim, val, out)
			  : stats_get(c->st, NULL, path, f->month, d->subject, dim, val, out);
	free(dim);
	free(val);
	return rc;
}

/* The lower level that sends its forms to a unit at level index LI. */
static int lower_level(const struct rp_def *d, int li) { return li > 0 ? d->levels[li - 1] : -1; }

static int form_compute(struct ctx *c, struct rp_form *f, const struct unit *x, int li)
{
	const struct rp_def *d = f->d;
	int rc = 0;
	if (f->rollup) {
		const struct units *us = ctx_units(c);
		int lower = lower_level(d, li);
		memset(f->v, 0, (size_t)d->nrows * (size_t)d->ncols * sizeof *f->v);
		for (int i = 0; i < us->n && rc == 0; i++) {
			const struct unit *y = &us->v[i];
			if (y->level != lower || strcmp(y->parent, x->code) != 0)
				continue;
			struct rp_form *g = xcalloc(1, sizeof *g);
			g->d = d;
			g->v = xcalloc((size_t)d->nrows * (size_t)d->ncols, sizeof *g->v);
			struct stored s;
			rc = stored_load(c->st, NULL, d, f->month, y->code, &s, g, false);
			if (rc == 0 && s.state == RP_SUBMITTED) {
				for (int k = 0; k < d->nrows * d->ncols; k++)
					f->v[k] += g->v[k];
			} else if (rc == 0) {
				strv_push(&f->missing, y->code);
			}
			stored_clear(&s);
			free(g->v);
			free(g);
		}
	} else {
		for (int r = 1; r < d->nrows && rc == 0; r++)
			for (int col = 0; col < d->ncols && rc == 0; col++)
				if (d->cols[col].dim)
					rc = stat_cell(c, f, x->path, r, col, &RP_CELL(f, r, col));
	}
	/* The total row is the sum of the rows, so that it always agrees with them. */
	for (int col = 0; col < d->ncols; col++) {
		long long sum = 0;
		for (int r = 1; r < d->nrows; r++)
			sum += RP_CELL(f, r, col);
		RP_CELL(f, 0, col) = sum;
	}
	return rc;
}

static void form_how(struct rp_form *f)
{
	const struct rp_def *d = f->d;
	for (int r = 0; r < d->nrows; r++)
		for (int col = 0; col < d->ncols; col++) {
			unsigned char h = r == 0	     ? RP_TOTAL
					  : f->rollup	     ? RP_SUM
					  : d->cols[col].dim ? RP_STAT
							     : RP_TYPED;
			f->how[r * d->ncols + col] = h;
		}
}

/* The unit whose subtree U sees (the console: the root). */
static const char *scope_of(struct ctx *c, const struct user *u)
{
	if (!perm_console(u))
		return perm_scope(c, u);
	const struct units *us = ctx_units(c);
	for (int i = 0; i < us->n; i++)
		if (str_empty(us->v[i].parent))
			return us->v[i].code;
	return "";
}

static struct rp_form *form_new(struct ctx *c, const struct rp_def *d, const struct unit *x, const char *month,
			       int li)
{
	struct rp_form *f = xcalloc(1, sizeof *f);
	f->d = d;
	f->unit = xstrdup(x->code);
	snprintf(f->month, sizeof f->month, "%s", month);
	f->level = x->level;
	f->rollup = li > 0;
	f->v = xcalloc((size_t)d->nrows * (size_t)d->ncols, sizeof *f->v);
	f->how = xcalloc((size_t)d->nrows * (size_t)d->ncols, 1);
	f->due = report_due(c, d, x->level, month);
	form_how(f);
	return f;
}

int report_frozen(struct ctx *c, const struct rp_def *d, const char *unit, const char *month,
		  struct rp_form **out)
{
	*out = NULL;
	const struct unit *x = units_find(ctx_units(c), unit);
	int li = x ? level_index(d, x->level) : -1;
	if (li < 0)
		return errmsg_set(ZZ_ENOENT, "%s 不填报%s", unit, d->title);
	struct rp_form *f = form_new(c, d, x, month, li);
	struct stored s;
	int rc = stored_load(c->st, NULL, d, month, x->code, &s, f, false);
	f->state = s.state;
	f->at = s.at;
	stored_clear(&s);
	if (rc == 0 && f->state != RP_SUBMITTED)
		rc = errmsg_set(ZZ_ENOENT, "%s %s 的%s未上报", unit, month, d->title);
	if (rc < 0) {
		report_form_free(&f);
		return rc;
	}
	*out = f;
	return 0;
}

/* Of MISSING (the lower units a roll-up was submitted without), those whose own form of MONTH is
 * submitted now, into OUT. */
static int sent_after_find(struct ctx *c, const struct rp_def *d, const char *month, const struct strv *missing,
			   struct strv *out)
{
	int rc = 0;
	for (int i = 0; i < missing->n && rc == 0; i++) {
		struct stored s;
		rc = stored_load(c->st, NULL, d, month, missing->v[i], &s, NULL, false);
		if (rc == 0 && s.state == RP_SUBMITTED)
			strv_push(out, missing->v[i]);
		stored_clear(&s);
	}
	return rc;
}

int report_open(struct ctx *c, const struct user *u, const struct rp_def *d, const char *unit,
		const char *month, struct rp_form **out)
{
	const struct unit *x = unit ? units_find(ctx_units(c), unit) : NULL;
	if (!x)
		return errmsg_set(ZZ_ENOENT, "没有单位 %s", unit ? unit : "");
	if (perm_check(c, u, ACT_VIEW, schema_type(c->schema, d->type), x->code) < 0)
		return ZZ_EPERM;
	int li = level_index(d, x->level);
	if (li < 0)
		return errmsg_set(ZZ_EINVAL, "%s不填报%s（由%s填报）", x->name, d->title,
				  unit_level_zh[d->levels[0]]);
	if (strlen(month) != 7 || month[4] != '-' || atoi(month + 5) < 1 || atoi(month + 5) > 12)
		return errmsg_set(ZZ_EINVAL, "月份应为 YYYY-MM：%s", month);
	if (stats_month_begun(month, (int64_t)time(NULL)) < 0)
		return ZZ_EINVAL;
	struct rp_form *f = form_new(c, d, x, month, li);
	struct stored s;
	int rc = stored_load(c->st, NULL, d, month, x->code, &s, f, false);
	f->state = s.state;
	f->late = s.late;
	f->at = s.at;
	f->by = s.by;
	f->reason = s.reason;
	s.by = s.reason = NULL;
	if (rc == 0 && f->state == RP_SUBMITTED) {
		/* Frozen: the figures as submitted, and who was missing then. */
		for (int i = 0; i < s.missing.n; i++)
			strv_push(&f->missing, s.missing.v[i]);
		rc = sent_after_find(c, d, month, &f->missing, &f->sent_after);
	} else if (rc == 0) {
		rc = form_compute(c, f, x, li);
	}
	stored_clear(&s);
	if (rc < 0) {
		report_form_free(&f);
		return rc;
	}
	*out = f;
	return 0;
}

int report_set_cell(struct rp_form *f, int row, int col, long long value)
{
	const struct rp_def *d = f->d;
	if (row < 0 || row >= d->nrows || col < 0 || col >= d->ncols)
		return errmsg_set(ZZ_EINVAL, "没有这个单元格");
	if (f->state == RP_SUBMITTED)
		return errmsg_set(ZZ_EINVAL, "已上报的报表不能修改，需上级退回后再改");
	unsigned h = f->how[row * d->ncols + col];
	if (h & RP_TOTAL)
		return errmsg_set(ZZ_EINVAL, "“%s”一行由各行相加，不能填写", d->rows[row].label);
	if (h & RP_SUM)
		return errmsg_set(ZZ_EINVAL, "汇总表的数字来自下级上报的报表，不能填写");
	if (h & RP_STAT)
		return errmsg_set(ZZ_EINVAL, "“%s”由系统按数据统计，不能填写", d->cols[col].label);
	if (value < 0)
		return errmsg_set(ZZ_EINVAL, "“%s”不能为负数", d->cols[col].label);
	if (value > 1000000000LL)
		return errmsg_set(ZZ_EINVAL, "“%s”的数字过大", d->cols[col].label);
	RP_CELL(f, row, col) = value;
	long long sum = 0;
	for (int r = 1; r < d->nrows; r++)
		sum += RP_CELL(f, r, col);
	RP_CELL(f, 0, col) = sum;
	return 0;
}

int report_set(struct rp_form *f, const char *row, const char *col, const char *value)
{
	int r = row_index(f->d, row), k = col_index(f->d, col);
	if (r < 0)
		return errmsg_set(ZZ_EINVAL, "%s没有“%s”这一行", f->d->title, row);
	if (k < 0)
		return errmsg_set(ZZ_EINVAL, "%s没有“%s”这一列", f->d->title, col);
	long long v = 0;
	if (str_to_ll(value, &v) < 0)
		return errmsg_set(ZZ_EINVAL, "“%s”应为整数：%s", f->d->cols[k].label, value);
	return report_set_cell(f, r, k, v);
}

const char *const rp_rel_key[RP__NRELS] = {"le", "of"};

/* Whether V in column K of row R stands to W (column O) as the relation says; else the refusal,
 * naming both columns. A draft (not SUBMIT) may leave a cell at 0, not yet filled. */
static int rel_le(const struct rp_def *d, int r, int k, int o, long long v, long long w,
		  bool submit)
{
	(void)submit;
	if (v <= w)
		return 0;
	return errmsg_set(ZZ_EINVAL, "“%s”的“%s”（%lld）不能大于“%s”（%lld）", d->rows[r].label,
			  d->cols[k].label, v, d->cols[o].label, w);
}

static int rel_of(const struct rp_def *d, int r, int k, int o, long long v, long long w,
		  bool submit)
{
	if (w == 0 && v > 0)
		return errmsg_set(ZZ_EINVAL, "“%s”的“%s”为 0，“%s”也应为 0（现为 %lld）",
				  d->rows[r].label, d->cols[o].label, d->cols[k].label, v);
	/* A draft's total sums rows not yet filled (0): its rows are held to it one by one. */
	if (v >= w || (!submit && (v == 0 || r == 0)))
		return 0;
	return errmsg_set(ZZ_EINVAL, "“%s”的“%s”（%lld）不能少于“%s”（%lld）：每件至少涉及 1 人",
			  d->rows[r].label, d->cols[k].label, v, d->cols[o].label, w);
}

static int (*const rel_check[RP__NRELS])(const struct rp_def *, int, int, int, long long, long long,
					 bool) = {rel_le, rel_of};

/* Each failed check of F (rows first, the total last: the cell typed comes before the sum it
 * spoils) goes to FN with its cell and its refusal in errmsg(); a negative return from FN ends the
 * walk and is returned. A negative cell is not held to its relations as well. */
typedef int (*check_fn)(int row, int col, int rc, void *arg);

static int check_walk(const struct rp_form *f, bool submit, check_fn fn, void *arg)
{
	const struct rp_def *d = f->d;
	for (int i = 1; i <= d->nrows; i++)
		for (int k = 0; k < d->ncols; k++) {
			int r = i % d->nrows, rc = 0;
			long long v = RP_CELL(f, r, k);
			if (v < 0) {
				rc = fn(r, k,
					errmsg_set(ZZ_EINVAL, "“%s”的“%s”为负数（%lld）",
						   d->rows[r].label, d->cols[k].label, v),
					arg);
				if (rc < 0)
					return rc;
				continue;
			}
			for (int x = 0; x < RP__NRELS && rc == 0; x++) {
				int o = d->cols[k].rel[x];
				int bad = o >= 0
					      ? rel_check[x](d, r, k, o, v, RP_CELL(f, r, o), submit)
					      : 0;
				rc = bad < 0 ? fn(r, k, bad, arg) : 0;
			}
			if (rc < 0)
				return rc;
		}
	return 0;
}

struct first_arg {
	int *row, *col;
};

static int check_first(int row, int col, int rc, void *arg)
{
	struct first_arg *a = arg;
	*a->row = row;
	*a->col = col;
	return rc;
}

int report_check(const struct rp_form *f, bool submit, int *row, int *col)
{
	*row = *col = -1;
	struct first_arg a = {.row = row, .col = col};
	return check_walk(f, submit, check_first, &a);
}

struct all_arg {
	struct rp_problem *v;
	int n;
};

/* A total fails only where one of its rows does (it is their sum): listed, it would be the same
 * problem twice, so it is left out when a row of its column is listed. */
static int check_all(int row, int col, int rc, void *arg)
{
	(void)rc;
	struct all_arg *a = arg;
	for (int i = 0; row == 0 && i < a->n; i++)
		if (a->v[i].col == col)
			return 0;
	a->v = xrealloc(a->v, (size_t)(a->n + 1) * sizeof *a->v);
	a->v[a->n++] = (struct rp_problem){.row = row, .col = col, .msg = xstrdup(errmsg())};
	return 0;
}

int report_problems(const struct rp_form *f, bool submit, struct rp_problem **out)
{
	struct all_arg a = {0};
	check_walk(f, submit, check_all, &a);
	*out = a.v;
	return a.n;
}

void report_problems_free(struct rp_problem **v, int n)
{
	for (int i = 0; *v && i < n; i++)
		free((*v)[i].msg);
	free(*v);
	*v = NULL;
}

enum rp_op { OP_SAVE, OP_SUBMIT, OP_RETURN };

struct put_arg {
	struct ctx *c;
	const struct user *u;
	struct rp_form *f;
	enum rp_op op;
	const char *reason;
	int64_t now;
};

static const char *op_audit[] = {
    [OP_SAVE] = "report_save", [OP_SUBMIT] = "report_submit", [OP_RETURN] = "report_return"};

static int put_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct put_arg *a = arg;
	struct rp_form *f = a->f;
	struct stored s;
	int rc = stored_load(st, txn, f->d, f->month, f->unit, &s, NULL, true);
	struct sb text, detail;
	sb_init(&text);
	sb_init(&detail);
	if (rc < 0)
		goto out;
	/* The state is read again in the transaction: someone may have acted since the form was
	 * opened. */
	if (a->op != OP_RETURN && s.state == RP_SUBMITTED) {
		rc = errmsg_set(ZZ_EINVAL, "%s（%s）已上报，不能再修改；需上级退回", f->d->title,
				f->month);
		goto out;
	}
	if (a->op == OP_RETURN && s.state != RP_SUBMITTED) {
		rc = errmsg_set(ZZ_EINVAL, "%s（%s）尚未上报，不能退回", f->d->title, f->month);
		goto out;
	}
	bool all = false;
	switch (a->op) {
	case OP_SAVE:
		s.state = s.state == RP_RETURNED ? RP_RETURNED : RP_DRAFT;
		sb_adds(&detail, "保存草稿");
		break;
	case OP_SUBMIT:
		s.state = RP_SUBMITTED;
		s.at = a->now;
		s.late = s.late || a->now > f->due;
		free(s.by);
		s.by = xstrdup(a->u->name);
		strv_free(&s.missing);
		for (int i = 0; i < f->missing.n; i++)
			strv_push(&s.missing, f->missing.v[i]);
		all = true;
		sb_addf(&detail, "上报%s", s.late ? "（逾期）" : "（按时）");
		if (f->missing.n)
			sb_addf(&detail, "，%d 个下级单位未上报", f->missing.n);
		break;
	case OP_RETURN:
		s.state = RP_RETURNED;
		free(s.reason);
		s.reason = xstrdup(a->reason);
		sb_addf(&detail, "退回：%s", a->reason);
		break;
	}
	/* A draft and a returned form keep the typed cells only (the computed ones are live); a
	 * submitted one every cell, frozen. */
	stored_encode(f, &s, all, &text);
	rc = stored_put(st, txn, f->d, f->month, f->unit, &text);
	if (rc == 0) {
		char *obj = xasprintf("report:%s:%s:%s", f->d->id, f->month, f->unit);
		rc = audit_append(a->c, txn,
				  &(struct audit_entry){.user = a->u->name,
							.unit = a->u->unit,
							.type = op_audit[a->op],
							.object = obj,
							.result = "ok",
							.detail = detail.buf ? detail.buf : ""});
		free(obj);
	}
	if (rc == 0) {
		f->state = s.state;
		f->late = s.late;
		f->at = s.at;
		free(f->by);
		f->by = s.by ? xstrdup(s.by) : NULL;
		free(f->reason);
		f->reason = s.reason ? xstrdup(s.reason) : NULL;
	}
out:
	stored_clear(&s);
	sb_free(&text);
	sb_free(&detail);
	return rc;
}

/* A member department files only the forms of its own line's records (公安 the 群体性事件月报表);
 * the center's forms are the office's, though the department may edit events it handles. */
static bool dept_files(const struct user *u, const struct rtype *t)
{
	return str_empty(u->dept) || (t && rtype_owned_by(t, u->dept));
}

/* May U fill F: it is its own unit's form (or U is the console) and U may edit its records there.
 */
int report_may_fill(struct ctx *c, const struct user *u, const struct rp_form *f)
{
	if (perm_console(u))
		return 0;
	const struct rtype *t = schema_type(c->schema, f->d->type);
	/* Said of the form (it read "无权修改矛盾纠纷事件" to a leader pressing U on a report). */
	if (perm_check(c, u, ACT_EDIT, t, f->unit) < 0)
		return errmsg_set(ZZ_EPERM, "%s无权填报、上报%s", perm_role_zh(c, u->role), f->d->title);
	if (!dept_files(u, t))
		return errmsg_set(ZZ_EPERM, "%s由综治办填报，%s不填报此表", f->d->title, perm_dept_zh(c, u->dept));
	if (strcmp(perm_scope(c, u), f->unit) != 0)
		return errmsg_set(ZZ_EPERM, "只能填报本单位的报表");
	return 0;
}

static int run_op(struct ctx *c, const struct user *u, struct rp_form *f, enum rp_op op,
		  const char *reason, int64_t now)
{
	struct put_arg a = {c, u, f, op, reason, now};
	int rc = store_run(c->st, put_txn, &a);
	if (rc == ZZ_EPERM) {
		char *obj = xasprintf("report:%s:%s:%s", f->d->id, f->month, f->unit);
		service_audit_refusal(c, u, op_audit[op], obj, rc);
		free(obj);
	}
	return rc;
}

int report_save(struct ctx *c, const struct user *u, struct rp_form *f)
{
	int rc = report_may_fill(c, u, f);
	if (rc == 0 && f->rollup)
		rc = errmsg_set(ZZ_EINVAL, "汇总表没有需要填写的数字，可直接上报");
	int row, col;
	if (rc == 0)
		rc = report_check(f, false, &row, &col);
	if (rc == 0)
		rc = run_op(c, u, f, OP_SAVE, NULL, 0);
	else if (rc == ZZ_EPERM)
		service_audit_refusal(c, u, "report_save", f->d->id, rc);
	return rc;
}

/* A form reports a month that is over: submitted earlier, it would freeze figures still growing
 * (and the analysis tables take a submitted month's figures as final). */
int report_may_submit(struct ctx *c, const struct user *u, const struct rp_form *f, int64_t now)
{
	int rc = report_may_fill(c, u, f);
	if (rc < 0)
		return rc;
	char next[8];
	stats_month_add(f->month, -1, next);
	struct tm tm = {.tm_year = atoi(next) - 1900, .tm_mon = atoi(next + 5) - 1, .tm_mday = 1,
			.tm_isdst = -1};
	if (now < (int64_t)mktime(&tm))
		return errmsg_set(ZZ_EINVAL, "%s 月还没有结束，%s须在 %s-01 以后上报（可以先填写、保存草稿）",
				  f->month, f->d->title, next);
	return 0;
}

int report_submit(struct ctx *c, const struct user *u, struct rp_form *f, int64_t now)
{
	int rc = report_may_submit(c, u, f, now);
	int row, col;
	if (rc == 0)
		rc = report_check(f, true, &row, &col);
	if (rc == 0)
		rc = run_op(c, u, f, OP_SUBMIT, NULL, now);
	else if (rc == ZZ_EPERM)
		service_audit_refusal(c, u, "report_submit", f->d->id, rc);
	return rc;
}

/* The unit above sends it back: the account's scope holds the form's unit strictly, and only an
 * account that files such forms (a department that handles events does not send back the center's
 * forms). */
static int return_allowed(struct ctx *c, const struct user *u, const struct rp_form *f)
{
	if (perm_console(u))
		return 0;
	const struct rtype *t = schema_type(c->schema, f->d->type);
	if (perm_check(c, u, ACT_EDIT, t, f->unit) < 0)
		return errmsg_set(ZZ_EPERM, "%s无权退回%s", perm_role_zh(c, u->role), f->d->title);
	if (!dept_files(u, t))
		return errmsg_set(ZZ_EPERM, "%s由综治办退回，%s不退回此表", f->d->title,
				  perm_dept_zh(c, u->dept));
	const char *scope = perm_scope(c, u);
	if (strcmp(scope, f->unit) == 0 || !units_under(ctx_units(c), f->unit, scope))
		return errmsg_set(ZZ_EPERM, "只有上级单位可以退回报表");
	return 0;
}

int report_may_return(struct ctx *c, const struct user *u, const struct rp_form *f)
{
	int rc = return_allowed(c, u, f);
	if (rc < 0) {
		service_audit_refusal(c, u, "report_return", f->d->id, rc);
		return rc;
	}
	if (f->state != RP_SUBMITTED)
		return errmsg_set(ZZ_EINVAL, "%s（%s）尚未上报，不能退回", f->d->title, f->month);
	return 0;
}

bool report_can_return(struct ctx *c, const struct user *u, const struct rp_form *f)
{
	return f->state == RP_SUBMITTED && return_allowed(c, u, f) == 0;
}

bool report_can_fill(struct ctx *c, const struct user *u, const struct rp_form *f)
{
	return f->state != RP_SUBMITTED && report_may_fill(c, u, f) == 0;
}

int report_return(struct ctx *c, const struct user *u, struct rp_form *f, const char *reason)
{
	if (str_empty(reason))
		return errmsg_set(ZZ_EINVAL, "退回须说明理由");
	if (!utf8_valid(reason, strlen(reason)))
		return errmsg_set(ZZ_EINVAL, "退回理由含无效字符");
	if (utf8_chars(reason) > 200)
		return errmsg_set(ZZ_EINVAL, "退回理由至多 200 字（现有 %d 字），请删短一些", utf8_chars(reason));
	for (const char *p = reason; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return errmsg_set(ZZ_EINVAL, "退回理由不能含控制字符或换行");
	/* The state is checked again in the transaction (another session may have acted). */
	int rc = report_may_return(c, u, f);
	if (rc == ZZ_EPERM)
		return rc;
	return run_op(c, u, f, OP_RETURN, reason, 0);
}

bool report_any(struct ctx *c, const struct user *u, const struct rp_defs *defs)
{
	const char *scope = scope_of(c, u);
	const struct unit *me = units_find(ctx_units(c), scope);
	for (int i = 0; i < defs->n; i++) {
		const struct rp_def *d = &defs->v[i];
		if (!perm_may(c, u, ACT_VIEW, schema_type(c->schema, d->type), scope))
			continue;
		if (perm_console(u) || (me && level_index(d, me->level) >= 0))
			return true;
	}
	return false;
}

int report_list(struct ctx *c, const struct user *u, const struct rp_defs *defs, const char *month,
		report_list_cb cb, void *arg)
{
	const struct units *us = ctx_units(c);
	const char *scope = scope_of(c, u);
	bool console = perm_console(u);
	int64_t now = (int64_t)time(NULL);
	if (stats_month_begun(month, now) < 0)
		return ZZ_EINVAL;
	int rc = 0;
	for (int i = 0; i < defs->n && rc == 0; i++) {
		const struct rp_def *d = &defs->v[i];
		const struct rtype *t = schema_type(c->schema, d->type);
		if (!perm_may(c, u, ACT_VIEW, t, scope))
			continue;
		const struct unit *me = units_find(us, scope);
		int li = me ? level_index(d, me->level) : -1;
		for (int j = 0; j < us->n && rc == 0; j++) {
			const struct unit *y = &us->v[j];
			int yl = level_index(d, y->level);
			/* Its own form, and the forms sent to it; the console sees every unit that
			 * files. */
			bool mine = strcmp(y->code, scope) == 0 && yl >= 0;
			bool sent = li > 0 && y->level == lower_level(d, li) &&
				    strcmp(y->parent, scope) == 0;
			if (!(mine || sent || (console && yl >= 0)))
				continue;
			struct stored s;
			rc = stored_load(c->st, NULL, d, month, y->code, &s, NULL, false);
			struct rp_entry e = {.d = d,
					     .unit = y->code,
					     .state = s.state,
					     .late = s.late,
					     .due = report_due(c, d, y->level, month)};
			snprintf(e.month, sizeof e.month, "%s", month);
			if (s.state != RP_SUBMITTED && now > e.due)
				e.late = true;
			stored_clear(&s);
			if (rc == 0)
				rc = cb(&e, arg);
		}
	}
	return rc;
}

struct late_arg {
	struct ctx *c;
	const struct rp_def *d;
	const char *month, *unit;
};

static int late_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct late_arg *a = arg;
	struct stored s;
	int rc = stored_load(st, txn, a->d, a->month, a->unit, &s, NULL, true);
	if (rc == 0 && (s.state == RP_SUBMITTED || s.late)) {
		stored_clear(&s);
		return 0;
	}
	/* Only the mark is written: typed cells of a draft are kept by reading them again. */
	void *v = NULL;
	size_t vn = 0;
	struct sb k, text;
	sb_init(&k);
	sb_init(&text);
	form_key(&k, a->d->id, a->month, a->unit);
	if (rc == 0 && store_get(store_db(st, DBI_REPORTS), txn, k.buf, k.len, &v, &vn, true) == 0) {
		sb_add(&text, v, vn);
		sb_adds(&text, "late\t1\n");
	} else if (rc == 0) {
		sb_adds(&text, "state\tnone\nlate\t1\nat\t0\n");
	}
	free(v);
	if (rc == 0)
		rc = store_put(store_db(st, DBI_REPORTS), txn, k.buf, k.len, text.buf, text.len);
	if (rc == 0) {
		char *obj = xasprintf("report:%s:%s:%s", a->d->id, a->month, a->unit);
		rc = audit_append(a->c, txn,
				  &(struct audit_entry){.user = "daemon",
							.unit = "-",
							.type = "report_late",
							.object = obj,
							.result = "ok",
							.detail = "逾期未上报"});
		free(obj);
	}
	sb_free(&k);
	sb_free(&text);
	stored_clear(&s);
	return rc;
}

int report_rule_late(struct ctx *c, int64_t now)
{
	struct rp_defs *defs = NULL;
	int rc = report_defs_load(c, &defs);
	const struct units *us = ctx_units(c);
	char cur[8];
	stats_month(now, cur);
	char first[8] = "";
	if (rc == 0)
		rc = report_first_month(c, now, first);
	int back = (int)conf_int(c->conf, "reports.months_back");
	for (int b = 1; b <= back && rc == 0; b++) {
		char m[8];
		stats_month_add(cur, b, m);
		if (strcmp(m, first) < 0)
			break;
		for (int i = 0; defs && i < defs->n && rc == 0; i++) {
			const struct rp_def *d = &defs->v[i];
			for (int j = 0; j < us->n && rc == 0; j++) {
				const struct unit *y = &us->v[j];
				if (level_index(d, y->level) < 0 ||
				    now <= report_due(c, d, y->level, m))
					continue;
				struct stored s;
				rc = stored_load(c->st, NULL, d, m, y->code, &s, NULL, false);
				bool need = rc == 0 && s.state != RP_SUBMITTED && !s.late;
				stored_clear(&s);
				if (need) {
					struct late_arg a = {c, d, m, y->code};
					rc = store_run(c->st, late_txn, &a);
				}
			}
		}
	}
	report_defs_free(&defs);
	return rc;
}

/* A roll-up submitted without some lower units, of which some have submitted since: the office
 * learns that its figures leave them out, and what brings them in. */
static int sent_after_todo(struct ctx *c, const struct rp_def *d, const char *month, const struct strv *missing,
			   const char *ref, int64_t due, struct todo_list *l)
{
	struct strv after = {0};
	int rc = sent_after_find(c, d, month, missing, &after);
	if (rc == 0 && after.n) {
		const struct unit *y = units_find(ctx_units(c), after.v[0]);
		char more[32] = "";
		if (after.n > 1)
			snprintf(more, sizeof more, "等 %d 个单位", after.n);
		todo_add(l, TODO_WARN, due, "report", ref, "%s（%s）汇总缺%s%s（其后补报），请上级退回重报",
			 d->title, month, y ? y->name : after.v[0], more);
	}
	strv_free(&after);
	return rc;
}

int report_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l)
{
	if (perm_console(u))
		return 0;
	const struct unit *x = units_find(ctx_units(c), perm_scope(c, u));
	if (!x)
		return 0;
	struct rp_defs *defs = NULL;
	int rc = report_defs_load(c, &defs);
	char cur[8], first[8] = "";
	stats_month(now, cur);
	if (rc == 0)
		rc = report_first_month(c, now, first);
	int back = (int)conf_int(c->conf, "reports.months_back");
	for (int i = 0; defs && i < defs->n && rc == 0; i++) {
		const struct rp_def *d = &defs->v[i];
		const struct rtype *t = schema_type(c->schema, d->type);
		if (level_index(d, x->level) < 0 || !dept_files(u, t) || !perm_may(c, u, ACT_EDIT, t, x->code))
			continue;
		for (int b = 1; b <= back && rc == 0; b++) {
			char m[8];
			stats_month_add(cur, b, m);
			/* A month before the home's first is not asked for; a form sent up then is
			 * still followed (sent back, a roll-up short of a unit). */
			bool asked = strcmp(m, first) >= 0;
			struct stored s;
			rc = stored_load(c->st, NULL, d, m, x->code, &s, NULL, false);
			int64_t due = report_due(c, d, x->level, m);
			char *ref = xasprintf("%s:%s:%s", d->id, m, x->code);
			char day[11];
			date_format(date_today((time_t)due), day);
			if (rc == 0 && s.state == RP_RETURNED)
				todo_add(l, now > due ? TODO_OVERDUE : TODO_WARN, due, "report", ref,
					 "%s（%s）被上级退回：%s",
					 d->title, m, s.reason ? s.reason : "");
			else if (rc == 0 && s.state != RP_SUBMITTED && asked && now > due)
				todo_add(l, TODO_OVERDUE, due, "report", ref,
					 "%s（%s）已逾期未上报（应于 %s 前）", d->title, m, day);
			else if (rc == 0 && s.state != RP_SUBMITTED && asked && b == 1)
				todo_add(l, TODO_INFO, due, "report", ref, "%s（%s）应于 %s 前上报",
					 d->title, m, day);
			else if (rc == 0 && s.missing.n)
				rc = sent_after_todo(c, d, m, &s.missing, ref, due, l);
			free(ref);
			stored_clear(&s);
		}
	}
	report_defs_free(&defs);
	return rc;
}
