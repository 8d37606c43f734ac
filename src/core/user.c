/* user.c — accounts in users.db; passwords hashed with crypt(3) yescrypt. */
#include "user.h"

#include <crypt.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "perm.h"
#include "policy.h"
#include "unit.h"

void user_free(struct user **up)
{
	struct user *u = *up;
	if (!u)
		return;
	free(u->name);
	free(u->fullname);
	free(u->role);
	free(u->unit);
	free(u->dept);
	free(u->hash);
	strv_free(&u->history);
	strv_free(&u->keys);
	free(u);
	*up = NULL;
}

bool user_name_valid(const char *name)
{
	size_t n = strlen(name);
	if (n < 2 || n > 32 || !islower((unsigned char)name[0]))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!islower((unsigned char)name[i]) && !isdigit((unsigned char)name[i]) && name[i] != '_' &&
		    name[i] != '.' && name[i] != '-')
			return false;
	return true;
}

/* Stored as "key<TAB>value" lines; values never hold tabs or newlines. */
static void user_encode(const struct user *u, struct sb *sb)
{
	sb_addf(sb, "fullname\t%s\nrole\t%s\nunit\t%s\ndept\t%s\nhash\t%s\n", u->fullname ? u->fullname : "",
		u->role, u->unit, u->dept ? u->dept : "", u->hash ? u->hash : "");
	sb_addf(sb, "created\t%lld\npw_changed\t%lld\nlocked_until\t%lld\nlast_login\t%lld\n",
		(long long)u->created, (long long)u->pw_changed, (long long)u->locked_until,
		(long long)u->last_login);
	sb_addf(sb, "locked\t%d\nmust_change\t%d\n", u->locked, u->must_change);
	for (int i = 0; i < u->history.n; i++)
		sb_addf(sb, "old\t%s\n", u->history.v[i]);
	for (int i = 0; i < u->keys.n; i++)
		sb_addf(sb, "key\t%s\n", u->keys.v[i]);
	char mark[96];
	for (int i = 0; i < u->lk.nfails; i++) {
		lockout_mark_format(&u->lk.fails[i], mark, sizeof mark);
		sb_addf(sb, "fail\t%s\n", mark);
	}
	for (int i = 0; i < u->lk.nholds; i++) {
		lockout_mark_format(&u->lk.holds[i], mark, sizeof mark);
		sb_addf(sb, "hold\t%s\n", mark);
	}
}

static int user_decode(struct user *u, char *buf)
{
	char *save = NULL;
	for (char *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *v = strchr(line, '\t');
		if (!v)
			return errmsg_set(ZZ_EDB, "账号 %s 的记录已损坏", u->name);
		*v++ = '\0';
		long long n = 0;
		str_to_ll(v, &n);
		if (!strcmp(line, "fullname"))
			rec_set_meta(&u->fullname, v);
		else if (!strcmp(line, "role"))
			rec_set_meta(&u->role, v);
		else if (!strcmp(line, "unit"))
			rec_set_meta(&u->unit, v);
		else if (!strcmp(line, "dept"))
			rec_set_meta(&u->dept, v);
		else if (!strcmp(line, "hash"))
			rec_set_meta(&u->hash, v);
		else if (!strcmp(line, "created"))
			u->created = n;
		else if (!strcmp(line, "pw_changed"))
			u->pw_changed = n;
		else if (!strcmp(line, "locked_until"))
			u->locked_until = n;
		else if (!strcmp(line, "last_login"))
			u->last_login = n;
		else if (!strcmp(line, "locked"))
			u->locked = n != 0;
		else if (!strcmp(line, "must_change"))
			u->must_change = n != 0;
		else if (!strcmp(line, "old"))
			strv_push(&u->history, v);
		else if (!strcmp(line, "key"))
			strv_push(&u->keys, v);
		else if (!strcmp(line, "fail") && u->lk.nfails < LOCKOUT_MAX_FAILS)
			lockout_mark_parse(&u->lk.fails[u->lk.nfails++], v);
		else if (!strcmp(line, "hold") && u->lk.nholds < LOCKOUT_MAX_HOLDS)
			lockout_mark_parse(&u->lk.holds[u->lk.nholds++], v);
	}
	if (!u->role || !u->unit)
		return errmsg_set(ZZ_EDB, "账号 %s 的记录不完整", u->name);
	return 0;
}

int user_load(struct store *st, DB_TXN *txn, const char *name, struct user **out, bool rmw)
{
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(store_db(st, DBI_USERS), txn, name, strlen(name), &v, &vn, rmw);
	if (rc == ZZ_ENOENT)
		return errmsg_set(ZZ_ENOENT, "账号 %s 不存在", name);
	if (rc < 0)
		return rc;
	struct user *u = xcalloc(1, sizeof *u);
	u->name = xstrdup(name);
	char *buf = xstrndup(v, vn);
	free(v);
	rc = user_decode(u, buf);
	free(buf);
	if (rc < 0) {
		user_free(&u);
		return rc;
	}
	*out = u;
	return 0;
}

