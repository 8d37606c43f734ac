#!/bin/sh
# The to-do list's documents (office_todo) with many in the home: the demo tree, BENCH_DOCS (default
# 20,000) documents sent by the county to its townships, one in ten also to a village; then the
# to-do of a village (a tenth of them waiting), a township (all of them) and the county (none),
# BENCH_RUNS (default 11) each, the median. With BENCH_BASE, an office_bench built from another
# tree (with this bench/office_bench.c), both run alternately BENCH_ROUNDS (default 3) times on the
# same home.
cd "$(dirname "$0")/.." || exit 1
TZ=Asia/Shanghai
export TZ
accounts="village town county"
dir=$(mktemp -d "${TMPDIR:-/tmp}/zz-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
bin/zongzhi -c conf/zongzhi.cfg --home "$dir/home" init --demo --persons 0 >/dev/null || exit 1
exe=build/bench/office_bench
"${BENCH_BASE:-$exe}" "$dir/home" make "${BENCH_DOCS:-20000}" || exit 1
if [ -z "$BENCH_BASE" ]; then
	# shellcheck disable=SC2086 # one word an account
	"$exe" "$dir/home" run "${BENCH_RUNS:-11}" $accounts
	exit
fi
round=1
while [ "$round" -le "${BENCH_ROUNDS:-3}" ]; do
	for b in base new; do
		if [ "$b" = base ]; then e=$BENCH_BASE; else e=$exe; fi
		# shellcheck disable=SC2086
		"$e" "$dir/home" run "${BENCH_RUNS:-11}" $accounts | sed "s/^/round $round $b /" || exit 1
	done
	round=$((round + 1))
done
