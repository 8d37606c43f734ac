/* test_remind.c — reminders keyed by unit path: a scope's list is a prefix scan. */
#include "testlib.h"

#include "remind.h"

struct seen {
	char refs[8][700];
	int n;
};

static int collect(const char *kind, const char *ref, const struct remind *r, void *arg)
{
	struct seen *s = arg;
	assert_string_equal(kind, "visit");
	assert_int_equal(r->level, 1);
	snprintf(s->refs[s->n++], sizeof s->refs[0], "%s %s %s", ref, r->unit, r->text);
	return 0;
}

static void put(struct ctx *c, const char *path, const char *ref, const char *unit, const char *text)
{
	struct remind r = {.level = 1, .due = 1700000000};
	snprintf(r.unit, sizeof r.unit, "%s", unit);
	snprintf(r.text, sizeof r.text, "%s", text);
	assert_int_equal(remind_put(c->st, NULL, path, "visit", ref, &r), 0);
}

static void test_scope_scan(void **state)
{
	struct ctx *c = ((struct tl *)*state)->c;
	put(c, "32/3212/321204/321204001/", "mental:1", "321204001", "甲");
	put(c, "32/3212/321204/321204002/", "mental:2", "321204002", "乙");
	put(c, "32/3212/321204/321204001/321204001001/", "mental:3", "321204001001", "丙");
	struct seen s = {0};
	assert_int_equal(remind_scan(c->st, NULL, "32/3212/321204/321204001/", collect, &s), 0);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.refs[0], "mental:1 321204001 甲");
	assert_string_equal(s.refs[1], "mental:3 321204001001 丙");
	/* Replacing keeps one row; removing twice is not an error. */
	put(c, "32/3212/321204/321204001/", "mental:1", "321204001", "甲（更新）");
	assert_int_equal(remind_del(c->st, NULL, "32/3212/321204/321204001/321204001001/", "visit", "mental:3"), 0);
	assert_int_equal(remind_del(c->st, NULL, "32/3212/321204/321204001/321204001001/", "visit", "mental:3"), 0);
	memset(&s, 0, sizeof s);
	assert_int_equal(remind_scan(c->st, NULL, "32/", collect, &s), 0);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.refs[0], "mental:1 321204001 甲（更新）");
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_scope_scan)};
	return cmocka_run_group_tests(tests, tl_db_setup, tl_state_teardown);
}
