/* test_report.c — the monthly form engine (R-RP-2): computed cells from the counters, typed cells,
 * checks with the failing cell, draft, frozen submission of a month that is over, roll-up with
 * missing units and those that submitted after the roll-up, return, due days, late marks by the
 * daemon rule (R-AC-6), none of months before the home was made. */
#include "testlib.h"

#include <time.h>

#include "event.h"
#include "report.h"
#include "stats.h"

struct fx {
	struct tl t;
	struct rp_defs *defs;
	const struct rp_def *d;
	char month[8];
	struct user *town, *town2, *county;
};

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	tl_open(&f->t, true);
	assert_int_equal(report_defs_load(f->t.c, &f->defs), 0);
	f->d = report_def(f->defs, "dispute_mediation");
	assert_non_null(f->d);
	stats_month((int64_t)time(NULL), f->month);
	f->town = tl_user(&f->t, "town", "321204001", "office", NULL);
	f->town2 = tl_user(&f->t, "town2", "321204002", "office", NULL);
	f->county = tl_user(&f->t, "county", "321204", "office", NULL);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	user_free(&f->town);
	user_free(&f->town2);
	user_free(&f->county);
	report_defs_free(&f->defs);
	tl_close(&f->t);
	free(f);
	return 0;
}

static void new_event(struct fx *f, const char *unit, const char *category)
{
	struct rec *r = rec_new(event_type(f->t.c));
	const char *kv[][2] = {{"title", "邻里纠纷"},
			       {"category", category},
			       {"urgency", "1"},
			       {"occurred", "2020-11-02 09:00"},
			       {"scale", "2"},
			       {"place", "桥头1组"},
			       {"description", "两户争执"}};
	for (size_t i = 0; i < ARRAY_LEN(kv); i++)
		assert_int_equal(rec_set(r, kv[i][0], kv[i][1]), 0);
	rec_set_meta(&r->unit, unit);
	if (event_new(f->t.c, &service_console, r, "登记", NULL) < 0)
		fail_msg("%s", errmsg());
	rec_free(&r);
}

static long long cell(const struct rp_form *g, const char *row, const char *col)
{
	for (int r = 0; r < g->d->nrows; r++)
		for (int k = 0; k < g->d->ncols; k++)
			if (strcmp(g->d->rows[r].id, row) == 0 &&
			    strcmp(g->d->cols[k].id, col) == 0)
				return RP_CELL(g, r, k);
	fail_msg("no cell %s/%s", row, col);
	return -1;
}

/* The town's form of the month with three disputes found: two of kind 02, one of 03. */
static struct rp_form *open_three(struct fx *f)
{
	new_event(f, "321204001", "02");
	new_event(f, "321204001", "02");
	new_event(f, "321204001", "03");
	struct rp_form *g = NULL;
	assert_int_equal(report_open(f->t.c, f->town, f->d, "321204001", f->month, &g), 0);
	return g;
}

