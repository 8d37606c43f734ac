/* reports_bench.c — monthly forms from the counters of stats.db against the same figures computed
 * by SQLite GROUP BY over the same generated events: the county's 调解履行排查预防报表 (computed
 * from its whole subtree), its 12-month trend and the analysis screens' tables by township and by
 * category. Usage: reports_bench HOME N (HOME holds a demo
 * unit tree). Run by bench/reports.sh. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "analysis.h"
#include "ctx.h"
#include "domain.h"
#include "event.h"
#include "report.h"
#include "service.h"
#include "stats.h"

#define COUNTY "321204"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median3(double v[3])
{
	qsort(v, 3, sizeof *v, cmp_double);
	return v[1];
}

static uint64_t rng = 88172645463325252ULL;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

struct gen {
	struct ctx *c;
	const struct unit **villages;
	int nv;
	long from, to;
	int64_t t0;
	sqlite3_stmt *ins;
};

/* Event I: a village, a time within 24 months, a category, a state and its flags. */
static void make_event(struct gen *g, long i, struct event *ev, struct rec *r)
{
	(void)i;
	const struct unit *v = g->villages[next() % (uint64_t)g->nv];
	free(ev->origin);
	ev->origin = xstrdup(v->code);
	free(ev->holder);
	ev->holder = xstrdup(v->code);
	ev->created = g->t0 + (int64_t)(next() % (730ULL * 86400));
	ev->state = 1 + (int)(next() % 4);
	ev->accepted = ev->state != EV_NEW ? ev->created + 3600 : 0;
	ev->cards = next() % 10 == 0 ? CARD_ACCEPT_YELLOW : 0;
	ev->closed = ev->state == EV_CLOSED ? ev->created + (int64_t)(next() % (40ULL * 86400)) : 0;
	char cat[4];
	snprintf(cat, sizeof cat, "%02d", 1 + (int)(next() % 18));
	rec_set_raw(r, rtype_field(r->t, "category"), cat);
}

