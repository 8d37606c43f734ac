/* files.c — the accounts' own folders: names, confined opens, usage and limits, hashes. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "files.h"
#include "util.h"

static const char *const files_areas[FILES_AREAS] = {
    [FILES_UPLOAD] = "upload", [FILES_DOWNLOAD] = "download"};

const char *files_area_name(enum files_area a) { return files_areas[a]; }

char *files_root(struct ctx *c, const char *account)
{
	char *base = conf_path(c->conf, "paths.files");
	char *dir = xasprintf("%s/%s", base, account);
	free(base);
	return dir;
}

char *files_dir(struct ctx *c, const char *account, enum files_area a)
{
	char *base = conf_path(c->conf, "paths.files");
	char *dir = xasprintf("%s/%s/%s", base, account, files_areas[a]);
	free(base);
	return dir;
}

/* Make DIR when missing; an existing DIR must be a folder, not a link to one. */
static int files_mkdir(const char *dir)
{
	if (mkdir(dir, 0750) < 0 && errno != EEXIST)
		return errmsg_set(ZZ_ERR, "无法建立文件夹 %s：%s", dir, strerror(errno));
	struct stat sb;
	if (lstat(dir, &sb) < 0 || !S_ISDIR(sb.st_mode))
		return errmsg_set(ZZ_EPERM, "%s 不是文件夹（可能是符号链接），拒绝使用", dir);
	return 0;
}

/* Make BASE and the folders above it when missing (mkdir -p). */
static int files_mkdirs(char *base)
{
	for (char *p = base + 1;; p++) {
		bool end = *p == '\0';
		if (*p != '/' && !end)
			continue;
		*p = '\0';
		int err = mkdir(base, 0750) < 0 && errno != EEXIST ? errno : 0;
		if (!end)
			*p = '/';
		if (err)
			return errmsg_set(ZZ_ERR, "无法建立文件夹 %s：%s", base, strerror(err));
		if (end)
			return 0;
	}
}

int files_ensure(struct ctx *c, const char *account)
{
	char *base = conf_path(c->conf, "paths.files");
	int rc = files_mkdirs(base);
	free(base);
	char *root = files_root(c, account);
	if (rc == 0)
		rc = files_mkdir(root);
	free(root);
	for (int a = 0; rc == 0 && a < FILES_AREAS; a++) {
		char *dir = files_dir(c, account, (enum files_area)a);
		rc = files_mkdir(dir);
		free(dir);
	}
	return rc;
}

bool files_name_ok(const char *name)
{
	if (str_empty(name))
		return errmsg_set(ZZ_EINVAL, "文件名不能为空"), false;
	size_t n = strlen(name);
	if (n > FILES_NAME_MAX)
		return errmsg_set(ZZ_EINVAL, "文件名太长（最多 %d 字节）", FILES_NAME_MAX), false;
	if (!utf8_valid(name, n))
		return errmsg_set(ZZ_EINVAL, "文件名不是有效的 UTF-8 文字"), false;
	/* C1 controls and bidi overrides too: a listing would run them or reorder the name. */
	if (str_has_unsafe(name))
		return errmsg_set(ZZ_EINVAL, "文件名含控制字符"), false;
	if (strchr(name, '/'))
		return errmsg_set(ZZ_EINVAL, "文件名不能含“/”：只能是本文件夹中的文件"), false;
	if (name[0] == '.')
		return errmsg_set(ZZ_EINVAL, "文件名不能以“.”开头"), false;
	return true;
}

