#!/bin/sh
# SSH server: 50 sessions started at once all reach the main menu (each its own processes), and
# all end cleanly. The MaxStartups caps are raised here: 50 simultaneous logins from one address
# are what this test is about (tests/e2e/ssh_limits.sh checks the caps themselves).
. "$(dirname "$0")/lib.sh"
zz_ssh_setup
zz_conf_set max_startups '"100:30:200"'
zz_conf_set per_source_max_startups 100
zz_conf_set max_sessions_per_account 100
zz_serve_start
N=${ZZ_SESSIONS:-50}

i=1
while [ $i -le $N ]; do
	zz_ssh_window "s$i" village
	i=$((i + 1))
done
i=1
while [ $i -le $N ]; do
	zz_wait_main_menu "s$i" village 300
	i=$((i + 1))
done
count=$(ls "$ZZ_HOME/run/sessions" | wc -l)
[ "$count" -eq "$N" ] || zz_fail "$count sessions registered, expected $N"
pids=$(zz_session_pids village)
[ "$(echo "$pids" | wc -l)" -eq $((2 * N)) ] || zz_fail "expected two processes per session: $(echo "$pids" | wc -l)"

zz_log "all leave"
i=1
while [ $i -le $N ]; do
	zz_ui_quit "s$i"
	i=$((i + 1))
done
i=1
while [ $i -le $N ]; do
	zz_wait_screen "s$i" "SSH-EXIT-0" 120
	i=$((i + 1))
done
zz_wait_for 60 zz_pids_gone $pids || zz_fail "session processes left behind"
n=$("$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" audit show --as auditor --user village | grep -cP "\tlogin\tsession\tok\t")
[ "$n" -eq "$N" ] || zz_fail "$n logins audited, expected $N"
echo ok
