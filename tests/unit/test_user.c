/* test_user.c — accounts: the password policy and history of 5, login, the lockout (5 failures
 * within 15 minutes lock the address for 30, from 3 addresses the account, kept in the database), expiry after 90 days, public keys. */
#include "testlib.h"

#include "audit.h"

static struct user *load(struct tl *t, const char *name)
{
	struct user *u = NULL;
	assert_int_equal(user_load(t->c->st, NULL, name, &u, false), 0);
	return u;
}

static void test_policy(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	struct user *u = tl_user(&t, "county", "321204", "office", NULL);
	assert_int_equal(user_password_policy(t.c, u, "Ab1!"), ZZ_EINVAL);
	assert_errmsg_has("至少 8 位");
	assert_int_equal(user_password_policy(t.c, u, "abcdefghij"), ZZ_EINVAL);
	assert_errmsg_has("至少 3 类");
	assert_int_equal(user_password_policy(t.c, u, "abcdefgh12"), ZZ_EINVAL);
	assert_int_equal(user_password_policy(t.c, u, "abcdefGH12"), 0);
	assert_int_equal(user_password_policy(t.c, u, "密码很长很长Ab1"), 0); /* length in characters */
	assert_int_equal(user_password_policy(t.c, u, "line\nBreak12"), ZZ_EINVAL);
	assert_int_equal(user_password_policy(t.c, u, TL_PASSWORD), ZZ_EINVAL); /* the current one */
	assert_errmsg_has("最近 5 次");
	assert_true(user_name_valid("u321204.office"));
	assert_false(user_name_valid("Admin"));
	assert_false(user_name_valid("a"));
	assert_false(user_name_valid("1abc"));
	assert_false(user_name_valid("a b"));
	/* The hash is yescrypt, never the password. */
	assert_true(str_prefix(u->hash, "$y$"));
	user_free(&u);
	tl_close(&t);
}

static void test_history_of_five(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	user_free(&(struct user *){tl_user(&t, "county", "321204", "office", NULL)});
	const char *pw[] = {"Pass@2026a1", "Pass@2026a2", "Pass@2026a3", "Pass@2026a4", "Pass@2026a5"};
	for (size_t i = 0; i < ARRAY_LEN(pw); i++)
		assert_int_equal(user_set_password(t.c, NULL, "county", pw[i], false), 0);
	/* The last 5 are the current one and 4 before it: the first one (TL_PASSWORD) is free again. */
	for (size_t i = 1; i < ARRAY_LEN(pw); i++) {
		assert_int_equal(user_set_password(t.c, NULL, "county", pw[i], false), ZZ_EINVAL);
		assert_errmsg_has("最近 5 次");
	}
	assert_int_equal(user_set_password(t.c, NULL, "county", TL_PASSWORD, false), 0);
	struct user *u = load(&t, "county");
	assert_int_equal(u->history.n, 4);
	user_free(&u);
	tl_close(&t);
}

/* The audit entries of NAME, one "type<TAB>object<TAB>result<TAB>detail" line each (caller frees). */
static int audit_line(const struct audit_entry *e, void *arg)
{
	sb_addf(arg, "%s\t%s\t%s\t%s\n", e->type, e->object, e->result, e->detail);
	return 0;
}

static char *audit_text(struct tl *t, const char *name)
{
	struct sb sb;
	sb_init(&sb);
	assert_int_equal(audit_scan(t->c, 0, name, audit_line, &sb), 0);
	return sb_steal(&sb);
}

