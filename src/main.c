/* main.c — zongzhi: one binary, git-style subcommands from one table. */
#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "domain.h"
#include "server.h"
#include "service.h"
#include "validate.h"

#ifndef ZZ_SYSCONF
#define ZZ_SYSCONF "/etc/zongzhi/zongzhi.cfg"
#endif

const struct cli_cmd cli_table[] = {
	{.name = "init", .console = CLI_CON_ANY, .run = cli_init, .opts = "demo,persons:,seed:", .max_args = 0, .store = 2,
	 .usage = "init [--demo [--persons N] [--seed S]]", .help = "创建数据库；--demo 填入演示数据"},
	{.name = "schema", .sub = "check", .console = CLI_CON_ANY, .run = cli_schema_check, .max_args = 0,
	 .usage = "schema check", .help = "检查 screens/ 中的记录类型与 conf/ 中的角色"},
	{.name = "unit", .sub = "list", .console = CLI_CON_ANY, .run = cli_unit_list, .max_args = 1, .store = 1,
	 .usage = "unit list [CODE]", .help = "列出单位树"},
	{.name = "unit", .sub = "add", .console = CLI_CON_BOOT, .run = cli_unit_add, .opts = "parent:,level:,dept:,as:", .min_args = 2,
	 .max_args = 2, .store = 1, .usage = "unit add CODE NAME --parent CODE [--level L] [--dept D]",
	 .help = "新增单位"},
	{.name = "unit", .sub = "rename", .console = CLI_CON_BOOT, .run = cli_unit_rename, .opts = "as:", .min_args = 2, .max_args = 2,
	 .store = 1, .usage = "unit rename CODE NAME", .help = "单位改名"},
	{.name = "unit", .sub = "move", .console = CLI_CON_BOOT, .run = cli_unit_move, .opts = "as:", .min_args = 2, .max_args = 2,
	 .store = 1, .usage = "unit move CODE NEWPARENT", .help = "调整单位的上级"},
	{.name = "user", .sub = "add", .console = CLI_CON_BOOT, .run = cli_user_add, .opts = "unit:,role:,dept:,name:,as:,keep-password", .min_args = 1,
	 .max_args = 1, .store = 1, .usage = "user add NAME --unit CODE --role ROLE [--dept DEPT] [--name 姓名] [--keep-password]",
	 .help = "新增账号（密码从提示或标准输入读取）"},
	{.name = "user", .sub = "list", .console = CLI_CON_ANY, .run = cli_user_list, .opts = "unit:", .max_args = 0, .store = 1,
	 .usage = "user list [--unit CODE]", .help = "列出账号"},
	{.name = "user", .sub = "passwd", .console = CLI_CON_ADMINS, .run = cli_user_passwd, .opts = "reset,as:", .min_args = 1, .max_args = 1,
	 .store = 1, .usage = "user passwd NAME [--reset]", .help = "设置密码；--reset 要求下次登录时修改"},
	{.name = "user", .sub = "lock", .console = CLI_CON_ADMINS, .run = cli_user_lock, .opts = "as:", .min_args = 1, .max_args = 1,
	 .store = 1, .usage = "user lock NAME", .help = "锁定账号"},
	{.name = "user", .sub = "unlock", .console = CLI_CON_ADMINS, .run = cli_user_unlock, .opts = "as:", .min_args = 1, .max_args = 1,
	 .store = 1, .usage = "user unlock NAME", .help = "解锁账号"},
	{.name = "user", .sub = "move", .console = CLI_CON_BOOT, .run = cli_user_move, .opts = "as:", .min_args = 2, .max_args = 2,
	 .store = 1, .usage = "user move NAME UNIT", .help = "把账号调到同一层级的另一单位（角色、密码、公钥不变）"},
	{.name = "user", .sub = "role", .run = cli_user_role, .opts = "as:", .min_args = 2, .max_args = 2, .store = 1,
	 .usage = "user role NAME ROLE", .help = "更改账号的角色（安全管理员；记入审计；下次登录起生效）"},
	{.name = "policy", .sub = "show", .console = CLI_CON_ANY, .run = cli_policy_show, .opts = "as:", .max_args = 0, .store = 1,
	 .usage = "policy show", .help = "密码与锁定策略：现值、设置文件中的值、范围、由谁修改"},
	{.name = "policy", .sub = "set", .run = cli_policy_set, .opts = "as:", .min_args = 2, .max_args = 2, .store = 1,
	 .usage = "policy set SETTING VALUE", .help = "修改密码或锁定策略的一项（安全管理员；记入审计）"},
	{.name = "user", .sub = "key", .run = cli_user_key_add, .opts = "as:", .min_args = 2, .max_args = 2,
	 .store = 1, .usage = "user key add NAME FILE", .help = "为账号添加 OpenSSH 公钥"},
	{.name = "record", .sub = "add", .run = cli_record_add, .opts = "unit:,as:", .min_args = 1, .max_args = 200,
	 .store = 1, .usage = "record add TYPE [--unit CODE] FIELD=VALUE…", .help = "新增记录，打印记录号"},
	{.name = "record", .sub = "get", .run = cli_record_get, .opts = "as:,full", .min_args = 2, .max_args = 2,
	 .store = 1, .usage = "record get TYPE ID|KEY [--full]", .help = "显示一条记录"},
	{.name = "record", .sub = "update", .run = cli_record_update, .opts = "unit:,as:,if-version:", .min_args = 2,
	 .max_args = 200, .store = 1, .usage = "record update TYPE ID|KEY [--unit CODE] [--if-version N] FIELD=VALUE…",
	 .help = "修改记录；--if-version N：记录已不是第 N 版（已被他人修改）时拒绝"},
	{.name = "record", .sub = "delete", .run = cli_record_delete, .opts = "as:", .min_args = 2, .max_args = 2,
	 .store = 1, .usage = "record delete TYPE ID|KEY", .help = "删除记录"},
	{.name = "record", .sub = "list", .run = cli_record_list, .opts = "unit:,match:,name:,as:,full,limit:,late",
	 .min_args = 1, .max_args = 1, .store = 1,
	 .usage = "record list TYPE [--unit CODE] [--match PCRE2] [--name 前缀] [--limit N] [--late]",
	 .help = "列出记录；--late 只列录入超时的"},
	{.name = "person", .sub = "show", .run = cli_person_show, .opts = "as:,full", .min_args = 1, .max_args = 1,
	 .store = 1, .usage = "person show IDNUM", .help = "显示一个人的全部记录"},
	{.name = "export", .run = cli_export, .opts = "unit:,as:,output:", .min_args = 1, .max_args = 1, .store = 1,
	 .usage = "export TYPE [--unit CODE] [--output FILE]", .help = "导出 CSV（UTF-8，中文表头）"},
	{.name = "import", .sub = "maps", .console = CLI_CON_ANY, .run = cli_import_maps, .max_args = 0,
	 .usage = "import maps", .help = "检查并列出 conf/import/ 中的导入列映射"},
	{.name = "import", .sub = "last", .run = cli_import_last, .opts = "as:,unit:", .max_args = 0, .store = 1,
	 .usage = "import last [--unit CODE]", .help = "本单位最近一次导入的结果和拒收的行"},
	{.name = "import", .run = cli_import, .opts = "as:,unit:,rejects:,encoding:,by:,map:", .min_args = 2,
	 .max_args = 2, .store = 1,
	 .usage = "import TYPE FILE [--by UNIT] [--encoding gb18030] [--map NAME] [--unit CODE] [--rejects FILE]",
	 .help = "导入 CSV（按单位分派待认领；中断后重新导入同一文件即续传）；坏行写入拒收文件"},
	{.name = "claim", .sub = "list", .run = cli_claim_list, .opts = "as:,unit:", .max_args = 0, .store = 1,
	 .usage = "claim list [--unit CODE]", .help = "待认领、未分派和被退回的导入数据"},
	{.name = "claim", .sub = "accept", .run = cli_claim_accept, .opts = "as:,grid:,type:", .min_args = 1,
	 .max_args = 1, .store = 1, .usage = "claim accept TYPE:ID [--grid CODE]", .help = "认领导入数据到本单位的网格"},
	{.name = "claim", .sub = "return", .run = cli_claim_return, .opts = "as:,reason:,type:", .min_args = 1,
	 .max_args = 1, .store = 1, .usage = "claim return TYPE:ID --reason TEXT", .help = "退回不属于本单位的导入数据"},
	{.name = "claim", .sub = "route", .run = cli_claim_route, .opts = "as:,type:", .min_args = 2, .max_args = 2,
	 .store = 1, .usage = "claim route TYPE:ID UNIT", .help = "把导入数据分派（或转给下级）到单位"},
	{.name = "claim", .sub = "conflicts", .run = cli_claim_conflicts, .opts = "as:,unit:", .max_args = 0,
	 .store = 1, .usage = "claim conflicts [--unit CODE]", .help = "导入值与本地修改冲突、待人工决定的字段"},
	{.name = "claim", .sub = "resolve", .run = cli_claim_resolve, .opts = "as:,take:,type:", .min_args = 2,
	 .max_args = 2, .store = 1, .usage = "claim resolve TYPE:ID FIELD --take file|ours",
	 .help = "处理导入冲突：采用导入值或保留本地值"},
	{.name = "claim", .sub = "stats", .run = cli_claim_stats, .opts = "as:,month:", .max_args = 0, .store = 1,
	 .usage = "claim stats [--month YYYY-MM]", .help = "各单位当月超期未认领的条数（月度通报）"},
	{.name = "stats", .sub = "rebuild", .console = CLI_CON_ANY, .run = cli_stats_rebuild, .max_args = 0, .store = 1, .usage = "stats rebuild",
	 .help = "由记录和事件重算统计计数（stats.db）"},
	{.name = "stats", .sub = "verify", .console = CLI_CON_ANY, .run = cli_stats_verify, .max_args = 0, .store = 1, .usage = "stats verify",
	 .help = "核对统计计数与记录、事件是否一致"},
	{.name = "stats", .sub = "show", .run = cli_stats_show, .opts = "as:,unit:,month:,months:,children",
	 .min_args = 1, .max_args = 3, .store = 1,
	 .usage = "stats show SUBJECT [DIM [VALUE]] [--unit 单位] [--month YYYY-MM] [--months N|--children] [--as 账号]",
	 .help = "统计计数：事件(event)或记录类型，按维度取值、按月趋势或按下级单位"},
	{.name = "stats", .sub = "by-unit", .run = cli_stats_table, .opts = "as:,unit:,month:,months:,export:",
	 .min_args = 1, .max_args = 1, .store = 1,
	 .usage = "stats by-unit 对象 [--unit 单位] [--month YYYY-MM] [--months 12] [--export xlsx|csv|csv-gb18030] [--as 账号]",
	 .help = "统计分析按下级单位（区域分布）：对象 event、population、special、youth、social_org、petitioner、campus、road_line，含同比、环比"},
	{.name = "stats", .sub = "by-category", .run = cli_stats_table, .opts = "as:,unit:,month:,months:,export:",
	 .min_args = 1, .max_args = 1, .store = 1,
	 .usage = "stats by-category 对象 [--unit 单位] [--month YYYY-MM] [--months 12] [--export xlsx|csv|csv-gb18030] [--as 账号]",
	 .help = "统计分析按类别：对象 event、population、special、youth、social_org、petitioner、campus、road_line，含同比、环比"},
	{.name = "stats", .sub = "by-month", .run = cli_stats_table, .opts = "as:,unit:,month:,months:,export:",
	 .min_args = 1, .max_args = 1, .store = 1,
	 .usage = "stats by-month 对象 [--unit 单位] [--month YYYY-MM] [--months 12] [--export xlsx|csv|csv-gb18030] [--as 账号]",
	 .help = "统计分析按月份（趋势）：对象 event、population、special、youth、social_org、petitioner、campus、road_line，含同比、环比"},
	{.name = "bulletin", .sub = "make", .run = cli_bulletin_make, .opts = "as:,unit:,month:", .max_args = 0, .store = 1,
	 .usage = "bulletin make [--unit 单位] [--month YYYY-MM] [--as 账号]",
	 .help = "月度通报草稿：下级单位的录入和使用情况排名（默认上月）"},
	{.name = "bulletin", .sub = "publish", .run = cli_bulletin_publish, .opts = "as:,month:", .max_args = 0, .store = 1,
	 .usage = "bulletin publish [--month YYYY-MM] --as 县综治办账号", .help = "发布本县的月度通报（发布后不再变化）"},
	{.name = "bulletin", .sub = "show", .run = cli_bulletin_show, .opts = "as:,month:", .max_args = 0, .store = 1,
	 .usage = "bulletin show [--month YYYY-MM] --as 账号", .help = "查看本县已发布的月度通报"},
	{.name = "bulletin", .sub = "export", .run = cli_bulletin_export, .opts = "as:,unit:,month:,format:", .max_args = 0,
	 .store = 1, .usage = "bulletin export [--format xlsx|csv|csv-gb18030] [--unit 单位] [--month YYYY-MM] [--as 账号]",
	 .help = "把月度通报（已发布的，或草稿）导出到本账号的下载目录"},
	{.name = "analysis", .sub = "show", .run = cli_judge_show, .opts = "as:,unit:,month:", .max_args = 0, .store = 1,
	 .usage = "analysis show [--unit 单位] [--month YYYY-MM] [--as 账号]",
	 .help = "月度分析研判：已保存的报告，或根据数据生成的草稿（默认上月）"},
	{.name = "analysis", .sub = "save", .run = cli_judge_save, .opts = "as:,month:,judgement:,measures:", .max_args = 0,
	 .store = 1, .usage = "analysis save --judgement 研判意见 --measures 工作措施 [--month YYYY-MM] --as 账号",
	 .help = "保存本单位的月度分析研判（草稿）"},
	{.name = "analysis", .sub = "submit", .run = cli_judge_submit, .opts = "as:,month:", .max_args = 0, .store = 1,
	 .usage = "analysis submit [--month YYYY-MM] --as 账号", .help = "报送本单位的月度分析研判（报送后不能修改）"},
	{.name = "analysis", .sub = "status", .run = cli_judge_status, .opts = "as:,unit:,month:", .max_args = 0, .store = 1,
	 .usage = "analysis status [--unit 单位] [--month YYYY-MM] [--as 账号]", .help = "下级单位月度分析研判的报送情况"},
	{.name = "analysis", .sub = "export", .run = cli_judge_export, .opts = "as:,unit:,month:,format:", .max_args = 0,
	 .store = 1, .usage = "analysis export [--format xlsx|csv|csv-gb18030] [--unit 单位] [--month YYYY-MM] [--as 账号]",
	 .help = "把月度分析研判导出到本账号的下载目录"},
	{.name = "report", .sub = "list", .run = cli_report_list, .opts = "as:,month:", .max_args = 0, .store = 1,
	 .usage = "report list [--month YYYY-MM] [--as 账号]", .help = "本单位及下级单位当月应报的报表和状态"},
	{.name = "report", .sub = "show", .run = cli_report_show, .opts = "as:,unit:,month:", .min_args = 1,
	 .max_args = 1, .store = 1, .usage = "report show 报表 [--unit 单位] [--month YYYY-MM] [--as 账号]",
	 .help = "显示一张月报表（制表符分隔）"},
	{.name = "report", .sub = "fill", .run = cli_report_fill, .opts = "as:,unit:,month:", .min_args = 1,
	 .max_args = 200, .store = 1, .usage = "report fill 报表 行/列=数字 … [--unit 单位] [--month YYYY-MM] [--as 账号]",
	 .help = "填写报表中需手工填报的数字并保存草稿"},
	{.name = "report", .sub = "submit", .run = cli_report_submit, .opts = "as:,unit:,month:", .min_args = 1,
	 .max_args = 1, .store = 1, .usage = "report submit 报表 [--unit 单位] [--month YYYY-MM] [--as 账号]",
	 .help = "上报报表（上报后冻结）"},
	{.name = "report", .sub = "return", .run = cli_report_return, .opts = "as:,unit:,month:,reason:", .min_args = 1,
	 .max_args = 1, .store = 1,
	 .usage = "report return 报表 --unit 下级单位 --reason 理由 [--month YYYY-MM] [--as 账号]",
	 .help = "上级单位退回下级上报的报表"},
	{.name = "report", .sub = "export", .run = cli_report_export, .opts = "as:,unit:,month:,format:", .min_args = 1,
	 .max_args = 1, .store = 1,
	 .usage = "report export 报表 [--format xlsx|csv|csv-gb18030] [--unit 单位] [--month YYYY-MM] [--as 账号]",
	 .help = "把报表导出到本账号的下载目录"},
	{.name = "verify", .console = CLI_CON_ANY, .run = cli_verify, .max_args = 0, .store = 1, .usage = "verify",
	 .help = "检查数据库文件和审计链"},
	{.name = "migrate", .console = CLI_CON_ANY, .run = cli_migrate, .max_args = 0, .store = 3, .usage = "migrate",
	 .help = "把旧版本建立的数据目录的数据文件（列表索引、待认领记录）迁移为新格式（先停止服务；中断后再运行即接着做）"},
	{.name = "backup", .console = CLI_CON_ANY, .run = cli_backup, .min_args = 1, .max_args = 1, .store = 3, .usage = "backup DIR",
	 .help = "热备份到 DIR（运行中可用）"},
	{.name = "status", .console = CLI_CON_ANY, .run = cli_status, .max_args = 0, .store = 1, .usage = "status",
	 .help = "磁盘占用（数据、日志、剩余空间）、最近备份、维护状态及警告"},
	{.name = "repl", .sub = "status", .console = CLI_CON_ANY, .run = cli_repl_status, .max_args = 0, .store = 1,
	 .usage = "repl status", .help = "本站在复制组中的角色（主站点或备用站点）和主站点的地址"},
	{.name = "repl", .sub = "takeover", .run = cli_repl_takeover, .opts = "as:", .max_args = 0, .store = 1,
	 .usage = "repl takeover --as 系统管理员", .help = "本站找不到主站点时由本站接管，成为主站点（系统管理员）"},
	{.name = "maintenance", .sub = "on", .console = CLI_CON_ANY, .run = cli_maint_on, .opts = "reason:,as:", .max_args = 0, .store = 1,
	 .usage = "maintenance on --reason 原因 [--as 账号]",
	 .help = "进入维护状态（安全管理员）：结束其他会话、拒绝登录、暂停守护进程，留存数据库和审计快照"},
	{.name = "maintenance", .sub = "off", .console = CLI_CON_ANY, .run = cli_maint_off, .opts = "as:", .max_args = 0, .store = 1,
	 .usage = "maintenance off [--as 账号]", .help = "退出维护状态，恢复登录和守护进程"},
	{.name = "maintenance", .sub = "status", .console = CLI_CON_ANY, .run = cli_maint_status, .max_args = 0, .store = 1,
	 .usage = "maintenance status", .help = "是否处于维护状态、原因、开启者和时间"},
	{.name = "restore", .console = CLI_CON_ANY, .run = cli_restore, .opts = "force", .min_args = 1, .max_args = 1,
	 .usage = "restore DIR [--force]", .help = "从备份恢复（需先停止服务）"},
	{.name = "audit", .sub = "verify", .console = CLI_CON_ANY, .run = cli_audit_verify, .opts = "as:,archive:", .max_args = 0, .store = 1,
	 .usage = "audit verify [--archive FILE]", .help = "校验审计日志的哈希链；--archive 校验一个归档文件"},
	{.name = "audit", .sub = "archive", .console = CLI_CON_ANY, .run = cli_audit_archive, .opts = "as:,before:", .max_args = 0, .store = 1,
	 .usage = "audit archive [--before YYYY-MM-DD]",
	 .help = "把早于保留期（audit.retain_days，至少 180 天）的审计记录移入归档文件"},
	{.name = "audit", .sub = "show", .run = cli_audit_show, .opts = "since:,until:,user:,type:,result:,as:", .max_args = 0,
	 .store = 1, .usage = "audit show [--since YYYY-MM-DD[ HH:MM]] [--until …] [--user U] [--type T] [--result R]",
	 .help = "显示审计日志：按时间段（--until 含当天）、账号、类型、结果筛选"},
	{.name = "audit", .sub = "head", .console = CLI_CON_ANY, .run = cli_audit_head, .max_args = 0, .store = 1, .usage = "audit head",
	 .help = "把审计链头写入链头文件和 syslog"},
	{.name = "event", .sub = "new", .run = cli_event_new, .max_args = 50, .store = 1,
	 .opts = "as:,unit:,title:,category:,kind:,urgency:,occurred:,scale:,place:,grid:,description:,comment:",
	 .usage = "event new --unit CODE --title TEXT --category C [--kind 2（群体性事件）] --scale N --place P --description D [字段=值…]",
	 .help = "登记矛盾纠纷事件，打印事件号"},
	{.name = "event", .sub = "show", .run = cli_event_show, .opts = "as:", .min_args = 1, .max_args = 1, .store = 1,
	 .usage = "event show ID", .help = "显示事件：状态、时限、督办牌、办理过程"},
	{.name = "event", .sub = "list", .run = cli_event_list, .opts = "as:,unit:,state:,held,open,limit:", .max_args = 0,
	 .store = 1, .usage = "event list [--unit CODE] [--state new|handling|fedback|closed] [--open] [--held] [--limit N]",
	 .help = "列出事件（--open：仅未结案的；--held：仅本单位正在办理的）"},
	{.name = "event", .sub = "accept", .run = cli_event_act, .opts = "as:,comment:", .min_args = 1, .max_args = 1,
	 .store = 1, .usage = "event accept ID [--comment TEXT]", .help = "受理事件"},
	{.name = "event", .sub = "handle", .run = cli_event_act, .opts = "as:,comment:", .min_args = 1, .max_args = 1,
	 .store = 1, .usage = "event handle ID --comment 进展", .help = "记录办理进展"},
	{.name = "event", .sub = "close", .run = cli_event_act, .opts = "as:,comment:,result:", .min_args = 1,
	 .max_args = 1, .store = 1, .usage = "event close ID --result 处理结果", .help = "结案（含就地处理）"},
	{.name = "event", .sub = "report", .run = cli_event_act, .opts = "as:,comment:,to:", .min_args = 1, .max_args = 1,
	 .store = 1, .usage = "event report ID [--to 上级单位（越级上报）] [--comment TEXT]",
	 .help = "上报上级单位；--to 越级上报（重大、紧急事件）"},
	{.name = "event", .sub = "assign", .run = cli_event_act, .opts = "as:,comment:,to:", .min_args = 1, .max_args = 1,
	 .store = 1, .usage = "event assign ID --to 下级单位或成员单位 [--comment 交办意见]", .help = "交办事件"},
	{.name = "event", .sub = "feedback", .run = cli_event_act, .opts = "as:,comment:", .min_args = 1, .max_args = 1,
	 .store = 1, .usage = "event feedback ID --comment 办理情况", .help = "向交办单位反馈"},
	{.name = "event", .sub = "supervise", .run = cli_event_act, .opts = "as:,comment:,eval:", .min_args = 1,
	 .max_args = 1, .store = 1, .usage = "event supervise ID --comment 督办意见 | --eval 满意|基本满意|不满意",
	 .help = "督办事件，或评价督办结果"},
	{.name = "event", .sub = "return", .run = cli_event_act, .opts = "as:,comment:", .min_args = 1, .max_args = 1,
	 .store = 1, .usage = "event return ID --comment 回退理由", .help = "回退给上报或交办的单位"},
	{.name = "event", .sub = "period", .run = cli_event_period, .opts = "as:,unit:,from:,to:,reason:", .min_args = 1,
	 .max_args = 2, .store = 1, .usage = "event period add --to D [--from D] [--unit 范围] --reason 事由 | list | end ID",
	 .help = "敏感期：设置、列出、提前结束（县级综治中心；期间每天报日报或零报告，R-EV-8）"},
	{.name = "event", .sub = "followup", .run = cli_event_act, .opts = "as:,comment:", .min_args = 1, .max_args = 1,
	 .store = 1, .usage = "event followup ID --comment 续报内容", .help = "群体性事件续报（R-EV-8）"},
	{.name = "event", .sub = "extend", .run = cli_event_act, .opts = "as:,comment:,days:,grant,refuse",
	 .min_args = 1, .max_args = 1, .store = 1,
	 .usage = "event extend ID --days N --comment 理由 | --grant | --refuse --comment 理由",
	 .help = "申请延期；交办单位 --grant 同意或 --refuse 不同意"},
	{.name = "access", .sub = "grant", .run = cli_access_decide, .opts = "as:,note:", .min_args = 1, .max_args = 1,
	 .store = 1, .usage = "access grant ID [--note 审批意见]", .help = "批准下级中心向本单位提出的信息查阅申请（R-AC-1）"},
	{.name = "access", .sub = "refuse", .run = cli_access_decide, .opts = "as:,note:", .min_args = 1, .max_args = 1,
	 .store = 1, .usage = "access refuse ID --note 审批意见", .help = "不批准信息查阅申请，写明意见"},
	{.name = "ledger", .sub = "catalog", .run = cli_ledger_catalog, .opts = "as:,unit:,year:", .max_args = 0,
	 .store = 1, .usage = "ledger catalog [--unit CODE] [--year Y]",
	 .help = "电子台账目录（县级目录及各级增设、停用的细目）和当年各项台账数"},
	{.name = "ledger", .sub = "empty", .run = cli_ledger_empty, .opts = "as:,unit:,year:", .max_args = 0,
	 .store = 1, .usage = "ledger empty [--year Y] [--unit CODE]", .help = "列出本单位及下级当年没有台账的目录项"},
	{.name = "office", .sub = "up", .run = cli_office_up, .opts = "as:", .min_args = 2, .max_args = 2, .store = 1,
	 .usage = "office up TYPE ID", .help = "把社情民意等记录上报给上一级单位（由当前掌握该记录的单位上报）"},
	{.name = "office", .sub = "reply", .run = cli_office_reply, .opts = "as:,text:", .min_args = 2, .max_args = 2,
	 .store = 1, .usage = "office reply TYPE ID --text 答复意见", .help = "答复下级中心提交给本单位的意见建议"},
	{.name = "office", .sub = "open", .run = cli_office_open, .opts = "as:", .min_args = 2, .max_args = 2, .store = 1,
	 .usage = "office open TYPE ID", .help = "阅读发给本单位的公文或上报给本单位的社情民意（记录阅读回执）"},
	{.name = "office", .sub = "receipts", .run = cli_office_receipts, .opts = "as:", .min_args = 2, .max_args = 2,
	 .store = 1, .usage = "office receipts TYPE ID", .help = "公文各接收单位的阅读情况"},
	{.name = "office", .sub = "inbox", .run = cli_office_inbox, .opts = "as:", .min_args = 1, .max_args = 1,
	 .store = 1, .usage = "office inbox TYPE", .help = "发给本单位的公文、本单位掌握的社情民意（含下级上报的）、提交给本单位的意见建议"},
	{.name = "office", .sub = "download", .run = cli_office_download, .opts = "as:", .min_args = 3, .max_args = 3,
	 .store = 1, .usage = "office download TYPE ID SHA256", .help = "把公文的附件复制到本账号的下载文件夹"},
	{.name = "task", .sub = "new", .run = cli_task_new, .max_args = 0, .store = 1,
	 .opts = "as:,kind:,title:,text:,to:,type:,sign-days:,days:",
	 .usage = "task new --kind assign|verify|census|target|rectify --title T --text X --to CODE,CODE,line:DEPT [--type 记录类型] [--sign-days N] [--days N]",
	 .help = "向下级单位或部门条线（line:police 即本单位以下的全部派出所等）下发任务（交办、信息核实、专项普查、目标任务、整改），打印任务号"},
	{.name = "task", .sub = "list", .run = cli_task_list, .opts = "as:", .max_args = 0, .store = 1,
	 .usage = "task list", .help = "列出本账号可见的任务：接收的任务及本单位和下级下发任务的进度"},
	{.name = "task", .sub = "show", .run = cli_task_show, .opts = "as:", .min_args = 1, .max_args = 1, .store = 1,
	 .usage = "task show ID", .help = "显示任务：时限、各接收单位的进度、督办牌、过程"},
	{.name = "task", .sub = "sign", .run = cli_task_act, .opts = "as:,comment:", .min_args = 1, .max_args = 1,
	 .store = 1, .usage = "task sign ID [--comment TEXT]", .help = "签收任务"},
	{.name = "task", .sub = "feedback", .run = cli_task_act, .opts = "as:,comment:,records:", .min_args = 1,
	 .max_args = 1, .store = 1, .usage = "task feedback ID --comment 办理情况 [--records 类型:编号,…]",
	 .help = "反馈任务办理结果（核实、普查须写明涉及的记录）"},
	{.name = "task", .sub = "evaluate", .run = cli_task_act, .opts = "as:,comment:,unit:,eval:", .min_args = 1,
	 .max_args = 1, .store = 1, .usage = "task evaluate ID --unit CODE --eval 满意|基本满意|不满意 [--comment TEXT]",
	 .help = "评价接收单位的反馈；不满意退回重办"},
	{.name = "task", .sub = "supervise", .run = cli_task_act, .opts = "as:,comment:", .min_args = 1, .max_args = 1,
	 .store = 1, .usage = "task supervise ID --comment 督办意见", .help = "督办任务（R-EV-9）"},
	{.name = "calendar", .sub = "explain", .console = CLI_CON_ANY, .run = cli_calendar_explain, .min_args = 2, .max_args = 2,
	 .usage = "calendar explain FROM TO|+N", .help = "逐日说明工作日、周末、节假日、调休，及 N 个工作日的时限"},
	{.name = "score", .sub = "freeze", .run = cli_score_freeze, .opts = "as:", .min_args = 1, .max_args = 1, .store = 1,
	 .usage = "score freeze 年份 --as 县综治办账号", .help = "年度考核得分定稿：此后该年的得分表不再变化"},
	{.name = "score", .sub = "export", .run = cli_score_export, .opts = "as:,unit:,year:,format:", .max_args = 0,
	 .store = 1, .usage = "score export [--format xlsx|csv|csv-gb18030] [--unit 单位] [--year Y] [--as 账号]",
	 .help = "把年度考核得分表导出到本账号的下载目录"},
	{.name = "score", .run = cli_score, .opts = "as:,unit:,year:", .max_args = 0, .store = 1,
	 .usage = "score [--unit CODE] [--year Y]", .help = "年度考核得分；--unit 列出每次扣分及其事件和督办牌"},
	{.name = "daily", .sub = "report", .run = cli_daily_report, .opts = "as:,unit:,date:,text:", .max_args = 0,
	 .store = 1, .usage = "daily report --text 内容 [--date D] [--unit CODE]", .help = "报送日报"},
	{.name = "daily", .sub = "zero", .run = cli_daily_report, .opts = "as:,unit:,date:", .max_args = 0, .store = 1,
	 .usage = "daily zero [--date D] [--unit CODE]", .help = "报送零报告"},
	{.name = "daily", .sub = "correct", .run = cli_daily_correct, .opts = "as:,unit:,date:,text:", .max_args = 0,
	 .store = 1, .usage = "daily correct --text 内容 [--date D] [--unit CODE]",
	 .help = "更正当天已报送的日报或零报告（只限当天，记入审计）"},
	{.name = "daily", .sub = "list", .run = cli_daily_list, .opts = "as:,unit:,from:,to:", .max_args = 0, .store = 1,
	 .usage = "daily list [--unit CODE] [--from D] [--to D]", .help = "日报、零报告与未报记录"},
	{.name = "tui", .console = CLI_CON_ANY, .run = cli_tui, .max_args = 0, .store = 1, .usage = "tui",
	 .help = "在本终端上运行字符界面（登录后使用）"},
	{.name = "todo", .run = cli_todo, .opts = "as:", .max_args = 0, .store = 1, .usage = "todo [--as 账号]",
	 .help = "列出待办：事件、日报、走访、巡查、更新等（预警在前）"},
	{.name = "daemon", .console = CLI_CON_ANY, .run = cli_daemon, .opts = "once", .max_args = 0, .store = 1, .usage = "daemon [--once]",
	 .help = "后台守护进程：时限、黄牌红牌、提醒；--once 执行一轮后退出"},
	{.name = "serve", .console = CLI_CON_ANY, .run = cli_serve, .opts = "listen:,foreground,stop", .max_args = 0, .store = 0,
	 .usage = "serve [--listen ADDR:PORT] [--foreground] [--stop]",
	 .help = "SSH 服务（默认转入后台，并启动守护进程）；--stop 停止"},
};
const int cli_table_len = (int)ARRAY_LEN(cli_table);

