/* dbtamper.c — test-only helper for tests/e2e/cli_audit.sh (built from tests/, never shipped): changes
 * audit.db behind the program's back, as an intruder with file access would, through Berkeley DB.
 *
 *   dbtamper CONF HOME edit SEQ       rewrite entry SEQ's result ("ok" becomes "OK")
 *   dbtamper CONF HOME delete SEQ     remove entry SEQ
 *   dbtamper CONF HOME truncate N     remove the last N entries (a rewritten tail)
 * and the record indexes, for tests/e2e/cli_verify.sh:
 *   dbtamper CONF HOME index N        remove the first row of index N (1 unit, 2 key, 3 name, 4 ID number,
 *                                     5 the events' ev_unit, 6 their ev_open)
 *   dbtamper CONF HOME stray N        add to index N (5 or 6) a row naming event 999999999, which is not
 *   dbtamper CONF HOME orphan 0       remove the first stored record of the first type that has one,
 *                                     leaving its index rows */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "domain.h"
#include "store.h"

static int del(DB *db, DB_TXN *txn, uint64_t seq)
{
	unsigned char k[8];
	be64_put(k, seq);
	return store_del(db, txn, k, 8);
}

struct op {
	const char *what;
	uint64_t n;
};

/* Remove the first row of DB; ZZ_ENOENT when it is empty. */
static int del_first(DB *db, DB_TXN *txn)
{
	DBC *c = NULL;
	DBT key = {0}, val = {0};
	int rc = db->cursor(db, txn, &c, 0);
	if (rc == 0)
		rc = c->get(c, &key, &val, DB_FIRST);
	if (rc == 0)
		rc = c->del(c, 0);
	if (c)
		c->close(c);
	return rc == DB_NOTFOUND ? ZZ_ENOENT : rc ? ZZ_EDB : 0;
}

static int tamper(struct store *st, DB_TXN *txn, void *arg)
{
	struct op *op = arg;
	static const int idx[] = {DBI_IDX_UNIT, DBI_IDX_KEY, DBI_IDX_NAME, DBI_IDX_IDNUM, DBI_EV_UNIT, DBI_EV_OPEN};
	if (!strcmp(op->what, "index") && op->n >= 1 && op->n <= ARRAY_LEN(idx))
		return del_first(store_db(st, idx[op->n - 1]), txn);
	if (!strcmp(op->what, "stray") && op->n >= 5 && op->n <= ARRAY_LEN(idx)) {
		unsigned char k[3 + 8] = "32";
		be64_put(k + 3, 999999999);
		return store_put(store_db(st, idx[op->n - 1]), txn, k, sizeof k, "", 0);
	}
	if (!strcmp(op->what, "orphan")) {
		int rc = ZZ_ENOENT;
		for (int i = 0; rc == ZZ_ENOENT && i < st->schema->n; i++)
			rc = del_first(store_rec_db(st, st->schema->t[i]), txn);
		return rc;
	}
	DB *db = store_db(st, DBI_AUDIT);
	if (!strcmp(op->what, "delete"))
		return del(db, txn, op->n);
	if (!strcmp(op->what, "truncate")) {
		DBC *c = NULL;
		DBT key = {0}, val = {0};
		int rc = db->cursor(db, txn, &c, 0);
		if (rc == 0)
			rc = c->get(c, &key, &val, DB_LAST);
		uint64_t last = rc == 0 ? be64_get(key.data) : 0;
		if (c)
			c->close(c);
		for (uint64_t i = 0; rc == 0 && i < op->n; i++)
			rc = del(db, txn, last - i);
		return rc ? ZZ_EDB : 0;
	}
	unsigned char k[8];
	be64_put(k, op->n);
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(db, txn, k, 8, &v, &vn, true);
	if (rc < 0)
		return rc;
	char *s = xstrndup(v, vn), *p = strstr(s, "\tok\t");
	free(v);
	if (!p) {
		free(s);
		return errmsg_set(ZZ_ERR, "entry %llu has no result ok", (unsigned long long)op->n);
	}
	memcpy(p, "\tOK\t", 4);
	rc = store_put(db, txn, k, 8, s, vn);
	free(s);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: dbtamper CONF HOME edit|delete|truncate|index|stray|orphan N\n");
		return 2;
	}
	struct ctx *c = NULL;
	struct op op = {argv[3], strtoull(argv[4], NULL, 10)};
	int rc = ctx_load(&c, argv[1], argv[2], domain_features);
	if (rc == 0)
		rc = ctx_open_store(c, 0);
	if (rc == 0)
		rc = store_run(c->st, tamper, &op);
	if (rc < 0)
		fprintf(stderr, "dbtamper: %s\n", errmsg());
	ctx_free(&c);
	return rc < 0;
}
