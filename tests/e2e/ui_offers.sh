#!/bin/sh
# Issue 12 part 3: the obvious path works and nothing offered is refused. 矛盾纠纷事件 is one menu
# entry, where a registers an event; an account that may not register is not offered a; the event
# view offers z (actions) and e修改 only when the account may act or edit; an event's fields
# offer no d删除 (events are kept); a key that is not the screen's says so in words.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 20

# Open the menu entry found by typing TEXT at the main menu.
menu_open() {
	zz_keys /
	zz_type "$1"
	zz_keys Enter Enter
}

zz_log() { echo "--- $*"; }

zz_log "village: the menu's 矛盾纠纷事件 is the event screen, and a there registers an event"
zz_tui_start xterm 80 24
zz_login village
zz_menu
menu_open "矛盾纠纷事件"
zz_expect "范围："
zz_expect "a新增"
zz_keys a
zz_expect "登记矛盾纠纷事件"
zz_keys Escape
zz_expect "范围："

zz_log "village: an event's fields (e) offer no d删除, and d is not this screen's key"
zz_keys r
line=$(zz_screen | grep -n "楼上夜间装修噪音扰民" | head -1 | cut -d: -f1)
[ -n "$line" ] || zz_fail "the demo event of 桥头社区 is not listed"
i=$(zz_screen | grep -n '^>' | head -1 | cut -d: -f1)
while [ "$i" -lt "$line" ]; do zz_keys Down; i=$((i + 1)); done
zz_keys Enter
zz_expect "z操作"
zz_expect "e修改"
zz_keys e
zz_expect "【事件信息】"
zz_absent "d删除"
zz_keys d
zz_expect "本屏没有“删除”这一操作"
zz_absent "删除后不能恢复"
zz_keys Escape
zz_keys F10
zz_expect "退出系统？"
zz_keys y

zz_log "leader: no a in the event list (a says the role only looks), no z操作 or e修改 on an event"
zz_tui_start xterm 80 24
zz_login leader
zz_menu
menu_open "矛盾纠纷事件"
zz_expect "范围："
zz_absent "a新增"
zz_keys a
zz_expect "只能查看事件，不能办理"
zz_absent "登记矛盾纠纷事件"
zz_keys Enter
zz_expect "信息系统 > 事件 "
zz_absent "z操作"
zz_absent "e修改"
zz_expect "q返回"
# A record list: d says the role may not delete, before any question (it asked 确定删除…？ and
# refused after y).
zz_keys Escape
zz_expect "范围："
zz_keys Escape
zz_expect "> 主菜单"
menu_open "人员基本信息"
zz_expect "信息系统 > 人员基本信息"
zz_expect "1/"
zz_keys d
zz_expect "领导（只读）无权删除人员基本信息"
zz_absent "删除后不能恢复"
zz_tui_clean

zz_log "messages name screens, never command-line commands"
if grep -n '"[^"]*zongzhi [a-z][^"]*"' src/ui/*.c src/core/service.c src/domain/event.c | grep -v '^\S*:[0-9]*:\s*/\?\*'; then
	zz_fail "a message names a command-line command"
fi
echo "ok ui_offers"
