/* test_idxmig.c — a home's list indexes built anew from its records (`zongzhi migrate`): a home
 * without the format mark refused at open, migrated with the same query results, resumed from
 * its saved progress after a kill, audited, and left alone once migrated. */
#include "testlib.h"

#include "audit.h"
#include "dupidx.h"
#include "idxmig.h"
#include "record.h"

struct fx {
	struct tl t;
	const struct rtype *hh, *person;
	uint64_t ids[6];
	struct strv want; /* the query results before */
};

static int collect(const struct rtype *t, uint64_t id, void *arg)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%s:%llu", t->id, (unsigned long long)id);
	strv_push(arg, buf);
	return 0;
}

static int collect_key(const struct rtype *t, uint64_t id, const void *key, size_t kn, void *arg)
{
	(void)key;
	(void)kn;
	return collect(t, id, arg);
}

/* Lists by unit, by name (and a page of them), by ID number, one after another in SV. */
static void results(struct fx *f, struct strv *sv)
{
	struct store *st = f->t.c->st;
	assert_int_equal(record_scan_unit(st, NULL, f->hh, "321204001", collect, sv), 0);
	strv_push(sv, "|");
	assert_int_equal(record_scan_unit(st, NULL, f->person, NULL, collect, sv), 0);
	strv_push(sv, "|");
	assert_int_equal(record_scan_name(st, NULL, f->hh, "张", collect, sv), 0);
	strv_push(sv, "|");
	assert_int_equal(record_scan_page(st, NULL, RECORD_BY_NAME, f->hh, NULL, NULL, 0, false,
					  true, collect_key, sv),
			 0);
	strv_push(sv, "|");
	assert_int_equal(record_scan_idnum(st, NULL, "11010519491231002X", collect, sv), 0);
}

/* The home, encrypted at rest when KEY names a key file. */
static int setup_home(void **state, const char *key)
{
	struct fx *f = xcalloc(1, sizeof *f);
	if (key) {
		char *edit = xasprintf("key_file = \"%s\";", key);
		tl_init_conf(&f->t, "key_file = \"\";", edit);
		free(edit);
		tl_write(key, "0123456789abcdef0123\n");
		chmod(key, 0600);
		tl_open_ctx(&f->t, true);
		assert_true(f->t.c->st->encrypt);
	} else {
		tl_open(&f->t, true);
	}
	f->hh = schema_type(f->t.c->schema, "household");
	f->person = schema_type(f->t.c->schema, "person");
	static const char *const rows[][3] = {
	    {"11010519491231002X", "张三", "321204001001001"},
	    {"440524188001010014", "张三丰", "321204001002001"},
	    {"32120419900101123", "李四", "321204002001001"},
	    {"32120419900202123", "张三", "321204001001001"},
	    {"32120419900303123", "王五", "321204001002001"},
	    {"32120419900404123", "张三", "321204002001001"},
	};
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		char id[19];
		const char *idn = rows[i][0];
		if (strlen(idn) == 17) {
			tl_idnum(idn, id);
			idn = id;
		}
		assert_int_equal(tl_household(&f->t, NULL, idn, rows[i][1], rows[i][2], &f->ids[i]),
				 0);
	}
	results(f, &f->want);
	*state = f;
	return 0;
}

static int setup(void **state)
{
	return setup_home(state, NULL);
}

static char enc_key[64];

static int setup_encrypted(void **state)
{
	snprintf(enc_key, sizeof enc_key, "/tmp/zz-unit-idxmig-key-%ld", (long)getpid());
	return setup_home(state, enc_key);
}

static int teardown(void **state)
{
	struct fx *f = *state;
	strv_free(&f->want);
	tl_close(&f->t);
	free(f);
	if (enc_key[0])
		unlink(enc_key);
	return 0;
}

/* A home as a migration killed half way leaves it: the format mark gone, the progress PROGRESS
 * saved (NULL: not begun, the old files still there), and the list rows of the records up to
 * household KEEP only (0: none). */
