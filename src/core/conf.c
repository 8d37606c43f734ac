/* conf.c — load conf/zongzhi.cfg (which @includes the other files) and check every known setting. */
#include "conf.h"

#include <libgen.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* The settings table; features add their rows here. */
const struct conf_entry conf_table[] = {
	{.path = "paths.home", .type = CONF_STR, .help = "database home (ZONGZHI_HOME and --home override)"},
	{.path = "paths.screens", .type = CONF_STR, .help = "folder of record-type files *.cfg"},
	{.path = "paths.codes", .type = CONF_STR, .help = "folder of code tables *.tsv"},
	{.path = "paths.demo", .type = CONF_STR, .help = "folder of demo data (unit tree, names)"},
	{.path = "paths.audit_head", .type = CONF_STR, .help = "file the audit chain head is appended to"},
	{.path = "paths.snapshots", .type = CONF_STR, .help = "folder of the snapshots taken when maintenance mode begins"},
	{.path = "db.cache_mb", .type = CONF_INT, .min = 1, .max = 65536, .help = "Berkeley DB cache size, MiB"},
	{.path = "db.demo_watch_ms", .type = CONF_INT, .min = 50, .max = 600000, .help = "the watchdog's period while init --demo makes a city"},
	{.path = "db.demo_cache_mb", .type = CONF_INT, .min = 1, .max = 65536, .help = "Berkeley DB cache while init --demo makes a city, MiB"},
	{.path = "db.lock_timeout_ms", .type = CONF_INT, .min = 10, .max = 600000, .help = "lock wait before a retry"},
	{.path = "db.log_mb", .type = CONF_INT, .min = 1, .max = 1024, .help = "size of one log file, MiB"},
	{.path = "db.log_buffer_kb", .type = CONF_INT, .min = 32, .max = 65536, .help = "in-memory log buffer, KiB (written out when full or at a durable commit)"},
	{.path = "db.page_kb", .type = CONF_INT, .min = 1, .max = 64, .help = "page size of new database files, KiB (a power of 2)"},
	{.path = "db.system_memory", .type = CONF_BOOL, .help = "the environment's regions (the cache) in System V shared memory, not in files __db.00N of the home (always when db.key_file is set)"},
	{.path = "db.huge_pages", .type = CONF_BOOL, .help = "ask for 2 MB pages for the shared regions (MADV_HUGEPAGE; granted when /sys/kernel/mm/transparent_hugepage/shmem_enabled is advise)"},
	{.path = "db.key_file", .type = CONF_STR, .help = "file holding the AES key of the database (empty: not encrypted)"},
	{.path = "db.watch_ms", .type = CONF_INT, .min = 50, .max = 60000, .help = "how often each process runs failchk and expires lock waits"},
	{.path = "db.migrate_batch", .type = CONF_INT, .min = 1, .max = 100000, .help = "records (list indexes) or claims per transaction of zongzhi migrate (and resume point)"},
	{.path = "db.max_processes", .type = CONF_INT, .min = 8, .max = 100000, .help = "processes sharing the environment (failchk)"},
	{.path = "repl.enabled", .type = CONF_BOOL, .help = "this home is one site of a replication group (standby site, 9.5)"},
	{.path = "repl.local", .type = CONF_STR, .help = "this site's replication address, host:port (one of repl.sites)"},
	{.path = "repl.sites", .type = CONF_LIST, .help = "every site of the group: ( { repl = \"host:port\"; ssh = \"host[:port]\"; }, … ), the replication address and the one users log in to"},
	{.path = "repl.priority", .type = CONF_INT, .min = 0, .max = 1000, .help = "election priority (0: never primary)"},
	{.path = "repl.ack_policy", .type = CONF_STR, .help = "acknowledgements a commit waits for: quorum, all, one or none"},
	{.path = "repl.ack_timeout_ms", .type = CONF_INT, .min = 10, .max = 600000, .help = "longest wait for the acknowledgements of a commit"},
	{.path = "repl.election_timeout_s", .type = CONF_INT, .min = 1, .max = 600, .help = "one election's time limit (and the pause before the next)"},
	{.path = "repl.heartbeat_ms", .type = CONF_INT, .min = 100, .max = 600000, .help = "the primary's heartbeat; three missed ones start an election"},
	{.path = "repl.two_site_strict", .type = CONF_BOOL, .help = "of two sites, the survivor may not elect itself (no failover, no split brain)"},
	{.path = "repl.connect_wait_ms", .type = CONF_INT, .min = 0, .max = 600000, .help = "how long a command on the primary waits for its own connections to the standby sites before its first commit"},
	{.path = "repl.rejoin_elect", .type = CONF_BOOL, .help = "a restarted site that finds no primary within repl.rejoin_wait_s elects itself (true) or stays a standby until the primary answers or an administrator takes over (false)"},
	{.path = "repl.rejoin_wait_s", .type = CONF_INT, .min = 1, .max = 3600, .help = "how long a restarted site looks for the primary before it calls an election"},
	{.path = "repl.checkpoint_delay_s", .type = CONF_INT, .min = 0, .max = 600, .help = "how long a checkpoint on the primary waits before its log record reaches the standbys (Berkeley DB's default 30; 0: at once)"},
	{.path = "repl.startup_wait_s", .type = CONF_INT, .min = 1, .max = 3600, .help = "how long a starting site waits to be elected or in step with the primary"},
	{.path = "security.access_max_days", .type = CONF_INT, .min = 1, .max = 3660, .help = "longest grant of an access request (R-AC-1), days"},
	{.path = "security.access_warn_days", .type = CONF_INT, .min = 0, .max = 3660, .help = "days before a running access grant ends that the requester's to-do warns of it"},
	{.path = "security.password.min_length", .type = CONF_INT, .min = 6, .max = 128, .help = "shortest password"},
	{.path = "security.password.classes", .type = CONF_LIST, .help = "PCRE2 patterns, one per character class"},
	{.path = "security.password.min_classes", .type = CONF_INT, .min = 0, .max = 16, .help = "classes a password must match"},
	{.path = "security.password.history", .type = CONF_INT, .min = 0, .max = 24, .help = "earlier passwords that may not be reused"},
	{.path = "security.password.max_age_days", .type = CONF_INT, .min = 0, .max = 3650, .help = "days before a password expires (0: never)"},
	{.path = "security.lockout.failures", .type = CONF_INT, .min = 1, .max = 100, .help = "failed passwords from one address that lock the account for that address"},
	{.path = "security.lockout.places", .type = CONF_INT, .min = 1, .max = 32, .help = "addresses those failures must come from to lock the account for every address"},
	{.path = "security.lockout.window_min", .type = CONF_INT, .min = 1, .max = 1440, .help = "minutes the failures are counted in"},
	{.path = "security.lockout.lock_min", .type = CONF_INT, .min = 1, .max = 100000, .help = "minutes an account (or an address for it) stays locked"},
	{.path = "cli.accounts", .type = CONF_LIST, .help = "Unix users who act as accounts on the command line without a password: ( { unix = \"user\"; accounts = [ \"pattern\", … ]; } )"},
	{.path = "security.admin_two_factor", .type = CONF_BOOL, .help = "administrator roles log in over SSH with their key, then their password"},
	{.path = "security.unmask_audit", .type = CONF_BOOL, .help = "audit every full view of a masked field"},
	{.path = "daemon.max_db_failed_passes", .type = CONF_INT, .min = 1, .max = 1000, .help = "passes in a row with database errors before the daemon exits to be restarted"},
	{.path = "audit.head_max_hours", .type = CONF_INT, .min = 25, .max = 8760, .help = "hours a chain may have entries but no head in the head file before audit verify fails"},
	{.path = "audit.retain_days", .type = CONF_INT, .min = 180, .max = 36500, .help = "days audit entries stay in the database before audit archive may move them"},
	{.path = "paths.audit_archive", .type = CONF_STR, .help = "folder of the audit archives (audit archive)"},
	{.path = "disk.log_keep_days", .type = CONF_INT, .min = 0, .max = 3650, .help = "days a log file recovery no longer needs is kept"},
	{.path = "disk.log_keep_until_backup", .type = CONF_BOOL, .help = "keep log files until a backup holds them"},
	{.path = "disk.warn_free_percent", .type = CONF_INT, .min = 0, .max = 100, .help = "warn the administrators below this free space of the home's filesystem"},
	{.path = "disk.warn_log_mb", .type = CONF_INT, .min = 1, .max = 10000000, .help = "warn the administrators when the log files exceed this"},
	{.path = "daemon.interval_s", .type = CONF_INT, .min = 1, .max = 86400, .help = "seconds between daemon passes"},
	{.path = "calendar.years", .type = CONF_LIST, .help = "working-day calendar: holidays and make-up days per year (calendar.cfg)"},
	{.path = "events.accept.yellow_days", .type = CONF_INT, .min = 1, .max = 60, .help = "working days to accept an event before a yellow card (R-EV-4)"},
	{.path = "events.accept.yellow_points", .type = CONF_INT, .min = 0, .max = 100, .help = "points a late acceptance's yellow card costs"},
	{.path = "events.accept.red_days", .type = CONF_INT, .min = 1, .max = 60, .help = "working days to accept an event before a red card (R-EV-4)"},
	{.path = "events.accept.red_points", .type = CONF_INT, .min = 0, .max = 100, .help = "points a red card for acceptance costs (replaces the yellow)"},
	{.path = "events.handle.yellow_days", .type = CONF_INT, .min = 1, .max = 365, .help = "working days to handle (feed back) before a yellow card (R-EV-5)"},
	{.path = "events.handle.yellow_points", .type = CONF_INT, .min = 0, .max = 100, .help = "points a late handling's yellow card costs"},
	{.path = "events.handle.red_days", .type = CONF_INT, .min = 1, .max = 365, .help = "working days to handle before a red card (R-EV-5)"},
	{.path = "events.handle.red_points", .type = CONF_INT, .min = 0, .max = 100, .help = "points a red card for handling costs (replaces the yellow)"},
	{.path = "events.handle.opinion_stops", .type = CONF_BOOL, .help = "the first handling opinion (办理) stops the handling clock (6.4.3.9); false: only feedback or leaving the unit does"},
	{.path = "events.extension", .type = CONF_BOOL, .help = "units may ask for an extension (延期) of the handling deadline"},
	{.path = "events.skip_copy", .type = CONF_BOOL, .help = "a skip-level report (越级上报) is copied read-only to the skipped units (8.2.1.4)"},
	{.path = "events.score_start", .type = CONF_INT, .min = 0, .max = 1000, .help = "each unit's yearly score at the start of the year (R-EV-6)"},
	{.path = "events.score_last_year_days", .type = CONF_INT, .min = 0, .max = 90, .help = "in a year's first days the score table opens on the year before (its last cards and final table come then)"},
	{.path = "events.extension_max_days", .type = CONF_INT, .min = 1, .max = 365, .help = "most working days one extension may ask for"},
	{.path = "events.comment_max", .type = CONF_INT, .min = 10, .max = 20000, .help = "characters an opinion, feedback or reason given with an event action may have"},
	{.path = "events.warn_days", .type = CONF_INT, .min = 0, .max = 30, .help = "working days before a card the to-do list starts warning"},
	{.path = "tasks.sign_days", .type = CONF_INT, .min = 1, .max = 60, .help = "default working days for a receiver to sign off a task (签收)"},
	{.path = "tasks.done_days", .type = CONF_INT, .min = 1, .max = 365, .help = "default working days for a receiver to feed back on a task"},
	{.path = "tasks.days_max", .type = CONF_INT, .min = 1, .max = 730, .help = "most working days an issuer may give for sign-off or completion"},
	{.path = "tasks.sign.yellow_points", .type = CONF_INT, .min = 0, .max = 100, .help = "points a late sign-off's yellow card costs"},
	{.path = "tasks.sign.red_days", .type = CONF_INT, .min = 1, .max = 60, .help = "working days after the sign-off deadline before a red card"},
	{.path = "tasks.sign.red_points", .type = CONF_INT, .min = 0, .max = 100, .help = "points a late sign-off's red card costs (replaces the yellow)"},
	{.path = "tasks.feedback.yellow_points", .type = CONF_INT, .min = 0, .max = 100, .help = "points a late feedback's yellow card costs"},
	{.path = "tasks.feedback.red_days", .type = CONF_INT, .min = 1, .max = 365, .help = "working days after the completion deadline before a red card"},
	{.path = "tasks.feedback.red_points", .type = CONF_INT, .min = 0, .max = 100, .help = "points a late feedback's red card costs (replaces the yellow)"},
	{.path = "tasks.warn_days", .type = CONF_INT, .min = 0, .max = 30, .help = "working days before a task's deadline the to-do list starts warning"},
	{.path = "tasks.title_max", .type = CONF_INT, .min = 10, .max = 1000, .help = "bytes a task's title may have"},
	{.path = "tasks.text_max", .type = CONF_INT, .min = 10, .max = 20000, .help = "characters a task's text, feedback or comment may have"},
	{.path = "tasks.receivers_max", .type = CONF_INT, .min = 1, .max = 10000, .help = "most receiving units of one task"},
	{.path = "events.mass.first_hours", .type = CONF_INT, .min = 1, .max = 72, .help = "hours after a mass incident (群体性事件) its first report of the outline is due (R-EV-8)"},
	{.path = "events.mass.first_points", .type = CONF_INT, .min = 0, .max = 100, .help = "points a late first report of a mass incident costs the unit that registered it"},
	{.path = "events.mass.daily_points", .type = CONF_INT, .min = 0, .max = 100, .help = "points each working day without a follow-up report (续报) on an open mass incident costs"},
	{.path = "daily.period_max_days", .type = CONF_INT, .min = 1, .max = 366, .help = "most days one sensitive period (敏感期) may last"},
	{.path = "daily.period_reason_max", .type = CONF_INT, .min = 10, .max = 2000, .help = "characters the reason of a sensitive period may have"},
	{.path = "daily.levels", .type = CONF_LIST, .help = "unit levels that are centers and report daily (R-EV-7)"},
	{.path = "daily.text_max", .type = CONF_INT, .min = 10, .max = 20000, .help = "characters a daily report may have"},
	{.path = "daily.lookback_days", .type = CONF_INT, .min = 1, .max = 366, .help = "past days a restarted daemon still flags for missing daily reports"},
	{.path = "roles", .type = CONF_GROUP, .help = "roles and their grants (roles.cfg)"},
	{.path = "departments", .type = CONF_GROUP, .help = "member departments (roles.cfg)"},
	{.path = "server.listen", .type = CONF_STR, .help = "address and port the SSH server listens on, ADDR:PORT"},
	{.path = "server.hostkey_ed25519", .type = CONF_STR, .help = "Ed25519 host key file (empty: under the database home)"},
	{.path = "server.hostkey_rsa", .type = CONF_STR, .help = "RSA host key file (empty: under the database home)"},
	{.path = "server.run_dir", .type = CONF_STR, .help = "pid file and session registry (empty: <home>/run)"},
	{.path = "server.log", .type = CONF_STR, .help = "server log: syslog, stderr or a file"},
	{.path = "server.start_daemon", .type = CONF_BOOL, .help = "serve starts and watches zongzhi daemon"},
	{.path = "server.max_auth_tries", .type = CONF_INT, .min = 1, .max = 100, .help = "failed authentications per connection"},
	{.path = "server.login_grace_s", .type = CONF_INT, .min = 5, .max = 3600, .help = "seconds to authenticate"},
	{.path = "server.max_startups", .type = CONF_STR, .help = "unauthenticated connections start:rate:full"},
	{.path = "server.per_source_max_startups", .type = CONF_INT, .min = 1, .max = 100000, .help = "unauthenticated connections per source address"},
	{.path = "server.max_name_bytes", .type = CONF_INT, .min = 32, .max = 1024, .help = "longest account name accepted from a client (longer: refused unread)"},
	{.path = "server.audit_failed_per_addr_min", .type = CONF_INT, .min = 1, .max = 100000, .help = "failed logins from one address audited one by one per minute (the rest: one summary)"},
	{.path = "server.addr_fail_max", .type = CONF_INT, .min = 1, .max = 100000, .help = "failed logins from one address that close it to new connections"},
	{.path = "server.addr_fail_window_min", .type = CONF_INT, .min = 1, .max = 1440, .help = "minutes those failures are counted in (and the address stays closed)"},
	{.path = "server.audit_refused_per_min", .type = CONF_INT, .min = 0, .max = 100000, .help = "refused connections audited per minute"},
	{.path = "server.max_sessions", .type = CONF_INT, .min = 1, .max = 100000, .help = "sessions in all"},
	{.path = "server.max_sessions_per_account", .type = CONF_INT, .min = 1, .max = 100000, .help = "sessions per account"},
	{.path = "server.idle_timeout_s", .type = CONF_INT, .min = 0, .max = 604800, .help = "idle seconds that end a session (0: never)"},
	{.path = "server.keepalive_interval_s", .type = CONF_INT, .min = 1, .max = 3600, .help = "seconds of silence before a keepalive request"},
	{.path = "server.keepalive_count", .type = CONF_INT, .min = 1, .max = 100, .help = "unanswered keepalives that drop the connection"},
	{.path = "server.kex", .type = CONF_STR, .help = "key exchange algorithms"},
	{.path = "server.ciphers", .type = CONF_STR, .help = "ciphers"},
	{.path = "server.macs", .type = CONF_STR, .help = "MAC algorithms"},
	{.path = "server.hostkey_algorithms", .type = CONF_STR, .help = "host key algorithms"},
	{.path = "server.pubkey_algorithms", .type = CONF_STR, .help = "client public key algorithms accepted"},
	{.path = "server.rsa_min_bits", .type = CONF_INT, .min = 1024, .max = 16384, .help = "shortest RSA client key"},
	{.path = "server.compression", .type = CONF_BOOL, .help = "offer zlib@openssh.com compression"},
	{.path = "server.ui_stop_wait_s", .type = CONF_INT, .min = 1, .max = 3600, .help = "seconds a hung-up UI gets to end before it is killed"},
	{.path = "ui.menu_groups", .type = CONF_LIST, .help = "main menu groups in order (ui.cfg); other groups follow"},
	{.path = "ui.ascii_terms", .type = CONF_LIST, .help = "TERM values drawn with ASCII lines and no colour"},
	{.path = "ui.regex_match_limit", .type = CONF_INT, .min = 1000, .max = 100000000, .help = "PCRE2 match limit of a search, per record"},
	{.path = "ui.regex_depth_limit", .type = CONF_INT, .min = 100, .max = 1000000, .help = "PCRE2 depth limit of a search, per record"},
	{.path = "ui.regex_budget_ms", .type = CONF_INT, .min = 100, .max = 600000, .help = "milliseconds a regular-expression search may take"},
	{.path = "ui.list_narrow_max", .type = CONF_INT, .min = 0, .max = 10000000, .help = "a list by name of a scope with at most this many records holds their ids in memory (0: never)"},
	{.path = "ui.audit_max_rows", .type = CONF_INT, .min = 100, .max = 10000000, .help = "newest audit entries the audit screen holds for one search"},
	{.path = "ui.login_attempts", .type = CONF_INT, .min = 1, .max = 20, .help = "failed logins before the UI exits"},
	{.path = "ui.idle_timeout_min", .type = CONF_INT, .min = 0, .max = 1440, .help = "minutes without a key before the session ends (0: never)"},
	{.path = "ui.todo_group_min", .type = CONF_INT, .min = 2, .max = 1000, .help = "reminders of one kind and level shown as one line of the to-do list from this many"},
	{.path = "ui.escdelay_ms", .type = CONF_INT, .min = 10, .max = 2000, .help = "wait after Esc for the rest of a key sequence"},
	{.path = "paths.import_maps", .type = CONF_STR, .help = "folder of import column mappings *.cfg"},
	{.path = "paths.files", .type = CONF_STR, .help = "folder of the accounts' own folders (ACCOUNT/upload, ACCOUNT/download)"},
	{.path = "files.quota_mb", .type = CONF_INT, .min = 1, .max = 1048576, .help = "MB an account's folder may hold (upload and download)"},
	{.path = "files.attach_max_mb", .type = CONF_INT, .min = 1, .max = 1024, .help = "MB one attachment may have (stored in the database)"},
	{.path = "files.file_max_mb", .type = CONF_INT, .min = 1, .max = 1048576, .help = "MB one file may have (uploads, exports)"},
	{.path = "import.batch_rows", .type = CONF_INT, .min = 1, .max = 100000, .help = "rows per import transaction (and resume point)"},
	{.path = "import.max_row_bytes", .type = CONF_INT, .min = 256, .max = 16777216, .help = "longest import row in bytes; a longer one is refused unread"},
	{.path = "claims.deadline_days", .type = CONF_INT, .min = 1, .max = 365, .help = "days a unit has to claim imported records (R-CL-1)"},
	{.path = "claims.import_max_days", .type = CONF_INT, .min = 1, .max = 366, .help = "days without an import before a department is flagged (R-CL-2)"},
	{.path = "claims.import_levels", .type = CONF_LIST, .help = "levels whose departments must import (R-CL-2)"},
	{.path = "claims.importers", .type = CONF_GROUP, .help = "department -> record types it imports (R-CL-2)"},
	{.path = "modules.entry", .type = CONF_LIST, .help = "entry deadlines R-EN-*, R-RP-1 (modules.cfg)"},
	{.path = "modules.updates", .type = CONF_LIST, .help = "periodic updates R-EN-6, 6.8.1.1 (modules.cfg)"},
	{.path = "modules.visits", .type = CONF_LIST, .help = "visit rules R-SV-1, R-SV-2 (modules.cfg)"},
	{.path = "modules.service", .type = CONF_GROUP, .help = "service records and what they keep current (modules.cfg)"},
	{.path = "modules.patrol", .type = CONF_GROUP, .help = "grid patrol log R-SV-3 (modules.cfg)"},
	{.path = "modules.patrol.grace_days", .type = CONF_INT, .min = 0, .max = 30, .help = "days after a day its patrol log may still be entered"},
	{.path = "modules.patrol.window_days", .type = CONF_INT, .min = 1, .max = 366, .help = "days a day without a patrol log stays in the reminder"},
	{.path = "modules.todo_detail_max", .type = CONF_INT, .min = 1, .max = 10000, .help = "reminders listed one by one in a to-do list"},
	{.path = "paths.reports", .type = CONF_STR, .help = "folder of monthly forms *.cfg (reports/)"},
	{.path = "reports.due", .type = CONF_GROUP, .help = "day of the next month each level sends a form up (reports.cfg)"},
	{.path = "reports.months_back", .type = CONF_INT, .min = 1, .max = 24, .help = "past months whose missing forms are marked late"},
	{.path = "stats.record_fields", .type = CONF_LIST, .help = "record fields counted by code in stats.db, TYPE.FIELD (stats.cfg)"},
};
const int conf_table_len = (int)ARRAY_LEN(conf_table);

