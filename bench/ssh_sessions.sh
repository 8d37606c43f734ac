#!/bin/sh
# Benchmark of the SSH server: BENCH_SESSIONS (2000) logged-in sessions of the real OpenSSH client
# at once, BENCH_ACTIVE (200) of them typing one key a second for BENCH_DURATION (30) seconds:
# memory per session (RSS, PSS and private memory of the session's processes; target PSS <= 2 MB),
# the time from a key press to the screen update (median and p99 over every press; target p99 <=
# 50 ms), and the accept loop's answer (connect to banner) while slow clients stall in the key
# exchange. The same figures for OpenSSH's sshd serving a shell, in the same run, as the baseline.
# BENCH_BEFORE=path/to/an/older/zongzhi measures that binary first, in the same run (before/after).
# BENCH_SSHD names the sshd binary (default /usr/sbin/sshd); BENCH_TIMEOUT (1200) bounds the logins, s. Figures also go to
# bench/out/ssh_sessions.txt. See doc/bench-sessions.md.
ZZ_ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ZZ_ROOT/tests/e2e/lib.sh"
N=${BENCH_SESSIONS:-2000}
ACTIVE=${BENCH_ACTIVE:-200}
DURATION=${BENCH_DURATION:-30}
SSHD=${BENCH_SSHD:-/usr/sbin/sshd}
OUT=$ZZ_ROOT/bench/out/ssh_sessions.txt
mkdir -p "$ZZ_ROOT/bench/out"
# A pty and a client a session on this side: as many descriptors as the shell lets us.
ulimit -n "$(ulimit -Hn)" 2>/dev/null
zz_ssh_setup
# However the run ends (an interrupt, a limit): the load generator first, so that the sessions end
# normally while the listener runs; then whatever of this run is left, by process id.
bench_cleanup() {
	rc=$?
	[ -n "$LOAD_PID" ] && kill "$LOAD_PID" 2>/dev/null
	[ -n "$LOAD_PID" ] && zz_wait_for 120 zz_no_sessions
	[ -n "$SSHD_PID" ] && kill $(cat "/proc/$SSHD_PID/task/$SSHD_PID/children" 2>/dev/null) "$SSHD_PID" 2>/dev/null
	left=$(pgrep -f "$ZZ_T/")
	if [ -n "$left" ]; then
		kill $left 2>/dev/null
		zz_wait_for 30 zz_pids_gone $left || kill -9 $left 2>/dev/null
	fi
	(exit $rc)
	zz_ssh_cleanup
}
trap bench_cleanup EXIT
zz_conf_set max_startups "\"$((N + 50)):30:$((N + 100))\""
zz_conf_set per_source_max_startups $((N + 50))
zz_conf_set max_sessions $((N + 50))
zz_conf_set max_sessions_per_account $((N + 50))
zz_conf_set idle_timeout_s 0
# Every UI process, session process and the listener hold a slot of the environment's process
# table (failchk), fixed when its regions are made: make them anew with room for all.
zz_conf_set max_processes $((2 * N + 100))
rm -f "$ZZ_HOME"/__db.0*
ssh-keygen -q -t ed25519 -N "" -f "$ZZ_T/key" || zz_fail "ssh-keygen"
"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" user key add village "$ZZ_T/key.pub" --as secadmin || zz_fail "user key add"
LOAD=$ZZ_ROOT/build/bench/ssh_load
[ -x "$LOAD" ] || make -C "$ZZ_ROOT" build/bench/ssh_load >/dev/null || zz_fail "make build/bench/ssh_load"
CLIENT_OPTS="--n $N --active $ACTIVE --duration $DURATION --timeout ${BENCH_TIMEOUT:-1200} --mem-floor-mb ${BENCH_MEM_FLOOR_MB:-2048}"

# bench_load ARGS…: run the load generator (its figures shown as they come, kept in $OUT).
bench_load() {
	: >"$ZZ_T/load.out"
	"$LOAD" "$@" >"$ZZ_T/load.out" 2>&1 &
	LOAD_PID=$!
	# The shell waits in `wait`, which a signal interrupts (its trap runs at once), not in tail.
	tail -f --pid=$LOAD_PID "$ZZ_T/load.out" &
	tail_pid=$!
	wait $LOAD_PID
	wait $tail_pid
	LOAD_PID=
	cat "$ZZ_T/load.out" >>"$OUT"
}

