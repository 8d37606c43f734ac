/* test_maint.c — maintenance mode's state (9.4, R-AC-4): set, read back, cleared; a damaged file
 * still counts as on; reasons bounded and free of control characters (they reach other people's
 * terminals); only the security administrator's role (and the console) is exempt. */
#include "testlib.h"

#include "maint.h"
#include "service.h"

static void test_set_get_clear(void **state)
{
	struct tl *t = *state;
	struct maint m;
	assert_int_equal(maint_get(t->c->home, &m), 0);
	struct maint on = {.since = 1796000000};
	snprintf(on.by, sizeof on.by, "secadmin");
	snprintf(on.reason, sizeof on.reason, "入侵排查：异常登录");
	assert_int_equal(maint_set(t->c->home, &on), 0);
	assert_int_equal(maint_get(t->c->home, &m), 1);
	assert_int_equal(m.since, 1796000000);
	assert_string_equal(m.by, "secadmin");
	assert_string_equal(m.reason, "入侵排查：异常登录");
	assert_int_equal(maint_clear(t->c->home), 0);
	assert_int_equal(maint_get(t->c->home, &m), 0);
	assert_int_equal(maint_clear(t->c->home), 0);
}

/* A damaged state file keeps the doors closed rather than opening them. */
static void test_damaged_file_is_on(void **state)
{
	struct tl *t = *state;
	char *path = xasprintf("%s/maintenance", t->c->home);
	tl_write(path, "garbage");
	struct maint m;
	assert_int_equal(maint_get(t->c->home, &m), 1);
	assert_non_null(strstr(m.reason, "损坏"));
	free(path);
	assert_int_equal(maint_clear(t->c->home), 0);
}

static void test_reason(void **state)
{
	(void)state;
	assert_int_equal(maint_check_reason("数据库异常，排查中"), 0);
	assert_int_equal(maint_check_reason(NULL), ZZ_EINVAL);
	assert_int_equal(maint_check_reason(""), ZZ_EINVAL);
	assert_int_equal(maint_check_reason("a\033[2Jb"), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "控制字符"));
	assert_int_equal(maint_check_reason("a\tb"), ZZ_EINVAL);
	assert_int_equal(maint_check_reason("a\x7f"), ZZ_EINVAL);
	assert_int_equal(maint_check_reason("a\xc2\x9b" "2J"), ZZ_EINVAL); /* C1 CSI */
	assert_int_equal(maint_check_reason("\xff\xfe"), ZZ_EINVAL);
	char big[MAINT_REASON_MAX + 2];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(maint_check_reason(big), ZZ_EINVAL);
	big[MAINT_REASON_MAX] = '\0';
	assert_int_equal(maint_check_reason(big), 0);
}

/* R-AC-4: the security administrator and the console work on; the others are refused with the reason. */
static void test_refuse(void **state)
{
	struct tl *t = *state;
	struct user *sec = tl_user(t, "sec", "321204", "secadmin", NULL);
	struct user *admin = tl_user(t, "admin", "321204", "sysadmin", NULL);
	struct user *village = tl_user(t, "village", "321204001001", "office", NULL);
	assert_int_equal(maint_refuse(t->c, village), 0);
	struct maint on = {.since = 1};
	snprintf(on.by, sizeof on.by, "sec");
	snprintf(on.reason, sizeof on.reason, "排查");
	assert_int_equal(maint_set(t->c->home, &on), 0);
	assert_int_equal(maint_refuse(t->c, sec), 0);
	assert_int_equal(maint_refuse(t->c, &service_console), 0);
	assert_int_equal(maint_refuse(t->c, admin), ZZ_EPERM);
	assert_int_equal(maint_refuse(t->c, village), ZZ_EPERM);
	assert_non_null(strstr(errmsg(), "原因：排查"));
	user_free(&sec);
	user_free(&admin);
	user_free(&village);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_set_get_clear, tl_tree_setup, tl_state_teardown),
		cmocka_unit_test_setup_teardown(test_damaged_file_is_on, tl_tree_setup, tl_state_teardown),
		cmocka_unit_test_setup_teardown(test_reason, tl_tree_setup, tl_state_teardown),
		cmocka_unit_test_setup_teardown(test_refuse, tl_tree_setup, tl_state_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
