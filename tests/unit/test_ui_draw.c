/* Unit tests of ui_draw.c: display width, cutting and padding by columns, wrapping. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ui_screen.h"

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(ui_width(""), 0);
	assert_int_equal(ui_width("abc"), 3);
	assert_int_equal(ui_width("张三"), 4);
	assert_int_equal(ui_width("张a三"), 5);
	assert_int_equal(ui_width("（必填）"), 8);
	assert_int_equal(ui_wcwidth(L'汉'), 2);
	assert_int_equal(ui_wcwidth(L'x'), 1);
}

static void test_fit_never_cuts_wide(void **state)
{
	(void)state;
	int used = -1;
	/* 3 columns hold one Chinese character, not one and a half. */
	assert_int_equal(ui_fit("张三丰", 3, &used), strlen("张"));
	assert_int_equal(used, 2);
	assert_int_equal(ui_fit("张三丰", 4, &used), strlen("张三"));
	assert_int_equal(used, 4);
	assert_int_equal(ui_fit("张三丰", 100, &used), strlen("张三丰"));
	assert_int_equal(used, 6);
	assert_int_equal(ui_fit("ab张", 3, &used), 2);
	assert_int_equal(used, 2);
	assert_int_equal(ui_fit("abc", 0, &used), 0);
	assert_int_equal(used, 0);
}

static void test_pad(void **state)
{
	(void)state;
	char buf[64];
	assert_string_equal(ui_pad(buf, sizeof buf, "张三", 6, false), "张三  ");
	assert_string_equal(ui_pad(buf, sizeof buf, "张三", 6, true), "  张三");
	/* Cut to 5 columns: two characters and a space, never half a character. */
	assert_string_equal(ui_pad(buf, sizeof buf, "张三丰", 5, false), "张三 ");
	assert_int_equal(ui_width(buf), 5);
	assert_string_equal(ui_pad(buf, sizeof buf, "12", 4, true), "  12");
	assert_string_equal(ui_pad(buf, sizeof buf, NULL, 3, false), "   ");
	assert_string_equal(ui_pad(buf, sizeof buf, "abc", 0, false), "");
	/* A small buffer is never overrun. */
	char small[5];
	ui_pad(small, sizeof small, "张三丰", 10, false);
	assert_true(strlen(small) < sizeof small);
}

