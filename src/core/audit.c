/* audit.c — append-only, hash-chained audit log in audit.db. */
#include "audit.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

#define AUDIT_FIELDS 10

static void sha256_hex(const void *data, size_t n, char out[65])
{
	unsigned char md[32];
	unsigned int mdlen = 0;
	EVP_Digest(data, n, md, &mdlen, EVP_sha256(), NULL);
	for (int i = 0; i < 32; i++)
		sprintf(out + 2 * i, "%02x", md[i]);
	out[64] = '\0';
}

static void add_escaped(struct sb *sb, const char *s)
{
	for (s = s ? s : "-"; *s; s++) {
		if (*s == '\\')
			sb_adds(sb, "\\\\");
		else if (*s == '\t')
			sb_adds(sb, "\\t");
		else if (*s == '\n')
			sb_adds(sb, "\\n");
		else if (*s == '\r')
			sb_adds(sb, "\\r");
		else
			sb_addc(sb, *s);
	}
}

static void unescape(char *s)
{
	char *w = s;
	for (char *r = s; *r; r++) {
		if (*r == '\\' && r[1]) {
			r++;
			*w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r == 'r' ? '\r' : *r;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
}

/* The last entry's sequence number and hash (zeros for an empty log), write-locked. */
static int audit_tail(DB *db, DB_TXN *txn, uint64_t *seq, char hash[65], bool rmw)
{
	if (!db)
		return ZZ_EDB;
	DBC *c = NULL;
	int dbrc = db->cursor(db, txn, &c, 0);
	if (dbrc)
		return store_err(dbrc, "审计日志");
	DBT key = {0}, val = {0};
	dbrc = c->get(c, &key, &val, DB_LAST | (rmw ? DB_RMW : 0));
	int rc = 0;
	if (dbrc == DB_NOTFOUND) {
		*seq = 0;
		memset(hash, '0', 64);
		hash[64] = '\0';
	} else if (dbrc) {
		rc = store_err(dbrc, "审计日志");
	} else if (key.size != 8) {
		rc = errmsg_set(ZZ_EDB, "审计日志的键已损坏");
	} else {
		*seq = be64_get(key.data);
		sha256_hex(val.data, val.size, hash);
	}
	c->close(c);
	return rc;
}

static int audit_put(struct store *st, DB_TXN *txn, void *arg)
{
	const struct audit_entry *e = arg;
	uint64_t seq;
	char prev[65];
	int rc = audit_tail(store_db(st, DBI_AUDIT), txn, &seq, prev, true);
	if (rc < 0)
		return rc;
	struct sb v;
	sb_init(&v);
	sb_addf(&v, "%llu\t%lld\t", (unsigned long long)(seq + 1), (long long)e->time);
	const char *parts[] = {e->user, e->unit, e->source, e->type, e->object, e->result, e->detail};
	for (size_t i = 0; i < ARRAY_LEN(parts); i++) {
		add_escaped(&v, parts[i]);
		sb_addc(&v, '\t');
	}
	sb_adds(&v, prev);
	unsigned char k[8];
	be64_put(k, seq + 1);
	rc = store_put(store_db(st, DBI_AUDIT), txn, k, 8, v.buf, v.len);
	sb_free(&v);
	return rc;
}

int audit_append(struct ctx *c, DB_TXN *txn, const struct audit_entry *e)
{
	struct audit_entry copy = *e;
	if (!copy.time)
		copy.time = (int64_t)time(NULL);
	if (!copy.source)
		copy.source = c->source;
	/* A standby site (9.5) writes no database: its sessions' logins and views go to the server's
	 * log; everything that changes data happens, and is audited, on the primary. */
	if (!txn && store_standby(c->st)) {
		log_msg(LOG_NOTICE, "audit (standby site): user=%s unit=%s source=%s type=%s object=%s result=%s detail=%s",
			copy.user, copy.unit, copy.source, copy.type, copy.object, copy.result,
			copy.detail ? copy.detail : "");
		return 0;
	}
	/* An entry alone changes nothing a session's status line counts (store.commits). */
	int rc = txn ? audit_put(c->st, txn, &copy) : store_run_flags(c->st, audit_put, &copy, STORE_TXN_UNCOUNTED);
	if (rc < 0 && rc != ZZ_ERETRY)
		return errmsg_set(rc, "无法写入审计日志，操作已取消（%s）", errmsg());
	return rc;
}

/* Split a stored entry into E; the strings point into BUF. */
static int audit_parse(char *buf, struct audit_entry *e, char **prev)
{
	char *p[AUDIT_FIELDS];
	if (str_split(buf, '\t', p, AUDIT_FIELDS) != AUDIT_FIELDS || strchr(p[AUDIT_FIELDS - 1], '\t'))
		return -1;
	for (int i = 2; i < AUDIT_FIELDS; i++)
		unescape(p[i]);
	long long seq, t;
	if (str_to_ll(p[0], &seq) < 0 || str_to_ll(p[1], &t) < 0)
		return -1;
	e->seq = (uint64_t)seq;
	e->time = t;
	e->user = p[2];
	e->unit = p[3];
	e->source = p[4];
	e->type = p[5];
	e->object = p[6];
	e->result = p[7];
	e->detail = p[8];
	*prev = p[9];
	return 0;
}

struct head_line {
	uint64_t seq;
	char hash[65];
};

/* Heads are keyed by the home's canonical path: "--home /srv/zz/db/", a relative path or a link
 * to the same folder must find the heads written under another spelling. */
static char *audit_home_key(const struct ctx *c)
{
	char *key = realpath(c->home, NULL);
	return key ? key : xstrdup(c->home);
}

static int audit_read_heads(struct ctx *c, struct head_line **out, int *n)
{
	char *path = conf_path(c->conf, "paths.audit_head");
	FILE *f = fopen(path, "r");
	*out = NULL;
	*n = 0;
	if (!f) {
		int missing = errno == ENOENT;
		free(path);
		return missing ? 0 : errmsg_set(ZZ_ERR, "无法读取审计链头文件");
	}
	char line[256];
	char *key = audit_home_key(c);
	while (fgets(line, sizeof line, f)) {
		unsigned long long seq;
		char hash[65];
		char home[160];
		char mark[16] = "";
		/* Lines: "YYYY-MM-DDTHH:MM:SS home seq hash", "… restored" after a restore (older programs
		 * read that one as a head); other homes' heads are skipped. */
		int nf = sscanf(line, "%*s %159s %llu %64s %15s", home, &seq, hash, mark);
		if (nf < 3 || strcmp(home, key) != 0)
			continue;
		/* A restore ended the chain at SEQ (its own entry): the heads from SEQ on were of the
		 * history it undid. */
		if (nf == 4 && !strcmp(mark, "restored")) {
			int kept = 0;
			for (int i = 0; i < *n; i++)
				if ((*out)[i].seq < seq)
					(*out)[kept++] = (*out)[i];
			*n = kept;
		}
		*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		(*out)[*n].seq = seq;
		memcpy((*out)[*n].hash, hash, 65);
		(*n)++;
	}
	fclose(f);
	free(key);
	free(path);
	return 0;
}

#define AUDIT_ANCHOR "audit:anchor"

/* The archived part of the chain ends at entry *SEQ whose hash is HASH (0 and zeros: none). */
static int anchor_get_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct head_line *a = arg;
	void *v = NULL;
	size_t vn = 0;
	a->seq = 0;
	memset(a->hash, '0', 64);
	a->hash[64] = '\0';
	int rc = store_get(store_db(st, DBI_META), txn, AUDIT_ANCHOR, strlen(AUDIT_ANCHOR), &v, &vn, false);
	if (rc == 0 && vn != 8 + 64)
		rc = errmsg_set(ZZ_EDB, "审计日志的归档记录已损坏");
	if (rc == 0) {
		a->seq = be64_get(v);
		memcpy(a->hash, (char *)v + 8, 64);
	}
	free(v);
	return rc == ZZ_ENOENT ? 0 : rc;
}

/* audit_verify; RESTORING: heads past the chain's end are of a history a restore undid. */
static int audit_verify_chain(struct ctx *c, uint64_t *count, bool restoring)
{
	struct head_line anchor;
	/* A read outside a transaction, as the chain's cursor below: a standby checks it too. */
	int rc = anchor_get_txn(c->st, NULL, &anchor);
	if (rc < 0)
		return rc;
	DB *db = store_db(c->st, DBI_AUDIT);
	if (!db)
		return ZZ_EDB;
	DBC *cur = NULL;
	int dbrc = db->cursor(db, NULL, &cur, 0);
	if (dbrc)
		return store_err(dbrc, "审计日志");
	struct head_line *heads = NULL;
	int nheads = 0;
	rc = audit_read_heads(c, &heads, &nheads);
	/* Entries archived (audit_archive) are checked in their file; the chain goes on from there. */
	char prevhash[65];
	memcpy(prevhash, anchor.hash, 65);
	uint64_t expect = anchor.seq + 1;
	int64_t oldest = 0;
	DBT key = {0}, val = {0};
	while (rc == 0 && (dbrc = cur->get(cur, &key, &val, DB_NEXT)) == 0) {
		uint64_t k = key.size == 8 ? be64_get(key.data) : 0;
		char *buf = xstrndup(val.data, val.size);
		char hash[65];
		sha256_hex(val.data, val.size, hash);
		struct audit_entry e = {0};
		char *prev = NULL;
		if (k != expect)
			rc = errmsg_set(ZZ_ERR, "审计日志第 %llu 条起缺失（下一条是第 %llu 条）：记录被删除",
					(unsigned long long)expect, (unsigned long long)k);
		else if (audit_parse(buf, &e, &prev) < 0)
			rc = errmsg_set(ZZ_ERR, "审计日志第 %llu 条格式损坏：记录被修改", (unsigned long long)k);
		else if (e.seq != k)
			rc = errmsg_set(ZZ_ERR, "审计日志第 %llu 条的位置不对（内容是第 %llu 条）：顺序被改动",
					(unsigned long long)k, (unsigned long long)e.seq);
		else if (strcmp(prev, prevhash) != 0)
			rc = errmsg_set(ZZ_ERR, "审计日志第 %llu 条与前一条的哈希不符：第 %llu 条被修改或删除",
					(unsigned long long)k, (unsigned long long)(k - 1));
		if (rc == 0 && k == anchor.seq + 1)
			oldest = e.time;
		for (int i = 0; rc == 0 && i < nheads; i++)
			if (heads[i].seq == k && strcmp(heads[i].hash, hash) != 0)
				rc = errmsg_set(ZZ_ERR, "审计日志第 %llu 条与链头文件记录的哈希不符：记录被修改",
						(unsigned long long)k);
		free(buf);
		memcpy(prevhash, hash, 65);
		expect++;
	}
	if (rc == 0 && dbrc && dbrc != DB_NOTFOUND)
		rc = store_err(dbrc, "审计日志");
	for (int i = 0; rc == 0 && !restoring && i < nheads; i++)
		if (heads[i].seq >= expect)
			rc = errmsg_set(ZZ_ERR, "链头文件记录到第 %llu 条，审计日志只到第 %llu 条：末尾的记录被删除",
					(unsigned long long)heads[i].seq, (unsigned long long)(expect - 1));
	/* No head at all for a chain the daemon should have written one for: the head file cannot
	 * vouch for the tail, which is no "chain intact". */
	int64_t age = oldest ? ((int64_t)time(NULL) - oldest) / 3600 : 0;
	if (rc == 0 && nheads == 0 && oldest && age >= conf_int(c->conf, "audit.head_max_hours")) {
		char *path = conf_path(c->conf, "paths.audit_head");
		rc = errmsg_set(ZZ_ERR,
				"链头文件 %s 中没有本数据库的链头，而审计日志最早的一条已有 %lld 小时：无法确认末尾的记录未被删除"
				"（链头文件被替换或清空，或守护进程没有运行；核实后用 audit head 记下当前链头）",
				path, (long long)age);
		free(path);
	}
	cur->close(cur);
	free(heads);
	if (count)
		*count = expect - 1 - anchor.seq;
	return rc;
}

int audit_verify(struct ctx *c, uint64_t *count)
{
	return audit_verify_chain(c, count, false);
}

struct archive_arg {
	uint64_t first, last;
	char hash[65];
};

/* Remove the archived entries and note where the chain now starts, in one transaction. */
static int archive_txn(struct store *st, DB_TXN *txn, void *arg)
{
	const struct archive_arg *a = arg;
	DB *db = store_db(st, DBI_AUDIT);
	if (!db)
		return ZZ_EDB;
	for (uint64_t s = a->first; s <= a->last; s++) {
		unsigned char k[8];
		be64_put(k, s);
		DBT key = {.data = k, .size = 8};
		int dbrc = db->del(db, txn, &key, 0);
		if (dbrc)
			return store_err(dbrc, "审计日志归档");
	}
	unsigned char v[8 + 64];
	be64_put(v, a->last);
	memcpy(v + 8, a->hash, 64);
	int rc = store_put(store_db(st, DBI_META), txn, AUDIT_ANCHOR, strlen(AUDIT_ANCHOR), v, sizeof v);
	/* Each archive's range and last hash, so that a cut or swapped archive file is found. */
	char k[40];
	snprintf(k, sizeof k, "audit:archive:%020llu", (unsigned long long)a->first);
	return rc < 0 ? rc : store_put(store_db(st, DBI_META), txn, k, strlen(k), v, sizeof v);
}

struct archive_rec {
	uint64_t first;
	struct head_line end; /* seq 0: no such archive */
};

static int archive_rec_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct archive_rec *r = arg;
	char k[40];
	snprintf(k, sizeof k, "audit:archive:%020llu", (unsigned long long)r->first);
	void *v = NULL;
	size_t vn = 0;
	r->end.seq = 0;
	int rc = store_get(store_db(st, DBI_META), txn, k, strlen(k), &v, &vn, false);
	if (rc == 0 && vn == 8 + 64) {
		r->end.seq = be64_get(v);
		memcpy(r->end.hash, (char *)v + 8, 64);
		r->end.hash[64] = '\0';
	}
	free(v);
	return rc == ZZ_ENOENT ? 0 : rc;
}

