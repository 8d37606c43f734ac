/* lookup.c — benchmark helper (never shipped): the median time of a lookup by ID number, in a
 * zongzhi database (key index, record, person) and in an SQLite database with the same rows.
 *
 *   lookup zz CONF HOME IDFILE      household by ID number: record_by_key + record_load
 *   lookup sqlite DBFILE IDFILE     SELECT * FROM household WHERE idnum = ? (prepared, all columns)
 *   lookup split CONF HOME IDFILE   the three reads of a zz lookup timed apart (doc/performance.md)
 *   lookup ids CONF HOME N          N households' ID numbers drawn from the key index (fixed seed)
 *
 * IDFILE holds one ID number a line; each is looked up once after a warm-up pass over all of
 * them. Prints "median_us mean_us n"; split prints the median of each read (the key index, the
 * household record with its decoding, the person record) and the Berkeley DB cache's hits and
 * misses during the timed pass: misses there are pages read from the system, a cache too small
 * for the lookups' pages (db.cache_mb). */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctx.h"
#include "domain.h"
#include "record.h"

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static struct strv read_ids(const char *path)
{
	struct strv ids = {0};
	FILE *f = fopen(path, "r");
	char line[64];
	while (f && fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (*line)
			strv_push(&ids, line);
	}
	if (f)
		fclose(f);
	return ids;
}

static int zz_one(struct ctx *c, const struct rtype *t, const char *idnum)
{
	uint64_t id;
	struct rec *r = NULL;
	int rc = record_by_key(c->st, NULL, t, idnum, &id);
	if (rc == 0)
		rc = record_load(c->st, NULL, t, id, &r, false);
	if (rc == 0 && (!rec_get(r, "name") || strcmp(rec_get(r, "idnum"), idnum) != 0))
		rc = -1;
	rec_free(&r);
	return rc;
}

/* The three reads of zz_one apart, into US[0..2] (µs): what record_by_key and record_load do. */
static int split_one(struct ctx *c, const struct rtype *t, const struct rtype *pt, const char *idnum, double *us)
{
	char k[64];
	int kn = snprintf(k, sizeof k, "%s%c%s", t->id, '\0', idnum) + 1;
	unsigned char buf[4096], be[8];
	void *v = NULL;
	size_t vn = 0;
	double t0 = now_us();
	int rc = store_get_buf(store_db(c->st, DBI_IDX_KEY), NULL, k, (size_t)kn, buf, sizeof buf, &v, &vn, false);
	/* The id as few bytes as it needs (record.c's keyval_put), or 8 in rows written before. */
	if (rc < 0 || vn < 1 || vn > 8)
		return -1;
	uint64_t id = 0;
	for (size_t i = 0; i < vn; i++)
		id = id << 8 | ((unsigned char *)v)[i];
	be64_put(be, id);
	double t1 = now_us();
	struct rec *r = rec_new(t);
	rc = store_get_buf(store_rec_db(c->st, t), NULL, be, 8, buf, sizeof buf, &v, &vn, false);
	if (rc == 0 && v == buf)
		rc = codec_decode(r, v, vn);
	uint64_t pid = r->person_id;
	rec_free(&r);
	double t2 = now_us();
	if (rc < 0 || v != buf || !pid)
		return -1;
	be64_put(be, pid);
	rc = store_get_buf(store_rec_db(c->st, pt), NULL, be, 8, buf, sizeof buf, &v, &vn, false);
	double t3 = now_us();
	if (v != buf)
		free(v);
	us[0] = t1 - t0;
	us[1] = t2 - t1;
	us[2] = t3 - t2;
	return rc;
}

static void cache_counts(struct ctx *c, uintmax_t *hit, uintmax_t *miss)
{
	DB_MPOOL_STAT *g = NULL;
	*hit = *miss = 0;
	if (c->st->env->memp_stat(c->st->env, &g, NULL, 0) == 0) {
		*hit = g->st_cache_hit;
		*miss = g->st_cache_miss;
	}
	free(g);
}

