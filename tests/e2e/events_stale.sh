#!/bin/sh
# An action on an event whose state changed since the screen showed it is refused (issue 12,
# part 2): 桥头社区 has the event open in the UI, typing the opinion of 上报, while the same unit
# reports it up from the command line; the UI's 上报 is refused with who did what and when, the screen shows the event as it is
# now, and nothing is recorded twice.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 0
id=$(zz event new --as village --title 并发办理测试 --category 02 --scale 2 --place 测试地点 --description 测试描述) ||
	zz_fail "event new"
id=$(echo "$id" | tr -dc 0-9)

zz_tui_start xterm-256color 80 24
zz_login village
zz_menu
zz_keys /
zz_type "事件办理"
zz_keys Enter Enter
zz_expect "并发办理测试"
line=$(zz_screen | grep -n "并发办理测试" | head -1 | cut -d: -f1)
zz_move_to "$line"
zz_keys Enter
zz_expect "事件 $id "
zz_expect "待受理｜桥头社区"

zz_keys z
zz_expect "选择操作"
zz_type "上报"
zz_keys Enter
zz_expect "上报说明"
zz_type "界面中的意见"
# Meanwhile (z reads the event again first: ui_event_refresh.sh), while the opinion is typed, the
# same unit reports it up from the command line.
zz event report "$id" --as village --comment 已先行上报 >/dev/null || zz_fail "report from the command line"
zz_keys F2
zz_expect "这件事件已被 "
zz_expect "上报，现为“待受理”（三水街道）"
# The event as it is now: the step taken meanwhile is on the timeline.
zz_expect "待受理｜三水街道"
zz_expect "已先行上报"
zz_tui_clean
zz event show "$id" --as village >"$ZZ_TMP/show" || zz_fail "event show"
[ "$(grep -c "	上报	" "$ZZ_TMP/show")" = 1 ] || { cat "$ZZ_TMP/show" >&2; zz_fail "reported twice"; }
grep -q "界面中的意见" "$ZZ_TMP/show" && zz_fail "the refused action was recorded"
echo ok
