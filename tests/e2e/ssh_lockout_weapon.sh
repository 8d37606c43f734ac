#!/bin/sh
# Lockout as a weapon (issue 15): failed passwords count per address and account. An attacker at
# 127.0.0.6 fails 5 times on each of 10 accounts (security administrator and auditor among them):
# each account is closed to that address only, and audited so; the owners log in from 127.0.0.2
# at once (the administrators with key and password); the attacker's address is refused even with
# the right password. Failures from three addresses (security.lockout.places) lock an account for
# every address: then the administrator still logs in with key and password over SSH, and at the
# server's own terminal. The 账号 screen's title names the address held (and, for an account held
# from two addresses, the first and how many).
. "$(dirname "$0")/lib.sh"
PROBE=$ZZ_ROOT/build/tests/sshprobe
[ -x "$PROBE" ] || zz_fail "build/tests/sshprobe missing (make build/tests/sshprobe)"
zz_ssh_setup
# The listener's own refusal of a failing address (ssh_lockout.sh) and its audit cap stay out of
# the way here: what is tested is the count in the accounts.
zz_conf_set addr_fail_max 1000
zz_conf_set audit_failed_per_addr_min 1000
zz_serve_start
zzc() { "$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" "$@"; }
ACCOUNTS="county grid health justice leader police town village secadmin auditor"
for a in secadmin auditor; do
	ssh-keygen -q -t ed25519 -N '' -C "$a@test" -f "$ZZ_T/$a.key" || zz_fail "ssh-keygen"
	zzc user key add "$a" "$ZZ_T/$a.key.pub" --as secadmin >/dev/null || zz_fail "user key add $a"
done

zz_log "127.0.0.6: 5 wrong passwords on each of 10 accounts"
for a in $ACCOUNTS; do
	echo "$a" | PROBE_FROM=127.0.0.6 "$PROBE" login "$ZZ_PORT" 5 "Wrong@2026x" >"$ZZ_T/spray-$a.txt" 2>&1
	[ "$(grep -c "^auth [0-9]: denied" "$ZZ_T/spray-$a.txt")" -eq 5 ] || zz_fail "spray $a: $(cat "$ZZ_T/spray-$a.txt")"
done
users=$(zzc user list)
for a in $ACCOUNTS; do
	zz_has "$a closed to 127.0.0.6 only" "^$a	.*	地址锁定	" "$users"
done

zz_log "the owners from 127.0.0.2, at once"
t0=$(zz_now_ms)
for a in county grid health justice leader police town village; do
	echo "$a" | PROBE_FROM=127.0.0.2 "$PROBE" login "$ZZ_PORT" 1 "$ZZ_DEMO_PASS" >"$ZZ_T/owner-$a.txt" 2>&1
	grep -q "^auth 1: success" "$ZZ_T/owner-$a.txt" || zz_fail "$a from 127.0.0.2: $(cat "$ZZ_T/owner-$a.txt")"
done
for a in secadmin auditor; do
	zz_ssh_window "$a" "$a" -b 127.0.0.2 -i "$ZZ_T/$a.key" -o IdentitiesOnly=yes
	zz_wait_main_menu "$a" "$a"
done
zz_log "10 owners logged in within $(($(zz_now_ms) - t0)) ms"

zz_log "127.0.0.6 is refused, the right password too"
for a in county village; do
	echo "$a" | PROBE_FROM=127.0.0.6 "$PROBE" login "$ZZ_PORT" 1 "$ZZ_DEMO_PASS" >"$ZZ_T/again-$a.txt" 2>&1
	grep -q "^auth 1: denied" "$ZZ_T/again-$a.txt" || zz_fail "$a let in from 127.0.0.6: $(cat "$ZZ_T/again-$a.txt")"
done
grep -q "failed password for county from 127.0.0.6 port [0-9]*: 账号已锁定" "$ZZ_T/server.log" ||
	zz_fail "the refusal of 127.0.0.6 is not in the server's log"

zz_log "the audit: each lock, and the refusal"
for a in $ACCOUNTS; do
	aud=$(zzc audit show --as auditor --user "$a")
	zz_has "$a: the lock of 127.0.0.6 audited" "	ssh 127\.0\.0\.6:[0-9]*	lockout	user:$a	ok	15 分钟内来自 127\.0\.0\.6 的密码错误 5 次" "$aud"
	zz_lacks "$a: no lock of the account" "	lockout	user:$a	ok	.*个以上地址" "$aud"
done
aud=$(zzc audit show --as auditor --user county)
zz_has "the right password from 127.0.0.6 refused, audited" "	ssh 127\.0\.0\.6:[0-9]*	login_fail	session	refused	账号对此地址锁定$" "$aud"
zz_has "the owner's login audited" "	ssh 127\.0\.0\.2:[0-9]*	login	session	ok	" "$aud"

zz_log "three addresses lock the account for every address"
for from in 127.0.0.7 127.0.0.8 127.0.0.9; do
	for a in leader secadmin; do
		echo "$a" | PROBE_FROM=$from "$PROBE" login "$ZZ_PORT" 2 "Wrong@2026x" >/dev/null 2>&1
	done
done
users=$(zzc user list)
zz_has "leader locked for every address" "^leader	.*	暂时锁定	" "$users"
zz_has "secadmin locked for every address" "^secadmin	.*	暂时锁定	" "$users"
echo leader | PROBE_FROM=127.0.0.2 "$PROBE" login "$ZZ_PORT" 1 "$ZZ_DEMO_PASS" >"$ZZ_T/leader.txt" 2>&1
grep -q "^auth 1: denied" "$ZZ_T/leader.txt" || zz_fail "leader let in while locked: $(cat "$ZZ_T/leader.txt")"
zz_has "the account's lock audited" "	lockout	user:leader	ok	15 分钟内来自 3 个以上地址的密码错误 5 次以上" \
	"$(zzc audit show --as auditor --user leader)"
zz_log "the security administrator: key, then password, from a fourth address"
zz_ssh_window sec2 secadmin -b 127.0.0.3 -i "$ZZ_T/secadmin.key" -o IdentitiesOnly=yes
zz_wait_main_menu sec2 secadmin

zz_log "town: 127.0.0.5 fails 5 times too, two addresses (fewer than security.lockout.places) held"
echo town | PROBE_FROM=127.0.0.5 "$PROBE" login "$ZZ_PORT" 5 "Wrong@2026x" >"$ZZ_T/spray2-town.txt" 2>&1
[ "$(grep -c "^auth [0-9]: denied" "$ZZ_T/spray2-town.txt")" -eq 5 ] || zz_fail "spray town: $(cat "$ZZ_T/spray2-town.txt")"
zz_has "town still closed to its addresses only" "^town	.*	地址锁定	" "$(zzc user list)"

zz_log "and at the server's own terminal"
ZZ_TMP=$ZZ_T
ZONGZHI_HOME=$ZZ_HOME
zz_tui_start xterm 80 24
zz_login secadmin
zz_menu
zz_log "the 账号 screen names the address a 地址锁定 keeps out"
zz_keys /
zz_type "账号"
zz_keys Enter Enter
zz_expect "信息系统 > 账号"
zz_row county
zz_expect "地址锁定"
zz_keys Enter
zz_expect "账号 county：对 127.0.0.6 锁定至 "
zz_keys Escape
zz_row town
zz_keys Enter
zz_expect "账号 town：对 127.0.0.6（至 "
zz_expect "）等 2 个地址锁定"
zz_keys Escape
echo ok
