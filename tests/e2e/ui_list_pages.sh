#!/bin/sh
# The record list a page at a time (issue 17): 300 households at 80x24, in tree order and by name
# (o), paged forward and back (PgDn, PgUp), to the end and back (End, Home), numbered 1..300 in
# order, the count in the header from the counters equal to the records collected with a filter,
# for the county and for a town's smaller scope; 人员基本信息, which the counters do not count,
# collected and counted as before.
. "$(dirname "$0")/lib.sh"
zz_setup
zz init --demo --persons 0 >/dev/null || zz_fail "init --demo"
python3 "$ZZ_ROOT/bench/gen_household.py" 300 "$ZZ_ROOT" >"$ZZ_TMP/h.csv" || zz_fail "generator"
zz import household "$ZZ_TMP/h.csv" --as county >/dev/null || zz_fail "import"

# The rows on screen as "NUMBER NAME" (序号, 身份证号, 姓名: the third column), in screen order.
rows() {
	zz_screen | python3 -c '
import re, sys
for line in sys.stdin:
    m = re.match(r"^[> ]\s*(\d+)\S*\s+\S+\s+(\S+)", line)
    if m:
        print(m.group(1), m.group(2))'
}
# Numbers consecutive from $1 on, names in order (byte order, as the name index; "desc": reversed).
# Read again for up to 6 s while the screen is still being drawn (a capture can fall between the
# rows of one update).
check_page() {
	_try=0
	until rows >"$ZZ_TMP/page" && page_ok "$@" 2>"$ZZ_TMP/page.err"; do
		_try=$((_try + 1))
		[ $_try -lt 30 ] || { cat "$ZZ_TMP/page.err" >&2; zz_screen >&2; zz_fail "page from $1 ${2:-}"; }
		sleep 0.2
	done
}
page_ok() {
	python3 - "$1" "${2:-}" "$ZZ_TMP/page" <<'PY'
import sys
first, order, path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
rows = [l.split(" ", 1) for l in open(path, encoding="utf-8").read().splitlines()]
nums = [int(n) for n, _ in rows]
assert rows and nums == list(range(first, first + len(rows))), nums
names = [n.strip().encode() for _, n in rows]
if order:
    assert names == sorted(names, reverse=(order == "desc")), names
PY
}
last_name() { tail -1 "$ZZ_TMP/page" | cut -d' ' -f2; }
first_name() { head -1 "$ZZ_TMP/page" | cut -d' ' -f2; }

zz_tui_start xterm-256color 80 24
zz_login county
zz_open_list 户籍人口
zz_expect " 共 300 条"
zz_expect " 1/300"
check_page 1
per=$(wc -l <"$ZZ_TMP/page")
[ "$per" -ge 15 ] || zz_fail "a page of $per rows at 80x24"
zz_keys PageDown
zz_expect " $((per + 1))/300"
check_page $((per + 1))

# By name: o, the 姓名 column.
zz_keys o
zz_expect "排序（再选同一列为倒序）"
zz_keys Down Down Enter
zz_expect "排序:姓名"
zz_expect " 1/300"
check_page 1 asc
p1=$(cat "$ZZ_TMP/page")
prev=$(last_name)
k=1
while [ $k -le 3 ]; do
	zz_keys PageDown
	zz_expect " $((k * per + 1))/300"
	check_page $((k * per + 1)) asc
	python3 -c 'import sys; a, b = sys.argv[1].encode(), sys.argv[2].encode(); sys.exit(a > b)' "$prev" "$(first_name)" ||
		zz_fail "page $((k + 1)) starts with $(first_name), before $prev"
	prev=$(last_name)
	k=$((k + 1))
done
p4=$(cat "$ZZ_TMP/page")
zz_keys PageUp
zz_expect " $((2 * per + 1))/300"
check_page $((2 * per + 1)) asc
zz_keys PageDown
zz_expect " $((3 * per + 1))/300"
check_page $((3 * per + 1)) asc
[ "$(cat "$ZZ_TMP/page")" = "$p4" ] || zz_fail "page 4 read again differs"
zz_keys End
zz_expect " 300/300"
rows >"$ZZ_TMP/page"
[ "$(tail -1 "$ZZ_TMP/page" | cut -d' ' -f1)" = 300 ] || { zz_screen >&2; zz_fail "the last row is not 300"; }
check_page $((301 - $(wc -l <"$ZZ_TMP/page"))) asc
last=$(last_name)
zz_keys PageUp
# The page drawn to its last row (the selection, at the bottom) before it is read.
zz_expect " $((300 - per))/300"
zz_expect ">$((300 - per))"
check_page $((301 - 2 * per)) asc
zz_keys Home
zz_expect " 1/300"
check_page 1 asc
[ "$(cat "$ZZ_TMP/page")" = "$p1" ] || zz_fail "the first page read again differs"
# The same column again: descending, the last name first.
zz_keys o
zz_expect "排序（再选同一列为倒序）"
zz_keys Enter
zz_expect "排序:姓名(倒序)"
check_page 1 desc
[ "$(first_name)" = "$last" ] || zz_fail "descending starts with $(first_name), not $last"
zz_keys Escape
zz_menu
# 人员基本信息 has no counters (the roles are counted): its list collects, and counts them all
# (the 300 households' persons and the demo's staff).
zz_open_list 人员基本信息
zz_expect "人员基本信息"
n=$(zz_screen | sed -n 's/.* 共 \([0-9]*\) 条.*/\1/p' | head -1)
[ -n "$n" ] && [ "$n" -ge 300 ] || { zz_screen >&2; zz_fail "人员基本信息 counts $n"; }
zz_keys End
zz_expect " $n/$n"
rows >"$ZZ_TMP/page"
[ "$(tail -1 "$ZZ_TMP/page" | cut -d' ' -f1)" = "$n" ] || { zz_screen >&2; zz_fail "the last person is not $n"; }
zz_tui_quit

# A town: its count from the counters is the number its records collected by a status filter.
zz_tui_start xterm-256color 80 24
zz_login town
zz_open_list 户籍人口
n=$(zz_screen | sed -n 's/.* 共 \([0-9]*\) 条.*/\1/p' | head -1)
[ -n "$n" ] && [ "$n" -gt 0 ] && [ "$n" -lt 300 ] || { zz_screen >&2; zz_fail "the town's count: $n"; }
zz_keys End
zz_expect " $n/$n"
rows >"$ZZ_TMP/page"
[ "$(tail -1 "$ZZ_TMP/page" | cut -d' ' -f1)" = "$n" ] || { zz_screen >&2; zz_fail "the town's last row"; }
zz_keys s
zz_expect "按状态筛选"
zz_keys Down Down Enter
zz_expect "状态:待认领"
zz_expect " 共 $n 条"
zz_tui_quit
zz_tui_clean
echo ok
