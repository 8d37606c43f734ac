/* test_import.c — CSV in (and out, export.c): good rows stored, bad rows to the reject file with
 * line, column and reason, the same file again changes nothing, an export read back changes
 * nothing, and rows outside an account's scope are rejected one by one. */
#include "testlib.h"

#include "claim.h"
#include "export.h"
#include "import.h"
#include "service.h"
#include "stats.h"

struct fx {
	struct tl t;
	const struct rtype *hh;
	char *csv;
};

/* A database with the unit tree; EDIT_FROM/EDIT_TO change one setting (tl_init_conf). */
static int fx_open(void **state, const char *edit_from, const char *edit_to)
{
	struct fx *f = xcalloc(1, sizeof *f);
	tl_init_conf(&f->t, edit_from, edit_to);
	tl_open_ctx(&f->t, true);
	f->hh = schema_type(f->t.c->schema, "household");
	f->csv = xasprintf("%s/in.csv", f->t.dir);
	*state = f;
	return 0;
}

static int setup(void **state)
{
	return fx_open(state, NULL, NULL);
}

static int teardown(void **state)
{
	struct fx *f = *state;
	free(f->csv);
	tl_close(&f->t);
	free(f);
	return 0;
}

static int import(struct fx *f, const struct user *u, struct import_result *res)
{
	struct import_opts o = {.file = f->csv};
	return import_csv(f->t.c, u ? u : &service_console, f->hh, &o, res);
}

static void test_bad_rows_then_again(void **state)
{
	struct fx *f = *state;
	char i1[19], i2[19], i3[19];
	tl_idnum("32120419800101001", i1);
	tl_idnum("32120419800101002", i2);
	tl_idnum("32120419800101003", i3);
	char *text = xasprintf("所属单位,身份证号,姓名,民族,现住门（楼）详址,人户情况,与户主关系,住所类型\n"
			       "321204001001001,%s,王一,汉族,一组,人户同在,本人,自有住房\n"
			       "321204001001001,%.17s0,王二,汉族,一组,人户同在,本人,自有住房\n"
			       "321204001001001,%s,,汉族,一组,人户同在,本人,自有住房\n"
			       "321204009,%s,王四,汉族,一组,人户同在,本人,自有住房\n"
			       "321204002001001,%s,王五,汉族,二组,人户分离,配偶,租赁房屋\n",
			       i1, i2[17] == '0' ? "32120419800101009" : i2, i2, i2, i3);
	tl_write(f->csv, text);
	free(text);
	struct import_result res;
	assert_int_equal(import(f, NULL, &res), 0);
	assert_int_equal(res.n.rows, 5);
	assert_int_equal(res.n.added, 2);
	assert_int_equal(res.n.rejected, 3);
	char *rej = tl_slurp(res.rejects_path, NULL);
	assert_non_null(rej);
	assert_non_null(strstr(rej, "行号\t列\t原因\n"));
	assert_non_null(strstr(rej, "\n3\t身份证号\t"));
	assert_non_null(strstr(rej, "\n4\t姓名\t姓名是必填项"));
	assert_non_null(strstr(rej, "\n5\t所属单位\t所属单位不存在"));
	free(rej);
	import_result_free(&res);
	/* Again: nothing changes. */
	uint64_t before = 0, after = 0;
	assert_int_equal(audit_verify(f->t.c, &before), 0);
	assert_int_equal(import(f, NULL, &res), 0);
	assert_int_equal(res.n.added, 0);
	assert_int_equal(res.n.updated, 0);
	assert_int_equal(res.n.unchanged, 2);
	assert_int_equal(res.n.rejected, 3);
	assert_int_equal(audit_verify(f->t.c, &after), 0);
	assert_true(after >= before); /* the import itself is audited; no record changed */
	import_result_free(&res);
}

/* Batches of two rows: the reader thread hands over several chunks, rows refused while reading
 * (bad ID number, unknown unit) and while storing (a required field left empty) reach the reject
 * file once each, in line order, and the counts add up across batches, the counters (written once
 * a batch) too. */
static int setup_small_batches(void **state)
{
	return fx_open(state, "batch_rows = 2000;", "batch_rows = 2;");
}

