/* ui_record.c — the form of one record: view, add, edit, delete as the account may, read-only
 * otherwise. The generic form (ui_form.c) does the fields; this file maps them to a record, fills
 * birth date and sex from the ID number and a known person's base information, and saves through
 * the service layer (permission, checks, one transaction, audit). Below the fields, read-only rows
 * show what modules_extra() says about a stored record (late mark, deadlines, 同比, the records it
 * names and that name it; Enter opens those); types that can have none skip it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "modules.h"
#include "attach.h"
#include "report_entry.h"
#include "link.h"
#include "service.h"
#include "ui_screen.h"
#include "unit.h"

/* Extra rows at most: modules_extra() caps its own list of linked records well below. */
enum { RF_EXTRA_MAX = 40 };

struct recform {
	const struct rtype *t;
	struct rec *r; /* as stored; NULL until a new record is saved */
	struct rec *base; /* after a save refused as stale: the version the user had opened */
	char **note;	  /* beside each field after such a refusal: the value stored meanwhile */
	struct field unitf;
	const struct field **fp; /* [0] the unit the record belongs to, then the type's fields, then
				    the extra rows */
	char **v;
	bool *secret;
	bool *preset; /* a new record's defaults (the day, the grid…): offered whole in the form */
	struct field xf[RF_EXTRA_MAX]; /* the extra rows: read-only text, labels owned */
	char *xref[RF_EXTRA_MAX];      /* the record each names ("type:id", owned), or NULL */
	int nx;
	bool may_edit, may_delete, may_unmask, full, may_visit;
	char frozen[160]; /* why no one may change the record (service_frozen), or "" */
	bool changed;
	enum ui_act hints[10];
	struct ui_keys keys;
	char title[256];
};

static const enum ui_act view_acts[] = {UI_UP,	  UI_DOWN,   UI_PGUP,	UI_PGDN,   UI_HOME,  UI_END, UI_ENTER,
					UI_EDIT, UI_DELETE, UI_UNMASK, UI_PERSON, UI_VISIT, UI_ATTACH, UI_BACK, UI_NONE};

static void rf_extra_free(struct recform *rf)
{
	for (int i = 0; i < rf->nx; i++) {
		free(rf->xf[i].label);
		free(rf->xref[i]);
		rf->xref[i] = NULL;
		free(rf->v[rf->t->nf + 1 + i]);
		rf->v[rf->t->nf + 1 + i] = NULL;
	}
	rf->nx = 0;
}

static void rf_extra_line(const char *label, const char *value, const char *ref, void *arg)
{
	struct recform *rf = arg;
	if (rf->nx >= RF_EXTRA_MAX)
		return;
	int k = rf->nx++;
	rf->xf[k] = (struct field){.id = "extra", .label = xstrdup(label), .section = "附加信息", .type = FT_TEXT,
				   .derived = true};
	rf->fp[rf->t->nf + 1 + k] = &rf->xf[k];
	rf->v[rf->t->nf + 1 + k] = xstrdup(value);
	rf->xref[k] = ref ? xstrdup(ref) : NULL;
}

/* The extra rows of the stored record, as the account may see them. */
static void rf_extra_load(struct ui *ui, struct recform *rf)
{
	rf_extra_free(rf);
	if (rf->r && modules_has_extra(ui->c->modules, rf->t))
		modules_extra(ui->c, ui->u, rf->r, rf_extra_line, rf);
}

/* The record extra row K names ("type:id"), or NULL. */
static const struct rtype *rf_extra_ref(struct ui *ui, const struct recform *rf, int k, uint64_t *id)
{
	const char *v = k >= 0 && k < rf->nx ? rf->xref[k] : NULL;
	const char *colon = v ? strchr(v, ':') : NULL;
	if (!colon || colon - v > 40)
		return NULL;
	char *type = xstrndup(v, (size_t)(colon - v));
	const struct rtype *t = schema_type(ui->c->schema, type);
	free(type);
	char *end = NULL;
	unsigned long long n = strtoull(colon + 1, &end, 10);
	if (!t || !n || *end)
		return NULL;
	*id = (uint64_t)n;
	return t;
}

/* Service records (走访) name their subject by type: may U add one about records of T? */
static bool rf_visitable(struct ui *ui, const struct rtype *t)
{
	const struct rtype *svc = ui->c->modules ? ui->c->modules->svc : NULL;
	if (!svc || svc == t || !service_may(ui->c, ui->u, ACT_ADD, svc, NULL))
		return false;
	for (int i = 0; i < svc->nf; i++)
		if (modules_svc_field_names(ui->c->modules, i, t))
			return true;
	return false;
}

