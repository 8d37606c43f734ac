#!/bin/sh
# An empty list offers nothing to open: the grid member's 任务督办 has no task; its status line
# does not offer 回车打开 (it did, and Enter then said 本屏没有“打开”这一操作), and Enter says
# there is no record to open. Nor is 月报表 in its menu (a grid files no form and receives none: the
# screen was always empty); the village's neither, the township's is. In 统计分析 the grid member,
# who may not export, is not offered w, and w is refused at once (a format was asked for first).
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 0
zz_tui_start xterm-256color 80 24
zz_login grid
zz_menu
zz_keys /
zz_expect "查找菜单项："
zz_type "任务督办"
zz_keys Enter Enter
zz_expect "接收和下发的任务，共 0 项"
zz_expect "（没有记录）"
zz_expect "q返回"
zz_lacks "no Enter on an empty list" "回车打开" "$(zz_screen | tail -1)"
zz_keys Enter
zz_expect "没有记录可以打开"
zz_absent "本屏没有“打开”这一操作"
zz_keys Escape
zz_expect "主菜单"
no_reports() {
	zz_keys /
	zz_expect "查找菜单项："
	zz_type "月报表"
	zz_keys Enter
	zz_expect "菜单中没有“月报表”"
}
no_reports
zz_open_stats 矛盾纠纷事件
zz_expect "/月份 q返回"
zz_lacks "no w for the grid member" "w导出" "$(zz_screen | tail -1)"
zz_keys w
zz_expect "网格员无权导出矛盾纠纷事件"
zz_absent "导出格式"
zz_keys Escape
zz_expect "选择统计对象"
zz_keys Escape
zz_expect "主菜单"
zz_keys q y
zz_expect "[exit 0]"
zz_tui_clean
zz_tui_start xterm-256color 80 24
zz_login village
zz_menu
no_reports
zz_keys q y
zz_expect "[exit 0]"
zz_tui_clean
zz_tui_start xterm-256color 80 24
zz_login town
zz_menu
zz_open_reports "$(zz_date +%Y-%m)"
zz_expect "社会矛盾排查调解报表"
zz_keys Escape
zz_keys q y
zz_expect "[exit 0]"
zz_tui_clean
echo "ok ui_empty_list"
