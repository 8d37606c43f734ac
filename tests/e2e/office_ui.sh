#!/bin/sh
# Office work in the UI (4.3.2, 4.4.2, 6.4.3.4): 三水街道 (town) finds the county's document in its
# to-do list and in 收到的文件, reads it (the receipt: 已阅 on the screen, 1 of 2 for the county);
# 桥头社区 (village) reports its 社情民意 entry up with T, after which it is no longer its to hold;
# the county grants an access request with K (R-AC-1); its ledger screen shows this year's empty items;
# the town answers the village's proposal from its to-do list (the answered last row leaves the list
# without ending the UI).
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 0
d=$(zz record add document kind=1 title=关于开展平安创建的通知 to=321204001,321204002 content=各街道：请按要求开展。 \
	--as county | grep -o '[0-9][0-9]*' | tail -1) || zz_fail "document"
s=$(zz record add sqmy day=2026-01-05 kind=3 title=路灯不亮 content=村口路灯坏了 --as village |
	grep -o '[0-9][0-9]*' | tail -1) || zz_fail "sqmy"
zz todo --as town | grep -q "公文与文件待阅：关于开展平安创建的通知（姜堰区）" || zz_fail "not in the town's to-do list"

zz_tui_start xterm-256color 80 24
zz_login town
zz_menu
zz_keys /
zz_type "收到的文件"
zz_keys Enter Enter
zz_expect "> 收到的文件"
zz_expect "未读"
zz_keys Enter
zz_expect "正文：各街道：请按要求开展。"
zz_keys Escape
zz_expect "已阅 "
zz_keys Escape
zz_expect "主菜单"
zz_keys q y
zz_expect "[exit 0]"
zz office receipts document "$d" --as county | grep -q "2 个接收单位，1 个已阅" || zz_fail "no receipt"

zz_tui_start xterm-256color 80 24
zz_login village
zz_menu
zz_keys /
zz_type "社情民意上报"
zz_keys Enter Enter
zz_expect "本单位，未上报"
zz_keys T
zz_expect "上报给上一级单位？（y 是 / n 否）"
zz_keys y
zz_expect "已上报至三水街道"
zz_absent "路灯不亮"
zz_keys Escape
zz_expect "主菜单"
zz_keys q y
zz_expect "[exit 0]"
zz audit show --as auditor --user village | grep -q "	report_up	sqmy:$s	ok	" || zz_fail "report up not audited"

# The village's proposal to the township: Enter on the town's to-do item opens 意见建议答复 on it,
# where A answers; an answer refused (empty) keeps the editor open, and the answer is saved.
g=$(zz record add suggestion to=321204001 title=增设调解室 content=建议在村里设调解室 --as village |
	grep -o '[0-9][0-9]*' | tail -1) || zz_fail "suggestion"
zz_tui_start xterm-256color 80 24
zz_login town
zz_expect "信息系统 > 待办事项"
zz_expect "意见建议待答复：增设调解室（桥头社区）"
n=0
until zz_screen | grep -q "^>.*意见建议待答复：增设调解室"; do
	[ $n -lt 30 ] || zz_fail "the proposal's item not reached"
	zz_keys Down
	sleep 0.2
	n=$((n + 1))
done
zz_keys Enter
zz_expect "> 意见建议答复"
zz_screen | grep -q "^>.*增设调解室" || { zz_screen >&2; zz_fail "the cursor is not on the proposal"; }
zz_keys A
zz_expect "答复意见"
zz_keys F2
zz_expect "请填写答复意见"
zz_expect "多行编辑"
zz_type "同意，下月建成"
zz_keys F2
zz_expect "已答复"
zz_keys Escape
zz_expect "信息系统 > 待办事项"
zz_tui_clean
zz record get suggestion "$g" --as village | grep -q "同意，下月建成" || zz_fail "the answer is not in the record"

today=$(zz_date +%F)
a=$(zz record add access_request to=321204 types=ledger scope=321204001 reason=交流 start="$today" end="$today" \
	--as u321204002.office | grep -o '[0-9][0-9]*' | tail -1) || zz_fail "access request"
b=$(zz record add access_request to=321204 types=center scope=321204001 reason=了解 start="$today" end="$today" \
	--as u321204002.office | grep -o '[0-9][0-9]*' | tail -1) || zz_fail "second access request"
zz_tui_start xterm-256color 80 24
zz_login county
# From the to-do list: Enter on a request opens 查阅申请审批 on it, where K decides.
zz_expect "信息系统 > 待办事项"
zz_expect "信息查阅申请待审批"
n=0
until zz_screen | grep -q "^>.*信息查阅申请待审批"; do
	[ $n -lt 30 ] || zz_fail "the request's item not reached"
	zz_keys Down
	sleep 0.2
	n=$((n + 1))
done
zz_keys Enter
zz_expect "> 查阅申请审批"
zz_screen | grep -q "^>罗塘街道" || { zz_screen >&2; zz_fail "the cursor is not on a request"; }
# Not granted without a note: refused in the prompt, which stays for the note to be written.
zz_keys K
zz_expect "审批信息查阅申请"
zz_keys Down Enter
zz_expect "不批准的意见："
zz_keys Enter
zz_expect "请写明审批意见"
zz_expect "（改后回车，Esc 放弃）"
zz_type "不予提供"
zz_keys Enter
zz_expect "已不批准"
zz_keys Down K
zz_expect "审批信息查阅申请"
zz_keys Enter
zz_expect "审批意见"
zz_keys Enter
zz_expect "已批准"
# K on a request decided already says so at once: no choice, no note typed for nothing.
zz_keys K
zz_expect "这份申请已经审批"
zz_absent "审批信息查阅申请"
zz_absent "审批意见（可空）"
zz_keys Escape
zz_expect "信息系统 > 待办事项"
zz_keys Escape
zz_expect "主菜单"
zz_keys /
zz_type "台账空项"
zz_keys Enter Enter
zz_expect "项中"
zz_expect "责任书"
# An empty item is not a dead end: a on it opens a new entry with the item and today filled in;
# saved, the item's count goes up.
zz_has "a on the status line" "a新增 q返回" "$(zz_screen | tail -1)"
empty=$(zz_screen | sed -n 's/.* 项中 \([0-9]*\) 项无台账.*/\1/p')
while ! zz_screen | grep -q "^>10.1-06 *责任书"; do zz_keys Down; done
zz_keys a
zz_expect "电子台账 > 新增"
zz_expect "台账目录：责任书"
zz_expect "日期：$(zz_date +%Y-%m-%d)"
zz_keys F2
zz_expect "标题是必填项"
zz_type "2026年综治责任书"
zz_keys F2
zz_expect "已保存"
zz_keys Escape
zz_expect "项中 $((empty - 1)) 项无台账"
zz_screen | grep -q "10.1-06 *责任书 *1$" || { zz_screen; zz_fail "the item's count after the new entry"; }
zz_keys Escape
zz_expect "主菜单"
zz_keys q y
zz_expect "[exit 0]"
aud=$(zz audit show --as auditor --user county)
printf '%s\n' "$aud" | grep -q "	access_grant	access_request:\($a\|$b\)	ok	批准" || zz_fail "grant not audited"
printf '%s\n' "$aud" | grep -q "	access_refuse	access_request:\($a\|$b\)	ok	.*不予提供" || zz_fail "refusal not audited"
zz_tui_clean
echo ok
