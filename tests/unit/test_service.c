/* test_service.c — record actions as a person takes them: permission, validation, one transaction
 * with its audit entry; lists in scope; masking; the person view. */
#include "testlib.h"

#include "access.h"
#include "audit.h"
#include "remind.h"
#include "stats.h"

struct fx {
	struct tl t;
	struct user *village, *leader, *village2;
	const struct rtype *hh;
	uint64_t a, b;
};

/* The fixture, with one text of the settings replaced (EDIT_FROM NULL: as shipped). */
static int setup_conf(void **state, const char *edit_from, const char *edit_to)
{
	struct fx *f = xcalloc(1, sizeof *f);
	tl_init_conf(&f->t, edit_from, edit_to);
	tl_open_ctx(&f->t, true);
	f->village = tl_user(&f->t, "village", "321204001001", "office", NULL);
	f->village2 = tl_user(&f->t, "village2", "321204002001", "office", NULL);
	f->leader = tl_user(&f->t, "leader", "321204", "leader", NULL);
	f->hh = schema_type(f->t.c->schema, "household");
	assert_int_equal(tl_household(&f->t, f->village, "11010519491231002X", "张三", "321204001001001", &f->a), 0);
	assert_int_equal(tl_household(&f->t, NULL, "440524188001010014", "李四", "321204002001001", &f->b), 0);
	*state = f;
	return 0;
}

static int setup(void **state) { return setup_conf(state, NULL, NULL); }

/* ui.list_narrow_max = 1: a scope of one record is narrowed, not one of two. */
static int setup_narrow1(void **state)
{
	return setup_conf(state, "list_narrow_max = 50000;", "list_narrow_max = 1;");
}

static int teardown(void **state)
{
	struct fx *f = *state;
	user_free(&f->village);
	user_free(&f->village2);
	user_free(&f->leader);
	tl_close(&f->t);
	free(f);
	return 0;
}

static int last_audit(const struct audit_entry *e, void *arg)
{
	snprintf(arg, 256, "%s %s %s %s %s", e->user, e->type, e->object, e->result, e->detail);
	return 0;
}

static void test_get_and_scope(void **state)
{
	struct fx *f = *state;
	struct rec *r = NULL;
	assert_int_equal(service_get(f->t.c, f->village, f->hh, f->a, &r), 0);
	assert_string_equal(r->by_user, "village");
	assert_string_equal(r->by_unit, "321204001001");
	rec_free(&r);
	/* A record outside the scope answers as one that is not there: no unit, no hint that it is
	 * (R-AC-1); the audit log keeps the refusal and why. */
	assert_int_equal(service_get(f->t.c, f->village, f->hh, f->b, &r), ZZ_ENOENT);
	assert_null(r);
	char want[64];
	snprintf(want, sizeof want, "户籍人口记录 %llu 不存在", (unsigned long long)f->b);
	assert_string_equal(errmsg(), want);
	char last[256] = "";
	audit_scan(f->t.c, 0, "village", last_audit, last);
	assert_non_null(strstr(last, "village view household:"));
	assert_non_null(strstr(last, "refused"));
	assert_non_null(strstr(last, "不在本账号的管辖范围"));
	assert_int_equal(service_get(f->t.c, f->leader, f->hh, f->b, &r), 0);
	rec_free(&r);
	assert_int_equal(service_get(f->t.c, f->leader, f->hh, 999, &r), ZZ_ENOENT);
	assert_string_equal(errmsg(), "户籍人口记录 999 不存在");
}

/* R-AC-6: opening a record of a type with audit_reads (HIV, drug, mental, petitioner) is an
 * audit entry; opening a household is not. */
static void test_audit_reads(void **state)
{
	struct fx *f = *state;
	const struct rtype *hiv = schema_type(f->t.c->schema, "hiv");
	assert_non_null(hiv);
	assert_true(hiv->audit_reads);
	assert_false(f->hh->audit_reads);
	struct rec *r = rec_new(hiv);
	r->id = 7;
	char last[256] = "";
	assert_int_equal(service_audit_read(f->t.c, f->leader, r), 0);
	audit_scan(f->t.c, 0, "leader", last_audit, last);
	assert_string_equal(last, "leader view hiv:7 ok 打开记录");
	rec_free(&r);
	r = rec_new(f->hh);
	r->id = 8;
	assert_int_equal(service_audit_read(f->t.c, f->leader, r), 0);
	audit_scan(f->t.c, 0, "leader", last_audit, last);
	assert_null(strstr(last, "household:8"));
	rec_free(&r);
}

