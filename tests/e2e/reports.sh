#!/bin/sh
# Monthly forms under libfaketime (R-RP-2): events registered and closed in March in two townships;
# the township's 社会矛盾排查调解报表 computed from them; a submission on the 7th in time, the other
# township late on the 9th with a to-do item and a late mark; the county's form is the sum; a
# submitted form stays frozen; a return reopens it; a check refuses an impossible figure; the
# county's xlsx read back with openpyxl.
. "$(dirname "$0")/lib.sh"
ev_setup
A=321204001 B=321204002 UB=u321204002.office
F=dispute_mediation

ev_log "R-RP-2: events of March in two townships"
e1=$(ev_new '2026-03-02 09:00:00' town "邻里噪音纠纷")
e2=$(ev_new '2026-03-03 09:00:00' town "邻里通道纠纷")
e3=$(ev_at '2026-03-04 09:00:00' event new --as town --title "宅基地界址纠纷" --category 03 --scale 2 \
	--place "测试地点" --description "测试事件描述") || zz_fail "event new e3"
e4=$(ev_new '2026-03-05 09:00:00' $UB "罗塘邻里纠纷")
ev_at '2026-03-05 10:00:00' event accept "$e1" --as town >/dev/null || zz_fail "accept e1"
ev_at '2026-03-05 10:00:00' event accept "$e3" --as town >/dev/null || zz_fail "accept e3"
ev_at '2026-03-10 10:00:00' event close "$e1" --as town --result "调解成功" >/dev/null || zz_fail "close e1"
ev_at '2026-03-06 10:00:00' event accept "$e4" --as $UB >/dev/null || zz_fail "accept e4"
# April's events do not count in March.
ev_new '2026-04-01 09:00:00' town "四月的纠纷" >/dev/null

# cell FILE ROWLABEL COLUMN-NUMBER: one figure of a form printed by report show.
cell() {
	awk -F'\t' -v r="$2" -v c="$3" '$1 == r { print $(c + 1) }' "$1"
}

ev_log "R-RP-2: the township's computed cells equal the counts"
ev_at '2026-04-07 10:00:00' report show $F --as town --month 2026-03 >"$EV_T/a.tsv" || zz_fail "show"
[ "$(cell "$EV_T/a.tsv" 合计 1)" = 3 ] || { cat "$EV_T/a.tsv"; zz_fail "排查 total should be 3"; }
[ "$(cell "$EV_T/a.tsv" 邻里纠纷 1)" = 2 ] || { cat "$EV_T/a.tsv"; false; } || zz_fail "邻里纠纷 排查 should be 2"
[ "$(cell "$EV_T/a.tsv" 房屋宅基地纠纷 2)" = 1 ] || zz_fail "宅基地 受理 should be 1"
[ "$(cell "$EV_T/a.tsv" 合计 2)" = 2 ] || zz_fail "受理 total should be 2"
[ "$(cell "$EV_T/a.tsv" 邻里纠纷 3)" = 1 ] || zz_fail "调处成功 should be 1"

ev_log "R-RP-2: an impossible figure is refused, naming the cell"
ev_refused '2026-04-07 10:05:00' "“邻里纠纷”的“防止民转刑”（9）不能大于“排查纠纷”（2）" \
	report fill $F 02/prevent_crime=9 --as town --month 2026-03
ev_refused '2026-04-07 10:05:00' "由系统按数据统计" report fill $F 02/found=7 --as town --month 2026-03
ev_refused '2026-04-07 10:05:00' "没有给出要填写的数字：写成 行/列=数字" report fill $F --as town --month 2026-03
# 涉及人数 are the people of the disputes found (doc/报表.md 校验): none without a dispute.
ev_refused '2026-04-07 10:05:00' "“婚姻家庭纠纷”的“排查纠纷”为 0，“涉及人数”也应为 0（现为 2）" \
	report fill $F 01/people=2 --as town --month 2026-03
