/* ui_policy.c — 安全策略: the password and lockout numbers in force, what each means, its allowed
 * range (conf_table[]) and where it comes from (the settings file, or changed by whom and when);
 * Enter changes one through policy.c (permission and audit there). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "perm.h"
#include "policy.h"
#include "ui_policy.h"
#include "ui_screen.h"

enum { POLICY_COLS = 4 };

struct pstate {
	struct ui *ui;
	struct policy_value *v; /* policy_items_len, parallel to policy_items[] */
};

static const struct ui_col policy_cols[POLICY_COLS] = {
	{.title = "项目", .width = 34},
	{.title = "当前值", .width = 6, .right = true},
	{.title = "允许范围", .width = 8},
	{.title = "来源", .width = 28},
};

static int policy_reload(struct ui *ui, struct pstate *s)
{
	int rc = 0;
	for (int i = 0; i < policy_items_len && rc == 0; i++)
		rc = policy_get(ui->c, policy_items[i].path, &s->v[i]);
	return rc;
}

static const char *policy_cell(void *arg, long row, int col, char *buf, size_t n)
{
	const struct policy_value *v = &((struct pstate *)arg)->v[row];
	if (col == 0)
		return policy_items[row].zh;
	if (col == 1)
		snprintf(buf, n, "%lld", v->value);
	else if (col == 2)
		snprintf(buf, n, "%lld~%lld", v->min, v->max);
	else if (!v->changed)
		return "设置文件";
	else {
		char at[20];
		ui_short_time(v->at, at);
		snprintf(buf, n, "%s %s 修改", v->by, at);
	}
	return buf;
}

static attr_t policy_attr(void *arg, long row)
{
	struct pstate *s = arg;
	return s->v[row].changed ? ui_attr(s->ui, UI_A_MARK) : A_NORMAL;
}

static void policy_top(struct ui *ui, struct ui_table_screen *t, char *buf, size_t n)
{
	snprintf(buf, n, "回车修改当前项；密码字符类别的正则表达式只在设置文件中修改");
}

static const struct ui_keys policy_keys = {
	.screen = "安全策略",
	.about = "密码和登录锁定的规则：每项的含义、当前值、允许的范围和来源。来源“设置文件”是服务器设置文件"
		 "（conf/）中的默认值；安全管理员在这里修改后，来源写出修改人和时间（设置文件中的值见修改时的提示）。"
		 "回车修改当前项：输入范围内的整数，超出范围或不是整数时提示原因，输入的内容保留，可改正或 Esc 放弃。"
		 "修改立即对所有会话生效（下一次设置密码、登录时按新值检查），不需重启，并记入审计日志（原值和新值）。"
		 "密码须含的字符类别（大写字母、小写字母、数字、符号的正则表达式）只能在设置文件中修改。Esc 返回。",
	.acts = (const enum ui_act[]){UI_UP, UI_DOWN, UI_PGUP, UI_PGDN, UI_HOME, UI_END, UI_ENTER, UI_BACK, UI_NONE},
	.hints = (const enum ui_act[]){UI_ENTER, UI_BACK, UI_HELP, UI_NONE},
	.enter_name = "修改",
};

static int policy_take(struct ui *ui, const char *text, void *arg)
{
	const char *path = arg;
	long long v;
	int rc = policy_parse(ui->c, path, text, &v);
	return rc < 0 ? rc : policy_set(ui->c, ui->u, path, text);
}

static int policy_act(struct ui *ui, struct ui_table_screen *t, enum ui_act a)
{
	struct pstate *s = t->arg;
	if (a != UI_ENTER)
		return UI_NOTMINE;
	long i = t->t.cur;
	struct policy_value old = s->v[i];
	char label[160];
	snprintf(label, sizeof label, "%s（%lld~%lld，设置文件 %lld）：", policy_items[i].zh, old.min, old.max,
		 old.conf);
	char *buf = xasprintf("%lld", old.value);
	/* The current value offered whole: a new one typed replaces it (12 typed over 8 made 812). */
	if (ui_prompt_offer_act(ui, label, &buf, policy_take, (void *)policy_items[i].path) == 0) {
		int rc = policy_reload(ui, s);
		if (rc < 0)
			ui_err(ui, rc);
		else
			ui_msg(ui, "已修改：%s %lld → %lld", policy_items[i].zh, old.value, s->v[i].value);
	}
	free(buf);
	return UI_DONE;
}

bool ui_policy_visible(struct ui *ui) { return perm_may(ui->c, ui->u, ACT_SECURITY, NULL, NULL); }

int ui_policy_run(struct ui *ui)
{
	int rc = perm_check(ui->c, ui->u, ACT_SECURITY, NULL, NULL);
	if (rc < 0)
		return ui_err(ui, rc), 0;
	struct pstate s = {.ui = ui, .v = xcalloc((size_t)policy_items_len, sizeof *s.v)};
	rc = policy_reload(ui, &s);
	if (rc < 0) {
		ui_err(ui, rc);
		free(s.v);
		return 0;
	}
	struct ui_table_screen t = {
		.title = "安全策略",
		.keys = &policy_keys,
		.t = {.cols = policy_cols, .ncols = POLICY_COLS, .nrows = policy_items_len, .cell = policy_cell,
		      .row_attr = policy_attr, .arg = &s, .fixed = 1},
		.top = policy_top,
		.act = policy_act,
		.arg = &s,
	};
	ui_table_run(ui, &t);
	free(s.v);
	return 0;
}
