/* perm.h — the one place that answers "may this account do this, there?" (R-AC-1, R-AC-2). */
#ifndef ZZ_PERM_H
#define ZZ_PERM_H

#include <stdbool.h>

#include "ctx.h"
#include "user.h"

enum perm_action {
	ACT_VIEW,
	ACT_ADD,
	ACT_EDIT,
	ACT_DELETE,
	ACT_IMPORT,
	ACT_CLAIM,
	ACT_EXPORT,
	ACT_HANDLE,   /* act on events */
	ACT_UNMASK,   /* see sensitive fields in full */
	ACT_ADMIN,    /* units and accounts */
	ACT_SECURITY, /* lock, unlock, reset passwords, keys */
	ACT_AUDIT,    /* read and verify the audit log */
	ACT__COUNT
};

struct perm_action_info {
	const char *id;
	const char *zh;
	bool on_records; /* granted per record type; otherwise a system right */
};
extern const struct perm_action_info perm_actions[ACT__COUNT];

/* May U do A on records of type T (NULL for system actions) at unit UNIT (NULL: anywhere in U's
 * scope)? Returns 0, or ZZ_EPERM with the reason in Chinese in errmsg(). */
int perm_check(struct ctx *c, const struct user *u, enum perm_action a, const struct rtype *t,
	       const char *unit);
bool perm_may(struct ctx *c, const struct user *u, enum perm_action a, const struct rtype *t,
	      const char *unit);
/* Whether the reminders of type T's records at UNIT (visits, updates, patrols due) are U's: it may
 * view and edit them by grants without remind = false (a department reads its center's records by
 * 6.4.3.6; their visits stay the center's and the lines' work; a leader only reads). */
bool perm_reminded(struct ctx *c, const struct user *u, const struct rtype *t, const char *unit);
/* Whether U's role only reads (view, export, unmask) and holds no system right: a leader. Its
 * to-do list holds no work, only what its features sum up for it (feature.h, digest). */
bool perm_read_only(struct ctx *c, const struct user *u);
/* Does U's role hold system right A (ACT_ADMIN, ACT_SECURITY, ACT_AUDIT)? No unit check, so no
 * database: an SSH session's relay asks it while the UI holds the database. */
bool perm_system_right(struct ctx *c, const struct user *u, enum perm_action a);
/* The unit whose subtree U sees: its own, or its parent's for a department (R-AC-1). */
const char *perm_scope(struct ctx *c, const struct user *u);
/* Whether a feature's grant lets U view type T's records at UNIT outside U's scope (R-AC-1):
 * perm_check asks it for ACT_VIEW; readers audit what they show under it (service.c). */
bool perm_granted(struct ctx *c, const struct user *u, const struct rtype *t, const char *unit);
/* The local console (service_console, u->console): perm_check grants it every action on every unit
 * of the tree; no account of the database has it. */
bool perm_console(const struct user *u);
/* Check the roles file against the record types and actions; used by conf checks and tests. */
int perm_check_roles(struct ctx *c);
bool perm_role_exists(struct ctx *c, const char *role, bool assignable_only);
/* Whether ROLE holds a system right (an administrator's role: sysadmin, secadmin, auditor). */
bool perm_role_system(struct ctx *c, const char *role);
const char *perm_role_zh(struct ctx *c, const char *role);
const char *perm_dept_zh(struct ctx *c, const char *dept);

#endif
