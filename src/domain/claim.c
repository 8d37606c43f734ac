/* claim.c — a record waiting at a unit, in claim_wait.db as sorted duplicates (issue 17):
 *   unit \0 type \0  -> be64 id, then the claim's value (claim_value); the key stored once per
 *                      unit and type, its claims ordered by id (claim_dup_cmp), appended to their
 *                      unit's run as imports hand out ids, so that its pages fill
 * and in claims.db, by key prefix:
 *   'C' type \0 be64 id          -> its conflicts: (field id, ours, theirs, import id) NUL-separated
 *   'M' YYYY-MM \0 unit          -> be64 claims that became overdue there that month
 * Homes from before kept the claims in claims.db ('P' unit \0 type \0 be64 id -> value): `zongzhi
 * migrate` moves them (claim_migrate).
 * Permission checks happen before a transaction (they read the unit tree); inside it the record is
 * read again and must still be where the check saw it. */
#include "claim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain.h"
#include "due.h"
#include "import_log.h"
#include "perm.h"
#include "unit.h"
#include "validate.h"
#include "stats.h"

void claim_clear(struct claim *cl)
{
	free(cl->unit);
	free(cl->grid);
	free(cl->importer);
	free(cl->note);
	memset(cl, 0, sizeof *cl);
}

int claim_dup_cmp(DB *db, const DBT *a, const DBT *b)
{
	(void)db;
	size_t an = a->size < 8 ? a->size : 8, bn = b->size < 8 ? b->size : 8;
	int c = memcmp(a->data, b->data, an < bn ? an : bn);
	return c ? c : (an > bn) - (an < bn);
}

static void claim_key(struct sb *k, const char *unit, const struct rtype *t)
{
	sb_reset(k);
	sb_add(k, unit, strlen(unit) + 1);
	sb_add(k, t->id, strlen(t->id) + 1);
}

/* Unsigned LEB128: 7 bits a byte, low first, the high bit set on all but the last. */
static void claim_uvar_put(struct sb *v, uint64_t x)
{
	while (x >= 0x80) {
		sb_addc(v, (char)((x & 0x7f) | 0x80));
		x >>= 7;
	}
	sb_addc(v, (char)x);
}

static int claim_uvar_get(const unsigned char **p, const unsigned char *end, uint64_t *x)
{
	*x = 0;
	for (int shift = 0; *p < end && shift < 64; shift += 7) {
		unsigned char b = *(*p)++;
		*x |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return 0;
	}
	return -1;
}

/* Marks at the start of a text of the value (codes and reasons hold no control characters). */
enum { CLAIM_UNDER = 1 /* grid: the unit's code, then these bytes */,
       CLAIM_FROM_LOG = 1 /* importer: the unit of the import (the import log) */ };

/* The claim's value, after its id (issue 17: 12 to 17 bytes, 45 to 50 as text): the state (a
 * byte), the import id, the time it reached the unit and the deadline after it (0: none) as
 * LEB128, then NUL-terminated the grid (the part after the unit's code when it starts with it),
 * the importer (FROM_LOG: not stored, the import log has it) and the note. */
static void claim_value(struct sb *v, const struct claim *cl, bool from_log)
{
	sb_addc(v, (char)cl->state);
	claim_uvar_put(v, cl->import_id);
	claim_uvar_put(v, (uint64_t)cl->since);
	claim_uvar_put(v, cl->due ? (uint64_t)(cl->due - cl->since) + 1 : 0);
	size_t un = strlen(cl->unit);
	if (cl->grid && strlen(cl->grid) > un && !strncmp(cl->grid, cl->unit, un)) {
		sb_addc(v, CLAIM_UNDER);
		sb_adds(v, cl->grid + un);
	} else if (cl->grid) {
		sb_adds(v, cl->grid);
	}
	sb_addc(v, '\0');
	if (from_log)
		sb_addc(v, CLAIM_FROM_LOG);
	else if (cl->importer)
		sb_adds(v, cl->importer);
	sb_addc(v, '\0');
	if (cl->note)
		sb_adds(v, cl->note);
}

/* The importing unit of import ID, kept in C across the claims of a scan. */
struct claim_from {
	uint64_t id;
	char *unit;
};

static int claim_importer(struct store *st, DB_TXN *txn, uint64_t id, struct claim_from *c, char **out)
{
	if (c->id != id || !c->unit) {
		struct import_log l;
		int rc = ilog_get(st, txn, id, &l);
		if (rc < 0) {
			char *why = xstrdup(errmsg());
			rc = errmsg_set(ZZ_EDB, "认领记录的导入单位读不到：%s", why);
			free(why);
			return rc;
		}
		free(c->unit);
		c->unit = l.unit;
		l.unit = NULL;
		c->id = id;
		ilog_free(&l);
	}
	*out = *c->unit ? xstrdup(c->unit) : NULL;
	return 0;
}

/* Cursor C on the claim of type T and ID at UNIT; VAL gets its id and value. Berkeley DB's code. */
static int claim_find(DBC *c, const char *unit, const struct rtype *t, uint64_t id, DBT *val, u_int32_t flags)
{
	struct sb k;
	sb_init(&k);
	claim_key(&k, unit, t);
	unsigned char be[8];
	be64_put(be, id);
	DBT key = {.data = k.buf, .size = (u_int32_t)k.len};
	*val = (DBT){.data = be, .size = 8};
	int rc = c->get(c, &key, val, DB_GET_BOTH | flags);
	sb_free(&k);
	return rc;
}

