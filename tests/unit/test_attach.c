/* test_attach.c — attachments: the kind by content, the value's entries, the content stored with
 * the record and removed with the last record holding it, a file changed after it was picked,
 * and a copy into the download folder only for an account that may view the record. */
#include "testlib.h"

#include <fcntl.h>

#include "attach.h"
#include "files.h"

static const char *sniff(const char *s, size_t n)
{
	return attach_sniff((const unsigned char *)s, n);
}

/* The kind of a string literal (its bytes, without the terminating NUL). */
#define SNIFF(lit) sniff((lit), sizeof(lit) - 1)

static void test_sniff(void **state)
{
	(void)state;
	assert_string_equal(SNIFF("\xff\xd8\xff\xe0xx"), "jpg");
	assert_string_equal(SNIFF("\x89PNG\r\n\x1a\n.."), "png");
	assert_string_equal(SNIFF("%PDF-1.7\n"), "pdf");
	static const char ole[] =
	    "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1....W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0";
	assert_string_equal(sniff(ole, sizeof ole - 1), "doc");
	static const char xls[] = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1....W\0o\0r\0k\0b\0o\0o\0k\0";
	assert_string_equal(sniff(xls, sizeof xls - 1), "xls");
	assert_string_equal(SNIFF("PK\x03\x04....word/document.xml"), "docx");
	assert_string_equal(SNIFF("PK\x03\x04....xl/workbook.xml"), "xlsx");
	assert_null(SNIFF("PK\x03\x04....other"));
	assert_string_equal(SNIFF("整治方案\n第一条\n"), "txt");
	assert_null(SNIFF("MZ\x90\0\3"));
	assert_null(SNIFF("a\033[2Jb"));
	assert_null(SNIFF("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1...."));
}

