/* import.c — CSV rows into records, matched by key so that a re-run changes nothing.
 * The file is read by import_src.c (encodings), its header by import_map.c (mappings), rows are
 * routed by route.c and wait to be claimed (claim.c); each batch of rows is one transaction that
 * also records how far the file has been read (import_log.c), so an interrupted import resumes.
 * A second thread reads, decodes, checks and routes the rows of the next batch while the main
 * thread stores the current one: the two cores of a small server both work. */
#include <errno.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "claim.h"
#include "claim_daemon.h"
#include "due.h"
#include "export.h"
#include "import.h"
#include "import_map.h"
#include "import_src.h"
#include "perm.h"
#include "route.h"
#include "service.h"
#include "unit.h"
#include "validate.h"
#include "stats.h"

struct import_row {
	long line;
	struct rec *r; /* the file's values; unit and state where a new record would go */
	bool *given;   /* per field: a value in the file */
	bool unit_given;
	char *grid;    /* grid the row named, suggested when claiming */
};

/* One batch as the reader thread hands it over: its rows, the rejects found while reading them
 * (written to the reject file when the batch is stored), and how far the file has been read. */
struct import_chunk {
	struct import_row *rows;
	int n;
	struct sb rej;
	long nrows, nrej;
	long offset, line;
	int rc; /* < 0: reading failed with the message in err */
	char *err;
	bool last;
	bool full; /* handed over, not yet stored */
};

struct import_state {
	struct ctx *c;
	const struct user *u;
	const struct rtype *t;
	const struct rtype *person;   /* the person type, for roles of a person */
	const struct import_opts *o;
	struct import_result *res;
	const char *importer;	      /* the importing unit; NULL: the console's plain load */
	const char *scope;	      /* the importer's scope */
	const struct units *us;	      /* the unit tree when the import began */
	struct router *router;
	struct import_plan plan;
	struct strv header;
	struct import_log log;
	FILE *rej;
	long rej_mark;		      /* the reject file's size before the batch being stored */
	struct sb txn_rej;	      /* rejects found while storing the batch, written at its commit */
	struct isrc *src;
	struct isrc_row row;	      /* the reader thread's; the header before it starts */
	struct import_chunk ch[2];    /* filled by the reader and stored by the main thread in turn */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool stop;		      /* the main thread gave up: the reader ends */
	struct import_chunk *cur;     /* the chunk being stored */
	int batch_max;
	struct import_counts b;	      /* of the current batch, added to res at its commit */
	struct strv due_units;	      /* units given a claim deadline in this transaction */
	struct stats_tally tally;     /* the counters of the batch's new records, written at its end */
	struct sb audit;
	int64_t now;
	int64_t due; /* claim deadline of the rows routed to a unit: one for the whole import */
};

