#!/bin/sh
# R-SV-3 (8.1.3): each grid member patrols the grid at least once a day and logs it; a day without
# a log is flagged in the member's unit's to-do list once the next day (grace_days = 1) is over.
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
zz_has "count grows" '网格员 孙网格：2026-06-04 起 3 天无巡查日志' "$out"
[ "$(printf '%s\n' "$out" | grep -c 'grid_staff:1')" = 1 ] || zz_fail "one line per member"
# Logging the missing days clears it.
log 2026-06-04 1 ""
log 2026-06-05 1 ""
log 2026-06-06 1 ""
log 2026-06-07 3 "发现一处出租房未登记，已上报"
zz_lacks "cleared by the logs" 'grid_staff:1' "$(zz todo --as village)"
zz_has "last patrol shown" '^最近巡查日期	2026-06-07$' "$(zz record get grid_staff $M --as village)"
zz_refused "a log for someone who is no grid member" zz record add patrol_log --as grid --unit $G member=$(zz_idnum 19990101 066) day=2026-06-08 grid=$G result=1
echo "ok"
