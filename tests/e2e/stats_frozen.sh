#!/bin/sh
# A submitted month is frozen (issue 14's design; R-RP-2): the analysis tables read a month whose
# form a township submitted as submitted — by category, by unit (the county's regional table) and
# in the trend — so that next month's 环比 and next year's 同比 compare with what was sent up, while
# the counters (stats show) follow later edits.
. "$(dirname "$0")/lib.sh"
ev_setup
A=321204001
ev_new '2026-03-02 09:00:00' town "邻里噪音纠纷" >/dev/null
e2=$(ev_new '2026-03-03 09:00:00' town "邻里通道纠纷")
ev_at '2026-04-07 10:20:00' report fill dispute_mediation 02/people=2 --as town --month 2026-03 >/dev/null || zz_fail "fill"
ev_at '2026-04-07 10:30:00' report submit dispute_mediation --as town --month 2026-03 >/dev/null || zz_fail "submit"

# After the submission: one event changes category, and one more is counted in March (registered
# with the clock set back, as a late entry would be).
ev_at '2026-04-09 10:00:00' record update dispute_event "$e2" category=10 --as town >/dev/null || zz_fail "edit"
ev_new '2026-03-31 16:00:00' town "三月底的纠纷" --category 03 >/dev/null
[ "$(ev_at '2026-04-09 10:05:00' stats show event all --unit $A --month 2026-03 --as county)" = 3 ] ||
	zz_fail "the counters count the late event"

row() { awk -F'\t' -v k="$2" -v c="$3" '$1 == k { print $c }' "$1"; }
ev_at '2026-04-09 10:05:00' stats by-category event --unit $A --month 2026-03 --as town >"$EV_T/cat" ||
	zz_fail "by-category"
[ "$(row "$EV_T/cat" 02 3)" = 2 ] || { cat "$EV_T/cat"; zz_fail "March's 邻里纠纷 as submitted"; }
[ "$(row "$EV_T/cat" total 3)" = 2 ] || { cat "$EV_T/cat"; zz_fail "March's total as submitted"; }
# April against March once April is over (a month that runs is compared with nothing).
ev_at '2026-05-02 10:05:00' stats by-unit event --unit 321204 --month 2026-04 --as county >"$EV_T/unit" ||
	zz_fail "by-unit"
[ "$(row "$EV_T/unit" $A 6)" = 2 ] || { cat "$EV_T/unit"; zz_fail "April's 环比 of 三水街道 against the submitted March"; }
[ "$(row "$EV_T/unit" total 6)" = 2 ] || { cat "$EV_T/unit"; zz_fail "the county's 环比 moves with it"; }
ev_at '2026-04-09 10:05:00' stats by-month event --unit $A --month 2026-04 --months 2 --as town >"$EV_T/month" ||
	zz_fail "by-month"
[ "$(row "$EV_T/month" 2026-03 3)" = 2 ] || { cat "$EV_T/month"; zz_fail "the trend's March as submitted"; }

# Sent back, the month is live again.
ev_at '2026-04-09 11:00:00' report return dispute_mediation --unit $A --reason "补录" --as county >/dev/null ||
	zz_fail "return"
ev_at '2026-04-09 11:05:00' stats by-category event --unit $A --month 2026-03 --as town >"$EV_T/cat2" ||
	zz_fail "by-category after return"
[ "$(row "$EV_T/cat2" total 3)" = 3 ] || { cat "$EV_T/cat2"; zz_fail "a returned month is live"; }
zz_log "stats_frozen: ok"
