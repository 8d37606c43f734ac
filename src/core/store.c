/* store.c — one transactional Berkeley DB environment shared by every process. */
#include "store.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "repl.h"
#include "util.h"

const struct store_dbdef store_dbdefs[DBI__CORE] = {
	{DBI_META, "meta.db", DB_BTREE},	   {DBI_UNITS, "units.db", DB_BTREE},
	{DBI_USERS, "users.db", DB_BTREE},	   {DBI_AUDIT, "audit.db", DB_BTREE},
	{DBI_IDX_KEY, "idx_key.db", DB_BTREE},	   {DBI_IDX_UNIT, "idx_unit.db", DB_BTREE},
	{DBI_IDX_IDNUM, "idx_idnum.db", DB_BTREE}, {DBI_IDX_NAME, "idx_name.db", DB_BTREE},
	{DBI_IDX_DUE, "idx_due.db", DB_BTREE},	   {DBI_REMIND, "remind.db", DB_BTREE},
};

/* Reserved ids are forgotten when a transaction aborts: its reservation may be rolled back. */
static void store_ids_reset(struct store *st)
{
	for (int i = 0; i < st->nids; i++)
		free(st->ids[i].name);
	free(st->ids);
	st->ids = NULL;
	st->nids = 0;
}

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

/* The process registry of DB_REGISTER (__db.register): fixed lines of 25 bytes, a process id or
 * "X…0" for a free slot; a live process holds a lock on the first byte of its line, and whoever
 * changes the file holds byte 1. An opener that finds a line whose byte it can lock runs full
 * recovery, which pulls the environment from under every running process. When failchk has
 * already cleaned up after the dead process, its line is freed here, so that the next opener
 * recovers nothing. Locks are open-file-description locks: they conflict with Berkeley DB's,
 * and our descriptor stays open (closing any descriptor of the file would drop the process's own
 * registration).
 * Why not the API alone: in 5.3, DB_ENV->failchk (with set_isalive) frees a dead process's locks
 * and transactions but not its registry line, and no call does. The API's answer, opening with
 * DB_FAILCHK, is what store_open uses (in a child, bounded: it hangs on a dead holder of a region
 * mutex); tests/e2e/cli_crash.sh's bystander loses its environment without it. Freeing the line
 * here is not needed for that test to pass; it spares later openers the probe's fork. */
#define REG_LINE 25
static const char reg_free[REG_LINE + 1] = "X                      0\n";

static int reg_lock(int fd, off_t at, short type)
{
	struct flock fl = {.l_type = type, .l_whence = SEEK_SET, .l_start = at, .l_len = 1};
	return fcntl(fd, F_OFD_SETLK, &fl);
}

/* Offsets of lines whose process is gone; at most N. */
static int reg_dead(struct store *st, off_t *dead, int n)
{
	struct stat sb;
	if (st->regfd < 0 || fstat(st->regfd, &sb) < 0 || sb.st_size <= 0)
		return 0;
	size_t size = (size_t)sb.st_size;
	char *buf = xmalloc(size);
	int k = 0;
	if (pread(st->regfd, buf, size, 0) == (ssize_t)size)
		for (size_t pos = 0; pos + REG_LINE <= size && k < n; pos += REG_LINE) {
			if (!memcmp(buf + pos, reg_free, REG_LINE))
				continue;
			if (strtoul(buf + pos, NULL, 10) == (unsigned long)getpid())
				continue;
			if (reg_lock(st->regfd, (off_t)pos, F_WRLCK) == 0) {
				reg_lock(st->regfd, (off_t)pos, F_UNLCK);
				dead[k++] = (off_t)pos;
			}
		}
	free(buf);
	return k;
}

