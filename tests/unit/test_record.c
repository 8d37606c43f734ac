/* test_record.c — records with their indexes: the unique key, scans by unit subtree, by name prefix
 * and by ID number; a role's person record made and shared; removal clears every index row. */
#include "testlib.h"

#include "record.h"
#include "validate.h"

static int collect(const struct rtype *t, uint64_t id, void *arg)
{
	struct strv *sv = arg;
	char buf[64];
	snprintf(buf, sizeof buf, "%s:%llu", t->id, (unsigned long long)id);
	strv_push(sv, buf);
	return 0;
}

struct fx {
	struct tl t; /* first: tl_state_teardown ends the fixture */
	const struct rtype *hh, *person;
	uint64_t a, b, c;
};

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	tl_open(&f->t, true);
	f->hh = schema_type(f->t.c->schema, "household");
	f->person = schema_type(f->t.c->schema, "person");
	assert_int_equal(tl_household(&f->t, NULL, "11010519491231002X", "张三", "321204001001001", &f->a), 0);
	assert_int_equal(tl_household(&f->t, NULL, "440524188001010014", "张三丰", "321204001002001", &f->b), 0);
	assert_int_equal(tl_household(&f->t, NULL, "110105491231002", "重复", "321204002001001", NULL), ZZ_EEXIST);
	char id[19];
	tl_idnum("32120419900101123", id);
	assert_int_equal(tl_household(&f->t, NULL, id, "李四", "321204002001001", &f->c), 0);
	*state = f;
	return 0;
}

static void test_key(void **state)
{
	struct fx *f = *state;
	uint64_t id = 0;
	assert_int_equal(record_by_key(f->t.c->st, NULL, f->hh, "11010519491231002X", &id), 0);
	assert_true(id == f->a);
	assert_int_equal(record_by_key(f->t.c->st, NULL, f->hh, "110105194912310021", &id), ZZ_ENOENT);
	/* The duplicate (a 15-digit form of the same number) was refused by the key index. */
	assert_int_equal(record_by_key(f->t.c->st, NULL, f->person, "11010519491231002X", &id), 0);
}

static void count_problem(const struct rtype *t, const char *problem, void *arg)
{
	(void)t;
	(void)problem;
	(*(long *)arg)++;
}

/* The key index holds the id in as few bytes as it needs; a row of all 8 bytes (written before)
 * is read and verified the same, one naming another record is a problem. */
static void test_key_value_short(void **state)
{
	struct fx *f = *state;
	struct store *st = f->t.c->st;
	static const char k[] = "household\0" "11010519491231002X";
	void *v = NULL;
	size_t vn = 0;
	assert_int_equal(store_get(store_db(st, DBI_IDX_KEY), NULL, k, sizeof k, &v, &vn, false), 0);
	assert_true(vn == 1 && f->a < 256 && ((unsigned char *)v)[0] == f->a);
	free(v);
	long records = 0, problems = 0, seen = 0;
	assert_int_equal(record_verify(st, f->hh, count_problem, &seen, &records, &problems), 0);
	assert_int_equal(problems, 0);
	unsigned char be[8];
	be64_put(be, f->a);
	assert_int_equal(store_put(store_db(st, DBI_IDX_KEY), NULL, k, sizeof k, be, 8), 0);
	uint64_t id = 0;
	assert_int_equal(record_by_key(st, NULL, f->hh, "11010519491231002X", &id), 0);
	assert_true(id == f->a);
	assert_int_equal(record_verify(st, f->hh, count_problem, &seen, &records, &problems), 0);
	assert_int_equal(problems, 0);
	be64_put(be, f->b);
	assert_int_equal(store_put(store_db(st, DBI_IDX_KEY), NULL, k, sizeof k, be + 5, 3), 0);
	assert_int_equal(record_verify(st, f->hh, count_problem, &seen, &records, &problems), 0);
	assert_int_equal(problems, 1);
}

