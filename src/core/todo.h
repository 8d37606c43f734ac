/* todo.h — the to-do list (待办) of an account, gathered from every feature's source. */
#ifndef ZZ_TODO_H
#define ZZ_TODO_H

#include <stdint.h>

#include "ctx.h"
#include "user.h"

/* How urgent an item is, least first: 提示; 预警 (a deadline ahead); 逾期 (a reminder's deadline
 * passed); 黄牌 and 红牌 only for cards given; 系统, the state of the system itself (the daemon, a
 * standby site held, the disk) for its administrators, first and never taken for a card. The
 * values are stored in remind.db. */
enum todo_level {
	TODO_INFO = 0,
	TODO_WARN = 1,
	TODO_OVERDUE = 2,
	TODO_YELLOW = 3,
	TODO_RED = 4,
	TODO_SYSTEM = 5,
	TODO__NLEVELS
};
/* The one name of each level (the to-do screen, the command line). */
extern const char *const todo_level_zh[TODO__NLEVELS];
const char *todo_level_name(int level);

struct todo_item {
	int level;	/* TODO_*: warnings sort first */
	int64_t due;	/* the deadline it is about, 0 when none */
	char *kind;	/* "event", "claim", "visit", "entry", "report" … */
	char *ref;	/* what it opens: "dispute_event:12", "drug:40" */
	char *text;	/* one line for the list, Chinese */
};

struct todo_list {
	struct todo_item *v;
	int n, cap;
};

void todo_add(struct todo_list *l, int level, int64_t due, const char *kind, const char *ref, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
void todo_free(struct todo_list *l);

/* Collapse reminders of one kind and level (overdue visits, updates due, missing patrol logs)
 * into one item of kind "group" with their count and ref "KIND:LEVEL", when there are at least
 * MIN of them. With ONLY (such a ref), keep just the items of that group instead. */
void todo_group(struct todo_list *l, int min, const char *only);

/* The kind of the lines that sum up a read-only account's scope (feature.h, digest): no work. Their
 * ref is the kind of the items whose screen lists what the line sums up ("event": the screen that
 * opens events, "score": the score screen), or "" when none does. */
#define TODO_DIGEST "digest"
/* How many items of L are work (not TODO_DIGEST lines): the count of the status line. */
int todo_work(const struct todo_list *l);

/* Every feature's items for U (its todo member, feature.h), warnings first, then by due time; for
 * a read-only account (perm_read_only), the features' digest lines instead. */
int todo_collect(struct ctx *c, const struct user *u, int64_t now, struct todo_list *out);

#endif