static void test_wrap(void **state)
{
	(void)state;
	char **lines = NULL;
	int n = ui_wrap("一二三四五六七八九十", 8, &lines);
	assert_int_equal(n, 3);
	assert_string_equal(lines[0], "一二三四");
	assert_string_equal(lines[1], "五六七八");
	assert_string_equal(lines[2], "九十");
	for (int i = 0; i < n; i++) {
		assert_true(ui_width(lines[i]) <= 8);
		free(lines[i]);
	}
	free(lines);
	n = ui_wrap("hello world again", 12, &lines);
	assert_int_equal(n, 2);
	assert_string_equal(lines[0], "hello world ");
	assert_string_equal(lines[1], "again");
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	/* 。 never starts a line: the character before it goes down with it. */
	n = ui_wrap("一二三四。五六", 8, &lines);
	assert_int_equal(n, 2);
	assert_string_equal(lines[0], "一二三");
	assert_string_equal(lines[1], "四。五六");
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	/* An ASCII word after Chinese goes down whole: the help read "E" / "sc 返回". */
	n = ui_wrap("一二三。Esc 返回", 9, &lines);
	assert_int_equal(n, 2);
	assert_string_equal(lines[0], "一二三。");
	assert_string_equal(lines[1], "Esc 返回");
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	n = ui_wrap("a\n\nb", 10, &lines);
	assert_int_equal(n, 3);
	assert_string_equal(lines[1], "");
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

static void wrap_expect(const char *text, int w, const char *const *want, int nwant)
{
	char **lines = NULL;
	int n = ui_wrap(text, w, &lines);
	for (int i = 0; i < n && i < nwant; i++)
		if (strcmp(lines[i], want[i]) != 0)
			fail_msg("“%s” at %d: line %d is “%s”, want “%s”", text, w, i, lines[i], want[i]);
	assert_int_equal(n, nwant);
	for (int i = 0; i < n; i++) {
		assert_true(ui_width(lines[i]) <= w);
		free(lines[i]);
	}
	free(lines);
}

/* Closing marks never start a line, also after another closing mark (the help read "）。" at the
 * start of a line); opening marks never end one; the width is counted in columns (a Chinese
 * character, a full-width mark: two). */
static void test_wrap_marks(void **state)
{
	(void)state;
	wrap_expect("一二三）。五六", 8, (const char *const[]){"一二", "三）。五", "六"}, 3);
	wrap_expect("一二三（四五）", 8, (const char *const[]){"一二三", "（四五）"}, 2);
	wrap_expect("一二三四）；五", 8, (const char *const[]){"一二三", "四）；五"}, 2);
	wrap_expect("一二三「Esc」", 9, (const char *const[]){"一二三", "「Esc」"}, 2);
	wrap_expect("一二三四（y 是）", 10, (const char *const[]){"一二三四", "（y 是）"}, 2);
	/* Nothing but marks: cut at the width rather than never. */
	wrap_expect("）））））", 4, (const char *const[]){"））", "））", "）"}, 3);
}

/* The title line at 80 columns beside "填写": a long record title drops the system's name and keeps
 * its record number whole, a blank before the right part (it read "…记录号 7填写"). */
static void test_frame_title(void **state)
{
	(void)state;
	char buf[512];
	int w = 80 - (ui_width("填写") + 1) - 1;
	ui_frame_title(buf, sizeof buf, "待办事项", w);
	assert_string_equal(buf, " 社会治安综合治理信息系统 > 待办事项");
	const char *rec = "矛盾纠纷排查化解 > 桥头社区王某与李某宅基地边界纠纷（只读）  记录号 7";
	ui_frame_title(buf, sizeof buf, rec, w);
	assert_true(ui_width(buf) <= w);
	assert_string_equal(buf, " 矛盾纠纷排查化解 > 桥头社区王某与李某宅基地边界纠纷（只读）  记录号 7");
	/* Longer still: cut at the end with "…", never wider. */
	ui_frame_title(buf, sizeof buf, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十", w);
	assert_true(ui_width(buf) <= w);
	assert_non_null(strstr(buf, "…"));
}

/* Lists show a long text's first line, "…" in its last column when anything is left out. */
static void test_clip(void **state)
{
	(void)state;
	char buf[64];
	assert_string_equal(ui_clip(buf, sizeof buf, "张三", 10), "张三");
	assert_string_equal(ui_clip(buf, sizeof buf, "第一行\n第二行", 20), "第一行…");
	/* Trailing line breaks and spaces hide nothing. */
	assert_string_equal(ui_clip(buf, sizeof buf, "第一行\n \n", 20), "第一行");
	/* Cut by width: a Chinese character is never halved, the mark fits in what is left. */
	assert_string_equal(ui_clip(buf, sizeof buf, "一二三四五六", 8), "一二三…");
	assert_true(ui_width(ui_clip(buf, sizeof buf, "一二三四五六", 8)) <= 8);
	assert_string_equal(ui_clip(buf, sizeof buf, "一二三四五六", 7), "一二三…");
	assert_string_equal(ui_clip(buf, sizeof buf, "abcdef", 4), "abc…");
	assert_string_equal(ui_clip(buf, sizeof buf, "abcd", 4), "abcd");
	assert_string_equal(ui_clip(buf, sizeof buf, "\n第二行", 10), "…");
	assert_string_equal(ui_clip(buf, sizeof buf, "abc", 0), "");
}

/* The editors' buffers: decoded by character, bad bytes as '?', CR kept or dropped, a span back. */
static void test_wide(void **state)
{
	(void)state;
	wchar_t *w = NULL;
	int cap = 0;
	assert_int_equal(ui_wide_set(&w, &cap, "李\r\n一\xff", true), 5);
	assert_true(cap >= 6);
	assert_true(w[1] == L'\r' && w[4] == L'?' && w[5] == L'\0');
	assert_int_equal(ui_wide_set(&w, &cap, "李\r\n一", false), 3);
	char *s = ui_wide_utf8(w, 1, 3);
	assert_string_equal(s, "\n一");
	free(s);
	s = ui_wide_utf8(w, 2, 2);
	assert_string_equal(s, "");
	free(s);
	ui_wide_reserve(&w, &cap, 100);
	assert_true(cap >= 101);
	free(w);
}

/* The status line of a form being filled in on a standby site (9.5), 80 columns: the hints whole,
 * F1帮助 last, the marker in its short form before the account and the person give way. */
static void test_status_standby_form(void **state)
{
	(void)state;
	const char *hints = "F2保存 Tab下一项 Shift-Tab上一项 Esc返回 F1帮助";
	const struct ui_status_who w = {.unit = "桥头社区", .person = "刘玲", .account = "village", .count = "待办 2"};
	char left[512], right[512];
	int ww = ui_status_parts(&w, hints, true, 80, left, sizeof left, right, sizeof right);
	assert_string_equal(left, " 备用只读  F2保存 Tab下一项 Shift-Tab上一项 Esc返回 F1帮助");
	assert_string_equal(right, " 桥头社区 待办 2 ");
	assert_int_equal(ww, ui_width(right));
	assert_true(ui_width(left) + ww <= 80);
	/* Not a standby: the unit whole, the account given way. */
	const struct ui_status_who g = {.unit = "桥头社区第1网格", .person = "刘玲", .account = "village", .count = "待办 2"};
	ww = ui_status_parts(&g, hints, false, 80, left, sizeof left, right, sizeof right);
	assert_string_equal(left, "  F2保存 Tab下一项 Shift-Tab上一项 Esc返回 F1帮助");
	assert_string_equal(right, " 桥头社区第1网格 刘玲 待办 2 ");
	assert_true(ui_width(left) + ww <= 80);
	/* A short line of hints keeps the long marker, the unit and the account. */
	ww = ui_status_parts(&w, "回车打开 q返回 ?帮助", true, 80, left, sizeof left, right, sizeof right);
	assert_string_equal(left, " 备用站点（只读）  回车打开 q返回 ?帮助");
	assert_string_equal(right, " 桥头社区 刘玲(village) 待办 2 ");
	assert_true(ui_width(left) + ww <= 80);
}

/* The demo's longest unit name and account at 80 columns (issue of 2026-12-05: the name was cut with
 * "…" while the account took 19 columns): the account (past half the line), then the person give
 * way and the name is shown whole; when not even that fits, its end after "…" (the start repeats the county); then
 * the count alone. The same inputs give the same line, so a cursor step redraws none of it. */
static void test_status_long_unit(void **state)
{
	(void)state;
	const struct ui_status_who w = {
		.unit = "姜堰区矛盾纠纷调处中心", .person = "杜超", .account = "u321204.mediation", .count = "待办 0"};
	char left[512], right[512], again[512];
	int ww = ui_status_parts(&w, "回车进入 q退出系统 ?帮助", false, 80, left, sizeof left, right, sizeof right);
	assert_string_equal(right, " 姜堰区矛盾纠纷调处中心 杜超 待办 0 ");
	assert_true(ui_width(left) + ww <= 80);
	/* The account would make the right part more than half the line: out on a prompt too, where
	 * the hints are few, so that it does not come and go from screen to screen. */
	ui_status_parts(&w, "回车确定 Esc取消", false, 80, left, sizeof left, right, sizeof right);
	assert_string_equal(right, " 姜堰区矛盾纠纷调处中心 杜超 待办 0 ");
	ww = ui_status_parts(&w, "回车打开 a新增 /搜索 u单位 o排序 q返回 ?帮助", false, 80, left, sizeof left, right,
			     sizeof right);
	assert_string_equal(right, " 姜堰区矛盾纠纷调处中心 待办 0 ");
	assert_true(ui_width(left) + ww <= 80);
	const char *list = "回车打开 e修改 a新增 d删除 /搜索 u单位 o排序 q返回 ?帮助";
	ww = ui_status_parts(&w, list, false, 80, left, sizeof left, right, sizeof right);
	assert_string_equal(left, "  回车打开 e修改 a新增 d删除 /搜索 u单位 o排序 q返回 ?帮助");
	assert_string_equal(right, " …纷调处中心 待办 0 ");
	assert_true(ui_width(left) + ww <= 80);
	ui_status_parts(&w, list, false, 80, left, sizeof left, again, sizeof again);
	assert_string_equal(again, right);
	/* Fewer than three characters of the name would fit: the count alone. */
	ui_status_parts(&w, "e修改 d删除 m完整信息 p此人 v走访 j附件 Esc返回 ?帮助 回车打开", false, 80, left, sizeof left,
			right, sizeof right);
	assert_string_equal(right, " 待办 0 ");
	/* No full name: the account is the person, once. Before login: 未登录 alone. */
	const struct ui_status_who a = {.unit = "姜堰区", .person = "admin", .account = "", .count = "待办 1"};
	ui_status_parts(&a, "回车进入 q退出系统 ?帮助", false, 80, left, sizeof left, right, sizeof right);
	assert_string_equal(right, " 姜堰区 admin 待办 1 ");
	const struct ui_status_who none = {.unit = "", .person = "未登录"};
	ui_status_parts(&none, "回车登录", false, 80, left, sizeof left, right, sizeof right);
	assert_string_equal(right, " 未登录 ");
	char cut[64];
	assert_string_equal(ui_clip_start(cut, sizeof cut, "桥头社区第1网格", 9), "…第1网格");
	assert_string_equal(ui_clip_start(cut, sizeof cut, "桥头社区", 8), "桥头社区");
}

/* The event view's line above its timeline at 80 columns less the position " 5/5 ": a long holder,
 * an assigner, the clocks, an extension asked and a supervisor. Parts give way whole or shortened,
 * never cut in the middle of the clocks. */
static void test_parts_fit(void **state)
{
	(void)state;
	char buf[512];
	const struct ui_part parts[] = {
		{.s = "办理中"},
		{.s = "｜桥头镇社会治安综合治理中心第一网格", .drop = 2, .keep = 11},
		{.s = "（桥头镇综治中心交办）", .drop = 5},
		{.s = "｜剩余工作日 受理 黄1 红2，办理 黄5 红10"},
		{.s = "｜延期申请 5 天待批", .drop = 3},
		{.s = "｜督办：县综治中心", .drop = 4, .keep = 13},
	};
	int w = 80 - ui_width(" 5/5 ");
	ui_parts_fit(buf, sizeof buf, parts, 6, w);
	assert_true(ui_width(buf) <= w);
	assert_non_null(strstr(buf, "办理 黄5 红10"));
	assert_null(strstr(buf, "交办）"));
	assert_non_null(strstr(buf, "｜督办："));
	/* Everything fits: joined as is. */
	ui_parts_fit(buf, sizeof buf, parts, 6, 400);
	assert_int_equal(ui_width(buf), 141);
	/* Narrower: the names shortened with "…", the state and the clocks whole. */
	ui_parts_fit(buf, sizeof buf, parts, 6, 64);
	assert_true(ui_width(buf) <= 64);
	assert_true(strncmp(buf, "办理中｜桥头", strlen("办理中｜桥头")) == 0);
	assert_non_null(strstr(buf, "｜剩余工作日 受理 黄1 红2，办理 黄5 红10"));
	assert_null(strstr(buf, "延期"));
	/* Too narrow for the parts that stay: cut at the end. */
	ui_parts_fit(buf, sizeof buf, parts, 6, 20);
	assert_true(ui_width(buf) <= 20);
	assert_non_null(strstr(buf, "…"));
	assert_string_equal(ui_parts_fit(buf, sizeof buf, parts, 0, 20), "");
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit_never_cuts_wide),
		cmocka_unit_test(test_pad),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_wrap_marks),
		cmocka_unit_test(test_frame_title),
		cmocka_unit_test(test_clip),
		cmocka_unit_test(test_wide),
		cmocka_unit_test(test_status_standby_form),
		cmocka_unit_test(test_status_long_unit),
		cmocka_unit_test(test_parts_fit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
