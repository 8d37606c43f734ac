/* cli_db.c — verify, backup, restore and the audit log from the command line. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "cli.h"
#include "stats.h"
#include "perm.h"
#include "service.h"

static int require_audit_right(struct cli *cl)
{
	if (cl->as == &service_console || perm_check(cl->c, cl->as, ACT_AUDIT, NULL, NULL) == 0)
		return 0;
	service_audit_refusal(cl->c, cl->as, "audit", "audit", ZZ_EPERM);
	return cli_fail("%s", errmsg());
}

/* Database files of a home: the table's and one per record type. */
static void db_files(struct ctx *c, struct strv *out)
{
	for (int i = 0; i < DBI__COUNT; i++)
		strv_push(out, store_dbdefs[i].file);
	for (int i = 0; i < c->schema->n; i++) {
		char *f = xasprintf("rec_%s.db", c->schema->t[i]->id);
		strv_push(out, f);
		free(f);
	}
}

struct check_arg {
	struct ctx *c;
	long bad;
	long n;
};

static int check_record(const struct rtype *t, uint64_t id, void *arg)
{
	struct check_arg *a = arg;
	struct rec *r = NULL;
	a->n++;
	if (record_load(a->c->st, NULL, t, id, &r, false) < 0) {
		printf("索引指向的记录 %s:%llu 无法读取：%s\n", t->id, (unsigned long long)id, errmsg());
		a->bad++;
	}
	rec_free(&r);
	return 0;
}

int cli_verify(struct cli *cl)
{
	struct ctx *c = cl->c;
	struct strv files = {0};
	db_files(c, &files);
	int bad = 0;
	for (int i = 0; i < files.n; i++) {
		DB *db = NULL;
		int rc = db_create(&db, c->st->env, 0);
		if (rc == 0)
			rc = db->verify(db, files.v[i], NULL, NULL, DB_NOORDERCHK);
		/* DB->verify frees the handle whatever it returns. */
		if (rc && rc != ENOENT) {
			printf("%s\t损坏：%s\n", files.v[i], db_strerror(rc));
			bad++;
		} else {
			printf("%s\t正常\n", files.v[i]);
		}
	}
	strv_free(&files);
	for (int i = 0; i < c->schema->n; i++) {
		struct check_arg a = {c, 0, 0};
		record_scan_unit(c->st, NULL, c->schema->t[i], NULL, check_record, &a);
		printf("%s\t%ld 条记录%s\n", c->schema->t[i]->id, a.n, a.bad ? "，有损坏" : "，索引一致");
		bad += a.bad > 0;
	}
	long srows = 0, sbad = 0;
	if (stats_verify(c, &srows, &sbad) < 0 || sbad) {
		printf("stats\t%s\n", errmsg());
		bad++;
	} else {
		printf("stats\t%ld 行统计计数，与数据一致\n", srows);
	}
	uint64_t n = 0;
	if (audit_verify(c, &n) < 0) {
		printf("audit\t%s\n", errmsg());
		bad++;
	} else {
		printf("audit\t%llu 条，哈希链完整\n", (unsigned long long)n);
	}
	if (bad)
		return cli_fail("发现 %d 处问题", bad);
	return CLI_OK;
}

int cli_backup(struct cli *cl)
{
	struct ctx *c = cl->c;
	const char *dir = cl->argv[0];
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return cli_fail("无法创建备份目录 %s：%s", dir, strerror(errno));
	int rc = c->st->env->backup(c->st->env, dir, DB_CREATE | DB_BACKUP_CLEAN | DB_BACKUP_FILES);
	if (rc)
		return cli_fail("备份失败：%s", db_strerror(rc));
	/* Bring the copy to a consistent state now, so that restoring it is a plain copy. */
	DB_ENV *env = NULL;
	rc = db_env_create(&env, 0);
	if (rc == 0)
		rc = env->open(env, dir, DB_CREATE | DB_INIT_TXN | DB_INIT_LOCK | DB_INIT_LOG | DB_INIT_MPOOL |
						 DB_RECOVER_FATAL | DB_PRIVATE, 0600);
	if (env)
		env->close(env, 0);
	if (rc)
		return cli_fail("备份的恢复检查失败：%s", db_strerror(rc));
	char *obj = xasprintf("backup:%s", dir);
	audit_append(c, NULL, &(struct audit_entry){.user = cl->as->name, .unit = cl->as->unit, .type = "backup",
						   .object = obj, .result = "ok", .detail = c->home});
	free(obj);
	printf("已备份到 %s\n", dir);
	return CLI_OK;
}

