/* test_util.c — dates (leap years, weekdays), growable strings and lists, UTF-8, numbers. */
#include <limits.h>

#include "testlib.h"

static void test_dates_roundtrip(void **state)
{
	(void)state;
	assert_int_equal(date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(date_from_ymd(1969, 12, 31), -1);
	assert_int_equal(date_from_ymd(2000, 3, 1) - date_from_ymd(2000, 2, 28), 2); /* 2000 is leap */
	assert_int_equal(date_from_ymd(1900, 3, 1) - date_from_ymd(1900, 2, 28), 1); /* 1900 is not */
	assert_int_equal(date_from_ymd(2024, 3, 1) - date_from_ymd(2024, 2, 28), 2);
	assert_int_equal(date_from_ymd(2026, 3, 1) - date_from_ymd(2026, 2, 28), 1);
	for (int d = date_from_ymd(1890, 1, 1); d < date_from_ymd(2110, 1, 1); d += 17) {
		int y, m, dd;
		date_to_ymd(d, &y, &m, &dd);
		assert_true(date_valid_ymd(y, m, dd));
		assert_int_equal(date_from_ymd(y, m, dd), d);
	}
}

/* Found by fuzz_codec: a day number near INT_MAX from a damaged record overflowed (UBSan). */
static void test_date_extremes(void **state)
{
	(void)state;
	int y, m, d;
	date_to_ymd(INT_MAX, &y, &m, &d);
	assert_true(y > 5000000 && m >= 1 && m <= 12 && d >= 1 && d <= 31);
	date_to_ymd(INT_MIN, &y, &m, &d);
	assert_true(y < -5000000 && m >= 1 && m <= 12 && d >= 1 && d <= 31);
}

static void test_date_valid(void **state)
{
	(void)state;
	assert_true(date_valid_ymd(2024, 2, 29));
	assert_false(date_valid_ymd(2023, 2, 29));
	assert_true(date_valid_ymd(2000, 2, 29));
	assert_false(date_valid_ymd(2100, 2, 29));
	assert_false(date_valid_ymd(2026, 4, 31));
	assert_false(date_valid_ymd(2026, 13, 1));
	assert_false(date_valid_ymd(2026, 0, 1));
	assert_false(date_valid_ymd(2026, 1, 0));
	assert_true(date_valid_ymd(2026, 12, 31));
}

static void test_date_parse_format(void **state)
{
	(void)state;
	int d;
	char out[11];
	assert_int_equal(date_parse("2024-02-29", &d), 0);
	date_format(d, out);
	assert_string_equal(out, "2024-02-29");
	assert_int_equal(date_parse("2023-02-29", &d), ZZ_EINVAL);
	assert_int_equal(date_parse("2024-2-29", &d), ZZ_EINVAL);
	assert_int_equal(date_parse("2024/02/29", &d), ZZ_EINVAL);
	assert_int_equal(date_parse("2024-02-2x", &d), ZZ_EINVAL);
	assert_int_equal(date_parse("2024-13-01", &d), ZZ_EINVAL);
	assert_int_equal(date_parse("-024-01-01", &d), ZZ_EINVAL);
	assert_int_equal(date_parse("2024-01-01 ", &d), ZZ_EINVAL);
	assert_int_equal(date_parse("1949-10-01", &d), 0);
	assert_int_equal(d, date_from_ymd(1949, 10, 1));
	assert_int_equal(date_parse("", &d), ZZ_EINVAL);
	assert_int_equal(date_parse(NULL, &d), ZZ_EINVAL);
	date_format(date_from_ymd(1949, 10, 1), out);
	assert_string_equal(out, "1949-10-01");
	/* Formatting and parsing agree on every day of three centuries and at the ends of the range. */
	for (int day = date_from_ymd(1900, 1, 1); day <= date_from_ymd(2100, 12, 31); day++) {
		date_format(day, out);
		assert_int_equal(date_parse(out, &d), 0);
		assert_int_equal(d, day);
	}
	date_format(date_from_ymd(1, 1, 1), out);
	assert_string_equal(out, "0001-01-01");
	date_format(date_from_ymd(9999, 12, 31), out);
	assert_string_equal(out, "9999-12-31");
}

static void test_weekday(void **state)
{
	(void)state;
	assert_int_equal(date_weekday(0), 3);			      /* 1970-01-01 Thursday */
	assert_int_equal(date_weekday(date_from_ymd(2026, 11, 28)), 5); /* Saturday */
	assert_int_equal(date_weekday(date_from_ymd(2024, 2, 29)), 3);	/* Thursday */
	assert_int_equal(date_weekday(date_from_ymd(1949, 10, 1)), 5); /* Saturday */
	assert_int_equal(date_weekday(date_from_ymd(2000, 1, 3)), 0);	/* Monday */
	assert_int_equal(date_weekday(-1), 2);				/* 1969-12-31 Wednesday */
}

static void test_datetime(void **state)
{
	(void)state;
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	time_t t;
	char out[20];
	assert_int_equal(datetime_parse("2026-11-28 09:30", &t), 0);
	datetime_format(t, out);
	assert_string_equal(out, "2026-11-28 09:30:00");
	assert_int_equal(datetime_parse("2026-11-28 09:30:15", &t), 0);
	datetime_format(t, out);
	assert_string_equal(out, "2026-11-28 09:30:15");
	assert_int_equal(datetime_parse("2026-11-28", &t), 0);
	datetime_format(t, out);
	assert_string_equal(out, "2026-11-28 00:00:00");
	assert_int_equal(datetime_parse("2026-11-28 24:00", &t), ZZ_EINVAL);
	assert_int_equal(datetime_parse("2026-11-28T09:30", &t), ZZ_EINVAL);
	assert_int_equal(datetime_parse("2026-02-30 09:30", &t), ZZ_EINVAL);
	assert_int_equal(date_today(t), date_from_ymd(2026, 11, 28));
}

static void test_sb_numbers(void **state)
{
	(void)state;
	struct sb sb;
	sb_init(&sb);
	const int64_t in[] = {0, 7, -7, 10, -100, 1732867200, INT64_MAX, INT64_MIN};
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
		char want[32];
		snprintf(want, sizeof want, "%lld", (long long)in[i]);
		sb_reset(&sb);
		sb_add_i64(&sb, in[i]);
		assert_string_equal(sb.buf, want);
		assert_int_equal(sb.len, strlen(want));
	}
	sb_reset(&sb);
	sb_adds(&sb, "+");
	sb_add_u64(&sb, UINT64_MAX);
	sb_addc(&sb, ' ');
	sb_add_u64(&sb, 0);
	assert_string_equal(sb.buf, "+18446744073709551615 0");
	sb_free(&sb);
}