/* A line of the reject file into OUT, counted in *COUNT. */
static void reject(struct sb *out, long *count, long line, const char *col, const char *why)
{
	sb_add_i64(out, line);
	sb_addc(out, '\t');
	sb_adds(out, col ? col : "-");
	sb_addc(out, '\t');
	/* One line per reject: the reason may quote a value with a line break. */
	for (const char *p = why; *p; p++)
		sb_addc(out, *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
	sb_addc(out, '\n');
	(*count)++;
}

/* A row refused while it is stored, in the transaction storing its batch. */
static void reject_stored(struct import_state *s, long line, const char *col, const char *why)
{
	reject(&s->txn_rej, &s->b.rejected, line, col, why);
}

static const char *col_name(const struct import_state *s, int col)
{
	return col >= 0 && col < s->header.n ? s->header.v[col] : NULL;
}

/* The file's name for field F: the column it came from, else our label. */
static const char *field_col(const struct import_state *s, int f)
{
	for (int i = 0; i < s->plan.ncols; i++)
		if (s->plan.field[i] == f)
			return col_name(s, i);
	return s->t->f[f].label;
}

/* The unit a row names for routing: its grid, its unit, else its address; NULL when none. */
static const char *row_target(struct import_state *s, const struct isrc_row *row, const char *fallback)
{
	const struct import_plan *p = &s->plan;
	const int cols[] = {p->col_grid, p->col_unit};
	for (size_t i = 0; i < ARRAY_LEN(cols); i++)
		if (cols[i] >= 0 && *row->v[cols[i]] && units_find(s->us, row->v[cols[i]]))
			return units_find(s->us, row->v[cols[i]])->code;
	if (p->col_addr >= 0 && *row->v[p->col_addr]) {
		const char *u = router_address(s->router, row->v[p->col_addr]);
		if (u)
			return u;
	}
	return fallback;
}

/* Turn one row into a record; a bad value rejects the row with its column and reason. */
static int import_parse(struct import_state *s, struct import_chunk *ch, const struct isrc_row *row,
			struct import_row *out)
{
	const struct rtype *t = s->t;
	if (row->n != s->plan.ncols) {
		char why[96];
		snprintf(why, sizeof why, "列数为 %d，表头为 %d", row->n, s->plan.ncols);
		reject(&ch->rej, &ch->nrej, row->line, NULL, why);
		return -1;
	}
	memset(out, 0, sizeof *out);
	struct rec *r = rec_new(t);
	bool *given = xcalloc((size_t)t->nf + 1, sizeof *given);
	for (int i = 0; i < row->n; i++) {
		int f = s->plan.field[i];
		if (f < 0)
			continue;
		const char *v = import_plan_value(&s->plan, i, row->v[i]);
		char *norm = NULL;
		int rc = validate_field(&t->f[f], v, &norm);
		if (rc < 0 && !(str_empty(v) && t->f[f].required)) {
			reject(&ch->rej, &ch->nrej, row->line, col_name(s, i), errmsg());
			free(norm);
			goto bad;
		}
		free(r->v[f]);
		r->v[f] = norm;
		given[f] = norm != NULL;
	}
	const char *fallback = s->o->unit;
	if (s->plan.col_unit >= 0 && *row->v[s->plan.col_unit]) {
		fallback = row->v[s->plan.col_unit];
		out->unit_given = true;
	}
	if (!s->importer) {
		/* The console's plain load: the unit column, else --unit, as the file says. */
		if (str_empty(fallback) || !units_find(s->us, fallback)) {
			reject(&ch->rej, &ch->nrej, row->line, EXPORT_UNIT_LABEL,
			       str_empty(fallback) ? "没有所属单位" : "所属单位不存在");
			goto bad;
		}
		rec_set_meta(&r->unit, fallback);
		r->state = REC_ACTIVE;
	} else {
		const char *unit, *grid;
		claim_target(s->us, s->scope, s->importer, row_target(s, row, str_empty(s->o->unit) ? NULL : s->o->unit),
			     &r->state, &unit, &grid);
		rec_set_meta(&r->unit, unit);
		out->grid = grid ? xstrdup(grid) : NULL;
	}
	rec_derive(r);
	for (int i = 0; i < t->nf; i++)
		if (t->f[i].derived && r->v[i])
			given[i] = true;
	out->line = row->line;
	out->r = r;
	out->given = given;
	return 0;
bad:
	rec_free(&r);
	free(given);
	return -1;
}

static void row_free(struct import_row *ir)
{
	rec_free(&ir->r);
	free(ir->given);
	free(ir->grid);
	memset(ir, 0, sizeof *ir);
}

static bool same(const char *a, const char *b)
{
	return (a == NULL) == (b == NULL) && (!a || strcmp(a, b) == 0);
}

/* A new role of a person already known keeps the person's base information the file leaves out.
 * A person outside the importer's scope is referred to its unit (*REFERRED): the role's person
 * fields would be written to that unit's record. */
static int fill_from_person(struct import_state *s, DB_TXN *txn, struct import_row *ir, bool *referred)
{
	const struct rtype *t = s->t;
	*referred = false;
	if (!t->person_role || !s->person || t->key < 0)
		return 0;
	uint64_t pid;
	struct rec *p = NULL;
	int rc = record_by_key(s->c->st, txn, s->person, ir->r->v[t->key], &pid);
	if (rc == ZZ_ENOENT)
		return 0;
	if (rc == 0)
		rc = record_load(s->c->st, txn, s->person, pid, &p, false);
	if (rc == 0 && s->importer && (!p->unit || !units_under(s->us, p->unit, s->scope))) {
		rc = service_refer_twin(s->c, txn, s->u, p);
		*referred = rc == 0;
		rec_free(&p);
		return rc;
	}
	for (int i = 0; rc == 0 && i < t->nf; i++) {
		if (!t->f[i].from_person || ir->given[i])
			continue;
		int j = rtype_field(s->person, t->f[i].id);
		if (j >= 0 && p->v[j])
			rec_set_raw(ir->r, i, p->v[j]);
	}
	rec_free(&p);
	return rc;
}

static int store_new(struct import_state *s, DB_TXN *txn, struct import_row *ir, bool *rejected)
{
	struct rec *r = ir->r;
	int bad = -1;
	/* A batch tried again after a deadlock must not keep the id of the attempt rolled back: that
	 * id's reservation went with it, and the next new record would get it too. */
	r->id = 0;
	bool referred;
	int rc = fill_from_person(s, txn, ir, &referred);
	if (rc < 0)
		return rc;
	if (referred) {
		reject_stored(s, ir->line, EXPORT_UNIT_LABEL, SERVICE_REFERRED_ROW);
		*rejected = true;
		return 0;
	}
	if (rec_check(r, &bad) < 0) {
		reject_stored(s, ir->line, field_col(s, bad), errmsg());
		*rejected = true;
		return 0;
	}
	r->created = r->updated = s->now;
	r->flags |= REC_IMPORTED;
	rec_set_meta(&r->by_unit, s->importer ? s->importer : s->u->unit);
	rec_set_meta(&r->by_user, s->u->name);
	rc = record_store(s->c->st, txn, r, NULL);
	/* Counted as stats_after_store does a new record (an event's counters are its workflow's). */
	if (rc == 0 && !service_workflow(r->t))
		stats_tally_record(s->c, &s->tally, r);
	if (rc == 0 && r->state != REC_ACTIVE) {
		struct claim cl = {.t = s->t, .id = r->id, .unit = r->unit, .state = r->state,
				   .import_id = s->log.id, .since = s->log.started, .grid = ir->grid,
				   .importer = (char *)s->importer};
		if (r->state == REC_PENDING)
			cl.due = s->due;
		rc = claim_put(s->c->st, txn, &cl);
		if (rc == 0 && cl.due && strv_find(&s->due_units, r->unit) < 0) {
			strv_push(&s->due_units, r->unit);
			rc = due_put(s->c->st, txn, cl.due, "claim", r->unit);
		}
		if (r->state == REC_PENDING)
			s->b.pending++;
		else
			s->b.unrouted++;
	}
	if (rc == 0) {
		s->b.added++;
		sb_addc(&s->audit, '+');
		sb_add_u64(&s->audit, r->id);
		sb_addc(&s->audit, ' ');
	}
	return rc;
}

/* Is the person record of role R outside the importer's scope? */
static int person_outside(struct import_state *s, DB_TXN *txn, const struct rec *r, bool *outside)
{
	const struct rtype *t = r->t;
	*outside = false;
	if (!s->importer || !t->person_role || !s->person || t->key < 0 || !r->v[t->key])
		return 0;
	uint64_t pid;
	struct rec *p = NULL;
	int rc = record_by_key(s->c->st, txn, s->person, r->v[t->key], &pid);
	if (rc == ZZ_ENOENT)
		return 0;
	if (rc == 0)
		rc = record_load(s->c->st, txn, s->person, pid, &p, false);
	if (rc == 0)
		*outside = !p->unit || !units_under(s->us, p->unit, s->scope);
	rec_free(&p);
	return rc;
}

/* A known record: take the file's values where ours were not edited here since the last import; a
 * value edited here and different in the file is a conflict for a person to decide. A record the
 * last import left untouched (REC_IMPORTED) is its own baseline; an edited one has the values it
 * had before the edit in the import log (ilog_local_edit). */
static int store_known(struct import_state *s, DB_TXN *txn, struct import_row *ir, struct rec *old, bool *rejected)
{
	const struct rtype *t = s->t;
	struct rec *nr = rec_dup(old), *base = NULL;
	struct sb conflicts;
	sb_init(&conflicts);
	int rc = 0, bad = -1;
	bool clean = !s->importer || (old->flags & REC_IMPORTED);
	bool kept = false; /* a local value kept over the file's */
	if (s->importer && (!old->unit || !units_under(s->us, old->unit, s->scope))) {
		/* Not "outside your scope": that would tell the importer the person is registered (as an
		 * HIV carrier, a drug user…) somewhere in the county. */
		rc = service_refer_twin(s->c, txn, s->u, old);
		if (rc == 0)
			reject_stored(s, ir->line, EXPORT_UNIT_LABEL, SERVICE_REFERRED_ROW);
		*rejected = true;
		goto out;
	}
	if (!clean) {
		rc = ilog_baseline_get(s->c->st, txn, t, old->id, &base);
		if (rc == ZZ_ENOENT) {
			/* Entered here, never imported: every value of ours that differs is a question. */
			base = rec_new(t);
			base->id = old->id;
			rc = 0;
		}
		if (rc < 0)
			goto out;
	}
	bool keep_person = false;
	rc = person_outside(s, txn, old, &keep_person);
	if (rc < 0)
		goto out;
	for (int i = 0; i < t->nf; i++) {
		/* A person outside the importer's scope keeps its base information: it is that unit's. */
		if (!ir->given[i] || (keep_person && t->f[i].from_person && i != t->key))
			continue;
		const char *f = ir->r->v[i], *o = old->v[i];
		if (clean || !o || same(o, f) || same(o, base->v[i])) {
			rec_set_raw(nr, i, f);
		} else {
			kept = true;
			if (!same(f, base->v[i])) {
				rc = conflict_put(s->c->st, txn, t, old->id, i, o, f, s->log.id);
				if (rc < 0)
					goto out;
				sb_addf(&conflicts, "%s%s", conflicts.len ? "、" : "", t->f[i].label);
			}
		}
		if (base)
			rec_set_raw(base, i, f);
	}
	if (!s->importer && ir->unit_given && !same(nr->unit, ir->r->unit))
		rec_set_meta(&nr->unit, ir->r->unit);
	bool changed = !same(nr->unit, old->unit);
	for (int i = 0; i < t->nf && !changed; i++)
		changed = !same(nr->v[i], old->v[i]);
	/* Once the file and the record agree again, the record is clean and needs no baseline. */
	if (!clean && !kept) {
		nr->flags |= REC_IMPORTED;
		rc = ilog_baseline_del(s->c->st, txn, t, old->id);
	} else if (!clean) {
		rc = ilog_baseline_put(s->c->st, txn, base);
	}
	if (rc < 0)
		goto out;
	if (conflicts.len)
		s->b.conflicts++;
	if (!changed && nr->flags == old->flags) {
		s->b.unchanged++;
		goto out;
	}
	if (changed && rec_check(nr, &bad) < 0) {
		reject_stored(s, ir->line, field_col(s, bad), errmsg());
		*rejected = true;
		goto out;
	}
	if (changed)
		nr->updated = s->now;
	rc = record_store(s->c->st, txn, nr, old);
	if (rc == 0 && changed)
		rc = stats_after_store(s->c, txn, s->u, nr, old, s->now);
	if (rc == 0 && !changed) {
		s->b.unchanged++;
	} else if (rc == 0) {
		char *obj = xasprintf("%s:%llu", t->id, (unsigned long long)nr->id);
		char *diff = audit_diff(old, nr);
		char *detail = xasprintf("导入 %s 第 %ld 行：%s%s%s", s->o->file, ir->line, diff,
					 conflicts.len ? "；本地修改过、未采用导入值：" : "", conflicts.len ? conflicts.buf : "");
		rc = audit_append(s->c, txn, &(struct audit_entry){.user = s->u->name, .unit = s->u->unit,
								  .type = "edit", .object = obj, .result = "ok",
								  .detail = detail});
		free(obj);
		free(diff);
		free(detail);
		if (rc == 0)
			s->b.updated++;
	}
out:
	sb_free(&conflicts);
	rec_free(&nr);
	rec_free(&base);
	return rc;
}

/* Store one row in TXN: update the record with the same key, or add it. */
static int import_store(struct import_state *s, DB_TXN *txn, struct import_row *ir, bool *rejected)
{
	uint64_t id = 0;
	struct rec *old = NULL;
	*rejected = false;
	int rc = record_by_key(s->c->st, txn, s->t, ir->r->v[s->t->key], &id);
	if (rc == 0)
		rc = record_load(s->c->st, txn, s->t, id, &old, true);
	if (rc == ZZ_ENOENT)
		return store_new(s, txn, ir, rejected);
	if (rc == 0)
		rc = store_known(s, txn, ir, old, rejected);
	rec_free(&old);
	return rc;
}

static int batch_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct import_state *s = arg;
	memset(&s->b, 0, sizeof s->b);
	strv_free(&s->due_units);
	sb_reset(&s->audit);
	sb_reset(&s->txn_rej);
	stats_tally_free(&s->tally);
	int rc = 0;
	const struct import_chunk *ch = s->cur;
	for (int i = 0; i < ch->n && rc == 0; i++) {
		bool rej;
		rc = import_store(s, txn, &ch->rows[i], &rej);
	}
	/* The counters once a batch, not a read and a write of stats.db a row. */
	if (rc == 0)
		rc = stats_tally_write(st, txn, &s->tally);
	if (rc == 0 && s->b.added) {
		char *detail = xasprintf("导入 %s 第 %ld-%ld 行，新增 %ld 条：%s", s->o->file, ch->rows[0].line,
					 ch->rows[ch->n - 1].line, s->b.added, s->audit.buf);
		rc = audit_append(s->c, txn, &(struct audit_entry){.user = s->u->name, .unit = s->u->unit,
								  .type = "import", .object = s->t->id,
								  .result = "ok", .detail = detail});
		free(detail);
	}
	/* The resume point moves with the rows, in the same transaction; an attempt retried after a
	 * deadlock writes its rejects over those of the one before. */
	if (rc == 0 && (fseek(s->rej, s->rej_mark, SEEK_SET) != 0 ||
			(s->txn_rej.len && fwrite(s->txn_rej.buf, 1, s->txn_rej.len, s->rej) != s->txn_rej.len) ||
			fflush(s->rej) != 0 || ftruncate(fileno(s->rej), ftell(s->rej)) < 0))
		rc = errmsg_set(ZZ_ERR, "无法写入拒收文件 %s", s->res->rejects_path);
	if (rc == 0) {
		struct import_log l = s->log;
		l.rej_off = ftell(s->rej);
		l.n = s->res->n;
		import_counts_add(&l.n, &s->b);
		rc = ilog_put(st, txn, &l);
	}
	return rc;
}