static void test_save_edit_delete(void **state)
{
	struct fx *f = *state;
	struct rec *r = NULL;
	assert_int_equal(service_get(f->t.c, f->village, f->hh, f->a, &r), 0);
	assert_int_equal(rec_set(r, "phone", "13812345678"), 0);
	assert_int_equal(service_save(f->t.c, f->village, r, NULL), 0);
	char last[256] = "";
	audit_scan(f->t.c, 0, "village", last_audit, last);
	assert_non_null(strstr(last, "edit household:"));
	assert_non_null(strstr(last, "phone:  → 13812345678"));
	/* Moving the record out of the account's scope is refused. */
	rec_set_meta(&r->unit, "321204002001001");
	assert_int_equal(service_save(f->t.c, f->village, r, NULL), ZZ_EPERM);
	rec_set_meta(&r->unit, "321204001001001");
	/* A missing required field names the field. */
	int bad = -2;
	rec_set_raw(r, rtype_field(f->hh, "housing_kind"), NULL);
	assert_int_equal(service_save(f->t.c, f->village, r, &bad), ZZ_EINVAL);
	assert_int_equal(bad, rtype_field(f->hh, "housing_kind"));
	rec_free(&r);
	/* Leaders read; they do not write. */
	assert_int_equal(service_get(f->t.c, f->leader, f->hh, f->a, &r), 0);
	assert_int_equal(service_save(f->t.c, f->leader, r, NULL), ZZ_EPERM);
	rec_free(&r);
	assert_int_equal(service_delete(f->t.c, f->village2, f->hh, f->a), ZZ_ENOENT);
	snprintf(last, sizeof last, "户籍人口记录 %llu 不存在", (unsigned long long)f->a);
	assert_string_equal(errmsg(), last);
	audit_scan(f->t.c, 0, "village2", last_audit, last);
	assert_non_null(strstr(last, "delete household:"));
	assert_non_null(strstr(last, "refused"));
	assert_int_equal(service_delete(f->t.c, f->village, f->hh, f->a), 0);
	assert_int_equal(service_get(f->t.c, f->village, f->hh, f->a, &r), ZZ_ENOENT);
	audit_scan(f->t.c, 0, "village", last_audit, last);
	assert_non_null(strstr(last, "delete household:"));
	assert_non_null(strstr(last, "name: 张三 → "));
	assert_int_equal(audit_verify(f->t.c, NULL), 0);
}

/* Two people read the same version; the second save is refused, names the first, keeps the
 * stored value, and the refused record still holds what the second typed (issue 12, part 2). */
static void test_version_check(void **state)
{
	struct fx *f = *state;
	struct rec *a = NULL, *b = NULL, *now = NULL;
	assert_int_equal(service_get(f->t.c, f->village, f->hh, f->a, &a), 0);
	assert_int_equal(service_get(f->t.c, f->leader, f->hh, f->a, &b), 0);
	assert_int_equal(a->version, b->version);
	uint64_t v0 = a->version;
	assert_int_equal(rec_set(a, "phone", "13812345678"), 0);
	assert_int_equal(service_save(f->t.c, f->village, a, NULL), 0);
	assert_int_equal(a->version, v0 + 1);
	assert_non_null(strstr(a->editor, "village"));
	/* The leader may not edit anyway: give the second save to the village account instead. */
	assert_int_equal(rec_set(b, "phone", "13900000000"), 0);
	assert_int_equal(service_save(f->t.c, f->village, b, NULL), ZZ_ESTALE);
	assert_non_null(strstr(errmsg(), "此记录已被 "));
	assert_non_null(strstr(errmsg(), "village"));
	assert_non_null(strstr(errmsg(), " 修改"));
	assert_string_equal(rec_get(b, "phone"), "13900000000");
	assert_int_equal(b->version, v0);
	assert_int_equal(service_get(f->t.c, f->leader, f->hh, f->a, &now), 0);
	assert_string_equal(rec_get(now, "phone"), "13812345678");
	assert_int_equal(now->version, v0 + 1);
	/* Against the version now stored, the same save goes through. */
	b->version = now->version;
	assert_int_equal(service_save(f->t.c, f->village, b, NULL), 0);
	assert_int_equal(b->version, v0 + 2);
	/* The pure check: same version passes, another names who and when (the time alone today). */
	now->version = 7;
	rec_set_meta(&now->editor, "王五（village2）");
	now->updated = 1764835200; /* 2025-12-04 08:00 UTC */
	assert_int_equal(service_version_check(now, 7, now->updated + 60), 0);
	assert_int_equal(service_version_check(now, 6, now->updated + 60), ZZ_ESTALE);
	char want[80];
	char when[20];
	datetime_format((time_t)now->updated, when);
	snprintf(want, sizeof want, "此记录已被 王五（village2） 于 %.5s 修改", when + 11);
	assert_string_equal(errmsg(), want);
	assert_int_equal(service_version_check(now, 6, now->updated + 3 * 86400), ZZ_ESTALE);
	snprintf(want, sizeof want, "此记录已被 王五（village2） 于 %.16s 修改", when);
	assert_string_equal(errmsg(), want);
	rec_free(&a);
	rec_free(&b);
	rec_free(&now);
}

