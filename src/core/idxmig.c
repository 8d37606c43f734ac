/* idxmig.c — the list indexes of a home made before the sorted duplicates, built anew. */
#include "idxmig.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "audit.h"
#include "record.h"

struct idxmig {
	struct ctx *c;
	int type;	/* schema index of the type being built */
	uint64_t after; /* its records up to this id have their rows */
	long batch;	/* records a transaction (db.migrate_batch) */
	uint64_t last;	/* set by a batch: the last id it built */
	long n;		/* set by a batch: records it built */
	long records;	/* built by this run */
	long before;	/* built by the runs it goes on from (a resumed migration) */
	const char *user, *unit;
};

static int idxmig_meta_get(struct store *st, DB_TXN *txn, const char *key, char **out)
{
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(store_db(st, DBI_META), txn, key, strlen(key) + 1, &v, &vn, false);
	if (rc == 0) {
		*out = xstrndup(v, vn);
		free(v);
	}
	return rc;
}

/* The old files out (in the transaction that notes the migration begun). */
static int idxmig_begin(struct store *st, DB_TXN *txn, void *arg)
{
	(void)arg;
	for (int id = 0; id < st->ndb; id++) {
		if (!store_dupsort(id))
			continue;
		int rc = st->env->dbremove(st->env, txn, st->dbfile[id], NULL, 0);
		if (rc && rc != ENOENT)
			return store_err(rc, st->dbfile[id]);
	}
	return store_put(store_db(st, DBI_META), txn, STORE_IDX_MIGRATING,
			 sizeof STORE_IDX_MIGRATING, "", 0);
}

/* The rows of the next records of type M->type after M->after, and the progress. */
static int idxmig_batch(struct store *st, DB_TXN *txn, void *arg)
{
	struct idxmig *m = arg;
	const struct rtype *t = st->schema->t[m->type];
	DB *db = store_rec_db(st, t);
	if (!db)
		return ZZ_EDB;
	uint64_t *ids = xmalloc((size_t)m->batch * sizeof *ids);
	long n = 0;
	DBC *c = NULL;
	int rc = db->cursor(db, txn, &c, 0);
	if (rc) {
		free(ids);
		return store_err(rc, "游标");
	}
	unsigned char k8[8];
	be64_put(k8, m->after + 1);
	DBT key = {.data = k8, .size = 8}, val = {.flags = DB_DBT_PARTIAL};
	rc = c->get(c, &key, &val, DB_SET_RANGE);
	while (rc == 0 && n < m->batch) {
		if (key.size == 8)
			ids[n++] = be64_get(key.data);
		rc = c->get(c, &key, &val, DB_NEXT);
	}
	c->close(c);
	int out = rc && rc != DB_NOTFOUND ? store_err(rc, "记录扫描") : 0;
	for (long i = 0; out == 0 && i < n; i++) {
		struct rec *r = NULL;
		out = record_load(st, txn, t, ids[i], &r, false);
		if (out == 0)
			out = record_index_lists(st, txn, r);
		if (out < 0 && out != ZZ_ERETRY) {
			char *why = xstrdup(errmsg());
			out = errmsg_set(out, "%s记录 %llu：%s", t->title,
					 (unsigned long long)ids[i], why);
			free(why);
		}
		rec_free(&r);
	}
	m->n = n;
	m->last = n ? ids[n - 1] : m->after;
	free(ids);
	if (out == 0 && n) {
		char *p = xasprintf("%s\t%llu", t->id, (unsigned long long)m->last);
		out = store_put(store_db(st, DBI_META), txn, STORE_IDX_MIGRATING,
				sizeof STORE_IDX_MIGRATING, p, strlen(p));
		free(p);
	}
	return out;
}

/* Add to *N the records of type T with ids up to UPTO (all with UPTO 0): the ones a run before
 * this one built, in the order the batches take them. */
static int idxmig_count(struct store *st, const struct rtype *t, uint64_t upto, long *n)
{
	DB *db = store_rec_db(st, t);
	if (!db)
		return ZZ_EDB;
	DBC *c = NULL;
	int rc = db->cursor(db, NULL, &c, 0);
	if (rc)
		return store_err(rc, "游标");
	DBT key = {0}, val = {.flags = DB_DBT_PARTIAL};
	while ((rc = c->get(c, &key, &val, DB_NEXT)) == 0) {
		if (key.size != 8)
			continue;
		if (upto && be64_get(key.data) > upto)
			break;
		(*n)++;
	}
	c->close(c);
	return rc && rc != DB_NOTFOUND ? store_err(rc, "记录扫描") : 0;
}

