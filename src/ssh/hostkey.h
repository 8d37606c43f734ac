/* hostkey.h — the server's host keys: created on first start (0600), kept across restarts. */
#ifndef ZZ_HOSTKEY_H
#define ZZ_HOSTKEY_H

#include <libssh/libssh.h>

/* Load the private key of TYPE (SSH_KEYTYPE_ED25519 or SSH_KEYTYPE_RSA) from PATH, creating it
 * first when the file does not exist (RSA with BITS bits). Refuses a key file that others can
 * read. On success *OUT is the key (caller frees with ssh_key_free). */
int hostkey_load(const char *path, enum ssh_keytypes_e type, int bits, ssh_key *out);

/* "SHA256:…" of KEY's public part, for logs (caller frees). */
char *hostkey_fingerprint(const ssh_key key);

#endif
