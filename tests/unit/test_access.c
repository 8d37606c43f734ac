/* test_access.c — access requests (access.c, R-AC-1): what a request covers (type, subtree, period,
 * granted only), perm_check letting a requester view under a running grant only, and a decided
 * request kept as decided and kept at all (the feature's frozen hook). */
#include "testlib.h"

#include <time.h>

#include "access.h"
#include "audit.h"
#include "record.h"
#include "schema.h"

static struct rec *request(struct tl *t, const char *state, const char *types)
{
	struct rec *r = rec_new(schema_type(t->c->schema, "access_request"));
	const char *kv[][2] = {{"to", "321204"}, {"types", types}, {"scope", "321204001"}, {"reason", "r"},
			       {"start", "2027-03-02"}, {"end", "2027-03-11"}};
	for (size_t i = 0; i < ARRAY_LEN(kv); i++)
		if (rec_set(r, kv[i][0], kv[i][1]) < 0)
			fail_msg("%s", errmsg());
	rec_set_raw(r, rtype_field(r->t, "state"), state);
	rec_set_meta(&r->unit, "321204002");
	return r;
}

static void test_covers(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	const struct units *us = ctx_units(t.c);
	const struct rtype *ledger = schema_type(t.c->schema, "ledger"), *sqmy = schema_type(t.c->schema, "sqmy");
	int d0, d1, d2;
	assert_int_equal(date_parse("2027-03-02", &d0), 0);
	assert_int_equal(date_parse("2027-03-11", &d1), 0);
	assert_int_equal(date_parse("2027-03-12", &d2), 0);
	struct rec *r = request(&t, "2", "sqmy,ledger");
	assert_true(access_covers(us, r, ledger, "321204001001", d0));
	assert_true(access_covers(us, r, ledger, "321204001", d1));
	assert_false(access_covers(us, r, ledger, "321204001", d0 - 1));
	assert_false(access_covers(us, r, ledger, "321204001", d2));
	assert_false(access_covers(us, r, ledger, "321204", d0));
	assert_true(access_covers(us, r, sqmy, "321204001", d0));
	rec_free(&r);
	r = request(&t, "2", "sqmy_x");
	assert_false(access_covers(us, r, sqmy, "321204001", d0));
	rec_free(&r);
	r = request(&t, "3", "ledger");
	assert_false(access_covers(us, r, ledger, "321204001", d0));
	rec_free(&r);
	tl_close(&t);
}

/* Today's grant opens the subtree for viewing only; a request waiting opens nothing. */
static void test_perm(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	struct user *town2 = tl_user(&t, "town2", "321204002", "office", NULL);
	struct user *county = tl_user(&t, "county", "321204", "office", NULL);
	const struct rtype *ledger = schema_type(t.c->schema, "ledger");
	char today[11], later[11];
	date_format(date_today(time(NULL)), today);
	date_format(date_today(time(NULL)) + 5, later);
	struct rec *r = rec_new(schema_type(t.c->schema, "access_request"));
	const char *kv[][2] = {{"to", "321204"}, {"types", "ledger"}, {"scope", "321204001"}, {"reason", "r"},
			       {"start", today}, {"end", later}};
	for (size_t i = 0; i < ARRAY_LEN(kv); i++)
		assert_int_equal(rec_set(r, kv[i][0], kv[i][1]), 0);
	rec_set_meta(&r->unit, "321204002");
	assert_int_equal(service_save(t.c, town2, r, NULL), 0);
	uint64_t id = r->id;
	rec_free(&r);
	assert_int_equal(perm_check(t.c, town2, ACT_VIEW, ledger, "321204001001"), ZZ_EPERM);
	assert_int_equal(access_may_decide(t.c, town2, id), ZZ_EPERM);
	assert_int_equal(access_decide(t.c, town2, id, true, NULL), ZZ_EPERM);
	assert_int_equal(access_may_decide(t.c, county, id), 0);
	assert_int_equal(access_decide(t.c, county, id, true, NULL), 0);
	/* Decided: the screen is told so before a decision and its note are typed. */
	assert_int_equal(access_may_decide(t.c, county, id), ZZ_EINVAL);
	assert_errmsg_has("这份申请已经审批");
	assert_int_equal(access_may_decide(t.c, county, id + 100), ZZ_ENOENT);
	assert_int_equal(perm_check(t.c, town2, ACT_VIEW, ledger, "321204001001"), 0);
	assert_int_equal(perm_check(t.c, town2, ACT_EDIT, ledger, "321204001001"), ZZ_EPERM);
	assert_int_equal(perm_check(t.c, town2, ACT_VIEW, ledger, "321204"), ZZ_EPERM);
	assert_int_equal(perm_check(t.c, town2, ACT_VIEW, schema_type(t.c->schema, "sqmy"), "321204001"), ZZ_EPERM);
	user_free(&town2);
	user_free(&county);
	tl_close(&t);
}

