#!/bin/sh
# The auditor reads an audit entry whole (R-AC-3, R-AC-6): a detail longer than the line above the
# list (a comment of the event's step, before and after of an edit) is cut there; L shows every
# field of the entry, the detail to its last character.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 0

long="民警到场调解，双方同意暂停夜间施工，约定每日二十二时后停止作业，社区网格员每周回访一次，结果第三十字在此尾部"
id=$(zz event new --as county --title "工地夜间施工纠纷" --category 02 --scale 2 --place "三水街道人民路12号" \
	--description "双方多次争吵" 2>&1) || zz_fail "event new: $id"
zz event accept "$id" --as county --comment "$long" >/dev/null || zz_fail "accept"

zz_tui_start xterm 80 24
zz_login auditor
zz_menu
zz_keys /
zz_type "审计日志"
zz_keys Enter Enter
zz_expect "信息系统 > 审计日志"
zz_expect "L全文"
zz_row "$(zz_screen | grep -o '20[0-9-]* [0-9:]* county     event_accept' | head -1)"
zz_absent "结果第三十字在此尾部"
zz_keys L
zz_expect "审计日志 > 全文"
zz_expect "账号：county"
zz_expect "类型：event_accept"
zz_expect "对象：dispute_event:$id"
zz_expect "结果第三十字在此尾部"
zz_keys q
zz_expect "L全文"
zz_tui_clean
echo "ui_audit_full: ok"
