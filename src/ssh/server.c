/* server.c — the listener: accept, check the MaxStartups-like caps, fork one process per
 * connection (which drops the listener and opens its own database handle), reap children with
 * waitpid(-1, WNOHANG) in a loop, run failchk when one died abnormally, start and watch the daemon.
 * Signal handlers only write a byte to a pipe; all work happens in the poll loop. */
#include "server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include "hostkey.h"
#include "log.h"
#include "repl.h"
#include "sdnotify.h"
#include "server_conf.h"
#include "server_limits.h"
#include "sessions.h"
#include "sshd.h"

struct server {
	struct ctx *c;
	const struct server_opts *o;
	struct server_conf sc;
	ssh_bind bind;
	int lfd;
	int notify[2]; /* children write their pid here when they have logged in */
	struct startups st;
	char *pidfile;
	int pidfd;
	bool pid_held;  /* the pid file is ours (locked): a refused start removes it */
	bool run_made;  /* run_dir made by this start: a refused start removes it when empty */
	int ready_fd;   /* in the background: tells the waiting parent whether the start succeeded */
	pid_t daemon_pid;
	int64_t daemon_next, daemon_started;
	int daemon_backoff;
	bool daemon_absent; /* this binary has no `daemon` subcommand */
	bool failchk_due;   /* a child died abnormally: run failchk once after reaping */
	int64_t audit_window;
	int audit_count, refused_unaudited;
	struct addrfails fails; /* failed logins per source address, as the children report them */
};

static int server_sigpipe[2] = {-1, -1};
static volatile sig_atomic_t server_stopping, server_takeover_asked;

static void server_on_signal(int sig)
{
	int saved = errno;
	if (sig == SIGTERM || sig == SIGINT)
		server_stopping = 1;
	if (sig == SIGUSR1)
		server_takeover_asked = 1;
	unsigned char b = (unsigned char)sig;
	ssize_t w = write(server_sigpipe[1], &b, 1);
	(void)w;
	errno = saved;
}

static int64_t server_now(void)
{
	return (int64_t)time(NULL);
}

