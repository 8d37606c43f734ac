#!/bin/sh
# SSH server against a hostile client before login (issue 15): a 250 KB account name, names with
# ESC/CR/LF, a flood of failed logins. The audit grows by at most audit_failed_per_addr_min
# entries a minute per address plus one summary, every stored name is bounded, nothing raw
# reaches `audit show` or the log, the flooding address is refused while others log in, and the
# server's version line does not name the library.
. "$(dirname "$0")/lib.sh"
PROBE=$ZZ_ROOT/build/tests/sshprobe
[ -x "$PROBE" ] || zz_fail "build/tests/sshprobe missing (make build/tests/sshprobe)"
zz_ssh_setup
zz_conf_set audit_failed_per_addr_min 5
zz_conf_set addr_fail_max 40
zz_serve_start
zz() { "$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" "$@"; }
audit_bytes() { du -sb "$ZZ_HOME/audit.db" | cut -f1; }

zz_log "the version line names no library"
echo nobody | "$PROBE" login "$ZZ_PORT" 1 x >"$ZZ_T/banner.txt" 2>&1
grep -q "^server: SSH-2.0-zongzhi$" "$ZZ_T/banner.txt" || zz_fail "version line: $(cat "$ZZ_T/banner.txt")"

zz_log "a 250 KB account name, 3 clients x 6 tries from 127.0.0.3"
before=$(audit_bytes)
head -c 250000 /dev/zero | tr '\0' a >"$ZZ_T/long.txt"
pids=""
for i in 1 2 3; do
	PROBE_FROM=127.0.0.3 "$PROBE" login "$ZZ_PORT" 6 "Wrong@2026x" <"$ZZ_T/long.txt" >"$ZZ_T/long$i.txt" 2>&1 &
	pids="$pids $!"
done
wait $pids
grep -q "auth 1: denied" "$ZZ_T/long1.txt" || zz_fail "no denial: $(cat "$ZZ_T/long1.txt")"
zz audit show --as auditor >"$ZZ_T/audit1.txt" || zz_fail "audit show"
longest=$(awk -F'\t' '{ if (length($3) > m) m = length($3) } END { print m }' "$ZZ_T/audit1.txt")
[ "$longest" -le 80 ] || zz_fail "an account name of $longest characters stored in the audit log"
grep -q "aaaaaaaa…" "$ZZ_T/audit1.txt" || zz_fail "the cut name is not shown as cut"
n=$(grep -c "ssh 127\.0\.0\.3:[0-9]*	login_fail" "$ZZ_T/audit1.txt")
[ "$n" -le 5 ] || zz_fail "$n failed logins from one address audited one by one within a minute (cap 5)"
grow=$(($(audit_bytes) - before))
echo "audit.db grew by $grow bytes for 18 failed logins with a 250 KB name"
[ "$grow" -lt 200000 ] || zz_fail "audit.db grew by $grow bytes"
logmax=$(awk '{ if (length($0) > m) m = length($0) } END { print m }' "$ZZ_T/server.log")
[ "$logmax" -le 1200 ] || zz_fail "a log line of $logmax bytes"

zz_log "a name with ESC, CR and LF: escaped in audit show and in the log"
printf 'evil\033[2J\rforged\nline\342\200\256x' >"$ZZ_T/esc.txt"
PROBE_FROM=127.0.0.4 "$PROBE" login "$ZZ_PORT" 2 "Wrong@2026x" <"$ZZ_T/esc.txt" >"$ZZ_T/esc.out" 2>&1
grep -q "auth 1: denied" "$ZZ_T/esc.out" || zz_fail "no denial: $(cat "$ZZ_T/esc.out")"
zz audit show --as auditor >"$ZZ_T/audit2.txt" || zz_fail "audit show"
grep -qF 'evil\x1b[2J\x0dforged\x0aline\u202ex' "$ZZ_T/audit2.txt" || zz_fail "the name is not shown escaped: $(grep evil "$ZZ_T/audit2.txt")"
for f in "$ZZ_T/audit2.txt" "$ZZ_T/server.log"; do
	LC_ALL=C grep -q "$(printf '\033')" "$f" && zz_fail "a raw ESC in $f"
	LC_ALL=C grep -q "$(printf '\r')" "$f" && zz_fail "a raw CR in $f"
	grep -q '^line' "$f" && zz_fail "a forged line in $f"
	grep -q "$(printf '\342\200\256')" "$f" && zz_fail "a raw bidi override in $f"
done

zz_log "a flood from 127.0.0.5: at most 5 audited one by one, then the address is refused"
i=0
while [ $i -lt 10 ]; do
	echo "nobody$i" | PROBE_FROM=127.0.0.5 "$PROBE" login "$ZZ_PORT" 6 "Wrong@2026x" >>"$ZZ_T/flood.txt" 2>&1
	i=$((i + 1))
done
grep -q "^connect:" "$ZZ_T/flood.txt" || grep -q "auth 1: error" "$ZZ_T/flood.txt" ||
	zz_fail "the flooding address was never refused: $(tail -3 "$ZZ_T/flood.txt")"
grep -q "refused connection from 127.0.0.5.*登录失败次数过多" "$ZZ_T/server.log" || zz_fail "refusal not logged"
zz audit show --as auditor >"$ZZ_T/audit3.txt" || zz_fail "audit show"
n=$(grep -c "ssh 127\.0\.0\.5:[0-9]*	login_fail" "$ZZ_T/audit3.txt")
[ "$n" -le 5 ] || zz_fail "$n failures of 127.0.0.5 audited one by one (cap 5)"

zz_log "meanwhile an account logs in from 127.0.0.1"
zz_ssh_window ok county
zz_wait_main_menu ok county

zz_log "the minute over: one summary entry per flooding address"
zz_wait_for 90 sh -c "\"$ZZ\" -c \"$ZZ_CONF\" --home \"$ZZ_HOME\" audit show --as auditor | grep -q 'ssh 127.0.0.5	login_fail	session	refused	另有 [0-9]* 次登录失败未逐条记录'" ||
	zz_fail "no summary of the failures not audited: $(zz audit show --as auditor | tail -5)"
zz audit verify >/dev/null || zz_fail "audit verify"
echo ok
