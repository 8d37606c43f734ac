/* workflow.h — the dispute event's state machine (R-EV-1..R-EV-3, R-EV-9): ONE table of state ×
 * action → new state, who may act, where the event goes, and what must hold. Pure: the event, the
 * unit tree and the actor come in as arguments; nothing here reads the database. */
#ifndef ZZ_WORKFLOW_H
#define ZZ_WORKFLOW_H

#include <stdbool.h>
#include <stdint.h>

#include "unit.h"
#include "util.h"

enum ev_state { EV_NONE, EV_NEW, EV_HANDLING, EV_FEDBACK, EV_CLOSED, EV__NSTATES };
extern const char *const ev_state_zh[EV__NSTATES]; /* 待受理, 办理中, … */
extern const char *const ev_state_id[EV__NSTATES]; /* new, handling, … for scripts */

/* How the event reached the unit that holds it. */
enum ev_via { VIA_REGISTERED, VIA_REPORTED, VIA_SKIPPED, VIA_ASSIGNED, VIA_RETURNED, VIA_FEEDBACK, VIA__COUNT };
extern const char *const ev_via_zh[VIA__COUNT];

/* Cards given during the current holding, one bit each. */
enum { CARD_ACCEPT_YELLOW = 1, CARD_ACCEPT_RED = 2, CARD_HANDLE_YELLOW = 4, CARD_HANDLE_RED = 8 };

/* The workflow state of one event (its descriptive fields are a dispute_event record). */
struct event {
	uint64_t id;
	int state;	 /* enum ev_state */
	char *holder;	 /* the unit that has it now */
	char *origin;	 /* the unit that registered it */
	int via;	 /* enum ev_via */
	char *from;	 /* the unit it came from ("" when registered here) */
	int64_t reached; /* when it reached the holder: both clocks start here; 0: no clocks */
	int hold;	 /* number of the current holding, 1 for the first */
	int64_t accepted;
	int64_t handled; /* the first 办理 opinion of the current holding, 0 when none */
	int ext_days;		/* working days granted to the current holding's handling */
	int ext_req_days;	/* a pending extension request, 0 when none */
	char *ext_req_reason;
	char *supervisor; /* the unit that put it under supervision, or "" */
	unsigned cards;	  /* CARD_* of the current holding */
	int64_t due_at;	  /* the time of its row in the due index, 0 when none */
	int64_t created, closed;
	int nsteps;
	struct strv assigners; /* units waiting for feedback, the latest last */
	struct strv involved;  /* every unit that has held it */
	struct strv copies;    /* units a skip-level report passed over: they see it read-only (8.2.1.4) */
};

struct event *event_alloc(void);
void event_free(struct event **ev);

enum ev_action {
	EA_NEW,
	EA_ACCEPT,
	EA_HANDLE,
	EA_CLOSE,
	EA_REPORT,
	EA_SKIP,
	EA_ASSIGN,
	EA_FEEDBACK,
	EA_SUPERVISE,
	EA_EVALUATE,
	EA_RETURN,
	EA_EXT_ASK,
	EA_EXT_GRANT,
	EA_EXT_REFUSE,
	EA_CARD, /* the daemon's cards: a step of the timeline, not a transition */
	EA_EDIT, /* descriptive fields changed: a step of the timeline */
	EA_FOLLOWUP, /* 续报 of a mass incident (R-EV-8); last, as steps store the number */
	EA__COUNT
};

struct wf_action_info {
	const char *id;	  /* command-line word */
	const char *zh;	  /* what the timeline and messages call it */
	const char *hint; /* what the comment is, for prompts */
};
extern const struct wf_action_info wf_actions[EA__COUNT];
int wf_action_parse(const char *id);

