/* export.c — records to CSV, values as people read them (labels, 是/否), masked where they must be. */
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "export.h"
#include "perm.h"

/* One value for the file: what import reads back, masked unless U may see it in full. */
static char *export_value(struct ctx *c, const struct user *u, const struct rec *r, int i, bool unmask)
{
	const struct field *f = &r->t->f[i];
	if (!r->v[i])
		return xstrdup("");
	if (f->sensitive && !unmask)
		return service_mask(f, r->v[i]);
	if (f->type == FT_UNIT || f->type == FT_GRID)
		return xstrdup(r->v[i]);
	return service_display(c, u, r, i, true);
}

int export_csv(struct ctx *c, const struct user *u, const struct rtype *t, const char *unit, FILE *out,
	       long *count)
{
	int rc = perm_check(c, u, ACT_EXPORT, t, unit);
	/* A refusal is audited; a unit that does not exist (the console's mistake) is only an error. */
	if (rc == ZZ_EPERM)
		service_audit_refusal(c, u, "export", t->id, rc);
	if (rc < 0)
		return rc;
	uint64_t *ids = NULL;
	long n = 0;
	struct service_query q = {.unit = unit, .state = -1};
	rc = service_list(c, u, t, &q, &ids, &n);
	if (rc < 0)
		return rc;
	bool unmask = perm_may(c, u, ACT_UNMASK, t, unit);
	/* Audit first: an export that cannot be audited does not happen. */
	char *detail = xasprintf("%ld 条%s %s", n, unmask ? "（含完整敏感信息）" : "（敏感信息已遮蔽）",
				 unit ? unit : "");
	rc = audit_append(c, NULL, &(struct audit_entry){.user = u->name, .unit = u->unit, .type = "export",
							.object = t->id, .result = "ok", .detail = detail});
	free(detail);
	if (rc < 0) {
		free(ids);
		return rc;
	}
	fputs(EXPORT_UNIT_LABEL, out);
	for (int i = 0; i < t->nf; i++) {
		putc(',', out);
		csv_put(out, t->f[i].label);
	}
	putc('\n', out);
	*count = 0;
	for (long k = 0; k < n && rc == 0; k++) {
		struct rec *r = NULL;
		if (record_load(c->st, NULL, t, ids[k], &r, false) < 0)
			continue;
		csv_put(out, r->unit ? r->unit : "");
		for (int i = 0; i < t->nf; i++) {
			char *v = export_value(c, u, r, i, unmask);
			putc(',', out);
			csv_put(out, v);
			free(v);
		}
		putc('\n', out);
		(*count)++;
		rec_free(&r);
	}
	free(ids);
	if (ferror(out))
		rc = errmsg_set(ZZ_ERR, "写出文件失败");
	return rc;
}
