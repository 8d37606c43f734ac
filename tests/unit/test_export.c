/* test_export.c — export_csv asks perm_check (the console is a role it knows): an account's refusal
 * is audited before anything is written; the console's unknown unit is an error, not a refusal. */
#include "testlib.h"

#include "audit.h"
#include "export.h"

static uint64_t audited(struct tl *t)
{
	uint64_t n = 0;
	assert_int_equal(audit_verify(t->c, &n), 0);
	return n;
}

static void test_refusals(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	char a[19];
	tl_idnum("32120419800101001", a);
	assert_int_equal(tl_household(&t, NULL, a, "张三", "321204001001001", NULL), 0);
	const struct rtype *h = schema_type(t.c->schema, "household");
	struct user *other = tl_user(&t, "other", "321204002", "office", NULL);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	long n = -1;

	uint64_t before = audited(&t);
	assert_int_equal(export_csv(t.c, &service_console, h, "329999", out, &n), ZZ_EINVAL);
	assert_errmsg_has("单位 329999 不存在");
	assert_int_equal(audited(&t), before);

	assert_int_equal(export_csv(t.c, other, h, "321204001", out, &n), ZZ_EPERM);
	assert_int_equal(audited(&t), before + 1);

	assert_int_equal(export_csv(t.c, &service_console, h, "321204001", out, &n), 0);
	assert_int_equal(n, 1);
	fclose(out);
	assert_non_null(strstr(buf, "张三"));
	free(buf);
	user_free(&other);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
