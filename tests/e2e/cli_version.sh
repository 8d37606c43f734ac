#!/bin/sh
# Versions of records: every store bumps the version; `record update --if-version N` is refused
# when the record is no longer at version N (someone saved it since), naming who and when, and
# changes nothing; an update at the current version goes through (issue 12, part 2).
. "$(dirname "$0")/lib.sh"
zz_setup
zz_tree
zz_user aud 321204 auditor

id1=$(zz_idnum 19800101 011)
base="ethnicity=汉族 live_address=桥头社区1组 hukou_status=人户同在 head_relation=本人 housing_kind=自有住房"
zz_status "add" 0 zz record add household idnum="$id1" name=李四 phone=13812345678 $base \
	--unit 321204001001001 --as village
version() {
	zz record get household "$id1" --as county | awk -F'\t' '$1 == "版本" {print $2}'
}
[ "$(version)" = 1 ] || zz_fail "a new record is version 1, got '$(version)'"

# Two people read version 1; the first saves.
zz_status "first update at version 1" 0 zz record update household "$id1" --if-version 1 live_address=桥头社区2组 \
	--as village
[ "$(version)" = 2 ] || zz_fail "version after one update: $(version)"
zz record get household "$id1" --as county | grep -q "更新人	.*village" || zz_fail "the editor is recorded"

# The second, still at version 1, is refused and changes nothing.
err=$(zz_refused "stale update" zz record update household "$id1" --if-version 1 live_address=旧地址 --as county)
zz_has "who and when" "此记录已被 .*village.* 于 [0-2][0-9]:[0-5][0-9] 修改" "$err"
zz record get household "$id1" --as county | grep -q "桥头社区2组" || zz_fail "the first change is kept"
[ "$(version)" = 2 ] || zz_fail "a refused update changes the version"

# At the current version it goes through; without --if-version the version read now is used.
zz_status "update at version 2" 0 zz record update household "$id1" --if-version 2 phone=13912345678 --as county
zz_status "update without --if-version" 0 zz record update household "$id1" name=李四 --as county
[ "$(version)" = 4 ] || zz_fail "version after three updates: $(version)"
err=$(zz_refused "bad version" zz record update household "$id1" --if-version x name=李四 --as county)
zz_has "bad version explained" "if-version 应为" "$err"
# The audit log has the first change and no emptied value.
zz audit show --as aud >"$ZZ_TMP/audit" 2>&1 || zz_fail "audit show"
grep -q "桥头社区2组" "$ZZ_TMP/audit" || zz_fail "audit shows the first change"
echo "cli_version: ok"
