/* cli_score.c — `zongzhi score`: the yearly scores of units (R-EV-6) and each deduction with its
 * event and card; `zongzhi daily`: daily and zero reports (R-EV-7). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "daily.h"
#include "event.h"
#include "perm.h"
#include "score.h"
#include "score_freeze.h"
#include "score_table.h"
#include "service.h"
#include "todo.h"

struct detail_arg {
	struct cli *cl;
	long n;
	int64_t frozen; /* the year's table was frozen then: later cards are not part of it */
};

static int detail_cb(const struct score_row *r, void *arg)
{
	struct detail_arg *a = arg;
	if (a->frozen && r->given > a->frozen)
		return 0;
	char due[20], given[20], title[256] = "", buf[32];
	datetime_format((time_t)r->due, due);
	datetime_format((time_t)r->given, given);
	struct rec *rec = NULL;
	if (event_get(a->cl->c, a->cl->as, r->event, NULL, &rec) == 0)
		snprintf(title, sizeof title, "%s", rec_name(rec, buf, sizeof buf));
	rec_free(&rec);
	cli_printf("%llu\t%s%s\t%d\t%s\t%s\t%s\n", (unsigned long long)r->event, stage_zh[r->stage], card_zh[r->card],
	       r->points, due, given, title);
	a->n++;
	return 0;
}

/* --year, or the year the score table opens on (score_year_default); false (explained) when it is
 * not a year. */
static bool year_arg(struct cli *cl, int *year)
{
	const char *ys = cli_opt(cl, "year");
	long long y;
	if (ys) {
		if (str_to_ll(ys, &y) < 0 || y < 1990 || y > 2200) {
			cli_fail("--year 应为四位年份");
			return false;
		}
		*year = (int)y;
	} else {
		*year = score_year_default(cl->c, (int64_t)time(NULL));
	}
	return true;
}

int cli_score(struct cli *cl)
{
	struct ctx *c = cl->c;
	int year;
	if (!year_arg(cl, &year))
		return CLI_USAGE;
	const struct rtype *t = event_type(c);
	if (!t)
		return cli_fail("%s", errmsg());
	const struct units *us = ctx_units(c);
	const char *unit = cli_opt(cl, "unit");
	if (unit) {
		if (!units_find(us, unit))
			return cli_fail("单位 %s 不存在", unit);
		if (perm_check(c, cl->as, ACT_VIEW, t, unit) < 0)
			return cli_fail("%s", errmsg());
		int start = (int)conf_int(c->conf, "events.score_start");
		int score, deducted;
		if (score_of(c, year, unit, &score, &deducted) < 0)
			return cli_fail("%s", errmsg());
		cli_printf("单位\t%s %s\n年度\t%d\n得分\t%d\n扣分\t%d（起始 %d 分，最低 0 分）\n\n", unit,
			   units_find(us, unit)->name, year, score, deducted, start);
		struct score_sum fs;
		int64_t at = 0;
		bool frozen = score_frozen(c, year, unit, &fs, &at) == 0;
		if (frozen)
			cli_printf("定稿\t已定稿，此后的督办牌不再计入\n");
		cli_printf("事件号\t督办牌\t扣分\t时限\t记牌时间\t事件名称\n");
		struct detail_arg a = {cl, 0, frozen ? at : 0};
		if (score_scan(c->st, NULL, year, unit, detail_cb, &a) < 0)
			return cli_fail("%s", errmsg());
		return CLI_OK;
	}
	/* Every unit that handles events in the scope: the centers and the member departments. */
	struct score_table st;
	if (score_table_make(c, cl->as, NULL, year, &st) < 0)
		return cli_fail("%s", errmsg());
	cli_printf("单位\t名称\t%d年得分\t扣分\t黄牌\t红牌\n", year);
	for (int i = 0; i < st.n; i++)
		cli_printf("%s\t%s\t%d\t%d\t%d\t%d\n", st.v[i].code, st.v[i].name, st.v[i].score,
			   st.v[i].points, st.v[i].yellow, st.v[i].red);
	score_table_free(&st);
	return CLI_OK;
}

