#!/bin/sh
# Where the log of an import goes: the bytes and records of Berkeley DB's log by database file and kind
# (__db_addrem: a key or a data item added or removed; __bam_split: a page split, which logs the
# page image; __bam_repl: a value replaced), per imported row. The log is most of what an import
# writes, and what the cost of encryption (db.key_file) grows with: AES by its bytes, the HMAC
# of each record by their number (doc/performance.md).
#   BENCH_LOG_ROWS=20000 sh bench/logbytes.sh
set -e
cd "$(dirname "$0")/.."
rows=${BENCH_LOG_ROWS:-20000}
out=bench/out/logbytes
rm -rf "$out"
mkdir -p "$out/conf"
root=$(pwd)
for f in conf/*.cfg; do
	sed -e "s|\"\.\./var/|\"$root/$out/var/|g" -e "s|\"\.\./|\"$root/|g" "$f" >"$out/conf/${f##*/}"
done
cp -r conf/import "$out/conf/"
conf=$out/conf/zongzhi.cfg
python3 bench/gen_household.py "$rows" . >"$out/household.csv"
bin/zongzhi -c "$conf" --home "$out/db" init --demo --persons 0 >/dev/null
printf 'Demo@2026zz\n' >"$out/pw"
chmod 600 "$out/pw"
# The log of the import alone: what init wrote is left out by its position (LSN).
db5.3_printlog -h "$out/db" 2>/dev/null | grep "^\[" | tail -1 | sed -n 's/^\[\([0-9]*\)\]\[\([0-9]*\)\].*/\1 \2/p' >"$out/start"
bin/zongzhi -c "$conf" --home "$out/db" import household "$out/household.csv" --as county \
	--password-file "$out/pw" >/dev/null
read -r sfile soff <"$out/start"
db5.3_printlog -h "$out/db" 2>/dev/null | awk -v rows="$rows" -v sfile="$sfile" -v soff="$soff" '
	# A record starts with [file][offset]name; its size is the distance to the next one.
	/^\[[0-9]+\]\[[0-9]+\]/ {
		match($0, /^\[[0-9]+\]\[[0-9]+\]/)
		pos = substr($0, 2, RLENGTH - 2); sub(/\]\[/, " ", pos); split(pos, a, " ")
		if (cur != "" && a[1] == pf) { bytes[cur] += a[2] - po; n[cur]++ }
		name = substr($0, RLENGTH + 1); sub(/:.*/, "", name)
		after = a[1] > sfile || (a[1] == sfile && a[2] > soff)
		cur = after ? name : ""; pf = a[1]; po = a[2]; reg = name == "__dbreg_register"
		next
	}
	reg && /^\tname: len:/ { fname = $NF; sub(/\\0$/, "", fname) }
	reg && /^\tfileid: / { file[$2] = fname }
	cur != "" && /^\tfileid: / && !reg { cur = cur "@" $2 }
	END {
		for (k in bytes) {
			split(k, p, "@"); f = p[2] in file ? file[p[2]] : "-"
			by[f] += bytes[k]; nby[f] += n[k]; kind[f " " p[1]] += bytes[k]; total += bytes[k]; records += n[k]
		}
		printf "   log of %d household rows: %.1f MB, %.0f bytes and %.1f records a row\n", rows, total / 1048576,
			total / rows, records / rows
		print "   by file (bytes, records a row):"
		for (f in by) printf "%12.0f %5.1f %s\n", by[f] / rows, nby[f] / rows, f | "sort -rn | head -12 | sed \"s/^/     /\""
		close("sort -rn | head -12 | sed \"s/^/     /\"")
		print "   by kind (bytes a row):"
		for (k in kind) printf "%12.0f %s\n", kind[k] / rows, k | "sort -rn | head -14 | sed \"s/^/     /\""
	}'
rm -f "$out/household.csv"