static void test_scan_unit(void **state)
{
	struct fx *f = *state;
	struct strv sv = {0};
	assert_int_equal(record_scan_unit(f->t.c->st, NULL, f->hh, "321204001", collect, &sv), 0);
	assert_int_equal(sv.n, 2); /* both villages of the township */
	strv_free(&sv);
	assert_int_equal(record_scan_unit(f->t.c->st, NULL, f->hh, "321204001001", collect, &sv), 0);
	assert_int_equal(sv.n, 1);
	strv_free(&sv);
	assert_int_equal(record_scan_unit(f->t.c->st, NULL, f->hh, NULL, collect, &sv), 0);
	assert_int_equal(sv.n, 3);
	strv_free(&sv);
	/* "32120400" is no unit: refused, not matched as a prefix of 321204001. */
	assert_int_equal(record_scan_unit(f->t.c->st, NULL, f->hh, "32120400", collect, &sv), ZZ_EINVAL);
	long n = 0;
	assert_int_equal(record_count_unit(f->t.c->st, NULL, f->hh, "321204002", &n), 0);
	assert_int_equal(n, 1);
	/* Persons were made for every role, in the role's unit. */
	assert_int_equal(record_count_unit(f->t.c->st, NULL, f->person, NULL, &n), 0);
	assert_int_equal(n, 3);
}

static void test_scan_name_and_idnum(void **state)
{
	struct fx *f = *state;
	struct strv sv = {0};
	assert_int_equal(record_scan_name(f->t.c->st, NULL, f->hh, "张", collect, &sv), 0);
	assert_int_equal(sv.n, 2);
	strv_free(&sv);
	assert_int_equal(record_scan_name(f->t.c->st, NULL, f->hh, "张三丰", collect, &sv), 0);
	assert_int_equal(sv.n, 1);
	strv_free(&sv);
	assert_int_equal(record_scan_idnum(f->t.c->st, NULL, "11010519491231002X", collect, &sv), 0);
	/* The person and the household role, each once. */
	assert_int_equal(sv.n, 2);
	char want[64];
	snprintf(want, sizeof want, "household:%llu", (unsigned long long)f->a);
	assert_true(strv_find(&sv, want) >= 0);
	strv_free(&sv);
	/* Both types are keyed by the ID number: idx_key finds them, idx_idnum holds no row for them. */
	DB *db = store_db(f->t.c->st, DBI_IDX_IDNUM);
	const char *idn = "11010519491231002X";
	DBC *c = NULL;
	assert_int_equal(db->cursor(db, NULL, &c, 0), 0);
	DBT key = {.data = (void *)idn, .size = (u_int32_t)strlen(idn) + 1}, val = {0};
	int rc = c->get(c, &key, &val, DB_SET_RANGE);
	assert_true(rc == DB_NOTFOUND || key.size < strlen(idn) + 1 || memcmp(key.data, idn, strlen(idn) + 1) != 0);
	c->close(c);
}

static int collect_id(const struct rtype *t, uint64_t id, void *arg)
{
	(void)t;
	struct strv *sv = arg;
	char buf[24];
	snprintf(buf, sizeof buf, "%llu", (unsigned long long)id);
	strv_push(sv, buf);
	return sv->n >= 2; /* a page of two */
}

static void assert_page(struct fx *f, const char *name, uint64_t after, uint64_t x, uint64_t y)
{
	struct strv sv = {0};
	assert_int_equal(record_scan_name_after(f->t.c->st, NULL, f->hh, name, after, collect_id, &sv), 0);
	assert_int_equal(sv.n, (x != 0) + (y != 0));
	if (x)
		assert_int_equal(strtoull(sv.v[0], NULL, 10), x);
	if (y)
		assert_int_equal(strtoull(sv.v[1], NULL, 10), y);
	strv_free(&sv);
}

/* Pages in name order, each starting after the last row of the one before (name, then id), and
 * one started from a name the index's estimate puts at a share of the type. */
static void test_scan_name_after(void **state)
{
	struct fx *f = *state;
	uint64_t d = 0;
	char id[19];
	tl_idnum("32120419800101123", id);
	assert_int_equal(tl_household(&f->t, NULL, id, "张三", "321204001001001", &d), 0);
	/* 张三 (a, then d), 张三丰 (b), 李四 (c): UTF-8 order, then the id. */
	assert_page(f, NULL, 0, f->a, d);
	assert_page(f, "张三", f->a, d, f->b);
	assert_page(f, "张三", d, f->b, f->c);
	assert_page(f, "张三丰", f->b, f->c, 0);
	assert_page(f, "李四", f->c, 0, 0);
	/* A name that is no record's starts the page at the next name. */
	assert_page(f, "张三一", 0, f->b, f->c);
	char *name = NULL;
	assert_int_equal(record_name_at(f->t.c->st, NULL, f->hh, 0.0, &name), 0);
	assert_page(f, name, 0, f->a, d);
	free(name);
	assert_int_equal(record_name_at(f->t.c->st, NULL, f->hh, 1.0, &name), 0);
	assert_page(f, name, 0, 0, 0);
	free(name);
	/* Another type's names are not on the page. */
	struct strv sv = {0};
	assert_int_equal(record_scan_name_after(f->t.c->st, NULL, f->person, NULL, 0, collect, &sv), 0);
	for (int i = 0; i < sv.n; i++)
		assert_true(strncmp(sv.v[i], "person:", 7) == 0);
	strv_free(&sv);
}

