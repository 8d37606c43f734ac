/* test_schema.c — record types from screen files: a good file loads with every field type; a file
 * with each kind of mistake is refused with its file, line and reason. */
#include "testlib.h"

#include "codes.h"
#include "schema.h"

struct fx {
	struct tl t;
	struct codes *codes;
};

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	tl_init_conf(&f->t, NULL, NULL);
	char *dir = xasprintf("%s/db/codes", f->t.repo);
	assert_int_equal(codes_load(&f->codes, dir), 0);
	free(dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	codes_free(&f->codes);
	tl_close(&f->t);
	free(f);
	return 0;
}

/* A folder holding only fixture NAME; returns the folder (caller frees). */
static char *one_file_dir(struct fx *f, const char *name, char **copy)
{
	char *dir = xasprintf("%s/screens-%s", f->t.dir, name);
	assert_int_equal(mkdir(dir, 0700), 0);
	char *from = xasprintf("%s/tests/unit/fixtures/schema/%s.cfg", f->t.repo, name);
	char *text = tl_slurp(from, NULL);
	assert_non_null(text);
	*copy = xasprintf("%s/%s.cfg", dir, name);
	tl_write(*copy, text);
	free(text);
	free(from);
	return dir;
}

static void expect_refused(struct fx *f, const char *name, const char *at, const char *reason)
{
	char *copy = NULL;
	char *dir = one_file_dir(f, name, &copy);
	struct schema *s = NULL;
	assert_int_equal(schema_load(&s, dir, f->codes), ZZ_EINVAL);
	assert_null(s);
	char *where = xasprintf("%s:%d:", copy, tl_line_of(copy, at));
	assert_errmsg_has(where);
	assert_errmsg_has(reason);
	free(where);
	free(copy);
	free(dir);
}

static void test_unknown_type(void **state)
{
	expect_refused(*state, "unknown_type", "bigint", "类型 “bigint” 未知");
}

static void test_missing_label(void **state)
{
	expect_refused(*state, "missing_label", "id = \"size\"", "缺少 label");
}

static void test_bad_pattern(void **state)
{
	expect_refused(*state, "bad_pattern", "\"[0-9\"", "正则表达式有误");
}

static void test_missing_codes(void **state)
{
	expect_refused(*state, "missing_codes", "no_such_table", "代码表 “no_such_table” 不存在");
}

static void test_enum_without_codes(void **state)
{
	expect_refused(*state, "enum_without_codes", "id = \"size\"", "需要 codes");
}

static void test_duplicate_id(void **state)
{
	expect_refused(*state, "duplicate_id", "编号二", "字段 id “code” 重复");
}

static void test_unknown_attribute(void **state)
{
	expect_refused(*state, "unknown_attribute", "requried", "未知的字段属性 “requried”");
}

static void test_bad_key(void **state)
{
	expect_refused(*state, "bad_key", "type = {", "key “nosuch” 不是本类型的字段");
}

static void test_syntax(void **state)
{
	struct fx *f = *state;
	char *copy = NULL;
	char *dir = one_file_dir(f, "syntax", &copy);
	struct schema *s = NULL;
	assert_int_equal(schema_load(&s, dir, f->codes), ZZ_EINVAL);
	assert_errmsg_has(copy);
	free(copy);
	free(dir);
}

static void test_good(void **state)
{
	struct fx *f = *state;
	char *copy = NULL;
	char *dir = one_file_dir(f, "good", &copy);
	struct schema *s = NULL;
	if (schema_load(&s, dir, f->codes) < 0)
		fail_msg("%s", errmsg());
	const struct rtype *t = schema_type(s, "sample");
	assert_non_null(t);
	assert_string_equal(t->title, "样例");
	assert_int_equal(t->nf, FT__COUNT + 1);
	/* Every type of ftype_table[] is used once (plus the key as text). */
	for (int k = 0; k < FT__COUNT; k++) {
		bool seen = false;
		for (int i = 0; i < t->nf; i++)
			seen |= t->f[i].type == (enum ftype)k;
		assert_true(seen);
	}
	assert_int_equal(t->key, rtype_field(t, "code"));
	assert_int_equal(t->name_field, rtype_field(t, "title"));
	assert_int_equal(rtype_field_any(t, "身份证号"), rtype_field(t, "idnum"));
	assert_int_equal(rtype_field_any(t, "nosuch"), -1);
	assert_true(rtype_owned_by(t, "police"));
	assert_false(rtype_owned_by(t, "justice"));
	assert_false(rtype_owned_by(t, NULL));
	const struct field *code = &t->f[t->key];
	assert_true(code->required);
	assert_non_null(code->re);
	assert_int_equal(code->list, 6);
	assert_true(t->f[rtype_field(t, "phone")].sensitive);
	assert_true(t->f[rtype_field(t, "title")].indexed);
	assert_string_equal(t->f[rtype_field(t, "sex")].codes->name, "sex");
	enum ftype ft;
	assert_true(ftype_parse("multi", &ft));
	assert_int_equal(ft, FT_MULTI);
	assert_false(ftype_parse("bigint", &ft));
	schema_free(&s);
	assert_null(s);
	free(copy);
	free(dir);
}

/* The shipped screens load, and person roles carry the person's fields first (R: 由系统自动生成). */
static void test_repository_screens(void **state)
{
	struct fx *f = *state;
	char *dir = xasprintf("%s/screens", f->t.repo);
	struct schema *s = NULL;
	if (schema_load(&s, dir, f->codes) < 0)
		fail_msg("%s", errmsg());
	const struct rtype *p = schema_type(s, "person"), *h = schema_type(s, "household"),
			   *fl = schema_type(s, "floating");
	assert_non_null(p);
	assert_non_null(h);
	assert_non_null(fl);
	assert_true(h->person_role);
	assert_false(p->person_role);
	for (int i = 0; i < p->nf; i++) {
		assert_string_equal(h->f[i].id, p->f[i].id);
		assert_true(h->f[i].from_person);
	}
	assert_false(h->f[p->nf].from_person);
	assert_string_equal(h->f[h->key].id, "idnum");
	assert_string_equal(h->f[h->name_field].id, "name");
	/* Sorted by order: person, household, floating. */
	int ip = -1, ih = -1, ifl = -1;
	for (int i = 0; i < s->n; i++) {
		ip = s->t[i] == p ? i : ip;
		ih = s->t[i] == h ? i : ih;
		ifl = s->t[i] == fl ? i : ifl;
	}
	assert_true(ip < ih && ih < ifl);
	schema_free(&s);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_unknown_type, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_label, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_pattern, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_codes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_enum_without_codes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_attribute, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_syntax, setup, teardown),
		cmocka_unit_test_setup_teardown(test_good, setup, teardown),
		cmocka_unit_test_setup_teardown(test_repository_screens, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
