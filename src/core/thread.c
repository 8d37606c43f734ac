/* thread.c — deadlines on the monotonic clock, and a bounded wait for another thread to end. */
#include "thread.h"

#include <time.h>

struct timespec thread_deadline(long ms)
{
	struct timespec until;
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += ms / 1000;
	until.tv_nsec += (ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	return until;
}

/* Is the monotonic clock past UNTIL? */
static bool thread_past(const struct timespec *until)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > until->tv_sec || (now.tv_sec == until->tv_sec && now.tv_nsec >= until->tv_nsec);
}

/* Polled with pthread_tryjoin_np, not waited in pthread_clockjoin_np: ThreadSanitizer (GCC 12's
 * libtsan) does not know the latter, misses the join, and reports each later use of what the
 * thread touched (the store's watchdog mutex, the store freed) as a data race. The naps grow from
 * 0.1 ms to 10 ms: a thread told to stop is usually gone by the first or second look. */
bool thread_join_within(pthread_t t, long ms)
{
	struct timespec until = thread_deadline(ms), nap = {0, 100000L};
	while (pthread_tryjoin_np(t, NULL) != 0) {
		if (thread_past(&until)) {
			pthread_detach(t);
			return false;
		}
		nanosleep(&nap, NULL);
		nap.tv_nsec = nap.tv_nsec < 5000000L ? nap.tv_nsec * 2 : 10000000L;
	}
	return true;
}
