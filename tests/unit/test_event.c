/* test_event.c — events as the permission function sees them (issue 13): the local console is a
 * role perm_console recognises, not one address, so any user value that is the console lists and
 * acts on every event; an account sees its own subtree only; the open events of a subtree are
 * counted; the list of the open ones (未结案, from ev_open.db) is the list of all less the closed
 * ones, for every demo account, an event reported away from the unit included. */
#include "testlib.h"

#include "demo.h"
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

/* Each audit entry's type and result, one a line. */
static int audit_types(const struct audit_entry *e, void *arg)
{
	sb_addf(arg, "%s %s\n", e->type, e->result);
	return 0;
}

/* A member department reads its level's events (R-AC-1) but changes the fields only of those it
 * holds: the county's police changed an event held by a village it never had, refused now on the
 * server and audited, and the screens (service_editable) do not offer it; the village holding it and
 * the units above still correct it. */
static void test_dept_edits_only_held_events(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	uint64_t id = tl_event(&t, "321204001001", "01");
	struct user *police = tl_user(&t, "police1", "321204-police", "dept", "police");
	struct user *county = tl_user(&t, "county1", "321204", "office", NULL);
	struct user *village = tl_user(&t, "village1", "321204001001", "office", NULL);
	struct event *ev = NULL;
	assert_int_equal(event_get(t.c, police, id, &ev, NULL), 0);
	assert_int_equal(event_may_edit(t.c, police, ev), ZZ_EPERM);
	assert_errmsg_has("只有事件所在单位（桥头社区）及其上级单位可以修改事件信息");
	assert_int_equal(event_may_edit(t.c, county, ev), 0);
	assert_int_equal(event_may_edit(t.c, village, ev), 0);
	event_free(&ev);
	assert_int_equal(edit_event(&t, police, id, "description", "公安改写"), ZZ_EPERM);
	struct rec *r = tl_get(&t, village, event_type(t.c), id);
	assert_string_equal(rec_get(r, "description"), "两户为界址争执");
	assert_int_equal(service_editable(t.c, NULL, police, r), ZZ_EPERM);
	assert_int_equal(service_editable(t.c, NULL, village, r), 0);
	rec_free(&r);
	struct sb aud;
	sb_init(&aud);
	assert_int_equal(audit_scan(t.c, 0, "police1", audit_types, &aud), 0);
	assert_non_null(strstr(aud.buf ? aud.buf : "", "edit refused"));
	sb_free(&aud);
	assert_int_equal(edit_event(&t, village, id, "scale", "3"), 0);
	assert_int_equal(edit_event(&t, county, id, "scale", "4"), 0);
	user_free(&village);
	user_free(&county);
	user_free(&police);
	tl_close(&t);
}

/* A closed event keeps the fields it was closed with (R-EV-1: 结案 ends it): the save is refused on
 * the server, saying why, whoever asks; an open one is still corrected. The screens ask
 * service_frozen before they offer the form, the event's own screen event_fields_frozen of the
 * event it has read. */
