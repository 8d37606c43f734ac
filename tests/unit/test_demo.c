/* test_demo.c — the demo as a small city: special groups in their shares (a few however small),
 * newcomers waiting to be claimed at their grid with one due row, the year's disputes registered
 * at villages; the bulk settings are back to normal afterwards; a demo of the tests' size has
 * neither claims nor the year's events; the counters agree with the records; the persons drawn
 * by a second thread make the same city as drawn by the storing one; the accounts share one hash
 * of the published password; rentals' leases end after they start and their tenants bear the
 * names of the persons their ID numbers name. */
#include "testlib.h"

#include "claim.h"
#include "demo.h"
#include "due.h"
#include "event.h"
#include "record.h"
#include "stats.h"
#include "unit.h"
#include "user.h"

struct fx {
	struct tl t;
	struct demo_summary sum;
};

static long count_of(struct fx *f, const char *type)
{
	for (int k = 0; k < f->t.c->schema->n; k++)
		if (!strcmp(f->t.c->schema->t[k]->id, type))
			return f->sum.per_type[k];
	return -1;
}

static struct fx *make_with(const struct demo_opts *o)
{
	struct fx *f = xcalloc(1, sizeof *f);
	tl_open(&f->t, false);
	if (demo_create(f->t.c, o, &f->sum) < 0)
		fail_msg("demo_create: %s", errmsg());
	return f;
}

static struct fx *make(long long persons) { return make_with(&(struct demo_opts){.persons = persons, .seed = 1}); }

static void done(struct fx *f)
{
	free(f->sum.per_type);
	tl_close(&f->t);
	free(f);
}

struct pending {
	long n;
	struct ctx *c;
};

static int pending_cb(const struct rtype *t, uint64_t id, void *arg)
{
	struct pending *p = arg;
	struct rec *r = NULL;
	if (record_load(p->c->st, NULL, t, id, &r, false) == 0 && r->state == REC_PENDING) {
		struct claim cl = {0};
		assert_int_equal(claim_get(p->c->st, NULL, r->unit, t, id, &cl), 0);
		assert_int_equal(cl.state, REC_PENDING);
		/* Waits at its village, where 待认领 lists it, a grid of it suggested, as an import
		 * routes it (it waited at its grid, listed on no 待认领 screen and in no to-do list). */
		const struct units *us = ctx_units(p->c);
		assert_int_equal(units_find(us, r->unit)->level, LV_VILLAGE);
		assert_non_null(cl.grid);
		assert_int_equal(units_find(us, cl.grid)->level, LV_GRID);
		assert_string_equal(units_find(us, cl.grid)->parent, r->unit);
		/* From the county's police, where 退回 sends it (with none it could not be sent back). */
		assert_non_null(cl.importer);
		assert_string_equal(units_find(us, cl.importer)->dept, "police");
		bool has = false;
		assert_int_equal(due_has(p->c->st, NULL, cl.due, "claim", r->unit, &has), 0);
		assert_true(has);
		claim_clear(&cl);
		p->n++;
	}
	rec_free(&r);
	return 0;
}

static void test_city(void **state)
{
	(void)state;
	struct fx *f = make(2000);
	struct ctx *c = f->t.c;
	/* 45 in 10,000 of 2,000 is 9, plus the three every demo has; 1 in 10,000 is none, plus three. */
	assert_int_equal(count_of(f, "mental"), 12);
	assert_int_equal(count_of(f, "hiv"), 3);
	assert_int_equal(count_of(f, "household") + count_of(f, "floating"), 2000);
	/* The scripted six, and one dispute a year for 200 persons. */
	/* This month's 6 and 10 settled in past months, and the city's. */
	assert_int_equal(count_of(f, "dispute_event"), 6 + 10 + 2000 / 200);
	struct pending p = {.c = c};
	assert_int_equal(record_scan_unit(c->st, NULL, schema_type(c->schema, "floating"), NULL, pending_cb, &p), 0);
	assert_true(p.n > 0);
	assert_true(p.n < count_of(f, "floating") / 10);
	/* The counters, tallied in memory and written at the end, are those of a scan. */
	long rows = 0, bad = 0;
	assert_int_equal(stats_verify(c, &rows, &bad), 0);
	assert_int_equal(bad, 0);
	assert_true(rows > 0);
	/* Back to normal: commits wait for the disk, ids one at a time, no write cursors. */
	u_int32_t flags = 0;
	assert_int_equal(c->st->env->get_flags(c->st->env, &flags), 0);
	assert_false(flags & DB_TXN_WRITE_NOSYNC);
	assert_int_equal(c->st->id_block, 0);
	assert_false(c->st->put_cursors);
	done(f);
}

