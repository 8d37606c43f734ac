/* dupidx.c — the list indexes as sorted duplicates: rows (key then id) in, pairs on disk. */
#include "dupidx.h"

#include <string.h>

#include "util.h"

/* The length of ROW's key: up to its second NUL, or 0 when it has fewer. */
static size_t dupidx_keylen(const void *row, size_t n)
{
	const char *p = row, *a = memchr(p, '\0', n);
	const char *b = a ? memchr(a + 1, '\0', n - (size_t)(a + 1 - p)) : NULL;
	return b ? (size_t)(b + 1 - p) : 0;
}

int dupidx_put(struct store *st, DB *db, DB_TXN *txn, const void *row, size_t n)
{
	size_t kn = dupidx_keylen(row, n);
	if (!kn || n != kn + 8)
		return errmsg_set(ZZ_EINVAL, "索引行格式不对");
	int rc = store_cput(st, db, txn, row, kn, (const char *)row + kn, 8, 0);
	return rc == ZZ_EEXIST ? 0 : rc;
}

/* Cursor C on ROW's exact pair, with DB_RMW when FLAGS has it. */
static int dupidx_exact(DBC *c, const void *row, size_t n, u_int32_t flags)
{
	size_t kn = dupidx_keylen(row, n);
	if (!kn || n != kn + 8)
		return DB_NOTFOUND;
	unsigned char buf[256], *kb = kn <= sizeof buf ? buf : xmalloc(kn);
	unsigned char id[8];
	memcpy(kb, row, kn);
	memcpy(id, (const char *)row + kn, 8);
	DBT key = {.data = kb, .size = (u_int32_t)kn}, val = {.data = id, .size = 8};
	int rc = c->get(c, &key, &val, DB_GET_BOTH | flags);
	if (kb != buf)
		free(kb);
	return rc;
}

int dupidx_del(DB *db, DB_TXN *txn, const void *row, size_t n)
{
	if (!db)
		return ZZ_EDB;
	DBC *c = NULL;
	int rc = db->cursor(db, txn, &c, 0);
	if (rc)
		return store_err(rc, "游标");
	rc = dupidx_exact(c, row, n, DB_RMW);
	if (rc == 0)
		rc = c->del(c, 0);
	c->close(c);
	return rc ? store_err(rc, "删除") : 0;
}

int dupidx_has(DB *db, DB_TXN *txn, const void *row, size_t n, bool *has)
{
	*has = false;
	if (!db)
		return ZZ_EDB;
	DBC *c = NULL;
	int rc = db->cursor(db, txn, &c, 0);
	if (rc)
		return store_err(rc, "游标");
	rc = dupidx_exact(c, row, n, 0);
	c->close(c);
	*has = rc == 0;
	return rc && rc != DB_NOTFOUND ? store_err(rc, "读取") : 0;
}

static void dupidx_row(struct sb *row, const DBT *key, const DBT *val)
{
	sb_reset(row);
	sb_add(row, key->data, key->size);
	sb_add(row, val->data, val->size);
}

int dupidx_get(DBC *c, u_int32_t how, struct sb *row)
{
	DBT key = {0}, val = {0};
	int rc = c->get(c, &key, &val, how);
	if (rc == 0)
		dupidx_row(row, &key, &val);
	return rc;
}

/* The cursor on the first key at or after K (KN bytes). */
static int dupidx_range(DBC *c, const void *k, size_t kn, struct sb *row, u_int32_t flags)
{
	struct sb kb;
	sb_init(&kb);
	sb_add(&kb, k, kn);
	DBT key = {.data = kb.buf, .size = (u_int32_t)kn}, val = {0};
	int rc = c->get(c, &key, &val, DB_SET_RANGE | flags);
	if (rc == 0)
		dupidx_row(row, &key, &val);
	sb_free(&kb);
	return rc;
}

int dupidx_seek(DBC *c, const void *start, size_t sn, struct sb *row, u_int32_t flags)
{
	size_t kn = dupidx_keylen(start, sn);
	if (!kn || kn == sn)
		return dupidx_range(c, start, sn, row, flags);
	/* A key and (part of) an id: the first of the key's ids at or after it, else the next key.
	 */
	struct sb kb;
	sb_init(&kb);
	sb_add(&kb, start, kn);
	sb_add(&kb, (const char *)start + kn, sn - kn);
	DBT key = {.data = kb.buf, .size = (u_int32_t)kn};
	DBT val = {.data = kb.buf + kn, .size = (u_int32_t)(sn - kn)};
	int rc = c->get(c, &key, &val, DB_GET_BOTH_RANGE | flags);
	if (rc == 0) {
		dupidx_row(row, &key, &val);
	} else if (rc == DB_NOTFOUND) {
		/* No key has its second NUL followed by another byte: KEY then NUL is just past
		 * KEY's ids. */
		kb.len = kn;
		sb_addc(&kb, '\0');
		rc = dupidx_range(c, kb.buf, kn + 1, row, flags);
	}
	sb_free(&kb);
	return rc;
}
