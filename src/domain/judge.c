/* judge.c — the monthly 分析研判 report (judge.h). */
#include "judge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analysis.h"
#include "audit.h"
#include "chart.h"
#include "deadline.h"
#include "event.h"
#include "perm.h"
#include "report.h"
#include "score.h"
#include "service.h"
#include "stats.h"
#include "todo.h"

const char *const judge_state_zh[] = {
    [JUDGE_NONE] = "未报送", [JUDGE_DRAFT] = "草稿", [JUDGE_SUBMITTED] = "已报送"};

#define JUDGE_MAX_TEXT 4000

void judge_free(struct judge *j)
{
	free(j->unit);
	free(j->by);
	free(j->draft);
	free(j->judgement);
	free(j->measures);
	memset(j, 0, sizeof *j);
}

static bool writes_report(const struct unit *x)
{
	return x && (x->level == LV_COUNTY || x->level == LV_TOWNSHIP || x->level == LV_VILLAGE);
}

static bool month_ok(const char *m)
{
	return strlen(m) == 7 && m[4] == '-' && atoi(m) >= 1990 && atoi(m + 5) >= 1 &&
	       atoi(m + 5) <= 12;
}

/* ---- the draft ---- */

struct cards {
	struct ctx *c;
	const char *unit, *month;
	long yellow, red;
};

static int cards_cb(const struct score_row *r, void *arg)
{
	struct cards *k = arg;
	char gm[8];
	stats_month(r->given, gm);
	if (strcmp(gm, k->month) == 0 && units_under(ctx_units(k->c), r->unit, k->unit))
		(*(r->card == CARD_RED ? &k->red : &k->yellow))++;
	return 0;
}

static void line_change(struct sb *s, const char *what, long long n, long long mom, long long yoy)
{
	char a[32], b[32];
	sb_addf(s, "%s %lld（上月 %lld，环比 %s；去年同月 %lld，同比 %s）", what, n, mom,
		chart_pct(a, sizeof a, n, mom), yoy, chart_pct(b, sizeof b, n, yoy));
}

/* Categories that rose (RISE) or fell against the previous month, largest change first. */
static void list_moves(struct sb *s, const struct an_table *t, bool rise)
{
	bool any = false;
	bool *used = xcalloc((size_t)t->n + 1, sizeof *used);
	for (;;) {
		int best = -1;
		long long bd = 0;
		for (int i = 0; i < t->n; i++) {
			long long d = rise ? t->v[i].n - t->v[i].mom : t->v[i].mom - t->v[i].n;
			if (!used[i] && d > bd) {
				bd = d;
				best = i;
			}
		}
		if (best < 0)
			break;
		used[best] = true;
		const struct an_row *r = &t->v[best];
		sb_adds(s, any ? "；" : "");
		line_change(s, r->label, r->n, r->mom, r->yoy);
		any = true;
	}
	free(used);
	sb_adds(s, any ? "。\n" : "无。\n");
}

