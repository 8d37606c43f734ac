/* office.h — office work between units on record types (4.3.2, 4.4.2, 6.4.3.4, 8.3.4): what a type
 * file declares, the rest being ordinary records:
 *   report_up = true   社情民意: the unit holding an entry passes it to its parent (up_to, up_at, up_by);
 *   reply_to = "F"     意见建议: unit field F names a center above, which answers (reply, reply_at,
 *                      reply_by);
 *   receipts = "F"     公文: text field F lists units below the sender; a receiver's first reading
 *                      is its receipt, the sender sees who has read.
 * Those fields are written only here (kept from the stored record on every other save), each
 * action audited in its own transaction, with a to-do reminder at the unit it concerns. */
#ifndef ZZ_OFFICE_H
#define ZZ_OFFICE_H

#include <stdbool.h>
#include <stdint.h>

#include "ctx.h"
#include "record.h"
#include "todo.h"
#include "user.h"

/* Check the type files' declarations against their fields (feature load). */
int office_load(struct ctx *c);

/* Pass record ID of type T (report_up) from the unit holding it to its parent; *TO (may be NULL)
 * gets the parent's code (caller frees). */
int office_report_up(struct ctx *c, const struct user *u, const struct rtype *t, uint64_t id, char **to);
/* Answer record ID of type T (reply_to) as the center it was addressed to. */
int office_reply(struct ctx *c, const struct user *u, const struct rtype *t, uint64_t id, const char *text);

struct office_receipt {
	char *unit;
	int64_t at; /* 0: not read */
	char *by;
};

/* Open record ID of type T (receipts) as U: the sender side (who may view it) as any record; a
 * receiver's first opening records its receipt (audited). Anyone else: the answer for no record. */
int office_open(struct ctx *c, const struct user *u, const struct rtype *t, uint64_t id, struct rec **out);
/* The receivers of record ID and when each read it, for who may view it; caller frees with
 * office_receipts_free. */
int office_receipts(struct ctx *c, const struct user *u, const struct rtype *t, uint64_t id,
		    struct office_receipt **out, int *n);
void office_receipts_free(struct office_receipt *v, int n);
/* Records of type T waiting at U's unit, newest first: documents sent to it (AT: its receipt),
 * entries it holds (its own not reported yet, AT 0; those reported to it, AT: its receipt),
 * proposals addressed to it (AT: the reply's time). */
struct office_inbox {
	struct rec *r;
	int64_t at;
};
int office_inbox(struct ctx *c, const struct user *u, const struct rtype *t, struct office_inbox **out, int *n);
void office_inbox_free(struct office_inbox *v, int n);
/* Copy attachment SHA of a record U may open (office_open, without a receipt) into U's download
 * folder (attach_copy). */
int office_download(struct ctx *c, const struct user *u, const struct rtype *t, uint64_t id, const char *sha,
		    char **name);
/* Whether type T declares SETTING ("report_up", "reply_to", "receipts"). */
bool office_has(const struct rtype *t, const char *setting);
/* The units record R waits at now, in TXN (office_wait.h): the receivers of a document that have
 * not read it, the unit an entry was reported to until it reads it, the center a proposal is
 * addressed to until it answers; ONLY (unless NULL) the one unit asked about; into OUT (caller
 * frees). */
int office_waiting(struct ctx *c, DB_TXN *txn, const struct rec *r, const char *only, struct strv *out);
/* Every unit R could wait at, whatever was read or answered. */
void office_wait_candidates(const struct rec *r, struct strv *out);

/* The "office" feature's hooks (domain.c) and its to-do source: documents and entries reported
 * up not read yet by U's unit, proposals to it not answered yet. */
int office_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l);
int office_before_store(struct ctx *c, DB_TXN *txn, struct rec *r, const struct rec *old, int64_t now);
int office_after_store(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *r,
		       const struct rec *old, int64_t now);
int office_after_delete(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *old, int64_t now);

#endif
