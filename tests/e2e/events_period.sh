#!/bin/sh
# R-EV-8 (6.4.3.7 "在敏感期……落实好零报告制度") sensitive periods: the county declares one (from-to,
# a unit subtree, a reason); on every day of it, days off included, each center in the subtree
# files a daily report or a zero report; the daemon (daily_missing) flags the missing ones, shown
# in the to-do lists. Only a county's (or higher) account declares; declaring and ending are audited.
. "$(dirname "$0")/lib.sh"
ev_setup
C=321204 T=321204001 V1=321204001001 V2=321204001002

ev_daemon '2026-04-02 08:00:00'
ev_log "R-EV-8: the township may not declare a period; the county declares 4.3-4.5 over 三水街道"
ev_refused '2026-04-02 09:00:00' "只有县级及以上综治中心可以设置敏感期" event period add --as town --to 2026-04-05 --reason "清明"
ev_refused '2026-04-02 09:00:00' "请填写设置敏感期的事由" event period add --as county --unit $T --from 2026-04-03 --to 2026-04-05
ev_refused '2026-04-02 09:00:00' "结束日期不能早于开始日期" event period add --as county --unit $T --from 2026-04-05 --to 2026-04-03 --reason x
ev_refused '2026-04-02 09:00:00' "最长 92 天" event period add --as county --unit $T --to 2026-12-31 --reason x
p=$(ev_at '2026-04-02 09:00:00' event period add --as county --unit $T --from 2026-04-03 --to 2026-04-05 \
	--reason "清明节祭扫期间") || zz_fail "period add"
ev_at '2026-04-02 09:05:00' event period list --as village >"$EV_T/list"
ev_has "$EV_T/list" "^$p	2026-04-03	2026-04-05	$T	三水街道	清明节祭扫期间	.*	未开始"
ev_at '2026-04-02 09:05:00' event period list --as village2 >/dev/null || zz_fail "list by a center in scope"

ev_log "R-EV-8: Saturday 4.4 (a holiday) in the period: the to-do list asks for the report"
for who in village village2 town county; do
	ev_at '2026-04-03 17:00:00' daily zero --as $who || zz_fail "zero $who 4.3"
done
ev_at '2026-04-04 09:00:00' todo --as village2 >"$EV_T/todo"
ev_has "$EV_T/todo" "今日（2026-04-04）尚未报送日报或零报告（敏感期，节假日也须报送）"
ev_at '2026-04-04 09:00:00' todo --as county >"$EV_T/todo"
ev_lacks "$EV_T/todo" "2026-04-04"
ev_at '2026-04-04 18:00:00' daily zero --as village || zz_fail "zero village 4.4"
ev_at '2026-04-04 18:00:00' daily zero --as town || zz_fail "zero town 4.4"
ev_at '2026-04-05 18:00:00' daily report --as village --text "节日期间无新增矛盾纠纷" || zz_fail "report village 4.5"

ev_log "R-EV-8: after the holiday: the missing zero reports of 4.4 and 4.5 are flagged, 4.6 (after the period) is not"
ev_daemon '2026-04-07 08:00:00'
ev_at '2026-04-07 09:00:00' daily list --as village2 --from 2026-04-03 --to 2026-04-07 >"$EV_T/list"
ev_has "$EV_T/list" "^2026-04-04	$V2	未报"
ev_has "$EV_T/list" "^2026-04-05	$V2	未报"
ev_lacks "$EV_T/list" "^2026-04-06"
ev_at '2026-04-07 09:00:00' daily list --as village --from 2026-04-03 --to 2026-04-07 >"$EV_T/list"
ev_lacks "$EV_T/list" "未报"
ev_at '2026-04-07 09:00:00' daily list --as town --from 2026-04-04 --to 2026-04-07 >"$EV_T/list"
ev_has "$EV_T/list" "^2026-04-05	$T	未报"
# The county is outside the period's scope: its days off are not judged.
ev_at '2026-04-07 09:00:00' daily list --as county --from 2026-04-04 --to 2026-04-06 >"$EV_T/list"
ev_lacks "$EV_T/list" "未报"
ev_at '2026-04-07 09:00:00' todo --as village2 >"$EV_T/todo"
ev_has "$EV_T/todo" "^逾期	.*	daily	daily:$V2:2026-04-05	3 天未报送日报或零报告（最早 2026-04-02，最近 2026-04-05），请补报"

ev_log "R-EV-8: a period ended before it began is cancelled; the township may not end one"
q=$(ev_at '2026-04-07 10:00:00' event period add --as county --unit $C --from 2026-04-10 --to 2026-04-20 --reason "重大活动") ||
	zz_fail "period add 2"
ev_refused '2026-04-07 10:05:00' "只有县级及以上综治中心" event period end "$q" --as town
ev_at '2026-04-07 10:10:00' event period end "$q" --as county || zz_fail "period end"
ev_refused '2026-04-07 10:15:00' "已经结束" event period end "$q" --as county
# The city's period over the county is the city's to end: the county's attempt is refused, audited.
r=$(ev_at '2026-04-07 10:16:00' event period add --as u3212.office --unit $C --from 2026-05-01 --to 2026-05-03 \
	--reason "市级活动") || zz_fail "city period add"
ev_refused '2026-04-07 10:17:00' "只有设置敏感期的单位或其上级可以结束它" event period end "$r" --as county
ev_at '2026-04-07 10:18:00' event period end "$r" --as u3212.office || zz_fail "city period end"
ev_at '2026-04-07 10:20:00' event period list --as county >"$EV_T/list"
ev_has "$EV_T/list" "^$q	2026-04-10	-	$C	.*	已提前结束"
ev_has "$EV_T/list" "^$p	.*	已结束"
ev_daemon '2026-04-13 08:00:00'
ev_at '2026-04-13 09:00:00' daily list --as village --from 2026-04-11 --to 2026-04-12 >"$EV_T/list"
ev_lacks "$EV_T/list" "未报"
"$ZZ" -c "$EV_CONF" --home "$EV_HOME" audit show --as auditor >"$EV_T/audit"
ev_has "$EV_T/audit" "period_add"
ev_has "$EV_T/audit" "period_end"
ev_has "$EV_T/audit" "	county	321204	[^	]*	period_end	$C	refused	只有设置敏感期的单位或其上级可以结束它"
ev_has "$EV_T/audit" "未报日报或零报告（敏感期）"
echo ok
