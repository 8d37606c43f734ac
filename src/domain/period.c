/* period.c — sensitive periods in meta.db: "period:" be64 id -> TLV. */
#include "period.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "event.h"
#include "perm.h"
#include "service.h"
#include "tlv.h"
#include "validate.h"

#define PERIOD_PREFIX "period:"
#define PERIOD_PREFIX_LEN 7

enum { P_FROM = 1, P_TO, P_SCOPE, P_REASON, P_UNIT, P_USER, P_CREATED, P_ENDED };

static void periods_free_fields(struct period *p)
{
	free(p->scope);
	free(p->reason);
	free(p->unit);
	free(p->user);
}

void periods_free(struct period *v, int n)
{
	for (int i = 0; i < n; i++)
		periods_free_fields(&v[i]);
	free(v);
}

bool period_covers(const struct units *us, const struct period *p, const char *unit, int day)
{
	return day >= p->from && day <= p->to && (!unit || units_under(us, unit, p->scope));
}

bool periods_cover(const struct units *us, const struct period *v, int n, const char *unit, int day)
{
	for (int i = 0; i < n; i++)
		if (period_covers(us, &v[i], unit, day))
			return true;
	return false;
}

static void period_key(unsigned char k[PERIOD_PREFIX_LEN + 8], uint64_t id)
{
	memcpy(k, PERIOD_PREFIX, PERIOD_PREFIX_LEN);
	be64_put(k + PERIOD_PREFIX_LEN, id);
}

static void period_encode(const struct period *p, struct sb *v)
{
	tlv_int(v, P_FROM, p->from);
	tlv_int(v, P_TO, p->to);
	tlv_str(v, P_SCOPE, p->scope);
	tlv_str(v, P_REASON, p->reason);
	tlv_str(v, P_UNIT, p->unit);
	tlv_str(v, P_USER, p->user);
	tlv_int(v, P_CREATED, p->created);
	tlv_int(v, P_ENDED, p->ended);
}

static int period_decode(const void *buf, size_t n, struct period *p)
{
	struct tlv_reader rd;
	tlv_begin(&rd, buf, n);
	int tag, rc;
	const unsigned char *x;
	size_t len;
	char **slot;
	while ((rc = tlv_next(&rd, &tag, &x, &len)) > 0) {
		slot = tag == P_SCOPE	 ? &p->scope
		       : tag == P_REASON ? &p->reason
		       : tag == P_UNIT	 ? &p->unit
		       : tag == P_USER	 ? &p->user
					 : NULL;
		if (slot) {
			free(*slot);
			*slot = tlv_get_str(x, len);
		} else if (tag == P_FROM) {
			p->from = (int)tlv_get_int(x, len);
		} else if (tag == P_TO) {
			p->to = (int)tlv_get_int(x, len);
		} else if (tag == P_CREATED) {
			p->created = tlv_get_int(x, len);
		} else if (tag == P_ENDED) {
			p->ended = tlv_get_int(x, len);
		}
	}
	if (rc == 0 && (!p->scope || !p->unit))
		rc = errmsg_set(ZZ_EDB, "敏感期记录损坏");
	return rc;
}

static int load_txn(struct store *st, DB_TXN *txn, struct period **out, int *n)
{
	DB *db = store_db(st, DBI_META);
	if (!db)
		return ZZ_EDB;
	DBC *cur = NULL;
	int dbrc = db->cursor(db, txn, &cur, 0);
	if (dbrc)
		return store_err(dbrc, "敏感期");
	DBT key = {.data = PERIOD_PREFIX, .size = PERIOD_PREFIX_LEN}, val = {0};
	int rc = 0;
	dbrc = cur->get(cur, &key, &val, DB_SET_RANGE);
	while (dbrc == 0 && key.size == PERIOD_PREFIX_LEN + 8 &&
	       memcmp(key.data, PERIOD_PREFIX, PERIOD_PREFIX_LEN) == 0) {
		*out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		struct period *p = &(*out)[*n];
		*p = (struct period){
		    .id = be64_get((const unsigned char *)key.data + PERIOD_PREFIX_LEN)};
		(*n)++;
		if ((rc = period_decode(val.data, val.size, p)) < 0)
			break;
		dbrc = cur->get(cur, &key, &val, DB_NEXT);
	}
	if (rc == 0 && dbrc && dbrc != DB_NOTFOUND)
		rc = store_err(dbrc, "敏感期");
	cur->close(cur);
	return rc;
}

