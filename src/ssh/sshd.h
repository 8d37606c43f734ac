/* sshd.h — one SSH connection, served by its own process (after the listener's fork).
 *
 *   sshd_session.c  key exchange, the event loop, limits (grace, tries, idle, keepalive), the end
 *   sshd_auth.c     password, keyboard-interactive and public-key authentication
 *   sshd_channel.c  the session channel: pty-req, window-change, shell/exec, the relay
 *   sshd_pty.c      the UI process on a pseudo-terminal
 *   sshd_sftp.c     the sftp subsystem: the account's own folder (files.h)
 */
#ifndef ZZ_SSHD_H
#define ZZ_SSHD_H

#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <libssh/server.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/types.h>

#include "ctx.h"
#include "server_conf.h"
#include "termconv.h"
#include "user.h"
#include "util.h"

/* Why a connection ends: for the log (English) and the audit log (Chinese). */
enum sshd_end {
	SSHD_END_NONE,
	SSHD_END_CLIENT,    /* the client closed the channel */
	SSHD_END_LOST,	    /* the connection broke */
	SSHD_END_UI,	    /* the person left the UI */
	SSHD_END_IDLE,	    /* idle timeout */
	SSHD_END_KEEPALIVE, /* the peer stopped answering keepalives */
	SSHD_END_GRACE,	    /* not logged in within the grace time */
	SSHD_END_TRIES,	    /* too many failed authentications */
	SSHD_END_REFUSED,   /* no pty, a command, a session cap, … */
	SSHD_END_SIGNAL,    /* SIGTERM, SIGHUP or SIGINT to the session process */
	SSHD_END_MAINT,	    /* maintenance mode began (maint.h) */
};

/* What a session process tells the listener through the notify pipe: one fixed-size message per
 * write (below PIPE_BUF, so atomic). A session that has logged in is no longer unauthenticated;
 * a session that ends has its logout audited by the listener, so that the session process needs
 * no database handle after authentication (it opens its own only when the listener is gone). */
enum sshd_note_kind { SSHD_NOTE_AUTHED = 1, SSHD_NOTE_LOGOUT = 2, SSHD_NOTE_FAILED = 3 };
struct sshd_note {
	pid_t pid;
	int kind;
	char user[64], unit[64], source[128], detail[200];
	char addr[64]; /* FAILED: the address the listener counts failures of */
};

struct sshd_conn {
	struct ctx *c; /* this process's own; the store is open only while authenticating */
	const struct server_conf *sc;
	ssh_session s;
	ssh_event ev;
	ssh_channel ch;
	char addr[64];
	int port;
	int notify_fd; /* to the listener: "this child has logged in" */
	int64_t started;

	/* Authentication. */
	int tries;
	bool authed;
	struct user *user;
	char method[40];     /* password, keyboard-interactive, publickey, publickey+password */
	char key_user[64];   /* account whose key was the first of two factors (security.admin_two_factor) */
	char fingerprint[80]; /* SHA256:… of the key used */
	char kbd_user[1032];   /* account named when keyboard-interactive began (longer than any allowed) */

	/* The session channel. */
	bool pty;
	char term[64];
	struct winsize ws;
	bool started_ui;
	bool registered; /* in the session registry */
	int master;	 /* pty master, -1 when none */
	bool master_polled;
	pid_t ui;
	int ui_status;
	int64_t last_input;
	struct sb out; /* from the UI, not yet accepted by the channel window */
	struct sb in;  /* from the person, not yet accepted by the pty */

	/* The terminal's character set: the client's LC_ALL, LC_CTYPE and LANG (environment
	 * requests); a GB18030 terminal has both directions converted (termconv.h), the UI itself
	 * always writing UTF-8. */
	char env_locale[3][64];
	const char *charset; /* NULL: UTF-8, nothing converted */
	struct termconv conv_out, conv_in;

	/* The sftp subsystem (sshd_sftp.c), instead of the UI. */
	struct sshd_sftp *sftp;

	/* Keepalives. */
	int64_t last_keepalive;
	int keepalive_missed;

	/* The end. */
	enum sshd_end end_reason; /* set once */
	int64_t maint_next;	  /* when to look at maintenance mode again (ms) */
	char maint_msg[400];	  /* why maintenance mode ended the session */
	int exit_status;	/* to send to the client */
};

/* sshd_session.c */
int sshd_serve(struct ctx *c, const struct server_conf *sc, ssh_bind bind, int fd, const char *addr,
		      int port, int notify_fd);
void sshd_end(struct sshd_conn *k, enum sshd_end reason);
void sshd_audit(struct sshd_conn *k, const char *type, const char *result, const char *detail);
/* A failed login (NAME as the client gave it, "-" when none): to the listener, which bounds how
 * many of one address's it audits; audited here only when the listener is gone. */
void sshd_auth_report(struct sshd_conn *k, const char *name, const char *detail);
/* The same about OBJECT; 0, or a negative ZZ_E* code when the entry could not be written. */
int sshd_audit_obj(struct sshd_conn *k, const char *type, const char *object, const char *result,
		   const char *detail);
/* Open this process's store, one process at a time (see sessions_db_lock). */
int sshd_open_store(struct sshd_conn *k);
/* Close it, also one at a time: an opener reading the environment's registry while a line is
 * cleared took the closing process for dead, and recovered the environment under every session. */
void sshd_close_store(struct sshd_conn *k);
/* Send NOTE to the listener; false when it is gone (restarted or stopped). */
bool sshd_notify(struct sshd_conn *k, struct sshd_note *note);

/* sshd_auth.c */
void sshd_auth_setup(struct sshd_conn *k, struct ssh_server_callbacks_struct *cb);
int sshd_auth_message(ssh_session s, ssh_message msg, void *userdata);

/* sshd_channel.c */
ssh_channel sshd_channel_open(ssh_session s, void *userdata);
/* Move pending bytes both ways; false when the UI has ended and its output is flushed. */
void sshd_channel_pump(struct sshd_conn *k);
/* Write a message to the person (UTF-8, "\r\n" line ends), after leaving the UI's screen. */
void sshd_channel_say(struct sshd_conn *k, const char *msg);
/* Queue N bytes the UI wrote, in the terminal's character set. */
void sshd_channel_from_ui(struct sshd_conn *k, const char *buf, size_t n);
/* Stop converting (the end of the connection). */
void sshd_channel_charset_end(struct sshd_conn *k);

/* sshd_pty.c */
int sshd_pty_spawn(struct sshd_conn *k);
/* Hang up the UI (SIGHUP to its process group), wait up to WAIT_MS, then SIGKILL; reaps it. */
void sshd_pty_stop(struct sshd_conn *k, int wait_ms);
/* Reap the UI if it has ended; true when it has. */
bool sshd_pty_reap(struct sshd_conn *k);

/* sshd_sftp.c */
struct sshd_sftp;
/* Serve sftp on the session channel from now on (the account's folders are created). */
int sshd_sftp_start(struct sshd_conn *k);
/* Take the client's bytes (returns how many were taken) and answer what is complete. */
size_t sshd_sftp_input(struct sshd_conn *k, const void *data, size_t len);
/* Answer requests already received, while the output queue has room. */
void sshd_sftp_pump(struct sshd_conn *k);
/* Close what is open (transfers cut short are audited as such) and free the state. */
void sshd_sftp_stop(struct sshd_conn *k);

int64_t sshd_now_ms(void);

#endif