/* A cursor on claim_wait.db into *C, or a negative error. */
static int claim_cursor(struct store *st, DB_TXN *txn, DBC **c)
{
	DB *db = store_db(st, DBI_CLAIM_WAIT);
	if (!db)
		return ZZ_EDB;
	int rc = db->cursor(db, txn, c, 0);
	return rc ? store_err(rc, "认领列表") : 0;
}

int claim_del(struct store *st, DB_TXN *txn, const char *unit, const struct rtype *t, uint64_t id)
{
	DBC *c = NULL;
	int rc = claim_cursor(st, txn, &c);
	if (rc < 0)
		return rc;
	DBT val;
	rc = claim_find(c, unit, t, id, &val, DB_RMW);
	if (rc == 0)
		rc = c->del(c, 0);
	c->close(c);
	return rc && rc != DB_NOTFOUND ? store_err(rc, "删除") : 0;
}

int claim_put(struct store *st, DB_TXN *txn, const struct claim *cl)
{
	struct sb k, v;
	sb_init(&k);
	sb_init(&v);
	claim_key(&k, cl->unit, cl->t);
	unsigned char be[8];
	be64_put(be, cl->id);
	sb_add(&v, (char *)be, 8);
	/* A claim of an import names that import's unit (import.c, and the actions carry both on). */
	claim_value(&v, cl, cl->import_id && cl->importer);
	DB *db = store_db(st, DBI_CLAIM_WAIT);
	int rc = store_cput(st, db, txn, k.buf, k.len, v.buf, v.len, 0);
	/* A claim of that record at that unit already: this one replaces it. */
	if (rc == ZZ_EEXIST && (rc = claim_del(st, txn, cl->unit, cl->t, cl->id)) == 0)
		rc = store_cput(st, db, txn, k.buf, k.len, v.buf, v.len, 0);
	sb_free(&k);
	sb_free(&v);
	return rc;
}

/* The value V (N bytes, after the id) of the claim of type T and ID at UNIT into CL. */
static int claim_decode(struct store *st, DB_TXN *txn, struct claim_from *from, struct claim *cl,
			const char *unit, const struct rtype *t, uint64_t id, const char *v, size_t n)
{
	memset(cl, 0, sizeof *cl);
	const unsigned char *p = (const unsigned char *)v, *end = p + n;
	uint64_t imp = 0, since = 0, due = 0;
	const char *text[3];
	int k = 0;
	bool ok = n > 0;
	if (ok) {
		p++;
		ok = claim_uvar_get(&p, end, &imp) == 0 && claim_uvar_get(&p, end, &since) == 0 &&
		     claim_uvar_get(&p, end, &due) == 0;
	}
	/* The grid and the importer end at a NUL, the note at the end of the value. */
	for (; ok && k < 2; k++) {
		text[k] = (const char *)p;
		const unsigned char *z = memchr(p, '\0', (size_t)(end - p));
		ok = z != NULL;
		p = ok ? z + 1 : p;
	}
	text[2] = (const char *)p;
	if (!ok)
		return errmsg_set(ZZ_EDB, "认领记录已损坏");
	cl->t = t;
	cl->id = id;
	cl->unit = xstrdup(unit);
	cl->state = (unsigned char)v[0];
	cl->import_id = imp;
	cl->since = (int64_t)since;
	cl->due = due ? cl->since + (int64_t)(due - 1) : 0;
	if (text[0][0] == CLAIM_UNDER)
		cl->grid = xasprintf("%s%s", unit, text[0] + 1);
	else if (text[0][0])
		cl->grid = xstrdup(text[0]);
	int rc = 0;
	if (text[1][0] == CLAIM_FROM_LOG && imp)
		rc = claim_importer(st, txn, imp, from, &cl->importer);
	else if (text[1][0])
		cl->importer = xstrdup(text[1]);
	if (end > p)
		cl->note = xstrndup(text[2], (size_t)(end - p));
	if (rc < 0)
		claim_clear(cl);
	return rc;
}

int claim_get(struct store *st, DB_TXN *txn, const char *unit, const struct rtype *t, uint64_t id,
	      struct claim *out)
{
	DBC *c = NULL;
	int rc = claim_cursor(st, txn, &c);
	if (rc < 0)
		return rc;
	DBT val;
	rc = claim_find(c, unit, t, id, &val, txn ? DB_RMW : 0);
	/* A copy, decoded with the cursor closed: the decoding may read the import log. */
	struct sb v;
	sb_init(&v);
	if (rc == 0)
		sb_add(&v, val.data, val.size);
	c->close(c);
	struct claim_from from = {0};
	if (rc == 0 && v.len >= 8)
		rc = claim_decode(st, txn, &from, out, unit, t, id, v.buf + 8, v.len - 8);
	else if (rc == 0)
		rc = errmsg_set(ZZ_EDB, "认领记录已损坏");
	else if (rc == DB_NOTFOUND)
		rc = errmsg_set(ZZ_ENOENT, "%s记录 %llu 不在单位 %s 的待认领列表中", t->title, (unsigned long long)id,
				unit);
	else
		rc = store_err(rc, "认领列表");
	free(from.unit);
	sb_free(&v);
	return rc;
}

/* Read the rows under UNIT, then close the cursor before calling back: callbacks read records,
 * and a cursor held meanwhile could wait in a cycle with a writer that the deadlock detector does
 * not see (a cursor without a transaction is a locker of its own). */
