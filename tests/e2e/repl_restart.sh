#!/bin/sh
# A standby site (9.5, R-AC-5): the standby restarted while the primary runs, with a small write
# load on it, always comes back as a standby of that primary, never as a second primary; it is in
# step (it has what the primary stored while it was down) and listens (read-only sessions) again
# within 60 s (about 3 s here); no commit the primary acknowledged is lost. ZZ_RESTARTS (5 unless set) restarts, alternately kill -9 of all its
# processes and `serve --stop` (ZZ_RESTART_HOW=kill or stop: only that one). Then:
# - one restart while the primary does not answer for 15 s (its listener stopped with SIGSTOP):
#   the standby waits for it (repl.rejoin_wait_s, 30 s) instead of electing itself, which it did
#   after about 10 s when it started with an election;
# - one restart while the primary does not answer for longer than repl.rejoin_wait_s (10 s from
#   here): with repl.rejoin_elect = false (the default) the standby stays a standby (it elected
#   itself, a second primary, with true), says so, and follows the primary once it answers;
# - a failover: the primary killed, the standby elected within 30 s with every acknowledged add;
#   the old primary started again rejoins as a standby;
# - both sites down, one started alone: with rejoin_elect = false it stays a read-only standby
#   (log, refusal, the administrators' to-do list) until the system administrator runs `repl
#   takeover` (refused to others, audited); both started together: they elect one of them; one
#   started alone with rejoin_elect = true: it holds an election and wins it alone.
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
	# A process gone from the list may still be closing its files: the next listener starts once
	# the pid file's lock (held while a listener runs) is free, as an administrator would.
	pid_free() { [ ! -e "$HB/run/serve.pid" ] || flock -n "$HB/run/serve.pid" true; }
	zz_wait_for 20 pid_free || zz_fail "$1: site B's pid file still locked 20 s after kill -9"
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
# Its exit status is not looked at: on a primary alone (after the failover) the read's own audit
# commits are not acknowledged, which the command reports with status 1 after printing the record.
on_b() {
	zb record get household --as grid "$1" >"$ZZ_T/onb.out" 2>"$ZZ_T/onb.err"
	grep -qF "$2" "$ZZ_T/onb.out"
}
# b_missing WHAT ID NAME: on_b failed: what the command answered, site B's replication status,
# whether the primary (site A) has the household (if not, the primary lost it, not the standby), and
# whether it came to B within 10 s (late, an early "in step") or not (lost); then fail.
b_missing() {
	echo "--- record get $2 on site B: $(cat "$ZZ_T/onb.err" "$ZZ_T/onb.out" | head -5)" >&2
	zb repl status >&2 2>&1
	if za record get household --as grid "$2" 2>/dev/null | grep -qF "$3"; then
		on_a="on site A"
	else
		on_a="not on site A either"
	fi
	if zz_wait_for 10 on_b "$2" "$3"; then
		zz_fail "$1 (it came later: late, not lost; $on_a)"
	fi
	zz_fail "$1 (still missing 10 s later; $on_a)"
}

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
	on_b "$mark" "$markname" || b_missing "$1: acknowledged household $mark not on the standby when it listened" "$mark" "$markname"
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
	on_b "$gap" "缺席$r" || b_missing "round $r ($how): household $gap, added while it was down, not on the standby when it listened" "$gap" "缺席$r"
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

# rejoin WAIT ELECT CONFDIR…: repl.rejoin_wait_s and repl.rejoin_elect of those sites.
rejoin() {
	w=$1
	e=$2
	shift 2
	for d in "$@"; do
		sed -i -e "s|^\([[:space:]]*rejoin_wait_s[[:space:]]*=\).*|\1 $w;|" \
			-e "s|^\([[:space:]]*rejoin_elect[[:space:]]*=\).*|\1 $e;|" "$d/repl.cfg"
	done
}
HELD="no primary answered within 10 s: staying a standby"

