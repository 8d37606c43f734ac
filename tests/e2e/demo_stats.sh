#!/bin/sh
# The demo's 统计分析 is not empty (used to be 0: every demo event was of this month, and the
# screen opens on the last whole month): settled disputes of the last two whole months and of the
# same month a year before give figures and 同比/环比, at 80x24, for the county, the township and
# the village, whatever the day the demo is made (ZZ_SUITE_TIME: a 1 January, a month's last day).
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 0
NOW=$(zz_date +%Y-%m)
M1=$(zz_date -d "$NOW-01 -1 month" +%Y-%m)
M2=$(zz_date -d "$NOW-01 -2 month" +%Y-%m)
M13=$(zz_date -d "$NOW-01 -13 month" +%Y-%m)

# The command line, without --month: the last whole month, compared.
out=$ZZ_TMP/by-unit
zz stats by-unit event --as county >"$out" || zz_fail "stats by-unit"
grep -q "^321204001	三水街道	5	3	+66.7%	2	+150.0%$" "$out" || { cat "$out"; zz_fail "三水街道 in $M1"; }
zz stats by-month event --months 13 --as county >"$out" || zz_fail "stats by-month"
for m in "$M13	$M13	3" "$M2	$M2	2" "$M1	$M1	5"; do
	grep -q "^$m	" "$out" || { cat "$out"; zz_fail "by month: $m"; }
done

# stats_open ACCOUNT: the account's 统计分析 of 矛盾纠纷事件 from the menu.
stats_open() {
	zz_tui_start xterm-256color 80 24
	zz_login "$1"
	zz_menu
	zz_open_stats 矛盾纠纷事件
}
stats_close() {
	zz_keys F10
	zz_expect "退出系统？"
	zz_keys y
	zz_expect "[exit 0]"
	zz_tui_clean
}

stats_open county
zz_expect "姜堰区 $M1 按单位｜合计 5 同比($M13)+66.7% 环比($M2)+150.0%"
zz_screen | grep "三水街道" | grep -q " 5 " || { zz_screen; zz_fail "三水街道's 5 on the county's screen"; }
stats_close

stats_open town
zz_expect "三水街道 $M1 按单位｜合计 5 同比($M13)+66.7% 环比($M2)+150.0%"
stats_close

# 桥头社区: its own two of the month (one reported to the township, counted where it arose).
stats_open village
zz_expect "桥头社区 $M1 按单位｜合计 2 同比($M13)+100.0% 环比($M2)+100.0%"
stats_close

# A population's figure is the records added in the month, not its size: 新增, not 合计.
zz_tui_start xterm-256color 80 24
zz_login village
zz_menu
zz_open_stats 实有人口
zz_expect "桥头社区 $M1 按单位｜新增 "
zz_absent "｜合计"
stats_close
echo "ok demo_stats"
