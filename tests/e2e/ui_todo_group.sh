#!/bin/sh
# Issue 12 part 6: many reminders of one kind are one line of the to-do list with their count
# (ui.todo_group_min), Enter on it lists them and each opens its record; the levels say 逾期, not
# 黄牌 or 红牌, for overdue reminders. The county office of the demo (the leader, read-only, gets no
# reminders: ui_leader_todo.sh).
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 300
zz daemon --once >/dev/null 2>&1 || zz_fail "daemon --once"
n=$(zz todo --as county | awk -F'\t' '$3 == "patrol"' | wc -l)
[ "$n" -ge 5 ] || zz_fail "the demo leaves the county office only $n patrol reminders"

zz_tui_start xterm 80 24
zz_login county
zz_expect "> 待办事项"
zz_expect "网格员无巡查日志 $n 项（回车列出）"
[ "$(zz_screen | grep -c "无巡查日志，每日\|无巡查日志（最早")" -eq 0 ] || zz_fail "single patrol reminders beside their group"
line=$(zz_screen | grep -n "网格员无巡查日志 $n 项" | head -1 | cut -d: -f1)
i=$(zz_screen | grep -n '^>' | head -1 | cut -d: -f1)
while [ "$i" -lt "$line" ]; do zz_keys Down; i=$((i + 1)); done
# The keys reach the screen after a while on a busy machine: wait for the cursor, then judge.
group_selected() { zz_screen | grep -q "^>.*网格员无巡查日志 $n 项"; }
zz_wait_for 10 group_selected || { zz_screen >&2; zz_fail "the cursor did not reach the group"; }
zz_screen | grep -q "^>逾期 .*网格员无巡查日志 $n 项" || { zz_screen >&2; zz_fail "the group's level is not 逾期"; }
zz_keys Enter
zz_expect "待办事项 > 同类提醒"
zz_expect "1/$n"
# One day missing or several (R-SV-3: "3 天无巡查日志（最早 …）"), the selected one whole on line 2.
zz_expect "无巡查日志"
zz_expect "，每日至少巡查 1 次"
zz_keys Enter
zz_expect "查看 1/"
zz_keys Escape
zz_expect "待办事项 > 同类提醒"
zz_keys Escape
zz_expect "网格员无巡查日志 $n 项"
zz_tui_clean
echo "ok ui_todo_group"
