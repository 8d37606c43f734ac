/* test_office.c — office work between units (office.c): a 社情民意 entry reported up by the unit
 * holding it, its up_* fields written only there; a proposal answered by its center only; a
 * document's receipts (the first opening), who sees it, the to-do items, receipts gone with it. */
#include "testlib.h"

#include "office.h"
#include "record.h"
#include "schema.h"
#include "todo.h"

static uint64_t add(struct tl *t, const struct user *u, const char *type, const char *unit, const char *const kv[][2],
		    int n, int want)
{
	struct rec *r = rec_new(schema_type(t->c->schema, type));
	for (int i = 0; i < n; i++)
		if (rec_set(r, kv[i][0], kv[i][1]) < 0)
			fail_msg("%s", errmsg());
	rec_set_meta(&r->unit, unit);
	int rc = service_save(t->c, u, r, NULL);
	if (rc != want)
		fail_msg("save %s: %d %s", type, rc, errmsg());
	uint64_t id = r->id;
	rec_free(&r);
	return id;
}

/* Whether U's to-do list has an item of KIND for REF. */
static bool todo_has(struct tl *t, const struct user *u, const char *kind, const char *ref)
{
	struct todo_list l = {0};
	assert_int_equal(todo_collect(t->c, u, 0, &l), 0);
	bool found = false;
	for (int i = 0; i < l.n; i++)
		found |= !strcmp(l.v[i].kind, kind) && !strcmp(l.v[i].ref, ref);
	todo_free(&l);
	return found;
}

struct fx {
	struct tl t;
	struct user *county, *town, *vil, *vil2, *town2;
};

static int last_audit(const struct audit_entry *e, void *arg)
{
	snprintf(arg, 256, "%s %s %s %s", e->user, e->type, e->object, e->result);
	return 0;
}

/* The last audit entry of account NAME is WANT. */
static void audited(struct tl *t, const char *name, const char *want)
{
	char last[256] = "";
	audit_scan(t->c, 0, name, last_audit, last);
	assert_string_equal(last, want);
}

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	tl_open(&f->t, true);
	f->county = tl_user(&f->t, "county", "321204", "office", NULL);
	f->town = tl_user(&f->t, "town", "321204001", "office", NULL);
	f->town2 = tl_user(&f->t, "town2", "321204002", "office", NULL);
	f->vil = tl_user(&f->t, "vil", "321204001001", "office", NULL);
	f->vil2 = tl_user(&f->t, "vil2", "321204001002", "office", NULL);
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
	user_free(&f->vil2);
	tl_close(&f->t);
	free(f);
	return 0;
}

static void test_declared(void **state)
{
	struct fx *f = *state;
	const struct schema *s = f->t.c->schema;
	assert_true(office_has(schema_type(s, "sqmy"), "report_up"));
	assert_true(office_has(schema_type(s, "suggestion"), "reply_to"));
	assert_true(office_has(schema_type(s, "document"), "receipts"));
	assert_false(office_has(schema_type(s, "ledger"), "receipts"));
	assert_int_equal(office_report_up(f->t.c, f->vil, schema_type(s, "ledger"), 1, NULL), ZZ_EINVAL);
}

static void test_report_up(void **state)
{
	struct fx *f = *state;
	struct ctx *c = f->t.c;
	const struct rtype *t = schema_type(c->schema, "sqmy");
	const char *kv[][2] = {{"day", "2026-01-05"}, {"kind", "1"}, {"title", "路灯"}, {"content", "坏了"},
			       {"up_to", "321204"}};
	uint64_t id = add(&f->t, f->vil, "sqmy", "321204001001", kv, 5, 0);
	struct rec *r = NULL;
	assert_int_equal(service_get(c, f->vil, t, id, &r), 0);
	assert_null(rec_get(r, "up_to")); /* typed values of up_to are not kept */
	rec_free(&r);
	char ref[64];
	snprintf(ref, sizeof ref, "sqmy:%llu", (unsigned long long)id);
	char want[128];
	/* Another village's: answered as not there (R-AC-1), the attempt audited as refused. */
	assert_int_equal(office_report_up(c, f->vil2, t, id, NULL), ZZ_ENOENT);
	snprintf(want, sizeof want, "vil2 report_up %s refused", ref);
	audited(&f->t, "vil2", want);
	assert_int_equal(office_report_up(c, f->town, t, id, NULL), ZZ_EPERM);
	char *to = NULL;
	assert_int_equal(office_report_up(c, f->vil, t, id, &to), 0);
	assert_string_equal(to, "321204001");
	free(to);
	assert_true(todo_has(&f->t, f->town, "report_up", ref));
	assert_int_equal(office_report_up(c, f->vil, t, id, NULL), ZZ_EPERM);
	/* An edit by the village keeps where it was reported. */
	assert_int_equal(service_get(c, f->vil, t, id, &r), 0);
	rec_set_raw(r, rtype_field(t, "up_to"), NULL);
	assert_int_equal(service_save(c, f->vil, r, NULL), 0);
	rec_free(&r);
	assert_int_equal(office_open(c, f->town, t, id, &r), 0);
	assert_string_equal(rec_get(r, "up_to"), "321204001");
	rec_free(&r);
	assert_false(todo_has(&f->t, f->town, "report_up", ref));
	assert_int_equal(office_report_up(c, f->town, t, id, NULL), 0);
	assert_int_equal(office_report_up(c, f->county, t, id, NULL), 0);
	/* Up to the root, then no further. */
	struct user *city = tl_user(&f->t, "city", "3212", "office", NULL);
	struct user *prov = tl_user(&f->t, "prov", "32", "office", NULL);
	assert_int_equal(office_report_up(c, city, t, id, NULL), 0);
	assert_int_equal(office_report_up(c, prov, t, id, NULL), ZZ_EINVAL);
	assert_errmsg_has("最高一级");
	user_free(&city);
	user_free(&prov);
}

