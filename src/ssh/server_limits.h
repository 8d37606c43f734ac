/* server_limits.h — the listener's count of connections not yet authenticated (MaxStartups). */
#ifndef ZZ_SERVER_LIMITS_H
#define ZZ_SERVER_LIMITS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* One child of the listener: its connection's source address and whether it has logged in. */
struct startup {
	pid_t pid;
	char addr[64];
	bool authed;
	bool evicted;  /* told to go to make room (no longer counted) */
	uint64_t seq;  /* order of arrival */
};

struct startups {
	struct startup *v;
	int n, cap;
	uint64_t seq;
	int begin, rate, full; /* start:rate:full */
	int per_source;
};

enum startups_verdict {
	STARTUPS_OK,
	STARTUPS_FULL,	 /* `full` unauthenticated connections in all */
	STARTUPS_RANDOM, /* between `start` and `full`: refused by the random early drop */
	STARTUPS_SOURCE, /* per_source unauthenticated connections from this address */
	STARTUPS_FAILS,	 /* too many failed logins from this address (struct addrfails) */
};

void startups_init(struct startups *s, int begin, int rate, int full, int per_source);
void startups_free(struct startups *s);
/* May a new connection from ADDR start? RND is uniform in 0..99 (the caller's random draw). */
enum startups_verdict startups_admit(const struct startups *s, const char *addr, unsigned rnd);
void startups_add(struct startups *s, pid_t pid, const char *addr);
/* The child PID has authenticated; false when it is not ours. */
bool startups_authed(struct startups *s, pid_t pid);
/* The child PID has ended; false when it is not ours (a grandchild reaped as subreaper). */
bool startups_remove(struct startups *s, pid_t pid);
int startups_unauth(const struct startups *s, const char *addr); /* ADDR NULL: from anywhere */
/* Room for a connection from ADDR refused as FULL or RANDOM: the oldest unauthenticated child of
 * the address holding the most, when that is more than ADDR holds (0: none). The caller tells it
 * to go and marks it with startups_evict, so that idle connections from a few addresses cannot
 * keep everyone else out. */
pid_t startups_victim(const struct startups *s, const char *addr);
void startups_evict(struct startups *s, pid_t pid);
bool startups_evicted(const struct startups *s, pid_t pid); /* told to go by startups_evict */
const char *startups_verdict_text(enum startups_verdict v);

/* Failed logins per source address, kept by the listener (its children report every failure):
 * an address with `max` failures in a window of `window_s` seconds from its first is refused
 * until the window ends; at most `audit_per_min` failures a minute from one address are audited
 * one by one, the rest counted and summed up in one entry when the minute is over. */
struct addrfail {
	char addr[64];
	int64_t window, minute; /* start of the lockout window and of the audit minute */
	int fails, audited, unaudited;
};
struct addrfails {
	struct addrfail *v;
	int n, cap;
	int max, window_s, audit_per_min;
};
void addrfails_init(struct addrfails *t, int max, int window_s, int audit_per_min);
void addrfails_free(struct addrfails *t);
/* Count a failure from ADDR at NOW; true when it is to be audited one by one. */
bool addrfails_note(struct addrfails *t, const char *addr, int64_t now);
bool addrfails_blocked(const struct addrfails *t, const char *addr, int64_t now);
/* The addresses whose audit minute is over with failures not audited: calls FN for each with
 * their count (then zero), and forgets addresses with nothing left to count. */
void addrfails_sweep(struct addrfails *t, int64_t now, void (*fn)(const char *addr, int unaudited, void *arg),
		     void *arg);

#endif