# The primary does not answer for longer than the standby looks for it (the network between the
# sites broken while the standby restarts): with rejoin_elect = false the standby holds no
# election it can win alone (it did with true: two primaries), and follows the primary when it
# answers again.
rejoin 10 false "$ZZ_T/confB"
markname="长停顿前"
mark "$markname" 50
kill_b "long pause"
n=$(grep -c " listening on " "$ZZ_T/serverB.log")
masters=$(primaries)
held_b=$(grep -c "$HELD" "$ZZ_T/serverB.log")
STOPPED=$(cat "$HA/run/serve.pid")
kill -STOP "$STOPPED"
t0=$(zz_now_ms)
zz_repl_start_b
sleep 22
[ "$(primaries)" -eq "$masters" ] || zz_fail "rejoin_elect = false: the standby elected itself while the primary did not answer"
[ "$(grep -c "$HELD" "$ZZ_T/serverB.log")" -gt "$held_b" ] || zz_fail "rejoin_elect = false: the standby did not say it waits"
kill -CONT "$STOPPED"
STOPPED=""
back_as_standby "primary stopped 22 s" 60
zz_wait_for 10 grep -qF "a primary is known: this site no longer waits" "$ZZ_T/serverB.log" ||
	zz_fail "the standby did not say it found the primary"
[ -e "$HB/repl.held" ] && zz_fail "the standby's held marker outlived the primary's return"
zz_log "primary stopped for 22 s (rejoin_wait_s 10): the standby waited, back as a standby in $dt ms"

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

# Both sites down (A a standby, stopped cleanly; B killed), A started alone: with rejoin_elect =
# false it finds no primary within rejoin_wait_s and stays a read-only standby, and says so.
za serve --stop >/dev/null 2>"$ZZ_T/err" || { cat "$ZZ_T/err"; zz_fail "serve --stop on the standby"; }
zz_wait_for 30 zz_pids_gone "$PA" || zz_fail "site A's listener did not stop"
wait "$PA" 2>/dev/null
kill_b "both down"
rejoin 10 false "$ZZ_T/conf" "$ZZ_T/confB"
masters_a=$(grep -c "this site is now the primary" "$ZZ_T/server.log")
zz_repl_start_a
zz_wait_for 60 zz_repl_ready "$ZZ_T/server.log" 3 || zz_fail "site A alone not back within 60 s"
grep -qF "$HELD" "$ZZ_T/server.log" || zz_fail "site A alone, rejoin_elect = false: no word that it waits"
# Its elections go on, but alone of two it wins none.
sleep 8
ROLE=备用站点
role_is za || zz_fail "site A alone, rejoin_elect = false: not a standby"
[ "$(grep -c "this site is now the primary" "$ZZ_T/server.log")" -eq "$masters_a" ] ||
	zz_fail "site A alone, rejoin_elect = false: it elected itself"
za repl status >"$ZZ_T/out"
grep -qF "主站点登录地址	未知" "$ZZ_T/out" && grep -qF "等待" "$ZZ_T/out" || { cat "$ZZ_T/out"; zz_fail "repl status of a waiting site"; }
za record add household --as grid idnum="$(zz_idnum 19900101 997)" name=等待中 $base >/dev/null 2>"$ZZ_T/err" &&
	zz_fail "a waiting standby accepted a change"
grep -qF "本站是备用站点（只读），不能保存：主站点未知（正在选举或无法连接）" "$ZZ_T/err" ||
	{ cat "$ZZ_T/err"; zz_fail "a waiting standby's refusal"; }