ev_refused '2026-04-07 10:05:00' "“邻里纠纷”的“涉及人数”（1）不能少于“排查纠纷”（2）" \
	report fill $F 02/people=1 --as town --month 2026-03
ev_at '2026-04-07 10:10:00' report fill $F 02/people=5 邻里纠纷/防止民转刑=1 --as town --month 2026-03 >/dev/null ||
	zz_fail "fill"

ev_log "R-RP-2: a to-do item before the 8th; submitted on the 7th in time"
zz_has "应于 2026-04-08 前上报" "应于 2026-04-08 前上报" "$(ev_at '2026-04-07 10:20:00' todo --as town)"
# A draft may leave 涉及人数 at 0 (not yet filled); a submission may not, while a dispute is found.
ev_refused '2026-04-07 10:25:00' "“房屋宅基地纠纷”的“涉及人数”（0）不能少于“排查纠纷”（1）" \
	report submit $F --as town --month 2026-03
ev_at '2026-04-07 10:26:00' report fill $F 03/people=1 --as town --month 2026-03 >/dev/null || zz_fail "fill 03"
zz_has "已上报：" "已上报：" "$(ev_at '2026-04-07 10:30:00' report submit $F --as town --month 2026-03)"
zz_lacks "submitted form is not late" "逾期" "$(ev_at '2026-04-07 10:30:00' report list --as town --month 2026-03)"
zz_lacks "no to-do after submission" "社会矛盾排查调解报表（2026-03）" "$(ev_at '2026-04-07 10:40:00' todo --as town)"
ev_refused '2026-04-07 10:50:00' "已上报" report fill $F 02/people=6 --as town --month 2026-03

ev_log "R-RP-2: the other township is late on the 9th: a late mark and a to-do item"
ev_daemon '2026-04-09 08:00:00'
zz_has "逾期" "逾期" "$(ev_at '2026-04-09 08:10:00' report list --as county --month 2026-03 | grep "	$B	")"
zz_has "已逾期未上报" "已逾期未上报" "$(ev_at '2026-04-09 08:10:00' todo --as $UB)"
ev_at '2026-04-09 08:50:00' report fill $F 02/people=2 --as $UB --month 2026-03 >/dev/null || zz_fail "fill $UB"
zz_has "逾期" "逾期" "$(ev_at '2026-04-09 09:00:00' report submit $F --as $UB --month 2026-03)"
zz_has "逾期" "逾期" "$(ev_at '2026-04-09 09:10:00' report list --as county --month 2026-03 | grep "	$B	")"

ev_log "a submitted month is frozen: a later edit of an event does not change it"
ev_at '2026-04-09 10:00:00' record update dispute_event "$e2" category=10 --as town >/dev/null || zz_fail "edit e2"
ev_at '2026-04-09 10:05:00' report show $F --as town --month 2026-03 >"$EV_T/a2.tsv" || zz_fail "show again"
[ "$(cell "$EV_T/a2.tsv" 邻里纠纷 1)" = 2 ] || { cat "$EV_T/a2.tsv"; zz_fail "frozen 邻里纠纷 should stay 2"; }
[ "$(ev_at '2026-04-09 10:05:00' stats show event category 02 --unit $A --month 2026-03 --as county)" = 1 ] ||
	zz_fail "the counters follow the edit"

