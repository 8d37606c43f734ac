/* test_task_act.c — what the screens offer on a task (task_actions, task_may_issue,
 * task_may_receive) follows the state table and the accounts' rights, step by step of one task on
 * the demo tree (R-EV-9): the offer and what task_act accepts agree. */
#include "testlib.h"

#include "task.h"

/* The actions NAME is offered on task ID, as "sign,feedback" ("" for none). */
static void offered(struct ctx *c, const char *name, uint64_t id, const char *want)
{
	struct user *u = tl_account(c, name);
	struct task *t = NULL;
	assert_int_equal(task_load(c->st, NULL, id, &t, false), 0);
	int acts[TA__COUNT];
	int n = task_actions(c, u, t, acts);
	char got[128] = "";
	for (int i = 0; i < n; i++)
		snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", i ? "," : "", task_act_id[acts[i]]);
	assert_string_equal(got, want);
	task_free(&t);
	user_free(&u);
}

static int act(struct ctx *c, const char *name, uint64_t id, struct task_req req)
{
	struct user *u = tl_account(c, name);
	int rc = task_act(c, u, id, &req);
	user_free(&u);
	return rc;
}

static void test_issue_rights(void **state)
{
	struct ctx *c = ((struct tl *)*state)->c;
	struct user *county = tl_account(c, "county"), *town = tl_account(c, "town");
	struct user *leader = tl_account(c, "leader"), *grid = tl_account(c, "grid");
	assert_true(task_may_issue(c, county));
	assert_true(task_may_issue(c, town));
	assert_false(task_may_issue(c, leader)); /* may only look */
	assert_false(task_may_issue(c, grid));	 /* no unit below a grid */
	assert_true(task_may_receive(c, county, "321204001"));
	assert_false(task_may_receive(c, county, "321204")); /* not its own unit */
	assert_true(task_may_receive(c, town, "321204001001"));
	assert_false(task_may_receive(c, town, "321204002")); /* a sibling, not below */
	user_free(&county);
	user_free(&town);
	user_free(&leader);
	user_free(&grid);
}

static void test_offers_follow_the_state(void **state)
{
	struct ctx *c = ((struct tl *)*state)->c;
	struct user *county = tl_account(c, "county");
	const char *to[] = {"321204001", "321204002"};
	struct task_new n = {.kind = TK_ASSIGN, .title = "排查", .text = "排查纠纷", .recv = to, .nrecv = 2};
	uint64_t id = 0;
	assert_int_equal(task_issue(c, county, &n, &id), 0);
	user_free(&county);

	offered(c, "town", id, "sign");
	offered(c, "county", id, "supervise");
	offered(c, "leader", id, "");	/* sees it, may not handle */
	offered(c, "village", id, ""); /* below a receiver, not one */
	assert_int_equal(act(c, "town", id, (struct task_req){.act = TA_FEEDBACK, .comment = "x"}), ZZ_EINVAL);

	assert_int_equal(act(c, "town", id, (struct task_req){.act = TA_SIGN}), 0);
	offered(c, "town", id, "feedback");
	assert_int_equal(act(c, "town", id, (struct task_req){.act = TA_FEEDBACK, .comment = "办完了"}), 0);
	offered(c, "town", id, "");
	offered(c, "county", id, "evaluate,supervise");

	assert_int_equal(act(c, "county", id, (struct task_req){.act = TA_EVALUATE, .unit = "321204001", .eval = TE_GOOD}), 0);
	offered(c, "county", id, "supervise"); /* 罗塘街道 has not signed off yet */
	assert_int_equal(act(c, "u321204002.office", id, (struct task_req){.act = TA_SIGN}), 0);
	assert_int_equal(act(c, "u321204002.office", id, (struct task_req){.act = TA_FEEDBACK, .comment = "好"}), 0);
	assert_int_equal(act(c, "county", id, (struct task_req){.act = TA_EVALUATE, .unit = "321204002", .eval = TE_FAIR}), 0);
	offered(c, "county", id, ""); /* all done: nothing left to supervise */
	assert_int_equal(act(c, "county", id, (struct task_req){.act = TA_SUPERVISE, .comment = "x"}), ZZ_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_issue_rights),
		cmocka_unit_test(test_offers_follow_the_state),
	};
	return cmocka_run_group_tests(tests, tl_demo_setup, tl_state_teardown);
}
