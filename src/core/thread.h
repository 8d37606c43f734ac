/* thread.h — deadlines on the monotonic clock, and a bounded wait for another thread to end: a
 * step of the wall clock (a date set by hand, NTP, or the tests' libfaketime moving it) neither
 * stretches nor cuts them. A timed wait on a condition takes the clock per call
 * (pthread_cond_clockwait), not from a condattr: libfaketime 0.9.10 converts a monotonic
 * condattr's deadline as if it were the faked wall clock and ends the wait at once. */
#ifndef ZZ_THREAD_H
#define ZZ_THREAD_H

#include <pthread.h>
#include <stdbool.h>
#include <time.h>

/* The moment MS milliseconds from now, on CLOCK_MONOTONIC. */
struct timespec thread_deadline(long ms);
/* Join T if it ends within MS milliseconds; else detach it (it is left where it waits) and
 * return false. */
bool thread_join_within(pthread_t t, long ms);

#endif