static void test_login_and_lockout(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	user_free(&(struct user *){tl_user(&t, "county", "321204", "office", NULL)});
	struct user *u = NULL;
	assert_int_equal(user_login(t.c, "county", TL_PASSWORD, &u), 0);
	assert_non_null(u);
	user_free(&u);
	u = load(&t, "county");
	assert_true(u->last_login > 0);
	user_free(&u);
	assert_int_equal(user_login(t.c, "nobody", TL_PASSWORD, &u), ZZ_EAUTH);
	assert_null(u);
	snprintf(t.c->peer, sizeof t.c->peer, "10.0.0.6");
	for (int i = 1; i <= 4; i++) {
		assert_int_equal(user_login(t.c, "county", "Wrong@2026x", &u), ZZ_EAUTH);
		u = load(&t, "county");
		assert_int_equal(u->lk.nfails, i); /* counted in the database, for every process */
		assert_string_equal(u->lk.fails[i - 1].place, "10.0.0.6");
		assert_string_equal(user_lock_state(u, (int64_t)time(NULL)), "正常");
		user_free(&u);
	}
	/* The same answer as for a name that is no account (no count of tries left, no lock news). */
	assert_errmsg_has("账号或密码错误");
	int64_t before = (int64_t)time(NULL);
	assert_int_equal(user_login(t.c, "county", "Wrong@2026x", &u), ZZ_EAUTH);
	assert_string_equal(errmsg(), "账号或密码错误");
	/* Five from one address close the account to that address only, for 30 minutes. */
	u = load(&t, "county");
	assert_int_equal(u->locked_until, 0);
	assert_int_equal(u->lk.nholds, 1);
	assert_true(u->lk.holds[0].at >= before + 30 * 60 && u->lk.holds[0].at <= (int64_t)time(NULL) + 30 * 60);
	assert_string_equal(user_lock_state(u, (int64_t)time(NULL)), "地址锁定");
	assert_string_equal(user_lock_state(u, u->lk.holds[0].at), "正常");
	user_free(&u);
	/* Held: a wrong password gets the answer of any wrong password; the right one is told. */
	assert_int_equal(user_login(t.c, "county", "Wrong@2026x", &u), ZZ_EAUTH);
	assert_string_equal(errmsg(), "账号或密码错误");
	assert_int_equal(user_login(t.c, "nobody", "Wrong@2026x", &u), ZZ_EAUTH);
	assert_string_equal(errmsg(), "账号或密码错误");
	assert_int_equal(user_login(t.c, "county", TL_PASSWORD, &u), ZZ_ELOCKED);
	assert_errmsg_has("账号已锁定");
	/* The owner, from another address, logs in at once. */
	snprintf(t.c->peer, sizeof t.c->peer, "10.0.0.2");
	assert_int_equal(user_login(t.c, "county", TL_PASSWORD, &u), 0);
	user_free(&u);
	/* Failures from three addresses (security.lockout.places) lock it for every address but the
	 * server's own terminal; each lock is audited. */
	snprintf(t.c->peer, sizeof t.c->peer, "10.0.0.7");
	assert_int_equal(user_login(t.c, "county", "Wrong@2026x", &u), ZZ_EAUTH);
	snprintf(t.c->peer, sizeof t.c->peer, "10.0.0.8");
	assert_int_equal(user_login(t.c, "county", "Wrong@2026x", &u), ZZ_EAUTH);
	u = load(&t, "county");
	assert_true(u->locked_until > before);
	assert_string_equal(user_lock_state(u, (int64_t)time(NULL)), "暂时锁定");
	user_free(&u);
	snprintf(t.c->peer, sizeof t.c->peer, "10.0.0.2");
	assert_int_equal(user_login(t.c, "county", TL_PASSWORD, &u), ZZ_ELOCKED);
	t.c->peer[0] = '\0';
	assert_int_equal(user_login(t.c, "county", TL_PASSWORD, &u), 0);
	user_free(&u);
	char *log = audit_text(&t, "county");
	assert_non_null(strstr(log, "lockout\tuser:county\tok\t15 分钟内来自 10.0.0.6 的密码错误 5 次"));
	assert_non_null(strstr(log, "lockout\tuser:county\tok\t15 分钟内来自 3 个以上地址"));
	free(log);
	assert_int_equal(user_set_lock(t.c, NULL, "county", false), 0);
	u = load(&t, "county");
	assert_int_equal(u->lk.nfails + u->lk.nholds, 0);
	user_free(&u);
	snprintf(t.c->peer, sizeof t.c->peer, "10.0.0.6");
	assert_int_equal(user_login(t.c, "county", TL_PASSWORD, &u), 0);
	user_free(&u);
	tl_close(&t);
}

/* A Unix user mapped to the account (cli.accounts): in while a password lockout holds, out when an
 * administrator locks the account; an unknown account is named, and every try audited. */
