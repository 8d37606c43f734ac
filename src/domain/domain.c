/* domain.c — each feature's row for core (feature.h): its settings check, its hooks around a
 * record's save, its daemon rules, its to-do source. Adding a feature adds a row here. */
#include "domain.h"

#include <string.h>

#include "access.h"
#include "attach.h"
#include "claim.h"
#include "claim_daemon.h"
#include "daily.h"
#include "disk.h"
#include "event.h"
#include "mass.h"
#include "import_log.h"
#include "judge.h"
#include "ledger.h"
#include "modules.h"
#include "office.h"
#include "report.h"
#include "repl.h"
#include "report_entry.h"
#include "stats.h"
#include "task.h"

static const struct daemon_rule event_rules[] = {
	{.name = "event_cards", .help = "矛盾纠纷事件受理、办理超时的黄牌红牌与扣分（到期索引）", .run = event_cards_rule},
};

static const struct store_dbdef event_dbs[] = {
	{DBI_EVENTS, "events.db", DB_BTREE, NULL},
	{DBI_EV_STEPS, "ev_steps.db", DB_BTREE, NULL},
	{DBI_EV_UNIT, "ev_unit.db", DB_BTREE, NULL},
	{DBI_EV_OPEN, "ev_open.db", DB_BTREE, NULL},
	{DBI_EV_SCORE, "ev_score.db", DB_BTREE, NULL},
};

static const struct feature feature_event = {
	.name = "event",
	.dbs = event_dbs,
	.ndbs = (int)ARRAY_LEN(event_dbs),
	.conf_check = event_conf_check,
	.rules = event_rules,
	.nrules = (int)ARRAY_LEN(event_rules),
	.todo = event_todo,
	.digest = event_digest,
	.frozen = event_frozen,
	.editable = event_editable,
};

static const struct daemon_rule mass_rules[] = {
	{.name = "mass_daily", .help = "群体性事件未结案期间每个工作日未续报的黄牌与扣分（R-EV-8）", .run = mass_daily_rule},
};

static const struct feature feature_mass = {
	.name = "mass",
	.rules = mass_rules,
	.nrules = (int)ARRAY_LEN(mass_rules),
	.todo = mass_todo,
};

static const struct daemon_rule daily_rules[] = {
	{.name = "daily_missing", .help = "标记未报日报也未报零报告的工作日（敏感期内为每一天，R-EV-7、R-EV-8）", .run = daily_pass},
};

static const struct store_dbdef daily_dbs[] = {
	{DBI_EV_DAILY, "ev_daily.db", DB_BTREE, NULL},
};

static const struct feature feature_daily = {
	.name = "daily",
	.dbs = daily_dbs,
	.ndbs = (int)ARRAY_LEN(daily_dbs),
	.rules = daily_rules,
	.nrules = (int)ARRAY_LEN(daily_rules),
	.todo = daily_todo,
};

static const struct daemon_rule claims_rules[] = {
	{.name = "claims_overdue", .help = "超过认领期限的导入数据计入各单位当月统计（R-CL-1）", .run = claims_rule_overdue},
	{.name = "claims_import_missing", .help = "每日标记超过期限未导入的成员单位（R-CL-2）", .run = claims_rule_import_missing},
};

static bool claims_selector(struct ctx *c, const char *word, const char *dept, const struct rtype *t)
{
	return !strcmp(word, "imports") && claims_imports(c->conf, dept, t->id);
}

static const struct store_dbdef claims_dbs[] = {
	{DBI_CLAIMS, "claims.db", DB_BTREE, NULL},
	{DBI_CLAIM_WAIT, "claim_wait.db", DB_BTREE, claim_dup_cmp},
};

static const struct feature feature_claims = {
	.name = "claims",
	.dbs = claims_dbs,
	.ndbs = (int)ARRAY_LEN(claims_dbs),
	.rules = claims_rules,
	.nrules = (int)ARRAY_LEN(claims_rules),
	.todo = claims_todo,
	.selector = claims_selector,
	.migrate = claim_migrate,
};

static int modules_feature_load(struct ctx *c)
{
	return modules_load(&c->modules, c->conf, c->schema);
}

static void modules_feature_unload(struct ctx *c)
{
	modules_free(&c->modules);
}

static int modules_before_store(struct ctx *c, DB_TXN *txn, struct rec *r, const struct rec *old, int64_t now)
{
	(void)txn;
	modules_mark_late(c, r, old, now);
	return 0;
}

static const struct daemon_rule modules_rules[] = {
	{.name = "module_clocks", .help = "走访（R-SV-1、R-SV-2）、网格巡查日志（R-SV-3）、定期更新（R-EN-6）到期提醒",
	 .run = clock_rule},
};

static const struct feature feature_modules = {
	.name = "modules",
	.load = modules_feature_load,
	.unload = modules_feature_unload,
	.derive = modules_derive,
	.before_store = modules_before_store,
	.after_store = clock_after_store,
	.after_delete = clock_after_delete,
	.rules = modules_rules,
	.nrules = (int)ARRAY_LEN(modules_rules),
	.todo = clock_todo,
};

static int imports_before_store(struct ctx *c, DB_TXN *txn, struct rec *r, const struct rec *old, int64_t now)
{
	(void)now;
	return ilog_local_edit(c->st, txn, old, r);
}

static const struct store_dbdef imports_dbs[] = {
	{DBI_IMPORTS, "imports.db", DB_BTREE, NULL},
};

