/* test_daemon.c — the daemon's loop: a daemon whose rules keep meeting database errors exits so
 * that its supervisor restarts it, and tells the administrators (issue 15). */
#include "testlib.h"

#include "daemon.h"
#include "feature.h"

static int rule_broken_db(struct ctx *c, int64_t now)
{
	(void)c;
	(void)now;
	return errmsg_set(ZZ_EDB, "模拟的数据库错误");
}

static const struct daemon_rule broken_rules[] = {
	{.name = "broken", .help = "always fails with a database error", .run = rule_broken_db},
};
static const struct feature broken = {.name = "broken", .rules = broken_rules, .nrules = 1};

/* The daemon's notice is there, at the system's own level (not an event's red card), first. */
static int has_daemon_item(const struct todo_list *l)
{
	for (int i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].kind, "daemon")) {
			assert_int_equal(l->v[i].level, TODO_SYSTEM);
			assert_int_equal(i, 0);
			assert_non_null(strstr(l->v[i].text, "系统告警："));
			assert_null(strstr(l->v[i].text, "zongzhi "));
			return 1;
		}
	return 0;
}

static void test_exits_after_failed_passes(void **state)
{
	(void)state;
	struct tl t;
	tl_init_conf(&t, "interval_s = 60;", "interval_s = 1;");
	tl_open_ctx(&t, true);
	struct user *admin = tl_user(&t, "admin", "321204", "sysadmin", NULL);
	struct user *village = tl_user(&t, "village", "321204001001", "office", NULL);
	/* The context's own features, and one whose rule always meets a database error. */
	int n = 0;
	while (t.c->features && t.c->features[n])
		n++;
	const struct feature **fs = xcalloc((size_t)n + 2, sizeof *fs);
	for (int i = 0; i < n; i++)
		fs[i] = t.c->features[i];
	fs[n] = &broken;
	const struct feature *const *saved = t.c->features;
	t.c->features = fs;
	time_t start = time(NULL);
	assert_int_equal(daemon_loop(t.c), ZZ_EDB);
	assert_errmsg_has("守护进程退出以便重启");
	assert_true(time(NULL) - start < 30); /* three passes a second apart, not forever */
	struct todo_list l = {0};
	assert_int_equal(todo_collect(t.c, admin, time(NULL), &l), 0);
	assert_true(has_daemon_item(&l));
	todo_free(&l);
	assert_int_equal(todo_collect(t.c, village, time(NULL), &l), 0);
	assert_false(has_daemon_item(&l));
	todo_free(&l);
	t.c->features = saved;
	free(fs);
	user_free(&admin);
	user_free(&village);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exits_after_failed_passes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
