/* user.h — accounts: role, unit, password (yescrypt), history, lockout, public keys. */
#ifndef ZZ_USER_H
#define ZZ_USER_H

#include <stdbool.h>
#include <stdint.h>

#include "ctx.h"
#include "lockout.h"

struct user {
	char *name;
	char *fullname;
	char *role;
	char *unit;
	char *dept;
	char *hash;
	struct strv history; /* earlier password hashes, newest first */
	struct strv keys;    /* OpenSSH public key lines */
	int64_t created, pw_changed, locked_until, last_login;
	bool locked;	  /* locked by an administrator until unlocked */
	bool must_change; /* set by an administrator's reset */
	bool console;	  /* the local console (service_console), a role perm_check knows; never stored */
	struct lockout lk; /* failed passwords per place; locked_until is the account-wide lock */
};

void user_free(struct user **u);
int user_load(struct store *st, DB_TXN *txn, const char *name, struct user **out, bool rmw);
int user_save(struct store *st, DB_TXN *txn, const struct user *u);
/* How account NAME is named to people: its full name, or NAME when it has none or is unknown (an
 * account removed since it acted); caller frees. */
char *user_display_name(struct store *st, const char *name);
bool user_name_valid(const char *name);

/* Check PW against the policy in conf (length, classes, reuse); the reason in errmsg(). */
int user_password_policy(struct ctx *c, const struct user *u, const char *pw);
/* The policy in one sentence, to show before a password is typed (caller frees). */
char *user_password_rules(struct ctx *c);
/* Hash PW with yescrypt (caller frees). */
char *user_hash_password(const char *pw);

/* Authenticate by password. Returns 0; ZZ_EEXPIRED when the password is right but must be changed
 * now; ZZ_EAUTH; ZZ_ELOCKED. Counts failures towards the lockout of the account and of the place
 * it comes from (c->peer, lockout.h) and audits every attempt. On 0 and ZZ_EEXPIRED, *out is the
 * account (caller frees). */
int user_login(struct ctx *c, const char *name, const char *pw, struct user **out);
/* The same over SSH when no key came first: an account that needs two factors (user_two_factor)
 * is refused, right password or wrong, with 管理员账号须同时使用密钥和密码登录 (ZZ_EAUTH), the
 * attempt counted as a failure and audited once with the reason; other accounts as user_login. */
int user_login_without_key(struct ctx *c, const char *name, const char *pw, struct user **out);
/* Does U log in over SSH with two factors, key then password (security.admin_two_factor): an
 * account of an administrator role, holding a system right? */
bool user_two_factor(struct ctx *c, const struct user *u);
/* The same for the password that follows the account's own key (two factors): a lockout by
 * failures does not hold (whoever guesses passwords has no key), an administrator's lock does; a
 * wrong password is counted as any other. */
int user_login_after_key(struct ctx *c, const char *name, const char *pw, struct user **out);
/* Authenticate by public key: KEYTYPE and KEYB64 as in an authorized_keys line. */
int user_login_key(struct ctx *c, const char *name, const char *keytype, const char *keyb64,
		   const char *fingerprint, struct user **out);
/* Authenticate as NAME a Unix user that the security administrator mapped to it (cli.accounts):
 * audited like a login; a lockout by password failures does not hold, a lock by an administrator
 * does. An unknown NAME is ZZ_ENOENT. */
int user_login_unix(struct ctx *c, const char *name, const char *unix_user, struct user **out);
/* The account's state now in a word for the lists: 锁定 (by an administrator), 暂时锁定 (failures
 * from several places), 地址锁定 (only some places refused), 正常. */
const char *user_lock_state(const struct user *u, int64_t now);

/* Changes, each in one transaction with its audit entry. ACTOR NULL is the local console. */
/* A new account must change the password an administrator gave it at its first login, unless
 * KEEP_PASSWORD (the demo's accounts, `user add --keep-password` at the console). */
int user_add(struct ctx *c, const struct user *actor, const char *name, const char *fullname,
	     const char *unit, const char *role, const char *dept, const char *pw, bool keep_password);
/* The same with HASH, user_hash_password(PW) made by the caller (NULL: made here): the demo's
 * hundreds of accounts share one published password, and a hash costs 16 MB and ~60 ms. */
int user_add_hashed(struct ctx *c, const struct user *actor, const char *name, const char *fullname,
		    const char *unit, const char *role, const char *dept, const char *pw, const char *hash,
		    bool keep_password);
int user_set_password(struct ctx *c, const struct user *actor, const char *name, const char *pw,
		      bool must_change);
int user_set_lock(struct ctx *c, const struct user *actor, const char *name, bool lock);
/* Keys are given by the security administrator only (not by the account itself: a stolen password
 * must not become a lasting key). */
/* Move the account to UNIT, of the same level as its own (and the same department): the system
 * administrator, over both units; its role, password and keys stay. */
int user_move(struct ctx *c, const struct user *actor, const char *name, const char *unit);
/* Give account NAME role ROLE (the security administrator: permissions are its work), from next
 * login on. Not an administrator's role, to or from (the three stay apart), nor a department's
 * (its account sits at the department's unit). */
int user_set_role(struct ctx *c, const struct user *actor, const char *name, const char *role);
/* The longest public key line taken (an RSA key of 16384 bits is about 2,800 bytes). */
#define USER_KEY_MAX 8192
int user_add_key(struct ctx *c, const struct user *actor, const char *name, const char *keyline);
/* Remove the key line KEYLINE (as stored) from the account; the security administrator only. */
int user_remove_key(struct ctx *c, const struct user *actor, const char *name, const char *keyline);

typedef int (*user_cb)(const struct user *u, void *arg);
int user_scan(struct ctx *c, user_cb cb, void *arg);

#endif
