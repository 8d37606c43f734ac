/* unit.h — the unit tree: province › city › county › township › village › grid, and departments. */
#ifndef ZZ_UNIT_H
#define ZZ_UNIT_H

#include <stdbool.h>

#include "store.h"

enum unit_level {
	LV_PROVINCE = 1,
	LV_CITY,
	LV_COUNTY,
	LV_TOWNSHIP,
	LV_VILLAGE,
	LV_GRID,
	LV_DEPT, /* a member department attached to its parent's level */
	LV__COUNT
};

struct unit {
	char *code;
	char *name;
	char *parent; /* "" for the root */
	char *dept;   /* department id for LV_DEPT units */
	char *path;   /* codes from the root joined and ended by '/': scope is a prefix of it */
	int level;
};

/* The whole tree in memory (a few thousand units at most), sorted by code. */
struct units {
	struct unit *v;
	int n;
	uint64_t version;
};

extern const char *const unit_level_zh[LV__COUNT];

int units_load(struct store *st, DB_TXN *txn, struct units **out);
void units_free(struct units **u);
const struct unit *units_find(const struct units *u, const char *code);
/* True when unit CODE is ANCESTOR or lies under it. */
bool units_under(const struct units *u, const char *code, const char *ancestor);
/* qsort order of an array of `const struct unit *` by path: each unit before its subtree. */
int units_path_cmp(const void *a, const void *b);
/* The code of the nearest unit of LEVEL on CODE's path (itself included), or NULL. */
const struct unit *units_at_level(const struct units *u, const char *code, int level);
/* The version counter bumped by every change to the tree, to refresh caches. */
int units_version(struct store *st, DB_TXN *txn, uint64_t *out);
/* Full name: 泰州市姜堰区三水街道… (caller frees). */
char *units_fullname(const struct units *u, const char *code);
/* NAME, a unit's name, as seen from unit BASE (an account's scope): a pointer past BASE's name
 * where NAME starts with it (桥头社区第1网格 seen from 桥头社区 is 第1网格), past the parent's
 * name where NAME is BASE's own; else NAME itself. */
const char *units_short_name(const struct units *u, const char *base, const char *name);

/* Changes, in the caller's transaction; they validate and explain refusals. */
int unit_add(struct store *st, DB_TXN *txn, const struct units *u, const char *code, const char *name,
	     const char *parent, int level, const char *dept);
int unit_rename(struct store *st, DB_TXN *txn, const struct units *u, const char *code, const char *name);
/* Move CODE under NEWPARENT: the paths of its subtree and the unit index of their records change. */
int unit_move(struct store *st, DB_TXN *txn, const struct units *u, const char *code,
	      const char *newparent);
int unit_level_parse(const char *s);
/* The level's word in settings and scripts ("township"), "" when unknown. */
const char *unit_level_name(int level);

#endif