char *user_display_name(struct store *st, const char *name)
{
	struct user *u = NULL;
	char *out = NULL;
	if (!str_empty(name) && user_load(st, NULL, name, &u, false) == 0 && !str_empty(u->fullname))
		out = xstrdup(u->fullname);
	user_free(&u);
	return out ? out : xstrdup(name ? name : "");
}

/* A value of the "key<TAB>value" lines: no tab, newline or other control character may end it
 * early and start a line of its own (a planted key). */
static bool user_value_ok(const char *v)
{
	return !v || !str_has_unsafe(v);
}

int user_save(struct store *st, DB_TXN *txn, const struct user *u)
{
	bool ok = user_value_ok(u->fullname) && user_value_ok(u->role) && user_value_ok(u->unit) &&
		  user_value_ok(u->dept) && user_value_ok(u->hash);
	for (int i = 0; ok && i < u->keys.n; i++)
		ok = user_value_ok(u->keys.v[i]);
	if (!ok)
		return errmsg_set(ZZ_EINVAL, "账号 %s 的资料含有不允许的控制字符", u->name);
	struct sb sb;
	sb_init(&sb);
	user_encode(u, &sb);
	int rc = store_put(store_db(st, DBI_USERS), txn, u->name, strlen(u->name), sb.buf, sb.len);
	sb_free(&sb);
	return rc;
}

char *user_hash_password(const char *pw)
{
	char *salt = crypt_gensalt_ra("$y$", 0, NULL, 0);
	if (!salt)
		fatal("crypt_gensalt failed");
	void *data = NULL;
	int size = 0;
	const char *h = crypt_ra(pw, salt, &data, &size);
	free(salt);
	if (!h || h[0] == '*')
		fatal("crypt failed");
	char *out = xstrdup(h);
	free(data);
	return out;
}

static bool password_matches(const char *pw, const char *hash)
{
	if (str_empty(hash))
		return false;
	void *data = NULL;
	int size = 0;
	const char *h = crypt_ra(pw, hash, &data, &size);
	bool ok = false;
	if (h && h[0] != '*' && strlen(h) == strlen(hash)) {
		unsigned char diff = 0;
		for (size_t i = 0; h[i]; i++)
			diff |= (unsigned char)(h[i] ^ hash[i]);
		ok = diff == 0;
	}
	free(data);
	return ok;
}

int user_password_policy(struct ctx *c, const struct user *u, const char *pw)
{
	long long minlen = policy_int(c, NULL, "security.password.min_length");
	if (!utf8_valid(pw, strlen(pw)) || strpbrk(pw, "\n\r"))
		return errmsg_set(ZZ_EINVAL, "密码含有无效字符");
	int chars = 0;
	for (const char *p = pw; *p; p++)
		chars += ((unsigned char)*p & 0xc0) != 0x80;
	if (chars < minlen)
		return errmsg_set(ZZ_EINVAL, "密码至少 %lld 位", minlen);
	const config_setting_t *cl = conf_setting(c->conf, "security.password.classes");
	int matched = 0, total = config_setting_length(cl);
	for (int i = 0; i < total; i++) {
		const char *pat = config_setting_get_string_elem(cl, (unsigned)i);
		int err;
		PCRE2_SIZE off;
		pcre2_code *re = pat ? pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &err, &off, NULL)
				     : NULL;
		if (!re)
			return errmsg_set(ZZ_EINVAL, "配置 security.password.classes 第 %d 项不是有效的正则表达式", i + 1);
		pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
		if (pcre2_match(re, (PCRE2_SPTR)pw, PCRE2_ZERO_TERMINATED, 0, 0, md, NULL) >= 0)
			matched++;
		pcre2_match_data_free(md);
		pcre2_code_free(re);
	}
	long long need = policy_int(c, NULL, "security.password.min_classes");
	if (matched < need)
		return errmsg_set(ZZ_EINVAL, "密码须包含大写字母、小写字母、数字、符号中的至少 %lld 类", need);
	if (u && strcmp(pw, u->name) == 0)
		return errmsg_set(ZZ_EINVAL, "密码不能与账号相同");
	long long hist = policy_int(c, NULL, "security.password.history");
	if (u && hist > 0 && password_matches(pw, u->hash))
		return errmsg_set(ZZ_EINVAL, "不能重复使用最近 %lld 次用过的密码", hist);
	for (int i = 0; u && i < u->history.n && i < hist - 1; i++)
		if (password_matches(pw, u->history.v[i]))
			return errmsg_set(ZZ_EINVAL, "不能重复使用最近 %lld 次用过的密码", hist);
	return 0;
}

char *user_password_rules(struct ctx *c)
{
	long long hist = policy_int(c, NULL, "security.password.history");
	char h[64] = "";
	if (hist > 0)
		snprintf(h, sizeof h, "和最近 %lld 次的密码", hist);
	/* One line of 80 columns: the account screens show it under the password's prompt. */
	return xasprintf("至少 %lld 位，大写、小写字母、数字、符号中至少 %lld 类，不同于账号%s",
			 policy_int(c, NULL, "security.password.min_length"),
			 policy_int(c, NULL, "security.password.min_classes"), h);
}