static int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
	int rc = in && out ? 0 : -1;
	char buf[65536];
	size_t n;
	while (rc == 0 && (n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = -1;
	if (in && ferror(in))
		rc = -1;
	if (in)
		fclose(in);
	if (out && fclose(out) != 0)
		rc = -1;
	if (rc == 0)
		chmod(to, 0600);
	return rc;
}

int cli_restore(struct cli *cl)
{
	struct ctx *c = cl->c;
	const char *dir = cl->argv[0];
	char *check = xasprintf("%s/meta.db", dir);
	int ok = access(check, R_OK) == 0;
	free(check);
	if (!ok)
		return cli_fail("%s 不是 zongzhi 的备份（没有 meta.db）", dir);
	struct stat sb;
	if (stat(c->home, &sb) == 0) {
		if (!cli_flag(cl, "force"))
			return cli_fail("数据库目录 %s 已存在；先停止服务，再加 --force 恢复（原目录会改名保留）", c->home);
		char *aside = xasprintf("%s.before-restore-%ld", c->home, (long)time(NULL));
		for (int k = 2; access(aside, F_OK) == 0; k++) {
			free(aside);
			aside = xasprintf("%s.before-restore-%ld-%d", c->home, (long)time(NULL), k);
		}
		if (rename(c->home, aside) < 0) {
			int e = errno;
			free(aside);
			return cli_fail("无法把原数据库目录改名：%s", strerror(e));
		}
		printf("原数据库目录已改名为 %s\n", aside);
		free(aside);
	}
	if (mkdir(c->home, 0700) < 0)
		return cli_fail("无法创建 %s：%s", c->home, strerror(errno));
	DIR *d = opendir(dir);
	if (!d)
		return cli_fail("无法读取 %s", dir);
	struct dirent *de;
	int rc = 0;
	while (rc == 0 && (de = readdir(d))) {
		if (de->d_name[0] == '.' || str_prefix(de->d_name, "__db"))
			continue;
		char *from = xasprintf("%s/%s", dir, de->d_name), *to = xasprintf("%s/%s", c->home, de->d_name);
		rc = copy_file(from, to);
		if (rc < 0)
			cli_fail("复制 %s 失败", from);
		free(from);
		free(to);
	}
	closedir(d);
	if (rc < 0)
		return CLI_FAIL;
	rc = ctx_open_store(c, 0);
	if (rc < 0)
		return cli_fail("%s", errmsg());
	uint64_t n = 0;
	if (audit_verify(c, &n) < 0)
		return cli_fail("恢复后审计链校验失败：%s", errmsg());
	audit_append(c, NULL, &(struct audit_entry){.user = cl->as->name, .unit = cl->as->unit, .type = "restore",
						   .object = dir, .result = "ok", .detail = c->home});
	printf("已从 %s 恢复到 %s（审计日志 %llu 条，完整）\n", dir, c->home, (unsigned long long)n);
	return CLI_OK;
}

int cli_audit_verify(struct cli *cl)
{
	int rc = require_audit_right(cl);
	if (rc)
		return rc;
	uint64_t n = 0;
	if (audit_verify(cl->c, &n) < 0)
		return cli_fail("%s", errmsg());
	printf("审计日志 %llu 条，哈希链完整\n", (unsigned long long)n);
	return CLI_OK;
}

static int audit_print(const struct audit_entry *e, void *arg)
{
	(void)arg;
	char when[20];
	datetime_format((time_t)e->time, when);
	printf("%llu\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", (unsigned long long)e->seq, when, e->user, e->unit, e->source,
	       e->type, e->object, e->result, e->detail);
	return 0;
}

int cli_audit_show(struct cli *cl)
{
	int rc = require_audit_right(cl);
	if (rc)
		return rc;
	time_t since = 0;
	const char *s = cli_opt(cl, "since");
	if (s && datetime_parse(s, &since) < 0)
		return cli_fail("--since 应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM");
	printf("序号\t时间\t账号\t单位\t来源\t类型\t对象\t结果\t详情\n");
	if (audit_scan(cl->c, (int64_t)since, cli_opt(cl, "user"), audit_print, NULL) < 0)
		return cli_fail("%s", errmsg());
	return CLI_OK;
}

int cli_audit_head(struct cli *cl)
{
	if (audit_write_head(cl->c) < 0)
		return cli_fail("%s", errmsg());
	return CLI_OK;
}
