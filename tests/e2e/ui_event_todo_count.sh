#!/bin/sh
# The status line's 待办 N after an action on an event, over SSH at 80x24 as 三水街道 (town): it is
# the count of the to-do list the server gives (`zongzhi todo`) at once, on the event's own screen.
# 受理 leaves the event in the town's list (待受理 becomes 待办理: the count stays); 交办 to 东港村
# takes it out, and the line says one less before the account leaves the event. The line counts
# again after whatever the session has committed, not after chosen actions only.
. "$(dirname "$0")/lib.sh"
zz_ssh_setup
zzc() { "$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" "$@"; }
id=$(zzc event new --as village --title 待办计数纠纷 --category 02 --scale 2 --place 桥头社区 --description 邻里噪音) ||
	zz_fail "event new"
id=$(echo "$id" | tr -dc 0-9)
zzc event report "$id" --as village --comment 请街道协调 >/dev/null || zz_fail "report"
# The town's work items as the server counts them (no digest lines: an office account).
count() { zzc todo --as town | awk -F'\t' 'NR > 1 && $3 != "digest"' | wc -l; }
# The status line ends with "待办 N", N the server's count asked again each time (a deadline may
# pass meanwhile, at any hour the suite runs); the pane's trailing blanks are not captured.
status_shows() { $ZZ_TMUX capture-pane -p -t zz:town | tail -1 | grep -q "待办 $(count) *\$"; }
status_is_count() {
	zz_wait_for 15 status_shows && return 0
	zz_screen >&2
	zz_fail "status line not 待办 $(count)"
}
n0=$(count)
[ "$n0" -ge 2 ] || zz_fail "the town has $n0 work items"
zz_serve_start
ZZ_W=town
ZZ_WAIT_TENTHS=300
zz_ssh_window town town
zz_expect "> 待办事项"
zz_expect "待受理 #$id 待办计数纠纷"
status_is_count
line=$(zz_screen | grep -n "待受理 #$id 待办计数纠纷" | head -1 | cut -d: -f1)
zz_move_to "$line"
zz_keys Enter
zz_expect "信息系统 > 事件 $id "
zz_expect "待受理｜三水街道"

zz_log "受理: the event stays in the town's list, as 待办理; the line shows the server's count"
zz_keys z
zz_expect "选择操作"
zz_type "受理"
zz_keys Enter
zz_expect "："
zz_type "已签收"
zz_keys F2
zz_expect "已受理：事件现为“办理中”（三水街道）"
zzc todo --as town | grep -q "待办理 #$id " || zz_fail "the accepted event left the town's list"
status_is_count

zz_log "交办 to 东港村: one item less, on the line at once"
zz_event_assign 东港 东港村 请东港村调解
! zzc todo --as town | grep -q "#$id " || zz_fail "the assigned event still in the town's list"
status_is_count
zz_keys F10
zz_expect "退出系统？"
zz_keys y
zz_expect "SSH-EXIT-0"
echo "ok ui_event_todo_count"
