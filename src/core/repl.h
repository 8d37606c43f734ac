/* repl.h — a standby site (9.5, R-AC-5): Berkeley DB's replication manager on the environment. */
#ifndef ZZ_REPL_H
#define ZZ_REPL_H

#include <db.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conf.h"

struct ctx;
struct user;
struct todo_list;

/* A standby's refusal names the primary's login address (repl.sites' ssh, as repl_primary_login
 * shows it) after this text, and the whole fits one line of REPL_LINE_COLS columns: each site's ssh
 * is checked against the columns left (repl_login_room) when the settings are loaded. */
#define REPL_REFUSE_LOGIN "本站是备用站点（只读），不能保存：请登录主站点 "
#define REPL_LINE_COLS 80
/* Bytes that hold any login address as shown (it fits the line, in a few multibyte characters). */
#define REPL_LOGIN_BUF 160
/* In the home while a restarted site waits for a primary (repl.rejoin_elect = false). */
#define REPL_HELD_FILE "repl.held"

/* repl.enabled: the home is one site of a replication group. */
bool repl_enabled(const struct conf *c);
/* The display columns a login address may take in a standby's refusal: REPL_LINE_COLS less the
 * width of REPL_REFUSE_LOGIN. */
int repl_login_room(void);
/* With repl.enabled, every site of repl.sites (addresses, each login address within the columns
 * its refusal leaves, repl.local among them) and repl.ack_policy: 0 or ZZ_EINVAL naming the site
 * and the limit. ctx_load runs it as the settings are loaded. */
int repl_conf_check(const struct conf *c);
/* Before DB_ENV->open: this site, its peers, priority, acknowledgements, timeouts. CREATOR: the home
 * holds a database already (the site that starts the group). 0 or an error. */
int repl_env_config(DB_ENV *env, const struct conf *c, bool creator);
/* After DB_ENV->open: start the replication manager in this process. The first process of the
 * home runs it (listens, elects, applies the primary's changes); the others send their own changes
 * and wait for the acknowledgements. The first waits until it knows its role (and, as a standby,
 * has the primary's data), up to repl.startup_wait_s. A home without data that does not create the
 * group (CREATOR as for repl_env_config) starts as a client: it never wins an election empty. */
int repl_start(DB_ENV *env, const struct conf *c, const char *home, bool creator);

/* The site's role as this process sees it now. */
enum repl_role { REPL_PRIMARY, REPL_STANDBY, REPL_UNKNOWN };
enum repl_role repl_role(DB_ENV *env);
/* The primary's address as "host:port" into BUF ("" when unknown). */
void repl_primary(DB_ENV *env, char *buf, size_t n);
/* Times this process was told that a quorum did not acknowledge a log record (repl.ack_policy,
 * repl.ack_timeout_ms); store_run counts its commits among them (store.unacked). */
unsigned long repl_unacked(void);
/* Is every peer connected to this process (waiting up to repl.connect_wait_ms for it, or for a try
 * that fails after the call: a failure before it is retried)? */
bool repl_peers_connected(DB_ENV *env, const struct conf *c);
/* The primary's login address (repl.sites' ssh) as a person types it ("10.0.0.1", "10.0.0.1 端口
 * 2222") into BUF, when it is known; BUF is "" otherwise. */
enum repl_login {
	REPL_LOGIN_KNOWN,
	REPL_LOGIN_UNLISTED, /* the primary is not in repl.sites */
	REPL_LOGIN_NO_PRIMARY,
};
enum repl_login repl_primary_login(DB_ENV *env, const struct conf *c, char *buf, size_t n);
/* The refusal of a change on a standby (ZZ_EPERM), naming the primary's login address, or saying
 * that no primary is known. */
int repl_refuse(DB_ENV *env, const struct conf *c);

/* The main process of a site, about once a second: a site that held (repl.rejoin_elect = false) or
 * took over goes back to repl.two_site_strict once a primary is known, and says so. */
void repl_tick(DB_ENV *env, const struct conf *c, const char *home);
/* In the main process: no primary known, hold an election this site may win alone of two (`zongzhi
 * repl takeover`): 1; 0 when this site is the primary or knows one (nothing done). */
int repl_takeover(DB_ENV *env);
/* Does the site of HOME wait for a primary (restarted, none found, repl.rejoin_elect = false)? */
bool repl_held(const char *home);
/* The administrators' to-do item of a held site (a feature's todo source, feature.h). */
int repl_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l);

/* A forked child that is not the environment's: close the replication manager's TCP sockets it
 * inherited (all AF_INET/AF_INET6 sockets but KEEP), so that a dead primary's connections close. */
void repl_close_inherited(int keep);

#endif
