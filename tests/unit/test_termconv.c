/* test_termconv.c — GB18030 terminals: the locale's codeset, both directions, characters cut
 * between pieces, bytes that are no character, C1 controls from the keyboard. */
#include "testlib.h"

#include "termconv.h"

static void test_charset(void **state)
{
	(void)state;
	assert_string_equal(termconv_charset("zh_CN.GB18030"), "GB18030");
	assert_string_equal(termconv_charset("zh_CN.gb18030"), "GB18030");
	assert_string_equal(termconv_charset("zh_CN.GBK"), "GB18030");
	assert_string_equal(termconv_charset("zh_CN.gb-18030@euro"), "GB18030");
	assert_null(termconv_charset("zh_CN.UTF-8"));
	assert_null(termconv_charset("C.UTF-8"));
	assert_null(termconv_charset("zh_CN"));
	assert_null(termconv_charset("C"));
	assert_null(termconv_charset(""));
	assert_null(termconv_charset(NULL));
	assert_null(termconv_charset("x.GB18030GB18030GB18030GB18030GB18030"));
}

/* Feed S in pieces of STEP bytes; the result. */
static char *feed(struct termconv *tc, const char *s, size_t len, size_t step)
{
	struct sb out;
	sb_init(&out);
	for (size_t i = 0; i < len; i += step)
		termconv_feed(tc, s + i, len - i < step ? len - i : step, &out);
	sb_addc(&out, '\0');
	return sb_steal(&out);
}

static void test_out_split(void **state)
{
	(void)state;
	/* "\e[1;1H社会治安 ok 𠀀" in GB18030: 2-byte and 4-byte characters. */
	const char *utf8 =
	    "\033[1;1H\xe7\xa4\xbe\xe4\xbc\x9a\xe6\xb2\xbb\xe5\xae\x89 ok \xf0\xa0\x80\x80";
	const char *gb = "\033[1;1H\xc9\xe7\xbb\xe1\xd6\xce\xb0\xb2 ok \x95\x32\x82\x36";
	for (size_t step = 1; step <= strlen(utf8); step++) {
		struct termconv tc;
		assert_int_equal(termconv_open_out(&tc, "GB18030"), 0);
		char *r = feed(&tc, utf8, strlen(utf8), step);
		assert_string_equal(r, gb);
		assert_int_equal(tc.npend, 0);
		free(r);
		termconv_close(&tc);
	}
}

static void test_in_split(void **state)
{
	(void)state;
	/* Keys: "测试" then Tab and an arrow, in GB18030; and back to UTF-8 whatever the pieces. */
	const char *gb = "\xb2\xe2\xca\xd4\t\033[B\x95\x32\x82\x36";
	const char *utf8 = "\xe6\xb5\x8b\xe8\xaf\x95\t\033[B\xf0\xa0\x80\x80";
	for (size_t step = 1; step <= strlen(gb); step++) {
		struct termconv tc;
		assert_int_equal(termconv_open_in(&tc, "GB18030"), 0);
		char *r = feed(&tc, gb, strlen(gb), step);
		assert_string_equal(r, utf8);
		free(r);
		termconv_close(&tc);
	}
}

static void test_invalid(void **state)
{
	(void)state;
	struct termconv tc;
	/* From the keyboard: a lead byte without its trail, 0xFF: dropped; what follows is kept. */
	assert_int_equal(termconv_open_in(&tc, "GB18030"), 0);
	char *r = feed(&tc, "a\x81 b\xff\xb2\xe2", 7, 1);
	assert_string_equal(r, "a b\xe6\xb5\x8b");
	free(r);
	r = feed(&tc, "a\x81 b\xff\xb2\xe2", 7, 7);
	assert_string_equal(r, "a b\xe6\xb5\x8b");
	free(r);
	/* A C1 control (U+009B, a terminal's CSI) typed as GB18030 never reaches the UI. */
	r = feed(&tc, "x\x81\x30\x83\x37y", 6, 2);
	assert_string_equal(r, "xy");
	free(r);
	termconv_close(&tc);
	/* From the UI: broken UTF-8 shows one "?" per byte, whatever the pieces. */
	assert_int_equal(termconv_open_out(&tc, "GB18030"), 0);
	for (size_t step = 1; step <= 9; step++) {
		r = feed(&tc,
			 "a\xe7\xa4z\xc0\xaf"
			 "b\xe7\xa4\xbe",
			 10, step);
		assert_string_equal(r, "a??z??b\xc9\xe7");
		free(r);
	}
	termconv_close(&tc);
}

static void test_unknown(void **state)
{
	(void)state;
	struct termconv tc;
	assert_int_equal(termconv_open_out(&tc, "NO-SUCH-CHARSET"), ZZ_ERR);
	assert_non_null(strstr(errmsg(), "无法"));
	termconv_close(&tc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_charset),  cmocka_unit_test(test_out_split),
	    cmocka_unit_test(test_in_split), cmocka_unit_test(test_invalid),
	    cmocka_unit_test(test_unknown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
