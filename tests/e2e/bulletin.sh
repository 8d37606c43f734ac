#!/bin/sh
# The monthly bulletin (R-RP-4; 4.1.6): in April 2026 every center of 三水街道 files its daily
# report on the 2nd while 罗塘街道 registers eight events and files nothing: 罗塘街道 has more
# entries but ranks below 三水街道 because of its missing daily reports. The county publishes the
# bulletin; a unit below reads it; a later 补报 changes the draft but not the published table; only
# the county's office may publish, once.
. "$(dirname "$0")/lib.sh"
ev_setup
T1=321204001 T2=321204002

rank() { awk -F'\t' -v u="$2" '$2 == u { print $1 }' "$1"; }
col() { awk -F'\t' -v u="$2" -v k="$3" '$2 == u { print $k }' "$1"; }

# The demo's records carry dates relative to the day the suite runs: some may fall in April.
# 罗塘街道 registers eight events more than the difference, so that it always entered more.
ev_at '2026-05-02 08:00:00' bulletin make --month 2026-04 --as county >"$EV_T/b0" || zz_fail "bulletin make (before)"
extra=$(($(col "$EV_T/b0" $T1 4) - $(col "$EV_T/b0" $T2 4)))
[ "$extra" -gt 0 ] || extra=0
ev_daemon '2026-04-02 08:00:00'
for a in town village village2 u321204001003.office u321204001004.office u321204001005.office u321204001006.office; do
	ev_at '2026-04-02 17:00:00' daily zero --as "$a" >/dev/null || zz_fail "daily zero $a"
done
i=1
while [ "$i" -le $((8 + extra)) ]; do
	ev_new "$(printf '2026-04-02 10:%02d:00' "$i")" u321204002.office "罗塘纠纷$i" >/dev/null
	i=$((i + 1))
done
ev_daemon '2026-04-03 00:05:00'

ev_at '2026-05-02 09:00:00' bulletin make --month 2026-04 --as county >"$EV_T/b" || zz_fail "bulletin make"
ev_has "$EV_T/b" "月度通报（草稿）"
[ "$(col "$EV_T/b" $T1 7)" = 0 ] || { cat "$EV_T/b"; zz_fail "三水街道 has no missing daily report"; }
[ "$(col "$EV_T/b" $T2 7)" -gt 0 ] || { cat "$EV_T/b"; zz_fail "罗塘街道 has missing daily reports"; }
# Without the rule 罗塘街道 would rank first: more entries, no other problem.
[ "$(col "$EV_T/b" $T2 4)" -gt "$(col "$EV_T/b" $T1 4)" ] || { cat "$EV_T/b"; zz_fail "罗塘街道 entered more"; }
[ "$(rank "$EV_T/b" $T1)" = 1 ] || { cat "$EV_T/b"; zz_fail "三水街道 ranks first"; }
[ "$(rank "$EV_T/b" $T2)" -gt "$(rank "$EV_T/b" $T1)" ] || { cat "$EV_T/b"; zz_fail "R-RP-4: missing daily reports rank below"; }
missing=$(col "$EV_T/b" $T2 7)

ev_log "publishing: the county's office only, once; the units below read it"
ev_refused '2026-05-02 09:10:00' "县（市、区）综治办" bulletin publish --month 2026-04 --as town
ev_refused '2026-05-02 09:10:00' "尚未发布" bulletin show --month 2026-04 --as village
ev_at '2026-05-02 09:10:00' bulletin publish --month 2026-04 --as county >/dev/null || zz_fail "publish"
ev_refused '2026-05-02 09:11:00' "已经发布" bulletin publish --month 2026-04 --as county
ev_at '2026-05-02 09:12:00' bulletin show --month 2026-04 --as village >"$EV_T/p" || zz_fail "show as village"
ev_has "$EV_T/p" "姜堰区 2026-04 月度通报（已发布）"
[ "$(rank "$EV_T/p" $T2)" = "$(rank "$EV_T/b" $T2)" ] || { cat "$EV_T/p"; zz_fail "published rank"; }
"$ZZ" -c "$EV_CONF" --home "$EV_HOME" audit show --as auditor >"$EV_T/audit"
ev_has "$EV_T/audit" "bulletin:2026-04:321204"

