/* report.h — the monthly forms (报表, R-RP-2, R-RP-3, R-EV-8) declared in the files of reports/:
 * rows, columns, which cells are computed from the counters (stats.h) and which are typed, checks;
 * one form per unit and month, filled as a draft, submitted (then frozen), summed by the unit above
 * from its lower units' submitted forms, sent back with a reason. Deadlines by level are settings
 * (reports.due); the daemon marks late forms; the to-do list shows forms due. */
#ifndef ZZ_REPORT_H
#define ZZ_REPORT_H

#include "ctx.h"
#include "todo.h"
#include "unit.h"
#include "user.h"

enum rp_state { RP_NONE, RP_DRAFT, RP_SUBMITTED, RP_RETURNED, RP__NSTATES };
extern const char *const rp_state_zh[RP__NSTATES]; /* 未填报, 草稿, 已上报, 被退回 */
extern const char *const rp_state_id[RP__NSTATES]; /* none, draft, submitted, returned */

/* How a column stands to another of its row, named in the form file by its key: "le", never above
 * it (防止民转刑 ≤ 排查纠纷); "of", the people of its items: at least one for each, none without
 * any (涉及人数 of 排查纠纷). */
enum rp_rel { RP_LE, RP_OF, RP__NRELS };
extern const char *const rp_rel_key[RP__NRELS];

struct rp_col {
	char *id, *label, *group;
	char *dim, *val; /* stat = "dim/val"; NULL dim: typed */
	bool stock;	 /* the sum of every month up to this one (what exists), not the month's */
	int rel[RP__NRELS]; /* per relation, the index of the other column of its row, or -1 */
};

struct rp_row {
	char *id, *label;
	char *val; /* the code of the row's dimension; NULL for the total (row 0) */
};

struct rp_def {
	char *id, *title, *file;
	char *type;    /* record type whose permissions say who sees and fills it */
	char *subject; /* counters it reads (NULL: all typed) */
	char *row_dim; /* dimension of the rows (NULL: rows are typed) */
	char *due;     /* reports.due.<due> */
	int order;
	int levels[LV__COUNT]; /* the levels that file it, lowest first: the lowest fills, the rest
				  sum */
	int nlevels;
	struct rp_row *rows; /* rows[0] is the total */
	int nrows;
	struct rp_col *cols;
	int ncols;
};

struct rp_defs {
	struct rp_def *v;
	int n;
};

/* Load the .cfg files of reports/ (paths.reports); mistakes name file:line. */
int report_defs_load(struct ctx *c, struct rp_defs **out);
void report_defs_free(struct rp_defs **d);
const struct rp_def *report_def(const struct rp_defs *d, const char *id);

enum { RP_TYPED = 1, RP_STAT = 2, RP_SUM = 4, RP_TOTAL = 8 };

/* One unit's form of one month. */
struct rp_form {
	const struct rp_def *d;
	char *unit;
	char month[8];
	int level;
	int state; /* enum rp_state */
	bool late;
	bool rollup;	     /* above the lowest level: sums the lower units' submitted forms */
	int64_t at, due;     /* submitted, and the deadline */
	char *by, *reason;   /* who submitted; why it was sent back */
	long long *v;	     /* nrows * ncols */
	unsigned char *how;  /* RP_* per cell */
	struct strv missing; /* lower units without a submitted form (roll-up) */
	/* Of a submitted roll-up's missing units, those that have submitted since: not in its
	 * figures until the unit above sends it back and it is submitted again. */
	struct strv sent_after;
};
void report_form_free(struct rp_form **f);
#define RP_CELL(f, r, c) ((f)->v[(r) * (f)->d->ncols + (c)])

/* The form of UNIT for MONTH ("YYYY-MM") as U sees it: frozen figures once submitted, else the
 * counters, the typed draft and the lower units' submitted forms. */
int report_open(struct ctx *c, const struct user *u, const struct rp_def *d, const char *unit,
		const char *month, struct rp_form **out);
/* The figures of D's form of UNIT for MONTH as submitted, for a caller that has checked its own
 * permission (the analysis tables); ZZ_ENOENT when that form is not submitted or UNIT does not
 * file it. */
