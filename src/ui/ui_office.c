/* ui_office.c — office work between units (office.h, ledger.h) in the UI: documents received (the
 * first opening is the receipt; attachments copied to the download folder), documents sent and who
 * has read them, 社情民意 held by the unit (report up), proposals to answer, and the ledger items
 * empty this year. The record types are found by what their files declare. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "attach.h"
#include "ledger.h"
#include "office.h"
#include "perm.h"
#include "record.h"
#include "service.h"
#include "ui_office.h"
#include "ui_screen.h"
#include "unit.h"

static const struct rtype *office_type(struct ctx *c, const char *setting)
{
	for (int i = 0; i < c->schema->n; i++)
		if (office_has(c->schema->t[i], setting))
			return c->schema->t[i];
	return NULL;
}

/* ---- one list for the three inboxes ---- */

struct ostate {
	struct ctx *c;
	const char *setting;
	const struct rtype *t;
	struct office_inbox *v;
	int n;
};

static const struct ui_col office_cols[] = {
	{.title = "日期", .width = 10}, {.title = "标题", .width = 30}, {.title = "来自", .width = 12},
	{.title = "状态", .width = 16},
};

static void office_reload(struct ui *ui, struct ostate *o, struct ui_table_screen *s)
{
	office_inbox_free(o->v, o->n);
	o->v = NULL;
	o->n = 0;
	if (office_inbox(ui->c, ui->u, o->t, &o->v, &o->n) < 0)
		ui_err(ui, ZZ_ERR);
	if (s)
		ui_table_rows(&s->t, o->n);
}

static const char *office_cell(void *arg, long row, int col, char *buf, size_t n)
{
	struct ostate *o = arg;
	const struct rec *r = o->v[row].r;
	char when[20];
	switch (col) {
	case 0:
		datetime_format((time_t)r->created, when);
		snprintf(buf, n, "%.10s", when);
		return buf;
	case 1:
		return rec_get(r, "title") ? rec_get(r, "title") : "";
	case 2: {
		const struct unit *x = units_find(ctx_units(o->c), r->unit);
		return x ? x->name : r->unit;
	}
	default:
		datetime_format((time_t)o->v[row].at, when);
		if (o->v[row].at)
			snprintf(buf, n, "%s %.16s", !strcmp(o->setting, "reply_to") ? "已答复" : "已阅", when);
		else
			snprintf(buf, n, "%s", !strcmp(o->setting, "reply_to") ? "待答复"
					       : !strcmp(o->setting, "report_up") && !rec_get(r, "up_to") ? "本单位，未上报"
					       : "未读");
		return buf;
	}
}

static attr_t office_row_attr(void *arg, long row)
{
	struct ostate *o = arg;
	return o->v[row].at ? 0 : A_BOLD;
}

/* ---- documents received ---- */

static char *doc_text(struct ui *ui, const struct rec *r)
{
	struct sb sb;
	sb_init(&sb);
	const struct unit *x = units_find(ctx_units(ui->c), r->unit);
	sb_addf(&sb, "发文单位：%s\n", x ? x->name : r->unit);
	for (int i = 0; i < r->t->nf; i++) {
		if (!r->v[i])
			continue;
		char *v = service_display(ui->c, ui->u, r, i, false);
		sb_addf(&sb, "%s：%s\n", r->t->f[i].label, v ? v : "");
		free(v);
	}
	return sb_steal(&sb);
}

static void doc_attach(struct ui *ui, const struct rtype *t, const struct rec *r)
{
	struct attach_ent *v = NULL;
	int n = 0;
	for (int i = 0; i < t->nf && n == 0; i++)
		if (t->f[i].type == FT_ATTACH && r->v[i] && attach_parse(r->v[i], &v, &n) < 0)
			n = 0;
	if (n == 0) {
		free(v);
		ui_msg(ui, "这份文件没有附件");
		return;
	}
	ui_attach_pick(ui, t, r->id, v, n, office_download);
	free(v);
}

/* Open document ID: the receipt, then the text; y copies an attachment afterwards. */
static int doc_open(struct ui *ui, const struct rtype *t, uint64_t id)
{
	struct rec *r = NULL;
	int rc = office_open(ui->c, ui->u, t, id, &r);
	if (rc < 0)
		return ui_err(ui, rc);
	char *text = doc_text(ui, r);
	const char *title = rec_get(r, "title");
	ui_text_view(ui, title ? title : t->title, text);
	free(text);
	rec_free(&r);
	return 0;
}

