#!/bin/sh
# Office work between units (4.3.2, 4.4.2, 6.4.3.4, 8.3.4; R-AC-1 for who sees what): one work log per
# unit and day; a 社情民意 entry reported up by the unit holding it, village → township → county, each
# step audited and in the receiver's to-do list until it is read; a 意见建议 answered only by the
# center it was addressed to; a document sent by the county to two townships with read receipts —
# the first opening is the receipt, the sender sees who has read, a unit not addressed does not see it.
. "$(dirname "$0")/lib.sh"
ev_setup
V=u321204001001.office T=u321204001.office T2=u321204002.office
at() { ev_at '2027-03-02 09:00:00' "$@"; }
idof() { grep -o '[0-9][0-9]*' | tail -1; }

ev_log "工作日志: one per unit and day"
at record add work_log unit=321204001001 day=2027-03-01 content=入户走访 --as "$V" >/dev/null || zz_fail "work log"
ev_refused '2027-03-02 09:00:00' "已有" record add work_log unit=321204001001 day=2027-03-01 content=again --as "$V"

ev_log "社情民意: the village reports it up; only the unit holding it may (R-AC-1: others see no record)"
s=$(at record add sqmy day=2027-03-01 kind=3 title=路灯不亮 content=村口路灯坏了一周 up_to=321204 --as "$V" | idof) ||
	zz_fail "sqmy"
at record get sqmy "$s" --as "$V" >"$EV_T/s0"
ev_lacks "$EV_T/s0" "^上报至	.*321204"
ev_refused '2027-03-02 09:05:00' "只有该单位可以上报" office up sqmy "$s" --as "$T"
ev_refused '2027-03-02 09:05:00' "没有社情民意 $s" office up sqmy "$s" --as village2
ev_at '2027-03-02 09:10:00' office up sqmy "$s" --as "$V" >"$EV_T/up" || zz_fail "report up"
ev_has "$EV_T/up" "已上报至 321204001 三水街道"
ev_refused '2027-03-02 09:11:00' "现在由.*三水街道掌握" office up sqmy "$s" --as "$V"
ev_at '2027-03-02 09:12:00' todo --as "$T" >"$EV_T/todo"
ev_has "$EV_T/todo" "社情民意上报待阅：路灯不亮（桥头社区）"
ev_at '2027-03-02 09:12:00' office inbox sqmy --as "$T" >"$EV_T/inbox"
ev_has "$EV_T/inbox" "^$s	路灯不亮	桥头社区	未读"
ev_at '2027-03-02 09:13:00' office open sqmy "$s" --as "$T" >/dev/null || zz_fail "open"
ev_at '2027-03-02 09:14:00' todo --as "$T" >"$EV_T/todo"
ev_lacks "$EV_T/todo" "路灯不亮"
ev_at '2027-03-02 09:15:00' office up sqmy "$s" --as "$T" >"$EV_T/up" || zz_fail "report up again"
ev_has "$EV_T/up" "已上报至 321204 姜堰区"
ev_at '2027-03-02 09:16:00' audit show --as auditor --user "$T" >"$EV_T/audit"
ev_has "$EV_T/audit" "	report_up	sqmy:$s	ok	由 321204001 上报至 .*（321204）"
ev_has "$EV_T/audit" "	receipt	sqmy:$s	ok	上报至本单位，已阅"

ev_log "意见建议: to a center above; answered by that center only; the reply is not typed in the form"
ev_refused '2027-03-02 10:00:00' "不是本单位的上级单位" record add suggestion to=321204002 title=x content=y --as "$V"
g=$(ev_at '2027-03-02 10:00:00' record add suggestion to=321204001 title=增设调解室 content=建议在村里设调解室 \
	--as "$V" | idof) || zz_fail "suggestion"
ev_at '2027-03-02 10:01:00' todo --as "$T" >"$EV_T/todo"
ev_has "$EV_T/todo" "意见建议待答复：增设调解室（桥头社区）"
ev_refused '2027-03-02 10:02:00' "不是提交给本单位的" office reply suggestion "$g" --text 同意 --as county
ev_refused '2027-03-02 10:02:00' "不是提交给本单位的" office reply suggestion "$g" --text 同意 --as "$V"
ev_refused '2027-03-02 10:02:00' "请填写答复意见" office reply suggestion "$g" --as "$T"
ev_at '2027-03-02 10:03:00' office reply suggestion "$g" --text 同意，下月建成 --as "$T" >/dev/null || zz_fail "reply"
ev_at '2027-03-02 10:04:00' record update suggestion "$g" reply=改写 --as "$V" >/dev/null
ev_at '2027-03-02 10:05:00' record get suggestion "$g" --as "$V" >"$EV_T/g"
ev_has "$EV_T/g" "^答复意见	同意，下月建成"
ev_at '2027-03-02 10:05:00' todo --as "$T" >"$EV_T/todo"
ev_lacks "$EV_T/todo" "增设调解室"

ev_log "公文: the county sends to two townships; receipts"
ev_refused '2027-03-02 11:00:00' "不是本单位的下级单位" record add document kind=1 title=x to=321204001,3212 content=y --as county
d=$(ev_at '2027-03-02 11:00:00' record add document kind=1 doc_no=姜综治〔2027〕3号 title=关于开展平安创建的通知 \
	to=321204001,321204002 content=各街道： --as county | idof) || zz_fail "document"
ev_at '2027-03-02 11:01:00' office receipts document "$d" --as county >"$EV_T/r"
ev_has "$EV_T/r" "2 个接收单位，0 个已阅"
ev_at '2027-03-02 11:01:00' todo --as "$T" >"$EV_T/todo"
ev_has "$EV_T/todo" "公文与文件待阅：关于开展平安创建的通知（姜堰区）"
ev_refused '2027-03-02 11:02:00' "没有公文与文件 $d" office open document "$d" --as "$V"
ev_refused '2027-03-02 11:02:00' "没有公文与文件 $d" office receipts document "$d" --as "$T"
ev_at '2027-03-02 11:03:00' office open document "$d" --as "$T" >"$EV_T/open" || zz_fail "open document"
ev_has "$EV_T/open" "^标题	关于开展平安创建的通知"
ev_at '2027-03-02 11:30:00' office open document "$d" --as "$T" >/dev/null || zz_fail "open again"
ev_at '2027-03-02 11:31:00' office receipts document "$d" --as county >"$EV_T/r"
ev_has "$EV_T/r" "^321204001	三水街道	2027-03-02 11:03:00	"
ev_has "$EV_T/r" "^321204002	罗塘街道	未读"
ev_has "$EV_T/r" "2 个接收单位，1 个已阅"
ev_at '2027-03-02 11:31:00' todo --as "$T" >"$EV_T/todo"
ev_lacks "$EV_T/todo" "关于开展平安创建的通知"
ev_at '2027-03-02 11:31:00' office inbox document --as "$T2" >"$EV_T/inbox"
ev_has "$EV_T/inbox" "^$d	关于开展平安创建的通知	姜堰区	未读"
ev_at '2027-03-02 11:32:00' audit show --as auditor --user "$T" >"$EV_T/audit"
[ "$(grep -c "	receipt	document:$d	ok" "$EV_T/audit")" = 1 ] || { cat "$EV_T/audit"; zz_fail "one receipt audited"; }
echo ok