/* Free the lines of DEAD (found before a failchk that succeeded) that are still dead. */
static void reg_clear(struct store *st, const off_t *dead, int n)
{
	if (n == 0 || reg_lock(st->regfd, 1, F_WRLCK) < 0)
		return;
	for (int i = 0; i < n; i++)
		if (reg_lock(st->regfd, dead[i], F_WRLCK) == 0) {
			if (pwrite(st->regfd, reg_free, REG_LINE, dead[i]) != REG_LINE)
				break;
			reg_lock(st->regfd, dead[i], F_UNLCK);
		}
	reg_lock(st->regfd, 1, F_UNLCK);
}

/* Returns 1 when this process ran failchk and it succeeded, 0 when another process was at it. */
static int store_failchk_run(struct store *st)
{
	if (pthread_mutex_trylock(&st->failchk_mu) != 0)
		return 0; /* another thread of this process is checking right now */
	if (st->lockfd >= 0 && flock(st->lockfd, LOCK_EX | LOCK_NB) < 0) {
		pthread_mutex_unlock(&st->failchk_mu);
		return 0; /* another process is checking right now */
	}
	off_t dead[64];
	int ndead = reg_dead(st, dead, (int)ARRAY_LEN(dead));
	int rc = st->env->failchk(st->env, 0);
	if (rc == 0)
		reg_clear(st, dead, ndead);
	if (st->lockfd >= 0)
		flock(st->lockfd, LOCK_UN);
	pthread_mutex_unlock(&st->failchk_mu);
	return rc ? store_err(rc, "failchk") : 1;
}

int store_failchk(struct store *st)
{
	int rc = store_failchk_run(st);
	return rc < 0 ? rc : 0;
}

/* Berkeley DB checks lock timeouts only when deadlock detection runs, and releases a dead process's
 * locks only in failchk; a process blocked on such a lock cannot do either. So every process runs
 * both from a thread: a waiter behind a dead process goes on within db.watch_ms, one behind a live
 * but slow one gets DB_LOCK_NOTGRANTED after db.lock_timeout_ms and store_run retries. */
static void *store_watch(void *arg)
{
	struct store *st = arg;
	pthread_mutex_lock(&st->watch_mu);
	while (!st->stop) {
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += st->watch_ms / 1000;
		until.tv_nsec += (st->watch_ms % 1000) * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&st->watch_cv, &st->watch_mu, &until);
		if (st->stop)
			break;
		pthread_mutex_unlock(&st->watch_mu);
		store_failchk(st);
		st->env->lock_detect(st->env, 0, DB_LOCK_EXPIRE, NULL);
		pthread_mutex_lock(&st->watch_mu);
	}
	pthread_mutex_unlock(&st->watch_mu);
	return NULL;
}

static void store_watch_start(struct store *st)
{
	pthread_mutex_init(&st->watch_mu, NULL);
	pthread_cond_init(&st->watch_cv, NULL);
	/* The thread takes no signals: they stay with the main thread, whose handlers set flags. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	st->watching = pthread_create(&st->watch, NULL, store_watch, st) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

static void store_watch_stop(struct store *st)
{
	if (!st->watching)
		return;
	pthread_mutex_lock(&st->watch_mu);
	st->stop = true;
	pthread_cond_signal(&st->watch_cv);
	pthread_mutex_unlock(&st->watch_mu);
	pthread_join(st->watch, NULL);
	st->watching = false;
	pthread_cond_destroy(&st->watch_cv);
	pthread_mutex_destroy(&st->watch_mu);
}

static void store_msgcall(const DB_ENV *env, const char *msg)
{
	(void)env;
	/* failchk reports the locks it freed; administrators see them with ZONGZHI_DB_DEBUG. */
	if (getenv("ZONGZHI_DB_DEBUG"))
		fprintf(stderr, "bdb: %s\n", msg);
}

/* Berkeley DB's own order (unsigned bytes, the shorter first), by memcmp: the library's byte loop
 * was the largest single cost of an import. db_verify, db_dump and db_load see the same order.
 * A comparison function makes DB->get return the key: key DBTs of DB->get need DB_DBT_USERMEM
 * (store_get does it). */