static bool any_sensitive(const struct recform *rf)
{
	for (int i = 0; i < rf->t->nf; i++)
		if (rf->t->f[i].sensitive && rf->v[i + 1])
			return true;
	return false;
}

static void rf_secrets(struct recform *rf, bool is_new)
{
	for (int i = 0; i < rf->t->nf; i++)
		rf->secret[i + 1] = !is_new && !rf->full && rf->t->f[i].sensitive && rf->v[i + 1];
}

/* Values of the form from the stored record. */
static void rf_load_values(struct recform *rf)
{
	for (int i = 0; i <= rf->t->nf; i++) {
		free(rf->v[i]);
		rf->v[i] = NULL;
	}
	if (rf->r->unit)
		rf->v[0] = xstrdup(rf->r->unit);
	for (int i = 0; i < rf->t->nf; i++)
		if (rf->r->v[i])
			rf->v[i + 1] = xstrdup(rf->r->v[i]);
}

const struct field ui_record_unit_field = {
	.id = "unit", .label = "所属单位", .type = FT_UNIT, .required = true, .help = "记录归哪个单位（网格、村、社区…）管理"};

static void rf_title(struct ui *ui, struct recform *rf)
{
	char buf[64];
	const char *name = rf->r ? rec_name(rf->r, buf, sizeof buf) : "新增";
	if (rf->r && rf->t->name_field < 0 && rf->t->key >= 0 && rf->t->f[rf->t->key].sensitive)
		name = buf; /* the record number, not an unmasked key */
	if (rf->r && name == buf)
		snprintf(buf, sizeof buf, "记录 %llu", (unsigned long long)rf->r->id);
	/* The record number, also when the record has a name: a task's feedback names records by it
	 * (出租房:19). */
	char no[32] = "";
	if (rf->r && name != buf)
		snprintf(no, sizeof no, "  记录号 %llu", (unsigned long long)rf->r->id);
	snprintf(rf->title, sizeof rf->title, "%s > %s%s%s", rf->t->title, name, rf->may_edit ? "" : "（只读）", no);
	(void)ui;
}

/* The stored record's attachments (all its attachment fields) into *V (NULL: only counted). */
static int rf_attachments(const struct recform *rf, struct attach_ent **v)
{
	int total = 0;
	if (v)
		*v = NULL;
	for (int i = 0; rf->r && i < rf->t->nf; i++) {
		struct attach_ent *e = NULL;
		int n = 0;
		if (rf->t->f[i].type != FT_ATTACH || attach_parse(rf->r->v[i], &e, &n) < 0)
			continue;
		if (v && n) {
			*v = xrealloc(*v, (size_t)(total + n) * sizeof **v);
			memcpy(*v + total, e, (size_t)n * sizeof *e);
		}
		total += n;
		free(e);
	}
	return total;
}

/* Pick one of the record's attachments and copy it into the account's download folder. */
static void rf_attach_download(struct ui *ui, struct recform *rf)
{
	struct attach_ent *v = NULL;
	int n = rf_attachments(rf, &v);
	if (n == 0) {
		ui_msg(ui, "这条记录没有附件");
		return;
	}
	ui_attach_pick(ui, rf->t, rf->r->id, v, n, attach_download);
	free(v);
}

/* Whether d is offered: the account may delete the record, and no feature keeps it (a decided
 * access request): not offered what service_delete would refuse. */
static bool rf_may_delete(struct ui *ui, const struct recform *rf)
{
	return service_may(ui->c, ui->u, ACT_DELETE, rf->t, rf->r->unit) &&
	       service_frozen(ui->c, NULL, rf->r, ACT_DELETE) == 0;
}

/* Why d does not delete: the record is kept as it is, or the account may not delete it. */
static void rf_refuse_delete(struct ui *ui, const struct recform *rf)
{
	int rc = service_may(ui->c, ui->u, ACT_DELETE, rf->t, rf->r->unit) ?
			 service_frozen(ui->c, NULL, rf->r, ACT_DELETE) :
			 0;
	if (rc < 0)
		ui_err(ui, rc);
	else
		ui_msg(ui, "%s无权删除%s", perm_role_zh(ui->c, ui->u->role), rf->t->title);
}

