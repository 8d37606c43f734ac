/* ui_pick_ref.c — a form field that names another record by its key (出租房承租人's 住房编号):
 * the records of that type the account may see, by key, name and unit. */
#include <stdio.h>
#include <string.h>

#include "service.h"
#include "ui_screen.h"
#include "unit.h"

/* As many as the person picker offers: typing narrows the list. */
#define PICK_REF_MAX 200

bool ui_form_names_record(const struct field *f)
{
	return f->type == FT_TEXT && f->ref && f->ref[0] && f->ref[0] != '@';
}

static char *ref_label(struct ui *ui, const struct rec *r)
{
	const struct unit *x = r->unit ? units_find(ctx_units(ui->c), r->unit) : NULL;
	char buf[32];
	return xasprintf("%s  %s  %s", r->v[r->t->key], rec_name(r, buf, sizeof buf), x ? x->name : "");
}

int ui_pick_ref(struct ui *ui, const struct rtype *t, const char *typed, char **key)
{
	*key = NULL;
	if (!t || t->key < 0)
		return ZZ_ENOENT;
	/* The service chooses by the text typed, the record keyed so first: the houses beyond the first
	 * few hundred of a town are offered too. */
	struct service_query q = {.text = str_empty(typed) ? NULL : typed, .state = -1, .limit = PICK_REF_MAX};
	struct ui_pick_list l;
	int rc = ui_pick_list_load(ui, t, &q, ref_label, true, &l);
	if (rc < 0)
		return rc;
	int pick = l.n > 0 && !str_empty(typed) && !strcmp(l.keys[0], typed) ? 0 : -1;
	if (pick < 0) {
		char title[128];
		snprintf(title, sizeof title, "选择%s（可输入编号或名称筛选）", t->title);
		if (l.n == 0 && str_empty(typed))
			ui_msg(ui, "本账号的范围内没有%s", t->title);
		else if (l.n == 0)
			ui_msg(ui, "没有找到含“%s”的%s（或本账号无权查看）", typed, t->title);
		else
			pick = ui_pick(ui, title, l.items, l.n, 0, typed, NULL);
	}
	if (pick >= 0)
		*key = ui_pick_list_take(l.keys, pick);
	ui_pick_list_free(&l);
	return pick >= 0 ? 0 : ZZ_ENOENT;
}
