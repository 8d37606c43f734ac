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
ev_at '2026-04-08 15:01:00' event show "$a" --as county >"$EV_T/show"
ev_has "$EV_T/show" "受理红牌"
[ "$(ev_score $V1 2026)" = 98 ] || zz_fail "the frozen score changed: $(ev_score $V1 2026)"
ev_at '2026-04-08 15:02:00' score --as county --year 2026 >"$EV_T/table"
ev_has "$EV_T/table" "^$V1	桥头社区	98	2	1	0$"
ev_at '2026-04-08 15:02:00' score --unit $V1 --year 2026 --as county >"$EV_T/unit"
ev_has "$EV_T/unit" "已定稿"
ev_lacks "$EV_T/unit" "受理红牌"
"$ZZ" -c "$EV_CONF" --home "$EV_HOME" audit show --as auditor >"$EV_T/audit"
ev_has "$EV_T/audit" "score:2026:321204"
# Without --year: in January the year before (its last cards and 定稿 come then), from February on the
# current one (events.score_last_year_days, 31).
ev_at '2027-01-05 09:00:00' score --unit $V1 --as county >"$EV_T/jan"
ev_has "$EV_T/jan" "^年度	2026$"
ev_at '2027-02-01 09:00:00' score --unit $V1 --as county >"$EV_T/feb"
ev_has "$EV_T/feb" "^年度	2027$"

ev_log "export: the frozen table as xlsx (numbers as numbers) and CSV in the account's download folder, audited"
x=$(ev_at '2026-04-08 15:03:00' score export --year 2026 --as county) || zz_fail "score export"
case "$x" in */files/county/download/考核得分-姜堰区-2026.xlsx) ;; *) zz_fail "export path: $x" ;; esac
[ "$(stat -c %a "$x")" = 600 ] || zz_fail "the exported table is the account's own (0600)"
/usr/bin/python3 - "$x" $V1 <<'PY' || zz_fail "score xlsx content"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
assert ws["A1"].value == "姜堰区 2026 年度考核得分", ws["A1"].value
assert ws["A2"].value.startswith("已定稿｜100 分起"), ws["A2"].value
assert [c.value for c in ws[3]] == ["单位代码", "单位", "得分", "扣分", "黄牌", "红牌"], [c.value for c in ws[3]]
rows = {r[0]: r for r in ws.iter_rows(min_row=4, values_only=True)}
assert rows[sys.argv[2]] == (sys.argv[2], "桥头社区", 98, 2, 1, 0), rows[sys.argv[2]]
assert all(isinstance(r[2], (int, float)) for r in rows.values())
PY
x=$(ev_at '2026-04-08 15:04:00' score export --format csv --year 2026 --as county) || zz_fail "score export csv"
head -c 3 "$x" | od -An -tx1 | grep -q "ef bb bf" || zz_fail "the CSV starts with a BOM"
ev_has "$x" "^$V1,桥头社区,98,2,1,0"
ev_refused '2026-04-08 15:05:00' "无权导出" score export --year 2026 --as grid
ev_refused '2026-04-08 15:05:00' "管辖范围" score export --unit 321204002 --year 2026 --as town
ev_refused '2026-04-08 15:05:00' "导出格式" score export --format pdf --year 2026 --as county
"$ZZ" -c "$EV_CONF" --home "$EV_HOME" audit show --as auditor >"$EV_T/audit"
grep "export" "$EV_T/audit" | grep -q "score:2026:321204" || { cat "$EV_T/audit"; zz_fail "export audited"; }

ev_log "the score screen: the frozen year is marked; o sorts by score, the most deducted first"
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
# The unit column holds the demo's longest name whole.
zz_expect "姜堰区矛盾纠纷调处中心"
zz_keys o
zz_expect "按得分"
zz_screen | grep -q "^>桥头社区  *98  *2  *1  *0" || { zz_screen; zz_fail "the most deducted first, frozen figures"; }
rm -f "$EV_T"/var/files/county/download/考核得分-姜堰区-2026.xlsx
zz_keys w
zz_expect "导出格式"
zz_keys Enter
zz_expect "已导出到下载目录：考核得分-姜堰区-2026.xlsx"
[ -f "$EV_T"/var/files/county/download/考核得分-姜堰区-2026.xlsx ] || zz_fail "no xlsx from the screen"
zz_tui_clean
echo "score_freeze: ok"
