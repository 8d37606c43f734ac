/* domain.h — the rows of src/domain's features, for the top to hand to ctx_load. */
#ifndef ZZ_DOMAIN_H
#define ZZ_DOMAIN_H

#include "feature.h"

/* The features' databases: where each handle is in store.db[] (core's come first, store.h). Each
 * feature's row in domain.c names its files; store_open opens them from those rows. */
enum domain_dbid {
	DBI_EVENTS = DBI__CORE, /* be64 event id -> workflow state (event.c) */
	DBI_EV_STEPS,	       /* be64 event id, be32 step -> step of the timeline */
	DBI_EV_UNIT,	       /* unit code \0 be64 event id -> "" (every unit that has held it) */
	DBI_EV_OPEN,	       /* holder code \0 be64 event id -> "" (open events by the unit holding them) */
	DBI_EV_SCORE,	       /* be32 year, unit \0 be64 event, be32 holding, stage -> card and points */
	DBI_EV_DAILY,	       /* unit code \0 YYYY-MM-DD -> daily report, zero report or missing flag */
	DBI_CLAIMS,	       /* imported records waiting at a unit, conflicts, overdue counts (claim.h) */
	DBI_IMPORTS,	       /* the import log, resume points, values last imported (import_log.h) */
	DBI_ATTACH,	       /* SHA-256 (hex) -> an attachment's content (attach.h) */
	DBI_ATTACH_REF,	       /* SHA-256 (hex) \0 type \0 be64 id -> "" (records holding it) */
	DBI_STATS,	       /* subject \0 month \0 dim \0 value \0 unit path -> be64 count (stats.h) */
	DBI_REPORTS,	       /* 'F' form \0 YYYY-MM \0 unit code -> a unit's monthly form (report.h) */
	DBI_TASKS,	       /* 'T' be64 task id -> task with its receivers and timeline (task.h) */
	DBI_CLAIM_WAIT,	       /* unit \0 type \0 -> be64 id, claim: records waiting at a unit (claim.h) */
};

/* NULL-terminated, in the order the hooks run: a feature's rules and to-do items come in this
 * order, and its save hooks run in it. */
extern const struct feature *const domain_features[];

#endif
