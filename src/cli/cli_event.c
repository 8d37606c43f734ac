/* cli_event.c — dispute events, the calendar, scores, daily reports and the to-do list from the
 * command line; the same functions as the UI (event.c, daily.c, score.c), as the --as account. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "daily.h"
#include "event.h"
#include "period.h"
#include "perm.h"
#include "score.h"
#include "service.h"
#include "todo.h"

/* Options of `event new` that name a field, in the order they are set. */
static const char *const new_fields[] = {"title", "category", "kind", "urgency", "occurred", "scale", "place", "grid",
					 "description"};

int cli_event_new(struct cli *cl)
{
	const struct rtype *t = event_type(cl->c);
	if (!t)
		return cli_fail("%s", errmsg());
	struct rec *r = rec_new(t);
	const char *unit = cli_opt(cl, "unit");
	if (!unit && !perm_console(cl->as))
		unit = cl->as->unit;
	if (!unit) {
		rec_free(&r);
		return cli_fail("请用 --unit 指定登记事件的单位");
	}
	rec_set_meta(&r->unit, unit);
	/* What a person would not type: the time is now, the urgency ordinary, unless given. */
	char now[20];
	datetime_format(time(NULL), now);
	int rc = rec_set(r, "occurred", now);
	if (rc == 0)
		rc = rec_set(r, "urgency", "1");
	for (size_t i = 0; i < ARRAY_LEN(new_fields) && rc == 0; i++) {
		const char *v = cli_opt(cl, new_fields[i]);
		if (v)
			rc = rec_set(r, new_fields[i], v);
	}
	for (int i = 0; i < cl->argc && rc == 0; i++) {
		char *eq = strchr(cl->argv[i], '=');
		if (!eq) {
			rc = errmsg_set(ZZ_EINVAL, "参数 “%s” 应写成 字段=值", cl->argv[i]);
			break;
		}
		char *name = xstrndup(cl->argv[i], (size_t)(eq - cl->argv[i]));
		rc = rec_set(r, name, eq + 1);
		free(name);
	}
	if (rc == 0)
		rc = event_new(cl->c, cl->as, r, cli_opt(cl, "comment"), NULL);
	if (rc == 0)
		cli_printf("%llu\n", (unsigned long long)r->id);
	rec_free(&r);
	return rc < 0 ? cli_fail("%s", errmsg()) : CLI_OK;
}

static int id_arg(struct cli *cl, uint64_t *id)
{
	return cli_parse_id(cl->argv[0], id);
}

int cli_event_act(struct cli *cl)
{
	uint64_t id;
	int rc = id_arg(cl, &id);
	if (rc)
		return rc;
	const char *sub = cl->cmd->sub;
	struct ev_req req = {.action = wf_action_parse(sub), .comment = cli_opt(cl, "comment"), .to = cli_opt(cl, "to")};
	if (!req.comment)
		req.comment = cli_opt(cl, "result");
	if (!strcmp(sub, "report") && req.to)
		req.action = EA_SKIP;
	if (!strcmp(sub, "supervise") && cli_opt(cl, "eval")) {
		req.action = EA_EVALUATE;
		req.eval = cli_opt(cl, "eval");
	}
	if (!strcmp(sub, "extend")) {
		if (cli_flag(cl, "grant") && cli_flag(cl, "refuse"))
			return cli_fail("--grant 与 --refuse 只能选一个");
		if (cli_flag(cl, "grant"))
			req.action = EA_EXT_GRANT;
		else if (cli_flag(cl, "refuse"))
			req.action = EA_EXT_REFUSE;
		const char *d = cli_opt(cl, "days");
		long long days = 0;
		if (req.action == EA_EXT_ASK && (!d || str_to_ll(d, &days) < 0 || days > 10000))
			return cli_fail("请用 --days N 写明申请延期的工作日数");
		req.days = (int)days;
	}
	if (event_act(cl->c, cl->as, id, &req) < 0)
		return cli_fail("%s", errmsg());
	struct event *ev = NULL;
	if (event_load(cl->c->st, NULL, id, &ev, false) == 0)
		cli_printf("%llu\t%s\t%s\n", (unsigned long long)id, ev_state_zh[ev->state], cli_unit_name(cl, ev->holder));
	event_free(&ev);
	return CLI_OK;
}

