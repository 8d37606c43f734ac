/* city_bench.c — a city made by `init --demo --persons N`, read as its people would: the county's
 * 户籍人口 list (as the list screen opens it today, and a page in name order from the name index:
 * the first page and one in the middle, positioned by key), a person view by ID number, and one
 * daemon pass with its Berkeley DB page gets (proportional to what is due, not to the database).
 * The list screen as it opens now (ui_list.c: a pager over the unit or name index, the count from
 * the statistics counters), its first and last pages, and the county's page in the middle by name.
 * Medians of 11 runs (the list as the screen opened it before: of 3). Usage: city_bench HOME. Run
 * by bench/city.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "ctx.h"
#include "daemon.h"
#include "demo.h"
#include "domain.h"
#include "record.h"
#include "service.h"
#include "stats.h"
#include "todo.h"
#include "unit.h"
#include "user.h"

enum { PAGE = 20, RUNS = 11 };

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return v[n / 2];
}

/* A page as the list screen fills it: each row's record read through the service layer (the
 * account's scope) and its listed columns made as shown. */
struct page {
	struct ctx *c;
	const struct user *u;
	const struct rtype *t;
	int n;
	char *last_name;
	uint64_t last_id;
	char idnum[19];
};

static int page_row(const struct rtype *t, uint64_t id, void *arg)
{
	struct page *p = arg;
	struct rec *r = NULL;
	if (service_get(p->c, p->u, t, id, &r) < 0)
		return 0; /* outside the scope: not on this account's list */
	for (int i = 0; i < t->nf; i++)
		if (t->f[i].list)
			free(service_display(p->c, p->u, r, i, false));
	free(p->last_name);
	p->last_name = xstrdup(t->name_field >= 0 && r->v[t->name_field] ? r->v[t->name_field] : "");
	p->last_id = id;
	if (t->key >= 0 && r->v[t->key] && !p->idnum[0])
		snprintf(p->idnum, sizeof p->idnum, "%s", r->v[t->key]);
	rec_free(&r);
	return ++p->n >= PAGE;
}

static int person_row(const struct rec *r, void *arg)
{
	(*(int *)arg)++;
	(void)r;
	return 0;
}

