#!/bin/sh
# An unknown terminal type (issue 15): the UI falls back to vt100 and says so, instead of ending
# the session without a word.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 10
zz_tui_start zz-no-such-terminal 80 24
zz_expect "不认识的终端类型 zz-no-such-terminal，按 vt100 显示"
zz_login grid
zz_menu
zz_keys q
echo ok
