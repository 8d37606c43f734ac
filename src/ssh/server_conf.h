/* server_conf.h — the SSH server's settings, read once from conf/server.cfg into one struct. */
#ifndef ZZ_SERVER_CONF_H
#define ZZ_SERVER_CONF_H

#include <stdbool.h>

#include "conf.h"

struct server_conf {
	char addr[64]; /* numeric IPv4 or IPv6 address */
	int port;
	char *hostkey_ed25519, *hostkey_rsa; /* resolved paths */
	char *run_dir;
	char *log;
	bool start_daemon, compression;
	int max_auth_tries, grace_s;
	int startups_begin, startups_rate, startups_full, per_source_startups;
	int audit_refused_per_min;
	int max_name_bytes, audit_failed_per_addr_min, addr_fail_max, addr_fail_window_s;
	int max_sessions, max_sessions_per_account;
	int idle_s, keepalive_s, keepalive_count;
	int ui_stop_wait_s;
	int rsa_min_bits;
	const char *kex, *ciphers, *macs, *hostkey_algs, *pubkey_algs; /* owned by conf */
};

/* Fill SC from C; HOME is the database home (default place of host keys and run dir), LISTEN the
 * --listen override or NULL. On error the message names the setting. */
int server_conf_load(struct server_conf *sc, const struct conf *c, const char *home, const char *listen);
void server_conf_free(struct server_conf *sc);

/* "ADDR:PORT" or "[V6ADDR]:PORT" with a numeric address and a port 1..65535. */
int server_conf_parse_listen(const char *s, char *addr, size_t addrlen, int *port);
/* "start:rate:full" (rate in percent, 1..100, start <= full) or "N" (refuse from N on). */
int server_conf_parse_startups(const char *s, int *begin, int *rate, int *full);

#endif
