#!/bin/sh
# The event list's 未结案 filter on a demo city: BENCH_PERSONS (default 1000000: about 5,000
# events), BENCH_CLOSED per thousand of them closed (default 800), then for several accounts the
# list as the screen loads it, all less closed (before) against ev_open.db (now), alternating,
# BENCH_RUNS (default 15) each; medians.
# With BENCH_BASE, an evlist_bench built from another tree (with this bench/evlist_bench.c), the
# open list alone of that build and of this one, run alternately BENCH_ROUNDS (default 5) times
# each of BENCH_RUNS runs: the medians of the rounds' medians, base first.
cd "$(dirname "$0")/.." || exit 1
. bench/lib.sh
TZ=Asia/Shanghai
export TZ
accounts="leader county justice town village village2"
dir=$(mktemp -d "${TMPDIR:-/tmp}/zz-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
bin/zongzhi -c conf/zongzhi.cfg --home "$dir/home" init --demo --persons "${BENCH_PERSONS:-1000000}" >/dev/null || exit 1
build/bench/evlist_bench "$dir/home" close "${BENCH_CLOSED:-800}" || exit 1
if [ -z "$BENCH_BASE" ]; then
	# shellcheck disable=SC2086 # one word an account
	build/bench/evlist_bench "$dir/home" run "${BENCH_RUNS:-15}" $accounts
	exit
fi
round=1
while [ "$round" -le "${BENCH_ROUNDS:-5}" ]; do
	# Each build first in half of the rounds: neither always meets the other's cache.
	if [ $((round % 2)) = 1 ]; then order="base new"; else order="new base"; fi
	for b in $order; do
		if [ "$b" = base ]; then exe=$BENCH_BASE; else exe=build/bench/evlist_bench; fi
		# shellcheck disable=SC2086
		"$exe" "$dir/home" open "${BENCH_RUNS:-15}" $accounts >"$dir/one" || exit 1
		sed "s/^/$b /" "$dir/one"
	done
	round=$((round + 1))
done >"$dir/rounds"
awk "$bench_awk_median"'
{ k = $2; ms[$1 " " k, ++n[$1 " " k]] = $7; rows[k] = $3; if (!(k in seen)) { seen[k] = 1; order[++na] = k } }
END {
	for (i = 1; i <= na; i++) {
		k = order[i]; b = med("base " k); w = med("new " k)
		printf "%-10s %6d open rows  base %8.3f ms  new %8.3f ms  ratio %.2f\n", k, rows[k], b, w, (w > 0 ? b / w : 0)
	}
}' "$dir/rounds"
