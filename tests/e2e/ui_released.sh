#!/bin/sh
# A released prisoner (6.2.1) added through the curses form over SSH (issue 6), with the data of
# modules_released.sh: the justice office's account logs in with the OpenSSH client; a wrong ID
# number is refused beside the field and kept; the right one fills birth date and sex; saving with
# required fields empty puts the cursor on the first of them and keeps everything typed; the saved
# record reads back the same on the command line, is audited, and is in time (R-EN-2, released
# yesterday). A village office sees it read-only and may not add one (R-AC-2: released prisoners
# are the justice line's).
. "$(dirname "$0")/lib.sh"
ZZ_PERSONS=0
zz_ssh_setup
zz_serve_start
P=$(zz_idnum 19820315 031)
BAD=321204198203150312
[ "$BAD" != "$P" ] || zz_fail "the wrong ID number is right"
# Released yesterday: the 3 days of R-EN-2 have not run out whenever the test runs.
RELEASED=$(zz_date -d yesterday +%Y-%m-%d)

# The zz_keys, zz_type, zz_expect and zz_absent of lib.sh act on window ZZ_W; over SSH
# a screen may take longer than the local UI to come.
ZZ_W=""
ZZ_WAIT_TENTHS=300

# pick TEXT: on a code field, typing opens its picker narrowed to TEXT; Enter takes the first.
pick() {
	zz_type "$1"
	zz_expect "筛选: $1"
	zz_keys Enter
	zz_wait_for 30 picker_closed || zz_fail "the picker for $1 did not close"
}

picker_closed() {
	! zz_win_has "$ZZ_W" "筛选:"
}

# The screen row (from 0) of the first line showing TEXT, and the row of the terminal's cursor.
row_of() {
	zz_win "$ZZ_W" | grep -n -F -- "$1" | head -1 | cut -d: -f1 | awk '{ print $1 - 1 }'
}

cursor_row() {
	$ZZ_TMUX display-message -p -t "zz:$ZZ_W" '#{cursor_y}'
}

# cursor_on TEXT: the cursor sits on the line showing TEXT (the field in error).
cursor_on() {
	_row=$(row_of "$1")
	[ -n "$_row" ] && [ "$(cursor_row)" = "$_row" ]
}

open_list() {
	zz_keys /
	zz_type 刑满释放人员
	zz_keys Enter Enter
	zz_expect "信息系统 > 刑满释放人员"
	zz_expect "单位:全部"
}

zz_log "the justice office opens the form; the record goes to a grid picked from the unit tree"
ZZ_W=j
zz_ssh_window j justice
zz_wait_main_menu j justice
open_list
zz_keys a
zz_expect "刑满释放人员 > 新增"
zz_expect "所属单位：姜堰区司法局"
zz_keys Enter
zz_expect "选择所属单位"
zz_type 桥头社区第1
zz_expect "筛选: 桥头社区第1"
zz_keys Enter
zz_expect "所属单位：桥头社区第1网格"
zz_gone "筛选:"

zz_log "a wrong ID number is refused beside the field and kept; the right one fills birth and sex"
zz_type "$BAD"
zz_keys Tab
zz_expect "身份证号校验位不对"
zz_expect "身份证号：$BAD"
zz_expect "性别：（自动）"
zz_keys BTab C-u
zz_type "$P"
zz_keys Tab
zz_expect "已按身份证号填写出生日期和性别"
zz_expect "出生日期：1982-03-15"
zz_expect "性别：男"
zz_absent "校验位不对"
zz_type 周强
zz_keys Tab Tab
pick 汉
zz_expect "民族：汉族"
zz_wait_for 10 cursor_on "籍贯：" || zz_fail "cursor not on 籍贯"

zz_log "saving with required fields empty: the cursor goes to the first, nothing typed is lost"
zz_keys F2
zz_expect "现住门（楼）详址是必填项"
zz_wait_for 10 cursor_on "现住门（楼）详址：" ||
	zz_fail "cursor on row $(cursor_row), not on 现住门（楼）详址 (row $(row_of "现住门（楼）详址："))"
for kept in "身份证号：$P" "姓名：周强" "性别：男" "出生日期：1982-03-15" "民族：汉族" \
	"所属单位：桥头社区第1网格"; do
	zz_expect "$kept"
done
zz_type 桥头社区12号
# From a field above, so that the cursor has to move to the one in error.
zz_keys BTab BTab
zz_wait_for 10 cursor_on "户籍门（楼）详址：" || zz_fail "cursor not on 户籍门（楼）详址"
zz_keys F2
zz_expect "关注程度是必填项"
zz_wait_for 10 cursor_on "关注程度：" || zz_fail "cursor not on 关注程度"
zz_expect "现住门（楼）详址：桥头社区12号"

