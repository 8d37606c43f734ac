/* cli_record.c — records, persons, export and import from the command line, as an account. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "export.h"
#include "idnum.h"
#include "modules.h"
#include "perm.h"
#include "service.h"
#include "unit.h"
#include "validate.h"

static const struct rtype *type_arg(struct cli *cl, const char *id)
{
	const struct rtype *t = schema_type(cl->c->schema, id);
	if (!t) {
		struct sb sb;
		sb_init(&sb);
		for (int i = 0; i < cl->c->schema->n; i++)
			sb_addf(&sb, " %s", cl->c->schema->t[i]->id);
		cli_fail("记录类型 “%s” 不存在；可用的有：%s", id, sb.buf ? sb.buf : "");
		sb_free(&sb);
	}
	return t;
}

static int record_none(const struct rtype *t, const char *s)
{
	return errmsg_set(ZZ_ENOENT, "%s中没有 “%s”", t->title, s);
}

/* A record named by its key (ID number, house number, …) or by its number; *BYKEY: by its key. */
static int record_arg(struct cli *cl, const struct rtype *t, const char *s, uint64_t *id, bool *bykey)
{
	*bykey = false;
	if (t->key >= 0) {
		char *norm = NULL;
		if (validate_field(&t->f[t->key], s, &norm) == 0 && norm) {
			int rc = record_by_key(cl->c->st, NULL, t, norm, id);
			free(norm);
			*bykey = rc == 0;
			if (rc == 0)
				return 0;
		} else {
			free(norm);
		}
	}
	long long v;
	if (str_to_ll(s, &v) == 0 && v > 0 && strlen(s) <= 12) {
		*id = (uint64_t)v;
		return 0;
	}
	return record_none(t, s);
}

/* The record named S as the account may see it: one beyond its reach, found by its key, answers
 * as a key not there (the service's answer would give its number away). */
static int record_named(struct cli *cl, const struct rtype *t, const char *s, uint64_t *id, struct rec **r)
{
	bool bykey;
	int rc = record_arg(cl, t, s, id, &bykey);
	if (rc == 0)
		rc = service_get(cl->c, cl->as, t, *id, r);
	return rc == ZZ_ENOENT && bykey ? record_none(t, s) : rc;
}

static int set_fields(struct cli *cl, struct rec *r, int from)
{
	for (int i = from; i < cl->argc; i++) {
		char *eq = strchr(cl->argv[i], '=');
		if (!eq)
			return cli_fail("参数 “%s” 应写成 字段=值", cl->argv[i]);
		char *name = xstrndup(cl->argv[i], (size_t)(eq - cl->argv[i]));
		int rc = rec_set(r, name, eq + 1);
		free(name);
		if (rc < 0)
			return cli_fail("%s", errmsg());
	}
	return 0;
}

int cli_record_add(struct cli *cl)
{
	const struct rtype *t = type_arg(cl, cl->argv[0]);
	if (!t)
		return CLI_FAIL;
	struct rec *r = rec_new(t);
	const char *unit = cli_opt(cl, "unit");
	if (!unit && !perm_console(cl->as))
		unit = cl->as->unit;
	rec_set_meta(&r->unit, unit);
	int rc = set_fields(cl, r, 1);
	if (rc == 0 && service_save(cl->c, cl->as, r, NULL) < 0)
		rc = cli_fail("%s", errmsg());
	if (rc == 0)
		cli_printf("%llu\n", (unsigned long long)r->id);
	rec_free(&r);
	return rc;
}

/* A line naming a record starts with its "type:id", as `record get` names records. */
static void print_line(const char *label, const char *value, const char *ref, void *arg)
{
	(void)arg;
	cli_printf("%s\t%s%s%s\n", label, ref ? ref : "", ref ? " " : "", value);
}

