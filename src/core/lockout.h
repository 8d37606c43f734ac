/* lockout.h — failed password logins counted per place (the client's address) and per account, so
 * that one address guessing passwords locks itself out of the accounts it tries, not their owners.
 */
#ifndef ZZ_LOCKOUT_H
#define ZZ_LOCKOUT_H

#include <db.h>
#include <stdint.h>

struct ctx;

#define LOCKOUT_PLACE_MAX 64 /* an IPv6 address with its zone fits */
#define LOCKOUT_MAX_FAILS 128
#define LOCKOUT_MAX_HOLDS 32

/* A failure at AT from PLACE, or (in holds) PLACE refused until AT. PLACE "" is the server's own
 * terminal or command line. */
struct lockout_mark {
	int64_t at;
	char place[LOCKOUT_PLACE_MAX];
};

struct lockout {
	struct lockout_mark fails[LOCKOUT_MAX_FAILS]; /* oldest first */
	int nfails;
	struct lockout_mark holds[LOCKOUT_MAX_HOLDS]; /* places refused for this account */
	int nholds;
};

/* security.lockout: FAILURES from one place within WINDOW_S refuse that place's passwords for
 * LOCK_S; failures from PLACES places (FAILURES in all) refuse every remote place's. */
struct lockout_policy {
	int failures, places;
	int64_t window_s, lock_s;
};

enum lockout_hold {
	LOCKOUT_OPEN,
	LOCKOUT_PLACE,	 /* this place is refused for this account */
	LOCKOUT_ACCOUNT, /* every remote place is (the account's locked_until) */
};

/* The policy in force (policy_int: the security administrator's, else conf's); TXN the caller's. */
void lockout_policy(struct lockout_policy *p, struct ctx *c, DB_TXN *txn);
/* Is a password login from PLACE held at NOW? UNTIL is the account-wide lock's end, which the
 * local terminal ("") is not held by: a remote peer cannot shut the console out. */
enum lockout_hold lockout_check(const struct lockout *lk, int64_t until, const char *place,
				int64_t now);
/* Count a failure from PLACE at NOW; what it locked (LOCKOUT_ACCOUNT sets *UNTIL). */
enum lockout_hold lockout_fail(struct lockout *lk, int64_t *until, const struct lockout_policy *p,
			       const char *place, int64_t now);
/* A login from PLACE succeeded: its failures go; other places' stay (a guesser's count does not
 * start again when the owner logs in). */
void lockout_success(struct lockout *lk, const char *place);
/* Places refused at NOW. */
int lockout_held_places(const struct lockout *lk, int64_t now);
/* "fail AT PLACE" / "hold AT PLACE" values as stored ("AT PLACE"), and back. */
void lockout_mark_format(const struct lockout_mark *m, char *buf, size_t n);
void lockout_mark_parse(struct lockout_mark *m, const char *text);
/* PLACE as shown to people: the address, or 本机. */
const char *lockout_place_shown(const char *place);

#endif
