/* test_bdb_crypto.c — the encryption primitives that take libdb's place (bdb_crypto.c) give the
 * same bytes as libdb's own, reached past ours with dlvsym(RTLD_NEXT), on random input: page and
 * log-record checksums, their checks (a changed bit refused alike), AES-128-CBC both ways (each
 * one's ciphertext decrypted by the other), our IVs (distinct, a forked child's its own), the
 * refusals of bad arguments, from several threads. */
#include "testlib.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bdb_crypto.h"

/* libdb's, not in db.h: builds a keyInstance (direction 0 encrypt, 1 decrypt; key bits; key). */
int __db_makeKey(void *key, int direction, int key_len, char *key_material);

enum { MAC = 20, AES_CIPHER_SIZE = 0x464, AES_ENCRYPT_KI = 0x230, CIPHER_MAC_KEY = 0x28 };

static struct {
	void (*chksum)(void *, uint8_t *, size_t, uint8_t *, uint8_t *);
	int (*check_chksum)(ENV *, void *, DB_CIPHER *, uint8_t *, void *, size_t, int);
	int (*aes_encrypt)(ENV *, void *, void *, uint8_t *, size_t);
	int (*aes_decrypt)(ENV *, void *, void *, uint8_t *, size_t);
} lib;

static void *lib_find(const char *name)
{
	void *f = dlvsym(RTLD_NEXT, name, "DB5_3");
	assert_non_null(f);
	return f;
}

static void lib_load(void)
{
	lib.chksum = lib_find("__db_chksum");
	lib.check_chksum = lib_find("__db_check_chksum");
	lib.aes_encrypt = lib_find("__aes_encrypt");
	lib.aes_decrypt = lib_find("__aes_decrypt");
}

/* xorshift64: fixed seeds, the same inputs each run. */
static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void rnd_fill(uint64_t *s, uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)rnd(s);
}

/* A length around the SHA-1 block's edges, or any up to 9000. */
static size_t rnd_len(uint64_t *s)
{
	static const size_t edge[] = {0,  1,  19,  20,	55,  56,   63,	64,
				      65, 72, 119, 120, 128, 4096, 8192};
	uint64_t r = rnd(s);
	return r % 3 == 0 ? edge[(r >> 8) % (sizeof edge / sizeof *edge)]
			  : (size_t)((r >> 8) % 9000);
}

/* The program links ours in place of libdb's: what libdb's PLT and GOT resolve to. */
static void test_interposed(void **state)
{
	(void)state;
	lib_load();
	assert_ptr_equal(dlsym(RTLD_DEFAULT, "__db_chksum"), (void *)__db_chksum);
	assert_ptr_equal(dlsym(RTLD_DEFAULT, "__db_check_chksum"), (void *)__db_check_chksum);
	assert_ptr_equal(dlsym(RTLD_DEFAULT, "__aes_encrypt"), (void *)__aes_encrypt);
	assert_ptr_equal(dlsym(RTLD_DEFAULT, "__aes_decrypt"), (void *)__aes_decrypt);
	assert_ptr_not_equal((void *)lib.chksum, (void *)__db_chksum);
	assert_ptr_not_equal((void *)lib.aes_encrypt, (void *)__aes_encrypt);
}

/* A page's checksum (its place inside the page) and a log record's (into its header): the number
 * of rounds where ours and libdb's differ (no cmocka assertion: threads run it too). */
