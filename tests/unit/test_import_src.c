/* test_import_src.c — CSV rows from UTF-8 and GB18030 files: quoting, line counts, byte-order
 * marks, broken characters traced to their column, detection, and resuming at a saved offset. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "import_src.h"

static char path[64];

static void write_file(const char *bytes, size_t n)
{
	snprintf(path, sizeof path, "/tmp/zz-isrc-%d.csv", (int)getpid());
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, n, f), n);
	fclose(f);
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

static void test_utf8_quotes_lines(void **state)
{
	(void)state;
	static const char csv[] = "\xef\xbb\xbf姓名,地址\r\n张三,\"桥头社区,3组\"\n\"李\"\"四\",\"两\n行\"\n王五,\n";
	write_file(csv, sizeof csv - 1);
	struct isrc s;
	struct isrc_row row = {0};
	int bad;
	assert_int_equal(isrc_open(&s, path, NULL), 0);
	assert_string_equal(s.enc, "UTF-8");
	assert_int_equal(isrc_read(&s, &row, &bad), 1);
	assert_int_equal(row.n, 2);
	assert_string_equal(row.v[0], "姓名"); /* the byte-order mark is not part of it */
	assert_string_equal(row.v[1], "地址");
	assert_int_equal(isrc_read(&s, &row, &bad), 1);
	assert_string_equal(row.v[1], "桥头社区,3组");
	assert_int_equal(row.line, 2);
	assert_int_equal(isrc_read(&s, &row, &bad), 1);
	assert_string_equal(row.v[0], "李\"四");
	assert_string_equal(row.v[1], "两\n行");
	assert_int_equal(row.line, 3);
	assert_int_equal(isrc_read(&s, &row, &bad), 1);
	assert_int_equal(row.line, 5);
	assert_int_equal(row.n, 2);
	assert_string_equal(row.v[1], "");
	assert_int_equal(isrc_read(&s, &row, &bad), 0);
	isrc_row_free(&row);
	isrc_close(&s);
}

static void test_gb18030_and_broken(void **state)
{
	(void)state;
	/* 姓名,地址 / 张三,桥头 in GB18030, then a row with a lone lead byte in its second column. */
	static const char csv[] = "\xd0\xd5\xc3\xfb,\xb5\xd8\xd6\xb7\n\xd5\xc5\xc8\xfd,\xc7\xc5\xcd\xb7\n"
				  "a,\xd5,c\nlast,row";
	write_file(csv, sizeof csv - 1);
	struct isrc s;
	struct isrc_row row = {0};
	int bad;
	assert_int_equal(isrc_open(&s, path, "auto"), 0);
	assert_string_equal(s.enc, "GB18030");
	assert_int_equal(isrc_read(&s, &row, &bad), 1);
	assert_string_equal(row.v[0], "姓名");
	assert_int_equal(isrc_read(&s, &row, &bad), 1);
	assert_string_equal(row.v[0], "张三");
	assert_string_equal(row.v[1], "桥头");
	int64_t off = isrc_tell(&s);
	long line = s.line;
	assert_int_equal(isrc_read(&s, &row, &bad), ZZ_EINVAL);
	assert_int_equal(bad, 1);
	assert_int_equal(row.line, 3);
	assert_non_null(strstr(errmsg(), "GB18030"));
	assert_int_equal(isrc_read(&s, &row, &bad), 1);
	assert_string_equal(row.v[1], "row");
	assert_int_equal(row.line, 4);
	assert_int_equal(isrc_read(&s, &row, &bad), 0);
	/* Resume from a saved point: the same rows again. */
	assert_int_equal(isrc_seek(&s, off, line), 0);
	assert_int_equal(isrc_read(&s, &row, &bad), ZZ_EINVAL);
	assert_int_equal(row.line, 3);
	assert_int_equal(isrc_read(&s, &row, &bad), 1);
	assert_string_equal(row.v[0], "last");
	isrc_row_free(&row);
	isrc_close(&s);
}

static void test_forced_encoding_and_unclosed_quote(void **state)
{
	(void)state;
	static const char csv[] = "a,b\n\xd5\xc5,x\n\"open,y\n";
	write_file(csv, sizeof csv - 1);
	struct isrc s;
	struct isrc_row row = {0};
	int bad;
	assert_int_equal(isrc_open(&s, path, "utf-8"), 0);
	assert_int_equal(isrc_read(&s, &row, &bad), 1);
	assert_int_equal(isrc_read(&s, &row, &bad), ZZ_EINVAL); /* GBK bytes read as UTF-8 */
	assert_int_equal(bad, 0);
	assert_int_equal(isrc_read(&s, &row, &bad), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "引号"));
	assert_int_equal(isrc_read(&s, &row, &bad), 0);
	isrc_row_free(&row);
	isrc_close(&s);
	assert_int_equal(isrc_open(&s, path, "latin1"), ZZ_EINVAL);
}

