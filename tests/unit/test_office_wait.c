/* test_office_wait.c — the rows of what waits at each unit (office_wait.c): put with a document, an
 * entry reported up and a proposal; taken away when read, answered, sent elsewhere or deleted; built
 * once for a home that has none; a row left behind by mistake lists nothing. */
#include "testlib.h"

#include "office.h"
#include "office_wait.h"
#include "store.h"
#include "todo.h"

struct fx {
	struct tl t; /* first: tl_state_teardown */
	struct user *county, *town, *town2, *vil;
};

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	tl_open(&f->t, true);
	f->county = tl_user(&f->t, "county", "321204", "office", NULL);
	f->town = tl_user(&f->t, "town", "321204001", "office", NULL);
	f->town2 = tl_user(&f->t, "town2", "321204002", "office", NULL);
	f->vil = tl_user(&f->t, "vil", "321204001001", "office", NULL);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	user_free(&f->county);
	user_free(&f->town);
	user_free(&f->town2);
	user_free(&f->vil);
	return tl_state_teardown(state);
}

static uint64_t add(struct fx *f, const struct user *u, const char *type, const char *unit, const char *const kv[][2],
		    int n)
{
	struct rec *r = rec_new(schema_type(f->t.c->schema, type));
	for (int i = 0; i < n; i++)
		if (rec_set(r, kv[i][0], kv[i][1]) < 0)
			fail_msg("%s", errmsg());
	rec_set_meta(&r->unit, unit);
	if (service_save(f->t.c, u, r, NULL) < 0)
		fail_msg("save %s: %s", type, errmsg());
	uint64_t id = r->id;
	rec_free(&r);
	return id;
}

/* The ids of TYPE waiting at UNIT, as "id id …" (newest first). */
static char *waiting(struct fx *f, const char *type, const char *unit)
{
	uint64_t *ids = NULL;
	int n = 0;
	assert_int_equal(office_wait_ids(f->t.c, schema_type(f->t.c->schema, type), unit, &ids, &n), 0);
	struct sb s;
	sb_init(&s);
	for (int i = 0; i < n; i++)
		sb_addf(&s, "%s%llu", i ? " " : "", (unsigned long long)ids[i]);
	free(ids);
	return s.buf ? s.buf : xstrdup("");
}

static void assert_waiting(struct fx *f, const char *type, const char *unit, const char *want)
{
	char *got = waiting(f, type, unit);
	if (strcmp(got, want) != 0)
		fail_msg("%s at %s: \"%s\", want \"%s\"", type, unit, got, want);
	free(got);
}

static char *ids2(uint64_t a, uint64_t b)
{
	return xasprintf("%llu %llu", (unsigned long long)a, (unsigned long long)b);
}

static char *id1(uint64_t a)
{
	return xasprintf("%llu", (unsigned long long)a);
}

static void test_document(void **state)
{
	struct fx *f = *state;
	struct ctx *c = f->t.c;
	const struct rtype *t = schema_type(c->schema, "document");
	assert_true(office_wait_ready(c));
	const char *kv[][2] = {{"kind", "1"}, {"title", "通知"}, {"content", "x"}, {"to", "321204001,321204002"}};
	uint64_t a = add(f, f->county, "document", "321204", kv, 4);
	uint64_t b = add(f, f->county, "document", "321204", kv, 4);
	char *both = ids2(b, a), *only_a = id1(a), *only_b = id1(b);
	assert_waiting(f, "document", "321204001", both);
	assert_waiting(f, "document", "321204002", both);
	assert_waiting(f, "document", "321204", "");
	/* Read: no longer waiting there; still at the other receiver. */
	struct rec *r = NULL;
	assert_int_equal(office_open(c, f->town, t, b, &r), 0);
	rec_free(&r);
	assert_waiting(f, "document", "321204001", only_a);
	assert_waiting(f, "document", "321204002", both);
	/* A receiver taken off the list: its row goes; put back, it waits again (its receipt went). */
	assert_int_equal(service_get(c, f->county, t, a, &r), 0);
	assert_int_equal(rec_set(r, "to", "321204001"), 0);
	assert_int_equal(service_save(c, f->county, r, NULL), 0);
	assert_waiting(f, "document", "321204002", only_b);
	assert_int_equal(rec_set(r, "to", "321204001,321204002"), 0);
	assert_int_equal(service_save(c, f->county, r, NULL), 0);
	rec_free(&r);
	assert_waiting(f, "document", "321204002", both);
	/* Deleted: gone everywhere. */
	assert_int_equal(service_delete(c, f->county, t, a), 0);
	assert_waiting(f, "document", "321204001", "");
	assert_waiting(f, "document", "321204002", only_b);
	free(both);
	free(only_a);
	free(only_b);
}

