#!/bin/sh
# Audit retention: entries stay at least audit.retain_days (180 or more); older ones move into an
# archive file whose chain, heads and link to the database's chain still verify; a changed line of
# the archive is found; the database's chain verifies without them.
. "$(dirname "$0")/lib.sh"
zz_setup
zz init >/dev/null || zz_fail "init"
old='2025-03-01 10:00:00'
zz_at "$old" unit add 32 江苏省 --level province >/dev/null || zz_fail "unit add (old)"
zz_at "$old" unit add 3212 泰州市 --parent 32 --level city >/dev/null || zz_fail "unit add (old)"
zz_at "$old" audit head >/dev/null || zz_fail "audit head (old)"
zz_at "$old" unit add 321204 姜堰区 --parent 3212 --level county >/dev/null || zz_fail "unit add (old)"
zz unit add 321204001 三水街道 --parent 321204 --level township >/dev/null || zz_fail "unit add (now)"
zz_user aud 321204 auditor
zz audit head >/dev/null || zz_fail "audit head"
total=$(zz audit verify | grep -o '[0-9]* 条')

zz_log "the retention cannot be set below 180 days, nor an archive reach into it"
sed -i 's/^\(  retain_days =\).*/\1 90;/' "$ZZ_TMP/conf/zongzhi.cfg"
zz_refused "retain_days 90" zz audit archive | grep -q "audit.retain_days" || zz_fail "90 days accepted"
sed -i 's/^\(  retain_days =\).*/\1 180;/' "$ZZ_TMP/conf/zongzhi.cfg"
zz_refused "archive into the retention" zz audit archive --before "$(zz_date +%Y-%m-%d)" | grep -q "至少保留 180 天" ||
	zz_fail "archive within the retention not refused with the reason"

zz_log "archive: the old entries move to a file, the rest verifies"
zz_status "audit archive" 0 zz audit archive
out=$(cat "$ZZ_TMP/out")
file=$(echo "$out" | sed -n 's/.*归档到 //p')
[ -f "$file" ] || zz_fail "no archive file: $out"
[ "$(stat -c %a "$file")" = 600 ] || zz_fail "archive file mode $(stat -c %a "$file")"
n=$(wc -l <"$file")
[ "$n" -ge 3 ] || zz_fail "only $n entries archived"
shown=$(zz audit show --as aud) || zz_fail "audit show"
zz_lacks "an archived entry is still in the database" "江苏省" "$shown"
zz_has "a recent entry was archived" "三水街道" "$shown"
zz_status "audit verify after archiving" 0 zz audit verify
echo "database: $total before, $(grep -o '[0-9]* 条' "$ZZ_TMP/out") after; archive: $n"
zz_status "audit verify --archive" 0 zz audit verify --archive "$file"
zz_has "archive verified" "哈希链完整" "$(cat "$ZZ_TMP/out")"
zz_has "the archiving is audited" "audit_archive" "$(zz audit show --as aud)"

zz_log "a second archive finds nothing old enough"
zz_status "audit archive again" 0 zz audit archive
zz_has "nothing to archive" "未归档" "$(cat "$ZZ_TMP/out")"

zz_log "a changed or removed line of the archive is found"
cp "$file" "$ZZ_TMP/orig"
sed -i '2s/泰州市/扬州市/' "$file"
zz_refused "changed archive" zz audit verify --archive "$file" | grep -q "哈希不符" || zz_fail "changed line not found"
sed '2d' "$ZZ_TMP/orig" >"$file"
zz_refused "line removed" zz audit verify --archive "$file" | grep -q "缺失" || zz_fail "removed line not found"
head -n 1 "$ZZ_TMP/orig" >"$file"
zz_refused "tail cut" zz audit verify --archive "$file" | grep -q "末尾的记录被删除" || zz_fail "cut archive not found"
echo ok
