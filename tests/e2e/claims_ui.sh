#!/bin/sh
# R-CL-1 in the curses UI (tmux, local terminal): the county police imports a GBK export (from the
# command line); 三水街道 routes the row that only names the township down to 桥头社区 in the 待认领
# screen; 桥头社区 reaches the screen from its to-do list, claims one row into its second grid and
# sends one back with a reason; the police routes its unrouted row by hand. The command line checks
# every state (claim list, record get).
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 0

A=$(zz_idnum 19800101 001)
B=$(zz_idnum 19810202 002)
C=$(zz_idnum 19820303 003)
F=$(zz_idnum 19850606 006)
HDR='公民身份号码,姓名,性别,民族,联系电话,户籍地详址,现住地址,居住处所,流入原因,流入时间,登记时间,居住证件,居住证号,是否重点人员,录入民警'
f=$ZZ_TMP/police.csv
{
	printf '%s\n' "$HDR"
	printf '%s\n' "$A,张三,男性,汉,13800000001,河南省某县,姜堰区三水街道桥头社区3组5号,租住,务工,20250110,2026-02-01,居住证,JZ1,否,民警1"
	printf '%s\n' "$B,李四,女性,汉族,13800000002,安徽省某县,姜堰区三水街道桥头社区2组1号,自购房,经商,2024-05-01,2026-02-01,,,否,民警2"
	printf '%s\n' "$C,王五,男性,回,13800000003,山东省某县,姜堰区三水街道幸福路8号,单位宿舍,务工,20230101,2026-02-02,,,是,民警3"
	printf '%s\n' "$F,周九,女性,汉,13800000008,某地,外省某市某路1号,租住,务工,20230101,2026-02-02,,,否,民警8"
} | iconv -f UTF-8 -t GB18030 >"$f" || zz_fail "iconv"
out=$(zz import floating "$f" --as police 2>&1) || zz_fail "import: $out"
zz_has "routed" '待认领 3，未分派 1' "$out"

id_of() { zz record get floating "$1" --as county | awk -F'\t' '$1 == "记录号" { print "floating:" $2 }'; }
IA=$(id_of "$A"); IB=$(id_of "$B"); IC=$(id_of "$C"); IF=$(id_of "$F")
zz_has "王五 waits at the township" "^$IC	待认领	王五" "$(zz claim list --as town)"

# Open the 待认领 screen from the menu.
open_claims() {
	zz_menu
	zz_keys /
	zz_type "待认领"
	zz_keys Enter Enter
	zz_expect "待认领 > "
}

# Select the row showing TEXT (moving from the row marked ">").
select_row() {
	zz_expect "$1"
	line=$(zz_screen | grep -n -F -- "$1" | head -1 | cut -d: -f1)
	zz_move_to "$line"
	zz_wait ">流动人口 $1" || zz_fail "row $1 not selected"
}

# --- 三水街道: the list of its subtree, days left, route 王五 down to 桥头社区 ---
zz_tui_start xterm-256color 80 24
zz_login town
open_claims
zz_expect "三水街道及下级"
zz_expect "剩 10 天"
zz_expect "认领期限"
# The ID number is masked in the list.
zz_screen | grep -q "$C" && zz_fail "ID number shown in full"
zz_expect "321204********"
select_row 王五
zz_keys f
zz_expect "转给下级单位"
# Departments are not offered; typing narrows to the village.
zz_absent "三水街道派出所"
zz_type "桥头社区"
zz_keys Enter
zz_expect "已分派：王五 → 桥头社区"
# Still in the township's subtree, now at the village.
zz_expect "王五     321204********0030 桥头社区"
zz_quit
zz_has "王五 at 桥头社区" "^$IC	待认领	王五" "$(zz claim list --as village)"
zz_lacks "no longer at the township" "^$IC	" "$(zz claim list --as town)"

# --- 桥头社区: from the to-do list; claim 张三 into grid 2, send 李四 back ---
zz_tui_start xterm-256color 80 24
zz_login village
zz_expect "信息系统 > 待办事项"
zz_expect "3 条导入数据待认领"
line=$(zz_screen | grep -n -F "3 条导入数据待认领" | head -1 | cut -d: -f1)
zz_move_to "$line"
zz_keys Enter
zz_expect "待认领 > 桥头社区（全部）"
# Enter shows the row's values (the record form).
select_row 张三
zz_keys Enter
zz_expect "流动人口 > 张三"
zz_expect "河南省某县"
zz_keys Escape
zz_expect "待认领 > 桥头社区"
zz_keys c
zz_expect "认领到网格"
zz_expect "桥头社区第2网格"
zz_type "第2网格"
zz_keys Enter
zz_expect "已认领：张三 → 桥头社区第2网格"
select_row 李四
zz_keys t
zz_expect "退回李四的原因："
# An empty reason is refused, nothing changes; the prompt stays for the reason.
zz_keys Enter
zz_expect "请写明退回原因"
zz_expect "退回李四的原因："
zz_type "查无此人"
zz_keys Enter
zz_expect "已退回姜堰区公安分局：李四"
zz_quit

l=$(zz claim list --as village)
zz_lacks "张三 claimed" "^$IA	" "$l"
zz_lacks "李四 sent back" "^$IB	" "$l"
zz_has "王五 still waiting" "^$IC	待认领" "$l"
g=$(zz record get floating "$A" --as county)
zz_has "张三 in grid 2" '^所属单位	321204001001002 ' "$g"
zz_has "张三 in use" '^状态	在用' "$g"
p=$(zz claim list --as police)
zz_has "李四 back at the police with the reason" "^$IB	被退回	李四	.*	查无此人$" "$p"
zz_has "周九 unrouted" "^$IF	未分派	周九" "$p"
zz_has "send-back audited with the reason" "claim_return.*查无此人" "$(zz audit show --as auditor --user village)"

# --- the police: route the unrouted row by hand ---
zz_tui_start xterm-256color 80 24
zz_login police
open_claims
select_row 周九
zz_expect "地址对不上任何单位"
zz_keys c
zz_expect "只能按 f 分派"
zz_keys f
zz_expect "分派到单位"
zz_type "南庄村"
zz_keys Enter
zz_expect "已分派：周九 → 南庄村"
zz_quit
zz_has "周九 waits at 南庄村" "^$IF	待认领	周九" "$(zz claim list --as u321204001004.office)"
zz_tui_clean
echo "ok"
