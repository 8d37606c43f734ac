/* test_validate.c — every field type: what is accepted, its canonical form, what is refused. */
#include "testlib.h"

#include <time.h>

#include "validate.h"

struct fx {
	struct tl t;
	struct codes *codes;
	struct schema *s;
	const struct rtype *rt;
};

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	tl_init_conf(&f->t, NULL, NULL);
	tl_fixture_schema(&f->t, &f->codes, &f->s);
	f->rt = schema_type(f->s, "sample");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	tl_fixture_free(&f->codes, &f->s);
	tl_close(&f->t);
	free(f);
	return 0;
}

static const struct field *fld(void **state, const char *id)
{
	struct fx *f = *state;
	int i = rtype_field(f->rt, id);
	assert_true(i >= 0);
	return &f->rt->f[i];
}

static void ok(void **state, const char *id, const char *in, const char *want)
{
	char *out = NULL;
	if (validate_field(fld(state, id), in, &out) < 0)
		fail_msg("%s “%s” refused: %s", id, in, errmsg());
	if (want)
		assert_string_equal(out, want);
	else
		assert_null(out);
	free(out);
}

static void bad(void **state, const char *id, const char *in, const char *reason)
{
	char *out = NULL;
	int rc = validate_field(fld(state, id), in, &out);
	if (rc == 0)
		fail_msg("%s “%s” accepted as “%s”", id, in, out ? out : "(null)");
	assert_int_equal(rc, ZZ_EINVAL);
	assert_null(out);
	assert_errmsg_has(fld(state, id)->label); /* the message names the field */
	assert_errmsg_has(reason);
}

/* past = true: a patrol log is not filed ahead (issue 12). */
static void test_date_past(void **state)
{
	(void)state;
	struct field f = {.id = "day", .label = "巡查日期", .type = FT_DATE, .past = true};
	char today[11], tomorrow[11], *out = NULL;
	int d = date_today(time(NULL));
	date_format(d, today);
	date_format(d + 1, tomorrow);
	assert_int_equal(validate_field(&f, today, &out), 0);
	assert_string_equal(out, today);
	free(out);
	out = NULL;
	assert_int_equal(validate_field(&f, tomorrow, &out), ZZ_EINVAL);
	assert_null(out);
	assert_errmsg_has("巡查日期不能晚于今天");
	f.past = false;
	assert_int_equal(validate_field(&f, tomorrow, &out), 0);
	free(out);
}

/* past = true on a time: an event's 发生时间 is not after now (an event of next year was taken). */
static void test_datetime_past(void **state)
{
	(void)state;
	struct field f = {.id = "occurred", .label = "发生时间", .type = FT_DATETIME, .past = true};
	char before[20], later[20], *out = NULL;
	datetime_format(time(NULL) - 3600, before);
	datetime_format(time(NULL) + 2 * 86400, later);
	assert_int_equal(validate_field(&f, before, &out), 0);
	assert_string_equal(out, before);
	free(out);
	out = NULL;
	assert_int_equal(validate_field(&f, later, &out), ZZ_EINVAL);
	assert_null(out);
	assert_errmsg_has("发生时间不能晚于现在");
	f.past = false;
	assert_int_equal(validate_field(&f, later, &out), 0);
	free(out);
}

static void test_text(void **state)
{
	ok(state, "title", "  桥头社区 ", "桥头社区");
	ok(state, "title", "", NULL);
	bad(state, "title", "桥", "至少 2 个字");
	ok(state, "title", "一二三四五六七八九十", "一二三四五六七八九十"); /* 10 characters, 30 bytes */
	bad(state, "title", "一二三四五六七八九十一", "最多 10 个字");
	bad(state, "title", "a\tb", "控制字符");
	/* ESC, C1 (U+0085), DEL, a bidi override (U+202E) and isolate (U+2066): refused too (issue 15). */
	bad(state, "title", "桥头\x1b[2J", "控制字符");
	bad(state, "title", "桥头\xc2\x85社区", "控制字符");
	bad(state, "title", "桥头\x7f社区", "控制字符");
	bad(state, "title", "桥头\xe2\x80\xae区社", "控制字符");
	bad(state, "title", "桥头\xe2\x81\xa6社区", "控制字符");
	bad(state, "title", "\xd6\xd0\xce\xc4", "UTF-8");
	/* The key: required, with a pattern matched against the whole value. */
	ok(state, "code", "A123", "A123");
	bad(state, "code", "", "必填项");
	bad(state, "code", "   ", "必填项");
	bad(state, "code", "a123", "格式不对");
	bad(state, "code", "A1234", "一个大写字母和三位数字"); /* the help tells what is wanted */
	bad(state, "code", "xA123", "格式不对");
}

static void test_longtext(void **state)
{
	ok(state, "note", "第一行\n第二行", "第一行\n第二行");
	ok(state, "note", " 前后空格 ", " 前后空格 ");
	bad(state, "note", "a\x01", "控制字符");
	bad(state, "note", "第一行\n\xe2\x80\xae第二行", "控制字符"); /* a line break is kept, a bidi override not */
}

static void test_int(void **state)
{
	ok(state, "count", "12", "12");
	ok(state, "count", " 007 ", "7");
	ok(state, "count", "0", "0");
	ok(state, "count", "1000", "1000");
	bad(state, "count", "1001", "不能大于 1000");
	bad(state, "count", "-1", "不能小于 0");
	bad(state, "count", "1.5", "应为整数");
	bad(state, "count", "十二", "应为整数");
	bad(state, "count", "1e3", "应为整数");
}

