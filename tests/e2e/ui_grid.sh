#!/bin/sh
# Issue 12 part 4: grid members do their daily work. The demo account `grid` has its grid-member
# record; a new patrol log starts with the member (masked, the name beside), today and the grid,
# and is saved as it is once the result is chosen (R-SV-3); a patrol date after today is refused;
# the visit form (v) shows the subject's ID masked to an account that may not see it in full, with
# 服务人员 filled; a field naming a person has a picker. At 80x24 a list's 所属单位 is on the screen
# and whole, named as seen from the account's unit (第1网格 for the grid and the village).
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 20
today=$(zz_date +%F)
# Two days ahead: still after today when the suite runs just before midnight and the clock crosses it.
later=$(zz_date -d "+2 days" +%F)
# A patient in the grid member's grid, so that it has someone to visit.
P=$(zz_idnum 19700101 101)
zz record add mental --as health --unit 321204001001001 idnum=$P name=王某某 ethnicity=01 live_address=桥头社区1号 danger=1 \
	diagnosis=1 onset=2020-01-01 incidents=否 economy=2 dibao=否 treated=是 rehab=无 hospital=泰州市第四人民医院 \
	doctor=王医生 police=李警官 cadre=张主任 guardian=赵某 >/dev/null || zz_fail "patient"

menu_open() {
	zz_keys /
	zz_type "$1"
	zz_keys Enter Enter
}

fullname=$(zz user list | awk -F'\t' '$1 == "grid" { print $2 }')
echo "--- the grid member files today's patrol log"
zz_patrol_form xterm grid
zz_expect "网格员身份证号：321204********"
zz_expect "（$fullname）"
zz_expect "巡查日期：$today"
zz_expect "巡查网格：桥头社区第1网格"
zz_keys Tab Tab Tab Tab
zz_expect "（必填）巡查情况"
zz_keys Enter
zz_expect "筛选"
zz_keys Enter
zz_keys F2
zz_expect "已保存"
n=$(zz record list patrol_log --as county | awk -F'\t' -v d="$today" '$4 == d' | wc -l)
[ "$n" -ge 1 ] || zz_fail "no patrol log of today stored"

echo "--- a patrol date after today is refused"
zz_keys Escape
zz_expect "网格巡查日志"
zz_keys a
zz_expect "网格巡查日志 > 新增"
zz_keys Tab Tab
zz_keys C-u
zz_type "$later"
zz_keys Tab
zz_expect "巡查日期不能晚于今天"
zz_keys Escape
zz_wait "放弃" 30 && zz_keys y
zz_keys Escape
zz_menu

echo "--- v: the visit form masks the subject's ID for a grid member and names the visitor"
menu_open "严重精神障碍患者"
zz_expect "严重精神障碍患者"
zz_keys Enter
zz_expect "v走访"
zz_keys v
zz_expect "服务记录 > 新增"
zz_expect "对象身份证号：321204********"
[ -n "$fullname" ] && zz_expect "服务人员：$fullname"
zz_absent "$P"

echo "--- a field naming a person has a picker: names and masked IDs within the scope, the name shown"
zz_patrol_form xterm village
zz_keys Tab
zz_keys Enter
zz_expect "选择一人"
zz_expect "$fullname"
zz_expect "321204********"
zz_expect "桥头社区第2网格"
# Names of two and three characters: the ID numbers stand in one column (the display column of
# each row's "321204" in the box, wide characters counted as two).
cols=$(zz_screen | python3 -c '
import sys, unicodedata
for line in sys.stdin:
    i = line.find("321204*")
    if i >= 0 and line.lstrip().startswith("x"):
        print(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line[:i]))
' | sort -u)
[ "$(echo "$cols" | wc -l)" -eq 1 ] || { zz_screen; zz_fail "the picker's ID numbers start at columns: $cols"; }
[ "$(zz_screen | grep -c '^ *x.*321204\*')" -ge 2 ] || { zz_screen; zz_fail "the picker lists fewer than two people"; }
zz_absent "东港村"
zz_type "$fullname"
zz_keys Enter
zz_expect "网格员身份证号：已选 $fullname"
zz_expect "网格员身份证号：321204********"
zz_expect "（$fullname）"

echo "--- a wrong entry: the field keeps its > when the cursor is back on it, the ! beside"
zz_keys BTab
zz_keys C-u
zz_type "孟"
zz_keys Tab
zz_wait_for 10 sh -c "$ZZ_TMUX capture-pane -p -t zz | grep -q '^ !.*网格员身份证号'" ||
	{ zz_screen; zz_fail "the wrong field is not marked ! when the cursor has left it"; }
zz_keys BTab
zz_wait_for 10 sh -c "$ZZ_TMUX capture-pane -p -t zz | grep -q '^>!.*网格员身份证号'" ||
	{ zz_screen; zz_fail "the current wrong field lacks its > or its !"; }

echo "--- 80x24 lists: the unit read without scrolling, named as seen from the account's unit"
# A household in the grid: 户籍人口 cut its 所属单位 to "桥头社区…", and 严重精神障碍患者 showed
# none at 80 columns (the column was off the screen to the right).
H=$(zz_idnum 19750505 102)
zz record add household --unit 321204001001001 --as grid idnum=$H name=李某某 ethnicity=汉族 live_address=桥头社区1组 \
	hukou_status=人户同在 head_relation=本人 housing_kind=自有住房 >/dev/null || zz_fail "household"
# unit_cell ACCOUNT LIST NAME UNIT: in ACCOUNT's LIST at 80x24, the header ends with 所属单位 and
# NAME's row with UNIT, whole.
unit_cell() {
	zz_tui_start xterm 80 24
	zz_login "$1"
	zz_open_list "$2"
	zz_expect "$3"
	zz_screen | sed -n 3p | grep -q '[ >]所属单位 *$' || { zz_screen; zz_fail "$1, $2: 所属单位 is not on the screen"; }
	_cell=$(zz_screen | grep -F " $3 " | sed 's/ *$//')
	case "$_cell" in
	*" $4") ;;
	*) zz_screen; zz_fail "$1, $2: the row of $3 does not end with the unit $4: $_cell" ;;
	esac
	zz_tui_quit
}
unit_cell grid 户籍人口 李某某 第1网格
unit_cell village 户籍人口 李某某 第1网格
unit_cell village 严重精神障碍患者 王某某 第1网格
unit_cell town 户籍人口 李某某 桥头社区第1网格
unit_cell town 严重精神障碍患者 王某某 桥头社区第1网格
zz_tui_clean
echo "ok ui_grid"
