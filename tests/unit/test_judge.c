/* test_judge.c — the monthly 分析研判 (R-RP-5): who writes one (the office of a county, township or
 * village), and its to-do lines: due, overdue, gone once submitted, none of months before the home
 * was made. */
#include "testlib.h"

#include "judge.h"
#include "report.h"
#include "todo.h"

static void test_writer(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	const struct {
		const char *name, *unit, *role, *writes;
	} cases[] = {
	    {"county", "321204", "office", "321204"},
	    {"town", "321204001", "office", "321204001"},
	    {"village", "321204001001", "office", "321204001001"},
	    {"city", "3212", "office", NULL},
	    {"grid", "321204001001001", "grid", NULL},
	    {"vgrid", "321204001001", "grid", NULL},
	    {"leader", "321204", "leader", NULL},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct user *u = tl_user(&t, cases[i].name, cases[i].unit, cases[i].role, NULL);
		const struct unit *x = judge_writer(t.c, u);
		if (cases[i].writes)
			assert_string_equal(x ? x->code : "(none)", cases[i].writes);
		else
			assert_null(x);
		user_free(&u);
	}
	assert_null(judge_writer(t.c, &service_console));
	tl_close(&t);
}

/* Whether L has the to-do line of MONTH's report, and at which level. */
static int todo_level(const struct todo_list *l, const char *month)
{
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->v[i].kind, "judge") == 0 && strcmp(l->v[i].ref, month) == 0)
			return l->v[i].level;
	return -1;
}

static void made_at(struct tl *t, int64_t when)
{
	unsigned char be[8];
	be64_put(be, (uint64_t)when);
	assert_int_equal(
	    store_put(store_db(t->c->st, DBI_META), NULL, STORE_MADE, sizeof STORE_MADE, be, 8), 0);
}

static void test_todo(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	struct user *town = tl_user(&t, "town", "321204001", "office", NULL);
	/* A home made on 2026-03-16; a township's report is due by the 8th (conf/reports.cfg). */
	made_at(&t, report_due_day("2026-02", 15) + 1);
	int64_t may1 = report_due_day("2026-04", 1) - 3600,
		may9 = report_due_day("2026-04", 9) - 60;
	struct todo_list l = {0};
	assert_int_equal(judge_todo(t.c, town, may1, &l), 0);
	assert_int_equal(todo_level(&l, "2026-04"), TODO_INFO);
	assert_int_equal(todo_level(&l, "2026-03"), TODO_OVERDUE);
	assert_int_equal(todo_level(&l, "2026-02"), -1);
	todo_free(&l);

	/* Submitted: its line goes; the month before the home still has none. */
	assert_int_equal(judge_save(t.c, town, "2026-04", "上升", "排查"), 0);
	assert_int_equal(judge_submit(t.c, town, "2026-04"), 0);
	assert_int_equal(judge_todo(t.c, town, may9, &l), 0);
	assert_int_equal(todo_level(&l, "2026-04"), -1);
	assert_int_equal(todo_level(&l, "2026-03"), TODO_OVERDUE);
	assert_int_equal(todo_level(&l, "2026-02"), -1);
	todo_free(&l);

	/* A state that is none: the report is said damaged, not taken as missing. */
	struct sb k;
	sb_init(&k);
	sb_add(&k, "judge", 6);
	sb_add(&k, "2026-03", 8);
	sb_adds(&k, "321204001");
	assert_int_equal(store_put(store_db(t.c->st, DBI_META), NULL, k.buf, k.len, "7\tx\t0\n", 7),
			 0);
	assert_int_equal(judge_todo(t.c, town, may9, &l), ZZ_EDB);
	assert_errmsg_has("分析研判数据损坏：321204001 2026-03");
	todo_free(&l);
	assert_int_equal(store_del(store_db(t.c->st, DBI_META), NULL, k.buf, k.len), 0);
	sb_free(&k);

	/* A home whose making is unknown (made before it was kept): every month back. */
	assert_int_equal(
	    store_del(store_db(t.c->st, DBI_META), NULL, STORE_MADE, sizeof STORE_MADE), 0);
	assert_int_equal(judge_todo(t.c, town, may9, &l), 0);
	assert_int_equal(todo_level(&l, "2026-02"), TODO_OVERDUE);
	todo_free(&l);
	user_free(&town);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_writer),
	    cmocka_unit_test(test_todo),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
