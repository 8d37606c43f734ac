/* test_store.c — the environment: open and create, get/put/del, writes through the transaction's
 * cursors, counters, transactions that retry and abort, failchk, the refusal to open a folder
 * without a database, and when the home was made (STORE_MADE). */
#include <pthread.h>
#include <sys/wait.h>

#include "claim.h"
#include "daily.h"
#include "testlib.h"

static void test_open_requires_init(void **state)
{
	(void)state;
	struct tl t;
	tl_init_conf(&t, NULL, NULL);
	assert_int_equal(ctx_load(&t.c, t.conf, NULL, domain_features), 0);
	assert_int_equal(ctx_open_store(t.c, 0), ZZ_ENOENT);
	assert_errmsg_has("zongzhi init");
	assert_int_equal(ctx_open_store(t.c, STORE_CREATE), 0);
	/* Every database of core's table and of the features' rows, and one per record type, exist as
	 * files (db_verify works on them). */
	assert_int_equal(t.c->st->ndb, DBI_CLAIM_WAIT + 1);
	for (int i = 0; i < t.c->st->ndb; i++) {
		assert_non_null(t.c->st->dbfile[i]);
		assert_non_null(store_db(t.c->st, i));
		char *f = xasprintf("%s/%s", t.c->home, t.c->st->dbfile[i]);
		assert_int_equal(access(f, F_OK), 0);
		free(f);
	}
	assert_string_equal(t.c->st->dbfile[DBI_EV_OPEN], "ev_open.db");
	assert_string_equal(t.c->st->dbfile[DBI_REMIND], "remind.db");
	char *f = xasprintf("%s/rec_household.db", t.c->home);
	assert_int_equal(access(f, F_OK), 0);
	free(f);
	tl_close(&t);
}

/* The features' databases are rows of their struct feature: an id that another database has (core's
 * or a feature's) is refused before anything is opened. */
static const struct store_dbdef twice_dbs[] = {{DBI__CORE, "one.db", DB_BTREE, NULL}, {DBI__CORE, "two.db", DB_BTREE, NULL}};
static const struct feature feature_twice = {.name = "twice", .dbs = twice_dbs, .ndbs = 2};
static const struct store_dbdef core_dbs[] = {{DBI_AUDIT, "mine.db", DB_BTREE, NULL}};
static const struct feature feature_core = {.name = "core", .dbs = core_dbs, .ndbs = 1};
static const struct store_dbdef own_dbs[] = {{DBI__CORE + 3, "own.db", DB_BTREE, NULL}};
static const struct feature feature_own = {.name = "own", .dbs = own_dbs, .ndbs = 1};

static void test_feature_dbs(void **state)
{
	(void)state;
	const struct feature *const twice[] = {&feature_twice, NULL}, *const core[] = {&feature_core, NULL},
				    *const own[] = {&feature_own, NULL};
	struct tl t;
	tl_init_conf(&t, NULL, NULL);
	assert_int_equal(ctx_load(&t.c, t.conf, NULL, twice), 0);
	assert_int_equal(ctx_open_store(t.c, STORE_CREATE), ZZ_EINVAL);
	assert_errmsg_has("two.db");
	assert_errmsg_has("one.db");
	ctx_free(&t.c);
	assert_int_equal(ctx_load(&t.c, t.conf, NULL, core), 0);
	assert_int_equal(ctx_open_store(t.c, STORE_CREATE), ZZ_EINVAL);
	assert_errmsg_has("audit.db");
	ctx_free(&t.c);
	assert_int_equal(ctx_load(&t.c, t.conf, NULL, own), 0);
	assert_int_equal(ctx_open_store(t.c, STORE_CREATE), 0);
	assert_int_equal(t.c->st->ndb, DBI__CORE + 4);
	assert_null(store_db(t.c->st, DBI__CORE));
	assert_non_null(store_db(t.c->st, DBI__CORE + 3));
	assert_int_equal(store_put(store_db(t.c->st, DBI__CORE + 3), NULL, "k", 1, "v", 1), 0);
	char *f = xasprintf("%s/own.db", t.c->home);
	assert_int_equal(access(f, F_OK), 0);
	free(f);
	tl_close(&t);
}

/* DB holds KEY with the value WANT (a one-byte key and a text value). */
static void assert_stored(DB *db, const char *key, const char *want)
{
	void *v = NULL;
	size_t vn = 0;
	assert_int_equal(store_get(db, NULL, key, 1, &v, &vn, false), 0);
	assert_int_equal(vn, strlen(want));
	assert_memory_equal(v, want, vn);
	free(v);
}

