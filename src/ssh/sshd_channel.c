/* sshd_channel.c — the one session channel of a connection: pty-req, window-change, shell, and the
 * relay between the channel and the UI's pseudo-terminal; or the sftp subsystem (sshd_sftp.c).
 * Everything else is refused. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "maint.h"
#include "sessions.h"
#include "sshd.h"

enum { SSHD_BUF_MAX = 64 * 1024, SSHD_READ = 16 * 1024, SSHD_GATHER_MS = 2, SSHD_GATHER_MAX_MS = 20 };

static struct ssh_channel_callbacks_struct sshd_channel_cb;

/* Write TEXT (UTF-8) to the channel at once, in the terminal's character set. */
static void sshd_channel_text(struct sshd_conn *k, const char *text, bool to_stderr)
{
	struct sb sb;
	sb_init(&sb);
	struct termconv tc;
	/* A converter that cannot be had still lets the refusal be read (in UTF-8), not lost. */
	if (k->charset && termconv_open_out(&tc, k->charset) == 0) {
		termconv_feed(&tc, text, strlen(text), &sb);
		termconv_close(&tc);
	} else {
		sb_adds(&sb, text);
	}
	if (to_stderr)
		ssh_channel_write_stderr(k->ch, sb.buf, (uint32_t)sb.len);
	else
		ssh_channel_write(k->ch, sb.buf, (uint32_t)sb.len);
	sb_free(&sb);
}

/* The client's locale names its terminal's character set: LC_ALL, then LC_CTYPE, then LANG, as
 * for any program. GB18030 (or GBK) is converted; anything else is served in UTF-8. */
static void sshd_charset_start(struct sshd_conn *k)
{
	const char *locale = NULL;
	for (int i = 0; i < 3 && !locale; i++)
		if (k->env_locale[i][0])
			locale = k->env_locale[i];
	const char *cs = termconv_charset(locale);
	if (!cs)
		return;
	if (termconv_open_out(&k->conv_out, cs) < 0 || termconv_open_in(&k->conv_in, cs) < 0) {
		log_msg(LOG_WARNING, "session of %s: no conversion to %s: %s", k->user->name, cs, errmsg());
		termconv_close(&k->conv_out);
		return;
	}
	k->charset = cs;
	log_msg(LOG_INFO, "session of %s from %s port %d: terminal in %s", k->user->name, k->addr, k->port, cs);
}

void sshd_channel_charset_end(struct sshd_conn *k)
{
	if (!k->charset)
		return;
	termconv_close(&k->conv_out);
	termconv_close(&k->conv_in);
	k->charset = NULL;
}

void sshd_channel_from_ui(struct sshd_conn *k, const char *buf, size_t n)
{
	if (k->charset)
		termconv_feed(&k->conv_out, buf, n, &k->out);
	else
		sb_add(&k->out, buf, n);
}

/* A person may give any TERM; keep it only when it is a plain terminal name. */
static void sshd_term_set(struct sshd_conn *k, const char *term)
{
	bool ok = term && term[0] && strlen(term) < sizeof k->term;
	for (const char *p = term; ok && *p; p++)
		ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		     strchr("-_.+", *p);
	snprintf(k->term, sizeof k->term, "%s", ok ? term : "xterm");
}

static void sshd_size_set(struct sshd_conn *k, int cols, int rows, int pxw, int pxh)
{
	/* Clamp to what a terminal can be; a window of 0x0 would break the UI's layout. */
	k->ws.ws_col = (unsigned short)(cols < 1 ? 80 : cols > 1000 ? 1000 : cols);
	k->ws.ws_row = (unsigned short)(rows < 1 ? 24 : rows > 1000 ? 1000 : rows);
	k->ws.ws_xpixel = (unsigned short)(pxw < 0 || pxw > 65535 ? 0 : pxw);
	k->ws.ws_ypixel = (unsigned short)(pxh < 0 || pxh > 65535 ? 0 : pxh);
}

static int sshd_on_pty(ssh_session s, ssh_channel ch, const char *term, int cols, int rows, int pxw, int pxh,
		       void *userdata)
{
	struct sshd_conn *k = userdata;
	(void)s;
	(void)ch;
	if (k->started_ui)
		return SSH_ERROR;
	k->pty = true;
	sshd_term_set(k, term);
	sshd_size_set(k, cols, rows, pxw, pxh);
	return SSH_OK;
}