static void test_list(void **state)
{
	struct fx *f = *state;
	uint64_t *ids = NULL;
	long n = 0;
	struct service_query q = {.state = -1};
	assert_int_equal(service_list(f->t.c, f->village, f->hh, &q, &ids, &n), 0);
	assert_int_equal(n, 1);
	assert_true(ids[0] == f->a);
	free(ids);
	assert_int_equal(service_list(f->t.c, f->leader, f->hh, &q, &ids, &n), 0);
	assert_int_equal(n, 2);
	free(ids);
	q.name_prefix = "李";
	assert_int_equal(service_list(f->t.c, f->village, f->hh, &q, &ids, &n), 0);
	assert_int_equal(n, 0); /* the name index is not ordered by unit: the scope is checked */
	free(ids);
	q.name_prefix = NULL;
	q.idnum = "440524188001010014";
	assert_int_equal(service_list(f->t.c, f->leader, f->hh, &q, &ids, &n), 0);
	assert_int_equal(n, 1);
	free(ids);
	q.idnum = NULL;
	q.unit = "321204002";
	assert_int_equal(service_list(f->t.c, f->village, f->hh, &q, &ids, &n), ZZ_EPERM);
	int err;
	PCRE2_SIZE off;
	q.unit = NULL;
	q.match = pcre2_compile((PCRE2_SPTR) "张.", PCRE2_ZERO_TERMINATED, PCRE2_UTF, &err, &off, NULL);
	assert_int_equal(service_list(f->t.c, f->leader, f->hh, &q, &ids, &n), 0);
	assert_int_equal(n, 1);
	free(ids);
	pcre2_code_free(q.match);
	q.match = NULL;
	q.limit = 1;
	assert_int_equal(service_list(f->t.c, f->leader, f->hh, &q, &ids, &n), 0);
	assert_int_equal(n, 1);
	free(ids);
}

/* The ids of T (NULL: rental houses) listed for TEXT by U with LIMIT: WANT, N of them, in order. */
static void list_text(struct fx *f, const struct user *u, const struct rtype *t, const char *text, long limit,
		      const uint64_t *want, long n)
{
	struct service_query q = {.state = -1, .text = text, .limit = limit};
	uint64_t *ids = NULL;
	long got = 0;
	assert_int_equal(service_list(f->t.c, u, t ? t : schema_type(f->t.c->schema, "rental"), &q, &ids, &got), 0);
	assert_int_equal(got, n);
	for (long i = 0; i < n; i++)
		assert_true(ids[i] == want[i]);
	free(ids);
}

/* A picker's text typed (出租房承租人's 住房编号): records holding it in the key, the name or the
 * unit's name, within the account's scope; the one keyed so first, past the limit too. */
static void test_list_text(void **state)
{
	struct fx *f = *state;
	uint64_t r10 = tl_house(&f->t, "R10", "东街1号", "321204001001001");
	uint64_t r1 = tl_house(&f->t, "R1", "西街2号", "321204001001002");
	uint64_t r100 = tl_house(&f->t, "R100", "南街3号", "321204002001001");
	list_text(f, f->leader, NULL, "r1", 0, (uint64_t[]){r10, r1, r100}, 3);
	list_text(f, f->leader, NULL, "R1", 0, (uint64_t[]){r1, r10, r100}, 3);
	list_text(f, f->leader, NULL, "R1", 1, (uint64_t[]){r1}, 1);
	list_text(f, f->leader, NULL, "R10", 1, (uint64_t[]){r10}, 1);
	list_text(f, f->village, NULL, "R1", 0, (uint64_t[]){r1, r10}, 2);
	list_text(f, f->village, NULL, "西街", 0, (uint64_t[]){r1}, 1);
	list_text(f, f->village, NULL, "桥头二", 0, (uint64_t[]){r1}, 1);
	/* Out of the scope, though keyed so: not there. */
	list_text(f, f->village, NULL, "R100", 0, NULL, 0);
	list_text(f, f->village, NULL, "北街", 0, NULL, 0);
	/* A sensitive key is searched only by an account that sees it whole. */
	list_text(f, f->village, f->hh, "1231002x", 0, (uint64_t[]){f->a}, 1);
	list_text(f, f->leader, f->hh, "1231002x", 0, NULL, 0);
}

/* The same through the indexes (a village of many houses) and through every record of the scope
 * (a village of one, beside indexes of many): the first matches in tree order, one keyed so first,
 * one beyond the limit's first records, none from outside the scope. */
static void test_list_text_many(void **state)
{
	struct fx *f = *state;
	uint64_t p[60];
	for (int i = 0; i < 60; i++) {
		char no[8], addr[16];
		snprintf(no, sizeof no, "P%d", i);
		snprintf(addr, sizeof addr, "东街%d号", i);
		p[i] = tl_house(&f->t, no, addr, "321204001001001");
	}
	uint64_t r100 = tl_house(&f->t, "R100", "南街3号", "321204002001001");
	list_text(f, f->village, NULL, "P5", 3, (uint64_t[]){p[5], p[50], p[51]}, 3);
	list_text(f, f->village, NULL, "东街59", 2, (uint64_t[]){p[59]}, 1);
	list_text(f, f->village, NULL, "桥头一", 2, (uint64_t[]){p[0], p[1]}, 2);
	list_text(f, f->village, NULL, "R100", 0, NULL, 0);
	list_text(f, f->village, NULL, "南街", 0, NULL, 0);
	list_text(f, f->village2, NULL, "r1", 0, (uint64_t[]){r100}, 1);
	list_text(f, f->village2, NULL, "南街", 0, (uint64_t[]){r100}, 1);
	list_text(f, f->village2, NULL, "娄庄", 0, (uint64_t[]){r100}, 1);
	list_text(f, f->village2, NULL, "P5", 0, NULL, 0);
	list_text(f, f->village2, NULL, "东街", 0, NULL, 0);
}

