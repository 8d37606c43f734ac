/* sshd_session.c — one connection from accept to the end: key exchange, authentication within the
 * grace time and the tries, the session channel, the idle timeout and keepalives. Every limit is a
 * poll timeout of the event loop; no signal handler does any work here (CVE-2024-6387). */
#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "audit.h"
#include <errno.h>
#include "log.h"
#include "maint.h"
#include "sessions.h"
#include "sshd.h"

static const struct {
	const char *log, *audit;
} sshd_end_text[] = {
	[SSHD_END_NONE] = {"-", "-"},
	[SSHD_END_CLIENT] = {"client closed", "客户端关闭"},
	[SSHD_END_LOST] = {"connection lost", "连接中断"},
	[SSHD_END_UI] = {"UI ended", "退出系统"},
	[SSHD_END_IDLE] = {"idle timeout", "空闲超时"},
	[SSHD_END_KEEPALIVE] = {"keepalive timeout", "客户端无响应"},
	[SSHD_END_GRACE] = {"login grace time", "登录超时"},
	[SSHD_END_TRIES] = {"too many authentication failures", "认证失败次数过多"},
	[SSHD_END_REFUSED] = {"refused", "拒绝会话"},
	[SSHD_END_SIGNAL] = {"terminated by signal", "会话进程被终止"},
	[SSHD_END_MAINT] = {"maintenance mode", "系统进入维护状态"},
};

_Static_assert(sizeof(struct sshd_note) <= PIPE_BUF, "a note must be written atomically");

static volatile sig_atomic_t sshd_signalled;
static volatile sig_atomic_t sshd_db_opened; /* once set, never cleared */

static void sshd_on_signal(int sig)
{
	(void)sig;
	/* Before the database was ever opened there is nothing to close: end now, even inside the
	 * blocking key exchange (the listener drops idle connections this way to make room). */
	if (!sshd_db_opened)
		_exit(0);
	sshd_signalled = 1;
}

/* SIGTERM and friends end the session in the event loop, never in the middle of a database call
 * (a process killed while holding a Berkeley DB mutex would stop every other one); before the
 * database is first opened they end it at once. */
