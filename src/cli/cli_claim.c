/* cli_claim.c — imports and claiming from the command line: import, import maps, import last,
 * claim list|accept|return|route|conflicts|resolve|stats. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "claim.h"
#include "claim_daemon.h"
#include "cli.h"
#include "import_map.h"
#include "import_upload.h"
#include "perm.h"
#include "service.h"
#include "unit.h"
#include "validate.h"


static const struct rtype *cli_type(struct cli *cl, const char *id)
{
	const struct rtype *t = schema_type(cl->c->schema, id);
	if (!t)
		cli_fail("记录类型 “%s” 不存在", id);
	return t;
}

/* A record as claim lists print it: TYPE:NUMBER; or NUMBER / ID number with --type. *KEY: the ID
 * number given, else NULL. */
static int record_ref(struct cli *cl, const char *s, const struct rtype **t, uint64_t *id, const char **key)
{
	*key = NULL;
	const char *colon = strchr(s, ':');
	const char *type = cli_opt(cl, "type");
	char *tname = colon ? xstrndup(s, (size_t)(colon - s)) : xstrdup(type ? type : "");
	const char *num = colon ? colon + 1 : s;
	if (!*tname) {
		free(tname);
		return cli_fail("请写成 类型:记录号（如 floating:12，见 claim list），或加 --type 类型");
	}
	*t = cli_type(cl, tname);
	free(tname);
	if (!*t)
		return CLI_FAIL;
	long long v;
	if (str_to_ll(num, &v) == 0 && v > 0 && strlen(num) <= 12) {
		*id = (uint64_t)v;
		return 0;
	}
	char *norm = NULL;
	int rc = (*t)->key >= 0 && validate_field(&(*t)->f[(*t)->key], num, &norm) == 0 && norm
			 ? record_by_key(cl->c->st, NULL, *t, norm, id)
			 : ZZ_ENOENT;
	free(norm);
	*key = num;
	return rc == 0 ? 0 : cli_fail("%s中没有 “%s”", (*t)->title, num);
}

/* The failure of a claim action on record KEY: one it may not see answers as a key not there, as
 * an unknown one does (R-AC-1). */
static int claim_failed(struct cli *cl, const struct rtype *t, const char *key, int rc)
{
	if (key && rc == ZZ_ENOENT)
		return cli_fail("%s中没有 “%s”", t->title, key);
	return cli_fail("%s", errmsg());
}

int cli_import(struct cli *cl)
{
	const struct rtype *t = cli_type(cl, cl->argv[0]);
	if (!t)
		return CLI_FAIL;
	struct import_opts o = {.file = cl->argv[1], .unit = cli_opt(cl, "unit"), .rejects = cli_opt(cl, "rejects"),
				.by = cli_opt(cl, "by"), .encoding = cli_opt(cl, "encoding"), .map = cli_opt(cl, "map")};
	struct import_result res;
	int rc = import_csv(cl->c, cl->as, t, &o, &res);
	if (rc < 0) {
		import_result_free(&res);
		return cli_fail("%s", errmsg());
	}
	const struct import_counts *n = &res.n;
	if (res.resumed_at)
		cli_printf("上次导入在第 %ld 行中断，已从该行继续\n", res.resumed_at);
	cli_printf("读入 %ld 行：新增 %ld，更新 %ld，未变 %ld，拒收 %ld\n", n->rows, n->added, n->updated, n->unchanged,
	       n->rejected);
	if (n->pending || n->unrouted || n->conflicts)
		cli_printf("待认领 %ld，未分派 %ld（claim list 查看，claim route 手工分派），冲突 %ld（claim conflicts）\n",
		       n->pending, n->unrouted, n->conflicts);
	cli_printf("格式：%s，编码 %s，导入批次 %llu\n", res.map ? res.map : "本系统导出格式", res.enc,
	       (unsigned long long)res.import_id);
	if (n->rejected)
		cli_printf("拒收的行见 %s\n", res.rejects_path);
	import_result_free(&res);
	return CLI_OK;
}

