/* demo_events.c — dispute events for the demo database, in various states, taken through the
 * same actions as a person would (event.c), as the demo accounts: this month's in hand, and
 * settled ones of the two months before and of the same month a year before, so that 统计分析
 * (which opens on the last whole month) and its 同比 and 环比 have figures. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <time.h>

#include "demo.h"
#include "event.h"
#include "stats.h"

struct demo_ev {
	const char *user, *title, *category, *urgency, *place, *desc;
	int scale;
};

static const struct demo_ev demo_evs[] = {
	{"village", "宅基地界址纠纷", "03", "1", "桥头社区3组", "两户因院墙界址发生争执，多次协商未果。", 2},
	{"village", "楼上夜间装修噪音扰民", "02", "1", "桥头社区幸福苑5幢", "住户反映楼上夜间施工，影响休息。", 6},
	{"village2", "家庭赡养纠纷", "01", "1", "东港村2组", "兄弟三人就母亲赡养费分担发生争执。", 4},
	{"town", "租赁合同押金纠纷", "04", "1", "三水街道商业街", "商户与房东就押金退还发生争议。", 2},
	{"village", "企业拖欠工资引发聚集", "10", "3", "桥头社区工业园", "某企业拖欠 30 余名工人工资，工人聚集讨薪。", 32},
	{"u321204001003.office", "物业费收取纠纷", "12", "1", "西河社区锦绣小区", "业主对物业费上涨有异议，拒交物业费。", 15},
};

struct demo_step {
	int ev; /* index into demo_evs */
	const char *user;
	int action;
	const char *to, *comment;
	int days;
};

static const struct demo_step demo_steps[] = {
	/* 0: reported, assigned to 东港村, in hand there. */
	{.ev = 0, .user = "village", .action = EA_REPORT, .comment = "村调委会两次调解未果，需街道协调"},
	{.ev = 0, .user = "town", .action = EA_ACCEPT, .comment = "已签收"},
	{.ev = 0, .user = "town", .action = EA_ASSIGN, .to = "321204001002", .comment = "请东港村调委会协助调解（一方户籍在东港村）"},
	{.ev = 0, .user = "village2", .action = EA_ACCEPT, .comment = "已签收"},
	{.ev = 0, .user = "village2", .action = EA_HANDLE, .comment = "已约双方周五到村调委会面谈"},
	/* 1: waits at 桥头社区 to be accepted. */
	/* 2: settled on the spot (R-EV-3). */
	{.ev = 2, .user = "village2", .action = EA_CLOSE, .comment = "当场调解，兄弟三人签订赡养协议"},
	/* 3: assigned to the township's justice office, fed back. */
	{.ev = 3, .user = "town", .action = EA_ACCEPT, .comment = "已受理"},
	{.ev = 3, .user = "town", .action = EA_ASSIGN, .to = "321204001-justice", .comment = "请司法所依法调处"},
	{.ev = 3, .user = "u321204001.justice", .action = EA_ACCEPT, .comment = "已签收"},
	{.ev = 3, .user = "u321204001.justice", .action = EA_FEEDBACK, .comment = "经调解，房东退还押金 80%，双方无异议"},
	/* 4: urgent, skipped to the county and supervised by it after assignment back down. */
	{.ev = 4, .user = "village", .action = EA_SKIP, .to = "321204", .comment = "涉众讨薪，紧急越级上报"},
	{.ev = 4, .user = "county", .action = EA_ACCEPT, .comment = "已受理，通知人社、公安到场"},
	{.ev = 4, .user = "county", .action = EA_ASSIGN, .to = "321204001", .comment = "请街道牵头处置，每日报告进展"},
	{.ev = 4, .user = "county", .action = EA_SUPERVISE, .comment = "列入区级督办，三日内化解"},
	/* 5: in hand, an extension waits for the township. */
	{.ev = 5, .user = "u321204001003.office", .action = EA_ACCEPT, .comment = "已受理"},
	{.ev = 5, .user = "u321204001003.office", .action = EA_EXT_ASK, .comment = "需等待业主大会表决", .days = 5},
};

