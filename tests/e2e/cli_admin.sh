#!/bin/sh
# The administrator's command line: init, the unit tree, accounts (password from stdin, policy and
# lockout settings from conf/), exit status 0 / 1 (one line on stderr) / 2 (usage).
. "$(dirname "$0")/lib.sh"
zz_setup

zz_status "init" 0 zz init
zz_has "init" "已创建空数据库" "$(cat "$ZZ_TMP/out")"
zz_status "init --demo on a database that is not empty is allowed only when empty" 0 zz init
zz_status "no command" 2 zz
zz_status "unknown command" 2 zz frobnicate
zz_status "unknown option" 2 zz unit list --frob
zz_status "missing argument" 2 zz unit add 32

# Units.
zz_status "root" 0 zz unit add 32 江苏省 --level province
zz_status "second root refused" 1 zz unit add 33 浙江省 --level province
zz_has "second root" "必须指定上级" "$(cat "$ZZ_TMP/err")"
zz unit add 3212 泰州市 --parent 32 >/dev/null &&
zz unit add 321204 姜堰区 --parent 3212 >/dev/null &&
zz unit add 321204001 三水街道 --parent 321204 >/dev/null &&
zz unit add 321204001001 桥头社区 --parent 321204001 >/dev/null &&
zz unit add 321204001001001 桥头第1网格 --parent 321204001001 >/dev/null &&
zz unit add 321204002 罗塘街道 --parent 321204 >/dev/null &&
zz unit add 321204-police 姜堰区公安分局 --parent 321204 --dept police >/dev/null || zz_fail "unit tree"
zz_refuses "bad code" "单位代码 “3x” 不合规" zz unit add 3x 错误 --parent 32
zz_refuses "duplicate code" "单位代码 321204 已存在" zz unit add 321204 姜堰区 --parent 3212
zz_refuses "unknown parent" "上级单位 3299 不存在" zz unit add 321299 某区 --parent 3299
zz_refuses "level not below the parent" "下级单位的层级必须低于上级" zz unit add 321204009 某地 --parent 321204001 --level township
zz_refuses "unit under a department" "成员单位之下不能再设单位" zz unit add 3212049 某地 --parent 321204-police
zz_status "unit list" 0 zz unit list 321204
out=$(cat "$ZZ_TMP/out")
zz_has "list header" "^代码	层级	上级	部门	名称" "$out"
zz_has "tree indent" "^321204001001	村（社区）	321204001	-	    桥头社区" "$out"
zz_has "department" "^321204-police	成员单位	321204	police	  姜堰区公安分局" "$out"
zz_status "rename" 0 zz unit rename 321204001001 桥头村
zz_has "renamed" "桥头村" "$(zz unit list 321204001001)"
zz_status "rename to nothing" 1 zz unit rename 321204001001 ""
zz_status "move" 0 zz unit move 321204001001 321204002
zz_has "moved" "^321204001001	村（社区）	321204002" "$(zz unit list 321204002)"
zz_refuses "move under own child" "不能把单位移到它自己或它的下级之下" zz unit move 321204 321204001
zz_refuses "move under a lower level" "不能把单位移到它自己或它的下级之下" zz unit move 321204002 321204001001
zz unit move 321204001001 321204001 >/dev/null || zz_fail "move back"

# Accounts: the password comes from stdin, never from argv.
echo "$ZZ_PASS" | zz_status "user add" 0 zz user add county --unit 321204 --role office --name 张三
echo "$ZZ_PASS" | zz_status "duplicate account" 1 zz user add county --unit 321204 --role office
echo "short1A" | zz_status "too short" 1 zz user add u1 --unit 321204 --role office
zz_has "too short" "至少 8 位" "$(cat "$ZZ_TMP/err")"
echo "alllowercase" | zz_status "one class only" 1 zz user add u1 --unit 321204 --role office
zz_has "classes" "至少 3 类" "$(cat "$ZZ_TMP/err")"
zz_refuses "no password" "没有读到密码" zz user add u1 --unit 321204 --role office </dev/null
echo "$ZZ_PASS" | zz_refuses "unknown role" "角色 “boss” 不存在" zz user add u1 --unit 321204 --role boss
echo "$ZZ_PASS" | zz_refuses "unknown unit" "单位 999999 不存在" zz user add u1 --unit 999999 --role office
echo "$ZZ_PASS" | zz_refuses "bad name" "账号 “1u” 不合规" zz user add 1u --unit 321204 --role office
echo "$ZZ_PASS" | zz_status "department account" 0 zz user add police --unit 321204 --role dept --dept police
echo "$ZZ_PASS" | zz_refuses "department account without a department" "成员单位账号需要 --dept 部门" zz user add p2 --unit 321204 --role dept
echo "$ZZ_PASS" | zz_status "sysadmin" 0 zz user add admin --unit 321204 --role sysadmin
echo "$ZZ_PASS" | zz_status "secadmin" 0 zz user add sec --unit 321204 --role secadmin
echo "$ZZ_PASS" | zz_status "village" 0 zz user add village --unit 321204001001 --role office
zz_status "user list" 0 zz user list
out=$(cat "$ZZ_TMP/out")
zz_has "list header" "^账号	姓名	角色	单位" "$out"
zz_has "county" "^county	张三	office	321204		正常" "$out"
zz_has "department unit" "^police		dept	321204-police	police	正常" "$out"
zz_lacks "no hashes listed" '\$y\$' "$out"
[ "$(zz user list --unit 321204001 | tail -n +2 | wc -l)" = 1 ] || zz_fail "user list --unit"