struct half {
	const char *progress;
	uint64_t keep;
};

static int wipe_rows(struct store *st, DB_TXN *txn, void *arg)
{
	struct half *h = arg;
	static const int ids[] = {DBI_IDX_UNIT, DBI_IDX_NAME, DBI_IDX_IDNUM};
	for (size_t i = 0; i < ARRAY_LEN(ids); i++) {
		DB *db = store_db(st, ids[i]);
		DBC *c = NULL;
		DBT k = {0}, v = {0};
		assert_int_equal(db->cursor(db, txn, &c, 0), 0);
		while (c->get(c, &k, &v, DB_NEXT | DB_RMW) == 0)
			assert_int_equal(c->del(c, 0), 0);
		c->close(c);
	}
	/* The types before the household in the schema's order were built whole. */
	for (int i = 0; h->progress && *h->progress && i < st->schema->n; i++) {
		const struct rtype *t = st->schema->t[i];
		bool hh = !strcmp(t->id, "household");
		for (uint64_t id = 1; id <= (hh ? h->keep : 1000); id++) {
			struct rec *r = NULL;
			if (record_load(st, txn, t, id, &r, false) == 0)
				assert_int_equal(record_index_lists(st, txn, r), 0);
			rec_free(&r);
		}
		if (hh)
			break;
	}
	int rc = store_del(store_db(st, DBI_META), txn, STORE_IDX_FORMAT, sizeof STORE_IDX_FORMAT);
	if (rc == 0 && h->progress)
		rc = store_put(store_db(st, DBI_META), txn, STORE_IDX_MIGRATING,
			       sizeof STORE_IDX_MIGRATING, h->progress, strlen(h->progress));
	return rc;
}

static int unmark(struct store *st, DB_TXN *txn, void *arg)
{
	(void)arg;
	return store_del(store_db(st, DBI_META), txn, STORE_IDX_FORMAT, sizeof STORE_IDX_FORMAT);
}

static void no_problem(const struct rtype *t, const char *problem, void *arg)
{
	(void)arg;
	fail_msg("%s: %s", t->id, problem);
}

static void reopen(struct fx *f, unsigned flags, int want)
{
	ctx_free(&f->t.c);
	assert_int_equal(ctx_load(&f->t.c, f->t.conf, NULL, domain_features), 0);
	assert_int_equal(ctx_open_store(f->t.c, flags), want);
	f->hh = schema_type(f->t.c->schema, "household");
	f->person = schema_type(f->t.c->schema, "person");
}

static int migrate_entries(const struct audit_entry *e, void *arg)
{
	if (!strcmp(e->type, "migrate") && !strcmp(e->result, "ok"))
		(*(int *)arg)++;
	return 0;
}

/* Migrate, then the same answers, no index problem, one audit entry, and a normal open. */
static void migrate_and_check(struct fx *f, long want_records)
{
	reopen(f, STORE_MIGRATE, 0);
	long n = 0, total = 0;
	bool already = true;
	assert_int_equal(idxmig_run(f->t.c, "root", "-", &n, &total, &already), 0);
	assert_false(already);
	assert_int_equal(n, want_records);
	assert_int_equal(total, want_records);
	reopen(f, 0, 0);
	struct strv got = {0};
	results(f, &got);
	assert_int_equal(got.n, f->want.n);
	for (int i = 0; i < got.n; i++)
		assert_string_equal(got.v[i], f->want.v[i]);
	strv_free(&got);
	for (int i = 0; i < f->t.c->schema->n; i++) {
		long recs = 0, problems = 0;
		assert_int_equal(record_verify(f->t.c->st, f->t.c->schema->t[i], no_problem, NULL,
					       &recs, &problems),
				 0);
		assert_int_equal(problems, 0);
	}
	int audited = 0;
	assert_int_equal(audit_scan(f->t.c, 0, "root", migrate_entries, &audited), 0);
	assert_int_equal(audited, 1);
	/* Again: nothing to do. */
	reopen(f, STORE_MIGRATE, 0);
	assert_int_equal(idxmig_run(f->t.c, "root", "-", &n, &total, &already), 0);
	assert_true(already);
}

