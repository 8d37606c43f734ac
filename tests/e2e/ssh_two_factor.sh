#!/bin/sh
# Two factors for the three administrator roles over SSH (等保 level 3, issue 15 part 2, R-AC-3):
# with security.admin_two_factor (the default) an administrator logs in with its public key, then
# its password (SSH partial success), with the real OpenSSH client; a password alone, right or wrong,
# is refused with one answer that says the key is needed and nothing of the password, and one
# audit entry with the reason (no "login ok" of the password first); a wrong password after the
# key is refused; other roles and unknown names are not affected (账号或密码错误, as before).
. "$(dirname "$0")/lib.sh"
zz_ssh_setup
zz_serve_start
zzc() { "$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" "$@"; }
ssh-keygen -q -t ed25519 -N '' -C "secadmin@test" -f "$ZZ_T/seckey" || zz_fail "ssh-keygen"
zzc user key add secadmin "$ZZ_T/seckey.pub" --as secadmin >/dev/null || zz_fail "user key add"
KEY="-i $ZZ_T/seckey -o IdentitiesOnly=yes"

zz_log "key, then password: in"
zz_ssh_window both secadmin $KEY
zz_wait_main_menu both secadmin

zz_log "the password alone: refused with the reason, the same for a right and a wrong password"
zz_ssh_window pw secadmin -o PubkeyAuthentication=no
zz_wait_screen pw "SSH-EXIT-" 60
zz_wait_screen pw "管理员账号须同时使用密钥和密码登录" 5
zz_win pw | grep -qF "主菜单" && zz_fail "a password alone let the security administrator in"
zz_win pw | grep -qF "账号或密码错误" && zz_fail "a right password without the key answered as a wrong one"
nopw() { # NAME PASSWORD: a window that logs in as NAME with PASSWORD and no key
	zz_tmux_window "$1$3" "sshpass -p '$2' ssh $ZZ_SSH_OPTS -p $ZZ_PORT -o PubkeyAuthentication=no $1@127.0.0.1; echo SSH-EXIT-\$?; sleep 600"
}
nopw secadmin 'Wrong@2026zz' x
zz_wait_screen secadminx "SSH-EXIT-" 60
zz_wait_screen secadminx "管理员账号须同时使用密钥和密码登录" 5
zz_win secadminx | grep -qF "账号或密码错误" && zz_fail "a wrong password without the key answered otherwise"
zz_log "an unknown name and a grid account's wrong password: 账号或密码错误, as before"
for who in nosuchuser grid; do
	nopw $who 'Wrong@2026zz' x
	zz_wait_screen ${who}x "SSH-EXIT-" 60
	zz_wait_screen ${who}x "账号或密码错误" 5
	zz_win ${who}x | grep -qF "密钥" && zz_fail "$who told of a key"
done

zz_log "key, then a wrong password: refused"
cmd="sshpass -p 'Wrong@2026zz' ssh $ZZ_SSH_OPTS -p $ZZ_PORT $KEY secadmin@127.0.0.1; echo SSH-EXIT-\$?; sleep 600"
zz_tmux_window wrong "$cmd"
zz_wait_screen wrong "SSH-EXIT-" 60
zz_win wrong | grep -qF "主菜单" && zz_fail "a wrong password after the key let in"

zz_log "a grid account: the password alone, as before"
zz_ssh_window grid grid -o PubkeyAuthentication=no
zz_wait_main_menu grid grid

aud=$(zzc audit show --user secadmin --as auditor)
zz_has "the missing key audited, right password" "	login_fail	session	refused	两步认证：只有密码，没有密钥（密码正确）" "$aud"
zz_has "the missing key audited, wrong password" "	login_fail	session	refused	两步认证：只有密码，没有密钥（密码错误）" "$aud"
n=$(printf '%s\n' "$aud" | grep -c "	login_fail	session	refused	两步认证")
[ "$n" = 2 ] || { printf '%s\n' "$aud" >&2; zz_fail "two refused attempts without the key, $n audit entries"; }
zz_lacks "a password without the key audited as a login" "	login	session	ok	password$" "$aud"
zz_has "two factors audited" "	login	session	ok	password after key" "$aud"
grep -q "accepted publickey+keyboard-interactive for secadmin\|accepted publickey+password for secadmin" "$ZZ_T/server.log" ||
	{ tail -20 "$ZZ_T/server.log"; zz_fail "the log does not name both factors"; }
echo ok
