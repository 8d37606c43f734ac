#!/bin/sh
# SSH server (issue 15): 100 connections from 10 addresses (127.0.0.2 … 127.0.0.11) that never
# say a word fill max_startups; a real login from 127.0.0.1 still gets through (the oldest idle
# connection of an address holding the most is dropped to make room), and none of the idle ones
# opened the database. The bound is generous: the point is "gets through", not a timing.
. "$(dirname "$0")/lib.sh"
PROBE=$ZZ_ROOT/build/tests/sshprobe
[ -x "$PROBE" ] || zz_fail "build/tests/sshprobe missing (make build/tests/sshprobe)"
zz_ssh_setup
zz_serve_start
pids=""
i=2
while [ $i -le 11 ]; do
	"$PROBE" hold "127.0.0.$i" "$ZZ_PORT" 10 300 >"$ZZ_T/hold$i.txt" 2>&1 &
	pids="$pids $!"
	ZZ_PIDS="$ZZ_PIDS $!"
	i=$((i + 1))
done
zz_wait_for 30 sh -c "cat $ZZ_T/hold*.txt | grep -c '^held 10' | grep -qx 10" || zz_fail "holders not connected: $(cat "$ZZ_T"/hold*.txt)"
# Until at least 50 of them are held by the server (the rest may be refused at random).
zz_wait_for 30 sh -c "grep -c 'connection from 127.0.0.[0-9]* port [0-9]*: pid' $ZZ_T/server.log | awk '\$1 >= 50 { ok = 1 } END { exit !ok }'" ||
	zz_fail "the server did not take the idle connections"
sleep 1

zz_log "a login from 127.0.0.1 with max_startups full"
start=$(date +%s)
zz_ssh_window real county
zz_wait_main_menu real county
took=$(($(date +%s) - start))
echo "logged in after $took s"
[ "$took" -le 60 ] || zz_fail "the login took $took s"
grep -c "dropped to make room" "$ZZ_T/server.log"
# The idle connections never opened the database: no failchk, no audit of theirs.
grep -q "failchk" "$ZZ_T/server.log" && zz_fail "a dropped connection needed failchk"
kill $pids 2>/dev/null
echo ok
