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

bool thread_join_within(pthread_t t, long ms)
{
	struct timespec until = thread_deadline(ms);
	if (pthread_clockjoin_np(t, NULL, CLOCK_MONOTONIC, &until) == 0)
		return true;
	pthread_detach(t);
	return false;
}