static int chksum_rounds(uint64_t seed, int rounds)
{
	int bad = 0;
	uint64_t s = seed;
	uint8_t key[MAC];
	for (int i = 0; i < rounds; i++) {
		if (i % 16 == 0)
			rnd_fill(&s, key, sizeof key);
		size_t len = rnd_len(&s);
		uint8_t *a = malloc(len + MAC), *b = malloc(len + MAC);
		rnd_fill(&s, a, len + MAC);
		memcpy(b, a, len + MAC);
		size_t at = len >= MAC && rnd(&s) % 2 ? (size_t)(rnd(&s) % (len - MAC + 1)) : len;
		lib.chksum(NULL, a, len, key, a + at);
		__db_chksum(NULL, b, len, key, b + at);
		bad += memcmp(a, b, len + MAC) != 0;

		uint8_t ha[40], hb[40], sa[MAC], sb[MAC];
		rnd_fill(&s, ha, sizeof ha);
		memcpy(hb, ha, sizeof ha);
		rnd_fill(&s, sa, sizeof sa);
		memcpy(sb, sa, sizeof sa);
		lib.chksum(ha, a, len, key, sa);
		__db_chksum(hb, a, len, key, sb);
		bad += memcmp(ha, hb, sizeof ha) != 0;
		bad += memcmp(sa, sb, sizeof sa) != 0;

		/* Without a key: libdb's 4-byte hash, both ways. */
		lib.chksum(ha, a, len, NULL, sa);
		__db_chksum(hb, a, len, NULL, sb);
		bad += memcmp(ha, hb, sizeof ha) != 0;
		lib.chksum(NULL, a, len, NULL, sa);
		__db_chksum(NULL, a, len, NULL, sb);
		bad += memcmp(sa, sb, 4) != 0;
		free(a);
		free(b);
	}
	return bad;
}

static void test_chksum(void **state)
{
	(void)state;
	lib_load();
	assert_int_equal(chksum_rounds(0x9e3779b97f4a7c15u, 2000), 0);
}

/* libdb's SHA-1 takes another way in its first sixteen rounds where f(b,c,d) is zero: one chance
 * in 2^32 a round for random input, so built here. In the third round of a block f is
 * (e + W0) & (rol(a,30) ^ rol(b,30)) ^ rol(b,30), with a, b, e the state's at the block's start:
 * zero when a & b is zero and W0 = rol(b,30) - e. A key whose padded block leaves such a state,
 * then a message whose first word is that W0. */
static void test_sha1_zero_round(void **state)
{
	(void)state;
	lib_load();
	void (*init)(void *) = lib_find("__db_SHA1Init");
	void (*update)(void *, const uint8_t *, size_t) = lib_find("__db_SHA1Update");
	uint64_t s = 0x0123456789abcdefu;
	uint8_t key[MAC], pad[64];
	uint32_t ctx[32]; /* libdb's SHA1_CTX: state[5], count[2], buffer[64] */
	int tries = 0;
	do {
		assert_true(++tries < 10000000);
		rnd_fill(&s, key, sizeof key);
		memset(pad, 0x36, sizeof pad);
		for (int i = 0; i < MAC; i++)
			pad[i] ^= key[i];
		init(ctx);
		update(ctx, pad, sizeof pad);
	} while ((ctx[0] & ctx[1]) != 0);
	uint32_t w0 = (ctx[1] << 30 | ctx[1] >> 2) - ctx[4];
	for (size_t len = 4; len <= 200; len += 49) {
		uint8_t data[200], a[MAC], b[MAC];
		rnd_fill(&s, data, sizeof data);
		memcpy(data, &w0, sizeof w0); /* the word as loaded: little-endian */
		lib.chksum(NULL, data, len, key, a);
		__db_chksum(NULL, data, len, key, b);
		assert_memory_equal(a, b, MAC);
	}
}