int claim_scan(struct store *st, DB_TXN *txn, const char *unit, claim_cb cb, void *arg)
{
	struct sb pre, rows;
	sb_init(&pre);
	sb_init(&rows);
	sb_add(&pre, unit, strlen(unit) + 1);
	DBC *c = NULL;
	int rc = claim_cursor(st, txn, &c);
	DBT key = {.data = pre.buf, .size = (u_int32_t)pre.len}, val = {0};
	int dbrc = rc == 0 ? c->get(c, &key, &val, DB_SET_RANGE) : DB_NOTFOUND;
	long n = 0;
	while (dbrc == 0 && key.size > pre.len && memcmp(key.data, pre.buf, pre.len) == 0) {
		if (val.size >= 8) {
			uint32_t len[2] = {key.size, val.size};
			sb_add(&rows, (char *)len, sizeof len);
			sb_add(&rows, key.data, key.size);
			sb_add(&rows, val.data, val.size);
			n++;
		}
		dbrc = c->get(c, &key, &val, DB_NEXT);
	}
	if (rc == 0 && dbrc && dbrc != DB_NOTFOUND)
		rc = store_err(dbrc, "认领列表");
	if (c)
		c->close(c);
	size_t off = 0;
	struct claim_from from = {0};
	for (long i = 0; i < n && rc == 0; i++) {
		uint32_t len[2];
		memcpy(len, rows.buf + off, sizeof len);
		const char *k = rows.buf + off + sizeof len, *v = k + len[0];
		off += sizeof len + len[0] + len[1];
		const struct rtype *t = schema_type(st->schema, k + pre.len);
		if (!t)
			continue;
		struct claim cl;
		rc = claim_decode(st, txn, &from, &cl, unit, t, be64_get((const unsigned char *)v), v + 8, len[1] - 8);
		if (rc == 0)
			rc = cb(&cl, arg);
		claim_clear(&cl);
	}
	free(from.unit);
	sb_free(&pre);
	sb_free(&rows);
	return rc < 0 ? rc : 0;
}

void claim_target(const struct units *us, const char *scope, const char *importer, const char *target, int *state,
		  const char **unit, const char **grid)
{
	*state = REC_UNROUTED;
	*unit = importer;
	*grid = NULL;
	const struct unit *sc = units_find(us, scope);
	const struct unit *x = target ? units_find(us, target) : NULL;
	if (!sc || !x || !str_prefix(x->path, sc->path) || x->level < LV_TOWNSHIP || x->level > LV_GRID)
		return;
	/* An importer at village level or below is the unit that would claim: it takes the row. */
	if (sc->level >= LV_VILLAGE) {
		*state = REC_ACTIVE;
		*unit = x->code;
		return;
	}
	if (x == sc)
		return;
	if (x->level == LV_GRID) {
		const struct unit *p = units_find(us, x->parent);
		if (!p || p == sc)
			return;
		*grid = x->code;
		x = p;
	}
	*state = REC_PENDING;
	*unit = x->code;
}

int64_t claim_due(struct ctx *c, int64_t since)
{
	return since + (int64_t)conf_int(c->conf, "claims.deadline_days") * 86400;
}

/* The importing unit's scope: a department acts for the unit it is attached to. */
static const char *importer_scope(const struct units *us, const char *importer)
{
	const struct unit *x = units_find(us, importer);
	return x && x->level == LV_DEPT && *x->parent ? x->parent : importer;
}

static char *object_name(const struct rtype *t, uint64_t id)
{
	return xasprintf("%s:%llu", t->id, (unsigned long long)id);
}

enum claim_op { OP_ACCEPT, OP_RETURN, OP_ROUTE };

struct claim_arg {
	struct ctx *c;
	const struct user *u;
	const struct rtype *t;
	uint64_t id;
	enum claim_op op;
	const char *seen_unit; /* the record's unit when permission was checked */
	int seen_state;
	const char *unit;      /* accept: the grid; route: the new unit */
	int new_state;
	const char *grid;      /* route: suggested grid */
	const char *reason;
	int64_t now;
};

static const char *const claim_op_type[] = {
	[OP_ACCEPT] = "claim", [OP_RETURN] = "claim_return", [OP_ROUTE] = "claim_route"};

static int claim_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct claim_arg *a = arg;
	struct rec *r = NULL, *old = NULL;
	struct claim cl = {0}, nc = {0};
	char *detail = NULL;
	int rc = record_load(st, txn, a->t, a->id, &old, true);
	if (rc < 0)
		return rc;
	if (old->state != a->seen_state || !old->unit || strcmp(old->unit, a->seen_unit) != 0) {
		rc = errmsg_set(ZZ_EINVAL, "该记录刚被他人处理过，请刷新后再试");
		goto out;
	}
	rc = claim_get(st, txn, old->unit, a->t, a->id, &cl);
	if (rc < 0)
		goto out;
	r = rec_dup(old);
	r->updated = a->now;
	nc.t = a->t;
	nc.id = a->id;
	nc.since = a->now;
	nc.importer = cl.importer ? xstrdup(cl.importer) : NULL;
	nc.import_id = cl.import_id;
	switch (a->op) {
	case OP_ACCEPT:
		rec_set_meta(&r->unit, a->unit);
		r->state = REC_ACTIVE;
		detail = xasprintf("认领：%s → 网格 %s%s", old->unit, a->unit,
				   cl.due && cl.due <= a->now ? "（已超过认领期限）" : "");
		break;
	case OP_RETURN:
		if (!cl.importer) {
			rc = errmsg_set(ZZ_EINVAL, "该记录没有导入单位，不能退回");
			goto out;
		}
		rec_set_meta(&r->unit, cl.importer);
		r->state = REC_RETURNED;
		nc.unit = xstrdup(cl.importer);
		nc.state = REC_RETURNED;
		nc.note = xstrdup(a->reason);
		detail = xasprintf("退回 %s：%s", cl.importer, a->reason);
		break;
	case OP_ROUTE:
		rec_set_meta(&r->unit, a->unit);
		r->state = a->new_state;
		nc.unit = xstrdup(a->unit);
		nc.state = a->new_state;
		nc.grid = a->grid ? xstrdup(a->grid) : NULL;
		nc.due = a->new_state == REC_PENDING ? claim_due(a->c, a->now) : 0;
		detail = xasprintf("分派：%s → %s%s%s", old->unit, a->unit, a->grid ? "，建议网格 " : "",
				   a->grid ? a->grid : "");
		break;
	}
	rc = record_store(st, txn, r, old);
	if (rc == 0)
		rc = stats_after_store(a->c, txn, a->u, r, old, a->now);
	if (rc == 0)
		rc = claim_del(st, txn, old->unit, a->t, a->id);
	if (rc == 0 && nc.unit && r->state != REC_ACTIVE)
		rc = claim_put(st, txn, &nc);
	if (rc == 0 && nc.due)
		rc = due_put(st, txn, nc.due, "claim", nc.unit);
	if (rc == 0) {
		char *obj = object_name(a->t, a->id);
		rc = audit_append(a->c, txn, &(struct audit_entry){.user = a->u->name, .unit = a->u->unit,
								  .type = claim_op_type[a->op], .object = obj,
								  .result = "ok", .detail = detail});
		free(obj);
	}
