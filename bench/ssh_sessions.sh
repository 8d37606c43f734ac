#!/bin/sh
# Benchmark of the SSH server: BENCH_SESSIONS (200) logged-in idle sessions of the real OpenSSH
# client at once: memory per session (RSS and PSS of the session's processes; target 8 MB), and
# the time from a key press to the screen update in one active session while the others are
# connected (median and p99; target p99 <= 50 ms). The same figures for OpenSSH's sshd serving a
# shell, in the same run, as the baseline. Figures also go to bench/out/ssh_sessions.txt.
ZZ_ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ZZ_ROOT/tests/e2e/lib.sh"
N=${BENCH_SESSIONS:-200}
OUT=$ZZ_ROOT/bench/out/ssh_sessions.txt
mkdir -p "$ZZ_ROOT/bench/out"
zz_ssh_setup
zz_conf_set max_startups "\"$((N + 50)):30:$((N + 100))\""
zz_conf_set per_source_max_startups $((N + 50))
zz_conf_set max_sessions $((N + 50))
zz_conf_set max_sessions_per_account $((N + 50))
zz_conf_set idle_timeout_s 0
ssh-keygen -q -t ed25519 -N "" -f "$ZZ_T/key" || zz_fail "ssh-keygen"
"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" user key add village "$ZZ_T/key.pub" || zz_fail "user key add"
zz_serve_start

{
	echo "# $(date '+%Y-%m-%d %H:%M') $N sessions, $(nproc) cores, $(uname -r)"
	echo "## zongzhi serve (libssh), UI of account village"
} | tee "$OUT"
python3 "$ZZ_ROOT/bench/ssh_client.py" --server zongzhi --run-dir "$ZZ_HOME/run" --port "$ZZ_PORT" \
	--user village --key "$ZZ_T/key" --n "$N" --ready-text "社会治安综合治理信息系统" | tee -a "$OUT"
listener_rss=$(awk '/^Rss:/{print $2}' "/proc/$ZZ_SERVE_PID/smaps_rollup")
echo "listener_rss_mb $((listener_rss / 1024))" | tee -a "$OUT"
zz_wait_for 60 zz_no_sessions || echo "warning: sessions still ending"
zz_serve_stop

# The baseline: a private sshd (its own config and host key) serving root's shell. Not installed by
# `make deps` (Debian's package would start a system sshd on port 22): without it the baseline is
# reported as skipped.
if [ ! -x /usr/sbin/sshd ]; then
	echo "## OpenSSH sshd baseline skipped: /usr/sbin/sshd is not installed (apt-get install openssh-server)" | tee -a "$OUT"
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
/usr/sbin/sshd -D -f "$ZZ_T/sshd/sshd_config" -E "$ZZ_T/sshd/log" &
SSHD_PID=$!
ZZ_PIDS="$ZZ_PIDS $SSHD_PID"
zz_wait_for 30 zz_port_open "$SPORT" || zz_fail "sshd did not start: $(cat "$ZZ_T/sshd/log")"
echo "## OpenSSH sshd $(ssh -V 2>&1 | cut -d, -f1), bash of root" | tee -a "$OUT"
# PS1 is the ready text: a shell prompt ends with "# " for root.
python3 "$ZZ_ROOT/bench/ssh_client.py" --server sshd --sshd-pid "$SSHD_PID" --port "$SPORT" \
	--user root --key "$ZZ_T/key" --n "$N" --ready-text "# " --keys echo | tee -a "$OUT"
kill "$SSHD_PID"
grep -q "^error" "$OUT" && exit 1
exit 0
