/* sshd_auth.c — authentication against the system's own accounts (user_login*), with the limits
 * libssh does not have: tries per connection here, the grace time in sshd_session.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "hostkey.h"
#include "log.h"
#include "sshd.h"

#define SSHD_PROMPT "密码 (Password): "

/* After a successful login: note the account, tell the listener (it stops counting this
 * connection as unauthenticated). An expired password (ZZ_EEXPIRED) lets the person in with
 * must_change set, and the UI asks for a new password before anything else. */
static void sshd_auth_accept(struct sshd_conn *k, struct user *u, int rc, const char *method)
{
	if (rc == ZZ_EEXPIRED)
		u->must_change = true;
	k->user = u;
	k->authed = true;
	snprintf(k->method, sizeof k->method, "%s", method);
	struct sshd_note note = {.kind = SSHD_NOTE_AUTHED};
	if (!sshd_notify(k, &note))
		log_msg(LOG_DEBUG, "listener not told of login (restarted?)");
	log_msg(LOG_INFO, "accepted %s for %s from %s port %d%s%s%s", method, u->name, k->addr, k->port,
		k->fingerprint[0] ? " " : "", k->fingerprint, rc == ZZ_EEXPIRED ? " (password expired)" : "");
}

/* The key of an administrator is the first factor: the password must follow (SSH partial success,
 * RFC 4252 5.1), for the same account. */
static int sshd_auth_first_factor(struct sshd_conn *k, struct user *u)
{
	snprintf(k->key_user, sizeof k->key_user, "%s", u->name);
	log_msg(LOG_INFO, "publickey for %s from %s port %d %s: first of two factors, password next", u->name,
		k->addr, k->port, k->fingerprint);
	user_free(&u);
	ssh_set_auth_methods(k->s, SSH_AUTH_METHOD_PASSWORD | SSH_AUTH_METHOD_INTERACTIVE);
	return SSH_AUTH_PARTIAL;
}

/* A right password: after the account's own key, both factors are in. (An administrator without
 * the key was refused by user_login_without_key, right password or wrong.) */
static void sshd_auth_second_factor(struct sshd_conn *k, const char *name, struct user *u, int rc,
				    const char *method)
{
	if (strcmp(k->key_user, name) != 0) {
		sshd_auth_accept(k, u, rc, method);
		return;
	}
	char both[40];
	snprintf(both, sizeof both, "publickey+%s", method);
	sshd_auth_accept(k, u, rc, both);
}

/* A password for NAME: after the account's own key (the first of two factors) a lockout by
 * failures does not hold; without it an administrator is refused. */
static int sshd_auth_pw(struct sshd_conn *k, const char *name, const char *pw, struct user **u)
{
	if (k->key_user[0] && strcmp(k->key_user, name) == 0)
		return user_login_after_key(k->c, name, pw, u);
	return user_login_without_key(k->c, name, pw, u);
}

/* Tell the person TEXT during authentication: a userauth banner, which OpenSSH and PuTTY show as
 * it is (OpenSSH escapes every non-ASCII byte of keyboard-interactive instructions). */
static void sshd_auth_tell(struct sshd_conn *k, const char *text)
{
	char *line = xasprintf("%s\r\n", text);
	ssh_string s = ssh_string_from_char(line);
	if (s)
		ssh_send_issue_banner(k->s, s);
	ssh_string_free(s);
	free(line);
}

/* A name from the client as it may be logged and audited: at most max_name_bytes of it, with "…"
 * when cut (control characters are escaped by the log and by every display of the audit). */
static void sshd_auth_shown(const struct sshd_conn *k, const char *name, char *out, size_t size)
{
	size_t n = strlen(name), max = (size_t)k->sc->max_name_bytes;
	if (max > size - 4)
		max = size - 4;
	if (n <= max)
		snprintf(out, size, "%s", name);
	else
		snprintf(out, size, "%.*s…", (int)max, name);
}

/* May NAME be looked up at all? A name longer than any account's, or with characters no account
 * has, is refused without touching the database. */
static bool sshd_auth_name_ok(const struct sshd_conn *k, const char *name)
{
	return strlen(name) <= (size_t)k->sc->max_name_bytes && !str_has_unsafe(name);
}

/* The one connection of this process, for the ctx hook below (which has no argument of its own). */
static struct sshd_conn *sshd_auth_conn;

/* A failed login goes to the listener, which audits at most audit_failed_per_addr_min a minute
 * from one address and closes an address with too many; audited here only when the listener is
 * gone (restarted). */
