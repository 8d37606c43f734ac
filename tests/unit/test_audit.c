/* test_audit.c — the hash chain: an edited entry and a deleted entry are each named by
 * audit_verify; a removed tail is caught by the head file; entries are appended in the caller's
 * transaction and vanish with it; an entry written alone is not counted as a change (store.commits). */
#include "testlib.h"

#include "audit.h"

static void append_n(struct tl *t, int n)
{
	for (int i = 0; i < n; i++) {
		char detail[32];
		snprintf(detail, sizeof detail, "第%d条\t含制表符\n和换行", i);
		assert_int_equal(audit_append(t->c, NULL, &(struct audit_entry){.user = "tester", .unit = "321204",
										 .type = "test", .object = "x:1",
										 .result = "ok", .detail = detail}),
				 0);
	}
}

struct change {
	uint64_t seq;
	bool del;
};

/* Tamper with entry SEQ directly in audit.db, as someone with access to the files would. */
static int tamper_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct change *ch = arg;
	unsigned char k[8];
	be64_put(k, ch->seq);
	DB *db = store_db(st, DBI_AUDIT);
	if (ch->del)
		return store_del(db, txn, k, 8);
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(db, txn, k, 8, &v, &vn, true);
	if (rc < 0)
		return rc;
	char *p = memmem(v, vn, "tester", 6);
	assert_non_null(p);
	memcpy(p, "hacker", 6);
	rc = store_put(db, txn, k, 8, v, vn);
	free(v);
	return rc;
}

static void test_chain_and_edit(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, false);
	append_n(&t, 10);
	uint64_t n = 0;
	assert_int_equal(audit_verify(t.c, &n), 0);
	assert_int_equal(n, 10);
	struct change ch = {.seq = 4};
	assert_int_equal(store_run(t.c->st, tamper_txn, &ch), 0);
	assert_int_equal(audit_verify(t.c, &n), ZZ_ERR);
	assert_errmsg_has("第 4 条被修改");
	tl_close(&t);
}

static void test_delete(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, false);
	append_n(&t, 10);
	struct change ch = {.seq = 6, .del = true};
	assert_int_equal(store_run(t.c->st, tamper_txn, &ch), 0);
	assert_int_equal(audit_verify(t.c, NULL), ZZ_ERR);
	assert_errmsg_has("第 6 条起缺失");
	tl_close(&t);
}

static void test_tail_and_head_file(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, false);
	append_n(&t, 5);
	assert_int_equal(audit_write_head(t.c), 0);
	append_n(&t, 3);
	assert_int_equal(audit_verify(t.c, NULL), 0);
	/* Removing the last entries leaves a consistent chain: only the head file knows. */
	for (uint64_t s = 8; s >= 4; s--) {
		struct change ch = {.seq = s, .del = true};
		assert_int_equal(store_run(t.c->st, tamper_txn, &ch), 0);
	}
	assert_int_equal(audit_verify(t.c, NULL), ZZ_ERR);
	assert_errmsg_has("链头文件记录到第 5 条，审计日志只到第 3 条");
	tl_close(&t);
}

/* Archiving moves all but the newest entry into a file: the database's chain goes on from the
 * archive's last hash, the archive verifies against the head file and its noted range; a tampered
 * entry after archiving is still named; new entries continue the numbering. */
static void test_archive(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, false);
	append_n(&t, 5);
	assert_int_equal(audit_write_head(t.c), 0);
	char *file = xasprintf("%s/archive.log", t.dir);
	uint64_t first, last, n;
	assert_int_equal(audit_archive(t.c, INT64_MAX, file, &first, &last), 0);
	assert_int_equal(first, 1);
	assert_int_equal(last, 4);
	assert_int_equal(audit_verify(t.c, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(audit_verify_archive(t.c, file, &first, &last), 0);
	assert_int_equal(last, 4);
	/* Only the newest entry is left: nothing more to archive. */
	assert_int_equal(audit_archive(t.c, INT64_MAX, file, &first, &last), 0);
	assert_int_equal(last, 0);
	append_n(&t, 2);
	assert_int_equal(audit_verify(t.c, &n), 0);
	assert_int_equal(n, 3);
	struct change ch = {.seq = 6};
	assert_int_equal(store_run(t.c->st, tamper_txn, &ch), 0);
	assert_int_equal(audit_verify(t.c, NULL), ZZ_ERR);
	assert_errmsg_has("第 6 条被修改");
	free(file);
	tl_close(&t);
}

static void test_head_catches_rewritten_entry(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, false);
	append_n(&t, 3);
	assert_int_equal(audit_write_head(t.c), 0);
	/* Edit the very last entry: no successor carries its hash, but the head file does. */
	struct change ch = {.seq = 3};
	assert_int_equal(store_run(t.c->st, tamper_txn, &ch), 0);
	assert_int_equal(audit_verify(t.c, NULL), ZZ_ERR);
	assert_errmsg_has("第 3 条与链头文件记录的哈希不符");
	tl_close(&t);
}

