/* test_report_export.c — a form out of the system: CSV in UTF-8 with a BOM or in GB18030, text that
 * a spreadsheet would run as a formula neutralised, xlsx, files 0600 in the account's own folder. */
#include "testlib.h"

#include <sys/stat.h>
#include <time.h>

#include "report.h"
#include "report_export.h"
#include "stats.h"

static void test_csv_and_xlsx(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	struct rp_defs *defs = NULL;
	assert_int_equal(report_defs_load(t.c, &defs), 0);
	struct rp_def *d = &defs->v[0];
	assert_string_equal(d->id, "dispute_mediation");
	/* A label that a spreadsheet would take for a formula. */
	free(d->rows[1].label);
	d->rows[1].label = xstrdup("=HYPERLINK(\"x\")");
	struct user *u = tl_user(&t, "town", "321204001", "office", NULL);
	struct rp_form *f = NULL;
	assert_int_equal(report_open(t.c, u, d, "321204001", "2026-03", &f), 0);
	assert_int_equal(report_set(f, "02", "people", "7"), 0);

	char *path = NULL;
	assert_int_equal(report_export(t.c, u, f, "csv", &path), 0);
	char *dir = report_download_dir(t.c, u);
	assert_true(str_prefix(path, dir));
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	char *text = tl_slurp(path, NULL);
	assert_memory_equal(text, "\xEF\xBB\xBF", 3);
	assert_non_null(strstr(text, "\"'=HYPERLINK(\"\"x\"\")\""));
	assert_non_null(strstr(text, "\r\n邻里纠纷,0,0,0,0,0,7,0,0\r\n"));
	free(text);
	free(path);

	assert_int_equal(report_export(t.c, u, f, "csv-gb18030", &path), 0);
	text = tl_slurp(path, NULL);
	/* 邻里 in GB18030 */
	assert_non_null(strstr(text, "\xC1\xDA\xC0\xEF"));
	assert_null(strstr(text, "邻里"));
	free(text);
	free(path);

	assert_int_equal(report_export(t.c, u, f, "xlsx", &path), 0);
	text = tl_slurp(path, NULL);
	assert_memory_equal(text, "PK", 2);
	free(text);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	free(path);

	assert_int_equal(report_export(t.c, u, f, "pdf", &path), ZZ_EINVAL);
	free(dir);
	report_form_free(&f);
	user_free(&u);
	report_defs_free(&defs);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_and_xlsx),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
