#!/bin/sh
# SSH server: wrong passwords count towards the account lockout kept in the database (the same
# as the local UI's), the answer is that of an unknown account (the lock is told only to whoever
# gives the right password), and one connection gets at most max_auth_tries (6). One address
# cannot even lock itself out of every account: its failures, whatever accounts they name, get it
# refused first.
. "$(dirname "$0")/lib.sh"
PROBE=$ZZ_ROOT/build/tests/sshprobe
[ -x "$PROBE" ] || zz_fail "build/tests/sshprobe missing (make build/tests/sshprobe)"
zz_ssh_setup
zz_conf_set addr_fail_max 10
zz_serve_start

zz_log "six wrong passwords in one connection"
zz_tmux_window wrong "ssh $ZZ_SSH_OPTS -o NumberOfPasswordPrompts=10 -p $ZZ_PORT village@127.0.0.1; echo SSH-EXIT-\$?; sleep 600"
i=1
while [ $i -le 6 ]; do
	zz_wait_for 30 zz_win_count_ge wrong "assword" $i || { zz_win wrong; zz_fail "no password prompt $i"; }
	$ZZ_TMUX send-keys -t zz:wrong "Wrong@2026zz$i" Enter
	i=$((i + 1))
done
# The same answer as for an unknown account: no count of tries left, no word of the lock.
zz_wait_screen wrong "账号或密码错误" 10
zz_wait_screen wrong "SSH-EXIT-255" 30
zz_win wrong | grep -q "再错\|锁定" && zz_fail "the answer tells the account exists"

zz_log "the account is closed to this address (地址锁定; ssh_lockout_weapon.sh: other addresses)"
"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" user list | grep -P "^village\t" | grep -q "地址锁定" ||
	zz_fail "village not shown locked: $("$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" user list | grep village)"
zz_ssh_window right village
zz_wait_screen right "账号已锁定" 30
zz_win right | grep -qF "社会治安综合治理信息系统" && zz_fail "a locked account reached the UI"

zz_log "audit: every failure with the source address"
n=$("$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" audit show --as auditor --user village | grep -cP "\tssh 127\.0\.0\.1:[0-9]+\tlogin_fail\t")
[ "$n" -ge 6 ] || zz_fail "only $n audited failures"

zz_log "another account is not affected"
zz_ssh_window other county
zz_wait_main_menu other county

zz_log "one address cannot lock every account: past addr_fail_max (10) failures it is refused"
# Five wrong passwords lock an account (security.lockout); 127.0.0.6 tries town, grid, then the
# security administrator and the auditor: only the first two are reached. (A session reports its
# failures to the listener when it ends: the pause lets the report in before the next connection.)
for a in town grid secadmin auditor; do
	echo "$a" | PROBE_FROM=127.0.0.6 "$PROBE" login "$ZZ_PORT" 5 "Wrong@2026x" >>"$ZZ_T/spray.txt" 2>&1
	sleep 0.5
done
grep -q "^connect:" "$ZZ_T/spray.txt" || grep -q "auth 1: error" "$ZZ_T/spray.txt" ||
	zz_fail "the address was never refused: $(cat "$ZZ_T/spray.txt")"
users=$("$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" user list)
for a in town grid; do
	zz_has "$a locked from 127.0.0.6" "^$a	.*锁定" "$users"
done
for a in secadmin auditor; do
	zz_lacks "$a not locked: the address was refused first" "^$a	.*锁定" "$users"
done
echo ok