# bench_zongzhi LABEL BINARY: serve with that binary and measure.
bench_zongzhi() {
	ZZ=$2
	zz_serve_start
	echo "## zongzhi serve (libssh), UI of account village: $1" | tee -a "$OUT"
	bench_load --server zongzhi --run-dir "$ZZ_HOME/run" --port "$ZZ_PORT" \
		--user village --key "$ZZ_T/key" $CLIENT_OPTS --ready-text "社会治安综合治理信息系统"
	listener_rss=$(awk '/^Rss:/{print $2}' "/proc/$ZZ_SERVE_PID/smaps_rollup")
	echo "listener_rss_mb $((listener_rss / 1024))" | tee -a "$OUT"
	zz_wait_for 300 zz_no_sessions || echo "warning: sessions still ending"
	# Thousands of sessions ending at once may keep the listener busy past serve --stop's limit.
	"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" serve --stop >/dev/null 2>&1 || kill "$ZZ_SERVE_PID" 2>/dev/null
	(sleep 60 && kill -9 "$ZZ_SERVE_PID" 2>/dev/null && echo "warning: the listener did not stop within 80 s") &
	stopper=$!
	wait "$ZZ_SERVE_PID" 2>/dev/null
	kill "$stopper" 2>/dev/null
	left=$(pgrep -f "$ZZ_T/")
	[ -n "$left" ] && echo "warning: $(echo $left | wc -w) processes of the run left: ended" && kill -9 $left 2>/dev/null
}

echo "# $(date '+%Y-%m-%d %H:%M') $N sessions, $ACTIVE typing, $(nproc) cores, $(uname -r)" | tee "$OUT"
[ -n "$BENCH_BEFORE" ] && bench_zongzhi "before ($BENCH_BEFORE)" "$BENCH_BEFORE"
bench_zongzhi "this build" "$ZZ_ROOT/bin/zongzhi"

# The baseline: a private sshd (its own config and host key) serving root's shell. `make deps`
# installs openssh-server; without it (the bench run alone) the baseline is reported as skipped.
if [ ! -x "$SSHD" ]; then
	echo "## OpenSSH sshd baseline skipped: $SSHD is not installed (apt-get install openssh-server)" | tee -a "$OUT"
	grep -q "^error" "$OUT" && exit 1
	exit 0
fi
SPORT=$(zz_free_port)
mkdir -p "$ZZ_T/sshd"
ssh-keygen -q -t ed25519 -N "" -f "$ZZ_T/sshd/host_key" || zz_fail "ssh-keygen"
cp "$ZZ_T/key.pub" "$ZZ_T/sshd/authorized_keys"
cat >"$ZZ_T/sshd/sshd_config" <<CFG
Port $SPORT
ListenAddress 127.0.0.1
HostKey $ZZ_T/sshd/host_key
PidFile $ZZ_T/sshd/sshd.pid
AuthorizedKeysFile $ZZ_T/sshd/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PrintMotd no
PrintLastLog no
MaxStartups $((N + 50)):30:$((N + 100))
MaxSessions 10
LogLevel ERROR
CFG
mkdir -p /run/sshd
"$SSHD" -D -f "$ZZ_T/sshd/sshd_config" -E "$ZZ_T/sshd/log" &
SSHD_PID=$!
ZZ_PIDS="$ZZ_PIDS $SSHD_PID"
zz_wait_for 30 zz_port_open "$SPORT" || zz_fail "sshd did not start: $(cat "$ZZ_T/sshd/log")"
echo "## OpenSSH sshd ($(ssh -V 2>&1 | cut -d, -f1) client), bash of root" | tee -a "$OUT"
# PS1 is the ready text: a shell prompt ends with "# " for root.
bench_load --server sshd --sshd-pid "$SSHD_PID" --port "$SPORT" \
	--user root --key "$ZZ_T/key" $CLIENT_OPTS --ready-text "# " --keys echo
kill "$SSHD_PID"
grep -q "^error" "$OUT" && exit 1
exit 0
