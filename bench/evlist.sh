#!/bin/sh
# The event list's 未结案 filter on a demo city: BENCH_PERSONS (default 1000000: about 5,000
# events), BENCH_CLOSED per thousand of them closed (default 800), then for several accounts the
# list as the screen loads it, all less closed (before) against ev_open.db (now), alternating,
# BENCH_RUNS (default 15) each; medians.
cd "$(dirname "$0")/.." || exit 1
TZ=Asia/Shanghai
export TZ
dir=$(mktemp -d "${TMPDIR:-/tmp}/zz-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
bin/zongzhi -c conf/zongzhi.cfg --home "$dir/home" init --demo --persons "${BENCH_PERSONS:-1000000}" >/dev/null || exit 1
build/bench/evlist_bench "$dir/home" close "${BENCH_CLOSED:-800}" || exit 1
build/bench/evlist_bench "$dir/home" run "${BENCH_RUNS:-15}" leader county justice town village village2
