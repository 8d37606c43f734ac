/* test_bulletin_export.c — the monthly bulletin as a table to export: title, whether it is
 * published, rank and unit then the columns as numbers. */
#include "testlib.h"

#include "bulletin.h"
#include "sheet.h"

static void test_sheet(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	struct bl_row v[] = {{.unit = "321204001", .name = "三水街道", .rank = 1},
			     {.unit = "321204002", .name = "娄庄镇", .rank = 2}};
	v[0].n[BL_ADDED] = 7;
	v[1].n[BL_DAILY] = 4;
	v[1].n[BL_LOGINS] = 3;
	struct bulletin b = {.month = "2026-04", .unit = "321204", .v = v, .n = 2};
	struct sheet s;
	bulletin_sheet(ctx_units(t.c), &b, &s);
	assert_string_equal(s.title, "姜堰区 2026-04 月度通报");
	assert_non_null(strstr(s.sub, "草稿"));
	assert_int_equal(s.ncols, 3 + BL__NCOLS);
	assert_string_equal(s.head[6], "日报未报");
	struct sb out;
	sb_init(&out);
	sheet_csv(&s, &out);
	assert_non_null(strstr(out.buf, "\r\n1,321204001,三水街道,7,0,0,0,0,0,0,0\r\n"));
	assert_non_null(strstr(out.buf, "\r\n2,321204002,娄庄镇,0,0,0,4,0,0,0,3\r\n"));
	/* Rank and figures are numbers, the unit code is text. */
	assert_true(s.num & 1u);
	assert_false(s.num & 2u);
	assert_true(s.num & (1u << 6));
	sb_free(&out);
	sheet_free(&s);

	b.published = true;
	b.by = "county";
	bulletin_sheet(ctx_units(t.c), &b, &s);
	assert_true(str_prefix(s.sub, "已发布（county，"));
	sheet_free(&s);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sheet),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
