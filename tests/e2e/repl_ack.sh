#!/bin/sh
# A standby site (9.5, R-AC-5): a command run on the primary right after the standby joined is
# acknowledged by it (exit 0), not reported as unconfirmed: the command waits for its own
# connection to the standby (repl.connect_wait_ms) before its first commit, and asks once more
# (store_confirmed) when its commits were not acknowledged. ZZ_ACK_ROUNDS (10 unless set) commands
# in a row must be confirmed. Then the handshake race on demand: build/tests/slowconnect.so,
# preloaded into one command, holds back that command's own connection to the standby; with the
# wait and the second asking the command is confirmed, with repl.connect_wait_ms = 0 (both off) it
# says 「…没有确认」; with its first connection refused the second asking waits for the next try, and
# the command is confirmed. Also measured: how long the first copy of the database to a new standby takes.
# ZZ_CONNECT_WAIT_MS sets repl.connect_wait_ms for the rounds.
. "$(dirname "$0")/lib.sh"
ZZ_PERSONS=10 zz_ssh_setup
ROUNDS=${ZZ_ACK_ROUNDS:-10}

zz_repl_pair_start
[ -n "$ZZ_CONNECT_WAIT_MS" ] && sed -i "s|^\([[:space:]]*connect_wait_ms[[:space:]]*=\).*|\1 $ZZ_CONNECT_WAIT_MS;|" "$ZZ_T/conf/repl.cfg"

zz_repl_start_a
zz_wait_for 60 zz_repl_ready "$ZZ_T/server.log" 1 || { cat "$ZZ_T/serve.out"; zz_fail "site A's listener"; }
base="ethnicity=01 live_address=桥头 hukou_status=1 head_relation=01 housing_kind=1 --unit 321204001001001"
za record add household --as grid idnum="$(zz_idnum 19700101 003)" name=首次复制前 $base >/dev/null 2>&1

# The first copy to a new standby: host keys made beforehand (a new machine's first start makes
# them, which is not replication).
mkdir -p -m 700 "$HB/run"
cp "$HA"/ssh_host_*_key "$HB/"
tb=$(zz_now_ms)
zz_repl_start_b
zz_wait_for 120 zz_repl_ready "$ZZ_T/serverB.log" 1 || zz_fail "the standby's listener"
copy=$(($(zz_now_ms) - tb))
zz_log "first copy to a new standby: $copy ms"
# 5-7 s here; 33-35 s with Berkeley DB's default checkpoint delay (repl.c). A loose bound.
[ "$copy" -lt 25000 ] || zz_fail "the first copy to a new standby took $copy ms"

# Each command opens its own connections to the standby; right after the join, ZZ_ACK_ROUNDS
# commands in a row (each a login and an add) must all be confirmed.
i=1
while [ $i -le "$ROUNDS" ]; do
	za record add household --as grid idnum="$(zz_idnum 19800202 $((100 + i)))" name="确认$i" $base \
		>"$ZZ_T/out" 2>"$ZZ_T/err"
	st=$?
	grep -qF "没有确认" "$ZZ_T/err" && zz_fail "round $i: a commit with the standby up was not confirmed: $(cat "$ZZ_T/err")"
	[ $st -eq 0 ] || zz_fail "round $i: status $st: $(cat "$ZZ_T/err")"
	i=$((i + 1))
done
id=$(cat "$ZZ_T/out")
zz_wait_for 30 sh -c "\"$ZZ\" -c \"$CB\" --home \"$HB\" record get household --as grid $id | grep -qF 确认$ROUNDS" ||
	zz_fail "household $id not on the standby"
# Checking is reading: the auditor's chain check and verify answer on the standby as well.
zb audit verify --as auditor >"$ZZ_T/out" 2>"$ZZ_T/err" || zz_fail "audit verify on the standby: $(cat "$ZZ_T/err")"
grep -qF 哈希链完整 "$ZZ_T/out" || zz_fail "audit verify on the standby: $(cat "$ZZ_T/out")"
zb verify >"$ZZ_T/out" 2>"$ZZ_T/err" || zz_fail "verify on the standby: $(cat "$ZZ_T/out" "$ZZ_T/err")"

# The handshake race on demand. race MS N NAME: household NAME added by a command whose own
# connection to the standby is held back MS milliseconds (the connect() of its replication thread).
SLOW=$ZZ_ROOT/build/tests/slowconnect.so
[ -r "$SLOW" ] || zz_fail "build/tests/slowconnect.so missing (make build/tests/slowconnect.so)"
REFUSE=0
race() {
	ZZ_SLOW_PORT=$RB ZZ_SLOW_MS=$1 ZZ_SLOW_REFUSE=$REFUSE LD_PRELOAD="$SLOW${ZZ_SUITE_PRELOAD:+ $ZZ_SUITE_PRELOAD}" \
		"$ZZ_ROOT/bin/zongzhi" -c "$CA" --home "$HA" record add household --as grid \
		idnum="$(zz_idnum 19800303 $2)" name="$3" $base >"$ZZ_T/out" 2>"$ZZ_T/err"
}
wait_ms() { sed -i "s|^\([[:space:]]*connect_wait_ms[[:space:]]*=\).*|\1 $1;|" "$ZZ_T/conf/repl.cfg"; }
wait_ms 5000
# Held back 1 s: the command waits for its connection before its first commit.
race 1000 101 竞争等待 || { cat "$ZZ_T/err"; zz_fail "connection held back 1 s: not confirmed"; }
grep -qF "没有确认" "$ZZ_T/err" && zz_fail "connection held back 1 s: $(cat "$ZZ_T/err")"
# Held back 7 s, past repl.connect_wait_ms: its commits are not acknowledged, and the command asks
# once more when the connection is up (one more commit, whose acknowledgement covers them).
race 7000 102 竞争再问 || { cat "$ZZ_T/err"; zz_fail "connection held back 7 s: not confirmed"; }
grep -qF "没有确认" "$ZZ_T/err" && zz_fail "connection held back 7 s: $(cat "$ZZ_T/err")"
# Its first connection refused (a standby not answering yet: busy, an election): the command goes
# on at once, its commits not acknowledged; the second asking waits for the next try (every
# repl.heartbeat_ms), not the old failure (it gave up at once: 「没有确认」 with the standby up).
REFUSE=1
race 0 104 竞争拒绝 || { cat "$ZZ_T/err"; zz_fail "first connection refused: not confirmed"; }
grep -qF "没有确认" "$ZZ_T/err" && zz_fail "first connection refused: $(cat "$ZZ_T/err")"
REFUSE=0
# Without either (repl.connect_wait_ms = 0): the race is there, the command says so, status 1, and
# the change is stored and reaches the standby all the same.
wait_ms 0
race 6000 103 竞争无等 && zz_fail "with repl.connect_wait_ms = 0 the race was not met (confirmed)"
grep -qF "已在本站保存，但备用站点没有确认" "$ZZ_T/err" || { cat "$ZZ_T/err"; zz_fail "with repl.connect_wait_ms = 0: the warning"; }
id=$(cat "$ZZ_T/out")
zz_wait_for 30 sh -c "\"$ZZ\" -c \"$CB\" --home \"$HB\" record get household --as grid $id | grep -qF 竞争无等" ||
	zz_fail "household $id (not confirmed) not on the standby"
echo "PASS repl_ack ($ROUNDS commands, the race on demand)"
