/* ui_audit.c — the auditor's daily work in the UI: the audit log of the last days, newest first,
 * the whole entry of the selected row above the list, and a check of the hash chain. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "perm.h"
#include "ui_audit.h"
#include "ui_screen.h"

enum { AUDIT_DAYS = 7, AUDIT_COLS = 6 };

struct arow {
	char *cells[AUDIT_COLS];
};

struct astate {
	struct arow *v;
	long n, cap;
};

static const struct ui_col audit_cols[AUDIT_COLS] = {
	{.title = "时间", .width = 16}, {.title = "账号", .width = 10}, {.title = "类型", .width = 12},
	{.title = "对象", .width = 20}, {.title = "结果", .width = 6},	 {.title = "详情", .width = 60},
};

static int audit_row_cb(const struct audit_entry *e, void *arg)
{
	struct astate *a = arg;
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
	return 0;
}

static void audit_free(struct astate *a)
{
	for (long i = 0; i < a->n; i++)
		for (int k = 0; k < AUDIT_COLS; k++)
			free(a->v[i].cells[k]);
	free(a->v);
	*a = (struct astate){0};
}

static int audit_load(struct ui *ui, struct astate *a)
{
	audit_free(a);
	int rc = audit_scan(ui->c, (int64_t)time(NULL) - AUDIT_DAYS * 86400, NULL, audit_row_cb, a);
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
	if (a->n == 0)
		snprintf(buf, n, "近 %d 天没有审计记录", AUDIT_DAYS);
	else
		snprintf(buf, n, "%s %s %s %s：%s", a->v[s->t.cur].cells[1], a->v[s->t.cur].cells[2], a->v[s->t.cur].cells[3],
			 a->v[s->t.cur].cells[4], a->v[s->t.cur].cells[5]);
}

static const enum ui_act audit_acts[] = {UI_UP, UI_DOWN, UI_PGUP, UI_PGDN, UI_HOME, UI_END, UI_LEFT, UI_RIGHT,
					 UI_ENTER, UI_BACK, UI_NONE};
static const enum ui_act audit_hints[] = {UI_ENTER, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys audit_keys = {
	.screen = "审计日志",
	.about = "近 7 天的审计记录，新的在前：登录、查看完整信息、新增、修改、删除、导入导出、事件办理、"
		 "拒绝的操作等。上方一行是当前一条的全文。回车检查整个审计日志的哈希链是否完整（有无被改动、"
		 "删除或调换的记录）。更早的记录由系统管理员在服务器上查询。Esc 返回。",
	.acts = audit_acts,
	.hints = audit_hints,
	.enter_name = "校验",
};

static int audit_act(struct ui *ui, struct ui_table_screen *s, enum ui_act a)
{
	(void)s;
	if (a != UI_ENTER)
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
	struct astate a = {0};
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
	};
	ui_table_run(ui, &s);
	audit_free(&a);
	return 0;
}