/* The check of a right sum, then of one with a bit changed, in a page and in a log record. */
static void test_check_chksum(void **state)
{
	(void)state;
	lib_load();
	uint64_t s = 0x2545f4914f6cdd1du;
	uint8_t cipher[0x50] = {0};
	for (int i = 0; i < 1000; i++) {
		rnd_fill(&s, cipher + CIPHER_MAC_KEY, MAC);
		size_t len = rnd_len(&s) + MAC;
		uint8_t *a = malloc(len), *b = malloc(len);
		rnd_fill(&s, a, len);
		size_t at = (size_t)(rnd(&s) % (len - MAC + 1));
		lib.chksum(NULL, a, len, cipher + CIPHER_MAC_KEY, a + at);
		if (i % 2) /* a bit changed: in the data or in the sum */
			a[rnd(&s) % len] ^= (uint8_t)(1u << (rnd(&s) % 8));
		memcpy(b, a, len);
		int ra = lib.check_chksum(NULL, NULL, (DB_CIPHER *)cipher, a + at, a, len, 1);
		int rb = __db_check_chksum(NULL, NULL, (DB_CIPHER *)cipher, b + at, b, len, 1);
		assert_int_equal(ra, i % 2 ? -1 : 0);
		assert_int_equal(rb, ra);
		assert_memory_equal(a, b, len); /* the sum's place left zeroed alike */

		uint8_t hdr[40];
		rnd_fill(&s, hdr, sizeof hdr);
		lib.chksum(hdr, a, len, cipher + CIPHER_MAC_KEY, NULL);
		if (i % 2)
			hdr[rnd(&s) % 28] ^= 1;
		ra = lib.check_chksum(NULL, hdr, (DB_CIPHER *)cipher, hdr + 8, a, len, 1);
		rb = __db_check_chksum(NULL, hdr, (DB_CIPHER *)cipher, hdr + 8, a, len, 1);
		assert_int_equal(ra, i % 2 ? -1 : 0);
		assert_int_equal(rb, ra);

		/* Without a key (a plain environment's 4-byte sum). */
		lib.chksum(hdr, a, len, NULL, NULL);
		assert_int_equal(__db_check_chksum(NULL, hdr, NULL, hdr + 8, a, len, 0), 0);
		hdr[8] ^= 1;
		assert_int_equal(__db_check_chksum(NULL, hdr, NULL, hdr + 8, a, len, 0), -1);
		free(a);
		free(b);
	}
	/* A key given or missing against the kind of sum: refused alike. */
	uint8_t page[64] = {0};
	assert_int_equal(__db_check_chksum(NULL, NULL, NULL, page, page, sizeof page, 1), EINVAL);
	assert_int_equal(
	    __db_check_chksum(NULL, NULL, (DB_CIPHER *)cipher, page, page, sizeof page, 0), EINVAL);
}

/* An encrypted private environment: libdb's IV generator needs one. */
struct env {
	char dir[64];
	DB_ENV *dbenv;
};

static void env_open(struct env *e)
{
	strcpy(e->dir, "/tmp/zz_bdb_crypto_XXXXXX");
	assert_non_null(mkdtemp(e->dir));
	assert_int_equal(db_env_create(&e->dbenv, 0), 0);
	assert_int_equal(e->dbenv->set_encrypt(e->dbenv, "a test password", DB_ENCRYPT_AES), 0);
	assert_int_equal(e->dbenv->open(e->dbenv, e->dir,
					DB_CREATE | DB_INIT_MPOOL | DB_PRIVATE | DB_THREAD, 0600),
			 0);
}

static void env_close(struct env *e)
{
	assert_int_equal(e->dbenv->close(e->dbenv, 0), 0);
	assert_int_equal(rmdir(e->dir), 0);
}

/* libdb's AES_CIPHER for KEY, built by libdb's own key set-up; false if it fails. */
static bool aes_keys(uint8_t *aes, const uint8_t key[16])
{
	memset(aes, 0, AES_CIPHER_SIZE);
	return __db_makeKey(aes + AES_ENCRYPT_KI, 0, 128, (char *)key) == 1 &&
	       __db_makeKey(aes, 1, 128, (char *)key) == 1;
}

/* The number of rounds where ours and libdb's do not read each other's ciphertext. */
static int aes_rounds(ENV *env, uint64_t seed, int rounds)
{
	int bad = 0;
	uint64_t s = seed;
	uint8_t *aes = malloc(AES_CIPHER_SIZE), key[16];
	for (int i = 0; i < rounds; i++) {
		if (i % 8 == 0) {
			rnd_fill(&s, key, sizeof key);
			bad += !aes_keys(aes, key);
		}
		size_t len = (rnd_len(&s) / 16) * 16;
		uint8_t *pt = malloc(len + 1), *ours = malloc(len + 1), *theirs = malloc(len + 1);
		uint8_t iv_ours[16], iv_theirs[16];
		rnd_fill(&s, pt, len);
		memcpy(ours, pt, len);
		memcpy(theirs, pt, len);
		bad += __aes_encrypt(env, aes, iv_ours, ours, len) != 0;
		bad += lib.aes_encrypt(env, aes, iv_theirs, theirs, len) != 0;
		if (len > 0)
			bad += memcmp(ours, pt, len) == 0 || memcmp(iv_ours, iv_theirs, 16) == 0;
		/* CBC decryption under a key and IV is one-to-one: libdb reading back ours proves
		 * ours is what libdb would have written with that IV. */
		bad += lib.aes_decrypt(env, aes, iv_ours, ours, len) != 0 ||
		       memcmp(ours, pt, len) != 0;
		bad += __aes_decrypt(env, aes, iv_theirs, theirs, len) != 0 ||
		       memcmp(theirs, pt, len) != 0;
		free(pt);
		free(ours);
		free(theirs);
	}
	free(aes);
	return bad;
}

