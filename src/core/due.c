/* due.c — rows of idx_due.db: be64 time, kind, NUL, ref. */
#include "due.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static void due_key(struct sb *k, int64_t when, const char *kind, const char *ref)
{
	unsigned char be[8];
	/* Offset so that times before 1970 still sort before later ones. */
	be64_put(be, (uint64_t)when ^ 0x8000000000000000ULL);
	sb_reset(k);
	sb_add(k, (char *)be, 8);
	sb_add(k, kind, strlen(kind) + 1);
	sb_adds(k, ref);
}

int due_put(struct store *st, DB_TXN *txn, int64_t when, const char *kind, const char *ref)
{
	struct sb k;
	sb_init(&k);
	due_key(&k, when, kind, ref);
	int rc = store_put(store_db(st, DBI_IDX_DUE), txn, k.buf, k.len, "", 0);
	sb_free(&k);
	return rc;
}

int due_del(struct store *st, DB_TXN *txn, int64_t when, const char *kind, const char *ref)
{
	struct sb k;
	sb_init(&k);
	due_key(&k, when, kind, ref);
	int rc = store_del(store_db(st, DBI_IDX_DUE), txn, k.buf, k.len);
	sb_free(&k);
	return rc == ZZ_ENOENT ? 0 : rc;
}

int due_has(struct store *st, DB_TXN *txn, int64_t when, const char *kind, const char *ref, bool *has)
{
	struct sb k;
	sb_init(&k);
	due_key(&k, when, kind, ref);
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(store_db(st, DBI_IDX_DUE), txn, k.buf, k.len, &v, &vn, false);
	free(v);
	sb_free(&k);
	*has = rc == 0;
	return rc == ZZ_ENOENT ? 0 : rc;
}

struct due_row {
	int64_t when;
	char *kind;
	char *ref;
	struct sb key;
};

/* Read up to MAX rows due by UPTO after key FROM (exclusive when it was read before). */
static int due_chunk(DB *db, DB_TXN *txn, int64_t upto, struct sb *from, bool skip_first,
		     struct due_row *rows, int max, int *n)
{
	DBC *c = NULL;
	*n = 0;
	if (!db)
		return ZZ_EDB;
	int dbrc = db->cursor(db, txn, &c, 0);
	if (dbrc)
		return store_err(dbrc, "到期索引");
	DBT key = {.data = from->buf, .size = (u_int32_t)from->len}, val = {0};
	dbrc = from->len ? c->get(c, &key, &val, DB_SET_RANGE) : c->get(c, &key, &val, DB_FIRST);
	if (dbrc == 0 && skip_first && key.size == from->len && memcmp(key.data, from->buf, from->len) == 0)
		dbrc = c->get(c, &key, &val, DB_NEXT);
	while (dbrc == 0 && *n < max) {
		if (key.size < 10) {
			dbrc = c->get(c, &key, &val, DB_NEXT);
			continue;
		}
		int64_t when = (int64_t)(be64_get(key.data) ^ 0x8000000000000000ULL);
		if (when > upto)
			break;
		struct due_row *r = &rows[(*n)++];
		r->when = when;
		sb_init(&r->key);
		sb_add(&r->key, key.data, key.size);
		r->kind = xstrdup(r->key.buf + 8);
		r->ref = xstrndup(r->key.buf + 8 + strlen(r->kind) + 1, key.size - 8 - strlen(r->kind) - 1);
		dbrc = c->get(c, &key, &val, DB_NEXT);
	}
	c->close(c);
	return dbrc && dbrc != DB_NOTFOUND ? store_err(dbrc, "到期索引") : 0;
}

int due_scan(struct store *st, DB_TXN *txn, int64_t upto, const char *kind, due_cb cb, void *arg)
{
	enum { CHUNK = 512 };
	struct due_row *rows = xcalloc(CHUNK, sizeof *rows);
	struct sb from;
	sb_init(&from);
	int rc = 0, n = 0;
	bool skip = false;
	/* Read a chunk, close the cursor, then call back: callbacks write to this database. */
	do {
		rc = due_chunk(store_db(st, DBI_IDX_DUE), txn, upto, &from, skip, rows, CHUNK, &n);
		for (int i = 0; i < n; i++) {
			if (rc == 0 && (!kind || strcmp(kind, rows[i].kind) == 0))
				rc = cb(rows[i].when, rows[i].kind, rows[i].ref, arg);
			if (i == n - 1) {
				sb_reset(&from);
				sb_add(&from, rows[i].key.buf, rows[i].key.len);
			}
			free(rows[i].kind);
			free(rows[i].ref);
			sb_free(&rows[i].key);
		}
		skip = true;
	} while (rc == 0 && n == CHUNK);
	free(rows);
	sb_free(&from);
	return rc < 0 ? rc : 0;
}
