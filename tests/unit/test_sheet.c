/* test_sheet.c — a plain table out of the system: CSV cells (numbers as they are, text that a
 * spreadsheet would run as a formula neutralised, quoting), the file in the account's download
 * folder (0600, GB18030, xlsx), audited; a wrong format leaves nothing behind. */
#include "testlib.h"

#include <sys/stat.h>

#include "audit.h"
#include "report_export.h"
#include "sheet.h"

static void fill(struct sheet *s)
{
	memset(s, 0, sizeof *s);
	s->title = xstrdup("标题");
	s->sub = xstrdup("已发布");
	s->head[0] = "单位";
	s->head[1] = "数量";
	s->head[2] = "备注";
	s->ncols = 3;
	s->num = 1u << 1;
	sheet_add(s, "桥头社区");
	sheet_addf(s, "%d", 12);
	sheet_add(s, "=HYPERLINK(\"x\")");
	sheet_add(s, "天目社区");
	sheet_add(s, "-3");
	sheet_add(s, "a,b");
	sheet_add(s, "-x");
	sheet_add(s, "@1");
	sheet_add(s, "-5"); /* text, though it reads as a number */
}

static void test_csv(void **state)
{
	(void)state;
	struct sheet s;
	fill(&s);
	assert_int_equal(sheet_rows(&s), 3);
	struct sb out;
	sb_init(&out);
	sheet_csv(&s, &out);
	assert_string_equal(out.buf, "标题\r\n已发布\r\n单位,数量,备注\r\n"
				     "桥头社区,12,\"'=HYPERLINK(\"\"x\"\")\"\r\n"
				     "天目社区,-3,\"a,b\"\r\n"
				     "'-x,'@1,'-5\r\n");
	sb_free(&out);
	sheet_free(&s);
}

static void test_export(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	struct user *u = tl_user(&t, "town", "321204001", "office", NULL);
	struct sheet s;
	fill(&s);
	char *path = NULL;
	assert_int_equal(sheet_export(t.c, u, &s, "csv-gb18030", "t-1", "test:1", &path), 0);
	char *dir = report_download_dir(t.c, u);
	assert_true(str_prefix(path, dir));
	assert_non_null(strstr(path, "/t-1.csv"));
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	char *text = tl_slurp(path, NULL);
	assert_non_null(strstr(text, "\xC7\xC5\xCD\xB7")); /* 桥头 in GB18030 */
	assert_null(strstr(text, "桥头"));
	free(text);
	free(path);

	assert_int_equal(sheet_export(t.c, u, &s, "xlsx", "t-1", "test:1", &path), 0);
	text = tl_slurp(path, NULL);
	assert_memory_equal(text, "PK", 2);
	free(text);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	free(path);

	path = NULL;
	assert_int_equal(sheet_export(t.c, u, &s, "pdf", "t-2", "test:2", &path), ZZ_EINVAL);
	assert_null(path);
	char *none = xasprintf("%s/t-2.pdf", dir);
	assert_int_not_equal(stat(none, &sb), 0);
	free(none);
	free(dir);
	sheet_free(&s);
	user_free(&u);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_csv),
	    cmocka_unit_test(test_export),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
