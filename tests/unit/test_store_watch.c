/* test_store_watch.c — the store's watchdog keeps its period when the wall clock steps (NTP, a
 * date set by hand): its deadlines are on the monotonic clock. On the wall clock, a step a day
 * ahead put its next pass a day away (no failchk, no expired lock waits meanwhile). */
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "testlib.h"

/* The wall clock as the code under test reads it: moved by watch_test_move seconds. */
static long watch_test_move;

int clock_gettime(clockid_t id, struct timespec *ts)
{
	int rc = (int)syscall(SYS_clock_gettime, id, ts);
	if (rc == 0 && id == CLOCK_REALTIME)
		ts->tv_sec += watch_test_move;
	return rc;
}

/* Wipe the mark, under the lock a pass holds, so that no pass begun before is left to write it. */
static void watch_test_wipe(int fd)
{
	assert_int_equal(flock(fd, LOCK_EX), 0);
	assert_int_equal(ftruncate(fd, 0), 0);
	assert_int_equal(flock(fd, LOCK_UN), 0);
}

/* Wait for the watchdog's next pass: it leaves its mark at the start of failchk.lock. */
static void watch_test_pass(int fd)
{
	struct stat sb;
	while (fstat(fd, &sb) == 0 && sb.st_size == 0)
		usleep(10000);
	assert_true(sb.st_size > 0);
}

static void test_clock_step(void **state)
{
	(void)state;
	struct tl t;
	tl_init_conf(&t, "watch_ms = 500;", "watch_ms = 50;");
	tl_open_ctx(&t, false);
	char *path = xasprintf("%s/failchk.lock", t.c->home);
	int fd = open(path, O_RDWR | O_CLOEXEC);
	assert_true(fd >= 0);
	/* Hung, the test ends here rather than waiting a day. */
	alarm(60);
	watch_test_pass(fd);
	/* The clock steps a day ahead; only a pass after the step brings the mark back. */
	watch_test_move = 86400;
	watch_test_wipe(fd);
	watch_test_pass(fd);
	/* And a day back: the watchdog still passes (it did on the wall clock too, at once and again). */
	watch_test_move = -86400;
	watch_test_wipe(fd);
	watch_test_pass(fd);
	alarm(0);
	watch_test_move = 0;
	close(fd);
	free(path);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clock_step),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
