/* store.c — one transactional Berkeley DB environment shared by every process. */
#include "store.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

const struct store_dbdef store_dbdefs[DBI__COUNT] = {
	[DBI_META] = {"meta.db", DB_BTREE},
	[DBI_UNITS] = {"units.db", DB_BTREE},
	[DBI_USERS] = {"users.db", DB_BTREE},
	[DBI_AUDIT] = {"audit.db", DB_BTREE},
	[DBI_IDX_KEY] = {"idx_key.db", DB_BTREE},
	[DBI_IDX_UNIT] = {"idx_unit.db", DB_BTREE},
	[DBI_IDX_IDNUM] = {"idx_idnum.db", DB_BTREE},
	[DBI_IDX_NAME] = {"idx_name.db", DB_BTREE},
	[DBI_IDX_DUE] = {"idx_due.db", DB_BTREE},
	[DBI_EVENTS] = {"events.db", DB_BTREE},
	[DBI_EV_STEPS] = {"ev_steps.db", DB_BTREE},
	[DBI_EV_UNIT] = {"ev_unit.db", DB_BTREE},
	[DBI_EV_OPEN] = {"ev_open.db", DB_BTREE},
	[DBI_EV_SCORE] = {"ev_score.db", DB_BTREE},
	[DBI_EV_DAILY] = {"ev_daily.db", DB_BTREE},
	[DBI_CLAIMS] = {"claims.db", DB_BTREE},
	[DBI_IMPORTS] = {"imports.db", DB_BTREE},
	[DBI_REMIND] = {"remind.db", DB_BTREE},
};

int store_err(int rc, const char *what)
{
	switch (rc) {
	case 0:
		return 0;
	case DB_NOTFOUND:
		return ZZ_ENOENT;
	case DB_KEYEXIST:
		return ZZ_EEXIST;
	case DB_LOCK_DEADLOCK:
	case DB_LOCK_NOTGRANTED:
		return ZZ_ERETRY;
	case DB_RUNRECOVERY:
		return errmsg_set(ZZ_EDB, "数据库需要恢复（%s）：请管理员重启服务", what);
	default:
		return errmsg_set(ZZ_EDB, "数据库错误（%s）：%s", what, db_strerror(rc));
	}
}

static int store_isalive(DB_ENV *env, pid_t pid, db_threadid_t tid, u_int32_t flags)
{
	(void)env;
	(void)tid;
	(void)flags;
	return kill(pid, 0) == 0 || errno != ESRCH;
}

static void store_errcall(const DB_ENV *env, const char *prefix, const char *msg)
{
	(void)env;
	(void)prefix;
	/* Berkeley DB's own diagnostics are for administrators; the caller reports the failure. */
	if (getenv("ZONGZHI_DB_DEBUG"))
		fprintf(stderr, "bdb: %s\n", msg);
}

/* Informational messages (failchk freeing a dead process's locks) would land on a curses screen. */
static void store_msgcall(const DB_ENV *env, const char *msg)
{
	(void)env;
	if (getenv("ZONGZHI_DB_DEBUG"))
		fprintf(stderr, "bdb: %s\n", msg);
}

static int store_open_db(struct store *st, DB **out, const char *file, DBTYPE type)
{
	DB *db = NULL;
	int rc = db_create(&db, st->env, 0);
	if (rc)
		return store_err(rc, file);
	rc = db->open(db, NULL, file, NULL, type, DB_CREATE | DB_AUTO_COMMIT | DB_THREAD, 0600);
	if (rc) {
		db->close(db, 0);
		return store_err(rc, file);
	}
	*out = db;
	return 0;
}

int store_open(struct store **out, const char *home, const struct conf *c, const struct schema *s,
	       unsigned flags)
{
	struct stat sb;
	if (stat(home, &sb) < 0) {
		if (!(flags & STORE_CREATE))
			return errmsg_set(ZZ_ENOENT, "数据库目录 %s 不存在（先运行 zongzhi init）", home);
		if (mkdir(home, 0700) < 0)
			return errmsg_set(ZZ_EDB, "无法创建数据库目录 %s：%s", home, strerror(errno));
	} else if (!S_ISDIR(sb.st_mode)) {
		return errmsg_set(ZZ_EDB, "%s 不是目录", home);
	}
	if (!(flags & STORE_CREATE)) {
		char *meta = xasprintf("%s/meta.db", home);
		int missing = access(meta, F_OK) != 0;
		free(meta);
		if (missing)
			return errmsg_set(ZZ_ENOENT, "数据库目录 %s 中没有数据库（先运行 zongzhi init）", home);
	}
	struct store *st = xcalloc(1, sizeof *st);
	st->home = xstrdup(home);
	st->schema = s;
	int rc = db_env_create(&st->env, 0);
	if (rc) {
		free(st->home);
		free(st);
		return store_err(rc, "db_env_create");
	}
	DB_ENV *env = st->env;
	env->set_errcall(env, store_errcall);
	env->set_msgcall(env, store_msgcall);
	long long cache = conf_int(c, "db.cache_mb");
	env->set_cachesize(env, (u_int32_t)(cache / 1024), (u_int32_t)((cache % 1024) * 1024 * 1024), 1);
	env->set_lg_max(env, (u_int32_t)conf_int(c, "db.log_mb") * 1024 * 1024);
	env->set_lk_detect(env, DB_LOCK_DEFAULT);
	env->set_timeout(env, (db_timeout_t)conf_int(c, "db.lock_timeout_ms") * 1000, DB_SET_LOCK_TIMEOUT);
	env->set_thread_count(env, (u_int32_t)conf_int(c, "db.max_processes"));
	env->set_isalive(env, store_isalive);
	env->set_lk_max_locks(env, 200000);
	env->set_lk_max_objects(env, 200000);
	env->set_lk_max_lockers(env, 20000);
	env->set_tx_max(env, 2000);
	/* No DB_FAILCHK here: with it, an open after a process was killed inside Berkeley DB (holding
	 * the region's mutex, as a kill -9 of an import often is) waits for that mutex for ever.
	 * DB_REGISTER | DB_RECOVER finds the dead process and recovers instead; failchk is still run
	 * on a retry (store_run) and by the listener when a session dies. */
	u_int32_t eflags = DB_CREATE | DB_INIT_TXN | DB_INIT_LOCK | DB_INIT_LOG | DB_INIT_MPOOL |
			   DB_THREAD | DB_REGISTER | DB_RECOVER;
	rc = env->open(env, home, eflags, 0600);
	if (rc) {
		rc = store_err(rc, "打开数据库环境");
		env->close(env, 0);
		free(st->home);
		free(st);
		return rc;
	}
	for (int i = 0; i < DBI__COUNT && rc == 0; i++)
		rc = store_open_db(st, &st->db[i], store_dbdefs[i].file, store_dbdefs[i].type);
	st->rec = xcalloc((size_t)(s ? s->n : 0) + 1, sizeof *st->rec);
	for (int i = 0; s && i < s->n && rc == 0; i++) {
		char *file = xasprintf("rec_%s.db", s->t[i]->id);
		rc = store_open_db(st, &st->rec[i], file, DB_BTREE);
		free(file);
	}
	if (rc < 0) {
		store_close(&st);
		return rc;
	}
	*out = st;
	return 0;
}

