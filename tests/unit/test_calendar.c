/* test_calendar.c — working days (R-WD-1) and deadlines in working days (R-WD-2). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "calendar.h"

static struct calendar *cal_from(const char *text)
{
	config_t cfg;
	config_init(&cfg);
	assert_int_equal(config_read_string(&cfg, text), CONFIG_TRUE);
	struct calendar *c = NULL;
	int rc = calendar_load(config_lookup(&cfg, "calendar"), &c);
	config_destroy(&cfg);
	return rc == 0 ? c : NULL;
}

/* The shipped calendar, conf/calendar.cfg. */
static struct calendar *cal_shipped(void)
{
	config_t cfg;
	config_init(&cfg);
	assert_int_equal(config_read_file(&cfg, "conf/calendar.cfg"), CONFIG_TRUE);
	struct calendar *c = NULL;
	assert_int_equal(calendar_load(config_lookup(&cfg, "calendar"), &c), 0);
	config_destroy(&cfg);
	return c;
}

static int day(const char *s)
{
	int d;
	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

static int64_t at(const char *s)
{
	time_t t;
	assert_int_equal(datetime_parse(s, &t), 0);
	return (int64_t)t;
}

static void assert_time(int64_t t, const char *want)
{
	char b[20];
	datetime_format((time_t)t, b);
	assert_string_equal(b, want);
}

/* R-WD-1: Monday to Friday, except holidays, plus make-up days on weekends. */
static void test_rwd1_kinds(void **state)
{
	(void)state;
	struct calendar *c = cal_shipped();
	const char *name = NULL;
	assert_int_equal(calendar_kind(c, day("2026-04-03"), &name), CAL_WORKDAY);
	assert_null(name);
	assert_int_equal(calendar_kind(c, day("2026-03-28"), NULL), CAL_WEEKEND);
	assert_int_equal(calendar_kind(c, day("2026-04-06"), &name), CAL_HOLIDAY); /* a Monday */
	assert_string_equal(name, "清明节");
	assert_int_equal(calendar_kind(c, day("2026-02-14"), &name), CAL_MAKEUP); /* a Saturday worked */
	assert_string_equal(name, "春节");
	assert_true(calendar_is_workday(c, day("2026-02-14")));
	assert_true(calendar_is_workday(c, day("2026-01-04")));
	assert_false(calendar_is_workday(c, day("2026-10-07")));
	assert_true(calendar_is_workday(c, day("2026-10-10")));
	assert_false(calendar_is_workday(c, day("2025-02-04")));
	assert_true(calendar_is_workday(c, day("2025-02-08")));
	bool prov = true;
	assert_true(calendar_has_year(c, 2026, &prov));
	assert_false(prov);
	assert_true(calendar_has_year(c, 2027, &prov));
	assert_true(prov);
	assert_false(calendar_has_year(c, 2030, NULL));
	/* A year without a notice: weekdays only. */
	assert_true(calendar_is_workday(c, day("2030-01-01")));
	calendar_free(&c);
	assert_null(c);
}

/* R-WD-2: the same clock time N working days later, across weekends and holidays. */
static void test_rwd2_same_time(void **state)
{
	(void)state;
	struct calendar *c = cal_shipped();
	/* Friday afternoon before 清明 (4.4–4.6): one working day is Tuesday, same time. */
	assert_time(calendar_add(c, at("2026-04-03 15:00:00"), 1), "2026-04-07 15:00:00");
	assert_time(calendar_add(c, at("2026-04-03 15:00:00"), 2), "2026-04-08 15:00:00");
	/* An ordinary week: Friday + 1 is Monday. */
	assert_time(calendar_add(c, at("2026-03-20 09:30:00"), 1), "2026-03-23 09:30:00");
	/* Before 春节: the make-up Saturday 2.14 counts, then nothing until 2.24. */
	assert_time(calendar_add(c, at("2026-02-13 15:00:00"), 1), "2026-02-14 15:00:00");
	assert_time(calendar_add(c, at("2026-02-13 15:00:00"), 2), "2026-02-24 15:00:00");
	/* Handling: 5 and 10 working days across 劳动节 (5.1–5.5, 5.9 worked). */
	assert_time(calendar_add(c, at("2026-04-30 10:00:00"), 5), "2026-05-11 10:00:00");
	assert_time(calendar_add(c, at("2026-04-30 10:00:00"), 10), "2026-05-18 10:00:00");
	/* Across the year end and 元旦 (1.1–1.3, 1.4 worked). */
	assert_time(calendar_add(c, at("2025-12-31 17:00:00"), 1), "2026-01-04 17:00:00");
	assert_time(calendar_add(c, at("2026-04-03 15:00:00"), 0), "2026-04-03 15:00:00");
	calendar_free(&c);
}

/* R-WD-2: a T on a non-working day counts from the start of the next working day. */
static void test_rwd2_day_off(void **state)
{
	(void)state;
	struct calendar *c = cal_shipped();
	/* Saturday in 清明: the next working day is Tuesday 4.7, from 00:00; one day more is 4.8 00:00. */
	assert_time(calendar_add(c, at("2026-04-04 10:00:00"), 1), "2026-04-08 00:00:00");
	assert_time(calendar_add(c, at("2026-04-04 10:00:00"), 0), "2026-04-07 00:00:00");
	/* 1.3 is a holiday, 1.4 (Sunday) a make-up day: counted from 1.4 00:00. */
	assert_time(calendar_add(c, at("2026-01-03 10:00:00"), 1), "2026-01-05 00:00:00");
	/* An ordinary Sunday. */
	assert_time(calendar_add(c, at("2026-03-22 23:59:00"), 1), "2026-03-24 00:00:00");
	calendar_free(&c);
}

static void test_left(void **state)
{
	(void)state;
	struct calendar *c = cal_shipped();
	int64_t dl = at("2026-04-07 15:00:00");
	assert_int_equal(calendar_left(c, at("2026-04-03 16:00:00"), dl), 1);
	assert_int_equal(calendar_left(c, at("2026-04-06 16:00:00"), dl), 1);
	assert_int_equal(calendar_left(c, at("2026-04-07 09:00:00"), dl), 0);
	assert_int_equal(calendar_left(c, at("2026-04-07 15:00:00"), dl), -1);
	/* A deadline at midnight leaves nothing of its own day. */
	assert_int_equal(calendar_left(c, at("2026-04-07 09:00:00"), at("2026-04-08 00:00:00")), 0);
	calendar_free(&c);
}

static void test_load_errors(void **state)
{
	(void)state;
	struct calendar *c = cal_from("calendar = { years = ( { year = 2026; festivals = ( "
				      "{ name = \"X\"; off = [\"2026-04-04\", \"2026-04-06\"]; work = [\"2026-04-08\"]; } ); } ); };");
	assert_null(c);
	assert_non_null(strstr(errmsg(), "不是周六或周日"));
	c = cal_from("calendar = { years = ( { year = 2026; festivals = ( "
		     "{ name = \"X\"; off = [\"2026-04-04\", \"2026-04-06\"]; }, "
		     "{ name = \"Y\"; off = [\"2026-04-06\", \"2026-04-06\"]; } ); } ); };");
	assert_null(c);
	assert_non_null(strstr(errmsg(), "出现两次"));
	c = cal_from("calendar = { years = ( { year = 2026; festivals = ( { name = \"X\"; off = [\"2026-4-4\", \"2026-04-06\"]; } ); } ); };");
	assert_null(c);
	assert_non_null(strstr(errmsg(), "YYYY-MM-DD"));
	c = cal_from("calendar = { years = ( { festivals = ( ); } ); };");
	assert_null(c);
	c = cal_from("calendar = { years = ( { year = 2026; festivals = ( "
		     "{ name = \"X\"; off = [\"2026-04-06\", \"2026-04-04\"]; } ); } ); };");
	assert_null(c);
	c = cal_from("calendar = { years = ( ); };");
	assert_non_null(c);
	assert_true(calendar_is_workday(c, day("2026-04-06")));
	calendar_free(&c);
}

int main(void)
{
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rwd1_kinds), cmocka_unit_test(test_rwd2_same_time),
		cmocka_unit_test(test_rwd2_day_off), cmocka_unit_test(test_left), cmocka_unit_test(test_load_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