int period_load_all(struct ctx *c, struct period **out, int *n)
{
	*out = NULL;
	*n = 0;
	int rc = load_txn(c->st, NULL, out, n);
	if (rc < 0) {
		periods_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int period_list(struct ctx *c, const struct user *u, struct period **out, int *n)
{
	const struct rtype *t = event_type(c);
	int rc = t ? 0 : ZZ_EINVAL;
	if (rc == 0)
		rc = perm_check(c, u, ACT_VIEW, t, NULL);
	if (rc == 0)
		rc = period_load_all(c, out, n);
	if (rc < 0 || perm_console(u))
		return rc;
	const struct units *us = ctx_units(c);
	const char *scope = perm_scope(c, u);
	int k = 0;
	for (int i = 0; i < *n; i++) {
		struct period p = (*out)[i];
		if (units_under(us, p.scope, scope) || units_under(us, scope, p.scope))
			(*out)[k++] = p;
		else
			periods_free_fields(&p);
	}
	*n = k;
	return 0;
}

/* U may declare or end periods over SCOPE: a county's (or higher) account with the right to handle
 * events there. */
static int period_may(struct ctx *c, const struct user *u, const char *scope, const char *what)
{
	if (perm_console(u))
		return 0;
	const struct units *us = ctx_units(c);
	const struct unit *x = units_find(us, u->unit);
	int rc = 0;
	if (!x || x->level > LV_COUNTY || x->level == LV_DEPT)
		rc = errmsg_set(ZZ_EPERM, "只有县级及以上综治中心可以设置敏感期");
	if (rc == 0)
		rc = perm_check(c, u, ACT_HANDLE, event_type(c), scope);
	if (rc == ZZ_EPERM)
		service_audit_refusal(c, u, what, scope, rc);
	return rc;
}

struct add_arg {
	struct ctx *c;
	const struct user *u;
	struct period *p;
	const char *type; /* audit type */
	char *detail;
};

static int put_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct add_arg *a = arg;
	int rc = 0;
	if (!a->p->id) {
		struct period *v = NULL;
		int n = 0;
		rc = load_txn(st, txn, &v, &n);
		a->p->id = n ? v[n - 1].id + 1 : 1;
		periods_free(v, n);
	}
	unsigned char k[PERIOD_PREFIX_LEN + 8];
	period_key(k, a->p->id);
	struct sb v;
	sb_init(&v);
	period_encode(a->p, &v);
	if (rc == 0)
		rc = store_put(store_db(st, DBI_META), txn, k, sizeof k, v.buf, v.len);
	sb_free(&v);
	if (rc == 0) {
		char obj[40];
		snprintf(obj, sizeof obj, "period:%llu", (unsigned long long)a->p->id);
		rc = audit_append(a->c, txn,
				  &(struct audit_entry){.user = a->u->name,
							.unit = a->u->unit,
							.type = a->type,
							.object = obj,
							.result = "ok",
							.detail = a->detail});
	}
	return rc;
}

static char *period_text(const struct units *us, const struct period *p)
{
	char f[11], t[11];
	date_format(p->from, f);
	date_format(p->to, t);
	const struct unit *x = units_find(us, p->scope);
	return xasprintf("%s 至 %s，%s（%s）：%s", f, t, x ? x->name : p->scope, p->scope,
			 p->reason ? p->reason : "");
}

int period_add(struct ctx *c, const struct user *u, const char *scope, int from, int to,
	       const char *reason, uint64_t *id)
{
	const struct units *us = ctx_units(c);
	if (str_empty(scope))
		scope = u->unit; /* the console's is "": it names the scope */
	const struct unit *x = str_empty(scope) ? NULL : units_find(us, scope);
	if (!x)
		return errmsg_set(
		    ZZ_EINVAL, str_empty(scope) ? "请指定敏感期的范围（单位）" : "单位 %s 不存在",
		    scope);
	int rc = period_may(c, u, scope, "period_add");
	if (rc < 0)
		return rc;
	int today = date_today(time(NULL));
	long max = (long)conf_int(c->conf, "daily.period_max_days");
	if (to < from)
		return errmsg_set(ZZ_EINVAL, "敏感期的结束日期不能早于开始日期");
	if (to < today)
		return errmsg_set(ZZ_EINVAL, "敏感期已经过去，不能再设置");
	if (to - from + 1 > max)
		return errmsg_set(ZZ_EINVAL, "一个敏感期最长 %ld 天", max);
	if (str_empty(reason))
		return errmsg_set(ZZ_EINVAL, "请填写设置敏感期的事由");
	if ((rc = validate_text("敏感期事由", reason,
				(long)conf_int(c->conf, "daily.period_reason_max"))) < 0)
		return rc;
	struct period p = {.from = from,
			   .to = to,
			   .scope = (char *)x->code,
			   .reason = (char *)reason,
			   .unit = u->unit ? u->unit : (char *)"",
			   .user = u->name,
			   .created = (int64_t)time(NULL)};
	struct add_arg a = {c, u, &p, "period_add", period_text(us, &p)};
	rc = store_run(c->st, put_txn, &a);
	free(a.detail);
	if (rc == 0 && id)
		*id = p.id;
	return rc;
}

int period_end(struct ctx *c, const struct user *u, uint64_t id)
{
	struct period *v = NULL;
	int n = 0;
	int rc = period_load_all(c, &v, &n);
	struct period *p = NULL;
	for (int i = 0; i < n && rc == 0 && !p; i++)
		if (v[i].id == id)
			p = &v[i];
	const struct units *us = ctx_units(c);
	bool seen = p && (perm_console(u) || units_under(us, p->scope, perm_scope(c, u)) ||
			  units_under(us, perm_scope(c, u), p->scope));
	if (rc == 0 && !seen)
		rc = errmsg_set(ZZ_ENOENT, "没有敏感期 %llu", (unsigned long long)id);
	if (rc == 0)
		rc = period_may(c, u, p->scope, "period_end");
	if (rc == 0 && !perm_console(u) && !units_under(us, p->unit, u->unit)) {
		rc = errmsg_set(ZZ_EPERM, "只有设置敏感期的单位或其上级可以结束它");
		service_audit_refusal(c, u, "period_end", p->scope, rc);
	}
	int today = date_today(time(NULL));
	if (rc == 0 && (p->ended || p->to < today))
		rc = errmsg_set(ZZ_EINVAL, "敏感期 %llu 已经结束", (unsigned long long)id);
	if (rc == 0) {
		p->to = p->from > today ? p->from - 1 : today;
		p->ended = (int64_t)time(NULL);
		char *text = period_text(us, p);
		struct add_arg a = {c, u, p, "period_end", xasprintf("提前结束：%s", text)};
		free(text);
		rc = store_run(c->st, put_txn, &a);
		free(a.detail);
	}
	periods_free(v, n);
	return rc;
}
