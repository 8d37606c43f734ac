/* test_chart.c — text bars, sparklines and the 同比/环比 percentages of chart.c. */
#include "testlib.h"

#include "chart.h"

static void test_eighths(void **state)
{
	(void)state;
	assert_int_equal(chart_eighths(0, 10, 10), 0);
	assert_int_equal(chart_eighths(5, 0, 10), 0);
	assert_int_equal(chart_eighths(-1, 10, 10), 0);
	assert_int_equal(chart_eighths(10, 10, 10), 80);
	assert_int_equal(chart_eighths(5, 10, 10), 40);
	assert_int_equal(chart_eighths(20, 10, 10), 80);    /* never past the width */
	assert_int_equal(chart_eighths(1, 1000000, 10), 1); /* a non-zero value is visible */
}

static void test_bar(void **state)
{
	(void)state;
	char b[256];
	assert_string_equal(chart_bar(b, sizeof b, 10, 10, 4, true), "####");
	assert_string_equal(chart_bar(b, sizeof b, 5, 10, 4, true), "##");
	assert_string_equal(chart_bar(b, sizeof b, 1, 1000, 4, true), "#");
	assert_string_equal(chart_bar(b, sizeof b, 0, 10, 4, true), "");
	assert_string_equal(chart_bar(b, sizeof b, 10, 10, 3, false), "███");
	/* 5 of 16 in 4 cells: 10 eighths = one full cell and a quarter. */
	assert_string_equal(chart_bar(b, sizeof b, 5, 16, 4, false), "█▎");
	/* A short buffer holds whole characters only. */
	assert_string_equal(chart_bar(b, 5, 10, 10, 3, false), "█");
}

static void test_spark(void **state)
{
	(void)state;
	char b[256];
	long long v[] = {0, 1, 4, 8};
	assert_string_equal(chart_spark(b, sizeof b, v, 4, false), " ▂▅█");
	assert_string_equal(chart_spark(b, sizeof b, v, 4, true), " :+#");
	long long z[] = {0, 0};
	assert_string_equal(chart_spark(b, sizeof b, z, 2, true), "  ");
	assert_int_equal(chart_max(v, 4), 8);
}

static void test_pct(void **state)
{
	(void)state;
	char b[32];
	assert_string_equal(chart_pct(b, sizeof b, 12, 10), "+20.0%");
	assert_string_equal(chart_pct(b, sizeof b, 9, 10), "-10.0%");
	assert_string_equal(chart_pct(b, sizeof b, 10, 10), "0.0%");
	assert_string_equal(chart_pct(b, sizeof b, 5, 0), "-");
	assert_string_equal(chart_pct(b, sizeof b, 1, 3), "-66.7%");
	assert_string_equal(chart_pct(b, sizeof b, 2, 3), "-33.3%");
	assert_string_equal(chart_pct(b, sizeof b, 0, 7), "-100.0%");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_eighths),
	    cmocka_unit_test(test_bar),
	    cmocka_unit_test(test_spark),
	    cmocka_unit_test(test_pct),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