const char *user_lock_state(const struct user *u, int64_t now)
{
	if (u->locked)
		return "锁定";
	if (now < u->locked_until)
		return "暂时锁定";
	return lockout_held_places(&u->lk, now) ? "地址锁定" : "正常";
}

static int audit_login(struct ctx *c, DB_TXN *txn, const char *name, const struct user *u, const char *type,
		       const char *result, const char *detail)
{
	if (c->login_failed && strcmp(type, "login_fail") == 0) {
		c->login_failed(c, name, detail);
		return 0;
	}
	struct audit_entry e = {
		.user = name,
		.unit = u ? u->unit : "-",
		.type = type,
		.object = "session",
		.result = result,
		.detail = detail,
	};
	return audit_append(c, txn, &e);
}

struct fail_arg {
	struct ctx *c;
	const char *name;
	int64_t now;
	enum lockout_hold locked;
};

/* Count a failure towards the lockout of the place and of the account (lockout.c); a lock it sets
 * is audited in the same transaction, whatever the listener's cap on failed logins. */
static int user_count_failure(struct store *st, DB_TXN *txn, void *arg)
{
	struct fail_arg *fa = arg;
	struct user *u = NULL;
	int rc = user_load(st, txn, fa->name, &u, true);
	if (rc < 0)
		return rc;
	struct lockout_policy p;
	lockout_policy(&p, fa->c, txn);
	const char *place = fa->c->peer;
	fa->locked = lockout_fail(&u->lk, &u->locked_until, &p, place, fa->now);
	rc = user_save(st, txn, u);
	if (rc == 0 && fa->locked != LOCKOUT_OPEN) {
		char detail[256];
		if (fa->locked == LOCKOUT_ACCOUNT)
			snprintf(detail, sizeof detail, "%lld 分钟内来自 %d 个以上地址的密码错误 %d 次以上：账号锁定 %lld 分钟"
				 "（公钥和本机登录不受影响）", (long long)(p.window_s / 60), p.places, p.failures,
				 (long long)(p.lock_s / 60));
		else
			snprintf(detail, sizeof detail, "%lld 分钟内来自 %s 的密码错误 %d 次：该地址对此账号的密码登录锁定 %lld 分钟",
				 (long long)(p.window_s / 60), lockout_place_shown(place), p.failures,
				 (long long)(p.lock_s / 60));
		char *obj = xasprintf("user:%s", fa->name);
		rc = audit_append(fa->c, txn, &(struct audit_entry){.user = fa->name, .unit = u->unit, .type = "lockout",
									 .object = obj, .result = "ok", .detail = detail});
		free(obj);
	}
	user_free(&u);
	return rc;
}

struct success_arg {
	const char *name;
	const char *place;
	int64_t now;
};

static int user_count_success(struct store *st, DB_TXN *txn, void *arg)
{
	struct success_arg *sa = arg;
	struct user *u = NULL;
	int rc = user_load(st, txn, sa->name, &u, true);
	if (rc < 0)
		return rc;
	lockout_success(&u->lk, sa->place);
	u->last_login = sa->now;
	rc = user_save(st, txn, u);
	user_free(&u);
	return rc;
}

static bool user_expired(struct ctx *c, const struct user *u, int64_t now)
{
	long long days = policy_int(c, NULL, "security.password.max_age_days");
	return u->must_change || (days > 0 && now - u->pw_changed > days * 86400);
}

/* Count a failed attempt of NAME (not on a standby: its database is the primary's; the listener's
 * limits per address still hold). LOCK gets "，账号锁定 N 分钟" when this attempt locked it. */
static int user_fail_count(struct ctx *c, const char *name, int64_t now, char *lock, size_t n)
{
	lock[0] = '\0';
	if (store_standby(c->st))
		return 0;
	struct fail_arg fa = {.c = c, .name = name, .now = now};
	/* Without waiting for the disk: a count lost in a crash costs nothing. */
	int rc = store_run_flags(c->st, user_count_failure, &fa, STORE_TXN_NOSYNC);
	if (rc == 0 && fa.locked != LOCKOUT_OPEN)
		snprintf(lock, n, "，%s锁定 %lld 分钟", fa.locked == LOCKOUT_ACCOUNT ? "账号" : "账号对此地址",
			 policy_int(c, NULL, "security.lockout.lock_min"));
	return rc;
}

/* The common end of both ways to log in: lockout, counting, audit. Whoever does not know the
 * password (or hold the key) gets the same answer for an account that exists, one that does not,
 * one locked and one that this failure locks: nothing tells which names are accounts. */
