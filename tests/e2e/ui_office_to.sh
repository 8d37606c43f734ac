#!/bin/sh
# 意见建议 and 信息查阅申请 go to a center above (6.4.3.4, 6.4.3.6, R-AC-1): at 80x24 the village's
# 提交给 / 申请向 pickers offer the units above it (not its own subtree, which the save refuses), and
# 查看范围 offers the subtree of the center asked; a proposal is then saved from the screen alone.
ZZ_CONSOLE_LIMITED=1 # a person's work only as an account (the console: bootstrap and recovery)
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 0

open_menu_item() {
	zz_menu
	zz_keys /
	zz_type "$1"
	zz_keys Enter Enter
}

zz_tui_start xterm-256color 80 24
zz_login village
open_menu_item 意见建议
zz_expect "意见建议"
zz_keys a
zz_expect "提交给（上级中心）"
zz_keys Tab Enter
zz_expect "选择提交给（上级中心）"
zz_expect "三水街道"
zz_expect "姜堰区"
zz_absent "桥头社区第1网格"
zz_keys Enter
zz_expect "提交给（上级中心）：三水街道"
zz_type "增设调解室"
zz_keys Tab
zz_type "建议在社区增设调解室"
zz_keys F2
zz_expect "已保存"
zz_keys Escape Escape
zz_menu
zz_keys /
zz_type 信息查阅申请
zz_keys Enter Enter
zz_expect "信息查阅申请"
zz_keys a
zz_expect "申请向（上级中心）"
zz_keys Tab Enter
zz_expect "选择申请向（上级中心）"
zz_type "三水"
zz_keys Enter
zz_expect "申请向（上级中心）：三水街道"
# 记录类型 from the list of types by name (Enter with none marked takes the row under the cursor).
zz_keys Enter
zz_expect "选择记录类型"
zz_type "重点地区"
zz_keys Enter
zz_expect "记录类型：重点地区整治"
zz_keys Enter
zz_expect "选择查看范围（单位）"
# A sibling under the center asked, outside the village's own subtree.
zz_expect "东港村"
zz_keys Escape
zz_tui_clean
echo "ui_office_to: ok"
