/* ctx.c — open what a process needs, in the order each layer needs it. */
#include "ctx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feature.h"
#include "repl.h"

int ctx_load(struct ctx **out, const char *cfgfile, const char *home, const struct feature *const *features)
{
	struct ctx *c = xcalloc(1, sizeof *c);
	c->features = features;
	snprintf(c->source, sizeof c->source, "cli");
	int rc = conf_load(&c->conf, cfgfile);
	if (rc == 0)
		rc = repl_conf_check(c->conf);
	char *dir = NULL;
	if (rc == 0) {
		dir = conf_path(c->conf, "paths.codes");
		rc = codes_load(&c->codes, dir);
		free(dir);
	}
	if (rc == 0)
		rc = calendar_load(conf_setting(c->conf, "calendar"), &c->cal);
	for (const struct feature *const *f = c->features; rc == 0 && f && *f; f++)
		if ((*f)->conf_check)
			rc = (*f)->conf_check(c->conf);
	if (rc == 0) {
		dir = conf_path(c->conf, "paths.screens");
		rc = schema_load(&c->schema, dir, c->codes);
		free(dir);
	}
	for (const struct feature *const *f = c->features; rc == 0 && f && *f; f++)
		if ((*f)->load)
			rc = (*f)->load(c);
	if (rc < 0) {
		ctx_free(&c);
		return rc;
	}
	const char *env = getenv("ZONGZHI_HOME");
	if (!str_empty(home))
		c->home = xstrdup(home);
	else if (!str_empty(env))
		c->home = xstrdup(env);
	else
		c->home = conf_path(c->conf, "paths.home");
	*out = c;
	return 0;
}

int ctx_units_reload(struct ctx *c)
{
	struct units *u = NULL;
	int rc = units_load(c->st, NULL, &u);
	if (rc < 0)
		return rc;
	if (c->units) {
		c->retired = xrealloc(c->retired, (size_t)(c->nretired + 1) * sizeof *c->retired);
		c->retired[c->nretired++] = c->units;
	}
	c->units = u;
	c->st->units = u;
	return 0;
}

void ctx_units_collect(struct ctx *c)
{
	for (int i = 0; i < c->nretired; i++)
		units_free(&c->retired[i]);
	free(c->retired);
	c->retired = NULL;
	c->nretired = 0;
}

int ctx_open_store(struct ctx *c, unsigned flags)
{
	if (c->st)
		return 0;
	/* The features' databases, opened with core's. */
	int n = 0;
	for (const struct feature *const *f = c->features; f && *f; f++)
		n += (*f)->ndbs;
	const struct store_dbdef **dbs = xcalloc((size_t)n + 1, sizeof *dbs);
	n = 0;
	for (const struct feature *const *f = c->features; f && *f; f++)
		for (int i = 0; i < (*f)->ndbs; i++)
			dbs[n++] = &(*f)->dbs[i];
	int rc = store_open(&c->st, c->home, c->conf, c->schema, dbs, n, flags);
	free(dbs);
	if (rc == 0)
		rc = ctx_units_reload(c);
	return rc;
}

const struct units *ctx_units(struct ctx *c)
{
	/* Between operations: the environment is opened anew if it died under this process. */
	if (c->st)
		store_revive(c->st);
	return ctx_units_current(c);
}

const struct units *ctx_units_current(struct ctx *c)
{
	uint64_t v = 0;
	if (c->st && units_version(c->st, NULL, &v) == 0 && (!c->units || v != c->units->version))
		ctx_units_reload(c);
	return c->units;
}

void ctx_free(struct ctx **cp)
{
	struct ctx *c = *cp;
	if (!c)
		return;
	store_close(&c->st);
	units_free(&c->units);
	ctx_units_collect(c);
	calendar_free(&c->cal);
	for (const struct feature *const *f = c->features; f && *f; f++)
		if ((*f)->unload)
			(*f)->unload(c);
	schema_free(&c->schema);
	codes_free(&c->codes);
	conf_free(&c->conf);
	free(c->home);
	free(c);
	*cp = NULL;
}