/* A settled dispute of a past month: registered on the working day at or after DAY of the month
 * BACK months before the demo's, at 09:30, and settled within the deadlines of R-EV-4 and R-EV-5
 * (no card): on the spot two hours later (R-EV-3), or reported to the township, accepted there the
 * same afternoon and closed two working days later. */
struct demo_past {
	int back, day;
	bool reported;
	struct demo_ev ev;
	const char *result;
};

static const struct demo_past demo_past[] = {
	{1, 3, false, {"village", "排水沟堵塞引发邻里争执", "02", "1", "桥头社区2组", "两户因排水沟堵塞互相指责。", 2}, "村调委会协调疏通排水沟，双方和解"},
	{1, 6, true, {"village2", "养殖场承包费纠纷", "05", "1", "东港村养殖场", "承包户与村集体就承包费调整发生争议。", 3}, "街道农经站核定承包费，双方签订补充协议"},
	{1, 9, false, {"town", "装修工程款纠纷", "04", "1", "三水街道建设路", "业主与装修队就尾款支付发生争执。", 2}, "司法所调解，业主分两次付清尾款"},
	{1, 13, false, {"u321204001003.office", "小区停车位占用纠纷", "12", "1", "西河社区锦绣小区", "业主反映固定车位被长期占用。", 4}, "物业清理占用车辆，划定临时车位"},
	{1, 16, true, {"village", "离婚财产分割纠纷", "01", "1", "桥头社区5组", "夫妻双方就房屋归属发生争执。", 2}, "街道调解，双方达成财产分割协议"},
	{2, 8, false, {"village2", "翻建房屋遮挡采光", "03", "1", "东港村4组", "村民翻建房屋，邻居反映遮挡采光。", 2}, "村调委会现场测量，翻建户降低一层"},
	{2, 14, true, {"village", "楼道堆放杂物纠纷", "02", "1", "桥头社区幸福苑2幢", "住户在楼道堆放杂物，邻居多次交涉无果。", 3}, "街道会同物业清理楼道，双方签订承诺书"},
	{13, 5, false, {"village", "相邻通行纠纷", "02", "1", "桥头社区1组", "一户在通道上砌墙，邻户通行受阻。", 2}, "村调委会调解，拆除围墙恢复通行"},
	{13, 12, true, {"village2", "家庭遗产继承纠纷", "01", "1", "东港村3组", "兄妹就父亲遗留房产继承发生争执。", 3}, "街道调解，兄妹签订遗产分割协议"},
	{13, 18, false, {"town", "商铺租金纠纷", "04", "1", "三水街道商业街", "商户与房东就租金上涨发生争执。", 2}, "司法所调解，租金分两年逐步调整"},
};

/* DAY of MONTH ("YYYY-MM"), or the next working day, at HOUR:MIN after N more working days. */
static int64_t past_at(const struct calendar *cal, const char *month, int day, int n, int hour, int min)
{
	int d = calendar_add_days(cal, date_from_ymd(atoi(month), atoi(month + 5), day), 0);
	int y, m, md;
	date_to_ymd(calendar_add_days(cal, d, n), &y, &m, &md);
	struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = md, .tm_hour = hour, .tm_min = min,
			.tm_isdst = -1};
	return (int64_t)mktime(&tm);
}

static int as_user(struct ctx *c, const char *name, struct user **u)
{
	user_free(u);
	int rc = user_load(c->st, NULL, name, u, false);
	return rc < 0 ? errmsg_set(rc, "演示账号 %s：%s", name, errmsg()) : 0;
}

/* Register E as its account at AT; its id into *ID. */
static int demo_new(struct ctx *c, const struct demo_ev *e, int64_t at, struct user **u, uint64_t *id,
		    struct demo_summary *sum)
{
	const struct rtype *t = event_type(c);
	int rc = as_user(c, e->user, u);
	struct rec *r = rc == 0 ? rec_new(t) : NULL;
	char scale[16], when[20];
	snprintf(scale, sizeof scale, "%d", e->scale);
	/* 发生时间 is not after now (past): a demo made as at a moment still to come (a test's) has
	 * its events happen now, before they are registered. */
	datetime_format(at <= (int64_t)time(NULL) ? (time_t)at : time(NULL), when);
	const char *vals[][2] = {{"title", e->title}, {"category", e->category}, {"urgency", e->urgency},
				 {"occurred", when}, {"scale", scale}, {"place", e->place}, {"description", e->desc}};
	for (size_t k = 0; r && k < ARRAY_LEN(vals) && rc == 0; k++)
		rc = rec_set(r, vals[k][0], vals[k][1]);
	if (rc == 0)
		rc = event_new_at(c, *u, r, "演示数据", NULL, at);
	if (rc == 0) {
		*id = r->id;
		for (int k = 0; k < c->schema->n; k++)
			sum->per_type[k] += c->schema->t[k] == t;
	}
	rec_free(&r);
	return rc;
}