struct city_text {
	struct ctx *c;
	struct sb out;
};

static int city_text_cb(const struct rtype *t, uint64_t id, void *arg)
{
	struct city_text *ct = arg;
	struct rec *r = NULL;
	assert_int_equal(record_load(ct->c->st, NULL, t, id, &r, false), 0);
	sb_addf(&ct->out, "%s %llu %s %d %lld", t->id, (unsigned long long)id, r->unit, r->state, (long long)r->created);
	for (int i = 0; i < t->nf; i++) {
		sb_addc(&ct->out, '\t');
		sb_adds(&ct->out, r->v[i] ? r->v[i] : "-");
	}
	sb_addc(&ct->out, '\n');
	rec_free(&r);
	return 0;
}

/* The persons' records and the roles given to them, as text, of a demo made with options O. */
static char *city_text(const struct demo_opts *o)
{
	struct fx *f = make_with(o);
	struct city_text ct = {.c = f->t.c};
	sb_init(&ct.out);
	for (int k = 0; k < ct.c->schema->n; k++)
		if (ct.c->schema->t[k]->person_role)
			assert_int_equal(record_scan_unit(ct.c->st, NULL, ct.c->schema->t[k], NULL, city_text_cb, &ct), 0);
	done(f);
	return sb_steal(&ct.out);
}

/* The persons drawn by a second thread a batch ahead of the store make the city they make
 * drawn one by one between the stores: three batches, the last one short, the samples of
 * persons and tenants (heads of households, the special groups' persons) taken across them. */
static void test_same_city_one_thread(void **state)
{
	(void)state;
	struct demo_opts o = {.persons = 2500, .seed = 7, .now = 1796428800};
	char *ahead = city_text(&o);
	o.one_thread = true;
	char *serial = city_text(&o);
	assert_true(strlen(ahead) > 2500 * 50);
	assert_string_equal(ahead, serial);
	free(ahead);
	free(serial);
}

static int max_id(const struct rtype *t, uint64_t id, void *arg)
{
	(void)t;
	uint64_t *m = arg;
	*m = id > *m ? id : *m;
	return 0;
}

static int next_released(struct store *st, DB_TXN *txn, void *arg)
{
	return store_next_id(st, txn, "released", arg);
}

static void test_small_demo(void **state)
{
	(void)state;
	struct fx *f = make(50);
	struct ctx *c = f->t.c;
	assert_int_equal(count_of(f, "dispute_event"), 6 + 10);
	assert_int_equal(count_of(f, "released"), 3);
	struct pending p = {.c = c};
	assert_int_equal(record_scan_unit(c->st, NULL, schema_type(c->schema, "floating"), NULL, pending_cb, &p), 0);
	assert_int_equal(p.n, 0);
	/* Numbered without gaps, as before ids came in blocks: the next one added is the 4th (a counter read
	 * in a transaction that commits: the test ends here). */
	uint64_t m = 0;
	assert_int_equal(record_scan_unit(c->st, NULL, schema_type(c->schema, "released"), NULL, max_id, &m), 0);
	assert_int_equal(m, 3);
	uint64_t next = 0;
	assert_int_equal(store_run(c->st, next_released, &next), 0);
	assert_int_equal(next, 4);
	done(f);
}

