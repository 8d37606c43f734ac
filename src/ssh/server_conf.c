/* server_conf.c — read and check the SSH server's settings. */
#include "server_conf.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

int server_conf_parse_listen(const char *s, char *addr, size_t addrlen, int *port)
{
	const char *colon = NULL, *host = s;
	size_t hlen = 0;
	if (s[0] == '[') {
		const char *close = strchr(s, ']');
		if (!close || close[1] != ':')
			return errmsg_set(ZZ_EINVAL, "监听地址应为 [IPv6地址]:端口：%s", s);
		host = s + 1;
		hlen = (size_t)(close - host);
		colon = close + 1;
	} else {
		colon = strrchr(s, ':');
		if (!colon || strchr(s, ':') != colon)
			return errmsg_set(ZZ_EINVAL, "监听地址应为 地址:端口（如 127.0.0.1:2222）：%s", s);
		hlen = (size_t)(colon - s);
	}
	long long p;
	if (str_to_ll(colon + 1, &p) < 0 || p < 1 || p > 65535)
		return errmsg_set(ZZ_EINVAL, "端口应为 1 到 65535 的整数：%s", s);
	if (hlen == 0 || hlen >= addrlen)
		return errmsg_set(ZZ_EINVAL, "监听地址缺少 IP 地址：%s", s);
	char buf[64];
	unsigned char bin[16];
	if (hlen >= sizeof buf)
		return errmsg_set(ZZ_EINVAL, "监听地址不是数字 IP 地址：%s", s);
	memcpy(buf, host, hlen);
	buf[hlen] = '\0';
	bool v6 = s[0] == '[';
	if (inet_pton(v6 ? AF_INET6 : AF_INET, buf, bin) != 1)
		return errmsg_set(ZZ_EINVAL, "监听地址不是数字 IP 地址：%s", s);
	memcpy(addr, buf, hlen + 1);
	*port = (int)p;
	return 0;
}

int server_conf_parse_startups(const char *s, int *begin, int *rate, int *full)
{
	char *copy = xstrdup(s);
	char *part[4];
	int n = str_split(copy, ':', part, 4);
	long long v[3] = {0, 100, 0};
	int rc = 0;
	if (n != 1 && n != 3)
		rc = ZZ_EINVAL;
	for (int i = 0; rc == 0 && i < n; i++)
		if (str_to_ll(part[i], &v[i]) < 0 || v[i] > 100000)
			rc = ZZ_EINVAL;
	free(copy);
	if (n == 1)
		v[2] = v[0];
	if (rc == 0 && (v[0] < 1 || v[1] < 1 || v[1] > 100 || v[2] < v[0]))
		rc = ZZ_EINVAL;
	if (rc < 0)
		return errmsg_set(ZZ_EINVAL, "server.max_startups 应为 起始:比例:上限（如 10:30:100），比例 1-100：%s", s);
	*begin = (int)v[0];
	*rate = (int)v[1];
	*full = (int)v[2];
	return 0;
}

/* A path setting; empty means NAME under DIR. */
static char *path_or_default(const struct conf *c, const char *key, const char *dir, const char *name)
{
	if (str_empty(conf_str(c, key)))
		return xasprintf("%s/%s", dir, name);
	return conf_path(c, key);
}

int server_conf_load(struct server_conf *sc, const struct conf *c, const char *home, const char *listen)
{
	memset(sc, 0, sizeof *sc);
	int rc = server_conf_parse_listen(listen ? listen : conf_str(c, "server.listen"), sc->addr,
					  sizeof sc->addr, &sc->port);
	if (rc == 0)
		rc = server_conf_parse_startups(conf_str(c, "server.max_startups"), &sc->startups_begin,
						&sc->startups_rate, &sc->startups_full);
	if (rc < 0)
		return rc;
	sc->hostkey_ed25519 = path_or_default(c, "server.hostkey_ed25519", home, "ssh_host_ed25519_key");
	sc->hostkey_rsa = path_or_default(c, "server.hostkey_rsa", home, "ssh_host_rsa_key");
	char *run = xasprintf("%s/run", home);
	sc->run_dir = str_empty(conf_str(c, "server.run_dir")) ? xstrdup(run) : conf_path(c, "server.run_dir");
	free(run);
	const char *log = conf_str(c, "server.log");
	sc->log = !strcmp(log, "syslog") || !strcmp(log, "stderr") ? xstrdup(log) : conf_path(c, "server.log");
	sc->start_daemon = conf_bool(c, "server.start_daemon");
	sc->compression = conf_bool(c, "server.compression");
	sc->max_auth_tries = (int)conf_int(c, "server.max_auth_tries");
	sc->grace_s = (int)conf_int(c, "server.login_grace_s");
	sc->per_source_startups = (int)conf_int(c, "server.per_source_max_startups");
	sc->audit_refused_per_min = (int)conf_int(c, "server.audit_refused_per_min");
	sc->max_name_bytes = (int)conf_int(c, "server.max_name_bytes");
	sc->audit_failed_per_addr_min = (int)conf_int(c, "server.audit_failed_per_addr_min");
	sc->addr_fail_max = (int)conf_int(c, "server.addr_fail_max");
	sc->addr_fail_window_s = (int)conf_int(c, "server.addr_fail_window_min") * 60;
	sc->max_sessions = (int)conf_int(c, "server.max_sessions");
	sc->max_sessions_per_account = (int)conf_int(c, "server.max_sessions_per_account");
	sc->idle_s = (int)conf_int(c, "server.idle_timeout_s");
	sc->keepalive_s = (int)conf_int(c, "server.keepalive_interval_s");
	sc->keepalive_count = (int)conf_int(c, "server.keepalive_count");
	sc->ui_stop_wait_s = (int)conf_int(c, "server.ui_stop_wait_s");
	sc->rsa_min_bits = (int)conf_int(c, "server.rsa_min_bits");
	sc->kex = conf_str(c, "server.kex");
	sc->ciphers = conf_str(c, "server.ciphers");
	sc->macs = conf_str(c, "server.macs");
	sc->hostkey_algs = conf_str(c, "server.hostkey_algorithms");
	sc->pubkey_algs = conf_str(c, "server.pubkey_algorithms");
	return 0;
}

void server_conf_free(struct server_conf *sc)
{
	free(sc->hostkey_ed25519);
	free(sc->hostkey_rsa);
	free(sc->run_dir);
	free(sc->log);
	memset(sc, 0, sizeof *sc);
}
