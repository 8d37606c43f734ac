/* region.c — where the environment's shared regions live. Berkeley DB 5.3 maps them from files
 * __db.00N in the home by default: the cache's pages, decrypted, were on disk in an encrypted home,
 * and stayed there after a stop. With DB_SYSTEM_MEM they are System V shared memory segments
 * (mode 0600, as the environment's files) and __db.001 holds only a reference to the first one
 * (size, size, segment id: REGENV_REF, 24 bytes). A process joining reads that reference; only a
 * process that makes the regions (the first, or one that recovers) needs the base key. */
#include "region.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "util.h"

/* libdb 5.3's REGENV_REF: what __db.001 holds when the regions are in shared memory. */
struct region_ref {
	uintptr_t size, max;
	long segid;
};

enum region_kind { REGION_NONE, REGION_SHM, REGION_FILES };

/* Derived keys: 0x7A000000 ("z") plus one of 2^18 ranges of REGION_KEYS, all below INT_MAX. */
#define REGION_KEY_BASE 0x7A000000L
#define REGION_KEY_SLOTS (1L << 18)

bool region_shm_wanted(const struct conf *c)
{
	return conf_bool(c, "db.system_memory") || !str_empty(conf_str(c, "db.key_file"));
}

/* What HOME's __db.001 says: no regions, shared memory (*SEGID the first segment), or files. */
static enum region_kind region_kind(const char *home, long *segid, ino_t *ino)
{
	char *path = xasprintf("%s/__db.001", home);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	struct stat sb;
	if (fd < 0 || fstat(fd, &sb) < 0) {
		if (fd >= 0)
			close(fd);
		return REGION_NONE;
	}
	/* Shorter than a reference: being made by another process right now (a region file is made
	 * at its full size, hundreds of KB, at once). */
	struct region_ref ref;
	enum region_kind kind = sb.st_size > (off_t)sizeof ref ? REGION_FILES : REGION_NONE;
	if (sb.st_size == (off_t)sizeof ref && pread(fd, &ref, sizeof ref, 0) == (ssize_t)sizeof ref) {
		kind = REGION_SHM;
		*segid = ref.segid;
	}
	*ino = sb.st_ino;
	close(fd);
	return kind;
}

uint64_t region_id(const char *home)
{
	long segid = -1;
	ino_t ino = 0;
	enum region_kind kind = region_kind(home, &segid, &ino);
	if (kind == REGION_NONE)
		return 0;
	/* Recovery may make __db.001 anew with the inode it freed: the segment's id tells them apart. */
	return (uint64_t)ino ^ (kind == REGION_SHM ? (uint64_t)(segid + 1) << 40 : 0);
}

/* A line of the registry (__db.register) and a free one: store.c says more. */
#define REGION_REG_LINE 25
static const char region_reg_free[REGION_REG_LINE + 1] = "X                      0\n";

/* The registry's lock on byte 1, which Berkeley DB holds while a process registers: with it held,
 * no process joins or makes the regions meanwhile. */
static int region_reg_lock(const char *home, short type)
{
	char *path = xasprintf("%s/__db.register", home);
	int fd = open(path, O_RDWR | O_CLOEXEC);
	free(path);
	if (fd < 0)
		return -1;
	struct flock fl = {.l_type = type, .l_whence = SEEK_SET, .l_start = 1, .l_len = 1};
	while (fcntl(fd, F_OFD_SETLKW, &fl) < 0)
		if (errno != EINTR) {
			close(fd);
			return -1;
		}
	return fd;
}

/* Does the registry FD (locked) hold the line of a live process? A live process holds a lock on
 * its line's first byte; this process's own lines are live. */
static bool region_reg_live(int fd)
{
	char line[REGION_REG_LINE];
	for (off_t at = 0; pread(fd, line, sizeof line, at) == (ssize_t)sizeof line; at += (off_t)sizeof line) {
		if (!memcmp(line, region_reg_free, sizeof line))
			continue;
		if (strtol(line, NULL, 10) == (long)getpid())
			return true;
		struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = at, .l_len = 1};
		if (fcntl(fd, F_OFD_SETLK, &fl) < 0)
			return true;
		fl.l_type = F_UNLCK;
		fcntl(fd, F_OFD_SETLK, &fl);
	}
	return false;
}