static void test_parse(void **state)
{
	(void)state;
	char sha[65];
	memset(sha, 'a', 64);
	sha[64] = '\0';
	char *v = xasprintf("%s:12:pdf:方案:1.pdf,%s:3:txt:b.txt", sha, sha);
	struct attach_ent *e = NULL;
	int n = 0;
	assert_int_equal(attach_parse(v, &e, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(e[0].name, "方案:1.pdf");
	assert_int_equal(e[0].size, 12);
	assert_string_equal(e[1].kind, "txt");
	free(e);
	free(v);
	assert_int_equal(attach_parse("x.pdf", &e, &n), ZZ_EINVAL);
	assert_int_equal(n, 0);
}

struct fx {
	struct tl t;
	const struct rtype *ka;
	struct user *town, *other;
};

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	tl_open(&f->t, true);
	f->ka = schema_type(f->t.c->schema, "key_area");
	assert_non_null(f->ka);
	f->town = tl_user(&f->t, "town", "321204001", "office", NULL);
	f->other = tl_user(&f->t, "other", "321204002", "office", NULL);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	user_free(&f->town);
	user_free(&f->other);
	tl_close(&f->t);
	free(f);
	return 0;
}

static void upload(struct fx *f, const char *account, const char *name, const char *text)
{
	assert_int_equal(files_ensure(f->t.c, account), 0);
	char *dir = files_dir(f->t.c, account, FILES_UPLOAD);
	char *path = xasprintf("%s/%s", dir, name);
	tl_write(path, text);
	free(path);
	free(dir);
}

/* A 重点地区整治 record in 桥头一网格 holding ENTRY, saved by the console. */
static int add_area(struct fx *f, const char *area, const char *entry, uint64_t *id)
{
	struct rec *r = rec_new(f->ka);
	const char *kv[][2] = {{"grid", "321204001001001"},
			       {"area", area},
			       {"problem", "盗窃"},
			       {"range", "市场"},
			       {"lead", "派出所"},
			       {"partners", "城管"},
			       {"lead_head", "张所长"},
			       {"listing_level", "3"},
			       {"listing_grade", "2"},
			       {"deadline", "2027-06-30"},
			       {"effect", "1"},
			       {"progress", "方案"},
			       {"files", entry}};
	for (size_t i = 0; i < ARRAY_LEN(kv); i++)
		if (rec_set(r, kv[i][0], kv[i][1]) < 0)
			fail_msg("%s: %s", kv[i][0], errmsg());
	rec_set_meta(&r->unit, "321204001001");
	int rc = service_save(f->t.c, &service_console, r, NULL);
	*id = r->id;
	rec_free(&r);
	return rc;
}

static bool stored(struct fx *f, const char *entry)
{
	void *v = NULL;
	size_t n = 0;
	int rc = store_get(store_db(f->t.c->st, DBI_ATTACH), NULL, entry, 64, &v, &n, false);
	free(v);
	return rc == 0;
}

static void test_stored_with_the_record(void **state)
{
	struct fx *f = *state;
	upload(f, "console", "方案.txt", "整治方案\n");
	char *entry = NULL;
	assert_int_equal(attach_entry(f->t.c, &service_console, "方案.txt", &entry), 0);
	assert_non_null(strstr(entry, ":txt:方案.txt"));
	uint64_t a = 0, b = 0;
	assert_int_equal(add_area(f, "甲", entry, &a), 0);
	assert_int_equal(add_area(f, "乙", entry, &b), 0);
	assert_true(stored(f, entry));
	/* Kept while another record holds it, gone with the last one. */
	assert_int_equal(service_delete(f->t.c, &service_console, f->ka, a), 0);
	assert_true(stored(f, entry));
	assert_int_equal(service_delete(f->t.c, &service_console, f->ka, b), 0);
	assert_false(stored(f, entry));
	free(entry);
}

static void test_changed_after_picking(void **state)
{
	struct fx *f = *state;
	upload(f, "console", "a.txt", "first\n");
	char *entry = NULL;
	assert_int_equal(attach_entry(f->t.c, &service_console, "a.txt", &entry), 0);
	upload(f, "console", "a.txt", "second\n");
	uint64_t id = 0;
	assert_int_equal(add_area(f, "丙", entry, &id), ZZ_EINVAL);
	assert_errmsg_has("已被改动");
	assert_false(stored(f, entry));
	free(entry);
	upload(f, "console", "bad.bin", "\x01\x02");
	assert_int_equal(attach_entry(f->t.c, &service_console, "bad.bin", &entry), ZZ_EINVAL);
	assert_errmsg_has("不是可以作为附件的文件");
}

static void test_download_only_to_viewers(void **state)
{
	struct fx *f = *state;
	upload(f, "console", "p.txt", "plan\n");
	char *entry = NULL;
	assert_int_equal(attach_entry(f->t.c, &service_console, "p.txt", &entry), 0);
	uint64_t id = 0;
	assert_int_equal(add_area(f, "丁", entry, &id), 0);
	char sha[65];
	snprintf(sha, sizeof sha, "%.64s", entry);
	char *name = NULL;
	assert_true(attach_download(f->t.c, f->other, f->ka, id, sha, &name) < 0);
	assert_null(name);
	struct strv got;
	assert_int_equal(files_list(f->t.c, "other", FILES_DOWNLOAD, &got), 0);
	assert_int_equal(got.n, 0);
	strv_free(&got);
	assert_int_equal(attach_download(f->t.c, f->town, f->ka, id, sha, &name), 0);
	assert_string_equal(name, "p.txt");
	free(name);
	/* A second copy does not overwrite the first. */
	assert_int_equal(attach_download(f->t.c, f->town, f->ka, id, sha, &name), 0);
	assert_string_equal(name, "2-p.txt");
	free(name);
	char *dir = files_dir(f->t.c, "town", FILES_DOWNLOAD);
	char *path = xasprintf("%s/p.txt", dir);
	char *text = tl_slurp(path, NULL);
	assert_string_equal(text, "plan\n");
	free(text);
	free(path);
	free(dir);
	free(entry);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sniff),
	    cmocka_unit_test(test_parse),
	    cmocka_unit_test_setup_teardown(test_stored_with_the_record, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_changed_after_picking, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_download_only_to_viewers, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
