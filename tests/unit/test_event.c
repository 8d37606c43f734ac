/* test_event.c — events as the permission function sees them (issue 13): the local console is a
 * role perm_console recognises, not one address, so any user value that is the console lists and
 * acts on every event; an account sees its own subtree only; the open events of a subtree are
 * counted. */
#include "testlib.h"

#include "event.h"

static long listed(struct tl *t, const struct user *u)
{
	uint64_t *ids = NULL;
	long n = -1;
	struct ev_query q = {.state = -1};
	if (event_list(t->c, u, &q, &ids, &n) < 0)
		fail_msg("event_list: %s", errmsg());
	free(ids);
	return n;
}

static void test_console_is_a_role(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	uint64_t a = tl_event(&t, "321204001001001", "01");
	tl_event(&t, "321204002001001", "01");
	struct user copy = service_console;
	assert_true(perm_console(&copy));
	assert_int_equal(listed(&t, &service_console), 2);
	assert_int_equal(listed(&t, &copy), 2);
	struct user *town = tl_user(&t, "town2", "321204002", "office", NULL);
	assert_int_equal(listed(&t, town), 1);
	struct event *ev = NULL;
	struct rec *r = NULL;
	assert_int_equal(event_get(t.c, &copy, a, &ev, &r), 0);
	int acts[EA__COUNT];
	assert_true(event_actions(t.c, &copy, ev, r, acts) > 0);
	assert_int_equal(event_actions(t.c, town, ev, r, acts), 0);
	event_free(&ev);
	rec_free(&r);
	assert_int_equal(event_get(t.c, town, a, &ev, &r), ZZ_EPERM);
	user_free(&town);
	tl_close(&t);
}

static bool offers(struct tl *t, const struct user *u, uint64_t id, int action)
{
	struct event *ev = NULL;
	struct rec *r = NULL;
	if (event_get(t->c, u, id, &ev, &r) < 0)
		fail_msg("event_get: %s", errmsg());
	int acts[EA__COUNT];
	int n = event_actions(t->c, u, ev, r, acts);
	event_free(&ev);
	rec_free(&r);
	for (int i = 0; i < n; i++)
		if (acts[i] == action)
			return true;
	return false;
}

/* 交办 is offered only where there is a unit below to assign to: a grid has none (it led to
 * "没有可选的单位"); its village has its grids. */
static void test_assign_needs_a_unit_below(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	uint64_t g = tl_event(&t, "321204001001001", "01");
	uint64_t v = tl_event(&t, "321204001001", "01");
	struct user *grid = tl_user(&t, "grid1", "321204001001001", "grid", NULL);
	struct user *village = tl_user(&t, "village1", "321204001001", "office", NULL);
	struct ev_req accept = {.action = EA_ACCEPT, .comment = "受理"};
	assert_int_equal(event_act(t.c, grid, g, &accept), 0);
	assert_int_equal(event_act(t.c, village, v, &accept), 0);
	assert_true(offers(&t, grid, g, EA_HANDLE));
	assert_false(offers(&t, grid, g, EA_ASSIGN));
	assert_true(offers(&t, village, v, EA_ASSIGN));
	user_free(&grid);
	user_free(&village);
	tl_close(&t);
}

/* Change field FIELD of event ID to VALUE as U through the record actions. */
static int edit_event(struct tl *t, const struct user *u, uint64_t id, const char *field, const char *value)
{
	return tl_edit(t, u, event_type(t->c), id, field, value);
}

/* A closed event keeps the fields it was closed with (R-EV-1: 结案 ends it): the save is refused on
 * the server, saying why, whoever asks; an open one is still corrected. The screens ask
 * service_frozen before they offer the form. */
static void test_closed_event_is_frozen(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	uint64_t id = tl_event(&t, "321204001001", "01");
	struct user *village = tl_user(&t, "village1", "321204001001", "office", NULL);
	assert_int_equal(edit_event(&t, village, id, "scale", "3"), 0);
	assert_int_equal(tl_frozen(&t, village, event_type(t.c), id), 0);
	struct ev_req close = {.action = EA_CLOSE, .comment = "当场调解成功"};
	assert_int_equal(event_act(t.c, village, id, &close), 0);
	assert_int_equal(edit_event(&t, village, id, "scale", "4"), ZZ_EINVAL);
	assert_errmsg_has("已结案的事件不能修改");
	assert_int_equal(edit_event(&t, &service_console, id, "place", "桥头2组"), ZZ_EINVAL);
	struct rec *r = tl_get(&t, village, event_type(t.c), id);
	assert_string_equal(rec_get(r, "scale"), "3");
	assert_string_equal(rec_get(r, "place"), "桥头1组");
	assert_int_equal(service_frozen(t.c, NULL, r), ZZ_EINVAL);
	assert_errmsg_has("已结案的事件不能修改");
	rec_free(&r);
	user_free(&village);
	tl_close(&t);
}

/* The open events of a subtree (the read-only account's digest) are counted from the index: those
 * held by its units, a closed one not. */
static void test_open_count(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	uint64_t g = tl_event(&t, "321204001001001", "01");
	tl_event(&t, "321204001001001", "01");
	tl_event(&t, "321204001001", "01");
	tl_event(&t, "321204002001001", "01");
	struct user *grid = tl_user(&t, "grid1", "321204001001001", "grid", NULL);
	assert_int_equal(event_act(t.c, grid, g, &(struct ev_req){.action = EA_ACCEPT, .comment = "受理"}), 0);
	assert_int_equal(event_act(t.c, grid, g, &(struct ev_req){.action = EA_CLOSE, .comment = "已调解"}), 0);
	static const struct {
		const char *scope;
		long n;
	} want[] = {{"321204", 3}, {"321204001", 2}, {"321204001001001", 1}, {"321204001001002", 0}, {"321204002", 1}};
	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		long n = -1;
		assert_int_equal(event_open_count(t.c, want[i].scope, &n), 0);
		assert_int_equal(n, want[i].n);
	}
	user_free(&grid);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_console_is_a_role),
	    cmocka_unit_test(test_assign_needs_a_unit_below),
	    cmocka_unit_test(test_closed_event_is_frozen),
	    cmocka_unit_test(test_open_count),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