static int server_signals(void)
{
	if (pipe2(server_sigpipe, O_CLOEXEC | O_NONBLOCK) < 0)
		return errmsg_set(ZZ_ERR, "pipe: %s", strerror(errno));
	struct sigaction sa = {.sa_handler = server_on_signal, .sa_flags = SA_RESTART};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGCHLD, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

/* The pid file is locked (flock) for the listener's life: a stale file is never mistaken for a
 * running listener. */
static int server_pidfile_open(struct server *sv)
{
	sv->run_made = mkdir(sv->sc.run_dir, 0700) == 0;
	sv->pidfile = xasprintf("%s/serve.pid", sv->sc.run_dir);
	sv->pidfd = open(sv->pidfile, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (sv->pidfd < 0)
		return errmsg_set(ZZ_ERR, "无法打开 pid 文件 %s：%s", sv->pidfile, strerror(errno));
	if (flock(sv->pidfd, LOCK_EX | LOCK_NB) < 0) {
		char buf[32] = "";
		ssize_t r = pread(sv->pidfd, buf, sizeof buf - 1, 0);
		buf[r > 0 ? r : 0] = '\0';
		buf[strcspn(buf, "\n")] = '\0';
		return errmsg_set(ZZ_EEXIST, "服务已在运行（pid %s，pid 文件 %s）；先运行 zongzhi serve --stop",
				  buf[0] ? buf : "?", sv->pidfile);
	}
	sv->pid_held = true;
	return 0;
}

/* A refused start leaves nothing behind: its pid file (never another listener's) and the run
 * directory it made. */
static void server_pidfile_drop(struct server *sv)
{
	if (sv->pid_held)
		unlink(sv->pidfile);
	if (sv->run_made)
		rmdir(sv->sc.run_dir);
}

static void server_pidfile_write(struct server *sv)
{
	char buf[32];
	int n = snprintf(buf, sizeof buf, "%d\n", (int)getpid());
	if (ftruncate(sv->pidfd, 0) < 0 || pwrite(sv->pidfd, buf, (size_t)n, 0) != n)
		log_msg(LOG_WARNING, "pid file %s: %s", sv->pidfile, strerror(errno));
}

static int server_bind_opt(ssh_bind b, enum ssh_bind_options_e opt, const void *v, const char *name)
{
	if (ssh_bind_options_set(b, opt, v) != SSH_OK)
		return errmsg_set(ZZ_EINVAL, "设置 server.%s 无效：%s", name, ssh_get_error(b));
	return 0;
}

static int server_hostkeys(struct server *sv)
{
	static const struct {
		enum ssh_keytypes_e type;
		int bits;
	} kinds[] = {{SSH_KEYTYPE_ED25519, 0}, {SSH_KEYTYPE_RSA, 3072}};
	const char *paths[] = {sv->sc.hostkey_ed25519, sv->sc.hostkey_rsa};
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++) {
		ssh_key key = NULL;
		int rc = hostkey_load(paths[i], kinds[i].type, kinds[i].bits, &key);
		if (rc < 0)
			return rc;
		char *fp = hostkey_fingerprint(key);
		log_msg(LOG_INFO, "host key %s %s", paths[i], fp);
		free(fp);
		/* The bind owns the key from here on. */
		if (ssh_bind_options_set(sv->bind, SSH_BIND_OPTIONS_IMPORT_KEY, key) != SSH_OK) {
			ssh_key_free(key);
			return errmsg_set(ZZ_ERR, "无法使用主机密钥 %s：%s", paths[i], ssh_get_error(sv->bind));
		}
	}
	return 0;
}

static int server_bind_setup(struct server *sv)
{
	sv->bind = ssh_bind_new();
	if (!sv->bind)
		return errmsg_set(ZZ_ERR, "ssh_bind_new 失败");
	bool no = false;
	int quiet = SSH_LOG_NOLOG, minbits = sv->sc.rsa_min_bits;
	/* Our settings only: never /etc/ssh/libssh_server_config. */
	int rc = server_bind_opt(sv->bind, SSH_BIND_OPTIONS_PROCESS_CONFIG, &no, "process_config");
	if (rc == 0)
		rc = server_bind_opt(sv->bind, SSH_BIND_OPTIONS_LOG_VERBOSITY, &quiet, "log_verbosity");
	/* "SSH-2.0-zongzhi": the library and its version are nobody's business before login. */
	if (rc == 0)
		rc = server_bind_opt(sv->bind, SSH_BIND_OPTIONS_BANNER, "zongzhi", "banner");
	if (rc == 0)
		rc = server_hostkeys(sv);
	if (rc == 0)
		rc = server_bind_opt(sv->bind, SSH_BIND_OPTIONS_KEY_EXCHANGE, sv->sc.kex, "kex");
	if (rc == 0)
		rc = server_bind_opt(sv->bind, SSH_BIND_OPTIONS_CIPHERS_C_S, sv->sc.ciphers, "ciphers");
	if (rc == 0)
		rc = server_bind_opt(sv->bind, SSH_BIND_OPTIONS_CIPHERS_S_C, sv->sc.ciphers, "ciphers");
	if (rc == 0)
		rc = server_bind_opt(sv->bind, SSH_BIND_OPTIONS_HMAC_C_S, sv->sc.macs, "macs");
	if (rc == 0)
		rc = server_bind_opt(sv->bind, SSH_BIND_OPTIONS_HMAC_S_C, sv->sc.macs, "macs");
	if (rc == 0)
		rc = server_bind_opt(sv->bind, SSH_BIND_OPTIONS_HOSTKEY_ALGORITHMS, sv->sc.hostkey_algs,
				     "hostkey_algorithms");
	if (rc == 0)
		rc = server_bind_opt(sv->bind, SSH_BIND_OPTIONS_PUBKEY_ACCEPTED_KEY_TYPES, sv->sc.pubkey_algs,
				     "pubkey_algorithms");
	if (rc == 0)
		rc = server_bind_opt(sv->bind, SSH_BIND_OPTIONS_RSA_MIN_SIZE, &minbits, "rsa_min_bits");
	return rc;
}

static int server_listen(struct server *sv)
{
	bool v6 = strchr(sv->sc.addr, ':') != NULL;
	struct sockaddr_storage ss = {0};
	socklen_t len;
	if (v6) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)sv->sc.port);
		inet_pton(AF_INET6, sv->sc.addr, &a->sin6_addr);
		len = sizeof *a;
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)&ss;
		a->sin_family = AF_INET;
		a->sin_port = htons((uint16_t)sv->sc.port);
		inet_pton(AF_INET, sv->sc.addr, &a->sin_addr);
		len = sizeof *a;
	}
	sv->lfd = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (sv->lfd < 0)
		return errmsg_set(ZZ_ERR, "socket: %s", strerror(errno));
	int one = 1;
	setsockopt(sv->lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(sv->lfd, (struct sockaddr *)&ss, len) < 0 || listen(sv->lfd, 128) < 0)
		return errmsg_set(ZZ_ERR, "无法监听 %s 端口 %d：%s", sv->sc.addr, sv->sc.port, strerror(errno));
	return 0;
}

