/* test_workflow.c — the event state machine table (R-EV-1, R-EV-2, R-EV-3, R-EV-9): who may do
 * what in which state, where the event goes, and the reasons of refusals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "workflow.h"

#define PROV "32"
#define CITY "3212"
#define COUNTY "321204"
#define POLICE "321204-police"
#define TOWN "321204001"
#define JUSTICE "321204001-justice"
#define VA "321204001001"
#define VB "321204001002"

static struct unit tree[] = {
	{.code = PROV, .name = "江苏省", .parent = "", .path = "32/", .level = LV_PROVINCE},
	{.code = CITY, .name = "泰州市", .parent = PROV, .path = "32/3212/", .level = LV_CITY},
	{.code = COUNTY, .name = "姜堰区", .parent = CITY, .path = "32/3212/321204/", .level = LV_COUNTY},
	{.code = POLICE, .name = "姜堰区公安分局", .parent = COUNTY, .path = "32/3212/321204/321204-police/", .level = LV_DEPT},
	{.code = TOWN, .name = "三水街道", .parent = COUNTY, .path = "32/3212/321204/321204001/", .level = LV_TOWNSHIP},
	{.code = JUSTICE, .name = "三水街道司法所", .parent = TOWN, .path = "32/3212/321204/321204001/321204001-justice/",
	 .level = LV_DEPT},
	{.code = VA, .name = "桥头社区", .parent = TOWN, .path = "32/3212/321204/321204001/321204001001/", .level = LV_VILLAGE},
	{.code = VB, .name = "东港村", .parent = TOWN, .path = "32/3212/321204/321204001/321204001002/", .level = LV_VILLAGE},
};
static const struct units us = {.v = tree, .n = (int)ARRAY_LEN(tree)};

static struct event *registered(const char *unit)
{
	struct event *ev = event_alloc();
	ev->id = 1;
	ev->state = EV_NEW;
	free(ev->holder);
	ev->holder = xstrdup(unit);
	free(ev->origin);
	ev->origin = xstrdup(unit);
	ev->via = VIA_REGISTERED;
	ev->reached = 1000;
	ev->hold = 1;
	strv_push(&ev->involved, unit);
	return ev;
}

/* Act as an account of UNIT; returns the check's result and applies the action when allowed. */
static int act(struct event *ev, const char *unit, int a, const struct wf_input *in0, int64_t now)
{
	struct wf_actor actor;
	workflow_actor(&us, ev, unit, &actor);
	struct wf_input in = in0 ? *in0 : (struct wf_input){0};
	in.actor_unit = unit;
	if (!in.max_days)
		in.max_days = 10;
	const struct wf_rule *r = NULL;
	const char *dest = NULL;
	int rc = workflow_check(&us, ev, a, &actor, &in, &r, &dest);
	if (rc == 0)
		workflow_apply(ev, r, dest, &in, now);
	return rc;
}

static void test_table_unique(void **state)
{
	(void)state;
	for (int i = 0; i < wf_rules_len; i++) {
		const struct wf_rule *a = &wf_rules[i];
		assert_true(a->action != EA_CARD && a->action != EA_EDIT);
		assert_true(a->who != 0);
		for (int j = i + 1; j < wf_rules_len; j++)
			assert_false(a->from == wf_rules[j].from && a->action == wf_rules[j].action);
		/* Leaving the unit or closing ends the handling stage; accepting ends the acceptance. */
		if ((a->goes != GO_STAY || a->to == EV_CLOSED) && (a->from == EV_NEW || a->from == EV_HANDLING))
			assert_true(a->meets & MEET_HANDLE);
		if (a->from == EV_NEW && (a->to != EV_NEW || a->goes != GO_STAY) && a->to != EV_NONE)
			assert_true(a->meets & MEET_ACCEPT);
	}
	for (int i = 0; i < EA__COUNT; i++)
		assert_int_equal(wf_action_parse(wf_actions[i].id), i);
	assert_int_equal(wf_action_parse("nonsense"), -1);
}

