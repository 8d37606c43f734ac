#!/bin/sh
# SSH server: a session without a pty, a command, or a subsystem other than sftp (ssh_sftp.sh)
# gets a clear Chinese message (or a refusal) and is closed; forwarding is refused.
. "$(dirname "$0")/lib.sh"
zz_ssh_setup
zz_serve_start
ssh_pw() {
	sshpass -p "$ZZ_DEMO_PASS" ssh $ZZ_SSH_OPTS -p "$ZZ_PORT" "$@"
}

zz_log "ssh -T: no pty"
out=$(ssh_pw -T village@127.0.0.1 </dev/null 2>&1)
rc=$?
echo "$out" | grep -qF "需要终端（pty）" || zz_fail "no message without pty: $out"
[ $rc -eq 1 ] || zz_fail "exit status $rc without pty"

zz_log "a command"
out=$(ssh_pw village@127.0.0.1 ls / </dev/null 2>&1)
rc=$?
echo "$out" | grep -qF "本系统不执行命令" || zz_fail "no message for a command: $out"
[ $rc -eq 1 ] || zz_fail "exit status $rc for a command"
echo "$out" | grep -q "^bin$" && zz_fail "the command ran"

zz_log "a subsystem other than sftp"
out=$(ssh_pw -s village@127.0.0.1 netconf </dev/null 2>&1) && zz_fail "subsystem netconf accepted: $out"
echo "$out" | grep -qF "subsystem request failed" || zz_fail "no refusal of subsystem netconf: $out"

zz_log "port forwarding"
# The client listens on the local port itself; a connection through it asks the server for a
# direct-tcpip channel, which must be refused ("administratively prohibited") and carry nothing.
fport=$(zz_free_port)
ssh_pw -o ExitOnForwardFailure=yes -N -L "$fport:127.0.0.1:$ZZ_PORT" village@127.0.0.1 </dev/null \
	2>"$ZZ_T/fwd.err" &
fwd=$!
ZZ_PIDS="$ZZ_PIDS $fwd"
zz_wait_for 30 zz_port_open "$fport" || zz_fail "the client's forwarding port did not open: $(cat "$ZZ_T/fwd.err")"
out=$(python3 -c 'import socket,sys
s=socket.create_connection(("127.0.0.1",int(sys.argv[1])),3); s.settimeout(5)
print("forwarded:", s.recv(64))' "$fport" 2>&1)
echo "$out" | grep -qF "forwarded: b''" || zz_fail "port forwarding carried data: $out"
zz_wait_for 10 grep -q "open failed: administratively prohibited" "$ZZ_T/fwd.err" ||
	zz_fail "the channel was not refused: $(cat "$ZZ_T/fwd.err")"
kill "$fwd" 2>/dev/null

zz_log "audit: refused sessions"
"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" audit show --as auditor --user village | grep -qP "\tsession\tsession\trefused\t没有终端" ||
	zz_fail "refusal not audited"
echo ok