# Password changes: history of 5, by the security administrator only.
for p in 'Second@2026' 'Third@2026x' 'Fourth@2026' 'Fifth@2026x'; do
	echo "$p" | zz user passwd county --as sec >/dev/null || zz_fail "passwd $p"
done
echo "$ZZ_PASS" | zz_status "reuse of the 5th last password" 1 zz user passwd county --as sec
zz_has "reuse" "最近 5 次" "$(cat "$ZZ_TMP/err")"
echo 'Sixth@2026xx' | zz user passwd county --as sec >/dev/null || zz_fail "passwd 6"
echo "$ZZ_PASS" | zz_status "the 6th last password may come back" 0 zz user passwd county --as sec
echo 'Other@2026xx' | zz_refuses "village may not set county's password" "无权安全管理" zz user passwd county --as village
echo 'Other@2026xx' | zz_status "secadmin may" 0 zz user passwd county --as sec --reset
echo 'Own@2026xyzw' | zz_status "own password" 0 zz user passwd village --as village

# Lock and unlock: a locked account cannot act.
zz_status "sysadmin may not lock (三员分立)" 1 zz user lock county --as admin
zz_status "lock" 0 zz user lock county --as sec
zz_has "locked" "^county.*	锁定	" "$(zz user list)"
zz_status "a locked account is refused" 1 zz record list household --as county
zz_status "unlock" 0 zz user unlock county --as sec
zz_has "unlocked" "^county.*	正常	" "$(zz user list)"
zz_refuses "lock unknown account" "账号 nobody 不存在" zz user lock nobody

# Moving an account (as 账号's e does): the system administrator's, to a unit of the same level;
# role and password stay; audited.
echo "$ZZ_PASS" | zz user add town1 --unit 321204001 --role office --as admin >/dev/null || zz_fail "add town1"
zz_refuses "secadmin may not move (三员分立)" "无权" zz user move town1 321204002 --as sec
zz_refuses "a unit of another level" "同一层级" zz user move town1 321204001001 --as admin
zz_refuses "unknown account" "账号 nobody 不存在" zz user move nobody 321204002 --as admin
zz_status "move" 0 zz user move town1 321204002 --as admin
zz_has "moved" "^town1	.*321204002" "$(zz user list)"
zz_status "the moved account acts" 0 zz record list household --as town1

# A role (permissions) is the security administrator's to change, audited; the three
# administrators' roles neither change nor are given; it holds from the next command on.
zz_refuses "sysadmin may not change a role (三员分立)" "无权" zz user role town1 leader --as admin
zz_refuses "not to an administrator's role" "三员分立" zz user role town1 auditor --as sec
zz_refuses "an unknown role" "角色 “boss” 不存在" zz user role town1 boss --as sec
zz_has "role changed" "的角色已改为" "$(zz user role town1 leader --as sec)"
zz_has "listed" "^town1	.*	leader	" "$(zz user list)"
zz_refuses "a leader only reads" "无权" zz record add household --unit 321204002 name=张三 --as town1

