/* import_log.c — rows of imports.db, by key prefix:
 *   'I' be64 id                     -> the import's entry (length-prefixed strings)
 *   'H' sha \0 type \0 unit         -> be64 id of the latest import of that file
 *   'L' unit \0 type                -> be64 id of the unit's latest finished import of the type
 *   'B' type \0 be64 record id      -> the values the record last received from an import
 *   'R' unit \0 type                -> be64 time the unit was flagged for not importing (R-CL-2)
 *   'W' unit \0 type                -> be64 time the R-CL-2 rule first watched the unit */
#include "domain.h"
#include "import_log.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The members of struct import_counts, in their stored order. */
static const size_t count_members[] = {
	offsetof(struct import_counts, rows),	   offsetof(struct import_counts, added),
	offsetof(struct import_counts, updated),   offsetof(struct import_counts, unchanged),
	offsetof(struct import_counts, rejected),  offsetof(struct import_counts, unrouted),
	offsetof(struct import_counts, pending),   offsetof(struct import_counts, conflicts),
};

static long *count_at(struct import_counts *n, size_t i)
{
	return (long *)(void *)((char *)n + count_members[i]);
}

void import_counts_add(struct import_counts *a, const struct import_counts *b)
{
	struct import_counts copy = *b;
	for (size_t i = 0; i < ARRAY_LEN(count_members); i++)
		*count_at(a, i) += *count_at(&copy, i);
}

static void key_parts(struct sb *k, char prefix, const char *a, const char *b, const char *c)
{
	sb_reset(k);
	sb_addc(k, prefix);
	sb_add(k, a, strlen(a) + 1);
	if (b)
		sb_add(k, b, strlen(b) + (c ? 1 : 0));
	if (c)
		sb_adds(k, c);
}

static void key_id(struct sb *k, char prefix, uint64_t id)
{
	unsigned char be[8];
	be64_put(be, id);
	sb_reset(k);
	sb_addc(k, prefix);
	sb_add(k, (char *)be, 8);
}

static void put_s(struct sb *sb, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	unsigned char len[4] = {(unsigned char)(n >> 24), (unsigned char)(n >> 16), (unsigned char)(n >> 8),
				(unsigned char)n};
	sb_add(sb, (char *)len, 4);
	sb_add(sb, s ? s : "", n);
}

static void put_i(struct sb *sb, long long v)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%lld", v);
	put_s(sb, buf);
}

struct rd {
	const unsigned char *p, *end;
	bool bad;
};

static char *get_s(struct rd *r)
{
	if (r->end - r->p < 4) {
		r->bad = true;
		return xstrdup("");
	}
	size_t n = ((size_t)r->p[0] << 24) | ((size_t)r->p[1] << 16) | ((size_t)r->p[2] << 8) | r->p[3];
	r->p += 4;
	if ((size_t)(r->end - r->p) < n) {
		r->bad = true;
		return xstrdup("");
	}
	char *s = xstrndup((const char *)r->p, n);
	r->p += n;
	return s;
}

static long long get_i(struct rd *r)
{
	char *s = get_s(r);
	long long v = strtoll(s, NULL, 10);
	free(s);
	return v;
}

void ilog_free(struct import_log *l)
{
	free(l->type);
	free(l->unit);
	free(l->user);
	free(l->file);
	free(l->sha);
	free(l->rejects);
	free(l->map);
	free(l->enc);
	memset(l, 0, sizeof *l);
}

static int put_id(struct store *st, DB_TXN *txn, const struct sb *k, uint64_t id)
{
	unsigned char be[8];
	be64_put(be, id);
	return store_put(store_db(st, DBI_IMPORTS), txn, k->buf, k->len, be, 8);
}

static int get_id(struct store *st, DB_TXN *txn, const struct sb *k, uint64_t *id)
{
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(store_db(st, DBI_IMPORTS), txn, k->buf, k->len, &v, &vn, false);
	if (rc == 0 && vn == 8)
		*id = be64_get(v);
	else if (rc == 0)
		rc = errmsg_set(ZZ_EDB, "导入记录已损坏");
	free(v);
	return rc;
}