static void test_small_batches(void **state)
{
	struct fx *f = *state;
	assert_int_equal(conf_int(f->t.c->conf, "import.batch_rows"), 2);
	struct sb text;
	sb_init(&text);
	sb_adds(&text, "所属单位,身份证号,姓名,民族,现住门（楼）详址,人户情况,与户主关系,住所类型\n");
	/* Lines 2 to 9: good, bad ID number, no name, good, unknown unit, good, no name, good. */
	const char *names[] = {"王一", "王二", "", "王四", "王五", "王六", "", "王八"};
	for (int i = 0; i < 8; i++) {
		char base[18], id[19];
		snprintf(base, sizeof base, "3212041980010110%d", i);
		tl_idnum(base, id);
		if (i == 1)
			id[17] = id[17] == '0' ? '1' : '0';
		sb_addf(&text, "%s,%s,%s,汉族,一组,人户同在,本人,自有住房\n", i == 4 ? "321204009" : "321204001001001",
			id, names[i]);
	}
	tl_write(f->csv, text.buf);
	sb_free(&text);
	struct import_result res;
	for (int run = 0; run < 2; run++) {
		assert_int_equal(import(f, NULL, &res), 0);
		assert_int_equal(res.n.rows, 8);
		assert_int_equal(res.n.added, run ? 0 : 4);
		assert_int_equal(res.n.unchanged, run ? 4 : 0);
		assert_int_equal(res.n.rejected, 4);
		char *rej = tl_slurp(res.rejects_path, NULL);
		assert_non_null(rej);
		const char *want[] = {"行号\t列\t原因\n3\t身份证号\t", "\n4\t姓名\t姓名是必填项\n",
				      "\n6\t所属单位\t所属单位不存在\n", "\n8\t姓名\t姓名是必填项\n"};
		const char *at = rej;
		for (size_t i = 0; i < ARRAY_LEN(want); i++) {
			const char *p = strstr(at, want[i]);
			if (!p)
				fail_msg("run %d: no \"%s\" after offset %td in:\n%s", run, want[i], at - rej, rej);
			at = p + 1;
		}
		int lines = 0;
		for (const char *p = rej; *p; p++)
			lines += *p == '\n';
		assert_int_equal(lines, 5);
		free(rej);
		import_result_free(&res);
		long long n = -1;
		assert_int_equal(stats_total(f->t.c->st, NULL, "", "household", &n), 0);
		assert_int_equal(n, 4);
		long rows = 0, bad = 0;
		assert_int_equal(stats_verify(f->t.c, &rows, &bad), 0);
		if (bad)
			fail_msg("run %d: %s", run, errmsg());
	}
}

static void test_export_round_trip(void **state)
{
	struct fx *f = *state;
	char id[19];
	tl_idnum("32120419800101001", id);
	assert_int_equal(tl_household(&f->t, NULL, id, "王一", "321204001001001", NULL), 0);
	tl_idnum("32120419800101002", id);
	assert_int_equal(tl_household(&f->t, NULL, id, "王二,\"引号\"", "321204002001001", NULL), 0);
	FILE *out = fopen(f->csv, "w");
	long n = 0;
	assert_int_equal(export_csv(f->t.c, &service_console, f->hh, NULL, out, &n), 0);
	fclose(out);
	assert_int_equal(n, 2);
	char *text = tl_slurp(f->csv, NULL);
	assert_true(str_prefix(text, "所属单位,身份证号,姓名,"));
	assert_non_null(strstr(text, "\"王二,\"\"引号\"\"\""));
	free(text);
	struct import_result res;
	assert_int_equal(import(f, NULL, &res), 0);
	assert_int_equal(res.n.rows, 2);
	assert_int_equal(res.n.unchanged, 2);
	assert_int_equal(res.n.rejected, 0);
	import_result_free(&res);
	/* An export by an account without the right to unmask is masked, and refused on the way back
	 * (a masked ID number is no ID number). */
	struct user *leader = tl_user(&f->t, "leader", "321204", "leader", NULL);
	out = fopen(f->csv, "w");
	assert_int_equal(export_csv(f->t.c, leader, f->hh, NULL, out, &n), 0);
	fclose(out);
	text = tl_slurp(f->csv, NULL);
	assert_non_null(strstr(text, "********"));
	free(text);
	assert_int_equal(import(f, NULL, &res), 0);
	assert_int_equal(res.n.rejected, 2);
	import_result_free(&res);
	/* A leader may not import at all. */
	assert_int_equal(import(f, leader, &res), ZZ_EPERM);
	import_result_free(&res);
	user_free(&leader);
}

