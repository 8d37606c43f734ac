#!/bin/sh
# Records from the command line as accounts of different roles and units (R-AC-1: a user sees the
# subtree under the user's unit; R-AC-2: a department user its own line), the person view, and
# masking of sensitive fields.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_tree
echo "$ZZ_PASS" | zz user add leader --unit 321204 --role leader >/dev/null || zz_fail "leader"
zz_user aud 321204 auditor

id1=$(zz_idnum 19800101 011)
id2=$(zz_idnum 19750505 022)
base="ethnicity=汉族 live_address=桥头社区1组 hukou_status=人户同在 head_relation=本人 housing_kind=自有住房"

# Add: as the village office, in its own grid.
zz_status "add as village" 0 zz record add household idnum="$id1" name=李四 phone=13812345678 $base \
	--unit 321204001001001 --as village
rid=$(cat "$ZZ_TMP/out")
[ "$rid" -gt 0 ] 2>/dev/null || zz_fail "record id: $rid"
# R-AC-1: not outside its subtree.
zz_status "add outside the village (R-AC-1)" 1 zz record add household idnum="$id2" name=王五 $base \
	--unit 321204002001001 --as village
zz_has "scope reason" "不在本账号的管辖范围" "$(cat "$ZZ_TMP/err")"
zz_status "county adds anywhere in the county" 0 zz record add household idnum="$id2" name=王五 $base \
	--unit 321204002001001 --as county
rid2=$(cat "$ZZ_TMP/out")
# R-AC-2: a department account works only on its line's record types.
zz_refuses "justice may not add household, not its line (R-AC-2)" "成员单位无权新增户籍人口" zz record add household idnum="$(zz_idnum 19900101 033)" \
	name=赵六 $base --unit 321204001001001 --as justice
zz_refuses "leader is read-only" "领导（只读）无权新增户籍人口" zz record add household idnum="$(zz_idnum 19900101 044)" name=钱七 $base \
	--unit 321204001001001 --as leader
zz_status "bad value" 1 zz record add household idnum="$(zz_idnum 19900101 055)" name=孙八 phone=123 $base \
	--unit 321204001001001 --as village
zz_has "bad value names the field" "联系方式" "$(cat "$ZZ_TMP/err")"
zz_refuses "wrong check digit" "身份证号校验位不对" zz record add household idnum=321204198001010110 name=孙八 $base --unit 321204001001001 --as village
zz_refuses "duplicate key" "户籍人口中已有身份证号为" zz record add household idnum="$id1" name=重复 $base --unit 321204001001001 --as village
zz_status "missing required field" 1 zz record add household idnum="$(zz_idnum 19900101 066)" name=周九 \
	--unit 321204001001001 --as village
zz_has "required" "是必填项" "$(cat "$ZZ_TMP/err")"
zz_refuses "no field=value" "参数 “idnum” 应写成 字段=值" zz record add household idnum --as village
zz_refuses "unknown type" "记录类型 “nosuchtype” 不存在" zz record add nosuchtype a=b --as village
zz_refuses "unknown account" "账号 nobody 不存在" zz record list household --as nobody

# Get: by record number or by key; derived fields; masked unless --full with the right.
zz_status "get by key" 0 zz record get household "$id1" --as village
out=$(cat "$ZZ_TMP/out")
zz_has "name" "^姓名	李四$" "$out"
zz_has "birth derived" "^出生日期	1980-01-01$" "$out"
zz_has "sex derived" "^性别	男$" "$out"
zz_has "masked phone" "^联系方式	138\*\*\*\*5678$" "$out"
zz_has "masked idnum" "^身份证号	321204\*\*\*\*\*\*\*\*0111?" "$out"
zz_status "get --full" 0 zz record get household "$rid" --full --as village
zz_has "full phone" "^联系方式	13812345678$" "$(cat "$ZZ_TMP/out")"
zz_status "leader --full stays masked" 0 zz record get household "$rid" --full --as leader
zz_has "leader masked" "^联系方式	138\*\*\*\*5678$" "$(cat "$ZZ_TMP/out")"
# Outside the scope a record answers exactly as one not there, by number or by ID number (R-AC-1):
# neither its unit nor that it is there; the refusal is audited with its reason.
zz_refuses "village2 may not see the village's record (R-AC-1)" "户籍人口记录 $rid 不存在" zz record get household "$rid" --as village2
zz_refuses "nor by its ID number" "户籍人口中没有 “$id1”" zz record get household "$id1" --as village2
gone=$(zz_idnum 19800101 099)
for how in "get household $rid" "update household $rid phone=13900003333" "delete household $rid" \
	"get household $id1" "update household $id1 phone=13900003333" "delete household $id1"; do
	set -- $how
	verb=$1 named=$3
	shift 3
	zz_status "$how as village2" 1 zz record "$verb" household "$named" "$@" --as village2
	hidden=$(cat "$ZZ_TMP/err")
	if [ "$named" = "$rid" ]; then
		zz_status "$verb of a record not there" 1 zz record "$verb" household 99999 "$@" --as village2
		want=$(sed "s/ 99999 / $rid /" "$ZZ_TMP/err")
	else
		zz_status "$verb of an ID number not there" 1 zz record "$verb" household "$gone" "$@" --as village2
		want=$(sed "s/$gone/$id1/" "$ZZ_TMP/err")
	fi
	[ "$hidden" = "$want" ] || zz_fail "$how as village2 said: $hidden (a record not there: $want)"
