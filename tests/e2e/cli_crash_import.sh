#!/bin/sh
# An import killed with -9 midway (most likely inside Berkeley DB): the next process finds every
# batch committed before the kill and nothing of the batch in progress (batches of import.batch_rows rows are
# one transaction each: a household and its person together), the files verify, and importing the same
# file again adds exactly the rows that were missing.
# The county office imports (its rows wait to be claimed by the villages, still records).
. "$(dirname "$0")/lib.sh"
zz_setup
zz init --demo --persons 0 >/dev/null || zz_fail "init --demo"
p0=$(zz record list person --as county | tail -n +2 | wc -l)
# Enough rows that the import still runs when the first commit is seen, however busy the machine.
rows=200000
python3 "$ZZ_ROOT/bench/gen_household.py" $rows "$ZZ_ROOT" >"$ZZ_TMP/big.csv" || zz_fail "generator"

"$ZZ_BIN" -c "$ZZ_CONF" import household "$ZZ_TMP/big.csv" --as county >"$ZZ_TMP/import.out" 2>&1 &
importer=$!
count() {
	zz record list household --as county | tail -n +2 | wc -l
}
zz_wait_for 60 sh -c "[ \$(\"$ZZ_BIN\" -c \"$ZZ_CONF\" record list household --as county --limit 1 | wc -l) -gt 1 ]" ||
	zz_fail "first batches committed: not within 60 s"
kill -9 "$importer"
wait "$importer" 2>/dev/null

n=$(count)
persons=$(($(zz record list person --as county | tail -n +2 | wc -l) - p0))
echo "after the kill: $n households, $persons new persons"
[ "$n" -gt 0 ] && [ "$n" -lt $rows ] || zz_fail "the import was not killed midway ($n rows)"
batch=$(sed -n 's/^ *batch_rows = \([0-9]*\);.*/\1/p' "$ZZ_TMP"/conf/*.cfg | head -1)
[ -n "$batch" ] || zz_fail "import.batch_rows not found"
[ $((n % batch)) = 0 ] || zz_fail "a batch was stored in part: $n rows, batches of $batch"
[ "$persons" = "$n" ] || zz_fail "households and persons differ: $n, $persons"
zz_status "verify after the kill" 0 zz verify
zz_status "audit chain after the kill" 0 zz audit verify

zz_status "import again" 0 zz import household "$ZZ_TMP/big.csv" --as county
# The import goes on where the killed one stopped (or reads everything again): nothing twice.
zz_has "summary" "拒收 0" "$(cat "$ZZ_TMP/out")"
[ "$(count)" = $rows ] || zz_fail "rows after the second import"
echo "ok"
