/* ledger.c — electronic ledgers (ledger.h): the catalogue is the county's code table ledger_item,
 * then each ledger_item record of the unit's ancestors and of the unit itself, applied from the top
 * down, so a lower unit's change wins below it and never reaches its parents or siblings. */
#include "ledger.h"

#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "perm.h"
#include "schema.h"
#include "unit.h"

#define LEDGER_CODES "ledger_item"
#define LEDGER_TYPE "ledger"
#define LEDGER_ITEM_TYPE "ledger_item"

static bool same_sub(const char *a, const char *b)
{
	return str_empty(a) ? str_empty(b) : (!str_empty(b) && !strcmp(a, b));
}

struct ledger_node *ledger_find(const struct ledger_cat *cat, const char *item, const char *sub)
{
	for (int i = 0; item && i < cat->n; i++)
		if (!strcmp(cat->v[i].item, item) && same_sub(cat->v[i].sub, sub))
			return &cat->v[i];
	return NULL;
}

static struct ledger_node *node_add(struct ledger_cat *cat, const char *item, const char *sub, const char *label)
{
	cat->v = xrealloc(cat->v, (size_t)(cat->n + 1) * sizeof *cat->v);
	struct ledger_node *n = &cat->v[cat->n++];
	*n = (struct ledger_node){.item = xstrdup(item), .sub = str_empty(sub) ? NULL : xstrdup(sub),
				 .label = xstrdup(label), .on = true, .leaf = !str_empty(sub) || strchr(item, '-')};
	return n;
}

void ledger_cat_free(struct ledger_cat *cat)
{
	for (int i = 0; i < cat->n; i++) {
		free(cat->v[i].item);
		free(cat->v[i].sub);
		free(cat->v[i].label);
		free(cat->v[i].unit);
	}
	free(cat->v);
	*cat = (struct ledger_cat){0};
}

/* The heading of catalogue code CODE: "10.2.1-03" → "10.2.1" → "10.2"; false at the top. */
static bool heading_of(const char *code, char *out, size_t n)
{
	const char *cut = strrchr(code, '-');
	if (!cut)
		cut = strrchr(code, '.');
	if (!cut || (size_t)(cut - code) >= n || cut - code <= 2)
		return false;
	memcpy(out, code, (size_t)(cut - code));
	out[cut - code] = '\0';
	return true;
}

bool ledger_enabled(const struct ledger_cat *cat, const struct ledger_node *n)
{
	if (!n->on)
		return false;
	const struct ledger_node *item = n->sub ? ledger_find(cat, n->item, NULL) : NULL;
	if (item && !item->on)
		return false;
	char code[64];
	snprintf(code, sizeof code, "%s", n->item);
	while (heading_of(code, code, sizeof code)) {
		const struct ledger_node *h = ledger_find(cat, code, NULL);
		if (h && !h->on)
			return false;
	}
	return true;
}

int ledger_fileable(const struct ledger_cat *cat, const char *item, const char *sub)
{
	const struct ledger_node *n = ledger_find(cat, item, sub);
	if (!n && !str_empty(sub))
		return errmsg_set(ZZ_EINVAL, "台账目录 %s 下没有细目“%s”（台账目录屏可增设）", item, sub);
	if (!n)
		return errmsg_set(ZZ_EINVAL, "台账目录中没有 %s", item ? item : "");
	if (!n->leaf)
		return errmsg_set(ZZ_EINVAL, "“%s”是目录的一个部分，请选择其下的具体项目", n->label);
	if (!ledger_enabled(cat, n))
		return errmsg_set(ZZ_EINVAL, "台账目录“%s”在本单位已停用", n->label);
	return 0;
}

struct ids {
	uint64_t *v;
	int n;
};

static int ids_add(const struct rtype *t, uint64_t id, void *arg)
{
	(void)t;
	struct ids *a = arg;
	a->v = xrealloc(a->v, (size_t)(a->n + 1) * sizeof *a->v);
	a->v[a->n++] = id;
	return 0;
}