static int store_cmp(DB *db, const DBT *a, const DBT *b)
{
	(void)db;
	size_t n = a->size < b->size ? a->size : b->size;
	int c = n ? memcmp(a->data, b->data, n) : 0;
	if (c)
		return c;
	return a->size < b->size ? -1 : a->size > b->size;
}

/* With a comparison function Berkeley DB drops its default prefix function; this one is the same
 * (the bytes that tell B from A), so that internal pages keep short keys. */
static size_t store_prefix(DB *db, const DBT *a, const DBT *b)
{
	(void)db;
	size_t n = a->size < b->size ? a->size : b->size;
	const unsigned char *p = a->data, *q = b->data;
	for (size_t i = 0; i < n; i++)
		if (p[i] != q[i])
			return i + 1;
	return a->size != b->size ? n + 1 : b->size;
}

int store_env_encrypt(DB_ENV *env, const struct conf *c)
{
	if (str_empty(conf_str(c, "db.key_file")))
		return 0;
	char *path = conf_path(c, "db.key_file");
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat sb;
	int rc = 0;
	if (fd < 0 || fstat(fd, &sb) < 0)
		rc = errmsg_set(ZZ_EDB, "无法读取数据库密钥文件 %s：%s", path, strerror(errno));
	else if (!S_ISREG(sb.st_mode) || sb.st_uid != geteuid() || (sb.st_mode & 077))
		rc = errmsg_set(ZZ_EDB, "数据库密钥文件 %s 应属于运行本服务的账号、权限 0600 或 0400", path);
	char key[257] = "";
	ssize_t n = rc == 0 ? read(fd, key, sizeof key - 1) : 0;
	if (fd >= 0)
		close(fd);
	if (rc == 0) {
		key[n > 0 ? n : 0] = '\0';
		key[strcspn(key, "\r\n")] = '\0';
		if (strlen(key) < 16)
			rc = errmsg_set(ZZ_EDB, "数据库密钥文件 %s 的第一行应至少 16 个字符", path);
	}
	if (rc == 0) {
		int dbrc = env->set_encrypt(env, key, DB_ENCRYPT_AES);
		rc = dbrc ? store_err(dbrc, "设置数据库加密") : 1;
	}
	explicit_bzero(key, sizeof key);
	free(path);
	return rc;
}

static int store_open_db(struct store *st, DB_TXN *txn, DB **out, const char *file, DBTYPE type)
{
	DB *db = NULL;
	int rc = db_create(&db, st->env, 0);
	if (rc)
		return store_err(rc, file);
	if (st->encrypt)
		db->set_flags(db, DB_ENCRYPT);
	if (type == DB_BTREE) {
		db->set_bt_compare(db, store_cmp);
		db->set_bt_prefix(db, store_prefix);
	}
	db->set_pagesize(db, st->page_size); /* for new files; existing ones keep theirs */
	rc = db->open(db, txn, file, NULL, type, DB_CREATE | (txn ? 0 : DB_AUTO_COMMIT) | DB_READ_UNCOMMITTED, 0600);
	if (rc) {
		db->close(db, 0);
		return store_err(rc, file);
	}
	*out = db;
	return 0;
}