za todo --as admin >"$ZZ_T/out" 2>&1
grep -qF "本站重启后找不到主站点，仍是备用站点（只读）" "$ZZ_T/out" || { cat "$ZZ_T/out"; zz_fail "the administrators' to-do list"; }
# At the system's own level (系统), not an event's red card.
grep -q "^系统	.*系统告警：本站重启后找不到主站点" "$ZZ_T/out" || { cat "$ZZ_T/out"; zz_fail "the to-do item's level"; }
za todo --as grid 2>&1 | grep -qF "本站重启后找不到主站点" && zz_fail "a grid member's to-do list has the administrators' item"
# In the security administrator's UI (local, at 80x24) the item's row is cut; Enter shows it whole.
keep_conf=$ZZ_CONF keep_home=$ZONGZHI_HOME
ZZ_CONF=$CA ZONGZHI_HOME=$HA
zz_tui_start xterm 80 24
zz_login secadmin
zz_expect "本站重启后找不到主站点"
zz_screen | grep -q "^>系统 .*系统告警：本站重启后找不到主站点" || { zz_screen >&2; zz_fail "the row's level in the UI"; }
zz_keys Enter
# The whole text, folded at the screen's width (a phrase may be cut at a line's end).
n=0
until zz_screen | tr -d ' \n' | grep -qF "由系统管理员在本站接管（管理员手册Standbysite一节的Restartingasite）"; do
	[ $n -lt 100 ] || { zz_screen >&2; zz_fail "the to-do item's whole text in the UI"; }
	sleep 0.1
	n=$((n + 1))
done
zz_absent "不能在这里打开"
zz_tui_quit
$ZZ_TMUX kill-server 2>/dev/null
ZZ_CONF=$keep_conf ZONGZHI_HOME=$keep_home

# The takeover: the system administrator's alone (R-AC-3), audited, after which A is the primary.
za repl takeover --as grid >/dev/null 2>"$ZZ_T/err" && zz_fail "a grid member took over"
grep -qF "无权接管：只有系统管理员可以让本站成为主站点" "$ZZ_T/err" || { cat "$ZZ_T/err"; zz_fail "the takeover's refusal to a grid member"; }
za repl takeover --as secadmin >/dev/null 2>&1 && zz_fail "the security administrator took over"
ROLE=备用站点
role_is za || zz_fail "a refused takeover changed the role"
t0=$(zz_now_ms)
za repl takeover --as admin >"$ZZ_T/out" 2>"$ZZ_T/err" || { cat "$ZZ_T/out" "$ZZ_T/err"; zz_fail "the takeover"; }
grep -qF "本站已成为主站点" "$ZZ_T/out" || { cat "$ZZ_T/out"; zz_fail "the takeover's answer"; }
zz_log "takeover: primary in $(($(zz_now_ms) - t0)) ms"
ROLE=主站点
role_is za || zz_fail "not the primary after the takeover"
grep -q "audit (standby site): user=admin .*type=repl_takeover .*result=asked" "$ZZ_T/server.log" ||
	zz_fail "the takeover asked on the standby not audited in its log"
za audit show --type repl_takeover --as auditor >"$ZZ_T/out" 2>&1
grep -q "admin.*ok" "$ZZ_T/out" || { cat "$ZZ_T/out"; zz_fail "the takeover not in the audit log"; }
za repl takeover --as admin >/dev/null 2>"$ZZ_T/err" && zz_fail "a takeover on the primary"
grep -qF "本站已是主站点" "$ZZ_T/err" || { cat "$ZZ_T/err"; zz_fail "a takeover on the primary: the refusal"; }
za todo --as admin 2>&1 | grep -qF "本站重启后找不到主站点" && zz_fail "the to-do item outlived the takeover"
za record get household --as grid "$after" 2>/dev/null | grep -qF 接管后 || zz_fail "site A lacks household $after"
za record add household --as grid idnum="$(zz_idnum 19900101 999)" name=独自 $base >"$ZZ_T/out" 2>"$ZZ_T/err"
za record get household --as grid "$(cat "$ZZ_T/out")" 2>/dev/null | grep -qF 独自 ||
	{ cat "$ZZ_T/err"; zz_fail "site A after the takeover: no write"; }

