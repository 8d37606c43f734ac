/* bdb_crypto.h — Berkeley DB's encryption of an environment (DB_ENCRYPT_AES) on the processor's
 * AES and SHA instructions.
 *
 * Definitions of four functions of Debian's libdb-5.3.so, under libdb's own names and with its
 * signatures, that take the place of libdb's (see bdb_crypto.c). db.h does not declare them; they
 * are declared here for the unit test that compares them with libdb's. Nothing else calls them.
 * Then a check of a key against a home's log, for the opening of an encrypted home. */
#ifndef ZZ_BDB_CRYPTO_H
#define ZZ_BDB_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include <db.h>

/* The checksum of a page (HDR null: STORE, zeroed first, receives it) or of a log record (HDR, the
 * record's header: the sum goes into the header, xored with its first two words): an HMAC-SHA1
 * under MAC_KEY (20 bytes), or libdb's 4-byte hash without a key. */
void __db_chksum(void *hdr, uint8_t *data, size_t data_len, uint8_t *mac_key, uint8_t *store);
/* 0 when CHKSUM is the checksum of DATA, -1 when not, EINVAL for a key given or missing against
 * IS_HMAC. A page's CHKSUM (HDR null) is left zeroed, as libdb leaves it. */
int __db_check_chksum(ENV *env, void *hdr, DB_CIPHER *db_cipher, uint8_t *chksum, void *data,
		      size_t data_len, int is_hmac);
/* AES-128-CBC in place under the key of AES_DATA (libdb's AES_CIPHER), DATA_LEN a multiple of 16:
 * encryption draws a new IV from the calling thread's generator and stores it in IV. */
int __aes_encrypt(ENV *env, void *aes_data, void *iv, uint8_t *data, size_t data_len);
int __aes_decrypt(ENV *env, void *aes_data, void *iv, uint8_t *cipher, size_t cipher_len);

/* What a log file's first record REC (its first N bytes) says of the environment's key KEY (NULL:
 * none set): written without encryption, encrypted (KEY null), encrypted under KEY or under another
 * key, or not a log record. Read before the environment is opened: libdb 5.3 opened with a wrong
 * key fails its recovery and then dies in __crypto_region_init (a key it has already freed). */
enum bdb_log_key { BDB_LOG_PLAIN, BDB_LOG_ENCRYPTED, BDB_LOG_KEY_OK, BDB_LOG_KEY_WRONG, BDB_LOG_UNKNOWN };
enum bdb_log_key bdb_crypto_log_key(const uint8_t *rec, size_t n, const char *key);

#endif