int audit_archive(struct ctx *c, int64_t before, const char *file, uint64_t *first, uint64_t *last)
{
	*first = *last = 0;
	struct head_line anchor;
	int rc = store_run(c->st, anchor_get_txn, &anchor);
	if (rc < 0)
		return rc;
	DB *db = store_db(c->st, DBI_AUDIT);
	if (!db)
		return ZZ_EDB;
	DBC *cur = NULL;
	int dbrc = db->cursor(db, NULL, &cur, 0);
	if (dbrc)
		return store_err(dbrc, "审计日志");
	struct sb out;
	sb_init(&out);
	struct archive_arg a = {.first = anchor.seq + 1};
	DBT key = {0}, val = {0};
	/* Whole entries as stored, one a line (stored text has no newline), oldest first; never the
	 * newest entry, which the next one links to. */
	while ((dbrc = cur->get(cur, &key, &val, DB_NEXT)) == 0) {
		char *buf = xstrndup(val.data, val.size);
		struct audit_entry e;
		char *prev;
		bool old = audit_parse(buf, &e, &prev) == 0 && e.time < before;
		free(buf);
		if (!old)
			break;
		DBT k2 = {0}, v2 = {0};
		DBC *peek = NULL;
		bool newest = cur->dup(cur, &peek, DB_POSITION) != 0 || peek->get(peek, &k2, &v2, DB_NEXT) != 0;
		if (peek)
			peek->close(peek);
		if (newest)
			break;
		a.last = be64_get(key.data);
		sha256_hex(val.data, val.size, a.hash);
		sb_add(&out, val.data, val.size);
		sb_addc(&out, '\n');
	}
	cur->close(cur);
	if (!a.last) {
		sb_free(&out);
		return 0;
	}
	int fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		rc = errmsg_set(ZZ_ERR, "无法创建审计归档文件 %s：%s", file, strerror(errno));
	else if (write(fd, out.buf, out.len) != (ssize_t)out.len || fsync(fd) != 0)
		rc = errmsg_set(ZZ_ERR, "写入审计归档文件 %s 失败：%s", file, strerror(errno));
	if (fd >= 0 && close(fd) != 0 && rc == 0)
		rc = errmsg_set(ZZ_ERR, "写入审计归档文件 %s 失败：%s", file, strerror(errno));
	sb_free(&out);
	/* The file is complete on disk before the entries leave the database. */
	if (rc == 0)
		rc = store_run(c->st, archive_txn, &a);
	if (rc < 0)
		return rc;
	*first = a.first;
	*last = a.last;
	return 0;
}

