#!/bin/sh
# The demo is written without the log (store_set_durable; admin guide §4, "A city of millions"):
# a new home, made again from its seed when cut short. Once `init --demo` has returned the home is
# as durable as any other: its log holds none of the demo's writes; an import killed with -9
# midway afterwards is recovered by the next opener (what it committed is there, nothing of the
# one in progress), and `verify`, the counters and the audit chain agree; Berkeley DB's own
# db_recover, normal and then catastrophic (every log file the home kept, replayed from the
# first), leaves the same clean home.
. "$(dirname "$0")/lib.sh"
zz_setup
PRINTLOG=$(command -v db5.3_printlog || command -v db_printlog)
RECOVER=$(command -v db5.3_recover || command -v db_recover)
[ -n "$PRINTLOG" ] && [ -n "$RECOVER" ] || zz_fail "db_printlog and db_recover missing (package db5.3-util)"

# A city (from 1,000 persons): claims and the year's events too.
zz_status "init --demo" 0 zz init --demo --persons 1500 --seed 1
writes=$("$PRINTLOG" -h "$ZONGZHI_HOME" | grep -c '__db_addrem\|__bam_split')
echo "record writes in the demo's log: $writes"
[ "$writes" -lt 50 ] || zz_fail "the demo was logged ($writes record writes)"

count() {
	zz record list household --as county | tail -n +2 | wc -l
}
h0=$(count)
[ "$h0" -gt 1000 ] || zz_fail "the demo's households: $h0"
zz_status "verify after the demo" 0 zz verify

rows=200000
python3 "$ZZ_ROOT/bench/gen_household.py" $rows "$ZZ_ROOT" >"$ZZ_TMP/big.csv" || zz_fail "generator"
"$ZZ_BIN" -c "$ZZ_CONF" import household "$ZZ_TMP/big.csv" --as county >"$ZZ_TMP/import.out" 2>&1 &
importer=$!
trap 'kill -9 $importer 2>/dev/null; zz_cleanup' EXIT
zz_wait_for 60 sh -c "[ \$(\"$ZZ_BIN\" -c \"$ZZ_CONF\" record list household --as county | wc -l) -gt $((h0 + 1)) ]" ||
	zz_fail "first batches committed: not within 60 s"
kill -9 "$importer"
wait "$importer" 2>/dev/null

n=$(($(count) - h0))
echo "after the kill: $n households imported"
# Not a whole number of batches: a row may repeat a demo person's ID number and be refused
# (cli_crash_import.sh checks the batches, on a home without persons).
[ "$n" -gt 0 ] && [ "$n" -lt $rows ] || zz_fail "the import was not killed midway ($n rows)"

# check WHAT: the home is whole and holds the demo and the committed batches.
check() {
	zz_status "$1: verify" 0 zz verify
	zz_has "$1: the indexes agree" "条记录，索引一致" "$(cat "$ZZ_TMP/out")"
	zz_lacks "$1: no problem" "索引有误|无法检查" "$(cat "$ZZ_TMP/out")"
	zz_status "$1: stats verify" 0 zz stats verify
	zz_has "$1: the counters agree" "与数据一致" "$(cat "$ZZ_TMP/out")"
	zz_status "$1: audit verify" 0 zz audit verify
	[ "$(count)" = $((h0 + n)) ] || zz_fail "$1: $(count) households, not $((h0 + n))"
}
check "after the kill"
zz_status "db_recover" 0 "$RECOVER" -h "$ZONGZHI_HOME"
check "after db_recover"
zz_status "db_recover -c" 0 "$RECOVER" -c -h "$ZONGZHI_HOME"
check "after db_recover -c"
echo "ok"
