/* test_daily.c — daily reports: a report corrected the same day (audited with the text before and
 * after), not another day; bounded length; nothing to correct (issue 12, part 5). */
#include "testlib.h"

#include "audit.h"
#include "daily.h"

struct fx {
	struct tl t;
	struct user *village;
};

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	tl_open(&f->t, true);
	f->village = tl_user(&f->t, "village", "321204001001", "office", NULL);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	user_free(&f->village);
	tl_close(&f->t);
	free(f);
	return 0;
}

static int last_audit(const struct audit_entry *e, void *arg)
{
	snprintf(arg, 512, "%s %s %s", e->type, e->object, e->detail ? e->detail : "");
	return 0;
}

struct seen {
	int day;
	char text[256];
};

static int text_of(const struct daily_row *r, void *arg)
{
	struct seen *s = arg;
	if (r->day == s->day)
		snprintf(s->text, sizeof s->text, "%s", r->text ? r->text : "");
	return 0;
}

static void test_correct_same_day(void **state)
{
	struct fx *f = *state;
	struct ctx *c = f->t.c;
	int today = date_today(time(NULL));
	assert_int_equal(daily_correct(c, f->village, NULL, today, "无"), ZZ_ENOENT);
	assert_int_equal(daily_file(c, f->village, NULL, today, DAILY_REPORT, "排查 3 起\n化解 2 起"), 0);
	assert_int_equal(daily_correct(c, f->village, NULL, today, "排查 3 起\n化解 3 起"), 0);
	struct seen s = {.day = today};
	assert_int_equal(daily_scan(c, "321204001001", today, today, text_of, &s), 0);
	assert_string_equal(s.text, "排查 3 起\n化解 3 起");
	char last[512] = "";
	audit_scan(c, 0, "village", last_audit, last);
	assert_non_null(strstr(last, "daily_correct daily:321204001001:"));
	assert_non_null(strstr(last, "更正：排查 3 起\n化解 2 起 → 排查 3 起\n化解 3 起"));
	/* Unchanged text, an empty one, control characters and too long a text are refused. */
	assert_int_equal(daily_correct(c, f->village, NULL, today, "排查 3 起\n化解 3 起"), ZZ_EINVAL);
	assert_int_equal(daily_correct(c, f->village, NULL, today, ""), ZZ_EINVAL);
	assert_int_equal(daily_correct(c, f->village, NULL, today, "a\x07"), ZZ_EINVAL);
	char *big = xmalloc(3 * 2001 + 1);
	big[0] = '\0';
	for (int i = 0; i < 2001; i++)
		strcat(big, "字");
	assert_int_equal(daily_correct(c, f->village, NULL, today, big), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "最多 2000 个字"));
	big[3 * 2000] = '\0';
	assert_int_equal(daily_correct(c, f->village, NULL, today, big), 0);
	free(big);
}

static void test_not_another_day(void **state)
{
	struct fx *f = *state;
	struct ctx *c = f->t.c;
	int yesterday = date_today(time(NULL)) - 1;
	assert_int_equal(daily_file(c, f->village, NULL, yesterday, DAILY_ZERO, NULL), 0);
	assert_int_equal(daily_correct(c, f->village, NULL, yesterday, "补上内容"), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "已不能更正"));
	struct seen s = {.day = yesterday};
	assert_int_equal(daily_scan(c, "321204001001", yesterday, yesterday, text_of, &s), 0);
	assert_string_equal(s.text, "零报告");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_correct_same_day, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_another_day, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