/* The parent of server_daemonize: wait for the child to say whether it started (its opening of
 * the database can refuse, e.g. a home still to migrate), and end with that. */
static void server_daemon_wait(struct server *sv, pid_t pid, int fd)
{
	char msg[1024];
	size_t n = 0;
	ssize_t r;
	while (n < sizeof msg - 1 && ((r = read(fd, msg + n, sizeof msg - 1 - n)) > 0 || (r < 0 && errno == EINTR)))
		n += r > 0 ? (size_t)r : 0;
	msg[n] = '\0';
	if (n > 0 && msg[0] == '0') {
		printf("zongzhi serve 已在后台启动（pid %d），监听 %s 端口 %d；停止：zongzhi serve --stop\n", (int)pid,
		       sv->sc.addr, sv->sc.port);
		fflush(stdout);
		_exit(0);
	}
	if (n > 1)
		fprintf(stderr, "zongzhi: %s\n", msg + 1);
	else
		fprintf(stderr, "zongzhi: zongzhi serve 没有启动（后台进程 %d 意外结束，见服务日志 %s）\n", (int)pid,
			sv->sc.log);
	_exit(1);
}

/* Tell the waiting parent (in the background) how the start ended: '0', or '1' and the reason. */
static void server_daemon_ready(struct server *sv, int rc)
{
	if (sv->ready_fd < 0)
		return;
	char *msg = rc < 0 ? xasprintf("1%s", errmsg()) : xstrdup("0");
	ssize_t w = write(sv->ready_fd, msg, strlen(msg));
	(void)w;
	free(msg);
	close(sv->ready_fd);
	sv->ready_fd = -1;
}

/* Detach from the terminal: the parent returns to the shell once the child is ready (or refused). */
static int server_daemonize(struct server *sv)
{
	int ready[2];
	if (pipe2(ready, O_CLOEXEC) < 0)
		return errmsg_set(ZZ_ERR, "pipe: %s", strerror(errno));
	pid_t pid = fork();
	if (pid < 0) {
		close(ready[0]);
		close(ready[1]);
		return errmsg_set(ZZ_ERR, "fork: %s", strerror(errno));
	}
	if (pid > 0) {
		close(ready[1]);
		server_daemon_wait(sv, pid, ready[0]);
	}
	close(ready[0]);
	sv->ready_fd = ready[1];
	setsid();
	int nul = open("/dev/null", O_RDWR);
	if (nul >= 0) {
		dup2(nul, STDIN_FILENO);
		dup2(nul, STDOUT_FILENO);
		if (log_fd() >= 0)
			dup2(log_fd(), STDERR_FILENO);
		else
			dup2(nul, STDERR_FILENO);
		if (nul > STDERR_FILENO)
			close(nul);
	}
	return 0;
}

/* Audit a refused connection, at most audit_refused_per_min a minute (a flood must not fill the
 * audit log); the rest are counted in the log. */