static void test_reply(void **state)
{
	struct fx *f = *state;
	struct ctx *c = f->t.c;
	const struct rtype *t = schema_type(c->schema, "suggestion");
	const char *bad[][2] = {{"to", "321204002"}, {"title", "x"}, {"content", "y"}};
	add(&f->t, f->vil, "suggestion", "321204001001", bad, 3, ZZ_EINVAL);
	assert_errmsg_has("不是本单位的上级单位");
	const char *kv[][2] = {{"to", "321204001"}, {"title", "建议"}, {"content", "设调解室"}};
	uint64_t id = add(&f->t, f->vil, "suggestion", "321204001001", kv, 3, 0);
	char ref[64];
	snprintf(ref, sizeof ref, "suggestion:%llu", (unsigned long long)id);
	assert_true(todo_has(&f->t, f->town, "suggest", ref));
	assert_false(todo_has(&f->t, f->county, "suggest", ref));
	assert_int_equal(office_reply(c, f->county, t, id, "好"), ZZ_EPERM);
	assert_int_equal(office_reply(c, f->vil, t, id, "好"), ZZ_EPERM);
	assert_int_equal(office_reply(c, f->town2, t, id, "好"), ZZ_ENOENT);
	char want[128];
	snprintf(want, sizeof want, "town2 reply %s refused", ref);
	audited(&f->t, "town2", want);
	assert_int_equal(office_reply(c, f->town, t, id, ""), ZZ_EINVAL);
	assert_int_equal(office_reply(c, f->town, t, id, "同意"), 0);
	assert_false(todo_has(&f->t, f->town, "suggest", ref));
	struct rec *r = NULL;
	assert_int_equal(service_get(c, f->vil, t, id, &r), 0);
	assert_string_equal(rec_get(r, "reply"), "同意");
	assert_non_null(rec_get(r, "reply_by"));
	/* Not to another center once answered. */
	assert_int_equal(rec_set(r, "to", "321204"), 0);
	assert_int_equal(service_save(c, f->vil, r, NULL), ZZ_EINVAL);
	rec_free(&r);
}

static void test_receipts(void **state)
{
	struct fx *f = *state;
	struct ctx *c = f->t.c;
	const struct rtype *t = schema_type(c->schema, "document");
	const char *bad[][2] = {{"kind", "1"}, {"title", "通知"}, {"content", "x"}, {"to", "321204001,3212"}};
	add(&f->t, f->county, "document", "321204", bad, 4, ZZ_EINVAL);
	assert_errmsg_has("不是本单位的下级单位");
	const char *kv[][2] = {{"kind", "1"}, {"title", "通知"}, {"content", "x"}, {"to", "321204001,321204002"}};
	uint64_t id = add(&f->t, f->county, "document", "321204", kv, 4, 0);
	char ref[64];
	snprintf(ref, sizeof ref, "document:%llu", (unsigned long long)id);
	assert_true(todo_has(&f->t, f->town, "doc", ref));
	assert_false(todo_has(&f->t, f->vil, "doc", ref));
	struct rec *r = NULL;
	assert_int_equal(office_open(c, f->vil, t, id, &r), ZZ_ENOENT);
	assert_int_equal(office_open(c, f->town, t, id, &r), 0);
	assert_string_equal(rec_get(r, "title"), "通知");
	rec_free(&r);
	assert_false(todo_has(&f->t, f->town, "doc", ref));
	struct office_receipt *v = NULL;
	int n = 0;
	assert_int_equal(office_receipts(c, f->town, t, id, &v, &n), ZZ_ENOENT);
	assert_int_equal(office_receipts(c, f->county, t, id, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].unit, "321204001");
	assert_true(v[0].at > 0);
	assert_int_equal(v[1].at, 0);
	office_receipts_free(v, n);
	struct office_inbox *in = NULL;
	assert_int_equal(office_inbox(c, f->town2, t, &in, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(in[0].at, 0);
	office_inbox_free(in, n);
	/* A receiver taken off the list loses its receipt; the record's deletion takes the rest. */
	assert_int_equal(service_get(c, f->county, t, id, &r), 0);
	assert_int_equal(rec_set(r, "to", "321204002"), 0);
	assert_int_equal(service_save(c, f->county, r, NULL), 0);
	assert_int_equal(rec_set(r, "to", "321204001,321204002"), 0);
	assert_int_equal(service_save(c, f->county, r, NULL), 0);
	rec_free(&r);
	assert_true(todo_has(&f->t, f->town, "doc", ref));
	assert_int_equal(service_delete(c, f->county, t, id), 0);
	assert_false(todo_has(&f->t, f->town2, "doc", ref));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_declared, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_up, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reply, setup, teardown),
		cmocka_unit_test_setup_teardown(test_receipts, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
