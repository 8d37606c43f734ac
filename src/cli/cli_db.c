/* cli_db.c — verify, backup, restore and the audit log from the command line. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "audit_export.h"
#include "cli.h"
#include "region.h"
#include "disk.h"
#include "event.h"
#include "idxmig.h"
#include "recmig.h"
#include "stats.h"
#include "perm.h"
#include "service.h"

static int require_audit_right(struct cli *cl)
{
	if (perm_check(cl->c, cl->as, ACT_AUDIT, NULL, NULL) == 0)
		return 0;
	service_audit_refusal(cl->c, cl->as, "audit", "audit", ZZ_EPERM);
	return cli_fail("%s", errmsg());
}

/* Database files of a home: core's and the features' (store.dbfile) and one per record type. */
static void db_files(struct ctx *c, struct strv *out)
{
	for (int i = 0; i < c->st->ndb; i++)
		if (c->st->dbfile[i])
			strv_push(out, c->st->dbfile[i]);
	for (int i = 0; i < c->schema->n; i++) {
		char *f = xasprintf("rec_%s.db", c->schema->t[i]->id);
		strv_push(out, f);
		free(f);
	}
}

static void verify_print(const struct rtype *t, const char *problem, void *arg)
{
	(void)arg;
	cli_printf("%s\t%s\n", t->id, problem);
}

static void verify_event_print(const char *problem, void *arg)
{
	(void)arg;
	cli_printf("events\t%s\n", problem);
}

static int verify_file(struct ctx *c, const char *file)
{
	DB *db = NULL;
	int rc = db_create(&db, c->st->env, 0);
	if (rc)
		return rc;
	if (c->st->encrypt)
		db->set_flags(db, DB_ENCRYPT);
	/* DB->verify frees the handle whatever it returns. */
	return db->verify(db, file, NULL, NULL, DB_NOORDERCHK);
}

