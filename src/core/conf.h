/* conf.h — the settings in conf/ (libconfig), checked once at load against a table. */
#ifndef ZZ_CONF_H
#define ZZ_CONF_H

#include <libconfig.h>
#include <stdbool.h>

enum conf_type { CONF_INT, CONF_STR, CONF_BOOL, CONF_LIST, CONF_GROUP };

/* One known setting: every number the rules leave to a place or a year is a row here. */
struct conf_entry {
	const char *path;
	enum conf_type type;
	long long min, max; /* for CONF_INT */
	const char *help;
};

struct conf {
	config_t cfg;
	char *path; /* the main file */
	char *dir;  /* its directory; relative paths in settings are resolved against it */
};

/* Load and check FILE; on error the message names file, line and reason. */
int conf_load(struct conf **out, const char *file);
void conf_free(struct conf **c);

/* Getters for settings that conf_load has checked: they cannot fail for a row of the table. */
long long conf_int(const struct conf *c, const char *path);
const char *conf_str(const struct conf *c, const char *path);
bool conf_bool(const struct conf *c, const char *path);
const config_setting_t *conf_setting(const struct conf *c, const char *path);
/* A path setting resolved against the config directory; caller frees. */
char *conf_path(const struct conf *c, const char *path);

extern const struct conf_entry conf_table[];
extern const int conf_table_len;

#endif
