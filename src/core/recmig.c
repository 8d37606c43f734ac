/* recmig.c — records stored by an older codec (versions 1 and 2) rewritten in the current one, so
 * that an older home gets the smaller records of a new one (doc/performance.md, "The record
 * codec, version 3"). The values and indexes do not change: only the bytes of each record. */
#include "recmig.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "record.h"

/* meta.db: the progress ("type\tlast id") and the mark of a home whose records are all current. */
#define RECMIG_PROGRESS "rec.recoding"
#define RECMIG_DONE "rec.codec"
#define RECMIG_VERSION "3"

struct recmig {
	struct ctx *c;
	int type;	/* schema index of the type being rewritten */
	uint64_t after; /* its records up to this id are done */
	long batch;	/* records a transaction */
	long n;		/* set by a batch: records it read */
	long done;	/* set by a batch: records it rewrote */
	uint64_t last;	/* set by a batch: the last id it read */
	long records;	/* rewritten by this run */
	const char *user, *unit;
};

/* The next M->batch records of type M->type after M->after, rewritten where older, and the
 * progress. */
static int recmig_batch(struct store *st, DB_TXN *txn, void *arg)
{
	struct recmig *m = arg;
	const struct rtype *t = st->schema->t[m->type];
	DB *db = store_rec_db(st, t);
	if (!db)
		return ZZ_EDB;
	DBC *c = NULL;
	int rc = db->cursor(db, txn, &c, 0);
	if (rc)
		return store_err(rc, "游标");
	unsigned char k8[8];
	be64_put(k8, m->after + 1);
	DBT key = {.data = k8, .size = 8}, val = {0};
	struct sb out;
	sb_init(&out);
	long n = 0, done = 0;
	uint64_t last = m->after;
	int out_rc = 0;
	rc = c->get(c, &key, &val, DB_SET_RANGE | DB_RMW);
	while (rc == 0 && out_rc == 0 && n < m->batch) {
		if (key.size == 8) {
			last = be64_get(key.data);
			int r = codec_recode(t, val.data, val.size, &out);
			if (r < 0) {
				out_rc = errmsg_set(r, "%s记录 %llu：无法读出", t->title,
						    (unsigned long long)last);
				break;
			}
			if (r == 1) {
				DBT nv = {.data = out.buf, .size = (u_int32_t)out.len};
				int prc = c->put(c, &key, &nv, DB_CURRENT);
				if (prc)
					out_rc = store_err(prc, "记录改写");
				done++;
			}
			n++;
		}
		if (out_rc == 0)
			rc = c->get(c, &key, &val, DB_NEXT | DB_RMW);
	}
	c->close(c);
	sb_free(&out);
	if (out_rc == 0 && rc && rc != DB_NOTFOUND)
		out_rc = store_err(rc, "记录扫描");
	m->n = n;
	m->done = done;
	m->last = last;
	if (out_rc == 0 && n) {
		char *p = xasprintf("%s\t%llu", t->id, (unsigned long long)last);
		out_rc = store_put(store_db(st, DBI_META), txn, RECMIG_PROGRESS,
				   sizeof RECMIG_PROGRESS, p, strlen(p));
		free(p);
	}
	return out_rc;
}

static int recmig_end(struct store *st, DB_TXN *txn, void *arg)
{
	struct recmig *m = arg;
	int rc = store_del(store_db(st, DBI_META), txn, RECMIG_PROGRESS, sizeof RECMIG_PROGRESS);
	if (rc == ZZ_ENOENT)
		rc = 0;
	if (rc == 0)
		rc = store_put(store_db(st, DBI_META), txn, RECMIG_DONE, sizeof RECMIG_DONE,
			       RECMIG_VERSION, strlen(RECMIG_VERSION));
	if (rc == 0 && m->records) {
		char detail[120];
		snprintf(detail, sizeof detail, "记录改写为新的存储编码（版本 %s）：%ld 条",
			 RECMIG_VERSION, m->records);
		rc = audit_append(m->c, txn,
				  &(struct audit_entry){.user = m->user,
							.unit = m->unit,
							.type = "migrate",
							.object = "records",
							.result = "ok",
							.detail = detail});
	}
	return rc;
}

static int recmig_meta(struct store *st, const char *key, char **out)
{
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(store_db(st, DBI_META), NULL, key, strlen(key) + 1, &v, &vn, false);
	if (rc == 0) {
		*out = xstrndup(v, vn);
		free(v);
	}
	return rc;
}

/* Where a run before this one stopped ("type\tlast id"). */
static void recmig_resume(struct recmig *m, const char *saved)
{
	const char *tab = strchr(saved, '\t');
	if (!tab)
		return;
	for (int i = 0; i < m->c->schema->n; i++) {
		const char *id = m->c->schema->t[i]->id;
		if (strlen(id) == (size_t)(tab - saved) && !memcmp(id, saved, strlen(id))) {
			m->type = i;
			m->after = strtoull(tab + 1, NULL, 10);
		}
	}
}

int recmig_run(struct ctx *c, const char *user, const char *unit, long batch, long *records)
{
	*records = 0;
	struct store *st = c->st;
	char *v = NULL;
	int rc = recmig_meta(st, RECMIG_DONE, &v);
	bool done = rc == 0 && !strcmp(v, RECMIG_VERSION);
	free(v);
	v = NULL;
	if (done)
		return 0;
	struct recmig m = {.c = c, .batch = batch > 0 ? batch : 1, .user = user, .unit = unit};
	rc = recmig_meta(st, RECMIG_PROGRESS, &v);
	if (rc == 0)
		recmig_resume(&m, v);
	free(v);
	rc = rc == ZZ_ENOENT ? 0 : rc;
	while (rc == 0 && m.type < c->schema->n) {
		rc = store_run(st, recmig_batch, &m);
		if (rc < 0)
			break;
		m.records += m.done;
		m.after = m.last;
		if (m.n < m.batch) {
			m.type++;
			m.after = 0;
		}
	}
	/* The pages the shorter records left free go back to the file system (in transactions of
	 * their own; done again by a run after a kill, before the home is marked). */
	for (int i = 0; rc == 0 && i < c->schema->n; i++) {
		DB *db = store_rec_db(st, c->schema->t[i]);
		DB_COMPACT cd = {0};
		rc = db ? store_err(db->compact(db, NULL, NULL, NULL, &cd, DB_FREE_SPACE, NULL),
				    "整理记录文件")
			: ZZ_EDB;
	}
	if (rc == 0)
		rc = store_run(st, recmig_end, &m);
	*records = m.records;
	return rc;
}
