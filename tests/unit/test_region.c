/* test_region.c — the environment's regions in System V shared memory (issue 15 §4, 9.7): keys
 * derived from the home, segments made 0600 and removed by the last process, region files of an
 * older version moved, a reference to segments that are gone (a reboot) forgotten, an encrypted
 * home with the cache in files refused. */
#include <sys/shm.h>
#include <sys/stat.h>

#include "region.h"
#include "testlib.h"

/* Ranges of REGION_KEYS keys, positive, different by home and by try. */
static void test_keys(void **state)
{
	(void)state;
	long a = region_key_try(2049, 1234567, 0), b = region_key_try(2049, 1234568, 0),
	     c = region_key_try(2049, 1234567, 1);
	assert_int_equal(a, region_key_try(2049, 1234567, 0));
	assert_true(a != b && a != c && b != c);
	for (unsigned i = 0; i < 1000; i++) {
		long k = region_key_try(2049, i, 0);
		assert_int_equal(k % REGION_KEYS, 0);
		assert_true(k > 0 && k + REGION_KEYS - 1 <= 0x7fffffffL);
	}
}

/* The first segment of the regions of the open home (its __db.001 is a reference to it). */
static int region_segment(struct tl *t, struct shmid_ds *ds)
{
	char *path = xasprintf("%s/__db.001", t->c->home);
	size_t n = 0;
	char *ref = tl_slurp(path, &n);
	free(path);
	long segid = -1;
	if (ref && n == 24)
		memcpy(&segid, ref + 16, sizeof segid);
	free(ref);
	return segid >= 0 ? shmctl((int)segid, IPC_STAT, ds) : -1;
}

static void test_shared_memory(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, false);
	struct shmid_ds ds;
	assert_int_equal(region_segment(&t, &ds), 0);
	assert_int_equal(ds.shm_perm.mode & 0777, 0600);
	/* Berkeley DB's region 1 at the base key: the first free range of the home's. */
	struct stat sb;
	assert_int_equal(stat(t.c->home, &sb), 0);
	assert_int_equal((long)ds.shm_perm.__key, region_key_try((uint64_t)sb.st_dev, (uint64_t)sb.st_ino, 0));
	assert_int_not_equal(region_id(t.c->home), 0);
	char *home = xstrdup(t.c->home);
	store_close(&t.c->st);
	/* The last process gone, so are the regions (and the cache's pages). */
	assert_int_equal(region_id(home), 0);
	assert_int_equal(shmget((key_t)ds.shm_perm.__key, 0, 0), -1);
	/* The next one makes them anew, and the data is there. */
	assert_int_equal(ctx_open_store(t.c, 0), 0);
	assert_int_equal(region_segment(&t, &ds), 0);
	free(home);
	tl_close(&t);
}

/* A range another home's segments use (attached) is never taken: Berkeley DB would remove
 * them. The home takes the next one, and the other's segment is untouched. */
static void test_range_taken(void **state)
{
	(void)state;
	struct tl t;
	tl_init_conf(&t, NULL, NULL);
	assert_int_equal(ctx_load(&t.c, t.conf, NULL, domain_features), 0);
	assert_int_equal(mkdir(t.c->home, 0700), 0);
	struct stat sb;
	assert_int_equal(stat(t.c->home, &sb), 0);
	long first = region_key_try((uint64_t)sb.st_dev, (uint64_t)sb.st_ino, 0);
	int other = shmget((key_t)first, 4096, IPC_CREAT | IPC_EXCL | 0600);
	assert_true(other >= 0);
	void *at = shmat(other, NULL, 0);
	assert_true(at != (void *)-1);
	assert_int_equal(ctx_open_store(t.c, STORE_CREATE), 0);
	struct shmid_ds ds;
	assert_int_equal(region_segment(&t, &ds), 0);
	assert_int_equal((long)ds.shm_perm.__key, region_key_try((uint64_t)sb.st_dev, (uint64_t)sb.st_ino, 1));
	assert_int_equal(shmget((key_t)first, 0, 0), other);
	assert_int_equal(shmdt(at), 0);
	assert_int_equal(shmctl(other, IPC_RMID, NULL), 0);
	tl_close(&t);
}