static void rf_hints(struct recform *rf)
{
	int n = 0;
	if (rf->may_edit)
		rf->hints[n++] = UI_EDIT;
	if (rf->may_delete)
		rf->hints[n++] = UI_DELETE;
	if (rf->may_unmask && any_sensitive(rf))
		rf->hints[n++] = UI_UNMASK;
	if (rf->may_visit && rf->r)
		rf->hints[n++] = UI_VISIT;
	if (rf_attachments(rf, NULL) > 0)
		rf->hints[n++] = UI_ATTACH;
	rf->hints[n++] = UI_BACK;
	rf->hints[n++] = UI_HELP;
	rf->hints[n] = UI_NONE;
}

static const char *rf_idnum(const struct recform *rf)
{
	if (rf->t->key >= 0 && (rf->t->f[rf->t->key].type == FT_IDNUM))
		return rf->v[rf->t->key + 1];
	for (int i = 0; i < rf->t->nf; i++)
		if (rf->t->f[i].type == FT_IDNUM && rf->v[i + 1])
			return rf->v[i + 1];
	return NULL;
}

/* Birth date and sex from the ID number; a known person's base information for a role. */
/* A field naming a record by its key (a house number) checked as it is left, as the save would:
 * one not there and one out of the account's scope answered alike (R-AC-1). */
static void rf_ref_check(struct ui *ui, struct ui_form *fm, const struct recform *rf, int k)
{
	struct rec *tmp = rec_new(rf->t);
	for (int i = 0; i < rf->t->nf; i++)
		rec_set_raw(tmp, i, fm->v[i + 1]);
	if (link_check_field(ui->c, ui->u, tmp, k - 1) < 0) {
		free(fm->err[k]);
		fm->err[k] = xstrdup(errmsg());
		ui_msg(ui, "%s", fm->err[k]);
	}
	rec_free(&tmp);
}

static void rf_changed(struct ui *ui, struct ui_form *fm, int k)
{
	struct recform *rf = fm->arg;
	const struct rtype *t = rf->t;
	if (k > 0 && fm->v[k] && ui_form_names_record(&t->f[k - 1])) {
		rf_ref_check(ui, fm, rf, k);
		return;
	}
	if (k == 0 || t->f[k - 1].type != FT_IDNUM || !fm->v[k])
		return;
	struct rec *tmp = rec_new(t);
	for (int i = 0; i < t->nf; i++)
		rec_set_raw(tmp, i, fm->v[i + 1]);
	rec_derive(tmp);
	int derived = 0;
	for (int i = 0; i < t->nf; i++)
		if (t->f[i].derived && tmp->v[i]) {
			ui_form_set(fm, i + 1, tmp->v[i]);
			derived++;
		}
	rec_free(&tmp);
	int filled = 0;
	const struct rtype *pt = schema_type(ui->c->schema, "person");
	if (t->person_role && pt && k - 1 == t->key) {
		uint64_t pid = 0, other = 0;
		struct rec *twin = NULL;
		/* Only a record the account may see is named: of one outside its scope it learns nothing
		 * here (saving refers the new one to the owner unit, see service_save). */
		if (record_by_key(ui->c->st, NULL, t, fm->v[k], &other) == 0 && (!rf->r || other != rf->r->id) &&
		    service_get(ui->c, ui->u, t, other, &twin) == 0) {
			rec_free(&twin);
			char *msg = xasprintf("%s中已有此身份证号的记录（记录号 %llu）", t->title, (unsigned long long)other);
			free(fm->err[k]);
			fm->err[k] = msg;
			ui_msg(ui, "%s", msg);
			ui->msg_err = true;
			return;
		}
		struct rec *p = NULL;
		if (record_by_key(ui->c->st, NULL, pt, fm->v[k], &pid) == 0 && perm_may(ui->c, ui->u, ACT_VIEW, pt, NULL) &&
		    service_get(ui->c, ui->u, pt, pid, &p) == 0) {
			for (int i = 0; i < t->nf; i++) {
				if (!t->f[i].from_person || i == t->key || t->f[i].derived || fm->v[i + 1])
					continue;
				int j = rtype_field(pt, t->f[i].id);
				if (j >= 0 && p->v[j]) {
					ui_form_set(fm, i + 1, p->v[j]);
					filled++;
				}
			}
			rec_free(&p);
		}
	}
	if (filled)
		ui_msg(ui, "此人已登记，已带出基本信息 %d 项；出生日期和性别已按身份证号填写", filled);
	else if (derived)
		ui_msg(ui, "已按身份证号填写出生日期和性别");
}

