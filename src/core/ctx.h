/* ctx.h — what one process has open: settings, code tables, record types, the database, units. */
#ifndef ZZ_CTX_H
#define ZZ_CTX_H

#include "calendar.h"
#include "codes.h"
#include "conf.h"
#include "schema.h"
#include "store.h"
#include "unit.h"

struct feature;

struct ctx {
	struct conf *conf;
	struct codes *codes;
	struct schema *schema;
	struct store *st; /* NULL until ctx_open_store */
	struct units *units;
	/* Trees replaced by a reload, kept until ctx_units_collect (callers may hold pointers). */
	struct units **retired;
	int nretired;
	struct calendar *cal; /* working days (conf/calendar.cfg) */
	struct modules *modules; /* module rules (conf/modules.cfg, modules.h), loaded by its feature */
	const struct feature *const *features; /* NULL-terminated (feature.h) */
	char *home;
	char source[128]; /* where actions come from, for the audit log: "cli", "tty", "ssh 10.0.0.5" */
	/* The address logins come from, for the lockout by place (lockout.h): the SSH client's; "" for
	 * the server's own terminal and command line. */
	char peer[64];
	/* Set by the SSH session process: failed logins go to the listener, which bounds how many of
	 * one address's are audited (NULL: audited here). NAME is as the person typed it. */
	void (*login_failed)(struct ctx *c, const char *name, const char *detail);
};

/* Load settings, code tables and record types, and what FEATURES (NULL-terminated, feature.h)
 * load. HOME NULL: the environment variable ZONGZHI_HOME, else paths.home. */
int ctx_load(struct ctx **out, const char *cfgfile, const char *home, const struct feature *const *features);
/* Open the database (after fork: never carry a handle across fork). */
int ctx_open_store(struct ctx *c, unsigned flags);
void ctx_free(struct ctx **c);
/* The unit tree, reloaded when another process has changed it. A tree a caller got stays valid
 * until ctx_units_collect or ctx_free, even when a later call reloads it. */
const struct units *ctx_units(struct ctx *c);
/* The same inside an operation (a transaction under way), where the environment is not looked at
 * again: ctx_units's check of it opens and reads a file, a tenth of a demo city's storing, called
 * for every record counted. */
const struct units *ctx_units_current(struct ctx *c);
/* Reload the unit tree now (after a change in this process); the old one is retired the same way. */
int ctx_units_reload(struct ctx *c);
/* Free the retired trees: only where no pointer into one is held (between daemon rules, at the
 * UI's menu). */
void ctx_units_collect(struct ctx *c);

#endif