/* R-EV-1: 新增 → 上报 → 受理 → 交办 → 受理 → 办理 → 反馈 → 结案, every refusal explained. */
static void test_rev1_flow(void **state)
{
	(void)state;
	struct event *ev = registered(VA);
	struct wf_input note = {.comment = "说明"};
	/* Another village may not accept it; nobody may handle it before it is accepted. */
	assert_int_equal(act(ev, VB, EA_ACCEPT, NULL, 1), ZZ_EPERM);
	assert_non_null(strstr(errmsg(), "只有事件所在单位（桥头社区）"));
	assert_int_equal(act(ev, VA, EA_HANDLE, &note, 1), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "待受理"));
	assert_int_equal(act(ev, VA, EA_FEEDBACK, &note, 1), ZZ_EINVAL);
	/* Report up to the parent. */
	assert_int_equal(act(ev, VA, EA_REPORT, NULL, 2000), 0);
	assert_string_equal(ev->holder, TOWN);
	assert_string_equal(ev->from, VA);
	assert_int_equal(ev->state, EV_NEW);
	assert_int_equal(ev->via, VIA_REPORTED);
	assert_int_equal(ev->reached, 2000);
	assert_int_equal(ev->hold, 2);
	assert_int_equal(act(ev, VA, EA_ACCEPT, NULL, 1), ZZ_EPERM);
	assert_int_equal(act(ev, TOWN, EA_ACCEPT, NULL, 3000), 0);
	assert_int_equal(ev->state, EV_HANDLING);
	assert_int_equal(ev->accepted, 3000);
	/* Assign: only to a unit right below. */
	struct wf_input to = {.to = COUNTY};
	assert_int_equal(act(ev, TOWN, EA_ASSIGN, &to, 1), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "不是三水街道的下级单位"));
	to.to = "999";
	assert_int_equal(act(ev, TOWN, EA_ASSIGN, &to, 1), ZZ_EINVAL);
	/* No target yet: a code of its own, so that a menu offers the action and asks for it. */
	to.to = NULL;
	assert_int_equal(act(ev, TOWN, EA_ASSIGN, &to, 1), ZZ_EMISSING);
	assert_non_null(strstr(errmsg(), "请指定交办的单位"));
	to.to = VB;
	assert_int_equal(act(ev, TOWN, EA_ASSIGN, &to, 4000), 0);
	assert_string_equal(ev->holder, VB);
	assert_int_equal(ev->assigners.n, 1);
	assert_string_equal(ev->assigners.v[0], TOWN);
	assert_int_equal(ev->via, VIA_ASSIGNED);
	/* The assigned village may neither close nor report it: it feeds back. */
	assert_int_equal(act(ev, VB, EA_ACCEPT, NULL, 5000), 0);
	assert_int_equal(act(ev, VB, EA_HANDLE, &note, 5100), 0);
	/* R-EV-5 (6.4.3.9): the first 办理 opinion of the holding is remembered; later ones keep it. */
	assert_int_equal(ev->handled, 5100);
	assert_int_equal(act(ev, VB, EA_HANDLE, &note, 5200), 0);
	assert_int_equal(ev->handled, 5100);
	assert_int_equal(act(ev, VB, EA_CLOSE, &note, 1), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "三水街道交办的事件"));
	assert_int_equal(act(ev, VB, EA_REPORT, NULL, 1), ZZ_EINVAL);
	assert_int_equal(act(ev, VB, EA_FEEDBACK, NULL, 1), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "办理情况和结果"));
	assert_int_equal(act(ev, VB, EA_FEEDBACK, &note, 6000), 0);
	assert_string_equal(ev->holder, TOWN);
	assert_int_equal(ev->state, EV_FEDBACK);
	assert_int_equal(ev->assigners.n, 0);
	assert_int_equal(ev->reached, 0); /* no clocks for the assigner's decision */
	assert_int_equal(ev->handled, 0);  /* a new holding has not been handled yet */
	assert_int_equal(act(ev, TOWN, EA_CLOSE, NULL, 1), ZZ_EINVAL);
	assert_int_equal(act(ev, TOWN, EA_CLOSE, &note, 7000), 0);
	assert_int_equal(ev->state, EV_CLOSED);
	assert_int_equal(ev->closed, 7000);
	assert_int_equal(act(ev, TOWN, EA_HANDLE, &note, 1), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "已结案"));
	assert_int_equal(ev->involved.n, 3);
	event_free(&ev);
}