/* The commands named NAME (all with NULL) and how to use them. */
static void usage_all(FILE *f, const char *name)
{
	fputs("用法: zongzhi [-c FILE] [--home DIR] 命令 [参数]\n\n", f);
	/* Padded by display width: "…" is three bytes in one column, a Chinese character three in two. */
	for (int i = 0; i < cli_table_len; i++) {
		if (name && strcmp(cli_table[i].name, name) != 0)
			continue;
		int pad = 58 - utf8_width(cli_table[i].usage);
		fprintf(f, "  %s%*s %s\n", cli_table[i].usage, pad > 0 ? pad : 0, "", cli_table[i].help);
	}
	fputs("\n环境变量 ZONGZHI_HOME 可代替 --home；--as 账号 以该账号的权限执行：先认证（终端输入密码、\n"
	      "--password-file 文件（权限 0600），或安全管理员在 cli.accounts 中登记的 Unix 用户）。\n", f);
}

static bool is_help(const char *arg)
{
	return !strcmp(arg, "--help") || !strcmp(arg, "-h");
}

/* Does the option list OPTS ("unit:,as:,full") name option NAME? */
static bool cli_opts_have(const char *opts, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = opts; *p;) {
		size_t l = strcspn(p, ",:");
		if (l == n && !strncmp(p, name, n))
			return true;
		p += l;
		p += strspn(p, ",:");
	}
	return false;
}

