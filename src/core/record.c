/* record.c — records in memory and in their databases, with the secondary indexes. */
#include "record.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dupidx.h"
#include "idnum.h"
#include "unit.h"
#include "validate.h"

struct rec *rec_new(const struct rtype *t)
{
	struct rec *r = xcalloc(1, sizeof *r);
	r->t = t;
	r->v = xcalloc((size_t)t->nf + 1, sizeof *r->v);
	sb_init(&r->extra);
	return r;
}

void rec_free(struct rec **rp)
{
	struct rec *r = *rp;
	if (!r)
		return;
	for (int i = 0; i < r->t->nf; i++)
		free(r->v[i]);
	free(r->v);
	free(r->unit);
	free(r->by_unit);
	free(r->by_user);
	free(r->editor);
	sb_free(&r->extra);
	free(r);
	*rp = NULL;
}

struct rec *rec_dup(const struct rec *r)
{
	struct rec *d = rec_new(r->t);
	d->id = r->id;
	for (int i = 0; i < r->t->nf; i++)
		d->v[i] = r->v[i] ? xstrdup(r->v[i]) : NULL;
	d->unit = r->unit ? xstrdup(r->unit) : NULL;
	d->by_unit = r->by_unit ? xstrdup(r->by_unit) : NULL;
	d->by_user = r->by_user ? xstrdup(r->by_user) : NULL;
	d->created = r->created;
	d->updated = r->updated;
	d->state = r->state;
	d->flags = r->flags;
	d->person_id = r->person_id;
	d->version = r->version;
	d->editor = r->editor ? xstrdup(r->editor) : NULL;
	if (r->extra.len)
		sb_add(&d->extra, r->extra.buf, r->extra.len);
	return d;
}

const char *rec_get(const struct rec *r, const char *field)
{
	int i = rtype_field(r->t, field);
	return i >= 0 ? r->v[i] : NULL;
}

void rec_set_raw(struct rec *r, int i, const char *value)
{
	free(r->v[i]);
	r->v[i] = str_empty(value) ? NULL : xstrdup(value);
}

void rec_set_meta(char **slot, const char *value)
{
	free(*slot);
	*slot = str_empty(value) ? NULL : xstrdup(value);
}

int rec_set(struct rec *r, const char *field, const char *value)
{
	int i = rtype_field_any(r->t, field);
	if (i < 0)
		return errmsg_set(ZZ_EINVAL, "%s没有字段“%s”", r->t->title, field);
	return rec_set_field(r, i, value);
}

int rec_set_field(struct rec *r, int i, const char *value)
{
	char *norm = NULL;
	int rc = validate_field(&r->t->f[i], value, &norm);
	if (rc < 0 && !(rc == ZZ_EINVAL && str_empty(value) && r->t->f[i].required)) {
		free(norm);
		return rc;
	}
	free(r->v[i]);
	r->v[i] = norm;
	return 0;
}

void rec_derive(struct rec *r)
{
	const struct rtype *t = r->t;
	const char *id = NULL;
	for (int i = 0; i < t->nf && !id; i++)
		if (t->f[i].type == FT_IDNUM && r->v[i] && strlen(r->v[i]) == 18)
			id = r->v[i];
	if (!id)
		return;
	for (int i = 0; i < t->nf; i++) {
		const struct field *f = &t->f[i];
		if (!f->derived)
			continue;
		char buf[11];
		if (f->type == FT_DATE) {
			date_format(idnum_birth(id), buf);
			rec_set_raw(r, i, buf);
		} else if (f->type == FT_ENUM && codetable_lookup(f->codes, "1")) {
			buf[0] = idnum_sex(id);
			buf[1] = '\0';
			rec_set_raw(r, i, buf);
		}
	}
}

const char *const rec_state_zh[REC__NSTATES] = {
	[REC_ACTIVE] = "在用", [REC_PENDING] = "待认领", [REC_RETURNED] = "被退回", [REC_UNROUTED] = "未分派"};

const char *rec_state_name(int s)
{
	return s >= 0 && s < REC__NSTATES ? rec_state_zh[s] : "?";
}

int rec_check(const struct rec *r, int *bad)
{
	for (int i = 0; i < r->t->nf; i++) {
		const struct field *f = &r->t->f[i];
		if (!f->required || r->v[i])
			continue;
		int other = f->either ? rtype_field(r->t, f->either) : -1;
		if (other >= 0 && r->v[other])
			continue;
		*bad = i;
		if (other >= 0)
			return errmsg_set(ZZ_EINVAL, "%s和%s须填一项", f->label, r->t->f[other].label);
		return errmsg_set(ZZ_EINVAL, "%s是必填项", f->label);
	}
	for (int i = 0; i < r->t->nf; i++) {
		const struct field *f = &r->t->f[i];
		if (!f->le_id || f->le < 0 || !r->v[i] || !r->v[f->le])
			continue;
		/* Dates are kept as YYYY-MM-DD: their text sorts as they do. */
		bool date = f->type == FT_DATE;
		if (date ? strcmp(r->v[i], r->v[f->le]) > 0 : strtod(r->v[i], NULL) > strtod(r->v[f->le], NULL)) {
			*bad = i;
			return errmsg_set(ZZ_EINVAL, "%s（%s）不能%s%s（%s）", f->label, r->v[i], date ? "晚于" : "大于",
					  r->t->f[f->le].label, r->v[f->le]);
		}
	}
	*bad = -1;
	return 0;
}