static void test_get_put_del(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, false);
	DB *db = store_db(t.c->st, DBI_META);
	assert_int_equal(store_put(db, NULL, "k", 1, "value", 5), 0);
	assert_stored(db, "k", "value");
	assert_int_equal(store_del(db, NULL, "k", 1), 0);
	void *v = NULL;
	size_t vn = 0;
	assert_int_equal(store_get(db, NULL, "k", 1, &v, &vn, false), ZZ_ENOENT);
	assert_int_equal(store_del(db, NULL, "k", 1), ZZ_ENOENT);
	tl_close(&t);
}

static int next_ids(struct store *st, DB_TXN *txn, void *arg)
{
	uint64_t *ids = arg;
	for (int i = 0; i < 3; i++) {
		int rc = store_next_id(st, txn, "x", &ids[i]);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int fail_after_id(struct store *st, DB_TXN *txn, void *arg)
{
	uint64_t id;
	int rc = store_next_id(st, txn, "x", &id);
	*(uint64_t *)arg = id;
	return rc < 0 ? rc : errmsg_set(ZZ_EINVAL, "测试中止");
}

static void test_counters_and_abort(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, false);
	struct store *st = t.c->st;
	uint64_t ids[3];
	assert_int_equal(store_run(st, next_ids, ids), 0);
	assert_true(ids[0] == 1 && ids[1] == 2 && ids[2] == 3);
	/* An aborted transaction takes its counter back. */
	uint64_t id = 0;
	assert_int_equal(store_run(st, fail_after_id, &id), ZZ_EINVAL);
	assert_errmsg_has("测试中止");
	assert_true(id == 4);
	assert_int_equal(store_run(st, next_ids, ids), 0);
	assert_true(ids[0] == 4);
	/* Bulk work reserves blocks: ids stay unique, gaps are allowed, an abort forgets the block. */
	st->id_block = 10;
	assert_int_equal(store_run(st, next_ids, ids), 0);
	assert_true(ids[0] == 7 && ids[1] == 8 && ids[2] == 9);
	assert_int_equal(store_run(st, fail_after_id, &id), ZZ_EINVAL);
	assert_int_equal(store_run(st, next_ids, ids), 0);
	assert_true(ids[0] >= 10);
	st->id_block = 0;
	uint64_t after[3];
	assert_int_equal(store_run(st, next_ids, after), 0);
	assert_true(after[0] > ids[2]);
	tl_close(&t);
}

struct cput_arg {
	const char *v;	/* the value of "a" to write */
	bool fail;	/* end with an error: the transaction aborts */
	int cursors;	/* cursors open at the end of the function */
	int again;	/* store_cput of "a" with STORE_PUT_NEW after writing it */
};

static int cput_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct cput_arg *a = arg;
	DB *meta = store_db(st, DBI_META), *units = store_db(st, DBI_UNITS);
	int rc = store_cput(st, meta, txn, "a", 1, a->v, strlen(a->v), 0);
	if (rc == 0)
		rc = store_cput(st, units, txn, "u", 1, "x", 1, 0);
	/* A second write to the same database goes through the same cursor; a plain read sees it. */
	if (rc == 0)
		rc = store_cput(st, meta, txn, "b", 1, "2", 1, 0);
	void *v = NULL;
	if (rc == 0)
		rc = store_get(meta, txn, "a", 1, &v, NULL, false);
	free(v);
	a->again = store_cput(st, meta, txn, "a", 1, "new", 3, STORE_PUT_NEW);
	a->cursors = st->nputc;
	return rc == 0 && a->fail ? errmsg_set(ZZ_EINVAL, "测试中止") : rc;
}

