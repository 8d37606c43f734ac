#!/bin/sh
# The leader (领导, read-only) over SSH at 80x24. Its to-do list held the county's visit and patrol
# reminders (about 90 in the demo), none of which it may act on. Now the server gives it no work,
# but one line saying why and its scope summed up (open events, the year's yellow and red cards);
# the status line counts 待办 0. The county office keeps the reminders (R-SV-1, R-SV-3). Enter on
# the open events line opens the event list (read-only): z and a there say the account may only look
# at events (they said 本屏没有“办理”这一操作); on an event, e is 详情 and z is refused because the
# account is read-only, before anything about the event's state. Enter on the cards
# line opens 考核得分, as from the menu.
. "$(dirname "$0")/lib.sh"
ZZ_PERSONS=300
zz_ssh_setup
zzc() { "$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" "$@"; }
zzc daemon --once >/dev/null 2>&1 || zz_fail "daemon --once"

# The server decides, whatever the client: the command line gets the same list.
out=$(zzc todo --as leader) || zz_fail "todo --as leader"
[ "$(echo "$out" | awk -F'\t' 'NR > 1 && $3 != "digest"' | wc -l)" -eq 0 ] ||
	{ echo "$out" >&2; zz_fail "work items in the leader's list"; }
zz_has "the line saying why" "只能查看，不能办理" "$out"
zz_has "open events" "在办（未结案）矛盾纠纷事件" "$out"
zz_has "cards" "督办牌：黄牌 .* 张、红牌 .* 张" "$out"
county=$(zzc todo --as county) || zz_fail "todo --as county"
[ "$(echo "$county" | awk -F'\t' '$3 == "patrol"' | wc -l)" -ge 5 ] || zz_fail "the county office lost its patrol reminders"
zz_lacks "no digest for the office" "digest" "$county"

zz_serve_start
ZZ_W=leader
ZZ_WAIT_TENTHS=300
zz_ssh_window leader leader
zz_expect "> 待办事项"
zz_expect "只能查看，不能办理"
zz_expect "督办牌"
zz_expect "待办 0"
zz_absent "走访已逾期"
zz_absent "无巡查日志"

zz_log "Enter on the open events line: the menu's event list of the events not closed, read-only (no a新增)"
line=$(zz_screen | grep -n "在办（未结案）矛盾纠纷事件" | tail -1 | cut -d: -f1)
zz_move_to "$line"
zz_keys Enter
zz_expect "信息系统 > 矛盾纠纷事件"
zz_expect "范围：本账号可见的全部"
# The events the line counts: those not closed (the demo has closed ones, in the full list).
zz_expect "状态：未结案"
zz_expect "宅基地界址纠纷"
zz_absent "已结案"
zz_absent "新增"
zz_log "z and a on the list: the account is read-only for events, not a key the screen lacks"
zz_keys z
zz_expect "领导（只读）只能查看事件，不能办理"
zz_absent "本屏没有"
zz_keys Down
zz_gone "只能查看事件"
zz_keys a
zz_expect "领导（只读）只能查看事件，不能办理"
zz_absent "本屏没有"
zz_log "an event: e is 详情 on its bottom line; z says first that a read-only account does not handle"
line=$(zz_screen | grep -n "宅基地界址纠纷" | tail -1 | cut -d: -f1)
zz_move_to "$line"
zz_keys Enter
zz_expect "信息系统 > 事件 "
zz_expect "e详情"
zz_absent "e修改"
zz_keys z
zz_expect "领导（只读）只能查看事件，不能办理"
zz_absent "本账号现在不能"
zz_keys e
zz_expect "（只读）"
zz_keys Escape
zz_expect "e详情"
zz_keys Escape
zz_expect "信息系统 > 矛盾纠纷事件"
zz_keys Escape
zz_expect "> 待办事项"
zz_log "Enter on the cards line: the menu's 考核得分 (the year's scores, cards by unit)"
line=$(zz_screen | grep -n "督办牌：黄牌" | tail -1 | cut -d: -f1)
zz_move_to "$line"
zz_keys Enter
zz_expect "信息系统 > 考核得分"
zz_expect "年度考核"
zz_keys Escape
zz_expect "> 待办事项"
zz_keys Escape
zz_expect "> 主菜单"
zz_expect "待办事项（0）"
zz_keys F10
zz_expect "退出系统？"
zz_keys y
zz_expect "SSH-EXIT-0"
echo "ok ui_leader_todo"
