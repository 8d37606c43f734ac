/* test_schema.c — the record types of screens/ against the standard's field list
 * (doc/spec/fields.tsv), the checks of field references, and screen files with each kind of
 * mistake refused with file, line and reason (fixtures in tests/unit/fixtures/schema/). */
#include "testlib.h"

#include "codes.h"
#include "schema.h"

/* Types declared by another feature branch; their rows are checked once the type exists. */
static const char *const pending_types[] = {"dispute_event"};

static bool pending(const char *type)
{
	for (size_t i = 0; i < ARRAY_LEN(pending_types); i++)
		if (!strcmp(pending_types[i], type))
			return true;
	return false;
}

struct loaded {
	struct codes *codes;
	struct schema *schema;
};

static int load_setup(void **state)
{
	struct loaded *l = calloc(1, sizeof *l);
	if (codes_load(&l->codes, "db/codes") < 0 || schema_load(&l->schema, "screens", l->codes) < 0) {
		fprintf(stderr, "%s\n", errmsg());
		return -1;
	}
	*state = l;
	return 0;
}

static int load_teardown(void **state)
{
	struct loaded *l = *state;
	schema_free(&l->schema);
	codes_free(&l->codes);
	free(l);
	return 0;
}

/* Does type T declare LABEL as a field (or as a section, for the section rows of 6.3.1.4, 6.3.2.3)? */
static const struct field *find_label(const struct rtype *t, const char *label, bool *as_section)
{
	*as_section = false;
	for (int i = 0; i < t->nf; i++)
		if (!strcmp(t->f[i].label, label))
			return &t->f[i];
	static const char *const section_rows[] = {"基本信息", "住房信息", "流入信息"};
	for (size_t k = 0; k < ARRAY_LEN(section_rows); k++)
		if (!strcmp(label, section_rows[k]))
			for (int i = 0; i < t->nf; i++)
				if (!strcmp(t->f[i].section, label)) {
					*as_section = true;
					return &t->f[i];
				}
	return NULL;
}

/* Every row of the standard's field list is a field of its record type, in the group of the
 * standard, with the required flag of the row. The failure lists every missing label. */
static void test_fields_tsv_declared(void **state)
{
	struct loaded *l = *state;
	FILE *f = fopen("doc/spec/fields.tsv", "r");
	assert_non_null(f);
	char *line = NULL;
	size_t cap = 0;
	int rows = 0, bad = 0;
	bool header = true;
	while (getline(&line, &cap, f) >= 0) {
		line[strcspn(line, "\r\n")] = '\0';
		if (header || !line[0]) {
			header = false;
			continue;
		}
		char *p[7] = {0};
		int n = str_split(line, '\t', p, 7);
		assert_true(n >= 6);
		const char *record = p[1], *group = p[2], *label = p[4], *req = p[5];
		rows++;
		const struct rtype *t = schema_type(l->schema, record);
		if (!t) {
			if (pending(record))
				continue;
			fprintf(stderr, "缺少记录类型 %s（%s）\n", record, p[3]);
			bad++;
			continue;
		}
		if (strcmp(t->group, group) != 0) {
			fprintf(stderr, "%s 的菜单分组是 %s，标准为 %s\n", record, t->group, group);
			bad++;
		}
		bool as_section;
		const struct field *fd = find_label(t, label, &as_section);
		if (!fd) {
			fprintf(stderr, "%s（%s）缺少字段 “%s”\n", record, t->title, label);
			bad++;
		} else if (!as_section && fd->required != (req[0] == 'Y')) {
			fprintf(stderr, "%s 的字段 “%s” 必填应为 %s\n", record, label, req);
			bad++;
		}
	}
	free(line);
	fclose(f);
	assert_true(rows > 180);
	assert_int_equal(bad, 0);
}

