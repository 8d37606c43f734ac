/* store.c — one transactional Berkeley DB environment shared by every process. */
#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bdb_crypto.h"
#include "log.h"
#include "region.h"
#include "repl.h"
#include "thread.h"
#include "util.h"

const struct store_dbdef store_dbdefs[DBI__CORE] = {
	{DBI_META, "meta.db", DB_BTREE, NULL},	   {DBI_UNITS, "units.db", DB_BTREE, NULL},
	{DBI_USERS, "users.db", DB_BTREE, NULL},	   {DBI_AUDIT, "audit.db", DB_BTREE, NULL},
	{DBI_IDX_KEY, "idx_key.db", DB_BTREE, NULL},	   {DBI_IDX_UNIT, "idx_unit.db", DB_BTREE, NULL},
	{DBI_IDX_IDNUM, "idx_idnum.db", DB_BTREE, NULL}, {DBI_IDX_NAME, "idx_name.db", DB_BTREE, NULL},
	{DBI_IDX_DUE, "idx_due.db", DB_BTREE, NULL},	   {DBI_REMIND, "remind.db", DB_BTREE, NULL},
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

/* Set by store_err when a call found the environment dead (DB_RUNRECOVERY): store_run then opens
 * it anew and tries again. Per thread: the watchdog has its own. */
static _Thread_local bool store_dead_seen;

int store_err(int rc, const char *what)
{
	if (rc == DB_RUNRECOVERY)
		store_dead_seen = true;
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
		return errmsg_set(ZZ_EDB, "数据库需要恢复（%s）：另一个进程在数据库操作中途被终止，请重试", what);
	default:
		return errmsg_set(ZZ_EDB, "数据库错误（%s）：%s", what, db_strerror(rc));
	}
}

/* A killed process stays a zombie until its parent reaps it (a stopped parent may take long):
 * it is dead for Berkeley DB as for the registry, whose lock it dropped when it died. */
static bool store_pid_alive(pid_t pid)
{
	if (kill(pid, 0) != 0 && errno == ESRCH)
		return false;
	char path[40], buf[256];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return true;
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	const char *p = strrchr(buf, ')'); /* the state follows the command name */
	return !(p && p[1] == ' ' && (p[2] == 'Z' || p[2] == 'X'));
}

/* The answers of one failchk pass, by process id. failchk asks about every locker (one per open
 * database handle, ~60 a process) and every per-process mutex, holding the lock region's mutex
 * meanwhile: with 2,000 sessions (4,000 processes) that was ~250,000 reads of /proc a pass, over a
 * second each time with every database open waiting behind it. Asked once a process instead. The
 * table is mapped for the pass only (no memory kept in thousands of processes) and used only by the
 * thread running the pass: another thread of the process may ask meanwhile (a mutex wait). */
/* The store whose pass this thread runs (store_alive_begin): whose table it may use. Per thread,
 * not a field of the store: a lock waiter of another thread asks meanwhile, and read there, the
 * owner field raced with the next pass's begin writing it (ThreadSanitizer, in a demo). */
static _Thread_local const struct store *store_alive_mine;

static int store_isalive(DB_ENV *env, pid_t pid, db_threadid_t tid, u_int32_t flags)
{
	(void)tid;
	(void)flags;
	struct store *st = env->app_private;
	struct store_alive *tab = st && st == store_alive_mine ? atomic_load(&st->alive) : NULL;
	if (!tab)
		return store_pid_alive(pid);
	/* A process's lockers and mutexes were made together: the walk meets them one after another. */
	if (pid == st->alive_last.pid)
		return st->alive_last.alive;
	size_t mask = st->alive_cap - 1;
	for (size_t i = (size_t)pid * 2654435761u & mask, n = 0; n < 16; i = (i + 1) & mask, n++) {
		struct store_alive *e = &tab[i];
		if (e->pid == 0) {
			e->pid = pid;
			e->alive = store_pid_alive(pid);
		}
		if (e->pid == pid) {
			st->alive_last = *e;
			return e->alive;
		}
	}
	return store_pid_alive(pid); /* a crowded neighbourhood: not remembered */
}

/* Remember store_isalive's answers in ST (for this thread) until store_alive_end. */
static void store_alive_begin(struct store *st)
{
	size_t cap = 1024, want = (size_t)conf_int(st->conf, "db.max_processes") * 4;
	while (cap < want)
		cap *= 2;
	void *tab = mmap(NULL, cap * sizeof(struct store_alive), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			 -1, 0);
	if (tab == MAP_FAILED)
		return;
	st->alive_cap = cap;
	st->alive_last.pid = 0;
	atomic_store(&st->alive, tab);
	store_alive_mine = st;
}

static void store_alive_end(struct store *st)
{
	store_alive_mine = NULL;
	struct store_alive *tab = atomic_exchange(&st->alive, NULL);
	if (tab)
		munmap(tab, st->alive_cap * sizeof *tab);
}

