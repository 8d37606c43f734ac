/* sshd_sftp.c — the "sftp" subsystem (SFTP version 3, as OpenSSH, PuTTY and WinSCP speak it) on
 * the session channel, confined to the account's own folder (files.h). The client sees "/" with
 * two folders, upload/ (it may write there) and download/ (it may read and delete there); every
 * path is resolved here, lexically, to one of these or a plain file name in one of them, and
 * files are opened through files_open (O_NOFOLLOW). Requests are decoded as the channel's data
 * arrives and answered into the channel's output queue, inside the session's event loop: libssh
 * 0.10's own sftp server reads the channel blocking, which would stop the idle timeout,
 * keepalives and signals, and hands written data over as a C string. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "files.h"
#include "log.h"
#include "sshd.h"

enum {
	SFTP_VERSION = 3,
	SFTP_PACKET_MAX = 256 * 1024 + 1024, /* OpenSSH's own limit on a request */
	SFTP_READ_MAX = 64 * 1024,	     /* longest answer to a read */
	SFTP_IN_MAX = 8 * 1024 * 1024,	     /* requests received, not yet answered */
	SFTP_OUT_MAX = 4 * 1024 * 1024,	     /* answers queued: stop decoding beyond this */
	SFTP_HANDLES = 32,
	SFTP_PATH_MAX = 1024,
	SFTP_DEPTH_MAX = 16,
	SFTP_NAMES_PER_READDIR = 64,
};

enum sftp_type {
	FXP_INIT = 1,
	FXP_VERSION = 2,
	FXP_OPEN = 3,
	FXP_CLOSE = 4,
	FXP_READ = 5,
	FXP_WRITE = 6,
	FXP_LSTAT = 7,
	FXP_FSTAT = 8,
	FXP_SETSTAT = 9,
	FXP_FSETSTAT = 10,
	FXP_OPENDIR = 11,
	FXP_READDIR = 12,
	FXP_REMOVE = 13,
	FXP_MKDIR = 14,
	FXP_RMDIR = 15,
	FXP_REALPATH = 16,
	FXP_STAT = 17,
	FXP_RENAME = 18,
	FXP_READLINK = 19,
	FXP_SYMLINK = 20,
	FXP_STATUS = 101,
	FXP_HANDLE = 102,
	FXP_DATA = 103,
	FXP_NAME = 104,
	FXP_ATTRS = 105,
};

enum sftp_status {
	FX_OK = 0,
	FX_EOF = 1,
	FX_NO_SUCH_FILE = 2,
	FX_PERMISSION_DENIED = 3,
	FX_FAILURE = 4,
	FX_BAD_MESSAGE = 5,
	FX_OP_UNSUPPORTED = 8,
};

enum {
	FXF_READ = 1,
	FXF_WRITE = 2,
	FXF_APPEND = 4,
	FXF_CREAT = 8,
	FXF_TRUNC = 0x10,
	FXF_EXCL = 0x20
};
enum { ATTR_SIZE = 1, ATTR_UIDGID = 2, ATTR_PERM = 4, ATTR_TIME = 8, ATTR_EXT = 0x80000000u };

/* A path as the client may name it: "/" (depth 0), "/upload" (1), "/upload/NAME" (2). */
struct sftp_path {
	int depth;
	enum files_area area;
	char name[FILES_NAME_MAX + 1];
	char canon[FILES_NAME_MAX + 16];
};

struct sftp_handle {
	bool used, dir, writing, append, read, refused;
	int fd;
	struct sftp_path p;
	uint64_t size;	   /* writes: the file's size so far */
	uint64_t moved;	   /* bytes read or written */
	struct strv names; /* folders: what is left to list */
	int next;
};

struct sshd_sftp {
	struct sb in;
	size_t pos; /* start of the first request not yet decoded */
	bool inited;
	uint64_t usage; /* bytes in the account's folder */
	struct sftp_handle h[SFTP_HANDLES];
};

/* ---- the wire ---- */

struct sftp_rd {
	const unsigned char *p;
	size_t n;
	bool bad;
};

static uint32_t rd_u32(struct sftp_rd *r)
{
	if (r->n < 4) {
		r->bad = true;
		return 0;
	}
	uint32_t v =
	    (uint32_t)r->p[0] << 24 | (uint32_t)r->p[1] << 16 | (uint32_t)r->p[2] << 8 | r->p[3];
	r->p += 4;
	r->n -= 4;
	return v;
}

static uint64_t rd_u64(struct sftp_rd *r)
{
	uint64_t hi = rd_u32(r);
	return hi << 32 | rd_u32(r);
}