static void test_scope_and_update(void **state)
{
	struct fx *f = *state;
	struct user *village = tl_user(&f->t, "village", "321204001001", "office", NULL);
	char i1[19], i2[19];
	tl_idnum("32120419800101001", i1);
	tl_idnum("32120419800101002", i2);
	char *text = xasprintf("所属单位,身份证号,姓名,民族,现住门（楼）详址,人户情况,与户主关系,住所类型\n"
			       "321204001001001,%s,王一,汉族,一组,人户同在,本人,自有住房\n"
			       "321204002001001,%s,王二,汉族,二组,人户同在,本人,自有住房\n",
			       i1, i2);
	tl_write(f->csv, text);
	free(text);
	struct import_result res;
	/* The village's own row is stored; the other township's is not stored there (R-AC-1): it is
	 * rejected or kept for routing (claim.h). */
	assert_int_equal(import(f, village, &res), 0);
	import_result_free(&res);
	uint64_t other;
	if (record_by_key(f->t.c->st, NULL, f->hh, i2, &other) == 0) {
		struct rec *o = NULL;
		assert_int_equal(record_load(f->t.c->st, NULL, f->hh, other, &o, false), 0);
		assert_false(units_under(ctx_units(f->t.c), o->unit, "321204002"));
		rec_free(&o);
	}
	/* A changed value updates the record in place. */
	text = xasprintf("身份证号,现住门（楼）详址\n%s,三组\n", i1);
	tl_write(f->csv, text);
	free(text);
	assert_int_equal(import(f, village, &res), 0);
	assert_int_equal(res.n.updated, 1);
	import_result_free(&res);
	uint64_t id;
	assert_int_equal(record_by_key(f->t.c->st, NULL, f->hh, i1, &id), 0);
	struct rec *r = NULL;
	assert_int_equal(record_load(f->t.c->st, NULL, f->hh, id, &r, false), 0);
	assert_string_equal(rec_get(r, "live_address"), "三组");
	assert_string_equal(rec_get(r, "name"), "王一"); /* columns not in the file are kept */
	rec_free(&r);
	user_free(&village);
}

static int referred_entry(const struct audit_entry *e, void *arg)
{
	*(bool *)arg |= strcmp(e->result, "referred") == 0;
	return 0;
}

/* A row about a person another township holds: the reject reason names neither the record nor
 * its unit (it said "已有的记录不在本单位的管辖范围内"), the record is unchanged and its unit is
 * asked to check it (issue 15). */
static void test_row_outside_scope_is_neutral(void **state)
{
	struct fx *f = *state;
	struct user *village = tl_user(&f->t, "village", "321204001001", "office", NULL);
	char i2[19];
	tl_idnum("32120419800101002", i2);
	assert_int_equal(tl_household(&f->t, NULL, i2, "王二", "321204002001001", NULL), 0);
	char *text = xasprintf("身份证号,现住门（楼）详址\n%s,三组\n", i2);
	tl_write(f->csv, text);
	free(text);
	struct import_result res;
	assert_int_equal(import(f, village, &res), 0);
	assert_int_equal(res.n.rejected, 1);
	char *rej = tl_slurp(res.rejects_path, NULL);
	assert_non_null(strstr(rej, SERVICE_REFERRED_ROW));
	assert_null(strstr(rej, "管辖范围"));
	free(rej);
	import_result_free(&res);
	bool referred = false;
	audit_scan(f->t.c, 0, "village", referred_entry, &referred);
	assert_true(referred);
	user_free(&village);
}

