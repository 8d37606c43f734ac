#!/bin/sh
# R-EV-8 (6.4.3.7) mass incidents (群体性事件): registering one is its first report of the outline,
# due within events.mass.first_hours of the incident (late: a yellow card and points); 续报 are
# added to the same event until it is closed, by the place of the incident or the unit holding it;
# every working day while it is open without a 续报 costs a card (rule mass_daily).
. "$(dirname "$0")/lib.sh"
ev_setup
V1=321204001001

ev_daemon '2026-04-01 08:00:00'
ev_log "R-EV-8: a mass incident registered 1 hour after it happened: in time, no card"
id=$(ev_new '2026-04-01 10:00:00' village "桥头社区村民聚集讨薪" --kind 2 --occurred '2026-04-01 09:00:00' --scale 60)
ev_at '2026-04-01 10:01:00' event show "$id" --as village >"$EV_T/show"
ev_has "$EV_T/show" "事件性质	群体性事件"
ev_lacks "$EV_T/show" "首报"
ev_log "R-EV-8: a late first report (4 hours after) gets its yellow card and costs 2 points"
late=$(ev_new '2026-04-01 10:00:00' village "桥头社区道路堵塞" --kind 2 --occurred '2026-04-01 06:00:00' --scale 30)
ev_at '2026-04-01 10:01:00' event show "$late" --as village >"$EV_T/show"
ev_has "$EV_T/show" "督办牌	首报黄牌	.*群体性事件首报超时（发生后 2 小时内应报送概况，时限 2026-04-01 08:00:00），系统黄牌督办，扣 2 分"
"$ZZ" -c "$EV_CONF" --home "$EV_HOME" score --unit $V1 --year 2026 --as county >"$EV_T/score" || zz_fail "score"
ev_has "$EV_T/score" "^$late	首报黄牌	2	2026-04-01 08:00:00	2026-04-01 10:00:00	桥头社区道路堵塞"
ev_lacks "$EV_T/score" "^$id	"
# The card is the event's like any other: the list shows it, and the statistics count the event as
# an overdue one (the bulletin's 事件超期 column and the forms' overdue rows).
ev_at '2026-04-01 10:02:00' event list --as village >"$EV_T/list"
ev_has "$EV_T/list" "^$late	.*	首报黄牌	桥头社区道路堵塞"
ev_has "$EV_T/list" "^$id	.*	-	桥头社区村民聚集讨薪"
ev_at '2026-04-01 10:03:00' bulletin make --month 2026-04 --as town >"$EV_T/bulletin"
col=$(head -2 "$EV_T/bulletin" | tail -1 | tr '\t' '\n' | grep -n "^事件超期$" | cut -d: -f1)
[ -n "$col" ] || { cat "$EV_T/bulletin"; zz_fail "the bulletin has no 事件超期 column"; }
[ "$(awk -F'\t' -v u=$V1 -v c="$col" '$2 == u { print $c }' "$EV_T/bulletin")" = 1 ] ||
	{ cat "$EV_T/bulletin"; zz_fail "the late mass incident is one overdue event of $V1"; }

ev_log "R-EV-8: an ordinary dispute has no 续报"
plain=$(ev_new '2026-04-01 10:00:00' village "普通纠纷")
ev_refused '2026-04-01 10:05:00' "只有群体性事件才能续报" event followup "$plain" --as village --comment "x"
ev_refused '2026-04-01 10:05:00' "续报需要填写续报内容" event followup "$id" --as village

ev_log "R-EV-8: reported up to the township; 续报 by the village (the place) and by the township (holder)"
ev_at '2026-04-01 11:00:00' event report "$id" --as village --comment "概况已报" >/dev/null || zz_fail report
ev_at '2026-04-01 11:30:00' event accept "$id" --as town >/dev/null || zz_fail accept
ev_at '2026-04-02 09:00:00' todo --as village >"$EV_T/todo"
ev_has "$EV_T/todo" "群体性事件 #$id 桥头社区村民聚集讨薪 今日（2026-04-02）尚未续报"
ev_at '2026-04-02 10:00:00' event followup "$id" --as village --comment "续报一：聚集人数降至 20 人，劳资双方已对话" >/dev/null ||
	zz_fail "followup by the village"
