#!/bin/sh
# Daily reports and zero reports (R-EV-7): a working day on which a center filed neither is
# flagged for that unit by the daemon and shows in its to-do list; days off are not flagged.
. "$(dirname "$0")/lib.sh"
ev_setup
V1=321204001001 V2=321204001002 T=321204001

ev_log "Thursday 2026-04-02: 桥头社区 files its report, 东港村 a zero report, 三水街道 nothing"
# The daemon's first pass starts the count: earlier days are not judged.
ev_daemon '2026-04-02 08:00:00'
ev_refused '2026-04-02 17:00:00' "需要填写内容" daily report --as village
ev_refused '2026-04-02 17:00:00' "今天以后" daily zero --as village2 --date 2026-04-03
ev_refused '2026-04-02 17:00:00' "只能报送本单位" daily zero --as village2 --unit $V1
ev_refused '2026-04-02 17:00:00' "不是需要报送日报的综治中心" daily zero --as grid
ev_at '2026-04-02 17:00:00' daily report --as village --text "排查矛盾纠纷 3 起，化解 2 起" || zz_fail report
ev_refused '2026-04-02 17:05:00' "已经报送过了" daily zero --as village
ev_at '2026-04-02 17:10:00' daily zero --as village2 || zz_fail zero
ev_at '2026-04-02 17:20:00' todo --as town >"$EV_T/todo"
ev_has "$EV_T/todo" "今日（2026-04-02）尚未报送日报或零报告"
ev_at '2026-04-02 17:20:00' todo --as village >"$EV_T/todo"
ev_lacks "$EV_T/todo" "日报"

ev_log "the daemon after the day: only 三水街道 (and the other centers) are flagged"
ev_daemon '2026-04-03 00:05:00'
ev_daemon '2026-04-03 00:10:00'
ev_at '2026-04-03 09:00:00' daily list --as town --from 2026-04-01 --to 2026-04-03 >"$EV_T/list"
ev_has "$EV_T/list" "^2026-04-02	$T	未报"
[ "$(grep -c "^2026-04-02	$T	" "$EV_T/list")" = 1 ] || zz_fail "flagged twice"
ev_at '2026-04-03 09:00:00' daily list --as village --from 2026-04-01 >"$EV_T/list"
ev_has "$EV_T/list" "^2026-04-02	$V1	日报	village	2026-04-02 17:00:00	排查矛盾纠纷 3 起"
ev_lacks "$EV_T/list" "未报"
ev_at '2026-04-03 09:00:00' daily list --as village2 >"$EV_T/list"
ev_has "$EV_T/list" "^2026-04-02	$V2	零报告"
ev_at '2026-04-03 09:00:00' todo --as town >"$EV_T/todo"
ev_has "$EV_T/todo" "^逾期	[^	]*	daily	daily:$T:2026-04-02	2026-04-02 未报送日报或零报告，请补报"

ev_log "the holiday 4.4-4.6 is not flagged; Friday 4.3 is; a late report clears the flag as 补报"
ev_at '2026-04-03 18:00:00' daily zero --as village || zz_fail zero
ev_daemon '2026-04-07 08:00:00'
ev_at '2026-04-07 09:00:00' daily list --as village --from 2026-04-01 >"$EV_T/list"
ev_lacks "$EV_T/list" "未报"
ev_at '2026-04-07 09:00:00' daily list --as village2 --from 2026-04-01 >"$EV_T/list"
ev_has "$EV_T/list" "^2026-04-03	$V2	未报"
ev_lacks "$EV_T/list" "^2026-04-0[456]"
ev_at '2026-04-07 09:30:00' daily report --as village2 --date 2026-04-03 --text "补报：无新增事项" || zz_fail late
ev_at '2026-04-07 09:31:00' daily list --as village2 --from 2026-04-03 >"$EV_T/list"
ev_has "$EV_T/list" "^2026-04-03	$V2	日报（补报）"
ev_at '2026-04-07 09:31:00' todo --as village2 >"$EV_T/todo"
ev_lacks "$EV_T/todo" "请补报"
"$ZZ" -c "$EV_CONF" --home "$EV_HOME" audit show --as auditor >"$EV_T/audit"
ev_has "$EV_T/audit" "daily_missing"
echo ok
