/* evlist_bench.c — the event list's 未结案 filter as the screen loads it (every listed event read
 * with its record, event_get), from the list of all the events the account sees less the closed
 * ones (before) against the open events of ev_open.db (event_list's open flag), alternating, warm
 * cache; medians. Usage: evlist_bench HOME close PERMILLE (close that share of the events, as
 * the console), evlist_bench HOME run RUNS ACCOUNT..., or evlist_bench HOME open RUNS ACCOUNT... (the
 * open list alone, no event read: to compare two builds). Run by bench/evlist.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "ctx.h"
#include "domain.h"
#include "event.h"
#include "service.h"

static const char *conf_file = "conf/zongzhi.cfg";

/* Close PERMILLE of every thousand events (by id), those the console may close at once. */
static void close_share(struct ctx *c, long permille)
{
	uint64_t *ids = NULL;
	long n = 0, closed = 0;
	if (event_list(c, &service_console, &(struct ev_query){.state = -1}, &ids, &n) < 0)
		bench_die("event_list");
	for (long i = 0; i < n; i++)
		if ((long)(ids[i] % 1000) < permille &&
		    event_act(c, &service_console, ids[i], &(struct ev_req){.action = EA_CLOSE, .comment = "演示结案"}) == 0)
			closed++;
	printf("closed %ld of %ld events\n", closed, n);
	free(ids);
}

/* The rows of the 未结案 list as the screen makes them: OPEN from ev_open.db, else all less closed. */
static long list_rows(struct ctx *c, const struct user *u, bool open)
{
	uint64_t *ids = NULL;
	long n = 0, rows = 0;
	if (event_list(c, u, &(struct ev_query){.state = -1, .open = open}, &ids, &n) < 0)
		bench_die("event_list");
	for (long i = 0; i < n; i++) {
		struct event *ev = NULL;
		struct rec *r = NULL;
		if (event_get(c, u, ids[i], &ev, &r) == 0 && ev->state != EV_CLOSED)
			rows++;
		event_free(&ev);
		rec_free(&r);
	}
	free(ids);
	return rows;
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void run(struct ctx *c, const char *name, int runs)
{
	struct user *u = NULL;
	if (user_load(c->st, NULL, name, &u, false) < 0)
		bench_die(name);
	double *t[2] = {xcalloc((size_t)runs, sizeof(double)), xcalloc((size_t)runs, sizeof(double))};
	long rows[2] = {list_rows(c, u, false), list_rows(c, u, true)}; /* warms the cache */
	if (rows[0] != rows[1]) {
		fprintf(stderr, "evlist_bench: %s: %ld rows before, %ld now\n", name, rows[0], rows[1]);
		exit(1);
	}
	for (int i = 0; i < runs; i++)
		for (int k = 0; k < 2; k++) {
			bool open = (i + k) % 2; /* alternating, each first half of the time */
			double t0 = bench_now_s();
			list_rows(c, u, open);
			t[open][i] = bench_now_s() - t0;
		}
	for (int k = 0; k < 2; k++)
		qsort(t[k], (size_t)runs, sizeof(double), dbl_cmp);
	double before = t[0][runs / 2], after = t[1][runs / 2];
	printf("%-10s %6ld open rows  all less closed %8.2f ms  ev_open %8.2f ms  ratio %.2f\n", name, rows[0],
	       before * 1e3, after * 1e3, after > 0 ? before / after : 0);
	free(t[0]);
	free(t[1]);
	user_free(&u);
}

/* The open list alone (event_list's open flag, no event read): RUNS times for each account, the
 * median, so that two builds of the list may be compared, run alternately (bench/evlist.sh). */
static void run_open(struct ctx *c, const char *name, int runs)
{
	struct user *u = NULL;
	if (user_load(c->st, NULL, name, &u, false) < 0)
		bench_die(name);
	double *t = xcalloc((size_t)runs, sizeof(double));
	long n = 0;
	for (int i = 0; i <= runs; i++) { /* the first warms the cache */
		uint64_t *ids = NULL;
		double t0 = bench_now_s();
		if (event_list(c, u, &(struct ev_query){.state = -1, .open = true}, &ids, &n) < 0)
			bench_die("event_list");
		if (i > 0)
			t[i - 1] = bench_now_s() - t0;
		free(ids);
	}
	qsort(t, (size_t)runs, sizeof(double), dbl_cmp);
	printf("%-10s %6ld open rows  list %8.3f ms\n", name, n, t[runs / 2] * 1e3);
	free(t);
	user_free(&u);
}

int main(int argc, char **argv)
{
	if (argc < 4 || (strcmp(argv[2], "close") && strcmp(argv[2], "run") && strcmp(argv[2], "open"))) {
		fprintf(stderr, "usage: evlist_bench HOME close PERMILLE | HOME run|open RUNS ACCOUNT...\n");
		return 2;
	}
	struct ctx *c = NULL;
	if (ctx_load(&c, conf_file, argv[1], domain_features) < 0 || ctx_open_store(c, 0) < 0)
		bench_die(argv[1]);
	snprintf(c->source, sizeof c->source, "bench");
	if (!strcmp(argv[2], "close")) {
		close_share(c, atol(argv[3]));
	} else {
		int runs = atoi(argv[3]);
		for (int i = 4; i < argc && runs > 0; i++)
			(strcmp(argv[2], "open") ? run : run_open)(c, argv[i], runs);
	}
	ctx_free(&c);
	return 0;
}
