#!/bin/sh
# Registering an event as a grid member at 80x24 (the try-out of 2026-12-05, village side):
# - 发生时间, filled in with the present moment, is offered whole: a time typed replaces it (it was
#   appended: “2026-12-05 17:46:272026-12-04 09:30”, refused as no date-time); a time to come is
#   refused (one of next year was taken);
# - a party's name typed into 当事人一身份证号 and Enter picks the person (it was taken as an ID
#   number and refused, no picker: the form's hook took the typed text first); the same in a
#   record form (the patrol log's 网格员身份证号, as the village staff);
# - the person picked is shown masked, the name beside, to an account without the right to see IDs
#   in full (the grid member saw the whole ID number), also once the event is registered.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 20
# A person of the grid member's grid, the only one of that name there: typed whole, it is picked
# at once.
party=岳晓测
P=$(zz_idnum 19800202 215)
zz record add person --as village --unit 321204001001001 idnum=$P name=$party ethnicity=01 \
	live_address=桥头社区5组 >/dev/null || zz_fail "the party's record"
when=$(zz_date -d "-1 day" +%F)
ahead=$(zz_date -d "+2 days" +%F)
member=$(zz user list | awk -F'\t' '$1 == "grid" { print $2 }')

echo "--- grid: the time typed replaces the one filled in; a party picked by name, masked"
zz_tui_start xterm-256color 80 24
zz_login grid
zz_menu
zz_open_events
zz_keys a
zz_expect "登记矛盾纠纷事件"
# The grid member's own grid is filled in (it was empty, to be picked from a list of one).
zz_expect "所属网格：桥头社区第1网格"
zz_type "鸡鸭散养引发口角"
zz_keys Tab Enter
zz_expect "选择事件类别"
zz_type "邻里"
zz_keys Enter
zz_to_field Down "发生时间"
# A time to come is refused (an event has happened), the text kept.
zz_type "$ahead 09:30"
zz_keys Tab
zz_expect "发生时间不能晚于现在"
zz_expect "发生时间：$ahead 09:30"
zz_keys BTab C-u
zz_type "$when 09:30"
zz_keys Tab
zz_expect "发生时间：$when 09:30:00"
zz_absent "发生时间应为日期时间"
zz_type "2"
zz_keys Tab
zz_type "桥头社区5组"
zz_to_field Down "当事人一身份证号"
zz_type "$party"
zz_keys Enter
zz_expect "当事人一身份证号：已选 $party"
zz_expect "（$party）"
zz_has "the party is masked" "当事人一身份证号：321204\*\*\*\*\*\*\*\*[0-9]{3}[0-9X] " "$(zz_screen)"
zz_lacks "no whole ID number" "当事人一身份证号：[0-9]{17}" "$(zz_screen)"
zz_to_field Down "事件描述"
zz_type "散养的鸡鸭进入邻居菜地"
zz_keys F2
zz_expect "已登记：事件号"
zz_expect "（$party）"
zz_lacks "no whole ID number once registered" "当事人一身份证号：[0-9]{17}" "$(zz_screen)"
id=$(zz_screen | sed -n 's/.*已登记：事件号 \([0-9]*\).*/\1/p' | head -1)
[ -n "$id" ] || zz_fail "no event number shown"
zz_has "the time as typed" "发生时间	$when 09:30:00" "$(zz event show "$id" --as grid)"
zz_has "the member's grid stored" "所属网格	桥头社区第1网格" "$(zz event show "$id" --as grid)"
zz_keys Escape
zz_expect "事件 $id "
zz_tui_clean
zz_quit

echo "--- village: a name typed in a record form's person field picks too"
zz_patrol_form xterm-256color village
zz_keys Tab
# The form's help says so.
zz_keys F1
zz_expect "帮助：填写表单"
zz_expect "输入姓名或姓名的开头后按回"
zz_keys Escape
zz_gone "帮助：填写表单"
zz_type "$member"
zz_keys Enter
zz_expect "网格员身份证号：已选 $member"
zz_absent "身份证号应为 18 位"
# F10 with the form unsaved: one question, saying so; y ends the UI (it asked again: 退出系统？).
zz_keys F10
zz_expect "表单有未保存的修改，仍然退出系统？（y 是 / n 否）"
zz_keys y
zz_expect "[exit 0]"
zz_tui_clean
echo "ok ui_event_form"