static void test_sb(void **state)
{
	(void)state;
	struct sb sb;
	sb_init(&sb);
	sb_adds(&sb, "ab");
	sb_addc(&sb, 'c');
	sb_addf(&sb, "-%d-%s", 42, "中文");
	assert_string_equal(sb.buf, "abc-42-中文");
	assert_int_equal(sb.len, strlen("abc-42-中文"));
	for (int i = 0; i < 1000; i++)
		sb_addc(&sb, 'x');
	assert_int_equal(sb.len, strlen("abc-42-中文") + 1000);
	sb_reset(&sb);
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb.buf, "");
	sb_add(&sb, "a\0b", 3);
	assert_int_equal(sb.len, 3);
	char *s = sb_steal(&sb);
	assert_null(sb.buf);
	assert_memory_equal(s, "a\0b", 4);
	free(s);
	s = sb_steal(&sb);
	assert_string_equal(s, "");
	free(s);
	sb_free(&sb);
}

static void test_strv(void **state)
{
	(void)state;
	struct strv sv = {0};
	for (int i = 0; i < 20; i++) {
		char buf[8];
		snprintf(buf, sizeof buf, "s%d", i);
		strv_push(&sv, buf);
	}
	assert_int_equal(sv.n, 20);
	assert_int_equal(strv_find(&sv, "s0"), 0);
	assert_int_equal(strv_find(&sv, "s19"), 19);
	assert_int_equal(strv_find(&sv, "s20"), -1);
	strv_free(&sv);
	assert_int_equal(sv.n, 0);
	assert_null(sv.v);
	strv_free(&sv);
}

