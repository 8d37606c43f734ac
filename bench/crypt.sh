#!/bin/sh
# Encryption at rest (9.7): the cost of db.key_file (DB_ENCRYPT_AES) in the same run, on the same
# rows (BENCH_CRYPT_ROWS, default 200,000 households from bench/gen_household.py):
#  - import: `zongzhi import household FILE` into a plain home and into an encrypted one;
#  - lookup by ID number: the median of BENCH_LOOKUPS lookups (bench/lookup) in each.
# Target (issue 15): each costs at most 15 % more encrypted.
set -e
cd "$(dirname "$0")/.."
rows=${BENCH_CRYPT_ROWS:-200000}
lookups=${BENCH_LOOKUPS:-10000}
out=bench/out/crypt
rm -rf "$out"
mkdir -p "$out/plain" "$out/aes"
root=$(pwd)
head -c 48 /dev/urandom | base64 >"$out/key"
chmod 600 "$out/key"
for kind in plain aes; do
	mkdir -p "$out/$kind/conf"
	key=""
	[ "$kind" = aes ] && key="$root/$out/key"
	for f in conf/*.cfg; do
		sed -e "s|\"\.\./var/|\"$root/$out/$kind/var/|g" -e "s|\"\.\./|\"$root/|g" \
			-e "s|^\(  key_file = \)\"\";|\1\"$key\";|" "$f" >"$out/$kind/conf/${f##*/}"
	done
	bin/zongzhi -c "$out/$kind/conf/zongzhi.cfg" --home "$out/$kind/db" init --demo --persons 0 >/dev/null
done
grep -q "key_file = \"$root/$out/key\";" "$out/aes/conf/zongzhi.cfg"
# The import is a person's work (the console is for bootstrap): the demo's county office.
printf 'Demo@2026zz\n' >"$out/pw"
chmod 600 "$out/pw"
csv=$out/household.csv
echo "   generating $rows household rows ..."
python3 bench/gen_household.py "$rows" . >"$csv"

secs() { # the wall time of a command, in seconds with milliseconds
	s=$(date +%s%N)
	"$@" >"$out/last.out" 2>&1 || { cat "$out/last.out"; return 1; }
	e=$(date +%s%N)
	echo "$(( (e - s) / 1000000 ))" | awk '{ printf "%.2f", $1 / 1000 }'
}

step=$((rows / lookups))
[ "$step" -ge 1 ] || step=1
awk -F, -v step="$step" 'NR > 1 && (NR - 2) % step == 0 { print $2 }' "$csv" >"$out/ids.txt"
for kind in plain aes; do
	t=$(secs bin/zongzhi -c "$out/$kind/conf/zongzhi.cfg" --home "$out/$kind/db" import household "$csv" --as county --password-file "$out/pw")
	grep -q "新增 $rows，" "$out/last.out" || { cat "$out/last.out"; exit 1; }
	eval "imp_$kind=$t"
	set -- $(build/bench/lookup zz "$out/$kind/conf/zongzhi.cfg" "$out/$kind/db" "$out/ids.txt")
	eval "med_$kind=$1 mean_$kind=$2"
	n=$3
done
# The encrypted files hold no readable text of the rows.
name=$(awk -F, 'NR == 2 { print $3 }' "$csv")
if grep -l -F "$name" "$out/aes/db/"*.db "$out/aes/db/"log.* >/dev/null 2>&1; then
	echo "   FAIL: the encrypted home holds readable text"
	exit 1
fi
printf '   import %s households: plain %s s, encrypted %s s: %s %% (target <= +15 %%)\n' "$rows" \
	"$imp_plain" "$imp_aes" "$(echo "$imp_plain $imp_aes" | awk '{ printf "%+.1f", ($2 / $1 - 1) * 100 }')"
printf '   lookup by ID number (%s lookups): plain median %s µs (mean %s), encrypted median %s µs (mean %s): %s %%\n' \
	"$n" "$med_plain" "$mean_plain" "$med_aes" "$mean_aes" \
	"$(echo "$med_plain $med_aes" | awk '{ printf "%+.1f", ($2 / $1 - 1) * 100 }')"
du -sh "$out/plain/db" "$out/aes/db" | awk '{ printf "   size %s %s\n", $2, $1 }'
rm -f "$csv"