static int64_t local_time(int y, int m, int d, int h, int mi)
{
	struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_isdst = -1};
	return (int64_t)mktime(&tm);
}

static long long events_of(struct ctx *c, const char *month, const char *dim, const char *val)
{
	long long n = -1;
	assert_int_equal(stats_get(c->st, NULL, "", month, STATS_EVENT, dim, val, &n), 0);
	return n;
}

struct ev_times {
	struct ctx *c;
	int64_t now;
	char month[8];
	long past;
};

/* Each event: made by the demo's moment, its steps in order; one of a past month settled, no card
 * given on the way. */
static int ev_times_cb(const struct rtype *t, uint64_t id, void *arg)
{
	(void)t;
	struct ev_times *a = arg;
	struct event *ev = NULL;
	assert_int_equal(event_load(a->c->st, NULL, id, &ev, false), 0);
	char m[8];
	stats_month(ev->created, m);
	assert_true(ev->created <= a->now);
	if (strcmp(m, a->month) < 0) {
		a->past++;
		assert_int_equal(ev->state, EV_CLOSED);
		assert_true(ev->closed >= ev->created && ev->closed <= a->now);
		stats_month(ev->closed, m);
		char cm[8];
		stats_month(ev->created, cm);
		assert_string_equal(m, cm);
	}
	struct ev_step *st = NULL;
	int n = 0;
	assert_int_equal(event_steps(a->c, id, &st, &n), 0);
	for (int i = 0; i < n; i++) {
		assert_int_not_equal(st[i].action, EA_CARD);
		assert_true(i == 0 || st[i].time >= st[i - 1].time);
	}
	event_steps_free(st, n);
	event_free(&ev);
	return 0;
}

/* 统计分析 opens on the last whole month: the demo has disputes there, in the month before (环比)
 * and in the same month a year before (同比), whatever the day it is made (a 1 January, a month's
 * last minute, a Sunday); all settled within their deadlines (no card, so no score lost), none
 * after the moment the demo is made; this month's 6 are as before. */
static void test_demo_months(void **state)
{
	(void)state;
	const int64_t at[] = {local_time(2027, 1, 1, 0, 30), local_time(2026, 11, 30, 23, 59),
			      local_time(2026, 12, 6, 15, 0), local_time(2026, 3, 1, 8, 0)};
	for (size_t i = 0; i < ARRAY_LEN(at); i++) {
		struct fx *f = make_with(&(struct demo_opts){.persons = 0, .seed = 1, .now = at[i]});
		struct ctx *c = f->t.c;
		char cur[8], m1[8], m2[8], m13[8];
		stats_month(at[i], cur);
		stats_month_add(cur, 1, m1);
		stats_month_add(cur, 2, m2);
		stats_month_add(cur, 13, m13);
		assert_int_equal(events_of(c, cur, "all", ""), 6);
		assert_int_equal(events_of(c, m1, "all", ""), 5);
		assert_int_equal(events_of(c, m2, "all", ""), 2);
		assert_int_equal(events_of(c, m13, "all", ""), 3);
		/* Settled in their month, none overdue. */
		assert_int_equal(events_of(c, m1, "closed_in", ""), 5);
		assert_int_equal(events_of(c, m13, "closed_in", ""), 3);
		assert_int_equal(events_of(c, m1, "overdue", "1"), 0);
		assert_int_equal(events_of(c, m1, "reported", "1"), 2);
		/* The daemon's pass at that moment gives past events no card (checked below). */
		assert_int_equal(event_cards_rule(c, at[i]), 0);
		struct ev_times e = {.c = c, .now = at[i]};
		memcpy(e.month, cur, sizeof cur);
		assert_int_equal(record_scan_unit(c->st, NULL, event_type(c), NULL, ev_times_cb, &e), 0);
		assert_int_equal(e.past, 10);
		long rows = 0, bad = 0;
		assert_int_equal(stats_verify(c, &rows, &bad), 0);
		assert_int_equal(bad, 0);
		done(f);
	}
}