/* A home from before: refused at open but to the migration, which builds every row anew. */
static void test_old_home(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_run(f->t.c->st, unmark, NULL), 0);
	reopen(f, 0, ZZ_EDB);
	assert_errmsg_has("zongzhi migrate");
	assert_errmsg_has("旧版本");
	/* 6 households and their 6 persons. */
	migrate_and_check(f, 12);
}

/* Killed after its first batches: the next run goes on from the saved record, not from the start.
 */
static void test_resume(void **state)
{
	struct fx *f = *state;
	char progress[64];
	snprintf(progress, sizeof progress, "household\t%llu", (unsigned long long)f->ids[2]);
	struct half h = {.progress = progress, .keep = f->ids[2]};
	assert_int_equal(store_run(f->t.c->st, wipe_rows, &h), 0);
	reopen(f, 0, ZZ_EDB);
	assert_errmsg_has("迁移中断");
	/* The households after the third, then the types after the household's. */
	bool person_after = false;
	for (int i = 0, seen = 0; i < f->t.c->schema->n; i++) {
		seen |= f->t.c->schema->t[i] == f->hh;
		person_after |= seen && f->t.c->schema->t[i] == f->person;
	}
	reopen(f, STORE_MIGRATE, 0);
	long n = 0, total = 0;
	bool already = true;
	assert_int_equal(idxmig_run(f->t.c, "root", "-", &n, &total, &already), 0);
	assert_int_equal(n, person_after ? 3 + 6 : 3);
	/* The whole home: what the interrupted run built counts too. */
	assert_int_equal(total, 12);
	reopen(f, 0, 0);
	struct strv got = {0};
	results(f, &got);
	assert_int_equal(got.n, f->want.n);
	for (int i = 0; i < got.n; i++)
		assert_string_equal(got.v[i], f->want.v[i]);
	strv_free(&got);
}

/* Killed right after it began (the old files out, nothing built). */
static void test_begun(void **state)
{
	struct fx *f = *state;
	struct half h = {.progress = "", .keep = 0};
	assert_int_equal(store_run(f->t.c->st, wipe_rows, &h), 0);
	migrate_and_check(f, 12);
}

static int remove_files(struct store *st, DB_TXN *txn, void *arg)
{
	(void)arg;
	for (int id = 0; id < st->ndb; id++)
		if (store_dupsort(id))
			assert_int_equal(st->env->dbremove(st->env, txn, st->dbfile[id], NULL, 0), 0);
	assert_int_equal(store_del(store_db(st, DBI_META), txn, STORE_IDX_FORMAT, sizeof STORE_IDX_FORMAT), 0);
	return store_put(store_db(st, DBI_META), txn, STORE_IDX_MIGRATING, sizeof STORE_IDX_MIGRATING, "", 0);
}

/* Opened by another process between the removal of the old files and the first batch (the files
 * missing): refused, not taken for a new home and marked. */
static void test_files_removed(void **state)
{
	struct fx *f = *state;
	reopen(f, STORE_MIGRATE, 0);
	assert_int_equal(store_run(f->t.c->st, remove_files, NULL), 0);
	reopen(f, 0, ZZ_EDB);
	assert_errmsg_has("迁移中断");
	reopen(f, 0, ZZ_EDB);
	assert_errmsg_has("迁移中断");
	migrate_and_check(f, 12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_old_home, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_resume, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_begun, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_files_removed, setup, teardown),
	    /* Encrypted at rest: the files removed and made anew in an encrypted environment. */
	    cmocka_unit_test_setup_teardown(test_old_home, setup_encrypted, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
