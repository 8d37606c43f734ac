/* bdb_crypto.c — Berkeley DB's encryption (db.key_file, DB_ENCRYPT_AES) on the processor's AES
 * and SHA instructions.
 *
 * Why: in an encrypted environment libdb encrypts every page and log record with AES-128-CBC and
 * authenticates it with an HMAC over its own SHA-1, both in portable C (no AES-NI, no SHA-NI): an
 * import cost 85 % more CPU encrypted, over a third of it that SHA-1 and AES (doc/performance.md,
 * "Encryption").
 * How: Debian's libdb-5.3.so reaches __db_chksum and __db_check_chksum through its PLT, and
 * __aes_encrypt and __aes_decrypt through its GOT (the function pointers __aes_setup stores), so
 * these definitions, exported by the executable, take the place of libdb's (ELF interposition).
 * They compute the same bytes: the files do not change, a home written by this program is read by
 * db5.3_dump and the reverse (tests/e2e/cli_crypt.sh), and tests/unit/test_bdb_crypto.c compares
 * each function with libdb's own on random input. Only an encrypted environment's paths are done
 * here; the rest (the 4-byte checksum of a plain environment, the refusals of wrong arguments, a
 * key schedule not laid out as below, a processor without the instructions) goes to libdb's own
 * function. AES is done here rather than through libcrypto's EVP: EVP's set-up of each call (the
 * IV of every log record) cost more than the cipher on short records (doc/performance.md).
 *
 * libdb 5.3's private layouts used (read from its code: __aes_init, __db_makeKey, __db_chksum):
 * DB_CIPHER holds the 20-byte MAC key after five function pointers; a log record's header starts
 * with its prev and len words, then its checksum; AES_CIPHER is two keyInstances (decryption, then
 * encryption, 0x230 bytes each), a keyInstance having its direction in its first byte, the key's
 * bits at 4, the number of rounds at 0x4c, its key schedule at 0x50 and an encryption schedule at
 * 0x140. The first four words of an AES-128 encryption schedule are the key, big-endian. */
#include "bdb_crypto.h"

#include <cpuid.h>
#include <dlfcn.h>
#include <errno.h>
#include <immintrin.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

enum {
	BDB_MAC_LEN = 20,	   /* DB_MAC_KEY: HMAC-SHA1 */
	BDB_CIPHER_MAC_KEY = 0x28, /* DB_CIPHER.mac_key */
	BDB_HDR_CHKSUM = 8,	   /* HDR.chksum, after prev and len */
	BDB_HDR_PLAIN = 12,	   /* a log record's header: prev, len, a 4-byte sum */
	BDB_HDR_CRYPTO = 48,	   /* prev, len, the 20-byte MAC, a 16-byte IV, orig_size */
	BDB_AES_ENCRYPT_KI = 0x230,
	BDB_DIR_ENCRYPT = 0,
	BDB_DIR_DECRYPT = 1,
	BDB_KI_KEYLEN = 4,
	BDB_KI_NR = 0x4c,
	BDB_KI_RK = 0x50,
	BDB_KI_EK = 0x140,
	BDB_AES_KEY = 16,
	BDB_AES_BLOCK = 16,
	BDB_AES_ROUNDS = 10,
	BDB_IV_BATCH = 8,
};

/* libdb's, not in db.h: the next IV from the environment's generator (where ours cannot be had). */
int __db_generate_iv(ENV *env, uint32_t *iv);
/* libdb's, not in db.h: the MAC key of an environment's password (PLEN: its length with the NUL). */
void __db_derive_mac(uint8_t *passwd, size_t plen, uint8_t *mac_key);

/* libdb's own, for what is not done here. */
static struct {
	void (*chksum)(void *, uint8_t *, size_t, uint8_t *, uint8_t *);
	int (*check_chksum)(ENV *, void *, DB_CIPHER *, uint8_t *, void *, size_t, int);
	int (*aes_encrypt)(ENV *, void *, void *, uint8_t *, size_t);
	int (*aes_decrypt)(ENV *, void *, void *, uint8_t *, size_t);
} bdb_crypto_lib;
/* The processor has the SHA instructions (and SSE4.1); the AES ones. */
static bool bdb_crypto_sha, bdb_crypto_aes;

