#!/bin/sh
# A home whose list indexes (idx_unit, idx_name, idx_idnum) are in the layout from before the
# sorted duplicates (issue 17): rewritten so by dbtamper oldidx, or made by an older build given as
# ZZ_OLD_ZONGZHI (e.g. main before the change). Every open but `zongzhi migrate` refuses it with
# the reason; the migration gives the same answers (lists by unit subtree and by name, a name
# prefix, a person by ID number, counts), `verify` finds every index consistent, the audit has its
# entry and the home opens again; a migration killed half way is refused at open ("迁移中断") and
# finished by running it again; a second migration has nothing to do; an encrypted home too.
. "$(dirname "$0")/lib.sh"
zz_setup
TAMPER=$(zz_suite_wrap "$ZZ_ROOT/build/tests/dbtamper")
[ -x "$TAMPER" ] || zz_fail "build/tests/dbtamper missing"

# demo BINARY PERSONS: the demo city, its clock frozen at the start of the test (the same seed then
# gives the same records, times included).
ZZ_T0=$(zz_date '+%Y-%m-%d %H:%M:%S')
demo() {
	rm -rf "$ZONGZHI_HOME" "$ZZ_TMP/var/audit-head.log"
	zz_faketime "$ZZ_T0" "$1" -c "$ZZ_CONF" init --demo --persons "$2" --seed 1 >"$ZZ_TMP/demo.log" 2>&1 ||
		zz_fail "init --demo: $(cat "$ZZ_TMP/demo.log")"
}

# The old home: made by the old build, or by this one and rewritten in the old layout.
old_home() {
	if [ -n "$ZZ_OLD_ZONGZHI" ]; then
		demo "$ZZ_OLD_ZONGZHI" "$1"
	else
		demo "$ZZ_BIN" "$1"
		"$TAMPER" "$ZZ_CONF" "$ZONGZHI_HOME" oldidx 0 || zz_fail "tamper oldidx"
	fi
}

# What users see of the list indexes, as county (the whole county) and as a village.
answers() {
	zz record list household --as county
	zz record list household --unit 321204001 --as county
	zz record list household --name 张 --as county
	zz record list floating --as county
	zz record list household --as village
	zz person show "$idn" --as county --full
}

