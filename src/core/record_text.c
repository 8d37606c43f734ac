/* record_text.c — a picker's text typed (service_query.text) found through the indexes: the
 * records of a scope whose key, indexed name or unit's name may hold it, in tree order, with no
 * record read to choose them. */
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "unit.h"

/* The scope's rows of idx_unit in tree order: each id, and whether its unit's name holds TEXT. */
struct text_scope {
	const struct units *us;
	const char *text;
	size_t pn; /* the type's part of a row's key */
	uint64_t *ids;
	bool *unit_hit;
	long n;
	struct sb key;	/* the key (unit path) of the rows last seen */
	struct sb code; /* its unit's code */
	bool hit;	/* its unit's name holds TEXT */
};

/* A unit path's own code: its last part ("…/321204001/" → "321204001"), into CODE. */
static void text_path_code(const char *path, size_t n, struct sb *code)
{
	size_t end = n && path[n - 1] == '/' ? n - 1 : n, start = end;
	while (start > 0 && path[start - 1] != '/')
		start--;
	sb_reset(code);
	sb_add(code, path + start, end - start);
}

static int text_scope_row(const void *k, size_t kn, const void *v, size_t vn, void *arg)
{
	struct text_scope *s = arg;
	if (vn != 8 || kn < s->pn + 1)
		return 1;
	if (s->key.len != kn || memcmp(s->key.buf, k, kn) != 0) {
		sb_reset(&s->key);
		sb_add(&s->key, k, kn);
		text_path_code((const char *)k + s->pn, kn - s->pn - 1, &s->code);
		const struct unit *u = units_find(s->us, s->code.buf);
		s->hit = u && str_contains(u->name, s->text);
	}
	if (s->n % 1024 == 0) {
		s->ids = xrealloc(s->ids, (size_t)(s->n + 1024) * sizeof *s->ids);
		s->unit_hit = xrealloc(s->unit_hit, (size_t)(s->n + 1024) * sizeof *s->unit_hit);
	}
	s->ids[s->n] = be64_get(v);
	s->unit_hit[s->n++] = s->hit;
	return 0;
}

/* The ids of idx_key's or idx_name's rows of one type (key `type\0value\0`) whose value holds
 * TEXT, as long as LEFT rows may still be read. */
struct text_hits {
	const char *text;
	size_t pn;
	uint64_t *v;
	long n, left;
	bool over; /* more rows than LEFT */
};

static int text_hit_row(const void *k, size_t kn, const void *v, size_t vn, void *arg)
{
	struct text_hits *h = arg;
	const char *value = (const char *)k + h->pn;
	uint64_t id;
	h->over = --h->left < 0;
	if (h->over)
		return 1;
	if (kn <= h->pn || value[kn - h->pn - 1] != '\0' || !str_contains(value, h->text) ||
	    record_keyval(v, vn, &id) < 0)
		return 0;
	if (h->n % 256 == 0)
		h->v = xrealloc(h->v, (size_t)(h->n + 256) * sizeof *h->v);
	h->v[h->n++] = id;
	return 0;
}

static int text_id_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* May T's name be read from idx_name? Only its own indexed field: a role's name is its
 * person's, whose changes leave the role's row as it was. */
static bool text_name_indexed(const struct rtype *t)
{
	return t->name_field < 0 || (t->f[t->name_field].indexed && !t->f[t->name_field].from_person);
}

/* The ids of T whose key or name holds TEXT, sorted, from idx_key and idx_name while at most
 * BUDGET rows are read: H->over when there were more. */
static int text_hits_read(struct store *st, DB_TXN *txn, const struct rtype *t, const char *text, long budget,
			  struct text_hits *h)
{
	*h = (struct text_hits){.text = text, .pn = strlen(t->id) + 1, .left = budget};
	const int dbs[] = {t->key >= 0 ? DBI_IDX_KEY : -1, t->name_field >= 0 ? DBI_IDX_NAME : -1};
	int rc = 0;
	for (size_t i = 0; rc == 0 && !h->over && i < ARRAY_LEN(dbs); i++)
		if (dbs[i] >= 0)
			rc = store_walk(store_db(st, dbs[i]), txn, t->id, h->pn, text_hit_row, h);
	if (rc == 0 && h->n > 1)
		qsort(h->v, (size_t)h->n, sizeof *h->v, text_id_cmp);
	return rc;
}

int record_scan_text(struct store *st, DB_TXN *txn, const struct rtype *t, const char *unit, const char *text,
		     long rows_per_record, record_cb cb, void *arg)
{
	struct sb pre;
	sb_init(&pre);
	sb_add(&pre, t->id, strlen(t->id) + 1);
	if (!str_empty(unit)) {
		const struct unit *u = st->units ? units_find(st->units, unit) : NULL;
		if (!u) {
			sb_free(&pre);
			return errmsg_set(ZZ_EINVAL, "单位 %s 不存在", unit);
		}
		sb_adds(&pre, u->path);
	}
	struct text_scope s = {.us = st->units, .text = text, .pn = strlen(t->id) + 1};
	sb_init(&s.key);
	sb_init(&s.code);
	int rc = store_walk(store_db(st, DBI_IDX_UNIT), txn, pre.buf, pre.len, text_scope_row, &s);
	sb_free(&pre);
	sb_free(&s.key);
	sb_free(&s.code);
	struct text_hits h = {0};
	bool all = !text_name_indexed(t);
	if (rc == 0 && !all) {
		rc = text_hits_read(st, txn, t, text, s.n * rows_per_record, &h);
		all = h.over;
	}
	int out = 0;
	for (long i = 0; rc == 0 && out == 0 && i < s.n; i++)
		if (all || s.unit_hit[i] || (h.n && bsearch(&s.ids[i], h.v, (size_t)h.n, sizeof *h.v, text_id_cmp)))
			out = cb(t, s.ids[i], arg);
	free(h.v);
	free(s.ids);
	free(s.unit_hit);
	return rc < 0 ? rc : out < 0 ? out : 0;
}