/* libdb's SHA-1, which is not FIPS 180's: in libdb 5.3's sha1.c the first sixteen rounds read
 * "z += f(w,x,y) + is_bigendian ? W[i] : (W[i] = swapped W[i]) + K + rol(v,5)", and C's ?: binds
 * last. On a little-endian machine such a round adds the message word as loaded (unswapped) and
 * nothing else, unless f is zero: then the word is swapped in place and added with K and rol(v,5),
 * as the standard does. The other 64 rounds are the standard's, over the words so left. Every MAC
 * in an encrypted home is made of this function, so libcrypto's SHA-1 cannot give its bytes; the
 * processor's SHA instructions do the standard rounds 16 to 79 (and the message schedule). With
 * the HMAC's keyed states kept below, a short log record's MAC takes three blocks where libdb's
 * takes five. A processor without those instructions keeps libdb's own code. */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
	       "libdb's SHA-1 as done here is its little-endian one");

struct bdb_sha1 {
	uint32_t h[5];
	uint64_t bytes;
	uint8_t buf[64];
};

static uint32_t bdb_rol(uint32_t x, int n) { return x << n | x >> (32 - n); }

/* Four rounds of the standard on the processor's SHA instructions: ABCD the state, EW the fifth
 * word plus the four message words, IMM the rounds' function and constant. */
#define BDB_SHA1_GROUP(imm)                                                                        \
	do {                                                                                       \
		__m128i next_ = _mm_sha1msg2_epu32(                                                \
		    _mm_xor_si128(_mm_sha1msg1_epu32(m[g & 3], m[(g + 1) & 3]), m[(g + 2) & 3]),   \
		    m[(g + 3) & 3]);                                                               \
		m[g & 3] = next_;                                                                  \
		__m128i ew_ =                                                                      \
		    g == 4 ? _mm_add_epi32(e4, next_) : _mm_sha1nexte_epu32(prev, next_);          \
		prev = abcd;                                                                       \
		abcd = _mm_sha1rnds4_epu32(abcd, ew_, imm);                                        \
	} while (0)

/* One block: the sixteen rounds of libdb's own in C, then the standard's other 64 (and its message
 * schedule over the words as those rounds left them) on the SHA instructions. */
__attribute__((target("sha,sse4.1"))) static void bdb_sha1_block(uint32_t h[5], const uint8_t *p)
{
	uint32_t w[16], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
	memcpy(w, p, sizeof w);
	for (int i = 0; i < 16; i++) {
		uint32_t t = e + w[i];
		if (__builtin_expect(((b & (c ^ d)) ^ d) == 0, 0)) {
			w[i] = __builtin_bswap32(w[i]);
			t = e + w[i] + 0x5a827999u + bdb_rol(a, 5);
		}
		e = d;
		d = c;
		c = bdb_rol(b, 30);
		b = a;
		a = t;
	}
	__m128i m[4];
	for (int i = 0; i < 4; i++)
		m[i] = _mm_set_epi32((int)w[4 * i], (int)w[4 * i + 1], (int)w[4 * i + 2],
				     (int)w[4 * i + 3]);
	__m128i abcd = _mm_set_epi32((int)a, (int)b, (int)c, (int)d), prev = abcd;
	__m128i e4 = _mm_set_epi32((int)e, 0, 0, 0);
	/* Unrolled, so that the four message registers stay registers. */
	int g = 4;
	BDB_SHA1_GROUP(0);
#pragma GCC unroll 5
	for (g = 5; g < 10; g++)
		BDB_SHA1_GROUP(1);
#pragma GCC unroll 5
	for (g = 10; g < 15; g++)
		BDB_SHA1_GROUP(2);
#pragma GCC unroll 5
	for (g = 15; g < 20; g++)
		BDB_SHA1_GROUP(3);
	e4 = _mm_sha1nexte_epu32(prev, _mm_setzero_si128());
	uint32_t out[4], fifth[4];
	_mm_storeu_si128((__m128i *)out, abcd);
	_mm_storeu_si128((__m128i *)fifth, e4);
	h[0] += out[3];
	h[1] += out[2];
	h[2] += out[1];
	h[3] += out[0];
	h[4] += fifth[3];
}

static void bdb_sha1_init(struct bdb_sha1 *s)
{
	static const uint32_t iv[5] = {0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u,
				       0xc3d2e1f0u};
	memcpy(s->h, iv, sizeof iv);
	s->bytes = 0;
}

