/* mass.h — mass incidents (群体性事件, R-EV-8, 6.4.3.7): dispute events whose kind (事件性质) is
 * 群体性事件. Registering one is its first report of the outline (首报), due within
 * events.mass.first_hours of the incident; 续报 are added to the same event until it is closed (the
 * workflow's EA_FOLLOWUP); while it is open, the unit that registered it (the place of the
 * incident) files a 续报 on every working day after the day of registration. Late or missing
 * reports cost cards and points through the event's score rows. */
#ifndef ZZ_MASS_H
#define ZZ_MASS_H

#include <stdbool.h>
#include <stdint.h>

#include "calendar.h"
#include "ctx.h"
#include "event.h"
#include "record.h"
#include "todo.h"
#include "user.h"

#define MASS_KIND "2" /* the code of 群体性事件 in db/codes/event_kind.tsv */

bool mass_is(const struct rec *r);
/* When the first report of an incident at OCCURRED is due, HOURS later (pure). */
int64_t mass_first_due(int64_t occurred, int hours);
/* Whether an open incident registered on day CREATED owes a 续报 for day DAY: a working day after
 * the day of registration (pure). A day is judged while the incident is still open after it. */
bool mass_day_due(const struct calendar *cal, int created, int day);

/* In the registering transaction of EV (record R) at NOW: the card of a late first report. */
int mass_first_card(struct ctx *c, DB_TXN *txn, struct event *ev, const struct rec *r, int64_t now);
/* The daemon rule: a card for each past working day on which an open mass incident got no 续报. */
int mass_daily_rule(struct ctx *c, int64_t now);
/* The to-do source: today's 续报 of the open mass incidents the account's unit registered. */
int mass_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l);

#endif