/* The rows of a pager from the first (backward: the last) in pages of PER: ids into OUT. */
static long pager_all(struct service_pager *p, bool backward, long per, uint64_t *out, long max)
{
	struct service_row rows[8];
	struct sb last;
	sb_init(&last);
	long n = 0, got = 0;
	do {
		assert_int_equal(service_pager_read(p, n ? last.buf : NULL, last.len, false, backward, per, rows, &got), 0);
		for (long i = 0; i < got; i++) {
			assert_true(n < max);
			out[n++] = rows[i].id;
			sb_reset(&last);
			sb_add(&last, rows[i].key.buf, rows[i].key.len);
			sb_free(&rows[i].key);
		}
	} while (got == per);
	sb_free(&last);
	return n;
}

/* Issue 17: the list screen's pages from the unit and name indexes, in the account's scope, with
 * its masks; the count of the scope from the counters. */
static void test_pager(void **state)
{
	struct fx *f = *state;
	static const char *const names[] = {"赵一", "钱二", "孙三", "周四", "吴五", "郑六", "王七", "冯八", "陈九"};
	for (int i = 0; i < (int)ARRAY_LEN(names); i++) {
		char first[18], idn[19];
		snprintf(first, sizeof first, "3212041980010100%d", i);
		tl_idnum(first, idn);
		assert_int_equal(tl_household(&f->t, NULL, idn, names[i], i % 3 ? "321204001001001" : "321204002001001", NULL), 0);
	}
	/* The village's records: 张三 and the six of its grid. */
	uint64_t want[16], got[16], back[16];
	long nw = 0;
	uint64_t *ids = NULL;
	long n = 0;
	struct service_query q = {.state = -1};
	assert_int_equal(service_list(f->t.c, f->village, f->hh, &q, &ids, &n), 0);
	assert_int_equal(n, 7);
	struct service_pager p;
	const enum record_order orders[] = {RECORD_BY_UNIT, RECORD_BY_NAME};
	for (int o = 0; o < 2; o++) {
		assert_int_equal(service_pager_open(f->t.c, f->village, f->hh, NULL, orders[o], &p), 0);
		assert_string_equal(p.unit, "321204001001");
		for (int per = 1; per <= 3; per++) {
			long ng = pager_all(&p, false, per, got, 16);
			assert_int_equal(ng, 7);
			assert_int_equal(pager_all(&p, true, per, back, 16), 7);
			for (long i = 0; i < ng; i++)
				assert_true(back[ng - 1 - i] == got[i]);
		}
		nw = pager_all(&p, false, 8, want, 16);
		/* The same records as the collected list; by name, in the order of their names' bytes. */
		for (long i = 0; i < nw; i++) {
			bool found = false;
			for (long k = 0; k < n; k++)
				found |= ids[k] == want[i];
			assert_true(found);
			struct rec *r = NULL;
			assert_int_equal(service_get(f->t.c, f->village, f->hh, want[i], &r), 0);
			char *masked = service_display(f->t.c, f->village, r, rtype_field(f->hh, "idnum"), false);
			assert_non_null(strstr(masked, "********"));
			free(masked);
			static char prev[64];
			if (o == 1 && i > 0)
				assert_true(strcmp(prev, r->v[f->hh->name_field]) <= 0);
			snprintf(prev, sizeof prev, "%s", r->v[f->hh->name_field]);
			rec_free(&r);
		}
		/* Narrowed to the scope's ids (name order in a small scope): the same rows. */
		assert_int_equal(service_pager_narrow(&p, 7), 0);
		assert_int_equal(p.nids, o == 1 ? 7 : 0);
		assert_int_equal(pager_all(&p, false, 3, got, 16), nw);
		assert_memory_equal(got, want, (size_t)nw * sizeof *got);
		assert_int_equal(pager_all(&p, true, 2, back, 16), nw);
		for (long i = 0; i < nw; i++)
			assert_true(back[nw - 1 - i] == want[i]);
		/* From a key on: AT includes its row. */
		struct service_row rows[2];
		long k = 0;
		assert_int_equal(service_pager_read(&p, NULL, 0, false, false, 2, rows, &k), 0);
		assert_int_equal(k, 2);
		struct service_row again[1];
		assert_int_equal(service_pager_read(&p, rows[1].key.buf, rows[1].key.len, true, false, 1, again, &k), 0);
		assert_true(k == 1 && again[0].id == rows[1].id);
		sb_free(&again[0].key);
		assert_int_equal(service_pager_read(&p, rows[1].key.buf, rows[1].key.len, false, true, 1, again, &k), 0);
		assert_true(k == 1 && again[0].id == rows[0].id);
		sb_free(&again[0].key);
		assert_int_equal(service_pager_read(&p, rows[1].key.buf, rows[1].key.len, true, true, 1, again, &k), 0);
		assert_true(k == 1 && again[0].id == rows[1].id);
		sb_free(&again[0].key);
		sb_free(&rows[0].key);
		sb_free(&rows[1].key);
		service_pager_free(&p);
	}
	free(ids);
	/* The scope's ids in bulk: all of them, or none past a bound. */
	uint64_t *bulk = NULL;
	long nb = 0;
	assert_int_equal(record_ids_unit(f->t.c->st, NULL, f->hh, "321204001001", 50, &bulk, &nb), 0);
	assert_int_equal(nb, 7);
	free(bulk);
	assert_int_equal(record_ids_unit(f->t.c->st, NULL, f->hh, "321204001001", 6, &bulk, &nb), 0);
	assert_null(bulk);
	assert_int_equal(nb, 7);
	/* Exactly the bound: kept (the next key, past the scope, is not one too many). */
	assert_int_equal(record_ids_unit(f->t.c->st, NULL, f->hh, "321204001001", 7, &bulk, &nb), 0);
	assert_int_equal(nb, 7);
	assert_non_null(bulk);
	free(bulk);
	/* The count of the scope from the counters. */
	long long cnt = 0;
	const struct unit *x = units_find(ctx_units(f->t.c), "321204001001");
	assert_int_equal(stats_total(f->t.c->st, NULL, x->path, "household", &cnt), 0);
	assert_int_equal(cnt, 7);
	assert_int_equal(stats_total(f->t.c->st, NULL, "", "household", &cnt), 0);
	assert_int_equal(cnt, 11);
	/* The leader's county: every record; another village's unit is refused to the village. */
	assert_int_equal(service_pager_open(f->t.c, f->leader, f->hh, NULL, RECORD_BY_NAME, &p), 0);
	assert_int_equal(pager_all(&p, false, 4, got, 16), 11);
	service_pager_free(&p);
	assert_int_equal(service_pager_open(f->t.c, f->village, f->hh, "321204002", RECORD_BY_UNIT, &p), ZZ_EPERM);
	service_pager_free(&p);
	/* A type whose name index would list a record twice, or not at all, is not paged by name. */
	assert_true(service_pageable(f->hh, RECORD_BY_NAME));
	assert_false(service_pageable(schema_type(f->t.c->schema, "rental_tenant"), RECORD_BY_NAME));
}

