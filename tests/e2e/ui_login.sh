#!/bin/sh
# The login screen: a wrong password, a locked account (by an administrator, and by repeated
# failures counted across sessions), an expired password that must be changed before going on.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 10

# Wrong passwords: a clear message each time; after ui.login_attempts the UI exits.
zz_tui_start xterm-256color 80 24
zz_login grid 'wrong-Pass1'
zz_expect "账号或密码错误"
zz_screen | grep -F "密码：" | grep -qF '*' && zz_fail "the password field was not cleared"
zz_keys C-u
zz_type 'wrong-Pass2'
zz_keys Enter
zz_keys C-u
zz_type 'wrong-Pass3'
zz_keys Enter
zz_expect "[exit 0]"
grep -q "账号或密码错误；登录失败 3 次，已退出" "$ZZ_TMP/tui.stderr" ||
	zz_fail "no goodbye after 3 failures: $(cat "$ZZ_TMP/tui.stderr")"
# The password was never shown: the screen showed stars only.
# Two more failures in a new session lock the account (security.lockout.failures = 5).
zz_tui_start xterm-256color 80 24
# The answers are those of an unknown account: no count of tries left, no word of the lock.
zz_login grid 'wrong-Pass4'
zz_expect "账号或密码错误"
zz_screen | grep -q "再错" && zz_fail "tries left told"
zz_keys C-u
zz_type 'wrong-Pass5'
zz_keys Enter
zz_expect "账号或密码错误"
zz_screen | grep -q "锁定" && zz_fail "the lock told to a wrong password"
# Now even the right password is refused, and told why (the third refusal of this session ends it).
zz_keys C-u
zz_type "$ZZ_DEMO_PASS"
zz_keys Enter
zz_expect "[exit 0]"
grep -q "账号已锁定，请稍后再试或联系安全管理员" "$ZZ_TMP/tui.stderr" || zz_fail "locked account let in"

# Locked by an administrator.
zz user lock village --as secadmin >/dev/null || zz_fail "user lock"
zz_tui_start xterm-256color 80 24
zz_login village
zz_expect "账号已锁定"
zz_keys Escape
zz_expect "[exit 0]"

# An expired password (reset by the security administrator): change it, then the menu.
printf '%s\n' 'Reset@2026ab' | zz user passwd village2 --reset --as secadmin >/dev/null 2>&1 ||
	zz_fail "user passwd --reset"
zz_tui_start xterm-256color 80 24
zz_login village2 'Reset@2026ab'
zz_expect "密码已过期，请设置新密码后继续"
zz_type 'short'
zz_keys Tab
zz_type 'short'
zz_keys Enter
zz_expect "密码至少 8 位"
zz_absent "主菜单"
# The old password may not be reused.
zz_keys C-u
zz_type 'Reset@2026ab'
zz_keys Tab C-u
zz_type 'Reset@2026ab'
zz_keys Enter
zz_expect "不能重复使用最近"
zz_keys C-u
zz_type 'New@2026Pass'
zz_keys Tab C-u
zz_type 'New@2026Pazz'
zz_keys Enter
zz_expect "两次输入的新密码不一致"
zz_keys C-u
zz_type 'New@2026Pass'
zz_keys Tab C-u
zz_type 'New@2026Pass'
zz_keys Enter
zz_menu
zz_expect "东港村"
zz_keys q y
zz_expect "[exit 0]"
# The new password works, the old one does not.
zz_tui_start xterm-256color 80 24
zz_login village2 'Reset@2026ab'
zz_expect "账号或密码错误"
zz_keys C-u
zz_type 'New@2026Pass'
zz_keys Enter
zz_menu
zz_keys q y
zz_expect "[exit 0]"
zz_tui_clean
echo "ok ui_login"
