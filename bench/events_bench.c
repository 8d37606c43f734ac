/* events_bench.c — one daemon pass over N open events of which K are due, through the due-time
 * index, against a pass that reads every event: wall time and Berkeley DB page reads
 * (DB_ENV->memp_stat). Usage: events_bench HOME N K. Run by bench/events.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "ctx.h"
#include "domain.h"
#include "event.h"

static const char *conf_file = "conf/zongzhi.cfg";

struct pages {
	unsigned long gets, reads;
};

static struct pages pages(struct ctx *c)
{
	DB_MPOOL_STAT *st = NULL;
	struct pages p = {0};
	if (c->st->env->memp_stat(c->st->env, &st, NULL, 0) == 0) {
		p.gets = (unsigned long)st->st_cache_hit + (unsigned long)st->st_cache_miss;
		p.reads = (unsigned long)st->st_page_in;
		free(st);
	}
	return p;
}

/* Open HOME with an empty cache: the regions are removed, so every page comes from the file. */
static struct ctx *open_cold(const char *home, unsigned flags)
{
	DB_ENV *env = NULL;
	if (access(home, F_OK) == 0 && db_env_create(&env, 0) == 0)
		env->remove(env, home, DB_FORCE);
	struct ctx *c = NULL;
	if (ctx_load(&c, conf_file, home, domain_features) < 0 || ctx_open_store(c, flags) < 0) {
		fprintf(stderr, "events_bench: %s\n", errmsg());
		exit(1);
	}
	snprintf(c->source, sizeof c->source, "bench");
	return c;
}

struct seed_arg {
	struct ctx *c;
	long from, to, due;
	int64_t now;
};

static int seed_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct seed_arg *a = arg;
	int rc = 0;
	for (long i = a->from; i < a->to && rc == 0; i++) {
		struct event *ev = event_alloc();
		ev->id = (uint64_t)i + 1;
		ev->state = EV_NEW;
		free(ev->holder);
		ev->holder = xstrdup("321204001001");
		free(ev->origin);
		ev->origin = xstrdup("321204001001");
		/* One in a thousand of the first K thousand reached the unit ten days ago: due; the rest now. */
		ev->reached = ev->created = a->now - (i % 1000 == 0 && i / 1000 < a->due ? 10 * 86400 : 0);
		ev->hold = 1;
		strv_push(&ev->involved, ev->holder);
		rc = event_reschedule(a->c, txn, ev);
		if (rc == 0)
			rc = event_store(st, txn, ev);
		event_free(&ev);
	}
	return rc;
}

static int unit_txn(struct store *st, DB_TXN *txn, void *arg)
{
	static const char *const rows[][4] = {
		{"32", "", "province", "江苏省"},	   {"3212", "32", "city", "泰州市"},
		{"321204", "3212", "county", "姜堰区"}, {"321204001", "321204", "township", "三水街道"},
		{"321204001001", "321204001", "village", "桥头社区"},
	};
	(void)arg;
	int rc = 0;
	for (size_t i = 0; i < ARRAY_LEN(rows) && rc == 0; i++) {
		struct units *us = NULL;
		rc = units_load(st, txn, &us);
		if (rc == 0)
			rc = unit_add(st, txn, us, rows[i][0], rows[i][3], rows[i][1], unit_level_parse(rows[i][2]), NULL);
		units_free(&us);
	}
	return rc;
}

/* The pass a daemon without the due index would make: read every event, compute its clocks. */
static long full_scan(struct ctx *c, int64_t now)
{
	DB *db = store_db(c->st, DBI_EVENTS);
	DBC *cur = NULL;
	long due = 0;
	if (db->cursor(db, NULL, &cur, 0) != 0)
		return -1;
	DBT key = {0}, val = {0};
	while (cur->get(cur, &key, &val, DB_NEXT) == 0) {
		struct event *ev = event_alloc();
		ev->id = be64_get(key.data);
		if (event_decode(ev, val.data, val.size) == 0) {
			struct ev_clock k;
			event_clock(c, ev, &k);
			due += deadline_due(&k, ev->cards, now) != 0;
		}
		event_free(&ev);
	}
	cur->close(cur);
	return due;
}

static void report(const char *what, double t, struct pages a, struct pages b, long n)
{
	printf("%-34s %8.3f s  %9lu page gets  %8lu pages read from disk  %ld events due\n", what, t, b.gets - a.gets,
	       b.reads - a.reads, n);
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: events_bench HOME N K\n");
		return 2;
	}
	const char *home = argv[1];
	long n = atol(argv[2]), k = atol(argv[3]);
	if (n < 1 || k < 0 || k * 1000 > n) {
		fprintf(stderr, "events_bench: need K*1000 <= N\n");
		return 2;
	}
	time_t base;
	datetime_parse("2026-03-16 09:00:00", &base);
	int64_t now = (int64_t)base;
	struct ctx *c = open_cold(home, STORE_CREATE);
	c->st->env->set_flags(c->st->env, DB_TXN_WRITE_NOSYNC, 1);
	if (store_run(c->st, unit_txn, NULL) < 0 || ctx_units_reload(c) < 0) {
		fprintf(stderr, "events_bench: %s\n", errmsg());
		return 1;
	}
	double t0 = bench_now_s();
	for (long i = 0; i < n; i += 5000) {
		struct seed_arg a = {c, i, i + 5000 < n ? i + 5000 : n, k, now};
		if (store_run(c->st, seed_txn, &a) < 0) {
			fprintf(stderr, "events_bench: %s\n", errmsg());
			return 1;
		}
	}
	store_checkpoint(c->st);
	printf("seeded %ld open events (%ld due) in %.1f s\n", n, k, bench_now_s() - t0);
	ctx_free(&c);

	c = open_cold(home, 0);
	struct pages p0 = pages(c);
	t0 = bench_now_s();
	long due = full_scan(c, now);
	double t = bench_now_s() - t0;
	report("pass reading every event", t, p0, pages(c), due);
	ctx_free(&c);

	c = open_cold(home, 0);
	p0 = pages(c);
	t0 = bench_now_s();
	long done = 0;
	if (event_cards_pass(c, now, &done) < 0) {
		fprintf(stderr, "events_bench: %s\n", errmsg());
		return 1;
	}
	t = bench_now_s() - t0;
	report("daemon pass via the due index", t, p0, pages(c), done);
	p0 = pages(c);
	t0 = bench_now_s();
	event_cards_pass(c, now, &done);
	report("the same pass again (nothing due)", bench_now_s() - t0, p0, pages(c), done);
	ctx_free(&c);
	return 0;
}