static void server_audit_refused(struct server *sv, const char *addr, int port, const char *why)
{
	int64_t now = server_now();
	if (now - sv->audit_window >= 60) {
		if (sv->refused_unaudited > 0)
			log_msg(LOG_WARNING, "%d refused connections not written to the log or the audit log in the last minute",
				sv->refused_unaudited);
		sv->audit_window = now;
		sv->audit_count = 0;
		sv->refused_unaudited = 0;
	}
	if (sv->audit_count >= sv->sc.audit_refused_per_min) {
		sv->refused_unaudited++;
		return;
	}
	sv->audit_count++;
	log_msg(LOG_WARNING, "refused connection from %s port %d: %s", addr, port, why);
	snprintf(sv->c->source, sizeof sv->c->source, "ssh %s:%d", addr, port);
	struct audit_entry e = {.user = "-", .unit = "-", .type = "connect", .object = "session",
				.result = "refused", .detail = why};
	if (audit_append(sv->c, NULL, &e) < 0)
		log_msg(LOG_ERR, "audit: %s", errmsg());
	snprintf(sv->c->source, sizeof sv->c->source, "ssh listener");
}

/* In the child: drop everything of the listener, open our own store, serve, exit. */
static void server_child(struct server *sv, int fd, const char *addr, int port)
{
	static const int sigs[] = {SIGTERM, SIGINT, SIGCHLD, SIGHUP, SIGUSR1};
	for (size_t i = 0; i < ARRAY_LEN(sigs); i++)
		signal(sigs[i], SIG_DFL);
	close(sv->lfd);
	close(server_sigpipe[0]);
	close(server_sigpipe[1]);
	close(sv->notify[0]);
	close(sv->pidfd);
	/* The replication manager's connections stay the listener's: a primary killed must be seen to
	 * close them while its sessions live on. */
	if (repl_enabled(sv->c->conf))
		repl_close_inherited(fd);
	/* The listener's database handle stays behind untouched (never used or closed here: closing
	 * it would change the environment's shared state); this process opens its own. */
	struct ctx *c = xmalloc(sizeof *c);
	*c = *sv->c;
	c->st = NULL;
	c->units = NULL;
	int status = sshd_serve(c, &sv->sc, sv->bind, fd, addr, port, sv->notify[1]);
	_exit(status);
}

static void server_accept(struct server *sv)
{
	for (int i = 0; i < 64; i++) {
		struct sockaddr_storage ss;
		socklen_t len = sizeof ss;
		int fd = accept4(sv->lfd, (struct sockaddr *)&ss, &len, SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno != EAGAIN && errno != EINTR && errno != ECONNABORTED)
				log_msg(LOG_ERR, "accept: %s", strerror(errno));
			return;
		}
		char addr[64] = "?";
		int port = 0;
		if (ss.ss_family == AF_INET) {
			struct sockaddr_in *a = (struct sockaddr_in *)&ss;
			inet_ntop(AF_INET, &a->sin_addr, addr, sizeof addr);
			port = ntohs(a->sin_port);
		} else if (ss.ss_family == AF_INET6) {
			struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
			inet_ntop(AF_INET6, &a->sin6_addr, addr, sizeof addr);
			port = ntohs(a->sin6_port);
		}
		enum startups_verdict v = addrfails_blocked(&sv->fails, addr, server_now())
						  ? STARTUPS_FAILS
						  : startups_admit(&sv->st, addr, arc4random_uniform(100));
		pid_t victim = v == STARTUPS_FULL || v == STARTUPS_RANDOM ? startups_victim(&sv->st, addr) : 0;
		if (victim > 0) {
			/* A process still in the key exchange has no database open and ends at once. */
			log_msg(LOG_INFO, "unauthenticated connection of pid %d dropped to make room for %s", (int)victim,
				addr);
			kill(victim, SIGTERM);
			startups_evict(&sv->st, victim);
			v = STARTUPS_OK;
		}
		if (v != STARTUPS_OK) {
			char why[160];
			snprintf(why, sizeof why, "拒绝连接：%s（%d 个未认证）", startups_verdict_text(v),
				 startups_unauth(&sv->st, NULL));
			close(fd);
			server_audit_refused(sv, addr, port, why);
			continue;
		}
		pid_t pid = fork();
		if (pid < 0) {
			log_msg(LOG_ERR, "fork: %s", strerror(errno));
			close(fd);
			continue;
		}
		if (pid == 0)
			server_child(sv, fd, addr, port);
		close(fd);
		startups_add(&sv->st, pid, addr);
		log_msg(LOG_INFO, "connection from %s port %d: pid %d", addr, port, (int)pid);
	}
}