int cli_import_maps(struct cli *cl)
{
	struct import_maps *m = NULL;
	if (import_maps_load(cl->c, &m) < 0 || claims_check_settings(cl->c) < 0)
		return cli_fail("%s", errmsg());
	cli_printf("映射\t记录类型\t编码\t列数\t说明\n");
	for (int i = 0; i < m->n; i++)
		cli_printf("%s\t%s\t%s\t%d\t%s\n", m->v[i].name, m->v[i].t->id, m->v[i].encoding ? m->v[i].encoding : "自动",
		       m->v[i].ncols, m->v[i].title);
	import_maps_free(&m);
	return CLI_OK;
}

static int print_reject(long line, const char *column, const char *reason, void *arg)
{
	(void)arg;
	cli_printf("%ld\t%s\t%s\n", line, column, reason);
	return 0;
}

int cli_import_last(struct cli *cl)
{
	struct import_log l;
	const char *unit = cli_opt(cl, "unit");
	if (unit && !perm_console(cl->as))
		return cli_fail("--unit 只用于本地控制台；账号看本单位的导入");
	int rc = import_last_rejects(cl->c, cl->as, unit, &l, NULL, NULL);
	if (rc < 0) {
		ilog_free(&l);
		return cli_fail("%s", errmsg());
	}
	char when[20];
	datetime_format((time_t)(l.finished ? l.finished : l.started), when);
	cli_printf("导入批次 %llu：%s %s，%s（%s）\n", (unsigned long long)l.id, l.type, l.file, when,
	       l.done ? "已完成" : "未完成，重新导入同一文件即可继续");
	cli_printf("读入 %ld 行：新增 %ld，更新 %ld，未变 %ld，拒收 %ld，待认领 %ld，未分派 %ld，冲突 %ld\n", l.n.rows, l.n.added,
	       l.n.updated, l.n.unchanged, l.n.rejected, l.n.pending, l.n.unrouted, l.n.conflicts);
	if (l.n.rejected) {
		cli_printf("行号\t列\t原因\n");
		ilog_free(&l);
		rc = import_last_rejects(cl->c, cl->as, unit, &l, print_reject, NULL);
	}
	ilog_free(&l);
	return rc < 0 ? cli_fail("%s", errmsg()) : CLI_OK;
}

static int print_claim(const struct claim *c2, void *arg)
{
	struct cli *cl = arg;
	struct rec *r = NULL;
	if (service_get(cl->c, cl->as, c2->t, c2->id, &r) < 0)
		return 0;
	char nb[24], since[20], due[20] = "";
	char *idv = c2->t->key >= 0 ? service_display(cl->c, cl->as, r, c2->t->key, false) : xstrdup("");
	datetime_format((time_t)c2->since, since);
	if (c2->due)
		datetime_format((time_t)c2->due, due);
	bool late = c2->due && c2->due <= (int64_t)time(NULL);
	cli_printf("%s:%llu\t%s%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c2->t->id, (unsigned long long)c2->id,
	       rec_state_name(c2->state), late ? "（超期）" : "",
	       rec_name(r, nb, sizeof nb), idv, since, due, c2->grid ? c2->grid : "", c2->importer ? c2->importer : "",
	       c2->note ? c2->note : "");
	free(idv);
	rec_free(&r);
	return 0;
}

int cli_claim_list(struct cli *cl)
{
	const char *unit = cli_opt(cl, "unit");
	if (!unit && perm_console(cl->as))
		return cli_fail("请用 --unit 指定单位（或 --as 账号）");
	cli_printf("记录\t状态\t姓名\t身份证号\t到达时间\t认领期限\t建议网格\t导入单位\t退回原因\n");
	if (claims_list(cl->c, cl->as, unit, print_claim, cl) < 0)
		return cli_fail("%s", errmsg());
	return CLI_OK;
}

int cli_claim_accept(struct cli *cl)
{
	const struct rtype *t;
	uint64_t id;
	const char *key;
	int rc = record_ref(cl, cl->argv[0], &t, &id, &key);
	if (rc)
		return rc;
	rc = claims_accept(cl->c, cl->as, t, id, cli_opt(cl, "grid"));
	if (rc < 0)
		return claim_failed(cl, t, key, rc);
	cli_printf("已认领 %s:%llu\n", t->id, (unsigned long long)id);
	return CLI_OK;
}