static void test_cput(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, false);
	struct store *st = t.c->st;
	DB *meta = store_db(st, DBI_META);
	st->put_cursors = true;
	struct cput_arg a = {.v = "1"};
	assert_int_equal(store_run(st, cput_txn, &a), 0);
	assert_int_equal(a.cursors, 2); /* one per database written */
	assert_int_equal(a.again, ZZ_EEXIST);
	/* Closed before the commit; what was written is there, the refused write is not. */
	assert_int_equal(st->nputc, 0);
	assert_stored(meta, "a", "1");
	assert_stored(store_db(st, DBI_UNITS), "u", "x");
	/* An existing key is replaced; an abort closes the cursors too and takes the writes back. */
	a = (struct cput_arg){.v = "22"};
	assert_int_equal(store_run(st, cput_txn, &a), 0);
	assert_stored(meta, "a", "22");
	a = (struct cput_arg){.v = "333", .fail = true};
	assert_int_equal(store_run(st, cput_txn, &a), ZZ_EINVAL);
	assert_int_equal(st->nputc, 0);
	assert_stored(meta, "a", "22");
	/* Without bulk work (or a transaction) it is DB->put: no cursor is kept. */
	st->put_cursors = false;
	a = (struct cput_arg){.v = "4"};
	assert_int_equal(store_run(st, cput_txn, &a), 0);
	assert_int_equal(a.cursors, 0);
	assert_int_equal(a.again, ZZ_EEXIST);
	assert_int_equal(store_cput(st, meta, NULL, "c", 1, "3", 1, STORE_PUT_NEW), 0);
	assert_int_equal(store_cput(st, meta, NULL, "c", 1, "3", 1, STORE_PUT_NEW), ZZ_EEXIST);
	tl_close(&t);
}

static int retry_once(struct store *st, DB_TXN *txn, void *arg)
{
	(void)st;
	(void)txn;
	int *calls = arg;
	return ++*calls < 3 ? ZZ_ERETRY : 0;
}

static void test_retry_and_failchk(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, false);
	int calls = 0;
	/* A deadlock or lock timeout re-runs the function (after failchk). */
	assert_int_equal(store_run(t.c->st, retry_once, &calls), 0);
	assert_int_equal(calls, 3);
	assert_int_equal(store_failchk(t.c->st), 0);
	assert_int_equal(store_checkpoint(t.c->st), 0);
	assert_int_equal(store_flush(t.c->st), 0);
	tl_close(&t);
}

static void test_reopen(void **state)
{
	(void)state;
	struct tl t;
	int64_t t0 = (int64_t)time(NULL), made = 0, again = 0;
	tl_open(&t, true);
	/* The moment the home was made is kept, and not moved by opening it again. */
	assert_int_equal(store_made(t.c->st, &made), 0);
	assert_true(made >= t0 && made <= (int64_t)time(NULL));
	assert_int_equal(tl_household(&t, NULL, "11010519491231002X", "张三", "321204001001001", NULL), 0);
	store_close(&t.c->st);
	assert_null(t.c->st);
	assert_int_equal(ctx_open_store(t.c, 0), 0);
	assert_int_equal(store_made(t.c->st, &again), 0);
	assert_int_equal(again, made);
	long n = 0;
	assert_int_equal(record_count_unit(t.c->st, NULL, schema_type(t.c->schema, "household"), NULL, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_err(DB_NOTFOUND, "x"), ZZ_ENOENT);
	assert_int_equal(store_err(DB_LOCK_DEADLOCK, "x"), ZZ_ERETRY);
	assert_int_equal(store_err(DB_RUNRECOVERY, "x"), ZZ_EDB);
	tl_close(&t);
}

/* The log's end (file and offset) of ST's environment. */
static DB_LSN log_end(struct store *st)
{
	DB_LOG_STAT *ls = NULL;
	assert_int_equal(st->env->log_stat(st->env, &ls, 0), 0);
	DB_LSN lsn = {ls->st_cur_file, ls->st_cur_offset};
	free(ls);
	return lsn;
}

/* ARG: a one-byte key, then its value. */
static int put_kv(struct store *st, DB_TXN *txn, void *arg)
{
	const char *kv = arg;
	return store_put(store_db(st, DBI_META), txn, kv, 1, kv + 1, strlen(kv + 1));
}

/* store_set_durable: without the log nothing a transaction writes reaches it; back to durable,
 * what was written is in the files (read again after the store is closed and reopened) and later
 * writes are logged again. */
static void test_set_durable(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, false);
	struct store *st = t.c->st;
	assert_int_equal(store_set_durable(st, false), 0);
	assert_true(st->not_durable);
	DB_LSN before = log_end(st);
	assert_int_equal(store_run(st, put_kv, "xunlogged"), 0);
	DB_LSN after = log_end(st);
	/* Only the commit record, no write. */
	assert_true(after.file == before.file && after.offset - before.offset < 100);
	assert_int_equal(store_set_durable(st, true), 0);
	assert_false(st->not_durable);
	before = log_end(st);
	assert_int_equal(store_run(st, put_kv, "ylogged"), 0);
	after = log_end(st);
	assert_true(after.file > before.file || after.offset - before.offset > 100);
	store_close(&t.c->st);
	assert_int_equal(ctx_open_store(t.c, 0), 0);
	assert_stored(store_db(t.c->st, DBI_META), "x", "unlogged");
	assert_stored(store_db(t.c->st, DBI_META), "y", "logged");
	tl_close(&t);
}

