/* ui_extra.c — screens other features add to the main menu (events, claims, visits, …): one row
 * each, listed under its group in the order of ui.menu_groups (conf/ui.cfg). A row names the
 * group, the menu title and the run function; optionally who may see it (visible) and the kind
 * of to-do item it opens (todo_kind, open_ref). See ui_screen.h and doc/ARCHITECTURE.md. */
#include "ui_access.h"
#include "ui_audit.h"
#include "ui_bulletin.h"
#include "ui_chart.h"
#include "ui_claim.h"
#include "ui_event.h"
#include "ui_import.h"
#include "ui_office.h"
#include "ui_period.h"
#include "ui_policy.h"
#include "ui_report.h"
#include "ui_score.h"
#include "ui_screen.h"
#include "ui_task.h"
#include "ui_units.h"
#include "ui_users.h"

const struct ui_extra ui_extra_screens[] = {
	{.group = "矛盾纠纷排查化解", .title = "矛盾纠纷事件办理", .visible = ui_event_visible, .run = ui_event_list_run,
	 .todo_kind = "event", .open_ref = ui_event_open_ref, .digest_run = ui_event_list_open_run},
	{.group = "矛盾纠纷排查化解", .title = "日报与零报告", .visible = ui_daily_visible, .run = ui_daily_run,
	 .todo_kind = "daily", .open_ref = ui_daily_open_ref},
	{.group = "矛盾纠纷排查化解", .title = "敏感期（零报告）", .visible = ui_period_visible, .run = ui_period_run},
	{.group = "矛盾纠纷排查化解", .title = "考核得分（黄牌红牌）", .visible = ui_event_visible, .run = ui_score_run,
	 .todo_kind = "score"},
	{.group = "任务督办", .title = "任务督办（签收、反馈、评价、督办）", .visible = ui_task_visible,
	 .run = ui_task_run, .todo_kind = "task", .open_ref = ui_task_open_ref},
	{.group = "导入与认领", .title = "待认领（认领、退回、分派）", .visible = ui_claim_visible,
	 .run = ui_claim_run, .todo_kind = "claim", .open_ref = ui_claim_open_ref},
	{.group = "导入与认领", .title = "导入冲突", .visible = ui_claim_visible, .run = ui_claim_conflicts_run},
	{.group = "导入与认领", .title = "导入数据（上传目录）", .visible = ui_import_visible, .run = ui_import_run,
	 .todo_kind = "import", .open_ref = ui_import_open_ref},
	{.group = "报表", .title = "月报表（填报、上报、汇总）", .visible = ui_report_visible, .run = ui_report_run, .todo_kind = "report",
	 .open_ref = ui_report_open_ref},
	{.group = "统计分析", .title = "统计分析（分布、类别、趋势）", .visible = ui_chart_visible, .run = ui_chart_run},
	{.group = "统计分析", .title = "月度通报", .visible = ui_bulletin_visible, .run = ui_bulletin_run},
	{.group = "统计分析", .title = "月度分析研判", .visible = ui_judge_visible, .run = ui_judge_run,
	 .todo_kind = "judge", .open_ref = ui_judge_open_ref},
	{.group = "电子台账", .title = "台账空项（本年）", .visible = ui_ledger_visible, .run = ui_ledger_empty_run},
	{.group = "日常办公", .title = "收到的文件（阅读回执）", .visible = ui_office_docs_visible, .run = ui_office_docs_run, .todo_kind = "doc",
	 .open_ref = ui_office_doc_open_ref},
	{.group = "日常办公", .title = "发出的文件（谁已阅读）", .visible = ui_office_sent_visible,
	 .run = ui_office_sent_run},
	{.group = "日常办公", .title = "社情民意上报", .visible = ui_office_up_visible, .run = ui_office_up_run, .todo_kind = "report_up",
	 .open_ref = ui_office_up_open_ref},
	{.group = "日常办公", .title = "意见建议答复", .visible = ui_office_reply_visible, .run = ui_office_reply_run, .todo_kind = "suggest",
	 .open_ref = ui_office_reply_open_ref},
	{.group = "日常办公", .title = "查阅申请审批", .visible = ui_access_visible, .run = ui_access_run, .todo_kind = "access",
	 .open_ref = ui_access_open_ref},
	{.group = "系统管理", .title = "账号", .visible = ui_users_visible, .run = ui_users_run},
	{.group = "系统管理", .title = "安全策略", .visible = ui_policy_visible, .run = ui_policy_run},
	{.group = "系统管理", .title = "单位管理", .visible = ui_units_visible, .run = ui_units_run},
	{.group = "系统管理", .title = "审计日志", .visible = ui_audit_visible, .run = ui_audit_run},
	/* Not in the menu: to-do items only. */
	{.todo_kind = "patrol", .open_ref = ui_patrol_open_ref},
	{.todo_kind = "entry", .open_ref = ui_entry_open_ref},
	{.group = NULL}, /* end */
};
const int ui_extra_screens_len = (int)ARRAY_LEN(ui_extra_screens);
