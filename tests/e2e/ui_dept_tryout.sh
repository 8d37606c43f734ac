#!/bin/sh
# A member department's everyday work at 80x24 (the police account of the demo), as a new user
# tries it: the list of events dates another year's with its year; an event the county assigned
# (R-EV-1) is asked an extension of more working days than allowed, refused in the days' prompt
# (which keeps what was typed) before the reason is written; a record viewed shows a code's label
# whole, and one too long for the line ends in "…"; 人员查询 names the person found, not an event
# the person is a party to.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 0

id=$(zz event new --as county --title "工地夜间施工纠纷" --category 02 --scale 2 --place "三水街道人民路12号" \
	--description "双方多次争吵" 2>&1) || zz_fail "event new: $id"
zz event accept "$id" --as county >/dev/null || zz_fail "accept"
zz event assign "$id" --to 321204-police --comment "请公安分局协调处理" --as county >/dev/null || zz_fail "assign"
zz event accept "$id" --as police >/dev/null || zz_fail "police accepts"

echo "--- the extension's days are checked in their prompt, which names the range"
zz_tui_start xterm 80 24
zz_login police
zz_menu
zz_open_events
# An event of another year (the demo's of thirteen months ago) says its year.
zz_keys End
zz_expect "相邻通行纠纷"
zz_has "last year's event dated with its year" " 20[0-9]{2}-[0-9]{2}-[0-9]{2} .*相邻通行纠纷" "$(zz_screen)"
zz_has "this year's event by month and day" " [0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} .*工地夜间施工纠纷" "$(zz_screen)"
zz_row "$(printf '%6s' "$id")"
zz_keys Enter
zz_expect "事件 $id 工地夜间施工纠纷"
zz_keys z
zz_expect "申请延期"
zz_type "延期"
zz_keys Enter
zz_expect "延期几个工作日（1-10）："
zz_type "30"
zz_keys Enter
zz_expect "延期天数应为 1 到 10 个工作日"
zz_expect "延期几个工作日（1-10）：30"
zz_absent "延期理由"
zz_keys C-u
zz_type "3"
zz_keys Enter
zz_expect "延期理由"
zz_type "需要协调住建部门"
zz_keys F2
zz_expect "已申请延期"
zz_has "three working days asked" "^延期申请	3 个工作日" "$(zz event show "$id" --as police)"
zz_keys q
zz_expect "范围："
zz_keys q
zz_expect "主菜单"

echo "--- a viewed record: a code's label whole, a longer one than the line cut with …"
rid=$(zz record list person --as police | awk -F'\t' 'NR == 2 { print $1 }')
[ -n "$rid" ] || zz_fail "no person"
zz record update person "$rid" occupation_kind=4 --as county >/dev/null || zz_fail "occupation 4"
zz_open_list "人员基本信息"
zz_row "   1"
zz_keys Enter
zz_expect "职业类别："
zz_expect "职业类别：社会生产服务和生活服务人员"
zz_keys q
zz record update person "$rid" occupation_kind=1 --as county >/dev/null || zz_fail "occupation 1"
zz_row "   1"
zz_keys Enter
zz_expect "职业类别：党的机关、国家机关、群众团体和社会组织"
zz_expect "…"
zz_keys q
zz_expect "单位:全部"
zz_keys q

echo "--- 人员查询 names the person, not the title of an event where the person is a party"
full=$(zz record get person "$rid" --full --as county)
pid=$(printf '%s\n' "$full" | awk -F'\t' '$1 == "身份证号" { print $2 }')
pname=$(printf '%s\n' "$full" | awk -F'\t' '$1 == "姓名" { print $2 }')
[ -n "$pid" ] && [ -n "$pname" ] || zz_fail "the person's ID and name: $full"
zz event new --as police --title "酒后斗殴引发纠纷" --category 02 --scale 2 --place "三水街道人民路" \
	--description "两人酒后发生肢体冲突" party1="$pid" >/dev/null || zz_fail "event with a party"
zz_menu
zz_keys /
zz_type "人员查询"
zz_keys Enter Enter
zz_type "$pid"
zz_keys Enter
zz_expect "信息系统 > 人员查询"
zz_expect "酒后斗殴引"
zz_expect "姓名:$pname  "
zz_tui_clean
echo "ui_dept_tryout: ok"