int ilog_put(struct store *st, DB_TXN *txn, const struct import_log *l)
{
	struct sb v, k;
	sb_init(&v);
	sb_init(&k);
	put_s(&v, l->type);
	put_s(&v, l->unit);
	put_s(&v, l->user);
	put_s(&v, l->file);
	put_s(&v, l->sha);
	put_s(&v, l->rejects);
	put_s(&v, l->map);
	put_s(&v, l->enc);
	put_i(&v, l->started);
	put_i(&v, l->finished);
	put_i(&v, l->done);
	put_i(&v, l->offset);
	put_i(&v, l->line);
	put_i(&v, l->rej_off);
	struct import_counts n = l->n;
	for (size_t i = 0; i < ARRAY_LEN(count_members); i++)
		put_i(&v, *count_at(&n, i));
	key_id(&k, 'I', l->id);
	int rc = store_put(store_db(st, DBI_IMPORTS), txn, k.buf, k.len, v.buf, v.len);
	if (rc == 0 && l->sha) {
		key_parts(&k, 'H', l->sha, l->type, l->unit);
		rc = put_id(st, txn, &k, l->id);
	}
	sb_free(&v);
	sb_free(&k);
	return rc;
}

int ilog_get(struct store *st, DB_TXN *txn, uint64_t id, struct import_log *out)
{
	struct sb k;
	sb_init(&k);
	key_id(&k, 'I', id);
	void *v = NULL;
	size_t vn = 0;
	memset(out, 0, sizeof *out);
	int rc = store_get(store_db(st, DBI_IMPORTS), txn, k.buf, k.len, &v, &vn, false);
	sb_free(&k);
	if (rc == ZZ_ENOENT)
		return errmsg_set(ZZ_ENOENT, "导入记录 %llu 不存在", (unsigned long long)id);
	if (rc < 0)
		return rc;
	struct rd r = {.p = v, .end = (const unsigned char *)v + vn};
	out->id = id;
	out->type = get_s(&r);
	out->unit = get_s(&r);
	out->user = get_s(&r);
	out->file = get_s(&r);
	out->sha = get_s(&r);
	out->rejects = get_s(&r);
	out->map = get_s(&r);
	out->enc = get_s(&r);
	out->started = get_i(&r);
	out->finished = get_i(&r);
	out->done = get_i(&r) != 0;
	out->offset = get_i(&r);
	out->line = (long)get_i(&r);
	out->rej_off = get_i(&r);
	for (size_t i = 0; i < ARRAY_LEN(count_members); i++)
		*count_at(&out->n, i) = (long)get_i(&r);
	free(v);
	if (r.bad) {
		ilog_free(out);
		return errmsg_set(ZZ_EDB, "导入记录 %llu 已损坏", (unsigned long long)id);
	}
	return 0;
}

int ilog_find_file(struct store *st, DB_TXN *txn, const char *sha, const char *type, const char *unit,
		   uint64_t *id)
{
	struct sb k;
	sb_init(&k);
	key_parts(&k, 'H', sha, type, unit);
	int rc = get_id(st, txn, &k, id);
	sb_free(&k);
	return rc;
}

int ilog_mark_done(struct store *st, DB_TXN *txn, const struct import_log *l)
{
	struct sb k;
	sb_init(&k);
	key_parts(&k, 'L', l->unit, l->type, NULL);
	int rc = put_id(st, txn, &k, l->id);
	if (rc == 0) {
		key_parts(&k, 'R', l->unit, l->type, NULL);
		rc = store_del(store_db(st, DBI_IMPORTS), txn, k.buf, k.len);
		if (rc == ZZ_ENOENT)
			rc = 0;
	}
	sb_free(&k);
	return rc;
}

int ilog_last(struct store *st, DB_TXN *txn, const char *unit, const char *type, uint64_t *id)
{
	struct sb k;
	sb_init(&k);
	int rc;
	if (type) {
		key_parts(&k, 'L', unit, type, NULL);
		rc = get_id(st, txn, &k, id);
		sb_free(&k);
		return rc;
	}
	/* Any type: the highest id under the unit's prefix. */
	key_parts(&k, 'L', unit, NULL, NULL);
	DB *db = store_db(st, DBI_IMPORTS);
	DBC *c = NULL;
	rc = db ? store_err(db->cursor(db, txn, &c, 0), "导入记录") : ZZ_EDB;
	DBT key = {.data = k.buf, .size = (u_int32_t)k.len}, val = {0};
	uint64_t best = 0;
	int dbrc = rc == 0 ? c->get(c, &key, &val, DB_SET_RANGE) : DB_NOTFOUND;
	while (dbrc == 0 && key.size >= k.len && memcmp(key.data, k.buf, k.len) == 0) {
		if (val.size == 8 && be64_get(val.data) > best)
			best = be64_get(val.data);
		dbrc = c->get(c, &key, &val, DB_NEXT);
	}
	if (rc == 0 && dbrc && dbrc != DB_NOTFOUND)
		rc = store_err(dbrc, "导入记录");
	if (c)
		c->close(c);
	sb_free(&k);
	if (rc == 0 && !best)
		rc = ZZ_ENOENT;
	if (rc == 0)
		*id = best;
	return rc;
}

