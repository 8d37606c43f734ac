/* test_ledger.c — electronic ledgers (ledger.c): the catalogue from the county's code table and the
 * units' changes applied top down, the check of an entry's item, the counts of a year, a renamed
 * entry carrying its ledger entries, a deletion refused while entries are filed. */
#include "testlib.h"

#include "ledger.h"
#include "record.h"
#include "schema.h"

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

static uint64_t item(struct tl *t, const struct user *u, const char *unit, const char *code, const char *name,
		     const char *on)
{
	const char *kv[][2] = {{"item", code}, {"enabled", on}, {"name", name}};
	return add(t, u, "ledger_item", unit, kv, name ? 3 : 2, 0);
}

static uint64_t entry(struct tl *t, const struct user *u, const char *unit, const char *code, const char *sub,
		      const char *day, int want)
{
	const char *kv[][2] = {{"item", code}, {"day", day}, {"title", "台账"}, {"sub", sub}};
	return add(t, u, "ledger", unit, kv, sub ? 4 : 3, want);
}

/* Pure: a heading's state reaches its items; an item's its units' entries. */
static void test_enabled(void **state)
{
	(void)state;
	struct ledger_node v[] = {
		{.item = "10.2", .label = "部分", .on = true},
		{.item = "10.2.1", .label = "章", .on = false},
		{.item = "10.2.1-01", .label = "项", .on = true, .leaf = true},
		{.item = "10.2.2-01", .label = "另一项", .on = true, .leaf = true},
		{.item = "10.2.2-01", .sub = "细目", .label = "细目", .on = true, .leaf = true},
	};
	struct ledger_cat cat = {.v = v, .n = (int)ARRAY_LEN(v)};
	assert_false(ledger_enabled(&cat, &v[2]));
	assert_true(ledger_enabled(&cat, &v[3]));
	assert_ptr_equal(ledger_find(&cat, "10.2.2-01", "细目"), &v[4]);
	assert_ptr_equal(ledger_find(&cat, "10.2.2-01", ""), &v[3]);
	assert_int_equal(ledger_fileable(&cat, "10.2.1-01", NULL), ZZ_EINVAL);
	assert_errmsg_has("已停用");
	assert_int_equal(ledger_fileable(&cat, "10.2", NULL), ZZ_EINVAL);
	assert_errmsg_has("是目录的一个部分");
	assert_int_equal(ledger_fileable(&cat, "10.2.2-01", "别的"), ZZ_EINVAL);
	assert_errmsg_has("没有细目“别的”");
	assert_int_equal(ledger_fileable(&cat, "10.2.2-01", "细目"), 0);
	v[3].on = false;
	assert_false(ledger_enabled(&cat, &v[4]));
}

static void test_catalogue(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	struct user *town = tl_user(&t, "town", "321204001", "office", NULL);
	struct user *vil = tl_user(&t, "vil", "321204001001", "office", NULL);
	struct user *other = tl_user(&t, "other", "321204002001", "office", NULL);

	/* The county's defaults: section 10 with its six parts. */
	struct ledger_cat cat;
	assert_int_equal(ledger_catalog(t.c, NULL, "321204", &cat), 0);
	assert_non_null(ledger_find(&cat, "10.1", NULL));
	assert_non_null(ledger_find(&cat, "10.6-04", NULL));
	assert_null(ledger_find(&cat, "10.7", NULL));
	ledger_cat_free(&cat);

	/* The township disables 10.6; its village enables it again for itself only. */
	item(&t, town, "321204001", "10.6", NULL, "否");
	entry(&t, vil, "321204001001", "10.6-01", NULL, "2027-01-05", ZZ_EINVAL);
	assert_errmsg_has("已停用");
	entry(&t, other, "321204002001", "10.6-01", NULL, "2027-01-05", 0);
	item(&t, vil, "321204001001", "10.6", NULL, "是");
	entry(&t, vil, "321204001001", "10.6-01", NULL, "2027-01-05", 0);
	assert_int_equal(ledger_catalog(t.c, NULL, "321204001002", &cat), 0);
	assert_false(ledger_enabled(&cat, ledger_find(&cat, "10.6-01", NULL)));
	ledger_cat_free(&cat);

	/* A unit's own entry: for its subtree only; counted; renamed with its entries; kept. */
	uint64_t own = item(&t, town, "321204001", "10.3.2-01", "周报", "是");
	entry(&t, other, "321204002001", "10.3.2-01", "周报", "2027-01-06", ZZ_EINVAL);
	uint64_t e = entry(&t, vil, "321204001001", "10.3.2-01", "周报", "2027-01-06", 0);
	assert_int_equal(ledger_count(t.c, town, NULL, 2027, &cat), 0);
	assert_int_equal(ledger_find(&cat, "10.3.2-01", "周报")->count, 1);
	assert_int_equal(ledger_find(&cat, "10.3.2-01", NULL)->count, 1);
	assert_int_equal(ledger_find(&cat, "10.6-01", NULL)->count, 1);
	assert_int_equal(ledger_find(&cat, "10.5-01", NULL)->count, 0);
	ledger_cat_free(&cat);
	assert_int_equal(ledger_count(t.c, town, NULL, 2026, &cat), 0);
	assert_int_equal(ledger_find(&cat, "10.3.2-01", "周报")->count, 0);
	ledger_cat_free(&cat);
	assert_int_equal(ledger_count(t.c, vil, "321204002", 2027, &cat), ZZ_EPERM);

	struct rec *r = NULL;
	const struct rtype *it = schema_type(t.c->schema, "ledger_item"), *lt = schema_type(t.c->schema, "ledger");
	assert_int_equal(service_get(t.c, town, it, own, &r), 0);
	assert_int_equal(rec_set(r, "name", "周报表"), 0);
	assert_int_equal(service_save(t.c, town, r, NULL), 0);
	rec_free(&r);
	assert_int_equal(service_get(t.c, vil, lt, e, &r), 0);
	assert_string_equal(rec_get(r, "sub"), "周报表");
	rec_free(&r);
	assert_int_equal(service_delete(t.c, town, it, own), ZZ_EINVAL);
	assert_errmsg_has("已有 1 条台账");
	assert_int_equal(service_delete(t.c, vil, lt, e), 0);
	assert_int_equal(service_delete(t.c, town, it, own), 0);

	user_free(&town);
	user_free(&vil);
	user_free(&other);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_enabled),
		cmocka_unit_test(test_catalogue),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
