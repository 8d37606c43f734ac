#!/bin/sh
# SSH server limits that libssh does not have: unauthenticated connections per source address and
# in all (MaxStartups), the login grace time (enforced by poll timeouts), sessions per account and
# in all. Refusals are audited.
. "$(dirname "$0")/lib.sh"
zz_ssh_setup
zz_conf_set per_source_max_startups 2
zz_conf_set max_startups '"3:100:3"'
zz_conf_set login_grace_s 5
zz_conf_set max_sessions_per_account 1
zz_conf_set max_sessions 2
zz_serve_start

# hold N: open N TCP connections that never authenticate; print their "banner" result line by line.
cat >"$ZZ_T/hold.py" <<'PY'
import socket, sys, time
port, n, wait = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
socks = []
for i in range(n):
    s = socket.create_connection(("127.0.0.1", port), 5)
    s.settimeout(5)
    try:
        b = s.recv(64)
    except socket.timeout:
        b = b"timeout"
    print(i, "banner" if b.startswith(b"SSH-") else "closed" if b == b"" else b)
    sys.stdout.flush()
    socks.append(s)
    time.sleep(0.3)
time.sleep(wait)
# After the grace time the server has closed the held connections.
for i, s in enumerate(socks):
    try:
        s.settimeout(30)
        rest = s.recv(4096)
        while rest:
            rest = s.recv(4096)
        print(i, "eof")
    except (socket.timeout, ConnectionResetError) as e:
        print(i, "still open" if isinstance(e, socket.timeout) else "eof")
PY

zz_log "per source: the third unauthenticated connection from 127.0.0.1 is refused"
out=$(python3 "$ZZ_T/hold.py" "$ZZ_PORT" 3 0)
echo "$out" | grep -qx "0 banner" || zz_fail "first connection: $out"
echo "$out" | grep -qx "1 banner" || zz_fail "second connection: $out"
echo "$out" | grep -qx "2 closed" || zz_fail "third connection not refused: $out"
echo "$out" | grep -qx "0 eof" || zz_fail "held connection not closed after the grace time: $out"
grep -q "refused connection from 127.0.0.1.*同一地址" "$ZZ_T/server.log" || zz_fail "refusal not logged"
"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" audit show --as auditor | grep -qP "\tconnect\tsession\trefused\t拒绝连接" ||
	zz_fail "refusal not audited"

zz_log "grace time: the server closes a connection that does not log in within 5 s"
"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" audit show --as auditor | grep -qF "登录超时（密钥交换" || zz_fail "grace time not audited"
zz_tmux_window slow "ssh $ZZ_SSH_OPTS -p $ZZ_PORT village@127.0.0.1; echo SSH-EXIT-\$?; sleep 600"
zz_wait_screen slow "assword" 30
grace_audited() {
	"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" audit show --as auditor | grep -qF "登录超时（未在规定时间内完成认证）"
}
zz_wait_for 60 grace_audited || zz_fail "grace time at the password prompt not audited"
# The client notices the closed connection when it reads the password.
$ZZ_TMUX send-keys -t zz:slow "late" Enter
zz_wait_screen slow "SSH-EXIT-255" 30

zz_log "an authenticated session no longer counts as unauthenticated"
zz_ssh_window v village
zz_wait_main_menu v village
out=$(python3 "$ZZ_T/hold.py" "$ZZ_PORT" 2 0)
echo "$out" | grep -qx "1 banner" || zz_fail "a logged-in session still counted as unauthenticated: $out"

zz_log "sessions per account: a second session of village is refused with the reason"
zz_ssh_window v2 village
zz_wait_screen v2 "同时在线的会话已达上限（1 个）" 30
zz_wait_screen v2 "SSH-EXIT-1" 30

zz_log "sessions in all: a third session (any account) is refused"
zz_ssh_window c county
zz_wait_main_menu c county
zz_ssh_window g grid
zz_wait_screen g "系统同时在线的会话已达上限（2 个）" 30

zz_log "a session that ends frees its place"
zz_ui_quit v
zz_wait_screen v "SSH-EXIT-0" 30
zz_ssh_window v3 village
zz_wait_main_menu v3 village
echo ok