static void test_person_fields_shared(void **state)
{
	struct fx *f = *state;
	struct store *st = f->t.c->st;
	struct rec *r = NULL;
	assert_int_equal(record_load(st, NULL, f->hh, f->a, &r, false), 0);
	assert_string_equal(rec_get(r, "name"), "张三");
	assert_string_equal(rec_get(r, "birth"), "1949-12-31");
	assert_string_equal(rec_get(r, "sex"), "2");
	/* The role keeps only the ID number; the name lives in the person record. */
	uint64_t pid;
	assert_int_equal(record_by_key(st, NULL, f->person, "11010519491231002X", &pid), 0);
	struct rec *p = NULL;
	assert_int_equal(record_load(st, NULL, f->person, pid, &p, false), 0);
	rec_set_raw(p, rtype_field(f->person, "name"), "张叁");
	assert_int_equal(service_save(f->t.c, &service_console, p, NULL), 0);
	rec_free(&r);
	assert_int_equal(record_load(st, NULL, f->hh, f->a, &r, false), 0);
	assert_string_equal(rec_get(r, "name"), "张叁");
	rec_free(&r);
	rec_free(&p);
}

static int remove_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct rec *r = arg;
	return record_remove(st, txn, r);
}

static void test_remove_clears_indexes(void **state)
{
	struct fx *f = *state;
	struct store *st = f->t.c->st;
	struct rec *r = NULL;
	assert_int_equal(record_load(st, NULL, f->hh, f->b, &r, false), 0);
	assert_int_equal(store_run(st, remove_txn, r), 0);
	rec_free(&r);
	uint64_t id;
	assert_int_equal(record_by_key(st, NULL, f->hh, "440524188001010014", &id), ZZ_ENOENT);
	struct strv sv = {0};
	assert_int_equal(record_scan_name(st, NULL, f->hh, "张三丰", collect, &sv), 0);
	assert_int_equal(sv.n, 0);
	assert_int_equal(record_scan_unit(st, NULL, f->hh, "321204001002", collect, &sv), 0);
	assert_int_equal(sv.n, 0);
	assert_int_equal(record_scan_idnum(st, NULL, "440524188001010014", collect, &sv), 0);
	assert_int_equal(sv.n, 1); /* the person stays */
	strv_free(&sv);
	assert_int_equal(record_load(st, NULL, f->hh, f->b, &r, false), ZZ_ENOENT);
	/* The key is free again. */
	assert_int_equal(tl_household(&f->t, NULL, "440524188001010014", "张三丰", "321204001002001", NULL), 0);
}

static void test_update_moves_index_rows(void **state)
{
	struct fx *f = *state;
	struct rec *r = NULL;
	assert_int_equal(record_load(f->t.c->st, NULL, f->hh, f->c, &r, false), 0);
	rec_set_meta(&r->unit, "321204001001002");
	assert_int_equal(service_save(f->t.c, &service_console, r, NULL), 0);
	rec_free(&r);
	struct strv sv = {0};
	assert_int_equal(record_scan_unit(f->t.c->st, NULL, f->hh, "321204002", collect, &sv), 0);
	assert_int_equal(sv.n, 0);
	assert_int_equal(record_scan_unit(f->t.c->st, NULL, f->hh, "321204001001002", collect, &sv), 0);
	assert_int_equal(sv.n, 1);
	strv_free(&sv);
	/* A record in a unit that does not exist is refused. */
	char id[19];
	tl_idnum("11010519800101001", id);
	assert_int_equal(tl_household(&f->t, NULL, id, "无单位", "321204999", NULL), ZZ_EINVAL);
}

/* A period's start never after its end ("le" between two dates, screens/): a tenant's 承租时间 after
 * the 退租日期, typed the wrong way round, was stored as it was. The same day is a period; an end
 * not given is no bound. */