void sshd_auth_report(struct sshd_conn *k, const char *name, const char *detail)
{
	struct sshd_note note = {.kind = SSHD_NOTE_FAILED};
	sshd_auth_shown(k, name, note.user, sizeof note.user);
	snprintf(note.unit, sizeof note.unit, "-");
	snprintf(note.source, sizeof note.source, "%s", k->c->source);
	snprintf(note.detail, sizeof note.detail, "%s", detail);
	snprintf(note.addr, sizeof note.addr, "%s", k->addr);
	if (sshd_notify(k, &note))
		return;
	struct audit_entry e = {.user = note.user, .unit = "-", .type = "login_fail", .object = "session",
				.result = "refused", .detail = note.detail};
	if (!k->c->st || audit_append(k->c, NULL, &e) < 0)
		log_msg(LOG_ERR, "audit login_fail %s: %s", note.user, errmsg());
}

static void sshd_auth_login_failed(struct ctx *c, const char *name, const char *detail)
{
	(void)c;
	sshd_auth_report(sshd_auth_conn, name, detail);
}

/* The database, for the first attempt to log in (a half-open connection never opens it). */
static bool sshd_auth_open(struct sshd_conn *k)
{
	if (k->c->st)
		return true;
	if (sshd_open_store(k) == 0)
		return true;
	log_msg(LOG_ERR, "connection from %s: %s", k->addr, errmsg());
	sshd_end(k, SSHD_END_REFUSED);
	return false;
}

/* A failed attempt: count it and say why; at the limit, audit and drop the connection. */
static void sshd_auth_failed(struct sshd_conn *k, const char *name, const char *method, const char *why,
			     bool tell)
{
	char user[96];
	sshd_auth_shown(k, name, user, sizeof user);
	k->tries++;
	if (tell) {
		char text[320];
		snprintf(text, sizeof text, "%s%s", why,
			 k->tries >= k->sc->max_auth_tries ? "（尝试次数过多，连接已断开）" : "");
		sshd_auth_tell(k, text);
	}
	log_msg(LOG_NOTICE, "failed %s for %s from %s port %d: %s (%d/%d)", method, user, k->addr, k->port, why,
		k->tries, k->sc->max_auth_tries);
	if (k->tries >= k->sc->max_auth_tries) {
		char detail[160];
		snprintf(detail, sizeof detail, "认证失败 %d 次，连接已断开（%s）", k->tries, user);
		sshd_auth_report(k, name, detail);
		sshd_end(k, SSHD_END_TRIES);
	}
}

static int sshd_auth_password(ssh_session s, const char *user, const char *pw, void *userdata)
{
	struct sshd_conn *k = userdata;
	(void)s;
	if (k->authed || k->end_reason)
		return SSH_AUTH_DENIED;
	if (!sshd_auth_name_ok(k, user)) {
		sshd_auth_report(k, user, "password");
		sshd_auth_failed(k, user, "password", "账号或密码错误", true);
		return SSH_AUTH_DENIED;
	}
	if (!sshd_auth_open(k))
		return SSH_AUTH_DENIED;
	struct user *u = NULL;
	int rc = sshd_auth_pw(k, user, pw, &u);
	if (rc == 0 || rc == ZZ_EEXPIRED) {
		sshd_auth_second_factor(k, user, u, rc, "password");
		return SSH_AUTH_SUCCESS;
	}
	sshd_auth_failed(k, user, "password", errmsg(), true);
	return SSH_AUTH_DENIED;
}

/* Is the key KEYTYPE KEYB64 one of the account's? A query only: no count, no audit (an offered key
 * that is not the account's is not a failed login, as in OpenSSH). */
static bool sshd_auth_key_known(struct sshd_conn *k, const char *name, const char *keytype, const char *keyb64)
{
	struct user *u = NULL;
	if (!sshd_auth_name_ok(k, name) || !user_name_valid(name) || !sshd_auth_open(k) ||
	    user_load(k->c->st, NULL, name, &u, false) < 0)
		return false;
	bool found = false;
	for (int i = 0; i < u->keys.n && !found; i++) {
		char *line = xstrdup(u->keys.v[i]);
		char *parts[3];
		int n = str_split(line, ' ', parts, 3);
		found = n >= 2 && strcmp(parts[0], keytype) == 0 && strcmp(parts[1], keyb64) == 0;
		free(line);
	}
	user_free(&u);
	return found;
}

