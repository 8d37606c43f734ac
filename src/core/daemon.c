/* daemon.c — the deadline daemon: a table of rules, run in passes. */
#include "daemon.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "disk.h"
#include "perm.h"
#include "feature.h"
#include "maint.h"

static int rule_checkpoint(struct ctx *c, int64_t now)
{
	int removed = 0;
	int rc = store_checkpoint(c->st);
	/* Remove log files recovery no longer needs, as disk.* keeps them (disk.h). */
	if (rc == 0)
		rc = disk_logs_prune(c, now, &removed);
	if (removed)
		syslog(LOG_INFO, "removed %d log files", removed);
	return rc;
}

static int write_head(struct ctx *c, int64_t now)
{
	(void)now;
	return audit_write_head(c);
}

static int rule_audit_head(struct ctx *c, int64_t now)
{
	return daemon_daily(c, "audit_head", now, write_head);
}

static int verify_chain(struct ctx *c, int64_t now)
{
	(void)now;
	uint64_t n = 0;
	if (audit_verify(c, &n) < 0) {
		syslog(LOG_ALERT, "audit chain broken: %s", errmsg());
		audit_append(c, NULL, &(struct audit_entry){.user = "daemon", .unit = "-", .source = "daemon",
							   .type = "audit_verify", .object = "audit", .result = "failed",
							   .detail = errmsg()});
	}
	return 0;
}

static int rule_audit_verify(struct ctx *c, int64_t now)
{
	return daemon_daily(c, "audit_verify", now, verify_chain);
}

/* Housekeeping, run after the features' rules (feature.h). */
static const struct daemon_rule core_rules[] = {
	{.name = "audit_head", .help = "每日把审计链头写入链头文件和 syslog", .run = rule_audit_head},
	{.name = "audit_verify", .help = "每日校验审计哈希链", .run = rule_audit_verify},
	{.name = "checkpoint", .help = "数据库检查点与日志归档", .run = rule_checkpoint},
};

struct daily_arg {
	const char *name;
	int today;
	bool mark; /* false: only read whether it ran today */
	bool ran;
};

static int daily_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct daily_arg *a = arg;
	char *k = xasprintf("daemon:%s", a->name);
	int rc = 0;
	if (a->mark) {
		unsigned char be[8];
		be64_put(be, (uint64_t)a->today);
		rc = store_put(store_db(st, DBI_META), txn, k, strlen(k), be, 8);
	} else {
		void *v = NULL;
		size_t vn = 0;
		rc = store_get(store_db(st, DBI_META), txn, k, strlen(k), &v, &vn, false);
		a->ran = rc == 0 && vn == 8 && (int)be64_get(v) == a->today;
		free(v);
		if (rc == ZZ_ENOENT)
			rc = 0;
	}
	free(k);
	return rc;
}

int daemon_daily(struct ctx *c, const char *name, int64_t now, int (*fn)(struct ctx *c, int64_t now))
{
	struct daily_arg a = {.name = name, .today = date_today((time_t)now)};
	int rc = store_run(c->st, daily_txn, &a);
	if (rc < 0 || a.ran)
		return rc;
	/* Marked only once done, so that a failure is tried again on the next pass. */
	rc = fn(c, now);
	if (rc == 0) {
		a.mark = true;
		rc = store_run(c->st, daily_txn, &a);
	}
	return rc;
}

/* Run rule R; 1 when it failed, and *DB set when with a database error. */
static int daemon_run(struct ctx *c, const struct daemon_rule *r, int64_t now, bool *db, struct sb *why)
{
	ctx_units_collect(c);
	ctx_units(c);
	int rc = r->run(c, now);
	if (rc >= 0)
		return 0;
	syslog(LOG_ERR, "rule %s failed: %s", r->name, errmsg());
	fprintf(stderr, "zongzhi daemon: %s: %s\n", r->name, errmsg());
	if (rc == ZZ_EDB && !*db) {
		*db = true;
		sb_addf(why, "%s：%s", r->name, errmsg());
	}
	return 1;
}

bool daemon_paused(struct ctx *c)
{
	struct maint m;
	return maint_get(c->home, &m) != 0;
}