/* Store a chunk the reader handed over, with its rejects and the point the file has been read to. */
static int flush_chunk(struct import_state *s, struct import_chunk *ch)
{
	long start = ftell(s->rej), rejected = s->res->n.rejected;
	if ((ch->rej.len && fwrite(ch->rej.buf, 1, ch->rej.len, s->rej) != ch->rej.len) || fflush(s->rej) != 0)
		return errmsg_set(ZZ_ERR, "无法写入拒收文件 %s", s->res->rejects_path);
	s->res->n.rows += ch->nrows;
	s->res->n.rejected += ch->nrej;
	s->rej_mark = ftell(s->rej);
	s->log.offset = ch->offset;
	s->log.line = ch->line;
	s->cur = ch;
	int rc = store_run(s->c->st, batch_txn, s);
	if (rc < 0) {
		/* Rejections written by the aborted attempt are not part of the file. */
		if (fseek(s->rej, start, SEEK_SET) == 0 && ftruncate(fileno(s->rej), start) < 0)
			rc = errmsg_set(ZZ_ERR, "无法写入拒收文件 %s", s->res->rejects_path);
		s->res->n.rejected = rejected;
		return rc;
	}
	s->log.rej_off = ftell(s->rej);
	import_counts_add(&s->res->n, &s->b);
	s->log.n = s->res->n;
	for (int i = 0; i < ch->n; i++)
		row_free(&ch->rows[i]);
	ch->n = 0;
	s->cur = NULL;
	return 0;
}

