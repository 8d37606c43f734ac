#!/bin/sh
# Two factors for the three administrator roles over SSH (等保 level 3, issue 15 part 2, R-AC-3):
# with security.admin_two_factor (the default) an administrator logs in with its public key, then
# its password (SSH partial success), with the real OpenSSH client; a password alone is refused
# with the answer of a wrong password and the reason in the audit log; a wrong password after the
# key is refused; other roles are not affected.
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

zz_log "the password alone: refused as a wrong password, audited with the reason"
zz_ssh_window pw secadmin -o PubkeyAuthentication=no
zz_wait_screen pw "SSH-EXIT-" 60
zz_wait_screen pw "账号或密码错误" 5
zz_win pw | grep -qF "主菜单" && zz_fail "a password alone let the security administrator in"

zz_log "key, then a wrong password: refused"
cmd="sshpass -p 'Wrong@2026zz' ssh $ZZ_SSH_OPTS -p $ZZ_PORT $KEY secadmin@127.0.0.1; echo SSH-EXIT-\$?; sleep 600"
zz_tmux_window wrong "$cmd"
zz_wait_screen wrong "SSH-EXIT-" 60
zz_win wrong | grep -qF "主菜单" && zz_fail "a wrong password after the key let in"

zz_log "a grid account: the password alone, as before"
zz_ssh_window grid grid -o PubkeyAuthentication=no
zz_wait_main_menu grid grid

aud=$(zzc audit show --user secadmin --as auditor)
zz_has "the missing key audited" "	login_fail	session	refused	两步认证：管理员须先用公钥认证，再输入密码" "$aud"
zz_has "two factors audited" "	login	session	ok	" "$aud"
grep -q "accepted publickey+keyboard-interactive for secadmin\|accepted publickey+password for secadmin" "$ZZ_T/server.log" ||
	{ tail -20 "$ZZ_T/server.log"; zz_fail "the log does not name both factors"; }
echo ok