static void test_compute_check_submit(void **state)
{
	struct fx *f = *state;
	struct rp_form *g = open_three(f);
	assert_int_equal(cell(g, "total", "found"), 3);
	assert_int_equal(cell(g, "02", "found"), 2);
	assert_int_equal(cell(g, "03", "found"), 1);
	assert_int_equal(cell(g, "02", "accepted"), 0);
	assert_false(g->rollup);
	assert_int_equal(g->state, RP_NONE);

	/* Computed and total cells are not typed; a part above its whole points at its cell. */
	assert_int_equal(report_set(g, "02", "found", "9"), ZZ_EINVAL);
	assert_errmsg_has("由系统按数据统计");
	assert_int_equal(report_set(g, "total", "people", "9"), ZZ_EINVAL);
	assert_int_equal(report_set(g, "02", "people", "-1"), ZZ_EINVAL);
	assert_errmsg_has("不能为负数");
	assert_int_equal(report_set(g, "邻里纠纷", "防止民转刑", "5"), 0);
	int row = -1, col = -1;
	assert_int_equal(report_check(g, false, &row, &col), ZZ_EINVAL);
	assert_string_equal(f->d->rows[row].id, "02");
	assert_string_equal(f->d->cols[col].id, "prevent_crime");
	assert_int_equal(report_save(f->t.c, f->town, g), ZZ_EINVAL);
	assert_int_equal(report_set(g, "02", "prevent_crime", "1"), 0);
	assert_int_equal(report_set(g, "02", "people", "4"), 0);
	assert_int_equal(cell(g, "total", "people"), 4);
	/* 涉及人数 counts the people of the disputes found ("of" in the form file; R-RP-2's form,
	 * the standard names no figure: doc/报表.md 校验): none without a dispute, and once
	 * submitted at least one for each. */
	assert_int_equal(report_set(g, "01", "people", "2"), 0);
	assert_int_equal(report_check(g, false, &row, &col), ZZ_EINVAL);
	assert_errmsg_has("“婚姻家庭纠纷”的“排查纠纷”为 0，“涉及人数”也应为 0（现为 2）");
	assert_string_equal(f->d->rows[row].id, "01");
	assert_string_equal(f->d->cols[col].id, "people");
	assert_int_equal(report_save(f->t.c, f->town, g), ZZ_EINVAL);
	assert_int_equal(report_set(g, "01", "people", "0"), 0);
	assert_int_equal(report_set(g, "02", "people", "1"), 0);
	assert_int_equal(report_check(g, false, &row, &col), ZZ_EINVAL);
	assert_errmsg_has("“邻里纠纷”的“涉及人数”（1）不能少于“排查纠纷”（2）");
	assert_string_equal(f->d->rows[row].id, "02");
	assert_int_equal(report_set(g, "02", "people", "4"), 0);
	/* A draft may leave the cell at 0, not yet filled (房屋宅基地纠纷 has one dispute), and its
	 * total, the sum of such rows, is not held to it either. */
	assert_int_equal(report_set(g, "02", "people", "2"), 0);
	assert_true(cell(g, "total", "people") < cell(g, "total", "found"));
	assert_int_equal(report_check(g, false, &row, &col), 0);
	assert_int_equal(report_set(g, "02", "people", "4"), 0);
	assert_int_equal(report_check(g, true, &row, &col), ZZ_EINVAL);
	assert_errmsg_has("“房屋宅基地纠纷”的“涉及人数”（0）不能少于“排查纠纷”（1）");
	assert_string_equal(f->d->rows[row].id, "03");
	assert_string_equal(f->d->cols[col].id, "people");
	assert_int_equal(report_save(f->t.c, f->town, g), 0);
	assert_int_equal(report_set(g, "03", "people", "1"), 0);
	assert_int_equal(report_save(f->t.c, f->town, g), 0);
	report_form_free(&g);

	/* The draft keeps the typed cells; another township cannot fill this one (R-AC-1). */
	assert_int_equal(report_open(f->t.c, f->town, f->d, "321204001", f->month, &g), 0);
	assert_int_equal(g->state, RP_DRAFT);
	assert_int_equal(cell(g, "02", "people"), 4);
	assert_int_equal(
	    report_open(f->t.c, f->town2, f->d, "321204001", f->month, &(struct rp_form *){NULL}),
	    ZZ_EPERM);
	/* A month to come has no form: neither shown as 未填报 nor saved as a draft. */
	char next[8];
	stats_month_add(f->month, -1, next);
	assert_int_equal(report_open(f->t.c, f->town, f->d, "321204001", next, &(struct rp_form *){NULL}),
			 ZZ_EINVAL);
	assert_errmsg_has("月还没有开始");
	/* R-RP-2: the township reports the past month, so not while the month runs (its figures still
	 * grow): from the 1st of the next one. */
	struct tm mid = {.tm_year = atoi(f->month) - 1900, .tm_mon = atoi(f->month + 5) - 1,
			 .tm_mday = 28, .tm_hour = 23, .tm_isdst = -1};
	assert_int_equal(report_submit(f->t.c, f->town, g, (int64_t)mktime(&mid)), ZZ_EINVAL);
	assert_errmsg_has("月还没有结束");
	assert_int_equal(g->state, RP_DRAFT);
	/* Submitted: frozen, even when the events change afterwards. */
	int64_t now = report_due(f->t.c, f->d, LV_TOWNSHIP, f->month) - 7 * 86400;
	assert_int_equal(report_submit(f->t.c, f->town, g, now), 0);
	assert_false(g->late);
	assert_int_equal(g->state, RP_SUBMITTED);
	assert_int_equal(report_submit(f->t.c, f->town, g, now), ZZ_EINVAL);
	report_form_free(&g);
	new_event(f, "321204001", "02");
	assert_int_equal(report_open(f->t.c, f->town, f->d, "321204001", f->month, &g), 0);
	assert_int_equal(cell(g, "02", "found"), 2);
	assert_int_equal(report_set(g, "02", "people", "5"), ZZ_EINVAL);
	assert_errmsg_has("已上报");
	report_form_free(&g);

	/* R-RP-2: the county sums what was submitted and names who is missing. */
	new_event(f, "321204002", "02");
	assert_int_equal(report_open(f->t.c, f->county, f->d, "321204", f->month, &g), 0);
	assert_true(g->rollup);
	assert_int_equal(cell(g, "total", "found"), 3);
	assert_int_equal(cell(g, "02", "people"), 4);
	assert_true(strv_find(&g->missing, "321204002") >= 0);
	assert_true(strv_find(&g->missing, "321204001") < 0);
	/* Only the unit above sends back, with a reason; the township's form reopens. */
	report_form_free(&g);
	assert_int_equal(report_open(f->t.c, f->town, f->d, "321204001", f->month, &g), 0);
	assert_int_equal(report_return(f->t.c, f->town, g, "错了"), ZZ_EPERM);
	assert_int_equal(report_return(f->t.c, f->county, g, ""), ZZ_EINVAL);
	assert_int_equal(report_return(f->t.c, f->county, g, "第二行\n有误"), ZZ_EINVAL);
	/* 200 characters at most, counted as characters (a Chinese one is three bytes). */
	struct sb long_reason;
	sb_init(&long_reason);
	for (int i = 0; i < 201; i++)
		sb_adds(&long_reason, "误");
	assert_int_equal(report_return(f->t.c, f->county, g, long_reason.buf), ZZ_EINVAL);
	assert_non_null(strstr(errmsg(), "至多 200 字（现有 201 字）"));
	sb_free(&long_reason);
	/* A member department does not send back the center's forms (it neither fills them), and a
	 * leader's refusal names the form, not the events it is counted from. */
	struct user *police = tl_user(&f->t, "police", "321204", "dept", "police");
	struct user *leader = tl_user(&f->t, "leader", "321204", "leader", NULL);
	assert_int_equal(report_return(f->t.c, police, g, "错了"), ZZ_EPERM);
	assert_errmsg_has("由综治办退回");
	assert_false(report_can_return(f->t.c, police, g));
	assert_int_equal(report_return(f->t.c, leader, g, "错了"), ZZ_EPERM);
	assert_errmsg_has("无权退回社会矛盾排查调解报表");
	user_free(&police);
	user_free(&leader);
	assert_int_equal(g->state, RP_SUBMITTED);
	assert_int_equal(report_return(f->t.c, f->county, g, "涉及人数有误"), 0);
	report_form_free(&g);
	assert_int_equal(report_open(f->t.c, f->town, f->d, "321204001", f->month, &g), 0);
	assert_int_equal(g->state, RP_RETURNED);
	assert_string_equal(g->reason, "涉及人数有误");
	assert_int_equal(cell(g, "02", "found"), 3);
	assert_int_equal(cell(g, "02", "people"), 4);
	report_form_free(&g);
}

