/* office_wait.c — the rows of the office records waiting at each unit (office_wait.h). */
#include "office_wait.h"

#include <stdlib.h>
#include <string.h>

#include "office.h"
#include "store.h"

/* Set in DBI_META once every office record of the home has its rows. */
static const char wait_built[] = "office_wait_built";

/* "wait" \0 type \0 unit \0 [be64 id]: the prefix of UNIT's rows of type T, or one row (ID > 0). */
static void wait_key(struct sb *k, const struct rtype *t, const char *unit, uint64_t id)
{
	sb_reset(k);
	sb_add(k, "wait", 5);
	sb_add(k, t->id, strlen(t->id) + 1);
	sb_add(k, unit, strlen(unit) + 1);
	if (id) {
		unsigned char be[8];
		be64_put(be, id);
		sb_add(k, (const char *)be, 8);
	}
}

static int wait_put(struct ctx *c, DB_TXN *txn, const struct rtype *t, uint64_t id, const char *unit, bool on)
{
	struct sb k;
	sb_init(&k);
	wait_key(&k, t, unit, id);
	DB *meta = store_db(c->st, DBI_META);
	int rc = on ? store_put(meta, txn, k.buf, k.len, "", 0) : store_del(meta, txn, k.buf, k.len);
	sb_free(&k);
	return rc == ZZ_ENOENT ? 0 : rc;
}

int office_wait_done(struct ctx *c, DB_TXN *txn, const struct rtype *t, uint64_t id, const char *unit)
{
	return wait_put(c, txn, t, id, unit, false);
}

int office_wait_sync(struct ctx *c, DB_TXN *txn, const struct rec *old, const struct rec *r)
{
	struct strv units = {0};
	int rc = 0;
	if (old) {
		office_wait_candidates(old, &units);
		for (int i = 0; i < units.n && rc == 0; i++)
			rc = wait_put(c, txn, old->t, old->id, units.v[i], false);
		strv_free(&units);
	}
	if (rc == 0 && r)
		rc = office_waiting(c, txn, r, NULL, &units);
	for (int i = 0; i < units.n && rc == 0; i++)
		rc = wait_put(c, txn, r->t, r->id, units.v[i], true);
	strv_free(&units);
	return rc;
}

struct wait_ids {
	uint64_t *v;
	int n;
};

static int wait_row(const void *k, size_t kn, const void *v, size_t vn, void *arg)
{
	(void)v;
	(void)vn;
	struct wait_ids *w = arg;
	if (kn < 8)
		return 0;
	w->v = xrealloc(w->v, (size_t)(w->n + 1) * sizeof *w->v);
	w->v[w->n++] = be64_get((const unsigned char *)k + kn - 8);
	return 0;
}

int office_wait_ids(struct ctx *c, const struct rtype *t, const char *unit, uint64_t **ids, int *n)
{
	struct sb k;
	sb_init(&k);
	wait_key(&k, t, unit, 0);
	struct wait_ids w = {0};
	int rc = store_walk(store_db(c->st, DBI_META), NULL, k.buf, k.len, wait_row, &w);
	sb_free(&k);
	/* Newest first: the rows come in id order. */
	for (int i = 0; i < w.n / 2; i++) {
		uint64_t x = w.v[i];
		w.v[i] = w.v[w.n - 1 - i];
		w.v[w.n - 1 - i] = x;
	}
	if (rc < 0) {
		free(w.v);
		w = (struct wait_ids){0};
	}
	*ids = w.v;
	*n = w.n;
	return rc;
}

struct wait_build {
	struct ctx *c;
	const struct rtype *t;
	uint64_t *ids;
	int n;
};

static int build_id(const struct rtype *t, uint64_t id, void *arg)
{
	(void)t;
	struct wait_build *b = arg;
	b->ids = xrealloc(b->ids, (size_t)(b->n + 1) * sizeof *b->ids);
	b->ids[b->n++] = id;
	return 0;
}

/* One type's rows, in one transaction (a run cut short builds them again: the rows are the same). */
static int build_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct wait_build *b = arg;
	free(b->ids);
	b->ids = NULL;
	b->n = 0;
	int rc = record_scan_unit(st, txn, b->t, "", build_id, b);
	for (int i = 0; i < b->n && rc == 0; i++) {
		struct rec *r = NULL;
		rc = record_load(st, txn, b->t, b->ids[i], &r, false);
		if (rc == ZZ_ENOENT)
			rc = 0;
		else if (rc == 0)
			rc = office_wait_sync(b->c, txn, NULL, r);
		rec_free(&r);
	}
	return rc;
}

static int built_txn(struct store *st, DB_TXN *txn, void *arg)
{
	(void)arg;
	return store_put(store_db(st, DBI_META), txn, wait_built, sizeof wait_built, "1", 1);
}

bool office_wait_ready(struct ctx *c)
{
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(store_db(c->st, DBI_META), NULL, wait_built, sizeof wait_built, &v, &vn, false);
	free(v);
	if (rc == 0)
		return true;
	if (rc != ZZ_ENOENT || store_standby(c->st))
		return false;
	struct wait_build b = {.c = c};
	rc = 0;
	for (int k = 0; k < c->schema->n && rc == 0; k++) {
		b.t = c->schema->t[k];
		if (office_has(b.t, "receipts") || office_has(b.t, "report_up") || office_has(b.t, "reply_to"))
			rc = store_run(c->st, build_txn, &b);
	}
	free(b.ids);
	return rc == 0 && store_run(c->st, built_txn, NULL) == 0;
}
