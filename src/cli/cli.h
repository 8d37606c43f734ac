/* cli.h — the command line: the subcommand table and what each handler gets. */
#ifndef ZZ_CLI_H
#define ZZ_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "ctx.h"
#include "user.h"

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

#define CLI_MAX_OPTS 24
/* The longest argument taken, in bytes; a refusal's line is cut at CLI_FAIL_MAX. */
#define CLI_ARG_MAX 65536
#define CLI_FAIL_MAX 1024

struct cli {
	struct ctx *c;
	const struct cli_cmd *cmd;
	int argc; /* positional arguments after the subcommand words */
	char **argv;
	const char *optname[CLI_MAX_OPTS];
	const char *optval[CLI_MAX_OPTS]; /* "" for flags */
	int nopts;
	const struct user *as; /* --as USER, else the console */
	struct user *as_owned;
};

/* What the local console (no --as) may run: bootstrap and recovery only (三员分立). */
enum cli_console {
	CLI_CON_NO,	/* a person's work: --as ACCOUNT */
	CLI_CON_ANY,	/* setting up, checking, backing up, restoring, serving, maintenance */
	CLI_CON_BOOT,	/* units and accounts until the three administrator roles each have an account */
	CLI_CON_ADMINS, /* recovery: passwords and locks of the administrators' own accounts */
};

struct cli_cmd {
	const char *name;
	const char *sub; /* second word, or NULL */
	int (*run)(struct cli *cl);
	const char *opts; /* accepted long options: "unit:,match:,demo" (':' takes a value) */
	int min_args, max_args;
	const char *usage;
	const char *help;
	unsigned store; /* 0: no database; 1: open it; 2: open, creating; 3: open also a home still to
			* migrate (STORE_MIGRATE: migrate itself, and backup, the upgrade's step before it) */
	bool no_schema; /* runs before settings and screens load (usage, version) */
	enum cli_console console; /* what it allows without --as */
};

/* Every line for the terminal goes through these: what the format makes is shown with control
 * characters and bidi overrides escaped (tabs and newlines kept: the output is tab-separated). */
void cli_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_fprintf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

extern const struct cli_cmd cli_table[];
extern const int cli_table_len;

const char *cli_opt(const struct cli *cl, const char *name);
bool cli_flag(const struct cli *cl, const char *name);
/* The name of unit CODE (the code itself when unknown); a time as 2026-12-04 09:30:00, or "-" for 0. */
const char *cli_unit_name(struct cli *cl, const char *code);
void cli_time(int64_t t, char out[20]);
/* --month, else the month before this one (monthly work is filed for the month past), in BUF. */
const char *cli_month(const struct cli *cl, char buf[8]);
/* Report a failure once, in the language of the person who reads it. */
int cli_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int cli_usage(const struct cli *cl);
/* Free text as one cell of tab-separated output: line breaks as \n, tabs as \t, backslashes doubled. */
void cli_put_cell(const char *s);
/* Read a password from the terminal (echo off) or a line of stdin; caller frees. */
char *cli_read_password(const char *prompt);
/* --as ACCOUNT: authenticate (cli.accounts mapping, --password-file, or the terminal), then act
 * as the account (cl->as). Prints the refusal and returns CLI_FAIL. */
int cli_auth(struct cli *cl, const char *account);
/* The local console (no --as) may run the command? Prints the refusal (naming --as), audits it
 * and returns CLI_FAIL. */
int cli_console_check(struct cli *cl);
/* Parse a record id; prints the reason and returns CLI_USAGE when bad. */
int cli_parse_id(const char *s, uint64_t *id);

