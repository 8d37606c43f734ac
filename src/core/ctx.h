/* ctx.h — what one process has open: settings, code tables, record types, the database, units. */
#ifndef ZZ_CTX_H
#define ZZ_CTX_H

#include "calendar.h"
#include "codes.h"
#include "conf.h"
#include "schema.h"
#include "store.h"
#include "unit.h"

struct ctx {
	struct conf *conf;
	struct codes *codes;
	struct schema *schema;
	struct store *st; /* NULL until ctx_open_store */
	struct units *units;
	struct calendar *cal; /* working days (conf/calendar.cfg) */
	struct modules *modules; /* module rules (conf/modules.cfg, modules.h) */
	char *home;
	char source[128]; /* where actions come from, for the audit log: "cli", "tty", "ssh 10.0.0.5" */
	/* Set by the SSH session process: failed logins go to the listener, which bounds how many of
	 * one address's are audited (NULL: audited here). NAME is as the person typed it. */
	void (*login_failed)(struct ctx *c, const char *name, const char *detail);
};

/* Load settings, code tables and record types. HOME NULL: the
 * environment variable ZONGZHI_HOME, else paths.home. */
int ctx_load(struct ctx **out, const char *cfgfile, const char *home);
/* Open the database (after fork: never carry a handle across fork). */
int ctx_open_store(struct ctx *c, unsigned flags);
void ctx_free(struct ctx **c);
/* The unit tree, reloaded when another process has changed it. */
const struct units *ctx_units(struct ctx *c);
/* Reload the unit tree now (after a change in this process). */
int ctx_units_reload(struct ctx *c);

#endif