/* The cache of ST's environment in MiB, as Berkeley DB reports it (it adds a quarter to a cache
 * under 500 MB). */
static long long cache_mib(struct store *st)
{
	u_int32_t g = 0, b = 0;
	int n = 0;
	assert_int_equal(st->env->get_cachesize(st->env, &g, &b, &n), 0);
	return (long long)g * 1024 + b / (1024 * 1024);
}

/* store_set_cache (issue 17, the demo city): the regions are made anew with the cache and the
 * watch period asked for, what was written before and between is kept, and 0 goes back to
 * db.cache_mb and db.watch_ms; nothing changes while the databases are open without the log. */
static void test_set_cache(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, false);
	struct store *st = t.c->st;
	long long conf_mb = conf_int(t.c->conf, "db.cache_mb");
	assert_true(conf_mb >= 256);
	assert_int_equal(store_run(st, put_kv, "abefore"), 0);
	long conf_watch = (long)conf_int(t.c->conf, "db.watch_ms");
	assert_int_equal(store_set_cache(st, 64, 7000), 0);
	assert_int_equal(st->cache_mb, 64);
	assert_int_equal(st->watch_ms, 7000);
	assert_true(cache_mib(st) >= 64 && cache_mib(st) < 128);
	assert_stored(store_db(st, DBI_META), "a", "before");
	assert_int_equal(store_run(st, put_kv, "bbetween"), 0);
	assert_int_equal(store_set_durable(st, false), 0);
	assert_int_equal(store_set_cache(st, 0, 0), 0);
	assert_int_equal(st->cache_mb, 64);
	assert_int_equal(st->watch_ms, 7000);
	assert_int_equal(store_set_durable(st, true), 0);
	assert_int_equal(store_set_cache(st, 0, 0), 0);
	assert_int_equal(st->cache_mb, 0);
	assert_int_equal(st->watch_ms, conf_watch);
	assert_true(cache_mib(st) >= conf_mb);
	store_close(&t.c->st);
	assert_int_equal(ctx_open_store(t.c, 0), 0);
	assert_true(cache_mib(t.c->st) >= conf_mb);
	assert_stored(store_db(t.c->st, DBI_META), "a", "before");
	assert_stored(store_db(t.c->st, DBI_META), "b", "between");
	tl_close(&t);
}

/* The index of record type ID in the schema of T. */
static int rec_index(struct tl *t, const char *id)
{
	for (int i = 0; i < t->c->schema->n; i++)
		if (!strcmp(t->c->schema->t[i]->id, id))
			return i;
	fail_msg("no record type %s", id);
	return -1;
}

/* Issue 17: a database is opened on first use and kept (a session at the menu needs few of
 * them); a home is made with every file, and a file missing is made at the next open; a record
 * type's database that cannot be opened gives NULL with the reason, which the helpers pass on. */