static void test_login_unix(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	user_free(&(struct user *){tl_user(&t, "county", "321204", "office", NULL)});
	struct user *u = NULL;
	assert_int_equal(user_login_unix(t.c, "county", "zzops", &u), 0);
	assert_string_equal(u->name, "county");
	user_free(&u);
	for (int i = 0; i < 5; i++)
		assert_int_equal(user_login(t.c, "county", "Wrong@2026x", &u), ZZ_EAUTH);
	assert_int_equal(user_login(t.c, "county", TL_PASSWORD, &u), ZZ_ELOCKED);
	assert_int_equal(user_login_unix(t.c, "county", "zzops", &u), 0);
	user_free(&u);
	assert_int_equal(user_set_lock(t.c, NULL, "county", true), 0);
	assert_int_equal(user_login_unix(t.c, "county", "zzops", &u), ZZ_ELOCKED);
	assert_null(u);
	assert_int_equal(user_login_unix(t.c, "nobody", "zzops", &u), ZZ_ENOENT);
	assert_errmsg_has("账号 nobody 不存在");
	tl_close(&t);
}

static int age_txn(struct store *st, DB_TXN *txn, void *arg)
{
	int64_t *when = arg;
	struct user *u = NULL;
	int rc = user_load(st, txn, "county", &u, true);
	if (rc == 0) {
		if (when[0])
			u->pw_changed = when[0];
		u->lk.nfails = 0;
		for (int i = 0; when[1] && i < 4; i++)
			u->lk.fails[u->lk.nfails++] = (struct lockout_mark){.at = when[1]};
		rc = user_save(st, txn, u);
	}
	user_free(&u);
	return rc;
}

static void test_window_and_expiry(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	user_free(&(struct user *){tl_user(&t, "county", "321204", "office", NULL)});
	int64_t now = (int64_t)time(NULL);
	/* Four failures 16 minutes ago are outside the 15-minute window: one more does not lock. */
	int64_t w[2] = {0, now - 16 * 60};
	assert_int_equal(store_run(t.c->st, age_txn, w), 0);
	struct user *u = NULL;
	assert_int_equal(user_login(t.c, "county", "Wrong@2026x", &u), ZZ_EAUTH);
	u = load(&t, "county");
	assert_int_equal(u->lk.nfails, 1);
	assert_int_equal(u->lk.nholds, 0);
	user_free(&u);
	/* Four failures 14 minutes ago are inside it: the fifth locks (this terminal: the place ""). */
	w[1] = now - 14 * 60;
	assert_int_equal(store_run(t.c->st, age_txn, w), 0);
	assert_int_equal(user_login(t.c, "county", "Wrong@2026x", &u), ZZ_EAUTH);
	u = load(&t, "county");
	assert_int_equal(lockout_held_places(&u->lk, now), 1);
	user_free(&u);
	assert_int_equal(user_set_lock(t.c, NULL, "county", false), 0);
	/* A password changed 91 days ago has expired (89 days: not yet). */
	int64_t e[2] = {now - 89 * 86400, 0};
	assert_int_equal(store_run(t.c->st, age_txn, e), 0);
	assert_int_equal(user_login(t.c, "county", TL_PASSWORD, &u), 0);
	user_free(&u);
	e[0] = now - 91 * 86400;
	assert_int_equal(store_run(t.c->st, age_txn, e), 0);
	assert_int_equal(user_login(t.c, "county", TL_PASSWORD, &u), ZZ_EEXPIRED);
	assert_non_null(u); /* right password: the caller may let the person set a new one */
	user_free(&u);
	/* A reset by the security administrator must be changed at the next login. */
	assert_int_equal(user_set_password(t.c, NULL, "county", "Reset@2026ab", true), 0);
	assert_int_equal(user_login(t.c, "county", "Reset@2026ab", &u), ZZ_EEXPIRED);
	user_free(&u);
	tl_close(&t);
}