# Both sites down and started together (a power cut): neither finds a primary, and they elect one
# of them between them (an election that needs both votes), with no takeover.
za serve --stop >/dev/null 2>"$ZZ_T/err" || { cat "$ZZ_T/err"; zz_fail "serve --stop on A"; }
zz_wait_for 30 zz_pids_gone "$PA" || zz_fail "site A's listener did not stop"
wait "$PA" 2>/dev/null
n=$(grep -c " listening on " "$ZZ_T/serverB.log")
STEP="standby site: in step with the primary"
steps_a=$(grep -c "$STEP" "$ZZ_T/server.log")
steps_b=$(grep -c "$STEP" "$ZZ_T/serverB.log")
t0=$(zz_now_ms)
zz_repl_start_a
zz_repl_start_b
one_primary() {
	ROLE=主站点
	a=0
	b=0
	role_is za && a=1
	role_is zb && b=1
	[ $((a + b)) -eq 1 ]
}
# Commands only once each listener runs its site's replication manager (zz_repl_ready).
zz_wait_for 90 zz_repl_ready "$ZZ_T/server.log" 4 || zz_fail "site A not listening"
zz_wait_for 90 zz_repl_ready "$ZZ_T/serverB.log" $((n + 1)) || zz_fail "site B not listening"
zz_wait_for 60 one_primary || zz_fail "both sites restarted: no primary within 60 s of listening"
zz_log "both sites restarted together: one primary in $(($(zz_now_ms) - t0)) ms"
ROLE=备用站点
if role_is za; then
	first=zb
	standby_log=$ZZ_T/server.log
	steps=$steps_a
else
	first=za
	standby_log=$ZZ_T/serverB.log
	steps=$steps_b
fi
# The write once the other site is the primary's standby in step (it acknowledges from then on; a
# write before that is rightly reported as not confirmed).
standby_in_step() { [ "$(grep -c "$STEP" "$standby_log")" -gt "$steps" ]; }
zz_wait_for 60 standby_in_step || zz_fail "both restarted: the standby not in step within 60 s of the election"
$first record add household --as grid idnum="$(zz_idnum 19900101 996)" name=同启 $base >"$ZZ_T/out" 2>"$ZZ_T/err" ||
	{ cat "$ZZ_T/err"; zz_fail "both restarted: a write on the primary with both sites up"; }

# With rejoin_elect = true a site started alone elects itself after rejoin_wait_s (two sites: it wins
# alone).
za serve --stop >/dev/null 2>"$ZZ_T/err" || { cat "$ZZ_T/err"; zz_fail "serve --stop on A"; }
zz_wait_for 30 zz_pids_gone "$PA" || zz_fail "site A's listener did not stop"
wait "$PA" 2>/dev/null
kill_b "both down again"
rejoin 10 true "$ZZ_T/conf"
t0=$(zz_now_ms)
zz_repl_start_a
zz_wait_for 90 zz_repl_ready "$ZZ_T/server.log" 5 || zz_fail "site A alone not back within 90 s"
ROLE=主站点
zz_wait_for 30 role_is za || zz_fail "site A alone with rejoin_elect = true did not elect itself"
grep -qF "no primary answered within 10 s: holding an election" "$ZZ_T/server.log" ||
	zz_fail "site A alone: no election after repl.rejoin_wait_s"
zz_log "site A restarted alone (rejoin_elect = true): primary in $(($(zz_now_ms) - t0)) ms"
za record add household --as grid idnum="$(zz_idnum 19900101 995)" name=独自二 $base >"$ZZ_T/out" 2>"$ZZ_T/err"
za record get household --as grid "$(cat "$ZZ_T/out")" 2>/dev/null | grep -qF 独自二 ||
	{ cat "$ZZ_T/err"; zz_fail "site A alone: no write"; }
echo "PASS repl_restart ($ROUNDS restarts)"
