/* cli_office.c — office work between units from the command line, as the --as account (office.h):
 * report a 社情民意 entry up, answer a proposal, open a document (the receipt), who has read it,
 * what was sent or reported to the account's unit, a document's attachment. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "office.h"
#include "schema.h"
#include "service.h"
#include "unit.h"

static int office_args(struct cli *cl, const struct rtype **t, uint64_t *id)
{
	*t = schema_type(cl->c->schema, cl->argv[0]);
	if (!*t)
		return cli_fail("记录类型 “%s” 不存在", cl->argv[0]);
	if (id && cli_parse_id(cl->argv[1], id) != 0)
		return CLI_USAGE;
	return 0;
}

/* zongzhi office up TYPE ID */
int cli_office_up(struct cli *cl)
{
	const struct rtype *t;
	uint64_t id;
	int rc = office_args(cl, &t, &id);
	if (rc)
		return rc;
	char *to = NULL;
	if (office_report_up(cl->c, cl->as, t, id, &to) < 0)
		return cli_fail("%s", errmsg());
	cli_printf("已上报至 %s %s\n", to, cli_unit_name(cl, to));
	free(to);
	return CLI_OK;
}

/* zongzhi office reply TYPE ID --text X */
int cli_office_reply(struct cli *cl)
{
	const struct rtype *t;
	uint64_t id;
	int rc = office_args(cl, &t, &id);
	if (rc)
		return rc;
	if (office_reply(cl->c, cl->as, t, id, cli_opt(cl, "text")) < 0)
		return cli_fail("%s", errmsg());
	cli_printf("已答复\n");
	return CLI_OK;
}

/* zongzhi office open TYPE ID: the record as the account may see it; a receiver's receipt. */
int cli_office_open(struct cli *cl)
{
	const struct rtype *t;
	uint64_t id;
	int rc = office_args(cl, &t, &id);
	if (rc)
		return rc;
	struct rec *r = NULL;
	if (office_open(cl->c, cl->as, t, id, &r) < 0)
		return cli_fail("%s", errmsg());
	cli_printf("字段\t值\n记录号\t%llu\n发出单位\t%s %s\n", (unsigned long long)r->id, r->unit,
		   cli_unit_name(cl, r->unit));
	for (int i = 0; i < t->nf; i++) {
		char *v = service_display(cl->c, cl->as, r, i, false);
		cli_printf("%s\t", t->f[i].label);
		cli_put_cell(v);
		cli_printf("\n");
		free(v);
	}
	rec_free(&r);
	return CLI_OK;
}

/* zongzhi office receipts TYPE ID: each receiver and when it read. */
int cli_office_receipts(struct cli *cl)
{
	const struct rtype *t;
	uint64_t id;
	int rc = office_args(cl, &t, &id);
	if (rc)
		return rc;
	struct office_receipt *v = NULL;
	int n = 0;
	if (office_receipts(cl->c, cl->as, t, id, &v, &n) < 0)
		return cli_fail("%s", errmsg());
	int read = 0;
	cli_printf("接收单位\t名称\t阅读时间\t阅读人\n");
	for (int i = 0; i < n; i++) {
		char when[20];
		cli_time(v[i].at, when);
		read += v[i].at != 0;
		cli_printf("%s\t%s\t%s\t", v[i].unit, cli_unit_name(cl, v[i].unit), v[i].at ? when : "未读");
		cli_put_cell(v[i].by ? v[i].by : "");
		cli_printf("\n");
	}
	cli_printf("%d 个接收单位，%d 个已阅\n", n, read);
	office_receipts_free(v, n);
	return CLI_OK;
}

/* zongzhi office inbox TYPE: documents sent, or entries reported up, to the account's unit. */
int cli_office_inbox(struct cli *cl)
{
	const struct rtype *t;
	int rc = office_args(cl, &t, NULL);
	if (rc)
		return rc;
	struct office_inbox *v = NULL;
	int n = 0;
	if (office_inbox(cl->c, cl->as, t, &v, &n) < 0)
		return cli_fail("%s", errmsg());
	bool rep = office_has(t, "reply_to"), up = office_has(t, "report_up");
	cli_printf("记录号\t标题\t来自\t%s\n", rep ? "答复时间" : "阅读时间");
	for (int i = 0; i < n; i++) {
		char when[20];
		cli_time(v[i].at, when);
		const char *state = v[i].at ? when : rep ? "待答复" : up && !rec_get(v[i].r, "up_to") ? "本单位，未上报" : "未读";
		cli_printf("%llu\t", (unsigned long long)v[i].r->id);
		cli_put_cell(rec_get(v[i].r, "title") ? rec_get(v[i].r, "title") : "");
		cli_printf("\t%s\t%s\n", cli_unit_name(cl, v[i].r->unit), state);
	}
	office_inbox_free(v, n);
	return CLI_OK;
}

/* zongzhi office download TYPE ID SHA256: an attachment into the account's download folder. */
int cli_office_download(struct cli *cl)
{
	const struct rtype *t;
	uint64_t id;
	int rc = office_args(cl, &t, &id);
	if (rc)
		return rc;
	char *name = NULL;
	if (office_download(cl->c, cl->as, t, id, cl->argv[2], &name) < 0)
		return cli_fail("%s", errmsg());
	cli_printf("download/%s\n", name);
	free(name);
	return CLI_OK;
}
