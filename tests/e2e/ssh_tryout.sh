#!/bin/sh
# The try-out's 已知问题 (doc/用户指南.md), each as the role meets it at 80x24 over SSH:
# - grid (桥头社区第1网格): the form's status line keeps “F1帮助” and the unit name whole (the account
#   id gives way, the person's name stays);
#   a patrol log's 关联 line names the grid member's record by type and name, no internal code, and
#   Enter opens it; a confirm box answered with F2 asks again (“请按 y 或 n”), n keeps the form;
# - village (桥头社区): an access request's 记录类型 is picked from the types by their Chinese names,
#   shown so in the form and the list; a made-up type code is refused saying so; the event action
#   picker's bottom line names the action without its English code; the 交办 picker's title and
#   count fit its box;
# - town (三水街道): the daily reports' 报送人 is the person's name; a form exported with w gets a
#   Chinese file name, fetched by that name over SFTP;
# - county: a send-back reason refused for length stays in the prompt, shortened, it is taken.
. "$(dirname "$0")/lib.sh"
ZZ_PERSONS=50
zz_ssh_setup
zz_serve_start
ZZ_W=""
ZZ_WAIT_TENTHS=300
# Last month's forms: a month is submitted once it is over.
M=$(zz_date -d "$(zz_date +%Y-%m)-01 -1 month" +%Y-%m)
zzc() { "$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" "$@"; }

# Open the menu entry whose name holds TEXT.
menu_open() {
	zz_keys /
	zz_expect "查找菜单项："
	zz_type "$1"
	zz_keys Enter Enter
}

# Move the cursor (the line starting with ">") down to the first line matching PATTERN (grep -E).
cursor_to() {
	line=$(zz_screen | grep -n -E -- "$1" | head -1 | cut -d: -f1)
	[ -n "$line" ] || { zz_screen >&2; zz_fail "no line holds: $1"; }
	n=0
	until zz_screen | sed -n "${line}p" | grep -q '^>'; do
		n=$((n + 1))
		[ $n -gt 40 ] && { zz_screen >&2; zz_fail "cursor did not reach: $1"; }
		zz_keys Down
		sleep 0.2
	done
}

zz_log "grid: the status line, the 关联 line, the confirm box"
ZZ_W=grid
zz_ssh_window grid grid
zz_wait_main_menu grid grid
menu_open 网格巡查日志
zz_expect "网格员身份证号"
# The list's hints end with ?帮助 in full: the unit name gives way.
zz_screen | tail -1 | grep -qF "?帮助" || { zz_screen >&2; zz_fail "the list's status line lost ?帮助"; }
zz_keys Enter
zz_expect "【附加信息】"
zz_expect "关联（网格员身份证号）：网格长和网格员 "
zz_lacks "no internal code on the 关联 line" "关联（[^）]*）：[a-z_]+:[0-9]" "$(zz_screen)"
cursor_to "关联（网格员身份证号）"
zz_keys Enter
zz_expect "网格长和网格员 > "
zz_keys Escape
zz_expect "网格巡查日志 > "
zz_keys e
zz_expect "填写"
status=$(zz_screen | tail -1)
printf '%s\n' "$status" | grep -qF "F1帮助" || { zz_screen >&2; zz_fail "the form's status line lost F1帮助: $status"; }
printf '%s\n' "$status" | grep -qF " 桥头社区第1网格 " || { zz_screen >&2; zz_fail "the unit name is not whole: $status"; }
printf '%s\n' "$status" | grep -qF "…" && { zz_screen >&2; zz_fail "the status line is cut: $status"; }
printf '%s\n' "$status" | grep -q "网格 [^ (]* 待办 [0-9]" || { zz_screen >&2; zz_fail "the person left the status line: $status"; }
# A change in 发现问题 (the multi-line editor), then Esc: F2 does not answer the question; n keeps
# the text as typed; y gives it up.
zz_keys Tab Tab Tab Tab Tab
zz_type "再看一遍"
zz_expect "多行编辑"
zz_keys Escape
zz_expect "放弃这次对文字的修改？（y 是 / n 否）"
zz_keys F2
zz_expect "请按 y 或 n（Esc 即 n）：放弃这次对文字的修改？"
zz_keys n
zz_gone "放弃这次对文字的修改？"
zz_expect "再看一遍"
zz_keys Escape
zz_expect "放弃这次对文字的修改？"
zz_keys y
zz_gone "多行编辑"
zz_absent "再看一遍"
zz_ssh_quit

zz_log "village: 记录类型 picked by name; the action picker without English codes"
zz_refuses "a made-up type code" "没有代码为 nosuch 的记录类型，请从记录类型一览中选择" \
	zzc record add access_request to=321204 types=nosuch scope=321204001 reason=r start=2026-01-05 \
	end=2026-01-06 --as village
eid=$(zzc event new --as village --title 路灯损坏引发争执 --category 02 --scale 2 --place 桥头社区 \
	--description 两户因路灯维修费用争执 | grep -o '[0-9][0-9]*' | tail -1) || zz_fail "event new"