static const unsigned char *rd_bytes(struct sftp_rd *r, uint32_t *len)
{
	*len = rd_u32(r);
	if (r->bad || *len > r->n) {
		r->bad = true;
		*len = 0;
		return NULL;
	}
	const unsigned char *s = r->p;
	r->p += *len;
	r->n -= *len;
	return s;
}

/* A string into BUF (N bytes); false when too long or holding a NUL. */
static bool rd_str(struct sftp_rd *r, char *buf, size_t n)
{
	uint32_t len;
	const unsigned char *s = rd_bytes(r, &len);
	if (r->bad || len >= n || memchr(s, 0, len))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return true;
}

/* Attributes sent with open, mkdir and setstat: read past them (the server keeps its own). */
static void rd_attrs(struct sftp_rd *r)
{
	uint32_t f = rd_u32(r);
	if (f & ATTR_SIZE)
		rd_u64(r);
	if (f & ATTR_UIDGID)
		rd_u64(r);
	if (f & ATTR_PERM)
		rd_u32(r);
	if (f & ATTR_TIME)
		rd_u64(r);
	if (f & ATTR_EXT) {
		uint32_t count = rd_u32(r), len;
		for (uint32_t i = 0; i < count && !r->bad; i++) {
			rd_bytes(r, &len);
			rd_bytes(r, &len);
		}
	}
}

static void put_u32(struct sb *b, uint32_t v)
{
	char x[4] = {(char)(v >> 24), (char)(v >> 16), (char)(v >> 8), (char)v};
	sb_add(b, x, 4);
}

static void put_u64(struct sb *b, uint64_t v)
{
	put_u32(b, (uint32_t)(v >> 32));
	put_u32(b, (uint32_t)v);
}

static void put_str(struct sb *b, const char *s, size_t n)
{
	put_u32(b, (uint32_t)n);
	sb_add(b, s, n);
}

/* Start an answer in the channel's output queue; sftp_end sets its length. */
static size_t sftp_begin(struct sshd_conn *k, enum sftp_type type, uint32_t id)
{
	size_t at = k->out.len;
	put_u32(&k->out, 0);
	sb_addc(&k->out, (char)type);
	if (type != FXP_VERSION)
		put_u32(&k->out, id);
	return at;
}

static void sftp_end(struct sshd_conn *k, size_t at)
{
	uint32_t len = (uint32_t)(k->out.len - at - 4);
	unsigned char *p = (unsigned char *)k->out.buf + at;
	p[0] = (unsigned char)(len >> 24);
	p[1] = (unsigned char)(len >> 16);
	p[2] = (unsigned char)(len >> 8);
	p[3] = (unsigned char)len;
}

static void sftp_status(struct sshd_conn *k, uint32_t id, enum sftp_status code, const char *msg)
{
	size_t at = sftp_begin(k, FXP_STATUS, id);
	put_u32(&k->out, code);
	put_str(&k->out, msg, strlen(msg));
	put_str(&k->out, "zh-CN", 5);
	sftp_end(k, at);
}

/* A refusal the person should read: in the status (PuTTY shows it) and on the channel's stderr
 * (OpenSSH's sftp shows only a status code's fixed English text, but prints stderr). */
static void sftp_refuse(struct sshd_conn *k, uint32_t id, enum sftp_status code, const char *msg)
{
	char line[SFTP_PATH_MAX + 300];
	snprintf(line, sizeof line, "zongzhi：%s\n", msg);
	ssh_channel_write_stderr(k->ch, line, (uint32_t)strlen(line));
	sftp_status(k, id, code, msg);
}

/* A refusal from files.h (errmsg() set) with the status its code calls for. */
static void sftp_fail(struct sshd_conn *k, uint32_t id, int rc)
{
	if (rc == ZZ_ENOENT)
		sftp_status(k, id, FX_NO_SUCH_FILE, errmsg());
	else if (rc == ZZ_EPERM || rc == ZZ_EINVAL || rc == ZZ_EEXIST)
		sftp_refuse(k, id, rc == ZZ_EEXIST ? FX_FAILURE : FX_PERMISSION_DENIED, errmsg());
	else
		sftp_status(k, id, FX_FAILURE, errmsg());
}

static void put_attrs(struct sb *b, const struct stat *sb)
{
	put_u32(b, ATTR_SIZE | ATTR_PERM | ATTR_TIME);
	put_u64(b, (uint64_t)sb->st_size);
	put_u32(b, (uint32_t)sb->st_mode & (S_IFMT | 0777));
	put_u32(b, (uint32_t)sb->st_atime);
	put_u32(b, (uint32_t)sb->st_mtime);
}

