#!/bin/sh
# SSH server: host keys (Ed25519 and RSA 3072) are created on first start with mode 0600 and kept:
# the keys a client sees do not change across a restart. A key readable by others is refused.
. "$(dirname "$0")/lib.sh"
zz_ssh_setup
zz_serve_start

for k in ssh_host_ed25519_key ssh_host_rsa_key; do
	[ "$(stat -c %a "$ZZ_HOME/$k")" = "600" ] || zz_fail "$k mode $(stat -c %a "$ZZ_HOME/$k")"
done
ssh-keygen -l -f "$ZZ_HOME/ssh_host_rsa_key" | grep -q "^3072 " || zz_fail "RSA host key is not 3072 bits"
scan() { ssh-keyscan -p "$ZZ_PORT" -t ed25519,rsa 127.0.0.1 2>/dev/null | sort; }
before=$(scan)
echo "$before" | grep -q "ssh-ed25519" || zz_fail "no Ed25519 host key offered: $before"
echo "$before" | grep -q "ssh-rsa" || zz_fail "no RSA host key offered: $before"

zz_log "restart: same keys"
zz_serve_stop
zz_serve_start
after=$(scan)
[ "$before" = "$after" ] || zz_fail "host keys changed across a restart"

zz_log "a key file readable by others is refused with a clear message"
zz_serve_stop
chmod 0644 "$ZZ_HOME/ssh_host_ed25519_key"
if "$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" serve --foreground --listen "127.0.0.1:$ZZ_PORT" >"$ZZ_T/bad.out" 2>&1; then
	zz_fail "served with an unprotected host key"
fi
grep -qF "权限过宽" "$ZZ_T/bad.out" || zz_fail "no clear message: $(cat "$ZZ_T/bad.out")"
echo ok