/* Read, check and route rows into CH until it holds a batch, the file ends or reading fails. */
static void chunk_fill(struct import_state *s, struct import_chunk *ch)
{
	sb_reset(&ch->rej);
	ch->n = 0;
	ch->nrows = ch->nrej = 0;
	while (ch->n < s->batch_max) {
		int bad = -1;
		int got = isrc_read(s->src, &s->row, &bad);
		if (got == 0) {
			ch->last = true;
			break;
		}
		if (got == ZZ_EINVAL) {
			ch->nrows++;
			reject(&ch->rej, &ch->nrej, s->row.line, col_name(s, bad), errmsg());
			continue;
		}
		if (got < 0) {
			ch->rc = got;
			ch->err = xstrdup(errmsg());
			break;
		}
		if (s->row.n == 1 && s->row.v[0][0] == '\0')
			continue;
		ch->nrows++;
		if (import_parse(s, ch, &s->row, &ch->rows[ch->n]) == 0)
			ch->n++;
	}
	ch->offset = isrc_tell(s->src);
	ch->line = s->src->line;
}

/* The reader thread: fills the two chunks in turn, each once the main thread has stored it. It
 * touches no database; what it shares (unit tree, router, schema, mapping) is read-only. */
static void *import_reader(void *arg)
{
	struct import_state *s = arg;
	for (int k = 0;; k ^= 1) {
		struct import_chunk *ch = &s->ch[k];
		pthread_mutex_lock(&s->mu);
		while (ch->full && !s->stop)
			pthread_cond_wait(&s->cv, &s->mu);
		bool stop = s->stop;
		pthread_mutex_unlock(&s->mu);
		if (stop)
			break;
		chunk_fill(s, ch);
		pthread_mutex_lock(&s->mu);
		ch->full = true;
		pthread_cond_broadcast(&s->cv);
		pthread_mutex_unlock(&s->mu);
		if (ch->last || ch->rc < 0)
			break;
	}
	return NULL;
}

