/* cli_repl.c — `zongzhi repl status`: this site's role in its replication group; `zongzhi repl
 * takeover`: a standby that knows no primary made the primary by the system administrator (9.5,
 * R-AC-5). */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "cli.h"
#include "perm.h"
#include "repl.h"
#include "server.h"
#include "service.h"

int cli_repl_status(struct cli *cl)
{
	struct ctx *c = cl->c;
	if (!c->st->repl)
		return cli_fail("本站没有启用复制（设置 repl.enabled）");
	static const char *const names[] = {
		[REPL_PRIMARY] = "主站点",
		[REPL_STANDBY] = "备用站点（只读）",
		[REPL_UNKNOWN] = "未定（选举中）",
	};
	char primary[300], login[REPL_LOGIN_BUF];
	repl_primary(c->st->env, primary, sizeof primary);
	enum repl_login known = repl_primary_login(c->st->env, c->conf, login, sizeof login);
	enum repl_role role = repl_role(c->st->env);
	cli_printf("角色\t%s\n", names[role]);
	cli_printf("本站\t%s\n", conf_str(c->conf, "repl.local"));
	cli_printf("主站点\t%s\n", primary[0] ? primary : "未知");
	static const char *const unknown[] = {
		[REPL_LOGIN_UNLISTED] = "不在 repl.sites 中",
		[REPL_LOGIN_NO_PRIMARY] = "未知",
	};
	cli_printf("主站点登录地址\t%s\n", known == REPL_LOGIN_KNOWN ? login : unknown[known]);
	if (role != REPL_PRIMARY && known == REPL_LOGIN_NO_PRIMARY && repl_held(c->home))
		cli_printf("等待\t本站重启后没有找到主站点，等待它恢复（repl.rejoin_elect = false）\n");
	return CLI_OK;
}

static int takeover_audit(struct cli *cl, const char *result, const char *detail)
{
	return audit_append(cl->c, NULL, &(struct audit_entry){.user = cl->as->name, .unit = cl->as->unit,
								 .type = "repl_takeover", .object = "repl",
								 .result = result, .detail = detail});
}

/* The system administrator's explicit choice that the other sites are gone: this site, knowing no
 * primary, holds an election it may win alone. Audited before (on a standby the entry goes to the
 * server's log, its database being the primary's copy) and, once primary, in the database. */
int cli_repl_takeover(struct cli *cl)
{
	struct ctx *c = cl->c;
	if (perm_check(c, cl->as, ACT_ADMIN, NULL, NULL) < 0) {
		service_audit_refusal(c, cl->as, "repl_takeover", "repl", ZZ_EPERM);
		/* perm_check's words are about units and accounts, ACT_ADMIN's usual work. */
		return cli_fail("无权接管：只有系统管理员可以让本站成为主站点");
	}
	if (!c->st->repl)
		return cli_fail("本站没有启用复制（设置 repl.enabled）");
	if (repl_role(c->st->env) == REPL_PRIMARY)
		return cli_fail("本站已是主站点，无需接管");
	char login[REPL_LOGIN_BUF];
	if (repl_primary_login(c->st->env, c->conf, login, sizeof login) != REPL_LOGIN_NO_PRIMARY)
		return cli_fail("主站点 %s 在运行，本站不能接管（它停止后本站会自动选举）", login[0] ? login : "（登录地址不明）");
	if (server_log_join(c) < 0)
		return cli_fail("没有接管：%s", errmsg());
	if (takeover_audit(cl, "asked", "接管：本站找不到主站点，由本站选举自己为主站点") < 0)
		return cli_fail("无法写入审计日志，没有接管：%s", errmsg());
	if (server_takeover(c) < 0)
		return cli_fail("没有接管：%s（本站的 zongzhi serve 运行复制，先启动它）", errmsg());
	/* One election, and the pause before a second one if the first was lost to timing. */
	long long wait_s = conf_int(c->conf, "repl.election_timeout_s") * 3 + 5;
	time_t end = time(NULL) + (time_t)wait_s;
	while (time(NULL) < end && repl_role(c->st->env) != REPL_PRIMARY)
		usleep(100000);
	if (repl_role(c->st->env) != REPL_PRIMARY) {
		takeover_audit(cl, "failed", "接管：本站没有成为主站点");
		return cli_fail("本站在 %lld 秒内没有成为主站点（见服务日志；有多于两个站点时，选举要有多数站点参加）",
				wait_s);
	}
	if (takeover_audit(cl, "ok", "接管：本站成为主站点") < 0)
		return cli_fail("本站已成为主站点，但无法写入审计日志：%s", errmsg());
	/* The other sites are gone: this site's commits are its own until one rejoins as a standby,
	 * which the line below says once; the commit of the audit entry above is not a failure. */
	c->st->unacked = 0;
	cli_printf("本站已成为主站点：其他站点作为备用站点重新加入前，保存的修改只在本站\n");
	return CLI_OK;
}
