/* dbtamper.c — test-only helper for tests/e2e/cli_audit.sh (built from tests/, never shipped): changes
 * audit.db behind the program's back, as an intruder with file access would, through Berkeley DB.
 *
 *   dbtamper CONF HOME edit SEQ       rewrite entry SEQ's result ("ok" becomes "OK")
 *   dbtamper CONF HOME delete SEQ     remove entry SEQ
 *   dbtamper CONF HOME truncate N     remove the last N entries (a rewritten tail)
 * and the record indexes, for tests/e2e/cli_verify.sh:
 *   dbtamper CONF HOME index N        remove the first row of index N (1 unit, 2 key, 3 name, 4 ID number,
 *                                     5 the events' ev_unit, 6 their ev_open)
 *   dbtamper CONF HOME stray N        add to index N (5 or 6) a row naming event 999999999, which is not
 *   dbtamper CONF HOME orphan 0       remove the first stored record of the first type that has one,
 *                                     leaving its index rows
 * and a home as the code before the sorted duplicates left it, for tests/e2e/cli_migrate.sh:
 *   dbtamper CONF HOME oldidx 0       rewrite the list indexes (idx_unit, idx_name, idx_idnum) in the
 *                                     old layout, one row a record (key then id -> empty value) in a
 *                                     B-tree without duplicates, the claims as oldclaims does, and
 *                                     remove the format mark
 *   dbtamper CONF HOME oldclaims 0    move the claims back into claims.db ('P' unit \0 type \0 be64 id
 *                                     -> value) and mark the home "2" (list indexes done, claims not)
 * and records as the codec before version 3 stored them, for tests/e2e/cli_migrate_records.sh:
 *   dbtamper CONF HOME oldrec 0       rewrite every record in codec version 2 (fields by tag, every
 *                                     value as text, the person link and the version as fields)
 *                                     and remove the mark of a home whose records are current
 *   dbtamper CONF HOME meta 0         exit 0 when meta.db holds the progress of a record rewrite */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claim.h"
#include "ctx.h"
#include "domain.h"
#include "store.h"

static int del(DB *db, DB_TXN *txn, uint64_t seq)
{
	unsigned char k[8];
	be64_put(k, seq);
	return store_del(db, txn, k, 8);
}

struct op {
	const char *what;
	uint64_t n;
};

/* Remove the first row of DB; ZZ_ENOENT when it is empty. */
static int del_first(DB *db, DB_TXN *txn)
{
	DBC *c = NULL;
	DBT key = {0}, val = {0};
	int rc = db->cursor(db, txn, &c, 0);
	if (rc == 0)
		rc = c->get(c, &key, &val, DB_FIRST);
	if (rc == 0)
		rc = c->del(c, 0);
	if (c)
		c->close(c);
	return rc == DB_NOTFOUND ? ZZ_ENOENT : rc ? ZZ_EDB : 0;
}

static int tamper(struct store *st, DB_TXN *txn, void *arg)
{
	struct op *op = arg;
	static const int idx[] = {DBI_IDX_UNIT, DBI_IDX_KEY, DBI_IDX_NAME, DBI_IDX_IDNUM, DBI_EV_UNIT, DBI_EV_OPEN};
	if (!strcmp(op->what, "index") && op->n >= 1 && op->n <= ARRAY_LEN(idx))
		return del_first(store_db(st, idx[op->n - 1]), txn);
	if (!strcmp(op->what, "stray") && op->n >= 5 && op->n <= ARRAY_LEN(idx)) {
		unsigned char k[3 + 8] = "32";
		be64_put(k + 3, 999999999);
		return store_put(store_db(st, idx[op->n - 1]), txn, k, sizeof k, "", 0);
	}
	if (!strcmp(op->what, "orphan")) {
		int rc = ZZ_ENOENT;
		for (int i = 0; rc == ZZ_ENOENT && i < st->schema->n; i++)
			rc = del_first(store_rec_db(st, st->schema->t[i]), txn);
		return rc;
	}
	DB *db = store_db(st, DBI_AUDIT);
	if (!strcmp(op->what, "delete"))
		return del(db, txn, op->n);
	if (!strcmp(op->what, "truncate")) {
		DBC *c = NULL;
		DBT key = {0}, val = {0};
		int rc = db->cursor(db, txn, &c, 0);
		if (rc == 0)
			rc = c->get(c, &key, &val, DB_LAST);
		uint64_t last = rc == 0 ? be64_get(key.data) : 0;
		if (c)
			c->close(c);
		for (uint64_t i = 0; rc == 0 && i < op->n; i++)
			rc = del(db, txn, last - i);
		return rc ? ZZ_EDB : 0;
	}
	unsigned char k[8];
	be64_put(k, op->n);
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(db, txn, k, 8, &v, &vn, true);
	if (rc < 0)
		return rc;
	char *s = xstrndup(v, vn), *p = strstr(s, "\tok\t");
	free(v);
	if (!p) {
		free(s);
		return errmsg_set(ZZ_ERR, "entry %llu has no result ok", (unsigned long long)op->n);
	}
	memcpy(p, "\tOK\t", 4);
	rc = store_put(db, txn, k, 8, s, vn);
	free(s);
	return rc;
}