/* Does the registry FD (locked, no live line) hold a line of a process that died? */
static bool region_reg_dead(int fd)
{
	char line[REGION_REG_LINE];
	for (off_t at = 0; pread(fd, line, sizeof line, at) == (ssize_t)sizeof line; at += (off_t)sizeof line)
		if (memcmp(line, region_reg_free, sizeof line))
			return true;
	return false;
}

static void region_reg_unlock(int fd)
{
	if (fd >= 0)
		close(fd); /* drops the descriptor's locks */
}

/* Remove HOME's regions with FORCE (Berkeley DB's own remove: segments or files). */
static int region_remove(const char *home, bool force)
{
	DB_ENV *env = NULL;
	int rc = db_env_create(&env, 0);
	if (rc == 0)
		rc = env->remove(env, home, force ? DB_FORCE : 0); /* frees the handle */
	return rc;
}

/* The kernel's limits on one segment and on all of them, against the cache. */
static int region_limits(const struct conf *c)
{
	unsigned long long need = (unsigned long long)conf_int(c, "db.cache_mb") << 20, max = 0, all = 0;
	FILE *f = fopen("/proc/sys/kernel/shmmax", "r");
	int ok = f && fscanf(f, "%llu", &max) == 1;
	if (f)
		fclose(f);
	f = fopen("/proc/sys/kernel/shmall", "r");
	ok = ok && f && fscanf(f, "%llu", &all) == 1;
	if (f)
		fclose(f);
	unsigned long long page = (unsigned long long)sysconf(_SC_PAGESIZE);
	if (ok && (need > max || need / page > all))
		return errmsg_set(ZZ_EINVAL,
				  "数据库缓存（db.cache_mb = %lld）放不进系统的共享内存：kernel.shmmax = %llu 字节，"
				  "kernel.shmall = %llu 页；调大这两项（sysctl）或调小 db.cache_mb",
				  conf_int(c, "db.cache_mb"), max, all);
	return 0;
}

int region_prepare(const char *home, const struct conf *c)
{
	bool shm = region_shm_wanted(c);
	if (!conf_bool(c, "db.system_memory") && shm)
		return errmsg_set(ZZ_EINVAL, "加密的数据库（db.key_file）的缓存只能放在共享内存中：设置 "
					     "db.system_memory = true");
	if (shm && region_limits(c) < 0)
		return ZZ_EINVAL;
	long segid = -1;
	ino_t ino = 0;
	enum region_kind kind = region_kind(home, &segid, &ino);
	struct shmid_ds ds;
	if (kind == REGION_SHM && shmctl((int)segid, IPC_STAT, &ds) < 0 && (errno == EINVAL || errno == EIDRM)) {
		/* The segments are gone (a reboot, ipcrm): joining the reference would fail for good. */
		int fd = region_reg_lock(home, F_WRLCK);
		long again = -1;
		if (region_kind(home, &again, &ino) == REGION_SHM && again == segid) {
			char *path = xasprintf("%s/__db.001", home);
			unlink(path);
			free(path);
			log_msg(LOG_NOTICE, "database environment: its shared memory is gone; the regions are made anew");
		}
		region_reg_unlock(fd);
		return 0;
	}
	if (kind != REGION_FILES || !shm)
		return 0;
	/* Made before, in files (an older version, or db.system_memory = false): removed with the
	 * pages they hold when no process has them, and made again in shared memory. */
	int fd = region_reg_lock(home, F_WRLCK);
	int rc = fd >= 0 && region_reg_live(fd) ? EBUSY : region_remove(home, true);
	region_reg_unlock(fd);
	if (rc)
		return errmsg_set(ZZ_EDB, "数据库目录 %s 的共享区域还在文件 __db.0* 中，且有进程在用（%s）：停止所有 "
					  "zongzhi 进程后再启动，区域会移到共享内存中",
				  home, db_strerror(rc));
	log_msg(LOG_NOTICE, "database environment: the region files were removed; the regions go to shared memory");
	return 0;
}

