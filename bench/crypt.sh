#!/bin/sh
# Encryption at rest (9.7): the cost of db.key_file (DB_ENCRYPT_AES) in the same run, on the same
# rows (BENCH_CRYPT_ROWS, default 200,000 households from bench/gen_household.py):
#  - import: `zongzhi import household FILE` into a plain home and into an encrypted one;
#  - lookup by ID number: the median of BENCH_LOOKUPS lookups (bench/lookup) in each.
# BENCH_CRYPT_RUNS rounds (default 3), each importing into fresh homes, plain and encrypted in
# turn; the medians of the rounds are printed, wall and CPU (user + system) time of the import.
# The environment's regions are in shared memory (db.system_memory; an encrypted home's always).
# BENCH_CRYPT_FILES=1 adds, in the same rounds, a plain home with its regions in files
# (db.system_memory = false) and, when BENCH_ZONGZHI_FILES and BENCH_LOOKUP_FILES name builds from
# before shared memory (whose encrypted homes kept their regions in files), an encrypted one too.
# BENCH_ZONGZHI and BENCH_LOOKUP name other builds of the two programs (an older binary, to compare),
# BENCH_CRYPT_OUT another work folder.
# Target (issue 15): each costs at most 15 % more encrypted.
set -e
cd "$(dirname "$0")/.."
rows=${BENCH_CRYPT_ROWS:-200000}
lookups=${BENCH_LOOKUPS:-10000}
runs=${BENCH_CRYPT_RUNS:-3}
zz=${BENCH_ZONGZHI:-bin/zongzhi}
lookup=${BENCH_LOOKUP:-build/bench/lookup}
out=${BENCH_CRYPT_OUT:-bench/out/crypt}
kinds="plain aes"
if [ -n "$BENCH_CRYPT_FILES" ]; then
	kinds="plain-files $kinds"
	[ -n "$BENCH_ZONGZHI_FILES" ] && [ -n "$BENCH_LOOKUP_FILES" ] && kinds="$kinds aes-files"
fi
rm -rf "$out"
root=$(pwd)
mkdir -p "$out"
head -c 48 /dev/urandom | base64 >"$out/key"
chmod 600 "$out/key"
for kind in $kinds; do
	mkdir -p "$out/$kind/conf"
	key="" shm=true
	case $kind in aes*) key="$root/$out/key" ;; esac
	case $kind in *-files) shm=false ;; esac
	for f in conf/*.cfg; do
		sed -e "s|\"\.\./var/|\"$root/$out/$kind/var/|g" -e "s|\"\.\./|\"$root/|g" \
			-e "s|^\(  key_file = \)\"\";|\1\"$key\";|" \
			-e "s|^\(  system_memory = \).*|\1$shm;|" "$f" >"$out/$kind/conf/${f##*/}"
	done
done
grep -q "key_file = \"$root/$out/key\";" "$out/aes/conf/zongzhi.cfg"
# The import is a person's work (the console is for bootstrap): the demo's county office.
printf 'Demo@2026zz\n' >"$out/pw"
chmod 600 "$out/pw"
csv=$out/household.csv
echo "   generating $rows household rows ..."
python3 bench/gen_household.py "$rows" . >"$csv"