/* Every problem of a form at once, in the order report_check finds them (rows, then the total),
 * each with its cell: the screen lists them all instead of one at each U. The total's, the sum
 * of its rows' problems, is not listed again. */
static void test_problems_all(void **state)
{
	struct fx *f = *state;
	struct rp_form *g = open_three(f);
	assert_int_equal(report_set(g, "01", "people", "2"), 0);
	assert_int_equal(report_set(g, "02", "prevent_crime", "5"), 0);
	struct rp_problem *v = NULL;
	int n = report_problems(g, true, &v);
	const char *want[][3] = {
	    {"01", "people", "“婚姻家庭纠纷”的“排查纠纷”为 0，“涉及人数”也应为 0（现为 2）"},
	    {"02", "people", "“邻里纠纷”的“涉及人数”（0）不能少于“排查纠纷”（2）"},
	    {"02", "prevent_crime", "“邻里纠纷”的“防止民转刑”（5）不能大于“排查纠纷”（2）"},
	    {"03", "people", "“房屋宅基地纠纷”的“涉及人数”（0）不能少于“排查纠纷”（1）"},
	};
	assert_int_equal(n, (int)ARRAY_LEN(want));
	for (int i = 0; i < n; i++) {
		assert_string_equal(g->d->rows[v[i].row].id, want[i][0]);
		assert_string_equal(g->d->cols[v[i].col].id, want[i][1]);
		if (!strstr(v[i].msg, want[i][2]))
			fail_msg("problem %d: %s", i, v[i].msg);
	}
	/* report_check stops at the first of them. */
	int row = -1, col = -1;
	assert_int_equal(report_check(g, true, &row, &col), ZZ_EINVAL);
	assert_int_equal(row, v[0].row);
	assert_int_equal(col, v[0].col);
	report_problems_free(&v, n);
	assert_null(v);
	/* A draft leaves cells at 0 unchecked: two problems remain. */
	n = report_problems(g, false, &v);
	assert_int_equal(n, 2);
	report_problems_free(&v, n);
	/* The total is listed where no row of its column is (a negative figure, which only a
	 * damaged draft holds, has no row's problem under it here). */
	RP_CELL(g, 0, 7) = -1;
	n = report_problems(g, false, &v);
	assert_int_equal(n, 3);
	assert_int_equal(v[2].row, 0);
	assert_int_equal(v[2].col, 7);
	RP_CELL(g, 0, 7) = 0;
	report_problems_free(&v, n);
	/* Corrected, none; nothing is allocated. */
	assert_int_equal(report_set(g, "01", "people", "0"), 0);
	assert_int_equal(report_set(g, "02", "prevent_crime", "1"), 0);
	assert_int_equal(report_set(g, "02", "people", "2"), 0);
	assert_int_equal(report_set(g, "03", "people", "1"), 0);
	assert_int_equal(report_problems(g, true, &v), 0);
	assert_null(v);
	report_form_free(&g);
}

