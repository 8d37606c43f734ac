/* score.h — yearly scores of units (R-EV-6): deductions for yellow and red cards, each with its
 * event and card, applied once per stage of a holding however often the daemon runs. */
#ifndef ZZ_SCORE_H
#define ZZ_SCORE_H

#include <stdint.h>

#include "ctx.h"

struct score_row {
	int year;
	const char *unit;
	uint64_t event;
	int hold;  /* the holding of the event the card belongs to */
	int stage; /* STAGE_* */
	int card;  /* CARD_* */
	int points;
	int64_t due;   /* the deadline that was missed */
	int64_t given; /* when the daemon gave the card */
};

/* Record the deduction for R's stage, replacing a yellow card of the same stage (which may lie in
 * PREV_YEAR when the year turned between the two cards; 0: same year). */
int score_put(struct store *st, DB_TXN *txn, const struct score_row *r, int prev_year);

typedef int (*score_cb)(const struct score_row *r, void *arg);
/* Deductions of YEAR, of UNIT only when not NULL, in unit order. */
int score_scan(struct store *st, DB_TXN *txn, int year, const char *unit, score_cb cb, void *arg);
/* The year a score table opens on at NOW: the current one, or in its first
 * events.score_last_year_days days the year before. */
int score_year_default(struct ctx *c, int64_t now);
/* The score of UNIT in YEAR: the start value less its deductions, never below 0. */
int score_of(struct ctx *c, int year, const char *unit, int *score, int *deducted);

#endif