static void test_keys_and_rights(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	struct user *village = tl_user(&t, "village", "321204001001", "office", NULL);
	struct user *sec = tl_user(&t, "sec", "321204", "secadmin", NULL);
	struct user *admin = tl_user(&t, "admin", "321204", "sysadmin", NULL);
	user_free(&(struct user *){tl_user(&t, "county", "321204", "office", NULL)});
	const char *key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx0ZXN0a2V5 county@pc\n";
	assert_int_equal(user_add_key(t.c, NULL, "county", "ssh-ed25519 short"), ZZ_EINVAL);
	/* A key line is bounded: a file of one endless base64 line is not stored in the account. */
	char *huge = xmalloc(USER_KEY_MAX + 64);
	memcpy(huge, "ssh-ed25519 ", 12);
	memset(huge + 12, 'A', USER_KEY_MAX);
	strcpy(huge + 12 + USER_KEY_MAX, " county@pc");
	assert_int_equal(user_add_key(t.c, sec, "county", huge), ZZ_EINVAL);
	free(huge);
	assert_int_equal(user_add_key(t.c, village, "county", key), ZZ_EPERM);
	assert_int_equal(user_add_key(t.c, sec, "county", key), 0);
	assert_int_equal(user_add_key(t.c, sec, "county", key), ZZ_EEXIST);
	struct user *u = NULL;
	assert_int_equal(user_login_key(t.c, "county", "ssh-ed25519", "AAAAC3NzaC1lZDI1NTE5AAAAIGx0ZXN0a2V5", "SHA256:x", &u), 0);
	user_free(&u);
	assert_int_equal(user_login_key(t.c, "county", "ssh-rsa", "AAAAC3NzaC1lZDI1NTE5AAAAIGx0ZXN0a2V5", NULL, &u), ZZ_EAUTH);
	/* Removing a key: the security administrator only; then the key no longer logs in. */
	const char *stored = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx0ZXN0a2V5 county@pc";
	assert_int_equal(user_remove_key(t.c, admin, "county", stored), ZZ_EPERM);
	assert_int_equal(user_remove_key(t.c, sec, "county", stored), 0);
	assert_int_equal(user_remove_key(t.c, sec, "county", stored), ZZ_ENOENT);
	assert_int_equal(user_login_key(t.c, "county", "ssh-ed25519", "AAAAC3NzaC1lZDI1NTE5AAAAIGx0ZXN0a2V5", NULL, &u), ZZ_EAUTH);
	assert_int_equal(user_add_key(t.c, sec, "county", key), 0);
	/* 三员分立: the system administrator adds accounts, the security administrator locks them. */
	assert_int_equal(user_set_lock(t.c, admin, "county", true), ZZ_EPERM);
	assert_int_equal(user_set_lock(t.c, sec, "county", true), 0);
	/* Nor its own account, which could then not log in to unlock it; the refusal is audited. */
	assert_int_equal(user_set_lock(t.c, sec, "sec", true), ZZ_EPERM);
	assert_errmsg_has("不能锁定自己的账号");
	struct user *self = load(&t, "sec");
	assert_false(self->locked);
	user_free(&self);
	/* Nor remove its own last key, which its next login needs (an administrator: key, then
	 * password); one of two it may. */
	const char *sk1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx0ZXN0a2V5 sec@pc";
	const char *sk2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx0ZXN0a2V6 sec@laptop";
	assert_int_equal(user_add_key(t.c, sec, "sec", sk1), 0);
	assert_int_equal(user_remove_key(t.c, sec, "sec", sk1), ZZ_EPERM);
	assert_errmsg_has("不能删除自己的最后一个公钥");
	assert_int_equal(user_add_key(t.c, sec, "sec", sk2), 0);
	assert_int_equal(user_remove_key(t.c, sec, "sec", sk1), 0);
	self = load(&t, "sec");
	assert_int_equal(self->keys.n, 1);
	user_free(&self);
	char *slog = audit_text(&t, "sec");
	assert_non_null(strstr(slog, "user_lock\tuser:sec\trefused\t不能锁定自己的账号"));
	assert_non_null(strstr(slog, "user_key_del\tuser:sec\trefused\t不能删除自己的最后一个公钥"));
	free(slog);
	/* Without the right, the refusal comes first: neither whether a password was one of the
	 * account's recent ones (the history check) nor whether an account exists is told. */
	assert_int_equal(user_set_password(t.c, village, "county", TL_PASSWORD, true), ZZ_EPERM);
	assert_errmsg_has("无权安全管理");
	assert_int_equal(user_set_password(t.c, village, "nobody", "Other@2026pw", true), ZZ_EPERM);
	assert_int_equal(user_set_lock(t.c, village, "nobody", true), ZZ_EPERM);
	assert_int_equal(user_set_lock(t.c, sec, "nobody", true), ZZ_ENOENT);
	assert_int_equal(user_set_password(t.c, sec, "county", TL_PASSWORD, true), ZZ_EINVAL);
	assert_errmsg_has("最近 5 次");
	assert_int_equal(user_add(t.c, sec, "newone", NULL, "321204", "office", NULL, TL_PASSWORD, true), ZZ_EPERM);
	assert_int_equal(user_add(t.c, admin, "newone", NULL, "321204", "office", NULL, TL_PASSWORD, true), 0);
	/* A village office account administers nothing, not even inside its village. */
	assert_int_equal(user_add(t.c, village, "other", NULL, "321204001001", "office", NULL, TL_PASSWORD, true), ZZ_EPERM);
	/* A department account: the department's unit must exist; other roles may not sit there. */
	assert_int_equal(user_add(t.c, NULL, "dept1", NULL, "321204", "dept", "health", TL_PASSWORD, true), ZZ_ENOENT);
	assert_int_equal(user_add(t.c, NULL, "dept1", NULL, "321204-police", "office", NULL, TL_PASSWORD, true), ZZ_EINVAL);
	assert_int_equal(user_add(t.c, NULL, "dept1", NULL, "321204", "dept", "police", TL_PASSWORD, true), 0);
	u = load(&t, "dept1");
	assert_string_equal(u->unit, "321204-police");
	assert_string_equal(u->dept, "police");
	user_free(&u);
	user_free(&village);
	user_free(&sec);
	user_free(&admin);
	tl_close(&t);
}