long region_key_try(uint64_t dev, uint64_t ino, unsigned try)
{
	uint64_t words[3] = {dev, ino, try}, h = 0xcbf29ce484222325ULL;
	const unsigned char *p = (const unsigned char *)words;
	for (size_t i = 0; i < sizeof words; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return REGION_KEY_BASE + (long)(h % REGION_KEY_SLOTS) * REGION_KEYS;
}

/* May the regions of a home whose first segment is OWN (-1: none) be made from KEY on? Free, or
 * its own, or a segment of this account that no process has attached (left by processes that all
 * died: Berkeley DB removes it before making its own). A range another home uses is never taken,
 * since Berkeley DB would remove that home's segments. */
static bool region_key_free(long key, long own)
{
	int id = shmget((key_t)key, 0, 0);
	if (id < 0)
		return errno == ENOENT;
	struct shmid_ds ds;
	if (id == own)
		return true;
	return shmctl(id, IPC_STAT, &ds) == 0 && ds.shm_nattch == 0 && ds.shm_perm.cuid == geteuid();
}

u_int32_t region_config(DB_ENV *env, const char *home, const struct conf *c)
{
	struct stat sb;
	if (!region_shm_wanted(c) || stat(home, &sb) < 0)
		return 0;
	long own = -1;
	ino_t ino = 0;
	if (region_kind(home, &own, &ino) != REGION_SHM)
		own = -1;
	for (unsigned try = 0; try < 64; try++) {
		long key = region_key_try((uint64_t)sb.st_dev, (uint64_t)sb.st_ino, try);
		if (region_key_free(key, own)) {
			env->set_shm_key(env, key);
			break;
		}
	}
	/* No range free: without a key Berkeley DB refuses to make the regions (it joins them). */
	return DB_SYSTEM_MEM;
}

void region_advise(const struct conf *c)
{
	if (!conf_bool(c, "db.huge_pages"))
		return;
	FILE *f = fopen("/proc/self/maps", "re");
	if (!f)
		return;
	char line[512];
	while (fgets(line, sizeof line, f)) {
		unsigned long lo, hi;
		unsigned key;
		const char *name = strstr(line, "/SYSV");
		if (!name || sscanf(line, "%lx-%lx", &lo, &hi) != 2 || sscanf(name + 5, "%8x", &key) != 1)
			continue;
		/* Only the ranges region_key_try derives: another library's segment is not ours to advise. */
		if ((long)key < REGION_KEY_BASE || (long)key >= REGION_KEY_BASE + REGION_KEY_SLOTS * REGION_KEYS)
			continue;
		if (madvise((void *)lo, hi - lo, MADV_HUGEPAGE) < 0)
			log_msg(LOG_INFO, "database regions: madvise(MADV_HUGEPAGE) of segment %08x: %s", key,
				strerror(errno));
	}
	fclose(f);
}

bool region_home_busy(const char *home)
{
	int fd = region_reg_lock(home, F_RDLCK);
	if (fd < 0)
		return false;
	bool live = region_reg_live(fd);
	region_reg_unlock(fd);
	return live;
}

int region_idle_lock(const char *home, bool *dead)
{
	long segid = -1;
	ino_t ino = 0;
	if (region_kind(home, &segid, &ino) != REGION_SHM)
		return -1;
	int fd = region_reg_lock(home, F_WRLCK);
	if (fd < 0)
		return -1;
	if (region_reg_live(fd)) {
		region_reg_unlock(fd);
		return -1;
	}
	*dead = region_reg_dead(fd);
	return fd;
}

void region_remove_unlock(const char *home, int fd)
{
	/* Forced past the processes that died (killed: they never left): what they left undone is
	 * the log's, as when every process dies, and the next opener recovers (their registry lines
	 * say so). */
	region_remove(home, true);
	region_reg_unlock(fd);
}