int audit_verify_archive(struct ctx *c, const char *file, uint64_t *first, uint64_t *last)
{
	int rc;
	FILE *f = fopen(file, "r");
	if (!f)
		return errmsg_set(ZZ_ERR, "无法读取审计归档文件 %s", file);
	struct head_line *heads = NULL;
	int nheads = 0;
	rc = audit_read_heads(c, &heads, &nheads);
	char *line = NULL, prevhash[65] = "";
	size_t cap = 0;
	ssize_t n;
	uint64_t expect = 0;
	*first = *last = 0;
	while (rc == 0 && (n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] != '\n')
			rc = errmsg_set(ZZ_ERR, "审计归档文件的末行不完整：文件被截断");
		line[--n] = '\0';
		char hash[65];
		sha256_hex(line, (size_t)n, hash);
		struct audit_entry e;
		char *prev = NULL;
		if (rc == 0 && audit_parse(line, &e, &prev) < 0)
			rc = errmsg_set(ZZ_ERR, "审计归档第 %llu 条之后一行格式损坏：记录被修改", (unsigned long long)expect);
		else if (rc == 0 && expect && e.seq != expect)
			rc = errmsg_set(ZZ_ERR, "审计归档第 %llu 条起缺失或顺序被改动（下一行是第 %llu 条）",
					(unsigned long long)expect, (unsigned long long)e.seq);
		else if (rc == 0 && ((expect && strcmp(prev, prevhash) != 0) ||
				     (!expect && e.seq == 1 && strspn(prev, "0") != 64)))
			rc = errmsg_set(ZZ_ERR, "审计归档第 %llu 条与前一条的哈希不符：记录被修改或删除",
					(unsigned long long)e.seq);
		for (int i = 0; rc == 0 && i < nheads; i++)
			if (heads[i].seq == e.seq && strcmp(heads[i].hash, hash) != 0)
				rc = errmsg_set(ZZ_ERR, "审计归档第 %llu 条与链头文件记录的哈希不符：记录被修改",
						(unsigned long long)e.seq);
		if (rc == 0) {
			if (!expect)
				*first = e.seq;
			*last = e.seq;
			expect = e.seq + 1;
			memcpy(prevhash, hash, 65);
		}
	}
	fclose(f);
	free(line);
	free(heads);
	if (rc == 0 && !expect)
		rc = errmsg_set(ZZ_ERR, "审计归档文件 %s 是空的", file);
	/* The database noted the archive's range and last hash (the next entry's link) when it was made. */
	struct archive_rec r = {.first = *first};
	if (rc == 0)
		rc = store_run(c->st, archive_rec_txn, &r);
	if (rc == 0 && !r.end.seq)
		rc = errmsg_set(ZZ_ERR, "本数据库没有从第 %llu 条开始的审计归档", (unsigned long long)*first);
	else if (rc == 0 && *last != r.end.seq)
		rc = errmsg_set(ZZ_ERR, "审计归档应到第 %llu 条，文件只到第 %llu 条：末尾的记录被删除",
				(unsigned long long)r.end.seq, (unsigned long long)*last);
	else if (rc == 0 && strcmp(prevhash, r.end.hash) != 0)
		rc = errmsg_set(ZZ_ERR, "审计归档的最后一条（第 %llu 条）与归档时记录的哈希不符：记录被修改",
				(unsigned long long)*last);
	return rc;
}

