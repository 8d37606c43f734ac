/* lookup.c — benchmark helper (never shipped): the median time of a lookup by ID number, in a
 * zongzhi database (key index, record, person) and in an SQLite database with the same rows.
 *
 *   lookup zz CONF HOME IDFILE      household by ID number: record_by_key + record_load
 *   lookup sqlite DBFILE IDFILE     SELECT * FROM household WHERE idnum = ? (prepared, all columns)
 *
 * IDFILE holds one ID number a line; each is looked up once after a warm-up pass over all of
 * them. Prints "median_us mean_us n". */
#include <sqlite3.h>
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