struct rows {
	struct sb *v;
	int n;
};

/* The rows of list index ID (key then id, dupidx.h). */
static int oldidx_read(struct store *st, int id, struct rows *rows)
{
	DB *db = store_db(st, id);
	DBC *c = NULL;
	DBT key = {0}, val = {0};
	int rc = db->cursor(db, NULL, &c, 0);
	while (rc == 0 && (rc = c->get(c, &key, &val, DB_NEXT)) == 0) {
		rows->v = xrealloc(rows->v, (size_t)(rows->n + 1) * sizeof *rows->v);
		struct sb *r = &rows->v[rows->n++];
		sb_init(r);
		sb_add(r, key.data, key.size);
		sb_add(r, val.data, val.size);
	}
	if (c)
		c->close(c);
	return rc == DB_NOTFOUND ? 0 : ZZ_EDB;
}

/* The claims of claim_wait.db moved into claims.db as the code before kept them (the value as
 * text: state, import id, since, due, grid, importer, note, tab-separated); LISTS: the home marked
 * as one whose list indexes were migrated. */
static int oldclaims_txn(struct store *st, DB_TXN *txn, void *arg)
{
	const bool *lists = arg;
	DB *w = store_db(st, DBI_CLAIM_WAIT), *old = store_db(st, DBI_CLAIMS);
	DBC *c = NULL;
	DBT key = {0}, val = {0};
	int rc = w && old && w->cursor(w, txn, &c, 0) == 0 ? 0 : ZZ_EDB, dbrc = 0;
	struct rows keys = {0}; /* unit \0 type \0 be64 id, as claims.db's keys after the 'P' */
	while (rc == 0 && (dbrc = c->get(c, &key, &val, DB_NEXT)) == 0 && val.size >= 8) {
		keys.v = xrealloc(keys.v, (size_t)(keys.n + 1) * sizeof *keys.v);
		struct sb *k = &keys.v[keys.n++];
		sb_init(k);
		sb_addc(k, 'P');
		sb_add(k, key.data, key.size);
		sb_add(k, val.data, 8);
	}
	if (c)
		c->close(c);
	if (rc == 0 && dbrc && dbrc != DB_NOTFOUND)
		rc = ZZ_EDB;
	for (int i = 0; i < keys.n; i++) {
		const char *unit = keys.v[i].buf + 1, *type = unit + strlen(unit) + 1;
		const struct rtype *t = schema_type(st->schema, type);
		uint64_t id = be64_get((const unsigned char *)keys.v[i].buf + keys.v[i].len - 8);
		struct claim cl = {0};
		if (rc == 0)
			rc = t ? claim_get(st, txn, unit, t, id, &cl) : ZZ_EDB;
		struct sb v;
		sb_init(&v);
		sb_addf(&v, "%d\t%llu\t%lld\t%lld\t%s\t%s\t%s", cl.state, (unsigned long long)cl.import_id,
			(long long)cl.since, (long long)cl.due, cl.grid ? cl.grid : "", cl.importer ? cl.importer : "",
			cl.note ? cl.note : "");
		if (rc == 0)
			rc = store_put(old, txn, keys.v[i].buf, keys.v[i].len, v.buf, v.len);
		if (rc == 0)
			rc = claim_del(st, txn, unit, t, id);
		sb_free(&v);
		claim_clear(&cl);
		sb_free(&keys.v[i]);
	}
	free(keys.v);
	if (rc == 0 && *lists)
		rc = store_put(store_db(st, DBI_META), txn, STORE_IDX_FORMAT, sizeof STORE_IDX_FORMAT,
			       STORE_FORMAT_LISTS, strlen(STORE_FORMAT_LISTS));
	return rc;
}