const char *rec_name(const struct rec *r, char *buf, size_t n)
{
	if (r->t->name_field >= 0 && r->v[r->t->name_field])
		return r->v[r->t->name_field];
	if (r->t->key >= 0 && r->v[r->t->key])
		return r->v[r->t->key];
	snprintf(buf, n, "%llu", (unsigned long long)r->id);
	return buf;
}

/* Index keys: parts joined by NUL, optionally followed by the big-endian record id. */
static void key_build(struct sb *k, const char *a, const char *b, uint64_t id, bool with_id)
{
	sb_reset(k);
	sb_add(k, a, strlen(a) + 1);
	sb_add(k, b, strlen(b) + 1);
	if (with_id) {
		unsigned char be[8];
		be64_put(be, id);
		sb_add(k, (char *)be, 8);
	}
}

/* idx_key's value: the record id big-endian in as few bytes as it needs (an entry of the key
 * index is then 4 bytes shorter, the value's item 8 bytes instead of 12); rows written before
 * hold all 8 bytes and read the same. */
static size_t keyval_put(unsigned char out[8], uint64_t id)
{
	size_t n = 1;
	while (n < 8 && id >> (8 * n))
		n++;
	for (size_t i = 0; i < n; i++)
		out[i] = (unsigned char)(id >> (8 * (n - 1 - i)));
	return n;
}

int record_keyval(const void *v, size_t n, uint64_t *id)
{
	if (n < 1 || n > 8)
		return -1;
	const unsigned char *p = v;
	uint64_t x = 0;
	for (size_t i = 0; i < n; i++)
		x = x << 8 | p[i];
	*id = x;
	return 0;
}

/* Is T's key an ID number? Then idx_key already finds its records by ID number, and its key
 * field has no row of its own in idx_idnum (record_scan_idnum looks in both). */
static bool key_is_idnum(const struct rtype *t)
{
	return t->key >= 0 && (t->f[t->key].type == FT_IDNUM || t->f[t->key].type == FT_PERSON);
}

/* Add or remove R's index rows: the list indexes' (unit, ID numbers, names), and the key's when
 * KEYROW. */
static int index_apply(struct store *st, DB_TXN *txn, const struct rec *r, bool add, bool keyrow)
{
	const struct rtype *t = r->t;
	struct sb k;
	sb_init(&k);
	int rc = 0;
	if (r->unit) {
		const struct unit *u = st->units ? units_find(st->units, r->unit) : NULL;
		if (!u) {
			sb_free(&k);
			return errmsg_set(ZZ_EINVAL, "单位 %s 不存在", r->unit);
		}
		key_build(&k, t->id, u->path, r->id, true);
		rc = add ? dupidx_put(st, store_db(st, DBI_IDX_UNIT), txn, k.buf, k.len)
			 : dupidx_del(store_db(st, DBI_IDX_UNIT), txn, k.buf, k.len);
	}
	if (rc == 0 && keyrow && t->key >= 0 && r->v[t->key]) {
		key_build(&k, t->id, r->v[t->key], 0, false);
		if (add) {
			unsigned char kv[8];
			size_t kvn = keyval_put(kv, r->id);
			rc = store_cput(st, store_db(st, DBI_IDX_KEY), txn, k.buf, k.len, kv, kvn, STORE_PUT_NEW);
			if (rc == ZZ_EEXIST)
				rc = errmsg_set(ZZ_EEXIST, "%s中已有%s为 %s 的记录", t->title,
						t->f[t->key].label, r->v[t->key]);
		} else {
			rc = store_del(store_db(st, DBI_IDX_KEY), txn, k.buf, k.len);
		}
	}
	for (int i = 0; rc == 0 && i < t->nf; i++) {
		const struct field *f = &t->f[i];
		if (!r->v[i])
			continue;
		int db = -1;
		if (f->type == FT_IDNUM || f->type == FT_PERSON) {
			/* Removal still deletes the key's row, which databases written before may hold. */
			if (add && i == t->key && key_is_idnum(t))
				continue;
			key_build(&k, r->v[i], t->id, r->id, true);
			db = DBI_IDX_IDNUM;
		} else if (f->indexed) {
			key_build(&k, t->id, r->v[i], r->id, true);
			db = DBI_IDX_NAME;
		}
		if (db < 0)
			continue;
		rc = add ? dupidx_put(st, store_db(st, db), txn, k.buf, k.len)
			 : dupidx_del(store_db(st, db), txn, k.buf, k.len);
		/* One record may name the same person twice (two fields); its index row is shared. */
		if (!add && rc == ZZ_ENOENT)
			rc = 0;
	}
	if (!add && rc == ZZ_ENOENT)
		rc = 0;
	sb_free(&k);
	return rc;
}

