#!/bin/sh
# Files (issue 15): an import never reads through a symbolic link (an error showed /etc/passwd's
# first line) nor writes its rejects through one (a planted link overwrote its target); exports
# are 0600 and cells a spreadsheet would run as formulas are written as text.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 30
HDR='公民身份号码,姓名,性别,民族,联系电话,户籍地详址,现住地址,居住处所,流入原因,流入时间,登记时间,居住证件,居住证号,是否重点人员,录入民警'
A=$(zz_idnum 19800101 001)

zz_log "an upload that is a link to another file is not read"
printf 'root:x:0:0:secret-first-line\n' >"$ZZ_TMP/target"
ln -s "$ZZ_TMP/target" "$ZZ_TMP/link.csv"
zz_refused "import through a link" zz import floating "$ZZ_TMP/link.csv" --as police
zz_lacks "nothing of the target shown" "secret-first-line" "$(cat "$ZZ_TMP/err")"
zz_has "the reason" "符号链接" "$(cat "$ZZ_TMP/err")"

zz_log "a reject file planted as a link is not written through"
f=$ZZ_TMP/police.csv
printf '%s\n%s\n' "$HDR" "$A,张三,男性,汉,13800000001,河南省某县,姜堰区三水街道桥头社区3组5号,租住,务工,20250110,2026-02-01,居住证,JZ1,否,民警1" >"$f"
printf 'precious\n' >"$ZZ_TMP/victim"
ln -s "$ZZ_TMP/victim" "$f.rejects.tsv"
zz_refused "rejects through a link" zz import floating "$f" --as police
[ "$(cat "$ZZ_TMP/victim")" = precious ] || zz_fail "the link's target was overwritten"

zz_log "exports: 0600, formulas as text"
zz record add household --as village --unit 321204001001001 idnum="$(zz_idnum 19900101 011)" name=李四 \
	ethnicity=01 live_address="=HYPERLINK(\"http://x\",\"点我\")" hukou_status=1 head_relation=01 housing_kind=1 >/dev/null ||
	zz_fail "add household"
zz export household --as village --output "$ZZ_TMP/out.csv" 2>/dev/null || zz_fail "export"
[ "$(stat -c %a "$ZZ_TMP/out.csv")" = 600 ] || zz_fail "export mode $(stat -c %a "$ZZ_TMP/out.csv")"
zz_has "formula as text" "\"'=HYPERLINK" "$(cat "$ZZ_TMP/out.csv")"
ln -s "$ZZ_TMP/victim" "$ZZ_TMP/out2.csv"
zz_refused "export through a link" zz export household --as village --output "$ZZ_TMP/out2.csv"
[ "$(cat "$ZZ_TMP/victim")" = precious ] || zz_fail "the export overwrote a link's target"

zz_log "a database home that cannot be reached is not reported as missing"
: >"$ZZ_TMP/plainfile"
zz_refused "home under a file" "$ZZ" -c "$ZZ_CONF" --home "$ZZ_TMP/plainfile/home" user list
zz_has "the reason" "无法访问数据库目录" "$(cat "$ZZ_TMP/err")"
zz_lacks "not missing" "先运行 zongzhi init" "$(cat "$ZZ_TMP/err")"
echo ok
