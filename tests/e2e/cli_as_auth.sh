#!/bin/sh
# `--as ACCOUNT` acts as the account only after it has authenticated (issue 15 part 2, R-AC-3):
# a Unix user mapped to it in cli.accounts, a password file only its owner can read (0600), or
# the password typed on the terminal (no echo). A wrong password counts towards the lockout and
# is audited, as over SSH.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_tree
zz_user aud 321204 auditor
SEC=$ZZ_TMP/conf/security.cfg

# zz_notty ARGS…: the program without a controlling terminal (nobody to type a password).
zz_notty() {
	setsid -w "$ZZ_BIN" -c "$ZZ_CONF" "$@" </dev/null
}

# The test's settings map the Unix user running it to every account (lib.sh's zz_cli_map).
zz_status "a mapped Unix user acts as the account" 0 zz_notty record list household --as county
zz_has "mapped use audited as a login" "	county	.*	login	session	ok	unix $(id -un)" \
	"$(zz audit show --user county --as aud)"

# Now only county and aud are mapped: the others must prove who they are.
sed -i "s|^\([[:space:]]*accounts[[:space:]]*=\).*|\1 ( { unix = \"$(id -un)\"; accounts = [ \"county\", \"aud\" ]; } );|" "$SEC"
zz_refuses "unmapped, no terminal, no password file" "--password-file" zz_notty record list household --as grid
zz_has "the refusal names the mapping" "cli.accounts" "$(cat "$ZZ_TMP/err")"

PW=$ZZ_TMP/pw
printf '%s\n' "$ZZ_PASS" >"$PW"
chmod 0644 "$PW"
zz_refuses "a password file others can read" "应为 0600" zz_notty record list household --as grid --password-file "$PW"
chmod 0600 "$PW"
zz_status "the right password from a 0600 file" 0 zz_notty record list household --as grid --password-file "$PW"
zz_has "password login audited" "	grid	.*	login	session	ok	password" "$(zz audit show --user grid --as aud)"
zz_refuses "--password-file without --as" "--as" zz_notty record list household --password-file "$PW"

# Wrong passwords: refused, counted and audited; at security.lockout.failures the account locks
# and then even the right password is refused.
BAD=$ZZ_TMP/bad
printf 'Wrong@2026zz\n' >"$BAD"
chmod 0600 "$BAD"
n=$(sed -n 's/^ *failures = \([0-9]*\);.*/\1/p' "$SEC")
i=0
while [ "$i" -lt "$n" ]; do
	zz_refuses "wrong password $i" "账号或密码错误" zz_notty todo --as village --password-file "$BAD"
	i=$((i + 1))
done
zz_refuses "locked after $n failures" "账号已锁定" zz_notty todo --as village --password-file "$PW"
fails=$(zz audit show --user village --as aud | grep -c "	login_fail	session	refused	password")
[ "$fails" -ge "$n" ] || zz_fail "failed logins audited: $fails of $n"

# The password typed on the terminal, not echoed.
zz_tui_start xterm 80 24
$ZZ_TMUX respawn-pane -k -t zz "$ZZ_BIN -c $ZZ_CONF record list household --as grid; echo \"[exit \$?]\"; sleep 600" ||
	zz_fail "tmux respawn"
zz_expect "账号 grid 的密码:"
zz_type "$ZZ_PASS"
zz_keys Enter
zz_expect "[exit 0]"
zz_absent "$ZZ_PASS"
zz_tui_start xterm 80 24
$ZZ_TMUX respawn-pane -k -t zz "$ZZ_BIN -c $ZZ_CONF record list household --as grid; echo \"[exit \$?]\"; sleep 600" ||
	zz_fail "tmux respawn"
zz_expect "账号 grid 的密码:"
zz_type "Wrong@2026zz"
zz_keys Enter
zz_expect "账号或密码错误"
zz_expect "[exit 1]"
echo ok
