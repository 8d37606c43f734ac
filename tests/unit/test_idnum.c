/* test_idnum.c — GB 11643-1999 ID numbers: known good ones, each kind of bad one, 15→18. */
#include "testlib.h"

#include "idnum.h"

static void test_known_good(void **state)
{
	(void)state;
	char out[19];
	/* The examples of GB 11643-1999 itself. */
	assert_int_equal(idnum_normalize("11010519491231002X", out), 0);
	assert_string_equal(out, "11010519491231002X");
	assert_int_equal(idnum_normalize("440524188001010014", out), 0);
	assert_string_equal(out, "440524188001010014");
	assert_int_equal(idnum_check_char("11010519491231002"), 'X');
	assert_int_equal(idnum_check_char("44052418800101001"), '4');
	/* Born on a leap day. */
	char id[19];
	tl_idnum("32120420000229123", id);
	assert_int_equal(idnum_normalize(id, out), 0);
}

static void test_lower_case_x(void **state)
{
	(void)state;
	char out[19];
	assert_int_equal(idnum_normalize("11010519491231002x", out), 0);
	assert_string_equal(out, "11010519491231002X");
}

static void test_wrong_check_digit(void **state)
{
	(void)state;
	char out[19];
	assert_int_equal(idnum_normalize("110105194912310021", out), ZZ_EINVAL);
	assert_errmsg_has("校验位");
	assert_int_equal(idnum_normalize("440524188001010015", out), ZZ_EINVAL);
	assert_errmsg_has("校验位");
}

static void test_impossible_date(void **state)
{
	(void)state;
	char id[19], out[19];
	tl_idnum("11010519490230002", id); /* 30 February */
	assert_int_equal(idnum_normalize(id, out), ZZ_EINVAL);
	assert_errmsg_has("1949-02-30 不存在");
	tl_idnum("32120419990229123", id); /* 1999 is no leap year */
	assert_int_equal(idnum_normalize(id, out), ZZ_EINVAL);
	assert_errmsg_has("不存在");
	tl_idnum("32120419991301123", id); /* month 13 */
	assert_int_equal(idnum_normalize(id, out), ZZ_EINVAL);
	tl_idnum("32120418700101123", id); /* before 1880 */
	assert_int_equal(idnum_normalize(id, out), ZZ_EINVAL);
}

static void test_wrong_length(void **state)
{
	(void)state;
	char out[19];
	assert_int_equal(idnum_normalize("11010519491231002", out), ZZ_EINVAL); /* 17 */
	assert_errmsg_has("现在是 17 位");
	assert_int_equal(idnum_normalize("11010519491231002X0", out), ZZ_EINVAL); /* 19 */
	assert_errmsg_has("现在是 19 位");
	assert_int_equal(idnum_normalize("", out), ZZ_EINVAL);
	assert_int_equal(idnum_normalize(NULL, out), ZZ_EINVAL);
}

static void test_bad_characters(void **state)
{
	(void)state;
	char out[19];
	assert_int_equal(idnum_normalize("1101051949123100XX", out), ZZ_EINVAL);
	assert_errmsg_has("前 17 位应为数字");
	assert_int_equal(idnum_normalize("11010519491231002Y", out), ZZ_EINVAL);
	assert_errmsg_has("最后一位");
	assert_int_equal(idnum_normalize("11010519491231002X ", out), ZZ_EINVAL);
	/* No province code starts with 0 or 9. */
	char id[19];
	tl_idnum("01010519491231002", id);
	assert_int_equal(idnum_normalize(id, out), ZZ_EINVAL);
	assert_errmsg_has("省级行政区划");
}

static void test_fifteen_to_eighteen(void **state)
{
	(void)state;
	char out[19];
	assert_int_equal(idnum_normalize("110105491231002", out), 0);
	assert_string_equal(out, "11010519491231002X");
	assert_int_equal(idnum_normalize("440524800101001", out), 0);
	assert_int_equal(strlen(out), 18);
	assert_int_equal(out[17], idnum_check_char(out));
	assert_memory_equal(out + 6, "19800101", 8);
	/* A 15-digit number with an impossible date is refused too. */
	assert_int_equal(idnum_normalize("110105490230002", out), ZZ_EINVAL);
	/* An X is never part of a 15-digit number. */
	assert_int_equal(idnum_normalize("11010549123100X", out), ZZ_EINVAL);
}

static void test_birth_sex_mask(void **state)
{
	(void)state;
	assert_int_equal(idnum_birth("11010519491231002X"), date_from_ymd(1949, 12, 31));
	assert_int_equal(idnum_sex("11010519491231002X"), '2'); /* 17th digit 2: female */
	assert_int_equal(idnum_sex("440524188001010014"), '1'); /* 17th digit 1: male */
	char m[32];
	idnum_mask("11010519491231002X", m, sizeof m);
	assert_string_equal(m, "110105********002X");
	idnum_mask("12345", m, sizeof m);
	assert_string_equal(m, "****");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_good),	 cmocka_unit_test(test_lower_case_x),
		cmocka_unit_test(test_wrong_check_digit), cmocka_unit_test(test_impossible_date),
		cmocka_unit_test(test_wrong_length),	 cmocka_unit_test(test_bad_characters),
		cmocka_unit_test(test_fifteen_to_eighteen), cmocka_unit_test(test_birth_sex_mask),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