ev_at '2026-04-02 15:00:00' event followup "$id" --as town --comment "续报二：街道已垫付部分工资，现场秩序正常" >/dev/null ||
	zz_fail "followup by the township"
ev_refused '2026-04-02 15:10:00' "只有事件所在单位（三水街道）或登记单位（.*）可以续报" event followup "$id" --as county --comment "x"
ev_refused '2026-04-02 15:10:00' "没有事件 $id$" event followup "$id" --as village2 --comment "x"
ev_at '2026-04-02 16:00:00' todo --as village >"$EV_T/todo"
ev_lacks "$EV_T/todo" "群体性事件 #$id .*尚未续报"
ev_has "$EV_T/todo" "群体性事件 #$late .*尚未续报"
ev_at '2026-04-02 16:00:00' event show "$id" --as town >"$EV_T/show"
ev_has "$EV_T/show" "	续报	.*续报一：聚集人数降至 20 人"
ev_has "$EV_T/show" "	续报	.*续报二：街道已垫付部分工资"
ev_has "$EV_T/show" "可执行操作	.*续报(followup)"
ev_at '2026-04-02 16:00:00' event show "$id" --as village >"$EV_T/show"
ev_has "$EV_T/show" "可执行操作	续报(followup)"

ev_log "R-EV-8: Thursday had its 续报; Friday 4.3 had none (a card); the holiday 4.4-4.6 owes none"
ev_daemon '2026-04-03 00:05:00'
ev_at '2026-04-03 00:06:00' event show "$id" --as town >"$EV_T/show"
ev_lacks "$EV_T/show" "续报黄牌"
ev_daemon '2026-04-07 08:00:00'
ev_daemon '2026-04-07 08:05:00'
ev_at '2026-04-07 08:10:00' event show "$id" --as town >"$EV_T/show"
ev_has "$EV_T/show" "督办牌	续报黄牌	.*群体性事件 2026-04-03 未续报"
[ "$(grep -c "续报黄牌" "$EV_T/show")" = 2 ] || zz_fail "one card (listed twice: card and step) expected"
ev_lacks "$EV_T/show" "2026-04-0[456] 未续报"
# The daily cards moved the counters as a rebuild from the events would (stats.db).
"$ZZ" -c "$EV_CONF" --home "$EV_HOME" stats verify >"$EV_T/sv" 2>&1 || { cat "$EV_T/sv"; zz_fail "stats verify after the daily cards"; }
# Each working day without a 续报 costs the place of the incident 2 points: $id missed 4.3 only,
# $late both 4.2 and 4.3.
"$ZZ" -c "$EV_CONF" --home "$EV_HOME" score --unit $V1 --year 2026 --as county >"$EV_T/score" || zz_fail "score"
[ "$(grep -c "^$id	续报黄牌	2	" "$EV_T/score")" = 1 ] || { cat "$EV_T/score"; zz_fail "one daily card for $id"; }
[ "$(grep -c "^$late	续报黄牌	2	" "$EV_T/score")" = 2 ] || { cat "$EV_T/score"; zz_fail "two daily cards for $late"; }

ev_log "R-EV-8: once closed, no more 续报"
ev_at '2026-04-07 09:00:00' event close "$id" --as town --result "已平息" >/dev/null || zz_fail close
ev_refused '2026-04-07 09:05:00' "不能续报" event followup "$id" --as village --comment "x"
"$ZZ" -c "$EV_CONF" --home "$EV_HOME" audit show --as auditor >"$EV_T/audit" || zz_fail "audit show"
ev_has "$EV_T/audit" "event_followup"
echo ok