done
zz_has "the refusal is audited" "	view	household:$rid	refused	单位 321204001001001 不在本账号的管辖范围" \
	"$(zz audit show --as aud --user village2)"
zz_status "grid sees its own grid" 0 zz record get household "$rid" --as grid
zz_refuses "no such record" "户籍人口记录 99999 不存在" zz record get household 99999 --as county
zz_refuses "bad record number" "户籍人口中没有 “abc”" zz record get household abc --as county

# Update and delete.
zz_status "update" 0 zz record update household "$rid" phone=13900001111 --as village
zz_has "updated" "^联系方式	13900001111$" "$(zz record get household "$rid" --full --as village)"
zz_refuses "update by another village refused" "户籍人口记录 $rid2 不存在" zz record update household "$rid2" phone=13900002222 --as village
zz_refuses "update to a bad value" "出生日期应为有效日期" zz record update household "$rid" birth=2026-02-30 --as village
zz_refuses "grid may not delete" "网格员无权删除户籍人口" zz record delete household "$rid" --as grid

# Lists: header first, one record a line, tab-separated; scope applies.
zz_status "list as county" 0 zz record list household --as county
[ "$(tail -n +2 "$ZZ_TMP/out" | wc -l)" = 2 ] || zz_fail "county sees both"
zz_has "list header" "^记录号	所属单位	身份证号	姓名" "$(cat "$ZZ_TMP/out")"
[ "$(zz record list household --as village | tail -n +2 | wc -l)" = 1 ] || zz_fail "village sees one"
[ "$(zz record list household --unit 321204002 --as county | tail -n +2 | wc -l)" = 1 ] || zz_fail "--unit"
zz_has "--name" "	王五	" "$(zz record list household --name 王 --as county)"
zz_lacks "--name excludes" "	李四	" "$(zz record list household --name 王 --as county)"
zz_has "--match" "	李四	" "$(zz record list household --match '李.' --as county)"
zz_refuses "bad --match" "--match 不是有效的 PCRE2 正则表达式" zz record list household --match '(' --as county
zz_refuses "list outside scope" "单位 321204002 不在本账号的管辖范围" zz record list household --unit 321204002 --as village
# 6.4.3.6 (R-AC-1): the center's information is shared with the departments of its level — read,
# masked; another department's own line is not (R-AC-2).
zz_status "justice reads the center's household records (6.4.3.6)" 0 zz record list household --as justice
zz_has "shared masked" "	王五	" "$(cat "$ZZ_TMP/out")"
zz_lacks "shared masked, no full ID" "$id1" "$(cat "$ZZ_TMP/out")"
zz_refuses "justice does not read police's own line (R-AC-2)" "成员单位无权查看吸毒人员" zz record list drug --as justice
zz_status "police, whose line household is, lists it (R-AC-2)" 0 zz record list household --as police

# The person view: every record about one ID number that the caller may see.
zz_status "person show" 0 zz person show "$id1" --as county
out=$(cat "$ZZ_TMP/out")
zz_has "person record" "^\[人员基本信息\] person:" "$out"
zz_has "household role" "^\[户籍人口\] household:$rid" "$out"
zz_status "person show by village2" 0 zz person show "$id1" --as village2
zz_lacks "nothing outside the scope" "household:" "$(cat "$ZZ_TMP/out")"
zz_refuses "person show, bad number" "身份证号应为 18 位" zz person show 12345 --as county

zz_status "delete" 0 zz record delete household "$rid" --as village
zz_refuses "deleted" "户籍人口记录" zz record get household "$rid" --as county
zz_refuses "delete again" "户籍人口记录" zz record delete household "$rid" --as village
zz_status "audit" 0 zz audit show --as aud
out=$(cat "$ZZ_TMP/out")
zz_has "add audited" "	village	321204001001	.*	add	household:$rid	ok" "$out"
zz_has "edit audited with before and after" "	edit	household:$rid	ok	phone: 13812345678 → 13900001111" "$out"
zz_has "delete audited" "	delete	household:$rid	ok" "$out"
zz_has "refusal audited" "	village	.*	view	household:$rid2	refused|	village	.*	add	household:0	refused" "$out"
zz_status "verify" 0 zz verify
echo ok