int cli_score_export(struct cli *cl)
{
	int year;
	if (!year_arg(cl, &year))
		return CLI_USAGE;
	const char *fmt = cli_opt(cl, "format");
	struct score_table st;
	if (score_table_make(cl->c, cl->as, cli_opt(cl, "unit"), year, &st) < 0)
		return cli_fail("%s", errmsg());
	char *path = NULL;
	int rc = CLI_OK;
	if (score_table_export(cl->c, cl->as, &st, fmt ? fmt : "xlsx", &path) < 0)
		rc = cli_fail("%s", errmsg());
	else
		cli_printf("%s\n", path);
	free(path);
	score_table_free(&st);
	return rc;
}

static int day_arg(struct cli *cl, int *day)
{
	const char *d = cli_opt(cl, "date");
	if (!d) {
		*day = date_today(time(NULL));
		return 0;
	}
	if (date_parse(d, day) < 0)
		return cli_fail("--date 应写成 YYYY-MM-DD：%s", d);
	return 0;
}

int cli_daily_report(struct cli *cl)
{
	int day;
	if (day_arg(cl, &day))
		return CLI_USAGE;
	bool zero = !strcmp(cl->cmd->sub, "zero");
	if (daily_file(cl->c, cl->as, cli_opt(cl, "unit"), day, zero ? DAILY_ZERO : DAILY_REPORT, cli_opt(cl, "text")) < 0)
		return cli_fail("%s", errmsg());
	return CLI_OK;
}

int cli_daily_correct(struct cli *cl)
{
	int day;
	if (day_arg(cl, &day))
		return CLI_USAGE;
	if (daily_correct(cl->c, cl->as, cli_opt(cl, "unit"), day, cli_opt(cl, "text")) < 0)
		return cli_fail("%s", errmsg());
	return CLI_OK;
}

static int daily_print(const struct daily_row *r, void *arg)
{
	(void)arg;
	char d[11], when[20] = "-";
	date_format(r->day, d);
	if (r->kind != DAILY_MISSING && r->time)
		datetime_format((time_t)r->time, when);
	cli_printf("%s\t%s\t%s%s\t%s\t%s\t", d, r->unit, daily_kind_zh[r->kind], r->late ? "（补报）" : "",
	       r->kind == DAILY_MISSING ? "" : r->user ? r->user : "", when);
	cli_put_cell(r->text);
	putchar('\n');
	return 0;
}

int cli_daily_list(struct cli *cl)
{
	const char *unit = cli_opt(cl, "unit");
	if (!unit && !perm_console(cl->as))
		unit = cl->as->unit;
	if (!unit)
		return cli_fail("请用 --unit 指定单位");
	if (!units_find(ctx_units(cl->c), unit))
		return cli_fail("单位 %s 不存在", unit);
	const struct rtype *t = event_type(cl->c);
	if (!t || perm_check(cl->c, cl->as, ACT_VIEW, t, unit) < 0)
		return cli_fail("%s", errmsg());
	int today = date_today(time(NULL)), from = today - 31, to = today;
	if (cli_opt(cl, "from") && date_parse(cli_opt(cl, "from"), &from) < 0)
		return cli_fail("--from 应写成 YYYY-MM-DD");
	if (cli_opt(cl, "to") && date_parse(cli_opt(cl, "to"), &to) < 0)
		return cli_fail("--to 应写成 YYYY-MM-DD");
	cli_printf("日期\t单位\t类别\t报送人\t报送时间\t内容\n");
	if (daily_scan(cl->c, unit, from, to, daily_print, NULL) < 0)
		return cli_fail("%s", errmsg());
	return CLI_OK;
}

int cli_score_freeze(struct cli *cl)
{
	long long year;
	if (str_to_ll(cl->argv[0], &year) < 0 || year < 1990 || year > 2200)
		return cli_fail("年份应为四位数字：%s", cl->argv[0]);
	if (score_freeze(cl->c, cl->as, (int)year) < 0)
		return cli_fail("%s", errmsg());
	cli_printf("%lld 年考核得分已定稿\n", year);
	return CLI_OK;
}