ZZ_W=village
zz_ssh_window village village
zz_wait_main_menu village village
menu_open 信息查阅申请
zz_expect "信息查阅申请"
zz_keys a
zz_expect "申请向（上级中心）"
zz_keys Tab Enter
zz_expect "选择申请向"
zz_type 姜堰
zz_keys Enter
zz_expect "记录类型"
zz_keys Enter
zz_expect "选择记录类型"
zz_type 重点地区
zz_keys Space Enter
zz_gone "筛选:"
zz_expect "记录类型：重点地区整治"
zz_lacks "the form shows no type code" "记录类型：[a-z_]" "$(zz_screen)"
zz_keys Enter
zz_expect "选择查看范围"
zz_type 三水
zz_keys Enter
zz_type "了解重点地区排查整治做法"
zz_keys Tab
zz_type "$(zz_date +%Y-%m-%d)"
zz_keys Tab
zz_type "$(zz_date +%Y-%m-%d)"
zz_keys F2
zz_expect "已保存"
zz_expect "记录类型：重点地区整治"
zz_keys Escape
zz_expect "重点地区整治"
zz_lacks "the list shows no type code" "key_area" "$(zz_screen)"
zz_keys Escape
zz_expect "> 主菜单"
zz_has "the command line names the type too" "重点地区整治" "$(zzc record list access_request --as village)"
menu_open 事件办理
zz_expect "范围："
cursor_to "路灯损坏引发争执"
zz_keys Enter
zz_expect "信息系统 > 事件 $eid "
zz_keys z
zz_expect "选择操作"
zz_expect "回车将选定“"
zz_lacks "no English code under the picker" "回车将选定“[^”]*”（[a-z_]" "$(zz_screen)"
zz_keys Escape
zz_gone "筛选:"
# 交办 (once accepted): the picker's title and count whole inside its box.
zzc event accept "$eid" --as village >/dev/null || zz_fail "event accept"
zz_keys Escape
zz_expect "范围："
cursor_to "路灯损坏引发争执"
zz_keys Enter
zz_expect "办理中｜"
zz_keys z
zz_expect "选择操作"
zz_type 交办
zz_keys Enter
zz_expect "交办给（下级单位或成员单位）（2/2）"
zz_has "the title's line ends at the box's corner" "交办给（下级单位或成员单位）（2/2）(─|q|-)+(┐|k|[+]) *$" "$(zz_screen)"
zz_keys Escape
zz_gone "筛选:"
zz_ssh_quit

zz_log "town: 报送人 by name; a Chinese export file name, fetched over SFTP"
town=$(zzc user list | awk -F'\t' '$1 == "town" { print $2 }')
[ -n "$town" ] || zz_fail "the town account's name"
zzc daily report --text "今日无重大情况" --as town >/dev/null || zz_fail "daily report"
ZZ_W=town
zz_ssh_window town town
zz_wait_main_menu town town
menu_open 日报与零报告
zz_expect "报送人"
zz_expect "今日无重大情况"
zz_screen | grep -F "今日无重大情况" | grep -qF "$town" || { zz_screen >&2; zz_fail "报送人 is not $town"; }
zz_lacks "not the account" "^.* town +今日无重大情况" "$(zz_screen)"
zz_keys Escape
zz_expect "> 主菜单"
zz_open_reports "$M"
cursor_to "社会矛盾排查调解报表"
zz_keys Enter
zz_expect "月报表 › 社会矛盾排查调解报表"
zz_keys w
zz_expect "导出格式"
zz_keys Enter
f="社会矛盾排查调解报表-三水街道-$M.xlsx"
zz_expect "已导出到下载目录：$f"
zz_ssh_quit
mkdir -p "$ZZ_T/local"
L=$ZZ_T/local
cd "$L" || zz_fail "cd"
zz_sftp_as town "get /download/$f got.xlsx" || { cat "$L/out"; zz_fail "sftp get $f"; }
[ -s "$L/got.xlsx" ] || zz_fail "the export did not come over SFTP"
cd "$ZZ_T" || zz_fail "cd"

zz_log "county: a send-back reason too long is kept to be shortened"
fills=$(zzc report show dispute_mediation --month "$M" --as town | zz_people_fills)
[ -z "$fills" ] || zzc report fill dispute_mediation $fills --month "$M" --as town >/dev/null || zz_fail "涉及人数"
zzc report submit dispute_mediation --month "$M" --as town >/dev/null || zz_fail "report submit"
ZZ_W=county
zz_ssh_window county county
zz_wait_main_menu county county
zz_open_reports "$M"
cursor_to "社会矛盾排查调解报表 *三水街道"
zz_keys Enter
zz_expect "三水街道 $M  已上报"
zz_keys R
zz_expect "退回理由："
long=$(printf '数%.0s' $(seq 1 205))
zz_type "涉及人数有误$long"
zz_keys Enter
zz_expect "退回理由至多 200 字（现有 211 字），请删短一些"
zz_expect "退回理由："
zz_expect "数数数数数数数数数数"
n=0
while [ $n -lt 11 ]; do
	zz_keys BSpace
	n=$((n + 1))
done
zz_keys Enter
zz_expect "已退回"
zz_expect "退回理由：涉及人数有误数数"
zz_ssh_quit
echo "ok ssh_tryout"