static const enum ui_act docs_acts[] = {UI_UP, UI_DOWN, UI_PGUP, UI_PGDN, UI_HOME, UI_END, UI_ENTER, UI_ATTACH,
					UI_BACK, UI_NONE};
static const enum ui_act docs_hints[] = {UI_ENTER, UI_ATTACH, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys docs_keys = {
	.screen = "收到的文件",
	.about = "上级发给本单位的公文、工作动态和文件资料，新的在前，未读的加粗。回车阅读全文，"
		 "第一次阅读即向发文单位回执（记入审计）；y 把附件复制到本账号的下载文件夹，用 SFTP 取回。",
	.acts = docs_acts,
	.hints = docs_hints,
};

static int docs_act(struct ui *ui, struct ui_table_screen *s, enum ui_act a)
{
	struct ostate *o = s->arg;
	if ((a != UI_ENTER && a != UI_ATTACH) || o->n == 0)
		return UI_NOTMINE;
	const struct rec *r = o->v[s->t.cur].r;
	if (a == UI_ENTER)
		doc_open(ui, o->t, r->id);
	else
		doc_attach(ui, o->t, r);
	office_reload(ui, o, s);
	return UI_DONE;
}

/* The inbox of SETTING's type, the cursor on record AT when it is listed (0: the first). */
static int inbox_run_at(struct ui *ui, const char *setting, const char *title, const struct ui_keys *keys,
			int (*act)(struct ui *, struct ui_table_screen *, enum ui_act), uint64_t at)
{
	struct ostate o = {.c = ui->c, .setting = setting, .t = office_type(ui->c, setting)};
	if (!o.t) {
		ui_msg(ui, "没有这类记录（screens/ 中未声明）");
		return 0;
	}
	office_reload(ui, &o, NULL);
	struct ui_table_screen s = {
		.title = title,
		.keys = keys,
		.t = {.cols = office_cols, .ncols = (int)ARRAY_LEN(office_cols), .nrows = o.n, .cell = office_cell,
		      .row_attr = office_row_attr, .arg = &o, .fixed = 1},
		.act = act,
		.arg = &o,
	};
	for (int i = 0; at && i < o.n; i++)
		if (o.v[i].r->id == at)
			s.t.cur = i;
	ui_table_run(ui, &s);
	office_inbox_free(o.v, o.n);
	return 0;
}

static int inbox_run(struct ui *ui, const char *setting, const char *title, const struct ui_keys *keys,
		     int (*act)(struct ui *, struct ui_table_screen *, enum ui_act))
{
	return inbox_run_at(ui, setting, title, keys, act, 0);
}

int ui_office_docs_run(struct ui *ui)
{
	return inbox_run(ui, "receipts", "收到的文件", &docs_keys, docs_act);
}

static bool ref_split(struct ui *ui, const char *ref, const struct rtype **t, uint64_t *id)
{
	const char *colon = ref ? strchr(ref, ':') : NULL;
	long long n = 0;
	if (!colon || str_to_ll(colon + 1, &n) < 0 || n <= 0)
		return false;
	char *type = xstrndup(ref, (size_t)(colon - ref));
	*t = schema_type(ui->c->schema, type);
	free(type);
	*id = (uint64_t)n;
	return *t != NULL;
}

int ui_office_doc_open_ref(struct ui *ui, const char *ref)
{
	const struct rtype *t;
	uint64_t id;
	if (ref_split(ui, ref, &t, &id))
		doc_open(ui, t, id);
	return 0;
}

/* ---- documents sent ---- */

struct sstate {
	const struct rtype *t;
	struct rec **v;
	char (*read)[32];
	int n;
};

struct sent_ids {
	uint64_t *v;
	int n;
};

static int sent_id(const struct rtype *t, uint64_t id, void *arg)
{
	(void)t;
	struct sent_ids *s = arg;
	s->v = xrealloc(s->v, (size_t)(s->n + 1) * sizeof *s->v);
	s->v[s->n++] = id;
	return 0;
}

static void sent_free(struct sstate *s)
{
	for (int i = 0; i < s->n; i++)
		rec_free(&s->v[i]);
	free(s->v);
	free(s->read);
	*s = (struct sstate){.t = s->t};
}

/* The unit's own documents, newest first, with "k/n" read. */
static void sent_load(struct ui *ui, struct sstate *s)
{
	sent_free(s);
	struct sent_ids ids = {0};
	int rc = record_scan_unit(ui->c->st, NULL, s->t, ui->u->unit, sent_id, &ids);
	if (rc < 0)
		ui_err(ui, rc);
	s->v = xcalloc((size_t)ids.n + 1, sizeof *s->v);
	s->read = xcalloc((size_t)ids.n + 1, sizeof *s->read);
	for (int i = ids.n - 1; rc == 0 && i >= 0; i--) {
		struct rec *r = NULL;
		if (record_load(ui->c->st, NULL, s->t, ids.v[i], &r, false) < 0 || strcmp(r->unit, ui->u->unit) != 0) {
			rec_free(&r);
			continue;
		}
		struct office_receipt *v = NULL;
		int n = 0, k = 0;
		if (office_receipts(ui->c, ui->u, s->t, r->id, &v, &n) == 0)
			for (int j = 0; j < n; j++)
				k += v[j].at != 0;
		office_receipts_free(v, n);
		snprintf(s->read[s->n], sizeof s->read[s->n], "%d/%d", k, n);
		s->v[s->n++] = r;
	}
	free(ids.v);
}

static const struct ui_col sent_cols[] = {
	{.title = "日期", .width = 10}, {.title = "标题", .width = 34}, {.title = "已阅", .width = 8, .right = true},
};

static const char *sent_cell(void *arg, long row, int col, char *buf, size_t n)
{
	struct sstate *s = arg;
	char when[20];
	if (col == 0) {
		datetime_format((time_t)s->v[row]->created, when);
		snprintf(buf, n, "%.10s", when);
		return buf;
	}
	if (col == 1)
		return rec_get(s->v[row], "title") ? rec_get(s->v[row], "title") : "";
	return s->read[row];
}

struct rstate {
	struct ctx *c;
	struct office_receipt *v;
	int n;
};

static const struct ui_col rcpt_cols[] = {
	{.title = "接收单位", .width = 16}, {.title = "阅读时间", .width = 16}, {.title = "阅读人", .width = 24},
};

static const char *rcpt_cell(void *arg, long row, int col, char *buf, size_t n)
{
	struct rstate *r = arg;
	if (col == 0) {
		const struct unit *x = units_find(ctx_units(r->c), r->v[row].unit);
		return x ? x->name : r->v[row].unit;
	}
	if (col == 1) {
		char when[20];
		datetime_format((time_t)r->v[row].at, when);
		snprintf(buf, n, "%.16s", r->v[row].at ? when : "未读");
		return buf;
	}
	return r->v[row].by ? r->v[row].by : "";
}

static const enum ui_act rcpt_acts[] = {UI_UP, UI_DOWN, UI_PGUP, UI_PGDN, UI_HOME, UI_END, UI_BACK, UI_NONE};
static const enum ui_act rcpt_hints[] = {UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys rcpt_keys = {
	.screen = "阅读回执",
	.about = "这份文件的每个接收单位何时由谁第一次阅读；未读的单位在其待办中仍有这份文件。",
	.acts = rcpt_acts,
	.hints = rcpt_hints,
};

static const enum ui_act sent_acts[] = {UI_UP, UI_DOWN, UI_PGUP, UI_PGDN, UI_HOME, UI_END, UI_ENTER, UI_BACK, UI_NONE};
static const enum ui_act sent_hints[] = {UI_ENTER, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys sent_keys = {
	.screen = "发出的文件",
	.about = "本单位发出的公文、工作动态和文件资料，以及已阅读的接收单位数。回车查看各接收单位的"
		 "阅读回执。发文在“公文与文件”中新增（接收单位填下级单位代码）。",
	.acts = sent_acts,
	.hints = sent_hints,
	.enter_name = "回执",
};

static int sent_act(struct ui *ui, struct ui_table_screen *s, enum ui_act a)
{
	struct sstate *st = s->arg;
	if (a != UI_ENTER || st->n == 0)
		return UI_NOTMINE;
	struct rstate r = {.c = ui->c};
	int rc = office_receipts(ui->c, ui->u, st->t, st->v[s->t.cur]->id, &r.v, &r.n);
	if (rc < 0)
		return ui_err(ui, rc), UI_DONE;
	const char *title = rec_get(st->v[s->t.cur], "title");
	struct ui_table_screen rs = {
		.title = title ? title : "阅读回执",
		.keys = &rcpt_keys,
		.t = {.cols = rcpt_cols, .ncols = (int)ARRAY_LEN(rcpt_cols), .nrows = r.n, .cell = rcpt_cell, .arg = &r,
		      .fixed = 1},
		.arg = &r,
	};
	ui_table_run(ui, &rs);
	office_receipts_free(r.v, r.n);
	return UI_DONE;
}

int ui_office_sent_run(struct ui *ui)
{
	struct sstate st = {.t = office_type(ui->c, "receipts")};
	if (!st.t) {
		ui_msg(ui, "没有这类记录（screens/ 中未声明）");
		return 0;
	}
	sent_load(ui, &st);
	struct ui_table_screen s = {
		.title = "发出的文件",
		.keys = &sent_keys,
		.t = {.cols = sent_cols, .ncols = (int)ARRAY_LEN(sent_cols), .nrows = st.n, .cell = sent_cell, .arg = &st,
		      .fixed = 1},
		.act = sent_act,
		.arg = &st,
	};
	ui_table_run(ui, &s);
	sent_free(&st);
	return 0;
}

/* ---- 社情民意 held by the unit: read, report up ---- */

static const enum ui_act up_acts[] = {UI_UP, UI_DOWN, UI_PGUP, UI_PGDN, UI_HOME, UI_END, UI_ENTER, UI_REPORTUP,
				      UI_BACK, UI_NONE};
static const enum ui_act up_hints[] = {UI_ENTER, UI_REPORTUP, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys up_keys = {
	.screen = "社情民意上报",
	.about = "本单位掌握的社情民意：本单位收集、尚未上报的，和下级上报给本单位的（未读的加粗）。"
		 "回车查看（下级上报的，第一次查看即回执）；T 上报给上一级单位，上报后由上级掌握，记入审计。"
		 "新收集的社情民意在“社情民意”中新增。",
	.acts = up_acts,
	.hints = up_hints,
};

static int up_open(struct ui *ui, const struct rtype *t, uint64_t id)
{
	struct rec *r = NULL;
	int rc = office_open(ui->c, ui->u, t, id, &r);
	rec_free(&r);
	if (rc < 0)
		return ui_err(ui, rc);
	return ui_record_open(ui, t, id, false);
}

static int up_act(struct ui *ui, struct ui_table_screen *s, enum ui_act a)
{
	struct ostate *o = s->arg;
	if ((a != UI_ENTER && a != UI_REPORTUP) || o->n == 0)
		return UI_NOTMINE;
	const struct rec *r = o->v[s->t.cur].r;
	if (a == UI_ENTER) {
		up_open(ui, o->t, r->id);
	} else if (ui_confirm(ui, "把“%s”上报给上一级单位？", rec_get(r, "title") ? rec_get(r, "title") : "")) {
		char *to = NULL;
		int rc = office_report_up(ui->c, ui->u, o->t, r->id, &to);
		if (rc < 0) {
			ui_err(ui, rc);
		} else {
			const struct unit *x = units_find(ctx_units(ui->c), to);
			ui_msg(ui, "已上报至%s", x ? x->name : to);
		}
		free(to);
	}
	office_reload(ui, o, s);
	return UI_DONE;
}

int ui_office_up_run(struct ui *ui)
{
	return inbox_run(ui, "report_up", "社情民意上报", &up_keys, up_act);
}

int ui_office_up_open_ref(struct ui *ui, const char *ref)
{
	const struct rtype *t;
	uint64_t id;
	if (ref_split(ui, ref, &t, &id))
		up_open(ui, t, id);
	return 0;
}

/* ---- proposals to answer ---- */

static const enum ui_act reply_acts[] = {UI_UP, UI_DOWN, UI_PGUP, UI_PGDN, UI_HOME, UI_END, UI_ENTER, UI_REPLY,
					 UI_BACK, UI_NONE};
static const enum ui_act reply_hints[] = {UI_ENTER, UI_REPLY, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys reply_keys = {
	.screen = "意见建议答复",
	.about = "下级中心提交给本单位的意见建议，待答复的加粗。回车查看全文；A 写答复意见（F2 保存），"
		 "答复后提交单位即可看到，记入审计。",
	.acts = reply_acts,
	.hints = reply_hints,
};

static int reply_act(struct ui *ui, struct ui_table_screen *s, enum ui_act a)
{
	struct ostate *o = s->arg;
	if ((a != UI_ENTER && a != UI_REPLY) || o->n == 0)
		return UI_NOTMINE;
	const struct rec *r = o->v[s->t.cur].r;
	if (a == UI_ENTER) {
		ui_record_open(ui, o->t, r->id, false);
	} else {
		const char *old = rec_get(r, "reply");
		char *buf = old ? xstrdup(old) : NULL;
		int fi = rtype_field(o->t, "reply");
		int max = fi >= 0 && o->t->f[fi].has_max ? (int)o->t->f[fi].max : 4000;
		/* Refused, the editor opens again on the answer as typed, the reason on its message line,
		 * until it is saved or given up with Esc. */
		while (ui_text_edit(ui, "答复意见建议", "答复意见", &buf, max, 0) == 0) {
			int rc = office_reply(ui->c, ui->u, o->t, r->id, buf);
			if (rc == 0) {
				ui_msg(ui, "已答复");
				break;
			}
			ui_err(ui, rc);
		}
		free(buf);
	}
	office_reload(ui, o, s);
	return UI_DONE;
}

int ui_office_reply_run(struct ui *ui)
{
	return inbox_run(ui, "reply_to", "意见建议答复", &reply_keys, reply_act);
}

int ui_office_reply_open_ref(struct ui *ui, const char *ref)
{
	const struct rtype *t;
	uint64_t id;
	/* The proposals to answer, the cursor on this one: Enter reads it, A answers it. */
	if (ref_split(ui, ref, &t, &id))
		inbox_run_at(ui, "reply_to", "意见建议答复", &reply_keys, reply_act, id);
	return 0;
}

/* ---- ledger items empty this year ---- */

struct lstate {
	struct ledger_cat cat;
	struct ledger_node **v; /* the enabled items, into cat */
	int n, empty, year;
};

static const struct ui_col ledger_cols[] = {
	{.title = "目录", .width = 10}, {.title = "名称", .width = 44}, {.title = "台账数", .width = 6, .right = true},
};

static const char *ledger_cell(void *arg, long row, int col, char *buf, size_t n)
{
	const struct ledger_node *x = ((struct lstate *)arg)->v[row];
	if (col == 0)
		return x->item;
	if (col == 1) {
		snprintf(buf, n, "%s%s", x->sub ? "  · " : "", x->label);
		return buf;
	}
	snprintf(buf, n, "%ld", x->count);
	return buf;
}

static attr_t ledger_row_attr(void *arg, long row)
{
	return ((struct lstate *)arg)->v[row]->count ? 0 : A_BOLD;
}

static void ledger_top(struct ui *ui, struct ui_table_screen *s, char *buf, size_t n)
{
	struct lstate *l = s->arg;
	(void)ui;
	snprintf(buf, n, "%d 年：%d 项中 %d 项无台账（本单位及下级，加粗为空项）", l->year, l->n, l->empty);
}

static const enum ui_act ledger_acts[] = {UI_UP,  UI_DOWN, UI_PGUP, UI_PGDN, UI_HOME,
					  UI_END, UI_ADD,  UI_BACK, UI_NONE};
static const enum ui_act ledger_hints[] = {UI_BACK, UI_HELP, UI_NONE};
static const enum ui_act ledger_hints_add[] = {UI_ADD, UI_BACK, UI_HELP, UI_NONE};
static const struct ui_keys ledger_keys = {
	.screen = "台账空项",
	.about = "县级综治平安建设电子台账目录（标准第 10 章）及本单位和上级增设的细目中，每项今年在本单位"
		 "及下级的台账数；加粗的是今年还没有台账的项。停用的项不列出。a 在光标所在的项下新记一条台账"
		 "（台账目录、本级细目和日期已填好），保存后台账数随之更新；台账也可以在“电子台账”中新增，"
		 "目录的增设、停用在“台账目录（本级）”中。",
	.acts = ledger_acts,
	.hints = ledger_hints,
};

/* The year's counts of the enabled items, afresh. */
static int ledger_load(struct ui *ui, struct lstate *l)
{
	ledger_cat_free(&l->cat);
	free(l->v);
	l->v = NULL;
	l->n = l->empty = 0;
	int rc = ledger_count(ui->c, ui->u, NULL, l->year, &l->cat);
	if (rc < 0)
		return rc;
	l->v = xcalloc((size_t)l->cat.n + 1, sizeof *l->v);
	for (int i = 0; i < l->cat.n; i++) {
		struct ledger_node *x = &l->cat.v[i];
		if (!x->leaf || !ledger_enabled(&l->cat, x))
			continue;
		l->v[l->n++] = x;
		l->empty += x->count == 0;
	}
	return 0;
}

/* a: a new entry under the item at the cursor (an empty item was a dead end: nothing to do there). */
static int ledger_act(struct ui *ui, struct ui_table_screen *s, enum ui_act a)
{
	struct lstate *l = s->arg;
	if (a != UI_ADD)
		return UI_NOTMINE;
	const struct rtype *t = schema_type(ui->c->schema, "ledger");
	if (!t || !perm_may(ui->c, ui->u, ACT_ADD, t, NULL)) {
		ui_msg(ui, "%s不能新增电子台账", perm_role_zh(ui->c, ui->u->role));
		ui->msg_err = true;
		return UI_DONE;
	}
	if (s->t.nrows == 0)
		return UI_DONE;
	const struct ledger_node *x = l->v[s->t.cur];
	char day[11];
	date_format(date_today(time(NULL)), day);
	const char *init[7];
	int k = 0;
	init[k++] = "item";
	init[k++] = x->item;
	if (x->sub) {
		init[k++] = "sub";
		init[k++] = x->sub;
	}
	init[k++] = "day";
	init[k++] = day;
	init[k] = NULL;
	if (ui_record_add(ui, t, NULL, init) == 1 && ledger_load(ui, l) == 0)
		s->t.nrows = l->n;
	return UI_DONE;
}

static bool office_visible(struct ui *ui, const char *setting)
{
	const struct rtype *t = office_type(ui->c, setting);
	return t && perm_may(ui->c, ui->u, ACT_VIEW, t, NULL);
}

/* Documents reach their receiving units whatever the account may read otherwise (a department is
 * sent them without the right to read documents): the inbox is for every account that reads some
 * records, not for the three administrators, who read none. */
bool ui_office_docs_visible(struct ui *ui)
{
	const struct schema *s = ui->c->schema;
	for (int i = 0; i < s->n; i++)
		if (perm_may(ui->c, ui->u, ACT_VIEW, s->t[i], NULL))
			return office_type(ui->c, "receipts") != NULL;
	return false;
}

bool ui_office_sent_visible(struct ui *ui)
{
	return office_visible(ui, "receipts");
}

bool ui_office_up_visible(struct ui *ui)
{
	return office_visible(ui, "report_up");
}

bool ui_office_reply_visible(struct ui *ui)
{
	return office_visible(ui, "reply_to");
}

bool ui_ledger_visible(struct ui *ui)
{
	const struct rtype *t = schema_type(ui->c->schema, "ledger");
	return t && perm_may(ui->c, ui->u, ACT_VIEW, t, NULL);
}

int ui_ledger_empty_run(struct ui *ui)
{
	struct lstate l = {0};
	int y, m, d;
	date_to_ymd(date_today(time(NULL)), &y, &m, &d);
	l.year = y;
	int rc = ledger_load(ui, &l);
	if (rc < 0) {
		free(l.v);
		ledger_cat_free(&l.cat);
		return ui_err(ui, rc), 0;
	}
	struct ui_keys keys = ledger_keys;
	const struct rtype *t = schema_type(ui->c->schema, "ledger");
	if (t && perm_may(ui->c, ui->u, ACT_ADD, t, NULL))
		keys.hints = ledger_hints_add;
	struct ui_table_screen s = {
		.title = "台账空项",
		.keys = &keys,
		.act = ledger_act,
		.t = {.cols = ledger_cols, .ncols = (int)ARRAY_LEN(ledger_cols), .nrows = l.n, .cell = ledger_cell,
		      .row_attr = ledger_row_attr, .arg = &l, .fixed = 1},
		.top = ledger_top,
		.arg = &l,
	};
	ui_table_run(ui, &s);
	free(l.v);
	ledger_cat_free(&l.cat);
	return 0;
}