/* A missing setting is reported at the group that should hold it, when there is one. */
static int conf_missing(struct conf *c, const struct conf_entry *e)
{
	char *parent = xstrdup(e->path);
	char *dot = strrchr(parent, '.');
	const config_setting_t *g = NULL;
	if (dot) {
		*dot = '\0';
		g = config_lookup(&c->cfg, parent);
	}
	const char *f = g ? config_setting_source_file(g) : NULL;
	int rc;
	if (g && f)
		rc = errmsg_set(ZZ_EINVAL, "%s:%d: 缺少设置 %s（%s）", f, (int)config_setting_source_line(g), e->path,
				e->help);
	else
		rc = errmsg_set(ZZ_EINVAL, "%s: 缺少设置 %s（%s）", c->path, e->path, e->help);
	free(parent);
	return rc;
}

static int conf_check(struct conf *c)
{
	for (int i = 0; i < conf_table_len; i++) {
		const struct conf_entry *e = &conf_table[i];
		const config_setting_t *s = config_lookup(&c->cfg, e->path);
		if (!s)
			return conf_missing(c, e);
		int t = config_setting_type(s);
		bool ok = false;
		switch (e->type) {
		case CONF_INT:
			ok = t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64;
			break;
		case CONF_STR:
			ok = t == CONFIG_TYPE_STRING;
			break;
		case CONF_BOOL:
			ok = t == CONFIG_TYPE_BOOL;
			break;
		case CONF_LIST:
			ok = t == CONFIG_TYPE_LIST || t == CONFIG_TYPE_ARRAY;
			break;
		case CONF_GROUP:
			ok = t == CONFIG_TYPE_GROUP;
			break;
		}
		const char *f = config_setting_source_file(s);
		int line = (int)config_setting_source_line(s);
		if (!ok)
			return errmsg_set(ZZ_EINVAL, "%s:%d: 设置 %s 的类型不对（%s）", f ? f : c->path, line,
					  e->path, e->help);
		if (e->type == CONF_INT) {
			long long v = config_setting_get_int64(s);
			if (v < e->min || v > e->max)
				return errmsg_set(ZZ_EINVAL, "%s:%d: 设置 %s = %lld 超出范围 %lld..%lld",
						  f ? f : c->path, line, e->path, v, e->min, e->max);
		}
	}
	return 0;
}

