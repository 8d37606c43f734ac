#!/bin/sh
# The UI on other terminals: TERM=vt100 (no colour, ASCII lines, letter keys for what vt100 lacks),
# TERM=linux, and live resizes: 80x24 to 120x40 and back, and a terminal smaller than 80x24.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 100
# How many households the county sees (the list shows "row/count").
n=$(zz record list household --as county | tail -n +2 | wc -l)
[ "$n" -ge 40 ] || zz_fail "demo has only $n households"

open_list() {
	zz_menu
	zz_keys /
	zz_type "$1"
	zz_keys Enter Enter
	zz_expect "单位:全部"
}

# --- vt100 ---
zz_tui_start vt100 80 24
zz_login county
open_list 户籍人口
zz_expect "1/$n"
# Space pages down (vt100 has no PgDn key); tmux's PgDn sequence is understood too.
zz_keys Space
zz_expect "20/$n"
zz_keys PageDown
zz_expect "39/$n"
zz_keys g
zz_expect "1/$n"
# No colour on a vt100: no colour escapes on the screen.
if $ZZ_TMUX capture-pane -p -e -t zz | grep -q "$(printf '\033')\[[0-9;]*3[0-7]m"; then
	zz_fail "colour on a vt100"
fi
# Pickers are drawn with ASCII lines.
zz_keys u
zz_expect "按单位筛选"
zz_screen | grep -q "+-----" || zz_fail "picker box is not ASCII on a vt100"
zz_keys Escape
zz_keys '?'
zz_expect "帮助：记录列表"
zz_keys q
zz_expect "单位:全部"
zz_keys q
zz_expect "主菜单"
zz_keys q y
zz_expect "[exit 0]"

# --- linux console, F-keys and arrows ---
zz_tui_start linux 80 24
zz_login county
open_list 户籍人口
zz_keys Down Down
zz_expect "3/$n"
zz_keys F1
zz_expect "帮助：记录列表"
zz_keys Escape
zz_expect "单位:全部"
zz_keys Escape q y
zz_expect "[exit 0]"

# --- resizes ---
zz_tui_start xterm-256color 80 24
zz_login county
open_list 户籍人口
zz_expect "19 321204"
zz_absent "30 321204"
$ZZ_TMUX resize-window -t zz -x 120 -y 40
zz_expect "30 321204"
zz_expect "所属单位"
zz_expect "网格"
$ZZ_TMUX resize-window -t zz -x 80 -y 24
zz_expect "所属单"
i=0
while zz_screen | grep -qF "30 321204" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
zz_absent "30 321204"
[ "$(zz_screen | wc -l)" -le 24 ] || zz_fail "screen taller than the terminal"
$ZZ_TMUX resize-window -t zz -x 70 -y 20
zz_expect "终端窗口太小（70×20），请调整到至少 80×24"
# Keys are ignored while too small; the screen comes back whole.
zz_keys j
$ZZ_TMUX resize-window -t zz -x 80 -y 24
zz_expect "单位:全部"
zz_expect "1/$n"
# A form follows resizes too, keeping what was typed.
zz_keys a
zz_expect "户籍人口 > 新增"
zz_keys Tab
zz_type 3212041980
$ZZ_TMUX resize-window -t zz -x 120 -y 40
zz_expect "现住门（楼）详址"
zz_expect "身份证号：3212041980"
$ZZ_TMUX resize-window -t zz -x 80 -y 24
zz_expect "身份证号：3212041980"
zz_keys Escape
zz_expect "放弃未保存的修改？"
zz_keys y
zz_expect "单位:全部"
zz_keys q q y
zz_expect "[exit 0]"
zz_tui_clean
echo "ok ui_term"
