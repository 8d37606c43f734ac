#!/bin/sh
# The local console (a command without --as) is for bootstrap and recovery only (issue 15 part 2,
# R-AC-3, 三员分立): the `console` column of cli_table[]. Units and accounts until the three
# administrator roles each have an account; then a person's work needs --as, and the console may
# still reset or unlock an administrator's account.
. "$(dirname "$0")/lib.sh"
zz_setup

zz init >/dev/null || zz_fail "init"
zz_status "bootstrap: the first unit" 0 zz unit add 321204 姜堰区 --level county
zz unit add 321204001 三水街道 --parent 321204 --level township >/dev/null || zz_fail "unit add"
zz_user grid 321204001 office
zz_user sys 321204 sysadmin
zz_user sec 321204 secadmin
zz_status "bootstrap goes on until the auditor exists" 0 zz unit rename 321204001 三水街道办事处
zz_user aud 321204 auditor

zz_refuses "a unit after bootstrap" "--as" zz unit add 321204002 罗塘街道 --parent 321204 --level township
zz_has "the refusal says why" "系统管理员" "$(cat "$ZZ_TMP/err")"
zz_status "the system administrator adds it" 0 zz unit add 321204002 罗塘街道 --parent 321204 --level township --as sys
zz_refuses "an account after bootstrap" "--as" sh -c "echo '$ZZ_PASS' | \"$ZZ_BIN\" -c \"$ZZ_CONF\" user add two --unit 321204 --role office"
zz_refuses "records are a person's work" "--as 账号" zz record list household
zz_refuses "so is the audit log" "--as 账号" zz audit show
zz_status "as the auditor" 0 zz audit show --as aud
zz_refuses "an ordinary account's lock is the security administrator's" "安全管理员" zz user lock grid
zz_status "recovery: the console resets an administrator's password" 0 \
	sh -c "echo 'Reset@2026zz' | \"$ZZ_BIN\" -c \"$ZZ_CONF\" user passwd sec --reset"
zz_status "recovery: and unlocks an administrator" 0 zz user unlock sec
zz_status "verify at the console" 0 zz verify
zz_status "backup at the console" 0 zz backup "$ZZ_TMP/bk"
zz_has "refusals audited" "	console	-	.*	console	cli	refused	本地控制台不能执行 record list" "$(zz audit show --as aud)"
echo ok