/* R-EV-8's 群体性事件月报表: 参与人数 are the people of the row's incidents (起数), checked as
 * 涉及人数 is against 排查纠纷 (the standard names no least number per incident): none without an
 * incident, at least one for each once submitted, a draft's 0 not yet filled. */
static void test_mass_people(void **state)
{
	struct fx *f = *state;
	const struct rp_def *d = report_def(f->defs, "mass_incident");
	assert_non_null(d);
	struct rp_form g = {.d = d, .v = xcalloc((size_t)(d->nrows * d->ncols), sizeof *g.v)};
	int count = -1, people = -1, row = -1, col = -1;
	for (int k = 0; k < d->ncols; k++) {
		count = strcmp(d->cols[k].id, "count") == 0 ? k : count;
		people = strcmp(d->cols[k].id, "people") == 0 ? k : people;
	}
	assert_int_equal(d->cols[people].rel[RP_OF], count);
	/* 邻里纠纷 (row 2): 3 people and no incident. */
	RP_CELL(&g, 2, people) = RP_CELL(&g, 0, people) = 3;
	assert_int_equal(report_check(&g, false, &row, &col), ZZ_EINVAL);
	assert_errmsg_has("“邻里纠纷”的“起数”为 0，“参与人数”也应为 0（现为 3）");
	assert_int_equal(row, 2);
	assert_int_equal(col, people);
	/* Two incidents, 3 people: whole. One incident more in 合同纠纷 (row 4) with no people yet:
	 * a draft keeps it, a submission does not. */
	RP_CELL(&g, 2, count) = 2;
	RP_CELL(&g, 4, count) = 1;
	RP_CELL(&g, 0, count) = 3;
	assert_int_equal(report_check(&g, false, &row, &col), 0);
	assert_int_equal(report_check(&g, true, &row, &col), ZZ_EINVAL);
	assert_errmsg_has("“合同纠纷”的“参与人数”（0）不能少于“起数”（1）");
	assert_int_equal(row, 4);
	assert_int_equal(col, people);
	/* Fewer people than incidents is refused in a draft too. */
	RP_CELL(&g, 2, people) = RP_CELL(&g, 0, people) = 1;
	assert_int_equal(report_check(&g, false, &row, &col), ZZ_EINVAL);
	assert_errmsg_has("“邻里纠纷”的“参与人数”（1）不能少于“起数”（2）");
	RP_CELL(&g, 2, people) = 2;
	RP_CELL(&g, 4, people) = 40;
	RP_CELL(&g, 0, people) = 42;
	assert_int_equal(report_check(&g, true, &row, &col), 0);
	free(g.v);
}