/* The groups of 3.6 and the special populations of 6.2 are all there, as person roles. */
static void test_person_roles(void **state)
{
	struct loaded *l = *state;
	static const char *const roles[] = {"household", "floating", "released", "corrections", "mental",
					    "hiv",	 "drug",     "petitioner", "youth",	  "threat"};
	for (size_t i = 0; i < ARRAY_LEN(roles); i++) {
		const struct rtype *t = schema_type(l->schema, roles[i]);
		assert_non_null(t);
		assert_true(t->person_role);
		assert_int_equal(t->f[t->key].type, FT_IDNUM);
	}
	/* Household tells 人户同在, 人户分离 and 空挂户 apart (5.6.4). */
	const struct rtype *h = schema_type(l->schema, "household");
	const struct field *hs = &h->f[rtype_field(h, "hukou_status")];
	assert_non_null(codetable_lookup(hs->codes, "人户同在"));
	assert_non_null(codetable_lookup(hs->codes, "人户分离"));
	assert_non_null(codetable_lookup(hs->codes, "空挂户"));
	/* A rental house has one or more tenants: the lessee, and tenant records naming the house. */
	const struct rtype *tt = schema_type(l->schema, "rental_tenant");
	assert_non_null(tt);
	int hf = rtype_field(tt, "house_no");
	assert_string_equal(tt->f[hf].ref, "rental");
	assert_int_equal(tt->f[rtype_field(tt, "tenant_idnum")].type, FT_PERSON);
}

static char *tmpdir_with(const char *file, const char *text)
{
	char tmpl[] = "/tmp/zz-schema-XXXXXX";
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	char *path = xasprintf("%s/%s", dir, file);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(path);
	return xstrdup(dir);
}

static void rm_dir(char *dir, const char *file)
{
	char *path = xasprintf("%s/%s", dir, file);
	unlink(path);
	free(path);
	rmdir(dir);
	free(dir);
}

/* A reference to a type that does not exist, or that the field cannot hold, stops the load with
 * the file and line. */
