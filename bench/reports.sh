#!/bin/sh
# Monthly forms from the counters (stats.db) against SQLite GROUP BY over the same generated events:
# the county's computed form and its 12-month trend (issue 14, target <= 100 ms each). BENCH_REPORT_EVENTS
# (default 1000000) events over 24 months in the demo county's villages. The analysis screens' tables (by
# township, by category, with 同比 and 环比) are timed the same way (median of 3).
cd "$(dirname "$0")/.." || exit 1
TZ=Asia/Shanghai
export TZ
n=${BENCH_REPORT_EVENTS:-1000000}
dir=$(mktemp -d "${TMPDIR:-/tmp}/zz-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT
bin/zongzhi --home "$dir/home" init --demo --persons 0 >/dev/null || exit 1
build/bench/reports_bench "$dir/home" "$n"
