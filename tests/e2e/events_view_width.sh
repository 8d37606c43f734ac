#!/bin/sh
# The event view at 80x24: the line above the timeline fits by display width (Chinese takes two
# columns) with a long holder name, an assigner, a supervisor with a long name and an extension
# asked. What gives way is named whole or shortened with "…": the state and both cards of the
# clocks stay whole, never a field cut in the middle ("｜督 5/5").
. "$(dirname "$0")/lib.sh"
ev_setup
zz unit rename 321204001002 东港村社会治安综合治理中心矛盾纠纷多元化解工作站 --as admin >/dev/null || zz_fail rename
zz unit rename 321204 某某县社会治安综合治理中心督办室 --as admin >/dev/null || zz_fail "rename county"
id=$(ev_new '2026-03-16 09:00:00' village "宅基地界址纠纷")
ev_at '2026-03-16 09:10:00' event report "$id" --as village --comment "需街道协调" >/dev/null || zz_fail report
ev_at '2026-03-16 09:30:00' event accept "$id" --as town >/dev/null || zz_fail accept
ev_at '2026-03-16 09:40:00' event assign "$id" --as town --to 321204001002 --comment "请东港村调解" >/dev/null ||
	zz_fail assign
ev_at '2026-03-17 08:30:00' event accept "$id" --as village2 --comment "已签收" >/dev/null || zz_fail accept2
ev_at '2026-03-18 11:00:00' event supervise "$id" --as county --comment "请尽快办结" >/dev/null || zz_fail supervise
ev_at '2026-03-18 11:30:00' event extend "$id" --as village2 --days 5 --comment "双方外出务工" >/dev/null ||
	zz_fail extend

# events_open: the UI at 80x24, village2's list of events.
events_open() {
	zz_tui_start xterm-256color 80 24
	zz_login village2
	zz_menu
	zz_open_events
}

events_open
zz_expect "宅基地界址纠纷"
zz_keys Enter
zz_expect "剩余工作日"
line=$(zz_screen | grep -F "剩余工作日" | head -1)
echo "$line"
# Both cards of the stage being handled, whole, then the position at the right.
echo "$line" | grep -Eq "剩余工作日 办理 黄[^ ，｜]+ 红[^ ，｜]+" || zz_fail "the clocks cut: $line"
echo "$line" | grep -Eq " [0-9]+/[0-9]+ *$" || zz_fail "no position at the right: $line"
# The supervisor is named (shortened) rather than cut after its first character.
echo "$line" | grep -q "｜督办：" || zz_fail "the supervisor cut: $line"
# The holder's name shortened with "…"; who assigned it left out.
echo "$line" | grep -q "｜东港村.*…" || zz_fail "the holder not shortened: $line"
echo "$line" | grep -q "交办）" && zz_fail "the assigner kept over the rest: $line"
zz_tui_clean
# The record of an event with a long name (e): the title line gives up the system's name and keeps
# the record number whole, a blank before the right part (it read "…记录号 7填写", or was cut).
id2=$(ev_new '2026-03-18 12:00:00' village2 "东港村某企业拖欠工资引发务工人员群体聚集")
events_open
zz_expect "东港村某企业拖欠工资"
zz_keys Home Enter
zz_expect "剩余工作日"
zz_keys e
zz_expect "记录号 $id2"
title=$(zz_screen | head -1)
echo "$title"
echo "$title" | grep -Eq "^ 矛盾纠纷事件 > 东港村某企业拖欠工资引发务工人员群体聚集  记录号 $id2 +查看 1/[0-9]+ *$" ||
	zz_fail "the record's title: $title"
zz_keys e
zz_expect "填写"
title=$(zz_screen | head -1)
echo "$title" | grep -Eq "记录号 $id2 +填写 *$" || zz_fail "the record's title, editing: $title"
zz_tui_clean
echo "events_view_width: ok"