/* Change field FIELD of request ID to VALUE as U through the record actions. */
static int edit_request(struct tl *t, const struct user *u, uint64_t id, const char *field, const char *value)
{
	return tl_edit(t, u, schema_type(t->c->schema, ACCESS_TYPE), id, field, value);
}

/* Whether stored request ID is frozen. */
static int frozen(struct tl *t, const struct user *u, uint64_t id)
{
	return tl_frozen(t, u, schema_type(t->c->schema, ACCESS_TYPE), id);
}

static int last_audit(const struct audit_entry *e, void *arg)
{
	snprintf(arg, 512, "%s %s %s %s", e->type, e->object, e->result, e->detail);
	return 0;
}

/* A waiting request is still corrected; once granted or refused it stays as decided, whoever asks:
 * the one rule is the feature's frozen hook, which the save and the form both ask; the refused
 * edit is audited, as a refused delete is. */
static void test_decided_is_frozen(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	struct user *town2 = tl_user(&t, "town2", "321204002", "office", NULL);
	struct user *county = tl_user(&t, "county", "321204", "office", NULL);
	uint64_t id[2];
	for (int i = 0; i < 2; i++) {
		struct rec *r = request(&t, NULL, "ledger");
		assert_int_equal(service_save(t.c, town2, r, NULL), 0);
		id[i] = r->id;
		rec_free(&r);
		assert_int_equal(frozen(&t, town2, id[i]), 0);
		assert_int_equal(edit_request(&t, town2, id[i], "reason", "交流学习"), 0);
	}
	assert_int_equal(access_decide(t.c, county, id[0], true, NULL), 0);
	assert_int_equal(access_decide(t.c, county, id[1], false, "理由不充分"), 0);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(frozen(&t, town2, id[i]), ZZ_EINVAL);
		assert_errmsg_has("已审批的申请不能修改");
		assert_int_equal(edit_request(&t, town2, id[i], "end", "2027-03-05"), ZZ_EINVAL);
		assert_errmsg_has("已审批的申请不能修改");
		char last[512] = "", obj[160];
		snprintf(obj, sizeof obj, "edit access_request:%llu refused 已审批的申请不能修改",
			 (unsigned long long)id[i]);
		audit_scan(t.c, 0, "town2", last_audit, last);
		assert_non_null(strstr(last, obj));
		assert_int_equal(edit_request(&t, &service_console, id[i], "reason", "改"), ZZ_EINVAL);
		struct rec *r = NULL;
		assert_int_equal(service_get(t.c, town2, schema_type(t.c->schema, ACCESS_TYPE), id[i], &r), 0);
		assert_string_equal(rec_get(r, "end"), "2027-03-11");
		assert_string_equal(rec_get(r, "reason"), "交流学习");
		rec_free(&r);
	}
	user_free(&town2);
	user_free(&county);
	tl_close(&t);
}

/* A waiting request may be withdrawn (deleted); a decided one is the record of a grant or a
 * refusal and stays, whoever asks (the console too); the refused attempt is audited. */
