/* Unit tests: the session registry and its caps (in all and per account), stale entries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sessions.h"
#include "util.h"

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/zz-sessions.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int rc = system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

/* A live process to stand for a session. */
static pid_t sleeper(void)
{
	pid_t p = fork();
	if (p == 0) {
		pause();
		_exit(0);
	}
	return p;
}

static void reap(pid_t p)
{
	kill(p, SIGKILL);
	waitpid(p, NULL, 0);
}

static void test_caps(void **state)
{
	(void)state;
	pid_t p[4];
	for (int i = 0; i < 4; i++)
		p[i] = sleeper();
	assert_int_equal(sessions_register(dir, p[0], "village", "10.0.0.1", 3, 2), 0);
	assert_int_equal(sessions_register(dir, p[1], "village", "10.0.0.2", 3, 2), 0);
	/* A third of village: over the per-account cap, with the reason for the person. */
	assert_int_equal(sessions_register(dir, p[2], "village", "10.0.0.3", 3, 2), ZZ_EPERM);
	assert_non_null(strstr(errmsg(), "village"));
	assert_int_equal(sessions_register(dir, p[2], "county", "10.0.0.3", 3, 2), 0);
	/* A fourth in all: over the total cap. */
	assert_int_equal(sessions_register(dir, p[3], "grid", "10.0.0.4", 3, 2), ZZ_EPERM);
	assert_non_null(strstr(errmsg(), "3"));
	int total = 0, mine = 0;
	assert_int_equal(sessions_count(dir, "village", &total, &mine), 0);
	assert_int_equal(total, 3);
	assert_int_equal(mine, 2);
	/* Unregistering frees a place. */
	sessions_unregister(dir, p[0]);
	assert_int_equal(sessions_register(dir, p[3], "village", "10.0.0.4", 3, 2), 0);
	for (int i = 0; i < 4; i++) {
		sessions_unregister(dir, p[i]);
		reap(p[i]);
	}
	assert_int_equal(sessions_count(dir, NULL, &total, &mine), 0);
	assert_int_equal(total, 0);
}

/* A session process that died without unregistering (killed) does not hold its place. */
static void test_stale_entries(void **state)
{
	(void)state;
	pid_t dead = sleeper();
	pid_t live = sleeper();
	assert_int_equal(sessions_register(dir, dead, "village", "10.0.0.1", 1, 1), 0);
	assert_int_equal(sessions_register(dir, live, "county", "10.0.0.1", 1, 1), ZZ_EPERM);
	reap(dead);
	assert_int_equal(sessions_register(dir, live, "county", "10.0.0.1", 1, 1), 0);
	char *path = xasprintf("%s/sessions/%d", dir, (int)dead);
	assert_int_not_equal(access(path, F_OK), 0);
	free(path);
	int total = 0, mine = 0;
	assert_int_equal(sessions_count(dir, "county", &total, &mine), 0);
	assert_int_equal(total, 1);
	assert_int_equal(mine, 1);
	sessions_unregister(dir, live);
	reap(live);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_caps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_entries, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
