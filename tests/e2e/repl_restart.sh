#!/bin/sh
# A standby site (9.5, R-AC-5): the standby restarted while the primary runs, with a small write
# load on it, always comes back as a standby of that primary, never as a second primary; it is in
# step (it has what the primary stored while it was down) and listens (read-only sessions) again
# within 60 s (about 3 s here); no commit the primary acknowledged is lost. ZZ_RESTARTS (5 unless set) restarts, alternately kill -9 of all its
# processes and `serve --stop` (ZZ_RESTART_HOW=kill or stop: only that one). Then:
# - one restart while the primary does not answer for 15 s (its listener stopped with SIGSTOP):
#   the standby waits for it (repl.rejoin_wait_s, 30 s) instead of electing itself, which it did
#   after about 10 s when it started with an election;
# - a failover: the primary killed, the standby elected within 30 s with every acknowledged add;
#   the old primary started again rejoins as a standby;
# - both sites down, the standby (stopped cleanly) started first: after repl.rejoin_wait_s with no
#   primary answering it holds an election and wins it alone.
# ZZ_RESTART_IDLE=1: no write load (the primary idle, the slowest case for a standby's catching up).
. "$(dirname "$0")/lib.sh"
ZZ_PERSONS=10 zz_ssh_setup
ROUNDS=${ZZ_RESTARTS:-5}

zz_repl_pair_start
LOAD=""
STOPPED=""
# The write load and a frozen primary first, then both sites (zz_repl_cleanup, which reads the
# test's status from $?).
restart_cleanup() {
	rc0=$?
	[ -n "$STOPPED" ] && kill -CONT "$STOPPED" 2>/dev/null
	[ -n "$LOAD" ] && kill "$LOAD" 2>/dev/null
	(exit $rc0)
	zz_repl_cleanup
}
trap 'restart_cleanup; zz_ssh_cleanup' EXIT
role_is() { "$@" repl status 2>/dev/null | head -1 | grep -qF "$ROLE"; }
primaries() { grep -c "this site is now the primary" "$ZZ_T/serverB.log"; }
kill_b() {
	kill -9 $PB $(pgrep -P "$PB") $(pgrep -f -- "--home $HB ") 2>/dev/null
	b_gone() { [ -z "$(pgrep -f -- "--home $HB ")" ]; }
	zz_wait_for 20 b_gone || zz_fail "$1: a process of site B outlived kill -9"
	wait "$PB" 2>/dev/null
}
base="ethnicity=01 live_address=桥头 hukou_status=1 head_relation=01 housing_kind=1 --unit 321204001001001"
# mark NAME: a household added on the primary and acknowledged by both sites; its id in $mark.
mark() {
	za record add household --as grid idnum="$(zz_idnum 19900101 $((100 + $2)))" name="$1" $base \
		>"$ZZ_T/out" 2>"$ZZ_T/err" || { cat "$ZZ_T/err"; zz_fail "$1: not acknowledged with both sites up"; }
	mark=$(cat "$ZZ_T/out")
}
# absent R: while site B is down, a household added on the primary (stored there, reported as not
# confirmed); its id in $gap. The restarted standby must have it once it says it is in step.
absent() {
	za record add household --as grid idnum="$(zz_idnum 19900202 $((100 + $1)))" name="缺席$1" $base \
		>"$ZZ_T/out" 2>"$ZZ_T/err" && zz_fail "round $1: an add with the standby down was confirmed"
	grep -qF "没有确认" "$ZZ_T/err" || { cat "$ZZ_T/err"; zz_fail "round $1: the add with the standby down"; }
	gap=$(cat "$ZZ_T/out")
	[ -n "$gap" ] || zz_fail "round $1: no id for the add with the standby down"
}
# on_b ID NAME: household ID, named NAME, is on site B.
on_b() { zb record get household --as grid "$1" 2>/dev/null | grep -qF "$2"; }