out:
	free(detail);
	claim_clear(&cl);
	claim_clear(&nc);
	rec_free(&r);
	rec_free(&old);
	return rc;
}

/* Load the record as it is now, to check permissions against its unit before the transaction. */
static int claim_prepare(struct ctx *c, struct claim_arg *a, struct rec **r)
{
	int rc = record_load(c->st, NULL, a->t, a->id, r, false);
	if (rc == 0)
		rc = service_unseen(c, a->u, claim_op_type[a->op], *r);
	if (rc < 0)
		return rc;
	if (!(*r)->unit)
		return errmsg_set(ZZ_EINVAL, "该记录没有所属单位");
	a->seen_unit = (*r)->unit;
	a->seen_state = (*r)->state;
	a->now = (int64_t)time(NULL);
	return 0;
}

static int claim_finish(struct ctx *c, struct claim_arg *a, int rc)
{
	if (rc == 0)
		rc = store_run(c->st, claim_txn, a);
	if (rc == ZZ_EPERM) {
		char *obj = object_name(a->t, a->id);
		service_audit_refusal(c, a->u, claim_op_type[a->op], obj, rc);
		free(obj);
	}
	return rc;
}

int claims_accept(struct ctx *c, const struct user *u, const struct rtype *t, uint64_t id, const char *grid)
{
	struct claim_arg a = {.c = c, .u = u, .t = t, .id = id, .op = OP_ACCEPT};
	struct rec *r = NULL;
	struct claim cl = {0};
	int rc = claim_prepare(c, &a, &r);
	if (rc == 0 && r->state != REC_PENDING)
		rc = errmsg_set(ZZ_EINVAL, "%s记录 %llu 不在待认领状态", t->title, (unsigned long long)id);
	if (rc == 0)
		rc = perm_check(c, u, ACT_CLAIM, t, r->unit);
	if (rc == 0 && str_empty(grid)) {
		rc = claim_get(c->st, NULL, r->unit, t, id, &cl);
		grid = cl.grid;
		if (rc == 0 && str_empty(grid))
			rc = errmsg_set(ZZ_EINVAL, "请指定认领到哪个网格（--grid 网格代码）");
	}
	const struct units *us = ctx_units(c);
	const struct unit *g = rc == 0 ? units_find(us, grid) : NULL;
	if (rc == 0 && (!g || g->level != LV_GRID))
		rc = errmsg_set(ZZ_EINVAL, "%s 不是网格代码", grid);
	if (rc == 0 && !units_under(us, grid, r->unit))
		rc = errmsg_set(ZZ_EINVAL, "网格 %s（%s）不在 %s 之下", grid, g->name, r->unit);
	if (rc == 0)
		rc = perm_check(c, u, ACT_CLAIM, t, grid);
	a.unit = grid;
	rc = claim_finish(c, &a, rc);
	claim_clear(&cl);
	rec_free(&r);
	return rc;
}

int claims_return(struct ctx *c, const struct user *u, const struct rtype *t, uint64_t id, const char *reason)
{
	struct claim_arg a = {.c = c, .u = u, .t = t, .id = id, .op = OP_RETURN, .reason = reason};
	struct rec *r = NULL;
	int rc = 0;
	if (str_empty(reason) || !utf8_valid(reason, strlen(reason)) || strpbrk(reason, "\t\r\n"))
		rc = errmsg_set(ZZ_EINVAL, "请写明退回原因（一行文字）");
	else if (utf8_chars(reason) > 200)
		rc = errmsg_set(ZZ_EINVAL, "退回原因至多 200 字（现有 %d 字），请删短一些", utf8_chars(reason));
	if (rc == 0)
		rc = claim_prepare(c, &a, &r);
	if (rc == 0 && r->state != REC_PENDING)
		rc = errmsg_set(ZZ_EINVAL, "%s记录 %llu 不在待认领状态", t->title, (unsigned long long)id);
	if (rc == 0)
		rc = perm_check(c, u, ACT_CLAIM, t, r->unit);
	rc = claim_finish(c, &a, rc);
	rec_free(&r);
	return rc;
}