static void test_closed_event_is_frozen(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	uint64_t id = tl_event(&t, "321204001001", "01");
	struct user *village = tl_user(&t, "village1", "321204001001", "office", NULL);
	assert_int_equal(edit_event(&t, village, id, "scale", "3"), 0);
	assert_int_equal(tl_frozen(&t, village, event_type(t.c), id), 0);
	struct event *ev = NULL;
	assert_int_equal(event_get(t.c, village, id, &ev, NULL), 0);
	assert_int_equal(event_fields_frozen(ev), 0);
	event_free(&ev);
	struct ev_req close = {.action = EA_CLOSE, .comment = "当场调解成功"};
	assert_int_equal(event_act(t.c, village, id, &close), 0);
	assert_int_equal(edit_event(&t, village, id, "scale", "4"), ZZ_EINVAL);
	assert_errmsg_has("已结案的事件不能修改");
	assert_int_equal(edit_event(&t, &service_console, id, "place", "桥头2组"), ZZ_EINVAL);
	struct rec *r = tl_get(&t, village, event_type(t.c), id);
	assert_string_equal(rec_get(r, "scale"), "3");
	assert_string_equal(rec_get(r, "place"), "桥头1组");
	assert_int_equal(service_frozen(t.c, NULL, r, ACT_EDIT), ZZ_EINVAL);
	assert_errmsg_has("已结案的事件不能修改");
	/* Asked about a delete, the hook answers for the delete, not with the edit's words. */
	assert_int_equal(service_frozen(t.c, NULL, r, ACT_DELETE), ZZ_EPERM);
	assert_errmsg_has("已结案的事件不能删除");
	rec_free(&r);
	/* The screen's question about the event it has read (no second read) has the same answer. */
	assert_int_equal(event_get(t.c, village, id, &ev, NULL), 0);
	assert_int_equal(event_fields_frozen(ev), ZZ_EINVAL);
	assert_errmsg_has("已结案的事件不能修改");
	event_free(&ev);
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

static void list_ids(struct tl *t, const struct user *u, bool open, uint64_t **ids, long *n)
{
	struct ev_query q = {.state = -1, .open = open};
	if (event_list(t->c, u, &q, ids, n) < 0)
		fail_msg("event_list %s: %s", u->name, errmsg());
}

/* The events of U's all-events list that are not closed (each loaded), against the open list. */
static long assert_open_list(struct tl *t, const struct user *u)
{
	uint64_t *all = NULL, *open = NULL;
	long na = 0, no = 0, k = 0;
	list_ids(t, u, false, &all, &na);
	list_ids(t, u, true, &open, &no);
	for (long i = 0; i < na; i++) {
		struct event *ev = NULL;
		if (event_load(t->c->st, NULL, all[i], &ev, false) < 0)
			fail_msg("event_load %llu: %s", (unsigned long long)all[i], errmsg());
		if (ev->state != EV_CLOSED)
			all[k++] = all[i];
		event_free(&ev);
	}
	if (k != no)
		fail_msg("%s: %ld open of all, %ld listed open", u->name, k, no);
	for (long i = 0; i < k; i++)
		if (all[i] != open[i])
			fail_msg("%s: open list row %ld is %llu, not %llu", u->name, i, (unsigned long long)open[i],
				 (unsigned long long)all[i]);
	free(all);
	free(open);
	return no;
}

/* 未结案 on the demo's events (reported up and assigned to another village, settled on the spot,
 * fed back by a department, skipped to the county and assigned back down, an extension asked):
 * the same as all of them less the closed one, for accounts at every level. */
static void test_open_list_is_all_less_closed(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, false);
	struct demo_summary sum = {0};
	if (demo_create(t.c, &(struct demo_opts){.persons = 50, .seed = 1}, &sum) < 0)
		fail_msg("demo_create: %s", errmsg());
	free(sum.per_type);
	static const struct {
		const char *name;
		long open; /* at least: the demo's events may grow */
	} accounts[] = {
	    {"leader", 5}, {"county", 5}, {"town", 5}, {"village", 3}, {"village2", 1},
	    {"justice", 5}, {"u321204001.justice", 0}, {"grid", 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(accounts); i++) {
		struct user *u = NULL;
		if (user_load(t.c->st, NULL, accounts[i].name, &u, false) < 0)
			fail_msg("user %s: %s", accounts[i].name, errmsg());
		long n = assert_open_list(&t, u);
		if (n < accounts[i].open)
			fail_msg("%s: %ld open events listed, expected at least %ld", u->name, n, accounts[i].open);
		user_free(&u);
	}
	assert_open_list(&t, &service_console);
	tl_close(&t);
}

static bool lists(struct tl *t, const struct user *u, uint64_t id)
{
	uint64_t *ids = NULL;
	long n = 0;
	list_ids(t, u, true, &ids, &n);
	bool found = false;
	for (long i = 0; i < n; i++)
		found |= ids[i] == id;
	free(ids);
	return found;
}

/* An event the village reported to its town, which assigned it to another village, is no longer
 * held in the village's subtree: it is still open in the village's list (as it is in its list of
 * all) while fed back to the town, and not once the town has closed it. */
static void test_open_list_keeps_event_held_elsewhere(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	uint64_t id = tl_event(&t, "321204001001", "01");
	struct user *village = tl_user(&t, "village1", "321204001001", "office", NULL);
	struct user *town = tl_user(&t, "town1", "321204001", "office", NULL);
	struct user *other = tl_user(&t, "village2", "321204001002", "office", NULL);
	assert_int_equal(event_act(t.c, village, id, &(struct ev_req){.action = EA_REPORT, .comment = "请街道协调"}), 0);
	assert_true(lists(&t, village, id));
	assert_int_equal(event_act(t.c, town, id, &(struct ev_req){.action = EA_ACCEPT, .comment = "已签收"}), 0);
	assert_int_equal(event_act(t.c, town, id,
				   &(struct ev_req){.action = EA_ASSIGN, .to = "321204001002", .comment = "请东港村调解"}),
			 0);
	assert_true(lists(&t, village, id));
	assert_true(lists(&t, town, id));
	assert_true(lists(&t, other, id));
	assert_open_list(&t, village);
	assert_int_equal(event_act(t.c, other, id, &(struct ev_req){.action = EA_ACCEPT, .comment = "已签收"}), 0);
	assert_int_equal(event_act(t.c, other, id, &(struct ev_req){.action = EA_FEEDBACK, .comment = "已调解"}), 0);
	assert_true(lists(&t, village, id));
	assert_int_equal(event_act(t.c, town, id, &(struct ev_req){.action = EA_CLOSE, .comment = "结案"}), 0);
	assert_false(lists(&t, village, id));
	assert_false(lists(&t, other, id));
	assert_open_list(&t, village);
	user_free(&village);
	user_free(&town);
	user_free(&other);
	tl_close(&t);
}

/* Who lists an event as 未结案 as it goes: one registered by a grid, reported up through its
 * village to the town and assigned to the town's other village; one skipped (越级上报) from a
 * village to the county, copied to the town between; one the county reported to the city. Each
 * unit that held it (or had the copy) and its ancestors list it, a sibling that never did not, and
 * no one a closed one: the list of all less the closed, unit by unit. */
static void test_open_list_follows_the_holders(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	const struct user *con = &service_console;
	uint64_t up = tl_event(&t, "321204001001001", "01");
	assert_int_equal(event_act(t.c, con, up, &(struct ev_req){.action = EA_REPORT, .comment = "请社区协调"}), 0);
	assert_int_equal(event_act(t.c, con, up, &(struct ev_req){.action = EA_REPORT, .comment = "请街道协调"}), 0);
	assert_int_equal(event_act(t.c, con, up, &(struct ev_req){.action = EA_ACCEPT, .comment = "已签收"}), 0);
	assert_int_equal(
	    event_act(t.c, con, up, &(struct ev_req){.action = EA_ASSIGN, .to = "321204001002", .comment = "请天目调解"}),
	    0);
	uint64_t skip = tl_event(&t, "321204002001", "01");
	assert_int_equal(edit_event(&t, con, skip, "urgency", "3"), 0); /* 越级上报 is for the urgent */
	assert_int_equal(
	    event_act(t.c, con, skip, &(struct ev_req){.action = EA_SKIP, .to = "321204", .comment = "情况紧急"}), 0);
	uint64_t city = tl_event(&t, "321204", "01");
	assert_int_equal(event_act(t.c, con, city, &(struct ev_req){.action = EA_REPORT, .comment = "请市里协调"}), 0);
	uint64_t done = tl_event(&t, "321204002001001", "01");
	assert_int_equal(event_act(t.c, con, done, &(struct ev_req){.action = EA_ACCEPT, .comment = "受理"}), 0);
	assert_int_equal(event_act(t.c, con, done, &(struct ev_req){.action = EA_CLOSE, .comment = "已调解"}), 0);
	static const struct {
		const char *unit, *role;
		bool up, skip, city;
	} want[] = {
	    {"3212", "office", true, true, true},	       {"321204", "office", true, true, true},
	    {"321204001", "office", true, false, false},       {"321204001001", "office", true, false, false},
	    {"321204001001001", "grid", true, false, false},   {"321204001001002", "grid", false, false, false},
	    {"321204001002", "office", true, false, false},    {"321204001002001", "grid", false, false, false},
	    {"321204002", "office", false, true, false},       {"321204002001", "office", false, true, false},
	    {"321204002001001", "grid", false, false, false},
	};
	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		char name[32];
		snprintf(name, sizeof name, "u%zu", i);
		struct user *u = tl_user(&t, name, want[i].unit, want[i].role, NULL);
		if (lists(&t, u, up) != want[i].up || lists(&t, u, skip) != want[i].skip ||
		    lists(&t, u, city) != want[i].city || lists(&t, u, done))
			fail_msg("%s: lists the reported event %d, the skipped one %d, the county's %d, the closed one %d",
				 want[i].unit, lists(&t, u, up), lists(&t, u, skip), lists(&t, u, city), lists(&t, u, done));
		assert_open_list(&t, u);
		user_free(&u);
	}
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_console_is_a_role),
	    cmocka_unit_test(test_assign_needs_a_unit_below),
	    cmocka_unit_test(test_closed_event_is_frozen),
	    cmocka_unit_test(test_dept_edits_only_held_events),
	    cmocka_unit_test(test_open_count),
	    cmocka_unit_test(test_open_list_is_all_less_closed),
	    cmocka_unit_test(test_open_list_keeps_event_held_elsewhere),
	    cmocka_unit_test(test_open_list_follows_the_holders),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