int judge_draft(struct ctx *c, const struct user *u, const char *unit, const char *month,
		char **out)
{
	const struct an_subject *ev = analysis_subject("event");
	struct an_table cat = {0}, where = {0};
	int64_t now = (int64_t)time(NULL);
	int rc = analysis_table(c, u, ev, AN_BY_CATEGORY, unit, month, 12, now, &cat);
	if (rc == 0)
		rc = analysis_table(c, u, ev, AN_BY_UNIT, unit, month, 12, now, &where);
	const struct unit *x = units_find(ctx_units(c), unit);
	long long overdue = 0;
	struct cards k = {.c = c, .unit = unit, .month = month};
	if (rc == 0)
		rc = stats_get(c->st, NULL, x->path, month, STATS_EVENT, "overdue", "1", &overdue);
	if (rc == 0)
		rc = score_scan(c->st, NULL, atoi(month), NULL, cards_cb, &k);
	if (rc < 0) {
		an_table_free(&cat);
		an_table_free(&where);
		return rc;
	}
	struct sb s;
	sb_init(&s);
	sb_addf(&s, "%s %s 分析研判（系统根据数据生成）\n", x->name, month);
	sb_adds(&s, "一、矛盾纠纷总体情况：本月登记");
	line_change(&s, "", cat.total, cat.total_mom, cat.total_yoy);
	sb_adds(&s, "。\n二、环比上升的类别：");
	list_moves(&s, &cat, true);
	sb_adds(&s, "三、环比下降的类别：");
	list_moves(&s, &cat, false);
	sb_adds(&s, "四、分布：");
	/* The three units with the most events this month. */
	bool *taken = xcalloc((size_t)where.n + 1, sizeof *taken);
	int shown = 0;
	for (; shown < 3; shown++) {
		int best = -1;
		for (int i = 0; i < where.n; i++)
			if (!taken[i] && where.v[i].n > 0 &&
			    (best < 0 || where.v[i].n > where.v[best].n))
				best = i;
		if (best < 0)
			break;
		taken[best] = true;
		sb_addf(&s, "%s%s %lld 件", shown ? "、" : "事件较多的是", where.v[best].label,
			where.v[best].n);
	}
	free(taken);
	sb_adds(&s, shown ? "。\n" : "本月没有登记事件。\n");
	sb_addf(&s,
		"五、超期与督办：本月登记的事件中超期 %lld 件；本月黄牌 %ld 张、红牌 %ld 张。\n",
		overdue, k.yellow, k.red);
	sb_adds(&s, "六、其他数据（本月新增）：");
	bool any = false;
	for (int i = 0; i < an_subjects_len; i++) {
		const struct an_subject *sj = &an_subjects[i];
		struct an_table t;
		if (sj == ev || !analysis_may(c, u, sj, unit) ||
		    analysis_table(c, u, sj, AN_BY_CATEGORY, unit, month, 12, now, &t) < 0)
			continue;
		if (t.total || t.total_mom) {
			sb_adds(&s, any ? "；" : "");
			line_change(&s, sj->title, t.total, t.total_mom, t.total_yoy);
			any = true;
		}
		an_table_free(&t);
	}
	sb_adds(&s, any ? "。\n" : "无变化。\n");
	an_table_free(&cat);
	an_table_free(&where);
	*out = sb_steal(&s);
	return 0;
}

/* ---- storage ---- */

static void judge_key(struct sb *k, const char *month, const char *unit)
{
	sb_add(k, "judge", 6);
	sb_add(k, month, strlen(month) + 1);
	sb_adds(k, unit);
}