int claims_route(struct ctx *c, const struct user *u, const struct rtype *t, uint64_t id, const char *unit)
{
	struct claim_arg a = {.c = c, .u = u, .t = t, .id = id, .op = OP_ROUTE};
	struct rec *r = NULL;
	struct claim cl = {0};
	int rc = claim_prepare(c, &a, &r);
	const struct units *us = ctx_units(c);
	const struct unit *x = units_find(us, unit);
	if (rc == 0 && !x)
		rc = errmsg_set(ZZ_EINVAL, "单位 %s 不存在", unit);
	if (rc == 0)
		rc = claim_get(c->st, NULL, r->unit, t, id, &cl);
	if (rc == 0 && r->state == REC_PENDING) {
		/* The receiving unit passes it down to one of its own units. */
		rc = perm_check(c, u, ACT_CLAIM, t, r->unit);
		if (rc == 0 && (!units_under(us, unit, r->unit) || !strcmp(unit, r->unit)))
			rc = errmsg_set(ZZ_EINVAL, "只能转给本单位下属的村（社区）或网格");
		if (rc == 0)
			claim_target(us, r->unit, cl.importer ? cl.importer : r->unit, unit, &a.new_state, &a.unit, &a.grid);
	} else if (rc == 0 && (r->state == REC_UNROUTED || r->state == REC_RETURNED)) {
		/* The importer (or its superiors) routes it again. */
		rc = perm_check(c, u, ACT_IMPORT, t, unit);
		if (rc == 0)
			claim_target(us, importer_scope(us, r->unit), r->unit, unit, &a.new_state, &a.unit, &a.grid);
	} else if (rc == 0) {
		rc = errmsg_set(ZZ_EINVAL, "%s记录 %llu 已认领，不需要分派", t->title, (unsigned long long)id);
	}
	if (rc == 0 && a.new_state == REC_UNROUTED)
		rc = errmsg_set(ZZ_EINVAL, "%s（%s）不是导入单位管辖范围内的乡镇（街道）、村（社区）或网格", unit, x->name);
	rc = claim_finish(c, &a, rc);
	claim_clear(&cl);
	rec_free(&r);
	return rc;
}

struct list_arg {
	struct ctx *c;
	const struct user *u;
	claim_cb cb;
	void *arg;
	const struct rtype *seen[8]; /* types already checked (the unit is the same for all rows) */
	bool may[8];
	int nseen;
};

static bool list_may(struct list_arg *a, const struct claim *cl)
{
	for (int i = 0; i < a->nseen; i++)
		if (a->seen[i] == cl->t)
			return a->may[i];
	bool may = perm_may(a->c, a->u, ACT_VIEW, cl->t, cl->unit);
	if (a->nseen < (int)ARRAY_LEN(a->seen)) {
		a->seen[a->nseen] = cl->t;
		a->may[a->nseen++] = may;
	}
	return may;
}

static int list_cb(const struct claim *cl, void *arg)
{
	struct list_arg *a = arg;
	if (!list_may(a, cl))
		return 0;
	return a->cb(cl, a->arg);
}

int claims_list(struct ctx *c, const struct user *u, const char *unit, claim_cb cb, void *arg)
{
	if (str_empty(unit))
		unit = u->unit;
	if (str_empty(unit))
		return errmsg_set(ZZ_EINVAL, "请指定单位（--unit 单位代码）");
	const struct units *us = ctx_units(c);
	if (!units_find(us, unit))
		return errmsg_set(ZZ_EINVAL, "单位 %s 不存在", unit);
	if (!perm_console(u) && !units_under(us, unit, perm_scope(c, u))) {
		char *name = units_fullname(us, perm_scope(c, u));
		int rc = errmsg_set(ZZ_EPERM, "单位 %s 不在本账号的管辖范围（%s）内", unit, name);
		free(name);
		service_audit_refusal(c, u, "view", "claims", rc);
		return rc;
	}
	struct list_arg a = {.c = c, .u = u, .cb = cb, .arg = arg};
	return claim_scan(c->st, NULL, unit, list_cb, &a);
}

/* The migration of a home from before claim_wait.db (`zongzhi migrate`). */

struct claim_mig {
	long batch;
	long n; /* set by a batch: the rows it moved */
	struct claim_from from;
};

/* A claim's value as homes from before kept it: state, import id, since, due, grid, importer,
 * note, tab-separated. UNIT is the claim's (the type and id are not needed to convert it). */
static int claim_text_decode(struct claim *cl, const char *unit, const char *v, size_t n)
{
	char *s = xstrndup(v, n), *p[7];
	memset(cl, 0, sizeof *cl);
	if (str_split(s, '\t', p, 7) != 7) {
		free(s);
		return errmsg_set(ZZ_EDB, "认领记录已损坏（迁移时读到格式不对的一行）");
	}
	cl->unit = xstrdup(unit);
	cl->state = atoi(p[0]);
	cl->import_id = strtoull(p[1], NULL, 10);
	cl->since = strtoll(p[2], NULL, 10);
	cl->due = strtoll(p[3], NULL, 10);
	cl->grid = *p[4] ? xstrdup(p[4]) : NULL;
	cl->importer = *p[5] ? xstrdup(p[5]) : NULL;
	cl->note = *p[6] ? xstrdup(p[6]) : NULL;
	free(s);
	return 0;
}

/* Move the first M->batch claims of claims.db ('P' unit \0 type \0 be64 id -> value) into
 * claim_wait.db in the value of today, each removed from claims.db in the same transaction: what is
 * left to move is what claims.db still holds. */
