#!/bin/sh
# The to-do list is the first screen after login when the account has items (here the reminders
# the daemon leaves, e.g. a grid member's missing patrol log, R-SV-3); each item opens its record.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 50
zz daemon --once >/dev/null 2>&1 || zz_fail "daemon --once"
items=$(zz todo --as village | tail -n +2 | wc -l)
[ "$items" -ge 1 ] || zz_fail "the demo gives the village no to-do item"

zz_tui_start xterm-256color 80 24
zz_login village
zz_expect "> 待办事项"
zz_expect "1/$items"
zz_expect "级别 期限"
zz_screen | grep -qE "^>(黄牌|红牌|逾期|预警|提示)" || zz_fail "no to-do item on the first row"
# Warnings come first (the demo's events); the patrol reminder opens its record.
i=0
while ! zz_screen | grep -qE "^>.*无巡查日志" && [ $i -lt "$items" ]; do
	zz_keys Down
	i=$((i + 1))
	sleep 0.1
done
zz_screen | grep -qE "^>.*无巡查日志" || zz_fail "no patrol reminder in the to-do list"
zz_keys Enter
zz_expect "查看 1/"
zz_keys Escape
zz_expect "> 待办事项"
zz_keys Escape
zz_expect "待办事项（$items）"
zz_expect "待办 $items"
zz_keys q y
zz_expect "[exit 0]"
zz_tui_clean
echo "ok ui_todo"
