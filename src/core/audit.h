/* audit.h — the append-only audit log, each entry chained to the one before by SHA-256. */
#ifndef ZZ_AUDIT_H
#define ZZ_AUDIT_H

#include <stdint.h>

#include "ctx.h"
#include "record.h"

struct audit_entry {
	uint64_t seq;
	int64_t time;
	const char *user;   /* account, or "-" */
	const char *unit;   /* the account's unit, or "-" */
	const char *source; /* cli, tty, ssh ADDR, daemon */
	const char *type;   /* login, login_fail, add, edit, delete, view, import, export, … */
	const char *object; /* household:12, user:zhang, unit:321204 */
	const char *result; /* ok, refused, failed */
	const char *detail; /* before/after and reasons */
};

/* Append E in TXN (NULL: its own transaction). When this fails the caller must refuse the action. */
int audit_append(struct ctx *c, DB_TXN *txn, const struct audit_entry *e);

/* Check the whole chain and, when the head file exists, its recorded heads. Returns 0, or
 * ZZ_ERR with errmsg() naming the first entry that was edited, removed or reordered. */
int audit_verify(struct ctx *c, uint64_t *count);
/* Move the entries older than BEFORE (never the newest) into FILE, created new (0600), one stored
 * entry a line, then out of the database, which notes where its chain now starts: the chain and
 * the head file still verify, the archive with audit_verify_archive. *FIRST..*LAST: the entries
 * moved (0 and 0: none old enough). */
int audit_archive(struct ctx *c, int64_t before, const char *file, uint64_t *first, uint64_t *last);
/* Check an archive's chain, its entries against the head file, and that it joins the database's
 * chain (its last entry is where the chain in the database goes on, or an older archive). */
int audit_verify_archive(struct ctx *c, const char *file, uint64_t *first, uint64_t *last);
/* Append "time seq hash" of the chain head to the head file (and syslog). */
int audit_write_head(struct ctx *c);
/* After a restore: check the restored chain against the heads up to its end, append E (the
 * restore's entry), then mark in the head file (and syslog) that the chain's end is the home's head
 * from now on ("… restored"): the heads past it were of the history the restore undid, and
 * audit_verify leaves them out. *COUNT: the entries restored. */
int audit_restored(struct ctx *c, const struct audit_entry *e, uint64_t *count);

typedef int (*audit_cb)(const struct audit_entry *e, void *arg);
/* Entries since SINCE (0: all) by USER (NULL: anyone), in order. */
int audit_scan(struct ctx *c, int64_t since, const char *user, audit_cb cb, void *arg);

/* Before/after of a change as "field: old → new; …" (caller frees). */
char *audit_diff(const struct rec *before, const struct rec *after);

#endif
