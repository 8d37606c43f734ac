/* import.c — CSV rows into records, matched by key so that a re-run changes nothing. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "csv.h"
#include "transfer.h"
#include "unit.h"

#define IMPORT_BATCH 500

struct import_row {
	long line;
	struct rec *r;
	bool *given;  /* per field: present in the file */
	bool unit_given;
};

struct import_state {
	struct ctx *c;
	const struct user *u;
	const struct rtype *t;
	const struct import_opts *o;
	struct import_result *res;
	int *colfield; /* per column: field index, -1 unit column, -2 ignored */
	int ncols;
	FILE *rej;
	struct import_row *batch;
	int nbatch;
	long added, updated, unchanged; /* of the current batch, committed at its end */
	struct sb audit;
};

static void reject(struct import_state *s, long line, const char *col, const char *why)
{
	if (!s->rej) {
		s->rej = fopen(s->res->rejects_path, "w");
		if (s->rej)
			fputs("行号\t列\t原因\n", s->rej);
	}
	if (s->rej)
		fprintf(s->rej, "%ld\t%s\t%s\n", line, col ? col : "-", why);
	s->res->rejected++;
}

static int import_header(struct import_state *s, const struct csv_row *h)
{
	s->ncols = h->f.n;
	s->colfield = xcalloc((size_t)s->ncols, sizeof *s->colfield);
	for (int i = 0; i < h->f.n; i++) {
		const char *name = h->f.v[i];
		if (!strcmp(name, TRANSFER_UNIT_LABEL) || !strcmp(name, "unit")) {
			s->colfield[i] = -1;
			continue;
		}
		int f = rtype_field_any(s->t, name);
		if (f < 0)
			return errmsg_set(ZZ_EINVAL, "%s 第 1 行：列“%s”不是%s的字段", s->o->file, name, s->t->title);
		for (int j = 0; j < i; j++)
			if (s->colfield[j] == f)
				return errmsg_set(ZZ_EINVAL, "%s 第 1 行：列“%s”重复", s->o->file, name);
		s->colfield[i] = f;
	}
	if (s->t->key < 0)
		return errmsg_set(ZZ_EINVAL, "%s没有唯一键，不能导入（重复导入会产生重复记录）", s->t->title);
	bool has_key = false;
	for (int i = 0; i < s->ncols; i++)
		has_key |= s->colfield[i] == s->t->key;
	if (!has_key)
		return errmsg_set(ZZ_EINVAL, "%s 缺少列“%s”（用来识别已有记录）", s->o->file, s->t->f[s->t->key].label);
	return 0;
}