/* The list indexes rewritten as the code before the sorted duplicates wrote them, with the
 * removal of the format mark. */
static int oldidx(struct store *st)
{
	static const int ids[] = {DBI_IDX_UNIT, DBI_IDX_NAME, DBI_IDX_IDNUM};
	struct rows rows[3] = {{0}};
	bool lists = false;
	int rc = store_run(st, oldclaims_txn, &lists);
	for (int i = 0; i < 3 && rc == 0; i++)
		rc = oldidx_read(st, ids[i], &rows[i]);
	for (int i = 0; i < 3; i++)
		if (st->db[ids[i]]) {
			st->db[ids[i]]->close(st->db[ids[i]], 0);
			st->db[ids[i]] = NULL;
		}
	/* The removals committed first: a file made again under its name in the transaction that
	 * removed it is not readable in an encrypted home. */
	for (int i = 0; i < 3 && rc == 0; i++)
		if (st->env->dbremove(st->env, NULL, st->dbfile[ids[i]], NULL, DB_AUTO_COMMIT))
			rc = ZZ_EDB;
	DB_TXN *txn = NULL;
	if (rc == 0 && st->env->txn_begin(st->env, NULL, &txn, 0) != 0)
		rc = ZZ_EDB;
	DB *db[3] = {NULL};
	for (int i = 0; i < 3 && rc == 0; i++) {
		if (db_create(&db[i], st->env, 0)) {
			rc = ZZ_EDB;
			break;
		}
		if (st->encrypt)
			db[i]->set_flags(db[i], DB_ENCRYPT);
		db[i]->set_pagesize(db[i], st->page_size);
		rc = db[i]->open(db[i], txn, st->dbfile[ids[i]], NULL, DB_BTREE, DB_CREATE, 0600) ? ZZ_EDB : 0;
		for (int j = 0; rc == 0 && j < rows[i].n; j++)
			rc = store_put(db[i], txn, rows[i].v[j].buf, rows[i].v[j].len, "", 0);
	}
	if (rc == 0)
		rc = store_del(store_db(st, DBI_META), txn, STORE_IDX_FORMAT, sizeof STORE_IDX_FORMAT);
	for (int i = 0; i < 3; i++) {
		for (int j = 0; j < rows[i].n; j++)
			sb_free(&rows[i].v[j]);
		free(rows[i].v);
	}
	if (txn && (rc == 0 ? txn->commit(txn, 0) : txn->abort(txn)) != 0 && rc == 0)
		rc = ZZ_EDB;
	for (int i = 0; i < 3; i++)
		if (db[i])
			db[i]->close(db[i], 0);
	return rc;
}

static void v2_uvarint(struct sb *b, uint64_t v)
{
	do {
		sb_addc(b, (char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0)));
		v >>= 7;
	} while (v);
}

static void v2_svarint(struct sb *b, int64_t v)
{
	v2_uvarint(b, ((uint64_t)v << 1) ^ (v < 0 ? UINT64_MAX : 0));
}

static void v2_str(struct sb *b, const char *s)
{
	v2_uvarint(b, s ? strlen(s) : 0);
	sb_add(b, s ? s : "", s ? strlen(s) : 0);
}

static void v2_tag(struct sb *b, uint32_t tag, int enc)
{
	unsigned char h[6] = {0, (unsigned char)(tag >> 24), (unsigned char)(tag >> 16), (unsigned char)(tag >> 8),
			      (unsigned char)tag, (unsigned char)enc};
	sb_add(b, (char *)h, sizeof h);
}

