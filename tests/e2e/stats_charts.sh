#!/bin/sh
# 统计分析 (issue 14; 4.1.4, 7.5): events registered in two townships over three months, under
# libfaketime; `zongzhi stats by-unit|by-category|by-month` give exactly the events registered
# with 同比 and 环比, an export lands in the download folder, and the chart screen at 80x24 shows
# the same numbers with block bars on xterm and '#' bars on vt100, and drills down from the
# township to its villages and to the event list. Only whole months are compared: on the 1st and
# on the 30th of April the screen and the commands show March against February and March 2023 (they
# showed April so far against the whole of March, which looked low early in a month), saying which
# months; March itself while it runs has no 同比 or 环比, on its 5th as on its 31st.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 0
TZ=Asia/Shanghai
export TZ

# new_ev TIME ACCOUNT CATEGORY TITLE
new_ev() {
	zz_at "$1" event new --as "$2" --title "$4" --category "$3" --scale 2 --place "测试地点" \
		--description "测试事件描述" >/dev/null || zz_fail "event new $4"
}
new_ev '2023-03-10 10:00:00' village 02 "去年同月的邻里纠纷"
new_ev '2024-02-10 10:00:00' village 02 "上月的邻里纠纷一"
new_ev '2024-02-12 10:00:00' village 02 "上月的邻里纠纷二"
new_ev '2024-03-05 10:00:00' village 02 "三月邻里纠纷一"
new_ev '2024-03-06 10:00:00' village 02 "三月邻里纠纷二"
new_ev '2024-03-07 10:00:00' village 02 "三月邻里纠纷三"
new_ev '2024-03-08 10:00:00' village2 01 "三月婚姻家庭纠纷"
new_ev '2024-03-09 10:00:00' u321204002.office 02 "罗塘三月纠纷一"
new_ev '2024-03-20 10:00:00' u321204002.office 02 "罗塘三月纠纷二"

out=$ZZ_TMP/out
# --- the command line: the counts equal the events registered ---
zz stats by-unit event --month 2024-03 --as county >"$out" || zz_fail "stats by-unit"
grep -q "^321204001	三水街道	4	1	+300.0%	2	+100.0%$" "$out" || { cat "$out"; zz_fail "三水街道 by unit"; }
grep -q "^321204002	罗塘街道	2	0	-	0	-$" "$out" || { cat "$out"; zz_fail "罗塘街道 by unit"; }
grep -q "^total	合计	6	1	+500.0%	2	+200.0%$" "$out" || { cat "$out"; zz_fail "county total"; }
zz stats by-unit event --unit 321204001 --month 2024-03 --as county >"$out" || zz_fail "stats by-unit 三水"
grep -q "^321204001001	桥头社区	3	" "$out" || { cat "$out"; zz_fail "桥头社区 by unit"; }
grep -q "^321204001002	东港村	1	" "$out" || { cat "$out"; zz_fail "东港村 by unit"; }
zz stats by-category event --month 2024-03 --as county >"$out" || zz_fail "stats by-category"
grep -q "^02	邻里纠纷	5	1	+400.0%	2	+150.0%$" "$out" || { cat "$out"; zz_fail "邻里纠纷 by category"; }
grep -q "^01	婚姻家庭纠纷	1	0	-	0	-$" "$out" || { cat "$out"; zz_fail "婚姻家庭 by category"; }
zz stats by-month event --month 2024-03 --months 12 --as county >"$out" || zz_fail "stats by-month"
[ "$(grep -c '^2024-\|^2023-' "$out")" -eq 12 ] || { cat "$out"; zz_fail "12 months"; }
grep -q "^2024-02	2024-02	2	0	-	0	-$" "$out" || { cat "$out"; zz_fail "2024-02 by month"; }
grep -q "^2024-03	2024-03	6	1	+500.0%	2	+200.0%$" "$out" || { cat "$out"; zz_fail "2024-03 by month"; }
# Whole months only: without --month, the last whole month, the same at a month's start and end.
for at in '2024-04-01 00:30:00' '2024-04-30 23:30:00'; do
	zz_at "$at" stats by-unit event --as county >"$out" || zz_fail "stats by-unit at $at"
	grep -q "^total	合计	6	1	+500.0%	2	+200.0%$" "$out" || { cat "$out"; zz_fail "March by default at $at"; }
