/* server_limits.h — the listener's count of connections not yet authenticated (MaxStartups). */
#ifndef ZZ_SERVER_LIMITS_H
#define ZZ_SERVER_LIMITS_H

#include <stdbool.h>
#include <sys/types.h>

/* One child of the listener: its connection's source address and whether it has logged in. */
struct startup {
	pid_t pid;
	char addr[64];
	bool authed;
};

struct startups {
	struct startup *v;
	int n, cap;
	int begin, rate, full; /* start:rate:full */
	int per_source;
};

enum startups_verdict {
	STARTUPS_OK,
	STARTUPS_FULL,	 /* `full` unauthenticated connections in all */
	STARTUPS_RANDOM, /* between `start` and `full`: refused by the random early drop */
	STARTUPS_SOURCE, /* per_source unauthenticated connections from this address */
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
const char *startups_verdict_text(enum startups_verdict v);

#endif
