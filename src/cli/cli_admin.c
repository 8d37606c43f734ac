/* cli_admin.c — init, schema check, the unit tree and accounts from the command line. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "demo.h"
#include "perm.h"
#include "policy.h"
#include "service.h"
#include "unit.h"

int cli_init(struct cli *cl)
{
	struct ctx *c = cl->c;
	if (c->units->n > 0 && !cli_flag(cl, "demo"))
		return cli_fail("数据库 %s 已有数据，未做改动", c->home);
	if (!cli_flag(cl, "demo")) {
		cli_printf("已创建空数据库：%s\n下一步：zongzhi unit add 建立单位树，zongzhi user add 建立账号。\n", c->home);
		return CLI_OK;
	}
	if (c->units->n > 0)
		return cli_fail("数据库 %s 已有数据；演示数据只能装入空数据库", c->home);
	struct demo_opts o = {.persons = 2000, .seed = 1};
	long long v;
	const char *s = cli_opt(cl, "persons");
	if (s && (str_to_ll(s, &v) < 0 || v < 0 || v > 10000000))
		return cli_fail("--persons 应为 0 到 10000000 的整数");
	if (s)
		o.persons = v;
	s = cli_opt(cl, "seed");
	if (s && (str_to_ll(s, &v) < 0 || v < 0))
		return cli_fail("--seed 应为非负整数");
	if (s)
		o.seed = (uint64_t)v;
	struct demo_summary sum = {0};
	if (demo_create(c, &o, &sum) < 0)
		return cli_fail("%s", errmsg());
	demo_print(c, &sum, stdout);
	return CLI_OK;
}

int cli_schema_check(struct cli *cl)
{
	struct ctx *c = cl->c;
	if (perm_check_roles(c) < 0)
		return cli_fail("%s", errmsg());
	int fields = 0;
	for (int i = 0; i < c->schema->n; i++)
		fields += c->schema->t[i]->nf;
	cli_printf("记录类型 %d 个，字段 %d 个，代码表 %d 个：检查通过\n", c->schema->n, fields, c->codes->n);
	for (int i = 0; i < c->schema->n; i++) {
		const struct rtype *t = c->schema->t[i];
		cli_printf("%s\t%s\t%s\t%d\n", t->id, t->title, t->group, t->nf);
	}
	return CLI_OK;
}

static void unit_print(const struct units *us, const struct unit *x, int depth)
{
	cli_printf("%s\t%s\t%s\t%s\t%*s%s\n", x->code, unit_level_zh[x->level], x->parent, *x->dept ? x->dept : "-",
	       depth * 2, "", x->name);
	for (int i = 0; i < us->n; i++)
		if (strcmp(us->v[i].parent, x->code) == 0)
			unit_print(us, &us->v[i], depth + 1);
}

int cli_unit_list(struct cli *cl)
{
	const struct units *us = ctx_units(cl->c);
	const struct unit *x = cl->argc == 1 ? units_find(us, cl->argv[0]) : NULL;
	if (cl->argc == 1 && !x)
		return cli_fail("单位 %s 不存在", cl->argv[0]);
	cli_printf("代码\t层级\t上级\t部门\t名称\n");
	if (x) {
		unit_print(us, x, 0);
		return CLI_OK;
	}
	for (int i = 0; i < us->n; i++)
		if (!*us->v[i].parent)
			unit_print(us, &us->v[i], 0);
	return CLI_OK;
}

struct unit_op {
	struct cli *cl;
	const char *what;
	const char *target; /* unit whose scope the change is in */
};

