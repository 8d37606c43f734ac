#!/bin/sh
# 日报与零报告 at 80x24 (R-EV-7): the status line offers a (报送) while today's report is not in and
# e (更正) once it is, not both whatever the rows (the try-out of 2026-12-05: a was offered after
# the report, to be refused; e before any, with nothing to correct).
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 0

# A day reported afterwards (补报) says so in its row, whole (it showed 零报告（… at 80 columns).
zz daily zero --date "$(zz_date -d '2 days ago' +%F)" --as village >/dev/null || zz_fail "late zero report"

zz_tui_start xterm-256color 80 24
zz_login village
zz_menu
zz_keys /
zz_type "日报"
zz_keys Enter Enter
zz_expect "今日尚未报送日报或零报告"
zz_expect "零报告（补报）"
status=$(zz_screen | tail -1)
zz_has "a offered before the report" "a新增" "$status"
zz_lacks "no e before the report" "e修改" "$status"
zz_keys a
zz_expect "日报内容（留空为零报告）"
zz_type "今日排查矛盾纠纷一起，已登记"
zz_keys F2
zz_expect "今日已报送"
status=$(zz_screen | tail -1)
zz_has "e offered once reported" "e修改" "$status"
zz_lacks "no a once reported" "a新增" "$status"
zz_tui_clean
zz_quit
echo "ok ui_daily_offer"