static void print_record(struct cli *cl, const struct rec *r, bool full)
{
	char *unitname = units_fullname(ctx_units(cl->c), r->unit ? r->unit : "");
	cli_printf("字段\t值\n记录号\t%llu\n类型\t%s\n所属单位\t%s %s\n状态\t%s\n", (unsigned long long)r->id, r->t->title,
	       r->unit ? r->unit : "", unitname, rec_state_name(r->state));
	free(unitname);
	for (int i = 0; i < r->t->nf; i++) {
		char *v = service_display(cl->c, cl->as, r, i, full);
		cli_printf("%s\t", r->t->f[i].label);
		cli_put_cell(v);
		putchar('\n');
		free(v);
	}
	modules_extra(cl->c, cl->as, r, print_line, NULL);
	char when[20];
	datetime_format((time_t)r->updated, when);
	cli_printf("录入单位\t%s\n录入人\t%s\n更新时间\t%s\n更新人\t%s\n版本\t%llu\n", r->by_unit ? r->by_unit : "",
	       r->by_user ? r->by_user : "", when, r->editor ? r->editor : "", (unsigned long long)r->version);
}

static bool wants_full(struct cli *cl, const struct rec *r)
{
	if (!cli_flag(cl, "full"))
		return false;
	if (perm_check(cl->c, cl->as, ACT_UNMASK, r->t, r->unit) < 0) {
		cli_fprintf(stderr, "zongzhi: %s；敏感信息仍以遮蔽显示\n", errmsg());
		return false;
	}
	if (!perm_console(cl->as) && service_audit_unmask(cl->c, cl->as, r) < 0) {
		cli_fprintf(stderr, "zongzhi: %s；敏感信息仍以遮蔽显示\n", errmsg());
		return false;
	}
	return true;
}

int cli_record_get(struct cli *cl)
{
	const struct rtype *t = type_arg(cl, cl->argv[0]);
	uint64_t id;
	struct rec *r = NULL;
	if (!t)
		return CLI_FAIL;
	if (record_named(cl, t, cl->argv[1], &id, &r) < 0)
		return cli_fail("%s", errmsg());
	if (service_audit_read(cl->c, cl->as, r) < 0) {
		rec_free(&r);
		return cli_fail("%s", errmsg());
	}
	print_record(cl, r, wants_full(cl, r));
	rec_free(&r);
	return CLI_OK;
}

int cli_record_update(struct cli *cl)
{
	const struct rtype *t = type_arg(cl, cl->argv[0]);
	uint64_t id;
	struct rec *r = NULL;
	if (!t)
		return CLI_FAIL;
	if (record_named(cl, t, cl->argv[1], &id, &r) < 0)
		return cli_fail("%s", errmsg());
	const char *ifv = cli_opt(cl, "if-version");
	long long base = 0;
	int rc = 0;
	if (ifv && (str_to_ll(ifv, &base) < 0 || base < 0))
		rc = cli_fail("--if-version 应为记录的版本号（非负整数，见 record get 的“版本”一行）");
	else if (ifv)
		r->version = (uint64_t)base;
	if (rc == 0)
		rc = set_fields(cl, r, 2);
	if (rc == 0 && cli_opt(cl, "unit"))
		rec_set_meta(&r->unit, cli_opt(cl, "unit"));
	if (rc == 0 && service_save(cl->c, cl->as, r, NULL) < 0)
		rc = cli_fail("%s", errmsg());
	rec_free(&r);
	return rc;
}

int cli_record_delete(struct cli *cl)
{
	const struct rtype *t = type_arg(cl, cl->argv[0]);
	uint64_t id;
	bool bykey;
	if (!t)
		return CLI_FAIL;
	int rc = record_arg(cl, t, cl->argv[1], &id, &bykey);
	if (rc == 0)
		rc = service_delete(cl->c, cl->as, t, id);
	if (rc == ZZ_ENOENT && bykey)
		record_none(t, cl->argv[1]);
	return rc < 0 ? cli_fail("%s", errmsg()) : CLI_OK;
}

