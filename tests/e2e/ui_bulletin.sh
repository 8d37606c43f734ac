#!/bin/sh
# The 月度通报 screen at 80x24: its columns are headed in words a township clerk reads (逾期录入,
# 未认领, 日报未报, 事件超期, not the abbreviations 逾期, 超认, 未报, 超期), all within 80 columns.
# Its status line offers P发布 only to the accounts that may publish (the county's office): a
# township's office and the county's leader were offered it, and P then said they may not.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 0
zz_tui_start xterm-256color 80 24
zz_login county
zz_menu
zz_keys /
zz_expect "查找菜单项："
zz_type "月度通报"
zz_keys Enter Enter
zz_expect "月度通报｜草稿"
head=$(zz_screen | sed -n 3p)
echo "$head" | grep -q "名次 单位 *新增 逾期录入 未认领 日报未报 事件超期 黄牌 红牌  登录$" ||
	zz_fail "the bulletin's heading: $head"
zz_lacks "no abbreviation" "超认" "$(zz_screen)"
zz_screen | grep -q "三水街道" || zz_fail "the townships are listed"
zz_has "P for the county's office" "P发布" "$(zz_screen | tail -1)"
# The month still running: its draft says it cannot be published yet, and P, before asking, says
# from when (published, its first days' figures would stay for good).
zz_keys /
zz_expect "月份（YYYY-MM）"
zz_keys C-u
zz_type "$(zz_date +%Y-%m)"
zz_keys Enter
zz_expect "$(zz_date +%Y-%m) 月度通报｜草稿（月份未结束，不能发布）"
# Not offered on the status line then (every screen lists what can be done now).
zz_lacks "no P while the month runs" "P发布" "$(zz_screen | tail -1)"
zz_keys P
zz_expect "月还没有结束，月度通报须在"
zz_absent "发布后数字不再变化（y 是"
# Back on last month's draft, P is offered again.
zz_keys /
zz_expect "月份（YYYY-MM）"
zz_keys C-u
zz_type "$(zz_date -d "$(zz_date +%Y-%m-01) -1 day" +%Y-%m)"
zz_keys Enter
zz_expect "月度通报｜草稿（P 发布）"
zz_has "P again for a month that is over" "P发布" "$(zz_screen | tail -1)"
zz_keys Escape
zz_keys q y
zz_expect "[exit 0]"
zz_tui_clean

for who in town leader; do
	zz_tui_start xterm-256color 80 24
	zz_login "$who"
	zz_menu
	zz_keys /
	zz_expect "查找菜单项："
	zz_type "月度通报"
	zz_keys Enter Enter
	zz_expect "月度通报｜"
	zz_expect "/月份"
	zz_lacks "no P for $who" "P发布" "$(zz_screen | tail -1)"
	zz_keys P
	zz_expect "月度通报由县（市、区）综治办发布"
	zz_keys Escape
	zz_keys q y
	zz_expect "[exit 0]"
	zz_tui_clean
done
echo "ok ui_bulletin"