/* The folders as the client sees them: the root and download/ read-only, upload/ writable. */
static void sftp_dir_stat(const struct sftp_path *p, struct stat *sb)
{
	memset(sb, 0, sizeof *sb);
	sb->st_mode = S_IFDIR | (p->depth == 1 && p->area == FILES_UPLOAD ? 0750 : 0550);
	sb->st_mtime = sb->st_atime = time(NULL);
}

/* One entry of a listing: name, an "ls -l" line (PuTTY's ls shows it), attributes. */
static void put_entry(struct sshd_conn *k, const char *name, const struct stat *sb)
{
	char when[32], line[FILES_NAME_MAX + 128];
	struct tm tm;
	time_t t = sb->st_mtime;
	localtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	snprintf(line, sizeof line, "%s 1 %-8s %-8s %12llu %s %s",
		 S_ISDIR(sb->st_mode) ? (sb->st_mode & 0200 ? "drwxr-x---" : "dr-xr-x---")
				      : "-rw-r-----",
		 k->user->name, k->user->name, (unsigned long long)sb->st_size, when, name);
	put_str(&k->out, name, strlen(name));
	put_str(&k->out, line, strlen(line));
	put_attrs(&k->out, sb);
}

/* ---- paths ---- */

/* Resolve IN (absolute, or relative to "/") lexically into P; ".." never leaves the account's
 * folder. Returns FX_OK, or a status with MSG (N bytes) saying why. */
