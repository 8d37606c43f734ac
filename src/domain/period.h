/* period.h — sensitive periods (敏感期, 6.4.3.7 "在敏感期……落实好零报告制度", R-EV-8): a county
 * declares a period (first and last day, a unit subtree, a reason); on every day of it, days off
 * included, every center in the subtree files its daily report or zero report (daily.c judges
 * those days too). Kept in meta.db under "period:" + be64 id; declaring and ending are audited. */
#ifndef ZZ_PERIOD_H
#define ZZ_PERIOD_H

#include <stdbool.h>
#include <stdint.h>

#include "ctx.h"
#include "unit.h"
#include "user.h"

struct period {
	uint64_t id;
	int from, to; /* days, both included; to < from once ended before it began */
	char *scope;  /* the unit whose subtree the period covers */
	char *reason;
	char *unit, *user; /* who declared it */
	int64_t created;
	int64_t ended; /* when it was ended early, 0 when not */
};
void periods_free(struct period *v, int n);

/* Whether P covers unit UNIT on DAY (pure). */
bool period_covers(const struct units *us, const struct period *p, const char *unit, int day);
/* Whether one of V[0..N) covers UNIT on DAY; with UNIT NULL, whether one is in force on DAY. */
bool periods_cover(const struct units *us, const struct period *v, int n, const char *unit,
		   int day);

/* Every period (the daemon), oldest first. */
int period_load_all(struct ctx *c, struct period **out, int *n);
/* The periods U may see: those over its subtree or over a unit above it, oldest first. */
int period_list(struct ctx *c, const struct user *u, struct period **out, int *n);
/* Declare a period as U (a county's account, or a unit above): SCOPE within its subtree. */
int period_add(struct ctx *c, const struct user *u, const char *scope, int from, int to,
	       const char *reason, uint64_t *id);
/* End period ID today (before it began: cancel it), as U of the declaring unit or above. */
int period_end(struct ctx *c, const struct user *u, uint64_t id);

#endif