done
# A month not over is counted as it stands and compared with nothing, at its start as at its end
# (the events above were all registered before these runs).
zz_at '2024-03-05 12:00:00' stats by-unit event --month 2024-03 --as county >"$out" || zz_fail "March 5th"
grep -q "^total	合计	6	-	-	-	-$" "$out" || { cat "$out"; zz_fail "March not compared on the 5th"; }
zz_at '2024-03-31 23:30:00' stats by-category event --month 2024-03 --as county >"$out" || zz_fail "March 31st"
grep -q "^02	邻里纠纷	5	-	-	-	-$" "$out" || { cat "$out"; zz_fail "March's 邻里纠纷 on the 31st"; }
grep -q "^total	合计	6	-	-	-	-$" "$out" || { cat "$out"; zz_fail "March so far on the 31st"; }
# Its export says why 去年同月, 上月 and their ratios are empty.
zz_at '2024-03-31 23:30:00' stats by-unit event --month 2024-03 --export csv --as county >"$out" || zz_fail "March export"
f=$(sed -n 's/^已导出：//p' "$out")
head -1 "$f" | grep -q "姜堰区 2024-03 矛盾纠纷事件 按单位（月份未结束，不比较）" || { cat "$f"; zz_fail "open month's export title"; }
grep -q "^321204001,三水街道,4,,,,.\?$" "$f" || { cat "$f"; zz_fail "open month's export figures"; }
zz_at '2024-03-31 23:30:00' stats by-month event --month 2024-03 --months 2 --as county >"$out" || zz_fail "trend on the 31st"
grep -q "^2024-02	2024-02	2	0	-	0	-$" "$out" || { cat "$out"; zz_fail "February, over, compared"; }
grep -q "^2024-03	2024-03	6	-	-	-	-$" "$out" || { cat "$out"; zz_fail "March, running, not compared"; }
# A township sees its own subtree only; another township's figures are refused like a missing unit.
zz stats by-unit event --month 2024-03 --as town >"$out" || zz_fail "stats as town"
grep -q "^total	合计	4	" "$out" || { cat "$out"; zz_fail "town total"; }
if zz stats by-unit event --unit 321204002 --month 2024-03 --as town >"$out" 2>"$ZZ_TMP/err"; then
	zz_fail "a township read another's figures"
fi
grep -q "管辖范围" "$ZZ_TMP/err" || { cat "$ZZ_TMP/err"; zz_fail "refusal message"; }
# Export into the account's download folder.
zz stats by-unit event --month 2024-03 --export csv --as county >"$out" || zz_fail "stats export"
f=$(sed -n 's/^已导出：//p' "$out")
[ -f "$f" ] || { cat "$out"; zz_fail "exported file"; }
grep -q "^321204001,三水街道,4,1,300.0%,2,100.0%" "$f" || { cat "$f"; zz_fail "exported figures"; }
zz stats by-category event --month 2024-03 --export xlsx --as county >"$out" || zz_fail "stats export xlsx"
f=$(sed -n 's/^已导出：//p' "$out")
[ "$(stat -c %a "$f")" = 600 ] || zz_fail "the exported file is the account's own"
python3 - "$f" <<'PY' || zz_fail "xlsx figures"
# The workbook as a spreadsheet reader sees it: shared strings and numeric cells.
import re, sys, zipfile
import xml.etree.ElementTree as ET
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
z = zipfile.ZipFile(sys.argv[1])
strings = [si.findtext(".//m:t", namespaces=ns) for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns)]
cells = {}
for c in ET.fromstring(z.read("xl/worksheets/sheet1.xml")).iter("{%s}c" % ns["m"]):
    v = c.findtext("m:v", namespaces=ns)
    cells[c.get("r")] = strings[int(v)] if c.get("t") == "s" else float(v)