static void test_decided_is_kept(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	struct user *town2 = tl_user(&t, "town2", "321204002", "office", NULL);
	struct user *county = tl_user(&t, "county", "321204", "office", NULL);
	const struct rtype *at = schema_type(t.c->schema, ACCESS_TYPE);
	uint64_t id[3];
	for (int i = 0; i < 3; i++) {
		struct rec *r = request(&t, NULL, "ledger");
		assert_int_equal(service_save(t.c, town2, r, NULL), 0);
		id[i] = r->id;
		rec_free(&r);
	}
	assert_int_equal(access_decide(t.c, county, id[0], true, NULL), 0);
	assert_int_equal(access_decide(t.c, county, id[1], false, "理由不充分"), 0);
	char last[512] = "", obj[160];
	for (int i = 0; i < 2; i++) {
		struct rec *r = NULL;
		assert_int_equal(service_get(t.c, town2, at, id[i], &r), 0);
		assert_int_equal(service_frozen(t.c, NULL, r, ACT_DELETE), ZZ_EPERM);
		assert_errmsg_has("已审批的信息查阅申请不能删除");
		rec_free(&r);
		assert_int_equal(service_delete(t.c, town2, at, id[i]), ZZ_EPERM);
		assert_errmsg_has("已审批的信息查阅申请不能删除");
		snprintf(obj, sizeof obj, "delete access_request:%llu refused 已审批的信息查阅申请不能删除",
			 (unsigned long long)id[i]);
		audit_scan(t.c, 0, "town2", last_audit, last);
		assert_non_null(strstr(last, obj));
		assert_int_equal(service_delete(t.c, &service_console, at, id[i]), ZZ_EPERM);
		assert_int_equal(service_get(t.c, town2, at, id[i], &r), 0);
		rec_free(&r);
	}
	struct rec *r = NULL;
	assert_int_equal(service_get(t.c, town2, at, id[2], &r), 0);
	assert_int_equal(service_frozen(t.c, NULL, r, ACT_DELETE), 0);
	rec_free(&r);
	assert_int_equal(service_delete(t.c, town2, at, id[2]), 0);
	assert_int_equal(service_get(t.c, town2, at, id[2], &r), ZZ_ENOENT);
	assert_int_equal(audit_verify(t.c, NULL), 0);
	user_free(&town2);
	user_free(&county);
	tl_close(&t);
}

/* A grant opens records for reading only: a person seen under it is still another unit's, so a
 * role the requester adds for that person is referred and an edit of the role may not change the
 * person fields (both were written to that unit's person record). */
static void test_grant_writes_no_person(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	struct user *town2 = tl_user(&t, "town2", "321204002", "office", NULL);
	struct user *county = tl_user(&t, "county", "321204", "office", NULL);
	const struct rtype *pt = schema_type(t.c->schema, "person");
	char today[11], later[11], idn[19];
	date_format(date_today(time(NULL)), today);
	date_format(date_today(time(NULL)) + 5, later);
	tl_idnum("32120419800101001", idn);
	assert_int_equal(tl_household(&t, NULL, idn, "张三", "321204001001001", NULL), 0);
	struct rec *r = rec_new(schema_type(t.c->schema, "access_request"));
	const char *kv[][2] = {{"to", "321204"}, {"types", "person,household,floating"}, {"scope", "321204001"},
			       {"reason", "r"}, {"start", today}, {"end", later}};
	for (size_t i = 0; i < ARRAY_LEN(kv); i++)
		assert_int_equal(rec_set(r, kv[i][0], kv[i][1]), 0);
	rec_set_meta(&r->unit, "321204002");
	assert_int_equal(service_save(t.c, town2, r, NULL), 0);
	assert_int_equal(access_decide(t.c, county, r->id, true, NULL), 0);
	rec_free(&r);
	assert_int_equal(perm_check(t.c, town2, ACT_VIEW, pt, "321204001001001"), 0);
	r = rec_new(schema_type(t.c->schema, "floating"));
	const char *fv[][2] = {{"idnum", idn}, {"name", "王五"}, {"ethnicity", "01"}, {"live_address", "罗塘1组"},
			       {"housing_kind", "1"}, {"inflow_reason", "1"}, {"inflow_date", "2026-01-01"},
			       {"register_date", "2026-01-02"}, {"key_person", "否"}};
	for (size_t i = 0; i < ARRAY_LEN(fv); i++)
		assert_int_equal(rec_set(r, fv[i][0], fv[i][1]), 0);
	rec_set_meta(&r->unit, "321204002001001");
	assert_int_equal(service_save(t.c, town2, r, NULL), ZZ_EINVAL);
	assert_errmsg_has("已提交核实");
	/* Placed in town2 by the console: town2 edits the role's own fields, not the person's. */
	assert_int_equal(rec_set(r, "name", "张三"), 0);
	assert_int_equal(service_save(t.c, &service_console, r, NULL), 0);
	assert_int_equal(rec_set(r, "name", "王五"), 0);
	assert_int_equal(service_save(t.c, town2, r, NULL), ZZ_EPERM);
	assert_errmsg_has("本账号不能修改");
	char last[512] = "";
	audit_scan(t.c, 0, "town2", last_audit, last);
	assert_non_null(strstr(last, "edit floating:"));
	assert_non_null(strstr(last, "refused"));
	assert_int_equal(rec_set(r, "name", "张三"), 0);
	assert_int_equal(rec_set(r, "landlord", "赵六"), 0);
	assert_int_equal(service_save(t.c, town2, r, NULL), 0);
	rec_free(&r);
	uint64_t pid = 0;
	assert_int_equal(record_by_key(t.c->st, NULL, pt, idn, &pid), 0);
	assert_int_equal(record_load(t.c->st, NULL, pt, pid, &r, false), 0);
	assert_string_equal(rec_get(r, "name"), "张三");
	rec_free(&r);
	user_free(&town2);
	user_free(&county);
	tl_close(&t);
}