static void bdb_sha1_update(struct bdb_sha1 *s, const uint8_t *p, size_t n)
{
	size_t used = s->bytes % 64;
	s->bytes += n;
	if (used > 0) {
		size_t take = n < 64 - used ? n : 64 - used;
		memcpy(s->buf + used, p, take);
		p += take;
		n -= take;
		if (used + take < 64)
			return;
		bdb_sha1_block(s->h, s->buf);
	}
	for (; n >= 64; p += 64, n -= 64)
		bdb_sha1_block(s->h, p);
	memcpy(s->buf, p, n);
}

/* The standard's padding and big-endian digest. */
static void bdb_sha1_final(struct bdb_sha1 *s, uint8_t out[BDB_MAC_LEN])
{
	uint64_t bits = s->bytes * 8;
	size_t used = s->bytes % 64;
	s->buf[used++] = 0x80;
	if (used > 56) {
		memset(s->buf + used, 0, 64 - used);
		bdb_sha1_block(s->h, s->buf);
		used = 0;
	}
	memset(s->buf + used, 0, 56 - used);
	for (int i = 0; i < 8; i++)
		s->buf[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
	bdb_sha1_block(s->h, s->buf);
	for (int i = 0; i < BDB_MAC_LEN; i++)
		out[i] = (uint8_t)(s->h[i / 4] >> (24 - 8 * (i % 4)));
}

/* A thread's keyed states, kept between calls: the HMAC's two padded keys hashed once (two of the
 * five SHA-1 blocks of a short log record's MAC), the AES round keys expanded once; its IV
 * generator (below). */
struct bdb_crypto_keys {
	bool registered, mac_set, aes_set, iv_set;
	uint8_t mac_key[BDB_MAC_LEN];
	struct bdb_sha1 inner, outer;
	uint8_t aes_key[BDB_AES_KEY];
	__m128i enc[BDB_AES_ROUNDS + 1], dec[BDB_AES_ROUNDS + 1];
	__m128i iv_rk[BDB_AES_ROUNDS + 1];
	uint64_t iv_count;
	unsigned iv_forks;
	int iv_left;
	__m128i iv[BDB_IV_BATCH];
};

static _Thread_local struct bdb_crypto_keys bdb_crypto_tls;
static pthread_key_t bdb_crypto_key;
static pthread_once_t bdb_crypto_once = PTHREAD_ONCE_INIT;

/* Forks so far: a child's threads make their IV generators again (else parent and child would
 * draw the same IVs). */
static unsigned bdb_crypto_forks;

static void bdb_crypto_after_fork(void)
{
	__atomic_add_fetch(&bdb_crypto_forks, 1, __ATOMIC_RELAXED);
}

static void bdb_crypto_thread_end(void *p)
{
	explicit_bzero(p, sizeof(struct bdb_crypto_keys));
}

static void *bdb_crypto_find(const char *name)
{
	void *f = dlvsym(RTLD_NEXT, name, "DB5_3");
	if (f == NULL) {
		/* Cannot be: the program is linked with the libdb that defines it. */
		fprintf(stderr, "zongzhi: libdb-5.3 has no %s\n", name);
		abort();
	}
	return f;
}

static void bdb_crypto_init(void)
{
	bdb_crypto_lib.chksum = bdb_crypto_find("__db_chksum");
	bdb_crypto_lib.check_chksum = bdb_crypto_find("__db_check_chksum");
	bdb_crypto_lib.aes_encrypt = bdb_crypto_find("__aes_encrypt");
	bdb_crypto_lib.aes_decrypt = bdb_crypto_find("__aes_decrypt");
	unsigned int a, b, c, d;
	bool sse41 = __get_cpuid(1, &a, &b, &c, &d) && (c & bit_SSE4_1);
	bdb_crypto_aes = sse41 && (c & bit_AES);
	bdb_crypto_sha = sse41 && __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & bit_SHA);
	if (pthread_key_create(&bdb_crypto_key, bdb_crypto_thread_end) != 0 ||
	    pthread_atfork(NULL, NULL, bdb_crypto_after_fork) != 0)
		abort();
}

/* The calling thread's states, its contexts freed when it ends. */
static struct bdb_crypto_keys *bdb_crypto_keys(void)
{
	pthread_once(&bdb_crypto_once, bdb_crypto_init);
	struct bdb_crypto_keys *k = &bdb_crypto_tls;
	if (!k->registered && pthread_setspecific(bdb_crypto_key, k) == 0)
		k->registered = true;
	return k;
}

