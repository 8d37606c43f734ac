/* audit.c — append-only, hash-chained audit log in audit.db. */
#include "audit.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <time.h>

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
	int rc = audit_tail(st->db[DBI_AUDIT], txn, &seq, prev, true);
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
	rc = store_put(st->db[DBI_AUDIT], txn, k, 8, v.buf, v.len);
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
	int rc = txn ? audit_put(c->st, txn, &copy) : store_run(c->st, audit_put, &copy);
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
	while (fgets(line, sizeof line, f)) {
		unsigned long long seq;
		char hash[65];
		char home[160];
		/* Lines: "YYYY-MM-DDTHH:MM:SS home seq hash"; other homes' heads are skipped. */
		if (sscanf(line, "%*s %159s %llu %64s", home, &seq, hash) != 3 || strcmp(home, c->home) != 0)
			continue;
		*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		(*out)[*n].seq = seq;
		memcpy((*out)[*n].hash, hash, 65);
		(*n)++;
	}
	fclose(f);
	free(path);
	return 0;
}

int audit_verify(struct ctx *c, uint64_t *count)
{
	DB *db = c->st->db[DBI_AUDIT];
	DBC *cur = NULL;
	int dbrc = db->cursor(db, NULL, &cur, 0);
	if (dbrc)
		return store_err(dbrc, "审计日志");
	struct head_line *heads = NULL;
	int nheads = 0, rc = audit_read_heads(c, &heads, &nheads);
	char prevhash[65];
	memset(prevhash, '0', 64);
	prevhash[64] = '\0';
	uint64_t expect = 1;
	DBT key = {0}, val = {0};
	while (rc == 0 && (dbrc = cur->get(cur, &key, &val, DB_NEXT)) == 0) {
		uint64_t k = key.size == 8 ? be64_get(key.data) : 0;
		char *buf = xstrndup(val.data, val.size);
		char hash[65];
		sha256_hex(val.data, val.size, hash);
		struct audit_entry e;
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
	for (int i = 0; rc == 0 && i < nheads; i++)
		if (heads[i].seq >= expect)
			rc = errmsg_set(ZZ_ERR, "链头文件记录到第 %llu 条，审计日志只到第 %llu 条：末尾的记录被删除",
					(unsigned long long)heads[i].seq, (unsigned long long)(expect - 1));
	cur->close(cur);
	free(heads);
	if (count)
		*count = expect - 1;
	return rc;
}

int audit_write_head(struct ctx *c)
{
	uint64_t seq;
	char hash[65];
	int rc = audit_tail(c->st->db[DBI_AUDIT], NULL, &seq, hash, false);
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
	fprintf(f, "%s %s %llu %s\n", ts, c->home, (unsigned long long)seq, hash);
	rc = fclose(f) == 0 ? 0 : errmsg_set(ZZ_ERR, "写入审计链头文件失败");
	free(path);
	openlog("zongzhi", LOG_PID, LOG_AUTHPRIV);
	syslog(LOG_NOTICE, "audit head %s %llu %s", c->home, (unsigned long long)seq, hash);
	closelog();
	return rc;
}

int audit_scan(struct ctx *c, int64_t since, const char *user, audit_cb cb, void *arg)
{
	DB *db = c->st->db[DBI_AUDIT];
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