static int judge_load(struct store *st, DB_TXN *txn, const char *unit, const char *month,
		      struct judge *j)
{
	struct sb k;
	sb_init(&k);
	judge_key(&k, month, unit);
	void *v = NULL;
	size_t vn = 0;
	int rc = store_get(store_db(st, DBI_META), txn, k.buf, k.len, &v, &vn, txn != NULL);
	sb_free(&k);
	if (rc < 0)
		return rc;
	char *s = xstrndup(v, vn);
	free(v);
	char *nl = strchr(s, '\n'), *t1 = strchr(s, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
	char *r1 = nl ? strchr(nl + 1, '\x1e') : NULL, *r2 = r1 ? strchr(r1 + 1, '\x1e') : NULL;
	if (!nl || !t2 || t2 > nl || !r2) {
		free(s);
		return errmsg_set(ZZ_EDB, "分析研判数据损坏：%s %s", unit, month);
	}
	*t1 = *t2 = *nl = *r1 = *r2 = '\0';
	j->state = atoi(s);
	j->by = xstrdup(t1 + 1);
	j->at = atoll(t2 + 1);
	j->draft = xstrdup(nl + 1);
	j->judgement = xstrdup(r1 + 1);
	j->measures = xstrdup(r2 + 1);
	free(s);
	return 0;
}

/* The state of UNIT's report of MONTH (JUDGE_NONE when there is none): the value's first two
 * bytes ("N\t") read, not the texts. */
static int judge_state_of(struct store *st, const char *unit, const char *month, int *state)
{
	DB *db = store_db(st, DBI_META);
	struct sb k;
	sb_init(&k);
	judge_key(&k, month, unit);
	char head[2] = {0};
	/* The key comes back (store_cmp): into our own buffer. */
	DBT key = {.data = k.buf,
		   .size = (u_int32_t)k.len,
		   .ulen = (u_int32_t)k.len,
		   .flags = DB_DBT_USERMEM};
	DBT val = {.data = head,
		   .ulen = sizeof head,
		   .dlen = sizeof head,
		   .flags = DB_DBT_USERMEM | DB_DBT_PARTIAL};
	int rc = db ? store_err(db->get(db, NULL, &key, &val, 0), "分析研判") : ZZ_EDB;
	sb_free(&k);
	*state = JUDGE_NONE;
	if (rc == ZZ_ENOENT)
		return 0;
	if (rc == 0 && (val.size != sizeof head || head[1] != '\t' || head[0] < '0' + JUDGE_DRAFT ||
			head[0] > '0' + JUDGE_SUBMITTED))
		rc = errmsg_set(ZZ_EDB, "分析研判数据损坏：%s %s", unit, month);
	if (rc == 0)
		*state = head[0] - '0';
	return rc;
}

int judge_get(struct ctx *c, const struct user *u, const char *unit, const char *month,
	      struct judge *out)
{
	memset(out, 0, sizeof *out);
	if (!month_ok(month))
		return errmsg_set(ZZ_EINVAL, "月份应为 YYYY-MM：%s", month);
	const struct unit *x = unit ? units_find(ctx_units(c), unit) : NULL;
	if (!x)
		return errmsg_set(ZZ_ENOENT, "没有单位 %s", unit ? unit : "");
	if (perm_check(c, u, ACT_VIEW, event_type(c), x->code) < 0)
		return ZZ_EPERM;
	memcpy(out->month, month, 8);
	out->unit = xstrdup(x->code);
	int rc = judge_load(c->st, NULL, x->code, month, out);
	if (rc == ZZ_ENOENT) {
		out->state = JUDGE_NONE;
		rc = judge_draft(c, u, x->code, month, &out->draft);
	}
	if (rc < 0)
		judge_free(out);
	return rc;
}

/* Text a person typed: bounded, valid UTF-8, no control characters but line breaks. */
int judge_text_check(const char *what, const char *s)
{
	size_t n = strlen(s);
	if (n > JUDGE_MAX_TEXT)
		return errmsg_set(ZZ_EINVAL, "%s过长（最多 %d 字节）", what, JUDGE_MAX_TEXT);
	if (!utf8_valid(s, n))
		return errmsg_set(ZZ_EINVAL, "%s含有无效的字符", what);
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\n') || s[i] == 0x7f)
			return errmsg_set(ZZ_EINVAL, "%s含有控制字符", what);
	return 0;
}

struct jw {
	struct ctx *c;
	const struct user *u;
	const char *month;
	const char *judgement, *measures; /* NULL: submit */
	char *draft;
};

static int judge_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct jw *w = arg;
	struct judge old = {0};
	int rc = judge_load(st, txn, w->u->unit, w->month, &old);
	if (rc == ZZ_ENOENT)
		rc = 0;
	bool submit = !w->judgement;
	if (rc == 0 && old.state == JUDGE_SUBMITTED)
		rc = errmsg_set(ZZ_EINVAL, "%s 的分析研判已经报送，不能再修改", w->month);
	if (rc == 0 && submit &&
	    (old.state != JUDGE_DRAFT || str_empty(old.judgement) || str_empty(old.measures)))
		rc = errmsg_set(ZZ_EMISSING, "报送前请填写研判意见和工作措施");
	if (rc == 0) {
		struct sb v, k;
		sb_init(&v);
		sb_init(&k);
		sb_addf(&v, "%d\t%s\t%lld\n%s\x1e%s\x1e%s", submit ? JUDGE_SUBMITTED : JUDGE_DRAFT,
			w->u->name, (long long)time(NULL), submit ? old.draft : w->draft,
			submit ? old.judgement : w->judgement, submit ? old.measures : w->measures);
		judge_key(&k, w->month, w->u->unit);
		rc = store_put(store_db(st, DBI_META), txn, k.buf, k.len, v.buf, v.len);
		sb_free(&v);
		sb_free(&k);
	}
	if (rc == 0) {
		char *obj = xasprintf("judge:%s:%s", w->month, w->u->unit);
		rc = audit_append(w->c, txn,
				  &(struct audit_entry){.user = w->u->name,
							.unit = w->u->unit,
							.type = submit ? "submit" : "edit",
							.object = obj,
							.result = "ok",
							.detail = "分析研判"});
		free(obj);
	}
	judge_free(&old);
	return rc;
}

