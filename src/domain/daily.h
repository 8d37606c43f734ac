/* daily.h — daily reports and zero reports of the centers (R-EV-7, 6.4.3.4): every working day a
 * center files its daily report (日报) or a zero report (零报告); the daemon flags the days with
 * neither, and a late report clears the flag but stays marked late (补报). */
#ifndef ZZ_DAILY_H
#define ZZ_DAILY_H

#include <stdbool.h>
#include <stdint.h>

#include "ctx.h"
#include "todo.h"
#include "user.h"

enum daily_kind { DAILY_REPORT = 1, DAILY_ZERO, DAILY_MISSING };
extern const char *const daily_kind_zh[];

struct daily_row {
	const char *unit;
	int day;
	int kind;
	bool late;
	char *text, *user;
	int64_t time;
};

/* Whether unit X is a center that must report daily (its level is in daily.levels). */
bool daily_is_center(struct ctx *c, const struct unit *x);
/* File the report of KIND (DAILY_REPORT with TEXT, or DAILY_ZERO) for UNIT's day DAY as U. */
int daily_file(struct ctx *c, const struct user *u, const char *unit, int day, int kind, const char *text);

/* Correct the report of UNIT's day DAY (a daily or zero report) to the daily report TEXT, as U:
 * only on that same day; audited with the text before and after. */
int daily_correct(struct ctx *c, const struct user *u, const char *unit, int day, const char *text);

typedef int (*daily_cb)(const struct daily_row *r, void *arg);
/* The rows of UNIT from day FROM to day TO, in date order. */
int daily_scan(struct ctx *c, const char *unit, int from, int to, daily_cb cb, void *arg);

/* The daemon rule: flag the past working days on which a center filed neither. */
int daily_pass(struct ctx *c, int64_t now);
/* The to-do source: the account's center's missing days, and today's report when not yet filed. */
int daily_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l);

#endif