static int user_login_finish(struct ctx *c, const char *name, struct user *u, bool ok, const char *method,
			     const char *fingerprint, struct user **out)
{
	int64_t now = (int64_t)time(NULL);
	char detail[256];
	snprintf(detail, sizeof detail, "%s%s%s", method, fingerprint ? " " : "", fingerprint ? fingerprint : "");
	/* A lock by password failures does not close the way in by key (or by a Unix user the security
	 * administrator mapped to the account): nobody guesses a key, and an administrator whose
	 * account was locked from outside can still log in. A lock of one place (c->peer) holds for
	 * that place only; the account-wide one for every place but the server's own terminal. A refusal whose
	 * counting or audit entry fails returns that error (the login is refused either way; the
	 * caller counts it as a failed attempt). */
	bool by_key = strcmp(method, "publickey") == 0 || strcmp(method, "unix") == 0;
	/* The password after the account's own key (two factors): no guesser holds the key. */
	bool after_key = strcmp(method, "password after key") == 0;
	enum lockout_hold held = u && !by_key && !after_key ? lockout_check(&u->lk, u->locked_until, c->peer, now)
							     : LOCKOUT_OPEN;
	if (u && (u->locked || held != LOCKOUT_OPEN)) {
		const char *why = held == LOCKOUT_PLACE ? (ok ? "账号对此地址锁定" : "账号对此地址锁定（凭据错误）")
							: (ok ? "账号已锁定" : "账号已锁定（凭据错误）");
		int rc = audit_login(c, NULL, name, u, "login_fail", "refused", why);
		user_free(&u);
		if (rc < 0)
			return rc;
		if (!ok)
			return errmsg_set(ZZ_EAUTH, "账号或密码错误");
		return errmsg_set(ZZ_ELOCKED, "账号已锁定，请稍后再试或联系安全管理员");
	}
	if (!u || !ok) {
		int rc = 0;
		char lock[96] = "";
		if (u && !by_key)
			rc = user_fail_count(c, name, now, lock, sizeof lock);
		if (lock[0])
			snprintf(detail, sizeof detail, "%s%s", method, lock);
		if (rc == 0)
			rc = audit_login(c, NULL, name, u, "login_fail", "refused", detail);
		user_free(&u);
		if (rc < 0)
			return rc;
		return errmsg_set(ZZ_EAUTH, "账号或密码错误");
	}
	struct success_arg sa = {name, c->peer, now};
	int rc = store_standby(c->st) ? 0 : store_run(c->st, user_count_success, &sa);
	if (rc == 0) {
		bool expired = user_expired(c, u, now);
		rc = audit_append(c, NULL, &(struct audit_entry){.user = name, .unit = u->unit, .type = "login",
								 .object = "session", .result = "ok",
								 .detail = expired ? "密码已过期" : detail});
		if (rc == 0 && expired)
			rc = errmsg_set(ZZ_EEXPIRED, "密码已过期，请设置新密码");
	}
	if (rc < 0 && rc != ZZ_EEXPIRED) {
		user_free(&u);
		return rc;
	}
	*out = u;
	return rc;
}

bool user_two_factor(struct ctx *c, const struct user *u)
{
	static const enum perm_action rights[] = {ACT_ADMIN, ACT_SECURITY, ACT_AUDIT};
	if (!conf_bool(c->conf, "security.admin_two_factor"))
		return false;
	for (size_t i = 0; i < ARRAY_LEN(rights); i++)
		if (perm_system_right(c, u, rights[i]))
			return true;
	return false;
}

/* A password without the key for an account that needs both: refused whatever the password, with
 * one answer that says nothing of it (the right password of a locked account included); one audit
 * entry says why. The attempt counts as a failure towards the lockout, so that a right password
 * and a wrong one leave the same trace for whoever tries. */
static int user_login_key_missing(struct ctx *c, const char *name, struct user *u, bool pw_ok)
{
	int64_t now = (int64_t)time(NULL);
	bool locked = u->locked || lockout_check(&u->lk, u->locked_until, c->peer, now) != LOCKOUT_OPEN;
	char lock[96] = "";
	int rc = 0;
	if (locked)
		snprintf(lock, sizeof lock, "，账号已锁定");
	else
		rc = user_fail_count(c, name, now, lock, sizeof lock);
	char detail[200];
	snprintf(detail, sizeof detail, "两步认证：只有密码，没有密钥（密码%s）%s", pw_ok ? "正确" : "错误", lock);
	if (rc == 0)
		rc = audit_login(c, NULL, name, u, "login_fail", "refused", detail);
	user_free(&u);
	if (rc < 0)
		return rc;
	return errmsg_set(ZZ_EAUTH, "管理员账号须同时使用密钥和密码登录");
}

static int user_login_password(struct ctx *c, const char *name, const char *pw, const char *method,
			       bool no_key, struct user **out)
{
	struct user *u = NULL;
	*out = NULL;
	int rc = user_name_valid(name) ? user_load(c->st, NULL, name, &u, false) : ZZ_ENOENT;
	if (rc < 0 && rc != ZZ_ENOENT)
		return rc;
	/* Spend the same time on unknown accounts, so that timing does not tell which exist: one
	 * yescrypt of the default cost, as for an account (a hash made here would cost a second one). */
	static const char dummy[] = "$y$j9T$JeyACT8/i0DRCY.gHo2CM0$E5T2TgTREhzmLTp3r9VWEdfRBo5XpZZ.e1E.ZBLmjZA";
	bool ok = password_matches(pw, u ? u->hash : dummy);
	if (no_key && u && user_two_factor(c, u))
		return user_login_key_missing(c, name, u, ok);
	return user_login_finish(c, name, u, u && ok, method, NULL, out);
}

