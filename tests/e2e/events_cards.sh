#!/bin/sh
# Yellow and red cards under libfaketime (R-EV-4, R-EV-5, R-EV-6, R-WD-1, R-WD-2): deadlines in
# working days across a public holiday, once-only deductions, a red card replacing the yellow,
# extensions moving the handling deadline.
. "$(dirname "$0")/lib.sh"
# The demo's own open events, dated from the moment the home is made, must fall due after this
# script's days (February to May 2026), or their cards count in the same units' scores: made on
# 1 March 2026 (ZZ_SUITE_TIME), 桥头社区 lost points during 清明.
EV_INIT_TIME='2026-09-01 09:00:00'
ev_setup
V1=321204001001 V2=321204001002 V3=321204001003 V4=321204001004

ev_log "R-WD-1: the make-up Saturday 2026-02-14 before 春节 is a working day"
V5=321204001005
e=$(ev_new '2026-02-13 15:00:00' u321204001005.office "春节前登记的纠纷")
ev_daemon '2026-02-14 14:59:00'
[ "$(ev_score $V5 2026)" = 100 ] || zz_fail "card before the make-up day ended"
ev_daemon '2026-02-14 15:00:00'
[ "$(ev_score $V5 2026)" = 98 ] || zz_fail "no yellow card on the make-up working day"
ev_daemon '2026-02-23 23:00:00'
[ "$(ev_score $V5 2026)" = 98 ] || zz_fail "a red card fell during 春节"
ev_daemon '2026-02-24 15:00:00'
[ "$(ev_score $V5 2026)" = 95 ] || zz_fail "no red card on 2.24"

ev_log "R-WD-2: registered on a holiday counts from the start of the next working day"
f=$(ev_new '2026-05-02 10:00:00' u321204001005.office "假日登记的纠纷")
ev_at '2026-05-02 10:00:00' event show "$f" --as county >"$EV_T/show"
ev_has "$EV_T/show" "受理时限（黄牌）	2026-05-07 00:00:00"

ev_log "R-EV-4 / R-WD-2: registered Friday 2026-04-03 15:00, before 清明 (4.4-4.6)"
a=$(ev_new '2026-04-03 15:00:00' village "周五下午登记的纠纷")
b=$(ev_new '2026-04-03 15:05:00' village2 "按时受理的纠纷")
ev_daemon '2026-04-04 12:00:00'
ev_daemon '2026-04-06 23:59:00'
ev_daemon '2026-04-07 14:59:00'
ev_at '2026-04-07 14:59:00' event show "$a" --as county >"$EV_T/show"
ev_lacks "$EV_T/show" "督办牌"
[ "$(ev_score $V1 2026)" = 100 ] || zz_fail "a card fell during the holiday"
ev_has "$EV_T/show" "受理时限（黄牌）	2026-04-07 15:00:00	今日 15:00 到期"

ev_log "accepted in time (Tuesday morning, within one working day after the holiday): no card ever"
ev_at '2026-04-07 10:00:00' event accept "$b" --as village2 >/dev/null || zz_fail "accept"
ev_at '2026-04-09 10:00:00' event feedback "$b" --as village2 --comment x 2>"$EV_T/err" && zz_fail "feedback without assigner"
ev_has "$EV_T/err" "不是交办的事件"
ev_at '2026-04-10 10:00:00' event close "$b" --as village2 --result "调解成功" >/dev/null || zz_fail "close"

ev_log "R-EV-4: never accepted: yellow at 4.7 15:00, red at 4.8 15:00; a stage costs 5, not 7"
ev_daemon '2026-04-07 15:00:00'
[ "$(ev_score $V1 2026)" = 98 ] || zz_fail "yellow card: expected 98, got $(ev_score $V1 2026)"
ev_at '2026-04-07 15:01:00' event show "$a" --as county >"$EV_T/show"
ev_has "$EV_T/show" "督办牌	受理黄牌	桥头社区"
ev_daemon '2026-04-07 18:00:00'
ev_daemon '2026-04-07 18:00:00'
[ "$(ev_score $V1 2026)" = 98 ] || zz_fail "the daemon run again deducted again"
ev_daemon '2026-04-08 15:00:00'
ev_daemon '2026-04-08 15:00:00'
[ "$(ev_score $V1 2026)" = 95 ] || zz_fail "red card: expected 95 (5 not 7), got $(ev_score $V1 2026)"
"$ZZ" -c "$EV_CONF" --home "$EV_HOME" score --unit $V1 --year 2026 --as county >"$EV_T/score"
[ "$(grep -c "^$a	" "$EV_T/score")" = 1 ] || { cat "$EV_T/score"; zz_fail "one deduction row per stage"; }
ev_has "$EV_T/score" "^$a	受理红牌	5	2026-04-08 15:00:00"
[ "$(ev_score $V2 2026)" = 100 ] || zz_fail "the unit that accepted in time lost points"

