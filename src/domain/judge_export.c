/* judge_export.c — a monthly 分析研判 report (judge.h) as a two-column sheet (sheet.h) for the
 * paper chain: state and who submitted it, the system's draft a line a row, then the office's
 * judgement and measures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "event.h"
#include "judge.h"
#include "perm.h"
#include "report_export.h"
#include "service.h"
#include "sheet.h"

void judge_sheet(const struct units *us, const struct judge *j, struct sheet *s)
{
	memset(s, 0, sizeof *s);
	const struct unit *x = units_find(us, j->unit);
	s->title = xasprintf("%s %s 月度分析研判", x ? x->name : j->unit, j->month);
	s->head[0] = "项目";
	s->head[1] = "内容";
	s->width[0] = 12;
	s->width[1] = 90;
	s->ncols = 2;
	sheet_add(s, "状态");
	sheet_add(s, judge_state_zh[j->state]);
	if (j->state != JUDGE_NONE && j->by) {
		char at[20];
		datetime_format((time_t)j->at, at);
		sheet_add(s, j->state == JUDGE_SUBMITTED ? "报送" : "保存");
		sheet_addf(s, "%s，%s", j->by, at);
	}
	char *d = xstrdup(j->draft ? j->draft : ""), *save = NULL;
	bool first = true;
	for (char *p = strtok_r(d, "\n", &save); p; p = strtok_r(NULL, "\n", &save)) {
		sheet_add(s, first ? "系统草稿" : "");
		sheet_add(s, p);
		first = false;
	}
	free(d);
	sheet_add(s, "研判意见");
	sheet_add(s, j->judgement);
	sheet_add(s, "工作措施");
	sheet_add(s, j->measures);
}

int judge_export(struct ctx *c, const struct user *u, const struct judge *j, const char *format,
		 char **path)
{
	if (perm_check(c, u, ACT_EXPORT, event_type(c), j->unit) < 0) {
		service_audit_refusal(c, u, "judge_export", j->unit, ZZ_EPERM);
		return ZZ_EPERM;
	}
	struct sheet s;
	judge_sheet(ctx_units(c), j, &s);
	char *ul = report_unit_label(c, j->unit);
	char *name = xasprintf("分析研判-%s-%s", ul, j->month);
	free(ul);
	char *obj = xasprintf("judge:%s:%s", j->month, j->unit);
	int rc = sheet_export(c, u, &s, format, name, obj, path);
	free(name);
	free(obj);
	sheet_free(&s);
	return rc;
}