int cli_record_list(struct cli *cl)
{
	const struct rtype *t = type_arg(cl, cl->argv[0]);
	if (!t)
		return CLI_FAIL;
	struct service_query q = {.unit = cli_opt(cl, "unit"), .name_prefix = cli_opt(cl, "name"), .state = -1,
				  .flags = cli_flag(cl, "late") ? REC_LATE : 0};
	const char *pat = cli_opt(cl, "match");
	const char *lim = cli_opt(cl, "limit");
	long long limit = 0;
	if (lim && (str_to_ll(lim, &limit) < 0 || limit < 0))
		return cli_fail("--limit 应为非负整数");
	q.limit = (long)limit;
	if (pat) {
		int err;
		PCRE2_SIZE off;
		q.match = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &err, &off, NULL);
		if (!q.match)
			return cli_fail("--match 不是有效的 PCRE2 正则表达式（第 %zu 个字符）", (size_t)off + 1);
	}
	uint64_t *ids = NULL;
	long n = 0;
	int rc = service_list(cl->c, cl->as, t, &q, &ids, &n);
	if (q.match)
		pcre2_code_free(q.match);
	if (rc < 0)
		return cli_fail("%s", errmsg());
	bool full = cli_flag(cl, "full") && perm_may(cl->c, cl->as, ACT_UNMASK, t, q.unit);
	/* Audited before anything is shown in full: no audit entry, no full values. */
	if (full && !perm_console(cl->as) && n > 0 &&
	    audit_append(cl->c, NULL, &(struct audit_entry){.user = cl->as->name, .unit = cl->as->unit,
							    .type = "unmask", .object = t->id, .result = "ok",
							    .detail = "列表中查看完整敏感信息"}) < 0) {
		cli_fprintf(stderr, "zongzhi: %s；敏感信息仍以遮蔽显示\n", errmsg());
		full = false;
	}
	cli_printf("记录号\t所属单位");
	for (int i = 0; i < t->nf; i++)
		if (t->f[i].list)
			cli_printf("\t%s", t->f[i].label);
	putchar('\n');
	for (long k = 0; k < n; k++) {
		struct rec *r = NULL;
		if (service_get(cl->c, cl->as, t, ids[k], &r) < 0)
			continue;
		cli_printf("%llu\t%s", (unsigned long long)r->id, r->unit ? r->unit : "");
		for (int i = 0; i < t->nf; i++) {
			if (!t->f[i].list)
				continue;
			char *v = service_display(cl->c, cl->as, r, i, full);
			putchar('\t');
			cli_put_cell(v);
			free(v);
		}
		putchar('\n');
		rec_free(&r);
	}
	free(ids);
	return CLI_OK;
}

static int person_print(const struct rec *r, void *arg)
{
	struct cli *cl = arg;
	cli_printf("\n[%s] %s:%llu\n", r->t->title, r->t->id, (unsigned long long)r->id);
	print_record(cl, r, wants_full(cl, r));
	return 0;
}

int cli_person_show(struct cli *cl)
{
	char id[19];
	if (idnum_normalize(cl->argv[0], id) < 0)
		return cli_fail("%s", errmsg());
	/* service_person audits the view before it hands over any record. */
	cli_printf("身份证号\t%s\n", id);
	if (service_person(cl->c, cl->as, id, person_print, cl) < 0)
		return cli_fail("%s", errmsg());
	return CLI_OK;
}

int cli_export(struct cli *cl)
{
	const struct rtype *t = type_arg(cl, cl->argv[0]);
	if (!t)
		return CLI_FAIL;
	const char *outp = cli_opt(cl, "output");
	/* Full ID numbers may be in it: 0600, and never written through a link. */
	FILE *out = outp ? file_open_own(outp, "w") : stdout;
	if (!out)
		return cli_fail("%s", errmsg());
	long n = 0;
	int rc = export_csv(cl->c, cl->as, t, cli_opt(cl, "unit"), out, &n);
	if (out != stdout && fclose(out) != 0 && rc == 0)
		rc = errmsg_set(ZZ_ERR, "写入 %s 失败", outp);
	if (rc < 0)
		return cli_fail("%s", errmsg());
	cli_fprintf(stderr, "导出 %ld 条%s\n", n, t->title);
	return CLI_OK;
}