/* The environment's settings; every handle of the home is configured alike. */
static void store_env_config(DB_ENV *env, const struct conf *c)
{
	env->set_errcall(env, store_errcall);
	env->set_msgcall(env, store_msgcall);
	long long cache = conf_int(c, "db.cache_mb");
	env->set_cachesize(env, (u_int32_t)(cache / 1024), (u_int32_t)((cache % 1024) * 1024 * 1024), 1);
	/* Berkeley DB sizes the cache's hash table and mutexes (one per buffer) for 4 KB pages unless
	 * told the page size: with 32 KB pages and a 1 GB cache that was 262,144 mutexes that every
	 * process maps and walks in failchk (each SSH session's resident memory 70 MB, not 19 MB). */
	env->set_mp_pagesize(env, (u_int32_t)conf_int(c, "db.page_kb") * 1024);
	env->set_lg_max(env, (u_int32_t)conf_int(c, "db.log_mb") * 1024 * 1024);
	env->set_lg_bsize(env, (u_int32_t)conf_int(c, "db.log_buffer_kb") * 1024);
	env->set_lk_detect(env, DB_LOCK_DEFAULT);
	env->set_timeout(env, (db_timeout_t)conf_int(c, "db.lock_timeout_ms") * 1000, DB_SET_LOCK_TIMEOUT);
	env->set_thread_count(env, (u_int32_t)conf_int(c, "db.max_processes"));
	env->set_isalive(env, store_isalive);
	env->set_lk_max_locks(env, 200000);
	env->set_lk_max_objects(env, 200000);
	env->set_lk_max_lockers(env, 20000);
	env->set_tx_max(env, 2000);
}

/* Does HOME's registry hold the line of a process that is gone? (Before this process registers:
 * closing the descriptor here drops no lock of ours.) */
static bool store_reg_has_dead(const char *home)
{
	char *path = xasprintf("%s/__db.register", home);
	struct store probe = {.regfd = open(path, O_RDWR | O_CLOEXEC)};
	free(path);
	if (probe.regfd < 0)
		return false;
	off_t dead[1];
	bool any = reg_dead(&probe, dead, 1) > 0;
	close(probe.regfd);
	return any;
}