static int sshd_on_resize(ssh_session s, ssh_channel ch, int cols, int rows, int pxw, int pxh, void *userdata)
{
	struct sshd_conn *k = userdata;
	(void)s;
	(void)ch;
	if (!k->pty)
		return SSH_ERROR;
	sshd_size_set(k, cols, rows, pxw, pxh);
	/* The kernel sends SIGWINCH to the UI, which redraws at the new size. */
	if (k->master >= 0 && ioctl(k->master, TIOCSWINSZ, &k->ws) < 0)
		log_msg(LOG_WARNING, "TIOCSWINSZ: %s", strerror(errno));
	return SSH_OK;
}

/* Refuse the channel's use with MSG shown to the person, and end the connection. */
static void sshd_refuse(struct sshd_conn *k, const char *msg, const char *reason)
{
	sshd_channel_text(k, msg, false);
	k->exit_status = 1;
	log_msg(LOG_NOTICE, "session of %s from %s port %d refused: %s", k->user->name, k->addr, k->port, reason);
	sshd_audit(k, "session", "refused", reason);
	sshd_end(k, SSHD_END_REFUSED);
}

static int sshd_on_shell(ssh_session s, ssh_channel ch, void *userdata)
{
	struct sshd_conn *k = userdata;
	(void)s;
	(void)ch;
	if (k->started_ui || k->end_reason)
		return SSH_ERROR;
	k->started_ui = true;
	sshd_charset_start(k);
	if (!k->pty) {
		sshd_refuse(k,
			    "本系统是全屏界面，需要终端（pty）。请不要使用 -T 选项，"
			    "在终端中直接运行：ssh -t 账号@服务器\r\n",
			    "没有终端（pty）");
		return SSH_OK;
	}
	if (maint_refuse(k->c, k->user) < 0) {
		char msg[480];
		snprintf(msg, sizeof msg, "%s\r\n", errmsg());
		sshd_refuse(k, msg, "维护状态");
		return SSH_OK;
	}
	if (sessions_register(k->sc->run_dir, getpid(), k->user->name, k->addr, k->sc->max_sessions,
			      k->sc->max_sessions_per_account) < 0) {
		char msg[400];
		snprintf(msg, sizeof msg, "%s\r\n", errmsg());
		sshd_refuse(k, msg, errmsg());
		return SSH_OK;
	}
	k->registered = true;
	if (sshd_pty_spawn(k) < 0) {
		char msg[400];
		snprintf(msg, sizeof msg, "无法启动界面：%s\r\n", errmsg());
		sshd_refuse(k, msg, "无法启动界面");
		return SSH_OK;
	}
	return SSH_OK;
}

static int sshd_on_exec(ssh_session s, ssh_channel ch, const char *command, void *userdata)
{
	struct sshd_conn *k = userdata;
	(void)s;
	(void)ch;
	(void)command;
	if (k->started_ui || k->end_reason)
		return SSH_ERROR;
	k->started_ui = true;
	sshd_charset_start(k);
	sshd_refuse(k,
		    "本系统不执行命令。请不带命令登录，在终端中运行：ssh -t 账号@服务器\r\n",
		    "不执行命令");
	return SSH_OK;
}

/* The sftp subsystem (sshd_sftp.c): files in the account's own folder, no UI. It counts as a
 * session against the limits, like the UI. */