static void print_deadlines(struct cli *cl, const struct event *ev)
{
	struct ev_clock k;
	event_clock(cl->c, ev, &k);
	int64_t now = (int64_t)time(NULL);
	for (int s = 0; s < STAGE__COUNT; s++) {
		if (!k.pending[s] && k.met[s]) {
			char *met = event_met_text(ev, &k, s);
			cli_printf("%s时限\t%s\n", stage_zh[s], met);
			free(met);
		}
		if (!k.pending[s])
			continue;
		for (int card = 0; card < CARD__KINDS; card++) {
			char when[20];
			cli_time(k.due[s][card], when);
			char *left = ev->cards & deadline_bit(s, card) ? xstrdup("已给出") : event_left_text(cl->c, now, k.due[s][card]);
			cli_printf("%s时限（%s）\t%s\t%s\n", stage_zh[s], card_zh[card], when, left);
			free(left);
		}
	}
	if (ev->ext_days)
		cli_printf("已延期\t%d 个工作日\n", ev->ext_days);
	if (ev->ext_req_days)
		cli_printf("延期申请\t%d 个工作日，待%s审批：%s\n", ev->ext_req_days,
		       cli_unit_name(cl, workflow_decider(ctx_units(cl->c), ev)), ev->ext_req_reason ? ev->ext_req_reason : "");
}

int cli_event_show(struct cli *cl)
{
	uint64_t id;
	int rc = id_arg(cl, &id);
	if (rc)
		return rc;
	struct event *ev = NULL;
	struct rec *r = NULL;
	if (event_get(cl->c, cl->as, id, &ev, &r) < 0)
		return cli_fail("%s", errmsg());
	char t1[20], t2[20];
	cli_time(ev->created, t1);
	cli_time(ev->reached, t2);
	cli_printf("字段\t值\n事件号\t%llu\n状态\t%s\n所在单位\t%s %s\n来源\t%s%s%s\n登记单位\t%s\n登记时间\t%s\n到达本单位\t%s\n",
	       (unsigned long long)id, ev_state_zh[ev->state], ev->holder, cli_unit_name(cl, ev->holder), ev_via_zh[ev->via],
	       *ev->from ? "：" : "", *ev->from ? cli_unit_name(cl, ev->from) : "", cli_unit_name(cl, ev->origin), t1, t2);
	if (ev->assigners.n)
		cli_printf("待反馈给\t%s\n", cli_unit_name(cl, ev->assigners.v[ev->assigners.n - 1]));
	if (*ev->supervisor)
		cli_printf("督办单位\t%s\n", cli_unit_name(cl, ev->supervisor));
	for (int i = 0; i < r->t->nf; i++) {
		char *v = service_display(cl->c, cl->as, r, i, false);
		if (*v) {
			cli_printf("%s\t", r->t->f[i].label);
			cli_put_cell(v);
			putchar('\n');
		}
		free(v);
	}
	print_deadlines(cl, ev);
	int acts[EA__COUNT];
	int na = event_actions(cl->c, cl->as, ev, r, acts);
	if (na) {
		cli_printf("可执行操作\t");
		for (int i = 0; i < na; i++)
			cli_printf("%s%s(%s)", i ? " " : "", wf_actions[acts[i]].zh, wf_actions[acts[i]].id);
		putchar('\n');
	}
	struct ev_step *steps = NULL;
	int n = 0;
	if (event_steps(cl->c, id, &steps, &n) < 0) {
		event_free(&ev);
		rec_free(&r);
		return cli_fail("%s", errmsg());
	}
	for (int i = 0; i < n; i++)
		if (steps[i].action == EA_CARD)
			cli_printf("督办牌\t%s\t%s\t%s\n", steps[i].extra ? steps[i].extra : "", cli_unit_name(cl, steps[i].unit),
			       steps[i].comment ? steps[i].comment : "");
	cli_printf("\n过程\t时间\t操作\t单位\t经办人\t去向\t意见\t备注\n");
	for (int i = 0; i < n; i++) {
		const struct ev_step *s = &steps[i];
		char when[20];
		cli_time(s->time, when);
		cli_printf("%d\t%s\t%s\t%s\t%s\t%s\t", i + 1, when, wf_actions[s->action].zh, cli_unit_name(cl, s->unit),
		       s->fullname ? s->fullname : s->user ? s->user : "", s->to ? cli_unit_name(cl, s->to) : "");
		cli_put_cell(s->comment);
		cli_printf("\t%s\n", s->extra ? s->extra : "");
	}
	event_steps_free(steps, n);
	event_free(&ev);
	rec_free(&r);
	return CLI_OK;
}