/* An option the command does not take. --as on a command the console runs (backup, verify, …)
 * says so: the administrator reading "未知选项 --as" did not learn to leave it out. */
static void cli_unknown_option(const struct cli *cl, const char *name, size_t nlen)
{
	bool as = (nlen == 2 && !strncmp(name, "as", 2)) ||
		  (nlen == 13 && !strncmp(name, "password-file", 13));
	if (as)
		fprintf(stderr,
			"zongzhi: %s%s%s 不用 --as "
			"账号：它由服务器上运行本程序的用户（本地控制台）执行，去掉 --as 和 "
			"--password-file 即可\n",
			cl->cmd->name, cl->cmd->sub ? " " : "", cl->cmd->sub ? cl->cmd->sub : "");
	else
		fprintf(stderr, "zongzhi: 未知选项 --%.*s\n", (int)nlen, name);
}

/* Long options: "--name value", "--name=value", or a flag; anything else stays positional. */
static int cli_parse(struct cli *cl, int argc, char **argv)
{
	const char *allowed = cl->cmd->opts ? cl->cmd->opts : "";
	cl->argv = xcalloc((size_t)argc + 1, sizeof *cl->argv);
	for (int i = 0; i < argc; i++) {
		char *a = argv[i];
		/* The longest field's text (8,000 characters) fits; nothing longer is taken or echoed. */
		if (strlen(a) > CLI_ARG_MAX) {
			fprintf(stderr, "zongzhi: 第 %d 个参数太长（%zu 字节，最多 %d 字节）\n", i + 1, strlen(a),
				CLI_ARG_MAX);
			return CLI_USAGE;
		}
		if (strcmp(a, "--") == 0) {
			while (++i < argc)
				cl->argv[cl->argc++] = argv[i];
			break;
		}
		if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
			cl->argv[cl->argc++] = a;
			continue;
		}
		char *name = a + 2, *eq = strchr(name, '=');
		size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
		const char *p = allowed;
		bool found = false, takes = false;
		/* The password of --as ACCOUNT goes with it (cli_auth.c). */
		if (nlen == 13 && !strncmp(name, "password-file", nlen) && cli_opts_have(allowed, "as")) {
			found = true;
			takes = true;
			p = "";
		}
		while (*p) {
			size_t l = strcspn(p, ",:");
			if (l == nlen && strncmp(p, name, l) == 0) {
				found = true;
				takes = p[l] == ':';
				break;
			}
			p += l;
			p += strspn(p, ",:");
		}
		if (!found || cl->nopts == CLI_MAX_OPTS) {
			cli_unknown_option(cl, name, nlen);
			return cli_usage(cl);
		}
		const char *val = "";
		if (takes) {
			if (eq)
				val = eq + 1;
			else if (i + 1 < argc)
				val = argv[++i];
			else {
				fprintf(stderr, "zongzhi: 选项 --%.*s 需要一个值\n", (int)nlen, name);
				return CLI_USAGE;
			}
		} else if (eq) {
			fprintf(stderr, "zongzhi: 选项 --%.*s 不带值\n", (int)nlen, name);
			return CLI_USAGE;
		}
		cl->optname[cl->nopts] = xstrndup(name, nlen);
		cl->optval[cl->nopts++] = val;
	}
	if (cl->argc < cl->cmd->min_args || cl->argc > cl->cmd->max_args)
		return cli_usage(cl);
	return 0;
}

