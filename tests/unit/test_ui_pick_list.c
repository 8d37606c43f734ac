/* test_ui_pick_list.c — what a picker offers (ui_pick_list.c over service_pick): an account with a
 * running grant (an approved 信息查阅申请) is offered the records of its own scope only, and opening
 * the picker writes no audit entry, neither for the list nor for each record in it. */
#include "testlib.h"

#include <time.h>

#include "access.h"
#include "audit.h"
#include "record.h"
#include "schema.h"
#include "ui_screen.h"

static int count_entry(const struct audit_entry *e, void *arg)
{
	(void)e;
	(*(int *)arg)++;
	return 0;
}

static int audit_count(struct tl *t, const char *user)
{
	int n = 0;
	assert_int_equal(audit_scan(t->c, 0, user, count_entry, &n), 0);
	return n;
}

static char *key_label(struct ui *ui, const struct rec *r)
{
	(void)ui;
	return xstrdup(r->v[r->t->key]);
}

/* town2 reads 三水街道's persons under a grant; 张三 is 三水's, 张四 its own. */
static void grant_setup(struct tl *t, struct user **town2, char own[19], char granted[19])
{
	struct user *county = tl_user(t, "county", "321204", "office", NULL);
	*town2 = tl_user(t, "town2", "321204002", "office", NULL);
	char today[11], later[11];
	date_format(date_today(time(NULL)), today);
	date_format(date_today(time(NULL)) + 5, later);
	tl_idnum("32120419800101001", granted);
	tl_idnum("32120419800101002", own);
	assert_int_equal(tl_household(t, NULL, granted, "张三", "321204001001001", NULL), 0);
	assert_int_equal(tl_household(t, NULL, own, "张四", "321204002001001", NULL), 0);
	struct rec *r = rec_new(schema_type(t->c->schema, "access_request"));
	const char *kv[][2] = {{"to", "321204"}, {"types", "person,household"}, {"scope", "321204001"},
			       {"reason", "r"}, {"start", today}, {"end", later}};
	for (size_t i = 0; i < ARRAY_LEN(kv); i++)
		assert_int_equal(rec_set(r, kv[i][0], kv[i][1]), 0);
	rec_set_meta(&r->unit, "321204002");
	assert_int_equal(service_save(t->c, *town2, r, NULL), 0);
	assert_int_equal(access_decide(t->c, county, r->id, true, NULL), 0);
	rec_free(&r);
	assert_int_equal(perm_check(t->c, *town2, ACT_VIEW, schema_type(t->c->schema, "person"), "321204001001001"), 0);
	user_free(&county);
}

static void test_grant_not_offered(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	struct user *town2 = NULL;
	char own[19], granted[19];
	grant_setup(&t, &town2, own, granted);
	const struct rtype *pt = schema_type(t.c->schema, "person");
	struct ui ui = {.c = t.c, .u = town2};
	int before = audit_count(&t, "town2");
	const struct service_query qs[] = {{.state = -1, .limit = 200},
					   {.name_prefix = "张", .state = -1, .limit = 200},
					   {.text = granted, .state = -1, .limit = 200}};
	for (size_t i = 0; i < ARRAY_LEN(qs); i++) {
		struct ui_pick_list l;
		assert_int_equal(ui_pick_list_load(&ui, pt, &qs[i], key_label, false, &l), 0);
		assert_int_equal(l.n, i == 2 ? 0 : 1);
		if (l.n)
			assert_string_equal(l.keys[0], own);
		ui_pick_list_free(&l);
	}
	/* Asked for the granted unit's records: refused by the service, the list not audited as a
	 * granted view and no record of it read. */
	struct ui_pick_list l;
	const struct service_query there = {.unit = "321204001", .state = -1, .limit = 200};
	assert_int_equal(ui_pick_list_load(&ui, pt, &there, key_label, false, &l), ZZ_EPERM);
	assert_int_equal(l.n, 0);
	ui_pick_list_free(&l);
	struct rec **recs = NULL;
	long n = -1;
	assert_int_equal(service_pick(t.c, town2, pt, &there, &recs, &n), ZZ_EPERM);
	assert_int_equal(n, 0);
	assert_null(recs);
	assert_int_equal(audit_count(&t, "town2"), before);
	/* Its own unit named: its own record. */
	const struct service_query here = {.unit = "321204002", .state = -1, .limit = 200};
	assert_int_equal(service_pick(t.c, town2, pt, &here, &recs, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(recs[0]->v[pt->key], own);
	rec_free(&recs[0]);
	free(recs);
	assert_int_equal(audit_count(&t, "town2"), before);
	user_free(&town2);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grant_not_offered),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
