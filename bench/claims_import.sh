#!/bin/sh
# Import of a GBK CSV of floating population (the public-security export, police_floating.cfg)
# into the demo county as the county police: every row decoded, checked, routed by address to its
# village and indexed, waiting to be claimed. Against it, in the same run, the sqlite3 command
# line's .import of the same rows (converted to UTF-8) into a table with the same kinds of index
# (unique ID number, name, address). BENCH_ROWS rows (default 1000000). Target: zongzhi/sqlite
# time ratio 1.0 or better, and under 60 s on a 2-core machine.
set -u
cd "$(dirname "$0")/.." || exit 1
ROWS=${BENCH_ROWS:-1000000}
ZZ=bin/zongzhi
[ -x "$ZZ" ] || { echo "build bin/zongzhi first" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 not installed" >&2; exit 1; }
T=$(mktemp -d "${TMPDIR:-/tmp}/zz-bench.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT INT TERM

now() { date +%s.%N; }
secs() { echo "$1 $2" | awk '{ printf "%.2f", $2 - $1 }'; }

awk -v n="$ROWS" -v seed=1 -v unroutable=2 -f bench/gen_floating.awk db/demo/units.tsv >"$T/rows.utf8.csv"
iconv -f UTF-8 -t GB18030 "$T/rows.utf8.csv" >"$T/rows.gbk.csv" || exit 1
echo "rows: $ROWS ($(du -m "$T/rows.gbk.csv" | cut -f1) MiB GBK); settings: conf/zongzhi.cfg db.cache_mb $(sed -n 's/^  cache_mb = \([0-9]*\);.*/\1/p' conf/zongzhi.cfg)"
$ZZ --home "$T/db" init --demo --persons 100 --seed 1 >/dev/null 2>&1 || { echo "init failed" >&2; exit 1; }

# The import is a person's work (the console is for bootstrap): the demo's police account.
printf 'Demo@2026zz\n' >"$T/pw"
chmod 600 "$T/pw"
t0=$(now)
$ZZ --home "$T/db" import floating "$T/rows.gbk.csv" --by 321204-police --as police --password-file "$T/pw" >"$T/zz.out" 2>&1 || {
	cat "$T/zz.out" >&2
	exit 1
}
t1=$(now)
zz=$(secs "$t0" "$t1")
head -2 "$T/zz.out"

cat >"$T/load.sql" <<SQL
PRAGMA journal_mode = WAL;
CREATE TABLE floating(idnum TEXT, name TEXT, sex TEXT, ethnicity TEXT, phone TEXT, hukou_address TEXT,
  live_address TEXT, housing_kind TEXT, inflow_reason TEXT, inflow_date TEXT, register_date TEXT,
  cert_type TEXT, cert_no TEXT, key_person TEXT, officer TEXT);
CREATE UNIQUE INDEX floating_key ON floating(idnum);
CREATE INDEX floating_name ON floating(name);
CREATE INDEX floating_address ON floating(live_address);
.import --csv --skip 1 $T/rows.utf8.csv floating
SELECT count(*) FROM floating;
SQL
t0=$(now)
n=$(sqlite3 "$T/sqlite.db" <"$T/load.sql" 2>"$T/sqlite.err" | tail -1)
t1=$(now)
sq=$(secs "$t0" "$t1")
echo "sqlite3 .import: $n rows"
echo "$zz $sq" | awk '{ printf "zongzhi import: %.2f s (%.0f rows/s)\nsqlite3 .import: %.2f s\nratio zongzhi/sqlite: %.2f (target <= 1.0); under 60 s: %s\n", $1, '"$ROWS"' / $1, $2, $1 / $2, ($1 < 60 ? "yes" : "no") }'
