/* thread.c — a bounded wait for another thread to end, on the monotonic clock. */
#include "thread.h"

#include <time.h>

bool thread_join_within(pthread_t t, long ms)
{
	struct timespec until;
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += ms / 1000;
	until.tv_nsec += (ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	if (pthread_clockjoin_np(t, NULL, CLOCK_MONOTONIC, &until) == 0)
		return true;
	pthread_detach(t);
	return false;
}