static int claim_mig_batch(struct store *st, DB_TXN *txn, void *arg)
{
	struct claim_mig *m = arg;
	m->n = 0;
	DB *old = store_db(st, DBI_CLAIMS), *db = store_db(st, DBI_CLAIM_WAIT);
	DBC *c = NULL;
	int rc = old && db ? old->cursor(old, txn, &c, 0) : 0;
	if (!old || !db || rc)
		return old && db ? store_err(rc, "认领列表") : ZZ_EDB;
	DBT key = {.data = "P", .size = 1}, val = {0};
	int dbrc = c->get(c, &key, &val, DB_SET_RANGE | DB_RMW);
	struct sb v;
	sb_init(&v);
	while (rc == 0 && dbrc == 0 && m->n < m->batch && key.size > 1 && *(const char *)key.data == 'P') {
		const char *k = (const char *)key.data + 1;
		size_t kn = key.size - 1;
		const char *unit_end = memchr(k, '\0', kn);
		const char *type_end = unit_end ? memchr(unit_end + 1, '\0', kn - (size_t)(unit_end + 1 - k)) : NULL;
		if (!type_end || (size_t)(type_end + 1 - k) + 8 != kn) {
			rc = errmsg_set(ZZ_EDB, "认领记录已损坏（迁移时读到格式不对的一行）");
			break;
		}
		size_t head = (size_t)(type_end + 1 - k);
		struct claim cl;
		rc = claim_text_decode(&cl, k, val.data, val.size);
		/* The importer left out only where the import log names it. */
		char *logged = NULL;
		if (rc == 0 && cl.import_id && cl.importer &&
		    claim_importer(st, txn, cl.import_id, &m->from, &logged) < 0)
			errmsg_clear();
		sb_reset(&v);
		sb_add(&v, type_end + 1, 8);
		if (rc == 0)
			claim_value(&v, &cl, logged && !strcmp(logged, cl.importer));
		free(logged);
		claim_clear(&cl);
		if (rc == 0)
			rc = store_cput(st, db, txn, k, head, v.buf, v.len, 0);
		if (rc == ZZ_EEXIST)
			rc = 0; /* waiting there already (a damaged home): that row stays */
		if (rc == 0)
			rc = store_err(c->del(c, 0), "认领列表");
		if (rc == 0) {
			m->n++;
			dbrc = c->get(c, &key, &val, DB_NEXT | DB_RMW);
		}
	}
	if (rc == 0 && dbrc && dbrc != DB_NOTFOUND)
		rc = store_err(dbrc, "认领列表");
	c->close(c);
	sb_free(&v);
	return rc;
}

int claim_migrate(struct ctx *c, long batch, long *rows)
{
	struct claim_mig m = {.batch = batch > 0 ? batch : 1};
	int rc = 0;
	do {
		rc = store_run(c->st, claim_mig_batch, &m);
		if (rc == 0)
			*rows += m.n;
	} while (rc == 0 && m.n == m.batch);
	free(m.from.unit);
	/* claims.db's pages emptied by the move go back to the file system (a million households
	 * left 333 MB of free pages); in transactions of its own, and done again by a run after a
	 * kill. */
	DB *db = rc == 0 ? store_db(c->st, DBI_CLAIMS) : NULL;
	DB_COMPACT cd = {0};
	if (db)
		rc = store_err(db->compact(db, NULL, NULL, NULL, &cd, DB_FREE_SPACE, NULL), "整理 claims.db");
	return rc;
}

/* Conflicts. */

static void conflict_key(struct sb *k, const struct rtype *t, uint64_t id)
{
	unsigned char be[8];
	be64_put(be, id);
	sb_reset(k);
	sb_addc(k, 'C');
	sb_add(k, t->id, strlen(t->id) + 1);
	sb_add(k, (char *)be, 8);
}

struct cf_list {
	struct claim_conflict *v;
	int n;
};

