#!/bin/sh
# The life of an event through the command line, as the accounts of the units (R-EV-1, R-EV-2,
# R-EV-3, R-EV-9): a village registers and reports up, the township assigns it to another village,
# which accepts, handles and feeds back, and the township closes it; the timeline shows every step.
# (The same scenario over SSH and the UI needs the server and the screens; see the report.)
. "$(dirname "$0")/lib.sh"
ev_setup
T0='2026-03-16 09:00:00'

ev_log "R-EV-1: register at the village; bad input refused with the field named"
ev_refused "$T0" "涉及人数" event new --as village --title "宅基地纠纷" --category 03 --scale 0 --place 甲 --description 乙
ev_refused "$T0" "事件类别" event new --as village --title "宅基地纠纷" --category 不存在 --scale 2 --place 甲 --description 乙
ev_refused "$T0" "事件描述" event new --as village --title "宅基地纠纷" --category 03 --scale 2 --place 甲
ev_refused "$T0" "只能在本单位" event new --as village --unit 321204001002 --title "宅基地纠纷" --category 03 \
	--scale 2 --place 甲 --description 乙
ev_refused "$T0" "只能通过事件登记" record add dispute_event --as village title=宅基地纠纷 category=03 urgency=1 \
	"occurred=2026-03-16 09:00" scale=2 place=甲 description=乙
ev_refused "$T0" "无权新增" event new --as leader --title "宅基地纠纷" --category 03 --scale 2 --place 甲 --description 乙
id=$(ev_new "$T0" village "宅基地界址纠纷" --category 房屋宅基地纠纷 --comment "村民来访反映")
[ "$id" -gt 0 ] 2>/dev/null || zz_fail "no event id"
ev_refused "$T0" "只有事件所在单位（桥头社区）可以受理" event accept "$id" --as town
# Outside the account's scope an event is no event: the same answer as for an id never used.
ev_refused "$T0" "没有事件 $id$" event show "$id" --as village2
ev_refused "$T0" "没有事件 99999$" event show 99999 --as village2
ev_refused "$T0" "可以越级上报" event report "$id" --as village --to 321204
ev_refused "$T0" "事件当前为“待受理”，不能办理" event handle "$id" --as village --comment x
ev_refused "$T0" "不能删除" record delete dispute_event "$id" --as village

ev_log "R-EV-1: report up to the township; the township accepts and assigns to 东港村"
ev_at '2026-03-16 09:10:00' event report "$id" --as village --comment "需街道协调" >/dev/null || zz_fail report
ev_at '2026-03-16 09:20:00' todo --as town >"$EV_T/todo"
ev_has "$EV_T/todo" "待受理 #$id 宅基地界址纠纷，受理黄牌剩 1 个工作日、红牌剩 2 个工作日"
ev_refused '2026-03-16 09:30:00' "待受理”，不能交办" event assign "$id" --as town --to 321204001002
ev_at '2026-03-16 09:30:00' event accept "$id" --as town >/dev/null || zz_fail accept
ev_refused '2026-03-16 09:35:00' "单位 321205 不存在" event assign "$id" --as town --to 321205
ev_refused '2026-03-16 09:35:00' "不是三水街道的下级单位或成员单位" event assign "$id" --as town --to 321204
ev_at '2026-03-16 09:40:00' event assign "$id" --as town --to 321204001002 --comment "请东港村调解" >"$EV_T/out" ||
	zz_fail assign
ev_has "$EV_T/out" "待受理	东港村"
# 东港村 now sees it; 桥头社区, which reported it, still sees it (R-AC-1: it held the event).
ev_at '2026-03-16 09:45:00' event show "$id" --as village >/dev/null || zz_fail "the reporting village lost sight of it"
ev_at '2026-03-16 09:45:00' event list --as village2 --held >"$EV_T/list"
ev_has "$EV_T/list" "^$id	待受理	东港村"
# --open: the reporting village's list of events not closed keeps it, held elsewhere now.
ev_at '2026-03-16 09:45:00' event list --as village --open >"$EV_T/list"
ev_has "$EV_T/list" "^$id	待受理	东港村"
ev_refused '2026-03-16 09:45:00' "不能与 --state closed 同用" event list --as village --open --state closed

ev_log "R-EV-1: 东港村 accepts, handles, may not close what was assigned, feeds back"
ev_at '2026-03-17 08:30:00' event accept "$id" --as village2 --comment "已签收" >/dev/null || zz_fail accept2
ev_at '2026-03-17 15:00:00' event handle "$id" --as village2 --comment "约双方到村调委会面谈" >/dev/null || zz_fail handle
ev_refused '2026-03-18 09:00:00' "三水街道交办的事件" event close "$id" --as village2 --result x
ev_refused '2026-03-18 09:00:00' "需要填写办理情况和结果" event feedback "$id" --as village2
ev_at '2026-03-18 10:00:00' event feedback "$id" --as village2 --comment "双方签订调解协议" >/dev/null || zz_fail feedback

ev_log "R-EV-9: the county supervises; the township closes; the county evaluates"
ev_at '2026-03-18 11:00:00' event supervise "$id" --as county --comment "请尽快办结" >/dev/null || zz_fail supervise
ev_refused '2026-03-18 11:00:00' "上级单位可以督办" event supervise "$id" --as town --comment x
ev_at '2026-03-18 14:00:00' event close "$id" --as town --result "调解成功，已履行" >/dev/null || zz_fail close
ev_at '2026-03-18 14:00:00' event list --as village --open >"$EV_T/list"
ev_lacks "$EV_T/list" "^$id	"
ev_at '2026-03-18 14:00:00' event list --as village >"$EV_T/list"
ev_has "$EV_T/list" "^$id	已结案"
ev_refused '2026-03-18 14:30:00' "督办评价应为" event supervise "$id" --as county --eval 很好
ev_at '2026-03-18 15:00:00' event supervise "$id" --as county --eval 满意 --comment "处置及时" >/dev/null || zz_fail eval