int user_login(struct ctx *c, const char *name, const char *pw, struct user **out)
{
	return user_login_password(c, name, pw, "password", false, out);
}

int user_login_without_key(struct ctx *c, const char *name, const char *pw, struct user **out)
{
	return user_login_password(c, name, pw, "password", true, out);
}

int user_login_after_key(struct ctx *c, const char *name, const char *pw, struct user **out)
{
	return user_login_password(c, name, pw, "password after key", false, out);
}

int user_login_key(struct ctx *c, const char *name, const char *keytype, const char *keyb64,
		   const char *fingerprint, struct user **out)
{
	struct user *u = NULL;
	*out = NULL;
	int rc = user_name_valid(name) ? user_load(c->st, NULL, name, &u, false) : ZZ_ENOENT;
	if (rc < 0 && rc != ZZ_ENOENT)
		return rc;
	bool ok = false;
	for (int i = 0; u && i < u->keys.n && !ok; i++) {
		char *line = xstrdup(u->keys.v[i]);
		char *parts[3];
		int n = str_split(line, ' ', parts, 3);
		ok = n >= 2 && strcmp(parts[0], keytype) == 0 && strcmp(parts[1], keyb64) == 0;
		free(line);
	}
	return user_login_finish(c, name, u, ok, "publickey", fingerprint, out);
}

int user_login_unix(struct ctx *c, const char *name, const char *unix_user, struct user **out)
{
	struct user *u = NULL;
	*out = NULL;
	int rc = user_name_valid(name) ? user_load(c->st, NULL, name, &u, false) : ZZ_ENOENT;
	if (rc == ZZ_ENOENT) {
		/* The Unix user is known to the system and mapped to this name: no secret to keep. */
		char detail[160];
		snprintf(detail, sizeof detail, "unix %s：账号不存在", unix_user);
		rc = audit_login(c, NULL, name, NULL, "login_fail", "refused", detail);
		return rc < 0 ? rc : errmsg_set(ZZ_ENOENT, "账号 %s 不存在", name);
	}
	if (rc < 0)
		return rc;
	return user_login_finish(c, name, u, true, "unix", unix_user, out);
}

static const char *actor_name(const struct user *actor)
{
	return actor ? actor->name : "console";
}

static const char *actor_unit(const struct user *actor)
{
	return actor ? actor->unit : "-";
}

/* A change to accounts: check the actor's right over the target unit, then run FN and audit. */
struct user_change {
	struct ctx *c;
	const struct user *actor;
	const char *name;
	const char *type;
	struct user *nu; /* for add */
	const char *pw;
	bool flag;
	const char *keyline;
	const char *unit; /* for a move: the unit the account goes to, checked as the one it leaves */
	const char *role; /* for a role change */
	char detail[256];
};

static int user_role_check(struct ctx *c, const struct user *u, const char *role)
{
	if (!perm_role_exists(c, role, true))
		return errmsg_set(ZZ_EINVAL, "角色 “%s” 不存在（见 conf/roles.cfg）", role);
	if (!strcmp(u->role, role))
		return errmsg_set(ZZ_EINVAL, "账号 %s 已是%s", u->name, perm_role_zh(c, role));
	if (perm_role_system(c, u->role) || perm_role_system(c, role))
		return errmsg_set(ZZ_EINVAL, "系统管理员、安全管理员、审计员三种角色不能改成别的，别的也不能改成它们"
					     "（三员分立）：请另建账号");
	if (!strcmp(u->role, "dept") || !strcmp(role, "dept"))
		return errmsg_set(ZZ_EINVAL, "成员单位的账号属于部门单位，角色不能与别的角色互改：请在相应单位另建账号");
	return 0;
}