# The password and lockout policy on the command line (as the 安全策略 screen): the security
# administrator's; a value out of its range or no number refused; the new length holds at once.
zz_has "policy show" "^security.password.min_length	密码最短位数	8	8	6~128	设置文件$" "$(zz policy show)"
zz_refuses "sysadmin may not set the policy (三员分立)" "无权" zz policy set security.password.min_length 12 --as admin
zz_refuses "out of range" "须在 6 到 128 之间" zz policy set security.password.min_length 200 --as sec
zz_refuses "no number" "请输入整数" zz policy set security.password.min_length 12a --as sec
zz_refuses "not a policy setting" "没有安全策略 security.password.classes" zz policy set security.password.classes 2 --as sec
zz_status "policy set" 0 zz policy set security.password.min_length 12 --as sec
zz_has "changed, by whom" "^security.password.min_length	密码最短位数	12	8	6~128	sec 20" "$(zz policy show)"
echo 'Short@2026x' | zz_refuses "11 characters after the change" "至少 12 位" zz user passwd county --as sec
zz_status "back to 8" 0 zz policy set security.password.min_length 8 --as sec

# Public keys.
echo "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx0ZXN0a2V5dGVzdGtleXRlc3RrZXl0ZXN0a2V5 county@pc" >"$ZZ_TMP/key.pub"
zz_status "key add" 0 zz user key add county "$ZZ_TMP/key.pub" --as sec
zz_refuses "same key again" "该公钥已添加" zz user key add county "$ZZ_TMP/key.pub" --as sec
echo "not a key" >"$ZZ_TMP/bad.pub"
zz_status "bad key" 1 zz user key add county "$ZZ_TMP/bad.pub" --as sec
zz_status "user key without add" 2 zz user key county "$ZZ_TMP/key.pub"
zz_has "keys counted" "^county.*	1	" "$(zz user list)"

# Every change above is in the audit log, the chain intact, as the auditor reads it.
echo "$ZZ_PASS" | zz_status "auditor" 0 zz user add aud --unit 321204 --role auditor
zz_status "audit show" 0 zz audit show --as aud
zz_has "a role change audited" "	user_role	user:town1	ok	角色 office → leader" "$(zz audit show --as aud)"
out=$(cat "$ZZ_TMP/out")
zz_has "unit_add audited" "	unit_add	unit:321204001001001	ok" "$out"
zz_has "unit_move audited" "	unit_move	unit:321204001001	ok" "$out"
zz_has "refusal audited" "	sec	321204	.*	user_lock	user:county	ok" "$out"
zz_has "user_add audited" "	user_add	user:police	ok" "$out"
zz_has "user_move audited" "	admin	321204	.*	user_move	user:town1	ok	单位 321204001 → 321204002" "$out"
zz_has "refused move audited" "	sec	321204	.*	user_move	user:town1	refused" "$out"
zz_has "policy change audited" "	sec	321204	.*	policy_set	.*密码最短位数：8 → 12" "$out"
zz_has "refused passwd audited" "	village	321204001001	.*	user_passwd	user:county	refused" "$out"
zz_lacks "no password in the log" "$ZZ_PASS|Second@2026" "$out"
# A filter value that occurs nowhere (refuse for refused) is said, with how it is written; one that
# occurs lists its entries and says nothing more.
zz_status "audit show --result refuse" 0 zz audit show --result refuse --as aud
zz_has "a typo listed nothing" "^序号" "$(cat "$ZZ_TMP/out")"
zz_has "a typo is said" "没有结果为 “refuse” 的审计记录（--result 须与“结果”一栏完全相同：ok、refused、failed 等）" "$(cat "$ZZ_TMP/err")"
zz_status "audit show --type user_lockk" 0 zz audit show --type user_lockk --as aud
zz_has "a type typo is said" "没有类型为 “user_lockk” 的审计记录" "$(cat "$ZZ_TMP/err")"
zz_status "audit show --user sekadmin" 0 zz audit show --user sekadmin --as aud
zz_has "an account typo is said" "没有账号 “sekadmin” 的审计记录" "$(cat "$ZZ_TMP/err")"
zz_status "audit show --user sec" 0 zz audit show --user sec --as aud
[ -s "$ZZ_TMP/err" ] && { cat "$ZZ_TMP/err"; zz_fail "an account found is not remarked on"; }
zz_status "audit show --result refused" 0 zz audit show --result refused --as aud
zz_has "refused entries listed" "	refused	" "$(cat "$ZZ_TMP/out")"
[ -s "$ZZ_TMP/err" ] && { cat "$ZZ_TMP/err"; zz_fail "a value found is not remarked on"; }
zz_status "audit verify" 0 zz audit verify
zz_refuses "audit show as an office account" "无权审计" zz audit show --as village
echo ok