static bool same_value(const char *a, const char *b)
{
	return str_empty(a) ? str_empty(b) : !str_empty(b) && !strcmp(a, b);
}

/* The form's value I (0: the unit) in the stored record R. */
static const char *rf_stored(const struct recform *rf, const struct rec *r, int i)
{
	return i == 0 ? r->unit : r->v[i - 1];
}

static void rf_notes_clear(struct recform *rf)
{
	for (int i = 0; i <= rf->t->nf; i++) {
		free(rf->note[i]);
		rf->note[i] = NULL;
	}
}

/* Mark each field whose stored value is not what the user typed, with the stored value. */
static int rf_notes(struct ui *ui, struct recform *rf)
{
	int first = -1;
	rf_notes_clear(rf);
	for (int i = 0; i <= rf->t->nf; i++) {
		const char *theirs = rf_stored(rf, rf->r, i);
		if (same_value(theirs, rf->v[i]))
			continue;
		char *shown = NULL;
		if (i == 0) {
			const struct unit *x = units_find(ctx_units(ui->c), theirs ? theirs : "");
			shown = xstrdup(x ? x->name : theirs ? theirs : "");
		} else {
			shown = service_display(ui->c, ui->u, rf->r, i - 1, rf->full);
		}
		rf->note[i] = xasprintf("现存：%s", *shown ? shown : "（空）");
		free(shown);
		if (first < 0)
			first = i;
	}
	return first;
}

/* A save refused because someone saved the record meanwhile: keep what the user typed, load what
 * is stored now (so that the next save is against it), and show the difference field by field. */
static int rf_stale(struct ui *ui, struct ui_form *fm, struct recform *rf)
{
	char *why = xstrdup(errmsg());
	struct rec *fresh = NULL;
	int rc = service_get(ui->c, ui->u, rf->t, rf->r->id, &fresh);
	if (rc < 0) {
		free(why);
		return rc;
	}
	if (!rf->base)
		rf->base = rf->r;
	else
		rec_free(&rf->r);
	rf->r = fresh;
	int first = rf_notes(ui, rf);
	if (first >= 0)
		fm->cur = first;
	/* Short enough for 80 columns with the name: the ~ rows say the rest. */
	rc = errmsg_set(ZZ_ESTALE, "%s；F2 覆盖保存，Ctrl-R 合并", why);
	free(why);
	return rc;
}

/* Take the stored value of every field the user has not changed since opening; keep the others. */
static void rf_merge(struct ui *ui, struct ui_form *fm, struct recform *rf)
{
	int took = 0, kept = 0;
	for (int i = 0; i <= rf->t->nf; i++) {
		const char *theirs = rf_stored(rf, rf->r, i);
		if (same_value(theirs, rf->v[i]))
			continue;
		if (same_value(rf_stored(rf, rf->base, i), rf->v[i])) {
			ui_form_set(fm, i, str_empty(theirs) ? NULL : theirs);
			took++;
		} else {
			kept++;
		}
	}
	rf_notes(ui, rf);
	fm->dirty = true;
	ui_msg(ui, "已合并：取现存的值 %d 项，保留您改过的 %d 项（标 ~）；F2 保存", took, kept);
}

static int rf_save(struct ui *ui, struct ui_form *fm, int *bad)
{
	struct recform *rf = fm->arg;
	struct rec *r = rf->r ? rec_dup(rf->r) : rec_new(rf->t);
	for (int i = 0; i < rf->t->nf; i++)
		rec_set_raw(r, i, rf->v[i + 1]);
	rec_set_meta(&r->unit, rf->v[0]);
	int fbad = -1;
	int rc = service_save(ui->c, ui->u, r, &fbad);
	if (rc == ZZ_ESTALE) {
		rec_free(&r);
		*bad = -1;
		return rf_stale(ui, fm, rf);
	}
	if (rc < 0) {
		rec_free(&r);
		*bad = fbad >= 0 ? fbad + 1 : (rc == ZZ_EPERM || fbad == SERVICE_BAD_UNIT ? 0 : -1);
		return rc;
	}
	uint64_t id = r->id;
	rec_free(&r);
	struct rec *fresh = NULL;
	rc = service_get(ui->c, ui->u, rf->t, id, &fresh);
	if (rc < 0)
		return rc;
	rec_free(&rf->r);
	rec_free(&rf->base);
	rf_notes_clear(rf);
	rf->r = fresh;
	rf_load_values(rf);
	rf_extra_load(ui, rf);
	fm->nf = rf->t->nf + 1 + rf->nx;
	rf->full = false;
	rf->may_delete = rf_may_delete(ui, rf);
	rf->may_unmask = perm_may(ui->c, ui->u, ACT_UNMASK, rf->t, rf->r->unit);
	rf_secrets(rf, false);
	rf_hints(rf);
	rf_title(ui, rf);
	fm->readonly = true;
	rf->changed = true;
	ui->last_saved = id;
	ui_msg(ui, "已保存（%s记录号 %llu）", rf->t->title, (unsigned long long)id);
	return 0;
}