/* Store the rest of the file, batch by batch, as the reader thread hands the batches over. */
static int import_rows(struct import_state *s)
{
	pthread_t reader;
	if (pthread_create(&reader, NULL, import_reader, s) != 0)
		return errmsg_set(ZZ_ERR, "无法启动读取文件的线程");
	int rc = 0;
	for (int k = 0;; k ^= 1) {
		struct import_chunk *ch = &s->ch[k];
		pthread_mutex_lock(&s->mu);
		while (!ch->full)
			pthread_cond_wait(&s->cv, &s->mu);
		pthread_mutex_unlock(&s->mu);
		rc = ch->rc < 0 ? errmsg_set(ch->rc, "%s", ch->err) : flush_chunk(s, ch);
		if (rc < 0 || ch->last)
			break;
		pthread_mutex_lock(&s->mu);
		ch->full = false;
		pthread_cond_broadcast(&s->cv);
		pthread_mutex_unlock(&s->mu);
	}
	pthread_mutex_lock(&s->mu);
	s->stop = true;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
	pthread_join(reader, NULL);
	return rc;
}

static int file_sha256(const char *path, char out[65])
{
	FILE *f = file_open_own(path, "r");
	if (!f)
		return ZZ_EINVAL;
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	enum { CHUNK = 1 << 20 };
	char *buf = xmalloc(CHUNK);
	size_t n;
	while ((n = fread(buf, 1, CHUNK, f)) > 0)
		EVP_DigestUpdate(md, buf, n);
	unsigned char d[32];
	unsigned int dn = 0;
	EVP_DigestFinal_ex(md, d, &dn);
	EVP_MD_CTX_free(md);
	free(buf);
	int rc = ferror(f) ? errmsg_set(ZZ_ERR, "读取 %s 失败", path) : 0;
	fclose(f);
	for (int i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
	return rc;
}

static int log_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct import_state *s = arg;
	int rc = 0;
	if (!s->log.id)
		rc = store_next_id(st, txn, "import", &s->log.id);
	if (rc == 0)
		rc = ilog_put(st, txn, &s->log);
	return rc;
}