static void test_decimal(void **state)
{
	ok(state, "area", "0.5", "0.5");
	ok(state, "area", "120.25", "120.25");
	ok(state, "area", "3", "3");
	bad(state, "area", "0.4", "不能小于 0.5");
	bad(state, "area", "1.23456", "最多保留 4 位小数");
	bad(state, "area", "1.", "应为数字");
	bad(state, "area", "1.2.3", "应为数字");
	bad(state, "area", "1234567890123456", "应为数字");
}

static void test_date(void **state)
{
	ok(state, "day", "2026-11-28", "2026-11-28");
	ok(state, "day", "20261128", "2026-11-28");
	ok(state, "day", "2026/11/28", "2026-11-28");
	ok(state, "day", "2024-02-29", "2024-02-29");
	bad(state, "day", "2026-02-29", "有效日期");
	bad(state, "day", "2026-11-31", "有效日期");
	bad(state, "day", "2026-1-8", "有效日期");
	bad(state, "day", "明天", "有效日期");
}

static void test_datetime(void **state)
{
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	ok(state, "at", "2026-11-28 09:30", "2026-11-28 09:30:00");
	ok(state, "at", "2026-11-28 09:30:59", "2026-11-28 09:30:59");
	ok(state, "at", "2026-11-28", "2026-11-28 00:00:00");
	bad(state, "at", "2026-11-28 25:00", "日期时间");
	bad(state, "at", "28/11/2026", "日期时间");
}

static void test_enum(void **state)
{
	ok(state, "sex", "男", "1");
	ok(state, "sex", "2", "2");
	ok(state, "sex", " 女 ", "2");
	bad(state, "sex", "3", "不在代码表");
	bad(state, "sex", "male", "性别（GB/T 2261.1）");
}

static void test_multi(void **state)
{
	ok(state, "relations", "本人、配偶", "01,10");
	ok(state, "relations", "配偶，配偶;01", "10,01");
	ok(state, "relations", "01；10", "01,10");
	ok(state, "relations", " , ", NULL);
	bad(state, "relations", "本人、邻居", "“邻居” 不在代码表");
}

static void test_bool(void **state)
{
	ok(state, "flag", "是", "1");
	ok(state, "flag", "否", "0");
	ok(state, "flag", "1", "1");
	ok(state, "flag", "no", "0");
	bad(state, "flag", "也许", "“是”或“否”");
}

static void test_idnum_and_person(void **state)
{
	ok(state, "idnum", "11010519491231002x", "11010519491231002X");
	ok(state, "idnum", "110105491231002", "11010519491231002X");
	bad(state, "idnum", "110105194912310021", "校验位");
	ok(state, "who", "440524188001010014", "440524188001010014");
	bad(state, "who", "4405241880010100", "18 位");
}

static void test_phone(void **state)
{
	ok(state, "phone", "13812345678", "13812345678");
	ok(state, "phone", "0523-88812345", "0523-88812345");
	ok(state, "phone", "052388812345", "052388812345");
	ok(state, "phone", "0523-88812345-801", "0523-88812345-801");
	bad(state, "phone", "12812345678", "手机号");
	bad(state, "phone", "1381234567", "手机号");
	bad(state, "phone", "0523--8881234", "手机号");
	bad(state, "phone", "88812345", "手机号");
	assert_true(phone_valid("19912345678"));
	assert_false(phone_valid("0523-88812345-"));
}

static void test_unit_grid_attach(void **state)
{
	ok(state, "unit", "321204001", "321204001");
	ok(state, "unit", "321204-police", "321204-police");
	bad(state, "unit", "姜堰区", "单位代码");
	bad(state, "grid", "3", "单位代码");
	/* Attachments: "SHA256:SIZE:KIND:NAME" entries joined by ',' (attach.h), never a bare name. */
	char sha[65];
	memset(sha, 'a', 64);
	sha[64] = '\0';
	char *one = xasprintf("%s:12:jpg:照片.jpg", sha), *two = xasprintf("%s,%s:3:txt:说明.txt", one, sha);
	ok(state, "file", one, one);
	ok(state, "file", two, two);
	bad(state, "file", "照片.jpg", "附件");
	char *dots = xasprintf("%s:12:jpg:../etc/passwd", sha), *hidden = xasprintf("%s:12:jpg:.x", sha);
	char *nokind = xasprintf("%s:12::a.jpg", sha), *shortsha = xasprintf("%.63s:12:jpg:a.jpg", sha);
	bad(state, "file", dots, "附件");
	bad(state, "file", hidden, "附件");
	bad(state, "file", nokind, "附件");
	bad(state, "file", shortsha, "附件");
	bad(state, "file", "/etc/passwd", "附件");
	free(one);
	free(two);
	free(dots);
	free(hidden);
	free(nokind);
	free(shortsha);
	assert_true(unit_code_valid("32"));
	assert_false(unit_code_valid("3"));
	assert_false(unit_code_valid("321204-"));
	assert_false(unit_code_valid("321204-Police"));
	assert_false(unit_code_valid("1234567890123456789"));
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(utf8_width("中文ab"), 6);
	assert_int_equal(utf8_chars("中文ab"), 4);
	assert_int_equal(utf8_width(""), 0);
	assert_int_equal(utf8_width("ａ"), 2); /* fullwidth forms are wide */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_past),
		cmocka_unit_test(test_datetime_past),
		cmocka_unit_test_setup_teardown(test_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_longtext, setup, teardown),
		cmocka_unit_test_setup_teardown(test_int, setup, teardown),
		cmocka_unit_test_setup_teardown(test_decimal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_date, setup, teardown),
		cmocka_unit_test_setup_teardown(test_datetime, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enum, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multi, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bool, setup, teardown),
		cmocka_unit_test_setup_teardown(test_idnum_and_person, setup, teardown),
		cmocka_unit_test_setup_teardown(test_phone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unit_grid_attach, setup, teardown),
		cmocka_unit_test(test_width),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