/* user_move: the system administrator over both units; the same level, the same department. */
static void test_move(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	struct user *admin = tl_user(&t, "admin", "321204", "sysadmin", NULL);
	struct user *sec = tl_user(&t, "sec", "321204", "secadmin", NULL);
	struct user *town = tl_user(&t, "townadmin", "321204001", "sysadmin", NULL);
	user_free(&(struct user *){tl_user(&t, "grid", "321204001001001", "grid", NULL)});
	assert_int_equal(user_add(t.c, NULL, "cop", NULL, "321204", "dept", "justice", TL_PASSWORD, true), 0);
	assert_int_equal(user_move(t.c, sec, "grid", "321204001001002"), ZZ_EPERM);
	/* The township's administrator may not move it out of its township. */
	assert_int_equal(user_move(t.c, town, "grid", "321204002001001"), ZZ_EPERM);
	assert_int_equal(user_move(t.c, admin, "grid", "321204001001"), ZZ_EINVAL);
	assert_errmsg_has("同一层级");
	assert_int_equal(user_move(t.c, admin, "grid", "321204001001001"), ZZ_EINVAL);
	assert_errmsg_has("已在");
	assert_int_equal(user_move(t.c, admin, "grid", "999"), ZZ_ENOENT);
	assert_int_equal(user_move(t.c, admin, "cop", "321204-police"), ZZ_EINVAL);
	assert_errmsg_has("同一部门");
	assert_int_equal(user_move(t.c, admin, "cop", "321204001-justice"), 0);
	assert_int_equal(user_move(t.c, town, "grid", "321204001002001"), 0);
	struct user *u = load(&t, "grid");
	assert_string_equal(u->unit, "321204001002001");
	assert_string_equal(u->role, "grid");
	user_free(&u);
	char *a = audit_text(&t, "townadmin");
	assert_non_null(strstr(a, "user_move\tuser:grid\tok\t单位 321204001001001 → 321204001002001"));
	free(a);
	user_free(&admin);
	user_free(&sec);
	user_free(&town);
	tl_close(&t);
}

/* A role given by the security administrator, audited; never to or from an administrator's or a
 * department's role. */
