/* attach.c — attachments of records: checked when picked, stored with the record, copied into
 * a viewer's download folder. */
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "attach.h"
#include "audit.h"
#include "domain.h"
#include "files.h"
#include "service.h"
#include "store.h"

int attach_parse(const char *v, struct attach_ent **out, int *n)
{
	*out = NULL;
	*n = 0;
	if (str_empty(v))
		return 0;
	char *tmp = xstrdup(v), *save = NULL;
	for (char *e = strtok_r(tmp, ",", &save); e; e = strtok_r(NULL, ",", &save)) {
		char *p[4];
		/* The name is last and may hold ':'. */
		p[0] = e;
		p[1] = strchr(p[0], ':');
		p[2] = p[1] ? strchr(p[1] + 1, ':') : NULL;
		p[3] = p[2] ? strchr(p[2] + 1, ':') : NULL;
		if (!p[3] || p[1] - p[0] != 64) {
			free(tmp);
			free(*out);
			*out = NULL;
			*n = 0;
			return errmsg_set(ZZ_EINVAL, "附件的值格式不对");
		}
		*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		struct attach_ent *a = &(*out)[(*n)++];
		memset(a, 0, sizeof *a);
		memcpy(a->sha, p[0], 64);
		a->size = strtoull(p[1] + 1, NULL, 10);
		snprintf(a->kind, sizeof a->kind, "%.*s", (int)(p[3] - p[2] - 1), p[2] + 1);
		snprintf(a->name, sizeof a->name, "%s", p[3] + 1);
	}
	free(tmp);
	return 0;
}

/* An OLE2 compound file (doc, xls) names its streams in UTF-16LE. */
static bool has_utf16(const unsigned char *buf, size_t n, const char *ascii)
{
	unsigned char w[64];
	size_t k = strlen(ascii);
	for (size_t i = 0; i < k; i++) {
		w[2 * i] = (unsigned char)ascii[i];
		w[2 * i + 1] = 0;
	}
	return memmem(buf, n, w, 2 * k) != NULL;
}

static bool plain_text(const unsigned char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((buf[i] < 0x20 && buf[i] != '\t' && buf[i] != '\r' && buf[i] != '\n') ||
		    buf[i] == 0x7f)
			return false;
	return utf8_valid((const char *)buf, n);
}

const char *attach_sniff(const unsigned char *buf, size_t n)
{
	static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	static const unsigned char ole[] = {0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1};
	if (n >= 3 && buf[0] == 0xff && buf[1] == 0xd8 && buf[2] == 0xff)
		return "jpg";
	if (n >= sizeof png && !memcmp(buf, png, sizeof png))
		return "png";
	if (n >= 5 && !memcmp(buf, "%PDF-", 5))
		return "pdf";
	if (n >= sizeof ole && !memcmp(buf, ole, sizeof ole))
		return has_utf16(buf, n, "WordDocument")			    ? "doc"
		       : has_utf16(buf, n, "Workbook") || has_utf16(buf, n, "Book") ? "xls"
										    : NULL;
	if (n >= 4 && !memcmp(buf, "PK\x03\x04", 4))
		return memmem(buf, n, "word/", 5) ? "docx"
		       : memmem(buf, n, "xl/", 3) ? "xlsx"
						  : NULL;
	if (n > 0 && plain_text(buf, n))
		return "txt";
	return NULL;
}