demo "$ZZ_BIN" 300
idn=$(zz record list person --as county --limit 1 --full | awk -F'\t' 'NR == 2 { print $3 }')
[ ${#idn} = 18 ] || zz_fail "an ID number from the demo: $idn"
answers >"$ZZ_TMP/new.txt" 2>&1 || zz_fail "answers of a new home"

old_home 300
[ -n "$ZZ_OLD_ZONGZHI" ] && { "$ZZ_OLD_ZONGZHI" -c "$ZZ_CONF" record list household --as county >/dev/null ||
	zz_fail "the old build reads its home"; }
zz_refuses "an old home is refused at open" "是旧版本建立的，列表索引须先迁移为新格式：请停止服务后运行 zongzhi migrate" \
	zz record list household --as county
zz_refuses "verify too" "zongzhi migrate" zz verify
# serve refused on it, in the foreground and in the background (whose first process waits for the
# answer rather than say it started): the reason, and no pid file or run directory left behind.
sed -i -e "s|^\([[:space:]]*log[[:space:]]*=\).*|\1 \"$ZZ_TMP/server.log\";|" \
	-e "s|^\([[:space:]]*start_daemon[[:space:]]*=\).*|\1 false;|" "$ZZ_TMP/conf/server.cfg"
port=$(zz_free_port)
for mode in --foreground ""; do
	zz_refuses "serve $mode on a home to migrate" "是旧版本建立的，列表索引须先迁移为新格式" \
		zz serve $mode --listen "127.0.0.1:$port"
	[ -e "$ZONGZHI_HOME/run/serve.pid" ] && zz_fail "serve $mode refused, but left run/serve.pid"
	[ -e "$ZONGZHI_HOME/run" ] && zz_fail "serve $mode refused, but left run/"
done
zz_lacks "no word of a start" "已在后台启动" "$(cat "$ZZ_TMP/out")"
# The upgrade as the admin guide writes it: a backup of the old home first, then the migration.
zz_status "backup of the old home before migrating" 0 zz backup "$ZZ_TMP/before-migrate"
[ -f "$ZZ_TMP/before-migrate/idx_unit.db" ] || zz_fail "the backup holds the old list index"
zz_status "migrate" 0 zz migrate
zz_has "migrate says how many" "列表索引已迁移为新格式：[0-9]+ 条记录" "$(cat "$ZZ_TMP/out")"
answers >"$ZZ_TMP/migrated.txt" 2>&1 || zz_fail "answers after the migration"
cmp -s "$ZZ_TMP/new.txt" "$ZZ_TMP/migrated.txt" || { diff "$ZZ_TMP/new.txt" "$ZZ_TMP/migrated.txt" | head -20 >&2;
	zz_fail "the same answers as a home made new"; }
zz_status "verify after the migration" 0 zz verify
zz_lacks "no index problem" "索引有误|无法检查" "$(cat "$ZZ_TMP/out")"
zz_has "audited" "	migrate	indexes	ok	" "$(zz audit show --type migrate --as auditor)"
zz_status "again: nothing to do" 0 zz migrate
zz_has "says so" "列表索引已是新格式，无需迁移" "$(cat "$ZZ_TMP/out")"
# Changes work on the migrated home: a unit's records move with it, a name change re-keys.
zz_status "unit move" 0 zz unit move 321204001002 321204002 --as admin
zz_has "the moved village's households are under the new town" "	321204001002" \
	"$(zz record list household --unit 321204002 --as county)"
# (verify's statistics of events are not moved with a unit: not this test's subject.)
zz verify >"$ZZ_TMP/out" 2>&1
zz_lacks "the indexes agree after the move" "索引有误|无法检查" "$(cat "$ZZ_TMP/out")"
zz_has "the households' line" "^household	[0-9]+ 条记录，索引一致" "$(cat "$ZZ_TMP/out")"

# Killed in the middle: the next open names the interrupted migration, a second run finishes it.
# One record a transaction, each committed to the disk, each disk write held 2 ms
# (build/tests/slowsync.so): the migration of this home's 7,000 records takes 15 s or more on any
# machine (without the shim a fast disk finished it in under 3 s). It is killed a second after
# another process's open says it runs: some records are built by then, not all.
SLOWSYNC=$ZZ_ROOT/build/tests/slowsync.so
[ -r "$SLOWSYNC" ] || zz_fail "build/tests/slowsync.so missing (make build/tests/slowsync.so)"
old_home 3000
sed -i 's/^\(  migrate_batch = \)[0-9]*;/\11;/' "$ZZ_CONF"
grep -q "migrate_batch = 1;" "$ZZ_CONF" || zz_fail "db.migrate_batch"
LD_PRELOAD="$SLOWSYNC${ZZ_SUITE_PRELOAD:+ $ZZ_SUITE_PRELOAD}" ZZ_SLOW_SYNC_MS=2 "$ZZ_ROOT/bin/zongzhi" -c "$ZZ_CONF" migrate \
	>"$ZZ_TMP/killed.out" 2>&1 &
pid=$!
n=0
until [ "$n" -ge 600 ] || ! kill -0 "$pid" 2>/dev/null ||
	"$ZZ_BIN" -c "$ZZ_CONF" record list household --as county 2>&1 | grep -q 正在迁移或迁移中断; do
	sleep 0.05
	n=$((n + 1))
done
sleep 1
kill -9 "$pid" 2>/dev/null
wait "$pid"
# (stderr also has the notice of the recovery after the killed process)
zz record list household --as county >"$ZZ_TMP/out" 2>"$ZZ_TMP/err" && { cat "$ZZ_TMP/killed.out" >&2; zz_fail "a killed migration is refused at open (polled $n times)"; }
zz_has "names the interrupted migration" "列表索引正在迁移或迁移中断.*再运行 zongzhi migrate" "$(cat "$ZZ_TMP/err")"
sed -i 's/^\(  migrate_batch = \)[0-9]*;/\12000;/' "$ZZ_CONF"
zz_status "run again" 0 zz migrate
# The resumed run says the home's total and its own part, as the administrator expects.
zz_has "finishes" "列表索引已迁移为新格式：共 [0-9]+ 条记录（本次 [0-9]+ 条，其余由中断的迁移建立）" "$(cat "$ZZ_TMP/out")"
said=$(sed -n 's/.*新格式：共 \([0-9]*\) 条记录.*/\1/p' "$ZZ_TMP/out")
resumed=$(sed -n 's/.*（本次 \([0-9]*\) 条.*/\1/p' "$ZZ_TMP/out")
zz_has "the audit entry too" "	migrate	indexes	ok	.*共 $said 条记录（本次 $resumed 条）" \
	"$(zz audit show --type migrate --as auditor)"
zz_status "verify after the resumed migration" 0 zz verify
zz_lacks "no index problem after the resume" "索引有误|无法检查" "$(cat "$ZZ_TMP/out")"
# It went on from where it stopped: fewer records than the home has, and the total is the home's.
total=$(awk -F'\t' '$2 ~ /条记录，/ { sub(/ 条记录.*/, "", $2); s += $2 } END { print s }' "$ZZ_TMP/out")
[ "$resumed" -gt 0 ] && [ "$resumed" -lt "$total" ] || zz_fail "resumed with $resumed of $total records"
[ "$said" = "$total" ] || zz_fail "the resumed migration says $said records in all, verify counts $total"

# Encrypted at rest (db.key_file): the files removed and made anew are encrypted as the others.
head -c 48 /dev/urandom | base64 >"$ZZ_TMP/key"
chmod 600 "$ZZ_TMP/key"
sed -i "s|^\(  key_file = \)\"\";|\1\"$ZZ_TMP/key\";|" "$ZZ_CONF"
grep -q "key_file = \"$ZZ_TMP/key\";" "$ZZ_CONF" || zz_fail "key_file not set"
old_home 300
zz_status "migrate an encrypted home" 0 zz migrate
zz_status "verify the encrypted home" 0 zz verify
zz_lacks "no problem in the encrypted home" "索引有误|无法检查|损坏" "$(cat "$ZZ_TMP/out")"
grep -q "321204" "$ZONGZHI_HOME/idx_unit.db" && zz_fail "idx_unit.db is not encrypted"
[ "$(zz record list household --as county | wc -l)" -gt 100 ] || zz_fail "the encrypted home's list"
echo "ok cli_migrate"
