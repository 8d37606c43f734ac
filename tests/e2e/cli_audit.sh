#!/bin/sh
# The audit log's hash chain: an edited entry, a deleted entry and a removed tail (caught by the
# head file, under whatever spelling of the home) are each found by `audit verify`, which names
# the entry and exits 1, as does a chain days old with no head at all. Between the cases the
# database is brought back with restore.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_tree
TAMPER=$(zz_suite_wrap "$ZZ_ROOT/build/tests/dbtamper")
[ -x "$TAMPER" ] || zz_fail "build/tests/dbtamper missing"

zz_status "chain intact" 0 zz audit verify
n=$(sed -n 's/^审计日志 \([0-9]*\) 条.*/\1/p' "$ZZ_TMP/out")
[ "$n" -gt 20 ] || zz_fail "entries: $n"
zz_status "backup" 0 zz backup "$ZZ_TMP/bak"

# An edited entry: its successor no longer carries its hash.
"$TAMPER" "$ZZ_CONF" "$ZONGZHI_HOME" edit 7 || zz_fail "tamper edit"
zz_status "edited entry found" 1 zz audit verify
zz_has "names the entry" "第 7 条被修改" "$(cat "$ZZ_TMP/err")"
zz_status "verify finds it too" 1 zz verify
zz_has "verify names it" "第 7 条被修改" "$(cat "$ZZ_TMP/out")"

zz_refuses "restore refuses to overwrite without --force" "已存在；先停止服务，再加 --force 恢复" zz restore "$ZZ_TMP/bak"
zz_status "restore" 0 zz restore "$ZZ_TMP/bak" --force
zz_status "chain intact after restore" 0 zz audit verify

# A deleted entry: the sequence has a hole.
"$TAMPER" "$ZZ_CONF" "$ZONGZHI_HOME" delete 9 || zz_fail "tamper delete"
zz_status "deleted entry found" 1 zz audit verify
zz_has "names the entry" "第 9 条起缺失" "$(cat "$ZZ_TMP/err")"
zz restore "$ZZ_TMP/bak" --force >/dev/null || zz_fail "restore 2"

# The tail removed: the chain itself is whole, the head file knows it was longer.
zz_status "audit head" 0 zz audit head
[ -s "$ZZ_TMP/var/audit-head.log" ] || zz_fail "head file not written"
zz_status "more work after the head" 0 zz unit add 321204003 张甸镇 --parent 321204
"$TAMPER" "$ZZ_CONF" "$ZONGZHI_HOME" truncate 3 || zz_fail "tamper truncate"
zz_status "removed tail found" 1 zz audit verify
zz_has "names the last entry the head file knows" "链头文件记录到第 [0-9]+ 条.*末尾的记录被删除" "$(cat "$ZZ_TMP/err")"
# The heads are keyed by the home's canonical path: the same home spelled otherwise (a trailing
# slash, a dot, a relative path, a link) finds them and the removed tail.
ln -s "$ZONGZHI_HOME" "$ZZ_TMP/link"
for h in "$ZONGZHI_HOME/" "$ZZ_TMP/./db" "$ZZ_TMP/link"; do
	ZONGZHI_HOME=$h zz_status "removed tail found through $h" 1 zz audit verify
	zz_has "$h: the head file knows" "链头文件记录到第 [0-9]+ 条.*末尾的记录被删除" "$(cat "$ZZ_TMP/err")"
done
(cd "$ZZ_TMP" && ZONGZHI_HOME=db zz_status "removed tail found through a relative home" 1 zz audit verify) || exit 1

# No head at all for the chain (the head file emptied, which would hide a removed tail): a chain
# younger than audit.head_max_hours (48) verifies, an older one fails naming the head file, until
# a head is written again.
# A restore over the home whose tail was removed: the heads past the backup's end are of the
# history it undoes, so it marks its own end as the head ("… restored", which audit verify keeps
# to) instead of failing on them (it failed, and the head file had to be emptied first).
zz_status "restore over heads past the backup" 0 zz restore "$ZZ_TMP/bak" --force
zz_status "the restored chain verifies" 0 zz audit verify
grep -q " restored\$" "$ZZ_TMP/var/audit-head.log" || zz_fail "no restore line in the head file"
"$TAMPER" "$ZZ_CONF" "$ZONGZHI_HOME" truncate 1 || zz_fail "tamper truncate after the restore"
zz_status "a tail removed after the restore" 1 zz audit verify
zz_has "the restore's head knows it" "链头文件记录到第 [0-9]+ 条.*末尾的记录被删除" "$(cat "$ZZ_TMP/err")"
zz restore "$ZZ_TMP/bak" --force >/dev/null || zz_fail "restore 3"
: >"$ZZ_TMP/var/audit-head.log"
zz_status "no head, a chain of today" 0 zz audit verify
later=$(zz_date -d '+3 days' '+%F %T')
zz_status "no head, a chain of 3 days" 1 zz_at "$later" audit verify
zz_has "names the head file" "链头文件 .*audit-head.log 中没有本数据库的链头.*已有 7[0-9] 小时" "$(cat "$ZZ_TMP/err")"
zz_status "verify says it too" 1 zz_at "$later" verify
zz_at "$later" audit head >/dev/null || zz_fail "audit head"
zz_status "a head again" 0 zz_at "$later" audit verify
echo ok
