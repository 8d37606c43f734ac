/* test_route.c — addresses matched against the unit tree: longest names, townships narrowing
 * villages, ambiguity, and the importer's scope. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "route.h"

static struct unit tree[] = {
	{.code = "32", .name = "江苏省", .parent = "", .level = LV_PROVINCE, .path = "32/"},
	{.code = "3212", .name = "泰州市", .parent = "32", .level = LV_CITY, .path = "32/3212/"},
	{.code = "321204", .name = "姜堰区", .parent = "3212", .level = LV_COUNTY, .path = "32/3212/321204/"},
	{.code = "321204-police", .name = "姜堰区公安分局", .parent = "321204", .level = LV_DEPT,
	 .path = "32/3212/321204/321204-police/", .dept = "police"},
	{.code = "321204001", .name = "三水街道", .parent = "321204", .level = LV_TOWNSHIP,
	 .path = "32/3212/321204/321204001/"},
	{.code = "321204001001", .name = "桥头社区", .parent = "321204001", .level = LV_VILLAGE,
	 .path = "32/3212/321204/321204001/321204001001/"},
	{.code = "321204001001001", .name = "桥头社区第1网格", .parent = "321204001001", .level = LV_GRID,
	 .path = "32/3212/321204/321204001/321204001001/321204001001001/"},
	{.code = "321204001002", .name = "东港村", .parent = "321204001", .level = LV_VILLAGE,
	 .path = "32/3212/321204/321204001/321204001002/"},
	{.code = "321204001003", .name = "桥头村", .parent = "321204001", .level = LV_VILLAGE,
	 .path = "32/3212/321204/321204001/321204001003/"},
	{.code = "321204002", .name = "罗塘街道", .parent = "321204", .level = LV_TOWNSHIP,
	 .path = "32/3212/321204/321204002/"},
	{.code = "321204002001", .name = "东港村", .parent = "321204002", .level = LV_VILLAGE,
	 .path = "32/3212/321204/321204002/321204002001/"},
};
static struct units us = {.v = tree, .n = (int)ARRAY_LEN(tree)};

static void check(const struct router *r, const char *addr, const char *want)
{
	const char *got = router_address(r, addr);
	if (!want) {
		if (got)
			fail_msg("%s: expected no unit, got %s", addr, got);
		return;
	}
	if (!got || strcmp(got, want) != 0)
		fail_msg("%s: expected %s, got %s", addr, want, got ? got : "(none)");
}

static void test_village_and_township(void **state)
{
	(void)state;
	struct router *r = router_new(&us, "321204");
	check(r, "姜堰区三水街道桥头社区3组5号", "321204001001");
	check(r, "桥头社区12号", "321204001001");
	/* A village named without its township is found when the name is unique. */
	check(r, "桥头村3组", "321204001003");
	check(r, "三水街道幸福路8号", "321204001");
	check(r, "外省某市某路1号", NULL);
	check(r, "", NULL);
	router_free(&r);
	assert_null(r);
}

static void test_longest_name_and_grid(void **state)
{
	(void)state;
	struct router *r = router_new(&us, "321204");
	/* The grid's name contains its village's: the grid wins. */
	check(r, "桥头社区第1网格内", "321204001001001");
	router_free(&r);
}

static void test_same_name_in_two_townships(void **state)
{
	(void)state;
	struct router *r = router_new(&us, "321204");
	check(r, "东港村5组", NULL);			/* two villages of that name: ambiguous */
	check(r, "罗塘街道东港村5组", "321204002001"); /* the township decides */
	check(r, "三水街道东港村5组", "321204001002");
	router_free(&r);
}

static void test_scope(void **state)
{
	(void)state;
	/* A township's importer routes inside its own township only. */
	struct router *r = router_new(&us, "321204002");
	check(r, "东港村5组", "321204002001");
	check(r, "三水街道桥头社区", NULL);
	router_free(&r);
}

static void test_broken_text(void **state)
{
	(void)state;
	struct router *r = router_new(&us, "321204");
	check(r, "\xff\xfe桥头社区", "321204001001");
	router_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_village_and_township), cmocka_unit_test(test_longest_name_and_grid),
		cmocka_unit_test(test_same_name_in_two_townships), cmocka_unit_test(test_scope),
		cmocka_unit_test(test_broken_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
