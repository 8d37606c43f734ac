/* cli_task.c — tasks and directives (任务督办) from the command line, as the --as account; the
 * same functions as the UI (task.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "perm.h"
#include "task.h"

static int kind_parse(const char *s)
{
	for (int i = 0; s && i < TK__COUNT; i++)
		if (!strcmp(s, task_kinds[i].id) || !strcmp(s, task_kinds[i].zh))
			return i;
	return -1;
}

static int days_opt(struct cli *cl, const char *name, int *out)
{
	const char *v = cli_opt(cl, name);
	long long d = 0;
	if (v && (str_to_ll(v, &d) < 0 || d < 1 || d > 100000))
		return cli_fail("--%s 应为工作日数", name);
	*out = (int)d;
	return 0;
}

int cli_task_new(struct cli *cl)
{
	struct task_new n = {.kind = kind_parse(cli_opt(cl, "kind")), .title = cli_opt(cl, "title"),
			     .text = cli_opt(cl, "text"), .rtype = cli_opt(cl, "type")};
	if (n.kind < 0)
		return cli_fail("请用 --kind 指定任务类别：assign(交办)、verify(信息核实)、census(专项普查)、target(目标任务)、rectify(整改)");
	if (days_opt(cl, "sign-days", &n.sign_days) || days_opt(cl, "days", &n.done_days))
		return CLI_FAIL;
	const char *to = cli_opt(cl, "to");
	char *copy = xstrdup(to ? to : ""), *save = NULL;
	const char **recv = NULL;
	for (char *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		recv = xrealloc(recv, (size_t)(n.nrecv + 1) * sizeof *recv);
		recv[n.nrecv++] = tok;
	}
	n.recv = recv;
	uint64_t id = 0;
	int rc = task_issue(cl->c, cl->as, &n, &id);
	free(recv);
	free(copy);
	if (rc < 0)
		return cli_fail("%s", errmsg());
	cli_printf("%llu\n", (unsigned long long)id);
	return CLI_OK;
}

static const char *card_text(const struct task_recv *r)
{
	static const char *const names[] = {"签收黄牌", "签收红牌", "反馈黄牌", "反馈红牌"};
	for (int b = 3; b >= 0; b--)
		if (r->cards & (1u << b))
			return names[b];
	return "-";
}

int cli_task_list(struct cli *cl)
{
	struct task **v = NULL;
	int n = 0;
	if (task_list(cl->c, cl->as, &v, &n) < 0)
		return cli_fail("%s", errmsg());
	cli_printf("任务号\t类别\t标题\t下发单位\t下发时间\t本单位状态\t进度\n");
	for (int i = 0; i < n; i++) {
		const struct task *t = v[i];
		struct task_recv *mine = task_recv_find(v[i], cl->as->unit);
		int done = 0;
		for (int k = 0; k < t->nrecv; k++)
			done += t->recv[k].state == TS_DONE;
		char when[20];
		cli_time(t->created, when);
		cli_printf("%llu\t%s\t", (unsigned long long)t->id, task_kinds[t->kind].zh);
		cli_put_cell(t->title);
		cli_printf("\t%s\t%s\t%s\t", cli_unit_name(cl, t->issuer), when, mine ? task_state_zh[mine->state] : "-");
		if (task_sees_all(cl->c, cl->as, t))
			cli_printf("%d/%d 办结\n", done, t->nrecv);
		else
			cli_printf("-\n");
		task_free(&v[i]);
	}
	free(v);
	return CLI_OK;
}

static int id_arg(struct cli *cl, uint64_t *id)
{
	return cli_parse_id(cl->argv[0], id);
}

static void print_recv(struct cli *cl, const struct task_recv *r)
{
	char s[20], f[20];
	cli_time(r->signed_at, s);
	cli_time(r->fed_at, f);
	cli_printf("%s\t%s\t%s\t%s\t%s\t%s\t%d\t", r->unit, cli_unit_name(cl, r->unit), task_state_zh[r->state], s, f,
	       card_text(r), r->points[0] + r->points[1]);
	cli_printf("%s\t", r->eval ? task_eval_zh[r->eval] : "-");
	cli_put_cell(r->records ? r->records : "");
	putchar('\t');
	cli_put_cell(r->feedback ? r->feedback : "");
	/* The line the unit was reached through, last: the columns before keep their places. */
	if (r->line)
		cli_printf("\t%s条线", perm_dept_zh(cl->c, r->line));
	putchar('\n');
}