static void test_report_up_and_reply(void **state)
{
	struct fx *f = *state;
	struct ctx *c = f->t.c;
	const struct rtype *up = schema_type(c->schema, "sqmy"), *sg = schema_type(c->schema, "suggestion");
	const char *kv[][2] = {{"day", "2026-01-05"}, {"kind", "1"}, {"title", "路灯"}, {"content", "坏了"}};
	uint64_t e = add(f, f->vil, "sqmy", "321204001001", kv, 4);
	char *want = id1(e);
	assert_waiting(f, "sqmy", "321204001", "");
	assert_int_equal(office_report_up(c, f->vil, up, e, NULL), 0);
	assert_waiting(f, "sqmy", "321204001", want);
	/* Passed on without being read: it waits at the county, no longer at the town. */
	assert_int_equal(office_report_up(c, f->town, up, e, NULL), 0);
	assert_waiting(f, "sqmy", "321204001", "");
	assert_waiting(f, "sqmy", "321204", want);
	struct rec *r = NULL;
	assert_int_equal(office_open(c, f->county, up, e, &r), 0);
	rec_free(&r);
	assert_waiting(f, "sqmy", "321204", "");
	free(want);

	const char *sv[][2] = {{"to", "321204001"}, {"title", "建议"}, {"content", "设调解室"}};
	uint64_t s = add(f, f->vil, "suggestion", "321204001001", sv, 3);
	want = id1(s);
	assert_waiting(f, "suggestion", "321204001", want);
	assert_int_equal(office_reply(c, f->town, sg, s, "同意"), 0);
	assert_waiting(f, "suggestion", "321204001", "");
	free(want);
}

/* A home from before the rows: every row and the mark that they were built taken away. */
struct rows {
	struct sb *v;
	int n;
};

static int unbuild_row(const void *k, size_t kn, const void *v, size_t vn, void *arg)
{
	(void)v;
	(void)vn;
	struct rows *w = arg;
	w->v = xrealloc(w->v, (size_t)(w->n + 1) * sizeof *w->v);
	sb_init(&w->v[w->n]);
	sb_add(&w->v[w->n++], k, kn);
	return 0;
}

static int unbuild_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct rows *w = arg;
	DB *meta = store_db(st, DBI_META);
	int rc = store_del(meta, txn, "office_wait_built", sizeof "office_wait_built");
	rc = rc == ZZ_ENOENT ? 0 : rc;
	for (int i = 0; i < w->n && rc == 0; i++)
		rc = store_del(meta, txn, w->v[i].buf, w->v[i].len);
	return rc;
}

static void unbuild(struct fx *f)
{
	struct rows w = {0};
	assert_int_equal(store_walk(store_db(f->t.c->st, DBI_META), NULL, "wait", 5, unbuild_row, &w), 0);
	assert_true(w.n > 0);
	assert_int_equal(store_run(f->t.c->st, unbuild_txn, &w), 0);
	for (int i = 0; i < w.n; i++)
		sb_free(&w.v[i]);
	free(w.v);
}

/* A home that has records but no rows gets them once, the same as if kept all along. */
static void test_build(void **state)
{
	struct fx *f = *state;
	struct ctx *c = f->t.c;
	const char *kv[][2] = {{"kind", "1"}, {"title", "通知"}, {"content", "x"}, {"to", "321204001,321204002"}};
	uint64_t a = add(f, f->county, "document", "321204", kv, 4);
	struct rec *r = NULL;
	assert_int_equal(office_open(c, f->town, schema_type(c->schema, "document"), a, &r), 0);
	rec_free(&r);
	const char *sv[][2] = {{"to", "321204001"}, {"title", "建议"}, {"content", "设调解室"}};
	uint64_t s = add(f, f->vil, "suggestion", "321204001001", sv, 3);
	unbuild(f);
	assert_waiting(f, "document", "321204002", "");
	assert_true(office_wait_ready(c));
	char *da = id1(a), *ds = id1(s);
	assert_waiting(f, "document", "321204001", "");
	assert_waiting(f, "document", "321204002", da);
	assert_waiting(f, "suggestion", "321204001", ds);
	free(da);
	free(ds);
}

static int stale_txn(struct store *st, DB_TXN *txn, void *arg)
{
	(void)st;
	(void)txn;
	const uint64_t *id = arg;
	struct sb k;
	sb_init(&k);
	unsigned char be[8];
	be64_put(be, *id);
	sb_add(&k, "wait\0document\0" "321204001", sizeof "wait\0document\0" "321204001");
	sb_add(&k, (const char *)be, 8);
	int rc = store_put(store_db(st, DBI_META), txn, k.buf, k.len, "", 0);
	sb_free(&k);
	return rc;
}

/* A row that should not be there (a record read, answered) puts nothing in the to-do list. */
static void test_stale_row(void **state)
{
	struct fx *f = *state;
	struct ctx *c = f->t.c;
	const struct rtype *t = schema_type(c->schema, "document");
	const char *kv[][2] = {{"kind", "1"}, {"title", "通知"}, {"content", "x"}, {"to", "321204001"}};
	uint64_t a = add(f, f->county, "document", "321204", kv, 4);
	struct rec *r = NULL;
	assert_int_equal(office_open(c, f->town, t, a, &r), 0);
	rec_free(&r);
	assert_int_equal(store_run(c->st, stale_txn, &a), 0);
	char *want = id1(a);
	assert_waiting(f, "document", "321204001", want);
	free(want);
	struct todo_list l = {0};
	assert_int_equal(office_todo(c, f->town, 0, &l), 0);
	assert_int_equal(l.n, 0);
	todo_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_document, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_up_and_reply, setup, teardown),
		cmocka_unit_test_setup_teardown(test_build, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_row, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
