/* test_import_map.c — the column mappings of conf/import/: loading (mistakes named by file and line)
 * and the plan for a file's header: our own export's header, a mapping chosen by name or found by
 * its columns, values translated, routing columns, and headers refused. */
#include "testlib.h"

#include "export.h"
#include "import_map.h"

static char *map_dir(struct tl *t)
{
	char *dir = xasprintf("%s/conf/import", t->dir);
	mkdir(dir, 0700);
	return dir;
}

static void write_map(struct tl *t, const char *name, const char *text)
{
	char *dir = map_dir(t), *path = xasprintf("%s/%s.cfg", dir, name);
	tl_write(path, text);
	free(path);
	free(dir);
}

static const char good_map[] = "mapping = {\n"
			       "  type = \"floating\";\n"
			       "  title = \"测试导出\";\n"
			       "  route = { address = \"现住地址\"; };\n"
			       "  columns = (\n"
			       "    { header = \"公民身份号码\"; field = \"idnum\"; },\n"
			       "    { header = \"性别\"; field = \"sex\"; values = ( [\"男性\", \"男\"], [\"女性\", \"女\"] ); }\n"
			       "  );\n"
			       "  ignore = [ \"录入民警\" ];\n"
			       "};\n";

static void test_plans(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, false);
	write_map(&t, "test_floating", good_map);
	struct import_maps *maps = NULL;
	assert_int_equal(import_maps_load(t.c, &maps), 0);
	assert_int_equal(maps->n, 1);
	const struct import_map *m = import_maps_find(maps, "test_floating");
	assert_non_null(m);
	assert_null(import_maps_find(maps, "other"));
	const struct rtype *fl = schema_type(t.c->schema, "floating");
	assert_ptr_equal(m->t, fl);

	/* Their header, the mapping found by its columns (no name given). */
	char *theirs[] = {"性别", "录入民警", "公民身份号码", "现住地址"};
	struct import_plan p;
	assert_int_equal(import_plan_build(fl, maps, NULL, theirs, 4, "a.csv", &p), 0);
	assert_ptr_equal(p.map, m);
	assert_int_equal(p.field[0], rtype_field(fl, "sex"));
	assert_int_equal(p.field[1], PLAN_IGNORE);
	assert_int_equal(p.field[2], fl->key);
	assert_int_equal(p.col_addr, 3);
	assert_int_equal(p.col_unit, -1);
	assert_string_equal(import_plan_value(&p, 0, "女性"), "女");
	assert_string_equal(import_plan_value(&p, 0, "未知"), "未知");
	assert_string_equal(import_plan_value(&p, 2, "x"), "x");
	import_plan_free(&p);

	/* Our own export's header: labels or ids, and the unit column. */
	char *ours[] = {EXPORT_UNIT_LABEL, "idnum", (char *)fl->f[rtype_field(fl, "sex")].label};
	assert_int_equal(import_plan_build(fl, maps, NULL, ours, 3, "b.csv", &p), 0);
	assert_null(p.map);
	assert_int_equal(p.col_unit, 0);
	assert_int_equal(p.field[1], rtype_field(fl, "idnum"));
	import_plan_free(&p);

	/* Refusals name the file and the column. */
	char *unknown[] = {"公民身份号码", "备注"};
	assert_int_equal(import_plan_build(fl, maps, "test_floating", unknown, 2, "c.csv", &p), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "c.csv 第 1 行：列“备注”不在映射 test_floating"));
	char *nokey[] = {"性别"};
	assert_int_equal(import_plan_build(fl, maps, "test_floating", nokey, 1, "d.csv", &p), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "d.csv 缺少映射 test_floating 中对应"));
	char *twice[] = {"公民身份号码", "公民身份号码"};
	assert_int_equal(import_plan_build(fl, maps, "test_floating", twice, 2, "e.csv", &p), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "重复"));
	assert_int_equal(import_plan_build(fl, maps, "nosuch", theirs, 4, "f.csv", &p), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "没有名为 nosuch 的导入映射"));
	const struct rtype *hh = schema_type(t.c->schema, "household");
	assert_int_equal(import_plan_build(hh, maps, "test_floating", theirs, 4, "g.csv", &p), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "映射 test_floating 用于流动人口"));
	char *neither[] = {"公民身份号码", "其他"};
	assert_int_equal(import_plan_build(fl, maps, NULL, neither, 2, "h.csv", &p), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "也不符合 conf/import/ 中任何流动人口的映射"));
	import_maps_free(&maps);
	assert_null(maps);
	tl_close(&t);
}

static void test_load_errors(void **state)
{
	(void)state;
	static const struct {
		const char *from, *to, *msg;
	} cases[] = {
		{"type = \"floating\";", "type = \"nosuch\";", "bad.cfg:2: 记录类型“nosuch”不存在"},
		{"field = \"sex\";", "field = \"nosuch\";", "bad.cfg:7: 流动人口没有字段“nosuch”"},
		{"[\"女性\", \"女\"]", "[\"男性\", \"女\"]", "bad.cfg:7: 值“男性”重复"},
		{"field = \"idnum\";", "field = \"sex\";", "bad.cfg:7: 字段“性别”已由列“公民身份号码”填写"},
		{"title = \"测试导出\";", "title = \"测试导出\"; encoding = \"latin1\";", "bad.cfg:3: encoding 应为"},
		{"};\n", "", "bad.cfg:"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct tl t;
		tl_open(&t, false);
		char *text = tl_replace(xstrdup(good_map), cases[i].from, cases[i].to);
		write_map(&t, "bad", text);
		free(text);
		struct import_maps *maps = NULL;
		assert_int_equal(import_maps_load(t.c, &maps), ZZ_EINVAL);
		assert_null(maps);
		if (!strstr(errmsg(), cases[i].msg))
			fail_msg("case %zu: %s", i, errmsg());
		tl_close(&t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plans),
		cmocka_unit_test(test_load_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