static int idxmig_end(struct store *st, DB_TXN *txn, void *arg)
{
	struct idxmig *m = arg;
	int rc =
	    store_del(store_db(st, DBI_META), txn, STORE_IDX_MIGRATING, sizeof STORE_IDX_MIGRATING);
	if (rc == 0)
		rc = store_put(store_db(st, DBI_META), txn, STORE_IDX_FORMAT,
			       sizeof STORE_IDX_FORMAT, "2", 1);
	if (rc == 0) {
		char detail[160];
		if (m->before)
			snprintf(detail, sizeof detail, "列表索引迁移为新格式（排序重复键），共 %ld 条记录（本次 %ld 条）",
				 m->before + m->records, m->records);
		else
			snprintf(detail, sizeof detail, "列表索引迁移为新格式（排序重复键），%ld 条记录",
				 m->records);
		rc = audit_append(m->c, txn,
				  &(struct audit_entry){.user = m->user,
							.unit = m->unit,
							.type = "migrate",
							.object = "indexes",
							.result = "ok",
							.detail = detail});
	}
	return rc;
}

/* Where the saved progress says to go on: type and id (the start when there is none), and the
 * records built up to there. */
static int idxmig_resume(struct idxmig *m, const char *saved)
{
	const char *tab = strchr(saved, '\t');
	if (!tab)
		return 0;
	for (int i = 0; i < m->c->schema->n; i++) {
		const char *id = m->c->schema->t[i]->id;
		if (strlen(id) == (size_t)(tab - saved) && !memcmp(id, saved, strlen(id))) {
			m->type = i;
			m->after = strtoull(tab + 1, NULL, 10);
		}
	}
	int rc = 0;
	for (int i = 0; rc == 0 && i < m->type; i++)
		rc = idxmig_count(m->c->st, m->c->schema->t[i], 0, &m->before);
	if (rc == 0 && m->after)
		rc = idxmig_count(m->c->st, m->c->schema->t[m->type], m->after, &m->before);
	return rc;
}

static int idxmig_build(struct idxmig *m)
{
	struct store *st = m->c->st;
	char *v = NULL;
	int rc = idxmig_meta_get(st, NULL, STORE_IDX_MIGRATING, &v);
	if (rc == ZZ_ENOENT)
		rc = store_run(st, idxmig_begin, NULL);
	else if (rc == 0)
		rc = idxmig_resume(m, v);
	free(v);
	while (rc == 0 && m->type < m->c->schema->n) {
		rc = store_run(st, idxmig_batch, m);
		if (rc < 0)
			break;
		m->records += m->n;
		m->after = m->last;
		if (m->n < m->batch) {
			m->type++;
			m->after = 0;
		}
	}
	return rc == 0 ? store_run(st, idxmig_end, m) : rc;
}

int idxmig_run(struct ctx *c, const char *user, const char *unit, long *records, long *total, bool *already)
{
	*records = 0;
	*total = 0;
	*already = false;
	struct store *st = c->st;
	char *path = xasprintf("%s/migrate.lock", st->home);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	free(path);
	if (fd < 0)
		return errmsg_set(ZZ_EDB, "无法建立迁移锁文件：%s", strerror(errno));
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		close(fd);
		return errmsg_set(ZZ_ERR, "另一个进程正在迁移列表索引，请等它完成");
	}
	char *v = NULL;
	int rc = idxmig_meta_get(st, NULL, STORE_IDX_FORMAT, &v);
	*already = rc == 0 && !strcmp(v, "2");
	free(v);
	if (rc == ZZ_ENOENT || rc == 0)
		rc = 0;
	struct idxmig m = {
	    .c = c, .user = user, .unit = unit, .batch = conf_int(c->conf, "db.migrate_batch")};
	if (rc == 0 && !*already)
		rc = idxmig_build(&m);
	*records = m.records;
	*total = m.before + m.records;
	close(fd);
	return rc;
}
