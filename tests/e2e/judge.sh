#!/bin/sh
# The monthly 分析研判 report (R-RP-5; 6.4.3.8, 8.6): 三水街道 had one 邻里纠纷 and two 婚姻家庭纠纷
# in February 2024 and three 邻里纠纷 in March: March's draft names 邻里纠纷 as the category that
# rose and 婚姻家庭纠纷 as the one that fell, with the units where events were; the office adds its
# judgement and measures (control characters refused) and submits, after which it is frozen; the
# county sees who has submitted; only offices write; every step is audited.
. "$(dirname "$0")/lib.sh"
ev_setup
T1=321204001

# new_ev TIME ACCOUNT CATEGORY TITLE
new_ev() {
	ev_at "$1" event new --as "$2" --title "$4" --category "$3" --scale 2 --place "测试地点" \
		--description "测试事件描述" >/dev/null || zz_fail "event new $4"
}

new_ev '2024-02-05 10:00:00' village 02 "二月邻里纠纷"
new_ev '2024-02-06 10:00:00' village2 01 "二月婚姻纠纷一"
new_ev '2024-02-07 10:00:00' village2 01 "二月婚姻纠纷二"
new_ev '2024-03-05 10:00:00' village 02 "三月邻里纠纷一"
new_ev '2024-03-06 10:00:00' village 02 "三月邻里纠纷二"
new_ev '2024-03-07 10:00:00' village2 02 "三月邻里纠纷三"

ev_at '2024-04-01 09:00:00' analysis show --as town >"$EV_T/d" || zz_fail "draft"
ev_has "$EV_T/d" "^状态	未报送"
ev_has "$EV_T/d" "三水街道 2024-03 分析研判"
ev_has "$EV_T/d" "本月登记 3（上月 3，环比 0.0%"
ev_has "$EV_T/d" "环比上升的类别：邻里纠纷 3（上月 1，环比 +200.0%"
ev_has "$EV_T/d" "环比下降的类别：婚姻家庭纠纷 0（上月 2，环比 -100.0%"
ev_has "$EV_T/d" "事件较多的是桥头社区 2 件、东港村 1 件"

ev_log "R-RP-5 due: the office reminded until it submits (reports.due.judge: a township by the 8th)"
ev_at '2024-04-01 09:05:00' todo --as town >"$EV_T/todo" || zz_fail "todo"
ev_has "$EV_T/todo" "^提示	2024-04-08 23:59:59	judge	2024-03	月度分析研判（2024-03）应于 2024-04-08 前提交$"
ev_at '2024-04-09 09:05:00' todo --as town >"$EV_T/todo" || zz_fail "todo"
ev_has "$EV_T/todo" "^逾期	2024-04-08 23:59:59	judge	2024-03	月度分析研判（2024-03）已逾期未提交（应于 2024-04-08 前）$"
ev_at '2024-04-01 09:05:00' todo --as grid >"$EV_T/todo" || zz_fail "todo"
ev_lacks "$EV_T/todo" "月度分析研判"
ev_log "R-RP-5 due: a home made this month asks for no month before it (forms neither)"
# At the suite's clock, as the home was just made (the 2024 lines above: a home "made" after the
# moment asked about is taken as made before every month, the clock having been set back).
"$ZZ" -c "$EV_CONF" --home "$EV_HOME" todo --as town >"$EV_T/todo" || zz_fail "todo now"
ev_lacks "$EV_T/todo" "已逾期未提交"
ev_lacks "$EV_T/todo" "已逾期未上报"

ev_refused '2024-04-01 09:10:00' "研判意见和工作措施" analysis submit --as town
ev_refused '2024-04-01 09:10:00' "控制字符" analysis save --as town --judgement "$(printf 'a\033[2Jb')" --measures x
ev_refused '2024-04-01 09:10:00' "综治办的账号" analysis save --as grid --judgement x --measures y
ev_at '2024-04-01 09:20:00' analysis save --as town --judgement "邻里纠纷上升，集中在桥头社区" \
	--measures "=SUM(1)开展楼道堆物专项排查" >/dev/null || zz_fail "save"