static void test_strings(void **state)
{
	(void)state;
	assert_true(str_empty(NULL));
	assert_true(str_empty(""));
	assert_false(str_empty(" "));
	assert_true(str_prefix("321204001", "321204"));
	assert_false(str_prefix("3212", "321204"));
	char buf[] = "a\tb\t\tc";
	char *p[5];
	assert_int_equal(str_split(buf, '\t', p, 5), 4);
	assert_string_equal(p[0], "a");
	assert_string_equal(p[2], "");
	assert_string_equal(p[3], "c");
	char buf2[] = "a,b,c";
	assert_int_equal(str_split(buf2, ',', p, 2), 2);
	assert_string_equal(p[1], "b,c");
	long long v;
	assert_int_equal(str_to_ll("12345", &v), 0);
	assert_int_equal(v, 12345);
	assert_int_equal(str_to_ll("-7", &v), 0);
	assert_int_equal(v, -7);
	assert_int_equal(str_to_ll("12a", &v), ZZ_EINVAL);
	assert_int_equal(str_to_ll("-", &v), ZZ_EINVAL);
	assert_int_equal(str_to_ll("", &v), ZZ_EINVAL);
	assert_int_equal(str_to_ll("99999999999999999999", &v), ZZ_EINVAL);
}

static void test_utf8_valid(void **state)
{
	(void)state;
	const char *good[] = {"", "abc", "中文", "𠀀", "é", "\xf4\x8f\xbf\xbf"};
	for (size_t i = 0; i < ARRAY_LEN(good); i++)
		assert_true(utf8_valid(good[i], strlen(good[i])));
	const char *bad[] = {
		"\xc0\xaf",	    /* overlong '/' */
		"\xe0\x80\xaf",	    /* overlong */
		"\xed\xa0\x80",	    /* surrogate */
		"\xf4\x90\x80\x80", /* above U+10FFFF */
		"\xe4\xb8",	    /* truncated 中 */
		"\x80",		    /* stray continuation */
		"\xd6\xd0\xce\xc4", /* 中文 in GBK */
		"\xff",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++)
		assert_false(utf8_valid(bad[i], strlen(bad[i])));
}

static void test_be64(void **state)
{
	(void)state;
	unsigned char a[8], b[8];
	be64_put(a, 255);
	be64_put(b, 256);
	assert_true(memcmp(a, b, 8) < 0); /* big-endian sorts like the numbers */
	assert_int_equal(be64_get(a), 255);
	be64_put(a, UINT64_MAX);
	assert_true(be64_get(a) == UINT64_MAX);
}

static void test_errmsg(void **state)
{
	(void)state;
	assert_int_equal(errmsg_set(ZZ_EINVAL, "字段%s有误", "姓名"), ZZ_EINVAL);
	assert_string_equal(errmsg(), "字段姓名有误");
	errmsg_clear();
	assert_string_equal(errmsg(), "未知错误");
	char *s = xasprintf("%d-%s", 5, "x");
	assert_string_equal(s, "5-x");
	free(s);
}

static void test_shown(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"plain 张三", "plain 张三"},
		{"a\x1b[2Jb", "a\\x1b[2Jb"},
		{"x\r\ny\tz", "x\\x0d\\x0ay\\x09z"},
		{"del\x7f", "del\\x7f"},
		{"c1\xc2\x9b", "c1\\x9b"},
		{"bidi\xe2\x80\xae!", "bidi\\u202e!"},
		{"iso\xe2\x81\xa6", "iso\\u2066"},
		{"bad\xff", "bad\\xff"},
		{"back\\slash", "back\\\\slash"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *s = str_shown(cases[i].in);
		assert_string_equal(s, cases[i].out);
		free(s);
		assert_int_equal(str_has_unsafe(cases[i].in), i > 0 && i < 8);
	}
	assert_false(str_has_unsafe("王五 (村) 2026-01-01 \u202f"));
	assert_true(str_has_unsafe("\xe2\x80\xaa"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates_roundtrip), cmocka_unit_test(test_date_extremes),
		cmocka_unit_test(test_date_valid),
		cmocka_unit_test(test_date_parse_format), cmocka_unit_test(test_weekday),
		cmocka_unit_test(test_datetime),	   cmocka_unit_test(test_sb),
		cmocka_unit_test(test_sb_numbers),
		cmocka_unit_test(test_strv),		   cmocka_unit_test(test_strings),
		cmocka_unit_test(test_utf8_valid),	   cmocka_unit_test(test_be64),
		cmocka_unit_test(test_errmsg),		   cmocka_unit_test(test_shown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