/* Region files (an older version, or db.system_memory = false) move to shared memory at the next
 * open; a reference to segments that are gone is forgotten. */
static void test_files_moved(void **state)
{
	(void)state;
	struct tl t;
	tl_init_conf(&t, "system_memory = true;", "system_memory = false;");
	tl_open_ctx(&t, false);
	char *ref = xasprintf("%s/__db.001", t.c->home);
	struct stat sb;
	assert_int_equal(stat(ref, &sb), 0);
	assert_true(sb.st_size > 24);
	store_close(&t.c->st);
	assert_int_equal(stat(ref, &sb), 0); /* files are kept, as before */
	ctx_free(&t.c);
	char *conf = tl_replace(tl_slurp(t.conf, NULL), "system_memory = false;", "system_memory = true;");
	tl_write(t.conf, conf);
	free(conf);
	tl_open_ctx(&t, false);
	struct shmid_ds ds;
	assert_int_equal(region_segment(&t, &ds), 0);
	store_close(&t.c->st);
	/* After a reboot: a reference to a segment that is no more. */
	static const long gone[3] = {0x106000, 0x106000, 0x7ffffff0};
	FILE *f = fopen(ref, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(gone, sizeof gone, 1, f), 1);
	fclose(f);
	assert_int_equal(ctx_open_store(t.c, 0), 0);
	assert_int_equal(region_segment(&t, &ds), 0);
	free(ref);
	tl_close(&t);
}

/* How many of this process's mappings of the home's segments (keys 0x7A…) are advised for huge
 * pages ("hg" in their VmFlags), and how many there are. */
static int region_advised(int *segments)
{
	FILE *f = fopen("/proc/self/smaps", "re");
	assert_non_null(f);
	char line[512];
	int advised = 0;
	bool ours = false;
	*segments = 0;
	while (fgets(line, sizeof line, f)) {
		if (strchr(line, '-') && strstr(line, " rw-s ")) {
			ours = strstr(line, "/SYSV7a") != NULL;
			*segments += ours;
		} else if (ours && !strncmp(line, "VmFlags:", 8)) {
			advised += strstr(line, " hg") != NULL;
			ours = false;
		}
	}
	fclose(f);
	return advised;
}

/* db.huge_pages: every segment of the home asked for 2 MB pages (the kernel grants them when
 * shmem_enabled allows, which the test cannot set); none with the setting off. */
static void test_huge_pages(void **state)
{
	(void)state;
	struct tl t;
	tl_open(&t, false);
	int segments = 0;
	assert_int_equal(region_advised(&segments), 3);
	assert_int_equal(segments, 3);
	tl_close(&t);
	tl_init_conf(&t, "huge_pages = true;", "huge_pages = false;");
	tl_open_ctx(&t, false);
	assert_int_equal(region_advised(&segments), 0);
	assert_int_equal(segments, 3);
	tl_close(&t);
}

/* An encrypted home keeps its cache in shared memory: the other setting is refused, with why. */
static void test_encrypted_needs_shm(void **state)
{
	(void)state;
	char *key = xasprintf("/tmp/zz-unit-key-%ld", (long)getpid());
	char *edit = xasprintf("key_file = \"%s\";", key);
	struct tl t;
	tl_init_conf(&t, "system_memory = true;", "system_memory = false;");
	char *conf = tl_replace(tl_slurp(t.conf, NULL), "key_file = \"\";", edit);
	tl_write(t.conf, conf);
	free(conf);
	tl_write(key, "0123456789abcdef0123\n");
	chmod(key, 0600);
	assert_int_equal(ctx_load(&t.c, t.conf, NULL, domain_features), 0);
	assert_true(region_shm_wanted(t.c->conf));
	assert_int_equal(ctx_open_store(t.c, STORE_CREATE), ZZ_EINVAL);
	assert_errmsg_has("db.system_memory = true");
	unlink(key);
	free(key);
	free(edit);
	tl_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_shared_memory),
		cmocka_unit_test(test_range_taken),
		cmocka_unit_test(test_files_moved),
		cmocka_unit_test(test_huge_pages),
		cmocka_unit_test(test_encrypted_needs_shm),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
