/* ui_audit.c — the auditor's work in the UI: the audit log, newest first (the last 7 days, or a
 * search by time range, account, type and result), the selected row's entry above the list and
 * whole on L, a check of the hash chain, and an export of what is shown into the download folder. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit_export.h"
#include "perm.h"
#include "ui_audit.h"
#include "ui_screen.h"

enum { AUDIT_DAYS = 7, AUDIT_COLS = 6 };

struct arow {
	char *cells[AUDIT_COLS];
	char *full; /* every field of the entry, one a line: the detail may be too long for any line */
};

/* The search as typed (kept when a bound is refused) and as applied. */
struct afilter_text {
	char *from, *to, *user, *type, *result;
};

struct astate {
	struct arow *v;
	long n, cap, max;
	bool cut; /* older matching entries left out (ui.audit_max_rows) */
	bool searched;
	struct afilter_text typed;
	struct audit_filter f;
};

static const struct ui_col audit_cols[AUDIT_COLS] = {
	{.title = "时间", .width = 16}, {.title = "账号", .width = 10}, {.title = "类型", .width = 12},
	{.title = "对象", .width = 20}, {.title = "结果", .width = 6},	 {.title = "详情", .width = 60},
};

static void audit_row_free(struct arow *r)
{
	for (int k = 0; k < AUDIT_COLS; k++)
		free(r->cells[k]);
	free(r->full);
}

static int audit_row_cb(const struct audit_entry *e, void *arg)
{
	struct astate *a = arg;
	if (!audit_filter_match(&a->f, e))
		return 0;
	/* Entries come oldest first: past twice the bound, drop the older half (the newest stay). */
	if (a->n == 2 * a->max) {
		for (long i = 0; i < a->max; i++)
			audit_row_free(&a->v[i]);
		memmove(a->v, a->v + a->max, (size_t)a->max * sizeof *a->v);
		a->n = a->max;
		a->cut = true;
	}
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 256;
		a->v = xrealloc(a->v, (size_t)a->cap * sizeof *a->v);
	}
	char when[20];
	datetime_format((time_t)e->time, when);
	struct arow *r = &a->v[a->n++];
	r->cells[0] = xstrndup(when, 16);
	r->cells[1] = xstrdup(e->user ? e->user : "");
	r->cells[2] = xstrdup(e->type ? e->type : "");
	r->cells[3] = xstrdup(e->object ? e->object : "");
	r->cells[4] = xstrdup(e->result ? e->result : "");
	r->cells[5] = xstrdup(e->detail ? e->detail : "");
	r->full = xasprintf("序号：%llu\n时间：%s\n账号：%s\n单位：%s\n来源：%s\n类型：%s\n对象：%s\n结果：%s\n详情：%s",
			    (unsigned long long)e->seq, when, r->cells[1], e->unit ? e->unit : "",
			    e->source ? e->source : "", r->cells[2], r->cells[3], r->cells[4], r->cells[5]);
	return 0;
}

static void audit_rows_free(struct astate *a)
{
	for (long i = 0; i < a->n; i++)
		audit_row_free(&a->v[i]);
	free(a->v);
	a->v = NULL;
	a->n = a->cap = 0;
	a->cut = false;
}

static int audit_load(struct ui *ui, struct astate *a)
{
	audit_rows_free(a);
	int64_t since = a->searched ? a->f.from : (int64_t)time(NULL) - AUDIT_DAYS * 86400;
	struct audit_filter keep = a->f;
	a->f.from = since;
	int rc = audit_scan(ui->c, since, str_empty(a->f.user) ? NULL : a->f.user, audit_row_cb, a);
	a->f = keep;
	if (a->n > a->max) {
		long drop = a->n - a->max;
		for (long i = 0; i < drop; i++)
			audit_row_free(&a->v[i]);
		memmove(a->v, a->v + drop, (size_t)a->max * sizeof *a->v);
		a->n = a->max;
		a->cut = true;
	}
	/* Newest first. */
	for (long i = 0, j = a->n - 1; i < j; i++, j--) {
		struct arow t = a->v[i];
		a->v[i] = a->v[j];
		a->v[j] = t;
	}
	return rc;
}

static const char *audit_cell(void *arg, long row, int col, char *buf, size_t n)
{
	(void)buf;
	(void)n;
	return ((struct astate *)arg)->v[row].cells[col];
}

