/* test_files.c — the accounts' own folders: names, opens that never follow a link, a link in
 * place of a folder, listing, usage against the quota and the file size limit, rename and remove,
 * and the SHA-256 of a file. */
#include "testlib.h"

#include <errno.h>
#include <fcntl.h>

#include "files.h"

static int setup(void **state)
{
	struct tl *t = xcalloc(1, sizeof *t);
	tl_init_conf(t, "quota_mb = 500;", "quota_mb = 2;");
	tl_open_ctx(t, false);
	assert_int_equal(files_ensure(t->c, "zhang"), 0);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct tl *t = *state;
	tl_close(t);
	free(t);
	return 0;
}

static char *area_file(struct tl *t, enum files_area a, const char *name)
{
	char *dir = files_dir(t->c, "zhang", a);
	char *path = xasprintf("%s/%s", dir, name);
	free(dir);
	return path;
}

static void test_names(void **state)
{
	(void)state;
	assert_true(files_name_ok("流动人口0301.csv"));
	assert_false(files_name_ok(""));
	assert_false(files_name_ok(".hidden"));
	assert_false(files_name_ok("../x"));
	assert_false(files_name_ok("a/b"));
	assert_false(files_name_ok("a\nb"));
	assert_false(files_name_ok("a\033[2Jb"));
	assert_false(files_name_ok("\xff\xfe.csv"));
	/* C1 controls (U+009B is CSI) and bidi overrides: a listing would run or reorder them. */
	assert_false(files_name_ok("a\xc2\x9b" "2Jb.csv"));
	assert_false(files_name_ok("a\xe2\x80\xaevsc.exe"));
	assert_false(files_name_ok("a\xe2\x81\xa6" "b.csv"));
	char longname[FILES_NAME_MAX + 2];
	memset(longname, 'x', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	assert_false(files_name_ok(longname));
	assert_non_null(strstr(errmsg(), "太长"));
	longname[FILES_NAME_MAX] = '\0';
	assert_true(files_name_ok(longname));
}

/* Export names from names of units and forms: safe whatever those hold, and bounded. */
static void test_safe_name(void **state)
{
	(void)state;
	char *n = files_safe_name("社会矛盾排查调解报表-三水街道-2026-09", "xlsx");
	assert_string_equal(n, "社会矛盾排查调解报表-三水街道-2026-09.xlsx");
	free(n);
	n = files_safe_name("../a/b\\c:d*e?f\"g<h>i|j\nk\033l\xffm\xe2\x80\xaen", "csv");
	assert_string_equal(n, "_._a_b_c_d_e_f_g_h_i_j_k_l_m_n.csv");
	assert_true(files_name_ok(n));
	free(n);
	n = files_safe_name(".hidden", "csv");
	assert_string_equal(n, "_hidden.csv");
	free(n);
	n = files_safe_name("", "csv");
	assert_string_equal(n, "导出.csv");
	free(n);
	struct sb sb;
	sb_init(&sb);
	for (int i = 0; i < 100; i++)
		sb_adds(&sb, "网");
	n = files_safe_name(sb.buf, "xlsx");
	assert_true(files_name_ok(n));
	assert_true(strlen(n) <= FILES_NAME_MAX);
	assert_true(strlen(n) > FILES_NAME_MAX - 8);
	assert_non_null(strstr(n, "网网.xlsx"));
	free(n);
	sb_free(&sb);
}

static void test_open_never_follows(void **state)
{
	struct tl *t = *state;
	char *link = area_file(t, FILES_UPLOAD, "passwd.csv");
	assert_int_equal(symlink("/etc/passwd", link), 0);
	assert_int_equal(files_open(t->c, "zhang", FILES_UPLOAD, "passwd.csv", O_RDONLY), ZZ_EPERM);
	assert_non_null(strstr(errmsg(), "符号链接"));
	struct stat sb;
	assert_int_equal(files_stat(t->c, "zhang", FILES_UPLOAD, "passwd.csv", &sb), ZZ_EPERM);
	struct strv names;
	assert_int_equal(files_list(t->c, "zhang", FILES_UPLOAD, &names), 0);
	assert_int_equal(names.n, 0);
	strv_free(&names);
	assert_int_equal(files_open(t->c, "zhang", FILES_UPLOAD, "../../x", O_RDONLY), ZZ_EINVAL);
	assert_int_equal(files_open(t->c, "zhang", FILES_UPLOAD, "none.csv", O_RDONLY), ZZ_ENOENT);
	free(link);
}

static void test_folder_link_refused(void **state)
{
	struct tl *t = *state;
	char *dir = files_dir(t->c, "zhang", FILES_DOWNLOAD);
	assert_int_equal(rmdir(dir), 0);
	assert_int_equal(symlink("/etc", dir), 0);
	assert_int_equal(files_open(t->c, "zhang", FILES_DOWNLOAD, "passwd", O_RDONLY), ZZ_EPERM);
	assert_int_equal(files_ensure(t->c, "zhang"), ZZ_EPERM);
	assert_non_null(strstr(errmsg(), "不是文件夹"));
	free(dir);
}

static void test_usage_and_limits(void **state)
{
	struct tl *t = *state;
	int fd = files_open(t->c, "zhang", FILES_UPLOAD, "a.csv", O_RDWR | O_CREAT | O_EXCL);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "abc\n", 4), 4);
	char sha[65];
	assert_int_equal(files_sha256_fd(fd, sha), 0);
	assert_string_equal(sha,
			    "edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb");
	close(fd);
	char *path = area_file(t, FILES_DOWNLOAD, "b.txt");
	tl_write(path, "0123456789");
	free(path);
	uint64_t used = 0;
	assert_int_equal(files_usage(t->c, "zhang", &used), 0);
	assert_int_equal(used, 14);
	/* quota 2 MB (edited), file_max 200 MB (conf/) */
	assert_int_equal(files_check_room(t->c, used, 1 << 20, 1 << 20), 0);
	assert_int_equal(files_check_room(t->c, used, 2 << 20, 2 << 20), ZZ_EPERM);
	assert_non_null(strstr(errmsg(), "已满（限额 2 MB"));
	assert_int_equal(files_check_room(t->c, 0, 0, (uint64_t)201 << 20), ZZ_EPERM);
	assert_non_null(strstr(errmsg(), "大小限制 200 MB"));
}

static void test_rename_and_remove(void **state)
{
	struct tl *t = *state;
	char *a = area_file(t, FILES_UPLOAD, "a.csv"), *b = area_file(t, FILES_UPLOAD, "b.csv");
	tl_write(a, "a");
	tl_write(b, "b");
	assert_int_equal(files_rename(t->c, "zhang", FILES_UPLOAD, "a.csv", "b.csv"), ZZ_EEXIST);
	assert_int_equal(files_rename(t->c, "zhang", FILES_UPLOAD, "a.csv", "c.csv"), 0);
	assert_int_equal(access(a, F_OK), -1);
	assert_int_equal(files_remove(t->c, "zhang", FILES_UPLOAD, "c.csv"), 0);
	assert_int_equal(files_remove(t->c, "zhang", FILES_UPLOAD, "c.csv"), ZZ_ENOENT);
	assert_int_equal(files_remove(t->c, "zhang", FILES_UPLOAD, ".."), ZZ_EINVAL);
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_names),
	    cmocka_unit_test(test_safe_name),
	    cmocka_unit_test_setup_teardown(test_open_never_follows, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_folder_link_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_usage_and_limits, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_rename_and_remove, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