/* A service record (走访) about the record shown: its type, its ID number or record number, today. */
static void rf_visit(struct ui *ui, struct recform *rf)
{
	const struct rtype *svc = ui->c->modules->svc;
	char idbuf[24], today[11];
	snprintf(idbuf, sizeof idbuf, "%llu", (unsigned long long)rf->r->id);
	date_format(date_today(time(NULL)), today);
	const char *by_key = rf->t->key >= 0 && rf->t->f[rf->t->key].type == FT_IDNUM ? rf->r->v[rf->t->key] : NULL;
	const char *unit = service_may(ui->c, ui->u, ACT_ADD, svc, rf->r->unit) ? rf->r->unit : NULL;
	const char *init[12];
	int n = 0;
	for (int i = 0; i < svc->nf; i++) {
		const struct field *f = &svc->f[i];
		if (!modules_svc_field_names(ui->c->modules, i, rf->t))
			continue;
		if (f->ref[0] == '@') {
			init[n++] = f->ref + 1;
			init[n++] = rf->t->id;
		}
		if (f->type == FT_INT && !by_key) {
			init[n++] = f->id;
			init[n++] = idbuf;
		} else if (f->type != FT_INT && by_key) {
			init[n++] = f->id;
			init[n++] = by_key;
		}
		break;
	}
	init[n++] = svc->f[ui->c->modules->svc_day].id;
	init[n++] = today;
	init[n] = NULL;
	ui_record_add(ui, svc, unit, init);
	rf_extra_load(ui, rf);
}

static bool rf_may_receive(struct ui *ui, const struct unit *x, void *arg)
{
	(void)ui;
	const char *top = arg;
	return x->level != LV_GRID && strcmp(x->code, top) != 0;
}

/* The form's picker: a list of units (a document's receivers, "units = true") on the unit tree
 * below the record's unit, departments with the units they belong to, grids left out (their
 * village receives); a person by name otherwise. */
static int rf_pick(struct ui *ui, struct ui_form *fm, int i, const char *typed, char **val)
{
	const struct field *f = fm->f[i];
	if (ui_form_names_record(f)) {
		int rc = ui_pick_ref(ui, schema_type(ui->c->schema, f->ref), typed, val);
		if (rc == 0)
			ui_msg(ui, "%s：已选 %s", f->label, *val);
		return rc;
	}
	if (!f->units)
		return ui_form_pick_person(ui, fm, i, typed, val);
	const char *top = fm->v[0] ? fm->v[0] : perm_scope(ui->c, ui->u);
	*val = fm->v[i] ? xstrdup(fm->v[i]) : NULL;
	struct ui_pick_units_req q = {.title = f->label, .top = top, .may = rf_may_receive, .arg = (void *)top,
				      .max = f->has_max ? (size_t)f->max : 0, .what = f->label};
	return ui_pick_units(ui, &q, val);
}

/* Why e does not open the form: the record is kept as it is, or the account may not change it. */
static void rf_refuse_edit(struct ui *ui, const struct recform *rf)
{
	if (rf->frozen[0])
		ui_msg(ui, "%s", rf->frozen);
	else
		ui_msg(ui, "只读：%s无权修改%s", perm_role_zh(ui->c, ui->u->role), rf->t->title);
}

