/* cli_maint.c — `zongzhi maintenance on|off|status` (9.4, R-AC-4): the security administrator (or
 * the console) stops everyone else's work during an incident, with a snapshot to investigate. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "audit.h"
#include "cli.h"
#include "maint.h"
#include "perm.h"
#include "service.h"

static int maint_allowed(struct cli *cl)
{
	if (perm_check(cl->c, cl->as, ACT_SECURITY, NULL, NULL) == 0)
		return 0;
	service_audit_refusal(cl->c, cl->as, "maintenance", "maintenance", ZZ_EPERM);
	return cli_fail("%s", errmsg());
}

/* The change is audited before it is made: no audit entry, no change. */
static int maint_audit(struct cli *cl, const char *detail)
{
	int rc = audit_append(cl->c, NULL, &(struct audit_entry){.user = cl->as->name, .unit = cl->as->unit,
								 .type = "maintenance", .object = "maintenance",
								 .result = "ok", .detail = detail});
	return rc < 0 ? cli_fail("无法写入审计日志，未改变维护状态：%s", errmsg()) : CLI_OK;
}

int cli_maint_on(struct cli *cl)
{
	struct ctx *c = cl->c;
	const char *reason = cli_opt(cl, "reason");
	if (maint_allowed(cl))
		return CLI_FAIL;
	if (maint_check_reason(reason) < 0)
		return cli_fail("%s", errmsg());
	struct maint m;
	if (maint_get(c->home, &m) == 1)
		return cli_fail("系统已处于维护状态（原因：%s），请先关闭", m.reason);
	m = (struct maint){.since = (int64_t)time(NULL)};
	snprintf(m.by, sizeof m.by, "%s", cl->as->name);
	snprintf(m.reason, sizeof m.reason, "%s", reason);
	char *detail = xasprintf("开启维护状态：%s", reason);
	int rc = maint_audit(cl, detail);
	free(detail);
	if (rc != CLI_OK)
		return rc;
	if (maint_set(c->home, &m) < 0)
		return cli_fail("%s", errmsg());
	cli_printf("已进入维护状态：其他账号的会话将在几秒内结束，新的登录被拒绝，守护进程暂停。\n");
	/* The snapshot follows the switch, so that nothing changes while it is taken. */
	char stamp[32];
	struct tm tm;
	time_t now = (time_t)m.since;
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime_r(&now, &tm));
	char *base = conf_path(c->conf, "paths.snapshots"), *dir = xasprintf("%s/%s", base, stamp);
	if (mkdir(base, 0700) < 0 && errno != EEXIST)
		rc = cli_fail("无法创建快照目录 %s：%s", base, strerror(errno));
	else
		rc = cli_backup_into(cl, dir, true);
	if (rc == CLI_OK)
		cli_printf("数据库与审计日志的快照：%s\n", dir);
	free(base);
	free(dir);
	return rc;
}

int cli_maint_off(struct cli *cl)
{
	struct ctx *c = cl->c;
	if (maint_allowed(cl))
		return CLI_FAIL;
	struct maint m;
	if (maint_get(c->home, &m) == 0)
		return cli_fail("系统未处于维护状态");
	int rc = maint_audit(cl, "关闭维护状态，恢复运行");
	if (rc != CLI_OK)
		return rc;
	if (maint_clear(c->home) < 0)
		return cli_fail("%s", errmsg());
	cli_printf("已退出维护状态：登录和守护进程恢复。\n");
	return CLI_OK;
}

int cli_maint_status(struct cli *cl)
{
	struct maint m;
	int on = maint_get(cl->c->home, &m);
	if (on < 0)
		return cli_fail("%s", errmsg());
	if (!on) {
		cli_printf("正常运行（未处于维护状态）\n");
		return CLI_OK;
	}
	char when[20];
	datetime_format((time_t)m.since, when);
	cli_printf("维护状态：自 %s 起，由 %s 开启\n原因：%s\n", when, m.by, m.reason);
	return CLI_OK;
}
