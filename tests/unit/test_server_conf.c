/* Unit tests: the SSH server's option parsing (listen address, MaxStartups) and its settings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server_conf.h"
#include "util.h"

static void test_listen_ipv4(void **state)
{
	(void)state;
	char addr[64];
	int port = 0;
	assert_int_equal(server_conf_parse_listen("127.0.0.1:2222", addr, sizeof addr, &port), 0);
	assert_string_equal(addr, "127.0.0.1");
	assert_int_equal(port, 2222);
	assert_int_equal(server_conf_parse_listen("0.0.0.0:65535", addr, sizeof addr, &port), 0);
	assert_int_equal(port, 65535);
}

static void test_listen_ipv6(void **state)
{
	(void)state;
	char addr[64];
	int port = 0;
	assert_int_equal(server_conf_parse_listen("[::1]:22", addr, sizeof addr, &port), 0);
	assert_string_equal(addr, "::1");
	assert_int_equal(port, 22);
	assert_int_equal(server_conf_parse_listen("[2001:db8::5]:2222", addr, sizeof addr, &port), 0);
	assert_string_equal(addr, "2001:db8::5");
}

static void test_listen_bad(void **state)
{
	(void)state;
	char addr[64] = "unchanged";
	int port = 7;
	static const char *const bad[] = {
		"", "2222", ":2222", "127.0.0.1", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:22x",
		"localhost:22", "::1:22", "[::1]22", "[::1]:", "[127.0.0.1]:22", "1.2.3.4:-1", "999.0.0.1:22",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(server_conf_parse_listen(bad[i], addr, sizeof addr, &port), ZZ_EINVAL);
		assert_non_null(strstr(errmsg(), bad[i]));
	}
	assert_string_equal(addr, "unchanged");
	assert_int_equal(port, 7);
}

static void test_startups(void **state)
{
	(void)state;
	int b = 0, r = 0, f = 0;
	assert_int_equal(server_conf_parse_startups("10:30:100", &b, &r, &f), 0);
	assert_int_equal(b, 10);
	assert_int_equal(r, 30);
	assert_int_equal(f, 100);
	assert_int_equal(server_conf_parse_startups("20", &b, &r, &f), 0);
	assert_int_equal(b, 20);
	assert_int_equal(r, 100);
	assert_int_equal(f, 20);
	static const char *const bad[] = {"", "0", "10:30", "10:0:100", "10:101:100", "100:30:10", "a:b:c",
					  "10:30:100:5", "-1:30:100", "10::100"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(server_conf_parse_startups(bad[i], &b, &r, &f), ZZ_EINVAL);
}

/* The shipped conf/ loads, and empty paths fall back under the database home. */
static void test_load_shipped(void **state)
{
	(void)state;
	struct conf *c = NULL;
	assert_int_equal(conf_load(&c, "conf/zongzhi.cfg"), 0);
	struct server_conf sc;
	assert_int_equal(server_conf_load(&sc, c, "/srv/zz", NULL), 0);
	assert_string_equal(sc.addr, "127.0.0.1");
	assert_int_equal(sc.port, 2222);
	assert_string_equal(sc.hostkey_ed25519, "/srv/zz/ssh_host_ed25519_key");
	assert_string_equal(sc.hostkey_rsa, "/srv/zz/ssh_host_rsa_key");
	assert_string_equal(sc.run_dir, "/srv/zz/run");
	assert_int_equal(sc.max_auth_tries, 6);
	assert_int_equal(sc.grace_s, 120);
	assert_int_equal(sc.startups_begin, 10);
	assert_int_equal(sc.startups_rate, 30);
	assert_int_equal(sc.startups_full, 100);
	assert_int_equal(sc.idle_s, 900);
	assert_non_null(strstr(sc.kex, "curve25519-sha256"));
	server_conf_free(&sc);
	/* --listen overrides the setting; a bad one is refused with the reason. */
	assert_int_equal(server_conf_load(&sc, c, "/srv/zz", "[::1]:2022"), 0);
	assert_string_equal(sc.addr, "::1");
	assert_int_equal(sc.port, 2022);
	server_conf_free(&sc);
	assert_int_equal(server_conf_load(&sc, c, "/srv/zz", "nowhere"), ZZ_EINVAL);
	conf_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_listen_ipv4),	cmocka_unit_test(test_listen_ipv6),
		cmocka_unit_test(test_listen_bad),	cmocka_unit_test(test_startups),
		cmocka_unit_test(test_load_shipped),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