/* libdb's __db_hmac: RFC 2104's construction with a 20-byte key, over libdb's SHA-1. */
static void bdb_crypto_hmac(const uint8_t *key, const uint8_t *data, size_t len, uint8_t *mac)
{
	struct bdb_crypto_keys *k = bdb_crypto_keys();
	if (!k->mac_set || memcmp(k->mac_key, key, BDB_MAC_LEN) != 0) {
		uint8_t ipad[64], opad[64];
		memset(ipad, 0x36, sizeof ipad);
		memset(opad, 0x5c, sizeof opad);
		for (int i = 0; i < BDB_MAC_LEN; i++) {
			ipad[i] ^= key[i];
			opad[i] ^= key[i];
		}
		bdb_sha1_init(&k->inner);
		bdb_sha1_update(&k->inner, ipad, sizeof ipad);
		bdb_sha1_init(&k->outer);
		bdb_sha1_update(&k->outer, opad, sizeof opad);
		explicit_bzero(ipad, sizeof ipad);
		explicit_bzero(opad, sizeof opad);
		memcpy(k->mac_key, key, BDB_MAC_LEN);
		k->mac_set = true;
	}
	struct bdb_sha1 c = k->inner;
	uint8_t in[BDB_MAC_LEN];
	bdb_sha1_update(&c, data, len);
	bdb_sha1_final(&c, in);
	c = k->outer;
	bdb_sha1_update(&c, in, sizeof in);
	bdb_sha1_final(&c, mac);
	explicit_bzero(&c, sizeof c);
}

/* A log record's sum carries its header's prev and len (libdb's LOG_HDR_SUM). */
static void bdb_crypto_hdr_sum(const uint8_t *hdr, uint8_t *sum)
{
	for (int i = 0; i < BDB_HDR_CHKSUM; i++)
		sum[i] ^= hdr[i];
}

void __db_chksum(void *hdr, uint8_t *data, size_t data_len, uint8_t *mac_key, uint8_t *store)
{
	pthread_once(&bdb_crypto_once, bdb_crypto_init);
	if (mac_key == NULL || !bdb_crypto_sha) {
		bdb_crypto_lib.chksum(hdr, data, data_len, mac_key, store);
		return;
	}
	if (hdr == NULL) {
		/* A page's sum lies in the page: zero while the page is hashed. */
		memset(store, 0, BDB_MAC_LEN);
		bdb_crypto_hmac(mac_key, data, data_len, store);
		return;
	}
	uint8_t *sum = (uint8_t *)hdr + BDB_HDR_CHKSUM;
	bdb_crypto_hmac(mac_key, data, data_len, sum);
	bdb_crypto_hdr_sum(hdr, sum);
}

int __db_check_chksum(ENV *env, void *hdr, DB_CIPHER *db_cipher, uint8_t *chksum, void *data,
		      size_t data_len, int is_hmac)
{
	pthread_once(&bdb_crypto_once, bdb_crypto_init);
	if (!is_hmac || db_cipher == NULL || !bdb_crypto_sha)
		return bdb_crypto_lib.check_chksum(env, hdr, db_cipher, chksum, data, data_len,
						   is_hmac);
	uint8_t old[BDB_MAC_LEN], sum[BDB_MAC_LEN];
	if (hdr == NULL) {
		memcpy(old, chksum, sizeof old);
		memset(chksum, 0, sizeof old);
		chksum = old;
	}
	bdb_crypto_hmac((const uint8_t *)db_cipher + BDB_CIPHER_MAC_KEY, data, data_len, sum);
	if (hdr != NULL)
		bdb_crypto_hdr_sum(hdr, sum);
	return memcmp(chksum, sum, sizeof sum) != 0 ? -1 : 0;
}

static int bdb_crypto_int(const uint8_t *p)
{
	int v;
	memcpy(&v, p, sizeof v);
	return v;
}

/* The AES-128 key of libdb's AES_CIPHER AES into KEY; false when the two key schedules are not
 * what libdb's __db_makeKey leaves (then libdb's own code does the work). */