/* Turn one CSV row into a record; a bad value rejects the row with its column and reason. */
static int import_parse(struct import_state *s, const struct csv_row *row, struct import_row *out)
{
	const struct rtype *t = s->t;
	if (row->f.n != s->ncols) {
		char why[96];
		snprintf(why, sizeof why, "列数为 %d，表头为 %d", row->f.n, s->ncols);
		reject(s, row->line, NULL, why);
		return -1;
	}
	out->unit_given = false;
	struct rec *r = rec_new(t);
	bool *given = xcalloc((size_t)t->nf + 1, sizeof *given);
	const char *unit = s->o->unit;
	for (int i = 0; i < s->ncols; i++) {
		const char *v = row->f.v[i];
		if (!utf8_valid(v, strlen(v))) {
			reject(s, row->line, i < s->ncols && s->colfield[i] >= 0 ? t->f[s->colfield[i]].label : "-",
			       "不是有效的 UTF-8 文字（文件编码不对？）");
			goto bad;
		}
		if (s->colfield[i] == -1) {
			if (*v) {
				unit = v;
				out->unit_given = true;
			}
			continue;
		}
		int f = s->colfield[i];
		given[f] = true;
		if (rec_set_field(r, f, v) < 0) {
			reject(s, row->line, t->f[f].label, errmsg());
			goto bad;
		}
	}
	if (str_empty(unit) && s->u != &service_console)
		unit = s->u->unit;
	if (str_empty(unit) || !units_find(ctx_units(s->c), unit)) {
		reject(s, row->line, TRANSFER_UNIT_LABEL, str_empty(unit) ? "没有所属单位" : "所属单位不存在");
		goto bad;
	}
	rec_set_meta(&r->unit, unit);
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

static bool same(const char *a, const char *b)
{
	return (a == NULL) == (b == NULL) && (!a || strcmp(a, b) == 0);
}

/* Store one row in TXN: update the record with the same key, or add it. */
static int import_store(struct import_state *s, DB_TXN *txn, struct import_row *ir, bool *rejected)
{
	struct ctx *c = s->c;
	struct rec *r = ir->r;
	uint64_t id = 0;
	struct rec *old = NULL;
	int bad = -1;
	*rejected = false;
	int rc = record_by_key(c->st, txn, s->t, r->v[s->t->key], &id);
	if (rc == 0)
		rc = record_load(c->st, txn, s->t, id, &old, true);
	if (rc == ZZ_ENOENT) {
		rc = 0;
		if (s->u != &service_console && perm_check(c, s->u, ACT_IMPORT, s->t, r->unit) < 0) {
			reject(s, ir->line, TRANSFER_UNIT_LABEL, errmsg());
			*rejected = true;
			return 0;
		}
		if (rec_check(r, &bad) < 0) {
			reject(s, ir->line, s->t->f[bad].label, errmsg());
			*rejected = true;
			return 0;
		}
		r->created = r->updated = (int64_t)time(NULL);
		rec_set_meta(&r->by_unit, s->u->unit);
		rec_set_meta(&r->by_user, s->u->name);
		rc = record_store(c->st, txn, r, NULL);
		if (rc == 0) {
			s->added++;
			sb_addf(&s->audit, "+%llu ", (unsigned long long)r->id);
		}
		return rc;
	}
	if (rc < 0)
		return rc;
	/* Known record: take the file's columns over it; no difference, no write. */
	struct rec *nr = rec_dup(old);
	for (int i = 0; i < s->t->nf; i++)
		if (ir->given[i])
			rec_set_raw(nr, i, r->v[i]);
	bool changed = ir->unit_given && !same(nr->unit, r->unit);
	if (changed)
		rec_set_meta(&nr->unit, r->unit);
	for (int i = 0; i < s->t->nf && !changed; i++)
		changed = !same(nr->v[i], old->v[i]);
	if (!changed) {
		s->unchanged++;
		rec_free(&nr);
		rec_free(&old);
		return 0;
	}
	if (s->u != &service_console &&
	    (perm_check(c, s->u, ACT_IMPORT, s->t, old->unit) < 0 || perm_check(c, s->u, ACT_IMPORT, s->t, nr->unit) < 0)) {
		reject(s, ir->line, TRANSFER_UNIT_LABEL, errmsg());
		*rejected = true;
	} else if (rec_check(nr, &bad) < 0) {
		reject(s, ir->line, s->t->f[bad].label, errmsg());
		*rejected = true;
	} else {
		nr->updated = (int64_t)time(NULL);
		rc = record_store(c->st, txn, nr, old);
		if (rc == 0) {
			char *obj = xasprintf("%s:%llu", s->t->id, (unsigned long long)nr->id);
			char *diff = audit_diff(old, nr);
			char *detail = xasprintf("导入 %s 第 %ld 行：%s", s->o->file, ir->line, diff);
			rc = audit_append(c, txn, &(struct audit_entry){.user = s->u->name, .unit = s->u->unit,
									.type = "edit", .object = obj, .result = "ok",
									.detail = detail});
			free(obj);
			free(diff);
			free(detail);
			if (rc == 0)
				s->updated++;
		}
	}
	rec_free(&nr);
	rec_free(&old);
	return rc;
}

static int batch_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct import_state *s = arg;
	(void)st;
	s->added = s->updated = s->unchanged = 0;
	long rejected_before = s->res->rejected;
	sb_reset(&s->audit);
	int rc = 0;
	for (int i = 0; i < s->nbatch && rc == 0; i++) {
		bool rej;
		rc = import_store(s, txn, &s->batch[i], &rej);
	}
	if (rc == 0 && s->added) {
		char *detail = xasprintf("导入 %s 第 %ld-%ld 行，新增 %ld 条：%s", s->o->file, s->batch[0].line,
					 s->batch[s->nbatch - 1].line, s->added, s->audit.buf);
		rc = audit_append(s->c, txn, &(struct audit_entry){.user = s->u->name, .unit = s->u->unit,
								  .type = "import", .object = s->t->id,
								  .result = "ok", .detail = detail});
		free(detail);
	}
	if (rc < 0)
		s->res->rejected = rejected_before;
	return rc;
}