zz_repl_start_a
zz_wait_for 60 zz_repl_ready "$ZZ_T/server.log" 1 || { cat "$ZZ_T/serve.out"; zz_fail "site A's listener"; }
ROLE=主站点
zz_wait_for 60 role_is za || zz_fail "site A is not the primary"
mkdir -p -m 700 "$HB/run"
cp "$HA"/ssh_host_*_key "$HB/"
zz_repl_start_b
zz_wait_for 120 zz_repl_ready "$ZZ_T/serverB.log" 1 || zz_fail "the standby's first start"
ROLE=备用站点
zz_wait_for 30 role_is zb || zz_fail "site B is not a standby"

# The write load: adds on the primary, the ids it acknowledged (exit 0) kept. An add that met the
# standby down says 「…没有确认」 and exits 1: not acknowledged, not kept.
: >"$ZZ_T/acked"
if [ -z "$ZZ_RESTART_IDLE" ]; then
	(
		i=100
		while [ $i -lt 900 ]; do
			id=$(za record add household --as grid idnum="$(zz_idnum 19800101 $i)" name="负载$i" $base \
				2>>"$ZZ_T/load.err") && echo "$id" >>"$ZZ_T/acked"
			i=$((i + 1))
			sleep 0.5
		done
	) &
	LOAD=$!
fi

# back_as_standby WHAT BOUND: site B restarted listens again within BOUND s, as a standby of site
# A, with the household of the last mark; it never was a primary meanwhile.
back_as_standby() {
	zz_wait_for "$2" zz_repl_ready "$ZZ_T/serverB.log" $((n + 1)) || zz_fail "$1: the standby not back within $2 s"
	dt=$(($(zz_now_ms) - t0))
	[ "$(primaries)" -eq "$masters" ] || zz_fail "$1: the restarted standby became a primary (two primaries)"
	ROLE=备用站点
	role_is zb || zz_fail "$1: site B is not a standby after the restart"
	ROLE=主站点
	role_is za || zz_fail "$1: site A is no longer the primary"
	zb repl status | grep -qF "127.0.0.1:$RA" || zz_fail "$1: the standby does not name site A as its primary"
	on_b "$mark" "$markname" || zz_fail "$1: acknowledged household $mark not on the standby when it listened"
}

times=""
r=1
while [ $r -le "$ROUNDS" ]; do
	markname="重启前$r"
	mark "$markname" "$r"
	how=${ZZ_RESTART_HOW:-$([ $((r % 2)) -eq 1 ] && echo kill || echo stop)}
	if [ "$how" = kill ]; then
		kill_b "round $r"
	else
		zb serve --stop >/dev/null 2>"$ZZ_T/err" || { cat "$ZZ_T/err"; zz_fail "round $r: serve --stop"; }
		zz_wait_for 30 zz_pids_gone "$PB" || zz_fail "round $r: the standby's listener did not stop"
		wait "$PB" 2>/dev/null
	fi
	absent $r
	n=$(grep -c " listening on " "$ZZ_T/serverB.log")
	masters=$(primaries)
	t0=$(zz_now_ms)
	zz_repl_start_b
	back_as_standby "round $r ($how)" 60
	on_b "$gap" "缺席$r" || zz_fail "round $r ($how): household $gap, added while it was down, not on the standby when it listened"
	times="$times $dt"
	zz_log "round $r ($how): back as a standby, in step, in $dt ms"
	r=$((r + 1))
done
zz_log "restart times (ms):$times"

if [ -n "$LOAD" ]; then
	kill "$LOAD" 2>/dev/null
	wait "$LOAD" 2>/dev/null
	LOAD=""
fi
zz_log "acknowledged under load: $(wc -l <"$ZZ_T/acked")"

