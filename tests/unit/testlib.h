/* testlib.h — shared by the unit tests: a private copy of conf/ and a database in a temporary
 * folder, a small unit tree and accounts. Functions are static inline so that each test uses what
 * it needs. Tests run from the repository root (make unit). */
#ifndef ZZ_TESTLIB_H
#define ZZ_TESTLIB_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ctx.h"
#include "demo.h"
#include "domain.h"
#include "event.h"
#include "perm.h"
#include "service.h"
#include "store.h"
#include "unit.h"
#include "user.h"
#include "util.h"

#define TL_PASSWORD "Test@2026pw"

struct tl {
	char *dir;  /* the temporary folder, removed by tl_close */
	char *repo; /* the repository root */
	char *conf; /* DIR/conf/zongzhi.cfg */
	struct ctx *c;
};

static inline char *tl_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct sb sb;
	sb_init(&sb);
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_add(&sb, buf, n);
	fclose(f);
	if (len)
		*len = sb.len;
	return sb_steal(&sb);
}

static inline void tl_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* Replace every FROM in S by TO (S is freed; caller owns the result). */
static inline char *tl_replace(char *s, const char *from, const char *to)
{
	struct sb sb;
	sb_init(&sb);
	const char *p = s, *q;
	size_t fl = strlen(from);
	while ((q = strstr(p, from))) {
		sb_add(&sb, p, (size_t)(q - p));
		sb_adds(&sb, to);
		p = q + fl;
	}
	sb_adds(&sb, p);
	free(s);
	return sb_steal(&sb);
}

static inline char *tl_find_repo(void)
{
	char cwd[4096];
	assert_non_null(getcwd(cwd, sizeof cwd));
	for (;;) {
		char *probe = xasprintf("%s/conf/zongzhi.cfg", cwd);
		int ok = access(probe, R_OK) == 0;
		free(probe);
		if (ok)
			return xstrdup(cwd);
		char *slash = strrchr(cwd, '/');
		assert_true(slash && slash != cwd);
		*slash = '\0';
	}
}

/* A temporary folder with a copy of the repository's conf/ whose paths point into the
 * repository (screens, codes, demo) and into the folder (var/: database home, audit head).
 * EDIT_FROM/EDIT_TO, when given, replace one text in the copied files (to test a setting). */
static inline void tl_init_conf(struct tl *t, const char *edit_from, const char *edit_to)
{
	memset(t, 0, sizeof *t);
	unsetenv("ZONGZHI_HOME");
	t->repo = tl_find_repo();
	char tmpl[] = "/tmp/zz-unit-XXXXXX";
	assert_non_null(mkdtemp(tmpl));
	t->dir = xstrdup(tmpl);
	char *confdir = xasprintf("%s/conf", t->dir), *var = xasprintf("%s/var", t->dir);
	assert_int_equal(mkdir(confdir, 0700), 0);
	assert_int_equal(mkdir(var, 0700), 0);
	char *src = xasprintf("%s/conf", t->repo);
	DIR *d = opendir(src);
	assert_non_null(d);
	struct dirent *de;
	char *repo_q = xasprintf("\"%s/", t->repo), *repo_var = xasprintf("\"%s/var/", t->repo);
	char *dir_var = xasprintf("\"%s/var/", t->dir);
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		if (n < 5 || strcmp(de->d_name + n - 4, ".cfg") != 0)
			continue;
		char *from = xasprintf("%s/%s", src, de->d_name), *to = xasprintf("%s/%s", confdir, de->d_name);
		char *text = tl_slurp(from, NULL);
		assert_non_null(text);
		text = tl_replace(text, "\"../", repo_q);
		text = tl_replace(text, repo_var, dir_var);
		if (edit_from && strstr(text, edit_from))
			text = tl_replace(text, edit_from, edit_to);
		tl_write(to, text);
		free(text);
		free(from);
		free(to);
	}
	closedir(d);
	t->conf = xasprintf("%s/zongzhi.cfg", confdir);
	free(repo_q);
	free(repo_var);
	free(dir_var);
	free(src);
	free(confdir);
	free(var);
}