static const struct rtype *person_type(const struct store *st)
{
	return st->schema ? st->schema->person : NULL;
}

/* The person type's field for field I of role type T: the person's fields come first, in order
 * (schema_link_persons), so this is I but for a screen file that changed under us. */
static int person_field(const struct rtype *pt, const struct rtype *t, int i)
{
	if (i < pt->nf && !strcmp(pt->f[i].id, t->f[i].id))
		return i;
	return rtype_field(pt, t->f[i].id);
}

/* Fill a role's person fields from the person record, when there is one. */
static int record_fill_person(struct store *st, DB_TXN *txn, struct rec *r)
{
	const struct rtype *pt = person_type(st);
	if (!r->t->person_role || !pt || r->t->key < 0 || !r->v[r->t->key])
		return 0;
	const char *key = r->v[r->t->key];
	struct rec *p = NULL;
	/* The person's record id saves a search of the key index; a record written before it was
	 * kept, or a person removed and added again, falls back to the key. */
	if (r->person_id && record_load(st, txn, pt, r->person_id, &p, false) == 0 &&
	    (pt->key < 0 || !p->v[pt->key] || strcmp(p->v[pt->key], key) != 0))
		rec_free(&p);
	if (!p) {
		uint64_t pid;
		int rc = record_by_key(st, txn, pt, key, &pid);
		if (rc == ZZ_ENOENT)
			return 0;
		if (rc == 0)
			rc = record_load(st, txn, pt, pid, &p, false);
		if (rc < 0)
			return rc;
	}
	/* The person's values move to the role: P is freed right after. */
	for (int i = 0; i < r->t->nf; i++) {
		if (!r->t->f[i].from_person || i == r->t->key)
			continue;
		int j = person_field(pt, r->t, i);
		if (j < 0)
			continue;
		free(r->v[i]);
		r->v[i] = p->v[j];
		p->v[j] = NULL;
	}
	rec_free(&p);
	return 0;
}

int record_load(struct store *st, DB_TXN *txn, const struct rtype *t, uint64_t id, struct rec **out,
		bool rmw)
{
	unsigned char k[8], buf[2048];
	be64_put(k, id);
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get_buf(store_rec_db(st, t), txn, k, 8, buf, sizeof buf, &v, &vn, rmw);
	if (rc == ZZ_ENOENT)
		return errmsg_set(ZZ_ENOENT, "%s记录 %llu 不存在", t->title, (unsigned long long)id);
	if (rc < 0)
		return rc;
	struct rec *r = rec_new(t);
	r->id = id;
	rc = codec_decode(r, v, vn);
	if (v != buf)
		free(v);
	if (rc == 0)
		rc = record_fill_person(st, txn, r);
	if (rc < 0) {
		rec_free(&r);
		return rc;
	}
	*out = r;
	return 0;
}

int record_unit(struct store *st, DB_TXN *txn, const struct rtype *t, uint64_t id, char **unit)
{
	unsigned char k[8], buf[2048];
	be64_put(k, id);
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get_buf(store_rec_db(st, t), txn, k, 8, buf, sizeof buf, &v, &vn, false);
	if (rc == 0)
		rc = codec_unit(v, vn, unit);
	if (v != buf)
		free(v);
	return rc;
}

/* Create or update the person record from a role's person fields. */
static int record_store_person(struct store *st, DB_TXN *txn, struct rec *r)
{
	const struct rtype *pt = person_type(st);
	if (!r->t->person_role || !pt || r->t->key < 0 || !r->v[r->t->key])
		return 0;
	uint64_t pid = 0;
	struct rec *p = NULL, *old = NULL;
	int rc = record_by_key(st, txn, pt, r->v[r->t->key], &pid);
	if (rc == 0) {
		rc = record_load(st, txn, pt, pid, &old, true);
		if (rc == 0)
			p = rec_dup(old);
	} else if (rc == ZZ_ENOENT) {
		rc = 0;
		p = rec_new(pt);
		p->created = r->updated;
		rec_set_meta(&p->by_unit, r->by_unit);
		rec_set_meta(&p->by_user, r->by_user);
	}
	if (rc < 0)
		return rc;
	bool changed = old == NULL;
	for (int i = 0; i < r->t->nf; i++) {
		if (!r->t->f[i].from_person)
			continue;
		int j = person_field(pt, r->t, i);
		if (j < 0)
			continue;
		const char *nv = r->v[i], *ov = p->v[j];
		if ((nv == NULL) != (ov == NULL) || (nv && strcmp(nv, ov) != 0)) {
			rec_set_raw(p, j, nv);
			changed = true;
		}
	}
	if (!p->unit || (r->unit && strcmp(p->unit, r->unit) != 0 && !old)) {
		rec_set_meta(&p->unit, r->unit);
		changed = true;
	}
	if (changed) {
		p->updated = r->updated;
		rc = record_store(st, txn, p, old);
	}
	if (rc == 0)
		r->person_id = p->id;
	rec_free(&p);
	rec_free(&old);
	return rc;
}