static void test_role(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	struct user *admin = tl_user(&t, "admin", "321204", "sysadmin", NULL);
	struct user *sec = tl_user(&t, "sec", "321204", "secadmin", NULL);
	user_free(&(struct user *){tl_user(&t, "clerk", "321204001", "office", NULL)});
	assert_int_equal(user_add(t.c, NULL, "cop", NULL, "321204", "dept", "justice", TL_PASSWORD, true), 0);
	assert_int_equal(user_set_role(t.c, admin, "clerk", "leader"), ZZ_EPERM);
	assert_int_equal(user_set_role(t.c, sec, "clerk", "boss"), ZZ_EINVAL);
	assert_errmsg_has("不存在");
	assert_int_equal(user_set_role(t.c, sec, "clerk", "office"), ZZ_EINVAL);
	assert_errmsg_has("已是");
	assert_int_equal(user_set_role(t.c, sec, "clerk", "secadmin"), ZZ_EINVAL);
	assert_errmsg_has("三员分立");
	assert_int_equal(user_set_role(t.c, sec, "admin", "office"), ZZ_EINVAL);
	assert_errmsg_has("三员分立");
	assert_int_equal(user_set_role(t.c, sec, "cop", "office"), ZZ_EINVAL);
	assert_errmsg_has("部门单位");
	assert_int_equal(user_set_role(t.c, sec, "clerk", "dept"), ZZ_EINVAL);
	assert_int_equal(user_set_role(t.c, sec, "nobody", "leader"), ZZ_ENOENT);
	assert_int_equal(user_set_role(t.c, sec, "clerk", "leader"), 0);
	struct user *u = load(&t, "clerk");
	assert_string_equal(u->role, "leader");
	assert_string_equal(u->unit, "321204001");
	user_free(&u);
	char *a = audit_text(&t, "sec");
	assert_non_null(strstr(a, "user_role\tuser:clerk\tok\t角色 office → leader"));
	assert_non_null(strstr(a, "user_role\tuser:clerk\tfailed\t"));
	free(a);
	a = audit_text(&t, "admin");
	assert_non_null(strstr(a, "user_role\tuser:clerk\trefused"));
	free(a);
	user_free(&admin);
	user_free(&sec);
	tl_close(&t);
}

typedef int login_fn(struct ctx *c, const char *name, const char *pw, struct user **out);

/* CPU time of a refused login by FN as NAME with PW. */
static int64_t login_us_by(struct tl *t, login_fn *fn, const char *name, const char *pw)
{
	struct timespec a, b;
	struct user *u = NULL;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
	assert_int_equal(fn(t->c, name, pw, &u), ZZ_EAUTH);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
	return (b.tv_sec - a.tv_sec) * 1000000 + (b.tv_nsec - a.tv_nsec) / 1000;
}

static int64_t login_us(struct tl *t, const char *name)
{
	return login_us_by(t, user_login, name, "Wrong@2026x");
}

static int cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* An unknown name costs one password hash, as an account does (it cost two: ~70 ms more): CPU
 * time, which other processes do not move; medians of a few tries, with a margin of half a hash. */
static void test_unknown_names_same_time(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	user_free(&(struct user *){tl_user(&t, "county", "321204", "office", NULL)});
	user_free(&(struct user *){tl_user(&t, "sec", "321204", "secadmin", NULL)});
	enum { N = 7 };
	int64_t known[N], unknown[N], hash[N], nokey[N], nokey_unknown[N];
	for (int i = 0; i < N; i++) {
		assert_int_equal(user_set_lock(t.c, NULL, "county", false), 0);
		assert_int_equal(user_set_lock(t.c, NULL, "sec", false), 0);
		known[i] = login_us(&t, "county");
		unknown[i] = login_us(&t, i % 2 ? "nobody" : "x");
		/* Over SSH without a key: an administrator's right password costs what an unknown name does. */
		nokey[i] = login_us_by(&t, user_login_without_key, "sec", TL_PASSWORD);
		nokey_unknown[i] = login_us_by(&t, user_login_without_key, i % 2 ? "nobody" : "x", TL_PASSWORD);
		struct timespec a, b;
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
		free(user_hash_password("Wrong@2026x"));
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
		hash[i] = (b.tv_sec - a.tv_sec) * 1000000 + (b.tv_nsec - a.tv_nsec) / 1000;
	}
	qsort(known, N, sizeof known[0], cmp64);
	qsort(unknown, N, sizeof unknown[0], cmp64);
	qsort(hash, N, sizeof hash[0], cmp64);
	int64_t diff = unknown[N / 2] - known[N / 2];
	print_message("login with wrong password: account %lld us, no account %lld us, one hash %lld us\n",
		      (long long)known[N / 2], (long long)unknown[N / 2], (long long)hash[N / 2]);
	assert_true(llabs((long long)diff) < hash[N / 2] / 2);
	qsort(nokey, N, sizeof nokey[0], cmp64);
	qsort(nokey_unknown, N, sizeof nokey_unknown[0], cmp64);
	print_message("password without key: administrator %lld us, no account %lld us\n",
		      (long long)nokey[N / 2], (long long)nokey_unknown[N / 2]);
	assert_true(llabs((long long)(nokey[N / 2] - nokey_unknown[N / 2])) < hash[N / 2] / 2);
	tl_close(&t);
}

