/* test_claim.c — where an imported row goes (claim_target): pending at its village with the grid
 * suggested, at its township, back to the importer when it names nothing it may route to; an
 * importer at village level takes its rows at once (R-CL-1). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "claim.h"

static struct unit tree[] = {
	{.code = "321204", .name = "姜堰区", .parent = "", .level = LV_COUNTY, .path = "321204/"},
	{.code = "321204-police", .name = "姜堰区公安分局", .parent = "321204", .level = LV_DEPT,
	 .path = "321204/321204-police/", .dept = "police"},
	{.code = "321204001", .name = "三水街道", .parent = "321204", .level = LV_TOWNSHIP, .path = "321204/321204001/"},
	{.code = "321204001-police", .name = "三水派出所", .parent = "321204001", .level = LV_DEPT,
	 .path = "321204/321204001/321204001-police/", .dept = "police"},
	{.code = "321204001001", .name = "桥头社区", .parent = "321204001", .level = LV_VILLAGE,
	 .path = "321204/321204001/321204001001/"},
	{.code = "321204001001001", .name = "第1网格", .parent = "321204001001", .level = LV_GRID,
	 .path = "321204/321204001/321204001001/321204001001001/"},
	{.code = "321204002", .name = "罗塘街道", .parent = "321204", .level = LV_TOWNSHIP, .path = "321204/321204002/"},
};
static struct units us = {.v = tree, .n = (int)ARRAY_LEN(tree)};

static void target(const char *scope, const char *importer, const char *t, int want_state, const char *want_unit,
		   const char *want_grid)
{
	int state;
	const char *unit, *grid;
	claim_target(&us, scope, importer, t, &state, &unit, &grid);
	assert_int_equal(state, want_state);
	assert_string_equal(unit, want_unit);
	if (want_grid)
		assert_string_equal(grid, want_grid);
	else
		assert_null(grid);
}

static void test_county_police(void **state)
{
	(void)state;
	const char *s = "321204", *p = "321204-police";
	target(s, p, "321204001001001", REC_PENDING, "321204001001", "321204001001001");
	target(s, p, "321204001001", REC_PENDING, "321204001001", NULL);
	target(s, p, "321204001", REC_PENDING, "321204001", NULL);
	target(s, p, NULL, REC_UNROUTED, p, NULL);
	target(s, p, "999", REC_UNROUTED, p, NULL);		 /* no such unit */
	target(s, p, "321204", REC_UNROUTED, p, NULL);		 /* its own level */
	target(s, p, "321204001-police", REC_UNROUTED, p, NULL); /* a department is not a place */
}

static void test_township_station(void **state)
{
	(void)state;
	const char *s = "321204001", *p = "321204001-police";
	target(s, p, "321204001001", REC_PENDING, "321204001001", NULL);
	target(s, p, "321204002", REC_UNROUTED, p, NULL); /* another township: not its scope */
	target(s, p, "321204001", REC_UNROUTED, p, NULL);
}

static void test_village_importer(void **state)
{
	(void)state;
	target("321204001001", "321204001001", "321204001001001", REC_ACTIVE, "321204001001001", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_county_police),
		cmocka_unit_test(test_township_station),
		cmocka_unit_test(test_village_importer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
