#!/bin/sh
# 群体性事件月报表 at 80x24 (R-EV-8): the county police fill 参与人数 and 起数 by hand; 参与人数 are
# the people of the row's incidents, checked as 涉及人数 against 排查纠纷 (doc/报表.md 校验): none
# without an incident (refused on save, the cursor on the cell), at least one for each at U; the
# cell's prompt names the 起数 it is checked against. The county office only reads the form.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 0
NOW=$(zz_date +%Y-%m)
M=$(zz_date -d "$NOW-01 -1 month" +%Y-%m)

zz_tui_start xterm-256color 80 24
zz_login police
zz_menu
zz_open_reports "$M"
line=$(zz_screen | grep -n "群体性事件月报表" | head -1 | cut -d: -f1)
[ -n "$line" ] || zz_fail "the police's 群体性事件月报表"
zz_move_to "$line"
zz_keys Enter
zz_expect "月报表 › 群体性事件月报表"
# 邻里纠纷 (the third line), 参与人数 (the second column): 3 people, no incident.
zz_keys Home Down Down Right Enter
zz_expect "邻里纠纷·参与人数（起数 0）："
zz_keys C-u
zz_type 3
zz_keys Enter F2
zz_expect "“邻里纠纷”的“起数”为 0，“参与人数”也应为 0（现为 3）"
zz_absent "已保存草稿"
# The cursor stayed on that cell: Enter opens its prompt, the figure kept.
zz_keys Enter
zz_expect "邻里纠纷·参与人数（起数 0）：3"
zz_keys Escape Left Enter
zz_expect "邻里纠纷·起数："
zz_keys C-u
zz_type 2
zz_keys Enter F2
zz_expect "已保存草稿"
# The figure shown is offered whole: a digit typed replaces it (7 over 2 gave 27).
zz_keys Enter
zz_expect "邻里纠纷·起数：2"
zz_type 7
zz_expect "邻里纠纷·起数：7"
zz_absent "起数：27"
zz_keys BSpace
zz_type 2
zz_keys Enter
zz_gone "邻里纠纷·起数："
# One incident in 合同纠纷 (two lines down), its 参与人数 left at 0: a draft saves, U refuses.
zz_keys Down Down Enter
zz_expect "合同纠纷·起数："
zz_keys C-u
zz_type 1
zz_keys Enter F2
zz_expect "已保存草稿"
zz_keys U
zz_expect "“合同纠纷”的“参与人数”（0）不能少于“起数”（1）"
zz_absent "上报后报表冻结"
zz_keys Enter
zz_expect "合同纠纷·参与人数（起数 1）："
zz_keys C-u
zz_type 40
zz_report_submit
zz_keys Escape
zz_quit
zz_tui_clean
zz report show mass_incident --unit 321204 --month "$M" --as county >"$ZZ_TMP/form" || zz_fail "report show"
[ "$(awk -F'\t' '$1 == "合计" { print $2 "/" $3 }' "$ZZ_TMP/form")" = "3/43" ] || {
	cat "$ZZ_TMP/form"
	zz_fail "the submitted figures"
}
echo "ok ui_report_mass"
