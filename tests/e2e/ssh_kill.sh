#!/bin/sh
# SSH server: one process per connection. Killing a client ends its session's processes (no orphan,
# no zombie); killing a session process or its UI leaves the other sessions and the listener
# running (the listener runs failchk); restarting the listener does not end sessions in progress.
. "$(dirname "$0")/lib.sh"
zz_ssh_setup
zz_serve_start
zz_ssh_window a village
zz_ssh_window b county
zz_ssh_window c grid
zz_ssh_window d town
for w in "a village" "b county" "c grid" "d town"; do
	set -- $w
	zz_wait_main_menu "$1" "$2"
done

# The ssh client of window $1: the pane's shell -> sshpass -> ssh.
client_pid() {
	sh_pid=$($ZZ_TMUX list-panes -t "zz:$1" -F '#{pane_pid}')
	pass_pid=$(pgrep -P "$sh_pid" sshpass)
	pgrep -P "$pass_pid" ssh
}
# No process left whose parent is gone and that still belongs to this test's database.
no_zombies() {
	! ps -eo stat=,ppid=,pid= | awk -v l="$ZZ_SERVE_PID" '$1 ~ /^Z/ && $2 == l' | grep -q .
}

zz_log "kill -9 the client of a: its session processes end"
a_pids=$(zz_session_pids village)
[ -n "$a_pids" ] || zz_fail "no session processes for village"
kill -9 "$(client_pid a)"
zz_wait_for 60 zz_pids_gone $a_pids || zz_fail "left behind after the client died: $(ps -o pid,stat,cmd -p "$(echo $a_pids | tr ' ' ,)")"

zz_log "kill -9 the session process of b: its UI ends, its client is told, the others go on"
b_pids=$(zz_session_pids county)
kill -9 "$(echo "$b_pids" | head -1)"
zz_wait_for 60 zz_pids_gone $b_pids || zz_fail "UI of b left behind: $(ps -o pid,stat,cmd -p "$(echo $b_pids | tr ' ' ,)")"
zz_wait_screen b "SSH-EXIT-255" 60

zz_log "kill -9 the UI of d (a crash): the session ends, the listener runs failchk"
d_ui=$(zz_session_pids town | tail -1)
kill -9 "$d_ui"
zz_wait_screen d "SSH-EXIT-" 60
zz_wait_for 30 grep -q "ended with signal 9; running failchk\|ended with status 3; running failchk" "$ZZ_T/server.log" ||
	zz_fail "listener did not run failchk"
kill -0 "$ZZ_SERVE_PID" || zz_fail "the listener died"
zz_wait_for 10 no_zombies || zz_fail "zombie children of the listener"

zz_log "restart the listener: session c goes on; new logins work; the database is sound"
c_pids=$(zz_session_pids grid)
zz_serve_stop
for p in $c_pids; do kill -0 "$p" 2>/dev/null || zz_fail "session c ended with the listener"; done
zz_serve_start
zz_ssh_window e village2
zz_wait_main_menu e village2
"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" user list >/dev/null || zz_fail "database unusable after the kills"
zz_win_has c "SSH-EXIT" && zz_fail "session c ended"
zz_ui_quit c
zz_wait_screen c "SSH-EXIT-0" 30
zz_wait_for 30 zz_pids_gone $c_pids || zz_fail "session c processes left after q"
echo ok
