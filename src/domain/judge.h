/* judge.h — the monthly 分析研判 report (6.4.3.8, 8.6, R-RP-5): the office of a county, township or
 * village gets a draft for the month written from the figures (events: what rose and fell by
 * category against the previous month and the same month last year, where, overdue events and
 * cards; the other subjects' new entries), adds its own judgement and measures, and submits it up,
 * which freezes it. The upper office sees which units below have submitted.
 *
 * Kept in DBI_META under "judge" \0 YYYY-MM \0 unit code: "state\taccount\ttime\n" then the draft,
 * the judgement and the measures separated by 0x1e. Every save and submit is audited in its
 * transaction. Who writes one is judge_writer's rule (an office handling events at its unit), asked
 * by the CLI, the screen and the to-do list alike; who reads one, perm_check (viewing events). */
#ifndef ZZ_JUDGE_H
#define ZZ_JUDGE_H

#include "ctx.h"
#include "user.h"

enum judge_state { JUDGE_NONE, JUDGE_DRAFT, JUDGE_SUBMITTED };
extern const char *const judge_state_zh[];

struct judge {
	char month[8];
	char *unit;
	int state;
	char *by;
	int64_t at;
	char *draft, *judgement, *measures;
};
void judge_free(struct judge *j);

/* The unit whose report U writes, its own: U is the office (role "office") of a county, township or
 * village and may handle events there. NULL when U writes none. The one rule for the CLI, the
 * screen's menu entry and the to-do list. */
const struct unit *judge_writer(struct ctx *c, const struct user *u);
/* The draft text of UNIT's month from the figures (caller frees *OUT). */
int judge_draft(struct ctx *c, const struct user *u, const char *unit, const char *month,
		char **out);
/* UNIT's report of MONTH: the stored one, or a fresh draft (state JUDGE_NONE). */
int judge_get(struct ctx *c, const struct user *u, const char *unit, const char *month,
	      struct judge *out);
/* A judgement or measures text (WHAT names it in the refusal): bounded, valid UTF-8, no control
 * characters but line breaks. 0 or ZZ_EINVAL. */
int judge_text_check(const char *what, const char *s);
/* Save U's unit's judgement and measures for MONTH (the draft is written again from the figures);
 * refused once submitted. */
int judge_save(struct ctx *c, const struct user *u, const char *month, const char *judgement,
	       const char *measures);
/* Submit U's unit's report of MONTH: both texts must be filled; it is frozen afterwards. */
int judge_submit(struct ctx *c, const struct user *u, const char *month);
struct sheet;
/* J as a two-column table to export (sheet.h): state, who saved or submitted it, the draft a line
 * a row, the judgement and the measures. */
void judge_sheet(const struct units *us, const struct judge *j, struct sheet *s);
/* Write J as FORMAT ("xlsx", "csv", "csv-gb18030") into U's download folder, audited (U may
 * export events at J's unit); *PATH is the file (caller frees). */
int judge_export(struct ctx *c, const struct user *u, const struct judge *j, const char *format,
		 char **path);
typedef int (*judge_cb)(const char *unit, int state, void *arg);
/* Each unit directly below UNIT that writes the report (a county, township or village) and its
 * state for MONTH. */
int judge_status(struct ctx *c, const struct user *u, const char *unit, const char *month,
		 judge_cb cb, void *arg);

struct todo_list;
/* The to-do source: U's office's own reports not submitted, due or overdue (reports.due.judge). */
int judge_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l);

#endif