/* The ids of a scope are held in memory up to ui.list_narrow_max records: the counters' count past
 * it, or a scope found larger than its count, leaves the name rows checked one by one (the same
 * rows either way). */
static void test_narrow_limit(void **state)
{
	struct fx *f = *state;
	char idn[19];
	tl_idnum("32120419800101009", idn);
	assert_int_equal(tl_household(&f->t, f->village, idn, "王五", "321204001001002", NULL), 0);
	struct service_pager p;
	uint64_t got[4];
	assert_int_equal(service_pager_open(f->t.c, f->village, f->hh, NULL, RECORD_BY_NAME, &p), 0);
	assert_int_equal(service_pager_narrow(&p, 2), 0);
	assert_int_equal(p.nids, 0);
	assert_null(p.ids);
	assert_int_equal(service_pager_narrow(&p, 1), 0);
	assert_int_equal(p.nids, 0);
	assert_null(p.ids);
	assert_int_equal(pager_all(&p, false, 1, got, 4), 2);
	service_pager_free(&p);
	assert_int_equal(service_pager_open(f->t.c, f->village2, f->hh, NULL, RECORD_BY_NAME, &p), 0);
	assert_int_equal(service_pager_narrow(&p, 1), 0);
	assert_int_equal(p.nids, 1);
	assert_true(p.ids[0] == f->b);
	assert_int_equal(pager_all(&p, false, 1, got, 4), 1);
	assert_true(got[0] == f->b);
	service_pager_free(&p);
}

static void test_display_and_mask(void **state)
{
	struct fx *f = *state;
	struct rec *r = NULL;
	assert_int_equal(service_get(f->t.c, f->leader, f->hh, f->a, &r), 0);
	rec_set_raw(r, rtype_field(f->hh, "phone"), "13812345678");
	char *v = service_display(f->t.c, f->leader, r, rtype_field(f->hh, "idnum"), true);
	assert_string_equal(v, "110105********002X"); /* leaders may not unmask */
	free(v);
	v = service_display(f->t.c, f->village, r, rtype_field(f->hh, "phone"), true);
	assert_string_equal(v, "13812345678");
	free(v);
	v = service_display(f->t.c, f->village, r, rtype_field(f->hh, "phone"), false);
	assert_string_equal(v, "138****5678");
	free(v);
	v = service_display(f->t.c, f->village, r, rtype_field(f->hh, "sex"), false);
	assert_string_equal(v, "女");
	free(v);
	v = service_display(f->t.c, f->village, r, rtype_field(f->hh, "house_no"), false);
	assert_string_equal(v, "");
	free(v);
	const struct field *name = &f->hh->f[rtype_field(f->hh, "name")];
	v = service_mask(name, "张三");
	assert_string_equal(v, "张**");
	free(v);
	rec_free(&r);
}

static int person_cb(const struct rec *r, void *arg)
{
	strv_push(arg, r->t->id);
	return 0;
}

static void test_person(void **state)
{
	struct fx *f = *state;
	struct strv sv = {0};
	assert_int_equal(service_person(f->t.c, f->leader, "11010519491231002X", person_cb, &sv), 0);
	assert_int_equal(sv.n, 2);
	assert_true(strv_find(&sv, "person") >= 0 && strv_find(&sv, "household") >= 0);
	strv_free(&sv);
	assert_int_equal(service_person(f->t.c, f->village2, "11010519491231002X", person_cb, &sv), 0);
	assert_int_equal(sv.n, 0);
	strv_free(&sv);
}