static int seed_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct gen *g = arg;
	struct stats_facts f = {0};
	struct rec *r = rec_new(event_type(g->c));
	int rc = 0;
	for (long i = g->from; i < g->to; i++) {
		struct event *ev = event_alloc();
		make_event(g, i, ev, r);
		strv_push(&ev->involved, ev->origin);
		stats_event_facts(g->c, ev, r, &f);
		const struct unit *v = units_find(ctx_units(g->c), ev->origin);
		char m[8], cm[8];
		stats_month(ev->created, m);
		stats_month(ev->closed ? ev->closed : ev->created, cm);
		sqlite3_bind_text(g->ins, 1, m, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(g->ins, 2, v->path, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(g->ins, 3, rec_get(r, "category"), -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(g->ins, 4, ev->state);
		sqlite3_bind_int(g->ins, 5, ev->state != EV_NEW);
		sqlite3_bind_int(g->ins, 6, ev->state == EV_CLOSED);
		if (ev->state == EV_CLOSED)
			sqlite3_bind_text(g->ins, 7, cm, -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_null(g->ins, 7);
		if (sqlite3_step(g->ins) != SQLITE_DONE)
			rc = errmsg_set(ZZ_ERR, "sqlite insert");
		sqlite3_reset(g->ins);
		event_free(&ev);
	}
	if (rc == 0)
		rc = stats_apply(st, txn, NULL, &f);
	stats_facts_free(&f);
	rec_free(&r);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: reports_bench HOME N\n");
		return 2;
	}
	long n = atol(argv[2]);
	struct ctx *c = NULL;
	if (ctx_load(&c, "conf/zongzhi.cfg", argv[1], domain_features) < 0 || ctx_open_store(c, 0) < 0)
		bench_die("open");
	snprintf(c->source, sizeof c->source, "bench");
	const struct units *us = ctx_units(c);
	const struct unit *county = units_find(us, COUNTY);
	if (!county)
		bench_die("no county 321204 (init --demo first)");
	struct gen g = {.c = c};
	for (int i = 0; i < us->n; i++)
		if (us->v[i].level == LV_VILLAGE && strncmp(us->v[i].path, county->path, strlen(county->path)) == 0) {
			g.villages = xrealloc(g.villages, (size_t)(g.nv + 1) * sizeof *g.villages);
			g.villages[g.nv++] = &us->v[i];
		}
	char cur[8];
	g.t0 = (int64_t)time(NULL) - 730LL * 86400;
	stats_month((int64_t)time(NULL), cur);

	/* The demo's own events (this month) are in the counters but not in SQLite. */
	long long demo[12];
	if (stats_months(c->st, NULL, county->path, cur, 12, STATS_EVENT, "all", "", demo) < 0)
		bench_die("baseline");
	sqlite3 *db = NULL;
	char *sqlpath = xasprintf("%s/bench.sqlite", argv[1]);
	if (sqlite3_open(sqlpath, &db) != SQLITE_OK ||
	    sqlite3_exec(db,
			 "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
			 "CREATE TABLE ev(month TEXT, path TEXT, category TEXT, state INT, accepted INT, onsite INT,"
			 " closed_month TEXT);",
			 NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO ev VALUES(?,?,?,?,?,?,?)", -1, &g.ins, NULL) != SQLITE_OK) {
		fprintf(stderr, "reports_bench: sqlite: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	double t = bench_now_s();
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	for (long i = 0; i < n; i += 2000) {
		g.from = i;
		g.to = i + 2000 < n ? i + 2000 : n;
		if (store_run_flags(c->st, seed_txn, &g, STORE_TXN_NOSYNC) < 0)
			bench_die("seed");
	}
	store_flush(c->st);
	sqlite3_exec(db, "COMMIT; CREATE INDEX ev_m ON ev(month, path); CREATE INDEX ev_c ON ev(closed_month, path);"
			 "ANALYZE;",
		     NULL, NULL, NULL);
	printf("events: %ld in %d villages of the county, generated in %.1f s (counters and SQLite rows)\n", n, g.nv,
	       bench_now_s() - t);

	/* The county's 调解履行排查预防报表 of last month, computed from the counters. */
	char month[8];
	stats_month_add(cur, 1, month);
	struct rp_defs *defs = NULL;
	if (report_defs_load(c, &defs) < 0)
		bench_die("forms");
	const struct rp_def *d = report_def(defs, "mediation_prevention");
	double best = 1e9;
	long long found = 0;
	for (int k = 0; k < 5; k++) {
		struct rp_form *f = NULL;
		t = bench_now_s();
		if (report_open(c, &service_console, d, COUNTY, month, &f) < 0)
			bench_die("report_open");
		double e = bench_now_s() - t;
		best = e < best ? e : best;
		found = RP_CELL(f, 0, 0);
		report_form_free(&f);
	}
	/* The same figures by GROUP BY: registered, closed on the spot (never moved), closed in the month. */
	sqlite3_stmt *q1 = NULL, *q2 = NULL;
	sqlite3_prepare_v2(db,
			   "SELECT category, count(*), sum(onsite) FROM ev WHERE month = ?1 AND path >= ?2 AND path < ?3"
			   " GROUP BY category",
			   -1, &q1, NULL);
	sqlite3_prepare_v2(db,
			   "SELECT category, count(*) FROM ev WHERE closed_month = ?1 AND path >= ?2 AND path < ?3"
			   " GROUP BY category",
			   -1, &q2, NULL);
	char *hi = xasprintf("%.*s0", (int)strlen(county->path) - 1, county->path);
	double sbest = 1e9;
	long long sfound = 0;
	for (int k = 0; k < 5; k++) {
		t = bench_now_s();
		sfound = 0;
		sqlite3_stmt *qs[] = {q1, q2};
		for (int j = 0; j < 2; j++) {
			sqlite3_bind_text(qs[j], 1, month, -1, SQLITE_STATIC);
			sqlite3_bind_text(qs[j], 2, county->path, -1, SQLITE_STATIC);
			sqlite3_bind_text(qs[j], 3, hi, -1, SQLITE_STATIC);
			while (sqlite3_step(qs[j]) == SQLITE_ROW)
				if (j == 0)
					sfound += sqlite3_column_int64(qs[j], 1);
			sqlite3_reset(qs[j]);
		}
		double e = bench_now_s() - t;
		sbest = e < sbest ? e : sbest;
	}
	printf("county form %s (18 categories x 3 computed columns): %.2f ms from the counters, %.2f ms by SQLite"
	       " GROUP BY (ratio %.1fx); 排查纠纷 %lld = %lld%s\n",
	       month, best * 1e3, sbest * 1e3, sbest / best, found, sfound, found == sfound ? "" : "  MISMATCH");

	/* The 12-month trend of the county's events. */
	long long v[12];
	best = 1e9;
	for (int k = 0; k < 5; k++) {
		t = bench_now_s();
		if (stats_months(c->st, NULL, county->path, cur, 12, STATS_EVENT, "all", "", v) < 0)
			bench_die("trend");
		double e = bench_now_s() - t;
		best = e < best ? e : best;
	}
	sqlite3_stmt *q3 = NULL;
	sqlite3_prepare_v2(db,
			   "SELECT month, count(*) FROM ev WHERE month > ?1 AND month <= ?2 AND path >= ?3 AND path < ?4"
			   " GROUP BY month",
			   -1, &q3, NULL);
	char first[8];
	stats_month_add(cur, 12, first);
	sbest = 1e9;
	long long last = 0;
	for (int k = 0; k < 5; k++) {
		t = bench_now_s();
		sqlite3_bind_text(q3, 1, first, -1, SQLITE_STATIC);
		sqlite3_bind_text(q3, 2, cur, -1, SQLITE_STATIC);
		sqlite3_bind_text(q3, 3, county->path, -1, SQLITE_STATIC);
		sqlite3_bind_text(q3, 4, hi, -1, SQLITE_STATIC);
		while (sqlite3_step(q3) == SQLITE_ROW)
			last = sqlite3_column_int64(q3, 1);
		sqlite3_reset(q3);
		double e = bench_now_s() - t;
		sbest = e < sbest ? e : sbest;
	}
	last += demo[11];
	printf("county 12-month trend: %.2f ms from the counters, %.2f ms by SQLite GROUP BY (ratio %.1fx); %s: %lld = %lld%s\n",
	       best * 1e3, sbest * 1e3, sbest / best, cur, v[11], last, v[11] == last ? "" : "  MISMATCH");

	/* The analysis screens of last month: the county's events by township (regional distribution)
	 * and by category, each with the previous month (环比) and the same month last year (同比);
	 * median of 3 runs each, against GROUP BY over the same rows for the same three months. */
	const struct an_subject *subj = analysis_subject("event");
	char mom[8], yoy[8];
	stats_month_add(month, 1, mom);
	stats_month_add(month, 12, yoy);
	static const char *const an_sql[] = {
	    "SELECT substr(path, 1, ?6), month, count(*) FROM ev WHERE month IN (?1, ?2, ?3)"
	    " AND path >= ?4 AND path < ?5 GROUP BY 1, 2",
	    "SELECT category, month, count(*) FROM ev WHERE month IN (?1, ?2, ?3)"
	    " AND path >= ?4 AND path < ?5 GROUP BY 1, 2",
	};
	static const enum an_view an_views[] = {AN_BY_UNIT, AN_BY_CATEGORY};
	static const char *const an_what[] = {"by township", "by category"};
	for (int k = 0; k < 2; k++) {
		double ta[3], ts[3];
		long long total = 0, stotal = 0;
		for (int r = 0; r < 3; r++) {
			struct an_table at;
			t = bench_now_s();
			if (analysis_table(c, &service_console, subj, an_views[k], COUNTY, month, 12, (int64_t)time(NULL), &at) < 0)
				bench_die("analysis_table");
			ta[r] = bench_now_s() - t;
			total = 0;
			for (int i = 0; i < at.n; i++)
				total += at.v[i].n;
			an_table_free(&at);
		}
		sqlite3_stmt *q = NULL;
		sqlite3_prepare_v2(db, an_sql[k], -1, &q, NULL);
		for (int r = 0; r < 3; r++) {
			t = bench_now_s();
			stotal = 0;
			sqlite3_bind_text(q, 1, month, -1, SQLITE_STATIC);
			sqlite3_bind_text(q, 2, mom, -1, SQLITE_STATIC);
			sqlite3_bind_text(q, 3, yoy, -1, SQLITE_STATIC);
			sqlite3_bind_text(q, 4, county->path, -1, SQLITE_STATIC);
			sqlite3_bind_text(q, 5, hi, -1, SQLITE_STATIC);
			/* The townships' paths: the county's and a nine-digit code. */
			sqlite3_bind_int(q, 6, (int)strlen(county->path) + 10);
			while (sqlite3_step(q) == SQLITE_ROW)
				if (strcmp((const char *)sqlite3_column_text(q, 1), month) == 0)
					stotal += sqlite3_column_int64(q, 2);
			sqlite3_reset(q);
			ts[r] = bench_now_s() - t;
		}
		sqlite3_finalize(q);
		double a = median3(ta), b = median3(ts);
		printf("analysis screen, county's events %s (%s with 同比 and 环比): %.2f ms from the counters, %.2f ms by"
		       " SQLite GROUP BY (ratio %.1fx); %lld = %lld%s\n",
		       an_what[k], month, a * 1e3, b * 1e3, b / a, total, stotal, total == stotal ? "" : "  MISMATCH");
	}
	sqlite3_finalize(q1);
	sqlite3_finalize(q2);
	sqlite3_finalize(q3);
	sqlite3_finalize(g.ins);
	sqlite3_close(db);
	free(hi);
	free(sqlpath);
	free(g.villages);
	report_defs_free(&defs);
	ctx_free(&c);
	return 0;
}