static int user_change_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct user_change *ch = arg;
	struct user *u = NULL;
	int rc = 0;
	int64_t now = (int64_t)time(NULL);
	if (ch->nu) {
		rc = user_load(st, txn, ch->name, &u, true);
		if (rc == 0) {
			user_free(&u);
			return errmsg_set(ZZ_EEXIST, "账号 %s 已存在", ch->name);
		}
		if (rc != ZZ_ENOENT)
			return rc;
		rc = user_save(st, txn, ch->nu);
	} else {
		rc = user_load(st, txn, ch->name, &u, true);
		if (rc < 0)
			return rc;
		/* The policy after the right (user_change_run): its history check would tell anyone
		 * whether a password was one of the account's recent ones. */
		if (!strcmp(ch->type, "user_passwd") &&
		    (rc = user_password_policy(ch->c, u, ch->pw)) < 0) {
			user_free(&u);
			return rc;
		}
		if (!strcmp(ch->type, "user_passwd")) {
			long long hist = policy_int(ch->c, txn, "security.password.history");
			if (u->hash && hist > 1) {
				struct strv h = {0};
				strv_push(&h, u->hash);
				for (int i = 0; i < u->history.n && h.n < hist - 1; i++)
					strv_push(&h, u->history.v[i]);
				strv_free(&u->history);
				u->history = h;
			}
			free(u->hash);
			u->hash = user_hash_password(ch->pw);
			u->pw_changed = now;
			u->must_change = ch->flag;
		} else if (!strcmp(ch->type, "user_lock")) {
			u->locked = ch->flag;
			if (!ch->flag) {
				u->locked_until = 0;
				u->lk.nfails = u->lk.nholds = 0;
			}
		} else if (!strcmp(ch->type, "user_move")) {
			free(u->unit);
			u->unit = xstrdup(ch->unit);
		} else if (!strcmp(ch->type, "user_role")) {
			/* Checked again here: the account may have changed since. */
			if ((rc = user_role_check(ch->c, u, ch->role)) < 0) {
				user_free(&u);
				return rc;
			}
			free(u->role);
			u->role = xstrdup(ch->role);
		} else if (!strcmp(ch->type, "user_key")) {
			if (strv_find(&u->keys, ch->keyline) >= 0) {
				user_free(&u);
				return errmsg_set(ZZ_EEXIST, "该公钥已添加");
			}
			strv_push(&u->keys, ch->keyline);
		} else if (!strcmp(ch->type, "user_key_del")) {
			int k = strv_find(&u->keys, ch->keyline);
			if (k < 0) {
				user_free(&u);
				return errmsg_set(ZZ_ENOENT, "账号 %s 没有这个公钥", ch->name);
			}
			free(u->keys.v[k]);
			memmove(&u->keys.v[k], &u->keys.v[k + 1], (size_t)(u->keys.n - k - 1) * sizeof *u->keys.v);
			u->keys.n--;
		}
		rc = user_save(st, txn, u);
	}
	if (rc == 0) {
		char *obj = xasprintf("user:%s", ch->name);
		rc = audit_append(ch->c, txn, &(struct audit_entry){.user = actor_name(ch->actor),
								    .unit = actor_unit(ch->actor),
								    .type = ch->type,
								    .object = obj,
								    .result = "ok",
								    .detail = ch->detail});
		free(obj);
	}
	user_free(&u);
	return rc;
}

static enum perm_action user_change_action(const struct user_change *ch)
{
	return !strcmp(ch->type, "user_add") || !strcmp(ch->type, "user_move") ? ACT_ADMIN
									       : ACT_SECURITY;
}

/* A change refused or failed is audited, errmsg() kept for the caller; RC returned. */
static int user_change_audit(struct user_change *ch, int rc)
{
	if (rc < 0 && rc != ZZ_EEXIST && rc != ZZ_ENOENT) {
		char *obj = xasprintf("user:%s", ch->name);
		char *why = xstrdup(errmsg());
		audit_append(ch->c, NULL,
			     &(struct audit_entry){.user = actor_name(ch->actor),
						   .unit = actor_unit(ch->actor),
						   .type = ch->type,
						   .object = obj,
						   .result = rc == ZZ_EPERM ? "refused" : "failed",
						   .detail = why});
		errmsg_set(rc, "%s", why);
		free(why);
		free(obj);
	}
	return rc;
}

/* An actor without the right at all is refused before the account is looked up: "账号 X 不存在"
 * would tell anyone which accounts there are. */
static int user_change_right(struct user_change *ch)
{
	if (!ch->actor)
		return 0;
	return user_change_audit(ch,
				 perm_check(ch->c, ch->actor, user_change_action(ch), NULL, NULL));
}

static int user_change_run(struct user_change *ch, const char *target_unit)
{
	struct ctx *c = ch->c;
	enum perm_action act = user_change_action(ch);
	int rc = ch->actor ? perm_check(c, ch->actor, act, NULL, target_unit) : 0;
	if (rc == 0 && ch->actor && ch->unit)
		rc = perm_check(c, ch->actor, act, NULL, ch->unit);
	if (rc == 0)
		rc = store_run(c->st, user_change_txn, ch);
	return user_change_audit(ch, rc);
}

int user_add(struct ctx *c, const struct user *actor, const char *name, const char *fullname,
	     const char *unit, const char *role, const char *dept, const char *pw, bool keep_password)
{
	return user_add_hashed(c, actor, name, fullname, unit, role, dept, pw, NULL, keep_password);
}

