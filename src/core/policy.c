/* policy.c — the password and lockout policy the security administrator keeps (policy.h). An
 * override is the text "VALUE\tACCOUNT\tTIME" under "policy.PATH" in meta.db. */
#include "policy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "conf.h"
#include "perm.h"
#include "store.h"
#include "util.h"

const struct policy_item policy_items[] = {
	{"security.password.min_length", "密码最短位数"},
	{"security.password.min_classes", "密码须含几类字符（大小写数字符号）"},
	{"security.password.history", "不得重复使用的最近密码数（0 不限）"},
	{"security.password.max_age_days", "密码有效天数（0 永不过期）"},
	{"security.lockout.failures", "同一地址密码错几次锁定该地址"},
	{"security.lockout.places", "错误来自几个地址时锁定整个账号"},
	{"security.lockout.window_min", "密码错误的计数时段（分钟）"},
	{"security.lockout.lock_min", "锁定时长（分钟）"},
};
const int policy_items_len = (int)ARRAY_LEN(policy_items);

static const struct conf_entry *policy_entry(const char *path)
{
	for (int i = 0; i < policy_items_len; i++)
		if (!strcmp(policy_items[i].path, path))
			for (int j = 0; j < conf_table_len; j++)
				if (conf_table[j].path && !strcmp(conf_table[j].path, path))
					return &conf_table[j];
	return NULL;
}

static const char *policy_zh(const char *path)
{
	for (int i = 0; i < policy_items_len; i++)
		if (!strcmp(policy_items[i].path, path))
			return policy_items[i].zh;
	return path;
}

/* The override of PATH into OUT (its by and at too); ZZ_ENOENT when there is none. */
static int policy_load(struct ctx *c, DB_TXN *txn, const char *path, struct policy_value *out, bool rmw)
{
	if (!c->st)
		return ZZ_ENOENT;
	char key[96];
	snprintf(key, sizeof key, "policy.%s", path);
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(store_db(c->st, DBI_META), txn, key, strlen(key), &v, &vn, rmw);
	if (rc < 0)
		return rc;
	char *s = xmalloc(vn + 1);
	memcpy(s, v, vn);
	s[vn] = '\0';
	free(v);
	char *f[3];
	long long val, at;
	const struct conf_entry *e = policy_entry(path);
	if (str_split(s, '\t', f, 3) != 3 || str_to_ll(f[0], &val) < 0 || str_to_ll(f[2], &at) < 0 || !e ||
	    val < e->min || val > e->max) {
		free(s);
		return errmsg_set(ZZ_EDB, "安全策略 %s 的记录已损坏", path);
	}
	out->value = val;
	out->changed = true;
	snprintf(out->by, sizeof out->by, "%s", f[1]);
	out->at = at;
	free(s);
	return 0;
}

long long policy_int(struct ctx *c, DB_TXN *txn, const char *path)
{
	struct policy_value v = {0};
	if (policy_entry(path) && policy_load(c, txn, path, &v, false) == 0)
		return v.value;
	return conf_int(c->conf, path);
}

/* The most PATH may be set to: conf_table[]'s, but for the classes a password must contain, no more
 * than the settings file defines (5 of 4 refused every password from then on, the administrators'
 * own included). */
static long long policy_max(struct ctx *c, const struct conf_entry *e)
{
	if (strcmp(e->path, "security.password.min_classes") != 0)
		return e->max;
	long long n = config_setting_length(conf_setting(c->conf, "security.password.classes"));
	return n < e->max ? n : e->max;
}

int policy_get(struct ctx *c, const char *path, struct policy_value *out)
{
	const struct conf_entry *e = policy_entry(path);
	if (!e)
		return errmsg_set(ZZ_ENOENT, "没有安全策略 %s", path);
	*out = (struct policy_value){.conf = conf_int(c->conf, path), .min = e->min, .max = policy_max(c, e)};
	int rc = policy_load(c, NULL, path, out, false);
	if (rc == ZZ_ENOENT) {
		out->value = out->conf;
		return 0;
	}
	return rc;
}

int policy_parse(struct ctx *c, const char *path, const char *text, long long *out)
{
	const struct conf_entry *e = policy_entry(path);
	if (!e)
		return errmsg_set(ZZ_ENOENT, "没有安全策略 %s", path);
	long long v, max = policy_max(c, e);
	if (strlen(text) > 20 || str_to_ll(text, &v) < 0)
		return errmsg_set(ZZ_EINVAL, "请输入整数：%s须在 %lld 到 %lld 之间", policy_zh(path), e->min, max);
	if (v < e->min || v > max)
		return errmsg_set(ZZ_EINVAL, "%lld 超出范围：%s须在 %lld 到 %lld 之间", v, policy_zh(path), e->min,
				  max);
	*out = v;
	return 0;
}

struct policy_change {
	struct ctx *c;
	const struct user *actor;
	const char *path;
	long long value;
	char detail[256];
};

static int policy_set_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct policy_change *pc = arg;
	struct policy_value old = {0};
	int rc = policy_load(pc->c, txn, pc->path, &old, true);
	if (rc == ZZ_ENOENT)
		old.value = conf_int(pc->c->conf, pc->path);
	else if (rc < 0)
		return rc;
	snprintf(pc->detail, sizeof pc->detail, "%s：%lld → %lld", policy_zh(pc->path), old.value, pc->value);
	char key[96], val[160];
	snprintf(key, sizeof key, "policy.%s", pc->path);
	snprintf(val, sizeof val, "%lld\t%s\t%lld", pc->value, pc->actor->name, (long long)time(NULL));
	rc = store_put(store_db(st, DBI_META), txn, key, strlen(key), val, strlen(val));
	if (rc < 0)
		return rc;
	char obj[96];
	snprintf(obj, sizeof obj, "policy:%s", pc->path);
	return audit_append(pc->c, txn, &(struct audit_entry){.user = pc->actor->name, .unit = pc->actor->unit,
							       .type = "policy_set", .object = obj,
							       .result = "ok", .detail = pc->detail});
}

int policy_set(struct ctx *c, const struct user *actor, const char *path, const char *text)
{
	struct policy_change pc = {.c = c, .actor = actor, .path = path};
	int rc = perm_check(c, actor, ACT_SECURITY, NULL, NULL);
	if (rc == 0)
		rc = policy_parse(c, path, text, &pc.value);
	if (rc == 0)
		rc = store_run(c->st, policy_set_txn, &pc);
	if (rc < 0) {
		char obj[96];
		snprintf(obj, sizeof obj, "policy:%s", path);
		char *why = xstrdup(errmsg());
		audit_append(c, NULL, &(struct audit_entry){.user = actor->name, .unit = actor->unit,
							    .type = "policy_set", .object = obj,
							    .result = rc == ZZ_EPERM ? "refused" : "failed", .detail = why});
		errmsg_set(rc, "%s", why);
		free(why);
	}
	return rc;
}