/* The records of type T under UNIT ("" all), loaded; caller frees each and the array. */
static int load_all(struct ctx *c, DB_TXN *txn, const struct rtype *t, const char *unit, struct rec ***out, int *n)
{
	struct ids ids = {0};
	*out = NULL;
	*n = 0;
	int rc = record_scan_unit(c->st, txn, t, unit, ids_add, &ids);
	for (int i = 0; rc == 0 && i < ids.n; i++) {
		struct rec *r = NULL;
		rc = record_load(c->st, txn, t, ids.v[i], &r, false);
		if (rc == ZZ_ENOENT) {
			rc = 0;
			continue;
		}
		if (rc == 0) {
			*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
			(*out)[(*n)++] = r;
		}
	}
	free(ids.v);
	return rc;
}

static void recs_free(struct rec **v, int n)
{
	for (int i = 0; i < n; i++)
		rec_free(&v[i]);
	free(v);
}

/* Top down: a unit's changes after its ancestors'. */
static int by_depth(const void *a, const void *b, void *arg)
{
	const struct units *us = arg;
	const struct rec *x = *(struct rec *const *)a, *y = *(struct rec *const *)b;
	const struct unit *ux = units_find(us, x->unit), *uy = units_find(us, y->unit);
	size_t lx = ux ? strlen(ux->path) : 0, ly = uy ? strlen(uy->path) : 0;
	return lx < ly ? -1 : lx > ly ? 1 : (x->id < y->id ? -1 : x->id > y->id);
}

/* Catalogue order: by code, the item itself before the units' entries under it, those by name. */
static int node_cmp(const void *a, const void *b)
{
	const struct ledger_node *x = a, *y = b;
	int k = strcmp(x->item, y->item);
	if (k || (!x->sub && !y->sub))
		return k;
	return !x->sub ? -1 : !y->sub ? 1 : strcmp(x->sub, y->sub);
}

int ledger_catalog(struct ctx *c, DB_TXN *txn, const char *unit, struct ledger_cat *out)
{
	*out = (struct ledger_cat){0};
	const struct codetable *ct = codes_find(c->codes, LEDGER_CODES);
	const struct rtype *t = schema_type(c->schema, LEDGER_ITEM_TYPE);
	if (!ct || !t)
		return errmsg_set(ZZ_EINVAL, "缺少电子台账目录（db/codes/%s.tsv 或 screens/%s.cfg）", LEDGER_CODES,
				  LEDGER_ITEM_TYPE);
	for (int i = 0; i < ct->n; i++)
		node_add(out, ct->v[i].code, NULL, ct->v[i].label);
	struct rec **v = NULL;
	int n = 0;
	int rc = load_all(c, txn, t, "", &v, &n);
	const struct units *us = ctx_units(c);
	int keep = 0;
	for (int i = 0; rc == 0 && i < n; i++) {
		if (v[i]->unit && units_under(us, unit, v[i]->unit))
			v[keep++] = v[i];
		else
			rec_free(&v[i]);
	}
	if (keep > 1)
		qsort_r(v, (size_t)keep, sizeof *v, by_depth, (void *)us);
	for (int i = 0; rc == 0 && i < keep; i++) {
		const char *item = rec_get(v[i], "item"), *name = rec_get(v[i], "name");
		struct ledger_node *node = ledger_find(out, item, name);
		if (!node && str_empty(name))
			continue; /* a code no longer in the county's file */
		if (!node)
			node = node_add(out, item, name, name);
		node->on = rec_get(v[i], "enabled") && !strcmp(rec_get(v[i], "enabled"), "1");
		free(node->unit);
		node->unit = xstrdup(v[i]->unit);
	}
	recs_free(v, rc == 0 ? keep : n);
	if (rc < 0)
		ledger_cat_free(out);
	else
		qsort(out->v, (size_t)out->n, sizeof *out->v, node_cmp);
	return rc;
}

static bool entry_in_year(const struct rec *r, int year)
{
	const char *day = rec_get(r, "day");
	return day && strlen(day) >= 4 && atoi(day) == year;
}