/* The small unit tree every database test uses: code, parent, level, name, department. */
static const char *const tl_units_rows[][5] = {
	{"32", "", "province", "江苏省", ""},
	{"3212", "32", "city", "泰州市", ""},
	{"321204", "3212", "county", "姜堰区", ""},
	{"321204-police", "321204", "dept", "姜堰区公安分局", "police"},
	{"321204-justice", "321204", "dept", "姜堰区司法局", "justice"},
	{"321204001", "321204", "township", "三水街道", ""},
	{"321204001-justice", "321204001", "dept", "三水司法所", "justice"},
	{"321204001001", "321204001", "village", "桥头社区", ""},
	{"321204001001001", "321204001001", "grid", "桥头一网格", ""},
	{"321204001001002", "321204001001", "grid", "桥头二网格", ""},
	{"321204001002", "321204001", "village", "天目社区", ""},
	{"321204001002001", "321204001002", "grid", "天目一网格", ""},
	{"321204002", "321204", "township", "娄庄镇", ""},
	{"321204002001", "321204002", "village", "娄庄村", ""},
	{"321204002001001", "321204002001", "grid", "娄庄一网格", ""},
};

static inline int tl_units_txn(struct store *st, DB_TXN *txn, void *arg)
{
	(void)arg;
	int rc = 0;
	for (size_t i = 0; i < ARRAY_LEN(tl_units_rows) && rc == 0; i++) {
		struct units *us = NULL;
		rc = units_load(st, txn, &us);
		const char *const *r = tl_units_rows[i];
		if (rc == 0)
			rc = unit_add(st, txn, us, r[0], r[3], r[1], unit_level_parse(r[2]), *r[4] ? r[4] : NULL);
		units_free(&us);
	}
	return rc;
}

/* A group's state: the repository's settings and schema without a database (cmocka group set-up
 * and tear-down of tests that read conf/ only). */
static inline int tl_conf_setup(void **state)
{
	struct ctx *c = NULL;
	if (ctx_load(&c, "conf/zongzhi.cfg", "/nonexistent", domain_features) < 0) {
		fprintf(stderr, "%s\n", errmsg());
		return -1;
	}
	*state = c;
	return 0;
}

static inline int tl_conf_teardown(void **state)
{
	struct ctx *c = *state;
	ctx_free(&c);
	return 0;
}

/* Load settings and open a new database in DIR/var/db; with UNITS, the tree above. */
static inline void tl_open_ctx(struct tl *t, bool units)
{
	if (ctx_load(&t->c, t->conf, NULL, domain_features) < 0)
		fail_msg("ctx_load: %s", errmsg());
	if (ctx_open_store(t->c, STORE_CREATE) < 0)
		fail_msg("ctx_open_store: %s", errmsg());
	if (units) {
		if (store_run(t->c->st, tl_units_txn, NULL) < 0)
			fail_msg("units: %s", errmsg());
		assert_int_equal(ctx_units_reload(t->c), 0);
	}
}

static inline void tl_open(struct tl *t, bool units)
{
	tl_init_conf(t, NULL, NULL);
	tl_open_ctx(t, units);
}

static inline int tl_rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* The regions of a home under the test's folder, removed with it: in shared memory they would
 * outlive the folder when a test's process ended without closing (a child's _exit). */
static inline int tl_rm_regions(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	DB_ENV *env = NULL;
	if (flag == FTW_F && !strcmp(path + ftw->base, "__db.001") && db_env_create(&env, 0) == 0) {
		char *home = xstrndup(path, (size_t)ftw->base);
		env->remove(env, home, DB_FORCE);
		free(home);
	}
	return 0;
}