/* Who may take an action. */
enum {
	WHO_HOLDER = 1,	    /* the unit that holds the event */
	WHO_DECIDER = 2,    /* the unit that assigned it (else the holder's parent): extensions */
	WHO_ANCESTOR = 4,   /* any unit above the holder: supervision */
	WHO_SUPERVISOR = 8, /* the supervising unit or a unit above it: the evaluation */
	WHO_ORIGIN = 16,    /* the unit that registered it: the place of a mass incident (续报) */
};

/* Where the event goes. */
enum wf_goes {
	GO_STAY,
	GO_PARENT,   /* 上报: the holder's parent */
	GO_ANCESTOR, /* 越级上报: a unit above the parent */
	GO_CHILD,    /* 交办: a unit whose parent is the holder (a lower unit or a member department) */
	GO_ASSIGNER, /* 反馈: back to the unit that assigned it */
	GO_SENDER,   /* 回退: back to the unit it came from */
};

/* What must hold. */
enum {
	CHK_COMMENT = 1,      /* a comment, result or reason is required */
	CHK_URGENT = 2,	      /* the event is major or urgent (R-EV-2) */
	CHK_NOT_ASSIGNED = 4, /* no unit waits for feedback: it is the holder's own to close or report */
	CHK_ASSIGNED = 8,     /* a unit waits for feedback */
	CHK_OWN = 16,	      /* registered by the holder and never moved: on-the-spot handling (R-EV-3) */
	CHK_SENT = 32,	      /* it came by report or assignment, so there is a sender to return it to */
	CHK_EXT_NONE = 64,    /* no extension request pending */
	CHK_EXT_PENDING = 128,
	CHK_SUPERVISED = 256,
	CHK_DAYS = 512, /* a number of working days, 1..max */
	CHK_EVAL = 1024,
	CHK_MASS = 2048, /* the event is a mass incident (群体性事件, R-EV-8) */
};

/* Which deadline stages the action meets (R-EV-4, R-EV-5). */
enum { MEET_ACCEPT = 1, MEET_HANDLE = 2 };

struct wf_rule {
	int from, action, to; /* to EV_NONE: the state does not change */
	unsigned who;
	enum wf_goes goes;
	unsigned checks;
	unsigned meets;
};
extern const struct wf_rule wf_rules[];
extern const int wf_rules_len;

/* How the acting account relates to the event. */
struct wf_actor {
	bool console; /* the local console: any relation, for batch work */
	bool holder, decider, ancestor, supervisor, origin;
};

struct wf_input {
	const char *comment;
	const char *to; /* target unit code for 交办 and 越级上报 */
	int days, max_days;
	const char *eval; /* evaluation code, checked by the caller against its code table */
	bool urgent;
	bool mass; /* a mass incident (群体性事件) */
	const char *actor_unit; /* the acting account's unit (the supervisor of 督办) */
};

/* The unit that decides an extension: the latest assigner, else the holder's parent. */
const char *workflow_decider(const struct units *us, const struct event *ev);
/* Whether ACTOR is one of the units of WHO (WHO_* bits). */
bool workflow_who(unsigned who, const struct wf_actor *actor);
/* The relations of unit UNIT (an account's unit) to EV. */
void workflow_actor(const struct units *us, const struct event *ev, const char *unit, struct wf_actor *out);

/* 0 unless rule R needs a comment (result, reason) and COMMENT is empty: ZZ_EINVAL
 * "结案需要填写处理结果" (the screen's editor stays open on it). */
int workflow_comment_check(const struct wf_rule *r, const char *comment);
/* May ACTOR take action A on EV with IN? On success *rule is the row and *dest the unit the event
 * goes to (NULL: it stays). Otherwise ZZ_EINVAL or ZZ_EPERM with the reason in Chinese. */
int workflow_check(const struct units *us, const struct event *ev, int a, const struct wf_actor *actor,
		   const struct wf_input *in, const struct wf_rule **rule, const char **dest);

/* Move EV along RULE to DEST at time NOW (no database): state, holder, clocks, assigners. */
void workflow_apply(struct event *ev, const struct wf_rule *rule, const char *dest, const struct wf_input *in,
		    int64_t now);

#endif
