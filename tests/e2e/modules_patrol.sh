#!/bin/sh
# R-SV-3 (8.1.3): each grid member patrols the grid at least once a day and logs it; a day without
# a log is flagged in the member's unit's to-do list once the next day (grace_days = 1) is over.
# The reminder counts every day of the last window_days (30) without a log, however the days were
# logged around it: a log of a later day left an earlier one missing and the reminder gone.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_tree
G=321204001001001
M=$(zz_idnum 19880808 055)
zz_at '2026-06-01 09:00:00' record add grid_staff --as village --unit $G name=孙网格 idnum=$M mobile=13812345678 address=桥头社区 grid=$G post=2 changed=2026-06-01 >/dev/null ||
	zz_fail "add grid member"
log() { zz_at "$1 20:00:00" record add patrol_log --as grid --unit $G member=$M day=$1 grid=$G result=$2 found="$3" >/dev/null || zz_fail "log $1"; }
log 2026-06-02 1 ""
log 2026-06-03 2 "楼道堆放杂物，已劝导清理"
# The 4th is not logged; on the 5th it may still be; from the 6th it is flagged.
zz_at '2026-06-05 23:00:00' daemon --once || zz_fail "daemon"
zz_lacks "within grace" 'patrol' "$(zz todo --as village)"
zz_at '2026-06-06 00:30:00' daemon --once || zz_fail "daemon"
out=$(zz todo --as village)
zz_has "missing day flagged (R-SV-3)" '^逾期	-	patrol	grid_staff:1	网格员 孙网格：2026-06-04 无巡查日志，每日至少巡查 1 次$' "$out"
zz_has "the grid member's own list" 'grid_staff:1' "$(zz todo --as grid)"
zz_lacks "another village's list" 'grid_staff:1' "$(zz todo --as village2)"
# Two days later the count grows, once per day however often the daemon runs.
zz_at '2026-06-08 07:00:00' daemon --once || zz_fail "daemon"
zz_at '2026-06-08 07:01:00' daemon --once || zz_fail "daemon"
out=$(zz todo --as village)
zz_has "count grows" '网格员 孙网格：3 天无巡查日志（最早 2026-06-04），每日至少巡查 1 次$' "$out"
[ "$(printf '%s\n' "$out" | grep -c 'grid_staff:1')" = 1 ] || zz_fail "one line per member"
# In the UI (80x24, the clock of that day): Enter on the member's own item opens a new patrol log
# with the member, the grid and the earliest day missing filled in (it opened the member's record,
# no way to log; then today's log), the message line naming the day; the village's Enter shows the
# member's record.
tui_at() {
	zz_tui_at "$1" xterm
	zz_login "$2" "$ZZ_PASS"
}
tui_at '2026-06-08 09:00:00' grid
zz_expect "信息系统 > 待办事项"
zz_expect ">逾期                  网格员 孙网格：3 天无巡查日志（最早 2026-06-04）"
zz_keys Enter
zz_expect "网格巡查日志 > 新增"
zz_expect "巡查日期：2026-06-04"
zz_expect "补记 2026-06-04 的巡查日志（最早缺记的一天，巡查日期可以改）"
zz_expect "巡查网格：桥头社区第1网格"
zz_expect "（孙网格）"
# Another missing day is logged by typing it over the day offered: the first character typed
# replaces the field's value (it was added to it, the screen then showing "2026-06-042026-06-05").
zz_to_field Tab "巡查日期：" 12
zz_type "2026-06-05"
zz_keys Tab
zz_expect "巡查日期：2026-06-05"
zz_absent "2026-06-042"
zz_keys Escape
zz_expect "放弃"
zz_keys y
zz_expect "信息系统 > 待办事项"
zz_keys Escape
zz_expect "主菜单"
zz_keys q
zz_expect "退出系统？"
zz_keys y
zz_expect "[exit 0]"
tui_at '2026-06-08 09:00:00' village
zz_expect "信息系统 > 待办事项"
zz_expect "网格员 孙网格：3 天无巡查日志"
zz_to_field Down "网格员 孙网格" 20
zz_keys Enter
zz_expect "网格长和网格员 > 孙网格"
zz_tui_clean
# Logging the missing days clears it.
log 2026-06-04 1 ""
log 2026-06-05 1 ""
log 2026-06-06 1 ""
log 2026-06-07 3 "发现一处出租房未登记，已上报"
zz_lacks "cleared by the logs" 'grid_staff:1' "$(zz todo --as village)"
zz_has "last patrol shown" '^最近巡查日期	2026-06-07$' "$(zz record get grid_staff $M --as village)"
# R-SV-3: a later day logged leaves the earlier days missing in the reminder, at once (the daemon
# need not run); each day logged takes one off, the last one the reminder.
zz_at '2026-06-12 09:00:00' daemon --once || zz_fail "daemon"
zz_has "three days missing" '网格员 孙网格：3 天无巡查日志（最早 2026-06-08）' "$(zz todo --as village)"
log_at() { zz_at "$2" record add patrol_log --as grid --unit $G member=$M day=$1 grid=$G result=1 >/dev/null || zz_fail "log $1"; }
log_at 2026-06-10 '2026-06-12 09:10:00'
zz_has "a later day logged, the earlier still missing (R-SV-3)" '网格员 孙网格：2 天无巡查日志（最早 2026-06-08）' "$(zz todo --as village)"
log_at 2026-06-08 '2026-06-12 09:20:00'
zz_has "one day left" '网格员 孙网格：2026-06-09 无巡查日志，' "$(zz todo --as village)"
log_at 2026-06-09 '2026-06-12 09:30:00'
zz_lacks "every day logged" 'grid_staff:1' "$(zz todo --as village)"
# A day missing stays window_days (30) days in the reminder, then is no longer counted: on 07-14 the
# days from 06-14 on (06-11 to 06-13 are older), to 07-12 (07-13 is within grace).
zz_at '2026-07-14 08:00:00' daemon --once || zz_fail "daemon"
zz_has "the window's days only" '网格员 孙网格：29 天无巡查日志（最早 2026-06-14）' "$(zz todo --as village)"
zz_refused "a log for someone who is no grid member" zz record add patrol_log --as grid --unit $G member=$(zz_idnum 19990101 066) day=2026-06-08 grid=$G result=1
echo "ok"
