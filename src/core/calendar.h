/* calendar.h — working days (R-WD-1, R-WD-2): weekends, public holidays and make-up working days
 * (调休) from conf/calendar.cfg. Pure: times and the calendar come in as arguments. */
#ifndef ZZ_CALENDAR_H
#define ZZ_CALENDAR_H

#include <libconfig.h>
#include <stdbool.h>
#include <stdint.h>

#include "util.h"

enum cal_kind {
	CAL_WORKDAY, /* Monday to Friday, no holiday */
	CAL_WEEKEND, /* Saturday or Sunday, no make-up day */
	CAL_HOLIDAY, /* a public holiday (放假) */
	CAL_MAKEUP,  /* a weekend day worked instead (调休上班) */
};

struct cal_day {
	int day; /* days since 1970-01-01 */
	enum cal_kind kind;
	const char *name; /* the festival, owned by the calendar */
};

struct calendar {
	struct cal_day *v; /* sorted by day */
	int n;
	int *years; /* years that have a notice, sorted */
	bool *provisional;
	int nyears;
	struct strv names;
};

/* Build from the "calendar" group of the settings (years = ( { year; festivals = ( … ) } )).
 * Mistakes are reported as "file:line: reason". */
int calendar_load(const config_setting_t *cal, struct calendar **out);
void calendar_free(struct calendar **c);

/* What day DAY is, and the festival's name for holidays and make-up days (NULL otherwise). */
enum cal_kind calendar_kind(const struct calendar *c, int day, const char **name);
bool calendar_is_workday(const struct calendar *c, int day);
/* Whether YEAR has its notice in the calendar (false: weekends only are known), and whether
 * the year's entry is provisional (statutory days only, before the notice). */
bool calendar_has_year(const struct calendar *c, int year, bool *provisional);

/* The N-th working day after DAY, DAY not counted (CAL NULL: Monday to Friday); N = 0: DAY when it
 * is a working day, else the next one. The one day count that every deadline in working days uses. */
int calendar_add_days(const struct calendar *c, int day, int n);
/* R-WD-2: the deadline "within N working days of T": the same clock time N working days after T;
 * a T on a non-working day counts from the start of the next working day. */
int64_t calendar_add(const struct calendar *c, int64_t t, int n);
/* Working days left before DEADLINE at NOW: the working days after today up to the deadline's
 * last usable day; 0 when it falls later today, -1 when it has passed. */
int calendar_left(const struct calendar *c, int64_t now, int64_t deadline);

extern const char *const cal_kind_zh[];

#endif
