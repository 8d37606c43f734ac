/* test_judge_export.c — a 分析研判 report as a two-column table: state, who submitted it, the
 * draft a line a row, the office's texts (a formula neutralised in CSV). */
#include "testlib.h"

#include "judge.h"
#include "sheet.h"

static void test_sheet(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	struct judge j = {.month = "2024-03",
			  .unit = "321204001",
			  .state = JUDGE_SUBMITTED,
			  .by = "town",
			  .draft = "标题行\n一、总体\n二、上升\n",
			  .judgement = "上升",
			  .measures = "=SUM(1)排查"};
	struct sheet s;
	judge_sheet(ctx_units(t.c), &j, &s);
	assert_string_equal(s.title, "三水街道 2024-03 月度分析研判");
	assert_int_equal(s.ncols, 2);
	assert_int_equal(s.num, 0);
	assert_int_equal(sheet_rows(&s), 7);
	struct sb out;
	sb_init(&out);
	sheet_csv(&s, &out);
	assert_non_null(strstr(out.buf, "\r\n状态,已报送\r\n报送,town，"));
	assert_non_null(strstr(out.buf,
			       "\r\n系统草稿,标题行\r\n,一、总体\r\n,二、上升\r\n研判意见,上升\r\n"
			       "工作措施,'=SUM(1)排查\r\n"));
	sb_free(&out);
	sheet_free(&s);

	/* Nothing saved yet: no one to name, empty texts. */
	j = (struct judge){.month = "2024-03", .unit = "321204001", .draft = "标题行\n"};
	judge_sheet(ctx_units(t.c), &j, &s);
	assert_int_equal(sheet_rows(&s), 4);
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