ev_log "R-RP-2: the county's form is the sum of its townships' submitted forms"
ev_at '2026-04-09 11:00:00' report show $F --as county --month 2026-03 >"$EV_T/c.tsv" || zz_fail "county show"
[ "$(cell "$EV_T/c.tsv" 合计 1)" = 4 ] || { cat "$EV_T/c.tsv"; zz_fail "county 排查 should be 4"; }
[ "$(cell "$EV_T/c.tsv" 邻里纠纷 1)" = 3 ] || zz_fail "county 邻里纠纷 should be 3"
[ "$(cell "$EV_T/c.tsv" 合计 6)" = 8 ] || zz_fail "county 涉及人数 should be 8 (三水街道 5 + 1, 罗塘街道 2)"
zz_has "未上报	321204003" "未上报	321204003" "$(cat "$EV_T/c.tsv")"
zz_lacks "submitted townships are not missing" "未上报	$A" "$(cat "$EV_T/c.tsv")"
ev_refused '2026-04-09 11:00:00' "只能填报本单位" report submit $F --unit $A --as county --month 2026-03
# The county's police bureau may edit the events it handles, but the center's forms are the
# office's: it does not submit them, and they are not in its to-do list.
ev_refused '2026-04-09 11:00:00' "社会矛盾排查调解报表由综治办填报，公安不填报此表" report submit $F --as police --month 2026-03
# A leader reads the forms: the refusal is said of the form, not of editing events.
ev_refused '2026-04-09 11:00:00' "领导（只读）无权填报、上报社会矛盾排查调解报表" report submit $F --as leader --month 2026-03
zz_lacks "the center's forms are not the police's to-do" "社会矛盾排查调解报表" "$(ev_at '2026-04-09 11:05:00' todo --as police)"

ev_log "the county's xlsx opens with the right numbers"
x=$(ev_at '2026-04-09 11:10:00' report export $F --as county --month 2026-03) || zz_fail "export"
[ "$(stat -c %a "$x")" = 600 ] || zz_fail "export should be 0600"
/usr/bin/python3 - "$x" <<'PY' || zz_fail "xlsx content"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
assert ws["A1"].value == "社会矛盾排查调解报表", ws["A1"].value
rows = {r[0]: r[1:] for r in ws.iter_rows(min_row=5, values_only=True)}
assert rows["合计"][0] == 4 and isinstance(rows["合计"][0], int), rows["合计"]
assert rows["邻里纠纷"][0] == 3, rows["邻里纠纷"]
assert "C3:F3" in {str(m) for m in ws.merged_cells.ranges}
PY

ev_log "a return reopens the form, with its reason, for the township to correct"
ev_refused '2026-04-09 12:00:00' "只有上级单位" report return $F --unit $A --reason "x" --as town --month 2026-03
ev_refused '2026-04-09 12:00:00' "不在本账号的管辖范围" report show $F --unit $A --as $UB --month 2026-03
ev_at '2026-04-09 12:00:00' report return $F --unit $A --reason "涉及人数有误" --as county --month 2026-03 >/dev/null ||
	zz_fail "return"
zz_has "被退回" "被退回" "$(ev_at '2026-04-09 12:10:00' report list --as town --month 2026-03)"
zz_has "被上级退回：涉及人数有误" "被上级退回：涉及人数有误" "$(ev_at '2026-04-09 12:10:00' todo --as town)"
ev_at '2026-04-09 12:20:00' report show $F --as town --month 2026-03 >"$EV_T/a3.tsv" || zz_fail "show returned"
[ "$(cell "$EV_T/a3.tsv" 邻里纠纷 6)" = 5 ] || zz_fail "the typed cells stay after a return"
[ "$(cell "$EV_T/a3.tsv" 邻里纠纷 1)" = 1 ] || zz_fail "the computed cells are live again"
# The edited event is a 劳动争议纠纷 now: its row needs its people too.
ev_at '2026-04-09 12:30:00' report fill $F 02/people=4 10/people=1 --as town --month 2026-03 >/dev/null || zz_fail "refill"
zz_has "已上报" "已上报" "$(ev_at '2026-04-09 12:40:00' report submit $F --as town --month 2026-03)"
audit=$("$ZZ" -c "$EV_CONF" --home "$EV_HOME" audit show --as auditor)
for t in report_save report_submit report_return report_late export; do
	zz_has "audit of $t" "	$t	" "$audit"
