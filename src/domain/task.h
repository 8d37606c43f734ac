/* task.h — tasks and directives (任务督办, standard 8.2.1, 8.2.2, 8.4.1, 3.4, 3.5, 6.4.3.5;
 * R-EV-9): an upper unit issues a task to units below; each receiver signs it off, feeds back, and
 * the issuer evaluates; late sign-off or feedback costs the receiver cards and points like events;
 * the issuer or a unit above puts a task under supervision. The pure parts (the state table, the
 * deadlines) are in task.c; the actions in task_act.c; storage in task_store.c; the daemon's cards
 * and the to-do items in task_cards.c. */
#ifndef ZZ_TASK_H
#define ZZ_TASK_H

#include <stdbool.h>
#include <stdint.h>

#include "calendar.h"
#include "ctx.h"
#include "todo.h"
#include "user.h"

#define TASK_DUE_KIND "task"

enum task_kind { TK_ASSIGN, TK_VERIFY, TK_CENSUS, TK_TARGET, TK_RECTIFY, TK__COUNT };
/* A receiver's state: waiting for sign-off, being handled, fed back (waiting for the issuer's
 * evaluation), done (evaluated 满意 or 基本满意). */
enum task_state { TS_ISSUED, TS_SIGNED, TS_FEDBACK, TS_DONE, TS__COUNT };
enum task_act { TA_ISSUE, TA_SIGN, TA_FEEDBACK, TA_EVALUATE, TA_SUPERVISE, TA_CARD, TA__COUNT };
enum task_eval { TE_NONE, TE_GOOD, TE_FAIR, TE_BAD, TE__COUNT };
/* The two clocks of a receiver; cards as bits: stage * 2 + card (0 yellow, 1 red). */
enum task_stage { TSTAGE_SIGN, TSTAGE_FEEDBACK, TSTAGE__COUNT };

struct task_kind_info {
	const char *id, *zh;
	bool records; /* the feedback names the records touched (核实, 普查) */
};
extern const struct task_kind_info task_kinds[TK__COUNT];
extern const char *const task_state_zh[TS__COUNT];
extern const char *const task_act_zh[TA__COUNT];
extern const char *const task_act_id[TA__COUNT];
extern const char *const task_eval_zh[TE__COUNT];
extern const char *const task_stage_zh[TSTAGE__COUNT];

/* Who may take an action: the receiver, the issuer, or the issuer and the units above it. */
enum task_who { TW_RECEIVER, TW_ISSUER, TW_ABOVE };
struct task_rule {
	int act;  /* TA_* */
	int from; /* TS_*, or -1: any state but TS_DONE */
	int to;   /* TS_*, or -1: unchanged */
	int eval; /* TE_* that the rule is for (TE_NONE: any) */
	int who;  /* TW_* */
};
extern const struct task_rule task_rules[];
extern const int task_nrules;
/* The rule for ACT (with EVAL for TA_EVALUATE) from STATE, or NULL when not allowed. */
const struct task_rule *task_rule_find(int act, int state, int eval);

struct task_recv {
	char *unit;
	int state; /* TS_* */
	int64_t signed_at, fed_at, done_at;
	char *feedback;
	char *records; /* "type:id,type:id" */
	int eval;      /* TE_* of the last evaluation */
	unsigned cards;
	int points[TSTAGE__COUNT]; /* deducted for the stage's card, 0 when none */
	int64_t card_due[TSTAGE__COUNT]; /* the deadline the card was for */
};

struct task_step {
	int64_t time;
	int act; /* TA_* */
	char *user, *fullname, *unit;
	char *target; /* the receiver concerned, when one */
	char *comment;
};

struct task {
	uint64_t id;
	int kind;
	char *title, *text;
	char *issuer, *issuer_user;
	char *rtype; /* 普查: the record type of the census, may be NULL */
	int64_t created;
	int sign_days, done_days; /* working days from issue */
	int64_t due_at;	       /* its row in the due-time index, 0: none */
	int supervised;	       /* how many times put under supervision */
	struct task_recv *recv;
	int nrecv;
	struct task_step *steps;
	int nsteps;
};
void task_free(struct task **t);
struct task_recv *task_recv_find(struct task *t, const char *unit);

