#!/bin/sh
# R-CL-1, R-CL-2: the county police imports a GBK export of its floating-population system; rows
# are routed by address to a township and villages, claimed, passed down, sent back and routed
# again; the daemon (under libfaketime) counts overdue claims and flags a department that stopped
# importing; a re-import changes nothing; a local edit and a changed file make a conflict.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
zz_setup
zz_grep() { zz_has "$3" "$1" "$2"; }
zz_nogrep() { zz_lacks "$3" "$1" "$2"; }
zz_demo 30
zz_user dg 321204001002 office   # 东港村
zz_user xh 321204001003 office   # 西河社区
zz_user nz 321204001004 office   # 南庄村

A=$(zz_idnum 19800101 001)
B=$(zz_idnum 19810202 002)
C=$(zz_idnum 19820303 003)
D=$(zz_idnum 19830404 004)
E=$(zz_idnum 19840505 005)
F=$(zz_idnum 19850606 006)
G=$(zz_idnum 19860707 007)
BAD=$(zz_idnum 19870808 008 | sed 's/.$/0/')
[ "$BAD" != "$(zz_idnum 19870808 008)" ] || BAD=$(zz_idnum 19870808 008 | sed 's/.$/1/')

HDR='公民身份号码,姓名,性别,民族,联系电话,户籍地详址,现住地址,居住处所,流入原因,流入时间,登记时间,居住证件,居住证号,是否重点人员,录入民警'
f=$ZZ_TMP/police.csv
{
	printf '%s\n' "$HDR"
	printf '%s\n' "$A,张三,男性,汉,13800000001,河南省某县,姜堰区三水街道桥头社区3组5号,租住,务工,20250110,2026-02-01,居住证,JZ1,否,民警1"
	printf '%s\n' "$B,李四,女性,汉族,13800000002,安徽省某县,姜堰区三水街道东港村2组1号,自购房,经商,2024-05-01,2026-02-01,,,否,民警2"
	printf '%s\n' "$C,王五,,回,13800000003,山东省某县,姜堰区三水街道幸福路8号,单位宿舍,务工,20230101,2026-02-02,,,是,民警3"
	printf '%s\n' "$BAD,赵六,男性,汉,13800000004,山东省某县,姜堰区三水街道桥头社区,租住,务工,20230101,2026-02-02,,,否,民警4"
	printf '%s\n' "$D,钱七,男性,汉,13800000005,山东省某县,姜堰区三水街道桥头社区,租住,务工,,2026-02-02,,,否,民警5"
	printf '%s\n' "$E,孙八,男性,汉,13800000006,山东省某县,姜堰区三水街道桥头社区,帐篷,务工,20230101,2026-02-02,,,否,民警6"
} | iconv -f UTF-8 -t GB18030 >"$f" || zz_fail "iconv"
# Line 8: a name whose bytes are not GB18030 (a lone lead byte before the separator).
printf '%s,\377,%s\n' "$(zz_idnum 19880909 009)" \
	"$(printf '%s' '男性,汉,13800000007,某地,姜堰区三水街道桥头社区,租住,务工,20230101,2026-02-02,,,否,民警7' | iconv -f UTF-8 -t GB18030)" >>"$f"
{
	printf '%s\n' "$F,周九,女性,汉,13800000008,某地,外省某市某路1号,租住,务工,20230101,2026-02-02,,,否,民警8"
	printf '%s\n' "$G,吴十,女性,汉,13800000009,某地,姜堰区三水街道南庄村5组,租住,务工,20230101,2026-02-02,,,否,民警9"
} | iconv -f UTF-8 -t GB18030 >>"$f"

T0='2026-03-02 09:00:00'
out=$(zz_at "$T0" import floating "$f" --as police 2>&1) || zz_fail "import: $out"
zz_grep '读入 9 行：新增 5，更新 0，未变 0，拒收 4' "$out" "import counts"
zz_grep '待认领 4，未分派 1' "$out" "routing counts"
zz_grep 'police_floating，编码 GB18030' "$out" "mapping and encoding detected"
rej=$(cat "$f.rejects.tsv")
zz_grep "^5	公民身份号码	.*校验位不对" "$rej" "wrong ID number rejected with its column"
zz_grep "^6	流入时间	.*必填" "$rej" "missing required field rejected"
zz_grep "^7	居住处所	.*帐篷.*代码表" "$rej" "unknown code rejected"
zz_grep "^8	姓名	.*GB18030" "$rej" "broken encoding rejected with its column"
last=$(zz import last --as police)
zz_grep '拒收 4' "$last" "import last shows the counts"
zz_grep "^8	姓名" "$last" "import last lists the rejects"

id_of() { zz record get floating "$1" --as county | awk -F'\t' '$1 == "记录号" { print "floating:" $2 }'; }
IA=$(id_of "$A"); IB=$(id_of "$B"); IC=$(id_of "$C"); IF=$(id_of "$F"); IG=$(id_of "$G")
[ -n "$IA" ] && [ -n "$IC" ] && [ -n "$IF" ] || zz_fail "imported records not found"