int user_add_hashed(struct ctx *c, const struct user *actor, const char *name, const char *fullname,
		    const char *unit, const char *role, const char *dept, const char *pw, const char *hash,
		    bool keep_password)
{
	if (!user_name_valid(name))
		return errmsg_set(ZZ_EINVAL, "账号 “%s” 不合规：2 到 32 位，小写字母开头，可含数字 . _ -", name);
	if (fullname && (str_has_unsafe(fullname) || strlen(fullname) > 200))
		return errmsg_set(ZZ_EINVAL, "姓名含有不允许的控制字符或过长");
	if (dept && str_has_unsafe(dept))
		return errmsg_set(ZZ_EINVAL, "部门含有不允许的控制字符");
	if (!perm_role_exists(c, role, true))
		return errmsg_set(ZZ_EINVAL, "角色 “%s” 不存在（见 conf/roles.cfg）", role);
	const struct units *us = ctx_units(c);
	const struct unit *un = units_find(us, unit);
	if (!un)
		return errmsg_set(ZZ_ENOENT, "单位 %s 不存在", unit);
	char *unitcode = xstrdup(unit);
	if (!strcmp(role, "dept")) {
		/* A department account belongs to the department's unit under the given level. */
		if (un->level != LV_DEPT) {
			if (str_empty(dept)) {
				free(unitcode);
				return errmsg_set(ZZ_EINVAL, "成员单位账号需要 --dept 部门");
			}
			free(unitcode);
			unitcode = xasprintf("%s-%s", unit, dept);
			un = units_find(us, unitcode);
			if (!un) {
				int rc = errmsg_set(ZZ_ENOENT, "单位 %s 没有部门 %s（先用 unit add 建立 %s）", unit, dept,
						    unitcode);
				free(unitcode);
				return rc;
			}
		} else if (!str_empty(dept) && strcmp(dept, un->dept) != 0) {
			free(unitcode);
			return errmsg_set(ZZ_EINVAL, "单位 %s 是 %s 部门，与 --dept %s 不符", unit, un->dept, dept);
		}
		dept = un->dept;
	} else if (un->level == LV_DEPT) {
		free(unitcode);
		return errmsg_set(ZZ_EINVAL, "成员单位 %s 只能设 dept 角色的账号", unit);
	} else if (!str_empty(dept)) {
		free(unitcode);
		return errmsg_set(ZZ_EINVAL, "只有 dept 角色的账号有部门");
	}
	struct user nu = {.name = (char *)name, .fullname = (char *)(fullname ? fullname : ""), .role = (char *)role,
			  .unit = unitcode, .dept = (char *)(dept ? dept : "")};
	int rc = user_password_policy(c, &nu, pw);
	if (rc < 0) {
		free(unitcode);
		return rc;
	}
	nu.hash = hash ? xstrdup(hash) : user_hash_password(pw);
	nu.created = nu.pw_changed = (int64_t)time(NULL);
	nu.must_change = !keep_password;
	struct user_change ch = {.c = c, .actor = actor, .name = name, .type = "user_add", .nu = &nu};
	snprintf(ch.detail, sizeof ch.detail, "role=%s unit=%s dept=%s", role, unitcode, dept ? dept : "");
	rc = user_change_run(&ch, unitcode);
	free(nu.hash);
	free(unitcode);
	return rc;
}

int user_set_password(struct ctx *c, const struct user *actor, const char *name, const char *pw,
		      bool must_change)
{
	struct user_change ch = {.c = c,
				 .actor = actor,
				 .name = name,
				 .type = "user_passwd",
				 .pw = pw,
				 .flag = must_change};
	snprintf(ch.detail, sizeof ch.detail, "%s",
		 must_change ? "重置，须在登录时修改" : "修改密码");
	/* People change their own password; others need the security right. */
	bool own = actor && strcmp(actor->name, name) == 0;
	int rc = own ? 0 : user_change_right(&ch);
	struct user *u = NULL;
	if (rc == 0)
		rc = user_load(c->st, NULL, name, &u, false);
	if (rc == 0)
		rc = own ? store_run(c->st, user_change_txn, &ch) : user_change_run(&ch, u->unit);
	user_free(&u);
	return rc;
}

int user_set_lock(struct ctx *c, const struct user *actor, const char *name, bool lock)
{
	struct user_change ch = {.c = c, .actor = actor, .name = name, .type = "user_lock", .flag = lock};
	snprintf(ch.detail, sizeof ch.detail, "%s", lock ? "锁定" : "解锁");
	struct user *u = NULL;
	int rc = user_change_right(&ch);
	/* Locked, an account cannot log in to unlock itself: the only security administrator of a
	 * site was shut out until the console unlocked it. */
	if (rc == 0 && lock && actor && !strcmp(actor->name, name))
		rc = user_change_audit(&ch, errmsg_set(ZZ_EPERM, "不能锁定自己的账号（锁定后无法登录、解锁）"));
	if (rc == 0)
		rc = user_load(c->st, NULL, name, &u, false);
	if (rc == 0)
		rc = user_change_run(&ch, u->unit);
	user_free(&u);
	return rc;
}

/* The unit UNIT may take account U: another unit of the same level (a grid member to another grid,
 * a township's office to another township), of the same department for a department's account,
 * so that the role still fits. */
static int user_move_check(struct ctx *c, const struct user *u, const char *unit)
{
	const struct units *us = ctx_units(c);
	const struct unit *from = units_find(us, u->unit), *to = units_find(us, unit);
	if (!to)
		return errmsg_set(ZZ_ENOENT, "单位 %s 不存在", unit);
	if (!strcmp(u->unit, to->code))
		return errmsg_set(ZZ_EINVAL, "账号 %s 已在%s", u->name, to->name);
	if (from && from->level != to->level)
		return errmsg_set(ZZ_EINVAL, "账号只能调到同一层级的单位：%s在%s，%s是%s", u->name,
				  unit_level_zh[from->level], to->name, unit_level_zh[to->level]);
	if (to->level == LV_DEPT && strcmp(to->dept, u->dept) != 0)
		return errmsg_set(ZZ_EINVAL, "成员单位的账号只能调到同一部门：%s不是%s的单位", to->name,
				  from ? from->name : u->dept);
	return 0;
}

