/* maint.c — maintenance mode's state file: "since<TAB>by<TAB>reason\n" in HOME/maintenance. */
#include "maint.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "perm.h"

static char *maint_path(const char *home)
{
	return xasprintf("%s/maintenance", home);
}

int maint_get(const char *home, struct maint *m)
{
	memset(m, 0, sizeof *m);
	char *path = maint_path(home);
	FILE *f = fopen(path, "r");
	free(path);
	if (!f)
		return errno == ENOENT ? 0 : errmsg_set(ZZ_EDB, "无法读取维护状态文件：%s", strerror(errno));
	char line[MAINT_REASON_MAX + 128];
	bool ok = fgets(line, sizeof line, f) != NULL;
	fclose(f);
	char *v[3];
	line[strcspn(line, "\n")] = '\0';
	long long since;
	if (!ok || str_split(line, '\t', v, 3) != 3 || str_to_ll(v[0], &since) < 0) {
		snprintf(m->reason, sizeof m->reason, "（维护状态文件已损坏）");
		return 1;
	}
	m->since = since;
	snprintf(m->by, sizeof m->by, "%s", v[1]);
	snprintf(m->reason, sizeof m->reason, "%s", v[2]);
	return 1;
}

int maint_set(const char *home, const struct maint *m)
{
	char *path = maint_path(home), *tmp = xasprintf("%s.tmp", path);
	int rc = 0;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		if (fd >= 0)
			close(fd);
		rc = errmsg_set(ZZ_EDB, "无法写入维护状态文件：%s", strerror(errno));
	} else {
		fprintf(f, "%lld\t%s\t%s\n", (long long)m->since, m->by, m->reason);
		if (fflush(f) != 0 || fsync(fileno(f)) != 0)
			rc = errmsg_set(ZZ_EDB, "无法写入维护状态文件：%s", strerror(errno));
		if (fclose(f) != 0 && rc == 0)
			rc = errmsg_set(ZZ_EDB, "无法写入维护状态文件：%s", strerror(errno));
	}
	if (rc == 0 && rename(tmp, path) < 0)
		rc = errmsg_set(ZZ_EDB, "无法写入维护状态文件：%s", strerror(errno));
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	free(path);
	return rc;
}

int maint_clear(const char *home)
{
	char *path = maint_path(home);
	int rc = unlink(path) < 0 && errno != ENOENT ? errmsg_set(ZZ_EDB, "无法删除维护状态文件：%s", strerror(errno)) : 0;
	free(path);
	return rc;
}

int maint_check_reason(const char *reason)
{
	size_t n = reason ? strlen(reason) : 0;
	if (n == 0)
		return errmsg_set(ZZ_EINVAL, "请说明进入维护状态的原因");
	if (n > MAINT_REASON_MAX)
		return errmsg_set(ZZ_EINVAL, "原因太长（最多 %d 字节）", MAINT_REASON_MAX);
	if (!utf8_valid(reason, n))
		return errmsg_set(ZZ_EINVAL, "原因不是有效的 UTF-8 文本");
	for (const unsigned char *p = (const unsigned char *)reason; *p; p++)
		/* C0, DEL, and C1 (U+0080..U+009F, 0xC2 0x80..0x9F in UTF-8). */
		if (*p < 0x20 || *p == 0x7f || (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			return errmsg_set(ZZ_EINVAL, "原因中不能有控制字符");
	return 0;
}

bool maint_exempt(struct ctx *c, const struct user *u)
{
	return u && perm_system_right(c, u, ACT_SECURITY);
}

int maint_refuse(struct ctx *c, const struct user *u)
{
	struct maint m;
	int on = maint_get(c->home, &m);
	if (on == 0 || maint_exempt(c, u))
		return 0;
	if (on < 0)
		return errmsg_set(ZZ_EPERM, "系统维护中，暂停登录（%s）", errmsg());
	return errmsg_set(ZZ_EPERM, "系统维护中，暂停登录。原因：%s", m.reason);
}
