/* test_task.c — the tasks' state table (R-EV-9): who may do what from which state. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "task.h"

static void test_flow(void **state)
{
	(void)state;
	assert_int_equal(task_rule_find(TA_SIGN, TS_ISSUED, TE_NONE)->to, TS_SIGNED);
	assert_null(task_rule_find(TA_SIGN, TS_SIGNED, TE_NONE));
	assert_null(task_rule_find(TA_FEEDBACK, TS_ISSUED, TE_NONE));
	assert_int_equal(task_rule_find(TA_FEEDBACK, TS_SIGNED, TE_NONE)->to, TS_FEDBACK);
	assert_int_equal(task_rule_find(TA_EVALUATE, TS_FEDBACK, TE_GOOD)->to, TS_DONE);
	assert_int_equal(task_rule_find(TA_EVALUATE, TS_FEDBACK, TE_FAIR)->to, TS_DONE);
	assert_int_equal(task_rule_find(TA_EVALUATE, TS_FEDBACK, TE_BAD)->to, TS_SIGNED);
	assert_null(task_rule_find(TA_EVALUATE, TS_SIGNED, TE_GOOD));
	assert_int_equal(task_rule_find(TA_SUPERVISE, TS_ISSUED, TE_NONE)->who, TW_ABOVE);
	assert_null(task_rule_find(TA_SUPERVISE, TS_DONE, TE_NONE));
}

static void test_pending(void **state)
{
	(void)state;
	struct task_recv r = {.state = TS_ISSUED};
	assert_true(task_pending(&r, TSTAGE_SIGN));
	assert_true(task_pending(&r, TSTAGE_FEEDBACK));
	r.state = TS_SIGNED;
	assert_false(task_pending(&r, TSTAGE_SIGN));
	assert_true(task_pending(&r, TSTAGE_FEEDBACK));
	r.state = TS_FEDBACK;
	assert_false(task_pending(&r, TSTAGE_FEEDBACK));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flow),
		cmocka_unit_test(test_pending),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
