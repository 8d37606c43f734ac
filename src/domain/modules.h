/* modules.h — the rules of the "9+X" modules, from conf/modules.cfg and the type files: entry
 * deadlines and the late mark (R-EN-*, R-RP-1), visits (R-SV-1, R-SV-2), the grid patrol log
 * (R-SV-3), periodic updates (R-EN-6), composed keys and 同比 of monthly reports.
 * modules.c loads and checks them and answers per record; clock.c keeps their deadlines in the
 * due-time index, fires them from the daemon and lists them in the to-do list. */
#ifndef ZZ_MODULES_H
#define ZZ_MODULES_H

#include <stdint.h>

#include "ctx.h"
#include "record.h"
#include "todo.h"
#include "user.h"

struct mod_entry {
	const struct rtype *t;
	int from;	 /* field of the date the deadline counts from, or -1 */
	int year, month; /* fields of a monthly report's period, or -1 */
	int day;	 /* monthly: the deadline is this day of the month after */
	int days;
	bool working; /* days are working days (R-WD-1) */
	bool edits;   /* an edit changing other fields but not the date is judged at its own time (R-EN-1) */
};

struct mod_update {
	const struct rtype *t;
	int month[24], mday[24]; /* month 0: every month */
	int n;
	int days;
};

struct mod_visit {
	const struct rtype *t;
	int months, remind_days;
	int since; /* field of a date the clock may start from, or -1 */
};

struct mod_compose {
	const struct rtype *t;
	int parts[8], n; /* the key is these fields' values joined by '-' */
	int yoy;	 /* year field: 同比 compares with the record of the year before, or -1 */
};

struct mod_latest {
	const struct rtype *t;
	int field; /* a date the service records keep current */
};

struct modules {
	struct mod_entry *entry;
	int nentry;
	struct mod_update *upd;
	int nupd;
	struct mod_visit *visit;
	int nvisit;
	struct mod_compose *comp;
	int ncomp;
	struct mod_latest *latest;
	int nlatest;
	const struct rtype *svc; /* service records */
	int svc_day;
	int svc_staff; /* 服务人员: a new service record starts with the account's name, or -1 */
	const struct rtype *staff, *log; /* grid staff and their patrol log */
	int log_member, log_day, grace;
	int window_days; /* missing patrol days older than this are no longer reminded of */
	int detail_max;
};

/* Read and check the rules against the record types; mistakes name file and line. */
int modules_load(struct modules **out, const struct conf *conf, const struct schema *s);
void modules_free(struct modules **m);

const struct mod_entry *modules_entry(const struct modules *m, const struct rtype *t);
const struct mod_visit *modules_visit(const struct modules *m, const struct rtype *t);
const struct mod_update *modules_update(const struct modules *m, const struct rtype *t);

const struct mod_compose *modules_compose(const struct modules *m, const struct rtype *t);
/* Values a new record of T starts with for U, as field id / value pairs appended to OUT: a patrol
 * log names the member's own grid-member record, today and the member's grid; a service record
 * today and the account's name as 服务人员. */
void modules_defaults(struct ctx *c, const struct user *u, const struct rtype *t, struct strv *out);
/* The grid-member record (its ID number, caller frees) of account U: at U's unit, named as U; the
 * only one there when none is. NULL when there is none. */
char *modules_member_of(struct ctx *c, const struct user *u);

/* Before validation: fill keys composed of other fields (monthly reports). */
void modules_derive(struct ctx *c, struct rec *r);
/* The last day R may be entered by its entry rule, or -1 (no rule, or its date is not filled). */
int modules_entry_deadline(struct ctx *c, const struct mod_entry *e, const struct rec *r);
/* In the save transaction, before R is written: mark it late when entered after its deadline;
 * an edit keeps the mark unless the date the deadline counts from changed, or (edits) it changes
 * other fields without a new date after the deadline: that change was entered late. */
void modules_mark_late(struct ctx *c, struct rec *r, const struct rec *old, int64_t now);

/* Lines shown with a record besides its fields: the late mark, the next visit or update, 同比,
 * the records its references name ("关联（字段）"), and the records that name it: its roles under
 * the same ID number, its service records ("相关（类型）"). VALUE is for people (names, no ids);
 * REF is "type:id" of the record a line names (to open it, or print it on the command line), else
 * NULL. */
typedef void (*modules_line_cb)(const char *label, const char *value, const char *ref, void *arg);
void modules_extra(struct ctx *c, const struct user *u, const struct rec *r, modules_line_cb cb, void *arg);
/* Whether records of T can have such lines (no rule, reference or subject link: never), so that a
 * form of another type costs nothing. */
bool modules_has_extra(const struct modules *m, const struct rtype *t);
/* Whether field I of the service record type can name a record of type T (its ref, or a code of
 * its selector, is T). */
bool modules_svc_field_names(const struct modules *m, int i, const struct rtype *t);

/* clock.c: in the save or delete transaction, after the record is written or removed: move the
 * deadlines of the record, of the subject of a service record, of the member of a patrol log. */
int clock_after_store(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *r,
		      const struct rec *old, int64_t now);
int clock_after_delete(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *old, int64_t now);
/* The daemon rule: fire the deadlines due by NOW into the units' to-do lists. */
int clock_rule(struct ctx *c, int64_t now);
/* The to-do source: the reminders of U's scope that U may see. */
int clock_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l);
/* The days a grid member's patrol reminder counts (R-SV-3), days since the epoch. */
struct patrol_gap {
	int missing; /* days of the window, up to the grace, without a log */
	int first;   /* the earliest of them (when MISSING) */
	int next;    /* the first day of the window not logged (the clock waits for it when none is missing) */
	int last;    /* the last day logged (START before any) */
};
/* The gap the days LOGGED (N of them) leave, the member's first day being START (counted as
 * logged), at TODAY, with the rule's WINDOW and GRACE days (pure). */
void clock_patrol_gap(const int *logged, int n, int start, int today, int window, int grace, struct patrol_gap *g);
/* The earliest day member IDNUM's patrol reminder counts as missing at NOW, into *DAY; ZZ_ENOENT
 * when no day is (or IDNUM is no grid member). */
int clock_patrol_first(struct ctx *c, const char *idnum, int64_t now, int *day);
/* The day the clock KIND ("visit", "update", "patrol") of record T:ID counts to, or -1. */
int clock_day(struct ctx *c, const char *kind, const struct rtype *t, uint64_t id);

/* Date arithmetic of the rules (pure). */
int64_t modules_day_start(int day);
int modules_add_months(int day, int months);

#endif