/* Append the chain's head to the head file and syslog, MARK after it ("" or " restored"). */
static int audit_head_put(struct ctx *c, const char *mark)
{
	uint64_t seq;
	char hash[65];
	int rc = audit_tail(store_db(c->st, DBI_AUDIT), NULL, &seq, hash, false);
	if (rc < 0)
		return rc;
	char *path = conf_path(c->conf, "paths.audit_head");
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		mkdir(dir, 0700);
	}
	free(dir);
	FILE *f = fopen(path, "a");
	if (!f) {
		rc = errmsg_set(ZZ_ERR, "无法写入审计链头文件 %s：%s", path, strerror(errno));
		free(path);
		return rc;
	}
	char ts[32];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S", &tm);
	char *key = audit_home_key(c);
	fprintf(f, "%s %s %llu %s%s\n", ts, key, (unsigned long long)seq, hash, mark);
	rc = fclose(f) == 0 ? 0 : errmsg_set(ZZ_ERR, "写入审计链头文件失败");
	free(path);
	openlog("zongzhi", LOG_PID, LOG_AUTHPRIV);
	syslog(LOG_NOTICE, "audit head %s %llu %s%s", key, (unsigned long long)seq, hash, mark);
	free(key);
	closelog();
	return rc;
}

int audit_write_head(struct ctx *c)
{
	return audit_head_put(c, "");
}