int conf_load(struct conf **out, const char *file)
{
	struct conf *c = xcalloc(1, sizeof *c);
	char *tmp = xstrdup(file);
	c->path = xstrdup(file);
	c->dir = xstrdup(dirname(tmp));
	free(tmp);
	config_init(&c->cfg);
	config_set_include_dir(&c->cfg, c->dir);
	int rc = 0;
	if (config_read_file(&c->cfg, file) != CONFIG_TRUE) {
		const char *ef = config_error_file(&c->cfg);
		if (config_error_type(&c->cfg) == CONFIG_ERR_FILE_IO)
			rc = errmsg_set(ZZ_EINVAL, "%s: 无法读取配置文件", ef ? ef : file);
		else
			rc = errmsg_set(ZZ_EINVAL, "%s:%d: %s", ef ? ef : file,
					config_error_line(&c->cfg), config_error_text(&c->cfg));
	} else {
		rc = conf_check(c);
	}
	if (rc < 0) {
		conf_free(&c);
		return rc;
	}
	*out = c;
	return 0;
}

void conf_free(struct conf **cp)
{
	struct conf *c = *cp;
	if (!c)
		return;
	config_destroy(&c->cfg);
	free(c->path);
	free(c->dir);
	free(c);
	*cp = NULL;
}

static const config_setting_t *conf_must(const struct conf *c, const char *path)
{
	const config_setting_t *s = config_lookup(&c->cfg, path);
	if (!s)
		fatal("setting %s not in the checked table", path);
	return s;
}

long long conf_int(const struct conf *c, const char *path)
{
	return config_setting_get_int64(conf_must(c, path));
}

const char *conf_str(const struct conf *c, const char *path)
{
	const char *s = config_setting_get_string(conf_must(c, path));
	return s ? s : "";
}

bool conf_bool(const struct conf *c, const char *path)
{
	return config_setting_get_bool(conf_must(c, path));
}

const config_setting_t *conf_setting(const struct conf *c, const char *path)
{
	return config_lookup(&c->cfg, path);
}

char *conf_path(const struct conf *c, const char *path)
{
	const char *v = conf_str(c, path);
	if (v[0] == '/')
		return xstrdup(v);
	return xasprintf("%s/%s", c->dir, v);
}