static void test_first_use(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	int hh = rec_index(&t, "household"), person = rec_index(&t, "person");
	for (int i = 0; i < t.c->schema->n; i++)
		assert_non_null(t.c->st->rec[i]);
	assert_int_equal(tl_household(&t, NULL, "11010519491231002X", "张三", "321204001001001", NULL), 0);
	store_close(&t.c->st);
	char *pf = xasprintf("%s/rec_person.db", t.c->home), *rf = xasprintf("%s/remind.db", t.c->home);
	assert_int_equal(unlink(pf), 0);
	assert_int_equal(unlink(rf), 0);
	assert_int_equal(ctx_open_store(t.c, 0), 0);
	struct store *st = t.c->st;
	assert_int_equal(access(pf, F_OK), 0);
	assert_int_equal(access(rf, F_OK), 0);
	assert_non_null(st->rec[person]);
	for (int i = 0; i < t.c->schema->n; i++)
		if (i != person)
			assert_null(st->rec[i]);
	/* Made anew (remind.db), or read by ctx_open_store (the unit tree: meta.db, units.db). */
	assert_non_null(st->db[DBI_REMIND]);
	for (int i = 0; i < st->ndb; i++)
		if (i != DBI_REMIND && i != DBI_META && i != DBI_UNITS)
			assert_null(st->db[i]);
	DB *attach = store_db(st, DBI_ATTACH);
	assert_non_null(attach);
	assert_ptr_equal(st->db[DBI_ATTACH], attach);
	assert_ptr_equal(store_db(st, DBI_ATTACH), attach);
	assert_null(st->db[DBI_ATTACH_REF]);
	assert_null(store_db(st, st->ndb));
	long n = 0;
	const struct rtype *type = t.c->schema->t[hh];
	assert_int_equal(record_count_unit(st, NULL, type, NULL, &n), 0);
	assert_int_equal(n, 1);
	DB *db = store_rec_db(st, type);
	assert_non_null(db);
	assert_ptr_equal(st->rec[hh], db);
	assert_ptr_equal(store_rec_db(st, type), db);
	/* A file that is not a database: refused when first used, with its name. */
	const struct rtype *other = NULL;
	for (int i = 0; i < t.c->schema->n && !other; i++)
		if (i != hh && i != person)
			other = t.c->schema->t[i];
	char *of = xasprintf("%s/rec_%s.db", t.c->home, other->id);
	tl_write(of, "not a database");
	struct rec *r = NULL;
	assert_null(store_rec_db(st, other));
	assert_errmsg_has(other->id);
	assert_int_equal(record_load(st, NULL, other, 1, &r, false), ZZ_EDB);
	assert_null(r);
	assert_int_equal(store_put(NULL, NULL, "k", 1, "v", 1), ZZ_EDB);
	assert_int_equal(store_del(NULL, NULL, "k", 1), ZZ_EDB);
	free(of);
	free(pf);
	free(rf);
	tl_close(&t);
}

static int no_daily(const struct daily_row *r, void *arg)
{
	(void)r;
	(void)arg;
	return 0;
}

static int no_claim(const struct claim *cl, void *arg)
{
	(void)cl;
	(void)arg;
	return 0;
}

/* A database of core's or a feature's that cannot be opened on first use (its file damaged since
 * init) gives NULL with the file's name, and its readers ZZ_EDB: the process goes on and the
 * person is told why, where it once ended (fatal) in the middle of a session. The next use tries
 * again. */
static void test_first_use_fails(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	store_close(&t.c->st);
	assert_int_equal(ctx_open_store(t.c, 0), 0);
	struct store *st = t.c->st;
	char *daily = xasprintf("%s/%s", t.c->home, st->dbfile[DBI_EV_DAILY]);
	char *claims = xasprintf("%s/%s", t.c->home, st->dbfile[DBI_CLAIM_WAIT]);
	tl_write(daily, "not a database");
	tl_write(claims, "not a database");
	assert_null(store_db(st, DBI_EV_DAILY));
	assert_errmsg_has("ev_daily.db");
	errmsg_clear();
	assert_int_equal(daily_scan(t.c, "321204001001001", 0, 99999, no_daily, NULL), ZZ_EDB);
	assert_errmsg_has("ev_daily.db");
	assert_int_equal(claim_scan(st, NULL, "321204001001001", no_claim, NULL), ZZ_EDB);
	assert_errmsg_has("claim_wait.db");
	assert_null(st->db[DBI_CLAIM_WAIT]);
	/* Put right (here: the file removed, so that the open makes it anew), it opens. */
	assert_int_equal(unlink(daily), 0);
	assert_non_null(store_db(st, DBI_EV_DAILY));
	assert_int_equal(daily_scan(t.c, "321204001001001", 0, 99999, no_daily, NULL), 0);
	free(daily);
	free(claims);
	tl_close(&t);
}

/* Threads that first use the same databases at once get one handle each (opened once, under
 * the lock), and later uses read it without the lock. */
struct first_use {
	struct store *st;
	const struct rtype *t;
	pthread_barrier_t *go;
	DB *db, *rec;
};

static void *first_use_run(void *arg)
{
	struct first_use *f = arg;
	pthread_barrier_wait(f->go);
	f->db = store_db(f->st, DBI_ATTACH_REF);
	f->rec = store_rec_db(f->st, f->t);
	return NULL;
}

