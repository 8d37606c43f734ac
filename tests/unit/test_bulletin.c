/* test_bulletin.c — the ranking of the monthly bulletin (R-RP-4): missing daily reports first rank
 * a unit down, then problems, then activity, then the code; who may publish it. */
#include "testlib.h"

#include <time.h>

#include "bulletin.h"
#include "stats.h"

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

/* R-RP-4: the county's office publishes; the one rule the screen's P and the publishing share. */
static void test_may_publish(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	struct user *county = tl_user(&t, "county", "321204", "office", NULL);
	struct user *town = tl_user(&t, "town", "321204001", "office", NULL);
	struct user *leader = tl_user(&t, "leader", "321204", "leader", NULL);
	assert_true(bulletin_may_publish(t.c, county));
	assert_false(bulletin_may_publish(t.c, town));
	assert_false(bulletin_may_publish(t.c, leader));
	assert_false(bulletin_may_publish(t.c, &service_console));
	assert_int_equal(bulletin_publish(t.c, town, "2026-03"), ZZ_EPERM);
	assert_int_equal(bulletin_publish(t.c, leader, "2026-03"), ZZ_EPERM);
	assert_int_equal(bulletin_publish(t.c, county, "2026-03"), 0);
	/* Only a month that is over: published, the figures of its first days would stay for good.
	 */
	char cur[8];
	stats_month((int64_t)time(NULL), cur);
	assert_int_equal(bulletin_publish(t.c, county, cur), ZZ_EINVAL);
	assert_errmsg_has("还没有结束");
	assert_int_equal(bulletin_publish(t.c, county, "2099-01"), ZZ_EINVAL);
	struct tm last = {.tm_year = 126,
			  .tm_mon = 3,
			  .tm_mday = 30,
			  .tm_hour = 23,
			  .tm_min = 59,
			  .tm_isdst = -1};
	struct tm first = {.tm_year = 126, .tm_mon = 4, .tm_mday = 1, .tm_isdst = -1};
	assert_int_equal(bulletin_month_over("2026-04", (int64_t)mktime(&last)), ZZ_EINVAL);
	assert_errmsg_has("须在 2026-05-01 以后发布");
	assert_int_equal(bulletin_month_over("2026-04", (int64_t)mktime(&first)), 0);
	assert_int_equal(bulletin_month_over("2026-12", (int64_t)mktime(&first)), ZZ_EINVAL);
	user_free(&county);
	user_free(&town);
	user_free(&leader);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rank_daily_first),
	    cmocka_unit_test(test_rank_problems_activity_code),
	    cmocka_unit_test(test_may_publish),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
