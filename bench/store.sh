#!/bin/sh
# The store against SQLite, in the same run, on the same rows (BENCH_ROWS, default 1,000,000 of each):
#  - import of households (bench/gen_household.py: valid ID numbers, grids of the demo tree):
#    `zongzhi import household FILE` (validation, person records, all indexes: key, unit, ID
#    number, name; claims; audit) against the sqlite3 command line's .import into one table with
#    the same indexes (unique ID number, unit, head's ID number, name);
#  - import of floating population in GBK, as the public-security system exports it
#    (bench/gen_floating.awk, conf/import/police_floating.cfg: decoded, mapped, routed by address,
#    waiting to be claimed) against sqlite3's .import of the same rows (in UTF-8) into a table with
#    the same kinds of index (unique ID number, name, address);
#  - disk: the data files (*.db), the log files and the regions apart, against the SQLite file;
#  - lookup by ID number: the median of BENCH_LOOKUPS lookups in one process each (bench/lookup).
# Targets (issue 17): each import <= 0.7 x sqlite3; data files <= 2 x the SQLite file; lookup
# median <= 5 µs. The log is bounded by the disk.* settings (doc/performance.md).
# Another build in the same run (doc/performance.md): BENCH_ZONGZHI and BENCH_LOOKUP name its
# program and bench/lookup, BENCH_OUT its folder (default bench/out/store).
set -e
cd "$(dirname "$0")/.."
rows=${BENCH_ROWS:-1000000}
lookups=${BENCH_LOOKUPS:-10000}
zzbin=${BENCH_ZONGZHI:-bin/zongzhi}
lookup=${BENCH_LOOKUP:-build/bench/lookup}
out=${BENCH_OUT:-bench/out/store}
rm -rf "$out"
mkdir -p "$out/conf"
root=$(pwd)
# The repository's settings, with a cache that holds the working set of a million households
# (BENCH_CACHE_MB; a provincial server has it): SQLite reads through the system's page cache.
cache=${BENCH_CACHE_MB:-2048}
for f in conf/*.cfg; do
	sed -e "s|\"\.\./var/|\"$root/$out/var/|g" -e "s|\"\.\./|\"$root/|g" \
		-e "s|^\(  cache_mb = \)[0-9]*;|\1$cache;|" "$f" >"$out/conf/${f##*/}"
done
cp -r conf/import "$out/conf/"
grep -q "cache_mb = $cache;" "$out/conf/zongzhi.cfg"
conf=$out/conf/zongzhi.cfg
csv=$out/household.csv
fcsv=$out/floating.csv
echo "   generating $rows household rows and $rows floating-population rows ..."
python3 bench/gen_household.py "$rows" . >"$csv"
awk -v n="$rows" -v seed=1 -f bench/gen_floating.awk db/demo/units.tsv >"$out/floating.utf8.csv"
iconv -f UTF-8 -t GB18030 "$out/floating.utf8.csv" >"$fcsv"
"$zzbin" -c "$conf" --home "$out/db" init --demo --persons 0 >/dev/null
# The imports are a person's work (the console is for bootstrap): the demo's county office and
# county police.
printf 'Demo@2026zz\n' >"$out/pw"
chmod 600 "$out/pw"

secs() { # the wall time of a command, in seconds with milliseconds; its CPU time (user + system) in $out/cpu
	s=$(date +%s%N)
	/usr/bin/time -a -o "$out/cpu" -f '%U %S' "$@" >"$out/last.out" 2>&1 || { cat "$out/last.out"; return 1; }
	e=$(date +%s%N)
	echo "$(( (e - s) / 1000000 ))" | awk '{ printf "%.2f", $1 / 1000 }'
}

: >"$out/cpu"
zz=$(secs "$zzbin" -c "$conf" --home "$out/db" import household "$csv" --as county --password-file "$out/pw")
grep -q "新增 $rows，" "$out/last.out" || { cat "$out/last.out"; exit 1; }
zf=$(secs "$zzbin" -c "$conf" --home "$out/db" import floating "$fcsv" --by 321204-police --as police \
	--password-file "$out/pw")
