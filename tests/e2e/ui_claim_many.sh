#!/bin/sh
# Issue 12 part 6: claims of many rows in one step. 桥头社区 marks two imported rows with + and
# claims both to one grid with c; the grid picker says what Enter will choose; the third row waits.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 0

A=$(zz_idnum 19800101 001)
B=$(zz_idnum 19810202 002)
C=$(zz_idnum 19820303 003)
f=$ZZ_TMP/police.csv
{
	printf '%s\n' '公民身份号码,姓名,性别,民族,联系电话,户籍地详址,现住地址,居住处所,流入原因,流入时间,登记时间,居住证件,居住证号,是否重点人员,录入民警'
	printf '%s\n' "$A,张三,男性,汉,13800000001,河南省某县,姜堰区三水街道桥头社区3组5号,租住,务工,20250110,2026-02-01,,,否,民警1"
	printf '%s\n' "$B,李四,女性,汉族,13800000002,安徽省某县,姜堰区三水街道桥头社区2组1号,租住,经商,2024-05-01,2026-02-01,,,否,民警2"
	printf '%s\n' "$C,王五,男性,回,13800000003,山东省某县,姜堰区三水街道桥头社区1组8号,租住,务工,20230101,2026-02-02,,,否,民警3"
} | iconv -f UTF-8 -t GB18030 >"$f" || zz_fail "iconv"
out=$(zz import floating "$f" --as police 2>&1) || zz_fail "import: $out"
zz_has "three rows wait at 桥头社区" '待认领 3' "$out"

zz_tui_start xterm-256color 80 24
zz_login village
zz_menu
zz_keys /
zz_type "待认领"
zz_keys Enter Enter
zz_expect "待认领 > "
zz_expect "+标记"
# The first two rows, marked one after the other (+ moves down).
zz_keys +
zz_keys +
marked2() { [ "$(zz_screen | grep -c '流动人口 \*')" -eq 2 ]; }
zz_wait_for 10 marked2 || zz_fail "two rows not marked: $(zz_screen)"
zz_keys c
zz_expect "把标记的 2 条认领到网格"
zz_expect "回车将选定“桥头社区第1网格”（321204001001001）"
zz_type "第2网格"
zz_expect "回车将选定“桥头社区第2网格”（321204001001002）"
zz_keys Enter
zz_expect "已认领 2 条 → 桥头社区第2网格"
# Only the overdue ones: none, and the line above the table says so without a separator left
# hanging for the row it would describe.
zz_keys s
zz_expect "显示"
zz_type "已超期"
zz_keys Enter
zz_expect "桥头社区（已超期）"
zz_expect "（没有记录）"
zz_lacks "a separator with nothing after it" "超期 0｜" "$(zz_screen)"
zz_keys F10
zz_expect "退出系统？"
zz_keys y
zz_tui_clean

n=0
for p in "$A" "$B" "$C"; do
	zz record get floating "$p" --as county | grep -q '^所属单位	321204001001002 ' && n=$((n + 1))
done
[ "$n" -eq 2 ] || zz_fail "$n rows in grid 2, want 2"
[ "$(zz claim list --as village | tail -n +2 | wc -l)" -eq 1 ] || zz_fail "one row should still wait"
echo "ok ui_claim_many"