char *files_safe_name(const char *stem, const char *ext)
{
	size_t room = FILES_NAME_MAX - 1 - strlen(ext);
	struct sb sb;
	sb_init(&sb);
	for (const char *p = stem ? stem : ""; *p;) {
		unsigned char b = (unsigned char)*p;
		size_t l = b < 0x80 ? 1 : (b & 0xe0) == 0xc0 ? 2 : (b & 0xf0) == 0xe0 ? 3 : (b & 0xf8) == 0xf0 ? 4 : 0;
		char one[5] = {0};
		if (l == 0 || strnlen(p, l) < l || !utf8_valid(p, l))
			l = 0;
		else
			memcpy(one, p, l);
		bool bad = l == 0 || str_has_unsafe(one) || (l == 1 && strchr("/\\:*?\"<>|", b)) || (sb.len == 0 && b == '.');
		size_t take = bad ? 1 : l;
		if (sb.len + take > room)
			break;
		if (bad)
			sb_addc(&sb, '_');
		else
			sb_add(&sb, p, l);
		p += l ? l : 1;
	}
	if (!sb.len)
		sb_adds(&sb, "导出");
	sb_addf(&sb, ".%s", ext);
	return sb_steal(&sb);
}

/* The area's folder, opened without following a link in its place. */
static int files_dir_open(struct ctx *c, const char *account, enum files_area a)
{
	char *dir = files_dir(c, account, a);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	int rc = fd >= 0 ? fd
		 : errno == ENOENT
		     ? errmsg_set(ZZ_ENOENT, "文件夹 %s 不存在", dir)
		     : errmsg_set(ZZ_EPERM, "无法打开文件夹 %s：%s", dir, strerror(errno));
	free(dir);
	return rc;
}

int files_open(struct ctx *c, const char *account, enum files_area a, const char *name, int flags)
{
	if (!files_name_ok(name))
		return ZZ_EINVAL;
	int dfd = files_dir_open(c, account, a);
	if (dfd < 0)
		return dfd;
	int fd = openat(dfd, name, flags | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0640);
	int err = errno;
	close(dfd);
	if (fd < 0) {
		if (err == ENOENT)
			return errmsg_set(ZZ_ENOENT, "没有文件“%s”", name);
		if (err == ELOOP)
			return errmsg_set(ZZ_EPERM, "“%s”是符号链接，拒绝打开", name);
		return errmsg_set(ZZ_ERR, "无法打开“%s”：%s", name, strerror(err));
	}
	struct stat sb;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return errmsg_set(ZZ_EPERM, "“%s”不是普通文件，拒绝打开", name);
	}
	/* O_NONBLOCK only kept a planted FIFO from blocking the open. */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

int files_stat(struct ctx *c, const char *account, enum files_area a, const char *name,
	       struct stat *sb)
{
	if (!files_name_ok(name))
		return ZZ_EINVAL;
	int dfd = files_dir_open(c, account, a);
	if (dfd < 0)
		return dfd;
	int rc = fstatat(dfd, name, sb, AT_SYMLINK_NOFOLLOW);
	close(dfd);
	if (rc < 0)
		return errmsg_set(ZZ_ENOENT, "没有文件“%s”", name);
	if (S_ISLNK(sb->st_mode))
		return errmsg_set(ZZ_EPERM, "“%s”是符号链接，拒绝访问", name);
	if (!S_ISREG(sb->st_mode))
		return errmsg_set(ZZ_EPERM, "“%s”不是普通文件，拒绝访问", name);
	return 0;
}