const struct unit *judge_writer(struct ctx *c, const struct user *u)
{
	const struct unit *x = perm_console(u) ? NULL : units_find(ctx_units(c), u->unit);
	const struct rtype *t = event_type(c);
	if (!writes_report(x) || strcmp(u->role, "office") != 0 || !t ||
	    !perm_may(c, u, ACT_HANDLE, t, x->code))
		return NULL;
	return x;
}

static int judge_may_write(struct ctx *c, const struct user *u, const char *month)
{
	if (!month_ok(month))
		return errmsg_set(ZZ_EINVAL, "月份应为 YYYY-MM：%s", month);
	if (judge_writer(c, u))
		return 0;
	service_audit_refusal(c, u, "judge", month, ZZ_EPERM);
	return errmsg_set(ZZ_EPERM, "分析研判由县、乡镇（街道）、村（社区）综治办的账号填写");
}

int judge_save(struct ctx *c, const struct user *u, const char *month, const char *judgement,
	       const char *measures)
{
	int rc = judge_may_write(c, u, month);
	if (rc == 0)
		rc = judge_text_check("研判意见", judgement);
	if (rc == 0)
		rc = judge_text_check("工作措施", measures);
	struct jw w = {
	    .c = c, .u = u, .month = month, .judgement = judgement, .measures = measures};
	if (rc == 0)
		rc = judge_draft(c, u, u->unit, month, &w.draft);
	if (rc == 0)
		rc = store_run(c->st, judge_txn, &w);
	free(w.draft);
	return rc;
}

int judge_submit(struct ctx *c, const struct user *u, const char *month)
{
	int rc = judge_may_write(c, u, month);
	struct jw w = {.c = c, .u = u, .month = month};
	return rc < 0 ? rc : store_run(c->st, judge_txn, &w);
}

int judge_status(struct ctx *c, const struct user *u, const char *unit, const char *month,
		 judge_cb cb, void *arg)
{
	if (!month_ok(month))
		return errmsg_set(ZZ_EINVAL, "月份应为 YYYY-MM：%s", month);
	const struct unit *x = unit ? units_find(ctx_units(c), unit) : NULL;
	if (!x)
		return errmsg_set(ZZ_ENOENT, "没有单位 %s", unit ? unit : "");
	if (perm_check(c, u, ACT_VIEW, event_type(c), x->code) < 0)
		return ZZ_EPERM;
	const struct units *us = ctx_units(c);
	int rc = 0;
	for (int i = 0; i < us->n && rc == 0; i++) {
		const struct unit *w = &us->v[i];
		if (strcmp(w->parent, x->code) != 0 || !writes_report(w))
			continue;
		int state;
		rc = judge_state_of(c->st, w->code, month, &state);
		if (rc == 0)
			rc = cb(w->code, state, arg);
	}
	return rc;
}

/* The office's own reports of the months reports.months_back back, from the home's first month
 * (report_first_month): due by the day reports.due.judge.LEVEL of the next month (a level without
 * the setting is never reminded). */
int judge_todo(struct ctx *c, const struct user *u, int64_t now, struct todo_list *l)
{
	const struct unit *x = judge_writer(c, u);
	if (!x)
		return 0;
	char cur[8], first[8] = "";
	stats_month(now, cur);
	int back = (int)conf_int(c->conf, "reports.months_back");
	int rc = report_first_month(c, now, first);
	for (int b = 1; b <= back && rc == 0; b++) {
		char m[8], day[11];
		stats_month_add(cur, b, m);
		int64_t due = report_due_named(c, "judge", x->level, m);
		int state;
		if (!due || strcmp(m, first) < 0)
			break;
		rc = judge_state_of(c->st, x->code, m, &state);
		if (rc < 0 || state == JUDGE_SUBMITTED)
			continue;
		date_format(date_today((time_t)due), day);
		if (now > due)
			todo_add(l, TODO_OVERDUE, due, "judge", m,
				 "月度分析研判（%s）已逾期未提交（应于 %s 前）", m, day);
		else if (b == 1)
			todo_add(l, TODO_INFO, due, "judge", m, "月度分析研判（%s）应于 %s 前提交",
				 m, day);
	}
	return rc;
}
