#!/bin/sh
# Issue 12 part 6: words and counts mean one thing. Lengths are counted in characters (陈志强 is 3,
# not 9); the to-do list's levels are 预警 (a deadline ahead), 逾期 (a reminder overdue), 黄牌 and
# 红牌 only for cards given, and its lines show no rule codes (R-SV-1 …); record states have one
# name each (被退回, 未分派); the police import map knows the 56 ethnic groups (GB/T 3304).
. "$(dirname "$0")/lib.sh"
zz_setup
zz_tree
G=321204001001001

echo "--- an ID number of three Chinese characters is 3 characters long"
zz_refused "a name typed as an ID number" zz record add household --as village --unit $G idnum=陈志强 name=陈志强 >/dev/null
grep -q "现在是 3 位" "$ZZ_TMP/err" || { cat "$ZZ_TMP/err"; zz_fail "length counted in bytes"; }

echo "--- the to-do list: 预警 before the deadline, 逾期 after it, no rule codes"
P=$(zz_idnum 19700101 101)
zz_at '2026-01-05 09:00:00' record add mental --as village --unit $G idnum=$P name=王五 ethnicity=01 \
	live_address=桥头社区1号 danger=1 diagnosis=1 onset=2020-01-01 incidents=否 economy=2 dibao=否 treated=是 \
	rehab=无 hospital=泰州市第四人民医院 doctor=王医生 police=李警官 cadre=张主任 guardian=赵某 >/dev/null ||
	zz_fail "patient"
zz_at '2026-02-05 08:00:00' daemon --once >/dev/null 2>&1 || zz_fail "daemon"
out=$(zz_at '2026-02-05 09:00:00' todo --as village)
zz_has "a visit coming due is 预警" '^预警	.*	visit	mental:' "$out"
zz_at '2026-02-12 08:00:00' daemon --once >/dev/null 2>&1 || zz_fail "daemon"
out=$(zz_at '2026-02-12 09:00:00' todo --as village)
zz_has "an overdue visit is 逾期" '^逾期	.*	visit	mental:' "$out"
zz_lacks "no card names for reminders" '^(黄色|红色|黄牌|红牌)	.*	visit	' "$out"
zz_lacks "no rule codes shown" 'R-[A-Z]+-[0-9]' "$out"

echo "--- the police import map reads the short names of all 56 ethnic groups"
zz import maps >"$ZZ_TMP/maps" 2>&1 || { cat "$ZZ_TMP/maps"; zz_fail "import maps"; }
n=$(grep -o '\["[^"]*", "[^"]*族"\]' "$ZZ_ROOT/conf/import/police_floating.cfg" | wc -l)
[ "$n" -eq 56 ] || zz_fail "the map names $n ethnic groups, not 56"
A=$(zz_idnum 19800101 001)
B=$(zz_idnum 19810202 002)
f=$ZZ_TMP/police.csv
{
	printf '%s\n' '公民身份号码,姓名,性别,民族,联系电话,户籍地详址,现住地址,居住处所,流入原因,流入时间,登记时间,居住证件,居住证号,是否重点人员,录入民警'
	printf '%s\n' "$A,阿依古丽,女性,维吾尔,13800000001,新疆某县,姜堰区三水街道桥头社区3组5号,租住,务工,20250110,2026-02-01,,,否,民警1"
	printf '%s\n' "$B,巴特尔,男性,蒙古,13800000002,内蒙古某旗,姜堰区三水街道桥头社区2组1号,租住,务工,20250110,2026-02-01,,,否,民警2"
} | iconv -f UTF-8 -t GB18030 >"$f" || zz_fail "iconv"
out=$(zz_at '2026-03-02 09:00:00' import floating "$f" --as police 2>&1) || zz_fail "import: $out"
zz_has "both rows taken" '拒收 0' "$out"
zz_has "维吾尔 → 维吾尔族" '^民族	维吾尔族' "$(zz record get floating "$A" --as county)"
zz_has "蒙古 → 蒙古族" '^民族	蒙古族' "$(zz record get floating "$B" --as county)"

echo "--- one name per record state"
ia=$(zz record get floating "$A" --as county | awk -F'\t' '$1 == "记录号" { print $2 }')
zz claim return "floating:$ia" --reason 查无此人 --as village >/dev/null || zz_fail "return"
zz_has "被退回 in the record" '^状态	被退回$' "$(zz record get floating "$A" --as county)"
zz_has "被退回 in the claims" "^floating:$ia	被退回	" "$(zz claim list --as police)"
echo "ok words"