/* The ends of sessions, audited for their processes (which have no database handle by then), and
 * failed logins (within the per-address cap): all that arrived together in one transaction, so
 * that a burst costs one log flush. */
struct server_logouts {
	struct ctx *c;
	struct sshd_note *v;
	int n;
};

static int server_audit_logouts(struct store *st, DB_TXN *txn, void *arg)
{
	struct server_logouts *l = arg;
	(void)st;
	int rc = 0;
	for (int i = 0; i < l->n && rc == 0; i++) {
		struct sshd_note *n = &l->v[i];
		snprintf(l->c->source, sizeof l->c->source, "%s", n->source);
		bool failed = n->kind == SSHD_NOTE_FAILED;
		struct audit_entry e = {.user = n->user, .unit = n->unit, .type = failed ? "login_fail" : "logout",
					.object = "session", .result = failed ? "refused" : "ok", .detail = n->detail};
		rc = audit_append(l->c, txn, &e);
	}
	snprintf(l->c->source, sizeof l->c->source, "ssh listener");
	return rc;
}

static void server_notified(struct server *sv)
{
	enum { BATCH = 64 };
	struct sshd_note notes[BATCH], logouts[BATCH];
	ssize_t r;
	while ((r = read(sv->notify[0], notes, sizeof notes)) > 0) {
		int nl = 0;
		for (size_t i = 0; i < (size_t)r / sizeof notes[0]; i++) {
			struct sshd_note *n = &notes[i];
			if (n->kind == SSHD_NOTE_AUTHED) {
				startups_authed(&sv->st, n->pid);
			} else if (n->kind == SSHD_NOTE_LOGOUT || n->kind == SSHD_NOTE_FAILED) {
				n->user[sizeof n->user - 1] = n->unit[sizeof n->unit - 1] = '\0';
				n->source[sizeof n->source - 1] = n->detail[sizeof n->detail - 1] = '\0';
				n->addr[sizeof n->addr - 1] = '\0';
				if (n->kind == SSHD_NOTE_LOGOUT || addrfails_note(&sv->fails, n->addr, server_now()))
					logouts[nl++] = *n;
			}
		}
		struct server_logouts l = {.c = sv->c, .v = logouts, .n = nl};
		/* A standby site writes no database: each entry goes to the log (audit_append). */
		bool standby = store_standby(sv->c->st);
		if (nl > 0 && (standby ? server_audit_logouts(sv->c->st, NULL, &l)
				       : store_run(sv->c->st, server_audit_logouts, &l)) < 0)
			log_msg(LOG_ERR, "audit of %d session ends: %s", nl, errmsg());
	}
}

/* One audit entry for the failed logins of ADDR not audited one by one in the last minute. */
static void server_audit_fail_summary(const char *addr, int unaudited, void *arg)
{
	struct server *sv = arg;
	char detail[200];
	snprintf(detail, sizeof detail, "另有 %d 次登录失败未逐条记录（每个地址每分钟逐条记录 %d 次）", unaudited,
		 sv->sc.audit_failed_per_addr_min);
	log_msg(LOG_WARNING, "%d more failed logins from %s in the last minute", unaudited, addr);
	snprintf(sv->c->source, sizeof sv->c->source, "ssh %s", addr);
	struct audit_entry e = {.user = "-", .unit = "-", .type = "login_fail", .object = "session",
				.result = "refused", .detail = detail};
	if (audit_append(sv->c, NULL, &e) < 0)
		log_msg(LOG_ERR, "audit: %s", errmsg());
	snprintf(sv->c->source, sizeof sv->c->source, "ssh listener");
}

