/* test_audit_export.c — the auditor's search (time range, account, type, result) and its export:
 * the right, the CSV (control characters escaped, formulas neutralised), the file's mode, the
 * audit entry of the export. */
#include "testlib.h"

#include <fcntl.h>
#include <time.h>

#include "audit_export.h"
#include "files.h"

static void test_filter(void **state)
{
	(void)state;
	int64_t from = 0, to = 0;
	assert_int_equal(audit_filter_time("", false, &from), 0);
	assert_int_equal(from, 0);
	assert_int_equal(audit_filter_time("2026-13-01", false, &from), ZZ_EINVAL);
	assert_int_equal(audit_filter_time("2026-12-01", false, &from), 0);
	assert_int_equal(audit_filter_time("2026-12-01", true, &to), 0);
	assert_int_equal(to - from, 86400); /* a day as the upper bound covers the whole day */
	assert_int_equal(audit_filter_time("2026-12-01 10:30", true, &to), 0);
	assert_int_equal(to - from, 10 * 3600 + 31 * 60);
	struct audit_filter f = {.from = from, .to = to, .user = "sec", .type = "user_lock", .result = ""};
	struct audit_entry e = {.time = from + 60, .user = "sec", .type = "user_lock", .result = "ok"};
	assert_true(audit_filter_match(&f, &e));
	e.time = to;
	assert_false(audit_filter_match(&f, &e));
	e.time = from + 60;
	e.type = "user_key";
	assert_false(audit_filter_match(&f, &e));
	e.type = "user_lock";
	e.user = "secx";
	assert_false(audit_filter_match(&f, &e));
	char *text = audit_filter_text(&(struct audit_filter){.user = "sec", .result = "refused"});
	assert_string_equal(text, "账号 sec 结果 refused");
	free(text);
	text = audit_filter_text(&(struct audit_filter){0});
	assert_string_equal(text, "全部");
	free(text);
}

static void test_export(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, true);
	struct user *aud = tl_user(&t, "aud", "321204", "auditor", NULL);
	struct user *sec = tl_user(&t, "sec", "321204", "secadmin", NULL);
	assert_int_equal(audit_append(t.c, NULL, &(struct audit_entry){.user = "sec", .unit = "321204", .type = "user_lock",
								  .object = "user:x", .result = "ok",
								  .detail = "=cmd\x1b[2J"}),
			 0);
	char *name = NULL;
	long n = 0;
	assert_int_equal(audit_export(t.c, sec, &(struct audit_filter){0}, &name, &n), ZZ_EPERM);
	assert_null(name);
	assert_int_equal(audit_export(t.c, aud, &(struct audit_filter){.type = "user_lock"}, &name, &n), 0);
	assert_int_equal(n, 1);
	struct stat sb;
	assert_int_equal(files_stat(t.c, "aud", FILES_DOWNLOAD, name, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	int fd = files_open(t.c, "aud", FILES_DOWNLOAD, name, O_RDONLY);
	assert_true(fd >= 0);
	char buf[4096];
	ssize_t got = read(fd, buf, sizeof buf - 1);
	close(fd);
	assert_true(got > 0);
	buf[got] = '\0';
	assert_non_null(strstr(buf, "user_lock,user:x,ok,'=cmd"));
	assert_null(strchr(buf, '\x1b'));
	free(name);
	/* The export itself is an entry of the log. */
	assert_int_equal(audit_export(t.c, aud, &(struct audit_filter){.type = "export"}, &name, &n), 0);
	assert_int_equal(n, 1);
	free(name);
	user_free(&aud);
	user_free(&sec);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_filter), cmocka_unit_test(test_export)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
