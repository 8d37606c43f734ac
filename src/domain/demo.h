/* demo.h — the demo database: a real-shaped unit tree, accounts, synthetic but valid records. */
#ifndef ZZ_DEMO_H
#define ZZ_DEMO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "ctx.h"

struct demo_opts {
	long long persons;
	uint64_t seed;
	int64_t now;	 /* the time the demo is made at; 0: now */
	bool one_thread; /* the persons drawn by the storing thread too (tests compare the two) */
};

struct demo_summary {
	long units, accounts, persons;
	long *per_type; /* parallel to schema->t, owned */
	const char *password;
};

/* Fill an empty database; the same seed gives the same data. */
int demo_create(struct ctx *c, const struct demo_opts *o, struct demo_summary *sum);
void demo_print(struct ctx *c, struct demo_summary *sum, FILE *out);
/* Dispute events in various states, through the event actions as the demo accounts: this month's
 * at NOW, and settled ones of past months (the last whole month among them). */
int demo_events(struct ctx *c, int64_t now, struct demo_summary *sum);

/* Deterministic generator, also used by tests and benchmarks. */
struct demo_rng {
	uint64_t s;
};
uint64_t demo_next(struct demo_rng *r);
long demo_range(struct demo_rng *r, long lo, long hi); /* lo..hi inclusive */
/* A valid ID number born between 1940 and 2010 in area AREA6 (caller's buffer of 19). */
void demo_idnum(struct demo_rng *r, const char *area6, char out[19]);
void demo_phone(struct demo_rng *r, char out[12]);

#endif
