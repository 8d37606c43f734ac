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
#include "feature.h"

static int rule_checkpoint(struct ctx *c, int64_t now)
{
	(void)now;
	int rc = store_checkpoint(c->st);
	char **list = NULL;
	/* Remove log files no longer needed for recovery (backups copy what they need). */
	if (rc == 0 && c->st->env->log_archive(c->st->env, &list, DB_ARCH_REMOVE) != 0)
		rc = errmsg_set(ZZ_EDB, "日志归档失败");
	free(list);
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
		rc = store_put(st->db[DBI_META], txn, k, strlen(k), be, 8);
	} else {
		void *v = NULL;
		size_t vn = 0;
		rc = store_get(st->db[DBI_META], txn, k, strlen(k), &v, &vn, false);
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

/* Run rule R; 1 when it failed. */
static int daemon_run(struct ctx *c, const struct daemon_rule *r, int64_t now)
{
	ctx_units_collect(c);
	ctx_units(c);
	if (r->run(c, now) >= 0)
		return 0;
	syslog(LOG_ERR, "rule %s failed: %s", r->name, errmsg());
	fprintf(stderr, "zongzhi daemon: %s: %s\n", r->name, errmsg());
	return 1;
}

int daemon_pass(struct ctx *c, int64_t now)
{
	int failed = 0;
	for (const struct feature *const *f = c->features; f && *f; f++)
		for (int i = 0; i < (*f)->nrules; i++)
			failed += daemon_run(c, &(*f)->rules[i], now);
	for (size_t i = 0; i < ARRAY_LEN(core_rules); i++)
		failed += daemon_run(c, &core_rules[i], now);
	return failed ? errmsg_set(ZZ_ERR, "%d 条规则执行失败", failed) : 0;
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
	while (!daemon_stop) {
		daemon_pass(c, (int64_t)time(NULL));
		for (long long s = 0; s < interval && !daemon_stop; s++)
			sleep(1);
	}
	closelog();
	close(fd);
	return 0;
}