static bool bdb_crypto_aes_key(const uint8_t *aes, uint8_t key[BDB_AES_KEY])
{
	const uint8_t *dec = aes, *enc = aes + BDB_AES_ENCRYPT_KI;
	if (dec[0] != BDB_DIR_DECRYPT || enc[0] != BDB_DIR_ENCRYPT)
		return false;
	if (bdb_crypto_int(dec + BDB_KI_KEYLEN) != 128 ||
	    bdb_crypto_int(enc + BDB_KI_KEYLEN) != 128 || bdb_crypto_int(dec + BDB_KI_NR) != 10 ||
	    bdb_crypto_int(enc + BDB_KI_NR) != 10)
		return false;
	if (memcmp(enc + BDB_KI_RK, dec + BDB_KI_EK, BDB_AES_KEY) != 0)
		return false;
	for (int w = 0; w < 4; w++) {
		uint32_t v;
		memcpy(&v, enc + BDB_KI_RK + 4 * w, sizeof v);
		for (int b = 0; b < 4; b++)
			key[4 * w + b] = (uint8_t)(v >> (24 - 8 * b));
	}
	return true;
}

/* Round keys of AES-128: each from the previous and the processor's key-schedule assist. */
#define BDB_AES_NEXT(rk, i, rcon)                                                                  \
	do {                                                                                       \
		__m128i k_ = rk[(i) - 1];                                                          \
		k_ = _mm_xor_si128(k_, _mm_slli_si128(k_, 4));                                     \
		k_ = _mm_xor_si128(k_, _mm_slli_si128(k_, 8));                                     \
		rk[i] = _mm_xor_si128(                                                             \
		    k_, _mm_shuffle_epi32(_mm_aeskeygenassist_si128(rk[(i) - 1], rcon), 0xff));    \
	} while (0)

/* The encryption round keys E of KEY. */
__attribute__((target("aes,sse4.1"))) static void bdb_crypto_expand(const uint8_t key[BDB_AES_KEY],
								    __m128i *e)
{
	e[0] = _mm_loadu_si128((const __m128i *)key);
	BDB_AES_NEXT(e, 1, 0x01);
	BDB_AES_NEXT(e, 2, 0x02);
	BDB_AES_NEXT(e, 3, 0x04);
	BDB_AES_NEXT(e, 4, 0x08);
	BDB_AES_NEXT(e, 5, 0x10);
	BDB_AES_NEXT(e, 6, 0x20);
	BDB_AES_NEXT(e, 7, 0x40);
	BDB_AES_NEXT(e, 8, 0x80);
	BDB_AES_NEXT(e, 9, 0x1b);
	BDB_AES_NEXT(e, 10, 0x36);
}

/* The thread's round keys for KEY, made when the key is not the last one seen. */
__attribute__((target("aes,sse4.1"))) static struct bdb_crypto_keys *
bdb_crypto_schedule(const uint8_t key[BDB_AES_KEY])
{
	struct bdb_crypto_keys *k = bdb_crypto_keys();
	if (k->aes_set && memcmp(k->aes_key, key, BDB_AES_KEY) == 0)
		return k;
	__m128i *e = k->enc, *d = k->dec;
	bdb_crypto_expand(key, e);
	/* The equivalent inverse cipher's keys: reversed, the inner ones through InvMixColumns. */
	d[0] = e[BDB_AES_ROUNDS];
	for (int i = 1; i < BDB_AES_ROUNDS; i++)
		d[i] = _mm_aesimc_si128(e[BDB_AES_ROUNDS - i]);
	d[BDB_AES_ROUNDS] = e[0];
	memcpy(k->aes_key, key, BDB_AES_KEY);
	k->aes_set = true;
	return k;
}

/* CBC encryption is a chain: one block after the other. The loops are unrolled so that the round
 * keys and the blocks stay in registers. */
__attribute__((target("aes,sse4.1"))) static void
bdb_crypto_cbc_encrypt(const __m128i *rk, const uint8_t *iv, uint8_t *data, size_t len)
{
	__m128i k[BDB_AES_ROUNDS + 1];
#pragma GCC unroll 11
	for (int r = 0; r <= BDB_AES_ROUNDS; r++)
		k[r] = rk[r];
	__m128i x = _mm_loadu_si128((const __m128i *)iv);
	for (size_t off = 0; off < len; off += BDB_AES_BLOCK) {
		x = _mm_xor_si128(x, _mm_loadu_si128((const __m128i *)(data + off)));
		x = _mm_xor_si128(x, k[0]);
#pragma GCC unroll 9
		for (int r = 1; r < BDB_AES_ROUNDS; r++)
			x = _mm_aesenc_si128(x, k[r]);
		x = _mm_aesenclast_si128(x, k[BDB_AES_ROUNDS]);
		_mm_storeu_si128((__m128i *)(data + off), x);
	}
}

