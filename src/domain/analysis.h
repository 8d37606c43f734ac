/* analysis.h — the figures of the 统计分析 screens and `zongzhi stats by-…` (4.1.4, 6.4.3.8, 7.5):
 * a subject (events, 实有人口, 特殊人群, …) counted by child unit, by category or by month in a
 * unit's subtree, each figure with the previous month (环比) and the same month a year before
 * (同比). Read from stats.db (stats.h), never by a scan.
 *
 * Only whole months are compared: a month not over yet (the current one, counted to date) has no
 * 同比 or 环比, which would set part of a month against whole ones; the screens open on the last
 * whole month.
 *
 * Events count in the month they were registered; records in the month they were added. A
 * subject is several record types (实有人口: 户籍人口 and 流动人口) or one type split by a code
 * field (社会组织 by kind). Only the types the account may view at the unit are counted
 * (perm_check); none at all is a refusal, the same as for a unit outside the account's scope. */
#ifndef ZZ_ANALYSIS_H
#define ZZ_ANALYSIS_H

#include "ctx.h"
#include "user.h"

#define AN_MAXTYPES 8
#define AN_MAXMONTHS 36

struct an_subject {
	const char *id;			/* for the command line: event, population, special, … */
	const char *title;		/* 矛盾纠纷事件 */
	const char *types[AN_MAXTYPES]; /* record types counted; NULL ends */
	const char *dim; /* code field the categories are (of the only type); NULL: the types are */
	/* The monthly form (reports/) that freezes these figures, and its column of the same count:
	 * a month whose form a unit submitted reads as submitted (NULL: none). */
	const char *form, *form_col;
	/* What the month's figure is, before it on the screen's top line: 合计 of the events found, 新增
	 * of the records added (a population's figure is not its size). */
	const char *total_zh;
};
extern const struct an_subject an_subjects[];
extern const int an_subjects_len;
const struct an_subject *analysis_subject(const char *id);
/* May U see any of S's figures at UNIT? */
bool analysis_may(struct ctx *c, const struct user *u, const struct an_subject *s,
		  const char *unit);

/* One line of a table: KEY (a unit code, a code, a type id or YYYY-MM), what it is called, the
 * figure N, the previous month's (MOM, 环比) and the same month last year's (YOY, 同比). */
struct an_row {
	char *key, *label;
	long long n, mom, yoy;
	bool open; /* its month is not over: MOM and YOY are 0, not compared */
};
struct an_table {
	struct an_row *v;
	int n;
	long long total, total_mom, total_yoy; /* the unit's own figure */
	bool open;			       /* the month asked for is not over */
};
void an_table_free(struct an_table *t);

enum an_view { AN_BY_UNIT, AN_BY_CATEGORY, AN_BY_MONTH, AN__NVIEWS };
extern const char *const an_view_zh[AN__NVIEWS];
extern const char *const an_view_id[AN__NVIEWS]; /* by-unit, by-category, by-month */

/* The month the screens and commands show unless told: the last whole month before NOW. */
void analysis_default_month(int64_t now, char out[8]);

/* The table of VIEW for S in UNIT's subtree at MONTH (YYYY-MM); BY_MONTH: the MONTHS months
 * ending with MONTH, oldest first (1..AN_MAXMONTHS). BY_UNIT: each child unit, in code order
 * (member departments only when they have figures), then the unit's own (key: its code) when it
 * registered any itself. A month not over at NOW is open (not compared). */
int analysis_table(struct ctx *c, const struct user *u, const struct an_subject *s,
		   enum an_view view, const char *unit, const char *month, int months, int64_t now,
		   struct an_table *out);

/* Write table T (VIEW of S at UNIT, MONTH) as FORMAT ("xlsx", "csv" in UTF-8, "csv-gb18030") into U's download
 * folder (0600), audited (no audit entry, no file); *PATH is the file (caller frees). */
int analysis_export(struct ctx *c, const struct user *u, const struct an_subject *s,
		    enum an_view view, const char *unit, const char *month,
		    const struct an_table *t, const char *format, char **path);

#endif
