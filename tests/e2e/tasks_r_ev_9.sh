#!/bin/sh
# Tasks and directives with supervision (R-EV-9; standard 8.2.1, 8.2.2, 8.4.1, 6.4.3.5): a census
# (专项普查) issued by the county to two townships; one signs off late (yellow card and points,
# then a red card replacing the yellow), the other signs, feeds back with the records it touched
# and is evaluated 满意; the county puts the task under supervision; who sees what; refusals.
. "$(dirname "$0")/lib.sh"
ev_setup
T1=321204001 T2=321204002

ev_log "a record of 罗塘街道's subtree for the census to name"
e=$(ev_new '2026-03-02 08:00:00' u321204002001.office "普查到的纠纷")
s1=$(ev_score $T1 2026)
s2=$(ev_score $T2 2026)

ev_log "issue: Monday 2026-03-02 09:00, sign-off within 1 working day (conf/tasks.cfg), done within 5"
ev_refused '2026-03-02 09:00:00' "不是本单位的下级单位" task new --as town --kind census --title x --text y --to $T2
ev_refused '2026-03-02 09:00:00' "请填写任务标题" task new --as county --kind census --text y --to $T1
t=$(ev_at '2026-03-02 09:00:00' task new --as county --kind census --title "矛盾纠纷专项普查" \
	--text "普查辖区内的矛盾纠纷" --to $T1,$T2 --type dispute_event --days 5) || zz_fail "task new"
ev_at '2026-03-02 09:01:00' task show "$t" --as county >"$EV_T/show"
ev_has "$EV_T/show" "签收时限	2026-03-03 09:00:00"
ev_has "$EV_T/show" "办结时限	2026-03-09 09:00:00"

ev_log "receivers see their own task; a unit outside it does not (same answer as no task)"
ev_at '2026-03-02 09:05:00' task list --as town >"$EV_T/list"
ev_has "$EV_T/list" "矛盾纠纷专项普查	姜堰区	2026-03-02 09:00:00	待签收"
ev_refused '2026-03-02 09:05:00' "没有任务 $t" task show "$t" --as village2
ev_refused '2026-03-02 09:05:00' "没有任务 $t" task sign "$t" --as u321204003.office
ev_at '2026-03-02 09:05:00' todo --as town >"$EV_T/todo"
ev_has "$EV_T/todo" "任务待签收 #$t 矛盾纠纷专项普查"

ev_log "罗塘街道 signs off in time, feeds back with the record, and is evaluated 满意"
ev_at '2026-03-02 10:00:00' task sign "$t" --as u321204002.office >/dev/null || zz_fail "sign"
ev_refused '2026-03-02 10:01:00' "不能签收" task sign "$t" --as u321204002.office
ev_refused '2026-03-02 10:02:00' "请写明核实或普查涉及的记录" task feedback "$t" --as u321204002.office --comment "普查完毕"
ev_refused '2026-03-02 10:02:00' "本单位范围内没有记录" task feedback "$t" --as u321204002.office --comment "普查完毕" --records dispute_event:999999
ev_at '2026-03-02 16:00:00' task feedback "$t" --as u321204002.office --comment "普查完毕，发现纠纷 1 件" \
	--records "dispute_event:$e" >/dev/null || zz_fail "feedback"
ev_at '2026-03-02 16:05:00' todo --as county >"$EV_T/todo"
ev_has "$EV_T/todo" "任务反馈待评价 #$t 矛盾纠纷专项普查：1 个单位"
ev_refused '2026-03-02 16:10:00' "只有下发单位可以评价" task evaluate "$t" --as u321204002.office --unit $T2 --eval 满意
ev_at '2026-03-02 16:10:00' task evaluate "$t" --as county --unit $T2 --eval 满意 >"$EV_T/out" || zz_fail "evaluate"
ev_has "$EV_T/out" "已办结"

ev_log "三水街道 does not sign off: yellow at 3.3 09:00, red at 3.5 09:00 (replacing the yellow)"
ev_daemon '2026-03-03 08:59:00'
[ "$(ev_score $T1 2026)" = "$s1" ] || zz_fail "a card before the sign-off deadline"
ev_daemon '2026-03-03 09:00:00'
[ "$(ev_score $T1 2026)" = "$((s1 - 1))" ] || zz_fail "yellow card: expected $((s1 - 1)), got $(ev_score $T1 2026)"
ev_daemon '2026-03-03 12:00:00'
[ "$(ev_score $T1 2026)" = "$((s1 - 1))" ] || zz_fail "the daemon run again deducted again"

ev_log "R-EV-9: the county puts the task under supervision"
ev_refused '2026-03-04 09:00:00' "只有下发单位及其上级可以督办" task supervise "$t" --as town --comment x
ev_refused '2026-03-04 09:00:00' "请填写意见" task supervise "$t" --as county
ev_at '2026-03-04 09:00:00' task supervise "$t" --as county --comment "三水街道尽快签收并开展普查" >/dev/null ||
	zz_fail "supervise"
ev_daemon '2026-03-05 09:00:00'
[ "$(ev_score $T1 2026)" = "$((s1 - 3))" ] || zz_fail "red card: expected $((s1 - 3)), got $(ev_score $T1 2026)"
[ "$(ev_score $T2 2026)" = "$s2" ] || zz_fail "罗塘街道 lost points"

ev_log "the issuer sees every receiver's progress and the timeline"
ev_at '2026-03-05 10:00:00' task show "$t" --as county >"$EV_T/show"
ev_has "$EV_T/show" "督办	1 次"
ev_has "$EV_T/show" "$T1	三水街道	待签收	-	-	签收红牌	3"
ev_has "$EV_T/show" "$T2	罗塘街道	已办结	2026-03-02 10:00:00	2026-03-02 16:00:00	-	0	满意	dispute_event:$e"
ev_has "$EV_T/show" "督办牌	三水街道	系统	三水街道	签收超时（时限 2026-03-03 09:00:00），系统黄牌督办，扣 1 分"
ev_has "$EV_T/show" "扣 3 分（替代黄牌）"
ev_has "$EV_T/show" "督办	姜堰区	.*三水街道尽快签收并开展普查"
ev_at '2026-03-05 10:00:00' task list --as leader >"$EV_T/list"
ev_has "$EV_T/list" "1/2 办结"

ev_log "a receiver sees only its own row"
ev_at '2026-03-05 10:00:00' task show "$t" --as town >"$EV_T/show"
ev_lacks "$EV_T/show" "罗塘街道"

ev_log "every step is in the audit log"
"$ZZ" -c "$EV_CONF" --home "$EV_HOME" audit show --as auditor >"$EV_T/audit" 2>&1 || zz_fail "audit list"
for k in task_new task_sign task_feedback task_evaluate task_supervise task_card; do
	ev_has "$EV_T/audit" "$k"
done
echo "OK tasks_r_ev_9"
