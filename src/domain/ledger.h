/* ledger.h — electronic ledgers (电子台账, 4.1.3 and section 10): the catalogue a unit files under
 * (the county's defaults from the code table ledger_item, changed per unit by ledger_item records
 * from the top down), the check of a ledger entry's item, and the items empty for a year. */
#ifndef ZZ_LEDGER_H
#define ZZ_LEDGER_H

#include <stdbool.h>
#include <stdint.h>

#include "ctx.h"
#include "record.h"
#include "user.h"

struct ledger_node {
	char *item;  /* the catalogue code ("10.2.1-03", or a heading "10.2.1") */
	char *sub;   /* NULL: the county's node itself; else the name of a unit's entry under it */
	char *label;
	char *unit;  /* the unit that added the entry or last set its state here; NULL: the county file */
	bool on;     /* its own state; ledger_enabled also asks its headings */
	bool leaf;   /* entries are filed here: a county item (code with '-') or a unit's entry */
	long count;  /* entries of the year (ledger_count) */
};

struct ledger_cat {
	struct ledger_node *v;
	int n;
};

/* The catalogue as unit UNIT sees it, in TXN (may be NULL). */
int ledger_catalog(struct ctx *c, DB_TXN *txn, const char *unit, struct ledger_cat *out);
void ledger_cat_free(struct ledger_cat *cat);
/* The node of ITEM and SUB (NULL or "": the item itself), or NULL. */
struct ledger_node *ledger_find(const struct ledger_cat *cat, const char *item, const char *sub);
/* Whether N and each of its headings are enabled. */
bool ledger_enabled(const struct ledger_cat *cat, const struct ledger_node *n);
/* Whether entries may be filed at ITEM/SUB in CAT (ZZ_EINVAL with the reason otherwise). */
int ledger_fileable(const struct ledger_cat *cat, const char *item, const char *sub);
/* The catalogue at UNIT (NULL: U's own scope) with each node's count of entries dated in YEAR in
 * UNIT's subtree (a node counts the entries of the units' entries under it). Needs U's view of
 * ledgers there. */
int ledger_count(struct ctx *c, const struct user *u, const char *unit, int year, struct ledger_cat *out);

/* The "ledger" feature's hooks (domain.c): an entry's item enabled where it is filed; a unit's
 * renamed entry carries its ledger entries along; one with entries is not deleted. */
int ledger_before_store(struct ctx *c, DB_TXN *txn, struct rec *r, const struct rec *old, int64_t now);
int ledger_after_store(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *r,
		       const struct rec *old, int64_t now);
int ledger_after_delete(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *old, int64_t now);

#endif