static int unit_op_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct unit_op *op = arg;
	struct cli *cl = op->cl;
	const struct units *us = cl->c->units;
	int rc;
	char *detail;
	if (!strcmp(op->what, "unit_add")) {
		const char *lv = cli_opt(cl, "level");
		int level = lv ? unit_level_parse(lv) : 0;
		if (lv && level < 0)
			return errmsg_set(ZZ_EINVAL, "层级 “%s” 未知（province city county township village grid dept）", lv);
		rc = unit_add(st, txn, us, cl->argv[0], cl->argv[1], cli_opt(cl, "parent"), level, cli_opt(cl, "dept"));
		detail = xasprintf("%s 上级=%s", cl->argv[1], cli_opt(cl, "parent") ? cli_opt(cl, "parent") : "");
	} else if (!strcmp(op->what, "unit_rename")) {
		rc = unit_rename(st, txn, us, cl->argv[0], cl->argv[1]);
		detail = xasprintf("新名称 %s", cl->argv[1]);
	} else {
		rc = unit_move(st, txn, us, cl->argv[0], cl->argv[1]);
		detail = xasprintf("新上级 %s", cl->argv[1]);
	}
	if (rc == 0) {
		char *obj = xasprintf("unit:%s", cl->argv[0]);
		rc = audit_append(cl->c, txn, &(struct audit_entry){.user = cl->as->name, .unit = cl->as->unit,
								   .type = op->what, .object = obj, .result = "ok",
								   .detail = detail});
		free(obj);
	}
	free(detail);
	return rc;
}

static int unit_change(struct cli *cl, const char *what, const char *target)
{
	if (!perm_console(cl->as)) {
		int rc = perm_check(cl->c, cl->as, ACT_ADMIN, NULL, target);
		if (rc < 0) {
			char *obj = xasprintf("unit:%s", cl->argv[0]);
			service_audit_refusal(cl->c, cl->as, what, obj, rc);
			free(obj);
			return cli_fail("%s", errmsg());
		}
	}
	struct unit_op op = {cl, what, target};
	if (store_run(cl->c->st, unit_op_txn, &op) < 0)
		return cli_fail("%s", errmsg());
	ctx_units_reload(cl->c);
	return CLI_OK;
}

int cli_unit_add(struct cli *cl)
{
	const char *parent = cli_opt(cl, "parent");
	int rc = unit_change(cl, "unit_add", parent);
	if (rc == CLI_OK)
		cli_printf("%s\n", cl->argv[0]);
	return rc;
}

int cli_unit_rename(struct cli *cl)
{
	return unit_change(cl, "unit_rename", cl->argv[0]);
}

int cli_unit_move(struct cli *cl)
{
	if (perm_check(cl->c, cl->as, ACT_ADMIN, NULL, cl->argv[1]) < 0)
		return cli_fail("%s", errmsg());
	return unit_change(cl, "unit_move", cl->argv[0]);
}

static char *read_new_password(void)
{
	char *pw = cli_read_password("新密码：");
	if (!pw) {
		cli_fail("没有读到密码（从提示或标准输入输入）");
		return NULL;
	}
	if (isatty(0)) {
		char *again = cli_read_password("再输入一次：");
		bool same = again && strcmp(pw, again) == 0;
		free(again);
		if (!same) {
			free(pw);
			cli_fail("两次输入的密码不一致");
			return NULL;
		}
	}
	return pw;
}

int cli_user_add(struct cli *cl)
{
	const char *unit = cli_opt(cl, "unit"), *role = cli_opt(cl, "role");
	if (!unit || !role)
		return cli_usage(cl);
	char *pw = read_new_password();
	if (!pw)
		return CLI_FAIL;
	bool keep = cli_opt(cl, "keep-password") != NULL;
	if (keep && !perm_console(cl->as)) {
		free(pw);
		return cli_fail("--keep-password 只能在本地控制台使用：账号首次登录须修改管理员设定的密码");
	}
	int rc = user_add(cl->c, perm_console(cl->as) ? NULL : cl->as, cl->argv[0], cli_opt(cl, "name"), unit,
			  role, cli_opt(cl, "dept"), pw, keep);
	free(pw);
	if (rc < 0)
		return cli_fail("%s", errmsg());
	cli_printf("%s\n", cl->argv[0]);
	return CLI_OK;
}

struct ulist {
	struct ctx *c;
	const char *unit;
};

static int user_list_cb(const struct user *u, void *arg)
{
	struct ulist *ul = arg;
	if (ul->unit && !units_under(ul->c->units, u->unit, ul->unit))
		return 0;
	int64_t now = (int64_t)time(NULL);
	char changed[11], last[20] = "-";
	date_format((int)(u->pw_changed / 86400), changed);
	if (u->last_login)
		datetime_format((time_t)u->last_login, last);
	const char *state = user_lock_state(u, now);
	cli_printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", u->name, u->fullname ? u->fullname : "", u->role, u->unit,
	       u->dept ? u->dept : "", state, changed, u->keys.n, last);
	return 0;
}

