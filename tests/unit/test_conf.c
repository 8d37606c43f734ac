/* test_conf.c — settings are checked against conf_table[] at load: a missing setting, a value of
 * the wrong type, one out of range and a syntax error are refused with file and line; the fuzzer's
 * seed holds every setting. */
#include "testlib.h"

#include "conf.h"

static char *confdir_file(struct tl *t, const char *name)
{
	return xasprintf("%s/conf/%s", t->dir, name);
}

static void test_good(void **state)
{
	(void)state;
	struct tl t;
	tl_init_conf(&t, NULL, NULL);
	struct conf *c = NULL;
	assert_int_equal(conf_load(&c, t.conf), 0);
	assert_int_equal(conf_int(c, "security.lockout.failures"), 5);
	assert_int_equal(conf_int(c, "security.password.history"), 5);
	assert_true(conf_bool(c, "security.unmask_audit"));
	assert_int_equal(conf_int(c, "ui.list_narrow_max"), 50000);
	assert_int_equal(conf_int(c, "repl.checkpoint_delay_s"), 0);
	char *home = conf_path(c, "paths.home");
	char *expect = xasprintf("%s/var/db", t.dir);
	assert_string_equal(home, expect);
	free(home);
	free(expect);
	/* Every row of the table is present in the shipped files. */
	for (int i = 0; i < conf_table_len; i++)
		assert_non_null(conf_setting(c, conf_table[i].path));
	conf_free(&c);
	assert_null(c);
	conf_free(&c);
	tl_close(&t);
}

static void test_missing(void **state)
{
	(void)state;
	struct tl t;
	tl_init_conf(&t, "cache_mb = 1024;", "");
	struct conf *c = NULL;
	assert_int_equal(conf_load(&c, t.conf), ZZ_EINVAL);
	assert_null(c);
	assert_errmsg_has("缺少设置 db.cache_mb");
	char *where = xasprintf("zongzhi.cfg:%d:", tl_line_of(t.conf, "db = {"));
	assert_errmsg_has(where);
	free(where);
	tl_close(&t);
}

static void test_bad_type(void **state)
{
	(void)state;
	struct tl t;
	tl_init_conf(&t, "cache_mb = 1024;", "cache_mb = \"big\";");
	struct conf *c = NULL;
	assert_int_equal(conf_load(&c, t.conf), ZZ_EINVAL);
	char *where = xasprintf("zongzhi.cfg:%d:", tl_line_of(t.conf, "cache_mb = \"big\""));
	assert_errmsg_has(where);
	assert_errmsg_has("db.cache_mb 的类型不对");
	free(where);
	tl_close(&t);
}

static void test_out_of_range(void **state)
{
	(void)state;
	struct tl t;
	tl_init_conf(&t, "min_length = 8;", "min_length = 3;");
	struct conf *c = NULL;
	assert_int_equal(conf_load(&c, t.conf), ZZ_EINVAL);
	/* The setting lives in an @include'd file: that file is named. */
	char *sec = confdir_file(&t, "security.cfg");
	char *where = xasprintf("security.cfg:%d:", tl_line_of(sec, "min_length = 3"));
	assert_errmsg_has(where);
	assert_errmsg_has("security.password.min_length = 3 超出范围 6..128");
	free(where);
	free(sec);
	tl_close(&t);
}

/* Limits that were constants in code: each refused past its range, in its own file. */
static void test_limits_range(void **state)
{
	(void)state;
	const char *const cases[][4] = {
		{"list_narrow_max = 50000;", "list_narrow_max = -1;", "ui.cfg", "ui.list_narrow_max = -1 超出范围 0..10000000"},
		{"checkpoint_delay_s = 0;", "checkpoint_delay_s = 601;", "repl.cfg",
		 "repl.checkpoint_delay_s = 601 超出范围 0..600"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct tl t;
		tl_init_conf(&t, cases[i][0], cases[i][1]);
		struct conf *c = NULL;
		assert_int_equal(conf_load(&c, t.conf), ZZ_EINVAL);
		char *file = confdir_file(&t, cases[i][2]);
		char *where = xasprintf("%s:%d:", cases[i][2], tl_line_of(file, cases[i][1]));
		assert_errmsg_has(where);
		assert_errmsg_has(cases[i][3]);
		free(where);
		free(file);
		tl_close(&t);
	}
}

static void test_syntax(void **state)
{
	(void)state;
	struct tl t;
	tl_init_conf(&t, "log_mb = 64;", "log_mb = ;");
	struct conf *c = NULL;
	assert_int_equal(conf_load(&c, t.conf), ZZ_EINVAL);
	char *where = xasprintf("zongzhi.cfg:%d:", tl_line_of(t.conf, "log_mb = ;"));
	assert_errmsg_has(where);
	free(where);
	tl_close(&t);
}

static void test_missing_file(void **state)
{
	(void)state;
	struct conf *c = NULL;
	assert_int_equal(conf_load(&c, "/nonexistent/zongzhi.cfg"), ZZ_EINVAL);
	assert_errmsg_has("/nonexistent/zongzhi.cfg");
	assert_null(c);
}

/* The seed of fuzz_conf (tests/fuzz/conf_seed.sh) loads, every setting in it: one missing would be
 * refused there, and the fuzzer would not reach the checks of the settings after it. */
static void test_fuzz_seed(void **state)
{
	(void)state;
	char *repo = tl_find_repo();
	char *seed = xasprintf("%s/tests/fuzz/corpus/conf/zongzhi.cfg", repo);
	struct conf *c = NULL;
	if (conf_load(&c, seed) < 0)
		fail_msg("%s (run tests/fuzz/conf_seed.sh)", errmsg());
	assert_int_equal(conf_int(c, "modules.patrol.window_days"), 30);
	for (int i = 0; i < conf_table_len; i++)
		assert_non_null(conf_setting(c, conf_table[i].path));
	conf_free(&c);
	free(seed);
	free(repo);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),	     cmocka_unit_test(test_missing), cmocka_unit_test(test_bad_type),
		cmocka_unit_test(test_out_of_range), cmocka_unit_test(test_syntax),  cmocka_unit_test(test_limits_range),
		cmocka_unit_test(test_missing_file), cmocka_unit_test(test_fuzz_seed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