static int sshd_on_subsystem(ssh_session s, ssh_channel ch, const char *name, void *userdata)
{
	struct sshd_conn *k = userdata;
	(void)s;
	(void)ch;
	if (k->started_ui || k->end_reason || strcmp(name, "sftp"))
		return SSH_ERROR;
	k->started_ui = true;
	if (sessions_register(k->sc->run_dir, getpid(), k->user->name, k->addr, k->sc->max_sessions,
			      k->sc->max_sessions_per_account) < 0) {
		char msg[400];
		snprintf(msg, sizeof msg, "%s\r\n", errmsg());
		log_msg(LOG_NOTICE, "sftp of %s refused: %s", k->user->name, errmsg());
		sshd_audit(k, "session", "refused", errmsg());
		sshd_channel_text(k, msg, true);
		sshd_end(k, SSHD_END_REFUSED);
		return SSH_ERROR;
	}
	k->registered = true;
	if (sshd_sftp_start(k) < 0) {
		char msg[600];
		snprintf(msg, sizeof msg, "%s\r\n", errmsg());
		sshd_channel_text(k, msg, true);
		log_msg(LOG_ERR, "sftp of %s: %s", k->user->name, errmsg());
		sshd_audit(k, "session", "refused", errmsg());
		sshd_end(k, SSHD_END_REFUSED);
		return SSH_ERROR;
	}
	k->last_input = sshd_now_ms();
	return SSH_OK;
}

/* Only the locale is taken from the client's environment (what its terminal's character set is),
 * before the shell starts, and only a plain locale name; every other variable is refused. */
static int sshd_on_env(ssh_session s, ssh_channel ch, const char *name, const char *value, void *userdata)
{
	static const char *const names[3] = {"LC_ALL", "LC_CTYPE", "LANG"};
	struct sshd_conn *k = userdata;
	(void)s;
	(void)ch;
	if (k->started_ui || !name || !value)
		return SSH_ERROR;
	bool ok = strlen(value) < sizeof k->env_locale[0];
	for (const char *p = value; ok && *p; p++)
		ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		     strchr("-_.@", *p);
	for (int i = 0; ok && i < 3; i++) {
		if (!strcmp(name, names[i])) {
			snprintf(k->env_locale[i], sizeof k->env_locale[i], "%s", value);
			return SSH_OK;
		}
	}
	return SSH_ERROR;
}

/* Keys from the person: queue them for the pty (consume all; the queue is bounded, and what does
 * not fit stays in libssh's channel buffer). */
static int sshd_on_data(ssh_session s, ssh_channel ch, void *data, uint32_t len, int is_stderr, void *userdata)
{
	struct sshd_conn *k = userdata;
	(void)s;
	(void)ch;
	(void)is_stderr;
	if (k->sftp) {
		k->last_input = sshd_now_ms();
		size_t took = sshd_sftp_input(k, data, len);
		sshd_channel_pump(k);
		return (int)took;
	}
	if (k->master < 0)
		return (int)len; /* nothing to type into (refused or ending) */
	k->last_input = sshd_now_ms();
	size_t room = k->in.len < SSHD_BUF_MAX ? SSHD_BUF_MAX - k->in.len : 0;
	if (k->charset)
		room = room / 2; /* a GB18030 character grows by half at most in UTF-8 */
	size_t take = len < room ? len : room;
	if (k->charset)
		termconv_feed(&k->conv_in, data, take, &k->in);
	else
		sb_add(&k->in, data, take);
	sshd_channel_pump(k);
	return (int)take;
}

static void sshd_on_eof(ssh_session s, ssh_channel ch, void *userdata)
{
	(void)s;
	(void)ch;
	sshd_end(userdata, SSHD_END_CLIENT);
}

static void sshd_on_close(ssh_session s, ssh_channel ch, void *userdata)
{
	(void)s;
	(void)ch;
	sshd_end(userdata, SSHD_END_CLIENT);
}

static int sshd_on_wontblock(ssh_session s, ssh_channel ch, uint32_t bytes, void *userdata)
{
	(void)s;
	(void)ch;
	(void)bytes;
	sshd_channel_pump(userdata);
	return 0;
}

ssh_channel sshd_channel_open(ssh_session s, void *userdata)
{
	struct sshd_conn *k = userdata;
	/* One session channel per connection, and only after login. */
	if (!k->authed || k->ch || k->end_reason)
		return NULL;
	k->ch = ssh_channel_new(s);
	if (!k->ch)
		return NULL;
	memset(&sshd_channel_cb, 0, sizeof sshd_channel_cb);
	sshd_channel_cb.userdata = k;
	sshd_channel_cb.channel_pty_request_function = sshd_on_pty;
	sshd_channel_cb.channel_pty_window_change_function = sshd_on_resize;
	sshd_channel_cb.channel_shell_request_function = sshd_on_shell;
	sshd_channel_cb.channel_exec_request_function = sshd_on_exec;
	sshd_channel_cb.channel_subsystem_request_function = sshd_on_subsystem;
	sshd_channel_cb.channel_env_request_function = sshd_on_env;
	sshd_channel_cb.channel_data_function = sshd_on_data;
	sshd_channel_cb.channel_eof_function = sshd_on_eof;
	sshd_channel_cb.channel_close_function = sshd_on_close;
	sshd_channel_cb.channel_write_wontblock_function = sshd_on_wontblock;
	ssh_callbacks_init(&sshd_channel_cb);
	ssh_set_channel_callbacks(k->ch, &sshd_channel_cb);
	return k->ch;
}

