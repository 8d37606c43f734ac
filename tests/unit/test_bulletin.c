/* test_bulletin.c — the ranking of the monthly bulletin (R-RP-4): missing daily reports first rank
 * a unit down, then problems, then activity, then the code. */
#include "testlib.h"

#include "bulletin.h"

static struct bl_row row(const char *unit, long added, long daily, long late, long red)
{
	struct bl_row r = {.unit = (char *)unit};
	r.n[BL_ADDED] = added;
	r.n[BL_DAILY] = daily;
	r.n[BL_LATE] = late;
	r.n[BL_RED] = red;
	return r;
}

static void test_rank_daily_first(void **state)
{
	(void)state;
	/* R-RP-4: the busiest unit with one missing daily report ranks below a quiet one without.
	 */
	struct bl_row v[] = {row("a", 100, 1, 0, 0), row("b", 0, 0, 0, 0), row("c", 50, 3, 0, 0),
			     row("d", 5, 0, 2, 0)};
	bulletin_rank(v, 4);
	assert_string_equal(v[0].unit, "b");
	assert_string_equal(v[1].unit, "d");
	assert_string_equal(v[2].unit, "a");
	assert_string_equal(v[3].unit, "c");
	for (int i = 0; i < 4; i++)
		assert_int_equal(v[i].rank, i + 1);
}

static void test_rank_problems_activity_code(void **state)
{
	(void)state;
	struct bl_row v[] = {row("z", 10, 0, 0, 1), row("y", 3, 0, 0, 0), row("x", 9, 0, 0, 0),
			     row("w", 9, 0, 0, 0)};
	v[1].n[BL_LOGINS] = 7; /* y: 3 + 7 = 10 of activity */
	bulletin_rank(v, 4);
	assert_string_equal(v[0].unit, "y"); /* no problem, most activity */
	assert_string_equal(v[1].unit, "w"); /* a tie with x: by code */
	assert_string_equal(v[2].unit, "x");
	assert_string_equal(v[3].unit, "z"); /* a red card */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rank_daily_first),
	    cmocka_unit_test(test_rank_problems_activity_code),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
