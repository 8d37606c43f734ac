/* test_task_line.c — department lines as receivers of a task (task_line.c, R-EV-9): which units a
 * line stands for, as whom; how named units and lines combine; what is refused and why. On the
 * demo tree (db/demo/units.tsv): the county 321204 with its bureaus, its townships with their
 * stations; the 信访 department only at the county. */
#include "testlib.h"

#include "task.h"

/* How many police units the demo tree has below the county's level. */
static int stations(struct ctx *c)
{
	int n = 0;
	const struct units *us = ctx_units(c);
	for (int i = 0; i < us->n; i++)
		n += us->v[i].level == LV_DEPT && !strcmp(us->v[i].dept, "police") && strcmp(us->v[i].parent, "321204") != 0;
	return n;
}

static void test_line_units(void **state)
{
	struct ctx *c = ((struct tl *)*state)->c;
	struct user *police = tl_account(c, "police"), *county = tl_account(c, "county");
	struct user *town = tl_account(c, "town");
	struct strv v;
	/* The bureau's line is every station under the county, in tree order, not the bureau itself. */
	assert_int_equal(task_line_units(c, police, "police", &v), 0);
	assert_int_equal(v.n, stations(c));
	assert_true(v.n > 1);
	assert_string_equal(v.v[0], "321204001-police");
	assert_int_equal(strv_find(&v, "321204-police"), -1);
	for (int i = 0; i < v.n; i++)
		assert_true(task_may_receive(c, police, v.v[i]));
	strv_free(&v);
	/* The county office's police line is the same stations. */
	assert_int_equal(task_line_units(c, county, "police", &v), 0);
	assert_int_equal(v.n, stations(c));
	strv_free(&v);
	/* A township has no level with stations below it; 信访 has none below the county. */
	assert_int_equal(task_line_units(c, town, "police", &v), ZZ_ENOENT);
	assert_string_equal(errmsg(), "本单位以下没有公安条线的单位");
	assert_int_equal(v.n, 0);
	assert_int_equal(task_line_units(c, county, "petition", &v), ZZ_ENOENT);
	assert_int_equal(task_line_units(c, county, "army", &v), ZZ_EINVAL);
	assert_string_equal(errmsg(), "没有部门条线 army");
	/* The lines offered: those with units below, in the order of the departments. */
	task_lines(c, county, &v);
	assert_true(v.n > 1);
	assert_string_equal(v.v[0], "police");
	assert_int_equal(strv_find(&v, "petition"), -1);
	strv_free(&v);
	task_lines(c, town, &v);
	assert_int_equal(v.n, 0);
	user_free(&police);
	user_free(&county);
	user_free(&town);
}

static void test_expand_and_issue(void **state)
{
	struct ctx *c = ((struct tl *)*state)->c;
	struct user *county = tl_account(c, "county");
	/* A named unit stays named (first, unmarked); the line adds only the units not named. */
	const char *to[] = {"321204002-justice", TASK_LINE_PREFIX "justice", "321204001"};
	struct task_new n = {.kind = TK_ASSIGN, .title = "排查", .text = "排查", .recv = to, .nrecv = 3};
	struct strv units, lines;
	assert_int_equal(task_recv_expand(c, county, &n, &units, &lines), 0);
	assert_string_equal(units.v[0], "321204002-justice");
	assert_string_equal(lines.v[0], "");
	assert_string_equal(units.v[1], "321204001");
	int k = strv_find(&units, "321204001-justice");
	assert_true(k > 1);
	assert_string_equal(lines.v[k], "justice");
	int named = 0;
	for (int i = 0; i < units.n; i++)
		named += !strcmp(units.v[i], "321204002-justice");
	assert_int_equal(named, 1);
	/* Issued: the task holds the units, each with the line that brought it. */
	uint64_t id = 0;
	assert_int_equal(task_issue(c, county, &n, &id), 0);
	struct task *t = NULL;
	assert_int_equal(task_load(c->st, NULL, id, &t, false), 0);
	assert_int_equal(t->nrecv, units.n);
	assert_null(task_recv_find(t, "321204002-justice")->line);
	assert_string_equal(task_recv_find(t, "321204001-justice")->line, "justice");
	task_free(&t);
	strv_free(&units);
	strv_free(&lines);
	/* The same line twice is refused, so is a line of no department. */
	const char *twice[] = {TASK_LINE_PREFIX "police", TASK_LINE_PREFIX "police"};
	n.recv = twice;
	n.nrecv = 2;
	assert_int_equal(task_issue(c, county, &n, &id), ZZ_EINVAL);
	assert_string_equal(errmsg(), "接收的公安条线重复");
	const char *none[] = {TASK_LINE_PREFIX ""};
	n.recv = none;
	n.nrecv = 1;
	assert_int_equal(task_issue(c, county, &n, &id), ZZ_EINVAL);
	user_free(&county);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_units),
		cmocka_unit_test(test_expand_and_issue),
	};
	return cmocka_run_group_tests(tests, tl_demo_setup, tl_state_teardown);
}
