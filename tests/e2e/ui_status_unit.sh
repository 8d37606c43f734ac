#!/bin/sh
# The status line at 80x24 with the demo's longest unit names (已知问题 of 2026-12-05: the unit's name
# was cut with "…" while the account id took up to 23 columns): the account gives way first, then
# the person, and the name is shown whole — 姜堰区矛盾纠纷调处中心 (u321204.mediation) on the main
# menu and on a prompt; 何垛村第1网格 (u321204103005001.grid) in the list, a record and its form,
# the hints whole. A short account that fits in half the line keeps its id (county).
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 50

# status_has TEXT, status_lacks TEXT: the last line of the screen.
status_has() {
	zz_wait_for 15 sh -c "$ZZ_TMUX capture-pane -p -t zz | tail -1 | grep -qF -- '$1'" ||
		{ zz_screen >&2; zz_fail "status line lacks: $1"; }
}
status_lacks() {
	! zz_screen | tail -1 | grep -qF -- "$1" || { zz_screen >&2; zz_fail "status line has: $1"; }
}

zz_tui_start xterm-256color 80 24
zz_login u321204.mediation "$ZZ_DEMO_PASS"
zz_menu
status_has " 姜堰区矛盾纠纷调处中心 "
status_has "待办 0"
status_lacks "…"
status_lacks "(u321204.mediation)"
zz_keys /
zz_expect "查找菜单项："
status_has " 姜堰区矛盾纠纷调处中心 "
status_lacks "(u321204.mediation)"
zz_keys Escape
zz_gone "查找菜单项："
zz_keys q
zz_expect "退出系统？"
zz_keys y
zz_expect "[exit 0]"
zz_tui_clean

zz_tui_start xterm-256color 80 24
zz_login u321204103005001.grid "$ZZ_DEMO_PASS"
zz_open_list 户籍人口
status_has " 何垛村第1网格 "
status_has "?帮助"
status_lacks "…"
status_lacks "(u321204103005001.grid)"
zz_keys Enter
zz_expect "户籍人口 > "
status_has " 何垛村第1网格 "
zz_keys e
zz_expect "填写"
status_has "F1帮助"
status_has " 何垛村第1网格 "
status_lacks "…"
zz_tui_clean

zz_tui_start xterm-256color 80 24
zz_login county "$ZZ_DEMO_PASS"
zz_menu
status_has "(county) 待办"
status_has " 姜堰区 "
echo "ok"
