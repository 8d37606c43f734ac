#!/bin/sh
# R-CL-1: an import killed with SIGKILL halfway and run again gives the same database and the same
# reject file as one clean run: every batch commits its rows with the point the file was read to.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.sh
zz_setup
zz_grep() { zz_has "$3" "$1" "$2"; }
zz_nogrep() { zz_lacks "$3" "$1" "$2"; }

# Small batches, so that the kill lands between commits. Every process sees the wall clock frozen
# at the same instant, so that both runs stamp the same times and their files can be compared byte
# for byte however slow the machine is; the monotonic clock runs, so lock timeouts and failure
# checks work as they do.
mkdir -p "$ZZ_TMP/cfg"
cp -R conf "$ZZ_TMP/cfg/conf"
zz_cli_map "$ZZ_TMP/cfg/conf"
ln -s "$PWD/screens" "$ZZ_TMP/cfg/screens"
ln -s "$PWD/reports" "$ZZ_TMP/cfg/reports"
ln -s "$PWD/db" "$ZZ_TMP/cfg/db"
sed -i 's/batch_rows = [0-9]*/batch_rows = 250/' "$ZZ_TMP/cfg/conf/claims.cfg"
CFG=$ZZ_TMP/cfg/conf/zongzhi.cfg
ZZ_PLAIN=$ZZ_BIN
FT_LIB=${ZZ_FAKETIME_LIB:-/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1}
[ -r "$FT_LIB" ] || zz_fail "libfaketime not found ($FT_LIB)"
FT_START='2026-03-02 09:00:00'
# A hang (a lock left by the killed process) fails the test instead of stalling the suite.
at_start() { LD_PRELOAD=$FT_LIB FAKETIME=$FT_START DONT_FAKE_MONOTONIC=1 timeout 300 "$ZZ_PLAIN" -c "$CFG" "$@"; }

f=$ZZ_TMP/police.csv
awk -v n=40000 -v seed=7 -v unroutable=3 -v bad=1 -f bench/gen_floating.awk db/demo/units.tsv |
	iconv -f UTF-8 -t GB18030 >"$f" || zz_fail "generate"

at_start --home "$ZZ_TMP/clean" init --demo --persons 30 --seed 1 >/dev/null 2>&1 || zz_fail "init"
# The same starting database twice (a closed environment copies like a backup).
cp -R "$ZZ_TMP/clean" "$ZZ_TMP/crash" && rm -f "$ZZ_TMP"/crash/__db.* || zz_fail "copy"

cp "$f" "$ZZ_TMP/clean.csv"
out=$(at_start --home "$ZZ_TMP/clean" import floating "$ZZ_TMP/clean.csv" --as police 2>&1) || zz_fail "clean run: $out"
zz_grep '读入 40000 行' "$out" "clean run reads every row"

cp "$f" "$ZZ_TMP/crash.csv"
# A simple command (env execs zongzhi), so that $! is the import itself.
env LD_PRELOAD="$FT_LIB" FAKETIME="$FT_START" DONT_FAKE_MONOTONIC=1 "$ZZ_PLAIN" -c "$CFG" --home "$ZZ_TMP/crash" \
	import floating "$ZZ_TMP/crash.csv" --as police >"$ZZ_TMP/first.log" 2>&1 &
pid=$!
trap 'kill -9 $pid 2>/dev/null; zz_cleanup' EXIT
# Wait until some batches are committed, then kill. The reject file is flushed with every batch
# (1% of the rows are bad): watching it does not touch the database the import is writing.
i=0
while [ "$(cat "$ZZ_TMP/crash.csv.rejects.tsv" 2>/dev/null | wc -l)" -lt 40 ]; do
	i=$((i + 1))
	[ $i -lt 1200 ] || zz_fail "no progress"
	sleep 0.02
done
kill -9 $pid
wait $pid 2>/dev/null
[ $? -eq 137 ] || zz_fail "the import was not killed: $(cat "$ZZ_TMP/first.log")"
[ ! -s "$ZZ_TMP/first.log" ] || zz_fail "the import finished before the kill: $(cat "$ZZ_TMP/first.log")"

out=$(at_start --home "$ZZ_TMP/crash" import floating "$ZZ_TMP/crash.csv" --as police 2>&1) || zz_fail "re-run: $out"
zz_grep '上次导入在第 [0-9]{4,} 行中断，已从该行继续' "$out" "the re-run resumes after the committed batches"
zz_grep '读入 40000 行' "$out" "counts cover the whole file"

cmp -s "$ZZ_TMP/clean.csv.rejects.tsv" "$ZZ_TMP/crash.csv.rejects.tsv" ||
	zz_fail "reject files differ: $(diff "$ZZ_TMP/clean.csv.rejects.tsv" "$ZZ_TMP/crash.csv.rejects.tsv" | head -5)"
for db in rec_floating rec_person claims idx_key idx_unit idx_idnum idx_name idx_due; do
	db5.3_dump -p -h "$ZZ_TMP/clean" "$db.db" >"$ZZ_TMP/clean.$db" 2>/dev/null || zz_fail "dump $db"
	db5.3_dump -p -h "$ZZ_TMP/crash" "$db.db" >"$ZZ_TMP/crash.$db" 2>/dev/null || zz_fail "dump $db"
	cmp -s "$ZZ_TMP/clean.$db" "$ZZ_TMP/crash.$db" || zz_fail "$db.db differs after kill -9 and re-run"
done
# The import log has the same counts (its finish time differs: the runs took different times).
a=$(at_start --home "$ZZ_TMP/clean" import last --as police | sed -n 2p)
b=$(at_start --home "$ZZ_TMP/crash" import last --as police | sed -n 2p)
zz_grep '读入 40000 行' "$a" "import log of the clean run"
[ "$a" = "$b" ] || zz_fail "import logs differ: $a / $b"
echo "ok claims_resume"