static void test_bad_refs(void **state)
{
	struct loaded *l = *state;
	static const struct {
		const char *text, *want;
	} cases[] = {
		{"type = { id = \"a\"; title = \"甲\"; group = \"X\"; sections = ( { title = \"s\"; fields = (\n"
		 "{ id = \"r\"; label = \"引用\"; type = \"int\"; ref = \"nosuch\"; } ); } ); };\n",
		 "a.cfg:2: 字段 r 的 ref “nosuch” 不是记录类型"},
		{"type = { id = \"a\"; title = \"甲\"; group = \"X\"; key = \"k\"; sections = ( { title = \"s\"; fields = (\n"
		 "{ id = \"k\"; label = \"键\"; type = \"text\"; },\n"
		 "{ id = \"r\"; label = \"引用\"; type = \"idnum\"; ref = \"a\"; } ); } ); };\n",
		 "a.cfg:3: 字段 r 不能引用 a"},
		{"type = { id = \"a\"; title = \"甲\"; group = \"X\"; sections = ( { title = \"s\"; fields = (\n"
		 "{ id = \"r\"; label = \"引用\"; type = \"int\"; ref = \"@nosuch\"; } ); } ); };\n",
		 "a.cfg:2: 字段 r 的 ref “@nosuch” 应指向本类型的单选字段"},
		/* "le" joins two numbers or two dates, not a date and a number. */
		{"type = { id = \"a\"; title = \"甲\"; group = \"X\"; sections = ( { title = \"s\"; fields = (\n"
		 "{ id = \"d\"; label = \"日\"; type = \"date\"; le = \"n\"; },\n"
		 "{ id = \"n\"; label = \"数\"; type = \"int\"; } ); } ); };\n",
		 "a.cfg:2: 字段 d 的 le “n” 应为本类型的另一个数字字段（或同为日期）"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *dir = tmpdir_with("a.cfg", cases[i].text);
		struct schema *s = NULL;
		assert_int_equal(schema_load(&s, dir, l->codes), ZZ_EINVAL);
		assert_null(s);
		if (!strstr(errmsg(), cases[i].want))
			fail_msg("got “%s”, want “%s”", errmsg(), cases[i].want);
		rm_dir(dir, "a.cfg");
	}
}

/* A person role is found by its person's ID number in the key index (whether a person is still in
 * use, service.c's person_in_use): a role keyed otherwise, or a person keyed by other than an ID
 * number, stops the load, naming the role. */
static void test_role_key(void **state)
{
	struct loaded *l = *state;
#define PERSON(key)                                                                                        \
	"type = { id = \"person\"; title = \"人员\"; group = \"X\"; key = \"" key "\"; name = \"name\";\n" \
	"sections = ( { title = \"s\"; fields = (\n"                                                       \
	"{ id = \"idnum\"; label = \"身份证号\"; type = \"idnum\"; },\n"                                   \
	"{ id = \"name\"; label = \"姓名\"; type = \"text\"; } ); } ); };\n"
#define ROLE(key)                                                                                          \
	"type = { id = \"a\"; title = \"甲\"; group = \"X\"; person = true;" key "\n"                       \
	"sections = ( { title = \"s\"; fields = (\n"                                                       \
	"{ id = \"k\"; label = \"编号\"; type = \"text\"; } ); } ); };\n"
	static const struct {
		const char *person, *role, *want; /* WANT NULL: loads */
	} cases[] = {
		{PERSON("idnum"), ROLE(""), NULL},
		{PERSON("idnum"), ROLE(" key = \"k\";"),
		 "a.cfg:1: 类型 a（甲）是人员的身份（person = true），以人员的身份证号为键，不能另写 key"},
		{PERSON("name"), ROLE(""),
		 "a.cfg:1: 类型 a（甲）是人员的身份（person = true），需要 person 类型以身份证号（idnum 字段）为键"},
	};
#undef PERSON
#undef ROLE
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *dir = tmpdir_with("a.cfg", cases[i].role);
		char *person = xasprintf("%s/person.cfg", dir);
		tl_write(person, cases[i].person);
		struct schema *s = NULL;
		int rc = schema_load(&s, dir, l->codes);
		if (!cases[i].want && rc < 0)
			fail_msg("case %zu: %s", i, errmsg());
		if (cases[i].want) {
			assert_int_equal(rc, ZZ_EINVAL);
			assert_null(s);
			if (!strstr(errmsg(), cases[i].want))
				fail_msg("got “%s”, want “%s”", errmsg(), cases[i].want);
		} else {
			const struct rtype *a = schema_type(s, "a");
			assert_string_equal(a->f[a->key].id, "idnum");
		}
		schema_free(&s);
		unlink(person);
		free(person);
		rm_dir(dir, "a.cfg");
	}
}

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
		/* Each type knows its place after the sort: the store's rec[] by it (store_rec_db). */
		assert_int_equal(s->t[i]->index, i);
	}
	assert_true(ip < ih && ih < ifl);
	/* An access request's types: picked and shown by their titles. */
	const struct rtype *ar = schema_type(s, "access_request");
	assert_non_null(ar);
	assert_true(ar->f[rtype_field(ar, "types")].types);
	char *zh = schema_types_zh(s, "key_area,household,nosuch");
	assert_string_equal(zh, "重点地区整治、户籍人口、nosuch");
	free(zh);
	/* And back: a type named by its id or by its title (a task feedback's 出租房:19). */
	assert_ptr_equal(schema_type_any(s, "household"), h);
	assert_ptr_equal(schema_type_any(s, "户籍人口"), h);
	assert_ptr_equal(schema_type_any(s, "重点地区整治"), schema_type(s, "key_area"));
	assert_null(schema_type_any(s, "nosuch"));
	assert_null(schema_type_any(s, "户籍"));
	schema_free(&s);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_tsv_declared),
		cmocka_unit_test(test_person_roles),
		cmocka_unit_test(test_bad_refs),
		cmocka_unit_test(test_role_key),
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
	return cmocka_run_group_tests(tests, load_setup, load_teardown);
}