ev_log "R-EV-5: the handling stage is separate: yellow after 5, red after 10 working days"
ev_daemon '2026-04-13 15:00:00'
[ "$(ev_score $V1 2026)" = 93 ] || zz_fail "handling yellow: expected 93, got $(ev_score $V1 2026)"
ev_daemon '2026-04-21 09:00:00'
ev_daemon '2026-04-21 09:00:00'
[ "$(ev_score $V1 2026)" = 90 ] || zz_fail "handling red: expected 90, got $(ev_score $V1 2026)"
"$ZZ" -c "$EV_CONF" --home "$EV_HOME" score --year 2026 --as county >"$EV_T/table"
ev_has "$EV_T/table" "^$V1	桥头社区	90	10	0	2"
ev_has "$EV_T/table" "^$V2	东港村	100	0	0	0"

ev_log "a daemon that was stopped past both deadlines gives the red card only"
c=$(ev_new '2026-04-20 09:00:00' u321204001003.office "无人受理的纠纷")
ev_daemon '2026-04-24 09:00:00'
[ "$(ev_score $V3 2026)" = 95 ] || zz_fail "late daemon: expected 95, got $(ev_score $V3 2026)"

ev_log "R-EV-4: accepted after the deadline, before the daemon's next pass: the card is still given"
V6=321204001006
g=$(ev_new '2026-04-20 09:00:00' u321204001006.office "迟到受理的纠纷")
ev_at '2026-04-21 11:00:00' event accept "$g" --as u321204001006.office >/dev/null || zz_fail "late accept"
[ "$(ev_score $V6 2026)" = 98 ] || zz_fail "late accept: expected 98, got $(ev_score $V6 2026)"
ev_at '2026-04-21 11:05:00' event show "$g" --as county >"$EV_T/show"
ev_has "$EV_T/show" "受理	[^	]*	[^	]*		[^	]*	受理超时（已黄牌）"
ev_daemon '2026-04-24 09:00:00'
[ "$(ev_score $V6 2026)" = 98 ] || zz_fail "the accepted event's stage was carded again"

ev_log "R-EV-5: a granted extension moves the handling deadline"
d=$(ev_new '2026-04-20 09:00:00' town "需要延期的纠纷")
ev_at '2026-04-20 09:30:00' event accept "$d" --as town >/dev/null || zz_fail "accept"
ev_at '2026-04-20 10:00:00' event assign "$d" --as town --to $V4 --comment "请南庄村办理" >/dev/null || zz_fail "assign"
ev_at '2026-04-20 11:00:00' event accept "$d" --as u321204001004.office >/dev/null || zz_fail "accept"
ev_refused '2026-04-21 09:00:00' "1 到 10" event extend "$d" --as u321204001004.office --days 11 --comment "需鉴定"
ev_at '2026-04-21 09:00:00' event extend "$d" --as u321204001004.office --days 3 --comment "需鉴定" >/dev/null ||
	zz_fail "extend"
ev_refused '2026-04-21 10:00:00' "没有事件 $d$" event extend "$d" --as village --grant
ev_refused '2026-04-21 10:00:00' "只有交办单位或上级单位（三水街道）" event extend "$d" --as county --grant
ev_at '2026-04-21 10:00:00' todo --as town >"$EV_T/todo"
ev_has "$EV_T/todo" "延期申请待审批 #$d"
ev_at '2026-04-21 10:00:00' event extend "$d" --as town --grant >/dev/null || zz_fail "grant"
ev_at '2026-04-21 10:05:00' event show "$d" --as u321204001004.office >"$EV_T/show"
# Reached 南庄村 4.20 10:00: + 5 working days is 4.27; with 3 more it is 4.30 (5.1-5.5 is 劳动节).
ev_has "$EV_T/show" "办理时限（黄牌）	2026-04-30 10:00:00"
ev_has "$EV_T/show" "已延期	3 个工作日"
ev_daemon '2026-04-27 12:00:00'
ev_daemon '2026-04-30 09:59:00'
[ "$(ev_score $V4 2026)" = 100 ] || zz_fail "a card fell before the extended deadline"
ev_daemon '2026-04-30 10:00:00'
[ "$(ev_score $V4 2026)" = 98 ] || zz_fail "no yellow card at the extended deadline"
ev_at '2026-04-30 12:00:00' todo --as u321204001004.office >"$EV_T/todo"
ev_has "$EV_T/todo" "^黄牌	[^	]*	event	dispute_event:$d	待办理反馈 #$d 需要延期的纠纷，办理已黄牌，红牌剩 5 个工作日"
[ "$(ev_score 321204001 2026)" = 100 ] || zz_fail "the assigning township lost points"

ev_log "the leader's digest counts every unit that has a card this year, not only the first"
"$ZZ" -c "$EV_CONF" --home "$EV_HOME" score --year 2026 --as county >"$EV_T/table"
carded=$(awk -F'\t' 'NR > 1 && $4 > 0' "$EV_T/table" | wc -l)
[ "$carded" -ge 3 ] || { cat "$EV_T/table"; zz_fail "expected cards on several units, got $carded"; }
ev_at '2026-04-30 12:00:00' todo --as leader >"$EV_T/todo"
ev_has "$EV_T/todo" "督办牌：.*涉及 $carded 个单位"
echo "ok"