struct wanted {
	const char *ref;
	bool found;
};

static int todo_has(const char *kind, const char *ref, const struct remind *r, void *arg)
{
	struct wanted *w = arg;
	/* A request to look at a record, not a card: 黄牌 and 红牌 are the events' (用户指南). */
	w->found |= strcmp(kind, "dup") == 0 && strcmp(ref, w->ref) == 0 && r->level == TODO_WARN;
	return 0;
}

/* Adding a person another unit holds: inside the account's scope it is told which record; outside
 * it the answer names nothing (not the type, the unit or the record), no duplicate is made, the
 * owner unit finds a request in its to-do list, and the attempt is audited (issue 15). */
static void test_duplicate_outside_scope(void **state)
{
	struct fx *f = *state;
	uint64_t id = 0;
	/* village2 adds the person of village's record A: referred, not added, not named. */
	int rc = tl_household(&f->t, f->village2, "11010519491231002X", "张三", "321204002001001", &id);
	assert_int_equal(rc, ZZ_EINVAL);
	assert_errmsg_has("已提交核实");
	assert_null(strstr(errmsg(), "户籍"));
	assert_null(strstr(errmsg(), "记录号"));
	assert_int_equal(id, 0);
	char last[256] = "";
	audit_scan(f->t.c, 0, "village2", last_audit, last);
	assert_non_null(strstr(last, "add household:"));
	assert_non_null(strstr(last, "referred"));
	char ref[64];
	snprintf(ref, sizeof ref, "household:%llu", (unsigned long long)f->a);
	const struct unit *x = units_find(ctx_units(f->t.c), "321204001001001");
	struct wanted w = {ref, false};
	assert_int_equal(remind_scan(f->t.c->st, NULL, x->path, todo_has, &w), 0);
	assert_true(w.found);
	/* The owner looks at the record and saves it: the request is done. */
	struct rec *r = NULL;
	assert_int_equal(service_get(f->t.c, f->village, f->hh, f->a, &r), 0);
	assert_int_equal(service_save(f->t.c, f->village, r, NULL), 0);
	rec_free(&r);
	w.found = false;
	assert_int_equal(remind_scan(f->t.c->st, NULL, x->path, todo_has, &w), 0);
	assert_false(w.found);
	/* Inside the scope the duplicate is named, as before. */
	assert_int_equal(tl_household(&f->t, f->village, "11010519491231002X", "张三", "321204001001002", &id), ZZ_EEXIST);
	assert_errmsg_has("已有");
	assert_int_equal(audit_verify(f->t.c, NULL), 0);
}

/* A role of a person whose record lies outside the account's scope would overwrite that person's
 * base information with what the account typed: an add is referred like a duplicate, an edit of
 * those fields refused (a village rewrote another township's person by adding a 流动人口). */
/* A 流动人口 of the person 11010519491231002X (张三, a 罗塘街道 person) named NAME, placed in a
 * village of 罗塘街道 (321204002001001). */
static struct rec *floating_of_zhangsan(struct fx *f, const char *name)
{
	struct rec *r = rec_new(schema_type(f->t.c->schema, "floating"));
	const char *kv[][2] = {{"idnum", "11010519491231002X"}, {"name", name}, {"ethnicity", "01"},
			       {"live_address", "罗塘1组"}, {"housing_kind", "1"}, {"inflow_reason", "1"},
			       {"inflow_date", "2026-01-01"}, {"register_date", "2026-01-02"}, {"key_person", "否"}};
	for (size_t i = 0; i < ARRAY_LEN(kv); i++)
		if (rec_set(r, kv[i][0], kv[i][1]) < 0)
			fail_msg("%s", errmsg());
	rec_set_meta(&r->unit, "321204002001001");
	return r;
}

static void test_role_of_person_outside_scope(void **state)
{
	struct fx *f = *state;
	const struct rtype *pt = schema_type(f->t.c->schema, "person");
	uint64_t pid = 0;
	assert_int_equal(record_by_key(f->t.c->st, NULL, pt, "11010519491231002X", &pid), 0);
	struct rec *before = NULL;
	assert_int_equal(record_load(f->t.c->st, NULL, pt, pid, &before, false), 0);
	struct rec *r = floating_of_zhangsan(f, "王五");
	assert_int_equal(service_save(f->t.c, f->village2, r, NULL), ZZ_EINVAL);
	assert_errmsg_has("已提交核实");
	assert_null(strstr(errmsg(), "张三"));
	/* Placed in village2 by the console (an import does that): village2 edits the role's own
	 * fields, not the person's. */
	assert_int_equal(rec_set(r, "name", "张三"), 0);
	assert_int_equal(service_save(f->t.c, &service_console, r, NULL), 0);
	assert_int_equal(rec_set(r, "name", "王五"), 0);
	assert_int_equal(service_save(f->t.c, f->village2, r, NULL), ZZ_EPERM);
	assert_errmsg_has("本账号不能修改");
	assert_int_equal(rec_set(r, "name", "张三"), 0);
	assert_int_equal(rec_set(r, "landlord", "赵六"), 0);
	assert_int_equal(service_save(f->t.c, f->village2, r, NULL), 0);
	rec_free(&r);
	struct rec *after = NULL;
	assert_int_equal(record_load(f->t.c->st, NULL, pt, pid, &after, false), 0);
	assert_string_equal(after->v[pt->name_field], "张三");
	rec_free(&after);
	rec_free(&before);
	assert_int_equal(audit_verify(f->t.c, NULL), 0);
}