/* R-EV-2: only a major or urgent event skips a level, to an ancestor above the parent. */
static void test_rev2_skip(void **state)
{
	(void)state;
	struct event *ev = registered(VA);
	struct wf_input in = {.to = COUNTY};
	assert_int_equal(act(ev, VA, EA_SKIP, &in, 1), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "重大或紧急"));
	in.urgent = true;
	in.to = TOWN;
	assert_int_equal(act(ev, VA, EA_SKIP, &in, 1), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "直接上级"));
	in.to = VB;
	assert_int_equal(act(ev, VA, EA_SKIP, &in, 1), ZZ_EINVAL);
	in.to = COUNTY;
	assert_int_equal(act(ev, VA, EA_SKIP, &in, 10), 0);
	assert_string_equal(ev->holder, COUNTY);
	assert_int_equal(ev->via, VIA_SKIPPED);
	/* The county may send it back to the village that skipped. */
	struct wf_input why = {.comment = "属村级事项"};
	assert_int_equal(act(ev, COUNTY, EA_RETURN, &why, 20), 0);
	assert_string_equal(ev->holder, VA);
	assert_int_equal(ev->via, VIA_RETURNED);
	assert_int_equal(ev->reached, 20);
	event_free(&ev);
}

/* R-EV-3: the registering unit may close on the spot without accepting first; no one else may. */
static void test_rev3_on_the_spot(void **state)
{
	(void)state;
	struct event *ev = registered(VA);
	struct wf_input res = {.comment = "当场调解"};
	assert_int_equal(act(ev, VA, EA_CLOSE, NULL, 1), ZZ_EINVAL);
	assert_int_equal(act(ev, VA, EA_CLOSE, &res, 50), 0);
	assert_int_equal(ev->state, EV_CLOSED);
	event_free(&ev);
	/* Reported to the township, it must be accepted there before it is closed. */
	ev = registered(VA);
	assert_int_equal(act(ev, VA, EA_REPORT, NULL, 10), 0);
	assert_int_equal(act(ev, TOWN, EA_CLOSE, &res, 20), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "请先受理"));
	/* A registered event has no sender to return it to. */
	event_free(&ev);
	ev = registered(VA);
	assert_int_equal(act(ev, VA, EA_RETURN, &res, 20), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "本单位登记"));
	event_free(&ev);
}

/* Assignment to a member department, its return to the assigner; extension decided by the assigner. */
static void test_dept_return_extension(void **state)
{
	(void)state;
	struct event *ev = registered(TOWN);
	struct wf_input to = {.to = JUSTICE};
	assert_int_equal(act(ev, TOWN, EA_ACCEPT, NULL, 1), 0);
	assert_int_equal(act(ev, TOWN, EA_ASSIGN, &to, 2), 0);
	assert_string_equal(ev->holder, JUSTICE);
	assert_int_equal(act(ev, JUSTICE, EA_ACCEPT, NULL, 3), 0);
	struct wf_input ask = {.comment = "需鉴定", .days = 11};
	assert_int_equal(act(ev, JUSTICE, EA_EXT_ASK, &ask, 4), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "1 到 10"));
	ask.days = 3;
	assert_int_equal(act(ev, JUSTICE, EA_EXT_ASK, &ask, 4), 0);
	assert_int_equal(ev->ext_req_days, 3);
	assert_int_equal(act(ev, JUSTICE, EA_EXT_ASK, &ask, 4), ZZ_EINVAL);
	assert_int_equal(act(ev, VA, EA_EXT_GRANT, NULL, 5), ZZ_EPERM);
	assert_non_null(strstr(errmsg(), "三水街道"));
	assert_int_equal(act(ev, TOWN, EA_EXT_GRANT, NULL, 5), 0);
	assert_int_equal(ev->ext_days, 3);
	assert_int_equal(ev->ext_req_days, 0);
	assert_int_equal(act(ev, TOWN, EA_EXT_GRANT, NULL, 5), ZZ_EINVAL);
	ask.days = 2;
	assert_int_equal(act(ev, JUSTICE, EA_EXT_ASK, &ask, 6), 0);
	assert_int_equal(act(ev, TOWN, EA_EXT_REFUSE, NULL, 7), ZZ_EINVAL);
	struct wf_input no = {.comment = "不符合延期条件"};
	assert_int_equal(act(ev, TOWN, EA_EXT_REFUSE, &no, 7), 0);
	assert_int_equal(ev->ext_days, 3);
	assert_int_equal(ev->ext_req_days, 0);
	/* Returned to the assigner: a new holding with fresh clocks, the extension gone. */
	struct wf_input why = {.comment = "不属司法所职责"};
	assert_int_equal(act(ev, JUSTICE, EA_RETURN, &why, 8), 0);
	assert_string_equal(ev->holder, TOWN);
	assert_int_equal(ev->assigners.n, 0);
	assert_int_equal(ev->ext_days, 0);
	assert_int_equal(ev->state, EV_NEW);
	event_free(&ev);
}

