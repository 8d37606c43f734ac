/* test_unit_admin.c — the system administrator's unit changes from the UI: the admin right, the
 * account's scope, one level below the parent, audited (refusals too). */
#include "testlib.h"

#include "audit.h"
#include "unit_admin.h"

static int count_type(const struct audit_entry *e, void *arg)
{
	int *n = arg;
	if (!strcmp(e->type, "unit_add") && !strcmp(e->result, "refused"))
		n[0]++;
	if (!strcmp(e->type, "unit_add") && !strcmp(e->result, "ok"))
		n[1]++;
	return 0;
}

static void test_add_rename(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	struct user *town = tl_user(&t, "townadm", "321204001", "sysadmin", NULL);
	struct user *sec = tl_user(&t, "sec", "321204", "secadmin", NULL);
	assert_int_equal(unit_admin_add(t.c, town, "321204001003", "新村", "321204001"), 0);
	const struct unit *x = units_find(ctx_units(t.c), "321204001003");
	assert_non_null(x);
	assert_int_equal(x->level, LV_VILLAGE);
	/* Outside the scope, and without the admin right: refused and audited. */
	assert_int_equal(unit_admin_add(t.c, town, "321204002009", "别处", "321204002"), ZZ_EPERM);
	assert_errmsg_has("管辖范围");
	assert_int_equal(unit_admin_add(t.c, sec, "321204001004", "某村", "321204001"), ZZ_EPERM);
	assert_null(units_find(ctx_units(t.c), "321204002009"));
	assert_int_equal(unit_admin_add(t.c, town, "321204001003", "重复", "321204001"), ZZ_EEXIST);
	assert_int_equal(unit_admin_rename(t.c, town, "321204001003", "新村社区"), 0);
	assert_string_equal(units_find(ctx_units(t.c), "321204001003")->name, "新村社区");
	assert_int_equal(unit_admin_rename(t.c, town, "321204002", "改名"), ZZ_EPERM);
	int n[2] = {0, 0};
	assert_int_equal(audit_scan(t.c, 0, NULL, count_type, n), 0);
	assert_int_equal(n[0], 2);
	assert_int_equal(n[1], 1);
	user_free(&town);
	user_free(&sec);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_add_rename)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
