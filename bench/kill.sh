#!/bin/sh
# kill -9 at random moments of an import, of saves, of the daemon's pass and of the listener,
# BENCH_KILL_LOOPS (200) times: tests/e2e/kill_loop.sh with more iterations. Prints how many kills
# needed recovery, the slowest answer to a new command and the slowest login after a kill
# (targets: 10 s each, no failed check). Figures also go to bench/out/kill.txt.
ZZ_ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ZZ_ROOT/bench/out/kill.txt
mkdir -p "$ZZ_ROOT/bench/out"
start=$(date +%s)
ZZ_KILL_LOOPS=${BENCH_KILL_LOOPS:-200} sh "$ZZ_ROOT/tests/e2e/kill_loop.sh" >"$ZZ_ROOT/bench/out/kill.log" 2>&1
rc=$?
{
	grep -v "zongzhi\[" "$ZZ_ROOT/bench/out/kill.log" | grep "^kill loop\|^kills\|^households\|^FAIL"
	echo "$(( $(date +%s) - start )) s; $([ $rc = 0 ] && echo ok || echo FAILED, see bench/out/kill.log)"
} | tee "$OUT"
exit $rc
