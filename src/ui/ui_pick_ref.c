/* ui_pick_ref.c — a form field that names another record by its key (出租房承租人's 住房编号):
 * the records of that type the account may see, by key, name and unit. */
#include <stdio.h>
#include <stdlib.h>
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

int ui_pick_ref(struct ui *ui, const struct rtype *t, const char *typed, char **key)
{
	*key = NULL;
	if (!t || t->key < 0)
		return ZZ_ENOENT;
	uint64_t *ids = NULL;
	long n = 0;
	struct service_query q = {.state = -1, .limit = PICK_REF_MAX};
	int rc = service_list(ui->c, ui->u, t, &q, &ids, &n);
	if (rc < 0) {
		ui_err(ui, rc);
		return rc;
	}
	struct ui_pick_item *items = xcalloc((size_t)n + 1, sizeof *items);
	char **labels = xcalloc((size_t)n + 1, sizeof *labels), **keys = xcalloc((size_t)n + 1, sizeof *keys);
	int k = 0, exact = -1, hits = 0;
	for (long i = 0; i < n; i++) {
		struct rec *r = NULL;
		if (service_get(ui->c, ui->u, t, ids[i], &r) < 0 || !r->v[t->key]) {
			rec_free(&r);
			continue;
		}
		const struct unit *x = r->unit ? units_find(ctx_units(ui->c), r->unit) : NULL;
		char buf[96];
		labels[k] = xasprintf("%s  %s  %s", r->v[t->key], rec_name(r, buf, sizeof buf), x ? x->name : "");
		keys[k] = xstrdup(r->v[t->key]);
		items[k] = (struct ui_pick_item){.label = labels[k], .key = keys[k]};
		if (!str_empty(typed) && !strcmp(keys[k], typed))
			exact = k;
		if (str_empty(typed) || strstr(labels[k], typed))
			hits++;
		k++;
		rec_free(&r);
	}
	free(ids);
	int pick = exact;
	if (pick < 0) {
		char title[128];
		snprintf(title, sizeof title, "选择%s（可输入编号或名称筛选）", t->title);
		if (hits == 0 && str_empty(typed))
			ui_msg(ui, "本账号的范围内没有%s", t->title);
		else if (hits == 0)
			ui_msg(ui, "没有找到含“%s”的%s（或本账号无权查看）", typed, t->title);
		else
			pick = ui_pick(ui, title, items, k, 0, typed, NULL);
	}
	if (pick >= 0) {
		*key = keys[pick];
		keys[pick] = NULL;
	}
	for (int i = 0; i < k; i++) {
		free(labels[i]);
		free(keys[i]);
	}
	free(labels);
	free(keys);
	free(items);
	return pick >= 0 ? 0 : ZZ_ENOENT;
}
