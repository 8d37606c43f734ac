/* test_codes.c — code tables: lookup by code or label, titles, and refused files. */
#include "testlib.h"

#include "codes.h"

static char *table_dir(struct tl *t, const char *name, const char *text)
{
	char *dir = xasprintf("%s/codes-%s", t->dir, name);
	assert_int_equal(mkdir(dir, 0700), 0);
	char *file = xasprintf("%s/%s.tsv", dir, name);
	tl_write(file, text);
	free(file);
	return dir;
}

static void test_repository_tables(void **state)
{
	(void)state;
	struct tl t;
	tl_init_conf(&t, NULL, NULL);
	char *dir = xasprintf("%s/db/codes", t.repo);
	struct codes *c = NULL;
	assert_int_equal(codes_load(&c, dir), 0);
	const struct codetable *sex = codes_find(c, "sex");
	assert_non_null(sex);
	assert_string_equal(sex->title, "性别（GB/T 2261.1）");
	assert_string_equal(codetable_lookup(sex, "1")->label, "男");
	assert_string_equal(codetable_lookup(sex, "女")->code, "2");
	assert_null(codetable_lookup(sex, "3"));
	assert_string_equal(codetable_label(sex, "2"), "女");
	assert_string_equal(codetable_label(sex, "7"), "7"); /* unknown codes show as themselves */
	assert_null(codes_find(c, "nosuch"));
	for (int i = 1; i < c->n; i++)
		assert_true(strcmp(c->t[i - 1]->name, c->t[i]->name) < 0);
	codes_free(&c);
	assert_null(c);
	free(dir);
	tl_close(&t);
}

static void test_refused(void **state)
{
	(void)state;
	struct tl t;
	tl_init_conf(&t, NULL, NULL);
	static const struct {
		const char *name, *text, *reason;
	} bad[] = {
		{"notab", "#title 测试\n1\t一\n2 二\n", ":3: 应为“代码<TAB>名称”"},
		{"dupcode", "1\t一\n1\t壹\n", ":2: 代码或名称重复"},
		{"duplabel", "1\t一\n2\t一\n", ":2: 代码或名称重复"},
		{"empty", "#title 空\n# nothing\n", "代码表为空"},
		{"gbk", "1\t\xd6\xd0\n", ":1: 不是有效的 UTF-8"},
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		char *dir = table_dir(&t, bad[i].name, bad[i].text);
		struct codes *c = NULL;
		assert_int_equal(codes_load(&c, dir), ZZ_EINVAL);
		assert_null(c);
		assert_errmsg_has(bad[i].name);
		assert_errmsg_has(bad[i].reason);
		free(dir);
	}
	struct codes *c = NULL;
	assert_int_equal(codes_load(&c, "/nonexistent"), ZZ_EINVAL);
	tl_close(&t);
}

static void test_title_defaults_to_name(void **state)
{
	(void)state;
	struct tl t;
	tl_init_conf(&t, NULL, NULL);
	char *dir = table_dir(&t, "level", "# comment\n\n1\t高\r\n2\t低\n");
	struct codes *c = NULL;
	assert_int_equal(codes_load(&c, dir), 0);
	const struct codetable *lv = codes_find(c, "level");
	assert_string_equal(lv->title, "level");
	assert_int_equal(lv->n, 2);
	assert_string_equal(lv->v[0].label, "高"); /* CR of CRLF files dropped */
	codes_free(&c);
	free(dir);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_repository_tables),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_title_defaults_to_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