/* R in codec version 2, every value as text (version 2 read any field's text so). */
static void v2_encode(const struct rec *r, struct sb *b)
{
	sb_reset(b);
	sb_add(b, "\x5a\x02", 2);
	v2_uvarint(b, (uint64_t)r->state);
	v2_uvarint(b, r->flags);
	v2_svarint(b, r->created);
	v2_svarint(b, r->updated);
	v2_str(b, r->unit);
	v2_str(b, r->by_unit);
	v2_str(b, r->by_user);
	for (int i = 0; i < r->t->nf; i++) {
		const struct field *f = &r->t->f[i];
		if (!r->v[i] || !f->tag)
			continue;
		v2_tag(b, f->tag, 0);
		v2_str(b, r->v[i]);
	}
	if (r->person_id) {
		v2_tag(b, 1, 1);
		v2_svarint(b, (int64_t)r->person_id);
	}
	if (r->version) {
		v2_tag(b, 2, 1);
		v2_svarint(b, (int64_t)r->version);
	}
}

/* Every record of every type rewritten in codec version 2 (stored fields only: a person role's
 * fields from its person are not in its record). */
static int oldrec_txn(struct store *st, DB_TXN *txn, void *arg)
{
	(void)arg;
	struct sb b;
	sb_init(&b);
	int rc = 0;
	for (int i = 0; rc == 0 && i < st->schema->n; i++) {
		const struct rtype *t = st->schema->t[i];
		DB *db = store_rec_db(st, t);
		DBC *c = NULL;
		DBT key = {0}, val = {0};
		if (!db || db->cursor(db, txn, &c, 0))
			rc = ZZ_EDB;
		while (rc == 0 && (rc = c->get(c, &key, &val, DB_NEXT | DB_RMW)) == 0) {
			struct rec *r = rec_new(t);
			rc = codec_decode(r, val.data, val.size);
			if (rc == 0) {
				v2_encode(r, &b);
				DBT nv = {.data = b.buf, .size = (u_int32_t)b.len};
				rc = c->put(c, &key, &nv, DB_CURRENT) ? ZZ_EDB : 0;
			}
			rec_free(&r);
		}
		if (rc == DB_NOTFOUND)
			rc = 0;
		if (c)
			c->close(c);
	}
	sb_free(&b);
	if (rc == 0) {
		rc = store_del(store_db(st, DBI_META), txn, "rec.codec", sizeof "rec.codec");
		rc = rc == ZZ_ENOENT ? 0 : rc;
	}
	return rc;
}

static int has_progress(struct store *st)
{
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(store_db(st, DBI_META), NULL, "rec.recoding", sizeof "rec.recoding", &v, &vn, false);
	free(v);
	return rc == 0 ? 0 : ZZ_ENOENT;
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: dbtamper CONF HOME edit|delete|truncate|index|stray|orphan|oldidx|oldclaims|oldrec|meta N\n");
		return 2;
	}
	struct ctx *c = NULL;
	struct op op = {argv[3], strtoull(argv[4], NULL, 10)};
	int rc = ctx_load(&c, argv[1], argv[2], domain_features);
	if (rc == 0)
		rc = ctx_open_store(c, 0);
	bool lists = true;
	if (rc == 0 && !strcmp(op.what, "oldidx"))
		rc = oldidx(c->st);
	else if (rc == 0 && !strcmp(op.what, "oldrec"))
		rc = store_run(c->st, oldrec_txn, NULL);
	else if (rc == 0 && !strcmp(op.what, "meta")) {
		rc = has_progress(c->st);
		ctx_free(&c);
		return rc < 0;
	}
	else if (rc == 0 && !strcmp(op.what, "oldclaims"))
		rc = store_run(c->st, oldclaims_txn, &lists);
	else if (rc == 0)
		rc = store_run(c->st, tamper, &op);
	if (rc < 0)
		fprintf(stderr, "dbtamper: %s\n", errmsg());
	ctx_free(&c);
	return rc < 0;
}