int cli_verify(struct cli *cl)
{
	struct ctx *c = cl->c;
	struct strv files = {0};
	db_files(c, &files);
	int bad = 0;
	for (int i = 0; i < files.n; i++) {
		/* DB->verify reads a file's first page from the disk and the others through the cache:
		 * the cache's changed pages (a killed writer's transaction undone by failchk leaves
		 * some) go to their files first, or the two disagree on an intact file. A file another
		 * process changed meanwhile can still look inconsistent once: a second look, its pages
		 * written out again, tells that from damage. */
		int rc = 0;
		for (int look = 0; look < 2 && (look == 0 || (rc && rc != ENOENT)); look++) {
			if (store_sync_pages(c->st) < 0) {
				strv_free(&files);
				return cli_fail("%s", errmsg());
			}
			rc = verify_file(c, files.v[i]);
		}
		if (rc && rc != ENOENT) {
			cli_printf("%s\t损坏：%s\n", files.v[i], db_strerror(rc));
			bad++;
		} else {
			cli_printf("%s\t正常\n", files.v[i]);
		}
	}
	strv_free(&files);
	/* Every record type against every index; a scan that cannot be done is a problem too. */
	for (int i = 0; i < c->schema->n; i++) {
		const struct rtype *t = c->schema->t[i];
		long n = 0, problems = 0;
		if (record_verify(c->st, t, verify_print, NULL, &n, &problems) < 0) {
			cli_printf("%s\t无法检查：%s\n", t->id, errmsg());
			bad++;
		} else {
			cli_printf("%s\t%ld 条记录%s\n", t->id, n, problems ? "，索引有误" : "，索引一致");
			bad += problems > 0;
		}
	}
	long nev = 0, evbad = 0;
	if (event_verify(c, verify_event_print, NULL, &nev, &evbad) < 0) {
		cli_printf("events\t无法检查：%s\n", errmsg());
		bad++;
	} else {
		cli_printf("events\t%ld 件事件%s\n", nev, evbad ? "，索引有误" : "，经手单位、办理中、到期索引一致");
		bad += evbad > 0;
	}
	long srows = 0, sbad = 0;
	if (stats_verify(c, &srows, &sbad) < 0 || sbad) {
		cli_printf("stats\t%s\n", errmsg());
		bad++;
	} else {
		cli_printf("stats\t%ld 行统计计数，与数据一致\n", srows);
	}
	uint64_t n = 0;
	if (audit_verify(c, &n) < 0) {
		cli_printf("audit\t%s\n", errmsg());
		bad++;
	} else {
		cli_printf("audit\t%llu 条，哈希链完整\n", (unsigned long long)n);
	}
	if (bad)
		return cli_fail("发现 %d 处问题", bad);
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

/* A hot backup of the environment into DIR, brought to a consistent state, audited; with HEAD
 * the audit chain's head file is copied beside it (a snapshot for an investigation). */
int cli_backup_into(struct cli *cl, const char *dir, bool head)
{
	struct ctx *c = cl->c;
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return cli_fail("无法创建备份目录 %s：%s", dir, strerror(errno));
	int64_t started = (int64_t)time(NULL);
	int rc = c->st->env->backup(c->st->env, dir, DB_CREATE | DB_BACKUP_CLEAN | DB_BACKUP_FILES);
	if (rc)
		return cli_fail("备份失败：%s", db_strerror(rc));
	/* Bring the copy to a consistent state now, so that restoring it is a plain copy. */
	DB_ENV *env = NULL;
	rc = db_env_create(&env, 0);
	if (rc == 0 && store_env_encrypt(env, c->conf) < 0)
		rc = EINVAL;
	if (rc == 0)
		rc = env->open(env, dir, DB_CREATE | DB_INIT_TXN | DB_INIT_LOCK | DB_INIT_LOG | DB_INIT_MPOOL |
						 DB_RECOVER_FATAL | DB_PRIVATE, 0600);
	if (env)
		env->close(env, 0);
	if (rc)
		return cli_fail("备份的恢复检查失败：%s", db_strerror(rc));
	if (head) {
		char *from = conf_path(c->conf, "paths.audit_head"), *to = xasprintf("%s/audit.head", dir);
		int crc = access(from, F_OK) == 0 ? copy_file(from, to) : 0;
		free(from);
		free(to);
		if (crc < 0)
			return cli_fail("无法复制审计链头文件到 %s", dir);
	}
	/* Log files written before it began may now go (disk.log_keep_until_backup). */
	if (disk_backup_mark(c, started) < 0)
		return cli_fail("%s", errmsg());
	char *obj = xasprintf("backup:%s", dir);
	audit_append(c, NULL, &(struct audit_entry){.user = cl->as->name, .unit = cl->as->unit, .type = "backup",
						   .object = obj, .result = "ok", .detail = c->home});
	free(obj);
	return CLI_OK;
}

int cli_backup(struct cli *cl)
{
	int rc = cli_backup_into(cl, cl->argv[0], false);
	if (rc == CLI_OK)
		cli_printf("已备份到 %s\n", cl->argv[0]);
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
		/* Renamed under them, they would go on in the old home (and serve --stop find no pid
		 * file); sessions outlive serve --stop. */
		if (region_home_busy(c->home))
			return cli_fail("数据库目录 %s 正在使用（服务、守护进程、会话或命令）：先运行 zongzhi serve "
					"--stop，等会话结束，再恢复",
					c->home);
		/* Segments of the home's regions would outlive its name (killed processes left them). */
		store_region_release(c->home, c->conf);
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
		cli_printf("原数据库目录已改名为 %s\n", aside);
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
	if (audit_restored(c,
			   &(struct audit_entry){.user = cl->as->name, .unit = cl->as->unit, .type = "restore",
						 .object = dir, .result = "ok", .detail = c->home},
			   &n) < 0)
		return cli_fail("恢复后审计链校验失败：%s", errmsg());
	cli_printf("已从 %s 恢复到 %s（审计日志 %llu 条，完整）\n", dir, c->home, (unsigned long long)n);
	return CLI_OK;
}

int cli_audit_verify(struct cli *cl)
{
	int rc = require_audit_right(cl);
	if (rc)
		return rc;
	const char *archive = cli_opt(cl, "archive");
	if (archive) {
		uint64_t first, last;
		if (audit_verify_archive(cl->c, archive, &first, &last) < 0)
			return cli_fail("%s", errmsg());
		cli_printf("审计归档 %s：第 %llu 至 %llu 条，哈希链完整\n", archive, (unsigned long long)first,
		       (unsigned long long)last);
		return CLI_OK;
	}
	uint64_t n = 0;
	if (audit_verify(cl->c, &n) < 0)
		return cli_fail("%s", errmsg());
	cli_printf("审计日志 %llu 条，哈希链完整\n", (unsigned long long)n);
	return CLI_OK;
}

int cli_audit_archive(struct cli *cl)
{
	struct ctx *c = cl->c;
	int rc = require_audit_right(cl);
	if (rc)
		return rc;
	long long days = conf_int(c->conf, "audit.retain_days");
	int64_t limit = (int64_t)time(NULL) - days * 86400, before = limit;
	const char *opt = cli_opt(cl, "before");
	time_t t;
	if (opt && (strlen(opt) != 10 || datetime_parse(opt, &t) < 0))
		return cli_fail("日期 %s 无效（应为 YYYY-MM-DD）", opt);
	if (opt && (before = (int64_t)t) > limit) {
		char lim[20];
		datetime_format((time_t)limit, lim);
		return cli_fail("审计日志至少保留 %lld 天（audit.retain_days），只能归档 %s 之前的记录", days, lim);
	}
	char *dir = conf_path(c->conf, "paths.audit_archive");
	if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
		rc = cli_fail("无法创建审计归档目录 %s：%s", dir, strerror(errno));
		free(dir);
		return rc;
	}
	char stamp[32];
	struct tm tm;
	time_t now = time(NULL);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime_r(&now, &tm));
	char *file = xasprintf("%s/audit-%s.log", dir, stamp);
	free(dir);
	uint64_t first, last;
	if (audit_archive(c, before, file, &first, &last) < 0) {
		rc = cli_fail("%s", errmsg());
	} else if (!last) {
		cli_printf("没有早于保留期的审计记录，未归档\n");
	} else {
		char *detail = xasprintf("第 %llu 至 %llu 条归档到 %s", (unsigned long long)first,
					 (unsigned long long)last, file);
		audit_append(c, NULL, &(struct audit_entry){.user = cl->as->name, .unit = cl->as->unit,
							   .type = "audit_archive", .object = "audit", .result = "ok",
							   .detail = detail});
		free(detail);
		cli_printf("已把第 %llu 至 %llu 条审计记录归档到 %s\n", (unsigned long long)first, (unsigned long long)last,
		       file);
	}
	free(file);
	return rc;
}