int record_store(struct store *st, DB_TXN *txn, struct rec *r, const struct rec *old)
{
	int rc = 0;
	r->version = (old ? old->version : 0) + 1;
	if (!r->id) {
		rc = store_next_id(st, txn, r->t->id, &r->id);
		if (rc < 0)
			return rc;
	}
	if (old)
		rc = index_apply(st, txn, old, false, true);
	if (rc == 0)
		rc = index_apply(st, txn, r, true, true);
	if (rc == 0)
		rc = record_store_person(st, txn, r);
	if (rc < 0)
		return rc;
	struct sb enc;
	sb_init(&enc);
	codec_encode(r, &enc);
	unsigned char k[8];
	be64_put(k, r->id);
	rc = store_cput(st, store_rec_db(st, r->t), txn, k, 8, enc.buf, enc.len, 0);
	sb_free(&enc);
	return rc;
}

int record_remove(struct store *st, DB_TXN *txn, const struct rec *r)
{
	int rc = index_apply(st, txn, r, false, true);
	if (rc < 0)
		return rc;
	unsigned char k[8];
	be64_put(k, r->id);
	return store_del(store_rec_db(st, r->t), txn, k, 8);
}

int record_by_key(struct store *st, DB_TXN *txn, const struct rtype *t, const char *key, uint64_t *id)
{
	/* The key on the stack, the value into 8 bytes: a lookup by ID number allocates nothing here. */
	char k[256];
	size_t tn = strlen(t->id) + 1, kn = strlen(key) + 1;
	unsigned char buf[8];
	void *v = NULL;
	size_t vn = 0;
	int rc;
	if (tn + kn <= sizeof k) {
		memcpy(k, t->id, tn);
		memcpy(k + tn, key, kn);
		rc = store_get_buf(store_db(st, DBI_IDX_KEY), txn, k, tn + kn, buf, sizeof buf, &v, &vn, false);
	} else {
		struct sb kb;
		sb_init(&kb);
		key_build(&kb, t->id, key, 0, false);
		rc = store_get(store_db(st, DBI_IDX_KEY), txn, kb.buf, kb.len, &v, &vn, false);
		sb_free(&kb);
	}
	if (rc == 0 && record_keyval(v, vn, id) < 0)
		rc = errmsg_set(ZZ_EDB, "索引已损坏");
	if (v != buf)
		free(v);
	return rc;
}

/* The rows of list index DBI from row START (SN bytes) on, while their first PN bytes are START's;
 * the record id is a row's last 8 bytes, the type (for the ID number index) its middle part. */
static int index_scan_from(struct store *st, DB_TXN *txn, int dbi, const char *start, size_t sn, size_t pn,
			   const struct rtype *t, record_cb cb, void *arg)
{
	DB *db = store_db(st, dbi);
	if (!db)
		return ZZ_EDB;
	DBC *c = NULL;
	int rc = db->cursor(db, txn, &c, 0);
	if (rc)
		return store_err(rc, "游标");
	struct sb row;
	sb_init(&row);
	int out = 0;
	rc = dupidx_seek(c, start, sn, &row, 0);
	while (rc == 0) {
		if (row.len < pn + 8 || memcmp(row.buf, start, pn) != 0)
			break;
		const unsigned char *kd = (const unsigned char *)row.buf;
		uint64_t id = be64_get(kd + row.len - 8);
		const struct rtype *rt = t;
		if (!rt) {
			const char *tn = (const char *)kd + pn;
			rt = schema_type(st->schema, tn);
		}
		if (rt) {
			out = cb(rt, id, arg);
			if (out)
				break;
		}
		rc = dupidx_get(c, DB_NEXT, &row);
	}
	if (rc && rc != DB_NOTFOUND)
		out = store_err(rc, "索引扫描");
	c->close(c);
	sb_free(&row);
	return out < 0 ? out : 0;
}

static int index_scan(struct store *st, DB_TXN *txn, int dbi, const char *prefix, size_t pn,
		      const struct rtype *t, record_cb cb, void *arg)
{
	return index_scan_from(st, txn, dbi, prefix, pn, pn, t, cb, arg);
}

