/* score_table.h — the year's score table (8.5) of the units that handle events in a scope (the
 * centers and the member departments): score, deductions, cards, from the year's frozen table once
 * the county has frozen it (score_freeze.h); sorted by unit code or by score; and its export. */
#ifndef ZZ_SCORE_TABLE_H
#define ZZ_SCORE_TABLE_H

#include "ctx.h"
#include "user.h"

struct score_line {
	const char *code, *name; /* the unit tree's */
	int score, points, yellow, red;
	bool frozen;
};
struct score_table {
	int year, start; /* start: the score before deductions (events.score_start) */
	char *scope;	 /* NULL: every unit (the console) */
	bool frozen;	 /* some line is from a frozen table */
	struct score_line *v;
	int n;
};
void score_table_free(struct score_table *t);
/* Sort T's lines by unit code, or by score (the most deducted first, then by code). Pure. */
void score_table_sort(struct score_table *t, bool by_score);
/* YEAR's table of the units in SCOPE (NULL: U's scope; every unit for the console), by unit code;
 * U must view events at SCOPE. */
int score_table_make(struct ctx *c, const struct user *u, const char *scope, int year,
		     struct score_table *out);
/* Write T as FORMAT ("xlsx", "csv", "csv-gb18030") into U's download folder, audited; *PATH is
 * the file (caller frees). */
int score_table_export(struct ctx *c, const struct user *u, const struct score_table *t,
		       const char *format, char **path);

#endif