row = next(int(re.sub("[A-Z]", "", r)) for r, v in cells.items() if r.startswith("A") and v == "02")
get = lambda col: cells.get("%s%d" % (col, row))
assert get("B") == "邻里纠纷" and get("C") == 5 and get("D") == 1 and get("F") == 2, cells
assert abs(get("E") - 4.0) < 1e-9 and abs(get("G") - 1.5) < 1e-9, cells
PY

# --- the chart screen at 80x24; leaving it by the keys of every list ---
# County's 统计分析 of 矛盾纠纷事件, from the menu, in a started UI.
chart_go() {
	zz_login county
	zz_menu
	zz_open_stats 矛盾纠纷事件
}
chart_open() {
	zz_tui_start "$1" 80 24
	chart_go
	# / picks the month here: the status line and the help say so, not 搜索.
	zz_expect "/月份"
	zz_keys '?' Space
	zz_expect "换月份：输入 YYYY-MM"
	zz_keys Escape
	zz_gone "换月份：输入 YYYY-MM"
	zz_keys /
	zz_expect "月份（YYYY-MM）"
	zz_keys C-u
	zz_type "2024-03"
	zz_keys Enter
	zz_expect "姜堰区 2024-03 按单位｜合计 6 同比(2023-03)+500.0% 环比(2024-02)+200.0%"
}
row() {
	zz_screen | grep -F "$1"
}

chart_open xterm-256color
row "三水街道" | grep -q "4  *+300.0%  *+100.0% ████████████████████████████████████" ||
	{ zz_screen; zz_fail "三水街道 bar on xterm"; }
row "罗塘街道" | grep -q "2  *-  *- ██████████████████$" || { zz_screen; zz_fail "罗塘街道 bar on xterm"; }
# Drill down: 三水街道 (the first row) to its villages, 桥头社区 to its own events, then the list.
zz_keys Enter
zz_expect "三水街道 2024-03 按单位｜合计 4"
row "桥头社区" | grep -q " 3 " || { zz_screen; zz_fail "桥头社区 row"; }
row "东港村" | grep -q " 1 " || { zz_screen; zz_fail "东港村 row"; }
zz_keys Enter
zz_expect "桥头社区 2024-03 按单位｜合计 3"
zz_expect "桥头社区（本级）"
line=$(zz_screen | grep -n -F "桥头社区（本级）" | cut -d: -f1)
zz_move_to "$line"
zz_keys Enter
zz_expect "范围：桥头社区"
zz_expect "三月邻里纠纷三"
zz_keys Escape Escape Escape
zz_expect "姜堰区 2024-03 按单位"
# By category: Enter on a category lists that category's events registered in the month only.
zz_keys V
zz_expect "姜堰区 2024-03 按类别"
zz_keys Home
zz_expect "婚姻家庭纠纷"
zz_keys Down Enter
zz_expect "类别：邻里纠纷｜2024-03 登记"
zz_expect "罗塘三月纠纷二"
zz_screen_has "三月邻里纠纷一" || { zz_screen; zz_fail "March's 邻里纠纷 in the category's list"; }
zz_screen | grep -q "三月婚姻家庭纠纷\|上月的邻里纠纷\|去年同月" && { zz_screen; zz_fail "another category or month in the list"; }
zz_keys Escape
zz_expect "姜堰区 2024-03 按类别"
# The trend: 12 months with the sparkline above.
zz_keys V
zz_expect "姜堰区 2024-03 近12月｜本月 6 同比+500.0% 环比+200.0%"
zz_screen | grep -q "近12月.*环比+200.0%  *▃█  *1/12" || { zz_screen; zz_fail "sparkline"; }
# Backing out: q leaves the chart for the object picker; there q is text once a filter is typed,
# and with none it leaves 统计分析 (it was always text: the picker came back after each chart).
zz_keys q
zz_expect "统计分析：选择统计对象（8/8）"
zz_type "xq"
zz_expect "筛选: xq"
zz_expect "（没有符合的项"
zz_keys BSpace BSpace
zz_expect "统计分析：选择统计对象（8/8）"
zz_keys q
zz_gone "选择统计对象"
zz_expect "信息系统 > 主菜单"
zz_expect "> 统计分析（分布、类别、趋势）"
# F10 in the picker closes it and asks to quit, as on every screen (it did nothing); n stays.
zz_keys Enter
zz_expect "统计分析：选择统计对象（8/8）"
zz_keys F10
zz_expect "退出系统？"
zz_gone "选择统计对象"
zz_keys n
zz_gone "退出系统？"
zz_expect "信息系统 > 主菜单"
zz_tui_clean