static void sshd_signals(void)
{
	struct sigaction sa = {.sa_handler = sshd_on_signal};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

int sshd_open_store(struct sshd_conn *k)
{
	int lock = sessions_db_lock(k->sc->run_dir);
	sshd_db_opened = 1;
	int rc = ctx_open_store(k->c, 0);
	sessions_db_unlock(lock);
	return rc;
}

void sshd_close_store(struct sshd_conn *k)
{
	if (!k->c->st)
		return;
	int lock = sessions_db_lock(k->sc->run_dir);
	store_close(&k->c->st);
	sessions_db_unlock(lock);
}

bool sshd_notify(struct sshd_conn *k, struct sshd_note *note)
{
	note->pid = getpid();
	if (k->notify_fd < 0)
		return false;
	/* The listener may be busy (many sessions ending at once): wait for room, briefly. */
	int64_t until = sshd_now_ms() + 3000;
	for (;;) {
		ssize_t w = write(k->notify_fd, note, sizeof *note);
		if (w == (ssize_t)sizeof *note)
			return true;
		if (w >= 0 || (errno != EINTR && errno != EAGAIN) || sshd_now_ms() >= until)
			return false;
		if (errno == EAGAIN) {
			struct pollfd p = {.fd = k->notify_fd, .events = POLLOUT};
			poll(&p, 1, 100);
		}
	}
}

void sshd_end(struct sshd_conn *k, enum sshd_end reason)
{
	if (!k->end_reason)
		k->end_reason = reason;
}

void sshd_audit(struct sshd_conn *k, const char *type, const char *result, const char *detail)
{
	sshd_audit_obj(k, type, "session", result, detail);
}

int sshd_audit_obj(struct sshd_conn *k, const char *type, const char *object, const char *result,
		   const char *detail)
{
	/* The store is open while authenticating; later (the UI has its own) it is opened for this. */
	bool opened = false;
	if (!k->c->st) {
		if (sshd_open_store(k) < 0) {
			log_msg(LOG_ERR, "audit %s %s: %s", type, detail, errmsg());
			return ZZ_EDB;
		}
		opened = true;
	}
	struct audit_entry e = {
		.user = k->user ? k->user->name : "-",
		.unit = k->user ? k->user->unit : "-",
		.type = type,
		.object = object,
		.result = result,
		.detail = detail,
	};
	int rc = audit_append(k->c, NULL, &e);
	if (rc < 0)
		log_msg(LOG_ERR, "audit %s %s: %s", type, detail, errmsg());
	if (opened)
		sshd_close_store(k);
	return rc;
}

/* Milliseconds since the client last sent anything (TCP_INFO), or -1 when unknown. */
static int64_t sshd_silent_ms(struct sshd_conn *k)
{
	struct tcp_info ti;
	socklen_t len = sizeof ti;
	if (getsockopt(ssh_get_fd(k->s), IPPROTO_TCP, TCP_INFO, &ti, &len) < 0)
		return -1;
	return ti.tcpi_last_data_recv;
}

/* Ask the client for a sign of life after keepalive_s of silence; after keepalive_count requests
 * without any answer the peer is gone (a dead link, a powered-off terminal). */
static void sshd_keepalive(struct sshd_conn *k, int64_t now)
{
	int64_t silent = sshd_silent_ms(k);
	int64_t every = (int64_t)k->sc->keepalive_s * 1000;
	if (silent < 0)
		return;
	if (silent < every) {
		k->keepalive_missed = 0;
		return;
	}
	if (now - k->last_keepalive < every)
		return;
	if (k->keepalive_missed >= k->sc->keepalive_count) {
		sshd_end(k, SSHD_END_KEEPALIVE);
		return;
	}
	/* keepalive@openssh.com with want-reply: the answer resets the silence. Called twice because
	 * libssh sends nothing while the previous request's answer has not been collected. */
	ssh_send_keepalive(k->s);
	ssh_send_keepalive(k->s);
	k->keepalive_missed++;
	k->last_keepalive = now;
}

static int sshd_kex(struct sshd_conn *k, ssh_bind bind, int fd, struct ssh_server_callbacks_struct *scb)
{
	/* A screen that leaves in two SSH packets must not have its second held by Nagle until the
	 * first is acknowledged: a whole round trip on a slow link (libssh sets this for clients only;
	 * OpenSSH's sshd sets it for interactive sessions). */
	int one = 1;
	if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) < 0)
		log_msg(LOG_WARNING, "TCP_NODELAY for %s: %s", k->addr, strerror(errno));
	if (ssh_bind_accept_fd(bind, k->s, fd) != SSH_OK) {
		log_msg(LOG_WARNING, "accept from %s: %s", k->addr, ssh_get_error(bind));
		return ZZ_ERR;
	}
	long timeout = k->sc->grace_s;
	ssh_options_set(k->s, SSH_OPTIONS_TIMEOUT, &timeout);
	const char *comp = k->sc->compression ? "zlib@openssh.com,none" : "none";
	ssh_options_set(k->s, SSH_OPTIONS_COMPRESSION_C_S, comp);
	ssh_options_set(k->s, SSH_OPTIONS_COMPRESSION_S_C, comp);
	if (ssh_server_init_kex(k->s) != SSH_OK) {
		log_msg(LOG_ERR, "init kex: %s", ssh_get_error(k->s));
		return ZZ_ERR;
	}
	/* Before the key exchange: the client's first requests may arrive with its last packets. */
	sshd_auth_setup(k, scb);
	/* Blocking, bounded by the session timeout set to the grace time (a poll timeout in libssh). */
	if (ssh_handle_key_exchange(k->s) != SSH_OK) {
		if (sshd_now_ms() - k->started >= (int64_t)k->sc->grace_s * 1000 - 50) {
			log_msg(LOG_NOTICE, "login grace time over for %s port %d (key exchange)", k->addr, k->port);
			sshd_auth_report(k, "-", "登录超时（密钥交换未在规定时间内完成）");
		} else {
			log_msg(LOG_INFO, "key exchange with %s port %d failed: %s", k->addr, k->port,
				ssh_get_error(k->s));
		}
		return ZZ_ERR;
	}
	return 0;
}

/* Once a second: has maintenance mode begun? Then the session ends with the reason shown (the
 * security administrator's sessions go on). */