/* Fill record R of type TYPE at UNIT from KV (N pairs). */
static struct rec *filled(struct tl *t, const char *type, const char *unit, const char *const (*kv)[2], size_t n)
{
	struct rec *r = rec_new(schema_type(t->c->schema, type));
	for (size_t i = 0; i < n; i++)
		if (rec_set(r, kv[i][0], kv[i][1]) < 0)
			fail_msg("%s: %s", kv[i][0], errmsg());
	rec_set_meta(&r->unit, unit);
	return r;
}

/* Nor is a record seen under a grant served: a service record naming it would reset that unit's
 * visit clock and write its latest service date (最新服务时间). Refused, audited as refused. */
static void test_grant_serves_nothing(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	struct user *town2 = tl_user(&t, "town2", "321204002", "office", NULL);
	struct user *town = tl_user(&t, "town", "321204001", "office", NULL);
	struct user *county = tl_user(&t, "county", "321204", "office", NULL);
	char today[11], later[11];
	date_format(date_today(time(NULL)), today);
	date_format(date_today(time(NULL)) + 5, later);
	const char *const org[][2] = {{"org_name", "桥头志愿者协会"}, {"kind", "1"}, {"legal_rep", "李四"},
				      {"last_service", "2020-01-01"}, {"address", "桥头1组"}, {"zz_build", "1"}};
	struct rec *o = filled(&t, "social_org", "321204001001", org, ARRAY_LEN(org));
	assert_int_equal(service_save(t.c, &service_console, o, NULL), 0);
	const char *const req[][2] = {{"to", "321204"}, {"types", "social_org"}, {"scope", "321204001"},
				      {"reason", "r"}, {"start", today}, {"end", later}};
	struct rec *r = filled(&t, "access_request", "321204002", req, ARRAY_LEN(req));
	assert_int_equal(service_save(t.c, town2, r, NULL), 0);
	assert_int_equal(access_decide(t.c, county, r->id, true, NULL), 0);
	rec_free(&r);
	assert_int_equal(perm_check(t.c, town2, ACT_VIEW, o->t, o->unit), 0);
	char no[24];
	snprintf(no, sizeof no, "%llu", (unsigned long long)o->id);
	const char *const visit[][2] = {{"subject_type", "social_org"}, {"subject_no", no}, {"day", "2020-02-01"},
					{"staff", "王五"}, {"method", "1"}, {"content", "走访"}, {"result", "正常"}};
	r = filled(&t, "service_record", "321204002", visit, ARRAY_LEN(visit));
	assert_int_equal(service_save(t.c, town2, r, NULL), ZZ_EPERM);
	assert_errmsg_has("经批准的查阅只能查看");
	char last[512] = "";
	audit_scan(t.c, 0, "town2", last_audit, last);
	assert_non_null(strstr(last, "add service_record:"));
	assert_non_null(strstr(last, "refused"));
	rec_free(&r);
	struct rec *now = NULL;
	assert_int_equal(record_load(t.c->st, NULL, o->t, o->id, &now, false), 0);
	assert_string_equal(rec_get(now, "last_service"), "2020-01-01");
	rec_free(&now);
	/* Its own unit serves it, and its date follows. */
	r = filled(&t, "service_record", "321204001", visit, ARRAY_LEN(visit));
	assert_int_equal(service_save(t.c, town, r, NULL), 0);
	rec_free(&r);
	assert_int_equal(record_load(t.c->st, NULL, o->t, o->id, &now, false), 0);
	assert_string_equal(rec_get(now, "last_service"), "2020-02-01");
	rec_free(&now);
	rec_free(&o);
	user_free(&town2);
	user_free(&town);
	user_free(&county);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_covers),
		cmocka_unit_test(test_perm),
		cmocka_unit_test(test_decided_is_frozen),
		cmocka_unit_test(test_decided_is_kept),
		cmocka_unit_test(test_grant_writes_no_person),
		cmocka_unit_test(test_grant_serves_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