zz_log "the business information, all but the last field; saving stops there"
pick 重点
zz_expect "关注程度：重点"
pick 已落实
zz_expect "帮教情况：已落实帮教"
pick 财产
zz_expect "犯罪类型：侵犯财产罪"
zz_type 盗窃罪
zz_keys Tab
zz_type 2年6个月
zz_keys Tab
zz_type 江苏省南京监狱
zz_keys Tab
zz_type "$RELEASED"
zz_keys Tab
zz_expect "出监所时间：$RELEASED"
pick 否
zz_expect "是否累犯：否"
pick 必接必送
zz_expect "衔接情况：必接必送"
zz_type "$RELEASED"
zz_keys Tab
pick 就业
zz_expect "安置情况：就业"
pick 否
zz_expect "本年度是否重犯：否"
pick 否
zz_expect "是否脱管：否"
zz_type 多次入户盗窃
zz_keys Tab
zz_expect "是否已安置："
zz_keys BTab BTab
zz_wait_for 10 cursor_on "是否脱管：" || zz_fail "cursor not on 是否脱管"
zz_keys F2
zz_expect "是否已安置是必填项"
zz_wait_for 10 cursor_on "是否已安置：" || zz_fail "cursor not on 是否已安置"
for kept in "犯罪行为：多次入户盗窃" "衔接日期：$RELEASED" "服刑场所：江苏省南京监狱" \
	"原判刑期：2年6个月" "原罪名：盗窃罪"; do
	zz_expect "$kept"
done

zz_log "filled in, it saves; in time, the form shows no late mark (R-EN-2)"
pick 是
zz_expect "是否已安置：是"
zz_keys F2
zz_expect "已保存（刑满释放人员记录号"
id=$(zz_win "$ZZ_W" | sed -n 's/.*已保存（刑满释放人员记录号 \([0-9]*\).*/\1/p' | head -1)
[ -n "$id" ] || zz_fail "no record number shown"
zz_expect "刑满释放人员 > 周强"
zz_keys End
zz_expect "是否已安置：是"
zz_absent "录入超时"
zz_ui_quit j
zz_wait_screen j "SSH-EXIT-0" 30

zz_log "the command line reads back what was typed"
out=$("$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" record get released "$P" --as justice --full) ||
	zz_fail "record get released $P"
for want in "记录号	$id" "所属单位	321204001001001 " "身份证号	$P" "姓名	周强" "性别	男" \
	"出生日期	1982-03-15" "民族	汉族" "现住门（楼）详址	桥头社区12号" "关注程度	重点" \
	"帮教情况	已落实帮教" "犯罪类型	侵犯财产罪" "原罪名	盗窃罪" "原判刑期	2年6个月" \
	"服刑场所	江苏省南京监狱" "出监所时间	$RELEASED" "是否累犯	否" "衔接情况	必接必送" \
	"衔接日期	$RELEASED" "安置情况	就业" "本年度是否重犯	否" "是否脱管	否" \
	"犯罪行为	多次入户盗窃" "是否已安置	是" "录入人	justice"; do
	zz_has "$want" "^$want" "$out"
done
zz_lacks "in time (R-EN-2)" '^录入超时' "$out"
zz_has "the person record, once" '^姓名	周强$' \
	"$("$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" record get person "$P" --as county)"

zz_log "the audit log has the add, from the SSH session"
audit=$("$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" audit show --as auditor --user justice) || zz_fail "audit show"
zz_has "audited add" "	justice	321204-justice	ssh 127\.0\.0\.1:[0-9]+	add	released:$id	ok	.*idnum:  → $P; name:  → 周强" \
	"$audit"
"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" audit verify >/dev/null || zz_fail "audit chain broken"

zz_log "a village office sees it read-only and may not add one (R-AC-2)"
ZZ_W=v
zz_ssh_window v village
zz_wait_main_menu v village
open_list
zz_expect "321204********0315 周强"
zz_absent "a新增"
zz_keys a
zz_expect "无权新增刑满释放人员"
zz_absent "刑满释放人员 > 新增"
zz_keys /
zz_expect "搜索（"
zz_type 周强
zz_keys Enter
zz_expect "共 1 条"
zz_keys Enter
zz_expect "刑满释放人员 > 周强（只读）"
zz_keys e
zz_expect "只读：综治办（中心）无权修改刑满释放人员"
zz_absent "填写 "
zz_ui_quit v
zz_wait_screen v "SSH-EXIT-0" 30
after=$("$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" record list released --as justice)
zz_has "still one record of 周强" "^$id	321204001001001	" "$after"
echo ok