static const char *default_conf(void)
{
	if (access("conf/zongzhi.cfg", R_OK) == 0)
		return "conf/zongzhi.cfg";
	return ZZ_SYSCONF;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* A closed pipe (`zongzhi audit show | head`) must not kill us inside a Berkeley DB call: a
	 * region mutex held by a dead process stops every other process. Writes fail with EPIPE. */
	signal(SIGPIPE, SIG_IGN);
	const char *cfg = NULL, *home = NULL;
	int i = 1;
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "-c") && i + 1 < argc)
			cfg = argv[++i];
		else if (!strcmp(argv[i], "--home") && i + 1 < argc)
			home = argv[++i];
		else if (!strncmp(argv[i], "--home=", 7))
			home = argv[i] + 7;
		else
			break;
	}
	if (i >= argc || is_help(argv[i]) || !strcmp(argv[i], "help")) {
		usage_all(i >= argc ? stderr : stdout, NULL);
		return i >= argc ? CLI_USAGE : CLI_OK;
	}
	const struct cli_cmd *cmd = NULL;
	bool name_known = false;
	for (int k = 0; k < cli_table_len && !cmd; k++) {
		const struct cli_cmd *e = &cli_table[k];
		if (strcmp(e->name, argv[i]) != 0)
			continue;
		name_known = true;
		if (!e->sub)
			cmd = e;
		else if (i + 1 < argc && !strcmp(e->sub, argv[i + 1]))
			cmd = e;
	}
	/* "record --help": the record commands. */
	if (!cmd && name_known && i + 1 < argc && is_help(argv[i + 1])) {
		usage_all(stdout, argv[i]);
		return CLI_OK;
	}
	if (!cmd) {
		fprintf(stderr, name_known ? "zongzhi: %s 的子命令不对\n" : "zongzhi: 未知命令 %s\n", argv[i]);
		usage_all(stderr, name_known ? argv[i] : NULL);
		return CLI_USAGE;
	}
	int skip = cmd->sub ? 2 : 1;
	/* "user key add": the third word is part of the command. */
	bool key_add = cmd->run == cli_user_key_add && i + 2 < argc && !strcmp(argv[i + 2], "add");
	if (key_add)
		skip = 3;
	/* "serve --help": its usage, not an unknown option. Only as the first word after the command:
	 * a later -h is an argument (import TYPE -h reads the file -h). */
	if (i + skip < argc && is_help(argv[i + skip])) {
		printf("用法: zongzhi [-c FILE] [--home DIR] %s\n  %s\n", cmd->usage, cmd->help);
		return CLI_OK;
	}
	if (cmd->run == cli_user_key_add && !key_add) {
		fprintf(stderr, "用法: zongzhi %s\n", cmd->usage);
		return CLI_USAGE;
	}
	struct cli cl = {.cmd = cmd, .as = &service_console};
	int rc = cli_parse(&cl, argc - i - skip, argv + i + skip);
	if (rc == 0 && !cmd->no_schema) {
		int lrc = ctx_load(&cl.c, cfg ? cfg : default_conf(), home, domain_features);
		if (lrc < 0)
			rc = cli_fail("%s", errmsg());
	}
	if (rc == 0 && cmd->store) {
		int orc = ctx_open_store(cl.c, cmd->store == 2 ? STORE_CREATE : cmd->store == 3 ? STORE_MIGRATE : 0);
		if (orc < 0)
			rc = cli_fail("%s", errmsg());
	}
	/* A standby's audit entries go to the server's log (its database is the primary's copy): this
	 * command's too, as its sessions' do, not onto the person's terminal. */
	if (rc == 0 && cmd->store && store_standby(cl.c->st) && server_log_join(cl.c) < 0)
		fprintf(stderr, "zongzhi: 备用站点的审计记录写不进服务器日志，写在下面：%s\n", errmsg());
	const char *as = rc == 0 ? cli_opt(&cl, "as") : NULL;
	if (!as && rc == 0 && cmd->store && cmd->opts && strstr(cmd->opts, "as:"))
		as = getenv("ZONGZHI_AS");
	if (rc == 0)
		snprintf(cl.c->source, sizeof cl.c->source, "cli uid=%u", (unsigned)getuid());
	if (rc == 0 && !str_empty(as))
		rc = cli_auth(&cl, as);
	else if (rc == 0 && cli_opt(&cl, "password-file"))
		rc = cli_fail("--password-file 只与 --as 账号 一起使用");
	else if (rc == 0)
		rc = cli_console_check(&cl);
	if (rc == 0)
		rc = cmd->run(&cl);
	/* Stored here but not on a quorum of sites: lost if this site fails now (repl.ack_policy). */
	if (rc == 0 && cl.c && cl.c->st && !store_confirmed(cl.c->st))
		rc = cli_fail("已在本站保存，但备用站点没有确认（%lu 次提交）：本站故障时这些修改可能丢失",
			      cl.c->st->unacked);
	for (int k = 0; k < cl.nopts; k++)
		free((char *)cl.optname[k]);
	free(cl.argv);
	user_free(&cl.as_owned);
	ctx_free(&cl.c);
	return rc;
}