static int split_main(const char *conf, const char *home, const struct strv *ids)
{
	struct ctx *c = NULL;
	if (ctx_load(&c, conf, home, domain_features) < 0 || ctx_open_store(c, 0) < 0) {
		fprintf(stderr, "lookup: %s\n", errmsg());
		return 1;
	}
	const struct rtype *t = schema_type(c->schema, "household"), *pt = schema_type(c->schema, "person");
	double *us[3];
	for (int j = 0; j < 3; j++)
		us[j] = xcalloc((size_t)ids->n + 1, sizeof *us[j]);
	uintmax_t hit0 = 0, miss0 = 0, hit1, miss1;
	int rc = 0;
	for (int pass = 0; pass < 2 && rc == 0; pass++) {
		if (pass == 1)
			cache_counts(c, &hit0, &miss0);
		for (int i = 0; i < ids->n && rc == 0; i++) {
			double three[3];
			rc = split_one(c, t, pt, ids->v[i], three);
			for (int j = 0; j < 3 && rc == 0; j++)
				us[j][i] = three[j];
			if (rc)
				fprintf(stderr, "lookup: %s not found\n", ids->v[i]);
		}
	}
	cache_counts(c, &hit1, &miss1);
	for (int j = 0; j < 3; j++)
		qsort(us[j], (size_t)ids->n, sizeof *us[j], cmp_double);
	if (rc == 0 && ids->n)
		printf("key index %.2f µs, household %.2f µs, person %.2f µs; cache hits %ju, misses %ju\n",
		       us[0][ids->n / 2], us[1][ids->n / 2], us[2][ids->n / 2], hit1 - hit0, miss1 - miss0);
	for (int j = 0; j < 3; j++)
		free(us[j]);
	ctx_free(&c);
	return rc ? 1 : 0;
}

/* Print N ID numbers of households drawn at random (the same each time) from the key index. */
static int ids_main(const char *conf, const char *home, long n)
{
	struct ctx *c = NULL;
	if (ctx_load(&c, conf, home, domain_features) < 0 || ctx_open_store(c, 0) < 0) {
		fprintf(stderr, "lookup: %s\n", errmsg());
		return 1;
	}
	static const char prefix[] = "household";
	DB *db = store_db(c->st, DBI_IDX_KEY);
	DBC *cur = NULL;
	struct strv all = {0};
	unsigned char kb[256];
	memcpy(kb, prefix, sizeof prefix);
	DBT key = {.data = kb, .size = sizeof prefix, .ulen = sizeof kb, .flags = DB_DBT_USERMEM}, val = {0};
	int rc = db->cursor(db, NULL, &cur, 0);
	for (rc = rc ? rc : cur->get(cur, &key, &val, DB_SET_RANGE);
	     rc == 0 && key.size > sizeof prefix && !memcmp(kb, prefix, sizeof prefix);
	     rc = cur->get(cur, &key, &val, DB_NEXT)) {
		char *id = xstrndup((char *)kb + sizeof prefix, key.size - sizeof prefix);
		strv_push(&all, id);
		free(id);
	}
	if (cur)
		cur->close(cur);
	srandom(17);
	for (long i = 0; i < n && all.n; i++)
		printf("%s\n", all.v[((long)random() * 65536 + random() % 65536) % all.n]);
	int out = all.n ? 0 : 1;
	strv_free(&all);
	ctx_free(&c);
	return out;
}

static int sq_one(sqlite3_stmt *st, const char *idnum)
{
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, idnum, -1, SQLITE_STATIC);
	int rows = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int i = 0; i < sqlite3_column_count(st); i++)
			(void)sqlite3_column_text(st, i);
		rows++;
	}
	return rows == 1 ? 0 : -1;
}

int main(int argc, char **argv)
{
	if (argc < 4)
		return 2;
	bool zz = !strcmp(argv[1], "zz");
	if (!strcmp(argv[1], "ids"))
		return argc < 5 ? 2 : ids_main(argv[2], argv[3], atol(argv[4]));
	if (!strcmp(argv[1], "split")) {
		if (argc < 5)
			return 2;
		struct strv sids = read_ids(argv[4]);
		int rc = split_main(argv[2], argv[3], &sids);
		strv_free(&sids);
		return rc;
	}
	struct strv ids = read_ids(argv[zz ? 4 : 3]);
	struct ctx *c = NULL;
	const struct rtype *t = NULL;
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	if (zz) {
		if (ctx_load(&c, argv[2], argv[3], domain_features) < 0 || ctx_open_store(c, 0) < 0) {
			fprintf(stderr, "lookup: %s\n", errmsg());
			return 1;
		}
		t = schema_type(c->schema, "household");
	} else if (sqlite3_open_v2(argv[2], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
		   sqlite3_prepare_v2(db, "SELECT * FROM household WHERE idnum = ?", -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "lookup: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	double *us = xcalloc((size_t)ids.n + 1, sizeof *us), sum = 0;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < ids.n; i++) {
			double t0 = now_us();
			int rc = zz ? zz_one(c, t, ids.v[i]) : sq_one(st, ids.v[i]);
			double dt = now_us() - t0;
			if (rc != 0) {
				fprintf(stderr, "lookup: %s not found\n", ids.v[i]);
				return 1;
			}
			if (pass == 1) {
				us[i] = dt;
				sum += dt;
			}
		}
	qsort(us, (size_t)ids.n, sizeof *us, cmp_double);
	printf("%.2f %.2f %d\n", ids.n ? us[ids.n / 2] : 0, ids.n ? sum / ids.n : 0, ids.n);
	free(us);
	strv_free(&ids);
	ctx_free(&c);
	if (st)
		sqlite3_finalize(st);
	if (db)
		sqlite3_close(db);
	return 0;
}
