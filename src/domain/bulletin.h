/* bulletin.h — the monthly bulletin (4.1.6, R-RP-4): each unit below a county (its townships, or a
 * township's villages) with its data entry and use of the system in a month, ranked; published by
 * an office account of the county, after which the units below read the published table (frozen:
 * later changes do not move it). Published tables are kept in DBI_META under
 * "bulletin" \0 YYYY-MM \0 county code; logins are counted at login time under
 * "login" \0 YYYY-MM \0 unit code (be64), so that the bulletin never reads the audit log.
 *
 * Ranking (bulletin_rank): a unit with daily reports missing ranks below every unit without
 * (R-RP-4), then fewer missing first; then fewer problems (late entries + overdue claims + overdue
 * events + cards); then more activity (records and events added + logins); then the unit code. */
#ifndef ZZ_BULLETIN_H
#define ZZ_BULLETIN_H

#include "ctx.h"
#include "user.h"

enum bl_col {
	BL_ADDED,
	BL_LATE,
	BL_CLAIMS,
	BL_DAILY,
	BL_EVENTS,
	BL_YELLOW,
	BL_RED,
	BL_LOGINS,
	BL__NCOLS
};
extern const char *const bl_col_zh[BL__NCOLS];

struct bl_row {
	char *unit, *name;
	long n[BL__NCOLS];
	int rank;
};
struct bulletin {
	char month[8];
	char *unit; /* whose units below are ranked */
	struct bl_row *v;
	int n;
	bool published;
	char *by; /* the account that published it */
	int64_t at;
};
void bulletin_free(struct bulletin *b);
/* Sort V by the ranking above and number the ranks 1..N. Pure. */
void bulletin_rank(struct bl_row *v, int n);
/* The bulletin of the units below UNIT for MONTH computed from today's figures (a draft). */
int bulletin_make(struct ctx *c, const struct user *u, const char *unit, const char *month,
		  struct bulletin *out);
/* Whether U may publish: an office account of a county (the screens offer P to it only). */
bool bulletin_may_publish(struct ctx *c, const struct user *u);
/* 0 when MONTH is over at NOW; else ZZ_EINVAL saying from when it may be published (a month still
 * running, published, would keep its first days' figures for good). */
int bulletin_month_over(const char *month, int64_t now);
/* Publish the county's bulletin of MONTH (U: bulletin_may_publish), audited; a month is published
 * once, and only once it is over. */
int bulletin_publish(struct ctx *c, const struct user *u, const char *month);
/* The published bulletin of MONTH that U may read: of U's county (U's own county included). */
int bulletin_get(struct ctx *c, const struct user *u, const char *month, struct bulletin *out);
struct sheet;
/* B as a table to export (sheet.h): rank, unit code, unit and the columns (numbers). */
void bulletin_sheet(const struct units *us, const struct bulletin *b, struct sheet *s);
/* Write B as FORMAT ("xlsx", "csv", "csv-gb18030") into U's download folder, audited (U may export
 * events where it read B); *PATH is the file (caller frees). */
int bulletin_export(struct ctx *c, const struct user *u, const struct bulletin *b,
		    const char *format, char **path);
/* Count one login of U now (at login time; a failure to count does not stop the login). */
void bulletin_count_login(struct ctx *c, const struct user *u, int64_t now);

#endif