static int finish_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct import_state *s = arg;
	struct import_log l = s->log;
	l.done = true;
	l.finished = (int64_t)time(NULL);
	l.n = s->res->n;
	int rc = ilog_put(st, txn, &l);
	if (rc == 0 && s->importer)
		rc = ilog_mark_done(st, txn, &l);
	if (rc == 0) {
		const struct import_counts *n = &s->res->n;
		char *detail = xasprintf("导入 %s（%s，%s）完成：读入 %ld 行，新增 %ld，更新 %ld，未变 %ld，拒收 %ld，"
					 "待认领 %ld，未分派 %ld，冲突 %ld%s",
					 s->o->file, s->plan.map ? s->plan.map->title : "本系统格式", l.enc, n->rows,
					 n->added, n->updated, n->unchanged, n->rejected, n->pending, n->unrouted,
					 n->conflicts, s->res->resumed_at ? "（中断后续传）" : "");
		char *obj = xasprintf("import:%llu", (unsigned long long)l.id);
		rc = audit_append(s->c, txn, &(struct audit_entry){.user = s->u->name, .unit = s->u->unit,
								  .type = "import", .object = obj, .result = "ok",
								  .detail = detail});
		free(obj);
		free(detail);
	}
	return rc;
}

/* Start a new entry in the import log, or take up the unfinished one of the same file. */
static int import_begin(struct import_state *s, struct isrc *src, const char *sha)
{
	struct store *st = s->c->st;
	uint64_t id = 0;
	const char *unit = s->importer ? s->importer : "";
	int rc = ilog_find_file(st, NULL, sha, s->t->id, unit, &id);
	struct import_log old = {0};
	if (rc == 0)
		rc = ilog_get(st, NULL, id, &old);
	if (rc == 0 && !old.done && !strcmp(old.rejects, s->res->rejects_path) && old.rej_off > 0) {
		s->log = old;
		s->res->n = old.n;
		s->res->resumed_at = old.line + 1;
		rc = isrc_seek(src, old.offset, old.line);
		/* The reject file as it was at the last commit. */
		s->rej = rc == 0 ? file_open_own(s->res->rejects_path, "r+") : NULL;
		if (rc == 0 && (!s->rej || ftruncate(fileno(s->rej), old.rej_off) < 0 || fseek(s->rej, 0, SEEK_END) < 0))
			rc = errmsg_set(ZZ_ERR, "无法续写拒收文件 %s", s->res->rejects_path);
		return rc;
	}
	ilog_free(&old);
	if (rc < 0 && rc != ZZ_ENOENT)
		return rc;
	/* Never through a link planted where the reject file goes (it would overwrite its target). */
	s->rej = file_open_own(s->res->rejects_path, "w");
	if (!s->rej)
		return errmsg_set(ZZ_ERR, "无法写入拒收文件：%s", errmsg());
	fputs("行号\t列\t原因\n", s->rej);
	fflush(s->rej);
	s->log = (struct import_log){
		.type = xstrdup(s->t->id),
		.unit = xstrdup(unit),
		.user = xstrdup(s->u->name),
		.file = xstrdup(s->o->file),
		.sha = xstrdup(sha),
		.rejects = xstrdup(s->res->rejects_path),
		.map = xstrdup(s->plan.map ? s->plan.map->name : ""),
		.enc = xstrdup(src->enc),
		.started = s->now,
		.offset = isrc_tell(src),
		.line = src->line,
		.rej_off = ftell(s->rej),
	};
	return store_run(st, log_txn, s);
}