/* A person's record goes, and changes its ID number, only after its last role: either blanked the
 * base information of the roles, another unit's 流动人口 among them (a village emptied a 罗塘街道
 * record's 姓名). */
static void test_person_kept_while_used(void **state)
{
	struct fx *f = *state;
	const struct rtype *pt = schema_type(f->t.c->schema, "person"), *ft = schema_type(f->t.c->schema, "floating");
	uint64_t pid = 0;
	assert_int_equal(record_by_key(f->t.c->st, NULL, pt, "11010519491231002X", &pid), 0);
	struct rec *r = floating_of_zhangsan(f, "张三");
	assert_int_equal(service_save(f->t.c, &service_console, r, NULL), 0);
	uint64_t fid = r->id;
	rec_free(&r);
	assert_int_equal(service_delete(f->t.c, f->village, pt, pid), ZZ_EPERM);
	assert_errmsg_has("人员基本信息不能删除");
	char last[256] = "";
	audit_scan(f->t.c, 0, "village", last_audit, last);
	assert_non_null(strstr(last, "village delete person:"));
	assert_non_null(strstr(last, "refused"));
	/* Nor may its ID number change, by which the roles find it; its other fields may. */
	assert_int_equal(record_load(f->t.c->st, NULL, pt, pid, &r, false), 0);
	assert_int_equal(rec_set(r, "idnum", "440524188001010022"), 0);
	assert_int_equal(service_save(f->t.c, f->village, r, NULL), ZZ_EPERM);
	assert_errmsg_has("身份证号不能修改");
	audit_scan(f->t.c, 0, "village", last_audit, last);
	assert_non_null(strstr(last, "village edit person:"));
	assert_non_null(strstr(last, "refused"));
	assert_int_equal(rec_set(r, "idnum", "11010519491231002X"), 0);
	assert_int_equal(rec_set(r, "used_name", "张叁"), 0);
	assert_int_equal(service_save(f->t.c, f->village, r, NULL), 0);
	rec_free(&r);
	assert_int_equal(record_load(f->t.c->st, NULL, ft, fid, &r, false), 0);
	assert_string_equal(rec_get(r, "name"), "张三");
	rec_free(&r);
	/* Its last role gone, it goes. */
	assert_int_equal(service_delete(f->t.c, &service_console, ft, fid), 0);
	assert_int_equal(service_delete(f->t.c, f->village, pt, pid), ZZ_EPERM);
	assert_int_equal(service_delete(f->t.c, f->village, f->hh, f->a), 0);
	assert_int_equal(service_delete(f->t.c, f->village, pt, pid), 0);
	assert_int_equal(audit_verify(f->t.c, NULL), 0);
}

/* The name a form shows beside a typed ID number: only of a person in the account's own scope; one
 * seen under a grant is read through service_get, which audits it (the form showed it unaudited). */
static void test_person_label_own_scope(void **state)
{
	struct fx *f = *state;
	const struct rtype *pt = schema_type(f->t.c->schema, "person");
	const char *idn = "11010519491231002X";
	char *name = service_person_label(f->t.c, f->village, pt, idn);
	assert_non_null(name);
	assert_string_equal(name, "张三");
	free(name);
	assert_null(service_person_label(f->t.c, f->village2, pt, idn));
	assert_null(service_person_label(f->t.c, f->village, pt, "440524188001010022"));
	struct user *county = tl_user(&f->t, "county", "321204", "office", NULL);
	char today[11], later[11];
	date_format(date_today(time(NULL)), today);
	date_format(date_today(time(NULL)) + 5, later);
	struct rec *r = rec_new(schema_type(f->t.c->schema, "access_request"));
	const char *kv[][2] = {{"to", "321204"}, {"types", "person,household"}, {"scope", "321204001"},
			       {"reason", "r"}, {"start", today}, {"end", later}};
	for (size_t i = 0; i < ARRAY_LEN(kv); i++)
		assert_int_equal(rec_set(r, kv[i][0], kv[i][1]), 0);
	rec_set_meta(&r->unit, "321204002001");
	assert_int_equal(service_save(f->t.c, f->village2, r, NULL), 0);
	assert_int_equal(access_decide(f->t.c, county, r->id, true, NULL), 0);
	rec_free(&r);
	assert_int_equal(perm_check(f->t.c, f->village2, ACT_VIEW, pt, "321204001001001"), 0);
	assert_null(service_person_label(f->t.c, f->village2, pt, idn));
	user_free(&county);
}

static pcre2_code *re(const char *pattern)
{
	int err;
	PCRE2_SIZE off;
	pcre2_code *c = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &err, &off, NULL);
	assert_non_null(c);
	return c;
}

/* A picker's records (service_pick) are the list's (service_list), in its order, each loaded
 * once: those the list read to check them (a text, a pattern, a limit) as those it listed unread
 * (no filter but the scope). The array ends with a NULL. */