static void test_first_use_threads(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, false);
	store_close(&t.c->st);
	assert_int_equal(ctx_open_store(t.c, 0), 0);
	struct store *st = t.c->st;
	const struct rtype *type = schema_type(t.c->schema, "household");
	assert_null(st->db[DBI_ATTACH_REF]);
	assert_null(st->rec[type->index]);
	enum { N = 4 };
	pthread_barrier_t go;
	pthread_barrier_init(&go, NULL, N);
	struct first_use f[N];
	pthread_t th[N];
	for (int i = 0; i < N; i++) {
		f[i] = (struct first_use){.st = st, .t = type, .go = &go};
		assert_int_equal(pthread_create(&th[i], NULL, first_use_run, &f[i]), 0);
	}
	for (int i = 0; i < N; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&go);
	for (int i = 0; i < N; i++) {
		assert_non_null(f[i].db);
		assert_ptr_equal(f[i].db, st->db[DBI_ATTACH_REF]);
		assert_ptr_equal(f[i].rec, st->rec[type->index]);
	}
	assert_non_null(st->rec[type->index]);
	tl_close(&t);
}

/* An environment that died under the process (as when another process is killed inside Berkeley
 * DB and failchk marks it dead) is opened anew by store_revive, and by store_run itself: what was
 * committed is there, and the handles work again. In a child (with its own handles) ended with
 * _exit: Berkeley DB keeps
 * what it allocated for a dead environment (a few hundred KB each time), which LeakSanitizer
 * would report. Returns the first check that failed, 0 when all held. */
static int revive_checks(struct tl *t)
{
	struct store *st = t->c->st;
	const struct rtype *hh = schema_type(t->c->schema, "household");
	long n = 0;
	if (tl_household(t, NULL, "11010519491231002X", "张三", "321204001001001", NULL) != 0)
		return 1;
	st->env->set_flags(st->env, DB_PANIC_ENVIRONMENT, 1);
	if (record_count_unit(st, NULL, hh, NULL, &n) != ZZ_EDB || !strstr(errmsg(), "数据库需要恢复"))
		return 2;
	if (store_revive(st) != 0 || record_count_unit(st, NULL, hh, NULL, &n) != 0 || n != 1)
		return 3;
	/* Found by the watchdog instead: the next transaction opens it anew before it begins. */
	st->env->set_flags(st->env, DB_PANIC_ENVIRONMENT, 1);
	atomic_store(&st->stale, true);
	if (tl_household(t, NULL, "110105194912310038", "李四", "321204001001001", NULL) != 0)
		return 4;
	if (record_count_unit(st, NULL, hh, NULL, &n) != 0 || n != 2)
		return 5;
	return 0;
}

static void test_revive(void **state)
{
	(void)state;
	struct tl t;
	tl_init_conf(&t, NULL, NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		tl_open_ctx(&t, true);
		_exit(revive_checks(&t));
	}
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	tl_close(&t);
}

/* Encryption at rest (9.7): the key file must be private and long enough; then every file of the
 * home is encrypted and the home reopens with the key. */
static void test_encrypt(void **state)
{
	(void)state;
	char *key = xasprintf("/tmp/zz-unit-key-%ld", (long)getpid());
	char *edit = xasprintf("key_file = \"%s\";", key);
	struct tl t;
	tl_init_conf(&t, "key_file = \"\";", edit);
	tl_write(key, "short\n");
	chmod(key, 0600);
	assert_int_equal(ctx_load(&t.c, t.conf, NULL, domain_features), 0);
	assert_int_equal(ctx_open_store(t.c, STORE_CREATE), ZZ_EDB);
	assert_errmsg_has("至少 16 个字符");
	tl_write(key, "0123456789abcdef0123\n");
	chmod(key, 0644);
	assert_int_equal(ctx_open_store(t.c, STORE_CREATE), ZZ_EDB);
	assert_errmsg_has("权限 0600 或 0400");
	chmod(key, 0600);
	assert_int_equal(ctx_open_store(t.c, STORE_CREATE), 0);
	assert_true(t.c->st->encrypt);
	unlink(key);
	free(key);
	free(edit);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_requires_init),
		cmocka_unit_test(test_feature_dbs),
		cmocka_unit_test(test_get_put_del),
		cmocka_unit_test(test_counters_and_abort), cmocka_unit_test(test_retry_and_failchk),
		cmocka_unit_test(test_reopen), cmocka_unit_test(test_revive), cmocka_unit_test(test_cput),
		cmocka_unit_test(test_encrypt), cmocka_unit_test(test_first_use), cmocka_unit_test(test_first_use_threads),
		cmocka_unit_test(test_first_use_fails), cmocka_unit_test(test_set_durable),
		cmocka_unit_test(test_set_cache),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