chart_open vt100
row "三水街道" | grep -q "4  *+300.0%  *+100.0% ####################################$" ||
	{ zz_screen; zz_fail "三水街道 bar on vt100"; }
row "罗塘街道" | grep -q "2  *-  *- ##################$" || { zz_screen; zz_fail "罗塘街道 bar on vt100"; }
zz_screen | grep -q "[▁▂▃▄▅▆▇█]" && { zz_screen; zz_fail "block characters on vt100"; }
# The table on the screen exported (w) in GB18030, for spreadsheets that do not read UTF-8.
f=$ZZ_TMP/var/files/county/download/统计分析-矛盾纠纷事件-按单位-姜堰区-2024-03.csv
rm -f "$f"
# An account that may export is told so on the status line (w worked but was not shown).
zz_has "w on the status line" "/月份 w导出 q返回" "$(zz_screen | tail -1)"
zz_keys w
zz_expect "导出格式"
zz_keys Down Down Enter
zz_expect "已导出到下载目录：统计分析-矛盾纠纷事件-按单位-姜堰区-2024-03.csv"
iconv -f GB18030 -t UTF-8 "$f" | grep -q "^321204001,三水街道,4,1,300.0%,2,100.0%" || { cat "$f"; zz_fail "GB18030 export"; }
grep -q "三水" "$f" && zz_fail "the GB18030 file holds UTF-8"
zz_tui_clean

# The screen at a frozen moment: it opens on the last whole month and names the months compared.
chart_at() {
	zz_tui_at "$1"
	chart_go
}
for at in '2024-04-01 09:00:00' '2024-04-30 23:00:00'; do
	chart_at "$at"
	zz_expect "姜堰区 2024-03 按单位｜合计 6 同比(2023-03)+500.0% 环比(2024-02)+200.0%"
	zz_tui_clean
done
chart_at '2024-03-31 23:00:00'
zz_expect "姜堰区 2024-02 按单位｜合计 2 同比(2023-02)- 环比(2024-01)-"
zz_keys /
zz_expect "月份（YYYY-MM）"
# A month to come is refused at the prompt, which keeps it to be corrected.
zz_keys C-u
zz_type "2024-04"
zz_keys Enter
zz_expect "2024-04 月还没有开始，请选择本月（2024-03）或以前的月份"
zz_screen | grep -q "月份（YYYY-MM）：2024-04" || { zz_screen; zz_fail "the month typed was not kept"; }
zz_keys C-u
zz_type "2024-03"
zz_keys Enter
zz_expect "姜堰区 2024-03 按单位｜合计 6 月份未结束，不比较"
row "三水街道" | grep -q "4  *-  *- █" || { zz_screen; zz_fail "三水街道 not compared in March"; }
zz_tui_clean
echo "stats_charts: ok"
