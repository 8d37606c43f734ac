/* test_period.c — which units and days a sensitive period covers (R-EV-8, 6.4.3.7 零报告). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "period.h"

static struct unit tree[] = {
    {.code = "321204", .name = "姜堰区", .parent = "", .path = "321204/", .level = LV_COUNTY},
    {.code = "321204001",
     .name = "三水街道",
     .parent = "321204",
     .path = "321204/321204001/",
     .level = LV_TOWNSHIP},
    {.code = "321204001001",
     .name = "桥头社区",
     .parent = "321204001",
     .path = "321204/321204001/321204001001/",
     .level = LV_VILLAGE},
    {.code = "321204002",
     .name = "梁徐街道",
     .parent = "321204",
     .path = "321204/321204002/",
     .level = LV_TOWNSHIP},
};
static const struct units us = {.v = tree, .n = (int)ARRAY_LEN(tree)};

static int day(const char *s)
{
	int d;
	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

static void test_rev8_period_covers(void **state)
{
	(void)state;
	struct period p = {
	    .from = day("2026-04-03"), .to = day("2026-04-05"), .scope = "321204001"};
	/* Every day of it, days off included, for the scope and the units below it. */
	assert_true(period_covers(&us, &p, "321204001", day("2026-04-03")));
	assert_true(period_covers(&us, &p, "321204001001", day("2026-04-04")));
	assert_true(period_covers(&us, &p, "321204001001", day("2026-04-05")));
	assert_false(period_covers(&us, &p, "321204001001", day("2026-04-06")));
	assert_false(period_covers(&us, &p, "321204001001", day("2026-04-02")));
	/* Not the unit above nor a sibling. */
	assert_false(period_covers(&us, &p, "321204", day("2026-04-04")));
	assert_false(period_covers(&us, &p, "321204002", day("2026-04-04")));
	/* In force at all that day. */
	assert_true(period_covers(&us, &p, NULL, day("2026-04-04")));
	/* Ended before it began: never. */
	struct period gone = {
	    .from = day("2026-04-10"), .to = day("2026-04-09"), .scope = "321204"};
	assert_false(period_covers(&us, &gone, NULL, day("2026-04-10")));
	struct period v[2] = {gone, p};
	assert_true(periods_cover(&us, v, 2, "321204001001", day("2026-04-04")));
	assert_false(periods_cover(&us, v, 2, "321204002", day("2026-04-04")));
	assert_false(periods_cover(&us, v, 0, NULL, day("2026-04-04")));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rev8_period_covers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