static void server_start_daemon(struct server *sv)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0) {
		log_msg(LOG_ERR, "cannot find own executable: %s", strerror(errno));
		sv->daemon_next = server_now() + 60;
		return;
	}
	exe[n] = '\0';
	pid_t pid = fork();
	if (pid < 0) {
		log_msg(LOG_ERR, "fork daemon: %s", strerror(errno));
		sv->daemon_next = server_now() + 10;
		return;
	}
	if (pid == 0) {
		static const int sigs[] = {SIGTERM, SIGINT, SIGCHLD, SIGHUP, SIGUSR1, SIGPIPE};
		for (size_t i = 0; i < ARRAY_LEN(sigs); i++)
			signal(sigs[i], SIG_DFL);
		/* The daemon ends with the listener that watches it. */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (log_fd() >= 0) {
			dup2(log_fd(), STDOUT_FILENO);
			dup2(log_fd(), STDERR_FILENO);
		}
		if (repl_enabled(sv->c->conf))
			repl_close_inherited(-1);
		char *argv[] = {exe, "-c", sv->c->conf->path, "--home", sv->c->home, "daemon", NULL};
		execv(exe, argv);
		_exit(127);
	}
	sv->daemon_pid = pid;
	sv->daemon_started = server_now();
	log_msg(LOG_INFO, "started zongzhi daemon, pid %d", (int)pid);
}

static void server_reap(struct server *sv)
{
	int st;
	pid_t pid;
	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		bool abnormal = WIFSIGNALED(st) || (WIFEXITED(st) && WEXITSTATUS(st) != 0);
		if (pid == sv->daemon_pid) {
			sv->daemon_pid = 0;
			/* Status 2 is the command line's usage error: no such subcommand in this build. */
			if (WIFEXITED(st) && WEXITSTATUS(st) == 2 && !server_stopping) {
				log_msg(LOG_NOTICE, "this zongzhi has no `daemon` subcommand: not starting the daemon");
				sv->daemon_absent = true;
				continue;
			}
			/* Back off when it dies at once (a broken setting), up to ten minutes. */
			bool quick = server_now() - sv->daemon_started < 60;
			sv->daemon_backoff = quick ? (sv->daemon_backoff ? sv->daemon_backoff * 2 : 5) : 5;
			if (sv->daemon_backoff > 600)
				sv->daemon_backoff = 600;
			sv->daemon_next = server_now() + sv->daemon_backoff;
			log_msg(abnormal && !server_stopping ? LOG_ERR : LOG_INFO,
				"zongzhi daemon (pid %d) ended with %s %d; restart in %d s", (int)pid,
				WIFSIGNALED(st) ? "signal" : "status", WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st),
				sv->daemon_backoff);
			if (WIFSIGNALED(st))
				sv->failchk_due = true;
			continue;
		}
		/* Told to go to make room and ended by that SIGTERM itself: it had not yet set its handler,
		 * which comes before any database is opened, so it held nothing (seen under load: a child
		 * dropped right after its fork). */
		bool unstarted = startups_evicted(&sv->st, pid) && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM;
		bool ours = startups_remove(&sv->st, pid);
		if (!abnormal || unstarted)
			continue;
		/* A session (or, as subreaper, an orphaned UI) died abnormally: release whatever it held in
		 * the database without stopping anyone else. */
		log_msg(LOG_WARNING, "%s %d ended with %s %d; running failchk", ours ? "session process" : "process",
			(int)pid, WIFSIGNALED(st) ? "signal" : "status",
			WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
		sv->failchk_due = true;
	}
	if (sv->failchk_due) {
		sv->failchk_due = false;
		int lock = sessions_db_lock(sv->sc.run_dir);
		/* If it died inside Berkeley DB, failchk finds the environment dead: the listener's
		 * handle is opened anew (the next opener recovers), and says so. */
		if (store_failchk(sv->c->st) < 0)
			log_msg(LOG_ERR, "failchk: %s", errmsg());
		if (atomic_load(&sv->c->st->stale)) {
			log_msg(LOG_WARNING, "the database environment died with it: opening it anew");
			store_revive(sv->c->st);
		}
		sessions_db_unlock(lock);
	}
}

static void server_stop_daemon(struct server *sv)
{
	if (sv->daemon_pid <= 0)
		return;
	kill(sv->daemon_pid, SIGTERM);
	for (int i = 0; i < 100; i++) {
		if (waitpid(sv->daemon_pid, NULL, WNOHANG) == sv->daemon_pid) {
			sv->daemon_pid = 0;
			return;
		}
		usleep(100000);
	}
	kill(sv->daemon_pid, SIGKILL);
	waitpid(sv->daemon_pid, NULL, 0);
	sv->daemon_pid = 0;
}