int cli_user_list(struct cli *cl)
{
	struct ulist ul = {cl->c, cli_opt(cl, "unit")};
	if (ul.unit && !units_find(cl->c->units, ul.unit))
		return cli_fail("单位 %s 不存在", ul.unit);
	cli_printf("账号\t姓名\t角色\t单位\t部门\t状态\t密码修改日期\t公钥数\t最近登录\n");
	return user_scan(cl->c, user_list_cb, &ul) < 0 ? cli_fail("%s", errmsg()) : CLI_OK;
}

static const struct user *actor(struct cli *cl)
{
	return perm_console(cl->as) ? NULL : cl->as;
}

int cli_user_passwd(struct cli *cl)
{
	char *pw = read_new_password();
	if (!pw)
		return CLI_FAIL;
	int rc = user_set_password(cl->c, actor(cl), cl->argv[0], pw, cli_flag(cl, "reset"));
	free(pw);
	return rc < 0 ? cli_fail("%s", errmsg()) : CLI_OK;
}

int cli_user_lock(struct cli *cl)
{
	return user_set_lock(cl->c, actor(cl), cl->argv[0], true) < 0 ? cli_fail("%s", errmsg()) : CLI_OK;
}

int cli_user_unlock(struct cli *cl)
{
	return user_set_lock(cl->c, actor(cl), cl->argv[0], false) < 0 ? cli_fail("%s", errmsg()) : CLI_OK;
}

int cli_user_move(struct cli *cl)
{
	return user_move(cl->c, actor(cl), cl->argv[0], cl->argv[1]) < 0 ? cli_fail("%s", errmsg()) : CLI_OK;
}

int cli_user_role(struct cli *cl)
{
	if (user_set_role(cl->c, actor(cl), cl->argv[0], cl->argv[1]) < 0)
		return cli_fail("%s", errmsg());
	cli_printf("账号 %s 的角色已改为%s，下次登录起生效\n", cl->argv[0], perm_role_zh(cl->c, cl->argv[1]));
	return CLI_OK;
}

int cli_policy_show(struct cli *cl)
{
	cli_printf("设置\t含义\t现值\t设置文件\t范围\t来源\n");
	for (int i = 0; i < policy_items_len; i++) {
		struct policy_value v;
		if (policy_get(cl->c, policy_items[i].path, &v) < 0)
			return cli_fail("%s", errmsg());
		char when[32] = "";
		if (v.changed) {
			time_t t = (time_t)v.at;
			struct tm tm;
			strftime(when, sizeof when, "%Y-%m-%d %H:%M", localtime_r(&t, &tm));
		}
		cli_printf("%s\t%s\t%lld\t%lld\t%lld~%lld\t%s%s%s\n", policy_items[i].path, policy_items[i].zh, v.value,
			   v.conf, v.min, v.max, v.changed ? v.by : "设置文件", v.changed ? " " : "", when);
	}
	return CLI_OK;
}

int cli_policy_set(struct cli *cl)
{
	return policy_set(cl->c, cl->as, cl->argv[0], cl->argv[1]) < 0 ? cli_fail("%s", errmsg()) : CLI_OK;
}

int cli_user_key_add(struct cli *cl)
{
	FILE *f = strcmp(cl->argv[1], "-") ? fopen(cl->argv[1], "r") : stdin;
	if (!f)
		return cli_fail("无法读取公钥文件 %s：%s", cl->argv[1], strerror(errno));
	/* One byte past the limit, so that a longer line is refused rather than cut. */
	char *line = xmalloc(USER_KEY_MAX + 2);
	bool got = fgets(line, USER_KEY_MAX + 2, f) != NULL;
	if (f != stdin)
		fclose(f);
	int rc = got && *line ? user_add_key(cl->c, actor(cl), cl->argv[0], line)
			      : errmsg_set(ZZ_EINVAL, "公钥文件 %s 是空的或无法读取", cl->argv[1]);
	free(line);
	return rc < 0 ? cli_fail("%s", errmsg()) : CLI_OK;
}