/* audit show's scan: the filter, and whether the --type, --result and --user values occur at all (a
 * typo, refuse for refused, listed nothing and said nothing). */
struct audit_show {
	struct audit_filter f;
	bool type_seen, result_seen;
	long scanned, shown;
};

static int audit_print(const struct audit_entry *e, void *arg)
{
	struct audit_show *a = arg;
	a->scanned++;
	a->type_seen |= a->f.type && e->type && !strcmp(e->type, a->f.type);
	a->result_seen |= a->f.result && e->result && !strcmp(e->result, a->f.result);
	if (!audit_filter_match(&a->f, e))
		return 0;
	a->shown++;
	char when[20];
	datetime_format((time_t)e->time, when);
	/* Every field from the log escaped on its own: a tab or newline in one cannot forge another. */
	const char *v[] = {e->user, e->unit, e->source, e->type, e->object, e->result, e->detail};
	struct sb sb;
	sb_init(&sb);
	sb_add_u64(&sb, e->seq);
	sb_addc(&sb, '\t');
	sb_adds(&sb, when);
	for (size_t i = 0; i < ARRAY_LEN(v); i++) {
		sb_addc(&sb, '\t');
		sb_add_shown(&sb, v[i] ? v[i] : "");
	}
	sb_addc(&sb, '\n');
	fwrite(sb.buf, 1, sb.len, stdout);
	sb_free(&sb);
	return 0;
}

int cli_audit_show(struct cli *cl)
{
	int rc = require_audit_right(cl);
	if (rc)
		return rc;
	struct audit_show a = {.f = {.user = cli_opt(cl, "user"),
				     .type = cli_opt(cl, "type"),
				     .result = cli_opt(cl, "result")}};
	if (audit_filter_time(cli_opt(cl, "since"), false, &a.f.from) < 0 ||
	    audit_filter_time(cli_opt(cl, "until"), true, &a.f.to) < 0)
		return cli_fail("--since、--until 应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM");
	cli_printf("序号\t时间\t账号\t单位\t来源\t类型\t对象\t结果\t详情\n");
	if (audit_scan(cl->c, a.f.from, cli_opt(cl, "user"), audit_print, &a) < 0)
		return cli_fail("%s", errmsg());
	/* Nothing listed because a value occurs nowhere: said, the way to write it named. */
	if (a.shown == 0 && a.f.type && !a.type_seen)
		cli_fprintf(stderr,
			    "zongzhi: 所查范围内没有类型为 “%s” 的审计记录（--type "
			    "须与“类型”一栏完全相同，如 login_fail、report_return）\n",
			    a.f.type);
	else if (a.shown == 0 && a.f.result && !a.result_seen)
		cli_fprintf(stderr,
			    "zongzhi: 所查范围内没有结果为 “%s” 的审计记录（--result "
			    "须与“结果”一栏完全相同：ok、refused、failed 等）\n",
			    a.f.result);
	else if (a.scanned == 0 && a.f.user)
		cli_fprintf(stderr,
			    "zongzhi: 所查范围内没有账号 “%s” 的审计记录（--user 须与“账号”一栏完全相同）\n",
			    a.f.user);
	return CLI_OK;
}

int cli_audit_head(struct cli *cl)
{
	if (audit_write_head(cl->c) < 0)
		return cli_fail("%s", errmsg());
	return CLI_OK;
}

int cli_migrate(struct cli *cl)
{
	long n = 0, total = 0, rows = 0;
	bool already = false;
	long recoded = 0;
	if (idxmig_run(cl->c, cl->as->name, cl->as->unit, &n, &total, &rows, &already) < 0 ||
	    recmig_run(cl->c, cl->as->name, cl->as->unit, conf_int(cl->c->conf, "db.migrate_batch"), &recoded) < 0)
		return cli_fail("迁移未完成：%s（再运行 zongzhi migrate 接着做）", errmsg());
	if (recoded)
		cli_printf("记录已改写为新的存储编码：%ld 条\n", recoded);
	if (already && !recoded)
		cli_printf("数据文件已是新格式，无需迁移\n");
	else if (!already && total > n)
		cli_printf("数据文件已迁移为新格式：列表索引共 %ld 条记录（本次 %ld 条，其余由中断的迁移建立），"
			   "待认领等 %ld 行\n",
			   total, n, rows);
	else if (!already)
		cli_printf("数据文件已迁移为新格式：列表索引 %ld 条记录，待认领等 %ld 行\n", n, rows);
	return CLI_OK;
}