/* Settings (conf/tasks.cfg). */
struct task_limits {
	int sign_red_days;	/* working days after the sign-off deadline for the red card */
	int feedback_red_days; /* … after the completion deadline */
	int points[TSTAGE__COUNT][2];
	int warn_days;
};
void task_limits_load(const struct conf *c, struct task_limits *l);
int task_conf_check(const struct conf *c);

/* The deadline of STAGE's CARD for a receiver of T: the yellow card falls at the stage's
 * deadline, the red card the configured working days later. */
int64_t task_deadline(const struct calendar *cal, const struct task_limits *l, const struct task *t, int stage,
		      int card);
/* Whether STAGE's clock still runs for receiver R. */
bool task_pending(const struct task_recv *r, int stage);
/* The cards due on R at NOW that it does not have yet, as bits. */
unsigned task_cards_due(const struct calendar *cal, const struct task_limits *l, const struct task *t,
			const struct task_recv *r, int64_t now);
/* The earliest deadline of a card not yet given to any receiver of T, 0: none. */
int64_t task_next_due(const struct calendar *cal, const struct task_limits *l, const struct task *t);
static inline unsigned task_card_bit(int stage, int card)
{
	return 1u << (stage * 2 + card);
}

/* Actions, each one transaction with its audit entry; U must pass perm_check. */
struct task_new {
	int kind;
	const char *title, *text, *rtype;
	const char *const *recv; /* unit codes */
	int nrecv;
	int sign_days, done_days; /* 0: the settings' defaults */
};
int task_issue(struct ctx *c, const struct user *u, const struct task_new *n, uint64_t *id);
struct task_req {
	int act; /* TA_SIGN, TA_FEEDBACK, TA_EVALUATE, TA_SUPERVISE */
	const char *unit; /* the receiver, for TA_EVALUATE (NULL: the account's unit for sign/feedback) */
	const char *comment;
	const char *records; /* TA_FEEDBACK of 核实/普查 */
	int eval;	     /* TA_EVALUATE */
};
int task_act(struct ctx *c, const struct user *u, uint64_t id, const struct task_req *req);

/* What the screens offer before anything is typed; task_issue and task_act check again. */
/* Whether U may issue tasks: a unit's account with the right to handle events there and a unit
 * below it to send them to. */
bool task_may_issue(struct ctx *c, const struct user *u);
/* Whether unit CODE may receive a task U issues (below U's unit, within its scope). */
bool task_may_receive(struct ctx *c, const struct user *u, const char *code);
/* The actions (TA_SIGN … TA_SUPERVISE) U may take on T now, into ACTS; returns their count. */
int task_actions(struct ctx *c, const struct user *u, struct task *t, int acts[TA__COUNT]);

/* Task ID when U may see it: a receiver (*mine set to its row), the issuer or a unit above. */
int task_get(struct ctx *c, const struct user *u, uint64_t id, struct task **out, struct task_recv **mine);
/* Whether U sees every receiver of T (the issuer or above). */
bool task_sees_all(struct ctx *c, const struct user *u, const struct task *t);
/* The tasks U may see, newest first (caller frees each with task_free and the array). */
int task_list(struct ctx *c, const struct user *u, struct task ***out, int *n);

/* Storage, in the caller's transaction. */
int task_load(struct store *st, DB_TXN *txn, uint64_t id, struct task **out, bool rmw);
int task_store(struct store *st, DB_TXN *txn, const struct task *t);
void task_step_add(struct task *t, int64_t now, int act, const char *user, const char *fullname, const char *unit,
		   const char *target, const char *comment);
typedef int (*task_cb)(struct task *t, void *arg);
/* Every task, oldest first; CB returning non-zero stops (negative: an error). */
int task_scan(struct store *st, DB_TXN *txn, task_cb cb, void *arg);
int task_reschedule(struct ctx *c, DB_TXN *txn, struct task *t);

/* The points UNIT lost on tasks in YEAR (score.c adds them to the events' deductions). */
int task_deducted(struct ctx *c, int year, const char *unit, int *points);
/* The daemon rule and the to-do source. */
int task_cards_rule(struct ctx *c, int64_t now);
int task_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l);

#endif
