/* office_bench.c — the to-do list's documents (office_todo) as an account's login makes it, with
 * many documents in the home. Usage: office_bench HOME make N (the county office sends N
 * documents to its townships, one in ten also to the demo village 何垛村), office_bench HOME run
 * RUNS ACCOUNT... (office_todo for each account RUNS times, warm cache: the lines and the median).
 * Run by bench/office.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "ctx.h"
#include "domain.h"
#include "office.h"
#include "service.h"

static const char *conf_file = "conf/zongzhi.cfg";

static struct user *bench_user(struct ctx *c, const char *name)
{
	struct user *u = NULL;
	if (user_load(c->st, NULL, name, &u, false) < 0)
		bench_die(name);
	return u;
}

static void make_docs(struct ctx *c, long n)
{
	struct user *u = bench_user(c, "county");
	const struct rtype *t = schema_type(c->schema, "document");
	const struct units *us = ctx_units(c);
	struct sb towns;
	sb_init(&towns);
	for (int i = 0; i < us->n; i++)
		if (us->v[i].level == LV_TOWNSHIP && !strcmp(us->v[i].parent, u->unit))
			sb_addf(&towns, "%s%s", towns.len ? "," : "", us->v[i].code);
	const struct unit *village = NULL;
	for (int i = 0; i < us->n && !village; i++)
		if (us->v[i].level == LV_VILLAGE && units_under(us, us->v[i].code, u->unit))
			village = &us->v[i];
	if (!t || !towns.len || !village)
		bench_die("the demo's document type, townships and a village");
	for (long i = 0; i < n; i++) {
		struct rec *r = rec_new(t);
		char title[64];
		snprintf(title, sizeof title, "关于做好第%ld项工作的通知", i + 1);
		char *to = i % 10 ? xstrdup(towns.buf) : xasprintf("%s,%s", towns.buf, village->code);
		int bad = -1;
		if (rec_set(r, "kind", "1") < 0 || rec_set(r, "title", title) < 0 || rec_set(r, "to", to) < 0 ||
		    rec_set(r, "content", "请各单位按要求落实。") < 0)
			bench_die("rec_set");
		rec_set_meta(&r->unit, u->unit);
		if (service_save(c, u, r, &bad) < 0)
			bench_die("service_save");
		free(to);
		rec_free(&r);
	}
	printf("sent %ld documents to the townships, %ld also to %s\n", n, (n + 9) / 10, village->name);
	sb_free(&towns);
	user_free(&u);
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void run(struct ctx *c, const char *name, int runs)
{
	struct user *u = bench_user(c, name);
	double *t = xcalloc((size_t)runs, sizeof(double));
	int lines = 0;
	for (int i = 0; i <= runs; i++) { /* the first warms the cache */
		struct todo_list l = {0};
		double t0 = bench_now_s();
		if (office_todo(c, u, (int64_t)time(NULL), &l) < 0)
			bench_die("office_todo");
		if (i > 0)
			t[i - 1] = bench_now_s() - t0;
		lines = l.n;
		todo_free(&l);
	}
	qsort(t, (size_t)runs, sizeof(double), dbl_cmp);
	printf("%-10s %6d to-do lines  office_todo %9.3f ms\n", name, lines, t[runs / 2] * 1e3);
	free(t);
	user_free(&u);
}

int main(int argc, char **argv)
{
	if (argc < 4 || (strcmp(argv[2], "make") && strcmp(argv[2], "run"))) {
		fprintf(stderr, "usage: office_bench HOME make N | HOME run RUNS ACCOUNT...\n");
		return 2;
	}
	struct ctx *c = NULL;
	if (ctx_load(&c, conf_file, argv[1], domain_features) < 0 || ctx_open_store(c, 0) < 0)
		bench_die(argv[1]);
	snprintf(c->source, sizeof c->source, "bench");
	if (!strcmp(argv[2], "make")) {
		make_docs(c, atol(argv[3]));
	} else {
		int runs = atoi(argv[3]);
		for (int i = 4; i < argc && runs > 0; i++)
			run(c, argv[i], runs);
	}
	ctx_free(&c);
	return 0;
}