int cli_claim_return(struct cli *cl)
{
	const struct rtype *t;
	uint64_t id;
	const char *key;
	int rc = record_ref(cl, cl->argv[0], &t, &id, &key);
	if (rc)
		return rc;
	if (!cli_opt(cl, "reason"))
		return cli_fail("请用 --reason 写明退回原因");
	rc = claims_return(cl->c, cl->as, t, id, cli_opt(cl, "reason"));
	if (rc < 0)
		return claim_failed(cl, t, key, rc);
	cli_printf("已退回 %s:%llu\n", t->id, (unsigned long long)id);
	return CLI_OK;
}

int cli_claim_route(struct cli *cl)
{
	const struct rtype *t;
	uint64_t id;
	const char *key;
	int rc = record_ref(cl, cl->argv[0], &t, &id, &key);
	if (rc)
		return rc;
	rc = claims_route(cl->c, cl->as, t, id, cl->argv[1]);
	if (rc < 0)
		return claim_failed(cl, t, key, rc);
	struct rec *r = NULL;
	if (service_get(cl->c, cl->as, t, id, &r) == 0) {
		cli_printf("已分派 %s:%llu 到 %s（%s）\n", t->id, (unsigned long long)id, r->unit,
		       rec_state_name(r->state));
		rec_free(&r);
	}
	return CLI_OK;
}

static int print_conflict(const struct claim_conflict *cf, void *arg)
{
	(void)arg;
	cli_printf("%s:%llu\t%s\t%s\t%s\t%llu\n", cf->t->id, (unsigned long long)cf->id, cf->t->f[cf->field].label, cf->ours,
	       cf->theirs, (unsigned long long)cf->import_id);
	return 0;
}

int cli_claim_conflicts(struct cli *cl)
{
	cli_printf("记录\t字段\t本地值\t导入值\t导入批次\n");
	if (claims_conflicts(cl->c, cl->as, cli_opt(cl, "unit"), print_conflict, NULL) < 0)
		return cli_fail("%s", errmsg());
	return CLI_OK;
}

int cli_claim_resolve(struct cli *cl)
{
	const struct rtype *t;
	uint64_t id;
	const char *key;
	int rc = record_ref(cl, cl->argv[0], &t, &id, &key);
	if (rc)
		return rc;
	const char *take = cli_opt(cl, "take");
	if (!take || (strcmp(take, "file") && strcmp(take, "ours")))
		return cli_fail("请用 --take file（采用导入值）或 --take ours（保留本地值）");
	rc = claims_resolve(cl->c, cl->as, t, id, cl->argv[1], !strcmp(take, "file"));
	if (rc < 0)
		return claim_failed(cl, t, key, rc);
	return CLI_OK;
}

static int print_month(const char *unit, long n, void *arg)
{
	struct cli *cl = arg;
	const struct units *us = ctx_units(cl->c);
	if (!perm_console(cl->as) && !units_under(us, unit, perm_scope(cl->c, cl->as)))
		return 0;
	char *name = units_fullname(us, unit);
	cli_printf("%s\t%s\t%ld\n", unit, name, n);
	free(name);
	return 0;
}

int cli_claim_stats(struct cli *cl)
{
	const char *ym = cli_opt(cl, "month");
	char buf[11];
	if (!ym) {
		date_format(date_today(time(NULL)), buf);
		buf[7] = '\0';
		ym = buf;
	}
	int days;
	char probe[11];
	snprintf(probe, sizeof probe, "%.7s-01", ym);
	if (strlen(ym) != 7 || date_parse(probe, &days) < 0)
		return cli_fail("--month 应写成 YYYY-MM");
	cli_printf("单位\t名称\t超期未认领（%s）\n", ym);
	if (claims_month_scan(cl->c->st, NULL, ym, print_month, cl) < 0)
		return cli_fail("%s", errmsg());
	return CLI_OK;
}