/* Handlers, by file. */
int cli_access_decide(struct cli *cl);
int cli_ledger_catalog(struct cli *cl);
int cli_ledger_empty(struct cli *cl);
int cli_office_up(struct cli *cl);
int cli_office_reply(struct cli *cl);
int cli_office_open(struct cli *cl);
int cli_office_receipts(struct cli *cl);
int cli_office_inbox(struct cli *cl);
int cli_office_download(struct cli *cl);
int cli_init(struct cli *cl);
int cli_stats_rebuild(struct cli *cl);
int cli_report_list(struct cli *cl);
int cli_report_show(struct cli *cl);
int cli_report_fill(struct cli *cl);
int cli_report_submit(struct cli *cl);
int cli_report_return(struct cli *cl);
int cli_report_export(struct cli *cl);
int cli_stats_verify(struct cli *cl);
int cli_stats_show(struct cli *cl);
int cli_stats_table(struct cli *cl);
int cli_bulletin_make(struct cli *cl);
int cli_score_freeze(struct cli *cl);
int cli_judge_show(struct cli *cl);
int cli_judge_save(struct cli *cl);
int cli_judge_submit(struct cli *cl);
int cli_judge_status(struct cli *cl);
int cli_bulletin_publish(struct cli *cl);
int cli_bulletin_show(struct cli *cl);
int cli_bulletin_export(struct cli *cl);
int cli_judge_export(struct cli *cl);
int cli_score_export(struct cli *cl);
int cli_schema_check(struct cli *cl);
int cli_unit_list(struct cli *cl);
int cli_unit_add(struct cli *cl);
int cli_unit_rename(struct cli *cl);
int cli_unit_move(struct cli *cl);
int cli_user_add(struct cli *cl);
int cli_user_list(struct cli *cl);
int cli_user_passwd(struct cli *cl);
int cli_user_move(struct cli *cl);
int cli_user_role(struct cli *cl);
int cli_policy_show(struct cli *cl);
int cli_policy_set(struct cli *cl);
int cli_user_lock(struct cli *cl);
int cli_user_unlock(struct cli *cl);
int cli_user_key_add(struct cli *cl);
int cli_record_add(struct cli *cl);
int cli_record_get(struct cli *cl);
int cli_record_update(struct cli *cl);
int cli_record_delete(struct cli *cl);
int cli_record_list(struct cli *cl);
int cli_person_show(struct cli *cl);
int cli_export(struct cli *cl);
int cli_import(struct cli *cl);
int cli_import_maps(struct cli *cl);
int cli_import_last(struct cli *cl);
int cli_claim_list(struct cli *cl);
int cli_claim_accept(struct cli *cl);
int cli_claim_return(struct cli *cl);
int cli_claim_route(struct cli *cl);
int cli_claim_conflicts(struct cli *cl);
int cli_claim_resolve(struct cli *cl);
int cli_claim_stats(struct cli *cl);
int cli_verify(struct cli *cl);
int cli_migrate(struct cli *cl);
int cli_backup(struct cli *cl);
int cli_backup_into(struct cli *cl, const char *dir, bool head);
int cli_maint_on(struct cli *cl);
int cli_maint_off(struct cli *cl);
int cli_maint_status(struct cli *cl);
int cli_status(struct cli *cl);
int cli_repl_status(struct cli *cl);
int cli_repl_takeover(struct cli *cl);
int cli_audit_archive(struct cli *cl);
int cli_restore(struct cli *cl);
int cli_audit_verify(struct cli *cl);
int cli_audit_show(struct cli *cl);
int cli_audit_head(struct cli *cl);
int cli_tui(struct cli *cl);
int cli_daemon(struct cli *cl);
int cli_serve(struct cli *cl);
int cli_event_new(struct cli *cl);
int cli_event_act(struct cli *cl);
int cli_task_new(struct cli *cl);
int cli_task_list(struct cli *cl);
int cli_task_show(struct cli *cl);
int cli_task_act(struct cli *cl);
int cli_event_show(struct cli *cl);
int cli_event_list(struct cli *cl);
int cli_event_period(struct cli *cl);
int cli_calendar_explain(struct cli *cl);
int cli_score(struct cli *cl);
int cli_daily_report(struct cli *cl);
int cli_daily_correct(struct cli *cl);
int cli_daily_list(struct cli *cl);
int cli_todo(struct cli *cl);

#endif