static int sshd_auth_pubkey(ssh_session s, const char *user, struct ssh_key_struct *key, char state, void *userdata)
{
	struct sshd_conn *k = userdata;
	(void)s;
	if (k->authed || k->end_reason)
		return SSH_AUTH_DENIED;
	char *b64 = NULL;
	if (ssh_pki_export_pubkey_base64(key, &b64) != SSH_OK)
		return SSH_AUTH_DENIED;
	const char *type = ssh_key_type_to_char(ssh_key_type(key));
	char *fp = hostkey_fingerprint(key);
	int result = SSH_AUTH_DENIED;
	if (state == SSH_PUBLICKEY_STATE_NONE) {
		/* The client asks whether this key would do; it signs only if we say yes. */
		if (type && sshd_auth_key_known(k, user, type, b64))
			result = SSH_AUTH_SUCCESS;
		else
			sshd_auth_failed(k, user, "publickey", fp, false);
	} else if (state == SSH_PUBLICKEY_STATE_VALID && type && !sshd_auth_name_ok(k, user)) {
		sshd_auth_report(k, user, "publickey");
		sshd_auth_failed(k, user, "publickey", "账号或密码错误", true);
	} else if (state == SSH_PUBLICKEY_STATE_VALID && type && sshd_auth_open(k)) {
		struct user *u = NULL;
		snprintf(k->fingerprint, sizeof k->fingerprint, "%s", fp);
		int rc = user_login_key(k->c, user, type, b64, fp, &u);
		if ((rc == 0 || rc == ZZ_EEXPIRED) && user_two_factor(k->c, u)) {
			result = sshd_auth_first_factor(k, u);
		} else if (rc == 0 || rc == ZZ_EEXPIRED) {
			sshd_auth_accept(k, u, rc, "publickey");
			result = SSH_AUTH_SUCCESS;
		} else {
			k->fingerprint[0] = '\0';
			sshd_auth_failed(k, user, "publickey", errmsg(), true);
		}
	}
	free(fp);
	ssh_string_free_char(b64);
	return result;
}

static int sshd_auth_none(ssh_session s, const char *user, void *userdata)
{
	(void)s;
	(void)user;
	(void)userdata;
	return SSH_AUTH_DENIED;
}

void sshd_auth_setup(struct sshd_conn *k, struct ssh_server_callbacks_struct *cb)
{
	sshd_auth_conn = k;
	k->c->login_failed = sshd_auth_login_failed;
	cb->userdata = k;
	cb->auth_password_function = sshd_auth_password;
	cb->auth_pubkey_function = sshd_auth_pubkey;
	cb->auth_none_function = sshd_auth_none;
	cb->channel_open_request_session_function = sshd_channel_open;
	ssh_callbacks_init(cb);
	ssh_set_server_callbacks(k->s, cb);
	ssh_set_message_callback(k->s, sshd_auth_message, k);
	ssh_set_auth_methods(k->s, SSH_AUTH_METHOD_PASSWORD | SSH_AUTH_METHOD_INTERACTIVE | SSH_AUTH_METHOD_PUBLICKEY);
}

static void sshd_kbd_prompt(ssh_message msg)
{
	const char *prompts[] = {SSHD_PROMPT};
	char echo[] = {0};
	ssh_message_auth_interactive_request(msg, "", "", 1, prompts, echo);
}

/* Keyboard-interactive, which libssh's server callbacks do not cover: one password prompt; after a
 * wrong password the reason (a banner) and the prompt again, until the tries run out. */
static int sshd_auth_kbdint(struct sshd_conn *k, ssh_message msg)
{
	if (k->authed || k->end_reason)
		return 1;
	if (!ssh_message_auth_kbdint_is_response(msg)) {
		/* The answer (SSH_MSG_USERAUTH_INFO_RESPONSE) does not repeat the account name. */
		const char *name = ssh_message_auth_user(msg);
		snprintf(k->kbd_user, sizeof k->kbd_user, "%s", name ? name : "");
		sshd_kbd_prompt(msg);
		return 0;
	}
	const char *user = k->kbd_user;
	if (ssh_userauth_kbdint_getnanswers(k->s) != 1) {
		sshd_auth_failed(k, user, "keyboard-interactive", "no answer", false);
		return 1;
	}
	const char *pw = ssh_userauth_kbdint_getanswer(k->s, 0);
	if (!sshd_auth_name_ok(k, user)) {
		sshd_auth_report(k, user, "keyboard-interactive");
		sshd_auth_failed(k, user, "keyboard-interactive", "账号或密码错误", true);
		if (k->end_reason)
			return 1;
		sshd_kbd_prompt(msg);
		return 0;
	}
	if (!sshd_auth_open(k))
		return 1;
	struct user *u = NULL;
	int rc = sshd_auth_pw(k, user, pw ? pw : "", &u);
	if (rc == 0 || rc == ZZ_EEXPIRED) {
		sshd_auth_second_factor(k, user, u, rc, "keyboard-interactive");
		ssh_message_auth_reply_success(msg, 0);
		return 0;
	}
	sshd_auth_failed(k, user, "keyboard-interactive", errmsg(), true);
	/* A locked account gets the failure (the client moves on or gives up); else the prompt again. */
	if (k->end_reason || rc == ZZ_ELOCKED)
		return 1;
	sshd_kbd_prompt(msg);
	return 0;
}

int sshd_auth_message(ssh_session s, ssh_message msg, void *userdata)
{
	struct sshd_conn *k = userdata;
	(void)s;
	if (ssh_message_type(msg) == SSH_REQUEST_AUTH && ssh_message_subtype(msg) == SSH_AUTH_METHOD_INTERACTIVE)
		return sshd_auth_kbdint(k, msg);
	/* Everything else (forwarding, agent, x11, other channel types) is refused. */
	return 1;
}
