/* Unit tests of ui_pick.c: the picker box's width and head at 80 columns. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ui_screen.h"

/* The 交办 picker of an event (ui_event.c): its title and count fit the box whole. */
static void test_assign_title_fits(void **state)
{
	(void)state;
	const char *title = "交办给（下级单位或成员单位）";
	struct ui_pick_item items[] = {{.label = "桥头社区第1网格", .key = "321204001001001"},
				       {.label = "桥头社区第2网格", .key = "321204001001002"}};
	int w = ui_pick_width(title, items, 2, false, 80);
	assert_true(w <= 76);
	char head[512];
	ui_pick_head(head, sizeof head, title, "（2/2）", w - 4);
	assert_string_equal(head, " 交办给（下级单位或成员单位）（2/2）");
	assert_true(ui_width(head) <= w - 4);
}

/* A unit name longer than the screen: the box stops at 76 columns, the title is cut with "…" and
 * the count kept. */
static void test_long_names_cut(void **state)
{
	(void)state;
	const char *title = "交办给（下级单位或成员单位）江苏省泰州市姜堰区三水街道桥头社区综治中心";
	struct ui_pick_item items[] = {
	    {.label = "江苏省泰州市姜堰区三水街道桥头社区第一网格化服务管理中心第一网格（东片）", .indent = 1}};
	int w = ui_pick_width(title, items, 1, true, 80);
	assert_int_equal(w, 76);
	char head[512];
	ui_pick_head(head, sizeof head, title, "（1/1）", w - 4);
	assert_true(ui_width(head) <= w - 4);
	assert_non_null(strstr(head, "…（1/1）"));
	assert_int_equal(strncmp(head, " 交办给", strlen(" 交办给")), 0);
}

/* A head in fewer columns than its count: nothing of the title, and never wider than asked. */
static void test_head_narrow(void **state)
{
	(void)state;
	char head[64];
	ui_pick_head(head, sizeof head, "越级上报给", "（3/3）", 12);
	assert_true(ui_width(head) <= 12);
	assert_non_null(strstr(head, "（3/3）"));
}

/* Short lists keep the box at its least width; a multi-choice row counts its mark. */
static void test_width_rows(void **state)
{
	(void)state;
	struct ui_pick_item a[] = {{.label = "是"}, {.label = "否"}};
	assert_int_equal(ui_pick_width("选择", a, 2, false, 80), 34);
	struct ui_pick_item b[] = {{.label = "一二三四五六七八九十一二三四五"}};
	int one = ui_pick_width("x", b, 1, false, 80), many = ui_pick_width("x", b, 1, true, 80);
	assert_int_equal(many, one + 3);
	assert_true(one >= 1 + 1 + 30 + 1 + 2);
}

/* Under the list of a report's faults at 80 columns: the reason is read to its end, without the
 * 回车将选定 wrapper when both do not fit; a short name keeps it, with the unit's code. */
static void test_what_whole(void **state)
{
	(void)state;
	char out[512];
	const char *why = "“婚姻家庭纠纷”的“涉及人数”（0）不能少于“排查纠纷”（1）：每件至少涉及 1 人";
	ui_pick_what(out, sizeof out, why, NULL, 80);
	assert_string_equal(out, why);
	ui_pick_what(out, sizeof out, "桥头社区第1网格", "321204001001001", 80);
	assert_string_equal(out, "回车将选定“桥头社区第1网格”（321204001001001）");
	ui_pick_what(out, sizeof out, "全部", "", 80);
	assert_string_equal(out, "回车将选定“全部”");
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_assign_title_fits),
		cmocka_unit_test(test_long_names_cut),
		cmocka_unit_test(test_head_narrow),
		cmocka_unit_test(test_width_rows),
		cmocka_unit_test(test_what_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