static void test_pick_as_list(void **state)
{
	struct fx *f = *state;
	const struct rtype *rt = schema_type(f->t.c->schema, "rental");
	tl_house(&f->t, "R10", "东街1号", "321204001001001");
	tl_house(&f->t, "R1", "西街2号", "321204001001002");
	tl_house(&f->t, "R100", "南街3号", "321204002001001");
	tl_house(&f->t, "Q7", "西街4号", "321204001001001");
	const struct {
		const char *text, *pattern;
		long limit;
	} qs[] = {{NULL, NULL, 0}, {"R1", NULL, 0}, {"R1", NULL, 1}, {"r", NULL, 2},
		  {NULL, "西", 0}, {NULL, "街", 1}, {"R1", "西", 0}};
	const struct user *us[] = {f->leader, f->village};
	for (size_t k = 0; k < ARRAY_LEN(us); k++)
		for (size_t i = 0; i < ARRAY_LEN(qs); i++) {
			struct service_query q = {.state = -1, .text = qs[i].text, .limit = qs[i].limit,
						  .match = qs[i].pattern ? re(qs[i].pattern) : NULL};
			uint64_t *ids = NULL;
			long n = 0, got = -1;
			struct rec **recs = NULL;
			assert_int_equal(service_list(f->t.c, us[k], rt, &q, &ids, &n), 0);
			assert_int_equal(service_pick(f->t.c, us[k], rt, &q, &recs, &got), 0);
			assert_int_equal(got, n);
			for (long j = 0; j < n; j++) {
				assert_true(recs[j]->id == ids[j]);
				rec_free(&recs[j]);
			}
			assert_null(recs[n]);
			free(recs);
			free(ids);
			pcre2_code_free(q.match);
		}
}

/* A search by a costly regular expression stops at PCRE2's limit with a message, in well under a
 * second (it froze a session for 62 s); a plain one still finds (issue 15). */
static void test_regex_limits(void **state)
{
	struct fx *f = *state;
	for (int i = 0; i < 20; i++) {
		char id[19], digits[18];
		snprintf(digits, sizeof digits, "32120419900101%03d", 100 + i);
		tl_idnum(digits, id);
		assert_int_equal(tl_household(&f->t, f->village, id, "王五六七八九十甲乙丙丁", "321204001001001", NULL), 0);
	}
	uint64_t *ids = NULL;
	long n = 0;
	struct service_query q = {.state = -1, .match = re("张")};
	assert_int_equal(service_list(f->t.c, f->village, f->hh, &q, &ids, &n), 0);
	assert_int_equal(n, 1);
	free(ids);
	pcre2_code_free(q.match);
	q.match = re("^(?:.|\\s)*(?:.|\\s)*(?:.|\\s)*(?:.|\\s)*\\S$");
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	assert_int_equal(service_list(f->t.c, f->village, f->hh, &q, &ids, &n), ZZ_EINVAL);
	clock_gettime(CLOCK_MONOTONIC, &b);
	assert_errmsg_has("太复杂");
	assert_true(b.tv_sec - a.tv_sec < 5);
	pcre2_code_free(q.match);
}

/* Says no the first time it is asked, yes from then on (with a negative count: never yes). */
static bool cancel_second(void *arg)
{
	int *asked = arg;
	return ++*asked == 2;
}

/* A search by regular expression asks every 16 records (or 100 ms) whether it is cancelled (Esc
 * in the list, issue 15), and stops at the first yes with 搜索已取消. */
static void test_regex_cancel(void **state)
{
	struct fx *f = *state;
	for (int i = 0; i < 100; i++) {
		char id[19], digits[18];
		snprintf(digits, sizeof digits, "32120419900101%03d", 100 + i);
		tl_idnum(digits, id);
		assert_int_equal(tl_household(&f->t, f->village, id, "王五", "321204001001001", NULL), 0);
	}
	uint64_t *ids = NULL;
	long n = 0;
	int asked = -100;
	struct service_query q = {.state = -1, .match = re("王"), .cancel = cancel_second, .cancel_arg = &asked};
	assert_int_equal(service_list(f->t.c, f->village, f->hh, &q, &ids, &n), 0);
	assert_int_equal(n, 100);
	assert_true(asked >= -100 + 100 / 16); /* and once each 100 ms on a slow machine */
	free(ids);
	asked = 0;
	assert_int_equal(service_list(f->t.c, f->village, f->hh, &q, &ids, &n), ZZ_EINVAL);
	assert_errmsg_has("搜索已取消");
	assert_int_equal(asked, 2);
	pcre2_code_free(q.match);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_get_and_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_edit_delete, setup, teardown),
		cmocka_unit_test_setup_teardown(test_version_check, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_text_many, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pager, setup, teardown),
		cmocka_unit_test_setup_teardown(test_narrow_limit, setup_narrow1, teardown),
		cmocka_unit_test_setup_teardown(test_display_and_mask, setup, teardown),
		cmocka_unit_test_setup_teardown(test_person, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_outside_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(test_role_of_person_outside_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(test_person_kept_while_used, setup, teardown),
		cmocka_unit_test_setup_teardown(test_person_label_own_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pick_as_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_regex_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_regex_cancel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_reads, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