static int abort_txn(struct store *st, DB_TXN *txn, void *arg)
{
	(void)st;
	struct ctx *c = arg;
	int rc = audit_append(c, txn, &(struct audit_entry){.user = "tester", .type = "test", .object = "-", .result = "ok"});
	return rc < 0 ? rc : errmsg_set(ZZ_EINVAL, "中止");
}

struct scan {
	int n;
	char detail[64];
};

static int scan_cb(const struct audit_entry *e, void *arg)
{
	struct scan *s = arg;
	if (!s->n++)
		snprintf(s->detail, sizeof s->detail, "%s", e->detail);
	return 0;
}

static void test_in_transaction_and_scan(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, false);
	append_n(&t, 2);
	assert_int_equal(store_run(t.c->st, abort_txn, t.c), ZZ_EINVAL);
	uint64_t n = 0;
	assert_int_equal(audit_verify(t.c, &n), 0);
	assert_int_equal(n, 2); /* the aborted entry is gone with its transaction */
	struct scan s = {0};
	assert_int_equal(audit_scan(t.c, 0, "tester", scan_cb, &s), 0);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.detail, "第0条\t含制表符\n和换行"); /* escaped and back */
	s.n = 0;
	assert_int_equal(audit_scan(t.c, 0, "nobody", scan_cb, &s), 0);
	assert_int_equal(s.n, 0);
	assert_int_equal(audit_scan(t.c, (int64_t)time(NULL) + 3600, NULL, scan_cb, &s), 0);
	assert_int_equal(s.n, 0);
	tl_close(&t);
}

static int append_txn(struct store *st, DB_TXN *txn, void *arg)
{
	(void)st;
	return audit_append(arg, txn, &(struct audit_entry){.user = "tester", .unit = "321204", .type = "edit",
							 .object = "x:1", .result = "ok"});
}

/* A session recounts its status line's to-do items when its process has committed a change
 * (store.commits): an entry alone (a view, a login) is not one; an entry in a change's
 * transaction counts as that change. */
static void test_entry_alone_uncounted(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, false);
	unsigned long before = atomic_load(&t.c->st->commits);
	append_n(&t, 3);
	assert_int_equal(atomic_load(&t.c->st->commits), before);
	assert_int_equal(store_run(t.c->st, append_txn, t.c), 0);
	assert_int_equal(atomic_load(&t.c->st->commits), before + 1);
	uint64_t n = 0;
	assert_int_equal(audit_verify(t.c, &n), 0);
	assert_int_equal(n, 4);
	tl_close(&t);
}

static void test_diff(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	const struct rtype *hh = schema_type(t.c->schema, "household");
	struct rec *a = rec_new(hh), *b = NULL;
	rec_set_raw(a, rtype_field(hh, "name"), "张三");
	rec_set_meta(&a->unit, "321204001001001");
	b = rec_dup(a);
	rec_set_raw(b, rtype_field(hh, "name"), "张叁");
	rec_set_raw(b, rtype_field(hh, "house_no"), "H1");
	char *d = audit_diff(a, b);
	assert_string_equal(d, "name: 张三 → 张叁; house_no:  → H1");
	free(d);
	d = audit_diff(NULL, a);
	assert_non_null(strstr(d, "单位:  → 321204001001001"));
	free(d);
	rec_free(&a);
	rec_free(&b);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chain_and_edit),	      cmocka_unit_test(test_delete),
		cmocka_unit_test(test_tail_and_head_file),    cmocka_unit_test(test_head_catches_rewritten_entry),
		cmocka_unit_test(test_in_transaction_and_scan), cmocka_unit_test(test_diff),
		cmocka_unit_test(test_archive),		      cmocka_unit_test(test_entry_alone_uncounted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