int user_move(struct ctx *c, const struct user *actor, const char *name, const char *unit)
{
	struct user *u = NULL;
	int rc = user_load(c->st, NULL, name, &u, false);
	if (rc < 0)
		return rc;
	rc = user_move_check(c, u, unit);
	if (rc == 0) {
		struct user_change ch = {.c = c, .actor = actor, .name = name, .type = "user_move", .unit = unit};
		snprintf(ch.detail, sizeof ch.detail, "单位 %s → %s", u->unit, unit);
		rc = user_change_run(&ch, u->unit);
	}
	user_free(&u);
	return rc;
}

int user_set_role(struct ctx *c, const struct user *actor, const char *name, const char *role)
{
	struct user *u = NULL;
	int rc = user_load(c->st, NULL, name, &u, false);
	if (rc < 0)
		return rc;
	/* Checked in the change's transaction (user_role_check), so that a refusal is audited. */
	struct user_change ch = {.c = c, .actor = actor, .name = name, .type = "user_role", .role = role};
	snprintf(ch.detail, sizeof ch.detail, "角色 %s → %s", u->role, role);
	rc = user_change_run(&ch, u->unit);
	user_free(&u);
	return rc;
}

/* An OpenSSH public key line: type, base64 blob, optional comment. */
static int user_key_check(const char *line)
{
	static const char *const types[] = {"ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
					    "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com"};
	char *tmp = xstrdup(line);
	char *parts[3];
	int n = str_split(tmp, ' ', parts, 3);
	bool ok = false;
	for (size_t i = 0; n >= 2 && i < ARRAY_LEN(types); i++)
		ok |= strcmp(parts[0], types[i]) == 0;
	if (ok) {
		size_t bl = strlen(parts[1]);
		ok = bl >= 16 && strspn(parts[1], "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") == bl;
	}
	free(tmp);
	return ok ? 0 : errmsg_set(ZZ_EINVAL, "不是有效的 OpenSSH 公钥行（如 ssh-ed25519 AAAA… 注释）");
}

int user_add_key(struct ctx *c, const struct user *actor, const char *name, const char *keyline)
{
	char *line = xstrdup(keyline);
	line[strcspn(line, "\r\n")] = '\0';
	int rc = strlen(line) > USER_KEY_MAX ? errmsg_set(ZZ_EINVAL, "公钥行过长（最多 %d 字节）", USER_KEY_MAX)
		 : str_has_unsafe(line)      ? errmsg_set(ZZ_EINVAL, "公钥行含有不允许的控制字符")
					     : user_key_check(line);
	struct user *u = NULL;
	if (rc == 0)
		rc = user_load(c->st, NULL, name, &u, false);
	if (rc == 0) {
		struct user_change ch = {.c = c, .actor = actor, .name = name, .type = "user_key", .keyline = line};
		snprintf(ch.detail, sizeof ch.detail, "添加公钥 %.40s", line);
		rc = user_change_run(&ch, u->unit);
	}
	user_free(&u);
	free(line);
	return rc;
}

int user_remove_key(struct ctx *c, const struct user *actor, const char *name, const char *keyline)
{
	struct user *u = NULL;
	int rc = user_load(c->st, NULL, name, &u, false);
	if (rc == 0) {
		struct user_change ch = {.c = c, .actor = actor, .name = name, .type = "user_key_del", .keyline = keyline};
		snprintf(ch.detail, sizeof ch.detail, "删除公钥 %.40s", keyline);
		/* An administrator's last key, removed by itself, shuts it out as a lock would: its
		 * next login needs a key (user_two_factor) that only a security administrator adds. */
		if (actor && !strcmp(actor->name, name) && u->keys.n == 1 && strv_find(&u->keys, keyline) == 0 &&
		    user_two_factor(c, u))
			rc = user_change_audit(&ch, errmsg_set(ZZ_EPERM, "不能删除自己的最后一个公钥（管理员登录须用公钥，删除后无法登录）"));
		else
			rc = user_change_run(&ch, u->unit);
	}
	user_free(&u);
	return rc;
}

int user_scan(struct ctx *c, user_cb cb, void *arg)
{
	DB *db = store_db(c->st, DBI_USERS);
	if (!db)
		return ZZ_EDB;
	DBC *cur = NULL;
	int dbrc = db->cursor(db, NULL, &cur, 0);
	if (dbrc)
		return store_err(dbrc, "账号表");
	DBT key = {0}, val = {0};
	int rc = 0;
	while (rc == 0 && (dbrc = cur->get(cur, &key, &val, DB_NEXT)) == 0) {
		struct user *u = xcalloc(1, sizeof *u);
		u->name = xstrndup(key.data, key.size);
		char *buf = xstrndup(val.data, val.size);
		rc = user_decode(u, buf);
		free(buf);
		if (rc == 0)
			rc = cb(u, arg);
		user_free(&u);
	}
	cur->close(cur);
	if (rc == 0 && dbrc && dbrc != DB_NOTFOUND)
		rc = store_err(dbrc, "账号表");
	return rc < 0 ? rc : 0;
}