/* The home as made at WHEN (STORE_MADE, written by the store when it made the home). */
static void made_at(struct fx *f, int64_t when)
{
	unsigned char be[8];
	be64_put(be, (uint64_t)when);
	assert_int_equal(store_put(store_db(f->t.c->st, DBI_META), NULL, STORE_MADE,
				   sizeof STORE_MADE, be, 8),
			 0);
}

static void test_due_and_late(void **state)
{
	struct fx *f = *state;
	/* R-RP-2: township by the 8th, county by the 10th of the month after (conf/reports.cfg). */
	int64_t due = report_due(f->t.c, f->d, LV_TOWNSHIP, "2026-03");
	struct tm tm;
	time_t tt = (time_t)due;
	localtime_r(&tt, &tm);
	assert_int_equal(tm.tm_mon, 3);
	assert_int_equal(tm.tm_mday, 8);
	assert_int_equal(tm.tm_hour, 23);
	tt = (time_t)report_due(f->t.c, f->d, LV_COUNTY, "2026-12");
	localtime_r(&tt, &tm);
	assert_int_equal(tm.tm_year + 1900, 2027);
	assert_int_equal(tm.tm_mday, 10);

	char prev[8];
	stats_month_add(f->month, 1, prev);
	int64_t after = report_due(f->t.c, f->d, LV_COUNTY, prev) + 60;
	/* A home made two months before: PREV is asked for. */
	made_at(f, report_due_day(prev, 1) - 62 * 86400);
	assert_int_equal(report_rule_late(f->t.c, after), 0);
	struct rp_form *g = NULL;
	assert_int_equal(report_open(f->t.c, f->town, f->d, "321204001", prev, &g), 0);
	assert_true(g->late);
	/* R-AC-6: submitting late keeps the mark (a late report stays traceable). */
	assert_int_equal(report_submit(f->t.c, f->town, g, after), 0);
	assert_true(g->late);
	report_form_free(&g);
	struct todo_list l = {0};
	assert_int_equal(report_todo(f->t.c, f->town2, after, &l), 0);
	bool late_item = false;
	for (int i = 0; i < l.n; i++) {
		if (strstr(l.v[i].text, "已逾期未上报") == NULL)
			continue;
		late_item = true;
		/* 红牌 and 黄牌 are only cards given (the to-do list's levels); a late form is 逾期. */
		assert_int_equal(l.v[i].level, TODO_OVERDUE);
	}
	assert_true(late_item);
	todo_free(&l);
}

/* R-RP-2: a roll-up submitted without a township that reports later leaves that township out;
 * the county sees who came in since, on the form and in its to-do, until the city sends it back. */
