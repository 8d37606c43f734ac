/* demo_events.c — dispute events for the demo database, in various states, taken through the
 * same actions as a person would (event.c), as the demo accounts. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <time.h>

#include "demo.h"
#include "event.h"

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

static int as_user(struct ctx *c, const char *name, struct user **u)
{
	user_free(u);
	int rc = user_load(c->st, NULL, name, u, false);
	return rc < 0 ? errmsg_set(rc, "演示账号 %s：%s", name, errmsg()) : 0;
}

int demo_events(struct ctx *c, struct demo_summary *sum)
{
	const struct rtype *t = event_type(c);
	if (!t || !units_find(ctx_units(c), "321204001003"))
		return 0; /* a unit tree without the demo villages: no demo events */
	uint64_t ids[ARRAY_LEN(demo_evs)];
	struct user *u = NULL;
	int rc = 0;
	for (size_t i = 0; i < ARRAY_LEN(demo_evs) && rc == 0; i++) {
		const struct demo_ev *e = &demo_evs[i];
		rc = as_user(c, e->user, &u);
		struct rec *r = rc == 0 ? rec_new(t) : NULL;
		char scale[16], now[20];
		snprintf(scale, sizeof scale, "%d", e->scale);
		datetime_format(time(NULL), now);
		const char *vals[][2] = {{"title", e->title}, {"category", e->category}, {"urgency", e->urgency},
					 {"occurred", now}, {"scale", scale}, {"place", e->place}, {"description", e->desc}};
		for (size_t k = 0; r && k < ARRAY_LEN(vals) && rc == 0; k++)
			rc = rec_set(r, vals[k][0], vals[k][1]);
		if (rc == 0)
			rc = event_new(c, u, r, "演示数据", NULL);
		if (rc == 0) {
			ids[i] = r->id;
			for (int k = 0; k < c->schema->n; k++)
				sum->per_type[k] += c->schema->t[k] == t;
		}
		rec_free(&r);
	}
	for (size_t i = 0; i < ARRAY_LEN(demo_steps) && rc == 0; i++) {
		const struct demo_step *s = &demo_steps[i];
		rc = as_user(c, s->user, &u);
		struct ev_req req = {.action = s->action, .to = s->to, .comment = s->comment, .days = s->days};
		if (rc == 0)
			rc = event_act(c, u, ids[s->ev], &req);
		if (rc < 0)
			rc = errmsg_set(rc, "演示事件 %s（%s）：%s", demo_evs[s->ev].title, wf_actions[s->action].zh, errmsg());
	}
	user_free(&u);
	return rc;
}