ev_at '2024-04-01 09:21:00' analysis status --as county >"$EV_T/s" || zz_fail "status"
ev_has "$EV_T/s" "^$T1	三水街道	草稿$"
ev_at '2024-04-01 09:30:00' analysis submit --as town >/dev/null || zz_fail "submit"
ev_refused '2024-04-01 09:40:00' "已经报送" analysis save --as town --judgement x --measures y
ev_at '2024-04-09 09:05:00' todo --as town >"$EV_T/todo" || zz_fail "todo"
ev_lacks "$EV_T/todo" "月度分析研判（2024-03）"
ev_at '2024-04-01 09:41:00' analysis status --as county >"$EV_T/s" || zz_fail "status"
ev_has "$EV_T/s" "^$T1	三水街道	已报送$"
ev_has "$EV_T/s" "^321204002	罗塘街道	未报送$"
ev_at '2024-04-01 09:42:00' analysis show --unit $T1 --as county >"$EV_T/r" || zz_fail "county reads it"
ev_has "$EV_T/r" "^研判意见	邻里纠纷上升，集中在桥头社区"
ev_refused '2024-04-01 09:43:00' "管辖范围" analysis show --unit 321204002 --as town

ev_log "R-RP-5 export: the county's copy of 三水街道's report as xlsx and CSV (a formula neutralised)"
x=$(ev_at '2024-04-01 09:44:00' analysis export --unit $T1 --month 2024-03 --as county) || zz_fail "export"
case "$x" in */files/county/download/分析研判-三水街道-2024-03.xlsx) ;; *) zz_fail "export path: $x" ;; esac
[ "$(stat -c %a "$x")" = 600 ] || zz_fail "the exported report is the account's own (0600)"
/usr/bin/python3 - "$x" <<'PY' || zz_fail "analysis xlsx content"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
assert ws["A1"].value == "三水街道 2024-03 月度分析研判", ws["A1"].value
rows = [r for r in ws.iter_rows(min_row=2, values_only=True)]
assert rows[0] == ("项目", "内容"), rows[0]
got = dict((r[0], r[1]) for r in rows if r[0])
assert got["状态"] == "已报送" and got["报送"].startswith("town，2024-04-01 09:30"), got
assert got["系统草稿"] == "三水街道 2024-03 分析研判（系统根据数据生成）", got
assert any(r[1] and r[1].startswith("二、环比上升的类别：邻里纠纷 3") for r in rows), rows
assert got["研判意见"] == "邻里纠纷上升，集中在桥头社区", got
assert got["工作措施"] == "=SUM(1)开展楼道堆物专项排查", got
PY
x=$(ev_at '2024-04-01 09:45:00' analysis export --format csv --unit $T1 --month 2024-03 --as county) ||
	zz_fail "export csv"
head -c 3 "$x" | od -An -tx1 | grep -q "ef bb bf" || zz_fail "the CSV starts with a BOM"
ev_has "$x" "^工作措施,'=SUM(1)开展楼道堆物专项排查"
ev_has "$x" "^研判意见,邻里纠纷上升，集中在桥头社区"
ev_refused '2024-04-01 09:46:00' "管辖范围" analysis export --unit 321204002 --month 2024-03 --as town
"$ZZ" -c "$EV_CONF" --home "$EV_HOME" audit show --as auditor >"$EV_T/audit"
ev_has "$EV_T/audit" "judge:2024-03:$T1"
grep "export" "$EV_T/audit" | grep -q "judge:2024-03:$T1" || { cat "$EV_T/audit"; zz_fail "export audited"; }