ev_log "R-RP-4 export: the published table as xlsx (numbers as numbers) and CSV, the account's own file, audited"
x=$(ev_at '2026-05-02 09:13:00' bulletin export --month 2026-04 --as village) || zz_fail "bulletin export"
case "$x" in */files/village/download/月度通报-姜堰区-2026-04.xlsx) ;; *) zz_fail "export path: $x" ;; esac
[ "$(stat -c %a "$x")" = 600 ] || zz_fail "the exported bulletin is the account's own (0600)"
/usr/bin/python3 - "$x" $T1 $T2 "$missing" "$(rank "$EV_T/p" $T2)" <<'PY' || zz_fail "bulletin xlsx content"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
t1, t2, missing, rank2 = sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
assert ws["A1"].value == "姜堰区 2026-04 月度通报", ws["A1"].value
assert ws["A2"].value.startswith("已发布（county，"), ws["A2"].value
assert [c.value for c in ws[3]][:4] == ["名次", "单位代码", "单位", "新增记录"], [c.value for c in ws[3]]
assert ws["G3"].value == "日报未报" and ws["K3"].value == "登录次数"
rows = {r[1]: r for r in ws.iter_rows(min_row=4, values_only=True)}
assert rows[t1][0] == 1 and rows[t1][6] == 0, rows[t1]
assert rows[t2][0] == rank2 and rows[t2][6] == missing and isinstance(rows[t2][6], (int, float)), rows[t2]
PY
x=$(ev_at '2026-05-02 09:14:00' bulletin export --format csv --month 2026-04 --as village) || zz_fail "bulletin export csv"
head -c 3 "$x" | od -An -tx1 | grep -q "ef bb bf" || zz_fail "the CSV starts with a BOM"
grep -q "^1,$T1,三水街道,[0-9]*,0,0,0,0,0,0,[0-9]*" "$x" || { cat "$x"; zz_fail "CSV row of 三水街道"; }
# A township's own draft (its villages), marked as one.
x=$(ev_at '2026-05-02 09:15:00' bulletin export --format csv-gb18030 --unit $T1 --month 2026-04 --as town) ||
	zz_fail "draft export"
case "$x" in */月度通报-三水街道-2026-04-草稿.csv) ;; *) zz_fail "draft export path: $x" ;; esac
iconv -f GB18030 -t UTF-8 "$x" | grep -q "^草稿" || { cat "$x"; zz_fail "the draft says so"; }
ev_refused '2026-05-02 09:16:00' "无权导出" bulletin export --month 2026-04 --as grid
"$ZZ" -c "$EV_CONF" --home "$EV_HOME" audit show --as auditor >"$EV_T/audit"
grep "export" "$EV_T/audit" | grep -q "bulletin:2026-04:321204" || { cat "$EV_T/audit"; zz_fail "export audited"; }

ev_log "a late report (补报) moves the draft, not the published table"
ev_at '2026-05-03 09:00:00' daily zero --as u321204002.office --date 2026-04-02 >/dev/null || zz_fail "补报"
ev_at '2026-05-03 09:10:00' bulletin make --month 2026-04 --as county >"$EV_T/b2" || zz_fail "make again"
[ "$(col "$EV_T/b2" $T2 7)" -lt "$missing" ] || { cat "$EV_T/b2"; zz_fail "draft after 补报"; }
ev_at '2026-05-03 09:10:00' bulletin show --month 2026-04 --as u321204002.office >"$EV_T/p2" || zz_fail "show"
[ "$(col "$EV_T/p2" $T2 7)" = "$missing" ] || { cat "$EV_T/p2"; zz_fail "the published table changed"; }

ev_log "the 月度通报 screen: 桥头社区 reads the published table at 80x24"
zz_tui_start xterm-256color 80 24
zz_login village
zz_menu
zz_keys /
zz_type "月度通报"
zz_keys Enter Enter
zz_expect "月度通报｜"
zz_keys /
zz_expect "月份（YYYY-MM）"
zz_keys C-u
zz_type "2026-04"
zz_keys Enter
zz_expect "姜堰区 2026-04 月度通报｜已发布"
zz_screen | grep -q "^> *1 三水街道" || { zz_screen; zz_fail "三水街道 first on screen"; }
zz_screen | grep -q "罗塘街道 *[0-9]* *0 *0 *$missing " || { zz_screen; zz_fail "罗塘街道's published figures on screen"; }
zz_keys P
zz_expect "月度通报由县（市、区）综治办发布"
rm -f "$EV_T"/var/files/village/download/月度通报-姜堰区-2026-04.xlsx
zz_keys w
zz_expect "导出格式"
zz_keys Enter
zz_expect "已导出到下载目录：月度通报-姜堰区-2026-04.xlsx"
[ -f "$EV_T"/var/files/village/download/月度通报-姜堰区-2026-04.xlsx ] || zz_fail "no xlsx from the screen"
# A month not published: nothing to export, and the screen says why. The month offered in the
# prompt is replaced by what is typed (it was added to: "2026-042026-03").
zz_keys /
zz_expect "月份（YYYY-MM）"
zz_type "2026-03"
zz_keys Enter
zz_expect "2026-03 月度通报｜尚未发布"
zz_keys w
zz_expect "2026-03 的月度通报尚未发布，没有可导出的通报"
zz_tui_clean

ev_log "the county office pressing P on a published bulletin is told it is published"
zz_tui_start xterm-256color 80 24
zz_login county
zz_menu
zz_keys /
zz_type "月度通报"
zz_keys Enter Enter
zz_expect "月度通报｜"
zz_keys /
zz_expect "月份（YYYY-MM）"
zz_keys C-u
zz_type "2026-04"
zz_keys Enter
zz_expect "姜堰区 2026-04 月度通报｜已发布"
zz_keys P
zz_expect "2026-04 的月度通报已经发布，数字不再变化"
zz_tui_clean
echo "bulletin: ok"