static inline void tl_close(struct tl *t)
{
	ctx_free(&t->c);
	if (t->dir)
		nftw(t->dir, tl_rm_regions, 16, FTW_PHYS);
	if (t->dir)
		nftw(t->dir, tl_rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(t->dir);
	free(t->repo);
	free(t->conf);
	memset(t, 0, sizeof *t);
}

/* A test's or a group's state (cmocka set-up and tear-down): a struct tl opened by tl_open, with
 * the small unit tree (tl_tree_setup), without (tl_db_setup), or with the demo tree and its
 * accounts, no persons (tl_demo_setup). tl_state_teardown also ends a test's own fixture that
 * begins with its struct tl (struct fx { struct tl t; … }, allocated whole). */
static inline int tl_state_open(void **state, bool units)
{
	struct tl *t = xcalloc(1, sizeof *t);
	tl_open(t, units);
	*state = t;
	return 0;
}

static inline int tl_tree_setup(void **state)
{
	return tl_state_open(state, true);
}

static inline int tl_db_setup(void **state)
{
	return tl_state_open(state, false);
}

static inline int tl_state_teardown(void **state)
{
	struct tl *t = *state; /* a fixture's first member, at its address */
	tl_close(t);
	free(t);
	return 0;
}

static inline int tl_demo_setup(void **state)
{
	tl_state_open(state, false);
	struct tl *t = *state;
	struct demo_summary sum = {0};
	if (demo_create(t->c, &(struct demo_opts){.persons = 0, .seed = 1}, &sum) < 0) {
		fprintf(stderr, "%s\n", errmsg());
		tl_state_teardown(state);
		return -1;
	}
	free(sum.per_type);
	return 0;
}

/* Account NAME as stored (caller frees). */
static inline struct user *tl_account(struct ctx *c, const char *name)
{
	struct user *u = NULL;
	assert_int_equal(user_load(c->st, NULL, name, &u, false), 0);
	return u;
}

/* Add account NAME and load it (caller frees). */
static inline struct user *tl_user(struct tl *t, const char *name, const char *unit, const char *role,
				   const char *dept)
{
	if (user_add(t->c, NULL, name, NULL, unit, role, dept, TL_PASSWORD, true) < 0)
		fail_msg("user_add %s: %s", name, errmsg());
	struct user *u = NULL;
	assert_int_equal(user_load(t->c->st, NULL, name, &u, false), 0);
	return u;
}

/* The record types of tests/unit/fixtures/schema/good.cfg ("sample": a field of every type) and
 * the repository's code tables; free both with tl_fixture_free. */
static inline void tl_fixture_schema(struct tl *t, struct codes **codes, struct schema **s)
{
	char *cdir = xasprintf("%s/db/codes", t->repo);
	assert_int_equal(codes_load(codes, cdir), 0);
	char *dir = xasprintf("%s/screens-good", t->dir);
	assert_int_equal(mkdir(dir, 0700), 0);
	char *from = xasprintf("%s/tests/unit/fixtures/schema/good.cfg", t->repo);
	char *to = xasprintf("%s/good.cfg", dir);
	char *text = tl_slurp(from, NULL);
	assert_non_null(text);
	tl_write(to, text);
	if (schema_load(s, dir, *codes) < 0)
		fail_msg("%s", errmsg());
	free(text);
	free(from);
	free(to);
	free(dir);
	free(cdir);
}

static inline void tl_fixture_free(struct codes **codes, struct schema **s)
{
	schema_free(s);
	codes_free(codes);
}

/* Stored record ID of type RT as U (caller frees); fails the test if it cannot be read. */
static inline struct rec *tl_get(struct tl *t, const struct user *u, const struct rtype *rt, uint64_t id)
{
	struct rec *r = NULL;
	if (service_get(t->c, u, rt, id, &r) < 0)
		fail_msg("service_get: %s", errmsg());
	return r;
}

/* Change field FIELD of record ID (type RT) to VALUE as U through the record actions (the form,
 * `record update`); returns service_save's result. */
static inline int tl_edit(struct tl *t, const struct user *u, const struct rtype *rt, uint64_t id,
			  const char *field, const char *value)
{
	struct rec *r = tl_get(t, u, rt, id);
	if (rec_set(r, field, value) < 0)
		fail_msg("%s: %s", field, errmsg());
	int rc = service_save(t->c, u, r, NULL);
	rec_free(&r);
	return rc;
}

/* Whether stored record ID (type RT) is frozen: service_frozen, what the forms ask before they
 * offer e. */
static inline int tl_frozen(struct tl *t, const struct user *u, const struct rtype *rt, uint64_t id)
{
	struct rec *r = tl_get(t, u, rt, id);
	int rc = service_frozen(t->c, NULL, r, ACT_EDIT);
	rec_free(&r);
	return rc;
}

/* Register a dispute (宅基地界址纠纷, of CATEGORY) held by UNIT as the console; returns its id. */
static inline uint64_t tl_event(struct tl *t, const char *unit, const char *category)
{
	struct rec *r = rec_new(event_type(t->c));
	const char *kv[][2] = {
	    {"title", "宅基地界址纠纷"},      {"category", category}, {"urgency", "1"},
	    {"occurred", "2020-11-02 09:00"}, {"scale", "2"},	      {"place", "桥头1组"},
	    {"description", "两户为界址争执"}};
	for (size_t i = 0; i < ARRAY_LEN(kv); i++)
		if (rec_set(r, kv[i][0], kv[i][1]) < 0)
			fail_msg("%s: %s", kv[i][0], errmsg());
	rec_set_meta(&r->unit, unit);
	if (event_new(t->c, &service_console, r, "登记", NULL) < 0)
		fail_msg("event_new: %s", errmsg());
	uint64_t id = r->id;
	rec_free(&r);
	return id;
}

/* Add a household (户籍人口) record as U (NULL: the console); returns service_save's result and
 * the record id in *ID. */
static inline int tl_household(struct tl *t, const struct user *u, const char *idnum, const char *name,
			       const char *unit, uint64_t *id)
{
	const struct rtype *rt = schema_type(t->c->schema, "household");
	assert_non_null(rt);
	struct rec *r = rec_new(rt);
	const char *kv[][2] = {{"idnum", idnum},     {"name", name},	      {"ethnicity", "01"},
			       {"live_address", "桥头1组"}, {"hukou_status", "1"}, {"head_relation", "01"},
			       {"housing_kind", "1"}};
	for (size_t i = 0; i < ARRAY_LEN(kv); i++)
		if (rec_set(r, kv[i][0], kv[i][1]) < 0)
			fail_msg("%s", errmsg());
	rec_set_meta(&r->unit, unit);
	int rc = service_save(t->c, u ? u : &service_console, r, NULL);
	if (id)
		*id = r->id;
	rec_free(&r);
	return rc;
}

static inline int tl_store_txn(struct store *st, DB_TXN *txn, void *arg)
{
	return record_store(st, txn, arg, NULL);
}

/* A rental house (出租房) numbered NO at ADDRESS in UNIT, stored unchecked (no service rules);
 * its id. */
static inline uint64_t tl_house(struct tl *t, const char *no, const char *address, const char *unit)
{
	struct rec *r = rec_new(schema_type(t->c->schema, "rental"));
	rec_set_raw(r, rtype_field(r->t, "house_no"), no);
	rec_set_raw(r, rtype_field(r->t, "address"), address);
	rec_set_meta(&r->unit, unit);
	assert_int_equal(store_run(t->c->st, tl_store_txn, r), 0);
	uint64_t id = r->id;
	rec_free(&r);
	return id;
}

/* errmsg() contains NEEDLE. */
#define assert_errmsg_has(needle)                                                                  \
	do {                                                                                       \
		if (!strstr(errmsg(), (needle)))                                                   \
			fail_msg("errmsg “%s” lacks “%s”", errmsg(), (needle));                     \
	} while (0)

/* The line of the first occurrence of NEEDLE in FILE, from 1. */
static inline int tl_line_of(const char *file, const char *needle)
{
	char *text = tl_slurp(file, NULL);
	assert_non_null(text);
	char *p = strstr(text, needle);
	assert_non_null(p);
	int line = 1;
	for (char *q = text; q < p; q++)
		line += *q == '\n';
	free(text);
	return line;
}

/* A valid ID number from 17 digits (the check character computed). */
static inline void tl_idnum(const char *first17, char out[19])
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (first17[i] - '0') * w[i];
	memcpy(out, first17, 17);
	out[17] = "10X98765432"[sum % 11];
	out[18] = '\0';
}

#endif
