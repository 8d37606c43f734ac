#!/bin/sh
# The 月度通报 screen at 80x24: its columns are headed in words a township clerk reads (逾期录入,
# 未认领, 日报未报, 事件超期, not the abbreviations 逾期, 超认, 未报, 超期), all within 80 columns.
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
zz_keys Escape
zz_keys q y
zz_expect "[exit 0]"
zz_tui_clean
echo "ok ui_bulletin"
