/* import_upload.c — what the UI needs to import: the account's upload folder, and the rejects of
 * its unit's last import. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "import_upload.h"

#include "files.h"
#include "perm.h"

char *import_upload_dir(struct ctx *c, const struct user *u)
{
	return files_dir(c, u->name, FILES_UPLOAD);
}

/* Upload names are plain file names (files_name_ok). Reject files are written next to the
 * uploads; they are not offered for import. */
static bool upload_name_ok(const char *name)
{
	if (!files_name_ok(name))
		return false;
	size_t n = strlen(name);
	return !(n > 12 && !strcmp(name + n - 12, ".rejects.tsv"));
}

struct upload_ent {
	char *name;
	time_t mtime;
};

static int upload_cmp(const void *a, const void *b)
{
	const struct upload_ent *x = a, *y = b;
	return x->mtime != y->mtime ? (x->mtime < y->mtime ? 1 : -1) : strcmp(x->name, y->name);
}

int import_upload_list(struct ctx *c, const struct user *u, struct strv *out)
{
	memset(out, 0, sizeof *out);
	char *dir = import_upload_dir(c, u);
	DIR *d = opendir(dir);
	if (!d) {
		int rc = errno == ENOENT ? 0 : errmsg_set(ZZ_ERR, "无法读取上传目录 %s：%s", dir, strerror(errno));
		free(dir);
		return rc;
	}
	struct upload_ent *v = NULL;
	int n = 0;
	const struct dirent *e;
	while ((e = readdir(d))) {
		if (!upload_name_ok(e->d_name))
			continue;
		char *path = xasprintf("%s/%s", dir, e->d_name);
		struct stat sb;
		if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
			v = xrealloc(v, (size_t)(n + 1) * sizeof *v);
			v[n++] = (struct upload_ent){.name = xstrdup(e->d_name), .mtime = sb.st_mtime};
		}
		free(path);
	}
	closedir(d);
	free(dir);
	if (n)
		qsort(v, (size_t)n, sizeof *v, upload_cmp);
	for (int i = 0; i < n; i++) {
		strv_push(out, v[i].name);
		free(v[i].name);
	}
	free(v);
	return 0;
}

int import_upload(struct ctx *c, const struct user *u, const struct rtype *t, const char *name,
		  const char *encoding, const char *map, struct import_result *res)
{
	memset(res, 0, sizeof *res);
	if (!upload_name_ok(name))
		return errmsg_set(ZZ_EINVAL, "文件名“%s”不合规：只能是上传目录中的文件", name ? name : "");
	/* Only the account (by SFTP, which makes no links) and the administrator write there; still,
	 * a link planted in the folder is never followed. */
	int fd = files_open(c, u->name, FILES_UPLOAD, name, O_RDONLY);
	if (fd < 0)
		return fd;
	close(fd);
	char *dir = import_upload_dir(c, u);
	char *path = xasprintf("%s/%s", dir, name);
	free(dir);
	struct import_opts o = {.file = path, .encoding = encoding, .map = map};
	int rc = import_csv(c, u, t, &o, res);
	free(path);
	return rc;
}

int import_last_rejects(struct ctx *c, const struct user *u, const char *unit, struct import_log *log,
			import_reject_cb cb, void *arg)
{
	memset(log, 0, sizeof *log);
	uint64_t id = 0;
	if (!perm_console(u) || !unit)
		unit = u->unit; /* the console's is "": the plain loads */
	int rc = ilog_last(c->st, NULL, unit, NULL, &id);
	if (rc == ZZ_ENOENT)
		return errmsg_set(ZZ_ENOENT, "本单位还没有导入过数据");
	if (rc == 0)
		rc = ilog_get(c->st, NULL, id, log);
	if (rc < 0 || log->n.rejected == 0 || !cb)
		return rc;
	FILE *f = file_open_own(log->rejects, "r");
	if (!f)
		return errmsg_set(ZZ_ERR, "拒收文件 %s 已不存在", log->rejects);
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	bool header = true;
	while (rc == 0 && (len = getline(&line, &cap, f)) > 0) {
		if (line[len - 1] == '\n')
			line[len - 1] = '\0';
		if (header) {
			header = false;
			continue;
		}
		char *p[3];
		if (str_split(line, '\t', p, 3) == 3)
			rc = cb(atol(p[0]), p[1], p[2], arg);
	}
	free(line);
	fclose(f);
	return rc < 0 ? rc : 0;
}