static void audit_top(struct ui *ui, struct ui_table_screen *s, char *buf, size_t n)
{
	struct astate *a = s->arg;
	(void)ui;
	if (a->n == 0 && a->searched)
		snprintf(buf, n, "没有符合条件的审计记录（r 清除条件）");
	else if (a->n == 0)
		snprintf(buf, n, "近 %d 天没有审计记录", AUDIT_DAYS);
	else
		snprintf(buf, n, "%s %s %s %s：%s", a->v[s->t.cur].cells[1], a->v[s->t.cur].cells[2], a->v[s->t.cur].cells[3],
			 a->v[s->t.cur].cells[4], a->v[s->t.cur].cells[5]);
}

static const enum ui_act audit_acts[] = {UI_UP,   UI_DOWN,   UI_PGUP,  UI_PGDN,   UI_HOME, UI_END, UI_LEFT, UI_RIGHT,
					 UI_ENTER, UI_FULL, UI_SEARCH, UI_RESET, UI_EXPORT, UI_BACK, UI_NONE};
static const enum ui_act audit_hints[] = {UI_ENTER, UI_FULL, UI_SEARCH, UI_EXPORT, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys audit_keys = {
	.screen = "审计日志",
	.about = "审计记录，新的在前：登录、查看完整信息、新增、修改、删除、导入导出、事件办理、拒绝的操作等。"
		 "默认列出近 7 天的；/ 或 F3 按条件查询：起止时间（YYYY-MM-DD 或 YYYY-MM-DD HH:MM，截止日期含当天）、"
		 "账号、类型（如 login、login_fail、edit、export）、结果（ok、refused、failed），留空表示不限；"
		 "r 或 F12 清除条件。上方一行是当前一条的内容，放不下时按 L 看全文（序号、时间、账号、单位、来源、"
		 "类型、对象、结果和完整的详情）。回车检查整个审计日志的哈希链是否完整（有无被改动、"
		 "删除或调换的记录）。w 把当前条件下的全部记录导出为 CSV 文件，放在本账号的下载文件夹"
		 "（download，用 SFTP 取回），导出本身记入审计日志。Esc 返回。",
	.acts = audit_acts,
	.hints = audit_hints,
	.enter_name = "校验",
	.search_name = "查询",
	.search_help = "按条件查询：起止时间、账号、类型、结果",
};

static void audit_typed_free(struct afilter_text *t)
{
	free(t->from);
	free(t->to);
	free(t->user);
	free(t->type);
	free(t->result);
	*t = (struct afilter_text){0};
}

/* Point the applied filter at the typed text (the strings stay owned by TYPED). */
static int audit_apply(struct astate *a)
{
	struct audit_filter f = {.user = a->typed.user, .type = a->typed.type, .result = a->typed.result};
	int rc = audit_filter_time(a->typed.from, false, &f.from);
	if (rc == 0)
		rc = audit_filter_time(a->typed.to, true, &f.to);
	if (rc == 0 && f.from && f.to && f.to <= f.from)
		rc = errmsg_set(ZZ_EINVAL, "截止时间应晚于起始时间");
	if (rc == 0) {
		a->f = f;
		a->searched = true;
	}
	return rc;
}

/* Spaces around a condition are not part of it. */
static void audit_trim(char *s)
{
	size_t lead = strspn(s, " "), n = strlen(s);
	while (n > lead && s[n - 1] == ' ')
		n--;
	memmove(s, s + lead, n - lead);
	s[n - lead] = '\0';
}

/* A time typed as a condition (ARG non-NULL: the upper bound): refused in its prompt, which keeps
 * it, before the next condition is asked. */
static int audit_time_take(struct ui *ui, const char *text, void *arg)
{
	char *t = xstrdup(text);
	int64_t v;
	audit_trim(t);
	int rc = audit_filter_time(t, arg != NULL, &v);
	free(t);
	return rc;
}

/* The conditions, one after the other, each with what was typed before; Esc leaves them as they
 * were. A time refused stays in its prompt; one before the other is refused at the end, and
 * everything typed is kept for the next try. */
static bool audit_search(struct ui *ui, struct astate *a)
{
	static char upper; /* the upper bound's mark for audit_time_take */
	struct {
		const char *label;
		char **val;
		ui_prompt_fn check;
		void *arg;
	} asks[] = {
		{"起始时间（YYYY-MM-DD [HH:MM]，空=不限）：", &a->typed.from, audit_time_take, NULL},
		{"截止时间（含当天，空=不限）：", &a->typed.to, audit_time_take, &upper},
		{"账号（空=全部）：", &a->typed.user, NULL, NULL},
		{"类型（login、login_fail、edit、export…，空=全部）：", &a->typed.type, NULL, NULL},
		{"结果（ok、refused、failed，空=全部）：", &a->typed.result, NULL, NULL},
	};
	struct afilter_text before = {
		.from = a->typed.from ? xstrdup(a->typed.from) : NULL, .to = a->typed.to ? xstrdup(a->typed.to) : NULL,
		.user = a->typed.user ? xstrdup(a->typed.user) : NULL, .type = a->typed.type ? xstrdup(a->typed.type) : NULL,
		.result = a->typed.result ? xstrdup(a->typed.result) : NULL};
	for (size_t i = 0; i < ARRAY_LEN(asks); i++) {
		if (ui_prompt_act(ui, asks[i].label, asks[i].val, asks[i].check, asks[i].arg) < 0) {
			/* Esc: the search in force is kept, and what it was typed as. */
			audit_typed_free(&a->typed);
			a->typed = before;
			return false;
		}
		audit_trim(*asks[i].val);
		if (str_has_unsafe(*asks[i].val)) {
			ui_msg(ui, "条件中不能有控制字符");
			ui->msg_err = true;
			audit_typed_free(&before);
			return false;
		}
	}
	audit_typed_free(&before);
	if (audit_apply(a) < 0) {
		ui_err(ui, ZZ_EINVAL);
		return false;
	}
	return true;
}

static void audit_reload(struct ui *ui, struct ui_table_screen *s, struct astate *a)
{
	int rc = audit_load(ui, a);
	if (rc < 0)
		ui_err(ui, rc);
	s->t.nrows = a->n;
	s->t.cur = 0;
	s->t.top = 0;
	if (rc == 0 && a->searched) {
		char *cond = audit_filter_text(&a->f);
		ui_msg(ui, "条件：%s，共 %ld 条%s", cond, a->n, a->cut ? "（只列出最新的）" : "");
		free(cond);
	}
}

static int audit_act(struct ui *ui, struct ui_table_screen *s, enum ui_act act)
{
	struct astate *a = s->arg;
	if (act == UI_SEARCH) {
		if (audit_search(ui, a))
			audit_reload(ui, s, a);
		return UI_DONE;
	}
	if (act == UI_RESET) {
		audit_typed_free(&a->typed);
		a->f = (struct audit_filter){0};
		a->searched = false;
		audit_reload(ui, s, a);
		ui_msg(ui, "已清除条件：近 %d 天的审计记录", AUDIT_DAYS);
		return UI_DONE;
	}
	if (act == UI_EXPORT) {
		/* Without a search: the same 7 days as the list. */
		struct audit_filter f = a->f;
		if (!a->searched)
			f.from = (int64_t)time(NULL) - AUDIT_DAYS * 86400;
		char *name = NULL;
		long n = 0;
		int rc = audit_export(ui->c, ui->u, &f, &name, &n);
		if (rc < 0)
			ui_err(ui, rc);
		else
			ui_msg(ui, "已导出 %ld 条审计记录到下载文件夹：%s", n, name);
		free(name);
		return UI_DONE;
	}
	if (act == UI_FULL) {
		if (a->n > 0)
			ui_text_view(ui, "审计日志 > 全文", a->v[s->t.cur].full);
		return UI_DONE;
	}
	if (act != UI_ENTER)
		return UI_NOTMINE;
	uint64_t n = 0;
	int rc = audit_verify(ui->c, &n);
	if (rc < 0)
		ui_err(ui, rc);
	else
		ui_msg(ui, "审计日志 %llu 条，哈希链完整", (unsigned long long)n);
	return UI_DONE;
}

bool ui_audit_visible(struct ui *ui)
{
	return perm_may(ui->c, ui->u, ACT_AUDIT, NULL, NULL);
}

int ui_audit_run(struct ui *ui)
{
	int rc = perm_check(ui->c, ui->u, ACT_AUDIT, NULL, NULL);
	if (rc < 0)
		return ui_err(ui, rc), 0;
	struct astate a = {.max = conf_int(ui->c->conf, "ui.audit_max_rows")};
	rc = audit_load(ui, &a);
	if (rc < 0)
		ui_err(ui, rc);
	struct ui_table_screen s = {
		.title = "审计日志",
		.keys = &audit_keys,
		.t = {.cols = audit_cols, .ncols = AUDIT_COLS, .nrows = a.n, .cell = audit_cell,
		      .arg = &a, .fixed = 1},
		.top = audit_top,
		.act = audit_act,
		.arg = &a,
		.enter_without_rows = true,
	};
	ui_table_run(ui, &s);
	audit_rows_free(&a);
	audit_typed_free(&a.typed);
	return 0;
}