static void test_long_file_across_chunks(void **state)
{
	(void)state;
	size_t rows = 60000, cap = rows * 32 + 16, n = 0;
	char *buf = malloc(cap);
	for (size_t i = 0; i < rows; i++)
		n += (size_t)snprintf(buf + n, cap - n, "%zu,\"v%zu\n\",end\n", i, i);
	write_file(buf, n);
	free(buf);
	struct isrc s;
	struct isrc_row row = {0};
	int bad;
	assert_int_equal(isrc_open(&s, path, NULL), 0);
	for (size_t i = 0; i < rows; i++) {
		assert_int_equal(isrc_read(&s, &row, &bad), 1);
		assert_int_equal(row.n, 3);
		assert_int_equal(strtoul(row.v[0], NULL, 10), i);
		assert_int_equal(row.line, (long)(2 * i + 1));
	}
	assert_int_equal(isrc_read(&s, &row, &bad), 0);
	isrc_row_free(&row);
	isrc_close(&s);
}

/* A NUL in a field refuses the row (it used to cut the field silently); the next row is read. */
static void test_nul_refuses_the_row(void **state)
{
	(void)state;
	static const char csv[] = "a,b\n320\0evil,x\nc,d\n";
	write_file(csv, sizeof csv - 1);
	struct isrc s;
	struct isrc_row row = {0};
	int bad;
	assert_int_equal(isrc_open(&s, path, "utf-8"), 0);
	assert_int_equal(isrc_read(&s, &row, &bad), 1);
	assert_int_equal(isrc_read(&s, &row, &bad), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "NUL"));
	assert_int_equal(row.line, 2);
	assert_int_equal(isrc_read(&s, &row, &bad), 1);
	assert_string_equal(row.v[0], "c");
	isrc_row_free(&row);
	isrc_close(&s);
}

/* A row longer than max_row is refused with its line named, and passed over without being kept
 * whole in memory (the read-ahead buffer stays near one chunk); the rows after it are read, with
 * their line numbers, also after a long row spread over lines inside quotes. */
static void test_long_row_refused_unread(void **state)
{
	(void)state;
	size_t big = 3 * 1024 * 1024, cap = 2 * big + 256, n = 0;
	char *buf = malloc(cap);
	n += (size_t)snprintf(buf + n, cap - n, "a,b\n1,x\n2,");
	memset(buf + n, 'y', big);
	n += big;
	n += (size_t)snprintf(buf + n, cap - n, "\n3,\"");
	for (size_t i = 0; i < big / 8; i++)
		n += (size_t)snprintf(buf + n, cap - n, "zzzzzz\n");
	n += (size_t)snprintf(buf + n, cap - n, "\",q\n4,w\n");
	write_file(buf, n);
	free(buf);
	struct isrc s;
	struct isrc_row row = {0};
	int bad;
	assert_int_equal(isrc_open(&s, path, "utf-8"), 0);
	s.max_row = 1000;
	assert_int_equal(isrc_read(&s, &row, &bad), 1);
	assert_int_equal(isrc_read(&s, &row, &bad), 1);
	assert_string_equal(row.v[1], "x");
	assert_int_equal(isrc_read(&s, &row, &bad), ZZ_EINVAL);
	assert_int_equal(row.line, 3);
	assert_int_equal(row.n, 0);
	assert_non_null(strstr(errmsg(), "第 3 行"));
	assert_non_null(strstr(errmsg(), "import.max_row_bytes"));
	assert_true(s.cap < 1024 * 1024);
	assert_int_equal(isrc_read(&s, &row, &bad), ZZ_EINVAL);
	assert_int_equal(row.line, 4);
	assert_true(s.cap < 1024 * 1024);
	assert_int_equal(isrc_read(&s, &row, &bad), 1);
	assert_string_equal(row.v[0], "4");
	assert_int_equal(row.line, 4 + (long)(big / 8) + 1);
	assert_int_equal(isrc_read(&s, &row, &bad), 0);
	isrc_row_free(&row);
	isrc_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_utf8_quotes_lines, teardown),
		cmocka_unit_test_teardown(test_gb18030_and_broken, teardown),
		cmocka_unit_test_teardown(test_forced_encoding_and_unclosed_quote, teardown),
		cmocka_unit_test_teardown(test_long_file_across_chunks, teardown),
		cmocka_unit_test_teardown(test_nul_refuses_the_row, teardown),
		cmocka_unit_test_teardown(test_long_row_refused_unread, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
