/* remind.c — remind.db: key "path\0kind\0ref", value level, be64 due, unit\0, text. */
#include "remind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static void remind_key(struct sb *k, const char *path, const char *kind, const char *ref)
{
	sb_reset(k);
	sb_add(k, path, strlen(path) + 1);
	sb_add(k, kind, strlen(kind) + 1);
	sb_adds(k, ref);
}

int remind_put(struct store *st, DB_TXN *txn, const char *path, const char *kind, const char *ref,
	       const struct remind *r)
{
	struct sb k, v;
	sb_init(&k);
	sb_init(&v);
	remind_key(&k, path, kind, ref);
	unsigned char be[8];
	be64_put(be, (uint64_t)r->due);
	sb_addc(&v, (char)r->level);
	sb_add(&v, (char *)be, 8);
	sb_add(&v, r->unit, strlen(r->unit) + 1);
	sb_adds(&v, r->text);
	int rc = store_put(store_db(st, DBI_REMIND), txn, k.buf, k.len, v.buf, v.len);
	sb_free(&k);
	sb_free(&v);
	return rc;
}

int remind_del(struct store *st, DB_TXN *txn, const char *path, const char *kind, const char *ref)
{
	struct sb k;
	sb_init(&k);
	remind_key(&k, path, kind, ref);
	int rc = store_del(store_db(st, DBI_REMIND), txn, k.buf, k.len);
	sb_free(&k);
	return rc == ZZ_ENOENT ? 0 : rc;
}

/* Split a stored row; false when it is malformed (skipped, never fatal). */
static bool remind_decode(const DBT *key, const DBT *val, const char **kind, char **ref, struct remind *r)
{
	const char *k = key->data;
	size_t pl = strnlen(k, key->size);
	if (pl + 1 >= key->size)
		return false;
	*kind = k + pl + 1;
	size_t kl = strnlen(*kind, key->size - pl - 1);
	if (pl + 1 + kl + 1 > key->size)
		return false;
	*ref = xstrndup(*kind + kl + 1, key->size - pl - 1 - kl - 1);
	const unsigned char *v = val->data;
	if (val->size < 10) {
		free(*ref);
		return false;
	}
	r->level = v[0];
	r->due = (int64_t)be64_get(v + 1);
	size_t ul = strnlen((const char *)v + 9, val->size - 9);
	snprintf(r->unit, sizeof r->unit, "%.*s", (int)ul, (const char *)v + 9);
	size_t off = 9 + ul + 1;
	snprintf(r->text, sizeof r->text, "%.*s", off < val->size ? (int)(val->size - off) : 0,
		 off < val->size ? (const char *)v + off : "");
	return true;
}

int remind_scan(struct store *st, DB_TXN *txn, const char *prefix, remind_cb cb, void *arg)
{
	DB *db = store_db(st, DBI_REMIND);
	if (!db)
		return ZZ_EDB;
	DBC *c = NULL;
	int dbrc = db->cursor(db, txn, &c, 0);
	if (dbrc)
		return store_err(dbrc, "提醒");
	size_t pn = strlen(prefix);
	char *start = xstrdup(prefix);
	DBT key = {.data = start, .size = (u_int32_t)pn}, val = {0};
	dbrc = c->get(c, &key, &val, pn ? DB_SET_RANGE : DB_FIRST);
	int out = 0;
	while (dbrc == 0 && key.size >= pn && memcmp(key.data, prefix, pn) == 0) {
		const char *kind = NULL;
		char *ref = NULL;
		struct remind r;
		if (remind_decode(&key, &val, &kind, &ref, &r)) {
			/* The key buffer belongs to the cursor: copy the kind before calling back. */
			char *k = xstrdup(kind);
			out = cb(k, ref, &r, arg);
			free(k);
			free(ref);
			if (out)
				break;
		}
		dbrc = c->get(c, &key, &val, DB_NEXT);
	}
	if (dbrc && dbrc != DB_NOTFOUND)
		out = store_err(dbrc, "提醒");
	c->close(c);
	free(start);
	return out < 0 ? out : 0;
}
