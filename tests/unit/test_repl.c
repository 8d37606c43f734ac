/* test_repl.c — the standby site's settings (9.5, R-AC-5): addresses, acknowledgement policy and
 * peers refused with a clear message; a lone site that starts the group is elected primary and
 * writes; a forked child drops the inherited TCP sockets and nothing else. The two-site failover
 * is tests/e2e/repl_failover.sh. */
#include "testlib.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <time.h>

#include "repl.h"

static void repl_write_conf(struct tl *t, const char *local, const char *peers, const char *ack)
{
	char *path = xasprintf("%s/conf/repl.cfg", t->dir);
	char *text = xasprintf("repl = {\n  enabled = true;\n  local = \"%s\";\n  peers = [ %s ];\n"
			       "  priority = 100;\n  ack_policy = \"%s\";\n  ack_timeout_ms = 200;\n"
			       "  election_timeout_s = 1;\n  heartbeat_ms = 500;\n  two_site_strict = false;\n"
			       "  connect_wait_ms = 2000;\n  rejoin_wait_s = 1;\n  startup_wait_s = 30;\n  checkpoint_delay_s = 1;\n};\n",
			       local, peers, ack);
	tl_write(path, text);
	free(text);
	free(path);
}

/* repl_env_config on a fresh handle with the settings of T's conf (a handle given sites and closed
 * unopened leaks inside Berkeley DB: settings that pass are tested by opening, below). */
static int repl_try(struct tl *t)
{
	struct conf *c = NULL;
	assert_int_equal(conf_load(&c, t->conf), 0);
	DB_ENV *env = NULL;
	assert_int_equal(db_env_create(&env, 0), 0);
	int rc = repl_env_config(env, c, false);
	env->close(env, 0);
	conf_free(&c);
	return rc;
}

static void test_settings_refused(void **state)
{
	(void)state;
	struct tl t;
	tl_init_conf(&t, NULL, NULL);
	repl_write_conf(&t, "127.0.0.1", "\"127.0.0.1:7711\"", "quorum");
	assert_int_equal(repl_try(&t), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "“127.0.0.1”应为 主机:端口"));
	repl_write_conf(&t, "127.0.0.1:7710", "\"127.0.0.1:70000\"", "quorum");
	assert_int_equal(repl_try(&t), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "127.0.0.1:70000"));
	repl_write_conf(&t, "127.0.0.1:7710", "", "quorum");
	assert_int_equal(repl_try(&t), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "repl.peers 为空"));
	repl_write_conf(&t, "127.0.0.1:7710", "\"127.0.0.1:7711\"", "most");
	assert_int_equal(repl_try(&t), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "repl.ack_policy = \"most\" 不对"));
	tl_close(&t);
}

static int repl_free_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof a;
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	close(fd);
	return ntohs(a.sin_port);
}

/* A site of a group of two whose peer never answers: LOCAL gets the site's own address. */
static void repl_lone_conf(struct tl *t, char *local, size_t local_n)
{
	char peer[32];
	tl_init_conf(t, NULL, NULL);
	snprintf(local, local_n, "127.0.0.1:%d", repl_free_port());
	snprintf(peer, sizeof peer, "\"127.0.0.1:%d\"", repl_free_port());
	repl_write_conf(t, local, peer, "quorum");
}

/* The site that starts the group, its peer absent: elected, it writes; the peer has never joined,
 * so the group is this site alone and its commits need no other acknowledgement. */
static void test_lone_creator(void **state)
{
	(void)state;
	struct tl t;
	char local[32];
	repl_lone_conf(&t, local, sizeof local);
	tl_open_ctx(&t, true);
	assert_true(t.c->st->repl);
	assert_int_equal(repl_role(t.c->st->env), REPL_PRIMARY);
	/* repl.checkpoint_delay_s reaches Berkeley DB (in microseconds). */
	db_timeout_t ckp = 0;
	assert_int_equal(t.c->st->env->rep_get_timeout(t.c->st->env, DB_REP_CHECKPOINT_DELAY, &ckp), 0);
	assert_int_equal(ckp, 1000000);
	assert_false(store_standby(t.c->st));
	char primary[64];
	repl_primary(t.c->st->env, primary, sizeof primary);
	assert_string_equal(primary, local);
	assert_int_equal(t.c->st->unacked, 0);
	assert_true(store_confirmed(t.c->st));
	/* Commits counted as not acknowledged are asked about again with one more commit (its
	 * acknowledgement covers them): here the group is this site alone, so that one needs none. */
	t.c->st->unacked = 2;
	assert_true(store_confirmed(t.c->st));
	assert_int_equal(t.c->st->unacked, 0);
	void *v = NULL;
	size_t vn = 0;
	assert_int_equal(store_get(store_db(t.c->st, DBI_META), NULL, "repl.confirmed", 14, &v, &vn, false), 0);
	assert_int_equal(vn, sizeof(int64_t));
	free(v);
	tl_close(&t);
}

static int64_t repl_test_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A site that has been in the group starts as a client and looks for the primary first
 * (repl.rejoin_wait_s): restarted with its peer still absent, it then holds an election and,
 * alone of two (two_site_strict = false), wins it and writes. */
static void test_lone_member_restarted(void **state)
{
	(void)state;
	struct tl t;
	char local[32];
	repl_lone_conf(&t, local, sizeof local);
	tl_open_ctx(&t, false);
	assert_int_equal(repl_role(t.c->st->env), REPL_PRIMARY);
	ctx_free(&t.c);
	int64_t t0 = repl_test_ms();
	tl_open_ctx(&t, true);
	assert_true(repl_test_ms() - t0 >= 1000);
	assert_int_equal(repl_role(t.c->st->env), REPL_PRIMARY);
	assert_false(store_standby(t.c->st));
	tl_close(&t);
}

static void test_close_inherited(void **state)
{
	(void)state;
	int tcp = socket(AF_INET, SOCK_STREAM, 0), keep = socket(AF_INET, SOCK_STREAM, 0);
	int unix_fd = socket(AF_UNIX, SOCK_STREAM, 0);
	int p[2];
	assert_int_equal(pipe(p), 0);
	assert_true(tcp >= 0 && keep >= 0 && unix_fd >= 0);
	repl_close_inherited(keep);
	assert_int_equal(fcntl(tcp, F_GETFD), -1);
	assert_true(fcntl(keep, F_GETFD) >= 0);
	assert_true(fcntl(unix_fd, F_GETFD) >= 0);
	assert_true(fcntl(p[0], F_GETFD) >= 0);
	close(keep);
	close(unix_fd);
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_settings_refused),
		cmocka_unit_test(test_lone_creator),
		cmocka_unit_test(test_lone_member_restarted),
		cmocka_unit_test(test_close_inherited),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