static void key_rec(struct sb *k, const struct rtype *t, uint64_t id)
{
	unsigned char be[8];
	be64_put(be, id);
	sb_reset(k);
	sb_addc(k, 'B');
	sb_add(k, t->id, strlen(t->id) + 1);
	sb_add(k, (char *)be, 8);
}

/* Baselines are "field id \0 value \0" pairs: the record codec would leave out person fields. */
int ilog_baseline_get(struct store *st, DB_TXN *txn, const struct rtype *t, uint64_t id, struct rec **out)
{
	struct sb k;
	sb_init(&k);
	key_rec(&k, t, id);
	void *v = NULL;
	size_t vn = 0;
	*out = NULL;
	int rc = store_get(store_db(st, DBI_IMPORTS), txn, k.buf, k.len, &v, &vn, false);
	sb_free(&k);
	if (rc < 0)
		return rc;
	struct rec *r = rec_new(t);
	r->id = id;
	const char *p = v, *end = p + vn;
	while (p < end) {
		const char *f = p, *val = memchr(f, '\0', (size_t)(end - f));
		const char *stop = val ? memchr(val + 1, '\0', (size_t)(end - val - 1)) : NULL;
		if (!stop) {
			rc = errmsg_set(ZZ_EDB, "导入基准值已损坏");
			break;
		}
		int i = rtype_field(t, f);
		if (i >= 0)
			rec_set_raw(r, i, val + 1);
		p = stop + 1;
	}
	free(v);
	if (rc < 0) {
		rec_free(&r);
		return rc;
	}
	*out = r;
	return 0;
}

int ilog_baseline_put(struct store *st, DB_TXN *txn, const struct rec *values)
{
	struct sb k, v;
	sb_init(&k);
	sb_init(&v);
	key_rec(&k, values->t, values->id);
	for (int i = 0; i < values->t->nf; i++)
		if (values->v[i]) {
			sb_add(&v, values->t->f[i].id, strlen(values->t->f[i].id) + 1);
			sb_add(&v, values->v[i], strlen(values->v[i]) + 1);
		}
	int rc = store_put(store_db(st, DBI_IMPORTS), txn, k.buf, k.len, v.buf ? v.buf : "", v.len);
	sb_free(&k);
	sb_free(&v);
	return rc;
}

int ilog_baseline_del(struct store *st, DB_TXN *txn, const struct rtype *t, uint64_t id)
{
	struct sb k;
	sb_init(&k);
	key_rec(&k, t, id);
	int rc = store_del(store_db(st, DBI_IMPORTS), txn, k.buf, k.len);
	sb_free(&k);
	return rc == ZZ_ENOENT ? 0 : rc;
}

int ilog_local_edit(struct store *st, DB_TXN *txn, const struct rec *old, struct rec *r)
{
	if (!old || !(old->flags & REC_IMPORTED))
		return 0;
	r->flags &= ~(unsigned)REC_IMPORTED;
	return ilog_baseline_put(st, txn, old);
}

int ilog_flag_get(struct store *st, DB_TXN *txn, const char *unit, const char *type, int64_t *since)
{
	struct sb k;
	sb_init(&k);
	key_parts(&k, 'R', unit, type, NULL);
	uint64_t v = 0;
	int rc = get_id(st, txn, &k, &v);
	sb_free(&k);
	*since = rc == 0 ? (int64_t)v : 0;
	return rc == ZZ_ENOENT ? 0 : rc;
}

int ilog_flag_set(struct store *st, DB_TXN *txn, const char *unit, const char *type, int64_t since)
{
	struct sb k;
	sb_init(&k);
	key_parts(&k, 'R', unit, type, NULL);
	int rc = put_id(st, txn, &k, (uint64_t)since);
	sb_free(&k);
	return rc;
}

int ilog_watch(struct store *st, DB_TXN *txn, const char *unit, const char *type, int64_t now, int64_t *since)
{
	struct sb k;
	sb_init(&k);
	key_parts(&k, 'W', unit, type, NULL);
	uint64_t v = 0;
	int rc = get_id(st, txn, &k, &v);
	if (rc == ZZ_ENOENT) {
		v = (uint64_t)now;
		rc = put_id(st, txn, &k, v);
	}
	sb_free(&k);
	*since = (int64_t)v;
	return rc;
}