int ledger_count(struct ctx *c, const struct user *u, const char *unit, int year, struct ledger_cat *out)
{
	*out = (struct ledger_cat){0};
	const struct rtype *t = schema_type(c->schema, LEDGER_TYPE);
	if (!t)
		return errmsg_set(ZZ_EINVAL, "缺少记录类型 %s（screens/%s.cfg）", LEDGER_TYPE, LEDGER_TYPE);
	if (str_empty(unit))
		unit = perm_scope(c, u);
	int rc = perm_check(c, u, ACT_VIEW, t, unit);
	if (rc == 0)
		rc = ledger_catalog(c, NULL, unit, out);
	struct rec **v = NULL;
	int n = 0;
	if (rc == 0)
		rc = load_all(c, NULL, t, unit, &v, &n);
	for (int i = 0; rc == 0 && i < n; i++) {
		if (!entry_in_year(v[i], year))
			continue;
		const char *item = rec_get(v[i], "item"), *sub = rec_get(v[i], "sub");
		struct ledger_node *it = ledger_find(out, item, NULL), *s = sub ? ledger_find(out, item, sub) : NULL;
		if (it)
			it->count++;
		if (s)
			s->count++;
	}
	recs_free(v, n);
	if (rc < 0)
		ledger_cat_free(out);
	return rc;
}

int ledger_before_store(struct ctx *c, DB_TXN *txn, struct rec *r, const struct rec *old, int64_t now)
{
	(void)now;
	if (strcmp(r->t->id, LEDGER_TYPE) != 0)
		return 0;
	const char *item = rec_get(r, "item"), *sub = rec_get(r, "sub");
	/* An entry filed when its item was enabled stays editable after the item is disabled. */
	if (old && same_sub(item, rec_get(old, "item")) && same_sub(sub, rec_get(old, "sub")))
		return 0;
	struct ledger_cat cat;
	int rc = ledger_catalog(c, txn, r->unit, &cat);
	if (rc == 0)
		rc = ledger_fileable(&cat, item, sub);
	ledger_cat_free(&cat);
	return rc;
}

/* The entries under UNIT filed at ITEM/NAME, loaded for update; caller frees. */
static int entries_at(struct ctx *c, DB_TXN *txn, const char *unit, const char *item, const char *name,
		      struct rec ***out, int *n)
{
	const struct rtype *t = schema_type(c->schema, LEDGER_TYPE);
	struct rec **v = NULL;
	int all = 0, keep = 0;
	int rc = t ? load_all(c, txn, t, unit, &v, &all) : 0;
	for (int i = 0; i < all; i++) {
		if (rc == 0 && same_sub(rec_get(v[i], "item"), item) && same_sub(rec_get(v[i], "sub"), name))
			v[keep++] = v[i];
		else
			rec_free(&v[i]);
	}
	*out = v;
	*n = keep;
	return rc;
}

int ledger_after_store(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *r,
		       const struct rec *old, int64_t now)
{
	(void)u;
	(void)now;
	if (strcmp(r->t->id, LEDGER_ITEM_TYPE) != 0 || !old || str_empty(rec_get(old, "name")))
		return 0;
	const char *item = rec_get(r, "item"), *name = rec_get(r, "name");
	if (same_sub(item, rec_get(old, "item")) && same_sub(name, rec_get(old, "name")))
		return 0;
	if (str_empty(name))
		return errmsg_set(ZZ_EINVAL, "细目名称不能改为空（停用请把“启用”改为“否”）");
	struct rec **v = NULL;
	int n = 0;
	int rc = entries_at(c, txn, old->unit, rec_get(old, "item"), rec_get(old, "name"), &v, &n);
	for (int i = 0; rc == 0 && i < n; i++) {
		struct rec *was = rec_dup(v[i]);
		rec_set_raw(v[i], rtype_field(v[i]->t, "item"), item);
		rec_set_raw(v[i], rtype_field(v[i]->t, "sub"), name);
		rc = record_store(c->st, txn, v[i], was);
		rec_free(&was);
	}
	recs_free(v, n);
	return rc;
}

int ledger_after_delete(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *old, int64_t now)
{
	(void)u;
	(void)now;
	if (strcmp(old->t->id, LEDGER_ITEM_TYPE) != 0 || str_empty(rec_get(old, "name")))
		return 0;
	struct rec **v = NULL;
	int n = 0;
	int rc = entries_at(c, txn, old->unit, rec_get(old, "item"), rec_get(old, "name"), &v, &n);
	recs_free(v, n);
	if (rc == 0 && n > 0)
		rc = errmsg_set(ZZ_EINVAL, "细目“%s”下已有 %d 条台账，不能删除；可将“启用”改为“否”", rec_get(old, "name"), n);
	return rc;
}
