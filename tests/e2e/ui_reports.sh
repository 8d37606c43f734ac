#!/bin/sh
# The 月报表 screen at 80x24 in tmux (R-RP-2): 三水街道 opens the month's 社会矛盾排查调解报表, the
# grid scrolls sideways to the typed cells, a figure that is no number stays in its prompt to be
# corrected, an impossible figure is refused on save with the cursor
# back on its cell, the draft is saved, submitted and exported; the county sees it submitted on a
# vt100 terminal (ASCII) and sends it back with a reason. The status line offers only what the account
# may do with the form as it is: the township fills and submits its draft, the county sends back a
# submitted one (it offered F2 and U to the county, and not R). This month's form, its month not
# over, is filled but not submitted (R-RP-2 reports the past month): no U, and U refused with the
# reason (it froze figures still growing). The return is audited (R-AC-3). At 80 columns nothing is
# cut: the line above the grid is whole, the columns shown are said in the header's corner, and a
# long column name (防止群体性事件) wraps onto a second header line.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 0
NOW=$(zz_date +%Y-%m)
M=$(zz_date -d "$NOW-01 -1 month" +%Y-%m)

open_reports() {
	zz_menu
	zz_open_reports "$M"
}

# A dispute of the month in 三水街道 (registered then, under libfaketime): its row has 排查纠纷 1.
EV_CONF=$ZZ_CONF EV_HOME=$ZONGZHI_HOME
ev_new "$M-10 09:00:00" town "本月邻里纠纷" >/dev/null

# A submission needs 涉及人数 on the rows with disputes (doc/报表.md 校验): the other rows filled
# here, 婚姻家庭纠纷's typed on the screen.
fills=$(zz report show dispute_mediation --month "$M" --as town | zz_people_fills)
[ -z "$fills" ] || zz report fill dispute_mediation $fills --month "$M" --as town >/dev/null || zz_fail "涉及人数"
# One row with disputes left at 0 (a draft may): U must refuse it before asking anything. Not
# 婚姻家庭纠纷, whose 涉及人数 the screen types below (the demo's disputes of the month may be there).
set -- $(zz report show dispute_mediation --month "$M" --as town |
	awk -F'\t' '$1 != "合计" && $1 != "婚姻家庭纠纷" && $2 ~ /^[1-9][0-9]*$/ { print $1, $2; exit }')
R2=$1 N2=$2
[ -n "$N2" ] || zz_fail "no row with a dispute found"
zz report fill dispute_mediation "$R2/people=0" --month "$M" --as town >/dev/null || zz_fail "$R2 涉及人数 0"
P1=$(zz report show dispute_mediation --month "$M" --as town | awk -F'\t' '$1 == "婚姻家庭纠纷" { print $2 }')
[ -n "$P1" ] || zz_fail "婚姻家庭纠纷's disputes found"

zz_tui_start xterm-256color 80 24
zz_login town
open_reports
zz_expect "社会矛盾排查调解报表"
zz_keys Enter
zz_expect "月报表 › 社会矛盾排查调解报表"
zz_expect "合计"
zz_expect "邻里纠纷"
# The row labels' column is as wide as the longest label: none is cut.
zz_expect "村（居）务管理纠纷"
# The cursor starts on the first typed cell, scrolled into view on the right; the header's corner
# says which of the columns are shown (排查纠纷, scrolled out, was not known to be there).
zz_expect "涉及人数"
zz_expect "第2-6列/共8列"
zz_keys Home
zz_expect "第1-5列/共8列"
zz_expect "排查纠纷"
zz_keys Down Right Right Right Right Right
zz_expect "第2-6列/共8列"
zz_keys Enter
zz_expect "婚姻家庭纠纷·涉及人数（排查纠纷 ${P1}）："
# Not a number: refused in the prompt, which keeps what was typed to be corrected.
zz_keys C-u
zz_type "${P1}人"
zz_keys Enter
zz_expect "请输入整数（改后回车，Esc 放弃）"
zz_expect "婚姻家庭纠纷·涉及人数（排查纠纷 ${P1}）：${P1}人"
zz_keys BSpace
zz_keys Enter
zz_expect "有未保存的修改"
# The last columns: the line above the grid ends whole, 防止群体性事件 takes two header lines.
zz_keys Right Right
zz_expect "第4-8列/共8列"
zz_has "the top line whole at 80 columns" "期限 [0-9-]{10}  有未保存的修改 *$" "$(zz_screen | sed -n 2p)"
zz_has "a long column name's first line" "防止民转刑 防止群体性 *$" "$(zz_screen | sed -n 4p)"
zz_has "and its second" "^项目 +事件 *$" "$(zz_screen | sed -n 5p)"
zz_keys Left Left
# A computed cell is not typed: refused before anything is asked.
zz_keys Left
zz_keys Enter
zz_expect "由系统按数据统计"
zz_keys Right Right Enter
zz_expect "婚姻家庭纠纷·防止民转刑（排查纠纷 ${P1}）："
zz_keys C-u
zz_type 9
zz_keys Enter
zz_keys Left Left Up
zz_keys F2
zz_expect "不能大于“排查纠纷”"
# The cursor went back to the failing cell.
zz_keys Enter
zz_expect "婚姻家庭纠纷·防止民转刑（排查纠纷 ${P1}）："
zz_keys C-u
zz_type 0
zz_keys Enter F2
zz_expect "已保存草稿"
# The status line offers what the township may do with its own draft; not R (the unit above's).
status=$(zz_screen | tail -1)
zz_has "the draft's keys" "回车填写 F2保存 U上报 w导出" "$status"
zz_lacks "no R on its own form" "R退回" "$status"
# The form's checks come before the question: 涉及人数 left at 0 where a dispute is found is
# refused at U, the cursor on that cell, nothing asked.
zz_keys U
zz_expect "“$R2”的“涉及人数”（0）不能少于“排查纠纷”（$N2）"
zz_absent "上报后报表冻结"
zz_keys Enter
zz_expect "$R2·涉及人数（排查纠纷 $N2）："
zz_keys C-u
zz_type "$N2"
zz_report_submit
# Submitted: nothing left to fill, save or submit is offered.
zz_expect "w导出 q返回"
zz_lacks "a submitted form's keys" "填写|保存|上报" "$(zz_screen | tail -1)"
zz_keys Enter
zz_expect "已上报的报表不能修改"
# Only the unit above sends a form back: refused at once, before a reason is asked for.
zz_keys R
zz_expect "只有上级单位可以退回报表"
zz_absent "退回理由："
zz_keys w
zz_expect "导出格式"
zz_keys Enter
zz_expect "已导出到下载目录"
ls "$ZZ_TMP"/var/files/town/download/社会矛盾排查调解报表-三水街道-"$M".xlsx >/dev/null || zz_fail "no xlsx in the download folder"
zz_keys Escape
zz_expect "已上报"
zz_log "R-RP-2: this month's form: filled, not submitted before the month is over (the past month is reported)"
zz_keys /
zz_expect "月份（YYYY-MM）"
zz_keys C-u
zz_type "$NOW"
zz_keys Enter
zz_expect "$NOW 月的报表"
zz_keys Enter
zz_expect "三水街道 $NOW  未填报"
zz_expect "回车填写 F2保存 w导出"
zz_lacks "no U while the month runs" "上报" "$(zz_screen | tail -1)"
zz_keys U
zz_expect "$NOW 月还没有结束，社会矛盾排查调解报表须在"
zz_absent "上报后报表冻结"
zz_keys Escape
zz_quit
zz_tui_clean

