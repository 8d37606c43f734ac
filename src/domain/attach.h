/* attach.h — attachments: files picked from the account's upload folder into a record's
 * attachment fields (type "attach" in the screens folder). A field's value lists its files as
 * "SHA256:SIZE:KIND:NAME" joined by ','; the content is kept once per SHA-256 in the database
 * (DBI_ATTACH, domain.h), referenced by every record that holds it (DBI_ATTACH_REF), written in the
 * record's own transaction and removed with the last record that holds it. */
#ifndef ZZ_ATTACH_H
#define ZZ_ATTACH_H

#include <stdint.h>

#include "ctx.h"
#include "record.h"
#include "user.h"

struct attach_ent {
	char sha[65];
	uint64_t size;
	char kind[9]; /* jpg, png, pdf, doc, docx, xls, xlsx, txt */
	char name[201];
};

/* The files of an attachment field's value V (NULL or "": none); caller frees *OUT. */
int attach_parse(const char *v, struct attach_ent **out, int *n);
/* The kind of a file from its first bytes (BUF, N of the file's TOTAL bytes), or NULL. */
const char *attach_sniff(const unsigned char *buf, size_t n);
/* The value entry of NAME in U's upload folder (size limit, kind by content, SHA-256): checked
 * now, stored when the record is saved. Caller frees *ENTRY. */
int attach_entry(struct ctx *c, const struct user *u, const char *name, char **entry);
/* Keep the stored contents in step with record R (NULL: deleted) replacing OLD (NULL: new), in
 * TXN: a file new to the record is read again from U's upload folder and must still have its
 * SHA-256; a file no record holds any more is removed. */
int attach_sync(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *r,
		const struct rec *old);
/* Copy the file SHA of record ID of type T into U's download folder, when U may view the record;
 * *NAME (caller frees) is the name it was given there. Audited. */
int attach_download(struct ctx *c, const struct user *u, const struct rtype *t, uint64_t id,
		    const char *sha, char **name);
/* The same for record R that the caller has found U may see (a document's receiver). Audited. */
int attach_copy(struct ctx *c, const struct user *u, const struct rec *r, const char *sha, char **name);

#endif