int cli_task_show(struct cli *cl)
{
	uint64_t id;
	int rc = id_arg(cl, &id);
	if (rc)
		return rc;
	struct task *t = NULL;
	struct task_recv *mine = NULL;
	if (task_get(cl->c, cl->as, id, &t, &mine) < 0)
		return cli_fail("%s", errmsg());
	struct task_limits l;
	task_limits_load(cl->c->conf, &l);
	char when[20], sd[20], dd[20];
	cli_time(t->created, when);
	cli_time(task_deadline(cl->c->cal, &l, t, TSTAGE_SIGN, 0), sd);
	cli_time(task_deadline(cl->c->cal, &l, t, TSTAGE_FEEDBACK, 0), dd);
	cli_printf("字段\t值\n任务号\t%llu\n类别\t%s\n标题\t", (unsigned long long)id, task_kinds[t->kind].zh);
	cli_put_cell(t->title);
	cli_printf("\n内容\t");
	cli_put_cell(t->text);
	cli_printf("\n下发单位\t%s %s\n下发时间\t%s\n签收时限\t%s\n办结时限\t%s\n", t->issuer, cli_unit_name(cl, t->issuer), when, sd,
	       dd);
	if (t->rtype)
		cli_printf("普查记录类型\t%s\n", t->rtype);
	if (t->supervised)
		cli_printf("督办\t%d 次\n", t->supervised);
	cli_printf("\n接收单位\t名称\t状态\t签收时间\t反馈时间\t督办牌\t扣分\t评价\t涉及记录\t反馈内容\t经条线\n");
	bool all = task_sees_all(cl->c, cl->as, t);
	for (int i = 0; i < t->nrecv; i++)
		if (all || &t->recv[i] == mine)
			print_recv(cl, &t->recv[i]);
	cli_printf("\n过程\t时间\t操作\t单位\t经办人\t接收单位\t意见\n");
	for (int i = 0, k = 0; i < t->nsteps; i++) {
		const struct task_step *s = &t->steps[i];
		if (!all && s->target && (!mine || strcmp(s->target, mine->unit) != 0))
			continue;
		cli_time(s->time, when);
		cli_printf("%d\t%s\t%s\t%s\t%s\t%s\t", ++k, when, task_act_zh[s->act], cli_unit_name(cl, s->unit),
		       s->fullname ? s->fullname : s->user ? s->user : "", s->target ? cli_unit_name(cl, s->target) : "");
		cli_put_cell(s->comment ? s->comment : "");
		putchar('\n');
	}
	task_free(&t);
	return CLI_OK;
}

static int eval_parse(const char *s)
{
	for (int i = TE_GOOD; s && i < TE__COUNT; i++)
		if (!strcmp(s, task_eval_zh[i]))
			return i;
	return !s ? TE_NONE : !strcmp(s, "good") ? TE_GOOD : !strcmp(s, "fair") ? TE_FAIR : !strcmp(s, "bad") ? TE_BAD : -1;
}

int cli_task_act(struct cli *cl)
{
	uint64_t id;
	int rc = id_arg(cl, &id);
	if (rc)
		return rc;
	const char *sub = cl->cmd->sub;
	struct task_req req = {.comment = cli_opt(cl, "comment"), .records = cli_opt(cl, "records"),
			       .unit = cli_opt(cl, "unit")};
	for (int a = 0; a < TA__COUNT; a++)
		if (!strcmp(sub, task_act_id[a]))
			req.act = a;
	if (req.act == TA_EVALUATE) {
		req.eval = eval_parse(cli_opt(cl, "eval"));
		if (req.eval <= TE_NONE)
			return cli_fail("请用 --eval 写明评价：满意、基本满意 或 不满意");
		if (!req.unit)
			return cli_fail("请用 --unit 指定被评价的接收单位");
	}
	if (task_act(cl->c, cl->as, id, &req) < 0)
		return cli_fail("%s", errmsg());
	struct task *t = NULL;
	if (task_load(cl->c->st, NULL, id, &t, false) == 0) {
		const struct task_recv *r = task_recv_find(t, req.unit ? req.unit : cl->as->unit);
		cli_printf("%llu\t%s\n", (unsigned long long)id, r ? task_state_zh[r->state] : task_act_zh[req.act]);
	}
	task_free(&t);
	return CLI_OK;
}