/* A password lockout (failures from three addresses: the whole account) leaves the key and the
 * server's own terminal; an administrator's lock closes both. */
static void test_key_past_password_lockout(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	struct user *sec = tl_user(&t, "sec", "321204", "secadmin", NULL);
	const char *key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx0ZXN0a2V5 sec@pc";
	assert_int_equal(user_add_key(t.c, NULL, "sec", key), 0);
	struct user *u = NULL;
	for (int i = 0; i < 6; i++) {
		snprintf(t.c->peer, sizeof t.c->peer, "10.0.0.%d", 6 + i % 3);
		assert_int_equal(user_login(t.c, "sec", "Wrong@2026x", &u), ZZ_EAUTH);
	}
	snprintf(t.c->peer, sizeof t.c->peer, "10.0.0.2");
	assert_int_equal(user_login(t.c, "sec", TL_PASSWORD, &u), ZZ_ELOCKED);
	assert_int_equal(user_login_key(t.c, "sec", "ssh-ed25519", "AAAAC3NzaC1lZDI1NTE5AAAAIGx0ZXN0a2V5", "SHA256:x", &u), 0);
	user_free(&u);
	/* Two factors: the password after the key is not held by the lockout (a wrong one still fails). */
	assert_int_equal(user_login_after_key(t.c, "sec", "Wrong@2026x", &u), ZZ_EAUTH);
	assert_int_equal(user_login_after_key(t.c, "sec", TL_PASSWORD, &u), 0);
	user_free(&u);
	t.c->peer[0] = '\0';
	assert_int_equal(user_login(t.c, "sec", TL_PASSWORD, &u), 0);
	user_free(&u);
	assert_int_equal(user_set_lock(t.c, NULL, "sec", true), 0);
	assert_int_equal(user_login_after_key(t.c, "sec", TL_PASSWORD, &u), ZZ_ELOCKED);
	assert_int_equal(user_login_key(t.c, "sec", "ssh-ed25519", "AAAAC3NzaC1lZDI1NTE5AAAAIGx0ZXN0a2V5", "SHA256:x", &u), ZZ_ELOCKED);
	user_free(&sec);
	tl_close(&t);
}

/* Over SSH without the key first: an administrator is refused with one answer whether the password
 * is right or wrong (locked or not), counted and audited once with the reason; other accounts and
 * unknown names as by user_login. */
