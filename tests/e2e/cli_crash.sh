#!/bin/sh
# A writer killed with -9 in the middle of a transaction (holding its locks, outside Berkeley DB):
# another process reads everything committed before and nothing after; a process that was waiting
# for a lock the dead one held goes on within 5 s (store_run times out, runs DB_ENV->failchk, which
# aborts the dead transaction, and retries); a process that kept the environment open all along is
# not disturbed (opening after the crash runs failchk, not recovery); nobody reopens anything.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_tree
CW=$(zz_suite_wrap "$ZZ_ROOT/build/tests/crashwriter")
[ -x "$CW" ] || zz_fail "build/tests/crashwriter missing (make build/tests/crashwriter)"

"$CW" "$ZZ_CONF" "$ZONGZHI_HOME" commit 1 10 | grep -q committed || zz_fail "committed writer"

# A bystander that keeps the environment open and reads every 100 ms through the whole test.
"$CW" "$ZZ_CONF" "$ZONGZHI_HOME" linger 8 >"$ZZ_TMP/linger.out" 2>&1 &
linger=$!

"$CW" "$ZZ_CONF" "$ZONGZHI_HOME" hold 100 10 >"$ZZ_TMP/hold.out" 2>&1 &
holder=$!
zz_wait_for 30 grep -q holding "$ZZ_TMP/hold.out" || zz_fail "writer holding its transaction: not within 30 s"

# This add needs the record counter the holder has write-locked: it waits.
"$ZZ_BIN" -c "$ZZ_CONF" record add household idnum="$(zz_idnum 19800101 555)" name=等待者 ethnicity=01 live_address=桥头 \
	hukou_status=1 head_relation=01 housing_kind=1 --unit 321204001001001 --as grid >"$ZZ_TMP/waiter.out" 2>&1 &
waiter=$!
sleep 1
kill -0 "$waiter" 2>/dev/null || { cat "$ZZ_TMP/waiter.out"; zz_fail "the add did not wait for the held lock"; }

kill -9 "$holder"
wait "$holder" 2>/dev/null
t0=$(zz_now_ms)
while kill -0 "$waiter" 2>/dev/null && [ $(($(zz_now_ms) - t0)) -le 5000 ]; do
	sleep 0.05
done
t1=$(zz_now_ms)
if kill -0 "$waiter" 2>/dev/null; then
	kill -9 "$waiter" "$linger"
	zz_fail "the waiting add was still waiting 5 s after the writer died"
fi
wait "$waiter" || { cat "$ZZ_TMP/waiter.out"; zz_fail "the waiting add failed after the writer died"; }
echo "the waiting add went on $((t1 - t0)) ms after the kill"

list=$(zz record list household --as county) || zz_fail "list after the crash"
for k in 1 2 3 4 5 6 7 8 9 10; do
	zz_has "committed record $k" "	测试$k	" "$list"
done
zz_has "the waiting add" "等待者" "$list"
zz_lacks "uncommitted records" "测试10[0-9]" "$list"
zz_status "person of an uncommitted record" 0 zz person show "$(zz_idnum 20000101 105)" --as county
zz_lacks "uncommitted person" "测试105" "$(cat "$ZZ_TMP/out")"
[ "$(zz record list person --as county | grep -c 测试)" = 10 ] || zz_fail "persons of committed records"

wait "$linger" || { cat "$ZZ_TMP/linger.out"; zz_fail "the bystander lost its environment"; }
zz_has "bystander" "^ok" "$(cat "$ZZ_TMP/linger.out")"

zz_status "verify after the crash" 0 zz verify
zz_status "audit chain after the crash" 0 zz audit verify
echo "ok"