static void test_aes(void **state)
{
	(void)state;
	lib_load();
	struct env e;
	env_open(&e);
	assert_int_equal(aes_rounds(e.dbenv->env, 0xda942042e4dd58b5u, 1500), 0);

	/* NIST SP 800-38A F.2.2 (CBC-AES128.Decrypt), through libdb's key set-up, both ways. */
	static const uint8_t key[16] = {0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
					0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c};
	static const uint8_t ct[32] = {0x76, 0x49, 0xab, 0xac, 0x81, 0x19, 0xb2, 0x46,
				       0xce, 0xe9, 0x8e, 0x9b, 0x12, 0xe9, 0x19, 0x7d,
				       0x50, 0x86, 0xcb, 0x9b, 0x50, 0x72, 0x19, 0xee,
				       0x95, 0xdb, 0x11, 0x3a, 0x91, 0x76, 0x78, 0xb2};
	static const uint8_t pt[32] = {0x6b, 0xc1, 0xbe, 0xe2, 0x2e, 0x40, 0x9f, 0x96,
				       0xe9, 0x3d, 0x7e, 0x11, 0x73, 0x93, 0x17, 0x2a,
				       0xae, 0x2d, 0x8a, 0x57, 0x1e, 0x03, 0xac, 0x9c,
				       0x9e, 0xb7, 0x6f, 0xac, 0x45, 0xaf, 0x8e, 0x51};
	uint8_t iv[16], buf[32], *aes = malloc(AES_CIPHER_SIZE);
	for (int i = 0; i < 16; i++)
		iv[i] = (uint8_t)i;
	assert_true(aes_keys(aes, key));
	memcpy(buf, ct, sizeof buf);
	assert_int_equal(__aes_decrypt(e.dbenv->env, aes, iv, buf, sizeof buf), 0);
	assert_memory_equal(buf, pt, sizeof buf);
	memcpy(buf, ct, sizeof buf);
	assert_int_equal(lib.aes_decrypt(e.dbenv->env, aes, iv, buf, sizeof buf), 0);
	assert_memory_equal(buf, pt, sizeof buf);

	/* Bad arguments: refused alike, the data untouched. */
	memcpy(buf, pt, sizeof buf);
	assert_int_equal(__aes_encrypt(e.dbenv->env, aes, iv, buf, 15), EINVAL);
	assert_int_equal(lib.aes_encrypt(e.dbenv->env, aes, iv, buf, 15), EINVAL);
	assert_int_equal(__aes_encrypt(e.dbenv->env, aes, iv, NULL, 16), EINVAL);
	assert_int_equal(__aes_encrypt(e.dbenv->env, NULL, iv, buf, 16), EINVAL);
	assert_int_equal(__aes_decrypt(e.dbenv->env, aes, NULL, buf, 16), EINVAL);
	assert_int_equal(__aes_decrypt(e.dbenv->env, aes, iv, buf, 17), EINVAL);
	assert_int_equal(lib.aes_decrypt(e.dbenv->env, aes, iv, buf, 17), EINVAL);
	assert_memory_equal(buf, pt, sizeof buf);
	free(aes);
	env_close(&e);
}

/* The IVs are our own (libdb's generator left alone): all different, and a child forked after an
 * encryption draws others than its parent's next ones. */
