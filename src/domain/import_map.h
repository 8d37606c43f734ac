/* import_map.h — column mappings of department exports (conf/import/NAME.cfg): their header names
 * to our fields, their values to our code tables, and which columns route a row to its unit. */
#ifndef ZZ_IMPORT_MAP_H
#define ZZ_IMPORT_MAP_H

#include "ctx.h"

struct map_col {
	char *header;
	int field;	 /* index in the type's fields */
	struct strv from; /* their values … */
	struct strv to;	  /* … and ours (code or label), parallel */
};

struct import_map {
	char *name; /* file name without .cfg: what --map takes */
	char *file;
	char *title;
	const struct rtype *t;
	char *encoding; /* the system's usual encoding, NULL for auto */
	char *route_grid, *route_unit, *route_address; /* headers that route a row, NULL when none */
	struct map_col *cols;
	int ncols;
	struct strv ignore; /* their columns we do not take */
};

struct import_maps {
	struct import_map *v;
	int n;
};

/* Load and check every *.cfg of the folder paths.import_maps; errors are "file:line: reason". */
int import_maps_load(struct ctx *c, struct import_maps **out);
void import_maps_free(struct import_maps **m);
const struct import_map *import_maps_find(const struct import_maps *m, const char *name);

/* How the columns of one file are read. */
enum { PLAN_IGNORE = -1 };
struct import_plan {
	const struct import_map *map; /* NULL: our own export's format */
	int ncols;
	int *field;			/* per column: field index or PLAN_IGNORE */
	const struct map_col **mc;	/* per column: value translations, or NULL */
	int col_unit, col_grid, col_addr; /* routing columns, -1 when absent */
};

/* Choose how to read HEADER for type T: the mapping named WANT, else our own header, else the
 * first mapping of T that covers every column. FILE names the file in messages. */
int import_plan_build(const struct rtype *t, const struct import_maps *maps, const char *want, char **header,
		      int n, const char *file, struct import_plan *p);
void import_plan_free(struct import_plan *p);
/* The value of column COL as our field expects it (their value translated, or V itself). */
const char *import_plan_value(const struct import_plan *p, int col, const char *v);

#endif
