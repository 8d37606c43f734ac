#!/bin/sh
# An open event screen is read again before an action is offered (z) and on F: over SSH at 80x24,
# 桥头社区 (village) has its event open while another account of the same center accepts it, then
# the event is reported up and 三水街道 (town) accepts it. z does not offer 受理 on the stale state:
# it says “该事件已被他人处理，已刷新” and shows the event as it is now; F does the same on demand,
# and says when nothing changed. (R-EV-1) Once 三水街道 has closed it, its fields stay as they were:
# the server refuses a change (“已结案的事件不能修改”), and e opens them read-only (e详情), the ID
# number masked, and says so when e is pressed again, instead of a form showing it in full.
. "$(dirname "$0")/lib.sh"
zz_ssh_setup
zzc() { "$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" "$@"; }
idnum=$(zz_idnum 19800101 001)
masked=$(echo "$idnum" | sed 's/^\(......\)........\(....\)$/\1********\2/')
id=$(zzc event new --as village --title 刷新测试纠纷 --category 02 --scale 2 --place 桥头社区 --description 邻里噪音 \
	party1="$idnum") || zz_fail "event new"
id=$(echo "$id" | tr -dc 0-9)
zz_serve_start
ZZ_W=village
ZZ_WAIT_TENTHS=300
zz_ssh_window village village
zz_expect "信息系统 > 待办事项"
zz_expect "刷新测试纠纷"
line=$(zz_screen | grep -n "刷新测试纠纷" | head -1 | cut -d: -f1)
zz_move_to "$line"
zz_keys Enter
zz_expect "信息系统 > 事件 $id "
zz_expect "待受理｜桥头社区"

zz_log "another account of 桥头社区 accepts it; z reads it again"
zzc event accept "$id" --as u321204001001.office --comment 已由同事受理 >/dev/null || zz_fail "accept by the colleague"
zz_keys z
zz_expect "该事件已被他人处理，已刷新：现为“办理中”（桥头社区）"
zz_expect "办理中｜桥头社区"
zz_expect "已由同事受理"
zz_absent "选择操作"

zz_log "reported up and accepted by 三水街道; F reads it again"
zzc event report "$id" --as u321204001001.office --comment 请街道处理 >/dev/null || zz_fail "report"
zzc event accept "$id" --as town --comment 街道已受理 >/dev/null || zz_fail "accept by the town"
zz_keys F
zz_expect "该事件已被他人处理，已刷新：现为“办理中”（三水街道）"
zz_expect "街道已受理"
zz_keys F
zz_expect "已重新读取，事件没有变化"
# Nothing the village could take on the stale state was recorded.
out=$(zzc event show "$id" --as county) || zz_fail "event show"
[ "$(echo "$out" | grep -c "	受理	")" = 2 ] || { echo "$out" >&2; zz_fail "not two acceptances"; }
zz_keys F10
zz_expect "退出系统？"
zz_keys y
zz_expect "SSH-EXIT-0"

zz_log "closed by 三水街道: the server refuses a change; the screen offers no form, shows it masked"
zzc event close "$id" --as town --result 调解成功 >/dev/null || zz_fail "close"
if zzc record update dispute_event "$id" scale=3 --as town >"$ZZ_T/out" 2>"$ZZ_T/err"; then
	zz_fail "a change to the closed event was saved"
fi
grep -q "已结案的事件不能修改" "$ZZ_T/err" || { cat "$ZZ_T/err" >&2; zz_fail "refused, but not as closed"; }
ZZ_W=town
zz_ssh_window town town
zz_menu
zz_keys /
zz_type "事件办理"
zz_keys Enter Enter
zz_expect "刷新测试纠纷"
line=$(zz_screen | grep -n "刷新测试纠纷" | tail -1 | cut -d: -f1)
zz_move_to "$line"
zz_keys Enter
zz_expect "已结案｜三水街道"
zz_expect "e详情"
zz_keys e
zz_expect "（只读）"
zz_expect "$masked"
zz_keys e
zz_expect "已结案的事件不能修改"
zz_expect "$masked"
zz_absent "$idnum"
zz_keys Escape
zz_expect "已结案｜三水街道"
zz_keys F10
zz_expect "退出系统？"
zz_keys y
zz_expect "SSH-EXIT-0"

zz_log "an extension granted by a colleague while 不同意延期 was typed: refused, shown anew, the text kept"
e=$(zzc event new --as village --title 延期刷新纠纷 --category 02 --scale 2 --place 桥头社区 --description 物业费) ||
	zz_fail "event new 2"
e=$(echo "$e" | tr -dc 0-9)
zzc event report "$e" --as village --comment 请街道处理 >/dev/null || zz_fail "report 2"
zzc event accept "$e" --as town >/dev/null || zz_fail "accept 2"
zzc event assign "$e" --as town --to 321204001001 --comment 请社区办理 >/dev/null || zz_fail "assign 2"
zzc event accept "$e" --as village >/dev/null || zz_fail "accept 3"
zzc event extend "$e" --as village --days 3 --comment 需等待业主大会 >/dev/null || zz_fail "extend"
ZZ_W=town2
zz_ssh_window town2 town
zz_menu
zz_keys /
zz_type "事件办理"
zz_keys Enter Enter
zz_expect "延期刷新纠纷"
line=$(zz_screen | grep -n "延期刷新纠纷" | head -1 | cut -d: -f1)
zz_move_to "$line"
zz_keys Enter
zz_expect "延期申请 3 天待批"
zz_keys z
zz_expect "不同意延期"
zz_type "不同意"
zz_keys Enter
zz_expect "多行编辑"
zz_type "业主大会可以提前召开"
zzc event extend "$e" --as u321204001.office --grant >/dev/null || zz_fail "grant by the colleague"
zz_keys F2
zz_expect "没有等待审批的延期申请（该事件已被他人处理，已刷新）"
zz_absent "延期申请 3 天待批"
zz_expect "同意延期"
zz_keys z
zz_expect "督办"
zz_type "督办"
zz_keys Enter
zz_expect "业主大会可以提前召开"
zz_keys Escape
zz_expect "z操作"
zz_keys F10
zz_expect "退出系统？"
zz_keys y
zz_expect "SSH-EXIT-0"
echo "ok ui_event_refresh"