int report_frozen(struct ctx *c, const struct rp_def *d, const char *unit, const char *month,
		  struct rp_form **out);
/* Type VALUE into cell (ROW, COL) (row and column ids or labels). */
int report_set(struct rp_form *f, const char *row, const char *col, const char *value);
int report_set_cell(struct rp_form *f, int row, int col, long long value);
/* The checks: never negative, each column's relations (enum rp_rel), a draft's cells at 0 taken
 * as not yet filled (SUBMIT: the whole form); *row and *col point at the cell. */
int report_check(const struct rp_form *f, bool submit, int *row, int *col);
/* Every check F fails, in the order report_check finds them: the count, each with its cell and its
 * refusal into *OUT (owned by the caller: report_problems_free), so that all are shown at once. */
struct rp_problem {
	int row, col;
	char *msg;
};
int report_problems(const struct rp_form *f, bool submit, struct rp_problem **out);
void report_problems_free(struct rp_problem **v, int n);
/* Save the typed cells as a draft; submit (checks, freezes, marks late after the deadline); the
 * unit above sends a submitted form back with REASON. Each is audited in its transaction. */
int report_save(struct ctx *c, const struct user *u, struct rp_form *f);
int report_submit(struct ctx *c, const struct user *u, struct rp_form *f, int64_t now);
int report_return(struct ctx *c, const struct user *u, struct rp_form *f, const char *reason);
/* Whether U may send F back now (the unit above, F submitted as loaded): asked before the reason,
 * so that nobody types a reason for a refusal. A refusal by permission is audited. */
int report_may_return(struct ctx *c, const struct user *u, const struct rp_form *f);
/* 0 when U may fill and submit F (its own unit's form, its line's for a department), else ZZ_EPERM
 * with the reason in errmsg(): asked before typing, so that nothing typed is lost. */
int report_may_fill(struct ctx *c, const struct user *u, const struct rp_form *f);
/* As report_may_fill, and the month is over at NOW (ZZ_EINVAL, said, before then): asked before
 * the confirmation. */
int report_may_submit(struct ctx *c, const struct user *u, const struct rp_form *f, int64_t now);
/* What the form's screen offers U now, asked for its status line (nothing audited): filling
 * (and submitting) a form not submitted, sending a submitted one back. */
bool report_can_fill(struct ctx *c, const struct user *u, const struct rp_form *f);
bool report_can_return(struct ctx *c, const struct user *u, const struct rp_form *f);

/* The deadline of D's form of MONTH at LEVEL: the end of the set day of the next month. */
int64_t report_due(struct ctx *c, const struct rp_def *d, int level, const char *month);
/* The end of the day reports.due.NAME.LEVEL of the month after MONTH; 0 when not set. */
int64_t report_due_named(struct ctx *c, const char *name, int level, const char *month);
/* The end (23:59:59) of day DAY of the month after MONTH (YYYY-MM), local time. */
int64_t report_due_day(const char *month, int day);
/* The first month whose forms, monthly entries and 分析研判 are asked for, into FIRST: the month the
 * home was made in, since no office is asked for months before the system was there. "" (every
 * month) for a home made before that was kept, or "made" after NOW (the clock set back since). */
int report_first_month(struct ctx *c, int64_t now, char first[8]);

/* Whether U's unit has any form in its list: it files one, or receives its lower units' (a
 * village or a grid files none, and receives none). */
bool report_any(struct ctx *c, const struct user *u, const struct rp_defs *defs);

struct rp_entry {
	const struct rp_def *d;
	const char *unit;
	char month[8];
	int state;
	bool late;
	int64_t due;
};
typedef int (*report_list_cb)(const struct rp_entry *e, void *arg);
/* The forms of MONTH U deals with: its unit's own, then those of the units below that send it
 * theirs. */
int report_list(struct ctx *c, const struct user *u, const struct rp_defs *defs, const char *month,
		report_list_cb cb, void *arg);

/* The daemon rule: mark late the forms not submitted by their deadline (reports.months_back). */
int report_rule_late(struct ctx *c, int64_t now);
/* The to-do source: the forms of U's unit due and not submitted, late or sent back. */
int report_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l);
/* Check the settings and the form files (a feature's load). */
int report_conf_check(struct ctx *c);

#endif
