/* deadline.c — when the cards of an event fall. */
#include "deadline.h"

#include <stdio.h>

const char *const stage_zh[STAGE__ALL] = {[STAGE_ACCEPT] = "受理", [STAGE_HANDLE] = "办理", [STAGE_MASS_FIRST] = "首报",
					  [STAGE_MASS_DAILY] = "续报"};
const char *const card_zh[CARD__KINDS] = {[CARD_YELLOW] = "黄牌", [CARD_RED] = "红牌"};

void deadline_limits(const struct conf *c, struct ev_limits *l)
{
	static const char *const stage_key[STAGE__COUNT] = {"accept", "handle"};
	static const char *const card_key[CARD__KINDS] = {"yellow", "red"};
	for (int s = 0; s < STAGE__COUNT; s++)
		for (int k = 0; k < CARD__KINDS; k++) {
			char path[64];
			snprintf(path, sizeof path, "events.%s.%s_days", stage_key[s], card_key[k]);
			l->days[s][k] = (int)conf_int(c, path);
			snprintf(path, sizeof path, "events.%s.%s_points", stage_key[s], card_key[k]);
			l->points[s][k] = (int)conf_int(c, path);
		}
	l->warn_days = (int)conf_int(c, "events.warn_days");
	l->opinion_stops = conf_bool(c, "events.handle.opinion_stops");
}

unsigned deadline_bit(int stage, int card)
{
	return 1u << (stage * CARD__KINDS + card);
}

void deadline_clock(const struct calendar *cal, const struct ev_limits *l, const struct event *ev, struct ev_clock *k)
{
	*k = (struct ev_clock){0};
	if (!ev->reached)
		return;
	bool open = ev->state == EV_NEW || ev->state == EV_HANDLING, opinion = l->opinion_stops && ev->handled;
	k->pending[STAGE_ACCEPT] = ev->state == EV_NEW;
	k->pending[STAGE_HANDLE] = open && !opinion;
	k->met[STAGE_HANDLE] = open && opinion ? ev->handled : 0;
	for (int c = 0; c < CARD__KINDS; c++) {
		k->due[STAGE_ACCEPT][c] = calendar_add(cal, ev->reached, l->days[STAGE_ACCEPT][c]);
		k->due[STAGE_HANDLE][c] = calendar_add(cal, ev->reached, l->days[STAGE_HANDLE][c] + ev->ext_days);
	}
}

unsigned deadline_due(const struct ev_clock *k, unsigned given, int64_t now)
{
	unsigned out = 0;
	for (int s = 0; s < STAGE__COUNT; s++) {
		unsigned y = deadline_bit(s, CARD_YELLOW), r = deadline_bit(s, CARD_RED);
		if (!k->pending[s] || (given & r))
			continue;
		if (k->due[s][CARD_RED] <= now)
			out |= r;
		else if (!(given & y) && k->due[s][CARD_YELLOW] <= now)
			out |= y;
	}
	return out;
}

int64_t deadline_next(const struct ev_clock *k, unsigned given)
{
	int64_t next = 0;
	for (int s = 0; s < STAGE__COUNT; s++) {
		if (!k->pending[s] || (given & deadline_bit(s, CARD_RED)))
			continue;
		int64_t t = (given & deadline_bit(s, CARD_YELLOW)) ? k->due[s][CARD_RED] : k->due[s][CARD_YELLOW];
		if (!next || t < next)
			next = t;
	}
	return next;
}
