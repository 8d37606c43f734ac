/* housepick_bench.c — the 住房编号 picker's text typed (service_query.text) as the picker loads it:
 * service_pick (the list, and the records it offers). Usage: housepick_bench HOME fill N (N rental houses
 * H00000… in the village 桥头社区: the last twentieth in its 第2网格, one in a thousand at 梧桐巷; with
 * UNIT, D00000… all in that unit),
 * or housepick_bench HOME run RUNS ACCOUNT TEXT... (TEXT "-": the empty field): per text the
 * houses listed and the median of RUNS, warm cache. Run by bench/housepick.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "ctx.h"
#include "domain.h"
#include "record.h"
#include "service.h"

static const char *conf_file = "conf/zongzhi.cfg";

struct fill {
	const struct rtype *t;
	const char *unit; /* all there, numbered D…; NULL: H… in 桥头社区's two grids */
	long from, to, n;
};

/* Houses FROM..TO of N: H00000 on, 19 in 20 in the village's first grid, the rest in its second. */
static int fill_txn(struct store *st, DB_TXN *txn, void *arg)
{
	const struct fill *f = arg;
	for (long i = f->from; i < f->to; i++) {
		struct rec *r = rec_new(f->t);
		char no[32], addr[64];
		snprintf(no, sizeof no, "%c%05ld", f->unit ? 'D' : 'H', i);
		snprintf(addr, sizeof addr, "%s%ld号", i % 1000 == 500 ? "梧桐巷" : "幸福路", i);
		rec_set_raw(r, rtype_field(f->t, "house_no"), no);
		rec_set_raw(r, rtype_field(f->t, "address"), addr);
		rec_set_meta(&r->unit, f->unit ? f->unit : i < f->n - f->n / 20 ? "321204001001001" : "321204001001002");
		int rc = record_store(st, txn, r, NULL);
		rec_free(&r);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static void fill(struct ctx *c, long n, const char *unit)
{
	struct fill f = {.t = schema_type(c->schema, "rental"), .unit = unit, .n = n};
	for (f.from = 0; f.from < n; f.from = f.to) {
		f.to = f.from + 1000 < n ? f.from + 1000 : n;
		if (store_run(c->st, fill_txn, &f) < 0)
			bench_die("fill");
	}
	printf("filled %ld houses\n", n);
}

/* The picker's load (ui_pick_list_load): the houses it offers, each loaded. */
static long pick(struct ctx *c, const struct user *u, const struct rtype *t, const char *text)
{
	struct service_query q = {.text = text, .state = -1, .limit = 200};
	struct rec **recs = NULL;
	long n = 0;
	if (service_pick(c, u, t, &q, &recs, &n) < 0)
		bench_die("service_pick");
	for (long i = 0; i < n; i++)
		rec_free(&recs[i]);
	free(recs);
	return n;
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void run(struct ctx *c, const char *name, int runs, char **texts, int nt)
{
	struct user *u = NULL;
	if (user_load(c->st, NULL, name, &u, false) < 0)
		bench_die(name);
	const struct rtype *t = schema_type(c->schema, "rental");
	double *v = xcalloc((size_t)runs, sizeof(double));
	for (int k = 0; k < nt; k++) {
		const char *text = strcmp(texts[k], "-") ? texts[k] : NULL;
		long n = pick(c, u, t, text); /* warms the cache */
		for (int i = 0; i < runs; i++) {
			double t0 = bench_now_s();
			pick(c, u, t, text);
			v[i] = bench_now_s() - t0;
		}
		qsort(v, (size_t)runs, sizeof(double), dbl_cmp);
		printf("%s %s %ld %.3f\n", name, texts[k], n, v[runs / 2] * 1e3);
	}
	free(v);
	user_free(&u);
}

int main(int argc, char **argv)
{
	if (argc < 4 || (strcmp(argv[2], "fill") && (strcmp(argv[2], "run") || argc < 6))) {
		fprintf(stderr, "usage: housepick_bench HOME fill N [UNIT] | HOME run RUNS ACCOUNT TEXT...\n");
		return 2;
	}
	struct ctx *c = NULL;
	if (ctx_load(&c, conf_file, argv[1], domain_features) < 0 || ctx_open_store(c, 0) < 0)
		bench_die(argv[1]);
	snprintf(c->source, sizeof c->source, "bench");
	if (!strcmp(argv[2], "fill"))
		fill(c, atol(argv[3]), argc > 4 ? argv[4] : NULL);
	else
		run(c, argv[4], atoi(argv[3]), argv + 5, argc - 5);
	ctx_free(&c);
	return 0;
}