/* ST's failchk, with the answers remembered for the pass; the caller holds failchk_mu. */
static int store_failchk_call(struct store *st)
{
	store_alive_begin(st);
	int rc = st->env->failchk(st->env, 0);
	store_alive_end(st);
	return rc;
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
 * "X…0" for a free slot; a live process holds a lock on the first byte of its line. An opener that
 * finds a line whose byte it can lock runs full recovery, which pulls the environment from under
 * every running process (they open it anew, store_revive). Opening with DB_FAILCHK instead cleans
 * up after a process that died outside Berkeley DB without recovery (store_open_probe). Locks are
 * open-file-description locks: they conflict with Berkeley DB's, and closing our descriptor drops
 * none of the process's own.
 * The line of a dead process is left to Berkeley DB: freeing it ourselves after a failchk that
 * succeeded (as this file once did) hid a process killed inside DB_ENV->open, before failchk
 * tracks it, from the next opener, which then waited for ever on the latch it held
 * (bench/kill.sh found it once in 140 kills). */
#define REG_LINE 25
static const char reg_free[REG_LINE + 1] = "X                      0\n";

static int reg_lock(int fd, off_t at, short type)
{
	struct flock fl = {.l_type = type, .l_whence = SEEK_SET, .l_start = at, .l_len = 1};
	return fcntl(fd, F_OFD_SETLK, &fl);
}

/* Does the registry open as FD hold the line of a process that is gone (not this one)? Read
 * under a shared lock on byte 1, which Berkeley DB holds exclusively while a process registers
 * (it writes its line, then locks it): without it a process caught between the two looked dead,
 * and the probe and recovery that follow stopped every session for minutes at 2,000 of them. */
static pid_t reg_has_dead(int fd)
{
	struct stat sb;
	struct flock mu = {.l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 1, .l_len = 1};
	while (fcntl(fd, F_OFD_SETLKW, &mu) < 0 && errno == EINTR)
		;
	if (fstat(fd, &sb) < 0 || sb.st_size <= 0) {
		reg_lock(fd, 1, F_UNLCK);
		return 0;
	}
	size_t size = (size_t)sb.st_size;
	char *buf = xmalloc(size);
	pid_t any = 0;
	if (pread(fd, buf, size, 0) == (ssize_t)size)
		for (size_t pos = 0; pos + REG_LINE <= size && !any; pos += REG_LINE) {
			if (!memcmp(buf + pos, reg_free, REG_LINE))
				continue;
			if (strtoul(buf + pos, NULL, 10) == (unsigned long)getpid())
				continue;
			/* Its owner may have closed the environment since the read (which clears the line,
			 * then drops the lock): dead only if the line is still there under our lock. */
			char line[REG_LINE];
			if (reg_lock(fd, (off_t)pos, F_WRLCK) == 0) {
				bool same = pread(fd, line, REG_LINE, (off_t)pos) == REG_LINE &&
					    !memcmp(line, buf + pos, REG_LINE);
				reg_lock(fd, (off_t)pos, F_UNLCK);
				any = !same ? 0 : (pid_t)strtol(buf + pos, NULL, 10);
				any = !same || any > 0 ? any : -1;
			}
		}
	reg_lock(fd, 1, F_UNLCK);
	free(buf);
	return any;
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
	int rc = store_failchk_call(st);
	if (rc == DB_RUNRECOVERY)
		atomic_store(&st->stale, true);
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

static long long store_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The last periodic pass over the environment, kept at the start of failchk.lock (read and written
 * under its flock): when, on which regions, and whether failchk found the environment dead. */
struct store_pass {
	long long ms; /* CLOCK_MONOTONIC, the same clock in every process */
	uint64_t regions; /* region_id */
	int dead;
};

/* The environment needs one failchk and one deadlock detection (which also expires lock waits) a
 * period, not one per process: each pass looks at every process's slot, so 2,000 sessions each
 * passing every db.watch_ms kept a core busy. A process whose period comes skips when another
 * passed over the same regions within it, and learns from that pass whether the environment is
 * dead. */
static void store_pass_periodic(struct store *st)
{
	if (pthread_mutex_trylock(&st->failchk_mu) != 0)
		return;
	if (st->lockfd < 0 || flock(st->lockfd, LOCK_EX | LOCK_NB) < 0) {
		pthread_mutex_unlock(&st->failchk_mu);
		return;
	}
	struct store_pass last = {0};
	long long now = store_now_ms();
	if (pread(st->lockfd, &last, sizeof last, 0) == (ssize_t)sizeof last && last.regions == st->region_id &&
	    now - last.ms >= 0 && now - last.ms < st->watch_ms) {
		if (last.dead)
			atomic_store(&st->stale, true);
	} else {
		int rc = store_failchk_call(st);
		if (rc == DB_RUNRECOVERY)
			atomic_store(&st->stale, true);
		else
			st->env->lock_detect(st->env, 0, DB_LOCK_DEFAULT, NULL);
		/* Zeroed whole: the padding goes to the file too. */
		struct store_pass mark;
		memset(&mark, 0, sizeof mark);
		mark.ms = now;
		mark.regions = st->region_id;
		mark.dead = rc == DB_RUNRECOVERY;
		/* Unwritten (a full disk), the next process to come passes again: no harm. */
		ssize_t w = pwrite(st->lockfd, &mark, sizeof mark, 0);
		(void)w;
	}
	flock(st->lockfd, LOCK_UN);
	pthread_mutex_unlock(&st->failchk_mu);
}

/* Has another process recovered the environment (replacing the regions) since this one opened
 * it? Then nothing may go through the old handles: a write, a checkpoint or a close that flushes
 * old pages would overwrite what recovery made. Checked before each of those (a stat). */
static bool store_regions_replaced(struct store *st)
{
	if (!atomic_load(&st->stale) && region_id(st->home) != st->region_id)
		atomic_store(&st->stale, true);
	return atomic_load(&st->stale);
}

/* The environment is dead. A main thread inside store_run that makes no progress for
 * db.lock_timeout_ms plus four watch periods waits on a latch the dead process held, and would
 * wait for ever: the process says why and ends (its parent or supervisor starts another; a person
 * retries). Idle processes open the environment anew when next used (store_revive). */
static void store_watch_stuck(struct store *st, long long *since, unsigned *seen)
{
	unsigned now_progress = atomic_load(&st->progress);
	if (!atomic_load(&st->busy) || *since == 0 || now_progress != *seen) {
		*since = store_now_ms();
		*seen = now_progress;
		return;
	}
	if (store_now_ms() - *since < st->stuck_ms)
		return;
	static const char msg[] = "zongzhi: 数据库需要恢复：另一个进程在数据库操作中途被终止，"
				  "本进程的操作无法完成，已退出（请重试）\n";
	ssize_t w = write(STDERR_FILENO, msg, sizeof msg - 1);
	(void)w;
	_exit(1);
}

/* Berkeley DB checks lock timeouts only when deadlock detection runs, and releases a dead process's
 * locks only in failchk; a process blocked on such a lock cannot do either. So every process has a
 * thread that makes sure both ran in the last db.watch_ms (store_pass_periodic): a waiter behind a
 * dead process goes on within about db.watch_ms, one behind a live but slow one gets
 * DB_LOCK_NOTGRANTED after db.lock_timeout_ms, one in a deadlock DB_LOCK_DEADLOCK within about
 * db.watch_ms, and store_run retries. */
static void *store_watch(void *arg)
{
	struct store *st = arg;
	long long stuck_since = 0;
	unsigned seen = 0;
	pthread_mutex_lock(&st->watch_mu);
	while (!st->stop) {
		/* Monotonic: a step of the wall clock would put the next pass a day away, or make it
		 * now and again (thread.h). */
		struct timespec until = thread_deadline(st->watch_ms);
		pthread_cond_clockwait(&st->watch_cv, &st->watch_mu, CLOCK_MONOTONIC, &until);
		if (st->stop)
			break;
		pthread_mutex_unlock(&st->watch_mu);
		if (!atomic_load(&st->stale) && !store_regions_replaced(st))
			store_pass_periodic(st);
		if (!atomic_load(&st->stale))
			stuck_since = 0;
		else
			store_watch_stuck(st, &stuck_since, &seen);
		pthread_mutex_lock(&st->watch_mu);
	}
	pthread_mutex_unlock(&st->watch_mu);
	return NULL;
}

static void store_watch_start(struct store *st)
{
	/* Left true by the last store_watch_stop (store_revive, store_set_cache restart it). */
	st->stop = false;
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
	st->watching = false;
	/* On a dead environment the thread may wait on a latch of the dead process for good: it is
	 * left there (it never wakes, so its mutex and condition stay untouched). */
	if (!thread_join_within(st->watch, 5000))
		return;
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

/* The key of db.key_file into KEY (SIZE bytes, its first line): 1, 0 when none is set, or a
 * negative error naming the file. */
static int store_key_read(const struct conf *c, char *key, size_t size)
{
	if (str_empty(conf_str(c, "db.key_file")))
		return 0;
	char *path = conf_path(c, "db.key_file");
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat sb;
	int rc = 1;
	if (fd < 0 || fstat(fd, &sb) < 0)
		rc = errmsg_set(ZZ_EDB, "无法读取数据库密钥文件 %s：%s", path, strerror(errno));
	else if (!S_ISREG(sb.st_mode) || sb.st_uid != geteuid() || (sb.st_mode & 077))
		rc = errmsg_set(ZZ_EDB, "数据库密钥文件 %s 应属于运行本服务的账号、权限 0600 或 0400", path);
	ssize_t n = rc == 1 ? read(fd, key, size - 1) : 0;
	if (fd >= 0)
		close(fd);
	key[n > 0 ? n : 0] = '\0';
	key[strcspn(key, "\r\n")] = '\0';
	if (rc == 1 && strlen(key) < 16)
		rc = errmsg_set(ZZ_EDB, "数据库密钥文件 %s 的第一行应至少 16 个字符", path);
	free(path);
	return rc;
}

int store_env_encrypt(DB_ENV *env, const struct conf *c)
{
	char key[257] = "";
	int rc = store_key_read(c, key, sizeof key);
	if (rc == 1) {
		int dbrc = env->set_encrypt(env, key, DB_ENCRYPT_AES);
		rc = dbrc ? store_err(dbrc, "设置数据库加密") : 1;
	}
	explicit_bzero(key, sizeof key);
	return rc;
}

/* The first bytes of HOME's newest log file into BUF: how many, 0 when there is none. */
static size_t store_log_head(const char *home, uint8_t *buf, size_t size)
{
	DIR *d = opendir(home);
	if (!d)
		return 0;
	unsigned newest = 0, num;
	char tail;
	for (struct dirent *e; (e = readdir(d)) != NULL;)
		if (sscanf(e->d_name, "log.%10u%c", &num, &tail) == 1 && num > newest)
			newest = num;
	closedir(d);
	if (!newest)
		return 0;
	char *path = xasprintf("%s/log.%010u", home, newest);
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	free(path);
	ssize_t n = fd >= 0 ? read(fd, buf, size) : -1;
	if (fd >= 0)
		close(fd);
	return n > 0 ? (size_t)n : 0;
}

/* HOME's log against the key of the settings, before libdb meets it: an encrypted home opened
 * without its key or with another one, or a plain one with a key, refused with the reason (libdb
 * says "Invalid argument", or asks for a recovery, or dies: bdb_crypto.h). */
static int store_key_check(const char *home, const struct conf *c)
{
	uint8_t head[4096];
	size_t n = store_log_head(home, head, sizeof head);
	if (!n)
		return 0;
	char key[257] = "";
	int rc = store_key_read(c, key, sizeof key);
	enum bdb_log_key k = rc < 0 ? BDB_LOG_UNKNOWN : bdb_crypto_log_key(head, n, rc == 1 ? key : NULL);
	explicit_bzero(key, sizeof key);
	if (rc < 0)
		return rc;
	if (k == BDB_LOG_ENCRYPTED)
		return errmsg_set(ZZ_EDB, "数据库目录 %s 是加密的：须在设置 db.key_file 中指定它的密钥文件", home);
	if (k == BDB_LOG_PLAIN && rc == 1)
		return errmsg_set(ZZ_EDB, "数据库目录 %s 没有加密，不能按设置 db.key_file 加密打开（加密须在 init 之前设置）",
				  home);
	if (k == BDB_LOG_KEY_WRONG) {
		char *path = conf_path(c, "db.key_file");
		rc = errmsg_set(ZZ_EDB, "数据库密钥文件 %s 中的密钥不是数据库目录 %s 的密钥", path, home);
		free(path);
		return rc;
	}
	return 0;
}

/* Open (or make) FILE of TYPE in ST's environment into *OUT, in TXN or a transaction of its own;
 * DUP_CMP: a B-tree of sorted duplicates in that order (a list index's, dupidx.c: store_cmp). */
static int store_open_db(struct store *st, DB_TXN *txn, DB **out, const char *file, DBTYPE type,
			 int (*dup_cmp)(DB *, const DBT *, const DBT *))
{
	DB *db = NULL;
	int rc = db_create(&db, st->env, 0);
	if (rc)
		return store_err(rc, file);
	if (st->encrypt)
		db->set_flags(db, DB_ENCRYPT);
	if (st->not_durable)
		db->set_flags(db, DB_TXN_NOT_DURABLE);
	if (type == DB_BTREE) {
		db->set_bt_compare(db, store_cmp);
		db->set_bt_prefix(db, store_prefix);
	}
	if (dup_cmp) {
		db->set_flags(db, DB_DUPSORT);
		db->set_dup_compare(db, dup_cmp);
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

enum { STORE_PER_PROC = 128 };

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
	/* No automatic deadlock detection: it ran at every lock release after any wait, and each run
	 * builds (and zeroes) a lockers x lockers bit matrix, ~60 lockers a process (one per database
	 * handle): 200 MB at 480 sessions, gigabytes at 2,000. The watchdog's pass runs it instead, once
	 * a db.watch_ms for the whole environment (store_pass_periodic). */
	env->set_timeout(env, (db_timeout_t)conf_int(c, "db.lock_timeout_ms") * 1000, DB_SET_LOCK_TIMEOUT);
	u_int32_t procs = (u_int32_t)conf_int(c, "db.max_processes");
	env->set_thread_count(env, procs);
	env->set_isalive(env, store_isalive);
	/* Each process holds a locker and a handle lock for each of its ~60 database handles, and a
	 * mutex for each handle and its file: sized by processes (a fixed 20,000 lockers refused the
	 * 241st SSH session with ENOMEM). STORE_PER_PROC leaves room for cursors, transactions and
	 * record types to come. Fixed when the regions are made. */
	u_int32_t per = procs * STORE_PER_PROC;
	env->set_lk_max_locks(env, per > 200000 ? per : 200000);
	env->set_lk_max_objects(env, 200000);
	env->set_lk_max_lockers(env, per > 20000 ? per : 20000);
	env->mutex_set_increment(env, per);
	env->set_tx_max(env, 2000);
}

/* Does HOME's registry hold the line of a process that is gone? Its pid (-1 unreadable), or 0. */
static pid_t store_reg_has_dead(const char *home)
{
	char *path = xasprintf("%s/__db.register", home);
	int fd = open(path, O_RDWR | O_CLOEXEC);
	free(path);
	if (fd < 0)
		return 0;
	pid_t any = reg_has_dead(fd);
	close(fd);
	return any;
}

/* Open and close HOME with DB_FAILCHK in a child, killed after db.lock_timeout_ms if it hangs
 * (the open then recovers: the other processes open the environment anew, store_revive). */
static void store_open_probe(const char *home, const struct conf *c)
{
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0)
		return;
	if (pid == 0) {
		/* Not on its own once its parent is killed: an orphan still at it would work on the
		 * environment while the next opener recovers it. */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
			_exit(1);
		/* Nothing of the parent's but its output: a listener's pid file, whose lock says a
		 * listener runs, held here would outlive a listener killed meanwhile by the probe's end,
		 * and a new one started then was refused (服务已在运行). */
		close_range(3, ~0U, 0);
		DB_ENV *env = NULL;
		int rc = db_env_create(&env, 0);
		if (rc == 0) {
			store_env_config(env, c);
			rc = store_env_encrypt(env, c) < 0 ? EINVAL : 0;
		}
		if (rc == 0 && repl_enabled(c))
			rc = repl_env_config(env, c, false) < 0 ? EINVAL : 0;
		/* Never beside another process's failchk (a watchdog's pass, store_failchk): each takes a
		 * dead process's transaction to abort with nothing to say another has it, and two aborts
		 * of one free its slot and its locker twice, maybe a live transaction's by then. The lock
		 * goes with the process; the parent's time limit covers the wait for it. */
		char *lockpath = xasprintf("%s/failchk.lock", home);
		int lockfd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		free(lockpath);
		if (rc == 0 && (lockfd < 0 || flock(lockfd, LOCK_EX) < 0))
			rc = EAGAIN;
		/* The open's failchk asks about every locker and mutex: once a process, as in a pass. */
		struct store probe = {.conf = c};
		if (rc == 0) {
			env->app_private = &probe;
			store_alive_begin(&probe);
			rc = env->open(env, home, DB_CREATE | DB_INIT_TXN | DB_INIT_LOCK | DB_INIT_LOG |
						   DB_INIT_MPOOL | DB_THREAD | DB_REGISTER | DB_RECOVER | DB_FAILCHK |
						   (repl_enabled(c) ? DB_INIT_REP : 0) | region_config(env, home, c),
				       0600);
			env->close(env, 0);
		}
		_exit(rc ? 1 : 0);
	}
	/* As long as a main thread may wait before it is called stuck (store_watch_stuck): a probe
	 * killed while it was only slow (a loaded machine, thousands of processes to check) leaves a
	 * dead line itself, and the open below then recovers, pulling the environment from under
	 * every session. */
	long long limit = conf_int(c, "db.lock_timeout_ms") + 4 * conf_int(c, "db.watch_ms");
	for (long long waited = 0; waited < limit; waited += 10) {
		if (waitpid(pid, NULL, WNOHANG) == pid)
			return;
		usleep(10000);
	}
	log_msg(LOG_WARNING, "database environment: failchk did not finish within %lld ms; recovering it", limit);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* A replicated home's regions are made anew by the process that opens it first. They keep the
 * replication state of the last run (this site's role, the primary it knew, "in step"), and a site
 * restarted on them neither looked for the primary nor checked its log against it: it took up its
 * old role at once and never said it was in step (repl_start waited repl.startup_wait_s). Made
 * anew, a restarted site joins as a new one does, as after kill -9 (whose regions recovery makes
 * anew). Regions made without replication (repl.enabled turned on later) cannot be joined either.
 * The cache is written out first: the replication manager's membership database has pages only
 * there after a clean close, and a primary restarted without them could not start (DB_NOTFOUND).
 * Regions in use are kept: the remove fails (EBUSY) while any process has them open. */
static bool store_region_sync(const char *home, const struct conf *c)
{
	DB_ENV *env = NULL;
	if (db_env_create(&env, 0) != 0)
		return false;
	store_env_config(env, c);
	bool synced = store_env_encrypt(env, c) >= 0 && env->open(env, home, DB_JOINENV, 0600) == 0 &&
		      env->memp_sync(env, NULL) == 0;
	env->close(env, 0);
	return synced;
}

static void store_region_fresh(const char *home, const struct conf *c)
{
	DB_ENV *env = NULL;
	if (!store_region_sync(home, c) || db_env_create(&env, 0) != 0)
		return;
	store_env_config(env, c);
	env->remove(env, home, 0);
}

/* The last process to close HOME removes its regions when they are in shared memory: the cache's
 * pages do not outlive the processes, and a changed db.cache_mb takes effect at the next start.
 * The cache is written out first (as store_region_fresh does); not when a process died in them
 * (joining may wait for ever on its latch): the next opener recovers then. */
void store_region_release(const char *home, const struct conf *c)
{
	bool dead = false;
	int fd = region_idle_lock(home, &dead);
	if (fd < 0)
		return;
	if (!dead && !store_region_sync(home, c)) {
		close(fd);
		return;
	}
	region_remove_unlock(home, fd);
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

static int store_dbs_open(struct store *st);

/* The database of record type I in ST->rec[I]; the caller holds open_mu or is alone. */
static int store_rec_open(struct store *st, DB_TXN *txn, int i)
{
	char *file = xasprintf("rec_%s.db", st->schema->t[i]->id);
	DB *db = NULL;
	int rc = store_open_db(st, txn, &db, file, DB_BTREE, NULL);
	free(file);
	if (rc == 0)
		atomic_store_explicit(&st->rec[i], db, memory_order_release);
	return rc;
}

/* The row of database ID: core's or a feature's (NULL: no database has that id). */
static const struct store_dbdef *store_dbdef_of(const struct store *st, int id)
{
	for (int i = 0; i < DBI__CORE; i++)
		if (store_dbdefs[i].id == id)
			return &store_dbdefs[i];
	for (int i = 0; i < st->nextra; i++)
		if (st->extra[i]->id == id)
			return st->extra[i];
	return NULL;
}

/* The list indexes keep each key once and its record ids as sorted duplicates (dupidx.c). */
bool store_dupsort(int id)
{
	return id == DBI_IDX_UNIT || id == DBI_IDX_IDNUM || id == DBI_IDX_NAME;
}

/* Database ID in ST->db[ID]; the caller holds open_mu or is alone. */
static int store_db_open(struct store *st, DB_TXN *txn, int id)
{
	const struct store_dbdef *d = store_dbdef_of(st, id);
	DB *db = NULL;
	int rc = store_open_db(st, txn, &db, d->file, d->type, store_dupsort(id) ? store_cmp : d->dup_cmp);
	if (rc == 0)
		atomic_store_explicit(&st->db[id], db, memory_order_release);
	return rc;
}

/* Opened with the environment: all when st->eager, else only a file that is missing (made now:
 * every home has them all, and `zongzhi verify` and backups walk them). */
static bool store_open_now(const struct store *st, const char *file)
{
	if (st->eager)
		return true;
	char *path = xasprintf("%s/%s", st->home, file);
	bool there = access(path, F_OK) == 0;
	free(path);
	return !there;
}

/* Open the environment of ST->home. On failure the caller closes what was opened
 * (store_handles_close). */
static int store_env_open(struct store *st)
{
	const struct conf *c = st->conf;
	int rc = db_env_create(&st->env, 0);
	if (rc) {
		st->env = NULL;
		return store_err(rc, "db_env_create");
	}
	DB_ENV *env = st->env;
	env->app_private = st; /* store_isalive */
	store_env_config(env, c);
	if (st->cache_mb)
		env->set_cachesize(env, (u_int32_t)(st->cache_mb / 1024),
				   (u_int32_t)((st->cache_mb % 1024) * 1024 * 1024), 1);
	rc = store_key_check(st->home, c);
	if (rc == 0)
		rc = store_env_encrypt(env, c);
	if (rc < 0)
		return rc;
	st->encrypt = rc == 1;
	st->repl = repl_enabled(c);
	if (st->repl && (rc = repl_env_config(env, c, st->repl_creator)) < 0)
		return rc;
	rc = region_prepare(st->home, c);
	if (rc < 0)
		return rc;
	/* A registry line of a dead process makes the open recover, which pulls the environment from
	 * under every running process. Opening with DB_FAILCHK instead runs failchk and recovers only if
	 * that fails, but waits for ever when the dead process held a region mutex (killed inside the
	 * library). So a child tries that first, with a time limit; after it the registry is clean, or
	 * the open below recovers. */
	pid_t dead = store_reg_has_dead(st->home);
	if (dead) {
		log_msg(LOG_NOTICE, "database environment: process %d ended without closing it; failchk before opening",
			(int)dead);
		store_open_probe(st->home, c);
	}
	/* Only on regions no dead process left behind: joining those may wait for ever on a latch the
	 * dead one held (the probe's time limit ran out); the open below recovers them, which makes
	 * them anew anyway. */
	if (st->repl && !store_reg_has_dead(st->home))
		store_region_fresh(st->home, c);
	u_int32_t eflags = DB_CREATE | DB_INIT_TXN | DB_INIT_LOCK | DB_INIT_LOG | DB_INIT_MPOOL |
			   DB_THREAD | DB_REGISTER | DB_RECOVER | (st->repl ? DB_INIT_REP : 0) |
			   region_config(env, st->home, c);
	rc = env->open(env, st->home, eflags, 0600);
	if (rc)
		return store_err(rc, "打开数据库环境");
	if (eflags & DB_SYSTEM_MEM)
		region_advise(c);
	/* Taken at once: a close after a failure below (a standby without its data yet refuses in
	 * repl_start) must know these regions for live ones, or store_regions_replaced would call them
	 * replaced and the close would mark them dead under every other process of the home. */
	st->region_id = region_id(st->home);
	if (st->repl && (rc = repl_start(env, c, st->home, st->repl_creator)) < 0)
		return rc;
	return 0;
}

/* The environment, its watchdog, then the databases store_open_now says (store_db and
 * store_rec_db open the others on first use). The watchdog first: opening reads meta.db (the
 * index format), which waits for a lock of a process killed inside a transaction until a
 * failchk frees it, and only the watchdog runs one. */
static int store_env_start(struct store *st)
{
	int rc = store_env_open(st);
	if (rc < 0)
		return rc;
	if (st->lockfd < 0) {
		char *lockpath = xasprintf("%s/failchk.lock", st->home);
		st->lockfd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		free(lockpath);
	}
	store_watch_start(st);
	return store_dbs_open(st);
}

/* The files' format (STORE_IDX_FORMAT in meta.db): a home made now is marked, and when (STORE_MADE);
 * one made before the sorted duplicates of the list indexes or of the claims, or half migrated, is
 * refused but to `zongzhi migrate`, since its files cannot be opened as sorted duplicates (or hold
 * rows where the code no longer reads them) and nothing else may change its records. */
static int store_format_check(struct store *st, DB_TXN *txn, bool fresh)
{
	DB *meta = st->db[DBI_META];
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(meta, txn, STORE_IDX_FORMAT, sizeof STORE_IDX_FORMAT, &v, &vn, false);
	bool ok = rc == 0 && vn == strlen(STORE_FORMAT_NOW) && !memcmp(v, STORE_FORMAT_NOW, vn);
	free(v);
	if (rc < 0 && rc != ZZ_ENOENT)
		return rc;
	if (ok || st->migrate)
		return 0;
	if (fresh && !store_standby(st)) {
		unsigned char made[8];
		be64_put(made, (uint64_t)time(NULL));
		rc = store_put(meta, txn, STORE_IDX_FORMAT, sizeof STORE_IDX_FORMAT, STORE_FORMAT_NOW,
			       strlen(STORE_FORMAT_NOW));
		return rc < 0 ? rc : store_put(meta, txn, STORE_MADE, sizeof STORE_MADE, made, 8);
	}
	v = NULL;
	rc = store_get(meta, txn, STORE_IDX_MIGRATING, sizeof STORE_IDX_MIGRATING, &v, NULL, false);
	free(v);
	if (rc == 0)
		return errmsg_set(ZZ_EDB, "数据目录 %s 的数据文件正在迁移或迁移中断：请等迁移完成，中断的迁移请再运行 "
					  "zongzhi migrate 接着做完（见管理手册）",
				  st->home);
	return errmsg_set(ZZ_EDB, "数据目录 %s 是旧版本建立的，数据文件须先迁移为新格式：请停止服务后运行 zongzhi "
				  "migrate（见管理手册）",
			  st->home);
}

int store_made(struct store *st, int64_t *when)
{
	unsigned char buf[8];
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get_buf(store_db(st, DBI_META), NULL, STORE_MADE, sizeof STORE_MADE, buf,
			       sizeof buf, &v, &vn, false);
	if (rc == 0 && vn != 8)
		rc = errmsg_set(ZZ_EDB, "数据目录 %s 的建立时间记录已损坏", st->home);
	if (rc == 0)
		*when = (int64_t)be64_get(v);
	if (v != buf)
		free(v);
	return rc;
}

/* Open every database of ST in its environment. On failure the caller closes what was opened. */
static int store_dbs_open(struct store *st)
{
	DB_ENV *env = st->env;
	int rc = 0;
	/* With replication every open's commit waits for the acknowledgements: one for all of them. */
	DB_TXN *otxn = NULL;
	/* A home made now has no meta.db yet. (Not "no idx_unit.db": a migration removes it.) */
	char *meta = xasprintf("%s/%s", st->home, st->dbfile[DBI_META]);
	bool fresh = access(meta, F_OK) != 0;
	free(meta);
	if (st->repl && (rc = env->txn_begin(env, NULL, &otxn, 0)) != 0)
		rc = store_err(rc, "txn_begin");
	if (rc == 0 && !st->db[DBI_META])
		rc = store_db_open(st, otxn, DBI_META);
	if (rc == 0)
		rc = store_format_check(st, otxn, fresh);
	for (int i = 0; i < st->ndb && rc == 0; i++)
		if (st->dbfile[i] && !st->db[i] && !(st->migrate && store_dupsort(i)) &&
		    store_open_now(st, st->dbfile[i]))
			rc = store_db_open(st, otxn, i);
	const struct schema *s = st->schema;
	for (int i = 0; s && i < s->n && rc == 0; i++) {
		char *file = xasprintf("rec_%s.db", s->t[i]->id);
		if (store_open_now(st, file))
			rc = store_rec_open(st, otxn, i);
		free(file);
	}
	if (otxn) {
		/* Committed even after a failed open: the handles opened before it are closed normally. */
		int dbrc = otxn->commit(otxn, 0);
		if (rc == 0 && dbrc)
			rc = store_err(dbrc, "txn_commit");
	}
	return rc;
}

/* Close the databases of ST; each close writes the file's changed pages from the cache. */
static void store_dbs_close(struct store *st)
{
	for (int i = 0; st->schema && st->rec && i < st->schema->n; i++) {
		DB *db = atomic_exchange(&st->rec[i], NULL);
		if (db)
			db->close(db, 0);
	}
	for (int i = 0; st->db && i < st->ndb; i++) {
		DB *db = atomic_exchange(&st->db[i], NULL);
		if (db)
			db->close(db, 0);
	}
}

/* Close the databases and the environment of ST (the watchdog stopped). */
static void store_handles_close(struct store *st)
{
	store_dbs_close(st);
	if (st->env)
		st->env->close(st->env, 0);
	st->env = NULL;
}

/* Why HOME could not be made (ERR): a missing parent named, since it is not made (a mistyped path
 * would be made as well). */
static int store_mkdir_err(const char *home, int err)
{
	if (err != ENOENT)
		return errmsg_set(ZZ_EDB, "无法创建数据库目录 %s：%s", home, strerror(err));
	char *parent = xstrdup(home);
	char *slash = strrchr(parent, '/');
	if (slash && slash != parent)
		*slash = '\0';
	int rc = errmsg_set(ZZ_EDB, "无法创建数据库目录 %s：上级目录 %s 不存在（先建立它）", home,
			    slash ? parent : ".");
	free(parent);
	return rc;
}

int store_home_check(const char *home, const struct conf *c, unsigned flags, bool *creator)
{
	struct stat sb;
	if (stat(home, &sb) < 0) {
		if (errno != ENOENT)
			return errmsg_set(ZZ_EDB, "无法访问数据库目录 %s：%s", home, strerror(errno));
		if (!(flags & STORE_CREATE))
			return errmsg_set(ZZ_ENOENT, "数据库目录 %s 不存在（先运行 zongzhi init）", home);
		if (mkdir(home, 0700) < 0)
			return store_mkdir_err(home, errno);
	} else if (!S_ISDIR(sb.st_mode)) {
		return errmsg_set(ZZ_EDB, "%s 不是目录", home);
	}
	/* A new standby starts from an empty home: the primary sends it the databases. */
	*creator = true;
	if (!(flags & STORE_CREATE) || repl_enabled(c)) {
		char *meta = xasprintf("%s/meta.db", home);
		int missing = access(meta, F_OK) != 0 ? errno : 0;
		free(meta);
		/* Not "no database" when it is there but this account may not read it. */
		if (missing && missing != ENOENT)
			return errmsg_set(ZZ_EDB, "无法访问数据库目录 %s：%s（以数据库的属主账户运行）", home,
					  strerror(missing));
		*creator = !missing || (flags & STORE_CREATE);
		if (missing && !(flags & STORE_CREATE) && !repl_enabled(c))
			return errmsg_set(ZZ_ENOENT, "数据库目录 %s 中没有数据库（先运行 zongzhi init）", home);
	}
	return 0;
}

int store_open(struct store **out, const char *home, const struct conf *c, const struct schema *s,
	       const struct store_dbdef *const *extra, int n, unsigned flags)
{
	bool creator;
	int hrc = store_home_check(home, c, flags, &creator);
	if (hrc < 0)
		return hrc;
	/* Berkeley DB wants a log file at least four log buffers long. */
	if (conf_int(c, "db.log_buffer_kb") * 4 > conf_int(c, "db.log_mb") * 1024)
		return errmsg_set(ZZ_EINVAL, "设置 db.log_buffer_kb 不能超过 db.log_mb 的四分之一");
	u_int32_t page_size = (u_int32_t)conf_int(c, "db.page_kb") * 1024;
	if (page_size & (page_size - 1))
		return errmsg_set(ZZ_EINVAL, "设置 db.page_kb 应为 1、2、4、8、16、32 或 64");
	struct store *st = xcalloc(1, sizeof *st);
	st->home = xstrdup(home);
	st->repl_creator = creator;
	st->conf = c;
	st->schema = s;
	st->lockfd = -1;
	st->watch_ms = conf_int(c, "db.watch_ms");
	st->stuck_ms = conf_int(c, "db.lock_timeout_ms") + 4 * st->watch_ms;
	st->page_size = page_size;
	st->rec = xcalloc((size_t)(s ? s->n : 0) + 1, sizeof *st->rec);
	/* Kept for store_revive: the rows are the features' own, the array the caller's. */
	const struct store_dbdef **own = xcalloc((size_t)n + 1, sizeof *own);
	for (int i = 0; i < n; i++)
		own[i] = extra[i];
	st->extra = own;
	st->nextra = n;
	pthread_mutex_init(&st->failchk_mu, NULL);
	pthread_mutex_init(&st->open_mu, NULL);
	/* Opened at once when made (init: every file exists afterwards) and with replication, where
	 * every open's commit waits for the standbys' acknowledgements: one wait for them all. */
	st->eager = (flags & STORE_CREATE) || repl_enabled(c);
	st->migrate = flags & STORE_MIGRATE;
	int rc = store_dbtable(st, extra, n);
	if (rc == 0)
		rc = store_env_start(st);
	if (rc < 0) {
		store_close(&st);
		return rc;
	}
	store_dead_seen = false; /* what this thread saw was of another handle */
	*out = st;
	return 0;
}

int store_set_cache(struct store *st, long long mb, long watch_ms)
{
	if (mb == conf_int(st->conf, "db.cache_mb"))
		mb = 0;
	if (st->repl || st->not_durable || st->cache_mb == mb)
		return 0;
	store_revive(st);
	store_cput_close(st);
	/* The checkpoint writes every changed page and puts the start of the recovery that the open
	 * on new regions runs (DB_RECOVER) after them. */
	int dbrc = st->env->txn_checkpoint(st->env, 0, 0, DB_FORCE);
	if (dbrc)
		return store_err(dbrc, "checkpoint");
	store_watch_stop(st);
	store_handles_close(st);
	DB_ENV *env = NULL;
	if (db_env_create(&env, 0) == 0) {
		store_env_config(env, st->conf);
		env->remove(env, st->home, 0); /* EBUSY while another process has them open */
	}
	st->cache_mb = mb;
	/* The watchdog is stopped: no thread reads the period while it changes. */
	st->watch_ms = watch_ms ? watch_ms : conf_int(st->conf, "db.watch_ms");
	int rc = store_env_start(st);
	if (rc < 0)
		fatal("数据库无法重新打开：%s", errmsg());
	return 0;
}

int store_revive(struct store *st)
{
	/* A call of this thread found the environment dead before the watchdog did. */
	if (store_dead_seen) {
		store_dead_seen = false;
		atomic_store(&st->stale, true);
	}
	if (!store_regions_replaced(st))
		return 0;
	store_watch_stop(st);
	store_cput_close(st);
	store_ids_reset(st);
	/* Nothing of the old regions is of use any more: with the environment marked dead, closing
	 * the handles returns at once instead of waiting on a latch of the dead process. (The flag
	 * lands in regions that are dead already, or that recovery has replaced.) */
	if (st->env)
		st->env->set_flags(st->env, DB_PANIC_ENVIRONMENT, 1);
	store_handles_close(st);
	atomic_store(&st->stale, false);
	int rc = store_env_start(st);
	if (rc < 0) {
		/* Without an environment nothing in this process can go on. */
		fatal("数据库无法重新打开：%s", errmsg());
	}
	return 0;
}

void store_close(struct store **stp)
{
	struct store *st = *stp;
	if (!st)
		return;
	store_watch_stop(st);
	pthread_mutex_destroy(&st->failchk_mu);
	pthread_mutex_destroy(&st->open_mu);
	if (st->lockfd >= 0)
		close(st->lockfd);
	/* A dead environment is closed as store_revive does it: without waiting on a dead latch,
	 * and without flushing its pages over what recovery made. */
	if (st->env && store_regions_replaced(st))
		st->env->set_flags(st->env, DB_PANIC_ENVIRONMENT, 1);
	bool opened = st->env != NULL;
	store_handles_close(st);
	if (opened)
		store_region_release(st->home, st->conf);
	free(st->db);
	free(st->dbfile);
	free((void *)st->extra);
	store_ids_reset(st);
	free(st->rec);
	free(st->home);
	free(st);
	*stp = NULL;
}

/* The database in SLOT, opened by OPENER (store_db_open, store_rec_open) with index I unless
 * another thread did it first: the first use of a database, under open_mu. NULL when it cannot be
 * opened, with errmsg set. */
static DB *store_first_use(struct store *st, DB *_Atomic *slot, int (*opener)(struct store *, DB_TXN *, int),
			   int i)
{
	pthread_mutex_lock(&st->open_mu);
	DB *db = atomic_load_explicit(slot, memory_order_relaxed);
	if (!db && opener(st, NULL, i) == 0)
		db = atomic_load_explicit(slot, memory_order_relaxed);
	pthread_mutex_unlock(&st->open_mu);
	return db;
}

/* A handle once open is read without the lock: the acquire load pairs with the release store of
 * the thread that opened it (store_db_open, store_rec_open), so its contents are seen whole. */
DB *store_db(struct store *st, int id)
{
	if (id < 0 || id >= st->ndb || !st->dbfile[id])
		return NULL;
	DB *db = atomic_load_explicit(&st->db[id], memory_order_acquire);
	return db ? db : store_first_use(st, &st->db[id], store_db_open, id);
}

DB *store_rec_db(struct store *st, const struct rtype *t)
{
	int i = t->index;
	if (i < 0 || i >= st->schema->n || st->schema->t[i] != t)
		fatal("record type %s has no database", t->id);
	DB *db = atomic_load_explicit(&st->rec[i], memory_order_acquire);
	/* Failed: rec[i] stays NULL, and errmsg says why. */
	return db ? db : store_first_use(st, &st->rec[i], store_rec_open, i);
}

int store_checkpoint(struct store *st)
{
	store_revive(st);
	int rc = st->env->txn_checkpoint(st->env, 0, 0, 0);
	return rc ? store_err(rc, "checkpoint") : 0;
}

int store_sync_pages(struct store *st)
{
	store_revive(st);
	int rc = st->env->memp_sync(st->env, NULL);
	return rc ? store_err(rc, "memp_sync") : 0;
}

int store_set_durable(struct store *st, bool durable)
{
	if (st->repl || st->not_durable == !durable)
		return 0;
	store_revive(st);
	store_cput_close(st);
	store_dbs_close(st);
	st->not_durable = !durable;
	int rc = store_dbs_open(st);
	if (rc == 0 && durable) {
		/* The closes wrote every page changed without the log; a checkpoint now puts the start of
		 * any later recovery after them, and the log before it (which never held them) goes. */
		int dbrc = st->env->txn_checkpoint(st->env, 0, 0, DB_FORCE);
		if (dbrc == 0)
			dbrc = st->env->log_archive(st->env, NULL, DB_ARCH_REMOVE);
		rc = dbrc ? store_err(dbrc, "checkpoint") : 0;
	}
	return rc;
}

int store_flush(struct store *st)
{
	int rc = st->env->log_flush(st->env, NULL);
	return rc ? store_err(rc, "log_flush") : 0;
}

static int store_confirm_txn(struct store *st, DB_TXN *txn, void *arg)
{
	(void)arg;
	int64_t now = (int64_t)time(NULL);
	static const char key[] = "repl.confirmed";
	return store_put(store_db(st, DBI_META), txn, key, sizeof key - 1, &now, sizeof now);
}

bool store_confirmed(struct store *st)
{
	if (st->unacked == 0)
		return true;
	unsigned long unacked = st->unacked;
	if (!st->repl || !repl_peers_connected(st->env, st->conf) || store_run(st, store_confirm_txn, NULL) < 0 ||
	    st->unacked != unacked) {
		st->unacked = unacked;
		return false;
	}
	st->unacked = 0;
	return true;
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
	if (store_standby(st))
		return repl_refuse(st->env, st->conf);
	int rc = ZZ_ERETRY;
	atomic_fetch_add(&st->busy, 1);
	for (int attempt = 0; attempt < 50 && rc == ZZ_ERETRY; attempt++) {
		DB_TXN *txn = NULL;
		atomic_fetch_add(&st->progress, 1);
		if (attempt > 0) {
			int frc = atomic_load(&st->stale) ? 0 : store_failchk(st);
			if (frc < 0 && !atomic_load(&st->stale)) {
				rc = frc;
				break;
			}
			usleep((useconds_t)(1000 * (attempt < 10 ? attempt : 10)));
		}
		store_revive(st);
		store_dead_seen = false;
		int dbrc = st->env->txn_begin(st->env, NULL, &txn,
					      flags & STORE_TXN_NOSYNC ? DB_TXN_WRITE_NOSYNC : 0);
		if (dbrc == DB_RUNRECOVERY) {
			atomic_store(&st->stale, true);
			continue;
		}
		if (dbrc) {
			rc = store_err(dbrc, "txn_begin");
			break;
		}
		rc = fn(st, txn, arg);
		bool aborted = rc != 0;
		/* Berkeley DB requires a transaction's cursors closed before it ends. */
		store_cput_close(st);
		if (rc == 0) {
			unsigned long unacked = st->repl ? repl_unacked() : 0;
			dbrc = txn->commit(txn, 0);
			/* Not tried again: whether a commit that met a dead environment is in, only
			 * recovery knows. */
			rc = dbrc ? store_err(dbrc, "txn_commit") : 0;
			if (rc == 0 && !(flags & STORE_TXN_UNCOUNTED))
				atomic_fetch_add(&st->commits, 1);
			if (rc == 0 && st->repl && repl_unacked() != unacked)
				st->unacked++;
		} else {
			txn->abort(txn);
		}
		if (rc != 0)
			store_ids_reset(st);
		if (store_dead_seen && rc != 0) {
			/* The environment died under this transaction: open it anew, and when the
			 * transaction was aborted (nothing of it is in) run it again; after a failed
			 * commit, only say so. */
			atomic_store(&st->stale, true);
			if (aborted)
				rc = ZZ_ERETRY;
		}
	}
	atomic_fetch_sub(&st->busy, 1);
	if (rc == ZZ_ERETRY)
		rc = errmsg_set(ZZ_EDB, "数据库繁忙，请稍后再试");
	return rc;
}

int store_get(DB *db, DB_TXN *txn, const void *k, size_t kn, void **v, size_t *vn, bool rmw)
{
	if (!db)
		return ZZ_EDB; /* store_db or store_rec_db could not open it, and said why */
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

int store_get_buf(DB *db, DB_TXN *txn, const void *k, size_t kn, void *buf, size_t cap, void **v, size_t *vn,
		  bool rmw)
{
	unsigned char small[256];
	if (kn > sizeof small || !db)
		return store_get(db, txn, k, kn, v, vn, rmw);
	memcpy(small, k, kn);
	DBT key = {.data = small, .size = (u_int32_t)kn, .ulen = (u_int32_t)kn, .flags = DB_DBT_USERMEM};
	DBT val = {.data = buf, .ulen = (u_int32_t)cap, .flags = DB_DBT_USERMEM};
	int rc = db->get(db, txn, &key, &val, rmw ? DB_RMW : 0);
	if (rc == DB_BUFFER_SMALL)
		return store_get(db, txn, k, kn, v, vn, rmw);
	if (rc)
		return store_err(rc, "读取");
	*v = buf;
	if (vn)
		*vn = val.size;
	return 0;
}

int store_walk(DB *db, DB_TXN *txn, const void *prefix, size_t pn, store_row_fn fn, void *arg)
{
	DBC *c = NULL;
	int rc = db ? db->cursor(db, txn, &c, 0) : 0;
	if (!db || rc)
		return db ? store_err(rc, "游标") : ZZ_EDB;
	enum { BULK = 256 * 1024 };
	void *bulk = xmalloc(BULK);
	unsigned char small[256], *kb = pn <= sizeof small ? small : xmalloc(pn);
	memcpy(kb, prefix, pn);
	DBT key = {.data = kb, .size = (u_int32_t)pn}, val = {.data = bulk, .ulen = BULK, .flags = DB_DBT_USERMEM};
	int out = 0;
	rc = c->get(c, &key, &val, DB_SET_RANGE | DB_MULTIPLE_KEY);
	while (rc == 0 && !out) {
		void *p, *kd, *dd;
		u_int32_t kn, dn;
		DB_MULTIPLE_INIT(p, &val);
		for (;;) {
			DB_MULTIPLE_KEY_NEXT(p, &val, kd, kn, dd, dn);
			if (!p)
				break;
			if (kn < pn || memcmp(kd, prefix, pn) != 0) {
				out = 1;
				break;
			}
			out = fn(kd, kn, dd, dn, arg);
			if (out)
				break;
		}
		if (!out)
			rc = c->get(c, &key, &val, DB_NEXT | DB_MULTIPLE_KEY);
	}
	c->close(c);
	free(bulk);
	if (kb != small)
		free(kb);
	if (rc && rc != DB_NOTFOUND)
		return store_err(rc, "索引扫描");
	return out < 0 ? out : 0;
}

/* DB->put; STORE_PUT_NEW in FLAGS refuses an existing key with ZZ_EEXIST. */
static int store_put_flags(DB *db, DB_TXN *txn, const void *k, size_t kn, const void *v, size_t vn,
			   unsigned flags)
{
	if (!db)
		return ZZ_EDB;
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
	if (!db)
		return ZZ_EDB;
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
	if (!st->put_cursors || !txn || !db)
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
	/* DB_KEYLAST adds the key or replaces its value, as DB->put; in the list indexes (sorted
	 * duplicates) it adds the pair in its place, ZZ_EEXIST when it is there. */
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
	int rc = store_get(store_db(st, DBI_META), txn, k, strlen(k), &v, &vn, true);
	if (rc == 0 && vn == 8)
		n = be64_get(v);
	free(v);
	if (rc < 0 && rc != ZZ_ENOENT) {
		free(k);
		return rc;
	}
	unsigned char buf[8];
	be64_put(buf, n + nids);
	rc = store_put(store_db(st, DBI_META), txn, k, strlen(k), buf, 8);
	free(k);
	if (rc == 0)
		*first = n + 1;
	return rc;
}
