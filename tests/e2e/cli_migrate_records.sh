#!/bin/sh
# Records stored by the codec before version 3 (rewritten so by dbtamper oldrec, or made by an
# older build given as ZZ_OLD_ZONGZHI): the home opens and reads as it is (older records need no
# migration to be read); `zongzhi migrate` rewrites them in version 3, says how many, audits it,
# gives the same answers (lists by unit and by name, a person by ID number, the claims), `verify`
# finds every index consistent, the record files are smaller, and a second run has nothing to do;
# a rewrite killed half way leaves a home that reads the same and is finished by running it again,
# from where it stopped.
. "$(dirname "$0")/lib.sh"
zz_setup
TAMPER=$(zz_suite_wrap "$ZZ_ROOT/build/tests/dbtamper")
[ -x "$TAMPER" ] || zz_fail "build/tests/dbtamper missing"
SLOWSYNC=$ZZ_ROOT/build/tests/slowsync.so
[ -r "$SLOWSYNC" ] || zz_fail "build/tests/slowsync.so missing (make build/tests/slowsync.so)"

ZZ_T0=$(zz_date '+%Y-%m-%d %H:%M:%S')
# demo BINARY PERSONS FLOATING: the demo city (its clock frozen) and FLOATING rows of the police's
# export waiting to be claimed.
demo() {
	rm -rf "$ZONGZHI_HOME" "$ZZ_TMP/var/audit-head.log"
	zz_faketime "$ZZ_T0" "$1" -c "$ZZ_CONF" init --demo --persons "$2" --seed 1 >"$ZZ_TMP/demo.log" 2>&1 ||
		zz_fail "init --demo: $(cat "$ZZ_TMP/demo.log")"
	awk -v n="$3" -v seed=1 -v unroutable=5 -f "$ZZ_ROOT/bench/gen_floating.awk" "$ZZ_ROOT/db/demo/units.tsv" |
		iconv -f UTF-8 -t GB18030 >"$ZZ_TMP/floating.csv"
	zz_faketime "$ZZ_T0" "$1" -c "$ZZ_CONF" import floating "$ZZ_TMP/floating.csv" --by 321204-police --as police \
		>"$ZZ_TMP/import.log" 2>&1 || zz_fail "import floating: $(cat "$ZZ_TMP/import.log")"
}

old_home() {
	if [ -n "$ZZ_OLD_ZONGZHI" ]; then
		demo "$ZZ_OLD_ZONGZHI" "$1" "$2"
	else
		demo "$ZZ_BIN" "$1" "$2"
		"$TAMPER" "$ZZ_CONF" "$ZONGZHI_HOME" oldrec 0 || zz_fail "tamper oldrec"
	fi
}

answers() {
	zz record list household --as county --full
	zz record list household --unit 321204001 --as county
	zz record list household --name 张 --as county
	zz record list floating --as county --full
	zz record list person --as village --full
	zz person show "$idn" --as county --full
	zz_faketime "$ZZ_T0" "$ZZ_BIN" -c "$ZZ_CONF" claim list --as police
}

recfiles() { du -ck "$ZONGZHI_HOME"/rec_*.db | tail -1 | cut -f1; }

