/* sessions.c — session registry files "<run_dir>/sessions/<pid>" holding "account\taddr\tstart". */
#include "sessions.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

static int sessions_lock(const char *run_dir)
{
	char *dir = xasprintf("%s/sessions", run_dir);
	mkdir(run_dir, 0700);
	mkdir(dir, 0700);
	free(dir);
	char *path = xasprintf("%s/sessions.lock", run_dir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		errmsg_set(ZZ_ERR, "无法打开会话登记锁 %s：%s", path, strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	while (flock(fd, LOCK_EX) < 0 && errno == EINTR)
		;
	return fd;
}

static bool pid_alive(pid_t pid)
{
	return pid > 0 && (kill(pid, 0) == 0 || errno == EPERM);
}

/* Count under the lock; remove files of processes that are gone. */
static int sessions_count_locked(const char *run_dir, const char *account, int *total, int *mine)
{
	char *dir = xasprintf("%s/sessions", run_dir);
	DIR *d = opendir(dir);
	*total = *mine = 0;
	if (!d) {
		int rc = errmsg_set(ZZ_ERR, "无法读取会话登记目录 %s：%s", dir, strerror(errno));
		free(dir);
		return rc;
	}
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		long long pid;
		if (str_to_ll(de->d_name, &pid) < 0)
			continue;
		char *path = xasprintf("%s/%s", dir, de->d_name);
		if (!pid_alive((pid_t)pid)) {
			unlink(path);
			free(path);
			continue;
		}
		(*total)++;
		FILE *f = fopen(path, "re");
		char line[256] = "";
		if (f) {
			if (!fgets(line, sizeof line, f))
				line[0] = '\0';
			fclose(f);
		}
		line[strcspn(line, "\t\n")] = '\0';
		if (account && strcmp(line, account) == 0)
			(*mine)++;
		free(path);
	}
	closedir(d);
	free(dir);
	return 0;
}

int sessions_count(const char *run_dir, const char *account, int *total, int *mine)
{
	int fd = sessions_lock(run_dir);
	if (fd < 0)
		return ZZ_ERR;
	int rc = sessions_count_locked(run_dir, account, total, mine);
	close(fd);
	return rc;
}

int sessions_register(const char *run_dir, pid_t pid, const char *account, const char *addr,
		      int max_total, int max_account)
{
	int fd = sessions_lock(run_dir);
	if (fd < 0)
		return ZZ_ERR;
	int total = 0, mine = 0;
	int rc = sessions_count_locked(run_dir, account, &total, &mine);
	if (rc == 0 && total >= max_total)
		rc = errmsg_set(ZZ_EPERM, "系统同时在线的会话已达上限（%d 个），请稍后再试", max_total);
	else if (rc == 0 && mine >= max_account)
		rc = errmsg_set(ZZ_EPERM, "账号 %s 同时在线的会话已达上限（%d 个），请先退出其他会话",
				account, max_account);
	if (rc == 0) {
		char *path = xasprintf("%s/sessions/%d", run_dir, (int)pid);
		FILE *f = fopen(path, "we");
		if (!f || fprintf(f, "%s\t%s\t%lld\n", account, addr, (long long)time(NULL)) < 0)
			rc = errmsg_set(ZZ_ERR, "无法登记会话 %s：%s", path, strerror(errno));
		if (f && fclose(f) != 0 && rc == 0)
			rc = errmsg_set(ZZ_ERR, "无法登记会话 %s：%s", path, strerror(errno));
		free(path);
	}
	close(fd);
	return rc;
}

int sessions_db_lock(const char *run_dir)
{
	mkdir(run_dir, 0700);
	char *path = xasprintf("%s/db.lock", run_dir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	free(path);
	if (fd < 0)
		return -1;
	while (flock(fd, LOCK_EX) < 0 && errno == EINTR)
		;
	return fd;
}

void sessions_db_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}

void sessions_unregister(const char *run_dir, pid_t pid)
{
	char *path = xasprintf("%s/sessions/%d", run_dir, (int)pid);
	unlink(path);
	free(path);
}