int cli_event_list(struct cli *cl)
{
	struct ev_query q = {
	    .unit = cli_opt(cl, "unit"), .state = -1, .held = cli_flag(cl, "held"), .open = cli_flag(cl, "open")};
	const char *st = cli_opt(cl, "state");
	if (st) {
		for (int i = EV_NEW; i < EV__NSTATES; i++)
			if (!strcmp(st, ev_state_id[i]) || !strcmp(st, ev_state_zh[i]))
				q.state = i;
		if (q.state < 0)
			return cli_fail("--state 应为 new（待受理）、handling（办理中）、fedback（已反馈）或 closed（已结案）");
	}
	if (q.open && q.state == EV_CLOSED)
		return cli_fail("--open 只列未结案的事件，不能与 --state closed 同用");
	const char *lim = cli_opt(cl, "limit");
	long long limit = 0;
	if (lim && (str_to_ll(lim, &limit) < 0 || limit < 0))
		return cli_fail("--limit 应为非负整数");
	q.limit = (long)limit;
	if (q.held && !q.unit && !perm_console(cl->as))
		q.unit = cl->as->unit;
	if (q.held && !q.unit)
		return cli_fail("--held 需要 --unit");
	uint64_t *ids = NULL;
	long n = 0;
	if (event_list(cl->c, cl->as, &q, &ids, &n) < 0)
		return cli_fail("%s", errmsg());
	cli_printf("事件号\t状态\t所在单位\t到达时间\t督办牌\t事件名称\n");
	for (long i = 0; i < n; i++) {
		struct event *ev = NULL;
		struct rec *r = NULL;
		if (event_get(cl->c, cl->as, ids[i], &ev, &r) == 0) {
			char when[20], title[128];
			cli_time(ev->reached ? ev->reached : ev->created, when);
			char cards[96];
			event_cards_text(ev, cards, sizeof cards);
			cli_printf("%llu\t%s\t%s\t%s\t%s\t%s\n", (unsigned long long)ids[i], ev_state_zh[ev->state],
			       cli_unit_name(cl, ev->holder), when, cards[0] ? cards : "-", rec_name(r, title, sizeof title));
		}
		event_free(&ev);
		rec_free(&r);
	}
	free(ids);
	return CLI_OK;
}

/* "YYYY-MM-DD[ HH:MM[:SS]]" as a time. */
static int time_arg(const char *s, int64_t *t)
{
	time_t v;
	if (datetime_parse(s, &v) < 0)
		return cli_fail("时间应写成 YYYY-MM-DD 或 \"YYYY-MM-DD HH:MM\"：%s", s);
	*t = (int64_t)v;
	return 0;
}

