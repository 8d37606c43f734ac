/* ui_pick_list.c — the records a picker offers (a person, a rental house): those of the account's
 * own scope, as the service hands them (service_pick: none seen only under a grant, no audit entry
 * per record), each for its key, its name and the label its picker makes. */
#include <stdlib.h>

#include "service.h"
#include "ui_screen.h"

int ui_pick_list_load(struct ui *ui, const struct rtype *t, const struct service_query *q, ui_pick_label_fn label,
		      bool match_key, struct ui_pick_list *l)
{
	*l = (struct ui_pick_list){0};
	struct rec **recs = NULL;
	long n = 0;
	int rc = service_pick(ui->c, ui->u, t, q, &recs, &n);
	if (rc < 0)
		return ui_err(ui, rc);
	l->items = xcalloc((size_t)n + 1, sizeof *l->items);
	l->labels = xcalloc((size_t)n + 1, sizeof *l->labels);
	l->keys = xcalloc((size_t)n + 1, sizeof *l->keys);
	l->names = xcalloc((size_t)n + 1, sizeof *l->names);
	for (long i = 0; i < n; i++) {
		struct rec *r = recs[i];
		if (r->v[t->key]) {
			char buf[32];
			int k = l->n++;
			l->names[k] = xstrdup(rec_name(r, buf, sizeof buf));
			l->labels[k] = label(ui, r);
			l->keys[k] = xstrdup(r->v[t->key]);
			l->items[k] = (struct ui_pick_item){.label = l->labels[k], .key = match_key ? l->keys[k] : ""};
		}
		rec_free(&recs[i]);
	}
	free(recs);
	return 0;
}

char *ui_pick_list_take(char **v, int i)
{
	char *s = v[i];
	v[i] = NULL;
	return s;
}

void ui_pick_list_free(struct ui_pick_list *l)
{
	for (int i = 0; i < l->n; i++) {
		free(l->labels[i]);
		free(l->keys[i]);
		free(l->names[i]);
	}
	free(l->labels);
	free(l->keys);
	free(l->names);
	free(l->items);
	*l = (struct ui_pick_list){0};
}
