/* test_csv.c — RFC 4180 reading and writing: quotes, embedded commas and newlines, CRLF, BOM. */
#include "testlib.h"

#include "csv.h"

static FILE *mem(const char *text)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	assert_non_null(f);
	return f;
}

static void test_read(void **state)
{
	(void)state;
	FILE *f = mem("\xef\xbb\xbf名称,说明,数\r\n"
		      "\"a,b\",\"他说\"\"好\"\"\",1\r\n"
		      "\"多\n行\",,\n"
		      "\n"
		      "last,no newline");
	struct csv_row row = {0};
	long line = 0;
	assert_int_equal(csv_read(f, &row, &line), 1);
	assert_int_equal(row.line, 1);
	assert_int_equal(row.f.n, 3);
	assert_string_equal(row.f.v[0], "名称"); /* BOM dropped */
	assert_int_equal(csv_read(f, &row, &line), 1);
	assert_int_equal(row.line, 2);
	assert_string_equal(row.f.v[0], "a,b");
	assert_string_equal(row.f.v[1], "他说\"好\"");
	assert_string_equal(row.f.v[2], "1"); /* CR of CRLF dropped */
	assert_int_equal(csv_read(f, &row, &line), 1);
	assert_int_equal(row.line, 3);
	assert_string_equal(row.f.v[0], "多\n行");
	assert_string_equal(row.f.v[1], "");
	assert_string_equal(row.f.v[2], "");
	assert_int_equal(csv_read(f, &row, &line), 1); /* the empty line: one empty field */
	assert_int_equal(row.line, 5);
	assert_int_equal(row.f.n, 1);
	assert_int_equal(csv_read(f, &row, &line), 1);
	assert_int_equal(row.line, 6);
	assert_string_equal(row.f.v[1], "no newline");
	assert_int_equal(csv_read(f, &row, &line), 0);
	csv_row_free(&row);
	fclose(f);
}

static void test_unclosed_quote(void **state)
{
	(void)state;
	FILE *f = mem("a,\"never closed\nb,c\n");
	struct csv_row row = {0};
	long line = 0;
	assert_int_equal(csv_read(f, &row, &line), ZZ_EINVAL);
	assert_errmsg_has("引号没有闭合");
	assert_int_equal(row.line, 1);
	csv_row_free(&row);
	fclose(f);
}

static void test_bom_only_on_first_line(void **state)
{
	(void)state;
	FILE *f = mem("a\n\xef\xbb\xbf" "b\n");
	struct csv_row row = {0};
	long line = 0;
	assert_int_equal(csv_read(f, &row, &line), 1);
	assert_int_equal(csv_read(f, &row, &line), 1);
	assert_string_equal(row.f.v[0], "\xef\xbb\xbf" "b");
	csv_row_free(&row);
	fclose(f);
}

static void test_write_read_back(void **state)
{
	(void)state;
	const char *vals[] = {"plain", "a,b", "say \"hi\"", "two\nlines", " leading space", "", "中文"};
	char *buf = NULL;
	size_t len = 0;
	FILE *w = open_memstream(&buf, &len);
	for (size_t i = 0; i < ARRAY_LEN(vals); i++) {
		if (i)
			putc(',', w);
		csv_put(w, vals[i]);
	}
	putc('\n', w);
	fclose(w);
	assert_non_null(strstr(buf, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" leading space\",,中文\n"));
	FILE *f = mem(buf);
	struct csv_row row = {0};
	long line = 0;
	assert_int_equal(csv_read(f, &row, &line), 1);
	assert_int_equal(row.f.n, (int)ARRAY_LEN(vals));
	for (size_t i = 0; i < ARRAY_LEN(vals); i++)
		assert_string_equal(row.f.v[i], vals[i]);
	assert_int_equal(line, 2);
	csv_row_free(&row);
	fclose(f);
	free(buf);
}

/* Cells a spreadsheet would run as formulas are written as text (issue 15). */
static void test_formula_cells(void **state)
{
	(void)state;
	const char *vals[] = {"=1+2", "+8613812345678", "-3", "@SUM(A1)", "=HYPERLINK(\"x\",\"y\")", "a=b"};
	char *buf = NULL;
	size_t len = 0;
	FILE *w = open_memstream(&buf, &len);
	for (size_t i = 0; i < ARRAY_LEN(vals); i++) {
		if (i)
			putc(',', w);
		csv_put(w, vals[i]);
	}
	putc('\n', w);
	fclose(w);
	assert_string_equal(buf, "'=1+2,'+8613812345678,'-3,'@SUM(A1),\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\",a=b\n");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_unclosed_quote),
		cmocka_unit_test(test_bom_only_on_first_line),
		cmocka_unit_test(test_write_read_back),
		cmocka_unit_test(test_formula_cells),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