# Routing by address: village, township, unroutable (R-CL-1).
l=$(zz claim list --as village)
zz_grep "^$IA	待认领[^	]*	张三	.*	2026-03-12 09:00:00	" "$l" "row for 桥头社区 waits there with a 10-day deadline"
zz_nogrep "^$IB	" "$l" "a row of 东港村 is not in 桥头社区's list"
zz_grep "^$IB	待认领" "$(zz claim list --as dg)" "row for 东港村"
zz_grep "^$IC	待认领[^	]*	王五" "$(zz claim list --as town)" "address naming only the township waits at the township"
zz_grep "^$IF	未分派	周九" "$(zz claim list --as police)" "unroutable row in the importer's list"
zz_grep '导入数据待指定单位：未能分派 1 条' "$(zz_at '2026-03-02 10:00:00' todo --as police)" "importer's to-do"
zz_grep '1 条导入数据待认领' "$(zz_at '2026-03-02 10:00:00' todo --as village)" "village's to-do"

# Permissions: a grid member cannot claim; another village cannot claim it.
if zz claim accept "$IA" --grid 321204001001001 --as grid 2>/dev/null; then zz_fail "grid member claimed"; fi
err=$(zz claim accept "$IA" --grid 321204001001001 --as dg 2>&1) && zz_fail "another village claimed"
# R-AC-1: another village's record answers as one not there, by number or by ID number.
zz_grep "流动人口记录 ${IA#floating:} 不存在$" "$err" "refusal as a record not there"
zz_nogrep '管辖范围' "$err" "refusal does not tell where the record is"
err=$(zz claim accept "$A" --type floating --grid 321204001001001 --as dg 2>&1) && zz_fail "another village claimed by ID number"
zz_grep "流动人口中没有 “$A”$" "$err" "by ID number: a number not there"
zz_grep "	dg	.*	claim	$IA	refused	" "$(zz audit show --as auditor)" "refusal audited"
err=$(zz claim accept "$IA" --grid 321204001002001 --as village 2>&1) && zz_fail "claimed into another village's grid"
zz_grep '不在' "$err" "grid outside the village refused"
err=$(zz claim accept "$IA" --as village 2>&1) && zz_fail "claimed without a grid"
zz_grep '网格' "$err" "asks for a grid"

zz_at '2026-03-03 10:00:00' claim accept "$IA" --grid 321204001001001 --as village >/dev/null || zz_fail "accept"
rec=$(zz record get floating "$A" --as county)
zz_grep '^所属单位	321204001001001 ' "$rec" "claimed record belongs to the grid"
zz_grep '^状态	在用' "$rec" "claimed record is active"
zz_nogrep "^$IA	" "$(zz claim list --as village)" "claimed row leaves the list"

# The township passes its row down; the village sends it back; the police routes it again.
zz_at '2026-03-03 11:00:00' claim route "$IC" 321204001003 --as town >/dev/null || zz_fail "township routes down"
zz_grep "^$IC	待认领[^	]*	王五	.*	2026-03-13 11:00:00	" "$(zz claim list --as xh)" "forwarded row with a new deadline"
err=$(zz claim return "$IC" --as xh 2>&1) && zz_fail "return without a reason"
zz_at '2026-03-03 12:00:00' claim return "$IC" --reason '本社区查无此人' --as xh >/dev/null || zz_fail "send back"
l=$(zz claim list --as police)
zz_grep "^$IC	被退回	王五	.*	本社区查无此人" "$l" "returned row is back with the importer, with the reason"
err=$(zz claim route "$IC" 321204001-police --as police 2>&1) && zz_fail "routed to a department"
zz_at '2026-03-04 10:00:00' claim route "$IC" 321204001004 --as police >/dev/null || zz_fail "route again"
zz_at '2026-03-04 10:05:00' claim route "$IF" 321204001002001 --as police >/dev/null || zz_fail "route by hand"
zz_grep "^$IF	待认领[^	]*	周九	.*	321204001002001	" "$(zz claim list --as dg)" "hand-routed row suggests its grid"
zz_at '2026-03-05 10:00:00' claim accept "$IF" --as dg >/dev/null || zz_fail "accept with the suggested grid"
zz_grep '^所属单位	321204001002001 ' "$(zz record get floating "$F" --as county)" "suggested grid used"
aud=$(zz audit show --as auditor)
for ty in claim claim_return claim_route import; do
	zz_grep "	$ty	floating:|	$ty	import:" "$aud" "audit has $ty"
done