static unsigned long page_gets(struct ctx *c)
{
	DB_MPOOL_STAT *st = NULL;
	unsigned long n = 0;
	if (c->st->env->memp_stat(c->st->env, &st, NULL, 0) == 0) {
		n = (unsigned long)st->st_cache_hit + (unsigned long)st->st_cache_miss;
		free(st);
	}
	return n;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: city_bench HOME\n");
		return 2;
	}
	struct ctx *c = NULL;
	if (ctx_load(&c, "conf/zongzhi.cfg", argv[1], domain_features) < 0 || ctx_open_store(c, 0) < 0)
		bench_die("open");
	snprintf(c->source, sizeof c->source, "bench");
	const struct rtype *t = schema_type(c->schema, "household");
	struct user *u = NULL;
	if (!t || user_load(c->st, NULL, "county", &u, false) < 0)
		bench_die("the demo's county office account (init --demo first)");
	double v[RUNS];

	/* The list as the screen opens it today: every id of the scope, then the first page. */
	long total = 0;
	for (int k = 0; k < 3; k++) {
		double t0 = bench_now_s();
		uint64_t *ids = NULL;
		struct service_query q = {.state = -1};
		if (service_list(c, u, t, &q, &ids, &total) < 0)
			bench_die("service_list");
		struct page p = {.c = c, .u = u, .t = t};
		for (long i = 0; i < total && p.n < PAGE; i++)
			page_row(t, ids[i], &p);
		free(p.last_name);
		free(ids);
		v[k] = bench_now_s() - t0;
	}
	printf("county 户籍人口: %ld records; the list screen's open (every id of the scope, then a page): %.1f ms\n",
	       total, median(v, 3) * 1e3);

	/* The list screen as it opens now (ui_list.c): the pager of the scope (unit order, and name
	 * order), the count from the counters, and a page shown; then End (the last page, read
	 * backward) and a page in the middle by name. */
	const enum record_order orders[] = {RECORD_BY_UNIT, RECORD_BY_NAME, RECORD_BY_NAME, RECORD_BY_NAME};
	const char *const order_zh[] = {"tree order", "name order", "name order, a town's account",
					"name order, a grid's account"};
	struct user *county = u, *town = NULL, *grid = NULL;
	if (user_load(c->st, NULL, "town", &town, false) < 0 || user_load(c->st, NULL, "grid", &grid, false) < 0)
		bench_die("the demo's town and grid accounts");
	for (int o = 0; o < 4; o++) {
		u = o == 3 ? grid : o == 2 ? town : county;
		long long count = 0;
		for (int end = 0; end < 2; end++) {
			for (int k = 0; k < RUNS; k++) {
				double t0 = bench_now_s();
				struct service_pager pg;
				struct service_row rows[PAGE];
				long got = 0;
				const struct unit *x = NULL;
				if (service_pager_open(c, u, t, NULL, orders[o], &pg) < 0 ||
				    !(x = units_find(ctx_units(c), pg.unit)) ||
				    stats_total(c->st, NULL, x->path, t->id, &count) < 0 ||
				    service_pager_narrow(&pg, (long)count) < 0 ||
				    service_pager_read(&pg, NULL, 0, false, end, PAGE, rows, &got) < 0 || got != PAGE)
					bench_die("pager");
				struct page p = {.c = c, .u = u, .t = t};
				for (long i = 0; i < got; i++) {
					page_row(t, rows[i].id, &p);
					sb_free(&rows[i].key);
				}
				free(p.last_name);
				service_pager_free(&pg);
				v[k] = bench_now_s() - t0;
			}
			printf("list screen now, %s, %s page (count %lld from the counters): %.2f ms\n", order_zh[o],
			       end ? "last" : "first", count, median(v, RUNS) * 1e3);
		}
	}
	u = county;
	user_free(&town);
	user_free(&grid);
	for (int k = 0; k < RUNS; k++) {
		double t0 = bench_now_s();
		struct service_pager pg;
		struct service_row rows[PAGE];
		long got = 0;
		char *at = NULL;
		struct sb key;
		sb_init(&key);
		if (service_pager_open(c, u, t, NULL, RECORD_BY_NAME, &pg) < 0 || record_name_at(c->st, NULL, t, 0.5, &at) < 0)
			bench_die("pager");
		sb_add(&key, t->id, strlen(t->id) + 1);
		sb_adds(&key, at);
		if (service_pager_read(&pg, key.buf, key.len, true, false, PAGE, rows, &got) < 0 || got != PAGE)
			bench_die("middle");
		struct page p = {.c = c, .u = u, .t = t};
		for (long i = 0; i < got; i++) {
			page_row(t, rows[i].id, &p);
			sb_free(&rows[i].key);
		}
		free(p.last_name);
		free(at);
		sb_free(&key);
		service_pager_free(&pg);
		v[k] = bench_now_s() - t0;
	}
	printf("list screen now, name order, a page in the middle (by name): %.2f ms\n", median(v, RUNS) * 1e3);

	/* Name order from the name index: the first page, the next one after it, and a page in the
	 * middle positioned by key. */
	char idnum[19];
	for (int k = 0; k < RUNS; k++) {
		double t0 = bench_now_s();
		struct page p = {.c = c, .u = u, .t = t};
		if (record_scan_name_after(c->st, NULL, t, NULL, 0, page_row, &p) < 0 || p.n != PAGE)
			bench_die("first page");
		v[k] = bench_now_s() - t0;
		free(p.last_name);
	}
	printf("name order, first page of %d: %.2f ms\n", PAGE, median(v, RUNS) * 1e3);
	char *mid = NULL;
	struct page pm = {.c = c, .u = u, .t = t};
	for (int k = 0; k < RUNS; k++) {
		double t0 = bench_now_s();
		free(mid);
		free(pm.last_name);
		pm = (struct page){.c = c, .u = u, .t = t};
		if (record_name_at(c->st, NULL, t, 0.5, &mid) < 0 ||
		    record_scan_name_after(c->st, NULL, t, mid, 0, page_row, &pm) < 0 || pm.n != PAGE)
			bench_die("middle page");
		v[k] = bench_now_s() - t0;
	}
	snprintf(idnum, sizeof idnum, "%s", pm.idnum);
	printf("name order, a page in the middle (names from \"%s\" on): %.2f ms\n", mid, median(v, RUNS) * 1e3);
	for (int k = 0; k < RUNS; k++) {
		double t0 = bench_now_s();
		struct page p = {.c = c, .u = u, .t = t};
		if (record_scan_name_after(c->st, NULL, t, pm.last_name, pm.last_id, page_row, &p) < 0)
			bench_die("next page");
		v[k] = bench_now_s() - t0;
		free(p.last_name);
	}
	printf("name order, the page after it (PgDn): %.2f ms\n", median(v, RUNS) * 1e3);
	free(mid);
	free(pm.last_name);

	/* A person view by ID number: every record naming the person, audited before it is shown. */
	int found = 0;
	for (int k = 0; k < RUNS; k++) {
		double t0 = bench_now_s();
		found = 0;
		if (service_person(c, u, idnum, person_row, &found) < 0)
			bench_die("person view");
		v[k] = bench_now_s() - t0;
	}
	printf("person view by ID number (%d records, audited): %.2f ms\n", found, median(v, RUNS) * 1e3);

	/* The to-do count the status line makes again after each commit of the session (a view is
	 * audited, so after each view): todo_collect for an account of each level. */
	const char *const who[] = {"leader", "county", "town", "village", "grid"};
	for (size_t w = 0; w < sizeof who / sizeof *who; w++) {
		struct user *a = NULL;
		if (user_load(c->st, NULL, who[w], &a, false) < 0)
			bench_die("a demo account");
		int items = 0;
		for (int k = 0; k < RUNS; k++) {
			struct todo_list l = {0};
			double t0 = bench_now_s();
			if (todo_collect(c, a, (int64_t)time(NULL), &l) < 0)
				bench_die("todo_collect");
			v[k] = bench_now_s() - t0;
			items = l.n;
			todo_free(&l);
		}
		printf("to-do count, %s (%d items): %.2f ms\n", who[w], items, median(v, RUNS) * 1e3);
		user_free(&a);
	}

	/* One daemon pass now (the second of two: the first may catch up on the day's work). */
	if (daemon_pass(c, (int64_t)time(NULL)) < 0)
		bench_die("daemon pass");
	unsigned long g0 = page_gets(c);
	double t0 = bench_now_s();
	if (daemon_pass(c, (int64_t)time(NULL)) < 0)
		bench_die("daemon pass");
	printf("daemon pass: %.1f ms, %lu page gets\n", (bench_now_s() - t0) * 1e3, page_gets(c) - g0);
	user_free(&u);
	ctx_free(&c);
	return 0;
}