static const struct feature feature_imports = {
	.name = "imports",
	.dbs = imports_dbs,
	.ndbs = (int)ARRAY_LEN(imports_dbs),
	.before_store = imports_before_store,
};

static const struct daemon_rule report_rules[] = {
	{.name = "reports_late", .help = "标记逾期未上报的月报表（R-RP-2、R-RP-3、R-EV-8）", .run = report_rule_late},
};

static const struct store_dbdef reports_dbs[] = {
	{DBI_REPORTS, "reports.db", DB_BTREE, NULL},
};

/* Monthly forms (report.h): their files checked at load, late marks, the forms due in the to-do list. */
static const struct feature feature_reports = {
	.name = "reports",
	.dbs = reports_dbs,
	.ndbs = (int)ARRAY_LEN(reports_dbs),
	.load = report_conf_check,
	.rules = report_rules,
	.nrules = (int)ARRAY_LEN(report_rules),
	.todo = report_todo,
};

static const struct daemon_rule entry_rules[] = {
	{.name = "entry_missing", .help = "标记到期仍未录入的月度统计（R-RP-1：刑事案件、作案成员、治安案件、交通火灾事故）",
	 .run = report_entry_rule},
};

/* Monthly figures entered as records (report_entry.h): months never filed. */
static const struct feature feature_entry = {
	.name = "entry",
	.rules = entry_rules,
	.nrules = (int)ARRAY_LEN(entry_rules),
	.todo = report_entry_todo,
};

static const struct store_dbdef stats_dbs[] = {
	{DBI_STATS, "stats.db", DB_BTREE, NULL},
};

/* Counters of records (stats.h); events count themselves in their own transactions. */
static const struct feature feature_stats = {
	.name = "stats",
	.dbs = stats_dbs,
	.ndbs = (int)ARRAY_LEN(stats_dbs),
	.load = stats_conf_check,
	.after_store = stats_after_store,
	.after_delete = stats_after_delete,
};

static int attach_after_store(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *r,
			      const struct rec *old, int64_t now)
{
	(void)now;
	return attach_sync(c, txn, u, r, old);
}

static int attach_after_delete(struct ctx *c, DB_TXN *txn, const struct user *u, const struct rec *old, int64_t now)
{
	(void)now;
	return attach_sync(c, txn, u, NULL, old);
}

static const struct store_dbdef attach_dbs[] = {
	{DBI_ATTACH, "attach.db", DB_BTREE, NULL},
	{DBI_ATTACH_REF, "attach_ref.db", DB_BTREE, NULL},
};

/* Attachments (attach.h): stored with the record, removed with the last record holding them. */
static const struct feature feature_attach = {
	.name = "attach",
	.dbs = attach_dbs,
	.ndbs = (int)ARRAY_LEN(attach_dbs),
	.after_store = attach_after_store,
	.after_delete = attach_after_delete,
};

/* The administrators' warning about disk space (core's disk.c; the checkpoint rule is core's). */
static const struct feature feature_disk = {
	.name = "disk",
	.todo = disk_todo,
};

/* The administrators' item of a standby site waiting for a primary (core's repl.c). */
static const struct feature feature_repl = {
	.name = "repl",
	.todo = repl_todo,
};

static const struct daemon_rule task_rules_daemon[] = {
	{.name = "task_cards", .help = "任务签收、反馈超时的黄牌红牌与扣分（R-EV-9，到期索引）", .run = task_cards_rule},
};

static const struct store_dbdef task_dbs[] = {
	{DBI_TASKS, "tasks.db", DB_BTREE, NULL},
};

/* Tasks and directives (task.h): late sign-off and feedback cards, the tasks in the to-do list. */
static const struct feature feature_task = {
	.name = "task",
	.dbs = task_dbs,
	.ndbs = (int)ARRAY_LEN(task_dbs),
	.conf_check = task_conf_check,
	.rules = task_rules_daemon,
	.nrules = (int)ARRAY_LEN(task_rules_daemon),
	.todo = task_todo,
};

/* Electronic ledgers (ledger.h): an entry's item enabled where it is filed; a unit's catalogue
 * entries renamed with their ledger entries, kept while entries are filed under them. */
static const struct feature feature_ledger = {
	.name = "ledger",
	.before_store = ledger_before_store,
	.after_store = ledger_after_store,
	.after_delete = ledger_after_delete,
};

/* Office work between units (office.h): report up, reply, read receipts; its to-do items. */
static const struct feature feature_office = {
	.name = "office",
	.load = office_load,
	.before_store = office_before_store,
	.after_store = office_after_store,
	.after_delete = office_after_delete,
	.todo = office_todo,
};

/* Access requests (access.h, R-AC-1): the request checked; a running grant lets the requester view. */
static const struct feature feature_access = {
	.name = "access",
	.before_store = access_before_store,
	.frozen = access_frozen,
	.grants_view = access_grants_view,
	.todo = access_todo,
};

/* The monthly 分析研判 (judge.h, R-RP-5): the office's own report due in its to-do list. */
static const struct feature feature_judge = {
	.name = "judge",
	.todo = judge_todo,
};

const struct feature *const domain_features[] = {
	&feature_attach, &feature_event, &feature_mass, &feature_daily, &feature_claims, &feature_modules, &feature_imports, &feature_stats, &feature_reports, &feature_entry,
	&feature_task, &feature_disk, &feature_repl, &feature_ledger, &feature_office, &feature_access, &feature_judge, NULL,
};