/* A role (流动人口) of a person another township holds: a new one is referred like a known record,
 * a known one takes the file's values but for the person's; the person's record is unchanged (the
 * role's 姓名 renamed that township's person). */
static void test_role_of_person_outside_scope(void **state)
{
	struct fx *f = *state;
	struct user *village = tl_user(&f->t, "village", "321204001001", "office", NULL);
	char i2[19];
	tl_idnum("32120419800101002", i2);
	assert_int_equal(tl_household(&f->t, NULL, i2, "王二", "321204002001001", NULL), 0);
	char *text = xasprintf("所属单位,身份证号,姓名,民族,现住门（楼）详址,住所类型,流入原因,流入日期,登记日期,是否重点关注人员\n"
			       "321204001001001,%s,赵九,汉族,一组,自有住房,务工,2026-01-01,2026-01-02,否\n",
			       i2);
	tl_write(f->csv, text);
	free(text);
	struct import_opts o = {.file = f->csv};
	struct import_result res;
	assert_int_equal(import_csv(f->t.c, village, schema_type(f->t.c->schema, "floating"), &o, &res), 0);
	assert_int_equal(res.n.rejected, 1);
	char *rej = tl_slurp(res.rejects_path, NULL);
	assert_non_null(strstr(rej, SERVICE_REFERRED_ROW));
	free(rej);
	import_result_free(&res);
	const struct rtype *pt = schema_type(f->t.c->schema, "person");
	uint64_t pid;
	assert_int_equal(record_by_key(f->t.c->st, NULL, pt, i2, &pid), 0);
	struct rec *p = NULL;
	assert_int_equal(record_load(f->t.c->st, NULL, pt, pid, &p, false), 0);
	assert_string_equal(rec_get(p, "name"), "王二");
	rec_free(&p);
	/* Placed in the village by the console: the village's file updates the role, not the person. */
	text = xasprintf("所属单位,身份证号,姓名,民族,现住门（楼）详址,住所类型,流入原因,流入日期,登记日期,是否重点关注人员\n"
			 "321204001001001,%s,王二,汉族,一组,自有住房,务工,2026-01-01,2026-01-02,否\n",
			 i2);
	tl_write(f->csv, text);
	free(text);
	assert_int_equal(import_csv(f->t.c, &service_console, schema_type(f->t.c->schema, "floating"), &o, &res), 0);
	assert_int_equal(res.n.added, 1);
	import_result_free(&res);
	text = xasprintf("身份证号,姓名,流入日期\n%s,赵九,2026-01-03\n", i2);
	tl_write(f->csv, text);
	free(text);
	assert_int_equal(import_csv(f->t.c, village, schema_type(f->t.c->schema, "floating"), &o, &res), 0);
	assert_int_equal(res.n.updated, 1);
	import_result_free(&res);
	assert_int_equal(record_load(f->t.c->st, NULL, pt, pid, &p, false), 0);
	assert_string_equal(rec_get(p, "name"), "王二");
	rec_free(&p);
	user_free(&village);
}

static int last_audit(const struct audit_entry *e, void *arg)
{
	snprintf(arg, 256, "%s %s %s %s %s", e->user, e->type, e->object, e->result, e->detail);
	return 0;
}

/* A conflict on a person field of a role in the village whose person another township holds (the
 * county's file against a local edit): the village may keep its value, not take the file's, which
 * would be written to that township's person record. Another village's conflicts answer as a record
 * not there (R-AC-1); both refusals audited as refused. */
