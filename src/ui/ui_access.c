/* ui_access.c — 查阅申请审批: the access requests (R-AC-1) addressed to the account's unit, waiting
 * ones in bold; Enter shows one, K grants or refuses it (access.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "codes.h"
#include "perm.h"
#include "record.h"
#include "schema.h"
#include "ui_access.h"
#include "ui_screen.h"
#include "unit.h"

struct astate {
	struct ctx *c;
	struct rec **v;
	int n;
};

static void access_free_rows(struct astate *a)
{
	for (int i = 0; i < a->n; i++)
		rec_free(&a->v[i]);
	free(a->v);
	a->v = NULL;
	a->n = 0;
}

static void access_reload(struct ui *ui, struct astate *a, struct ui_table_screen *s)
{
	access_free_rows(a);
	int rc = access_inbox(ui->c, ui->u, &a->v, &a->n);
	if (rc < 0)
		ui_err(ui, rc);
	if (s)
		ui_table_rows(&s->t, a->n);
}

static const struct ui_col access_cols[] = {
	{.title = "申请单位", .width = 12}, {.title = "记录类型", .width = 16}, {.title = "范围", .width = 12},
	{.title = "期限", .width = 21},	    {.title = "状态", .width = 6},
};

static const char *access_cell(void *arg, long row, int col, char *buf, size_t n)
{
	struct astate *a = arg;
	const struct rec *r = a->v[row];
	const char *v = NULL;
	switch (col) {
	case 0: {
		const struct unit *x = units_find(ctx_units(a->c), r->unit);
		return x ? x->name : r->unit;
	}
	case 1: {
		char *zh = schema_types_zh(a->c->schema, rec_get(r, "types"));
		snprintf(buf, n, "%s", zh);
		free(zh);
		return buf;
	}
	case 2: {
		const struct unit *x = units_find(ctx_units(a->c), rec_get(r, "scope"));
		return x ? x->name : rec_get(r, "scope");
	}
	case 3:
		snprintf(buf, n, "%s~%s", rec_get(r, "start") ? rec_get(r, "start") : "",
			 rec_get(r, "end") ? rec_get(r, "end") : "");
		return buf;
	default: {
		int fi = rtype_field(r->t, "state");
		const char *st = rec_get(r, "state");
		v = fi >= 0 && st && r->t->f[fi].codes ? codetable_label(r->t->f[fi].codes, st) : st;
	}
	}
	return v ? v : "";
}

static attr_t access_row_attr(void *arg, long row)
{
	const char *st = rec_get(((struct astate *)arg)->v[row], "state");
	return st && !strcmp(st, "1") ? A_BOLD : 0;
}

static const enum ui_act access_acts[] = {UI_UP,  UI_DOWN,   UI_PGUP, UI_PGDN, UI_HOME, UI_END, UI_LEFT, UI_RIGHT,
					  UI_ENTER, UI_DECIDE, UI_BACK, UI_NONE};
static const enum ui_act access_hints[] = {UI_ENTER, UI_DECIDE, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys access_keys = {
	.screen = "查阅申请审批",
	.about = "下级中心向本单位提出的信息查阅申请（标准 6.4.3.6），待审批的加粗。回车查看申请全文；"
		 "K 审批：批准，或不批准并写明意见。批准后申请单位在期限内可以查看所申请范围内所申请类型的记录"
		 "（只能查看），每次查看都记入审计。",
	.acts = access_acts,
	.hints = access_hints,
};

struct access_req {
	uint64_t id;
	bool grant;
};

/* The decision taken once its note is typed: refused, the note stays in its prompt. */
static int access_note_take(struct ui *ui, const char *note, void *arg)
{
	const struct access_req *q = arg;
	return access_decide(ui->c, ui->u, q->id, q->grant, note);
}

static void access_decide_row(struct ui *ui, const struct rec *r)
{
	static const struct ui_pick_item items[] = {{.label = "批准"}, {.label = "不批准（写明意见）"}};
	/* Said before the choice and its note are typed (a request decided already took both). */
	if (access_may_decide(ui->c, ui->u, r->id) < 0) {
		ui_err(ui, ZZ_ERR);
		return;
	}
	int k = ui_pick(ui, "审批信息查阅申请", items, 2, 0, NULL, NULL);
	if (k < 0)
		return;
	char *note = NULL;
	struct access_req q = {.id = r->id, .grant = k == 0};
	if (ui_prompt_act(ui, k == 0 ? "审批意见（可空）：" : "不批准的意见：", &note, access_note_take, &q) == 0)
		ui_msg(ui, k == 0 ? "已批准" : "已不批准");
	free(note);
}

static int access_act(struct ui *ui, struct ui_table_screen *s, enum ui_act a)
{
	struct astate *st = s->arg;
	if ((a != UI_ENTER && a != UI_DECIDE) || st->n == 0)
		return UI_NOTMINE;
	const struct rec *r = st->v[s->t.cur];
	if (a == UI_ENTER)
		ui_record_open(ui, r->t, r->id, false);
	else
		access_decide_row(ui, r);
	access_reload(ui, st, s);
	return UI_DONE;
}

/* The requests, the cursor on request AT when it is listed (0: the first). */
static int access_run_at(struct ui *ui, uint64_t at)
{
	struct astate a = {.c = ui->c};
	access_reload(ui, &a, NULL);
	struct ui_table_screen s = {
		.title = "查阅申请审批",
		.keys = &access_keys,
		.t = {.cols = access_cols, .ncols = (int)ARRAY_LEN(access_cols), .nrows = a.n, .cell = access_cell,
		      .row_attr = access_row_attr, .arg = &a, .fixed = 1},
		.act = access_act,
		.arg = &a,
	};
	for (int i = 0; at && i < a.n; i++)
		if (a.v[i]->id == at)
			s.t.cur = i;
	ui_table_run(ui, &s);
	access_free_rows(&a);
	return 0;
}

bool ui_access_visible(struct ui *ui)
{
	const struct rtype *t = schema_type(ui->c->schema, ACCESS_TYPE);
	return t && perm_may(ui->c, ui->u, ACT_VIEW, t, NULL);
}

int ui_access_run(struct ui *ui)
{
	return access_run_at(ui, 0);
}

int ui_access_open_ref(struct ui *ui, const char *ref)
{
	/* The requests to decide, the cursor on this one: Enter reads it, K decides. */
	uint64_t id = 0;
	if (ui_ref_id(ui, ref, "信息查阅申请", &id))
		access_run_at(ui, id);
	return 0;
}
