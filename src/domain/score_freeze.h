/* score_freeze.h — the year's final score table (8.5), frozen by the county's office: every unit
 * that handles events under the county with its deductions and cards at that moment, kept in
 * DBI_META under "scorefrozen" \0 YEAR \0 county code. Once frozen, the scores of that year read
 * from it (score_of, the score table, the CLI), so a card given later no longer changes them. */
#ifndef ZZ_SCORE_FREEZE_H
#define ZZ_SCORE_FREEZE_H

#include "ctx.h"
#include "user.h"

struct score_sum {
	int points, yellow, red;
};

/* Freeze YEAR's table of U's county (U: an office account of a county), audited; once only. */
int score_freeze(struct ctx *c, const struct user *u, int year);
/* UNIT's frozen figures of YEAR into *OUT and the time of freezing into *AT (may be NULL);
 * ZZ_ENOENT when the year of UNIT's county is not frozen or UNIT was not in its table. */
int score_frozen(struct ctx *c, int year, const char *unit, struct score_sum *out, int64_t *at);

#endif
