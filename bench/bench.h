/* bench.h — what the benchmark drivers share: a monotonic clock in seconds, and an exit that says
 * what failed, with the library's message. */
#ifndef ZZ_BENCH_H
#define ZZ_BENCH_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "util.h"

static inline double bench_now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "PROGRAM: WHAT: errmsg()" on stderr, and exit 1. */
static inline _Noreturn void bench_die(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", program_invocation_short_name, what, errmsg());
	exit(1);
}

#endif
