#!/bin/sh
# SSH server: a password that must be changed (reset by an administrator, or older than
# security.password.max_age_days) still logs in, and the session goes to the UI with the account
# marked must_change, where the UI asks for a new password first (src/ui.c). A wrong password is
# refused.
. "$(dirname "$0")/lib.sh"
zz_ssh_setup
zz_serve_start
echo "Reset@2026zz" | "$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" user passwd village --reset --as secadmin >/dev/null ||
	zz_fail "user passwd --reset"

zz_log "the old password no longer works"
zz_tmux_window old "sshpass -p '$ZZ_DEMO_PASS' ssh $ZZ_SSH_OPTS -p $ZZ_PORT village@127.0.0.1; echo SSH-EXIT-\$?; sleep 600"
zz_wait_screen old "账号或密码错误" 30

zz_log "the reset password logs in; the UI asks for a new password before anything else"
zz_tmux_window new "sshpass -p 'Reset@2026zz' ssh $ZZ_SSH_OPTS -p $ZZ_PORT village@127.0.0.1; echo SSH-EXIT-\$?; sleep 600"
zz_wait_screen new "密码已过期，请设置新密码后继续" 30
zz_win_has new "> 主菜单" && zz_fail "the main menu before the password was changed"
$ZZ_TMUX send-keys -t zz:new -l "Fresh@2026zz"
$ZZ_TMUX send-keys -t zz:new Tab
$ZZ_TMUX send-keys -t zz:new -l "Fresh@2026zz"
$ZZ_TMUX send-keys -t zz:new Enter
zz_wait_main_menu new village
zz_ui_quit new
zz_wait_screen new "SSH-EXIT-0" 30

zz_log "the new password logs in straight to the menu"
zz_tmux_window again "sshpass -p 'Fresh@2026zz' ssh $ZZ_SSH_OPTS -p $ZZ_PORT village@127.0.0.1; echo SSH-EXIT-\$?; sleep 600"
zz_wait_main_menu again village
zz_win_has again "密码已过期" && zz_fail "asked again for a new password"
"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" audit show --as auditor --user village >"$ZZ_T/audit.txt"
grep -qP "\tssh 127\.0\.0\.1:[0-9]+\tlogin\tsession\tok\t密码已过期" "$ZZ_T/audit.txt" || zz_fail "expired login not audited"
grep -q "accepted keyboard-interactive for village .* (password expired)" "$ZZ_T/server.log" ||
	zz_fail "expired login not logged"
echo ok