static void test_conflict_on_person_outside_scope(void **state)
{
	struct fx *f = *state;
	struct user *village = tl_user(&f->t, "village", "321204001001", "office", NULL);
	struct user *village2 = tl_user(&f->t, "village2", "321204002001", "office", NULL);
	struct user *county = tl_user(&f->t, "county", "321204", "office", NULL);
	const struct rtype *ft = schema_type(f->t.c->schema, "floating");
	const struct rtype *pt = schema_type(f->t.c->schema, "person");
	char i2[19];
	tl_idnum("32120419800101002", i2);
	assert_int_equal(tl_household(&f->t, NULL, i2, "王二", "321204002001001", NULL), 0);
	char *text = xasprintf("所属单位,身份证号,姓名,民族,现住门（楼）详址,住所类型,流入原因,流入日期,登记日期,是否重点关注人员\n"
			       "321204001001001,%s,王二,汉族,一组,自有住房,务工,2026-01-01,2026-01-02,否\n",
			       i2);
	tl_write(f->csv, text);
	free(text);
	struct import_opts o = {.file = f->csv};
	struct import_result res;
	assert_int_equal(import_csv(f->t.c, &service_console, ft, &o, &res), 0);
	assert_int_equal(res.n.added, 1);
	import_result_free(&res);
	uint64_t rid, pid;
	assert_int_equal(record_by_key(f->t.c->st, NULL, ft, i2, &rid), 0);
	assert_int_equal(record_by_key(f->t.c->st, NULL, pt, i2, &pid), 0);
	/* Renamed here (the person's unit may), then the county's file says otherwise: a conflict. */
	struct rec *r = NULL;
	assert_int_equal(record_load(f->t.c->st, NULL, ft, rid, &r, false), 0);
	assert_int_equal(rec_set(r, "name", "王三"), 0);
	assert_int_equal(service_save(f->t.c, &service_console, r, NULL), 0);
	rec_free(&r);
	text = xasprintf("身份证号,姓名\n%s,赵九\n", i2);
	tl_write(f->csv, text);
	free(text);
	assert_int_equal(import_csv(f->t.c, county, ft, &o, &res), 0);
	assert_int_equal(res.n.conflicts, 1);
	import_result_free(&res);
	assert_int_equal(claims_resolve(f->t.c, village, ft, rid, "name", true), ZZ_EPERM);
	assert_errmsg_has("姓名是人员基本信息，由此人所在的单位维护，本账号不能修改");
	char last[256] = "";
	audit_scan(f->t.c, 0, "village", last_audit, last);
	assert_non_null(strstr(last, "village edit floating:"));
	assert_non_null(strstr(last, "refused"));
	struct rec *p = NULL;
	assert_int_equal(record_load(f->t.c->st, NULL, pt, pid, &p, false), 0);
	assert_string_equal(rec_get(p, "name"), "王三");
	rec_free(&p);
	/* Another village: no such record, whatever it asks. */
	char want[64];
	snprintf(want, sizeof want, "流动人口记录 %llu 不存在", (unsigned long long)rid);
	assert_int_equal(claims_resolve(f->t.c, village2, ft, rid, "name", false), ZZ_ENOENT);
	assert_string_equal(errmsg(), want);
	audit_scan(f->t.c, 0, "village2", last_audit, last);
	assert_non_null(strstr(last, "village2 edit floating:"));
	assert_non_null(strstr(last, "refused"));
	assert_int_equal(claims_accept(f->t.c, village2, ft, rid, "321204002001001"), ZZ_ENOENT);
	assert_string_equal(errmsg(), want);
	assert_int_equal(claims_return(f->t.c, village2, ft, rid, "不是本村的"), ZZ_ENOENT);
	assert_string_equal(errmsg(), want);
	assert_int_equal(claims_route(f->t.c, village2, ft, rid, "321204002001001"), ZZ_ENOENT);
	assert_string_equal(errmsg(), want);
	audit_scan(f->t.c, 0, "village2", last_audit, last);
	assert_non_null(strstr(last, "village2 claim_route floating:"));
	assert_non_null(strstr(last, "refused"));
	/* The village keeps its value: the conflict is gone. */
	assert_int_equal(claims_resolve(f->t.c, village, ft, rid, "name", false), 0);
	assert_int_equal(claims_resolve(f->t.c, village, ft, rid, "name", true), ZZ_EINVAL);
	user_free(&village);
	user_free(&village2);
	user_free(&county);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_bad_rows_then_again, setup, teardown),
		cmocka_unit_test_setup_teardown(test_row_outside_scope_is_neutral, setup, teardown),
		cmocka_unit_test_setup_teardown(test_role_of_person_outside_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(test_conflict_on_person_outside_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(test_small_batches, setup_small_batches, teardown),
		cmocka_unit_test_setup_teardown(test_export_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scope_and_update, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