static int rf_act(struct ui *ui, struct ui_form *fm, enum ui_act a)
{
	struct recform *rf = fm->arg;
	switch (a) {
	case UI_MERGE:
		if (fm->readonly || !rf->base)
			ui_msg(ui, "没有要合并的修改：只有保存时发现记录已被他人修改，才需要合并");
		else
			rf_merge(ui, fm, rf);
		return UI_DONE;
	case UI_ATTACH:
		if (!fm->readonly)
			return UI_NOTMINE;
		rf_attach_download(ui, rf);
		return UI_DONE;
	case UI_ENTER: {
		uint64_t id = 0;
		const struct rtype *xt = NULL;
		if (!fm->readonly || fm->cur <= rf->t->nf || !(xt = rf_extra_ref(ui, rf, fm->cur - rf->t->nf - 1, &id)))
			return UI_NOTMINE;
		ui_record_open(ui, xt, id, false);
		return UI_DONE;
	}
	case UI_VISIT:
		if (!fm->readonly || !rf->r)
			return UI_DONE;
		if (!rf->may_visit) {
			ui_msg(ui, "%s不能为%s新增服务记录", perm_role_zh(ui->c, ui->u->role), rf->t->title);
			return UI_DONE;
		}
		rf_visit(ui, rf);
		fm->nf = rf->t->nf + 1 + rf->nx;
		return UI_DONE;
	case UI_EDIT:
		if (!fm->readonly)
			return UI_DONE;
		if (!rf->may_edit) {
			rf_refuse_edit(ui, rf);
			return UI_DONE;
		}
		/* Editing shows sensitive fields in full to those who may see them: audited, and not
		 * without its audit entry. */
		if (rf->may_unmask && any_sensitive(rf) && !rf->full) {
			int rc = service_audit_unmask(ui->c, ui->u, rf->r);
			if (rc < 0) {
				ui_err(ui, rc);
				return UI_DONE;
			}
			rf->full = true;
			rf_secrets(rf, false);
		}
		fm->readonly = false;
		return UI_DONE;
	case UI_DELETE: {
		if (!fm->readonly)
			return UI_NOTMINE;
		if (!rf->may_delete && service_workflow(rf->t))
			return UI_NOTMINE; /* kept for the record of its handling: not a key of this screen */
		if (!rf->may_delete) {
			rf_refuse_delete(ui, rf);
			return UI_DONE;
		}
		char buf[64];
		if (!ui_confirm(ui, "确定删除%s“%s”？删除后不能恢复", rf->t->title, rec_name(rf->r, buf, sizeof buf)))
			return UI_DONE;
		int rc = service_delete(ui->c, ui->u, rf->t, rf->r->id);
		if (rc < 0) {
			ui_err(ui, rc);
			return UI_DONE;
		}
		rf->changed = true;
		ui_msg(ui, "已删除%s记录 %llu", rf->t->title, (unsigned long long)rf->r->id);
		return UI_CLOSE;
	}
	case UI_UNMASK:
		if (!rf->r || !any_sensitive(rf))
			return UI_DONE;
		if (!rf->may_unmask) {
			ui_msg(ui, "%s无权查看完整的敏感信息", perm_role_zh(ui->c, ui->u->role));
			ui->msg_err = true;
			return UI_DONE;
		}
		if (!fm->readonly)
			return UI_DONE;
		rf->full = !rf->full;
		if (rf->full) {
			int rc = service_audit_unmask(ui->c, ui->u, rf->r);
			if (rc < 0) {
				rf->full = false;
				ui_err(ui, rc);
				return UI_DONE;
			}
			ui_msg(ui, "已显示完整信息（此次查看已记入审计日志）");
		}
		rf_secrets(rf, false);
		return UI_DONE;
	case UI_PERSON: {
		const char *id = rf_idnum(rf);
		if (!id || !fm->readonly) {
			ui_msg(ui, "这条记录没有身份证号");
			return UI_DONE;
		}
		char *copy = xstrdup(id);
		ui_person_run(ui, copy);
		free(copy);
		return UI_DONE;
	}
	default:
		return UI_NOTMINE;
	}
}

/* The unit a new record belongs to at first: the account's own, when it may add there. */
static const char *default_unit(struct ui *ui, const struct rtype *t)
{
	if (service_may(ui->c, ui->u, ACT_ADD, t, ui->u->unit))
		return ui->u->unit;
	return perm_scope(ui->c, ui->u);
}