static void cf_list_free(struct cf_list *l)
{
	for (int i = 0; i < l->n; i++) {
		free(l->v[i].ours);
		free(l->v[i].theirs);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static int cf_read(struct store *st, DB_TXN *txn, const struct rtype *t, uint64_t id, struct cf_list *l)
{
	struct sb k;
	sb_init(&k);
	conflict_key(&k, t, id);
	void *v = NULL;
	size_t vn = 0;
	l->v = NULL;
	l->n = 0;
	int rc = store_get(store_db(st, DBI_CLAIMS), txn, k.buf, k.len, &v, &vn, txn != NULL);
	sb_free(&k);
	if (rc == ZZ_ENOENT)
		return 0;
	if (rc < 0)
		return rc;
	const char *p = v, *end = p + vn;
	while (p < end) {
		const char *part[4];
		int k2 = 0;
		for (; k2 < 4 && p < end; k2++) {
			part[k2] = p;
			const char *z = memchr(p, '\0', (size_t)(end - p));
			if (!z)
				break;
			p = z + 1;
		}
		if (k2 < 4) {
			rc = errmsg_set(ZZ_EDB, "冲突记录已损坏");
			break;
		}
		int f = rtype_field(t, part[0]);
		if (f < 0)
			continue;
		l->v = xrealloc(l->v, (size_t)(l->n + 1) * sizeof *l->v);
		l->v[l->n++] = (struct claim_conflict){.t = t, .id = id, .field = f, .ours = xstrdup(part[1]),
						       .theirs = xstrdup(part[2]),
						       .import_id = strtoull(part[3], NULL, 10)};
	}
	free(v);
	if (rc < 0)
		cf_list_free(l);
	return rc;
}

static int cf_write(struct store *st, DB_TXN *txn, const struct rtype *t, uint64_t id, const struct cf_list *l)
{
	struct sb k, v;
	sb_init(&k);
	sb_init(&v);
	conflict_key(&k, t, id);
	for (int i = 0; i < l->n; i++) {
		const struct claim_conflict *cf = &l->v[i];
		sb_add(&v, t->f[cf->field].id, strlen(t->f[cf->field].id) + 1);
		sb_add(&v, cf->ours, strlen(cf->ours) + 1);
		sb_add(&v, cf->theirs, strlen(cf->theirs) + 1);
		sb_addf(&v, "%llu", (unsigned long long)cf->import_id);
		sb_addc(&v, '\0');
	}
	int rc = l->n ? store_put(store_db(st, DBI_CLAIMS), txn, k.buf, k.len, v.buf, v.len)
		      : store_del(store_db(st, DBI_CLAIMS), txn, k.buf, k.len);
	sb_free(&k);
	sb_free(&v);
	return rc == ZZ_ENOENT ? 0 : rc;
}

int conflict_put(struct store *st, DB_TXN *txn, const struct rtype *t, uint64_t id, int field, const char *ours,
		 const char *theirs, uint64_t import_id)
{
	struct cf_list l;
	int rc = cf_read(st, txn, t, id, &l);
	if (rc < 0)
		return rc;
	int i = 0;
	while (i < l.n && l.v[i].field != field)
		i++;
	if (i == l.n) {
		l.v = xrealloc(l.v, (size_t)(l.n + 1) * sizeof *l.v);
		l.n++;
	} else {
		free(l.v[i].ours);
		free(l.v[i].theirs);
	}
	l.v[i] = (struct claim_conflict){.t = t, .id = id, .field = field, .ours = xstrdup(ours ? ours : ""),
					 .theirs = xstrdup(theirs ? theirs : ""), .import_id = import_id};
	rc = cf_write(st, txn, t, id, &l);
	cf_list_free(&l);
	return rc;
}

int claims_conflicts(struct ctx *c, const struct user *u, const char *unit, conflict_cb cb, void *arg)
{
	const struct units *us = ctx_units(c);
	if (!str_empty(unit) && !units_find(us, unit))
		return errmsg_set(ZZ_EINVAL, "单位 %s 不存在", unit);
	/* Read the keys first: the callbacks read records. */
	struct sb keys;
	sb_init(&keys);
	DB *db = store_db(c->st, DBI_CLAIMS);
	DBC *cur = NULL;
	int rc = db ? store_err(db->cursor(db, NULL, &cur, 0), "冲突列表") : ZZ_EDB;
	DBT key = {.data = "C", .size = 1}, val = {0};
	int dbrc = rc == 0 ? cur->get(cur, &key, &val, DB_SET_RANGE) : DB_NOTFOUND;
	long nkeys = 0;
	while (dbrc == 0 && key.size > 9 && ((char *)key.data)[0] == 'C') {
		uint32_t n = key.size;
		sb_add(&keys, (char *)&n, sizeof n);
		sb_add(&keys, key.data, key.size);
		nkeys++;
		dbrc = cur->get(cur, &key, &val, DB_NEXT);
	}
	if (rc == 0 && dbrc && dbrc != DB_NOTFOUND)
		rc = store_err(dbrc, "冲突列表");
	if (cur)
		cur->close(cur);
	const char *scope = perm_console(u) ? NULL : perm_scope(c, u);
	size_t off = 0;
	for (long i = 0; i < nkeys && rc == 0; i++) {
		uint32_t n;
		memcpy(&n, keys.buf + off, sizeof n);
		const char *k = keys.buf + off + sizeof n;
		off += sizeof n + n;
		const struct rtype *t = schema_type(c->schema, k + 1);
		uint64_t id = be64_get((const unsigned char *)k + n - 8);
		struct rec *r = NULL;
		if (!t || record_load(c->st, NULL, t, id, &r, false) < 0)
			continue;
		bool ok = r->unit && (!scope || units_under(us, r->unit, scope)) &&
			  (str_empty(unit) || units_under(us, r->unit, unit)) &&
			  perm_may(c, u, ACT_VIEW, t, r->unit);
		rec_free(&r);
		struct cf_list l = {0};
		if (ok)
			rc = cf_read(c->st, NULL, t, id, &l);
		for (int j = 0; ok && rc == 0 && j < l.n; j++)
			rc = cb(&l.v[j], arg);
		cf_list_free(&l);
	}
	sb_free(&keys);
	return rc < 0 ? rc : 0;
}

struct resolve_arg {
	struct ctx *c;
	const struct user *u;
	const struct rtype *t;
	uint64_t id;
	int field;
	bool theirs;
};

static int resolve_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct resolve_arg *a = arg;
	struct cf_list l;
	struct rec *old = NULL, *r = NULL, *base = NULL;
	int rc = cf_read(st, txn, a->t, a->id, &l);
	int i = 0;
	while (rc == 0 && i < l.n && l.v[i].field != a->field)
		i++;
	if (rc == 0 && i == l.n)
		rc = errmsg_set(ZZ_EINVAL, "%s记录 %llu 的“%s”没有待处理的冲突", a->t->title, (unsigned long long)a->id,
				a->t->f[a->field].label);
	if (rc == 0)
		rc = record_load(st, txn, a->t, a->id, &old, true);
	if (rc < 0)
		goto out;
	const char *theirs = l.v[i].theirs;
	char *detail = NULL;
	if (a->theirs) {
		r = rec_dup(old);
		rec_set_raw(r, a->field, theirs);
		r->updated = (int64_t)time(NULL);
		/* A person field of a person outside the account's scope is that unit's to change. */
		int bad;
		rc = service_person_kept(a->c, txn, a->u, r, &bad);
		if (rc == 0)
			rc = record_store(st, txn, r, old);
		if (rc == 0)
			rc = stats_after_store(a->c, txn, a->u, r, old, r->updated);
		char *diff = audit_diff(old, r);
		detail = xasprintf("处理导入冲突，采用导入值：%s", diff);
		free(diff);
	} else {
		detail = xasprintf("处理导入冲突，保留本地值：%s = %s（导入值 %s）", a->t->f[a->field].id,
				   old->v[a->field] ? old->v[a->field] : "", theirs);
	}
	/* The file's value becomes the baseline: the next import of it is no longer a conflict. */
	if (rc == 0 && (rc = ilog_baseline_get(st, txn, a->t, a->id, &base)) == ZZ_ENOENT) {
		base = rec_new(a->t);
		base->id = a->id;
		rc = 0;
	}
	if (rc == 0) {
		rec_set_raw(base, a->field, theirs);
		rc = ilog_baseline_put(st, txn, base);
	}
	if (rc == 0) {
		free(l.v[i].ours);
		free(l.v[i].theirs);
		l.v[i] = l.v[--l.n];
		rc = cf_write(st, txn, a->t, a->id, &l);
	}
	if (rc == 0) {
		char *obj = object_name(a->t, a->id);
		rc = audit_append(a->c, txn, &(struct audit_entry){.user = a->u->name, .unit = a->u->unit,
								  .type = a->theirs ? "edit" : "conflict_keep",
								  .object = obj, .result = "ok", .detail = detail});
		free(obj);
	}
	free(detail);
out:
	cf_list_free(&l);
	rec_free(&old);
	rec_free(&r);
	rec_free(&base);
	return rc;
}

int claims_resolve(struct ctx *c, const struct user *u, const struct rtype *t, uint64_t id, const char *field,
		   bool theirs)
{
	int f = rtype_field_any(t, field);
	if (f < 0)
		return errmsg_set(ZZ_EINVAL, "%s没有字段“%s”", t->title, field);
	struct rec *r = NULL;
	int rc = record_load(c->st, NULL, t, id, &r, false);
	if (rc == 0)
		rc = service_unseen(c, u, "edit", r);
	if (rc == 0)
		rc = perm_check(c, u, ACT_EDIT, t, r->unit ? r->unit : "");
	rec_free(&r);
	if (rc == 0) {
		struct resolve_arg a = {c, u, t, id, f, theirs};
		rc = store_run(c->st, resolve_txn, &a);
	}
	if (rc == ZZ_EPERM) {
		char *obj = object_name(t, id);
		service_audit_refusal(c, u, "edit", obj, rc);
		free(obj);
	}
	return rc;
}

/* Overdue counts per unit and month. */

static void month_key(struct sb *k, const char *ym, const char *unit)
{
	sb_reset(k);
	sb_addc(k, 'M');
	sb_add(k, ym, strlen(ym) + 1);
	if (unit)
		sb_adds(k, unit);
}

int claims_month_count(struct store *st, DB_TXN *txn, const char *ym, const char *unit, long *n)
{
	struct sb k;
	sb_init(&k);
	month_key(&k, ym, unit);
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(store_db(st, DBI_CLAIMS), txn, k.buf, k.len, &v, &vn, txn != NULL);
	sb_free(&k);
	*n = rc == 0 && vn == 8 ? (long)be64_get(v) : 0;
	free(v);
	return rc == ZZ_ENOENT ? 0 : rc;
}

int claims_month_add(struct store *st, DB_TXN *txn, const char *ym, const char *unit, long n)
{
	long cur = 0;
	int rc = claims_month_count(st, txn, ym, unit, &cur);
	if (rc < 0)
		return rc;
	struct sb k;
	sb_init(&k);
	month_key(&k, ym, unit);
	unsigned char be[8];
	be64_put(be, (uint64_t)(cur + n));
	rc = store_put(store_db(st, DBI_CLAIMS), txn, k.buf, k.len, be, 8);
	sb_free(&k);
	return rc;
}

int claims_month_scan(struct store *st, DB_TXN *txn, const char *ym, claims_month_cb cb, void *arg)
{
	struct sb pre;
	sb_init(&pre);
	month_key(&pre, ym, NULL);
	DB *db = store_db(st, DBI_CLAIMS);
	DBC *c = NULL;
	int rc = db ? store_err(db->cursor(db, txn, &c, 0), "统计") : ZZ_EDB;
	DBT key = {.data = pre.buf, .size = (u_int32_t)pre.len}, val = {0};
	int dbrc = rc == 0 ? c->get(c, &key, &val, DB_SET_RANGE) : DB_NOTFOUND;
	while (rc == 0 && dbrc == 0 && key.size > pre.len && memcmp(key.data, pre.buf, pre.len) == 0) {
		char *unit = xstrndup((const char *)key.data + pre.len, key.size - pre.len);
		if (val.size == 8)
			rc = cb(unit, (long)be64_get(val.data), arg);
		free(unit);
		dbrc = c->get(c, &key, &val, DB_NEXT);
	}
	if (rc == 0 && dbrc && dbrc != DB_NOTFOUND)
		rc = store_err(dbrc, "统计");
	if (c)
		c->close(c);
	sb_free(&pre);
	return rc < 0 ? rc : 0;
}
