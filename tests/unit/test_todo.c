/* test_todo.c — the to-do list's levels: one name each (提示, 预警, 逾期, 黄牌, 红牌, 系统), the urgent
 * first, the system's own notices before all and never named as a card; record states named once (被退回, 未分派). Issue 12. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "record.h"
#include "todo.h"

static void test_level_names(void **state)
{
	(void)state;
	assert_string_equal(todo_level_name(TODO_INFO), "提示");
	assert_string_equal(todo_level_name(TODO_WARN), "预警");
	assert_string_equal(todo_level_name(TODO_OVERDUE), "逾期");
	assert_string_equal(todo_level_name(TODO_YELLOW), "黄牌");
	assert_string_equal(todo_level_name(TODO_RED), "红牌");
	assert_string_equal(todo_level_name(TODO_SYSTEM), "系统");
	assert_string_equal(todo_level_name(TODO__NLEVELS), "?");
	assert_string_equal(todo_level_name(-1), "?");
	/* More urgent levels have larger values: the list sorts on them. */
	assert_true(TODO_SYSTEM > TODO_RED && TODO_RED > TODO_YELLOW && TODO_YELLOW > TODO_OVERDUE && TODO_OVERDUE > TODO_WARN &&
		    TODO_WARN > TODO_INFO);
}

static void test_state_names(void **state)
{
	(void)state;
	assert_string_equal(rec_state_name(REC_ACTIVE), "在用");
	assert_string_equal(rec_state_name(REC_PENDING), "待认领");
	assert_string_equal(rec_state_name(REC_RETURNED), "被退回");
	assert_string_equal(rec_state_name(REC_UNROUTED), "未分派");
	assert_string_equal(rec_state_name(REC__NSTATES), "?");
}

static void test_add(void **state)
{
	(void)state;
	struct todo_list l = {0};
	for (int i = 0; i < 20; i++)
		todo_add(&l, i % TODO__NLEVELS, i, "visit", "mental:1", "第 %d 项", i);
	assert_int_equal(l.n, 20);
	assert_string_equal(l.v[19].text, "第 19 项");
	assert_int_equal(l.v[19].level, 19 % TODO__NLEVELS);
	todo_free(&l);
	assert_int_equal(l.n, 0);
	assert_null(l.v);
}

/* Many reminders of one kind collapse into one line with their count; the line opens them. */
static void test_group(void **state)
{
	(void)state;
	struct todo_list l = {0};
	todo_add(&l, TODO_RED, 50, "event", "dispute_event:1", "事件");
	for (int i = 0; i < 6; i++)
		todo_add(&l, TODO_OVERDUE, 100 + i, "visit", "mental:1", "走访 %d", i);
	todo_add(&l, TODO_WARN, 90, "visit", "mental:2", "即将到期");
	todo_group(&l, 5, NULL);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0].kind, "event");
	assert_string_equal(l.v[1].kind, "group");
	assert_string_equal(l.v[1].ref, "visit:2");
	assert_string_equal(l.v[1].text, "走访已逾期 6 项（回车列出）");
	assert_int_equal(l.v[1].level, TODO_OVERDUE);
	assert_int_equal(l.v[1].due, 100);
	assert_string_equal(l.v[2].text, "即将到期"); /* one of its kind: not grouped */
	todo_free(&l);
	for (int i = 0; i < 6; i++)
		todo_add(&l, TODO_OVERDUE, 100 + i, "visit", "mental:1", "走访 %d", i);
	todo_add(&l, TODO_RED, 50, "event", "dispute_event:1", "事件");
	todo_group(&l, 5, "visit:2");
	assert_int_equal(l.n, 6);
	assert_string_equal(l.v[5].text, "走访 5");
	todo_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_level_names),
		cmocka_unit_test(test_state_names),
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_group),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
