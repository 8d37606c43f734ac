#!/bin/sh
# SSH server and PuTTY's own implementation (plink from putty-tools, the command-line PuTTY): the
# algorithms PuTTY offers meet ours, PuTTY's keyboard-interactive login reaches the main menu on
# the pty it asks for, a wrong password is refused, and q closes the connection.
. "$(dirname "$0")/lib.sh"
command -v plink >/dev/null || zz_fail "plink not installed (Debian package putty-tools)"
zz_ssh_setup
zz_serve_start

# PuTTY asks before it trusts a host key; give it the key's SHA-256 fingerprint as OpenSSH reads it.
fp=$(ssh-keyscan -p "$ZZ_PORT" -t ed25519 127.0.0.1 2>/dev/null | ssh-keygen -l -E sha256 -f - | cut -d' ' -f2)
case "$fp" in SHA256:*) ;; *) zz_fail "no host key fingerprint from ssh-keyscan" ;; esac
ZZ_PLINK="plink -ssh -batch -no-antispoof -P $ZZ_PORT -hostkey $fp -t"

zz_log "a wrong password: PuTTY is refused"
if echo | plink -ssh -batch -P "$ZZ_PORT" -hostkey "$fp" -pw "wrong-$ZZ_DEMO_PASS" village@127.0.0.1 true \
	>"$ZZ_T/wrong.out" 2>&1; then
	zz_fail "a wrong password was accepted: $(cat "$ZZ_T/wrong.out")"
fi

zz_log "PuTTY's keyboard-interactive login reaches the main menu"
zz_tmux_window putty "TERM=xterm $ZZ_PLINK -pw '$ZZ_DEMO_PASS' village@127.0.0.1; echo PLINK-EXIT-\$?; sleep 600"
zz_wait_main_menu putty village 60

zz_log "q leaves the UI and closes PuTTY's connection"
pids=$(zz_session_pids village)
[ -n "$pids" ] || zz_fail "no registered session for village"
zz_ui_quit putty
zz_wait_screen putty "PLINK-EXIT-" 30
zz_wait_for 30 zz_pids_gone $pids || zz_fail "session processes left behind"

audit=$("$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" audit show --as auditor)
echo "$audit" | grep -P "\tvillage\t.*\tssh 127\.0\.0\.1:[0-9]+\tlogin\tsession\tok" >/dev/null || zz_fail "no audited login of village"
echo "$audit" | grep -P "\tvillage\t.*\tssh 127\.0\.0\.1:[0-9]+\tlogin_fail\t" >/dev/null || zz_fail "the wrong password was not audited"
echo ok