int record_scan_unit(struct store *st, DB_TXN *txn, const struct rtype *t, const char *prefix,
		     record_cb cb, void *arg)
{
	struct sb k;
	sb_init(&k);
	sb_add(&k, t->id, strlen(t->id) + 1);
	if (!str_empty(prefix)) {
		const struct unit *u = st->units ? units_find(st->units, prefix) : NULL;
		if (!u) {
			sb_free(&k);
			return errmsg_set(ZZ_EINVAL, "单位 %s 不存在", prefix);
		}
		sb_adds(&k, u->path);
	}
	int rc = index_scan(st, txn, DBI_IDX_UNIT, k.buf, k.len, t, cb, arg);
	sb_free(&k);
	return rc;
}

/* record_ids_unit's rows: the ids, until more than MAX. */
struct ids_walk {
	long max, n;
	uint64_t *v;
	bool over;
};

static int ids_row(const void *k, size_t kn, const void *v, size_t vn, void *arg)
{
	struct ids_walk *w = arg;
	if (vn != 8)
		return 1;
	/* Past the scope's keys is not over the bound: a scope of MAX records is kept. */
	w->over = w->n >= w->max;
	if (w->over)
		return 1;
	if (w->n % 1024 == 0)
		w->v = xrealloc(w->v, (size_t)(w->n + 1024) * sizeof *w->v);
	w->v[w->n++] = be64_get(v);
	return 0;
}

int record_ids_unit(struct store *st, DB_TXN *txn, const struct rtype *t, const char *unit, long max, uint64_t **ids,
		    long *n)
{
	*ids = NULL;
	*n = 0;
	const struct unit *u = st->units ? units_find(st->units, unit) : NULL;
	if (!u)
		return errmsg_set(ZZ_EINVAL, "单位 %s 不存在", unit);
	struct sb pre;
	sb_init(&pre);
	sb_add(&pre, t->id, strlen(t->id) + 1);
	sb_adds(&pre, u->path);
	struct ids_walk w = {.max = max};
	int rc = store_walk(store_db(st, DBI_IDX_UNIT), txn, pre.buf, pre.len, ids_row, &w);
	sb_free(&pre);
	if (rc < 0 || w.over) {
		free(w.v);
		w.v = NULL;
		w.n = max + 1;
	}
	if (rc < 0)
		return rc;
	*ids = w.v;
	*n = w.n;
	return 0;
}

struct idnum_hits {
	struct idnum_hit {
		const struct rtype *t;
		uint64_t id;
	} *v;
	int n;
};

static int idnum_hit_add(const struct rtype *t, uint64_t id, void *arg)
{
	struct idnum_hits *h = arg;
	h->v = xrealloc(h->v, (size_t)(h->n + 1) * sizeof *h->v);
	h->v[h->n++] = (struct idnum_hit){.t = t, .id = id};
	return 0;
}