static void server_loop(struct server *sv)
{
	while (!server_stopping) {
		struct pollfd p[3] = {
			{.fd = sv->lfd, .events = POLLIN},
			{.fd = sv->notify[0], .events = POLLIN},
			{.fd = server_sigpipe[0], .events = POLLIN},
		};
		int timeout = 1000;
		if (poll(p, 3, timeout) < 0 && errno != EINTR) {
			log_msg(LOG_ERR, "poll: %s", strerror(errno));
			sleep(1);
		}
		unsigned char sigs[64];
		while (read(server_sigpipe[0], sigs, sizeof sigs) > 0)
			;
		server_reap(sv);
		server_notified(sv);
		addrfails_sweep(&sv->fails, server_now(), server_audit_fail_summary, sv);
		if (server_stopping)
			break;
		/* The replication manager runs in this process: a takeover asked by `zongzhi repl
		 * takeover` (SIGUSR1, after its permission check) is held here. */
		if (sv->c->st && sv->c->st->repl) {
			if (server_takeover_asked) {
				server_takeover_asked = 0;
				repl_takeover(sv->c->st->env);
			}
			repl_tick(sv->c->st->env, sv->c->conf, sv->c->home);
		}
		if (p[0].revents & POLLIN)
			server_accept(sv);
		if (sv->sc.start_daemon && !sv->daemon_absent && sv->daemon_pid == 0 && server_now() >= sv->daemon_next)
			server_start_daemon(sv);
	}
}

static void server_free(struct server *sv)
{
	if (sv->lfd >= 0)
		close(sv->lfd);
	for (int i = 0; i < 2; i++)
		if (sv->notify[i] >= 0)
			close(sv->notify[i]);
	if (sv->bind)
		ssh_bind_free(sv->bind);
	startups_free(&sv->st);
	addrfails_free(&sv->fails);
	if (sv->pidfd >= 0)
		close(sv->pidfd);
	free(sv->pidfile);
	server_conf_free(&sv->sc);
}

