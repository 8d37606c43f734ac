/* test_repl.c — the standby site's settings (9.5, R-AC-5): addresses, the site list with each
 * site's login address, acknowledgement policy refused with a clear message; a lone site that
 * starts the group is elected primary and writes; restarted alone, it elects itself with
 * repl.rejoin_elect and stays a standby without it, until taken over; a forked child drops the
 * inherited TCP sockets and nothing else; of two sites with repl.ack_policy = "quorum", a commit the
 * standby did not acknowledge is counted as such, with the standby's priority 0 or
 * two_site_strict = true too. The two-site failover is tests/e2e/repl_failover.sh. */
#include "testlib.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "repl.h"

/* repl.cfg with LOCAL and SITES (the inside of repl.sites), acknowledgements ACK, rejoin_elect
 * ELECT. */
static void repl_write_conf(struct tl *t, const char *local, const char *sites, const char *ack, bool elect)
{
	char *path = xasprintf("%s/conf/repl.cfg", t->dir);
	char *text = xasprintf("repl = {\n  enabled = true;\n  local = \"%s\";\n  sites = ( %s );\n"
			       "  priority = 100;\n  ack_policy = \"%s\";\n  ack_timeout_ms = 200;\n"
			       "  election_timeout_s = 1;\n  heartbeat_ms = 500;\n  two_site_strict = false;\n"
			       "  connect_wait_ms = 2000;\n  rejoin_wait_s = 1;\n  rejoin_elect = %s;\n"
			       "  startup_wait_s = 30;\n  checkpoint_delay_s = 1;\n};\n",
			       local, sites, ack, elect ? "true" : "false");
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

#define REPL_TWO "{ repl = \"127.0.0.1:7710\"; ssh = \"10.0.0.1\"; }, { repl = \"127.0.0.1:7711\"; ssh = \"10.0.0.2:2222\"; }"

static void test_settings_refused(void **state)
{
	(void)state;
	struct tl t;
	tl_init_conf(&t, NULL, NULL);
	static const struct {
		const char *local, *sites, *ack, *msg;
	} cases[] = {
		{"127.0.0.1", REPL_TWO, "quorum", "“127.0.0.1”应为 主机:端口"},
		{"127.0.0.1:7710", "{ repl = \"127.0.0.1:7710\"; ssh = \"a\"; }, { repl = \"127.0.0.1:70000\"; ssh = \"b\"; }",
		 "quorum", "127.0.0.1:70000"},
		{"127.0.0.1:7710", "{ repl = \"127.0.0.1:7710\"; ssh = \"a\"; }", "quorum", "repl.sites 只有本站"},
		{"127.0.0.1:7712", REPL_TWO, "quorum", "repl.local = \"127.0.0.1:7712\" 不在 repl.sites 中"},
		{"127.0.0.1:7710", REPL_TWO ", { repl = \"127.0.0.1:7711\"; ssh = \"c\"; }", "quorum", "复制地址 127.0.0.1:7711 出现了两次"},
		{"127.0.0.1:7710", "{ repl = \"127.0.0.1:7710\"; ssh = \"a\"; }, { repl = \"127.0.0.1:7711\"; }", "quorum",
		 "第 2 个站点缺少 ssh"},
		{"127.0.0.1:7710", "\"127.0.0.1:7710\", \"127.0.0.1:7711\"", "quorum", "第 1 个站点应为 { repl ="},
		/* Longer than fits the refusal's line (repl_login_room), a space, a control character. */
		{"127.0.0.1:7710", "{ repl = \"127.0.0.1:7710\"; ssh = \"a\"; }, { repl = \"127.0.0.1:7711\"; ssh = \"zongzhi.verylongcountyname.gov.cn:2\"; }",
		 "quorum", "第 2 个站点 ssh = \"zongzhi.verylongcountyname.gov.cn:2\" 太长"},
		{"127.0.0.1:7710", "{ repl = \"127.0.0.1:7710\"; ssh = \"a b\"; }, { repl = \"127.0.0.1:7711\"; ssh = \"b\"; }",
		 "quorum", "第 1 个站点 ssh"},
		{"127.0.0.1:7710", "{ repl = \"127.0.0.1:7710\"; ssh = \"a\\x1b\"; }, { repl = \"127.0.0.1:7711\"; ssh = \"b\"; }",
		 "quorum", "第 1 个站点 ssh"},
		{"127.0.0.1:7710", "{ repl = \"127.0.0.1:7710\"; ssh = \"a:99999\"; }, { repl = \"127.0.0.1:7711\"; ssh = \"b\"; }",
		 "quorum", "第 1 个站点 ssh"},
		{"127.0.0.1:7710", REPL_TWO, "most", "repl.ack_policy = \"most\" 不对"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		repl_write_conf(&t, cases[i].local, cases[i].sites, cases[i].ack, true);
		int rc = repl_try(&t);
		if (rc != ZZ_EINVAL || !strstr(errmsg(), cases[i].msg))
			fail_msg("case %zu: %d %s", i, rc, errmsg());
	}
	tl_close(&t);
}

/* repl.sites' login address is as long as the refusal's line allows: the columns after its text
 * (47 of 80), counted as the refusal shows the address ("host 端口 N" unless the port is 22).
 * Checked as the settings are loaded (ctx_load), the site and the limit named. */
static void test_login_width(void **state)
{
	(void)state;
	assert_int_equal(repl_login_room(), 80 - 47);
	struct tl t;
	tl_init_conf(&t, NULL, NULL);
	char host33[64], host34[80], host23[64], host24[64];
	snprintf(host33, sizeof host33, "%s", "zongzhi.county1234567890123.gov.cn");
	host33[33] = '\0';
	snprintf(host34, sizeof host34, "%s4", host33);
	snprintf(host23, sizeof host23, "%.23s", host33);
	snprintf(host24, sizeof host24, "%.24s", host33);
	static const char *const fmt = "{ repl = \"127.0.0.1:7710\"; ssh = \"10.0.0.1\"; }, { repl = \"127.0.0.1:7711\"; ssh = \"%s\"; }";
	const struct {
		const char *ssh;
		int rc;
	} cases[] = {
		{host33, 0},
		{host34, ZZ_EINVAL},
		{xasprintf("%s:22", host33), 0}, /* port 22 is not shown */
		{xasprintf("%s:2222", host23), 0}, /* 23 + " 端口 2222" = 33 */
		{xasprintf("%s:2222", host24), ZZ_EINVAL},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *sites = xasprintf(fmt, cases[i].ssh);
		repl_write_conf(&t, "127.0.0.1:7710", sites, "quorum", true);
		free(sites);
		struct conf *c = NULL;
		assert_int_equal(conf_load(&c, t.conf), 0);
		int rc = repl_conf_check(c);
		conf_free(&c);
		if (rc != cases[i].rc)
			fail_msg("case %zu (%s): %d %s", i, cases[i].ssh, rc, errmsg());
		if (rc < 0) {
			assert_non_null(strstr(errmsg(), "设置 repl.sites 的第 2 个站点 ssh = "));
			assert_non_null(strstr(errmsg(), "太长"));
			assert_non_null(strstr(errmsg(), "地址最多 33 列"));
			assert_non_null(strstr(errmsg(), "有 34 列"));
		}
	}
	for (size_t i = 2; i < ARRAY_LEN(cases); i++)
		free((char *)cases[i].ssh);
	/* The whole context refuses at load: no command runs on such settings. */
	char *sites = xasprintf(fmt, host34);
	repl_write_conf(&t, "127.0.0.1:7710", sites, "quorum", true);
	free(sites);
	struct ctx *c = NULL;
	assert_int_equal(ctx_load(&c, t.conf, t.dir, NULL), ZZ_EINVAL);
	assert_null(c);
	assert_non_null(strstr(errmsg(), "第 2 个站点"));
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

/* A site of a group of two whose peer never answers: LOCAL gets the site's own address, PEER (when
 * not NULL) the peer's, SITES the site list. The login addresses: the longest that fits
 * (repl_login_room, with its port) for the site, an IPv6 one for the peer. */
static void repl_lone_conf(struct tl *t, char *local, size_t local_n, bool elect, char *peer, char *sites, size_t sites_n)
{
	char p[32];
	tl_init_conf(t, NULL, NULL);
	snprintf(local, local_n, "127.0.0.1:%d", repl_free_port());
	snprintf(p, sizeof p, "127.0.0.1:%d", repl_free_port());
	snprintf(sites, sites_n, "{ repl = \"%s\"; ssh = \"zongzhi.county12.gov.cn:2222\"; }, { repl = \"%s\"; ssh = \"[2001:db8::2]:22\"; }",
		 local, p);
	if (peer)
		snprintf(peer, sizeof p, "%s", p);
	repl_write_conf(t, local, sites, "quorum", elect);
}

/* The site that starts the group, its peer absent: elected, it writes; the peer has never joined,
 * so the group is this site alone and its commits need no other acknowledgement. */
static void test_lone_creator(void **state)
{
	(void)state;
	struct tl t;
	char local[32];
	char sites[256];
	repl_lone_conf(&t, local, sizeof local, true, NULL, sites, sizeof sites);
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
	/* Its login address, as a person types it (a port other than 22 said in words). */
	assert_int_equal(repl_primary_login(t.c->st->env, t.c->conf, primary, sizeof primary), REPL_LOGIN_KNOWN);
	assert_string_equal(primary, "zongzhi.county12.gov.cn 端口 2222");
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
 * (repl.rejoin_wait_s): restarted with its peer still absent, with repl.rejoin_elect it then holds
 * an election and, alone of two (two_site_strict = false), wins it and writes. */
static void test_lone_member_restarted(void **state)
{
	(void)state;
	struct tl t;
	char local[32], sites[256];
	repl_lone_conf(&t, local, sizeof local, true, NULL, sites, sizeof sites);
	tl_open_ctx(&t, false);
	assert_int_equal(repl_role(t.c->st->env), REPL_PRIMARY);
	ctx_free(&t.c);
	int64_t t0 = repl_test_ms();
	tl_open_ctx(&t, true);
	assert_true(repl_test_ms() - t0 >= 1000);
	assert_int_equal(repl_role(t.c->st->env), REPL_PRIMARY);
	assert_false(store_standby(t.c->st));
	assert_false(repl_held(t.c->home));
	tl_close(&t);
}

/* Replace FROM by TO in T's repl.cfg. */
static void repl_conf_edit(struct tl *t, const char *from, const char *to)
{
	char *path = xasprintf("%s/conf/repl.cfg", t->dir);
	char *text = tl_slurp(path, NULL);
	assert_non_null(strstr(text, from));
	text = tl_replace(text, from, to);
	tl_write(path, text);
	free(text);
	free(path);
}

/* In a child process: site B (LOCAL_B in SITES, its repl.cfg's "priority = 100;" replaced by PRIO
 * unless NULL) opened into TB from an empty home as a standby of the group run by the parent;
 * 0 when it is one (else said on stderr). */
static int repl_peer_open(struct tl *tb, const char *local_b, const char *sites, const char *prio)
{
	tl_init_conf(tb, NULL, NULL);
	repl_write_conf(tb, local_b, sites, "quorum", false);
	if (prio)
		repl_conf_edit(tb, "priority = 100;", prio);
	char *home = xasprintf("%s/homeB", tb->dir);
	int rc = mkdir(home, 0700) == 0 && ctx_load(&tb->c, tb->conf, home, domain_features) == 0 &&
			 ctx_open_store(tb->c, 0) == 0 && store_standby(tb->c->st)
		     ? 0
		     : 1;
	if (rc)
		fprintf(stderr, "site B: %s\n", errmsg());
	free(home);
	return rc;
}

/* Site B (LOCAL_B in SITES) joins the group run by this process from an empty home, in a child
 * process, and leaves: from then on the group has two sites (one alone, it was a group of one,
 * whose elections it wins alone). */
static void repl_join_peer(const char *local_b, const char *sites)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct tl tb;
		int rc = repl_peer_open(&tb, local_b, sites, NULL);
		tl_close(&tb);
		_exit(rc);
	}
	int st = 0;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* Without repl.rejoin_elect the same site stays a standby: nothing saved, the refusal says no
 * primary is known, the administrators' to-do list says why, until a takeover makes it the primary
 * (and puts two_site_strict back). */
static void test_lone_member_held(void **state)
{
	(void)state;
	struct tl t;
	char local[32], peer[32], sites[256];
	repl_lone_conf(&t, local, sizeof local, false, peer, sites, sizeof sites);
	tl_open_ctx(&t, true);
	assert_int_equal(repl_role(t.c->st->env), REPL_PRIMARY);
	struct user *admin = tl_user(&t, "admin1", "321204", "sysadmin", NULL);
	struct user *grid = tl_user(&t, "grid1", "321204001001001", "grid", NULL);
	repl_join_peer(peer, sites);
	ctx_free(&t.c);
	int64_t t0 = repl_test_ms();
	assert_int_equal(ctx_load(&t.c, t.conf, NULL, domain_features), 0);
	if (ctx_open_store(t.c, 0) < 0)
		fail_msg("ctx_open_store: %s", errmsg());
	int64_t dt = repl_test_ms() - t0;
	/* It waited repl.rejoin_wait_s, not repl.startup_wait_s: nothing comes while held. */
	assert_true(dt >= 1000 && dt < 20000);
	assert_int_equal(repl_role(t.c->st->env), REPL_STANDBY);
	assert_true(store_standby(t.c->st));
	assert_true(repl_held(t.c->home));
	int strict = 0;
	assert_int_equal(t.c->st->env->rep_get_config(t.c->st->env, DB_REPMGR_CONF_2SITE_STRICT, &strict), 0);
	assert_true(strict);
	assert_int_equal(user_add(t.c, admin, "grid2", NULL, "321204001001001", "grid", NULL, TL_PASSWORD, true), ZZ_EPERM);
	assert_non_null(strstr(errmsg(), "本站是备用站点（只读），不能保存：主站点未知"));
	struct todo_list l = {0};
	assert_int_equal(repl_todo(t.c, grid, 0, &l), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(repl_todo(t.c, admin, 0, &l), 0);
	assert_int_equal(l.n, 1);
	assert_non_null(strstr(l.v[0].text, "系统告警：本站重启后找不到主站点"));
	/* The system's own level, not an event's red card. */
	assert_int_equal(l.v[0].level, TODO_SYSTEM);
	todo_free(&l);
	/* Another process of the home (a command; its settings say two_site_strict = false) leaves
	 * the strict elections as they are: still held a few seconds on, they need the absent peer's
	 * vote. */
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct ctx *sub = NULL;
		int rc = ctx_load(&sub, t.conf, NULL, domain_features) == 0 && ctx_open_store(sub, 0) == 0 &&
				 store_standby(sub->st)
			     ? 0
			     : 1;
		ctx_free(&sub);
		_exit(rc);
	}
	int st = 0;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	assert_int_equal(t.c->st->env->rep_get_config(t.c->st->env, DB_REPMGR_CONF_2SITE_STRICT, &strict), 0);
	assert_true(strict);
	sleep(6);
	assert_int_equal(repl_role(t.c->st->env), REPL_STANDBY);
	assert_int_equal(repl_takeover(t.c->st->env), 1);
	int64_t end = repl_test_ms() + 15000;
	while (repl_test_ms() < end && repl_role(t.c->st->env) != REPL_PRIMARY)
		usleep(50000);
	assert_int_equal(repl_role(t.c->st->env), REPL_PRIMARY);
	assert_int_equal(repl_takeover(t.c->st->env), 0);
	repl_tick(t.c->st->env, t.c->conf, t.c->home);
	assert_false(repl_held(t.c->home));
	assert_int_equal(t.c->st->env->rep_get_config(t.c->st->env, DB_REPMGR_CONF_2SITE_STRICT, &strict), 0);
	assert_false(strict);
	assert_int_equal(repl_todo(t.c, admin, 0, &l), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(user_add(t.c, admin, "grid2", NULL, "321204001001001", "grid", NULL, TL_PASSWORD, true), 0);
	user_free(&admin);
	user_free(&grid);
	tl_close(&t);
}

/* Site B (LOCAL_B in SITES, election priority PRIO) joins the group run by this process from an
 * empty home, in a child process that stays in it until *HOLD is closed; its pid. */
static pid_t repl_peer_stay(const char *local_b, const char *sites, const char *prio, int *hold)
{
	int ready[2], wait_fd[2];
	assert_int_equal(pipe(ready), 0);
	assert_int_equal(pipe(wait_fd), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(ready[0]);
		close(wait_fd[1]);
		repl_close_inherited(-1);
		struct tl tb;
		int rc = repl_peer_open(&tb, local_b, sites, prio);
		char ok = rc ? 'n' : 'y', c;
		if (write(ready[1], &ok, 1) == 1)
			while (read(wait_fd[0], &c, 1) > 0)
				;
		tl_close(&tb);
		_exit(rc);
	}
	close(ready[1]);
	close(wait_fd[0]);
	char ok = 0;
	assert_int_equal(read(ready[0], &ok, 1), 1);
	assert_int_equal(ok, 'y');
	close(ready[0]);
	*hold = wait_fd[1];
	return pid;
}

static int repl_test_put(struct store *st, DB_TXN *txn, void *arg)
{
	(void)arg;
	int64_t now = repl_test_ms();
	return store_put(store_db(st, DBI_META), txn, "repl.test", 9, &now, sizeof now);
}

/* repl.ack_policy = "quorum" of two sites: a commit counts as acknowledged only when the standby
 * has it, whatever repl.two_site_strict and the standby's priority. Berkeley DB's quorum counts
 * the electable peers only and, with 2SITE_STRICT, needs half of them (none of one): with a
 * standby of priority 0, or two_site_strict = true, it waited for nothing, and a commit the
 * standby never received was reported as acknowledged. B_PRIO is the standby's "priority = N;". */
static void repl_ack_case(const char *b_prio, bool strict)
{
	struct tl t;
	char local[32], peer[32], sites[256];
	repl_lone_conf(&t, local, sizeof local, false, peer, sites, sizeof sites);
	/* Long enough for a loaded machine: the standby's acknowledgement is awaited, not timed. */
	repl_conf_edit(&t, "ack_timeout_ms = 200;", "ack_timeout_ms = 5000;");
	if (strict)
		repl_conf_edit(&t, "two_site_strict = false;", "two_site_strict = true;");
	tl_open_ctx(&t, false);
	assert_int_equal(repl_role(t.c->st->env), REPL_PRIMARY);
	int hold = -1;
	pid_t b = repl_peer_stay(peer, sites, b_prio, &hold);
	/* Measured first, asserted after site B is gone (a failed assertion would leave it stopped). */
	bool connected = repl_peers_connected(t.c->st->env, t.c->conf);
	/* The standby up: acknowledged (asked once more if the first answer came late). */
	int up_rc = store_run(t.c->st, repl_test_put, NULL);
	bool up_confirmed = store_confirmed(t.c->st);
	/* The standby stopped, its connection open: the commit is sent and never acknowledged. */
	unsigned long before = repl_unacked();
	kill(b, SIGSTOP);
	int stopped_rc = store_run(t.c->st, repl_test_put, NULL);
	unsigned long after = repl_unacked();
	kill(b, SIGCONT);
	close(hold);
	int st = 0;
	assert_int_equal(waitpid(b, &st, 0), b);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	assert_true(connected);
	assert_int_equal(up_rc, 0);
	assert_true(up_confirmed);
	assert_int_equal(stopped_rc, 0);
	assert_int_equal(after, before + 1);
	assert_int_equal(t.c->st->unacked, 1);
	tl_close(&t);
}

static void test_ack_standby_priority_0(void **state)
{
	(void)state;
	repl_ack_case("priority = 0;", false);
}

static void test_ack_two_site_strict(void **state)
{
	(void)state;
	repl_ack_case("priority = 50;", true);
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
		cmocka_unit_test(test_login_width),
		cmocka_unit_test(test_lone_creator),
		cmocka_unit_test(test_lone_member_restarted),
		cmocka_unit_test(test_lone_member_held),
		cmocka_unit_test(test_ack_standby_priority_0),
		cmocka_unit_test(test_ack_two_site_strict),
		cmocka_unit_test(test_close_inherited),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
