/* test_policy.c — the security administrator's password and lockout policy: the database's value
 * overrides conf's for every reader (the password check, the lockout), the range of conf_table[]
 * is enforced, and only the security right may change it (a refusal audited). */
#include "testlib.h"

#include "audit.h"
#include "lockout.h"
#include "policy.h"

static int audit_line(const struct audit_entry *e, void *arg)
{
	sb_addf(arg, "%s\t%s\t%s\t%s\t%s\n", e->user, e->type, e->object, e->result, e->detail);
	return 0;
}

static char *audit_text(struct tl *t)
{
	struct sb sb;
	sb_init(&sb);
	assert_int_equal(audit_scan(t->c, 0, NULL, audit_line, &sb), 0);
	return sb_steal(&sb);
}

static void test_override(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	struct user *sec = tl_user(&t, "sec", "321204", "secadmin", NULL);
	struct user *u = tl_user(&t, "county", "321204", "office", NULL);
	struct policy_value v;
	assert_int_equal(policy_get(t.c, "security.password.min_length", &v), 0);
	assert_false(v.changed);
	assert_int_equal(v.value, 8);
	assert_int_equal(v.min, 6);
	assert_int_equal(v.max, 128);
	assert_int_equal(user_password_policy(t.c, u, "abcdefGH12"), 0);

	assert_int_equal(policy_set(t.c, sec, "security.password.min_length", "12"), 0);
	assert_int_equal(policy_int(t.c, NULL, "security.password.min_length"), 12);
	assert_int_equal(conf_int(t.c->conf, "security.password.min_length"), 8); /* the default stays */
	assert_int_equal(user_password_policy(t.c, u, "abcdefGH12"), ZZ_EINVAL);
	assert_string_equal(errmsg(), "密码至少 12 位");
	assert_int_equal(user_password_policy(t.c, u, "abcdefGH1234"), 0);
	assert_int_equal(policy_get(t.c, "security.password.min_length", &v), 0);
	assert_true(v.changed);
	assert_int_equal(v.conf, 8);
	assert_string_equal(v.by, "sec");
	assert_true(v.at > 0);

	/* The lockout reads the same way. */
	assert_int_equal(policy_set(t.c, sec, "security.lockout.lock_min", "45"), 0);
	struct lockout_policy p;
	lockout_policy(&p, t.c, NULL);
	assert_int_equal(p.lock_s, 45 * 60);
	assert_int_equal(p.failures, conf_int(t.c->conf, "security.lockout.failures"));

	char *aud = audit_text(&t);
	assert_non_null(strstr(aud, "sec\tpolicy_set\tpolicy:security.password.min_length\tok\t密码最短位数：8 → 12\n"));
	assert_non_null(strstr(aud, "sec\tpolicy_set\tpolicy:security.lockout.lock_min\tok\t锁定时长（分钟）：30 → 45\n"));
	free(aud);
	user_free(&u);
	user_free(&sec);
	tl_close(&t);
}

static void test_range(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	struct user *sec = tl_user(&t, "sec", "321204", "secadmin", NULL);
	long long v = 0;
	assert_int_equal(policy_parse(t.c, "security.password.min_length", "6", &v), 0);
	assert_int_equal(v, 6);
	assert_int_equal(policy_parse(t.c, "security.password.min_length", "128", &v), 0);
	assert_int_equal(policy_parse(t.c, "security.password.min_length", "5", &v), ZZ_EINVAL);
	assert_string_equal(errmsg(), "5 超出范围：密码最短位数须在 6 到 128 之间");
	assert_int_equal(policy_parse(t.c, "security.password.min_length", "129", &v), ZZ_EINVAL);
	assert_int_equal(policy_parse(t.c, "security.password.min_length", "-1", &v), ZZ_EINVAL);
	assert_int_equal(policy_parse(t.c, "security.password.min_length", "12a", &v), ZZ_EINVAL);
	assert_string_equal(errmsg(), "请输入整数：密码最短位数须在 6 到 128 之间");
	assert_int_equal(policy_parse(t.c, "security.password.min_length", "", &v), ZZ_EINVAL);
	assert_int_equal(policy_parse(t.c, "security.password.min_length", "99999999999999999999999", &v), ZZ_EINVAL);
	/* Only the numbers of the policy: the PCRE2 classes and other settings are not. */
	assert_int_equal(policy_parse(t.c, "security.password.classes", "1", &v), ZZ_ENOENT);
	assert_int_equal(policy_parse(t.c, "db.cache_mb", "1", &v), ZZ_ENOENT);
	/* No more classes than the settings file defines (four): five refused every password. */
	assert_int_equal(policy_parse(t.c, "security.password.min_classes", "4", &v), 0);
	assert_int_equal(policy_parse(t.c, "security.password.min_classes", "5", &v), ZZ_EINVAL);
	assert_string_equal(errmsg(), "5 超出范围：密码须含几类字符（大小写数字符号）须在 0 到 4 之间");
	struct policy_value pv = {0};
	assert_int_equal(policy_get(t.c, "security.password.min_classes", &pv), 0);
	assert_int_equal(pv.max, 4);
	assert_int_equal(policy_set(t.c, sec, "security.password.min_classes", "5"), ZZ_EINVAL);
	assert_int_equal(policy_int(t.c, NULL, "security.password.min_classes"),
			 conf_int(t.c->conf, "security.password.min_classes"));
	/* A refused value changes nothing. */
	assert_int_equal(policy_set(t.c, sec, "security.lockout.failures", "0"), ZZ_EINVAL);
	assert_int_equal(policy_int(t.c, NULL, "security.lockout.failures"),
			 conf_int(t.c->conf, "security.lockout.failures"));
	user_free(&sec);
	tl_close(&t);
}

static void test_refused(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	struct user *adm = tl_user(&t, "adm", "321204", "sysadmin", NULL);
	struct user *aud = tl_user(&t, "aud", "321204", "auditor", NULL);
	assert_int_equal(policy_set(t.c, adm, "security.password.min_length", "12"), ZZ_EPERM);
	assert_int_equal(policy_set(t.c, aud, "security.password.min_length", "12"), ZZ_EPERM);
	assert_int_equal(policy_int(t.c, NULL, "security.password.min_length"), 8);
	struct policy_value v;
	assert_int_equal(policy_get(t.c, "security.password.min_length", &v), 0);
	assert_false(v.changed);
	char *text = audit_text(&t);
	assert_non_null(strstr(text, "adm\tpolicy_set\tpolicy:security.password.min_length\trefused\t"));
	assert_non_null(strstr(text, "aud\tpolicy_set\tpolicy:security.password.min_length\trefused\t"));
	free(text);
	user_free(&adm);
	user_free(&aud);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_override),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
