/* test_thread.c — the bounded join of thread.c lasts as long with the wall clock moved a day ahead
 * or back (a date set by hand, or ZZ_SUITE_TIME's libfaketime): the store's watchdog, stuck on a
 * dead process's latch, used to hold its process for the whole move on a reopen or a close. */
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <sys/syscall.h>

#include "testlib.h"
#include "thread.h"

/* The wall clock as the code under test reads it: moved by thread_test_move seconds. */
static long thread_test_move;

int clock_gettime(clockid_t id, struct timespec *ts)
{
	int rc = (int)syscall(SYS_clock_gettime, id, ts);
	if (rc == 0 && id == CLOCK_REALTIME)
		ts->tv_sec += thread_test_move;
	return rc;
}

static long thread_test_ms(void)
{
	struct timespec ts;
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Posted by each waiting thread once its read is done: the pipe is closed only after both. */
static sem_t thread_test_read;

/* A thread that waits until its pipe has a byte. */
static void *thread_test_wait(void *arg)
{
	char b;
	ssize_t n = read(*(int *)arg, &b, 1);
	(void)n;
	sem_post(&thread_test_read);
	return NULL;
}

static void test_join_within(void **state)
{
	(void)state;
	int p[2];
	assert_int_equal(pipe(p), 0);
	assert_int_equal(sem_init(&thread_test_read, 0, 0), 0);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, thread_test_wait, &p[0]), 0);
	/* Hung, the test ends here rather than waiting a day. */
	alarm(20);
	thread_test_move = 86400;
	long t0 = thread_test_ms();
	assert_false(thread_join_within(t, 300));
	long took = thread_test_ms() - t0;
	thread_test_move = 0;
	assert_true(took >= 250 && took < 5000);
	/* Detached, it ends by itself once it can read. */
	assert_int_equal(write(p[1], "x", 1), 1);

	assert_int_equal(pthread_create(&t, NULL, thread_test_wait, &p[0]), 0);
	assert_int_equal(write(p[1], "y", 1), 1);
	thread_test_move = -86400;
	assert_true(thread_join_within(t, 5000));
	thread_test_move = 0;
	/* The detached one may still be in its read: the pipe stays open until it is done. */
	sem_wait(&thread_test_read);
	sem_wait(&thread_test_read);
	alarm(0);
	sem_destroy(&thread_test_read);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_join_within),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
