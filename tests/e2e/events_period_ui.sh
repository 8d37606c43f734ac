#!/bin/sh
# R-EV-8 sensitive periods on the screen: the county's account declares one over 三水街道 from the
# 敏感期 menu entry (today only: the dates offered), sees it 进行中, and ends it; the township's
# account has no such entry. The to-do list of a center in scope asks for today's report.
. "$(dirname "$0")/lib.sh"
zz_setup
zz init --demo --persons 0 >"$ZZ_TMP/demo.log" 2>&1 || zz_fail "init --demo"

zz_tui_start xterm-256color 80 24
zz_login county
zz_menu
zz_keys /
zz_type "敏感期"
zz_keys Enter Enter
zz_expect "敏感期 0 个"
zz_keys a
zz_expect "开始日期："
# A date that is none is refused in its prompt, which keeps it.
zz_keys C-u
zz_type "2026-13-01"
zz_keys Enter
zz_expect "日期“2026-13-01”不对，应写成 YYYY-MM-DD（改后回车，Esc 放弃）"
zz_expect "开始日期：2026-13-01"
zz_keys C-u
zz_type "$(zz_date +%Y-%m-%d)"
zz_keys Enter
zz_expect "结束日期："
zz_keys Enter
zz_expect "敏感期的范围"
zz_type "三水街道"
zz_keys Enter
zz_expect "事由："
zz_type "重大活动安保"
zz_keys Enter
zz_expect "已设置敏感期 1"
zz_expect "进行中"
zz_expect "重大活动安保"
zz_has "listed" '^1	.*	321204001	三水街道	重大活动安保	.*	进行中$' "$(zz event period list --as county)"
zz_has "the village is asked for today's report" "尚未报送日报或零报告（敏感期，节假日也须报送）" "$(zz todo --as village)"
zz_keys z
zz_expect "提前结束敏感期 1？"
zz_keys y
zz_expect "敏感期 1 已结束"
zz_expect "已提前结束"
zz_keys q
zz_expect "主菜单"
zz_keys q y
zz_expect "[exit 0]"
zz_tui_clean
zz_has "audited" "period_end" "$(zz audit show --as auditor)"

zz_tui_start xterm-256color 80 24
zz_login town
zz_menu
zz_keys /
zz_type "敏感期"
zz_keys Enter
sleep 1
zz_absent "> 敏感期"
zz_keys q y
zz_tui_clean
echo "ok events_period_ui"
