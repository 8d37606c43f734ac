#!/bin/sh
# A hangup of the local terminal (`zongzhi tui`): the UI unwinds on the first SIGHUP and closes the
# database; later ones (a terminal's hangup comes from the pty and from its session, tmux sends its
# own) must not kill it inside Berkeley DB, which leaves a dead process for the next opener to
# clean up after (failchk, recovery) and every other process's environment dead (bulletin.sh saw
# the UI that outlived it report Berkeley DB's handles of the dead environment as a leak). A flood
# of SIGHUPs after login: the UI still ends with status 0, and the next command finds no process
# that ended without closing the environment.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 5
zz_tui_start xterm-256color 80 24
zz_login village
zz_menu
shell=$($ZZ_TMUX list-panes -t zz -F '#{pane_pid}')
ui=$(pgrep -P "$shell" | head -1)
[ -n "$ui" ] || zz_fail "no UI process under the pane's shell $shell"
zz_log "SIGHUP to the UI ($ui) until it is gone"
n=0
while kill -HUP "$ui" 2>/dev/null; do
	n=$((n + 1))
	[ $n -lt 200000 ] || zz_fail "the UI did not end after $n hangups"
done
zz_log "$n hangups"
zz_expect "[exit 0]"
zz_tui_clean
# The next opener finds no line of a dead process in the registry (it would say so on stderr).
zz user list >/dev/null 2>"$ZZ_TMP/next.err" || { cat "$ZZ_TMP/next.err"; zz_fail "user list after the hangup"; }
! grep -F "ended without closing it" "$ZZ_TMP/next.err" || zz_fail "the UI ended without closing the database"
echo ok