/* R-EV-9: supervision by a unit above the holder, and its evaluation by that unit or one above. */
static void test_rev9_supervise(void **state)
{
	(void)state;
	struct event *ev = registered(VA);
	struct wf_input s = {.comment = "限期办结"};
	assert_int_equal(act(ev, VB, EA_SUPERVISE, &s, 1), ZZ_EPERM);
	assert_int_equal(act(ev, VA, EA_SUPERVISE, &s, 1), ZZ_EPERM);
	struct wf_input e = {.eval = "1"};
	assert_int_equal(act(ev, TOWN, EA_EVALUATE, &e, 1), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "没有督办"));
	assert_int_equal(act(ev, COUNTY, EA_SUPERVISE, &s, 2), 0);
	assert_string_equal(ev->supervisor, COUNTY);
	assert_int_equal(ev->state, EV_NEW);
	/* The township is below the supervising county: it may not evaluate. */
	assert_int_equal(act(ev, TOWN, EA_EVALUATE, &e, 3), ZZ_EPERM);
	struct wf_input res = {.comment = "已调解"};
	assert_int_equal(act(ev, VA, EA_CLOSE, &res, 4), 0);
	assert_int_equal(act(ev, COUNTY, EA_EVALUATE, NULL, 5), ZZ_EINVAL);
	assert_int_equal(act(ev, CITY, EA_EVALUATE, &e, 5), 0);
	event_free(&ev);
}

/* R-EV-8: 续报 only on a mass incident, by the place of the incident or the holder, until closed;
 * it changes neither the state nor the holder. */
static void test_rev8_followup(void **state)
{
	(void)state;
	struct event *ev = registered(VA);
	struct wf_input f = {.comment = "续报：现场平稳", .mass = true};
	struct wf_input plain = {.comment = "续报"};
	assert_int_equal(act(ev, VA, EA_FOLLOWUP, &plain, 1), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "只有群体性事件才能续报"));
	assert_int_equal(act(ev, VA, EA_FOLLOWUP, &(struct wf_input){.mass = true}, 1), ZZ_EINVAL);
	assert_int_equal(act(ev, VA, EA_FOLLOWUP, &f, 1), 0);
	assert_int_equal(ev->state, EV_NEW);
	assert_int_equal(act(ev, VA, EA_REPORT, NULL, 2), 0);
	assert_string_equal(ev->holder, TOWN);
	/* The village that registered it still reports; the township holding it too; not a sibling. */
	assert_int_equal(act(ev, VA, EA_FOLLOWUP, &f, 3), 0);
	assert_int_equal(act(ev, TOWN, EA_FOLLOWUP, &f, 3), 0);
	assert_int_equal(act(ev, VB, EA_FOLLOWUP, &f, 3), ZZ_EPERM);
	assert_non_null(strstr(errmsg(), "或登记单位（桥头社区）"));
	assert_int_equal(act(ev, COUNTY, EA_FOLLOWUP, &f, 3), ZZ_EPERM);
	assert_string_equal(ev->holder, TOWN);
	assert_int_equal(act(ev, TOWN, EA_ACCEPT, NULL, 4), 0);
	assert_int_equal(act(ev, VA, EA_FOLLOWUP, &f, 5), 0);
	assert_int_equal(ev->state, EV_HANDLING);
	assert_int_equal(act(ev, TOWN, EA_CLOSE, &(struct wf_input){.comment = "已平息"}, 6), 0);
	assert_int_equal(act(ev, VA, EA_FOLLOWUP, &f, 7), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "不能续报"));
	event_free(&ev);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rev8_followup),
		cmocka_unit_test(test_table_unique),  cmocka_unit_test(test_rev1_flow),
		cmocka_unit_test(test_rev2_skip),     cmocka_unit_test(test_rev3_on_the_spot),
		cmocka_unit_test(test_dept_return_extension), cmocka_unit_test(test_rev9_supervise),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
