/* test_mass.c — the pure rules of mass incidents (R-EV-8): when the first report is due, which
 * days owe a 续报, what counts as a mass incident. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "mass.h"

static struct calendar *cal;

static int day(const char *s)
{
	int d;
	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

static void test_rev8_first_due(void **state)
{
	(void)state;
	time_t t;
	assert_int_equal(datetime_parse("2026-04-01 06:00:00", &t), 0);
	time_t due;
	assert_int_equal(datetime_parse("2026-04-01 08:00:00", &due), 0);
	assert_int_equal(mass_first_due((int64_t)t, 2), (int64_t)due);
	/* Hours, not working days: a Saturday incident is due on Saturday. */
	assert_int_equal(datetime_parse("2026-04-04 23:30:00", &t), 0);
	assert_int_equal(datetime_parse("2026-04-05 01:30:00", &due), 0);
	assert_int_equal(mass_first_due((int64_t)t, 2), (int64_t)due);
}

static void test_rev8_day_due(void **state)
{
	(void)state;
	int reg = day("2026-04-02");
	/* Not the day of registration (its first report), then each working day while open. */
	assert_false(mass_day_due(cal, reg, reg));
	assert_true(mass_day_due(cal, reg, day("2026-04-03")));
	/* The Qingming holiday 4.4-4.6 owes none. */
	assert_false(mass_day_due(cal, reg, day("2026-04-04")));
	assert_false(mass_day_due(cal, reg, day("2026-04-06")));
	assert_true(mass_day_due(cal, reg, day("2026-04-07")));
}

static void test_rev8_kind(void **state)
{
	(void)state;
	assert_false(mass_is(NULL));
	assert_string_equal(MASS_KIND, "2");
}

static int setup(void **state)
{
	(void)state;
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	config_t cfg;
	config_init(&cfg);
	assert_int_equal(config_read_file(&cfg, "conf/calendar.cfg"), CONFIG_TRUE);
	int rc = calendar_load(config_lookup(&cfg, "calendar"), &cal);
	config_destroy(&cfg);
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	calendar_free(&cal);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rev8_first_due),
	    cmocka_unit_test(test_rev8_day_due),
	    cmocka_unit_test(test_rev8_kind),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
