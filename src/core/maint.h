/* maint.h — maintenance mode (9.4, R-AC-4): while on, only the security administrator works;
 * other sessions are closed, logins refused, the daemon pauses. The state is a file in the
 * database home, read by every process without opening the database (a session checks it each
 * second; an incident may be the database itself). */
#ifndef ZZ_MAINT_H
#define ZZ_MAINT_H

#include <stdbool.h>
#include <stdint.h>

#include "ctx.h"
#include "user.h"

#define MAINT_REASON_MAX 300 /* bytes of UTF-8 */

struct maint {
	int64_t since;
	char by[64];
	char reason[MAINT_REASON_MAX + 1];
};

/* 1 with *M filled when maintenance mode is on in HOME, 0 when off, ZZ_EDB when the file cannot
 * be read (then callers treat the mode as on: an unreadable state must not open the doors). */
int maint_get(const char *home, struct maint *m);
/* Turn it on (written whole, then renamed: readers see the old state or the new one). */
int maint_set(const char *home, const struct maint *m);
int maint_clear(const char *home);
/* A reason a person typed: required, bounded, valid UTF-8, no control characters (it is shown on
 * other people's terminals). ZZ_EINVAL with the reason in errmsg(). */
int maint_check_reason(const char *reason);
/* The security administrator (and the console) keeps working during maintenance. */
bool maint_exempt(struct ctx *c, const struct user *u);
/* 0 when U may work now; else ZZ_EPERM with the message for the person in errmsg(). */
int maint_refuse(struct ctx *c, const struct user *u);

#endif