void store_close(struct store **stp)
{
	struct store *st = *stp;
	if (!st)
		return;
	for (int i = 0; st->schema && st->rec && i < st->schema->n; i++)
		if (st->rec[i])
			st->rec[i]->close(st->rec[i], 0);
	for (int i = 0; i < DBI__COUNT; i++)
		if (st->db[i])
			st->db[i]->close(st->db[i], 0);
	if (st->env)
		st->env->close(st->env, 0);
	free(st->rec);
	free(st->home);
	free(st);
	*stp = NULL;
}

DB *store_rec_db(const struct store *st, const struct rtype *t)
{
	for (int i = 0; i < st->schema->n; i++)
		if (st->schema->t[i] == t)
			return st->rec[i];
	fatal("record type %s has no database", t->id);
}

int store_failchk(struct store *st)
{
	int rc = st->env->failchk(st->env, 0);
	return rc ? store_err(rc, "failchk") : 0;
}

int store_checkpoint(struct store *st)
{
	int rc = st->env->txn_checkpoint(st->env, 0, 0, 0);
	return rc ? store_err(rc, "checkpoint") : 0;
}

int store_run(struct store *st, store_fn fn, void *arg)
{
	int rc = ZZ_ERETRY;
	for (int attempt = 0; attempt < 50 && rc == ZZ_ERETRY; attempt++) {
		DB_TXN *txn = NULL;
		if (attempt > 0) {
			int frc = store_failchk(st);
			if (frc < 0)
				return frc;
			usleep((useconds_t)(1000 * (attempt < 10 ? attempt : 10)));
		}
		int dbrc = st->env->txn_begin(st->env, NULL, &txn, 0);
		if (dbrc)
			return store_err(dbrc, "txn_begin");
		rc = fn(st, txn, arg);
		if (rc == 0) {
			dbrc = txn->commit(txn, 0);
			rc = dbrc ? store_err(dbrc, "txn_commit") : 0;
		} else {
			txn->abort(txn);
		}
	}
	if (rc == ZZ_ERETRY)
		rc = errmsg_set(ZZ_EDB, "数据库繁忙，请稍后再试");
	return rc;
}

int store_get(DB *db, DB_TXN *txn, const void *k, size_t kn, void **v, size_t *vn, bool rmw)
{
	DBT key = {.data = (void *)k, .size = (u_int32_t)kn};
	DBT val = {.flags = DB_DBT_MALLOC};
	int rc = db->get(db, txn, &key, &val, rmw ? DB_RMW : 0);
	if (rc)
		return store_err(rc, "读取");
	*v = val.data;
	if (vn)
		*vn = val.size;
	return 0;
}

int store_put(DB *db, DB_TXN *txn, const void *k, size_t kn, const void *v, size_t vn)
{
	DBT key = {.data = (void *)k, .size = (u_int32_t)kn};
	DBT val = {.data = (void *)v, .size = (u_int32_t)vn};
	int rc = db->put(db, txn, &key, &val, 0);
	return rc ? store_err(rc, "写入") : 0;
}

int store_del(DB *db, DB_TXN *txn, const void *k, size_t kn)
{
	DBT key = {.data = (void *)k, .size = (u_int32_t)kn};
	int rc = db->del(db, txn, &key, 0);
	return rc ? store_err(rc, "删除") : 0;
}

int store_next_id(struct store *st, DB_TXN *txn, const char *name, uint64_t *out)
{
	char *k = xasprintf("seq:%s", name);
	void *v = NULL;
	size_t vn = 0;
	uint64_t n = 0;
	int rc = store_get(st->db[DBI_META], txn, k, strlen(k), &v, &vn, true);
	if (rc == 0 && vn == 8)
		n = be64_get(v);
	free(v);
	if (rc < 0 && rc != ZZ_ENOENT) {
		free(k);
		return rc;
	}
	unsigned char buf[8];
	be64_put(buf, ++n);
	rc = store_put(st->db[DBI_META], txn, k, strlen(k), buf, 8);
	free(k);
	if (rc == 0)
		*out = n;
	return rc;
}