/* CBC decryption's blocks are independent: four at a time keep the AES unit busy. In place, so
 * each group's last ciphertext is kept before it is overwritten. */
__attribute__((target("aes,sse4.1"))) static void
bdb_crypto_cbc_decrypt(const __m128i *rk, const uint8_t *iv, uint8_t *data, size_t len)
{
	enum { WAY = 4 };
	__m128i k[BDB_AES_ROUNDS + 1];
#pragma GCC unroll 11
	for (int r = 0; r <= BDB_AES_ROUNDS; r++)
		k[r] = rk[r];
	__m128i prev = _mm_loadu_si128((const __m128i *)iv);
	size_t off = 0;
	for (; off + WAY * BDB_AES_BLOCK <= len; off += WAY * BDB_AES_BLOCK) {
		__m128i c[WAY], x[WAY];
#pragma GCC unroll 4
		for (int j = 0; j < WAY; j++) {
			c[j] = _mm_loadu_si128((const __m128i *)(data + off) + j);
			x[j] = _mm_xor_si128(c[j], k[0]);
		}
#pragma GCC unroll 9
		for (int r = 1; r < BDB_AES_ROUNDS; r++) {
#pragma GCC unroll 4
			for (int j = 0; j < WAY; j++)
				x[j] = _mm_aesdec_si128(x[j], k[r]);
		}
#pragma GCC unroll 4
		for (int j = 0; j < WAY; j++) {
			x[j] = _mm_aesdeclast_si128(x[j], k[BDB_AES_ROUNDS]);
			x[j] = _mm_xor_si128(x[j], j == 0 ? prev : c[j - 1]);
			_mm_storeu_si128((__m128i *)(data + off) + j, x[j]);
		}
		prev = c[WAY - 1];
	}
	for (; off < len; off += BDB_AES_BLOCK) {
		__m128i c = _mm_loadu_si128((const __m128i *)(data + off));
		__m128i x = _mm_xor_si128(c, k[0]);
#pragma GCC unroll 9
		for (int r = 1; r < BDB_AES_ROUNDS; r++)
			x = _mm_aesdec_si128(x, k[r]);
		x = _mm_xor_si128(_mm_aesdeclast_si128(x, k[BDB_AES_ROUNDS]), prev);
		_mm_storeu_si128((__m128i *)(data + off), x);
		prev = c;
	}
}

/* The IVs: CBC needs each unpredictable to whoever does not hold the key. libdb draws them from
 * one Mersenne Twister per environment under a mutex (a fifth of a short log record's
 * encryption); here each thread encrypts a counter under its own AES key drawn from the kernel
 * (getrandom), eight IVs at a time. Where the kernel gives no key, libdb's generator serves. */
__attribute__((target("aes,sse4.1"))) static bool bdb_crypto_next_iv(struct bdb_crypto_keys *k,
								     uint8_t iv[BDB_AES_BLOCK])
{
	unsigned forks = __atomic_load_n(&bdb_crypto_forks, __ATOMIC_RELAXED);
	if (!k->iv_set || k->iv_forks != forks) {
		uint8_t key[BDB_AES_KEY];
		if (getrandom(key, sizeof key, 0) != (ssize_t)sizeof key)
			return false;
		bdb_crypto_expand(key, k->iv_rk);
		explicit_bzero(key, sizeof key);
		k->iv_count = 0;
		k->iv_left = 0;
		k->iv_forks = forks;
		k->iv_set = true;
	}
	if (k->iv_left == 0) {
		__m128i x[BDB_IV_BATCH];
#pragma GCC unroll 8
		for (int j = 0; j < BDB_IV_BATCH; j++)
			x[j] =
			    _mm_xor_si128(_mm_set_epi64x(0, (long long)k->iv_count++), k->iv_rk[0]);
#pragma GCC unroll 9
		for (int r = 1; r < BDB_AES_ROUNDS; r++) {
#pragma GCC unroll 8
			for (int j = 0; j < BDB_IV_BATCH; j++)
				x[j] = _mm_aesenc_si128(x[j], k->iv_rk[r]);
		}
#pragma GCC unroll 8
		for (int j = 0; j < BDB_IV_BATCH; j++)
			k->iv[j] = _mm_aesenclast_si128(x[j], k->iv_rk[BDB_AES_ROUNDS]);
		k->iv_left = BDB_IV_BATCH;
	}
	_mm_storeu_si128((__m128i *)iv, k->iv[--k->iv_left]);
	return true;
}