# Overdue under libfaketime: B and G (imported 03-02) are late on 03-13; C (routed 03-04) is not.
zz_at '2026-03-13 09:00:01' daemon --once 2>/dev/null || zz_fail "daemon"
zz_at '2026-03-13 09:30:00' daemon --once 2>/dev/null || zz_fail "daemon again"
st=$(zz claim stats --month 2026-03 --as county)
zz_grep '^321204001002	.*	1$' "$st" "东港村: one overdue claim (R-CL-1)"
zz_grep '^321204001004	.*	1$' "$st" "南庄村: one overdue, counted once over two passes"
zz_grep '超期' "$(zz_at '2026-03-13 10:00:00' claim list --as nz)" "overdue marked in the list"
zz_at '2026-03-15 10:00:00' daemon --once 2>/dev/null || zz_fail "daemon 03-15"
zz_grep '^321204001004	.*	2$' "$(zz claim stats --month 2026-03 --as county)" "the forwarded row is late after its own 10 days"
zz_grep 'claim_overdue' "$(zz audit show --as auditor)" "overdue claims audited"
zz_grep '1 条导入数据已超过认领期限' "$(zz_at '2026-03-14 09:00:00' todo --as dg)" "overdue claim in the village's to-do"

# A re-import of the same file changes nothing.
before=$(zz export floating --as county 2>/dev/null)
[ "$(printf '%s\n' "$before" | grep -c -e ",$A," -e ",$B,")" = 2 ] || zz_fail "the county office's export lacks the imported rows: $before"
out=$(zz_at '2026-03-16 09:00:00' import floating "$f" --as police 2>&1) || zz_fail "re-import: $out"
zz_grep '新增 0，更新 0，未变 5，拒收 4' "$out" "re-import changes nothing"
[ "$before" = "$(zz export floating --as county 2>/dev/null)" ] || zz_fail "re-import changed records"

# Conflicts: 桥头社区 edits A's phone; the next file changes it too (and B's hukou address).
zz record update floating "$A" phone=13900000001 --as village || zz_fail "local edit"
f2=$ZZ_TMP/police2.csv
{
	printf '%s\n' "$HDR"
	printf '%s\n' "$A,张三,男性,汉,13800009999,河南省某县,姜堰区三水街道桥头社区3组5号,租住,务工,20250110,2026-02-01,居住证,JZ1,否,民警1"
	printf '%s\n' "$B,李四,女性,汉族,13800000002,安徽省某县新地址,姜堰区三水街道东港村2组1号,自购房,经商,2024-05-01,2026-02-01,,,否,民警2"
} | iconv -f UTF-8 -t GB18030 >"$f2"
out=$(zz_at '2026-03-17 09:00:00' import floating "$f2" --as police 2>&1) || zz_fail "import v2: $out"
zz_grep '新增 0，更新 1，未变 1，拒收 0' "$out" "B updated, A kept"
zz_grep '冲突 1' "$out" "one conflict"
zz_grep '^户籍门（楼）详址	安徽省某县新地址' "$(zz record get floating "$B" --as county)" "untouched field updated"
zz_grep '^联系方式	139' "$(zz record get floating "$A" --full --as county)" "local edit kept"
cf=$(zz claim conflicts --as village)
zz_grep "^$IA	联系方式	13900000001	13800009999	" "$cf" "conflict listed with both values"
zz_grep 'edit	floating:.*hukou_address' "$(zz audit show --as auditor)" "update audited with before and after"
zz claim resolve "$IA" phone --take ours --as village || zz_fail "resolve"
[ "$(zz claim conflicts --as village | wc -l)" -eq 1 ] || zz_fail "conflict not cleared"
out=$(zz_at '2026-03-18 09:00:00' import floating "$f2" --as police 2>&1) || zz_fail "import v2 again"
zz_nogrep '冲突 [1-9]' "$out" "a decided conflict does not come back"

# R-CL-2: the police stops importing; after 31 days it is flagged, once.
zz_at '2026-04-20 08:00:00' daemon --once 2>/dev/null || zz_fail "daemon 04-20"
zz_at '2026-04-21 08:00:00' daemon --once 2>/dev/null || zz_fail "daemon 04-21"
aud=$(zz audit show --as auditor)
zz_grep 'import_missing	unit:321204-police	ok	.*流动人口' "$aud" "police flagged for floating (R-CL-2)"
zz_grep 'import_missing	unit:321204-police	ok	.*户籍人口' "$aud" "police flagged for household (never imported)"
[ "$(printf '%s\n' "$aud" | grep -c 'import_missing	unit:321204-police	.*流动人口')" -eq 1 ] || zz_fail "flagged more than once"
zz_grep '姜堰区公安分局超过 31 天未导入流动人口' "$(zz_at '2026-04-21 09:00:00' todo --as police)" "flag in the department's to-do"
zz_grep '姜堰区公安分局超过 31 天未导入流动人口' "$(zz_at '2026-04-21 09:00:00' todo --as county)" "flag in the county office's to-do"
zz_at '2026-04-22 09:00:00' import floating "$f2" --as police >/dev/null 2>&1 || zz_fail "import after the flag"
zz_grep '未导入户籍人口' "$(zz_at '2026-04-22 10:00:00' todo --as police)" "other types stay flagged"
zz_nogrep '未导入流动人口' "$(zz_at '2026-04-22 10:00:00' todo --as police)" "an import clears the flag"
echo "ok claims"