static void test_admin_without_key(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	user_free(&(struct user *){tl_user(&t, "sec", "321204", "secadmin", NULL)});
	user_free(&(struct user *){tl_user(&t, "county", "321204", "office", NULL)});
	struct user *u = NULL;
	snprintf(t.c->peer, sizeof t.c->peer, "10.0.0.6");
	assert_int_equal(user_login_without_key(t.c, "sec", TL_PASSWORD, &u), ZZ_EAUTH);
	assert_null(u);
	assert_string_equal(errmsg(), "管理员账号须同时使用密钥和密码登录");
	assert_int_equal(user_login_without_key(t.c, "sec", "Wrong@2026x", &u), ZZ_EAUTH);
	assert_string_equal(errmsg(), "管理员账号须同时使用密钥和密码登录");
	u = load(&t, "sec");
	assert_int_equal(u->lk.nfails, 2);
	assert_int_equal(u->last_login, 0);
	user_free(&u);
	char *log = audit_text(&t, "sec");
	assert_null(strstr(log, "login\tsession\tok"));
	assert_non_null(strstr(log, "login_fail\tsession\trefused\t两步认证：只有密码，没有密钥（密码正确）\n"));
	assert_non_null(strstr(log, "login_fail\tsession\trefused\t两步认证：只有密码，没有密钥（密码错误）\n"));
	free(log);
	/* Locked from this address: the right password is not told apart either. */
	for (int i = 0; i < 3; i++)
		assert_int_equal(user_login_without_key(t.c, "sec", "Wrong@2026x", &u), ZZ_EAUTH);
	assert_int_equal(user_login_without_key(t.c, "sec", TL_PASSWORD, &u), ZZ_EAUTH);
	assert_string_equal(errmsg(), "管理员账号须同时使用密钥和密码登录");
	/* Other accounts and unknown names: as before. */
	assert_int_equal(user_login_without_key(t.c, "county", "Wrong@2026x", &u), ZZ_EAUTH);
	assert_string_equal(errmsg(), "账号或密码错误");
	assert_int_equal(user_login_without_key(t.c, "nobody", "Wrong@2026x", &u), ZZ_EAUTH);
	assert_string_equal(errmsg(), "账号或密码错误");
	assert_int_equal(user_login_without_key(t.c, "county", TL_PASSWORD, &u), 0);
	user_free(&u);
	tl_close(&t);
}

/* A name with a newline planted a key line in the account's record (user add --name); keys are
 * the security administrator's, not the account's own; a new account changes its password. */
static void test_fields_and_keys(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	struct user *admin = tl_user(&t, "admin", "321204", "sysadmin", NULL);
	struct user *county = tl_user(&t, "county", "321204", "office", NULL);
	const char *planted = "张三\nkey\tssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx0ZXN0a2V5 evil";
	assert_int_equal(user_add(t.c, admin, "zhang", planted, "321204", "office", NULL, TL_PASSWORD, false), ZZ_EINVAL);
	assert_int_equal(user_add(t.c, admin, "zhang", "张\x1b[2J三", "321204", "office", NULL, TL_PASSWORD, false), ZZ_EINVAL);
	assert_int_equal(user_add(t.c, admin, "zhang", "张\xe2\x80\xae三", "321204", "office", NULL, TL_PASSWORD, false), ZZ_EINVAL);
	assert_int_equal(user_add(t.c, admin, "zhang", "张三", "321204", "office", NULL, TL_PASSWORD, false), 0);
	/* People are named by their names; an account without one, or gone, by the account. */
	char *shown = user_display_name(t.c->st, "zhang");
	assert_string_equal(shown, "张三");
	free(shown);
	assert_int_equal(user_add(t.c, admin, "li", "", "321204", "office", NULL, TL_PASSWORD, false), 0);
	shown = user_display_name(t.c->st, "li");
	assert_string_equal(shown, "li");
	free(shown);
	shown = user_display_name(t.c->st, "gone");
	assert_string_equal(shown, "gone");
	free(shown);
	struct user *u = load(&t, "zhang");
	assert_int_equal(u->keys.n, 0);
	assert_true(u->must_change);
	user_free(&u);
	assert_int_equal(user_login(t.c, "zhang", TL_PASSWORD, &u), ZZ_EEXPIRED);
	user_free(&u);
	const char *key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx0ZXN0a2V5 county@pc";
	assert_int_equal(user_add_key(t.c, county, "county", key), ZZ_EPERM);
	assert_int_equal(user_add_key(t.c, admin, "county", key), ZZ_EPERM);
	assert_int_equal(user_add_key(t.c, NULL, "county", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx0ZXN0a2V5 a\x1b]0;x"), ZZ_EINVAL);
	user_free(&admin);
	user_free(&county);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_policy),		cmocka_unit_test(test_history_of_five),
		cmocka_unit_test(test_login_and_lockout), cmocka_unit_test(test_login_unix),
		cmocka_unit_test(test_window_and_expiry),
		cmocka_unit_test(test_keys_and_rights), cmocka_unit_test(test_unknown_names_same_time),
		cmocka_unit_test(test_key_past_password_lockout), cmocka_unit_test(test_fields_and_keys),
		cmocka_unit_test(test_move), cmocka_unit_test(test_role),
		cmocka_unit_test(test_admin_without_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
