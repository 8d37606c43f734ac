#!/bin/sh
# SSH server: only modern algorithms; ssh-audit reports no failure. ssh-audit 2.5 wrongly lists
# CVE-2016-0739 for any libssh and does not know kex-strict: those two are not failures.
. "$(dirname "$0")/lib.sh"
zz_ssh_setup
zz_serve_start
command -v ssh-audit >/dev/null || zz_fail "ssh-audit is not installed"
ssh-audit -n -p "$ZZ_PORT" 127.0.0.1 >"$ZZ_T/audit.txt" 2>&1
cat "$ZZ_T/audit.txt"
grep -q "curve25519-sha256" "$ZZ_T/audit.txt" || zz_fail "ssh-audit did not see the key exchange"
fails=$(grep -F "[fail]" "$ZZ_T/audit.txt" | grep -v "CVE-2016-0739" | grep -v "kex-strict-s-v00@openssh.com")
[ -z "$fails" ] || zz_fail "ssh-audit failures: $fails"
grep -q "zlib@openssh.com" "$ZZ_T/audit.txt" || zz_fail "zlib@openssh.com compression not offered"
for weak in "ssh-rsa " "sha1" "cbc" "diffie-hellman-group1-" "diffie-hellman-group14-sha1" "hmac-md5" "umac-64"; do
	grep -E "^\((kex|key|enc|mac)\)" "$ZZ_T/audit.txt" | grep -qF "$weak" && zz_fail "weak algorithm offered: $weak"
done
echo ok