static void sb_drop(struct sb *sb, size_t n)
{
	memmove(sb->buf, sb->buf + n, sb->len - n);
	sb->len -= n;
}

static int sshd_master_cb(socket_t fd, int revents, void *userdata);

/* Watch the pty for output only while the channel keeps up, so that a slow link slows the UI
 * (through the pty's own buffer) instead of growing our queue. */
static void sshd_master_watch(struct sshd_conn *k, bool on)
{
	if (k->master < 0 || on == k->master_polled)
		return;
	if (on)
		ssh_event_add_fd(k->ev, k->master, POLLIN, sshd_master_cb, k);
	else
		ssh_event_remove_fd(k->ev, k->master);
	k->master_polled = on;
}

void sshd_channel_pump(struct sshd_conn *k)
{
	while (k->master >= 0 && k->in.len > 0) {
		ssize_t w = write(k->master, k->in.buf, k->in.len);
		if (w <= 0)
			break;
		sb_drop(&k->in, (size_t)w);
	}
	while (k->out.len > 0 && k->ch && ssh_channel_is_open(k->ch)) {
		uint32_t win = ssh_channel_window_size(k->ch);
		if (win == 0)
			break;
		uint32_t n = k->out.len < win ? (uint32_t)k->out.len : win;
		int w = ssh_channel_write(k->ch, k->out.buf, n);
		if (w <= 0)
			break;
		sb_drop(&k->out, (size_t)w);
	}
	sshd_master_watch(k, k->out.len < SSHD_BUF_MAX);
}

/* Read what the UI wrote; on EOF or EIO the UI has closed its terminal (it has ended). */
static void sshd_master_read(struct sshd_conn *k)
{
	char buf[SSHD_READ];
	ssize_t r = read(k->master, buf, sizeof buf);
	if (r > 0) {
		sshd_channel_from_ui(k, buf, (size_t)r);
		/* curses writes one frame in pieces of a few kilobytes: gather the rest of the frame
		 * (until the UI pauses SSHD_GATHER_MS) so that it leaves in one SSH packet, compressed
		 * as one, instead of several, each with its own framing (slow links). */
		int64_t until = sshd_now_ms() + SSHD_GATHER_MAX_MS;
		struct pollfd pf = {.fd = k->master, .events = POLLIN};
		while (k->out.len < SSHD_BUF_MAX / 2 && sshd_now_ms() < until && poll(&pf, 1, SSHD_GATHER_MS) == 1 &&
		       (pf.revents & POLLIN)) {
			r = read(k->master, buf, sizeof buf);
			if (r <= 0)
				break;
			sshd_channel_from_ui(k, buf, (size_t)r);
		}
		return;
	}
	if (r < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	sshd_master_watch(k, false);
	close(k->master);
	k->master = -1;
}

static int sshd_master_cb(socket_t fd, int revents, void *userdata)
{
	struct sshd_conn *k = userdata;
	(void)fd;
	if (revents & (POLLIN | POLLHUP | POLLERR))
		sshd_master_read(k);
	if (k->master >= 0)
		sshd_channel_pump(k);
	return 0;
}

void sshd_channel_say(struct sshd_conn *k, const char *msg)
{
	if (!k->ch || !ssh_channel_is_open(k->ch))
		return;
	/* Reset attributes and leave the UI's alternate screen, so that the message stays visible. */
	static const char reset[] = "\033[0m\033[?1049l\r\n";
	ssh_channel_write(k->ch, reset, sizeof reset - 1);
	sshd_channel_text(k, msg, false);
}