# The county, on a vt100: the township's form is submitted; it is sent back with a reason.
zz_tui_start vt100 80 24
zz_login county
open_reports
zz_expect "三水街道"
line=$(zz_screen | grep -n "社会矛盾排查调解报表 *三水街道" | head -1 | cut -d: -f1)
[ -n "$line" ] || zz_fail "the township's form in the county's list"
zz_screen | grep "社会矛盾排查调解报表 *三水街道" | grep -q "已上报" || zz_fail "shown as submitted"
zz_move_to "$line"
zz_keys Enter
zz_expect "三水街道 $M  已上报"
# The unit above is offered R on a submitted form, not the township's own keys.
zz_expect "R退回 w导出"
zz_lacks "the county's keys" "填写|保存|上报" "$(zz_screen | tail -1)"
zz_keys R
zz_expect "退回理由："
zz_type "涉及人数有误"
zz_keys Enter
zz_expect "被退回"
zz_expect "退回理由：涉及人数有误"
# Sent back: neither R nor the township's keys for the county any more.
zz_expect "w导出 q返回"
zz_lacks "nothing more for the county" "退回|填写|上报" "$(zz_screen | tail -1)"
zz_keys Escape
# The county's own form sums what was submitted: U with townships missing says so before freezing
# it without them; n leaves it as it was.
zz_expect "社会矛盾排查调解报表"
zz_keys Home Enter
zz_expect "姜堰区 $M"
zz_expect "未上报（"
zz_keys U
zz_expect "个下级单位未上报，之后上报的不再计入汇总。仍上报？"
zz_keys n
zz_gone "仍上报？"
zz_absent "已上报"
zz_keys Escape
# A form's title names the form, not the rule of rules.md it implements (a short title left room
# for R-EV-8 at the right, which meant nothing to a user). The county's ninth row.
zz_expect "群体性事件月报表"
zz_keys Home Down Down Down Down Down Down Down Down Enter
zz_expect "月报表 › 群体性事件月报表"
zz_lacks "a rule id in the title" "R-[A-Z][A-Z]-[0-9]" "$(zz_screen | head -1)"
zz_keys Escape
# The county sends its roll-up up without 三水街道 (sent back above); 三水街道 submits again later.
zz_keys Home Enter
zz_expect "姜堰区 $M"
zz_keys U
zz_expect "仍上报？"
zz_keys y
zz_expect "已上报"
zz_keys Escape
zz_quit
zz_tui_clean
zz report submit dispute_mediation --month "$M" --as town >/dev/null || zz_fail "三水街道 submits again"
# R-RP-2: the frozen roll-up leaves 三水街道 out; the county learns it, in its to-do list and on
# the form, and what brings the figures in.
zz_tui_start vt100 80 24
zz_login county
zz_expect "待办事项"
zz_expect "预警"
line=$(zz_screen | grep -n "社会矛盾排查调解报表（$M）汇总缺" | head -1 | cut -d: -f1)
[ -n "$line" ] || zz_fail "the county's to-do names the roll-up that left a township out"
zz_move_to "$line"
zz_expect "社会矛盾排查调解报表（$M）汇总缺三水街道（其后补报），请上级退回重报"
zz_keys Enter
zz_expect "姜堰区 $M  已上报"
zz_expect "上报时未上报（"
zz_expect "其后已上报、未计入汇总（1）：三水街道"
zz_keys Escape
zz_quit
zz_tui_clean
zz_has "the return is audited (R-AC-3)" "report_return" "$(zz audit show --as auditor)"
echo "ok ui_reports"