static void attach_sha256(const unsigned char *buf, size_t n, char out[65])
{
	unsigned char d[32];
	unsigned int dn = 0;
	EVP_Digest(buf, n, d, &dn, EVP_sha256(), NULL);
	for (unsigned i = 0; i < dn; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

/* NAME from U's upload folder, whole, within the attachment size limit (caller frees *BUF). */
static int attach_read(struct ctx *c, const struct user *u, const char *name, unsigned char **buf,
		       size_t *n)
{
	*buf = NULL;
	*n = 0;
	if (strchr(name, ','))
		return errmsg_set(ZZ_EINVAL, "附件的文件名不能含逗号：请改名后重新上传");
	int fd = files_open(c, u->name, FILES_UPLOAD, name, O_RDONLY);
	if (fd < 0)
		return fd;
	struct stat sb;
	uint64_t max = (uint64_t)conf_int(c->conf, "files.attach_max_mb") << 20;
	int rc = 0;
	if (fstat(fd, &sb) < 0)
		rc = errmsg_set(ZZ_ERR, "无法读取“%s”：%s", name, strerror(errno));
	else if ((uint64_t)sb.st_size > max)
		rc = errmsg_set(ZZ_EINVAL, "“%s”超过附件大小限制 %llu MB", name,
				(unsigned long long)(max >> 20));
	else if (sb.st_size == 0)
		rc = errmsg_set(ZZ_EINVAL, "“%s”是空文件", name);
	if (rc == 0) {
		*buf = xmalloc((size_t)sb.st_size);
		ssize_t r = 0;
		while (*n < (size_t)sb.st_size &&
		       (r = read(fd, *buf + *n, (size_t)sb.st_size - *n)) > 0)
			*n += (size_t)r;
		if (r < 0 || *n != (size_t)sb.st_size) {
			rc = errmsg_set(ZZ_ERR, "读取“%s”失败", name);
			free(*buf);
			*buf = NULL;
		}
	}
	close(fd);
	return rc;
}

int attach_entry(struct ctx *c, const struct user *u, const char *name, char **entry)
{
	*entry = NULL;
	unsigned char *buf;
	size_t n;
	int rc = attach_read(c, u, name, &buf, &n);
	if (rc < 0)
		return rc;
	const char *kind = attach_sniff(buf, n);
	if (!kind) {
		free(buf);
		return errmsg_set(ZZ_EINVAL,
				  "“%s”不是可以作为附件的文件：按内容只收 jpg、png、pdf、Word、Excel、txt",
				  name);
	}
	char sha[65];
	attach_sha256(buf, n, sha);
	free(buf);
	*entry = xasprintf("%s:%zu:%s:%s", sha, n, kind, name);
	return 0;
}

/* ---- stored with the record ---- */

/* The distinct SHA-256 values of R's attachment fields (R NULL: none), each with its entry. */
static void attach_of(const struct rec *r, struct attach_ent **v, int *n)
{
	*v = NULL;
	*n = 0;
	for (int i = 0; r && i < r->t->nf; i++) {
		if (r->t->f[i].type != FT_ATTACH || !r->v[i])
			continue;
		struct attach_ent *e = NULL;
		int k = 0;
		if (attach_parse(r->v[i], &e, &k) < 0)
			continue;
		for (int j = 0; j < k; j++) {
			bool seen = false;
			for (int m = 0; m < *n && !seen; m++)
				seen = !strcmp((*v)[m].sha, e[j].sha);
			if (!seen) {
				*v = xrealloc(*v, (size_t)(*n + 1) * sizeof **v);
				(*v)[(*n)++] = e[j];
			}
		}
		free(e);
	}
}

static bool attach_in(const struct attach_ent *v, int n, const char *sha)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(v[i].sha, sha))
			return true;
	return false;
}

static size_t ref_key(unsigned char *k, const char *sha, const struct rtype *t, uint64_t id)
{
	size_t n = 0;
	memcpy(k, sha, 64);
	n = 64;
	k[n++] = 0;
	size_t tl = strlen(t->id);
	memcpy(k + n, t->id, tl);
	n += tl;
	k[n++] = 0;
	be64_put(k + n, id);
	return n + 8;
}

/* True when some record still holds SHA. */
static int attach_held(struct store *st, DB_TXN *txn, const char *sha, bool *held)
{
	DB *db = store_db(st, DBI_ATTACH_REF);
	DBC *cur = NULL;
	*held = false;
	if (!db)
		return ZZ_EDB;
	int dbrc = db->cursor(db, txn, &cur, 0);
	if (dbrc)
		return store_err(dbrc, "附件索引");
	/* The first key at or after "SHA\0" (the buffer holds any key of this database). */
	unsigned char kbuf[400];
	memcpy(kbuf, sha, 64);
	kbuf[64] = 0;
	DBT found = {.data = kbuf, .size = 65, .ulen = sizeof kbuf, .flags = DB_DBT_USERMEM};
	DBT val = {.flags = DB_DBT_PARTIAL};
	dbrc = cur->get(cur, &found, &val, DB_SET_RANGE);
	if (dbrc == 0)
		*held = found.size >= 65 && !memcmp(kbuf, sha, 64) && kbuf[64] == 0;
	cur->close(cur);
	return dbrc && dbrc != DB_NOTFOUND ? store_err(dbrc, "附件索引") : 0;
}

/* Store the content of E, read again from U's upload folder, unless it is stored already. */
static int attach_store(struct ctx *c, DB_TXN *txn, const struct user *u,
			const struct attach_ent *e)
{
	DB *db = store_db(c->st, DBI_ATTACH);
	if (!db)
		return ZZ_EDB;
	char k[64];
	memcpy(k, e->sha, 64);
	/* A key for our comparison function is user memory (store.h). */
	DBT key = {.data = k, .size = 64, .ulen = 64, .flags = DB_DBT_USERMEM};
	int dbrc = db->exists(db, txn, &key, 0);
	if (dbrc == 0)
		return 0;
	if (dbrc != DB_NOTFOUND)
		return store_err(dbrc, "附件");
	unsigned char *buf;
	size_t n;
	int rc = attach_read(c, u, e->name, &buf, &n);
	if (rc == ZZ_ENOENT)
		return errmsg_set(ZZ_EINVAL, "附件“%s”已不在上传目录中：请重新上传后再选择",
				  e->name);
	if (rc < 0)
		return rc;
	char sha[65];
	attach_sha256(buf, n, sha);
	if (strcmp(sha, e->sha) != 0 || n != e->size)
		rc = errmsg_set(ZZ_EINVAL, "上传目录中的“%s”选择后已被改动：请重新选择", e->name);
	else
		rc = store_put(db, txn, e->sha, 64, buf, n);
	free(buf);
	return rc;
}