done
ev_log "R-RP-2: a township that submits after the county's roll-up is named, not counted"
ev_at '2026-04-09 12:50:00' report submit $F --as county --month 2026-03 >/dev/null || zz_fail "county submits"
ev_at '2026-04-09 13:00:00' report submit $F --as u321204003.office --month 2026-03 >/dev/null ||
	zz_fail "321204003 submits after the county"
ev_at '2026-04-09 13:10:00' report show $F --as county --month 2026-03 >"$EV_T/c2.tsv" || zz_fail "county show"
zz_has "named as come in since" "# 其后上报（未计入）	321204003	" "$(cat "$EV_T/c2.tsv")"
[ "$(cell "$EV_T/c2.tsv" 合计 1)" = "$(cell "$EV_T/c.tsv" 合计 1)" ] || zz_fail "the frozen roll-up stays as submitted"
zz_has "the county's to-do says so" "汇总缺.*（其后补报），请上级退回重报" "$(ev_at '2026-04-09 13:10:00' todo --as county)"
ev_log "R-RP-1: a police month never filed is flagged; 八类案件 above 刑事案件 is refused on its field"
# The demo filed every past month: March's record goes, as if never entered.
rid=$("$ZZ" -c "$EV_CONF" --home "$EV_HOME" record list criminal_stats --as police | awk -F'\t' '$3 == 2026 && $4 == 3 { print $1 }')
[ -n "$rid" ] || zz_fail "the demo's March figures"
"$ZZ" -c "$EV_CONF" --home "$EV_HOME" record delete criminal_stats "$rid" --as police >/dev/null || zz_fail "delete March"
ev_daemon '2026-04-06 08:00:00'
zz_has "missing month flagged" "刑事案件发破案情况（2026-03）逾期未录入" "$(ev_at '2026-04-06 08:10:00' todo --as police)"
zz_has "missing month audited" "entry_missing" "$("$ZZ" -c "$EV_CONF" --home "$EV_HOME" audit show --as auditor)"
# In the UI (80x24, that day): Enter on the item opens the month's new record, its year, month and
# filing unit filled in (it said 这一项不能在这里打开, a dead end).
zz_tui_at '2026-04-06 08:20:00' xterm
zz_login police
zz_expect "信息系统 > 待办事项"
zz_expect "刑事案件发破案情况（2026-03）逾期未录入"
n=0
until zz_screen | grep -q "^>.*刑事案件发破案情况（2026-03）逾期未录入"; do
	[ $n -lt 30 ] || zz_fail "the entry item not reached"
	zz_keys Down
	sleep 0.2
	n=$((n + 1))
done
zz_keys Enter
zz_expect "刑事案件发破案情况 > 新增"
zz_expect "填报年度：2026"
zz_expect "月份：3"
zz_expect "填报单位：姜堰区"
zz_absent "不能在这里打开"
zz_keys Escape
zz_expect "信息系统 > 待办事项"
zz_tui_clean
crim() {
	printf 'year=2026 month=3 unit=321204 total=%s eight=%s' "$1" "$2"
	for f in murder civil_murder kidnap robbery snatch burglary motor_theft car_theft drugs economic; do
		printf ' %s=0 %s_solved=0' $f $f
	done
	printf ' total_solved=0 eight_solved=0'
}
# shellcheck disable=SC2046
ev_refused '2026-04-06 09:00:00' "八类案件（12）不能大于刑事案件（10）" record add criminal_stats --as police \
	--unit 321204-police $(crim 10 12)
# shellcheck disable=SC2046
ev_at '2026-04-06 09:05:00' record add criminal_stats --as police --unit 321204-police $(crim 10 3) >/dev/null ||
	zz_fail "criminal_stats"
zz_lacks "filed month leaves the to-do list" "刑事案件发破案情况（2026-03）" "$(ev_at '2026-04-06 09:10:00' todo --as police)"
zz_has "the counters agree with the events" "与数据一致" "$(ev_at '2026-04-10 09:00:00' stats verify)"
zz_log "reports: ok"
