#!/bin/sh
# A month or a year typed wrong on the message line (the 考核得分, 统计分析 and 月报表 screens of the
# district leader, at 80x24) is refused under the prompt with the reason, and the prompt keeps what
# was typed to be corrected: it used to close, the reason on the message line and the text gone.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 0

# find ITEM: a main menu item by name.
find() {
	zz_keys /
	zz_expect "查找菜单项："
	zz_type "$1"
	zz_keys Enter Enter
}

# wrong LABEL TEXT REASON: at the prompt LABEL, TEXT is refused with REASON and stays typed.
wrong() {
	zz_keys /
	zz_expect "$1"
	zz_keys C-u
	zz_type "$2"
	zz_keys Enter
	zz_expect "$3（改后回车，Esc 放弃）"
	zz_expect "$1$2"
}

# right TEXT: the prompt's text corrected and taken.
right() {
	zz_keys C-u
	zz_type "$1"
	zz_keys Enter
	zz_gone "（改后回车，Esc 放弃）"
}

zz_tui_start xterm 80 24
zz_login leader
zz_menu
find 考核得分
zz_expect "年度考核"
wrong "年份：" "20x6" "年份应为四位数字"
right 2025
zz_expect "2025 年度考核"

zz_keys Escape
zz_menu
find 统计分析
zz_expect "选择统计对象"
zz_keys Enter
zz_expect "按单位｜合计"
wrong "月份（YYYY-MM）：" "2026-1x" "月份应为 YYYY-MM，例如 2026-03"
right 2025-03
zz_expect "2025-03 按单位"

zz_keys Escape
zz_expect "选择统计对象"
zz_keys Escape
zz_menu
find 月报表
zz_expect "月的报表"
wrong "月份（YYYY-MM）：" "2026-13" "月份应为 YYYY-MM，例如 2026-03"
# Esc leaves the prompt, the month as it was.
zz_keys Escape
zz_gone "（改后回车，Esc 放弃）"
zz_expect "月的报表"
zz_tui_quit
zz_tui_clean
echo ok