static bool sshd_maint(struct sshd_conn *k, int64_t now)
{
	if (now < k->maint_next)
		return false;
	k->maint_next = now + 1000;
	if (maint_refuse(k->c, k->user) == 0)
		return false;
	struct maint m;
	maint_get(k->c->home, &m);
	snprintf(k->maint_msg, sizeof k->maint_msg, "原因：%s", m.reason);
	log_msg(LOG_NOTICE, "session of %s from %s port %d ended: maintenance mode", k->user->name, k->addr,
		k->port);
	sshd_end(k, SSHD_END_MAINT);
	return true;
}

/* Run the event loop until the session ends. */
static void sshd_loop(struct sshd_conn *k)
{
	int64_t grace_end = k->started + (int64_t)k->sc->grace_s * 1000;
	while (!k->end_reason) {
		if (sshd_signalled) {
			sshd_end(k, SSHD_END_SIGNAL);
			break;
		}
		int64_t now = sshd_now_ms();
		int timeout = 1000;
		if (!k->started_ui || !k->authed) {
			/* Until the UI runs (authenticated, channel, shell) the grace time applies. */
			if (now >= grace_end) {
				log_msg(LOG_NOTICE, "login grace time over for %s port %d", k->addr, k->port);
				if (k->authed)
					sshd_audit(k, "session", "refused", "登录超时（未在规定时间内完成认证）");
				else
					sshd_auth_report(k, "-", "登录超时（未在规定时间内完成认证）");
				sshd_end(k, SSHD_END_GRACE);
				break;
			}
			if (grace_end - now < timeout)
				timeout = (int)(grace_end - now);
		} else if (k->sc->idle_s > 0 && (k->master >= 0 || k->sftp)) {
			int64_t idle_end = k->last_input + (int64_t)k->sc->idle_s * 1000;
			if (now >= idle_end) {
				sshd_end(k, SSHD_END_IDLE);
				break;
			}
			if (idle_end - now < timeout)
				timeout = (int)(idle_end - now);
		}
		if (k->in.len > 0 || k->out.len > 0)
			timeout = timeout < 20 ? timeout : 20;
		if (ssh_event_dopoll(k->ev, timeout) == SSH_ERROR && !ssh_is_connected(k->s)) {
			sshd_end(k, SSHD_END_LOST);
			break;
		}
		if (!ssh_is_connected(k->s) || (ssh_get_status(k->s) & (SSH_CLOSED | SSH_CLOSED_ERROR))) {
			sshd_end(k, SSHD_END_LOST);
			break;
		}
		sshd_channel_pump(k);
		if (k->sftp) {
			sshd_sftp_pump(k);
			sshd_channel_pump(k);
		}
		if (k->started_ui && k->ui > 0 && k->master < 0 && sshd_pty_reap(k))
			sshd_end(k, SSHD_END_UI);
		if (k->authed)
			sshd_keepalive(k, sshd_now_ms());
		if (k->started_ui && k->authed && sshd_maint(k, sshd_now_ms()))
			break;
	}
}