/* Who imports: an account as its own unit; the console as --by, or as a plain load. */
static int import_who(struct import_state *s)
{
	const struct units *us = s->us;
	if (!perm_console(s->u)) {
		if (!str_empty(s->o->by) && strcmp(s->o->by, s->u->unit) != 0)
			return errmsg_set(ZZ_EINVAL, "--by 只用于本地控制台；账号 %s 以本单位 %s 导入", s->u->name, s->u->unit);
		s->importer = s->u->unit;
	} else if (!str_empty(s->o->by)) {
		s->importer = s->o->by;
	}
	if (!s->importer)
		return 0;
	const struct unit *x = units_find(us, s->importer);
	if (!x)
		return errmsg_set(ZZ_EINVAL, "导入单位 %s 不存在", s->importer);
	s->scope = x->level == LV_DEPT && *x->parent ? x->parent : x->code;
	if (x->level == LV_DEPT && perm_console(s->u) && !claims_imports(s->c->conf, x->dept, s->t->id) &&
	    !rtype_owned_by(s->t, x->dept))
		return errmsg_set(ZZ_EPERM, "%s 不负责导入%s（见 claims.importers）", x->name, s->t->title);
	return 0;
}

void import_result_free(struct import_result *res)
{
	free(res->rejects_path);
	free(res->map);
	res->rejects_path = res->map = NULL;
}