static int demo_step(struct ctx *c, const char *user, uint64_t id, const struct ev_req *req, struct user **u,
		     const char *title)
{
	int rc = as_user(c, user, u);
	if (rc == 0)
		rc = event_act(c, *u, id, req);
	if (rc < 0)
		rc = errmsg_set(rc, "演示事件 %s（%s）：%s", title, wf_actions[req->action].zh, errmsg());
	return rc;
}

/* The steps of a past dispute after its registration: settled on the spot, or reported. BY_TOWN:
 * the township acts, else the unit that registered it; the step's time is N working days after the
 * registration's day, at HOUR:MIN. A NULL comment is the dispute's result. */
struct demo_past_step {
	int action;
	bool by_town;
	int n, hour, min;
	const char *comment;
};

static const struct demo_past_step demo_on_spot[] = {
	{EA_CLOSE, false, 0, 11, 30, NULL},
	{-1, false, 0, 0, 0, NULL},
};

static const struct demo_past_step demo_reported[] = {
	{EA_REPORT, false, 0, 10, 0, "村调委会调解未果，请街道协调"},
	{EA_ACCEPT, true, 0, 14, 0, "已受理"},
	{EA_CLOSE, true, 2, 16, 30, NULL},
	{-1, false, 0, 0, 0, NULL},
};

/* The settled disputes of past months (demo_past), each closed by its deadlines. */
static int demo_past_events(struct ctx *c, int64_t now, struct user **u, struct demo_summary *sum)
{
	char cur[8];
	stats_month(now, cur);
	int rc = 0;
	for (size_t i = 0; i < ARRAY_LEN(demo_past) && rc == 0; i++) {
		const struct demo_past *p = &demo_past[i];
		char month[8];
		stats_month_add(cur, p->back, month);
		uint64_t id = 0;
		rc = demo_new(c, &p->ev, past_at(c->cal, month, p->day, 0, 9, 30), u, &id, sum);
		for (const struct demo_past_step *s = p->reported ? demo_reported : demo_on_spot;
		     s->action >= 0 && rc == 0; s++) {
			struct ev_req req = {.action = s->action, .comment = s->comment ? s->comment : p->result,
					     .at = past_at(c->cal, month, p->day, s->n, s->hour, s->min)};
			rc = demo_step(c, s->by_town ? "town" : p->ev.user, id, &req, u, p->ev.title);
		}
	}
	return rc;
}

int demo_events(struct ctx *c, int64_t now, struct demo_summary *sum)
{
	if (!event_type(c) || !units_find(ctx_units(c), "321204001003"))
		return 0; /* a unit tree without the demo villages: no demo events */
	uint64_t ids[ARRAY_LEN(demo_evs)];
	struct user *u = NULL;
	int rc = 0;
	for (size_t i = 0; i < ARRAY_LEN(demo_evs) && rc == 0; i++)
		rc = demo_new(c, &demo_evs[i], now, &u, &ids[i], sum);
	for (size_t i = 0; i < ARRAY_LEN(demo_steps) && rc == 0; i++) {
		const struct demo_step *s = &demo_steps[i];
		struct ev_req req = {.action = s->action, .to = s->to, .comment = s->comment, .days = s->days,
				     .at = now};
		rc = demo_step(c, s->user, ids[s->ev], &req, &u, demo_evs[s->ev].title);
	}
	/* After this month's: their ids stay the first, as the guide's examples give them. */
	if (rc == 0)
		rc = demo_past_events(c, now, &u, sum);
	user_free(&u);
	return rc;
}
