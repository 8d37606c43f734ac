/* test_tlv.c — tagged values: round trip, unknown tags skipped, empty strings not written, damaged
 * bytes refused. */
#include "testlib.h"

#include "tlv.h"

static void test_round_trip(void **state)
{
	(void)state;
	struct sb sb;
	sb_init(&sb);
	tlv_int(&sb, 1, -5);
	tlv_str(&sb, 2, "交办");
	tlv_str(&sb, 3, "");
	tlv_str(&sb, 4, NULL);
	tlv_int(&sb, 200, INT64_MAX);
	assert_int_equal(sb.len, 13 + 5 + strlen("交办") + 13);
	struct tlv_reader r;
	tlv_begin(&r, sb.buf, sb.len);
	int tag;
	const unsigned char *v;
	size_t n;
	assert_int_equal(tlv_next(&r, &tag, &v, &n), 1);
	assert_int_equal(tag, 1);
	assert_int_equal(tlv_get_int(v, n), -5);
	assert_int_equal(tlv_next(&r, &tag, &v, &n), 1);
	assert_int_equal(tag, 2);
	char *s = tlv_get_str(v, n);
	assert_string_equal(s, "交办");
	free(s);
	/* The empty and NULL strings were not written: the next item is tag 200. */
	assert_int_equal(tlv_next(&r, &tag, &v, &n), 1);
	assert_int_equal(tag, 200);
	assert_true(tlv_get_int(v, n) == INT64_MAX);
	assert_int_equal(tlv_next(&r, &tag, &v, &n), 0);
	/* An integer of another width (a reader meeting a newer writer) reads as 0, not garbage. */
	assert_int_equal(tlv_get_int((const unsigned char *)"abc", 3), 0);
	sb_free(&sb);
}

static void test_damaged(void **state)
{
	(void)state;
	struct sb sb;
	sb_init(&sb);
	tlv_str(&sb, 7, "网格");
	int tag;
	const unsigned char *v;
	size_t n;
	struct tlv_reader r;
	/* Cut inside the head, and inside the value. */
	tlv_begin(&r, sb.buf, 3);
	assert_int_equal(tlv_next(&r, &tag, &v, &n), ZZ_EDB);
	assert_non_null(strstr(errmsg(), "截断"));
	tlv_begin(&r, sb.buf, sb.len - 1);
	assert_int_equal(tlv_next(&r, &tag, &v, &n), ZZ_EDB);
	assert_non_null(strstr(errmsg(), "长度"));
	/* A length past the end. */
	sb.buf[1] = 0x7f;
	tlv_begin(&r, sb.buf, sb.len);
	assert_int_equal(tlv_next(&r, &tag, &v, &n), ZZ_EDB);
	tlv_begin(&r, sb.buf, 0);
	assert_int_equal(tlv_next(&r, &tag, &v, &n), 0);
	sb_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_damaged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