static int daemon_pass_db(struct ctx *c, int64_t now, bool *db, struct sb *why)
{
	/* Maintenance mode (9.4): nothing changes while an incident is investigated. */
	if (daemon_paused(c))
		return 0;
	/* A standby site (9.5): the primary's daemon does the work, which arrives by replication. */
	if (c->st && store_standby(c->st))
		return 0;
	int failed = 0;
	for (const struct feature *const *f = c->features; f && *f; f++)
		for (int i = 0; i < (*f)->nrules; i++)
			failed += daemon_run(c, &(*f)->rules[i], now, db, why);
	for (size_t i = 0; i < ARRAY_LEN(core_rules); i++)
		failed += daemon_run(c, &core_rules[i], now, db, why);
	return failed ? errmsg_set(ZZ_ERR, "%d 条规则执行失败", failed) : 0;
}

int daemon_pass(struct ctx *c, int64_t now)
{
	bool db = false;
	struct sb why;
	sb_init(&why);
	int rc = daemon_pass_db(c, now, &db, &why);
	sb_free(&why);
	return rc;
}

static char *daemon_failed_path(const struct ctx *c)
{
	return xasprintf("%s/%s", c->home, DAEMON_FAILED_FILE);
}

int daemon_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l)
{
	(void)now;
	if (!perm_may(c, u, ACT_ADMIN, NULL, NULL) && !perm_may(c, u, ACT_SECURITY, NULL, NULL))
		return 0;
	char *path = daemon_failed_path(c);
	FILE *f = fopen(path, "r");
	free(path);
	if (!f)
		return 0;
	char line[600] = "";
	if (!fgets(line, sizeof line, f))
		line[0] = '\0';
	fclose(f);
	line[strcspn(line, "\n")] = '\0';
	char *shown = str_shown(line);
	todo_add(l, TODO_SYSTEM, 0, "daemon", "",
		 "系统告警：后台守护进程因数据库连续出错已退出并由服务重启：%s（请查看服务日志，按管理员手册"
		 "Database 一节检查数据库）",
		 shown);
	free(shown);
	return 0;
}

static volatile sig_atomic_t daemon_stop;

static void daemon_on_signal(int sig)
{
	(void)sig;
	daemon_stop = 1;
}

int daemon_loop(struct ctx *c)
{
	char *lockpath = xasprintf("%s/daemon.lock", c->home);
	int fd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	free(lockpath);
	if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (fd >= 0)
			close(fd);
		return errmsg_set(ZZ_ERR, "守护进程已在运行（%s/daemon.lock）", c->home);
	}
	struct sigaction sa = {.sa_handler = daemon_on_signal};
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	openlog("zongzhi-daemon", LOG_PID, LOG_DAEMON);
	long long interval = conf_int(c->conf, "daemon.interval_s");
	long long max_failed = conf_int(c->conf, "daemon.max_db_failed_passes");
	char *failed_path = daemon_failed_path(c);
	int rc = 0;
	bool paused = false;
	for (long long failed = 0; !daemon_stop;) {
		if (daemon_paused(c) != paused) {
			paused = !paused;
			syslog(LOG_NOTICE, paused ? "maintenance mode: paused" : "maintenance mode over: resumed");
		}
		bool db = false;
		struct sb why;
		sb_init(&why);
		daemon_pass_db(c, (int64_t)time(NULL), &db, &why);
		failed = db ? failed + 1 : 0;
		if (!db)
			unlink(failed_path);
		if (failed >= max_failed) {
			/* Failing silently each minute helps nobody: a new process opens the environment
			 * afresh (and runs recovery when needed); the administrators are told. */
			char when[20];
			datetime_format(time(NULL), when);
			int wfd = open(failed_path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
			if (wfd >= 0) {
				dprintf(wfd, "%s 连续 %lld 轮出错（%s）\n", when, failed, why.buf ? why.buf : "");
				close(wfd);
			}
			syslog(LOG_CRIT, "%lld passes in a row with database errors (%s): exiting to be restarted", failed,
			       why.buf ? why.buf : "");
			rc = errmsg_set(ZZ_EDB, "连续 %lld 轮规则遇到数据库错误（%s），守护进程退出以便重启", failed,
					why.buf ? why.buf : "");
			sb_free(&why);
			break;
		}
		sb_free(&why);
		for (long long s = 0; s < interval && !daemon_stop; s++)
			sleep(1);
	}
	free(failed_path);
	closelog();
	close(fd);
	return rc;
}
