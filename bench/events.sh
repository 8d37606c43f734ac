#!/bin/sh
# The deadline daemon over many open events: one pass through the due-time index (reads only what
# is due) against a pass that reads every event. BENCH_EVENTS (default 1000000) open events,
# BENCH_DUE (default 1000) of them due. Figures: wall time and Berkeley DB page gets / reads.
cd "$(dirname "$0")/.." || exit 1
TZ=Asia/Shanghai
export TZ
n=${BENCH_EVENTS:-1000000}
k=${BENCH_DUE:-1000}
dir=$(mktemp -d "${TMPDIR:-/tmp}/zz-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
build/bench/events_bench "$dir/home" "$n" "$k"