/* The order of idx_idnum: by type id, then record id. */
static int idnum_hit_cmp(const void *a, const void *b)
{
	const struct idnum_hit *x = a, *y = b;
	int c = strcmp(x->t->id, y->t->id);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

int record_scan_idnum(struct store *st, DB_TXN *txn, const char *idnum, record_cb cb, void *arg)
{
	struct idnum_hits h = {0};
	int rc = index_scan(st, txn, DBI_IDX_IDNUM, idnum, strlen(idnum) + 1, NULL, idnum_hit_add, &h);
	for (int i = 0; rc == 0 && i < st->schema->n; i++) {
		const struct rtype *t = st->schema->t[i];
		uint64_t id;
		if (!key_is_idnum(t))
			continue;
		rc = record_by_key(st, txn, t, idnum, &id);
		if (rc == 0)
			idnum_hit_add(t, id, &h);
		else if (rc == ZZ_ENOENT)
			rc = 0;
	}
	if (h.n > 1)
		qsort(h.v, (size_t)h.n, sizeof *h.v, idnum_hit_cmp);
	int out = 0;
	for (int i = 0; rc == 0 && out == 0 && i < h.n; i++)
		/* A key's row from before is found twice: once is enough. */
		if (i == 0 || idnum_hit_cmp(&h.v[i - 1], &h.v[i]) != 0)
			out = cb(h.v[i].t, h.v[i].id, arg);
	free(h.v);
	return rc < 0 ? rc : out < 0 ? out : 0;
}

int record_scan_name(struct store *st, DB_TXN *txn, const struct rtype *t, const char *prefix,
		     record_cb cb, void *arg)
{
	struct sb k;
	sb_init(&k);
	sb_add(&k, t->id, strlen(t->id) + 1);
	sb_adds(&k, prefix);
	int rc = index_scan(st, txn, DBI_IDX_NAME, k.buf, k.len, t, cb, arg);
	sb_free(&k);
	return rc;
}

int record_scan_name_after(struct store *st, DB_TXN *txn, const struct rtype *t, const char *name, uint64_t id,
			   record_cb cb, void *arg)
{
	struct sb k;
	sb_init(&k);
	sb_add(&k, t->id, strlen(t->id) + 1);
	size_t pn = k.len;
	if (name) {
		unsigned char be[8];
		sb_add(&k, name, strlen(name) + 1);
		be64_put(be, id + 1);
		sb_add(&k, (const char *)be, id == UINT64_MAX ? 0 : 8);
		if (id == UINT64_MAX)
			sb_add(&k, "\1", 1); /* past every id of this name */
	}
	int rc = index_scan_from(st, txn, DBI_IDX_NAME, k.buf, k.len, pn, t, cb, arg);
	sb_free(&k);
	return rc;
}

int record_scan_page(struct store *st, DB_TXN *txn, enum record_order order, const struct rtype *t,
		     const char *unit, const void *from, size_t fn, bool at, bool backward, record_key_cb cb,
		     void *arg)
{
	struct sb pre;
	sb_init(&pre);
	sb_add(&pre, t->id, strlen(t->id) + 1);
	if (order == RECORD_BY_UNIT && !str_empty(unit)) {
		const struct unit *u = st->units ? units_find(st->units, unit) : NULL;
		if (!u) {
			sb_free(&pre);
			return errmsg_set(ZZ_EINVAL, "单位 %s 不存在", unit);
		}
		sb_adds(&pre, u->path);
	}
	DB *db = store_db(st, order == RECORD_BY_UNIT ? DBI_IDX_UNIT : DBI_IDX_NAME);
	DBC *c = NULL;
	int rc = db ? db->cursor(db, txn, &c, 0) : 0;
	if (!db || rc) {
		sb_free(&pre);
		return db ? store_err(rc, "游标") : ZZ_EDB;
	}
	/* Where the cursor starts: FROM, or backward from the first key past every key of the
	 * prefix (its last byte plus one: a path ends in '/', a type id in NUL). */
	struct sb start;
	sb_init(&start);
	if (from)
		sb_add(&start, from, fn);
	else
		sb_add(&start, pre.buf, pre.len);
	if (!from && backward)
		start.buf[start.len - 1]++;
	struct sb row;
	sb_init(&row);
	rc = dupidx_seek(c, start.buf, start.len, &row, 0);
	bool on_from = rc == 0 && from && row.len == fn && !memcmp(row.buf, from, fn);
	if (backward && rc == DB_NOTFOUND)
		rc = dupidx_get(c, DB_LAST, &row);
	else if (rc == 0 && !(on_from && at) && (backward || on_from))
		rc = dupidx_get(c, backward ? DB_PREV : DB_NEXT, &row);
	int out = 0;
	while (rc == 0 && row.len >= pre.len + 8 && !memcmp(row.buf, pre.buf, pre.len)) {
		out = cb(t, be64_get((const unsigned char *)row.buf + row.len - 8), row.buf, row.len, arg);
		if (out)
			break;
		rc = dupidx_get(c, backward ? DB_PREV : DB_NEXT, &row);
	}
	sb_free(&row);
	if (rc && rc != DB_NOTFOUND && !out)
		out = store_err(rc, "索引扫描");
	c->close(c);
	sb_free(&start);
	sb_free(&pre);
	return out < 0 ? out : 0;
}

/* The share of idx_name's rows before KEY (KN bytes), from Berkeley DB's estimate. */
static int name_less(struct store *st, DB_TXN *txn, const void *key, size_t kn, double *less)
{
	DBT k = {.data = (void *)key, .size = (u_int32_t)kn};
	DB_KEY_RANGE kr;
	DB *db = store_db(st, DBI_IDX_NAME);
	if (!db)
		return ZZ_EDB;
	int rc = db->key_range(db, txn, &k, &kr, 0);
	if (rc)
		return store_err(rc, "索引估算");
	*less = kr.less;
	return 0;
}

int record_name_at(struct store *st, DB_TXN *txn, const struct rtype *t, double share, char **name)
{
	*name = NULL;
	size_t tn = strlen(t->id) + 1;
	unsigned char key[64];
	memcpy(key, t->id, tn);
	double lo, hi;
	key[tn - 1] = '\1'; /* just past every row of T */
	int rc = name_less(st, txn, key, tn, &hi);
	key[tn - 1] = '\0';
	if (rc == 0)
		rc = name_less(st, txn, key, tn, &lo);
	if (rc < 0)
		return rc;
	double want = lo + share * (hi - lo);
	/* Byte by byte, the largest byte whose prefix still has at most WANT before it: six bytes
	 * (two Chinese characters) place a page among millions of names. */
	size_t n = tn;
	for (int depth = 0; depth < 6 && n < sizeof key - 1 && rc == 0; depth++) {
		int a = 1, b = 255;
		while (a < b && rc == 0) {
			int m = (a + b + 1) / 2;
			key[n] = (unsigned char)m;
			double less;
			rc = name_less(st, txn, key, n + 1, &less);
			if (less <= want)
				a = m;
			else
				b = m - 1;
		}
		key[n++] = (unsigned char)a;
	}
	if (rc == 0)
		*name = xstrndup((const char *)key + tn, n - tn);
	return rc;
}

static int count_cb(const struct rtype *t, uint64_t id, void *arg)
{
	(void)t;
	(void)id;
	(*(long *)arg)++;
	return 0;
}

int record_count_unit(struct store *st, DB_TXN *txn, const struct rtype *t, const char *prefix, long *out)
{
	*out = 0;
	return record_scan_unit(st, txn, t, prefix, count_cb, out);
}

/* record_verify: the rows a stored record must have, and the rows that must name a record. */
struct verify {
	struct store *st;
	const struct rtype *t;
	record_problem_cb cb;
	void *arg;
	long problems;
};

static void verify_problem(struct verify *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void verify_problem(struct verify *v, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = NULL;
	if (vasprintf(&msg, fmt, ap) < 0)
		fatal("out of memory");
	va_end(ap);
	v->problems++;
	v->cb(v->t, msg, v->arg);
	free(msg);
}

/* Does index DBI have key K, with value VAL (VN bytes) when VAL is not NULL? A list index: the
 * row K (key then id). */
static int verify_has(struct verify *v, int dbi, const struct sb *k, const void *val, size_t vn, bool *has)
{
	if (store_dupsort(dbi))
		return dupidx_has(store_db(v->st, dbi), NULL, k->buf, k->len, has);
	void *got = NULL;
	size_t gn = 0;
	int rc = store_get(store_db(v->st, dbi), NULL, k->buf, k->len, &got, &gn, false);
	uint64_t want, id;
	*has = rc == 0 && (!val || (record_keyval(val, vn, &want) == 0 && record_keyval(got, gn, &id) == 0 && id == want));
	free(got);
	return rc == ZZ_ENOENT ? 0 : rc;
}

/* Forward: record R has its unit row, its key row, and a row for each of its own ID numbers and
 * indexed names (a role's person fields are the person record's: its rows are checked there). */
static int verify_record(struct verify *v, const struct rec *r)
{
	const struct rtype *t = r->t;
	struct sb k;
	sb_init(&k);
	bool has = true;
	int rc = 0;
	const struct unit *u = r->unit && v->st->units ? units_find(v->st->units, r->unit) : NULL;
	if (!u) {
		verify_problem(v, "记录 %llu 的所属单位 %s 不存在", (unsigned long long)r->id, r->unit ? r->unit : "");
	} else {
		key_build(&k, t->id, u->path, r->id, true);
		rc = verify_has(v, DBI_IDX_UNIT, &k, NULL, 0, &has);
		if (rc == 0 && !has)
			verify_problem(v, "记录 %llu 在单位索引中缺失", (unsigned long long)r->id);
	}
	if (rc == 0 && t->key >= 0 && r->v[t->key]) {
		unsigned char be[8];
		be64_put(be, r->id);
		key_build(&k, t->id, r->v[t->key], 0, false);
		rc = verify_has(v, DBI_IDX_KEY, &k, be, 8, &has);
		if (rc == 0 && !has)
			verify_problem(v, "记录 %llu 在关键字索引中缺失或指向别的记录", (unsigned long long)r->id);
	}
	for (int i = 0; rc == 0 && i < t->nf; i++) {
		const struct field *f = &t->f[i];
		if (!r->v[i] || f->from_person)
			continue;
		int dbi = -1;
		if (f->type == FT_IDNUM || f->type == FT_PERSON) {
			if (i == t->key && key_is_idnum(t))
				continue;
			key_build(&k, r->v[i], t->id, r->id, true);
			dbi = DBI_IDX_IDNUM;
		} else if (f->indexed) {
			key_build(&k, t->id, r->v[i], r->id, true);
			dbi = DBI_IDX_NAME;
		}
		if (dbi < 0)
			continue;
		rc = verify_has(v, dbi, &k, NULL, 0, &has);
		if (rc == 0 && !has)
			verify_problem(v, "记录 %llu 的%s在%s索引中缺失", (unsigned long long)r->id, f->label,
				       dbi == DBI_IDX_IDNUM ? "身份证号" : "名称");
	}
	sb_free(&k);
	return rc;
}

/* Backward: every row of index DBI under PREFIX names a stored record of T by its value (the id:
 * idx_key's, and the list indexes' duplicates). */
static int verify_rows(struct verify *v, int dbi, const char *prefix, size_t pn, const char *what)
{
	DB *db = store_db(v->st, dbi);
	if (!db)
		return ZZ_EDB;
	DBC *c = NULL;
	int rc = db->cursor(db, NULL, &c, 0);
	if (rc)
		return store_err(rc, "游标");
	unsigned char *kbuf = xmalloc(pn + 1);
	memcpy(kbuf, prefix, pn);
	DBT key = {.data = kbuf, .size = (u_int32_t)pn}, val = {0};
	int out = 0;
	rc = c->get(c, &key, &val, DB_SET_RANGE);
	while (rc == 0 && out == 0 && key.size >= pn && !memcmp(key.data, prefix, pn)) {
		uint64_t id;
		/* idx_key's values are as short as their id (keyval_put), the duplicates' 8 bytes. */
		if ((dbi != DBI_IDX_KEY && val.size != 8) || record_keyval(val.data, val.size, &id) < 0) {
			verify_problem(v, "%s索引中有一行格式不对", what);
		} else {
			unsigned char k8[8];
			be64_put(k8, id);
			void *got = NULL;
			size_t gn = 0;
			out = store_get(store_rec_db(v->st, v->t), NULL, k8, 8, &got, &gn, false);
			free(got);
			if (out == ZZ_ENOENT) {
				verify_problem(v, "%s索引指向的记录 %llu 不存在", what, (unsigned long long)id);
				out = 0;
			}
		}
		rc = c->get(c, &key, &val, DB_NEXT);
	}
	if (rc && rc != DB_NOTFOUND && out == 0)
		out = store_err(rc, "索引扫描");
	c->close(c);
	free(kbuf);
	return out;
}

/* idx_idnum is keyed by ID number first: one pass over it for type T's rows (key ID number, type). */
static int verify_idnum_rows(struct verify *v)
{
	DB *db = store_db(v->st, DBI_IDX_IDNUM);
	if (!db)
		return ZZ_EDB;
	DBC *c = NULL;
	int rc = db->cursor(db, NULL, &c, 0);
	if (rc)
		return store_err(rc, "游标");
	DBT key = {0}, val = {0};
	int out = 0;
	size_t tn = strlen(v->t->id) + 1;
	while (out == 0 && (rc = c->get(c, &key, &val, DB_NEXT)) == 0) {
		const char *kd = key.data;
		const char *sep = memchr(kd, '\0', key.size);
		if (!sep || val.size != 8) {
			verify_problem(v, "身份证号索引中有一行格式不对");
			continue;
		}
		size_t off = (size_t)(sep - kd) + 1;
		if (key.size != off + tn || memcmp(kd + off, v->t->id, tn) != 0)
			continue;
		unsigned char k8[8];
		memcpy(k8, val.data, 8);
		void *got = NULL;
		size_t gn = 0;
		out = store_get(store_rec_db(v->st, v->t), NULL, k8, 8, &got, &gn, false);
		free(got);
		if (out == ZZ_ENOENT) {
			verify_problem(v, "身份证号索引指向的记录 %llu 不存在", (unsigned long long)be64_get(k8));
			out = 0;
		}
	}
	if (rc && rc != DB_NOTFOUND && out == 0)
		out = store_err(rc, "索引扫描");
	c->close(c);
	return out;
}

int record_verify(struct store *st, const struct rtype *t, record_problem_cb cb, void *arg, long *records,
		  long *problems)
{
	struct verify v = {.st = st, .t = t, .cb = cb, .arg = arg};
	*records = 0;
	DB *db = store_rec_db(st, t);
	DBC *c = NULL;
	if (!db)
		return ZZ_EDB;
	int rc = db->cursor(db, NULL, &c, 0);
	if (rc)
		return store_err(rc, "游标");
	DBT key = {0}, val = {0};
	int out = 0;
	while (out == 0 && (rc = c->get(c, &key, &val, DB_NEXT)) == 0) {
		(*records)++;
		struct rec *r = rec_new(t);
		r->id = key.size == 8 ? be64_get(key.data) : 0;
		if (key.size != 8 || codec_decode(r, val.data, val.size) < 0)
			verify_problem(&v, "记录 %llu 无法解码", (unsigned long long)r->id);
		else
			out = verify_record(&v, r);
		rec_free(&r);
	}
	if (rc && rc != DB_NOTFOUND && out == 0)
		out = store_err(rc, "记录扫描");
	c->close(c);
	size_t pn = strlen(t->id) + 1;
	if (out == 0)
		out = verify_rows(&v, DBI_IDX_UNIT, t->id, pn, "单位");
	if (out == 0)
		out = verify_rows(&v, DBI_IDX_KEY, t->id, pn, "关键字");
	if (out == 0)
		out = verify_rows(&v, DBI_IDX_NAME, t->id, pn, "名称");
	if (out == 0)
		out = verify_idnum_rows(&v);
	*problems = v.problems;
	return out < 0 ? out : 0;
}

int record_index_lists(struct store *st, DB_TXN *txn, const struct rec *r)
{
	return index_apply(st, txn, r, true, false);
}