demo "$ZZ_BIN" 300 300
idn=$(zz record list person --as county --limit 1 --full | awk -F'\t' 'NR == 2 { print $3 }')
[ ${#idn} = 18 ] || zz_fail "an ID number from the demo: $idn"
answers >"$ZZ_TMP/new.txt" 2>&1 || zz_fail "answers of a new home"
zz_status "a new home: nothing to rewrite" 0 zz migrate
zz_has "says so" "数据文件已是新格式，无需迁移" "$(cat "$ZZ_TMP/out")"

old_home 300 300
answers >"$ZZ_TMP/old.txt" 2>&1 || zz_fail "answers of the old home"
cmp -s "$ZZ_TMP/new.txt" "$ZZ_TMP/old.txt" || { diff "$ZZ_TMP/new.txt" "$ZZ_TMP/old.txt" | head -20 >&2;
	zz_fail "older records are read as they are"; }
before=$(recfiles)
zz_status "migrate" 0 zz migrate
zz_has "says how many" "记录已改写为新的存储编码：[1-9][0-9]* 条" "$(cat "$ZZ_TMP/out")"
n=$(sed -n 's/.*新的存储编码：\([0-9]*\) 条.*/\1/p' "$ZZ_TMP/out")
[ "$n" -gt 600 ] || zz_fail "rewrote $n records of a home of 300 persons and 300 floating rows"
after=$(recfiles)
[ "$after" -lt "$before" ] || zz_fail "record files of $after KB after the rewrite, $before KB before"
answers >"$ZZ_TMP/migrated.txt" 2>&1 || zz_fail "answers after the rewrite"
cmp -s "$ZZ_TMP/new.txt" "$ZZ_TMP/migrated.txt" || { diff "$ZZ_TMP/new.txt" "$ZZ_TMP/migrated.txt" | head -20 >&2;
	zz_fail "the same answers after the rewrite"; }
zz_has "audited" "	migrate	records	ok	.*$n 条" "$(zz audit show --type migrate --as auditor)"
zz_status "verify" 0 zz verify
zz_lacks "no index problem" "索引有误|无法检查|损坏" "$(cat "$ZZ_TMP/out")"
zz_status "again: nothing to do" 0 zz migrate
zz_has "says so" "数据文件已是新格式，无需迁移" "$(cat "$ZZ_TMP/out")"

# Killed half way: one record a transaction, each disk sync held 2 ms, killed half a second after
# its first batch is saved. The home reads the same meanwhile; a second run rewrites the rest.
demo "$ZZ_BIN" 2000 0
answers >"$ZZ_TMP/new.txt" 2>&1 || zz_fail "answers of a new home"
"$TAMPER" "$ZZ_CONF" "$ZONGZHI_HOME" oldrec 0 || zz_fail "tamper oldrec"
sed -i 's/^\(  migrate_batch = \)[0-9]*;/\11;/' "$ZZ_CONF"
grep -q "migrate_batch = 1;" "$ZZ_CONF" || zz_fail "db.migrate_batch"
LD_PRELOAD="$SLOWSYNC${ZZ_SUITE_PRELOAD:+ $ZZ_SUITE_PRELOAD}" ZZ_SLOW_SYNC_MS=2 "$ZZ_ROOT/bin/zongzhi" -c "$ZZ_CONF" migrate \
	>"$ZZ_TMP/killed.out" 2>&1 &
pid=$!
polls=0
until [ "$polls" -ge 600 ] || ! kill -0 "$pid" 2>/dev/null || "$TAMPER" "$ZZ_CONF" "$ZONGZHI_HOME" meta 0; do
	sleep 0.05
	polls=$((polls + 1))
done
sleep 0.5
kill -9 "$pid" 2>/dev/null
wait "$pid"
# (the first open after the kill notes the recovery on stderr)
zz record list household --as county >/dev/null 2>&1 || zz_fail "open after the kill"
answers >"$ZZ_TMP/half.txt" 2>&1 || zz_fail "answers of a half rewritten home"
cmp -s "$ZZ_TMP/new.txt" "$ZZ_TMP/half.txt" || { diff "$ZZ_TMP/new.txt" "$ZZ_TMP/half.txt" | head -20 >&2;
	zz_fail "a half rewritten home reads the same"; }
sed -i 's/^\(  migrate_batch = \)[0-9]*;/\12000;/' "$ZZ_CONF"
zz_status "run again" 0 zz migrate
rest=$(sed -n 's/.*新的存储编码：\([0-9]*\) 条.*/\1/p' "$ZZ_TMP/out")
zz verify >"$ZZ_TMP/out" 2>&1 || zz_fail "verify after the resumed rewrite: $(cat "$ZZ_TMP/out")"
total=$(awk -F'\t' '$2 ~ /条记录，/ { sub(/ 条记录.*/, "", $2); s += $2 } END { print s }' "$ZZ_TMP/out")
[ -n "$rest" ] && [ "$rest" -gt 0 ] && [ "$rest" -lt "$total" ] ||
	{ cat "$ZZ_TMP/killed.out" >&2; zz_fail "resumed with ${rest:-no} records of $total (polled $polls times)"; }
answers >"$ZZ_TMP/migrated.txt" 2>&1 || zz_fail "answers after the resumed rewrite"
cmp -s "$ZZ_TMP/new.txt" "$ZZ_TMP/migrated.txt" || { diff "$ZZ_TMP/new.txt" "$ZZ_TMP/migrated.txt" | head -20 >&2;
	zz_fail "the same answers after the resumed rewrite"; }
echo "ok cli_migrate_records"