/* The UI has ended, or must: stop it, flush its last output, tell the person why, close. */
static void sshd_finish(struct sshd_conn *k)
{
	enum sshd_end why = k->end_reason;
	bool ui_ended = why == SSHD_END_UI;
	if (k->ui > 0)
		sshd_pty_stop(k, k->sc->ui_stop_wait_s * 1000);
	if (k->master >= 0) {
		char buf[4096];
		ssize_t r;
		while ((r = read(k->master, buf, sizeof buf)) > 0)
			sshd_channel_from_ui(k, buf, (size_t)r);
		close(k->master);
		k->master = -1;
	}
	bool connected = ssh_is_connected(k->s) && k->ch && ssh_channel_is_open(k->ch);
	if (connected) {
		/* The UI's last screen first (bounded: a client that reads nothing is not waited for). */
		int64_t until = sshd_now_ms() + 2000;
		sshd_channel_pump(k);
		while (k->out.len > 0 && ssh_is_connected(k->s) && sshd_now_ms() < until) {
			ssh_event_dopoll(k->ev, 50);
			sshd_channel_pump(k);
		}
		if (why == SSHD_END_SIGNAL)
			sshd_channel_say(k, "会话已被系统结束。\r\n");
		if (why == SSHD_END_MAINT) {
			char msg[480];
			snprintf(msg, sizeof msg, "\r\n系统进入维护状态，会话已结束。%s\r\n", k->maint_msg);
			sshd_channel_say(k, msg);
		}
		if (why == SSHD_END_IDLE) {
			char msg[200];
			int n = k->sc->idle_s % 60 ? k->sc->idle_s : k->sc->idle_s / 60;
			snprintf(msg, sizeof msg, "空闲超过 %d %s，会话已结束。请重新登录。\r\n", n,
				 k->sc->idle_s % 60 ? "秒" : "分钟");
			sshd_channel_say(k, msg);
		}
		int status = k->exit_status;
		if (ui_ended)
			status = WIFEXITED(k->ui_status) ? WEXITSTATUS(k->ui_status) : 255;
		ssh_channel_request_send_exit_status(k->ch, status);
		ssh_channel_send_eof(k->ch);
		ssh_channel_close(k->ch);
		/* Let the last packets go out and the client hang up first, briefly. */
		until = sshd_now_ms() + 1000;
		while (ssh_is_connected(k->s) && sshd_now_ms() < until &&
		       !(ssh_get_status(k->s) & (SSH_CLOSED | SSH_CLOSED_ERROR)))
			ssh_event_dopoll(k->ev, 50);
	}
	if (k->s && ssh_is_connected(k->s))
		ssh_disconnect(k->s);
	sshd_sftp_stop(k);
	if (k->registered) {
		sessions_unregister(k->sc->run_dir, getpid());
		struct sshd_note note = {.kind = SSHD_NOTE_LOGOUT};
		snprintf(note.user, sizeof note.user, "%s", k->user->name);
		snprintf(note.unit, sizeof note.unit, "%s", k->user->unit);
		snprintf(note.source, sizeof note.source, "%s", k->c->source);
		snprintf(note.detail, sizeof note.detail, "会话结束：%s，时长 %lld 秒", sshd_end_text[why].audit,
			 (long long)((sshd_now_ms() - k->started) / 1000));
		if (!sshd_notify(k, &note))
			sshd_audit(k, "logout", "ok", note.detail);
	}
	log_msg(LOG_INFO, "connection from %s port %d closed (%s)%s%s", k->addr, k->port, sshd_end_text[why].log,
		k->user ? ", user " : "", k->user ? k->user->name : "");
}

int sshd_serve(struct ctx *c, const struct server_conf *sc, ssh_bind bind, int fd, const char *addr, int port,
	       int notify_fd)
{
	struct sshd_conn conn = {.c = c, .sc = sc, .port = port, .notify_fd = notify_fd, .master = -1};
	struct sshd_conn *k = &conn;
	struct ssh_server_callbacks_struct scb = {0};
	snprintf(k->addr, sizeof k->addr, "%s", addr);
	snprintf(c->source, sizeof c->source, "ssh %s:%d", addr, port);
	snprintf(c->peer, sizeof c->peer, "%s", addr);
	k->started = sshd_now_ms();
	sb_init(&k->in);
	sb_init(&k->out);
	sshd_signals();
	int status = 0;
	/* The database is opened when the client first tries to log in (sshd_auth_open), not for
	 * connections that never get that far. */
	k->s = ssh_new();
	if (!k->s || sshd_kex(k, bind, fd, &scb) < 0)
		goto out;
	ssh_set_blocking(k->s, 0);
	k->ev = ssh_event_new();
	ssh_event_add_session(k->ev, k->s);
	sshd_loop(k);
	sshd_finish(k);
	/* A UI killed by a signal may have died holding database locks: the listener runs failchk. */
	if (k->ui_status && WIFSIGNALED(k->ui_status))
		status = 3;
out:
	if (k->ev) {
		if (k->master_polled)
			ssh_event_remove_fd(k->ev, k->master);
		ssh_event_remove_session(k->ev, k->s);
		ssh_event_free(k->ev);
	}
	/* The channel belongs to the session: ssh_disconnect and ssh_free free it. */
	if (k->s)
		ssh_free(k->s);
	sshd_close_store(k);
	user_free(&k->user);
	sb_free(&k->in);
	sb_free(&k->out);
	sshd_channel_charset_end(k);
	return status;
}
