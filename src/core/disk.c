/* disk.c — disk use of the database home, log retention, the low-space warning. */
#include "disk.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "perm.h"

#define DISK_BACKUP_KEY "disk:last_backup"

static int backup_get_txn(struct store *st, DB_TXN *txn, void *arg)
{
	int64_t *t = arg;
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(store_db(st, DBI_META), txn, DISK_BACKUP_KEY, strlen(DISK_BACKUP_KEY), &v, &vn, false);
	*t = rc == 0 && vn == 8 ? (int64_t)be64_get(v) : 0;
	free(v);
	return rc == ZZ_ENOENT ? 0 : rc;
}

static int backup_put_txn(struct store *st, DB_TXN *txn, void *arg)
{
	unsigned char be[8];
	be64_put(be, (uint64_t) * (int64_t *)arg);
	return store_put(store_db(st, DBI_META), txn, DISK_BACKUP_KEY, strlen(DISK_BACKUP_KEY), be, 8);
}

int disk_backup_mark(struct ctx *c, int64_t t)
{
	return store_run(c->st, backup_put_txn, &t);
}

/* Log files are log.NNNNNNNNNN; everything else in the home that ends in .db is data. */
static bool disk_is_log(const char *name)
{
	return !strncmp(name, "log.", 4) && strspn(name + 4, "0123456789") == strlen(name + 4) && name[4];
}

int disk_measure(struct ctx *c, struct disk_use *d)
{
	memset(d, 0, sizeof *d);
	DIR *dir = opendir(c->home);
	if (!dir)
		return errmsg_set(ZZ_EDB, "无法读取数据库目录 %s", c->home);
	struct dirent *de;
	while ((de = readdir(dir))) {
		size_t n = strlen(de->d_name);
		bool log = disk_is_log(de->d_name), data = n > 3 && !strcmp(de->d_name + n - 3, ".db");
		if (!log && !data)
			continue;
		char *path = xasprintf("%s/%s", c->home, de->d_name);
		struct stat sb;
		if (stat(path, &sb) == 0) {
			if (log) {
				d->log_bytes += (uint64_t)sb.st_size;
				d->log_files++;
			} else {
				d->data_bytes += (uint64_t)sb.st_size;
				d->data_files++;
			}
		}
		free(path);
	}
	closedir(dir);
	char **list = NULL;
	if (c->st->env->log_archive(c->st->env, &list, DB_ARCH_ABS) == 0)
		for (char **p = list; p && *p; p++)
			d->log_removable++;
	free(list);
	struct statvfs vfs;
	if (statvfs(c->home, &vfs) == 0) {
		d->fs_free = (uint64_t)vfs.f_bavail * vfs.f_frsize;
		d->fs_total = (uint64_t)vfs.f_blocks * vfs.f_frsize;
	}
	int rc = store_run(c->st, backup_get_txn, &d->last_backup);
	if (d->fs_total && d->fs_free * 100 < d->fs_total * (uint64_t)conf_int(c->conf, "disk.warn_free_percent"))
		d->warn |= 1;
	if (d->log_bytes > (uint64_t)conf_int(c->conf, "disk.warn_log_mb") * 1024 * 1024)
		d->warn |= 2;
	return rc;
}

int disk_logs_prune(struct ctx *c, int64_t now, int *removed)
{
	*removed = 0;
	int64_t backup = 0;
	bool until_backup = conf_bool(c->conf, "disk.log_keep_until_backup");
	int rc = until_backup ? store_run(c->st, backup_get_txn, &backup) : 0;
	if (rc < 0)
		return rc;
	char **list = NULL;
	if (c->st->env->log_archive(c->st->env, &list, DB_ARCH_ABS) != 0)
		return errmsg_set(ZZ_EDB, "日志归档失败");
	int64_t keep_s = conf_int(c->conf, "disk.log_keep_days") * 86400;
	for (char **p = list; p && *p; p++) {
		struct stat sb;
		if (stat(*p, &sb) < 0 || now - (int64_t)sb.st_mtime < keep_s)
			continue;
		/* A log file written after the last backup began holds changes no backup has. */
		if (until_backup && (backup == 0 || (int64_t)sb.st_mtime >= backup))
			continue;
		if (unlink(*p) == 0)
			(*removed)++;
	}
	free(list);
	return 0;
}

static void disk_mb(char *out, size_t n, uint64_t bytes)
{
	if (bytes >= (uint64_t)10 << 30)
		snprintf(out, n, "%.1f GB", (double)bytes / (1 << 30));
	else
		snprintf(out, n, "%.1f MB", (double)bytes / (1 << 20));
}

int disk_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l)
{
	(void)now;
	if (!perm_system_right(c, u, ACT_ADMIN))
		return 0;
	struct disk_use d;
	if (disk_measure(c, &d) < 0)
		return 0;
	char free_s[32], log_s[32];
	disk_mb(free_s, sizeof free_s, d.fs_free);
	disk_mb(log_s, sizeof log_s, d.log_bytes);
	if (d.warn & 1)
		todo_add(l, TODO_SYSTEM, 0, "disk", "", "系统告警：磁盘剩余空间不足：剩余 %s（%d%%），请清理或扩容", free_s,
			 d.fs_total ? (int)(d.fs_free * 100 / d.fs_total) : 0);
	if (d.warn & 2)
		todo_add(l, TODO_SYSTEM, 0, "disk", "", "系统提示：数据库日志已达 %s（%d 个文件）%s", log_s, d.log_files,
			 conf_bool(c->conf, "disk.log_keep_until_backup") ? "：备份后旧日志才会删除，请及时备份" : "");
	return 0;
}
