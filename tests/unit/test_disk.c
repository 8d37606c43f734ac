/* test_disk.c — disk use of the home (data and log files, the filesystem, the last backup) and log
 * retention: with disk.log_keep_until_backup nothing goes before a backup holds it. */
#include "testlib.h"

#include <time.h>

#include "disk.h"

static void test_measure(void **state)
{
	struct tl *t = *state;
	struct disk_use d;
	assert_int_equal(disk_measure(t->c, &d), 0);
	assert_true(d.data_files > 3);
	assert_true(d.data_bytes > 0);
	assert_true(d.log_files >= 1);
	assert_true(d.log_bytes > 0);
	assert_true(d.fs_total > 0 && d.fs_free <= d.fs_total);
	assert_int_equal(d.last_backup, 0);
	assert_int_equal(disk_backup_mark(t->c, 1796000000), 0);
	assert_int_equal(disk_measure(t->c, &d), 0);
	assert_int_equal(d.last_backup, 1796000000);
}

/* No backup yet: even a log file recovery no longer needs stays (it is the only copy). */
static void test_prune_keeps_until_backup(void **state)
{
	struct tl *t = *state;
	assert_int_equal(store_checkpoint(t->c->st), 0);
	int removed = -1;
	assert_int_equal(disk_logs_prune(t->c, (int64_t)time(NULL) + 400 * 86400, &removed), 0);
	assert_int_equal(removed, 0);
}

static void test_todo_admins_only(void **state)
{
	struct tl *t = *state;
	struct user *village = tl_user(t, "village", "321204001001", "office", NULL);
	struct todo_list l = {0};
	assert_int_equal(disk_todo(t->c, village, 0, &l), 0);
	assert_int_equal(l.n, 0);
	todo_free(&l);
	user_free(&village);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_measure, tl_tree_setup, tl_state_teardown),
		cmocka_unit_test_setup_teardown(test_prune_keeps_until_backup, tl_tree_setup, tl_state_teardown),
		cmocka_unit_test_setup_teardown(test_todo_admins_only, tl_tree_setup, tl_state_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
