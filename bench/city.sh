#!/bin/sh
# A city (issue 17): `init --demo --persons N` timed (wall and CPU, and the rate carried to the
# 10,000,000 of the target, <= 15 min), the home's size; then on that city (bench/city_bench.c) the
# county's 户籍人口 list as the screen opened it before (every id of the scope) and as it opens now
# (a pager over the unit or name index, the count from the counters: first, last and middle pages,
# and a town's account by name; <= 5 ms), pages in name order from the name index (first, middle,
# next), a person view by ID number (<= 5 ms), one daemon pass with its page gets;
# the median of 10,000 lookups by ID number (bench/lookup.c, <= 5 µs) with its three reads apart;
# and the monthly forms of issue 14 over BENCH_CITY_EVENTS events in the same city
# (bench/reports_bench.c). BENCH_CITY_PERSONS (default 1000000) persons; the home is removed at
# the end.
cd "$(dirname "$0")/.." || exit 1
TZ=Asia/Shanghai
export TZ
n=${BENCH_CITY_PERSONS:-1000000}
ev=${BENCH_CITY_EVENTS:-1000000}
dir=$(mktemp -d "${TMPDIR:-/tmp}/zz-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
# BENCH_CITY_CACHE_MB: the city made with that db.cache_mb (a copy of conf/; the regions keep it for
# the reads after); the repository's setting otherwise.
conf=conf/zongzhi.cfg
if [ -n "${BENCH_CITY_CACHE_MB:-}" ]; then
	root=$(pwd)
	mkdir -p "$dir/conf"
	for f in conf/*.cfg; do
		sed -e "s|\"\.\./var/|\"$dir/var/|g" -e "s|\"\.\./|\"$root/|g" \
			-e "s|^\(  cache_mb = \)[0-9]*;|\1$BENCH_CITY_CACHE_MB;|" "$f" >"$dir/conf/${f##*/}"
	done
	cp -r conf/import "$dir/conf/"
	grep -q "cache_mb = $BENCH_CITY_CACHE_MB;" "$dir/conf/zongzhi.cfg" || exit 1
	conf=$dir/conf/zongzhi.cfg
fi
# Time of `init --demo` for PERSONS into a fresh home: "wall user system" seconds.
demo_time() {
	a=$(date +%s.%N)
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%U %S' -o "$dir/cpu" bin/zongzhi -c "$conf" --home "$2" init --demo --persons "$1" >"$dir/out" || exit 1
	else
		bin/zongzhi -c "$conf" --home "$2" init --demo --persons "$1" >"$dir/out" || exit 1
		echo "0 0" >"$dir/cpu"
	fi
	b=$(date +%s.%N)
	echo "$(awk -v a="$a" -v b="$b" 'BEGIN { print b - a }') $(cat "$dir/cpu")"
}
# The part that does not grow with the city (units, 239 accounts with their password hashes, the
# monthly reports): a demo without persons, taken off before the rate is carried to 10 million.
base=$(demo_time 0 "$dir/base")
rm -rf "$dir/base"
city=$(demo_time "$n" "$dir/home")
echo "$base $city" | awk -v n="$n" '{
	w = $4 - $1; c = $5 + $6 - $2 - $3
	printf "demo without persons: %.1f s wall, %.1f s CPU\n", $1, $2 + $3
	printf "city of %d persons: %.1f s wall, %.1f s CPU (user %.1f + system %.1f)\n", n, $4, $5 + $6, $5, $6
	printf "carried to 10,000,000 persons at the same rate (a lower bound: the cost per person grows with the city): %.1f min wall, %.1f min CPU (target <= 15 min)\n",
		($1 + w * 10000000 / n) / 60, ($2 + $3 + c * 10000000 / n) / 60 }'
grep -E '^  (person|household|floating|released|drug|mental|dispute_event) ' "$dir/out"
echo "home: $(du -sh "$dir/home" | cut -f1)"
build/bench/city_bench "$dir/home" || exit 1
build/bench/lookup ids conf/zongzhi.cfg "$dir/home" 10000 >"$dir/ids.txt" || exit 1
set -- $(build/bench/lookup zz conf/zongzhi.cfg "$dir/home" "$dir/ids.txt")
echo "lookup by ID number (10,000 households): median $1 µs (mean $2); target <= 5 µs"
echo "  apart: $(build/bench/lookup split conf/zongzhi.cfg "$dir/home" "$dir/ids.txt")"
build/bench/reports_bench "$dir/home" "$ev"