ev_log "the timeline shows every step, in order, with unit, person, destination and comment"
ev_at '2026-03-18 16:00:00' event show "$id" --as village >"$EV_T/show"
ev_has "$EV_T/show" "^状态	已结案"
ev_has "$EV_T/show" "^督办单位	姜堰区"
ev_has "$EV_T/show" "^1	2026-03-16 09:00:00	新增	桥头社区	.*	村民来访反映"
ev_has "$EV_T/show" "^2	2026-03-16 09:10:00	上报	桥头社区	.*	三水街道	需街道协调	受理按时；办理按时"
ev_has "$EV_T/show" "^3	2026-03-16 09:30:00	受理	三水街道"
ev_has "$EV_T/show" "^4	2026-03-16 09:40:00	交办	三水街道	.*	东港村	请东港村调解"
ev_has "$EV_T/show" "^5	2026-03-17 08:30:00	受理	东港村	.*	已签收	受理按时"
# R-EV-5 (6.4.3.9, events.handle.opinion_stops): the first 办理 opinion meets the handling stage.
ev_has "$EV_T/show" "^6	2026-03-17 15:00:00	办理	东港村	.*	约双方到村调委会面谈	办理按时"
ev_has "$EV_T/show" "^7	2026-03-18 10:00:00	反馈	东港村	.*	三水街道	双方签订调解协议	*$"
ev_has "$EV_T/show" "^8	2026-03-18 11:00:00	督办	姜堰区	.*	请尽快办结"
ev_has "$EV_T/show" "^9	2026-03-18 14:00:00	结案	三水街道	.*	调解成功，已履行"
ev_has "$EV_T/show" "^10	2026-03-18 15:00:00	督办评价	姜堰区	.*	处置及时	评价：满意"
[ "$(grep -c '^[0-9]*	2026-' "$EV_T/show")" = 10 ] || zz_fail "timeline should have 10 steps"
"$ZZ" -c "$EV_CONF" --home "$EV_HOME" audit show --as auditor --user village2 >"$EV_T/audit"
ev_has "$EV_T/audit" "event_feedback"

ev_log "R-EV-3: on-the-spot handling: registered and closed at once"
s=$(ev_new '2026-03-19 09:00:00' village "当场化解的纠纷")
ev_at '2026-03-19 09:20:00' event close "$s" --as village --result "当场调解" >"$EV_T/out" || zz_fail "on the spot"
ev_has "$EV_T/out" "已结案"

ev_log "R-EV-2: an urgent event skips the township to the county; the county returns it"
u=$(ev_new '2026-03-19 10:00:00' village "群体聚集苗头" --urgency 紧急 --scale 40)
ev_refused '2026-03-19 10:05:00' "直接上级" event report "$u" --as village --to 321204001
ev_at '2026-03-19 10:05:00' event report "$u" --as village --to 321204 --comment "紧急，越级上报" >"$EV_T/out" ||
	zz_fail skip
ev_has "$EV_T/out" "待受理	姜堰区"
ev_at '2026-03-19 10:30:00' todo --as county >"$EV_T/todo"
ev_has "$EV_T/todo" "待受理 #$u 群体聚集苗头"
ev_at '2026-03-19 11:00:00' event return "$u" --as county --comment "请先由街道处置" >"$EV_T/out" || zz_fail return
ev_has "$EV_T/out" "待受理	桥头社区"
ev_at '2026-03-19 11:05:00' event show "$u" --as village >"$EV_T/show"
ev_has "$EV_T/show" "^来源	被回退：姜堰区"

ev_log "a member department handles what the township assigns to it"
p=$(ev_new '2026-03-19 13:00:00' town "涉法纠纷")
ev_at '2026-03-19 13:10:00' event accept "$p" --as town >/dev/null || zz_fail accept
ev_at '2026-03-19 13:20:00' event assign "$p" --as town --to 321204001-justice --comment "请司法所调处" >/dev/null ||
	zz_fail "assign to department"
ev_at '2026-03-19 14:00:00' event accept "$p" --as u321204001.justice >/dev/null || zz_fail "department accepts"
ev_at '2026-03-19 15:00:00' event feedback "$p" --as u321204001.justice --comment "已调处" >/dev/null ||
	zz_fail "department feeds back"

ev_log "lists and the working-day explanation"
ev_at '2026-03-19 16:00:00' event list --as county --state closed >"$EV_T/list"
ev_has "$EV_T/list" "^$id	已结案	三水街道"
ev_has "$EV_T/list" "^$s	已结案	桥头社区"
ev_lacks "$EV_T/list" "^$u	"
"$ZZ" -c "$EV_CONF" --home "$EV_HOME" calendar explain "2026-09-30 16:00" +1 >"$EV_T/cal"
ev_has "$EV_T/cal" "时限为 2026-10-08 16:00:00"
ev_has "$EV_T/cal" "^2026-10-01	周四	节假日	国庆节"
ev_has "$EV_T/cal" "^2026-10-08	周四	工作日		1"
echo ok
