#!/bin/sh
# SSH server: log in by password (keyboard-interactive and password methods) and by public key,
# reach the main menu, leave with q; the audit log records source address and key fingerprint.
. "$(dirname "$0")/lib.sh"
zz_ssh_setup
zz_serve_start

zz_log "password (keyboard-interactive) reaches the main menu"
zz_ssh_window kbd village
zz_wait_main_menu kbd village

zz_log "password method (PreferredAuthentications=password)"
zz_ssh_window pw county -o PreferredAuthentications=password
zz_wait_main_menu pw county

zz_log "public key added with zongzhi user key add"
ssh-keygen -q -t ed25519 -N "" -C "test key" -f "$ZZ_T/id_ed25519" || zz_fail "ssh-keygen"
"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" user key add grid "$ZZ_T/id_ed25519.pub" --as secadmin || zz_fail "user key add"
fp=$(ssh-keygen -l -f "$ZZ_T/id_ed25519.pub" | cut -d' ' -f2)
zz_tmux_window key "ssh $ZZ_SSH_OPTS -p $ZZ_PORT -i $ZZ_T/id_ed25519 -o IdentitiesOnly=yes \
-o PreferredAuthentications=publickey -o BatchMode=yes grid@127.0.0.1; echo SSH-EXIT-\$?; sleep 600"
zz_wait_main_menu key grid

zz_log "a key that is not the account's is refused at authentication"
# The server refuses a command even after a login, so the exit status alone proves nothing: the
# refusal must be ssh's "Permission denied" (exit 255), which the account's own key does not get.
ssh-keygen -q -t ed25519 -N "" -f "$ZZ_T/other" || zz_fail "ssh-keygen"
ssh $ZZ_SSH_OPTS -p "$ZZ_PORT" -i "$ZZ_T/other" -o IdentitiesOnly=yes -o PreferredAuthentications=publickey \
	-o BatchMode=yes -T grid@127.0.0.1 true >/dev/null 2>"$ZZ_T/foreign.err"
[ $? -eq 255 ] || zz_fail "a foreign key: ssh did not fail to authenticate"
zz_has "a foreign key is denied" "Permission denied \(publickey" "$(cat "$ZZ_T/foreign.err")"
ssh $ZZ_SSH_OPTS -p "$ZZ_PORT" -i "$ZZ_T/id_ed25519" -o IdentitiesOnly=yes -o PreferredAuthentications=publickey \
	-o BatchMode=yes -T grid@127.0.0.1 true >/dev/null 2>"$ZZ_T/own.err"
zz_lacks "the account's key passes authentication" "Permission denied" "$(cat "$ZZ_T/own.err")"

zz_log "q leaves the UI and closes the connection; the session processes end"
pids=$(zz_session_pids village)
[ -n "$pids" ] || zz_fail "no registered session for village"
zz_ui_quit kbd
zz_wait_screen kbd "SSH-EXIT-0" 30
zz_wait_for 30 zz_pids_gone $pids || zz_fail "session processes left behind: $(ps -o pid,stat,cmd -p $(echo $pids | tr ' ' ,))"

zz_log "audit: logins with source address, the key's fingerprint, the session end"
audit=$("$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" audit show --as auditor)
echo "$audit" | grep -P "\tvillage\t.*\tssh 127\.0\.0\.1:[0-9]+\tlogin\tsession\tok" >/dev/null || zz_fail "no audited login of village"
echo "$audit" | grep -P "\tgrid\t.*\tssh 127\.0\.0\.1:[0-9]+\tlogin\tsession\tok\tpublickey \Q$fp\E" >/dev/null ||
	zz_fail "key login of grid without fingerprint $fp"
echo "$audit" | grep -P "\tvillage\t.*\tlogout\tsession\tok\t会话结束：退出系统" >/dev/null || zz_fail "no audited session end"
"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" audit verify >/dev/null || zz_fail "audit chain broken"
echo ok