# The primary does not answer for 15 s while the standby restarts: the standby must not take its
# place (it did after about 10 s when a restarted site started with an election). Without the
# load: the primary's commands connect to the standby on their own and would answer for it.
markname="停顿前"
mark "$markname" 0
kill_b "pause"
n=$(grep -c " listening on " "$ZZ_T/serverB.log")
masters=$(primaries)
STOPPED=$(cat "$HA/run/serve.pid")
[ -n "$STOPPED" ] || zz_fail "no pid of site A's listener"
kill -STOP "$STOPPED"
t0=$(zz_now_ms)
zz_repl_start_b
sleep 15
[ "$(primaries)" -eq "$masters" ] || zz_fail "the restarted standby elected itself while the primary was stopped"
kill -CONT "$STOPPED"
STOPPED=""
back_as_standby "primary stopped 15 s" 60
zz_log "primary stopped for 15 s during the restart: back as a standby in $dt ms"

# A real failover still happens: the primary killed, the standby elected within 30 s, with every
# commit the primary acknowledged.
kill -9 $PA $(pgrep -P "$PA") $(pgrep -f -- "--home $HA ") 2>/dev/null
t0=$(zz_now_ms)
ROLE=主站点
zz_wait_for 30 role_is zb || zz_fail "no election within 30 s of the primary's kill"
zz_log "standby elected primary in $(($(zz_now_ms) - t0)) ms"
while read -r id; do
	on_b "$id" 负载 || zz_fail "acknowledged household $id lost"
done <"$ZZ_T/acked"
on_b "$mark" "$markname" || zz_fail "acknowledged household $mark lost"

# The old primary started again rejoins as a standby of the new one (it has been in the group:
# it starts as a client and finds the primary, as the standby did above).
masters_a=$(grep -c "this site is now the primary" "$ZZ_T/server.log")
t0=$(zz_now_ms)
zz_repl_start_a
zz_wait_for 60 zz_repl_ready "$ZZ_T/server.log" 2 || zz_fail "the old primary not back within 60 s"
ROLE=备用站点
role_is za || zz_fail "the old primary did not rejoin as a standby"
[ "$(grep -c "this site is now the primary" "$ZZ_T/server.log")" -eq "$masters_a" ] ||
	zz_fail "the old primary became a primary again on its restart"
zz_log "the old primary back as a standby in $(($(zz_now_ms) - t0)) ms"
zb record add household --as grid idnum="$(zz_idnum 19900101 998)" name=接管后 $base >"$ZZ_T/out" 2>"$ZZ_T/err" ||
	{ cat "$ZZ_T/err"; zz_fail "a write on the new primary with both sites up"; }
after=$(cat "$ZZ_T/out")

# Both sites down, the standby first to start again (stopped cleanly: its last run knew a primary):
# no primary answers, so after repl.rejoin_wait_s it holds an election and, alone of two, wins it.
za serve --stop >/dev/null 2>"$ZZ_T/err" || { cat "$ZZ_T/err"; zz_fail "serve --stop on the standby"; }
zz_wait_for 30 zz_pids_gone "$PA" || zz_fail "site A's listener did not stop"
wait "$PA" 2>/dev/null
kill_b "both down"
t0=$(zz_now_ms)
zz_repl_start_a
zz_wait_for 90 zz_repl_ready "$ZZ_T/server.log" 3 || zz_fail "site A alone not back within 90 s"
ROLE=主站点
zz_wait_for 30 role_is za || zz_fail "site A alone did not elect itself"
grep -qF "no primary answered within 30 s: holding an election" "$ZZ_T/server.log" ||
	zz_fail "site A alone: no election after repl.rejoin_wait_s"
zz_log "site A restarted alone: primary in $(($(zz_now_ms) - t0)) ms"
za record get household --as grid "$after" 2>/dev/null | grep -qF 接管后 || zz_fail "site A alone lacks household $after"
za record add household --as grid idnum="$(zz_idnum 19900101 999)" name=独自 $base >"$ZZ_T/out" 2>"$ZZ_T/err"
za record get household --as grid "$(cat "$ZZ_T/out")" 2>/dev/null | grep -qF 独自 ||
	{ cat "$ZZ_T/err"; zz_fail "site A alone: no write"; }
echo "PASS repl_restart ($ROUNDS restarts)"