/* Open and close HOME with DB_FAILCHK in a child, killed after 5 s if it hangs. */
static void store_open_probe(const char *home, const struct conf *c)
{
	pid_t pid = fork();
	if (pid < 0)
		return;
	if (pid == 0) {
		DB_ENV *env = NULL;
		int rc = db_env_create(&env, 0);
		if (rc == 0) {
			store_env_config(env, c);
			rc = store_env_encrypt(env, c) < 0 ? EINVAL : 0;
		}
		if (rc == 0 && repl_enabled(c))
			rc = repl_env_config(env, c, false) < 0 ? EINVAL : 0;
		if (rc == 0) {
			rc = env->open(env, home, DB_CREATE | DB_INIT_TXN | DB_INIT_LOCK | DB_INIT_LOG |
						   DB_INIT_MPOOL | DB_THREAD | DB_REGISTER | DB_RECOVER | DB_FAILCHK |
						   (repl_enabled(c) ? DB_INIT_REP : 0), 0600);
			env->close(env, 0);
		}
		_exit(rc ? 1 : 0);
	}
	for (int waited = 0; waited < 5000; waited += 10) {
		if (waitpid(pid, NULL, WNOHANG) == pid)
			return;
		usleep(10000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* A home's regions made without replication (repl.enabled turned on later) cannot be joined with
 * it: they are removed when no process uses them, and the open makes them anew. */
static void store_region_rep(const char *home, const struct conf *c)
{
	DB_ENV *env = NULL;
	if (db_env_create(&env, 0) != 0)
		return;
	store_env_config(env, c);
	u_int32_t flags = 0;
	bool stale = store_env_encrypt(env, c) >= 0 && env->open(env, home, DB_JOINENV, 0600) == 0 &&
		     env->get_open_flags(env, &flags) == 0 && !(flags & DB_INIT_REP);
	env->close(env, 0);
	if (!stale || db_env_create(&env, 0) != 0)
		return;
	store_env_config(env, c);
	env->remove(env, home, 0);
}

/* The table of every database: core's then EXTRA's, by id; an id outside 0..255 or used twice is
 * a programming error, refused before anything is opened. */
static int store_dbtable(struct store *st, const struct store_dbdef *const *extra, int n)
{
	int top = DBI__CORE;
	for (int i = 0; i < n; i++)
		if (extra[i]->id >= top && extra[i]->id < 256)
			top = extra[i]->id + 1;
	st->ndb = top;
	st->db = xcalloc((size_t)top, sizeof *st->db);
	st->dbfile = xcalloc((size_t)top, sizeof *st->dbfile);
	for (int i = 0; i < DBI__CORE; i++)
		st->dbfile[store_dbdefs[i].id] = store_dbdefs[i].file;
	for (int i = 0; i < n; i++) {
		const struct store_dbdef *d = extra[i];
		if (d->id < DBI__CORE || d->id >= top || st->dbfile[d->id])
			return errmsg_set(ZZ_EINVAL, "数据库 %s 的编号 %d 无效或与 %s 重复", d->file, d->id,
					  d->id >= 0 && d->id < top && st->dbfile[d->id] ? st->dbfile[d->id] : "-");
		st->dbfile[d->id] = d->file;
	}
	return 0;
}

int store_open(struct store **out, const char *home, const struct conf *c, const struct schema *s,
	       const struct store_dbdef *const *extra, int n, unsigned flags)
{
	struct stat sb;
	if (stat(home, &sb) < 0) {
		if (errno != ENOENT)
			return errmsg_set(ZZ_EDB, "无法访问数据库目录 %s：%s", home, strerror(errno));
		if (!(flags & STORE_CREATE))
			return errmsg_set(ZZ_ENOENT, "数据库目录 %s 不存在（先运行 zongzhi init）", home);
		if (mkdir(home, 0700) < 0)
			return errmsg_set(ZZ_EDB, "无法创建数据库目录 %s：%s", home, strerror(errno));
	} else if (!S_ISDIR(sb.st_mode)) {
		return errmsg_set(ZZ_EDB, "%s 不是目录", home);
	}
	/* A new standby starts from an empty home: the primary sends it the databases. */
	bool creator = true;
	if (!(flags & STORE_CREATE) || repl_enabled(c)) {
		char *meta = xasprintf("%s/meta.db", home);
		int missing = access(meta, F_OK) != 0 ? errno : 0;
		free(meta);
		/* Not "no database" when it is there but this account may not read it. */
		if (missing && missing != ENOENT)
			return errmsg_set(ZZ_EDB, "无法访问数据库目录 %s：%s（以数据库的属主账户运行）", home,
					  strerror(missing));
		creator = !missing || (flags & STORE_CREATE);
		if (missing && !(flags & STORE_CREATE) && !repl_enabled(c))
			return errmsg_set(ZZ_ENOENT, "数据库目录 %s 中没有数据库（先运行 zongzhi init）", home);
	}
	struct store *st = xcalloc(1, sizeof *st);
	st->home = xstrdup(home);
	st->lockfd = st->regfd = -1;
	st->watch_ms = conf_int(c, "db.watch_ms");
	st->page_size = (u_int32_t)conf_int(c, "db.page_kb") * 1024;
	if (st->page_size & (st->page_size - 1)) {
		free(st->home);
		free(st);
		return errmsg_set(ZZ_EINVAL, "设置 db.page_kb 应为 1、2、4、8、16、32 或 64");
	}
	/* Berkeley DB wants a log file at least four log buffers long. */
	if (conf_int(c, "db.log_buffer_kb") * 4 > conf_int(c, "db.log_mb") * 1024) {
		free(st->home);
		free(st);
		return errmsg_set(ZZ_EINVAL, "设置 db.log_buffer_kb 不能超过 db.log_mb 的四分之一");
	}
	st->schema = s;
	int rc = db_env_create(&st->env, 0);
	if (rc) {
		free(st->home);
		free(st);
		return store_err(rc, "db_env_create");
	}
	DB_ENV *env = st->env;
	store_env_config(env, c);
	rc = store_env_encrypt(env, c);
	if (rc < 0) {
		env->close(env, 0);
		free(st->home);
		free(st);
		return rc;
	}
	st->encrypt = rc == 1;
	st->repl = repl_enabled(c);
	if (st->repl && (rc = repl_env_config(env, c, creator)) < 0) {
		env->close(env, 0);
		free(st->home);
		free(st);
		return rc;
	}
	/* A registry line of a dead process makes the open recover, which pulls the environment from
	 * under every running process. Opening with DB_FAILCHK instead runs failchk and recovers only if
	 * that fails, but waits for ever when the dead process held a region mutex (killed inside the
	 * library). So a child tries that first, with a time limit; after it the registry is clean, or
	 * the open below recovers. */
	if (store_reg_has_dead(home))
		store_open_probe(home, c);
	if (st->repl)
		store_region_rep(home, c);
	u_int32_t eflags = DB_CREATE | DB_INIT_TXN | DB_INIT_LOCK | DB_INIT_LOG | DB_INIT_MPOOL |
			   DB_THREAD | DB_REGISTER | DB_RECOVER | (st->repl ? DB_INIT_REP : 0);
	rc = env->open(env, home, eflags, 0600);
	if (rc == 0 && st->repl && repl_start(env, c, home, creator) < 0) {
		env->close(env, 0);
		free(st->home);
		free(st);
		return ZZ_EDB;
	}
	if (rc) {
		rc = store_err(rc, "打开数据库环境");
		env->close(env, 0);
		free(st->home);
		free(st);
		return rc;
	}
	char *lockpath = xasprintf("%s/failchk.lock", home);
	st->lockfd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	free(lockpath);
	char *regpath = xasprintf("%s/__db.register", home);
	st->regfd = open(regpath, O_RDWR | O_CLOEXEC);
	free(regpath);
	pthread_mutex_init(&st->failchk_mu, NULL);
	store_watch_start(st);
	/* With replication every open's commit waits for the acknowledgements: one for all of them. */
	DB_TXN *otxn = NULL;
	rc = store_dbtable(st, extra, n);
	if (rc == 0 && st->repl && (rc = env->txn_begin(env, NULL, &otxn, 0)) != 0)
		rc = store_err(rc, "txn_begin");
	for (int i = 0; i < DBI__CORE && rc == 0; i++)
		rc = store_open_db(st, otxn, &st->db[store_dbdefs[i].id], store_dbdefs[i].file,
				   store_dbdefs[i].type);
	for (int i = 0; i < n && rc == 0; i++)
		rc = store_open_db(st, otxn, &st->db[extra[i]->id], extra[i]->file, extra[i]->type);
	st->rec = xcalloc((size_t)(s ? s->n : 0) + 1, sizeof *st->rec);
	for (int i = 0; s && i < s->n && rc == 0; i++) {
		char *file = xasprintf("rec_%s.db", s->t[i]->id);
		rc = store_open_db(st, otxn, &st->rec[i], file, DB_BTREE);
		free(file);
	}
	if (otxn) {
		/* Committed even after a failed open: the handles opened before it are closed normally. */
		int dbrc = otxn->commit(otxn, 0);
		if (rc == 0 && dbrc)
			rc = store_err(dbrc, "txn_commit");
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
	store_watch_stop(st);
	pthread_mutex_destroy(&st->failchk_mu);
	if (st->lockfd >= 0)
		close(st->lockfd);
	for (int i = 0; st->schema && st->rec && i < st->schema->n; i++)
		if (st->rec[i])
			st->rec[i]->close(st->rec[i], 0);
	for (int i = 0; st->db && i < st->ndb; i++)
		if (st->db[i])
			st->db[i]->close(st->db[i], 0);
	free(st->db);
	free(st->dbfile);
	if (st->env)
		st->env->close(st->env, 0);
	if (st->regfd >= 0)
		close(st->regfd); /* after the environment: it drops the process's registration */
	store_ids_reset(st);
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


int store_checkpoint(struct store *st)
{
	int rc = st->env->txn_checkpoint(st->env, 0, 0, 0);
	return rc ? store_err(rc, "checkpoint") : 0;
}

int store_flush(struct store *st)
{
	int rc = st->env->log_flush(st->env, NULL);
	return rc ? store_err(rc, "log_flush") : 0;
}

bool store_standby(struct store *st)
{
	return st->repl && repl_role(st->env) != REPL_PRIMARY;
}

int store_run(struct store *st, store_fn fn, void *arg)
{
	return store_run_flags(st, fn, arg, 0);
}

int store_run_flags(struct store *st, store_fn fn, void *arg, unsigned flags)
{
	int rc = ZZ_ERETRY;
	for (int attempt = 0; attempt < 50 && rc == ZZ_ERETRY; attempt++) {
		DB_TXN *txn = NULL;
		if (store_standby(st))
			return repl_refuse(st->env);
		if (attempt > 0) {
			int frc = store_failchk(st);
			if (frc < 0)
				return frc;
			usleep((useconds_t)(1000 * (attempt < 10 ? attempt : 10)));
		}
		int dbrc = st->env->txn_begin(st->env, NULL, &txn,
					      flags & STORE_TXN_NOSYNC ? DB_TXN_WRITE_NOSYNC : 0);
		if (dbrc)
			return store_err(dbrc, "txn_begin");
		rc = fn(st, txn, arg);
		/* Berkeley DB requires a transaction's cursors closed before it ends. */
		store_cput_close(st);
		if (rc == 0) {
			unsigned long unacked = st->repl ? repl_unacked() : 0;
			dbrc = txn->commit(txn, 0);
			rc = dbrc ? store_err(dbrc, "txn_commit") : 0;
			if (rc == 0 && st->repl && repl_unacked() != unacked)
				st->unacked++;
		} else {
			txn->abort(txn);
		}
		if (rc != 0)
			store_ids_reset(st);
	}
	if (rc == ZZ_ERETRY)
		rc = errmsg_set(ZZ_EDB, "数据库繁忙，请稍后再试");
	return rc;
}

int store_get(DB *db, DB_TXN *txn, const void *k, size_t kn, void **v, size_t *vn, bool rmw)
{
	/* The key comes back (store_cmp): into a copy, the caller's may be read-only. */
	unsigned char small[256], *kb = kn <= sizeof small ? small : xmalloc(kn);
	memcpy(kb, k, kn);
	DBT key = {.data = kb, .size = (u_int32_t)kn, .ulen = (u_int32_t)kn, .flags = DB_DBT_USERMEM};
	DBT val = {.flags = DB_DBT_MALLOC};
	int rc = db->get(db, txn, &key, &val, rmw ? DB_RMW : 0);
	if (kb != small)
		free(kb);
	if (rc)
		return store_err(rc, "读取");
	*v = val.data;
	if (vn)
		*vn = val.size;
	return 0;
}

/* DB->put; STORE_PUT_NEW in FLAGS refuses an existing key with ZZ_EEXIST. */
static int store_put_flags(DB *db, DB_TXN *txn, const void *k, size_t kn, const void *v, size_t vn,
			   unsigned flags)
{
	DBT key = {.data = (void *)k, .size = (u_int32_t)kn};
	DBT val = {.data = (void *)v, .size = (u_int32_t)vn};
	int rc = db->put(db, txn, &key, &val, flags & STORE_PUT_NEW ? DB_NOOVERWRITE : 0);
	return rc == DB_KEYEXIST ? ZZ_EEXIST : rc ? store_err(rc, "写入") : 0;
}

int store_put(DB *db, DB_TXN *txn, const void *k, size_t kn, const void *v, size_t vn)
{
	return store_put_flags(db, txn, k, kn, v, vn, 0);
}

int store_del(DB *db, DB_TXN *txn, const void *k, size_t kn)
{
	DBT key = {.data = (void *)k, .size = (u_int32_t)kn};
	int rc = db->del(db, txn, &key, 0);
	return rc ? store_err(rc, "删除") : 0;
}

void store_cput_close(struct store *st)
{
	for (int i = 0; i < st->nputc; i++)
		st->putc[i].c->close(st->putc[i].c);
	free(st->putc);
	st->putc = NULL;
	st->nputc = 0;
	st->putc_txn = NULL;
}

/* The cursor of TXN on DB, opened on first use. */
static int store_putc(struct store *st, DB *db, DB_TXN *txn, DBC **out)
{
	if (st->putc_txn != txn)
		store_cput_close(st);
	for (int i = 0; i < st->nputc; i++)
		if (st->putc[i].db == db) {
			*out = st->putc[i].c;
			return 0;
		}
	DBC *c = NULL;
	int rc = db->cursor(db, txn, &c, 0);
	if (rc)
		return store_err(rc, "游标");
	st->putc = xrealloc(st->putc, (size_t)(st->nputc + 1) * sizeof *st->putc);
	st->putc[st->nputc++] = (struct store_putc){.db = db, .c = c};
	st->putc_txn = txn;
	*out = c;
	return 0;
}

int store_cput(struct store *st, DB *db, DB_TXN *txn, const void *k, size_t kn, const void *v, size_t vn,
	       unsigned flags)
{
	if (!st->put_cursors || !txn)
		return store_put_flags(db, txn, k, kn, v, vn, flags);
	DBC *c = NULL;
	int rc = store_putc(st, db, txn, &c);
	if (rc < 0)
		return rc;
	if (flags & STORE_PUT_NEW) {
		/* What DB->put does for DB_NOOVERWRITE: look with a write lock, then add. The key may
		 * come back (store_cmp), into a copy; no byte of the value is read. */
		unsigned char small[256], *kb = kn <= sizeof small ? small : xmalloc(kn);
		memcpy(kb, k, kn);
		DBT probe = {.data = kb, .size = (u_int32_t)kn, .ulen = (u_int32_t)kn, .flags = DB_DBT_USERMEM};
		DBT none = {.flags = DB_DBT_USERMEM | DB_DBT_PARTIAL};
		rc = c->get(c, &probe, &none, DB_SET | DB_RMW);
		if (kb != small)
			free(kb);
		if (rc == 0)
			return ZZ_EEXIST;
		if (rc != DB_NOTFOUND)
			return store_err(rc, "写入");
	}
	/* No database has duplicates: DB_KEYLAST adds the key or replaces its value, as DB->put. */
	DBT key = {.data = (void *)k, .size = (u_int32_t)kn};
	DBT val = {.data = (void *)v, .size = (u_int32_t)vn};
	rc = c->put(c, &key, &val, DB_KEYLAST);
	return rc ? store_err(rc, "写入") : 0;
}

static int store_reserve_ids(struct store *st, DB_TXN *txn, const char *name, uint64_t n, uint64_t *first);

int store_next_id(struct store *st, DB_TXN *txn, const char *name, uint64_t *out)
{
	if (st->id_block <= 1)
		return store_reserve_ids(st, txn, name, 1, out);
	struct store_ids *c = NULL;
	for (int i = 0; i < st->nids && !c; i++)
		if (!strcmp(st->ids[i].name, name))
			c = &st->ids[i];
	if (!c) {
		st->ids = xrealloc(st->ids, (size_t)(st->nids + 1) * sizeof *st->ids);
		c = &st->ids[st->nids++];
		*c = (struct store_ids){.name = xstrdup(name)};
	}
	if (c->next == c->end) {
		uint64_t first;
		int rc = store_reserve_ids(st, txn, name, st->id_block, &first);
		if (rc < 0)
			return rc;
		c->next = first;
		c->end = first + st->id_block;
	}
	*out = c->next++;
	return 0;
}

/* Advance counter NAME in meta by N; *FIRST is the first of the N new values. */
static int store_reserve_ids(struct store *st, DB_TXN *txn, const char *name, uint64_t nids, uint64_t *first)
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
	be64_put(buf, n + nids);
	rc = store_put(st->db[DBI_META], txn, k, strlen(k), buf, 8);
	free(k);
	if (rc == 0)
		*first = n + 1;
	return rc;
}
