/* test_report_def.c — the forms of reports/ load with their rows, columns and checks; mistakes in a
 * form file are named with file:line; a 分析研判 day (reports.due.judge) outside 1–28 refused. */
#include "testlib.h"

#include "report.h"

static void test_repository_forms(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, false);
	struct rp_defs *d = NULL;
	assert_int_equal(report_defs_load(t.c, &d), 0);
	/* The three dispute forms of 6.4.3.10, the mass-incident form of 6.4.3.7, the three youth
	 * forms of 6.5.3. */
	const char *ids[] = {"dispute_mediation", "mediation_prevention", "resolution_channels",
			     "mass_incident",	  "youth_help",		  "youth_base",
			     "youth_activity"};
	for (size_t i = 0; i < ARRAY_LEN(ids); i++)
		assert_non_null(report_def(d, ids[i]));
	const struct rp_def *m = report_def(d, "社会矛盾排查调解报表");
	assert_non_null(m);
	assert_int_equal(m->nlevels, 3);
	assert_int_equal(m->levels[0], LV_TOWNSHIP);
	assert_string_equal(m->rows[0].label, "合计");
	assert_string_equal(m->rows[2].val, "02");
	assert_string_equal(m->cols[1].dim, "accepted");
	assert_string_equal(m->cols[1].val, "1");
	assert_int_equal(m->cols[1].rel[RP_LE], 0);
	assert_int_equal(m->cols[1].rel[RP_OF], -1);
	assert_null(m->cols[5].dim);
	/* 涉及人数 are the people of 排查纠纷 (doc/报表.md 校验). */
	assert_string_equal(m->cols[5].id, "people");
	assert_int_equal(m->cols[5].rel[RP_OF], 0);
	assert_int_equal(m->cols[5].rel[RP_LE], -1);
	report_defs_free(&d);
	tl_close(&t);
}

static void bad_form(const char *text, const char *msg)
{
	struct tl t;
	tl_init_conf(&t, NULL, NULL);
	char *dir = xasprintf("%s/forms", t.dir), *file = xasprintf("%s/forms/x.cfg", t.dir);
	assert_int_equal(mkdir(dir, 0700), 0);
	tl_write(file, text);
	char *conf = tl_slurp(t.conf, NULL);
	char *from = xasprintf("reports = \"%s/reports\"", t.repo),
	     *to = xasprintf("reports = \"%s\"", dir);
	conf = tl_replace(conf, from, to);
	tl_write(t.conf, conf);
	if (ctx_load(&t.c, t.conf, NULL, domain_features) == 0)
		fail_msg("a bad form loaded: %s", text);
	assert_errmsg_has("x.cfg:");
	assert_errmsg_has(msg);
	free(conf);
	free(from);
	free(to);
	free(dir);
	free(file);
	tl_close(&t);
}

static void test_bad_forms(void **state)
{
	(void)state;
	bad_form(
	    "report = { id = \"x\"; title = \"X\"; type = \"youth\"; due = \"youth\"; levels = [ "
	    "\"county\" ];\n"
	    "  rows = { codes = \"nope\"; };\n  columns = ( { id = \"a\"; label = \"A\"; } ); };\n",
	    "代码表");
	bad_form("report = { id = \"x\"; title = \"X\"; type = \"youth\"; due = \"youth\"; levels "
		 "= [ \"county\" ];\n"
		 "  rows = { codes = \"youth_kind\"; };\n  columns = ( { id = \"a\"; label = "
		 "\"A\"; le = \"b\"; } ); };\n",
		 "le");
	bad_form("report = { id = \"x\"; title = \"X\"; type = \"youth\"; due = \"youth\"; levels "
		 "= [ \"county\" ];\n"
		 "  rows = { codes = \"youth_kind\"; };\n  columns = ( { id = \"a\"; label = "
		 "\"A\"; of = \"a\"; } ); };\n",
		 "of 应为本表另一列的 id");
	bad_form("report = { id = \"x\"; title = \"X\"; type = \"youth\"; due = \"youth\"; levels "
		 "= [ \"city\", \"county\" ];\n"
		 "  rows = { codes = \"youth_kind\"; };\n  columns = ( { id = \"a\"; label = "
		 "\"A\"; } ); };\n",
		 "levels");
	bad_form("report = { id = \"x\"; title = \"X\"; type = \"youth\"; due = \"nodue\"; levels "
		 "= [ \"county\" ];\n"
		 "  rows = { codes = \"youth_kind\"; };\n  columns = ( { id = \"a\"; label = "
		 "\"A\"; } ); };\n",
		 "reports.due.nodue.county");
	bad_form("report = { id = \"x\"; title = \"X\"; type = \"youth\"; subject = \"youth\"; due = \"youth\";\n"
		 "  levels = [ \"county\" ]; rows = { codes = \"youth_kind\"; };\n"
		 "  columns = ( { id = \"a\"; label = \"A\"; stat = \"all\"; } ); };\n",
		 "rows.by");
}

/* The 分析研判's day of a level (reports.due.judge, optional) is a day every month has. */
static void test_judge_days(void **state)
{
	(void)state;
	const char *days[] = {"29", "0"};
	for (size_t i = 0; i < ARRAY_LEN(days); i++) {
		char *to = xasprintf("judge = { village = 5; township = %s;", days[i]);
		struct tl t;
		tl_init_conf(&t, "judge = { village = 5; township = 8;", to);
		if (ctx_load(&t.c, t.conf, NULL, domain_features) == 0)
			fail_msg("reports.due.judge.township = %s loaded", days[i]);
		assert_errmsg_has("reports.due.judge.township 应为 1 到 28 日");
		free(to);
		tl_close(&t);
	}
	struct tl t;
	tl_init_conf(&t, "judge = { village = 5; township = 8;", "judge = { village = 28;");
	if (ctx_load(&t.c, t.conf, NULL, domain_features) < 0)
		fail_msg("a level left out, the 28th: %s", errmsg());
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_repository_forms),
	    cmocka_unit_test(test_bad_forms),
	    cmocka_unit_test(test_judge_days),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