static void test_dates_in_order(void **state)
{
	struct fx *f = *state;
	static const struct {
		const char *type, *start, *end;
	} spans[] = {{"rental_tenant", "lease_start", "lease_end"},
		     {"rental", "lease_start", "lease_end"},
		     {"corrections", "start", "end"},
		     {"risk_assessment", "start", "end"}};
	for (size_t k = 0; k < ARRAY_LEN(spans); k++) {
		const struct rtype *t = schema_type(f->t.c->schema, spans[k].type);
		assert_non_null(t);
		int a = rtype_field(t, spans[k].start), b = rtype_field(t, spans[k].end);
		assert_true(a >= 0 && b >= 0);
		assert_int_equal(t->f[a].le, b);
	}
	const struct rtype *t = schema_type(f->t.c->schema, "rental_tenant");
	struct rec *r = rec_new(t);
	char id[19];
	tl_idnum("32120419880808123", id);
	static const char *const fields[][2] = {{"house_no", "T1"},	  {"tenant_name", "赵某"},
						{"tenant_phone", "13912345678"}, {"lease_start", "2026-11-20"},
						{"lease_end", "2026-11-01"}};
	for (size_t i = 0; i < ARRAY_LEN(fields); i++)
		assert_int_equal(rec_set(r, fields[i][0], fields[i][1]), 0);
	assert_int_equal(rec_set(r, "tenant_idnum", id), 0);
	int bad = -1;
	assert_int_equal(rec_check(r, &bad), ZZ_EINVAL);
	assert_int_equal(bad, rtype_field(t, "lease_start"));
	assert_string_equal(errmsg(), "承租时间（2026-11-20）不能晚于退租日期（2026-11-01）");
	assert_int_equal(rec_set(r, "lease_end", "2026-11-20"), 0);
	assert_int_equal(rec_check(r, &bad), 0);
	assert_int_equal(rec_set(r, "lease_end", ""), 0);
	assert_int_equal(rec_check(r, &bad), 0);
	rec_free(&r);
}

/* A date of something that has happened (a registration, a seizure, an onset, a finding) is not
 * after today: a floating person's 登记日期 of next month was taken as typed. */
static void test_happened_dates(void **state)
{
	struct fx *f = *state;
	static const char *const happened[][3] = {
	    {"floating", "register_date", "登记日期"}, {"floating", "inflow_date", "流入日期"},
	    {"corrections", "report_date", "报到日期"}, {"drug", "first_found", "初次发现时间"},
	    {"drug", "seized", "查获日期"},	     {"mental", "onset", "初次发病日期"},
	    {"petitioner", "first", "首次上访日期"},   {"threat", "found", "发现日期"}};
	/* Two days ahead: still after today should the clock pass midnight meanwhile. */
	char today[11], later[11];
	date_format(date_today(time(NULL)), today);
	date_format(date_today(time(NULL)) + 2, later);
	for (size_t k = 0; k < ARRAY_LEN(happened); k++) {
		const struct rtype *t = schema_type(f->t.c->schema, happened[k][0]);
		assert_non_null(t);
		int i = rtype_field(t, happened[k][1]);
		assert_true(i >= 0);
		char *out = NULL;
		assert_int_equal(validate_field(&t->f[i], later, &out), ZZ_EINVAL);
		assert_null(out);
		char want[64];
		snprintf(want, sizeof want, "%s不能晚于今天", happened[k][2]);
		assert_string_equal(errmsg(), want);
		assert_int_equal(validate_field(&t->f[i], today, &out), 0);
		assert_string_equal(out, today);
		free(out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_key, setup, tl_state_teardown),
		cmocka_unit_test_setup_teardown(test_key_value_short, setup, tl_state_teardown),
		cmocka_unit_test_setup_teardown(test_scan_unit, setup, tl_state_teardown),
		cmocka_unit_test_setup_teardown(test_scan_name_and_idnum, setup, tl_state_teardown),
		cmocka_unit_test_setup_teardown(test_scan_name_after, setup, tl_state_teardown),
		cmocka_unit_test_setup_teardown(test_person_fields_shared, setup, tl_state_teardown),
		cmocka_unit_test_setup_teardown(test_remove_clears_indexes, setup, tl_state_teardown),
		cmocka_unit_test_setup_teardown(test_update_moves_index_rows, setup, tl_state_teardown),
		cmocka_unit_test_setup_teardown(test_dates_in_order, setup, tl_state_teardown),
		cmocka_unit_test_setup_teardown(test_happened_dates, setup, tl_state_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