static enum sftp_status sftp_path(const char *in, struct sftp_path *p, char *msg, size_t n)
{
	memset(p, 0, sizeof *p);
	char buf[SFTP_PATH_MAX];
	const char *part[SFTP_DEPTH_MAX];
	int depth = 0;
	snprintf(buf, sizeof buf, "%s", in);
	for (char *save = NULL, *c = strtok_r(buf, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
		if (!strcmp(c, "."))
			continue;
		if (!strcmp(c, "..")) {
			if (depth == 0) {
				snprintf(msg, n,
					 "拒绝访问“%s”：只能访问本账号的文件夹（upload、download）",
					 in);
				return FX_PERMISSION_DENIED;
			}
			depth--;
			continue;
		}
		if (depth == SFTP_DEPTH_MAX) {
			snprintf(msg, n, "路径层次太多");
			return FX_NO_SUCH_FILE;
		}
		part[depth++] = c;
	}
	if (depth > 2) {
		snprintf(msg, n, "没有这个文件：upload 和 download 中只有文件，没有子文件夹");
		return FX_NO_SUCH_FILE;
	}
	if (depth >= 1) {
		if (!strcmp(part[0], files_area_name(FILES_UPLOAD)))
			p->area = FILES_UPLOAD;
		else if (!strcmp(part[0], files_area_name(FILES_DOWNLOAD)))
			p->area = FILES_DOWNLOAD;
		else {
			snprintf(msg, n, "没有“/%s”：本账号的文件夹中只有 upload 和 download",
				 part[0]);
			return FX_NO_SUCH_FILE;
		}
	}
	if (depth == 2) {
		if (!files_name_ok(part[1])) {
			snprintf(msg, n, "%s", errmsg());
			return FX_PERMISSION_DENIED;
		}
		snprintf(p->name, sizeof p->name, "%s", part[1]);
	}
	p->depth = depth;
	snprintf(p->canon, sizeof p->canon, "/%s%s%s", depth ? files_area_name(p->area) : "",
		 depth == 2 ? "/" : "", p->name);
	return FX_OK;
}

/* Read a path from the request and resolve it; false (answered) when it is refused. */
static bool sftp_rd_path(struct sshd_conn *k, struct sftp_rd *r, uint32_t id, struct sftp_path *p)
{
	char in[SFTP_PATH_MAX], msg[SFTP_PATH_MAX + 256];
	if (!rd_str(r, in, sizeof in)) {
		sftp_refuse(k, id, FX_PERMISSION_DENIED, "路径太长或含空字符");
		return false;
	}
	/* C1 controls and bidi overrides too: refusals echo the path to the terminal. */
	const char *bad = !utf8_valid(in, strlen(in)) ? "路径不是有效的 UTF-8 文字"
			  : str_has_unsafe(in)	      ? "路径含控制字符"
						      : NULL;
	if (bad) {
		sftp_refuse(k, id, FX_PERMISSION_DENIED, bad);
		return false;
	}
	enum sftp_status st = sftp_path(in, p, msg, sizeof msg);
	if (st == FX_PERMISSION_DENIED)
		sftp_refuse(k, id, st, msg);
	else if (st != FX_OK)
		sftp_status(k, id, st, msg);
	return st == FX_OK;
}

/* ---- handles ---- */

static struct sftp_handle *sftp_handle_new(struct sshd_sftp *f)
{
	for (int i = 0; i < SFTP_HANDLES; i++)
		if (!f->h[i].used) {
			f->h[i] = (struct sftp_handle){.used = true, .fd = -1};
			return &f->h[i];
		}
	return NULL;
}

static void sftp_put_handle(struct sshd_conn *k, uint32_t id, const struct sftp_handle *h)
{
	char s[16];
	int n = snprintf(s, sizeof s, "%d", (int)(h - k->sftp->h));
	size_t at = sftp_begin(k, FXP_HANDLE, id);
	put_str(&k->out, s, (size_t)n);
	sftp_end(k, at);
}

/* The handle named in the request; NULL (answered) when there is none. */
static struct sftp_handle *sftp_rd_handle(struct sshd_conn *k, struct sftp_rd *r, uint32_t id)
{
	char s[16];
	int i = -1;
	/* Handles are the slot's number in decimal, as sftp_put_handle gave them. */
	if (rd_str(r, s, sizeof s) && s[0] && strspn(s, "0123456789") == strlen(s) &&
	    strlen(s) <= 2)
		i = atoi(s);
	if (i < 0 || i >= SFTP_HANDLES || !k->sftp->h[i].used) {
		sftp_status(k, id, FX_FAILURE, "无效的文件句柄");
		return NULL;
	}
	return &k->sftp->h[i];
}

static int sftp_audit(struct sshd_conn *k, const char *type, const struct sftp_path *p,
		      const char *result, const char *detail)
{
	char obj[FILES_NAME_MAX + 100];
	snprintf(obj, sizeof obj, "files:%s%s", k->user->name, p->canon);
	return sshd_audit_obj(k, type, obj, result, detail);
}

/* Audit a finished transfer (who, file, size, SHA-256). An upload refused on the way, or whose
 * audit entry cannot be written, is removed: no audit entry, no change. False when removed. */
static bool sftp_transfer_done(struct sshd_conn *k, struct sftp_handle *h, const char *ending)
{
	struct stat sb;
	char sha[65] = "-", detail[600];
	if (fstat(h->fd, &sb) < 0)
		sb.st_size = 0;
	if (h->refused) {
		snprintf(detail, sizeof detail, "上传 %s 被拒绝（超出限额），已删除未完成的文件",
			 h->p.canon);
		sftp_audit(k, "upload", &h->p, "refused", detail);
		files_remove(k->c, k->user->name, h->p.area, h->p.name);
		return false;
	}
	if (files_sha256_fd(h->fd, sha) < 0)
		snprintf(sha, sizeof sha, "-");
	snprintf(detail, sizeof detail, "%s %s，大小 %lld 字节，本次%s %llu 字节，sha256 %s%s%s",
		 h->writing ? "上传" : "下载", h->p.canon, (long long)sb.st_size,
		 h->writing ? "写入" : "读取", (unsigned long long)h->moved, sha,
		 ending ? "；" : "", ending ? ending : "");
	if (sftp_audit(k, h->writing ? "upload" : "download", &h->p, "ok", detail) < 0 &&
	    h->writing) {
		files_remove(k->c, k->user->name, h->p.area, h->p.name);
		return false;
	}
	return true;
}

static void sftp_handle_free(struct sshd_conn *k, struct sftp_handle *h, const char *ending,
			     bool *kept)
{
	bool ok = true;
	if (!h->dir && (h->writing || h->read))
		ok = sftp_transfer_done(k, h, ending);
	if (h->fd >= 0)
		close(h->fd);
	strv_free(&h->names);
	*h = (struct sftp_handle){.fd = -1};
	if (kept)
		*kept = ok;
}

/* ---- requests ---- */

static void sftp_on_open(struct sshd_conn *k, struct sftp_rd *r, uint32_t id)
{
	struct sftp_path p;
	if (!sftp_rd_path(k, r, id, &p))
		return;
	uint32_t pf = rd_u32(r);
	rd_attrs(r);
	if (r->bad)
		return;
	if (p.depth < 2) {
		sftp_status(k, id, FX_FAILURE, "这是文件夹，不是文件");
		return;
	}
	bool write = pf & (FXF_WRITE | FXF_APPEND | FXF_CREAT | FXF_TRUNC);
	if (write && p.area != FILES_UPLOAD) {
		sftp_refuse(k, id, FX_PERMISSION_DENIED,
			    "download 文件夹只供下载：请把文件上传到 upload 文件夹");
		return;
	}
	struct sftp_handle *h = sftp_handle_new(k->sftp);
	if (!h) {
		sftp_status(k, id, FX_FAILURE, "同时打开的文件太多");
		return;
	}
	int flags = write ? O_RDWR : O_RDONLY;
	flags |= (pf & FXF_CREAT ? O_CREAT : 0) | (pf & FXF_TRUNC ? O_TRUNC : 0) |
		 (pf & FXF_EXCL ? O_EXCL : 0);
	struct stat before;
	uint64_t old = write && files_stat(k->c, k->user->name, p.area, p.name, &before) == 0
			   ? (uint64_t)before.st_size
			   : 0;
	if (write && files_usage(k->c, k->user->name, &k->sftp->usage) < 0) {
		h->used = false;
		sftp_status(k, id, FX_FAILURE, errmsg());
		return;
	}
	int fd = files_open(k->c, k->user->name, p.area, p.name, flags);
	if (fd < 0) {
		h->used = false;
		sftp_fail(k, id, fd);
		return;
	}
	struct stat sb;
	fstat(fd, &sb);
	if (write && (pf & FXF_TRUNC))
		k->sftp->usage -= old < k->sftp->usage ? old : k->sftp->usage;
	h->fd = fd;
	h->p = p;
	h->writing = write;
	h->append = pf & FXF_APPEND;
	h->size = (uint64_t)sb.st_size;
	sftp_put_handle(k, id, h);
}

static void sftp_on_close(struct sshd_conn *k, struct sftp_rd *r, uint32_t id)
{
	struct sftp_handle *h = sftp_rd_handle(k, r, id);
	if (!h)
		return;
	bool refused = h->refused, kept = true;
	sftp_handle_free(k, h, NULL, &kept);
	if (refused)
		sftp_status(k, id, FX_FAILURE, "文件超出限额，未保存");
	else if (!kept)
		sftp_refuse(k, id, FX_FAILURE, "无法记录审计日志，文件未保存");
	else
		sftp_status(k, id, FX_OK, "成功");
}

static void sftp_on_read(struct sshd_conn *k, struct sftp_rd *r, uint32_t id)
{
	struct sftp_handle *h = sftp_rd_handle(k, r, id);
	if (!h)
		return;
	uint64_t off = rd_u64(r);
	uint32_t len = rd_u32(r);
	if (r->bad)
		return;
	if (h->dir) {
		sftp_status(k, id, FX_FAILURE, "这是文件夹，不是文件");
		return;
	}
	h->read = !h->writing;
	len = len < SFTP_READ_MAX ? len : SFTP_READ_MAX;
	size_t at = sftp_begin(k, FXP_DATA, id);
	size_t lenat = k->out.len;
	put_u32(&k->out, 0);
	/* Read straight into the queue: make room, then trim to what was read. */
	static const char room[SFTP_READ_MAX];
	sb_add(&k->out, room, len);
	ssize_t n = pread(h->fd, k->out.buf + lenat + 4, len, (off_t)off);
	if (n <= 0) {
		k->out.len = at;
		if (n == 0)
			sftp_status(k, id, FX_EOF, "文件结束");
		else
			sftp_status(k, id, FX_FAILURE, strerror(errno));
		return;
	}
	k->out.len = lenat + 4 + (size_t)n;
	unsigned char *p = (unsigned char *)k->out.buf + lenat;
	p[0] = (unsigned char)(n >> 24);
	p[1] = (unsigned char)(n >> 16);
	p[2] = (unsigned char)(n >> 8);
	p[3] = (unsigned char)n;
	h->moved += (uint64_t)n;
	sftp_end(k, at);
}

static void sftp_on_write(struct sshd_conn *k, struct sftp_rd *r, uint32_t id)
{
	struct sftp_handle *h = sftp_rd_handle(k, r, id);
	if (!h)
		return;
	uint64_t off = rd_u64(r);
	uint32_t len;
	const unsigned char *data = rd_bytes(r, &len);
	if (r->bad) {
		sftp_status(k, id, FX_BAD_MESSAGE, "请求格式错误");
		return;
	}
	if (!h->writing || h->dir) {
		sftp_status(k, id, FX_PERMISSION_DENIED, "文件不是为写入打开的");
		return;
	}
	if (h->refused) {
		sftp_status(k, id, FX_FAILURE, "文件超出限额，未保存");
		return;
	}
	if (h->append)
		off = h->size;
	uint64_t end = off + len, growth = end > h->size ? end - h->size : 0;
	if (off > UINT64_MAX - len ||
	    files_check_room(k->c, k->sftp->usage, growth, end > h->size ? end : h->size) < 0) {
		h->refused = true;
		sftp_refuse(k, id, FX_FAILURE, errmsg());
		return;
	}
	for (uint32_t done = 0; done < len;) {
		ssize_t w = pwrite(h->fd, data + done, len - done, (off_t)(off + done));
		if (w < 0) {
			sftp_status(k, id, FX_FAILURE, strerror(errno));
			return;
		}
		done += (uint32_t)w;
	}
	h->size += growth;
	k->sftp->usage += growth;
	h->moved += len;
	sftp_status(k, id, FX_OK, "成功");
}

static void sftp_answer_attrs(struct sshd_conn *k, uint32_t id, const struct stat *sb)
{
	size_t at = sftp_begin(k, FXP_ATTRS, id);
	put_attrs(&k->out, sb);
	sftp_end(k, at);
}

static void sftp_on_stat(struct sshd_conn *k, struct sftp_rd *r, uint32_t id)
{
	struct sftp_path p;
	if (!sftp_rd_path(k, r, id, &p))
		return;
	struct stat sb;
	if (p.depth < 2) {
		sftp_dir_stat(&p, &sb);
	} else {
		int rc = files_stat(k->c, k->user->name, p.area, p.name, &sb);
		if (rc < 0) {
			sftp_fail(k, id, rc);
			return;
		}
	}
	sftp_answer_attrs(k, id, &sb);
}

static void sftp_on_fstat(struct sshd_conn *k, struct sftp_rd *r, uint32_t id)
{
	struct sftp_handle *h = sftp_rd_handle(k, r, id);
	if (!h)
		return;
	struct stat sb;
	if (h->dir)
		sftp_dir_stat(&h->p, &sb);
	else if (fstat(h->fd, &sb) < 0) {
		sftp_status(k, id, FX_FAILURE, strerror(errno));
		return;
	}
	sftp_answer_attrs(k, id, &sb);
}

/* Times and modes are the server's own: a client that sets them (WinSCP, put -p) is told yes. */
static void sftp_on_setstat(struct sshd_conn *k, struct sftp_rd *r, uint32_t id)
{
	struct sftp_path p;
	if (!sftp_rd_path(k, r, id, &p))
		return;
	rd_attrs(r);
	if (r->bad)
		return;
	sftp_status(k, id, FX_OK, "成功");
}

static void sftp_on_fsetstat(struct sshd_conn *k, struct sftp_rd *r, uint32_t id)
{
	if (!sftp_rd_handle(k, r, id))
		return;
	rd_attrs(r);
	if (r->bad)
		return;
	sftp_status(k, id, FX_OK, "成功");
}

static void sftp_on_opendir(struct sshd_conn *k, struct sftp_rd *r, uint32_t id)
{
	struct sftp_path p;
	if (!sftp_rd_path(k, r, id, &p))
		return;
	if (p.depth == 2) {
		struct stat sb;
		int rc = files_stat(k->c, k->user->name, p.area, p.name, &sb);
		if (rc < 0)
			sftp_fail(k, id, rc);
		else
			sftp_status(k, id, FX_FAILURE, "这是文件，不是文件夹");
		return;
	}
	struct sftp_handle *h = sftp_handle_new(k->sftp);
	if (!h) {
		sftp_status(k, id, FX_FAILURE, "同时打开的文件太多");
		return;
	}
	h->dir = true;
	h->p = p;
	int rc = 0;
	if (p.depth == 0) {
		strv_push(&h->names, files_area_name(FILES_UPLOAD));
		strv_push(&h->names, files_area_name(FILES_DOWNLOAD));
	} else {
		rc = files_list(k->c, k->user->name, p.area, &h->names);
	}
	if (rc < 0) {
		sftp_handle_free(k, h, NULL, NULL);
		sftp_fail(k, id, rc);
		return;
	}
	sftp_put_handle(k, id, h);
}

static void sftp_on_readdir(struct sshd_conn *k, struct sftp_rd *r, uint32_t id)
{
	struct sftp_handle *h = sftp_rd_handle(k, r, id);
	if (!h)
		return;
	if (!h->dir) {
		sftp_status(k, id, FX_FAILURE, "这是文件，不是文件夹");
		return;
	}
	size_t at = sftp_begin(k, FXP_NAME, id);
	size_t countat = k->out.len;
	put_u32(&k->out, 0);
	uint32_t count = 0;
	for (; h->next < h->names.n && count < SFTP_NAMES_PER_READDIR; h->next++) {
		const char *name = h->names.v[h->next];
		struct stat sb;
		if (h->p.depth == 0) {
			struct sftp_path sub = {.depth = 1,
						.area = strcmp(name, "upload") ? FILES_DOWNLOAD
									       : FILES_UPLOAD};
			sftp_dir_stat(&sub, &sb);
		} else if (files_stat(k->c, k->user->name, h->p.area, name, &sb) < 0) {
			continue; /* removed since the folder was opened */
		}
		put_entry(k, name, &sb);
		count++;
	}
	if (count == 0) {
		k->out.len = at;
		sftp_status(k, id, FX_EOF, "没有更多文件");
		return;
	}
	unsigned char *p = (unsigned char *)k->out.buf + countat;
	p[0] = (unsigned char)(count >> 24);
	p[1] = (unsigned char)(count >> 16);
	p[2] = (unsigned char)(count >> 8);
	p[3] = (unsigned char)count;
	sftp_end(k, at);
}

static void sftp_on_remove(struct sshd_conn *k, struct sftp_rd *r, uint32_t id)
{
	struct sftp_path p;
	if (!sftp_rd_path(k, r, id, &p))
		return;
	if (p.depth < 2) {
		sftp_refuse(k, id, FX_PERMISSION_DENIED, "不能删除文件夹 upload 或 download");
		return;
	}
	struct stat sb;
	int rc = files_stat(k->c, k->user->name, p.area, p.name, &sb);
	if (rc < 0) {
		sftp_fail(k, id, rc);
		return;
	}
	char detail[400];
	snprintf(detail, sizeof detail, "删除 %s，大小 %lld 字节", p.canon, (long long)sb.st_size);
	if (sftp_audit(k, "file_delete", &p, "ok", detail) < 0) {
		sftp_status(k, id, FX_FAILURE, "无法记录审计日志，文件未删除");
		return;
	}
	rc = files_remove(k->c, k->user->name, p.area, p.name);
	if (rc < 0) {
		sftp_audit(k, "file_delete", &p, "failed", errmsg());
		sftp_fail(k, id, rc);
		return;
	}
	sftp_status(k, id, FX_OK, "成功");
}

static void sftp_on_rename(struct sshd_conn *k, struct sftp_rd *r, uint32_t id)
{
	struct sftp_path from, to;
	if (!sftp_rd_path(k, r, id, &from) || !sftp_rd_path(k, r, id, &to))
		return;
	if (from.depth < 2 || to.depth < 2 || from.area != to.area) {
		sftp_refuse(k, id, FX_PERMISSION_DENIED,
			    "只能在同一个文件夹（upload 或 download）中给文件改名");
		return;
	}
	char detail[600];
	snprintf(detail, sizeof detail, "改名 %s → %s", from.canon, to.canon);
	if (sftp_audit(k, "file_rename", &from, "ok", detail) < 0) {
		sftp_status(k, id, FX_FAILURE, "无法记录审计日志，文件未改名");
		return;
	}
	int rc = files_rename(k->c, k->user->name, from.area, from.name, to.name);
	if (rc < 0) {
		sftp_audit(k, "file_rename", &from, "failed", errmsg());
		sftp_fail(k, id, rc);
		return;
	}
	sftp_status(k, id, FX_OK, "成功");
}

static void sftp_on_realpath(struct sshd_conn *k, struct sftp_rd *r, uint32_t id)
{
	struct sftp_path p;
	if (!sftp_rd_path(k, r, id, &p))
		return;
	size_t at = sftp_begin(k, FXP_NAME, id);
	put_u32(&k->out, 1);
	put_str(&k->out, p.canon, strlen(p.canon));
	put_str(&k->out, p.canon, strlen(p.canon));
	put_u32(&k->out, 0);
	sftp_end(k, at);
}

static void sftp_on_folder(struct sshd_conn *k, struct sftp_rd *r, uint32_t id)
{
	(void)r;
	sftp_refuse(k, id, FX_PERMISSION_DENIED,
		    "不能新建或删除文件夹：只有 upload 和 download 两个文件夹");
}

static void sftp_on_link(struct sshd_conn *k, struct sftp_rd *r, uint32_t id)
{
	(void)r;
	sftp_refuse(k, id, FX_PERMISSION_DENIED, "不支持符号链接");
}

static const struct {
	enum sftp_type type;
	void (*fn)(struct sshd_conn *k, struct sftp_rd *r, uint32_t id);
} sftp_ops[] = {
    {FXP_OPEN, sftp_on_open},	      {FXP_CLOSE, sftp_on_close},
    {FXP_READ, sftp_on_read},	      {FXP_WRITE, sftp_on_write},
    {FXP_LSTAT, sftp_on_stat},	      {FXP_STAT, sftp_on_stat},
    {FXP_FSTAT, sftp_on_fstat},	      {FXP_SETSTAT, sftp_on_setstat},
    {FXP_FSETSTAT, sftp_on_fsetstat}, {FXP_OPENDIR, sftp_on_opendir},
    {FXP_READDIR, sftp_on_readdir},   {FXP_REMOVE, sftp_on_remove},
    {FXP_MKDIR, sftp_on_folder},      {FXP_RMDIR, sftp_on_folder},
    {FXP_REALPATH, sftp_on_realpath}, {FXP_RENAME, sftp_on_rename},
    {FXP_READLINK, sftp_on_link},     {FXP_SYMLINK, sftp_on_link},
};

/* One request (TYPE, then the rest in R). False when the session must end (a broken stream). */
static bool sftp_request(struct sshd_conn *k, uint8_t type, struct sftp_rd *r)
{
	if (type == FXP_INIT) {
		if (k->sftp->inited)
			return false;
		k->sftp->inited = true;
		size_t at = sftp_begin(k, FXP_VERSION, 0);
		put_u32(&k->out, SFTP_VERSION);
		sftp_end(k, at);
		return true;
	}
	if (!k->sftp->inited)
		return false;
	uint32_t id = rd_u32(r);
	if (r->bad)
		return false;
	for (size_t i = 0; i < ARRAY_LEN(sftp_ops); i++)
		if (sftp_ops[i].type == type) {
			size_t at = k->out.len;
			sftp_ops[i].fn(k, r, id);
			/* A request cut short is answered as such, whatever its handler began. */
			if (r->bad) {
				k->out.len = at;
				sftp_status(k, id, FX_BAD_MESSAGE, "请求格式错误");
			}
			return true;
		}
	sftp_status(k, id, FX_OP_UNSUPPORTED, "不支持的操作");
	return true;
}

/* ---- the subsystem ---- */

int sshd_sftp_start(struct sshd_conn *k)
{
	if (files_ensure(k->c, k->user->name) < 0)
		return ZZ_ERR;
	k->sftp = xmalloc(sizeof *k->sftp);
	memset(k->sftp, 0, sizeof *k->sftp);
	sb_init(&k->sftp->in);
	for (int i = 0; i < SFTP_HANDLES; i++)
		k->sftp->h[i].fd = -1;
	log_msg(LOG_INFO, "sftp for %s from %s port %d", k->user->name, k->addr, k->port);
	return 0;
}

size_t sshd_sftp_input(struct sshd_conn *k, const void *data, size_t len)
{
	struct sshd_sftp *f = k->sftp;
	size_t held = f->in.len - f->pos;
	size_t take = held < SFTP_IN_MAX ? SFTP_IN_MAX - held : 0;
	take = len < take ? len : take;
	sb_add(&f->in, data, take);
	sshd_sftp_pump(k);
	return take;
}

void sshd_sftp_pump(struct sshd_conn *k)
{
	struct sshd_sftp *f = k->sftp;
	if (!f)
		return;
	while (!k->end_reason && k->out.len < SFTP_OUT_MAX && f->in.len - f->pos >= 4) {
		struct sftp_rd r = {.p = (const unsigned char *)f->in.buf + f->pos,
				    .n = f->in.len - f->pos};
		uint32_t len = rd_u32(&r);
		if (len < 1 || len > SFTP_PACKET_MAX) {
			log_msg(LOG_NOTICE, "sftp of %s: request of %u bytes, connection closed",
				k->user->name, len);
			sshd_end(k, SSHD_END_REFUSED);
			return;
		}
		if (r.n < len)
			break;
		f->pos += 4 + len;
		r.n = len;
		uint8_t type = r.p[0];
		r.p++;
		r.n--;
		if (!sftp_request(k, type, &r)) {
			log_msg(LOG_NOTICE, "sftp of %s: broken request stream, connection closed",
				k->user->name);
			sshd_end(k, SSHD_END_REFUSED);
			return;
		}
	}
	/* Keep the buffer from growing: drop what has been decoded. */
	if (f->pos > 0 && (f->pos == f->in.len || f->pos > SFTP_PACKET_MAX)) {
		memmove(f->in.buf, f->in.buf + f->pos, f->in.len - f->pos);
		f->in.len -= f->pos;
		f->pos = 0;
	}
}

void sshd_sftp_stop(struct sshd_conn *k)
{
	if (!k->sftp)
		return;
	for (int i = 0; i < SFTP_HANDLES; i++)
		if (k->sftp->h[i].used)
			sftp_handle_free(k, &k->sftp->h[i], "连接结束时文件仍未关闭", NULL);
	sb_free(&k->sftp->in);
	free(k->sftp);
	k->sftp = NULL;
}
