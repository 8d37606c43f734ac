/* link.c — references between records, checked on save and followed by the person view. */
#include "link.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "perm.h"
#include "service.h"
#include "unit.h"

const struct rtype *link_type(const struct schema *s, const struct rec *r, int i)
{
	const struct field *f = &r->t->f[i];
	if (!f->ref)
		return NULL;
	const char *sel = NULL;
	if (f->ref[0] == '@') {
		int k = rtype_field(r->t, f->ref + 1);
		sel = k >= 0 ? r->v[k] : NULL;
	}
	return schema_ref_type(s, f, sel);
}

bool link_applies(const struct schema *s, const struct rec *r, int i)
{
	const struct field *f = &r->t->f[i];
	const struct rtype *x = link_type(s, r, i);
	if (!x)
		return false;
	if (f->ref[0] != '@')
		return true;
	int by_key = -1, by_no = -1;
	for (int k = 0; k < r->t->nf; k++) {
		const struct field *g = &r->t->f[k];
		if (!g->ref || strcmp(g->ref, f->ref) != 0 || !schema_ref_fits(g, x))
			continue;
		if (g->type == FT_INT && by_no < 0)
			by_no = k;
		else if (g->type != FT_INT && by_key < 0)
			by_key = k;
	}
	return i == (by_key >= 0 ? by_key : by_no);
}

/* "No such record": also the answer for a record the account may not see. */
static int link_absent(const struct rec *r, int i, const struct rtype *x)
{
	const struct field *f = &r->t->f[i];
	if (f->type == FT_INT)
		return errmsg_set(ZZ_ENOENT, "%s：%s中没有记录号 %s", f->label, x->title, r->v[i]);
	return errmsg_set(ZZ_ENOENT, "%s：%s中没有 %s", f->label, x->title, r->v[i]);
}

int link_resolve(struct store *st, DB_TXN *txn, const struct rec *r, int i, const struct rtype **t, uint64_t *id)
{
	const struct field *f = &r->t->f[i];
	const struct rtype *x = link_type(st->schema, r, i);
	const char *v = r->v[i];
	if (!x || !v)
		return errmsg_set(ZZ_ENOENT, "%s未填写", f->label);
	int rc;
	if (f->type == FT_INT) {
		long long n;
		if (str_to_ll(v, &n) < 0 || n <= 0)
			return link_absent(r, i, x);
		struct rec *tmp = NULL;
		rc = record_load(st, txn, x, (uint64_t)n, &tmp, false);
		rec_free(&tmp);
		if (rc == 0)
			*id = (uint64_t)n;
	} else {
		rc = record_by_key(st, txn, x, v, id);
	}
	if (rc == ZZ_ENOENT)
		return link_absent(r, i, x);
	if (rc == 0)
		*t = x;
	return rc;
}

static const char *other_field(const struct rec *r, int i)
{
	const struct field *f = &r->t->f[i];
	for (int k = 0; k < r->t->nf; k++)
		if (k != i && r->t->f[k].ref && !strcmp(r->t->f[k].ref, f->ref))
			return r->t->f[k].label;
	return "";
}

int link_check_field(struct ctx *c, const struct user *u, const struct rec *r, int i)
{
	const struct schema *s = c->schema;
	const struct field *f = &r->t->f[i];
	const struct rtype *x = link_type(s, r, i);
	if (!x)
		return 0;
	if (!link_applies(s, r, i)) {
		if (r->v[i])
			return errmsg_set(ZZ_EINVAL, "服务对象是%s时不填%s，请填%s", x->title, f->label,
					  other_field(r, i));
		return 0;
	}
	if (!r->v[i]) {
		if (f->ref[0] == '@')
			return errmsg_set(ZZ_EINVAL, "服务对象是%s时须填写%s", x->title, f->label);
		return 0;
	}
	const struct rtype *xt = NULL;
	uint64_t id = 0;
	int rc = link_resolve(c->st, NULL, r, i, &xt, &id);
	if (rc == 0 && !perm_console(u)) {
		/* A record outside the account's scope is, for it, no record (a service record
		 * must not tell a village which ID numbers are HIV carriers in the county). */
		struct rec *tgt = NULL;
		rc = record_load(c->st, NULL, xt, id, &tgt, false);
		if (rc == 0 && !perm_may(c, u, ACT_VIEW, xt, tgt->unit))
			rc = link_absent(r, i, xt);
		/* One seen under a grant is read, not served: a service record resets its unit's visit
		 * clock and writes its latest service date, that unit's records. */
		else if (rc == 0 && tgt->unit && !units_under(ctx_units(c), tgt->unit, perm_scope(c, u)))
			rc = errmsg_set(ZZ_EPERM, "%s：%s %s 不在本账号的管辖范围内（经批准的查阅只能查看）", f->label,
					xt->title, r->v[i]);
		rec_free(&tgt);
	}
	if (rc == ZZ_ENOENT) {
		/* A person's mistake, not a missing object: same message, another code. */
		char msg[512];
		snprintf(msg, sizeof msg, "%s", errmsg());
		return errmsg_set(ZZ_EINVAL, "%s", msg);
	}
	return rc < 0 ? rc : 0;
}

int link_check(struct ctx *c, const struct user *u, const struct rec *r, int *bad)
{
	for (int i = 0; i < r->t->nf; i++) {
		int rc = link_check_field(c, u, r, i);
		if (rc < 0) {
			*bad = i;
			return rc;
		}
	}
	*bad = -1;
	return 0;
}

bool link_has_selector(const struct rtype *t)
{
	for (int i = 0; i < t->nf; i++)
		if (t->f[i].ref && t->f[i].ref[0] == '@')
			return true;
	return false;
}

bool link_visible(struct ctx *c, const struct user *u, const struct rec *r)
{
	for (int i = 0; i < r->t->nf; i++) {
		const struct field *f = &r->t->f[i];
		if (!f->ref || f->ref[0] != '@' || !r->v[i] || !link_applies(c->schema, r, i))
			continue;
		if (!perm_may(c, u, ACT_VIEW, link_type(c->schema, r, i), r->unit))
			return false;
	}
	return true;
}

char *link_describe(struct ctx *c, const struct user *u, const struct rec *r, int i, const struct rtype **t,
		    uint64_t *id)
{
	const struct rtype *xt = NULL;
	*t = NULL;
	if (!link_applies(c->schema, r, i) || !r->v[i] || link_resolve(c->st, NULL, r, i, &xt, id) < 0)
		return NULL;
	struct rec *tgt = NULL;
	if (record_load(c->st, NULL, xt, *id, &tgt, false) < 0)
		return NULL;
	char *out = NULL;
	if (perm_may(c, u, ACT_VIEW, xt, tgt->unit)) {
		char buf[32];
		const char *name = rec_name(tgt, buf, sizeof buf);
		int ni = xt->name_field >= 0 ? xt->name_field : xt->key;
		char *shown = ni >= 0 && tgt->v[ni] ? service_display(c, u, tgt, ni, false) : xstrdup(name);
		out = xasprintf("%s %s", xt->title, shown);
		free(shown);
		*t = xt;
	} else {
		out = xasprintf("%s（无权查看）", xt->title);
	}
	rec_free(&tgt);
	return out;
}