int attach_sync(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *r,
		const struct rec *old)
{
	const struct rec *any = r ? r : old;
	struct attach_ent *nv, *ov;
	int nn, on, rc = 0;
	attach_of(r, &nv, &nn);
	attach_of(old, &ov, &on);
	unsigned char k[64 + 2 + 256 + 8];
	if (strlen(any->t->id) > 256) {
		free(nv);
		free(ov);
		return errmsg_set(ZZ_ERR, "记录类型名太长");
	}
	for (int i = 0; i < nn && rc == 0; i++) {
		if (attach_in(ov, on, nv[i].sha))
			continue;
		rc = attach_store(c, txn, u, &nv[i]);
		if (rc == 0)
			rc = store_put(store_db(c->st, DBI_ATTACH_REF), txn, k,
				       ref_key(k, nv[i].sha, any->t, any->id), "", 0);
	}
	for (int i = 0; i < on && rc == 0; i++) {
		if (attach_in(nv, nn, ov[i].sha))
			continue;
		rc = store_del(store_db(c->st, DBI_ATTACH_REF), txn, k,
			       ref_key(k, ov[i].sha, any->t, any->id));
		if (rc == ZZ_ENOENT)
			rc = 0;
		bool held = true;
		if (rc == 0)
			rc = attach_held(c->st, txn, ov[i].sha, &held);
		if (rc == 0 && !held) {
			rc = store_del(store_db(c->st, DBI_ATTACH), txn, ov[i].sha, 64);
			if (rc == ZZ_ENOENT)
				rc = 0;
		}
	}
	free(nv);
	free(ov);
	return rc;
}

/* ---- into a viewer's download folder ---- */

/* Create a new file for NAME in U's download folder ("NAME", else "2-NAME", …); *GOT its name. */
static int attach_new_file(struct ctx *c, const struct user *u, const char *name, char **got)
{
	for (int i = 1; i < 100; i++) {
		char *try = i == 1 ? xstrdup(name) : xasprintf("%d-%s", i, name);
		int fd = files_open(c, u->name, FILES_DOWNLOAD, try, O_WRONLY | O_CREAT | O_EXCL);
		if (fd >= 0) {
			*got = try;
			return fd;
		}
		free(try);
		if (fd != ZZ_ERR)
			return fd;
	}
	return errmsg_set(ZZ_EEXIST, "下载文件夹中同名文件太多：请先删除一些");
}

int attach_download(struct ctx *c, const struct user *u, const struct rtype *t, uint64_t id,
		    const char *sha, char **name)
{
	*name = NULL;
	struct rec *r = NULL;
	int rc = service_get(c, u, t, id, &r);
	if (rc == 0)
		rc = attach_copy(c, u, r, sha, name);
	rec_free(&r);
	return rc;
}

int attach_copy(struct ctx *c, const struct user *u, const struct rec *r, const char *sha, char **name)
{
	*name = NULL;
	const struct rtype *t = r->t;
	uint64_t id = r->id;
	int rc = 0;
	struct attach_ent *v;
	int n;
	attach_of(r, &v, &n);
	const struct attach_ent *e = NULL;
	for (int i = 0; i < n && !e; i++)
		if (!strcmp(v[i].sha, sha))
			e = &v[i];
	void *data = NULL;
	size_t dn = 0;
	uint64_t usage = 0;
	if (!e)
		rc = errmsg_set(ZZ_ENOENT, "这条记录没有这个附件");
	if (rc == 0)
		rc = store_get(store_db(c->st, DBI_ATTACH), NULL, e->sha, 64, &data, &dn, false);
	if (rc == ZZ_ENOENT && e)
		rc = errmsg_set(ZZ_ENOENT, "附件“%s”的内容不在数据库中", e->name);
	if (rc == 0)
		rc = files_ensure(c, u->name);
	if (rc == 0)
		rc = files_usage(c, u->name, &usage);
	if (rc == 0)
		rc = files_check_room(c, usage, dn, dn);
	int fd = rc == 0 ? attach_new_file(c, u, e->name, name) : rc;
	if (fd < 0)
		rc = fd;
	if (rc == 0) {
		/* Audit first: a copy that cannot be audited is not made. */
		char *obj = xasprintf("%s:%llu", t->id, (unsigned long long)id);
		char *detail = xasprintf("附件 %s（%s，%zu 字节，sha256 %s）→ download/%s", e->name,
					 e->kind, dn, e->sha, *name);
		rc = audit_append(c, NULL,
				  &(struct audit_entry){.user = u->name,
							.unit = u->unit,
							.type = "attach_download",
							.object = obj,
							.result = "ok",
							.detail = detail});
		free(obj);
		free(detail);
		for (size_t off = 0; rc == 0 && off < dn;) {
			ssize_t w = write(fd, (char *)data + off, dn - off);
			if (w < 0)
				rc = errmsg_set(ZZ_ERR, "写入下载文件夹失败：%s", strerror(errno));
			else
				off += (size_t)w;
		}
		close(fd);
		if (rc < 0) {
			files_remove(c, u->name, FILES_DOWNLOAD, *name);
			free(*name);
			*name = NULL;
		}
	}
	free(data);
	free(v);
	return rc;
}