int audit_restored(struct ctx *c, const struct audit_entry *e, uint64_t *count)
{
	int rc = audit_verify_chain(c, count, true);
	if (rc == 0)
		rc = audit_append(c, NULL, e);
	return rc < 0 ? rc : audit_head_put(c, " restored");
}

int audit_scan(struct ctx *c, int64_t since, const char *user, audit_cb cb, void *arg)
{
	DB *db = store_db(c->st, DBI_AUDIT);
	if (!db)
		return ZZ_EDB;
	DBC *cur = NULL;
	int dbrc = db->cursor(db, NULL, &cur, 0);
	if (dbrc)
		return store_err(dbrc, "审计日志");
	DBT key = {0}, val = {0};
	int rc = 0;
	while (rc == 0 && (dbrc = cur->get(cur, &key, &val, DB_NEXT)) == 0) {
		char *buf = xstrndup(val.data, val.size);
		struct audit_entry e;
		char *prev;
		if (audit_parse(buf, &e, &prev) == 0 && e.time >= since && (!user || strcmp(user, e.user) == 0))
			rc = cb(&e, arg);
		free(buf);
	}
	cur->close(cur);
	if (rc == 0 && dbrc && dbrc != DB_NOTFOUND)
		rc = store_err(dbrc, "审计日志");
	return rc < 0 ? rc : 0;
}

char *audit_diff(const struct rec *before, const struct rec *after)
{
	struct sb sb;
	sb_init(&sb);
	const struct rec *any = after ? after : before;
	if (!any)
		return sb_steal(&sb);
	const struct rtype *t = any->t;
	const char *bu = before ? before->unit : NULL, *au = after ? after->unit : NULL;
	if ((bu == NULL) != (au == NULL) || (bu && strcmp(bu, au) != 0))
		sb_addf(&sb, "单位: %s → %s; ", bu ? bu : "", au ? au : "");
	for (int i = 0; i < t->nf; i++) {
		const char *b = before ? before->v[i] : NULL, *a = after ? after->v[i] : NULL;
		if ((b == NULL) == (a == NULL) && (!b || strcmp(a, b) == 0))
			continue;
		sb_addf(&sb, "%s: %s → %s; ", t->f[i].id, b ? b : "", a ? a : "");
	}
	if (sb.len >= 2)
		sb.buf[sb.len -= 2] = '\0';
	return sb_steal(&sb);
}