static void test_rollup_sent_after(void **state)
{
	struct fx *f = *state;
	char prev[8];
	stats_month_add(f->month, 1, prev);
	/* A home made two months before: PREV is asked for. */
	made_at(f, report_due_day(prev, 1) - 62 * 86400);
	int64_t now = report_due(f->t.c, f->d, LV_TOWNSHIP, prev) - 86400;
	struct rp_form *g = NULL;
	assert_int_equal(report_open(f->t.c, f->town, f->d, "321204001", prev, &g), 0);
	assert_int_equal(report_submit(f->t.c, f->town, g, now), 0);
	report_form_free(&g);
	assert_int_equal(report_open(f->t.c, f->county, f->d, "321204", prev, &g), 0);
	assert_true(strv_find(&g->missing, "321204002") >= 0);
	assert_int_equal(report_submit(f->t.c, f->county, g, now), 0);
	report_form_free(&g);
	struct todo_list l = {0};
	assert_int_equal(report_todo(f->t.c, f->county, now, &l), 0);
	for (int i = 0; i < l.n; i++)
		assert_null(strstr(l.v[i].text, "其后补报"));
	todo_free(&l);

	assert_int_equal(report_open(f->t.c, f->town2, f->d, "321204002", prev, &g), 0);
	assert_int_equal(report_submit(f->t.c, f->town2, g, now), 0);
	report_form_free(&g);
	assert_int_equal(report_open(f->t.c, f->county, f->d, "321204", prev, &g), 0);
	assert_int_equal(g->state, RP_SUBMITTED);
	assert_int_equal(g->sent_after.n, 1);
	assert_string_equal(g->sent_after.v[0], "321204002");
	report_form_free(&g);
	assert_int_equal(report_todo(f->t.c, f->county, now, &l), 0);
	int found = 0;
	for (int i = 0; i < l.n; i++)
		if (strstr(l.v[i].text, "（其后补报），请上级退回重报")) {
			found++;
			assert_int_equal(l.v[i].level, TODO_WARN);
			assert_non_null(strstr(l.v[i].ref, prev));
		}
	assert_int_equal(found, 1);
	todo_free(&l);
}

/* The forms of months before the home was made are neither marked late nor in the to-do list; a
 * home whose making is unknown, or "made" after now (the clock set back), is asked for all. A form
 * of such a month sent up all the same is still followed. */
static void test_before_home(void **state)
{
	struct fx *f = *state;
	char prev[8];
	stats_month_add(f->month, 1, prev);
	int64_t after = report_due(f->t.c, f->d, LV_COUNTY, prev) + 60;
	char *line = xasprintf("%s（%s）已逾期未上报", f->d->title, prev);
	for (int k = 0; k < 3; k++) {
		/* Made this month; made after AFTER; unknown. */
		if (k < 2)
			made_at(f, k == 0 ? report_due_day(prev, 1) + 3600 : after + 3600);
		else
			assert_int_equal(store_del(store_db(f->t.c->st, DBI_META), NULL, STORE_MADE,
						   sizeof STORE_MADE),
					 0);
		char first[8];
		assert_int_equal(report_first_month(f->t.c, after, first), 0);
		assert_string_equal(first, k == 0 ? f->month : "");
		assert_int_equal(report_rule_late(f->t.c, after), 0);
		struct rp_form *g = NULL;
		assert_int_equal(report_open(f->t.c, f->town, f->d, "321204001", prev, &g), 0);
		assert_int_equal(g->late, k > 0);
		report_form_free(&g);
		struct todo_list l = {0};
		assert_int_equal(report_todo(f->t.c, f->town2, after, &l), 0);
		bool listed = false;
		for (int i = 0; i < l.n; i++)
			listed |= strstr(l.v[i].text, line) != NULL;
		assert_int_equal(listed, k > 0);
		todo_free(&l);
	}
	free(line);

	/* Made this month, a form of PREV sent up all the same and sent back: it is followed. */
	made_at(f, report_due_day(prev, 1) + 3600);
	struct rp_form *g = NULL;
	assert_int_equal(report_open(f->t.c, f->town2, f->d, "321204002", prev, &g), 0);
	assert_int_equal(report_submit(f->t.c, f->town2, g, after), 0);
	report_form_free(&g);
	assert_int_equal(report_open(f->t.c, f->county, f->d, "321204002", prev, &g), 0);
	assert_int_equal(report_return(f->t.c, f->county, g, "数字有误"), 0);
	report_form_free(&g);
	struct todo_list l = {0};
	assert_int_equal(report_todo(f->t.c, f->town2, after, &l), 0);
	line = xasprintf("%s（%s）被上级退回：数字有误", f->d->title, prev);
	bool listed = false;
	for (int i = 0; i < l.n; i++)
		listed |= strstr(l.v[i].text, line) != NULL;
	assert_true(listed);
	todo_free(&l);
	free(line);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_compute_check_submit, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_problems_all, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_mass_people, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_due_and_late, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_rollup_sent_after, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_before_home, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