/* Open record ID (0: a new one at UNIT, NULL: the default, with INIT's field id / value pairs). */
static int record_open(struct ui *ui, const struct rtype *t, uint64_t id, bool edit, const char *unit,
		       const char *const *init)
{
	struct recform rf = {.t = t};
	if (id) {
		int rc = service_get(ui->c, ui->u, t, id, &rf.r);
		if (rc == 0 && service_audit_read(ui->c, ui->u, rf.r) < 0) {
			rc = ZZ_EDB;
			rec_free(&rf.r);
		}
		if (rc < 0) {
			ui_err(ui, rc);
			return 0;
		}
		rf.may_edit = perm_may(ui->c, ui->u, ACT_EDIT, t, rf.r->unit);
		/* Not offered what the save would refuse (this account, or anyone now): shown read-only,
		 * masked. */
		if (rf.may_edit && (service_editable(ui->c, NULL, ui->u, rf.r) < 0 ||
				    service_frozen(ui->c, NULL, rf.r, ACT_EDIT) < 0)) {
			rf.may_edit = false;
			snprintf(rf.frozen, sizeof rf.frozen, "%s", errmsg());
		}
		rf.may_delete = rf_may_delete(ui, &rf);
		rf.may_unmask = perm_may(ui->c, ui->u, ACT_UNMASK, t, rf.r->unit);
	} else {
		int rc = perm_check(ui->c, ui->u, ACT_ADD, t, NULL);
		if (rc < 0) {
			ui_err(ui, rc);
			return 0;
		}
		rf.may_edit = true;
	}
	rf.unitf = ui_record_unit_field;
	size_t cap = (size_t)t->nf + 2 + RF_EXTRA_MAX;
	rf.fp = xcalloc(cap, sizeof *rf.fp);
	rf.v = xcalloc(cap, sizeof *rf.v);
	rf.secret = xcalloc(cap, sizeof *rf.secret);
	rf.preset = xcalloc(cap, sizeof *rf.preset);
	rf.note = xcalloc(cap, sizeof *rf.note);
	rf.fp[0] = &rf.unitf;
	for (int i = 0; i < t->nf; i++)
		rf.fp[i + 1] = &t->f[i];
	if (rf.r) {
		rf_load_values(&rf);
		rf_extra_load(ui, &rf);
	} else {
		rf.v[0] = xstrdup(unit ? unit : default_unit(ui, t));
		/* The type's defaults for this account (patrol log: the member, today, the grid), then what
		 * the caller fills (a visit's subject). */
		struct strv def = {0};
		modules_defaults(ui->c, ui->u, t, &def);
		for (int k = 0; init && init[k] && init[k + 1]; k += 2) {
			strv_push(&def, init[k]);
			strv_push(&def, init[k + 1]);
		}
		for (int k = 0; k + 1 < def.n; k += 2) {
			int i = rtype_field(t, def.v[k]);
			if (i >= 0 && !str_empty(def.v[k + 1])) {
				free(rf.v[i + 1]);
				rf.v[i + 1] = xstrdup(def.v[k + 1]);
				rf.preset[i + 1] = true;
			}
		}
		strv_free(&def);
	}
	rf.may_visit = rf.r && rf_visitable(ui, t);
	rf_secrets(&rf, !rf.r);
	/* Values the account did not type (a visit's subject, the member of a patrol log) are shown
	 * masked: a new form is no way around masking. Typing replaces them. */
	for (int i = 0; !rf.r && i < t->nf; i++)
		rf.secret[i + 1] = t->f[i].sensitive && rf.v[i + 1];
	bool ro = rf.r && (!edit || !rf.may_edit);
	if (edit && !rf.may_edit)
		rf_refuse_edit(ui, &rf);
	if (edit && rf.may_edit && rf.r && rf.may_unmask && any_sensitive(&rf)) {
		/* No audit entry, no full values: the form opens read-only with the reason. */
		int rc = service_audit_unmask(ui->c, ui->u, rf.r);
		if (rc < 0) {
			ui_err(ui, rc);
			ro = true;
		} else {
			rf.full = true;
			rf_secrets(&rf, false);
		}
	}
	rf_hints(&rf);
	rf_title(ui, &rf);
	rf.keys = (struct ui_keys){
		.screen = "记录表单",
		.about = "查看一条记录。上下键和翻页键浏览各项；e 或 F4 修改（有权限时），d 或 Delete 删除（需确认），"
			 "m 或 F9 显示完整的身份证号和电话（有权限时，记入审计日志），p 或 F11 查看此人的全部记录，"
			 "v 为此对象新增一条服务记录（走访，对象和日期已填好），Esc 返回列表。没有修改权限的账号只能"
			 "查看（只读）。\n【附加信息】列出录入是否超时、走访和更新期限、同比，以及与这条记录相关的"
			 "记录（同一身份证号的其他身份、出租房、服务记录等）；在这些行上按回车打开该记录。\n"
			 "长文本项（如事件描述）只显示第一行，后面还有内容时以“…”结尾；在这一项上按回车显示全文。\n"
			 "修改时如果别人在您打开记录后保存过它，保存被拒绝并说明是谁、何时改的；您填的内容都保留，"
			 "不同的项前标 ~、右边是现存的值：Ctrl-R 合并，或再按 F2 按您填的保存。",
		.acts = view_acts,
		.hints = rf.hints,
	};
	struct ui_form fm = {
		.title = rf.title,
		.keys = &rf.keys,
		.f = rf.fp,
		.nf = t->nf + 1 + rf.nx,
		.v = rf.v,
		.secret = rf.secret,
		.preset = rf.preset,
		.note = rf.note,
		.readonly = ro,
		.changed = rf_changed,
		.save = rf_save,
		.act = rf_act,
		.pick = rf_pick,
		.describe = ui_form_person_name,
		.arg = &rf,
	};
	ui_form_run(ui, &fm);
	rf_extra_free(&rf);
	for (int i = 0; i <= t->nf; i++)
		free(rf.v[i]);
	free(rf.v);
	free(rf.secret);
	free(rf.preset);
	rf_notes_clear(&rf);
	free(rf.note);
	free(rf.fp);
	rec_free(&rf.r);
	rec_free(&rf.base);
	return rf.changed ? 1 : 0;
}