ev_log "the 月度分析研判 screen at 80x24: the county reads 三水街道's submitted report"
zz_tui_start vt100 80 24
zz_login county
zz_menu
zz_keys /
zz_type "月度分析研判"
zz_keys Enter Enter
zz_expect "分析研判｜"
zz_keys /
zz_expect "月份（YYYY-MM）"
# A month that is none is refused in its prompt, which keeps it to be corrected.
zz_keys C-u
zz_type "2024-3"
zz_keys Enter
zz_expect "月份应为 YYYY-MM，例如 2026-03（改后回车，Esc 放弃）"
zz_expect "月份（YYYY-MM）：2024-3"
zz_keys C-u
zz_type "2024-03"
zz_keys Enter
zz_expect "姜堰区 2024-03 分析研判｜未报送"
zz_expect "环比上升的类别：邻里纠纷 3"
# P sends the report up: the status line says 报送, not 发布.
zz_expect "P报送"
# P on the county's own report with nothing written: refused before the question is asked.
zz_keys P
zz_expect "报送前请填写研判意见和工作措施（按 e 填写并保存）"
zz_absent "报送后不能修改"
# Its help says what e and s do here (it said 修改当前记录 and 按状态筛选).
zz_keys '?'
zz_expect "填写本单位的研判意见和工作措施并保存（报送前）"
zz_expect "下级单位的报送情况，选中一个单位阅读其分析研判"
zz_absent "按状态筛选"
zz_keys q
zz_expect "姜堰区 2024-03 分析研判｜未报送"
zz_keys s
zz_expect "下级单位分析研判报送情况"
zz_expect "三水街道　已报送"
zz_expect "罗塘街道　未报送"
zz_type "三水"
zz_keys Enter
zz_expect "三水街道 2024-03 分析研判｜已报送"
zz_expect "研判意见：邻里纠纷上升，集中在桥头社区"
zz_keys e
zz_expect "只能填写本单位的分析研判"
rm -f "$EV_T"/var/files/county/download/分析研判-三水街道-2024-03.csv
zz_keys w
zz_expect "导出格式"
zz_keys Down Enter
zz_expect "已导出到下载目录：分析研判-三水街道-2024-03.csv"
ev_has "$EV_T"/var/files/county/download/分析研判-三水街道-2024-03.csv "^状态,已报送"
zz_tui_clean

ev_log "R-RP-5 at 80x24: the town opens February's to-do line, writes and submits the report there, the line goes"
zz_tui_at '2024-04-09 10:00:00'
zz_login town
zz_expect "信息系统 > 待办事项"
zz_expect "月度分析研判（2024-02）已逾期未提交"
n=0
until zz_screen | grep -q "^>.*月度分析研判（2024-02）"; do
	[ $n -lt 40 ] || zz_fail "the 研判 item not reached"
	zz_keys Down
	n=$((n + 1))
	sleep 0.2
done
zz_keys Enter
zz_expect "三水街道 2024-02 分析研判｜未报送"
zz_expect "本月登记 3（上月 0"
zz_keys e
zz_expect "研判意见："
zz_type "婚姻家庭纠纷较多"
zz_keys Enter
zz_expect "工作措施："
zz_type "开展婚姻家庭纠纷排查"
zz_keys Enter
zz_expect "已保存（草稿）；按 P 报送"
zz_keys P
zz_expect "报送 2024-02 的分析研判？报送后不能修改"
zz_keys y
zz_expect "已报送 2024-02 的分析研判"
zz_expect "三水街道 2024-02 分析研判｜已报送"
zz_keys q
zz_expect "信息系统 > 待办事项"
zz_expect "月度分析研判（2024-01）已逾期未提交"
zz_absent "月度分析研判（2024-02）"
zz_tui_clean
ev_at '2024-04-09 10:10:00' analysis status --month 2024-02 --as county >"$EV_T/s" || zz_fail "status"
ev_has "$EV_T/s" "^$T1	三水街道	已报送$"
echo "judge: ok"
