#!/bin/sh
# The year's final score table (8.5): frozen by the county's office, it no longer changes when a
# later card falls; only the county's office may freeze, once; the freezing is audited.
. "$(dirname "$0")/lib.sh"
ev_setup
V1=321204001001

a=$(ev_new '2026-04-03 15:00:00' village "周五下午登记的纠纷")
ev_daemon '2026-04-07 15:00:00'
[ "$(ev_score $V1 2026)" = 98 ] || zz_fail "yellow card: expected 98, got $(ev_score $V1 2026)"

ev_refused '2026-04-07 16:00:00' "县（市、区）综治办" score freeze 2026 --as town
ev_at '2026-04-07 16:00:00' score freeze 2026 --as county >/dev/null || zz_fail "freeze"
ev_refused '2026-04-07 16:01:00' "已经定稿" score freeze 2026 --as county

ev_log "a red card after the freeze: the event's own record shows it, the frozen table does not"
ev_daemon '2026-04-08 15:00:00'
ev_at '2026-04-08 15:01:00' event show "$a" >"$EV_T/show"
ev_has "$EV_T/show" "受理红牌"
[ "$(ev_score $V1 2026)" = 98 ] || zz_fail "the frozen score changed: $(ev_score $V1 2026)"
ev_at '2026-04-08 15:02:00' score --as county --year 2026 >"$EV_T/table"
ev_has "$EV_T/table" "^$V1	桥头社区	98	2	1	0$"
ev_at '2026-04-08 15:02:00' score --unit $V1 --year 2026 --as county >"$EV_T/unit"
ev_has "$EV_T/unit" "已定稿"
ev_lacks "$EV_T/unit" "受理红牌"
"$ZZ" -c "$EV_CONF" --home "$EV_HOME" audit show >"$EV_T/audit"
ev_has "$EV_T/audit" "score:2026:321204"

ev_log "the score screen: the frozen year is marked; o sorts by score, the most deducted first"
ZZ_TMP=$EV_T ZZ_CONF=$EV_CONF ZONGZHI_HOME=$EV_HOME
trap 'zz_tui_cleanup; rm -rf "$EV_T"' EXIT
zz_tui_start xterm-256color 80 24
zz_login county
zz_menu
zz_keys /
zz_type "考核得分"
zz_keys Enter Enter
zz_expect "年度考核"
zz_keys /
zz_expect "年份"
zz_keys C-u
zz_type "2026"
zz_keys Enter
zz_expect "2026 年度考核（已定稿）"
zz_expect "按单位"
zz_keys o
zz_expect "按得分"
zz_screen | grep -q "^>桥头社区  *98  *2  *1  *0" || { zz_screen; zz_fail "the most deducted first, frozen figures"; }
zz_tui_clean
echo "score_freeze: ok"
