#!/bin/sh
# R-SV-3 at the suite's day (ZZ_SUITE_TIME, else today): a grid member who started six days ago
# logged days 5 and 3 before today, so days 4 and 2 before it are missing (yesterday is within
# grace). The reminder names the earliest; Enter on it, the member's own, opens a new patrol log
# dated that day (at 80x24), the message line saying so; the day can still be typed over. Once that
# day is logged, Enter offers the next missing one. Every step at one frozen moment of that day, so
# that the days do not move under the test (a run at 23:59 is a run on that day). Run it also
# under ZZ_SUITE_TIME at a month's first days (the missing days in the month before).
. "$(dirname "$0")/lib.sh"
TZ=Asia/Shanghai
export TZ
zz_setup
zz_tree
G=321204001001001
M=$(zz_idnum 19880808 055)
T=$(zz_date +%F)
day() { date -d "$T $1 days" +%F; }
NOW="$T 09:00:00"
zz_at "$(day -6) 09:00:00" record add grid_staff --as village --unit $G name=孙网格 idnum=$M mobile=13812345678 \
	address=桥头社区 grid=$G post=2 changed="$(day -6)" >/dev/null || zz_fail "add grid member"
log() { zz_at "$NOW" record add patrol_log --as grid --unit $G member=$M day="$1" grid=$G result=1 >/dev/null || zz_fail "log $1"; }
log "$(day -5)"
log "$(day -3)"
zz_has "the earliest day named" "网格员 孙网格：2 天无巡查日志（最早 $(day -4)）" "$(zz_at "$NOW" todo --as grid)"

tui_at() {
	zz_tui_at "$1" xterm
	zz_login "$2" "$ZZ_PASS"
}
# open_day DAY: log in as the member, Enter on the reminder: a new log dated DAY.
open_day() {
	tui_at "$NOW" grid
	zz_expect "信息系统 > 待办事项"
	zz_expect ">逾期                  网格员 孙网格："
	zz_keys Enter
	zz_expect "网格巡查日志 > 新增"
	zz_expect "巡查日期：$1"
	zz_expect "补记 $1 的巡查日志（最早缺记的一天，巡查日期可以改）"
	zz_expect "巡查网格：桥头社区第1网格"
}
open_day "$(day -4)"
zz_to_field Tab "巡查日期：" 12
zz_type "$(day -2)"
zz_keys Tab
zz_expect "巡查日期：$(day -2)"
zz_keys Escape
zz_expect "放弃"
zz_keys y
zz_expect "信息系统 > 待办事项"
zz_keys F10
zz_expect "退出系统？"
zz_keys y
zz_expect "[exit 0]"

log "$(day -4)"
zz_has "one day left" "网格员 孙网格：$(day -2) 无巡查日志" "$(zz_at "$NOW" todo --as grid)"
open_day "$(day -2)"
zz_keys F10
zz_expect "退出系统？"
zz_keys y
zz_expect "[exit 0]"
zz_tui_clean
echo "ok"
