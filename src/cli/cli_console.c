/* cli_console.c — the local console (a command without --as) is for bootstrap and recovery only:
 * what each subcommand allows is the `console` column of cli_table[]; a person's work is done as
 * that person's account (cli_auth.c), so that the audit credits someone (三员分立, R-AC-3). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "cli.h"
#include "perm.h"

static const enum perm_action cli_console_rights[] = {ACT_ADMIN, ACT_SECURITY, ACT_AUDIT};

/* Does U's role hold one of the administrators' system rights? */
static bool cli_console_admin_role(struct ctx *c, const struct user *u)
{
	for (size_t i = 0; i < ARRAY_LEN(cli_console_rights); i++)
		if (perm_system_right(c, u, cli_console_rights[i]))
			return true;
	return false;
}

struct cli_console_seen {
	struct ctx *c;
	bool has[ARRAY_LEN(cli_console_rights)];
};

static int cli_console_scan(const struct user *u, void *arg)
{
	struct cli_console_seen *s = arg;
	for (size_t i = 0; i < ARRAY_LEN(cli_console_rights); i++)
		s->has[i] |= perm_system_right(s->c, u, cli_console_rights[i]);
	return 0;
}

/* Bootstrap lasts until each of the three administrator rights has an account holding it. */
static int cli_console_bootstrap(struct ctx *c, bool *boot)
{
	struct cli_console_seen s = {.c = c};
	int rc = user_scan(c, cli_console_scan, &s);
	*boot = false;
	for (size_t i = 0; i < ARRAY_LEN(cli_console_rights); i++)
		*boot |= !s.has[i];
	return rc;
}

static int cli_console_refuse(struct cli *cl, const char *why)
{
	char what[64];
	snprintf(what, sizeof what, "%s%s%s", cl->cmd->name, cl->cmd->sub ? " " : "", cl->cmd->sub ? cl->cmd->sub : "");
	if (cl->c && cl->c->st) {
		char *detail = xasprintf("本地控制台不能执行 %s：%s", what, why);
		int rc = audit_append(cl->c, NULL, &(struct audit_entry){.user = "console", .unit = "-", .type = "console",
									.object = "cli", .result = "refused",
									.detail = detail});
		free(detail);
		if (rc < 0)
			return cli_fail("%s", errmsg());
	}
	return cli_fail("本地控制台只用于初始化和恢复，“%s”%s：请加 --as 账号 以本人的账号执行", what, why);
}

int cli_console_check(struct cli *cl)
{
	struct ctx *c = cl->c;
	if (!c)
		return 0;
	switch (cl->cmd->console) {
	case CLI_CON_ANY:
		return 0;
	case CLI_CON_BOOT: {
		bool boot = false;
		if (cli_console_bootstrap(c, &boot) < 0)
			return cli_fail("%s", errmsg());
		return boot ? 0 : cli_console_refuse(cl, "在系统管理员、安全管理员、审计员账号都已建立后属于系统管理员的工作");
	}
	case CLI_CON_ADMINS: {
		struct user *u = NULL;
		if (cl->argc < 1 || user_load(c->st, NULL, cl->argv[0], &u, false) < 0)
			return cli_fail("%s", errmsg());
		bool admin = cli_console_admin_role(c, u);
		user_free(&u);
		return admin ? 0 : cli_console_refuse(cl, "只能用于恢复管理员账号，其他账号由安全管理员处理");
	}
	case CLI_CON_NO:
		break;
	}
	return cli_console_refuse(cl, "是具体人员的工作");
}