int ui_record_open(struct ui *ui, const struct rtype *t, uint64_t id, bool edit)
{
	return record_open(ui, t, id, edit, NULL, NULL);
}

int ui_record_add(struct ui *ui, const struct rtype *t, const char *unit, const char *const *init)
{
	return record_open(ui, t, 0, true, unit, init);
}

int ui_patrol_open_ref(struct ui *ui, const char *ref)
{
	const struct modules *m = ui->c->modules;
	const char *colon = ref ? strchr(ref, ':') : NULL;
	uint64_t id = 0;
	if (!m || !m->staff || !m->log || !colon || (size_t)(colon - ref) != strlen(m->staff->id) ||
	    strncmp(ref, m->staff->id, (size_t)(colon - ref)) != 0 || !ui_ref_id(ui, ref, "网格员记录", &id))
		return ui_open_ref(ui, NULL, ref);
	/* The member's own missing log: a new one, the member, the grid and the earliest day missing
	 * (today when none is now) filled in. Anyone else (the village, the township) sees the
	 * member's record. */
	struct rec *r = NULL;
	char *me = modules_member_of(ui->c, ui->u);
	bool mine = me && service_get(ui->c, ui->u, m->staff, id, &r) == 0 && m->staff->key >= 0 &&
		    r->v[m->staff->key] && !strcmp(r->v[m->staff->key], me);
	rec_free(&r);
	int first;
	char day[11] = "";
	if (mine && clock_patrol_first(ui->c, me, (int64_t)time(NULL), &first) == 0)
		date_format(first, day);
	free(me);
	if (!mine || !service_may(ui->c, ui->u, ACT_ADD, m->log, NULL))
		return ui_record_open(ui, m->staff, id, false);
	if (!day[0])
		return ui_record_add(ui, m->log, NULL, NULL);
	const char *const init[] = {m->log->f[m->log_day].id, day, NULL};
	ui_msg(ui, "补记 %s 的巡查日志（最早缺记的一天，巡查日期可以改）", day);
	return ui_record_add(ui, m->log, NULL, init);
}

int ui_entry_open_ref(struct ui *ui, const char *ref)
{
	const struct rtype *t = NULL;
	struct strv init = {0};
	int rc = report_entry_defaults(ui->c, ref, &t, &init);
	if (rc < 0) {
		strv_free(&init);
		ui_err(ui, rc);
		return 0;
	}
	/* The month's record, its year, month and filing unit filled in. */
	const char **v = xcalloc((size_t)init.n + 1, sizeof *v);
	for (int i = 0; i < init.n; i++)
		v[i] = init.v[i];
	int saved = ui_record_add(ui, t, NULL, v);
	free(v);
	strv_free(&init);
	return saved;
}