int files_list(struct ctx *c, const char *account, enum files_area a, struct strv *out)
{
	memset(out, 0, sizeof *out);
	int dfd = files_dir_open(c, account, a);
	if (dfd == ZZ_ENOENT)
		return 0;
	if (dfd < 0)
		return dfd;
	DIR *d = fdopendir(dfd);
	if (!d) {
		close(dfd);
		return errmsg_set(ZZ_ERR, "无法读取文件夹：%s", strerror(errno));
	}
	const struct dirent *e;
	while ((e = readdir(d))) {
		struct stat sb;
		if (e->d_name[0] != '.' && files_name_ok(e->d_name) &&
		    fstatat(dfd, e->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(sb.st_mode))
			strv_push(out, e->d_name);
	}
	closedir(d);
	return 0;
}

int files_remove(struct ctx *c, const char *account, enum files_area a, const char *name)
{
	struct stat sb;
	int rc = files_stat(c, account, a, name, &sb);
	if (rc < 0)
		return rc;
	int dfd = files_dir_open(c, account, a);
	if (dfd < 0)
		return dfd;
	if (unlinkat(dfd, name, 0) < 0)
		rc = errmsg_set(ZZ_ERR, "无法删除“%s”：%s", name, strerror(errno));
	close(dfd);
	return rc;
}

int files_rename(struct ctx *c, const char *account, enum files_area a, const char *from,
		 const char *to)
{
	struct stat sb;
	int rc = files_stat(c, account, a, from, &sb);
	if (rc < 0)
		return rc;
	if (!files_name_ok(to))
		return ZZ_EINVAL;
	int dfd = files_dir_open(c, account, a);
	if (dfd < 0)
		return dfd;
	if (renameat2(dfd, from, dfd, to, RENAME_NOREPLACE) < 0)
		rc = errno == EEXIST
			 ? errmsg_set(ZZ_EEXIST, "已有文件“%s”", to)
			 : errmsg_set(ZZ_ERR, "无法改名“%s”：%s", from, strerror(errno));
	close(dfd);
	return rc;
}

int files_usage(struct ctx *c, const char *account, uint64_t *bytes)
{
	*bytes = 0;
	for (int a = 0; a < FILES_AREAS; a++) {
		int dfd = files_dir_open(c, account, (enum files_area)a);
		if (dfd == ZZ_ENOENT)
			continue;
		if (dfd < 0)
			return dfd;
		DIR *d = fdopendir(dfd);
		if (!d) {
			close(dfd);
			return errmsg_set(ZZ_ERR, "无法读取文件夹：%s", strerror(errno));
		}
		const struct dirent *e;
		while ((e = readdir(d))) {
			struct stat sb;
			if (fstatat(dfd, e->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
			    S_ISREG(sb.st_mode))
				*bytes += (uint64_t)sb.st_size;
		}
		closedir(d);
	}
	return 0;
}

uint64_t files_quota(struct ctx *c) { return (uint64_t)conf_int(c->conf, "files.quota_mb") << 20; }

uint64_t files_file_max(struct ctx *c)
{
	return (uint64_t)conf_int(c->conf, "files.file_max_mb") << 20;
}

int files_check_room(struct ctx *c, uint64_t usage, uint64_t growth, uint64_t size)
{
	uint64_t max = files_file_max(c), quota = files_quota(c);
	if (size > max)
		return errmsg_set(ZZ_EPERM, "文件超过大小限制 %llu MB，拒绝保存",
				  (unsigned long long)(max >> 20));
	if (usage + growth > quota)
		return errmsg_set(
		    ZZ_EPERM,
		    "本账号的文件夹已满（限额 %llu MB，已用 %.1f MB）：请先删除不需要的文件",
		    (unsigned long long)(quota >> 20), (double)usage / (1 << 20));
	return 0;
}

int files_sha256_fd(int fd, char out[65])
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	if (!md)
		return errmsg_set(ZZ_ERR, "内存不足");
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	enum { CHUNK = 1 << 16 };
	char *buf = xmalloc(CHUNK);
	off_t off = 0;
	ssize_t n;
	while ((n = pread(fd, buf, CHUNK, off)) > 0) {
		EVP_DigestUpdate(md, buf, (size_t)n);
		off += n;
	}
	unsigned char d[32];
	unsigned int dn = 0;
	EVP_DigestFinal_ex(md, d, &dn);
	EVP_MD_CTX_free(md);
	free(buf);
	if (n < 0)
		return errmsg_set(ZZ_ERR, "读取文件失败：%s", strerror(errno));
	for (unsigned i = 0; i < dn; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
	return 0;
}
