#!/bin/sh
# Existence leaks (issue 15): an account outside a sensitive record's scope gets for it the answer
# it gets for no record — the subject check of a service record (R-SV-4), the add of a duplicate
# (referred to the owner unit, audited, nothing named), and import rejects.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_tree
zz_user aud 321204 auditor
G=321204001001001
G2=321204002001001
P1=$(zz_idnum 19800101 011)
P2=$(zz_idnum 19800101 022)
base() { echo "idnum=$1 name=$2 ethnicity=01 live_address=桥头社区$3号"; }
mental="danger=1 diagnosis=1 onset=2015-03-01 incidents=否 economy=3 dibao=否 treated=是 rehab=无 hospital=泰州市第四人民医院 doctor=王医生 police=李警官 cadre=赵书记 guardian=张母"
zz record add mental --as health --unit $G $(base $P1 王五 1) $mental >/dev/null || zz_fail "add patient"

visit="staff=王医生 method=1 content=上门随访 result=病情稳定 day=2026-02-12"
zz_refused "a patient in another village" zz record add service_record --as village2 --unit $G2 subject_type=mental subject_idnum=$P1 $visit
m1=$(sed "s/$P1/ID/" "$ZZ_TMP/err")
zz_refused "nobody" zz record add service_record --as village2 --unit $G2 subject_type=mental subject_idnum=$P2 $visit
m2=$(sed "s/$P2/ID/" "$ZZ_TMP/err")
[ "$m1" = "$m2" ] || zz_fail "the answers differ: “$m1” / “$m2”"
zz_lacks "no word of rights" "无权" "$m1"

zz_log "a duplicate household outside the scope: referred, not added, nothing named"
zz record add household --as village --unit $G $(base $P2 李四 2) hukou_status=1 head_relation=01 housing_kind=1 >/dev/null || zz_fail "add household"
zz_refused "the same person added by village2" zz record add household --as village2 --unit $G2 $(base $P2 李四 2) hukou_status=1 head_relation=01 housing_kind=1
m=$(cat "$ZZ_TMP/err")
zz_has "neutral answer" "已提交核实" "$m"
zz_lacks "no record number" "记录号" "$m"
zz_lacks "no type" "户籍" "$m"
zz_has "the owner is asked" "village2）要新增" "$(zz todo --as village | grep dup)"
zz_lacks "village2 sees no request" "dup" "$(zz todo --as village2)"
zz_has "audited" "	village2	.*	add	household:[0-9]*	referred	" "$(zz audit show --as aud)"
[ "$(zz record list household --as county | grep -c "$P2\|李四")" -le 1 ] || zz_fail "a duplicate was made"
echo ok