int import_csv(struct ctx *c, const struct user *u, const struct rtype *t, const struct import_opts *o,
	       struct import_result *res)
{
	memset(res, 0, sizeof *res);
	if (t->key < 0)
		return errmsg_set(ZZ_EINVAL, "%s没有唯一键，不能导入（重复导入会产生重复记录）", t->title);
	struct import_state s = {.c = c, .u = u, .t = t, .o = o, .res = res, .us = ctx_units(c),
				 .person = t->person_role ? schema_type(c->schema, "person") : NULL,
				 .now = (int64_t)time(NULL)};
	int rc = import_who(&s);
	if (rc == 0 && !perm_console(u))
		rc = perm_check(c, u, ACT_IMPORT, t, s.scope ? s.scope : o->unit);
	if (rc == ZZ_EPERM)
		service_audit_refusal(c, u, "import", t->id, rc);
	if (rc < 0)
		return rc;
	struct import_maps *maps = NULL;
	struct isrc src;
	char sha[65];
	memset(&src, 0, sizeof src);
	src.cd = (iconv_t)-1;
	rc = import_maps_load(c, &maps);
	if (rc == 0)
		rc = claims_check_settings(c);
	const struct import_map *want = rc == 0 && o->map ? import_maps_find(maps, o->map) : NULL;
	if (rc == 0)
		rc = file_sha256(o->file, sha);
	if (rc == 0)
		rc = isrc_open(&src, o->file, o->encoding ? o->encoding : want ? want->encoding : NULL);
	src.max_row = (size_t)conf_int(c->conf, "import.max_row_bytes");
	res->rejects_path = o->rejects ? xstrdup(o->rejects) : xasprintf("%s.rejects.tsv", o->file);
	s.src = &src;
	int bad = -1;
	int got = rc == 0 ? isrc_read(&src, &s.row, &bad) : 0;
	if (rc == 0 && got <= 0)
		rc = errmsg_set(ZZ_EINVAL, "%s 是空文件或表头无法读取（%s）", o->file, got < 0 ? errmsg() : "没有内容");
	for (int i = 0; rc == 0 && i < s.row.n; i++)
		strv_push(&s.header, s.row.v[i]);
	if (rc == 0)
		rc = import_plan_build(t, maps, o->map, s.header.v, s.header.n, o->file, &s.plan);
	if (rc == 0) {
		res->map = s.plan.map ? xstrdup(s.plan.map->name) : NULL;
		snprintf(res->enc, sizeof res->enc, "%s", src.enc);
		s.router = s.importer ? router_new(s.us, s.scope) : NULL;
		rc = import_begin(&s, &src, sha);
		/* From the start of the import, also when it resumes: the same for every row. */
		s.due = claim_due(c, s.log.started);
	}
	res->import_id = s.log.id;
	/* Batches are written without waiting for the disk, and the log is flushed once at the end: a
	 * killed process loses nothing (the system has the writes), a system crash at most the last
	 * batches, which a re-run of the file redoes. */
	c->st->env->set_flags(c->st->env, DB_TXN_WRITE_NOSYNC, 1);
	s.batch_max = (int)conf_int(c->conf, "import.batch_rows");
	/* Record ids in blocks: two counter updates a batch instead of two a row (gaps are harmless). */
	c->st->id_block = (unsigned)s.batch_max;
	/* Rows are written through one cursor per database for each batch (store_cput). */
	c->st->put_cursors = true;
	sb_init(&s.audit);
	sb_init(&s.txn_rej);
	pthread_mutex_init(&s.mu, NULL);
	pthread_cond_init(&s.cv, NULL);
	for (size_t k = 0; k < ARRAY_LEN(s.ch); k++) {
		s.ch[k].rows = xcalloc((size_t)s.batch_max, sizeof *s.ch[k].rows);
		sb_init(&s.ch[k].rej);
	}
	if (rc == 0)
		rc = import_rows(&s);
	if (rc == 0 && s.log.id)
		rc = store_run(c->st, finish_txn, &s);
	/* c->st->env: the environment may have been opened anew meanwhile (store_revive). */
	c->st->env->set_flags(c->st->env, DB_TXN_WRITE_NOSYNC, 0);
	c->st->id_block = 0;
	c->st->put_cursors = false;
	if (c->st->env->log_flush(c->st->env, NULL) != 0 && rc == 0)
		rc = errmsg_set(ZZ_EDB, "无法把导入写入磁盘日志");
	for (size_t k = 0; k < ARRAY_LEN(s.ch); k++) {
		for (int i = 0; i < s.ch[k].n; i++)
			row_free(&s.ch[k].rows[i]);
		free(s.ch[k].rows);
		free(s.ch[k].err);
		sb_free(&s.ch[k].rej);
	}
	pthread_mutex_destroy(&s.mu);
	pthread_cond_destroy(&s.cv);
	sb_free(&s.txn_rej);
	isrc_row_free(&s.row);
	isrc_close(&src);
	if (s.rej)
		fclose(s.rej);
	if (s.rej && rc == 0 && res->n.rejected == 0)
		unlink(res->rejects_path);
	import_plan_free(&s.plan);
	import_maps_free(&maps);
	router_free(&s.router);
	strv_free(&s.header);
	strv_free(&s.due_units);
	stats_tally_free(&s.tally);
	ilog_free(&s.log);
	sb_free(&s.audit);
	return rc;
}