secs() { # "wall cpu" of a command, in seconds (cpu: user + system, from /usr/bin/time)
	s=$(date +%s%N)
	/usr/bin/time -f '%U %S' -o "$out/last.time" "$@" >"$out/last.out" 2>&1 || { cat "$out/last.out"; return 1; }
	e=$(date +%s%N)
	echo "$(( (e - s) / 1000000 ))" "$(cat "$out/last.time")" | awk '{ printf "%.2f %.2f", $1 / 1000, $2 + $3 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
pct() { echo "$1 $2" | awk '{ printf "%+.1f", ($2 / $1 - 1) * 100 }'; }

step=$((rows / lookups))
[ "$step" -ge 1 ] || step=1
awk -F, -v step="$step" 'NR > 1 && (NR - 2) % step == 0 { print $2 }' "$csv" >"$out/ids.txt"
: >"$out/rounds"
round=1
while [ "$round" -le "$runs" ]; do
	for kind in $kinds; do
		kz=$zz kl=$lookup
		[ "$kind" = aes-files ] && kz=$BENCH_ZONGZHI_FILES kl=$BENCH_LOOKUP_FILES
		rm -rf "$out/$kind/db" "$out/$kind/var"
		"$kz" -c "$out/$kind/conf/zongzhi.cfg" --home "$out/$kind/db" init --demo --persons 0 >/dev/null
		set -- $(secs "$kz" -c "$out/$kind/conf/zongzhi.cfg" --home "$out/$kind/db" import household "$csv" --as county --password-file "$out/pw")
		grep -q "新增 $rows，" "$out/last.out" || { cat "$out/last.out"; exit 1; }
		wall=$1 cpu=$2
		set -- $("$kl" zz "$out/$kind/conf/zongzhi.cfg" "$out/$kind/db" "$out/ids.txt")
		echo "$kind $wall $cpu $1 $2" >>"$out/rounds"
		printf '   round %s %-11s import wall %s s, cpu %s s; lookup median %s µs\n' "$round" "$kind" "$wall" "$cpu" "$1"
		n=$3
	done
	round=$((round + 1))
done
col() { awk -v k="$1" -v c="$2" '$1 == k { print $c }' "$out/rounds" | median; }
imp_plain=$(col plain 2) imp_aes=$(col aes 2) cpu_plain=$(col plain 3) cpu_aes=$(col aes 3)
med_plain=$(col plain 4) med_aes=$(col aes 4) mean_plain=$(col plain 5) mean_aes=$(col aes 5)
# The encrypted files hold no readable text of the rows.
name=$(awk -F, 'NR == 2 { print $3 }' "$csv")
if grep -l -F "$name" "$out/aes/db/"*.db "$out/aes/db/"log.* >/dev/null 2>&1; then
	echo "   FAIL: the encrypted home holds readable text"
	exit 1
fi
printf '   import %s households, medians of %s rounds: wall plain %s s, encrypted %s s: %s %%; cpu plain %s s, encrypted %s s: %s %% (target <= +15 %%)\n' \
	"$rows" "$runs" "$imp_plain" "$imp_aes" "$(pct "$imp_plain" "$imp_aes")" "$cpu_plain" "$cpu_aes" "$(pct "$cpu_plain" "$cpu_aes")"
printf '   lookup by ID number (%s lookups): plain median %s µs (mean %s), encrypted median %s µs (mean %s): %s %%\n' \
	"$n" "$med_plain" "$mean_plain" "$med_aes" "$mean_aes" "$(pct "$med_plain" "$med_aes")"
for kind in $kinds; do
	case $kind in plain | aes) continue ;; esac
	base=${kind%-files}
	printf '   regions in shared memory (%s) against files (%s): import cpu %s s / %s s: %s %%; lookup median %s / %s µs: %s %%\n' \
		"$base" "$kind" "$(col "$base" 3)" "$(col "$kind" 3)" "$(pct "$(col "$kind" 3)" "$(col "$base" 3)")" \
		"$(col "$base" 4)" "$(col "$kind" 4)" "$(pct "$(col "$kind" 4)" "$(col "$base" 4)")"
done
[ -n "$BENCH_CRYPT_FILES" ] && [ -n "$BENCH_ZONGZHI_FILES" ] && [ -n "$BENCH_LOOKUP_FILES" ] &&
	printf '   encrypted against plain, both in files: import cpu %s %%; lookup median %s %%\n' \
		"$(pct "$(col plain-files 3)" "$(col aes-files 3)")" "$(pct "$(col plain-files 4)" "$(col aes-files 4)")"
du -sh "$out/plain/db" "$out/aes/db" | awk '{ printf "   size %s %s\n", $2, $1 }'
rm -f "$csv"