int __aes_encrypt(ENV *env, void *aes_data, void *iv, uint8_t *data, size_t data_len)
{
	uint8_t key[BDB_AES_KEY];
	pthread_once(&bdb_crypto_once, bdb_crypto_init);
	if (!bdb_crypto_aes || aes_data == NULL || data == NULL || data_len % BDB_AES_BLOCK != 0 ||
	    !bdb_crypto_aes_key(aes_data, key))
		return bdb_crypto_lib.aes_encrypt(env, aes_data, iv, data, data_len);
	/* A new IV, kept aside until the end: the IV's place may lie in DATA. */
	struct bdb_crypto_keys *k = bdb_crypto_schedule(key);
	uint32_t fresh[BDB_AES_BLOCK / 4];
	int err = bdb_crypto_next_iv(k, (uint8_t *)fresh) ? 0 : __db_generate_iv(env, fresh);
	if (err == 0) {
		bdb_crypto_cbc_encrypt(k->enc, (const uint8_t *)fresh, data, data_len);
		memcpy(iv, fresh, sizeof fresh);
	}
	explicit_bzero(key, sizeof key);
	return err;
}

int __aes_decrypt(ENV *env, void *aes_data, void *iv, uint8_t *cipher, size_t cipher_len)
{
	uint8_t key[BDB_AES_KEY];
	pthread_once(&bdb_crypto_once, bdb_crypto_init);
	if (!bdb_crypto_aes || aes_data == NULL || iv == NULL || cipher == NULL ||
	    cipher_len % BDB_AES_BLOCK != 0 || !bdb_crypto_aes_key(aes_data, key))
		return bdb_crypto_lib.aes_decrypt(env, aes_data, iv, cipher, cipher_len);
	bdb_crypto_cbc_decrypt(bdb_crypto_schedule(key)->dec, iv, cipher, cipher_len);
	explicit_bzero(key, sizeof key);
	return 0;
}

enum bdb_log_key bdb_crypto_log_key(const uint8_t *rec, size_t n, const char *key)
{
	/* A log file opens with its persistent header, whose first word is DB_LOGMAGIC: in the clear
	 * right after a plain record's header, encrypted otherwise. */
	static const uint8_t magic[4] = {0x88, 0x09, 0x04, 0x00};
	if (n >= BDB_HDR_PLAIN + sizeof magic && memcmp(rec + BDB_HDR_PLAIN, magic, sizeof magic) == 0)
		return BDB_LOG_PLAIN;
	uint32_t len = 0;
	if (n >= BDB_HDR_CRYPTO)
		memcpy(&len, rec + 4, sizeof len);
	if (len <= BDB_HDR_CRYPTO || len > n)
		return BDB_LOG_UNKNOWN;
	if (key == NULL)
		return BDB_LOG_ENCRYPTED;
	/* The record's MAC under KEY's MAC key, made as libdb makes it (its header's copy receives it). */
	uint8_t mac_key[BDB_MAC_LEN], hdr[BDB_HDR_CRYPTO];
	char *pw = strdup(key);
	if (pw == NULL)
		return BDB_LOG_UNKNOWN;
	__db_derive_mac((uint8_t *)pw, strlen(pw) + 1, mac_key);
	explicit_bzero(pw, strlen(pw));
	free(pw);
	memcpy(hdr, rec, sizeof hdr);
	__db_chksum(hdr, (uint8_t *)rec + BDB_HDR_CRYPTO, len - BDB_HDR_CRYPTO, mac_key, hdr + BDB_HDR_CHKSUM);
	explicit_bzero(mac_key, sizeof mac_key);
	return memcmp(hdr + BDB_HDR_CHKSUM, rec + BDB_HDR_CHKSUM, BDB_MAC_LEN) == 0 ? BDB_LOG_KEY_OK
										       : BDB_LOG_KEY_WRONG;
}
