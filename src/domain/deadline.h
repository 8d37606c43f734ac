/* deadline.h — the two clocks of an event at its current unit (R-EV-4, R-EV-5): acceptance and
 * handling, each with a yellow and a red card. Pure: settings, calendar and event are arguments. */
#ifndef ZZ_DEADLINE_H
#define ZZ_DEADLINE_H

#include "calendar.h"
#include "conf.h"
#include "workflow.h"

enum { STAGE_ACCEPT, STAGE_HANDLE, STAGE__COUNT };
/* Stages of a mass incident's cards (mass.h), after the clocks' stages: score rows name them too. */
enum { STAGE_MASS_FIRST = STAGE__COUNT, STAGE_MASS_DAILY, STAGE__ALL };
enum { CARD_YELLOW, CARD_RED, CARD__KINDS };
extern const char *const stage_zh[STAGE__ALL];	 /* 受理, 办理, 首报, 续报 */
extern const char *const card_zh[CARD__KINDS];	 /* 黄牌, 红牌 */

/* The settings of conf/deadlines.cfg. */
struct ev_limits {
	int days[STAGE__COUNT][CARD__KINDS];
	int points[STAGE__COUNT][CARD__KINDS];
	int warn_days;
	bool opinion_stops; /* the first 办理 opinion meets the handling stage (6.4.3.9) */
};
void deadline_limits(const struct conf *c, struct ev_limits *l);

/* The CARD_* bit of a card (the bits of struct event's cards). */
unsigned deadline_bit(int stage, int card);

struct ev_clock {
	bool pending[STAGE__COUNT]; /* the stage is not met yet */
	int64_t due[STAGE__COUNT][CARD__KINDS];
	/* When a stage was met while the event is still open at the unit (the handling stage by its
	 * first 办理 opinion, opinion_stops): its clock stopped there. 0 otherwise. */
	int64_t met[STAGE__COUNT];
};
/* The deadlines of EV's current holding: acceptance counts while it waits to be accepted, handling
 * until it leaves the unit (feedback, report, assignment, return), is closed, or (opinion_stops)
 * gets its first 办理 opinion (then met); a granted
 * extension adds its working days to the handling deadlines. */
void deadline_clock(const struct calendar *cal, const struct ev_limits *l, const struct event *ev, struct ev_clock *k);
/* The cards due by NOW that GIVEN lacks. When the red card of a stage is due, only the red is
 * returned: it replaces the yellow (R-EV-5 default). */
unsigned deadline_due(const struct ev_clock *k, unsigned given, int64_t now);
/* The next time a card could fall, 0 when none can. */
int64_t deadline_next(const struct ev_clock *k, unsigned given);

#endif
