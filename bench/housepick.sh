#!/bin/sh
# The 住房编号 picker's text typed, on a demo (BENCH_PERSONS, default 2000) with BENCH_HOUSES
# (default 20000) rental houses more in one village (build/bench/housepick_bench fill) and 20 in
# another (village2's: its indexes many times its scope): per account and text, the houses listed
# and the median of BENCH_RUNS (default 11) picker loads.
# With BENCH_BASE, a housepick_bench built from another tree (with this bench/housepick_bench.c):
# the two run alternately BENCH_ROUNDS (default 3) times each, each first in half of the rounds;
# the medians of the rounds' medians, base first.
cd "$(dirname "$0")/.." || exit 1
. bench/lib.sh
TZ=Asia/Shanghai
export TZ
texts="- H00150 H19 NOSUCH 梧桐巷 第2网格 D00010"
accounts="county village village2"
dir=$(mktemp -d "${TMPDIR:-/tmp}/zz-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
bin/zongzhi -c conf/zongzhi.cfg --home "$dir/home" init --demo --persons "${BENCH_PERSONS:-2000}" >/dev/null || exit 1
build/bench/housepick_bench "$dir/home" fill "${BENCH_HOUSES:-20000}" || exit 1
build/bench/housepick_bench "$dir/home" fill 20 321204001002001 || exit 1
round=1
while [ "$round" -le "${BENCH_ROUNDS:-3}" ]; do
	if [ -z "$BENCH_BASE" ]; then order=new
	elif [ $((round % 2)) = 1 ]; then order="base new"
	else order="new base"; fi
	for b in $order; do
		if [ "$b" = base ]; then exe=$BENCH_BASE; else exe=build/bench/housepick_bench; fi
		for a in $accounts; do
			# shellcheck disable=SC2086 # one word a text
			"$exe" "$dir/home" run "${BENCH_RUNS:-11}" "$a" $texts || exit 1
		done | sed "s/^/$b /"
	done
	round=$((round + 1))
done >"$dir/rounds"
awk "$bench_awk_median"'
{ k = $2 " " $3; ms[$1 " " k, ++n[$1 " " k]] = $5; rows[$1 " " k] = $4; if (!(k in seen)) { seen[k] = 1; order[++na] = k } }
END {
	for (i = 1; i <= na; i++) {
		k = order[i]
		if (("base " k) in n) {
			b = med("base " k); w = med("new " k)
			printf "%-20s base %4d houses %9.3f ms  new %4d houses %9.3f ms  ratio %.1f\n", k, rows["base " k], b, rows["new " k], w, (w > 0 ? b / w : 0)
		} else
			printf "%-20s %4d houses %9.3f ms\n", k, rows["new " k], med("new " k)
	}
}' "$dir/rounds"