int server_run(struct ctx *c, const struct server_opts *o)
{
	struct server sv = {.c = c, .o = o, .lfd = -1, .notify = {-1, -1}, .pidfd = -1, .ready_fd = -1};
	/* One malloc arena, inherited by every session and UI process: the store's watchdog thread
	 * would otherwise get an arena of its own, private pages in each of thousands of processes. */
	mallopt(M_ARENA_MAX, 1);
	/* A fixed threshold: large blocks are mapped and given back when freed. Glibc's moving one
	 * kept in the heap, as dirty pages of each UI process, the tables Berkeley DB allocates for the
	 * periodic pass (sized by lockers: megabytes at 2,000 sessions). */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
	snprintf(c->source, sizeof c->source, "ssh listener");
	/* A home that cannot be opened is refused before anything is made for it (pid file, log). */
	bool creator;
	int rc = store_home_check(c->home, c->conf, 0, &creator);
	if (rc == 0)
		rc = server_conf_load(&sv.sc, c->conf, c->home, o->listen);
	if (rc == 0)
		rc = log_open(sv.sc.log);
	if (rc == 0)
		rc = server_pidfile_open(&sv);
	if (rc == 0)
		rc = server_bind_setup(&sv);
	if (rc == 0)
		rc = server_listen(&sv);
	if (rc == 0 && pipe2(sv.notify, O_CLOEXEC | O_NONBLOCK) < 0)
		rc = errmsg_set(ZZ_ERR, "pipe: %s", strerror(errno));
	/* Room for the notes of a burst of logins and logouts (the default 64 KiB holds ~140). */
	if (rc == 0)
		fcntl(sv.notify[0], F_SETPIPE_SZ, 1024 * 1024);
	if (rc == 0)
		rc = server_signals();
	if (rc == 0 && !o->foreground)
		rc = server_daemonize(&sv);
	/* The listener's own handle, opened after the fork to the background: used for failchk and
	 * the audit of refused connections, never by a child. */
	if (rc == 0)
		rc = ctx_open_store(c, 0);
	if (rc < 0) {
		server_pidfile_drop(&sv);
		server_daemon_ready(&sv, rc);
		server_free(&sv);
		return rc;
	}
	server_pidfile_write(&sv);
	server_daemon_ready(&sv, 0);
	startups_init(&sv.st, sv.sc.startups_begin, sv.sc.startups_rate, sv.sc.startups_full,
		      sv.sc.per_source_startups);
	addrfails_init(&sv.fails, sv.sc.addr_fail_max, sv.sc.addr_fail_window_s, sv.sc.audit_failed_per_addr_min);
	/* Orphaned UI processes (their session process killed) come to us to be reaped. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	log_msg(LOG_INFO, "listening on %s port %d (pid %d)", sv.sc.addr, sv.sc.port, (int)getpid());
	if (sdnotify_ready() < 0)
		log_msg(LOG_ERR, "%s", errmsg());
	if (sv.sc.start_daemon)
		server_start_daemon(&sv);
	server_loop(&sv);
	log_msg(LOG_INFO, "stopping: sessions in progress go on");
	close(sv.lfd);
	sv.lfd = -1;
	server_stop_daemon(&sv);
	unlink(sv.pidfile);
	server_free(&sv);
	return 0;
}

/* The running listener of C's settings: its pid into *PID and the pid file open (locked by the
 * listener) into *FD, or an error. */
static int server_running(struct ctx *c, int *fd, long long *pid)
{
	struct server_conf sc;
	bool creator;
	int rc = store_home_check(c->home, c->conf, 0, &creator);
	if (rc == 0)
		rc = server_conf_load(&sc, c->conf, c->home, NULL);
	if (rc < 0)
		return rc;
	char *path = xasprintf("%s/serve.pid", sc.run_dir);
	server_conf_free(&sc);
	*fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0) {
		rc = errmsg_set(ZZ_ENOENT, "服务没有运行（没有 pid 文件 %s）", path);
		free(path);
		return rc;
	}
	if (flock(*fd, LOCK_SH | LOCK_NB) == 0) {
		close(*fd);
		unlink(path);
		rc = errmsg_set(ZZ_ENOENT, "服务没有运行（已删除过期的 pid 文件 %s）", path);
		free(path);
		return rc;
	}
	char buf[32] = "";
	ssize_t r = read(*fd, buf, sizeof buf - 1);
	buf[r > 0 ? r : 0] = '\0';
	*pid = 0;
	buf[strcspn(buf, "\n")] = '\0';
	if (str_to_ll(buf, pid) < 0 || *pid <= 1) {
		close(*fd);
		rc = errmsg_set(ZZ_ERR, "pid 文件 %s 的内容不对", path);
		free(path);
		return rc;
	}
	free(path);
	return 0;
}

int server_stop(struct ctx *c)
{
	int fd;
	long long pid;
	int rc = server_running(c, &fd, &pid);
	if (rc < 0)
		return rc;
	if (kill((pid_t)pid, SIGTERM) < 0) {
		close(fd);
		return errmsg_set(ZZ_ERR, "无法停止 pid %lld：%s", pid, strerror(errno));
	}
	/* Stopped when its lock on the pid file is gone (it stops the daemon first). */
	rc = errmsg_set(ZZ_ERR, "服务（pid %lld）在 20 秒内没有停止", pid);
	for (int i = 0; i < 200; i++) {
		if (flock(fd, LOCK_SH | LOCK_NB) == 0) {
			rc = 0;
			break;
		}
		usleep(100000);
	}
	close(fd);
	return rc;
}

int server_log_join(struct ctx *c)
{
	struct server_conf sc;
	int rc = server_conf_load(&sc, c->conf, c->home, NULL);
	if (rc < 0)
		return rc;
	rc = log_join(sc.log);
	server_conf_free(&sc);
	return rc;
}

int server_takeover(struct ctx *c)
{
	int fd;
	long long pid;
	int rc = server_running(c, &fd, &pid);
	if (rc < 0)
		return rc;
	if (kill((pid_t)pid, SIGUSR1) < 0)
		rc = errmsg_set(ZZ_ERR, "无法通知服务（pid %lld）：%s", pid, strerror(errno));
	close(fd);
	return rc;
}