/* The demo's accounts share the hash of the published password (one yescrypt of 16 MB for the
 * demo, not hundreds: most of a small demo's time before), and the password opens each of them. */
static void test_accounts_one_hash(void **state)
{
	(void)state;
	struct fx *f = make(0);
	struct ctx *c = f->t.c;
	assert_true(f->sum.accounts > 100);
	static const char *const names[] = {"secadmin", "grid", "u321204001001001.grid", "u321204001.leader"};
	struct user *first = NULL;
	assert_int_equal(user_load(c->st, NULL, names[0], &first, false), 0);
	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		struct user *u = NULL;
		assert_int_equal(user_load(c->st, NULL, names[i], &u, false), 0);
		assert_string_equal(u->hash, first->hash);
		user_free(&u);
		assert_int_equal(user_login(c, names[i], f->sum.password, &u), 0);
		user_free(&u);
	}
	user_free(&first);
	done(f);
}

struct lease_check {
	struct ctx *c;
	const struct rtype *pt;
	long leases, named;
};

static int lease_cb(const struct rtype *t, uint64_t id, void *arg)
{
	struct lease_check *a = arg;
	struct rec *r = NULL;
	assert_int_equal(record_load(a->c->st, NULL, t, id, &r, false), 0);
	const char *start = rec_get(r, "lease_start"), *end = rec_get(r, "lease_end");
	const char *idnum = rec_get(r, "tenant_idnum"), *name = rec_get(r, "tenant_name");
	/* A lease (a tenant's stay) never ends before it starts: YYYY-MM-DD compares as text. */
	if (start && end) {
		if (strcmp(end, start) < 0)
			fail_msg("%s %llu: lease ends %s before it starts %s", t->id, (unsigned long long)id, end, start);
		a->leases++;
	}
	/* The tenant's name is the name of the person the ID number names. */
	uint64_t pid = 0;
	if (idnum && record_by_key(a->c->st, NULL, a->pt, idnum, &pid) == 0) {
		struct rec *p = NULL;
		assert_int_equal(record_load(a->c->st, NULL, a->pt, pid, &p, false), 0);
		if (!name || strcmp(name, rec_get(p, "name")) != 0)
			fail_msg("%s %llu: tenant %s named %s, the person is %s", t->id, (unsigned long long)id, idnum,
				 name ? name : "-", rec_get(p, "name"));
		a->named++;
		rec_free(&p);
	}
	rec_free(&r);
	return 0;
}

/* The rentals and their further tenants: no lease ending before it starts, and each tenant's
 * name that of the person of the tenant's ID number (the try-out found both wrong). */
static void test_tenants_consistent(void **state)
{
	(void)state;
	struct fx *f = make(2000);
	struct ctx *c = f->t.c;
	struct lease_check a = {.c = c, .pt = schema_type(c->schema, "person")};
	assert_non_null(a.pt);
	const char *types[] = {"rental", "rental_tenant"};
	for (size_t i = 0; i < ARRAY_LEN(types); i++) {
		const struct rtype *t = schema_type(c->schema, types[i]);
		assert_non_null(t);
		assert_true(count_of(f, types[i]) > 0);
		assert_int_equal(record_scan_unit(c->st, NULL, t, NULL, lease_cb, &a), 0);
	}
	assert_true(a.leases > 0);
	assert_true(a.named > 0);
	done(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_city),
		cmocka_unit_test(test_small_demo),
		cmocka_unit_test(test_demo_months),
		cmocka_unit_test(test_accounts_one_hash),
		cmocka_unit_test(test_same_city_one_thread),
		cmocka_unit_test(test_tenants_consistent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
