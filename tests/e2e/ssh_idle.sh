#!/bin/sh
# SSH server: a session without a key from the person for server.idle_timeout_s ends with a
# message; keys typed keep it alive; the end is audited.
. "$(dirname "$0")/lib.sh"
zz_ssh_setup
zz_conf_set idle_timeout_s 6
zz_serve_start

zz_ssh_window idle village
zz_wait_main_menu idle village
pids=$(zz_session_pids village)

zz_log "the session ends with a message after 6 s without input"
zz_wait_screen idle "空闲超过 6 秒，会话已结束" 60
zz_wait_screen idle "SSH-EXIT-" 30
zz_wait_for 30 zz_pids_gone $pids || zz_fail "session processes left behind"
"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" audit show --as auditor --user village | grep -qF "会话结束：空闲超时" ||
	zz_fail "idle end not audited"

zz_log "the output of the UI alone does not keep a session alive, keys do"
zz_ssh_window busy county
zz_wait_main_menu busy county
# Keys the placeholder and the real UI ignore harmlessly (an unbound letter), every second, for
# longer than the idle timeout: the session must still be there.
i=0
while [ $i -lt 12 ]; do
	$ZZ_TMUX send-keys -t zz:busy F12
	sleep 1
	i=$((i + 1))
done
zz_win_has busy "空闲超过" && zz_fail "a session with input ended as idle"
zz_wait_screen busy "空闲超过 6 秒" 60
echo ok