static int flush_batch(struct import_state *s)
{
	if (s->nbatch == 0)
		return 0;
	long rej_mark = s->res->rejected;
	long rej_pos = s->rej ? ftell(s->rej) : -1;
	int rc = store_run_flags(s->c->st, batch_txn, s, STORE_TXN_NOSYNC);
	if (rc < 0) {
		/* Rejections written by the aborted attempt are written again by the retry. */
		if (s->rej && rej_pos >= 0)
			fseek(s->rej, rej_pos, SEEK_SET);
		s->res->rejected = rej_mark;
		return rc;
	}
	s->res->added += s->added;
	s->res->updated += s->updated;
	s->res->unchanged += s->unchanged;
	for (int i = 0; i < s->nbatch; i++) {
		rec_free(&s->batch[i].r);
		free(s->batch[i].given);
	}
	s->nbatch = 0;
	return 0;
}

int import_csv(struct ctx *c, const struct user *u, const struct rtype *t, const struct import_opts *o,
	       struct import_result *res)
{
	memset(res, 0, sizeof *res);
	int rc = u == &service_console ? 0 : perm_check(c, u, ACT_IMPORT, t, o->unit);
	if (rc < 0) {
		service_audit_refusal(c, u, "import", t->id, rc);
		return rc;
	}
	FILE *f = fopen(o->file, "r");
	if (!f)
		return errmsg_set(ZZ_EINVAL, "无法打开 %s：%s", o->file, strerror(errno));
	res->rejects_path = o->rejects ? xstrdup(o->rejects) : xasprintf("%s.rejects.tsv", o->file);
	struct import_state s = {.c = c, .u = u, .t = t, .o = o, .res = res};
	sb_init(&s.audit);
	s.batch = xcalloc(IMPORT_BATCH, sizeof *s.batch);
	struct csv_row row = {0};
	long line = 0;
	/* Ids in blocks: two counter updates per batch instead of two per row (gaps are harmless). */
	c->st->id_block = IMPORT_BATCH;
	int got = csv_read(f, &row, &line);
	if (got <= 0)
		rc = errmsg_set(ZZ_EINVAL, "%s 是空文件或表头有误", o->file);
	else
		rc = import_header(&s, &row);
	while (rc == 0 && (got = csv_read(f, &row, &line)) != 0) {
		if (got < 0) {
			res->rows++;
			reject(&s, row.line, NULL, errmsg());
			continue;
		}
		if (row.f.n == 1 && row.f.v[0][0] == '\0')
			continue;
		res->rows++;
		if (import_parse(&s, &row, &s.batch[s.nbatch]) == 0 && ++s.nbatch == IMPORT_BATCH)
			rc = flush_batch(&s);
	}
	if (rc == 0)
		rc = flush_batch(&s);
	c->st->id_block = 0;
	/* Batches were committed without waiting for the disk; the summary is printed once they are on it. */
	if (rc == 0)
		rc = store_flush(c->st);
	for (int i = 0; i < s.nbatch; i++) {
		rec_free(&s.batch[i].r);
		free(s.batch[i].given);
	}
	csv_row_free(&row);
	fclose(f);
	if (s.rej)
		fclose(s.rej);
	else
		unlink(res->rejects_path);
	free(s.batch);
	free(s.colfield);
	sb_free(&s.audit);
	return rc;
}
