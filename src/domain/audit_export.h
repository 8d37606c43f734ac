/* audit_export.h — the auditor's search of the audit log (time range, account, type, result) and
 * its export as CSV into the auditor's download folder, audited. */
#ifndef ZZ_AUDIT_EXPORT_H
#define ZZ_AUDIT_EXPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "audit.h"
#include "user.h"

struct audit_filter {
	int64_t from, to;   /* 0: no bound; TO is exclusive */
	const char *user;   /* account, exactly; NULL or "": any */
	const char *type;   /* login, login_fail, edit, export, …, exactly; NULL or "": any */
	const char *result; /* ok, refused, failed; NULL or "": any */
};

/* Read a bound typed as YYYY-MM-DD or YYYY-MM-DD HH:MM ("" : none); an upper bound given as a day
 * covers the whole day. */
int audit_filter_time(const char *s, bool upper, int64_t *out);
bool audit_filter_match(const struct audit_filter *f, const struct audit_entry *e);
/* The conditions in words, for messages and the export's audit entry (caller frees). */
char *audit_filter_text(const struct audit_filter *f);
/* The entries F selects, as CSV (UTF-8, one header line) in a new file 审计日志-YYYYMMDD-HHMMSS.csv
 * (0600) of U's download folder, within its quota; audited (type export, object audit) — when the
 * entry cannot be written the file is removed. Needs the audit right. *NAME: caller frees. */
int audit_export(struct ctx *c, const struct user *u, const struct audit_filter *f, char **name, long *count);

#endif