int cli_calendar_explain(struct cli *cl)
{
	int64_t from = 0, to = 0;
	const struct calendar *cal = cl->c->cal;
	if (time_arg(cl->argv[0], &from))
		return CLI_USAGE;
	const char *b = cl->argv[1];
	long long n = -1;
	if (b[0] == '+') {
		if (str_to_ll(b + 1, &n) < 0 || n > 3650)
			return cli_fail("工作日数应写成 +N");
		to = calendar_add(cal, from, (int)n);
	} else if (time_arg(b, &to)) {
		return CLI_USAGE;
	}
	if (to < from)
		return cli_fail("结束时间早于开始时间");
	int d0 = date_today((time_t)from), d1 = date_today((time_t)to);
	if (d1 - d0 > 3660)
		return cli_fail("范围太长（最多十年）");
	static const char *const wd[] = {"一", "二", "三", "四", "五", "六", "日"};
	char fs[20], ts[20];
	cli_time(from, fs);
	cli_time(to, ts);
	if (n >= 0)
		cli_printf("自 %s 起 %lld 个工作日内：时限为 %s（R-WD-2：同一时刻；非工作日起算的从下一个工作日零时算起）\n", fs, n, ts);
	cli_printf("日期\t星期\t类别\t节日\t第几个工作日\n");
	/* Day 0 is T's day, or the next working day when T falls on a day off (counted from its start). */
	int start = d0;
	while (!calendar_is_workday(cal, start) && start - d0 < 366)
		start++;
	int count = 0, warned = 0;
	for (int d = d0; d <= d1; d++) {
		int y, m, dd;
		date_to_ymd(d, &y, &m, &dd);
		bool prov = false;
		if (!calendar_has_year(cal, y, &prov) && warned != y) {
			cli_printf("注意\t%d 年的节假日安排未配置（conf/calendar.cfg），只按周一至周五计算\n", y);
			warned = y;
		} else if (prov && warned != y) {
			cli_printf("注意\t%d 年的安排为暂定（只含法定节假日，未含调休），以国务院办公厅通知为准\n", y);
			warned = y;
		}
		const char *name = NULL;
		enum cal_kind k = calendar_kind(cal, d, &name);
		bool work = k == CAL_WORKDAY || k == CAL_MAKEUP;
		char nth[32] = "";
		if (d == start)
			snprintf(nth, sizeof nth, d == d0 ? "起算日" : "起算日（零时起）");
		else if (work && d > start)
			snprintf(nth, sizeof nth, "%d", ++count);
		char ds[11];
		date_format(d, ds);
		cli_printf("%s\t周%s\t%s\t%s\t%s\n", ds, wd[date_weekday(d)], cal_kind_zh[k], name ? name : "", nth);
	}
	return CLI_OK;
}

/* A date option: YYYY-MM-DD, or today when absent and DEF is set. */
static int period_day(struct cli *cl, const char *opt, bool def, int *day)
{
	const char *s = cli_opt(cl, opt);
	if (!s && def) {
		*day = date_today(time(NULL));
		return 0;
	}
	if (!s || date_parse(s, day) < 0)
		return errmsg_set(ZZ_EINVAL, "请用 --%s YYYY-MM-DD 写明日期", opt);
	return 0;
}

int cli_event_period(struct cli *cl)
{
	const char *verb = cl->argv[0];
	int rc = 0;
	if (!strcmp(verb, "add") && cl->argc == 1) {
		int from, to;
		uint64_t id = 0;
		rc = period_day(cl, "from", true, &from);
		if (rc == 0)
			rc = period_day(cl, "to", false, &to);
		if (rc == 0)
			rc = period_add(cl->c, cl->as, cli_opt(cl, "unit"), from, to, cli_opt(cl, "reason"), &id);
		if (rc == 0)
			cli_printf("%llu\n", (unsigned long long)id);
	} else if (!strcmp(verb, "end") && cl->argc == 2) {
		uint64_t id;
		if ((rc = cli_parse_id(cl->argv[1], &id)) != 0)
			return rc;
		rc = period_end(cl->c, cl->as, id);
	} else if (!strcmp(verb, "list") && cl->argc == 1) {
		struct period *v = NULL;
		int n = 0;
		rc = period_list(cl->c, cl->as, &v, &n);
		if (rc == 0)
			cli_printf("编号\t开始\t结束\t范围\t单位名称\t事由\t设置单位\t状态\n");
		int today = date_today(time(NULL));
		for (int i = 0; i < n && rc == 0; i++) {
			char f[11], t[11];
			date_format(v[i].from, f);
			date_format(v[i].to, t);
			cli_printf("%llu\t%s\t%s\t%s\t%s\t", (unsigned long long)v[i].id, f, v[i].to < v[i].from ? "-" : t,
				   v[i].scope, cli_unit_name(cl, v[i].scope));
			cli_put_cell(v[i].reason);
			cli_printf("\t%s\t%s\n", cli_unit_name(cl, v[i].unit),
				   v[i].ended ? "已提前结束" : v[i].to < today ? "已结束" : v[i].from > today ? "未开始" : "进行中");
		}
		periods_free(v, n);
	} else {
		return cli_fail("用法：event period add --to 日期 [--from 日期] [--unit 范围] --reason 事由 | list | end 编号");
	}
	return rc < 0 ? cli_fail("%s", errmsg()) : CLI_OK;
}