static void test_aes_iv(void **state)
{
	(void)state;
	struct env e;
	env_open(&e);
	uint8_t *aes = malloc(AES_CIPHER_SIZE), key[16] = {7}, buf[32] = {0};
	assert_true(aes_keys(aes, key));
	enum { N = 100 };
	static uint8_t ivs[N][16];
	for (int i = 0; i < N; i++) {
		assert_int_equal(__aes_encrypt(e.dbenv->env, aes, ivs[i], buf, sizeof buf), 0);
		for (int j = 0; j < i; j++)
			assert_memory_not_equal(ivs[i], ivs[j], 16);
	}
	int fd[2];
	assert_int_equal(pipe(fd), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		uint8_t iv[16];
		int ok = __aes_encrypt(e.dbenv->env, aes, iv, buf, sizeof buf) == 0 &&
			 write(fd[1], iv, sizeof iv) == (ssize_t)sizeof iv;
		_exit(ok ? 0 : 1);
	}
	uint8_t mine[16], childs[16];
	assert_int_equal(__aes_encrypt(e.dbenv->env, aes, mine, buf, sizeof buf), 0);
	assert_int_equal(read(fd[0], childs, sizeof childs), (ssize_t)sizeof childs);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_memory_not_equal(mine, childs, 16);
	close(fd[0]);
	close(fd[1]);
	free(aes);
	env_close(&e);
}

/* Each thread its own keys, all at once: the keyed states are the thread's. */
struct worker {
	ENV *env;
	uint64_t seed;
	int bad;
};

static void *worker_run(void *p)
{
	struct worker *w = p;
	w->bad = chksum_rounds(w->seed, 300) + aes_rounds(w->env, w->seed ^ 0x5555, 300);
	return NULL;
}

static void test_threads(void **state)
{
	(void)state;
	lib_load();
	struct env e;
	env_open(&e);
	pthread_t t[4];
	struct worker w[4];
	for (int i = 0; i < 4; i++) {
		w[i] = (struct worker){e.dbenv->env, 0x1234567u * (uint64_t)(i + 1), 0};
		assert_int_equal(pthread_create(&t[i], NULL, worker_run, &w[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_int_equal(w[i].bad, 0);
	}
	env_close(&e);
}

/* The first log record of a logged environment in DIR, under KEY (NULL: plain), into BUF. */
static size_t log_head(const char *key, uint8_t *buf, size_t size)
{
	char dir[64] = "/tmp/zz_bdb_log_XXXXXX";
	assert_non_null(mkdtemp(dir));
	DB_ENV *env = NULL;
	assert_int_equal(db_env_create(&env, 0), 0);
	if (key)
		assert_int_equal(env->set_encrypt(env, key, DB_ENCRYPT_AES), 0);
	assert_int_equal(env->open(env, dir, DB_CREATE | DB_INIT_MPOOL | DB_INIT_LOG | DB_INIT_TXN | DB_PRIVATE, 0600), 0);
	assert_int_equal(env->txn_checkpoint(env, 0, 0, DB_FORCE), 0);
	assert_int_equal(env->log_flush(env, NULL), 0);
	char path[96];
	snprintf(path, sizeof path, "%s/log.0000000001", dir);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	size_t n = fread(buf, 1, size, f);
	fclose(f);
	assert_int_equal(env->close(env, 0), 0);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
	return n;
}

/* A key is told right or wrong from the log alone, and a plain log from an encrypted one. */
static void test_log_key(void **state)
{
	(void)state;
	uint8_t buf[4096];
	size_t n = log_head("the right key, 16+", buf, sizeof buf);
	assert_int_equal(bdb_crypto_log_key(buf, n, "the right key, 16+"), BDB_LOG_KEY_OK);
	assert_int_equal(bdb_crypto_log_key(buf, n, "the wrong key, 16+"), BDB_LOG_KEY_WRONG);
	assert_int_equal(bdb_crypto_log_key(buf, n, "the right key, 16"), BDB_LOG_KEY_WRONG);
	assert_int_equal(bdb_crypto_log_key(buf, n, NULL), BDB_LOG_ENCRYPTED);
	assert_int_equal(bdb_crypto_log_key(buf, 40, "the right key, 16+"), BDB_LOG_UNKNOWN);
	n = log_head(NULL, buf, sizeof buf);
	assert_int_equal(bdb_crypto_log_key(buf, n, "the right key, 16+"), BDB_LOG_PLAIN);
	assert_int_equal(bdb_crypto_log_key(buf, n, NULL), BDB_LOG_PLAIN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_interposed),
	    cmocka_unit_test(test_chksum),
	    cmocka_unit_test(test_sha1_zero_round),
	    cmocka_unit_test(test_check_chksum),
	    cmocka_unit_test(test_aes),
	    cmocka_unit_test(test_aes_iv),
	    cmocka_unit_test(test_threads),
	    cmocka_unit_test(test_log_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
