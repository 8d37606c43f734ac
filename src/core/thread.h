/* thread.h — a bounded wait for another thread to end, on the monotonic clock: a step of the wall
 * clock (a date set by hand, NTP, or the tests' libfaketime moving it) neither stretches nor cuts
 * it. (Timed waits on a condition stay on the wall clock: libfaketime converts those, and 0.9.10
 * ends a monotonic one at once.) */
#ifndef ZZ_THREAD_H
#define ZZ_THREAD_H

#include <pthread.h>
#include <stdbool.h>

/* Join T if it ends within MS milliseconds; else detach it (it is left where it waits) and
 * return false. */
bool thread_join_within(pthread_t t, long ms);

#endif