grep -q "新增 $rows，" "$out/last.out" || { cat "$out/last.out"; exit 1; }
cat >"$out/sqlite.sql" <<SQL
CREATE TABLE household(unit TEXT, idnum TEXT NOT NULL, name TEXT, used_name TEXT, sex TEXT, birth TEXT,
  ethnicity TEXT, native_place TEXT, marital TEXT, political TEXT, education TEXT, religion TEXT,
  occupation_kind TEXT, occupation TEXT, workplace TEXT, phone TEXT, hukou_place TEXT,
  hukou_address TEXT, live_place TEXT, live_address TEXT, hukou_status TEXT, hukou_no TEXT,
  head_idnum TEXT, head_relation TEXT, separated_address TEXT, housing_kind TEXT, house_no TEXT,
  housing_note TEXT);
CREATE UNIQUE INDEX household_idnum ON household(idnum);
CREATE INDEX household_unit ON household(unit);
CREATE INDEX household_head ON household(head_idnum);
CREATE INDEX household_name ON household(name);
.import --csv --skip 1 $csv household
CREATE TABLE floating(idnum TEXT NOT NULL, name TEXT, sex TEXT, ethnicity TEXT, phone TEXT,
  hukou_address TEXT, live_address TEXT, housing_kind TEXT, inflow_reason TEXT, inflow_date TEXT,
  register_date TEXT, cert_type TEXT, cert_no TEXT, key_person TEXT, officer TEXT);
CREATE UNIQUE INDEX floating_idnum ON floating(idnum);
CREATE INDEX floating_name ON floating(name);
CREATE INDEX floating_address ON floating(live_address);
SQL
printf '.import --csv --skip 1 %s floating\n' "$out/floating.utf8.csv" >"$out/sqlite2.sql"
sq=$(secs sh -c "sqlite3 '$out/sqlite.db' <'$out/sqlite.sql'")
sqf=$(secs sh -c "sqlite3 '$out/sqlite.db' <'$out/sqlite2.sql'")
[ "$(sqlite3 "$out/sqlite.db" 'SELECT count(*) FROM household')" = "$rows" ]
[ "$(sqlite3 "$out/sqlite.db" 'SELECT count(*) FROM floating')" = "$rows" ]
printf '   settings: db.cache_mb %s, db.page_kb %s\n' "$cache" "$(sed -n 's/^  page_kb = \([0-9]*\);.*/\1/p' "$conf")"
line() { # what zongzhi-seconds sqlite-seconds
	printf '   import %s %s: zongzhi %s s (%.0f rows/s), sqlite3 %s s; ratio %s (target <= 0.7)\n' "$rows" "$1" \
		"$2" "$(echo "$rows $2" | awk '{ print $1 / $2 }')" "$3" "$(echo "$2 $3" | awk '{ printf "%.2f", $1 / $2 }')"
}
line households "$zz" "$sq"
line "floating (GBK)" "$zf" "$sqf"
printf '   import CPU (user + system): households %s s, floating %s s\n' \
	"$(awk 'NR == 1 { printf "%.2f", $1 + $2 }' "$out/cpu")" "$(awk 'NR == 2 { printf "%.2f", $1 + $2 }' "$out/cpu")"
mb() { du -cm "$@" 2>/dev/null | tail -1 | cut -f1; }
data=$(mb "$out"/db/*.db)
logs=$(mb "$out"/db/log.*)
regions=$(mb "$out"/db/__db.*)
sqmb=$(mb "$out/sqlite.db")
printf '   disk: data files %s MB, SQLite %s MB: ratio %s (target <= 2.0); log %s MB; regions %s MB; du of the home %s\n' \
	"$data" "$sqmb" "$(echo "$data $sqmb" | awk '{ printf "%.2f", $1 / $2 }')" "$logs" "$regions" \
	"$(du -sh "$out/db" | cut -f1)"
du -m "$out"/db/*.db | sort -rn | head -6 | awk '{ sub(".*/", "", $2); printf "     %s %s MB\n", $2, $1 }'

step=$((rows / lookups))
[ "$step" -ge 1 ] || step=1
awk -F, -v step="$step" 'NR > 1 && (NR - 2) % step == 0 { print $2 }' "$csv" >"$out/ids.txt"
set -- $("$lookup" zz "$conf" "$out/db" "$out/ids.txt")
zm=$1 zmean=$2 n=$3
set -- $("$lookup" sqlite "$out/sqlite.db" "$out/ids.txt")
printf '   lookup by ID number (%s lookups): zongzhi median %s µs (mean %s), sqlite median %s µs (mean %s); target <= 5 µs\n' \
	"$n" "$zm" "$zmean" "$1" "$2"
printf '     apart: %s\n' "$("$lookup" split "$conf" "$out/db" "$out/ids.txt")"
rm -f "$csv" "$fcsv" "$out/floating.utf8.csv"
