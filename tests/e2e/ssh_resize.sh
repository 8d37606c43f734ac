#!/bin/sh
# SSH server: the UI runs on a pty with the client's size and TERM; resizing the client's window
# resizes the pty (window-change -> TIOCSWINSZ) and the UI follows.
. "$(dirname "$0")/lib.sh"
zz_ssh_setup
zz_serve_start

zz_ssh_window w village
zz_wait_main_menu w village

# The UI process: the child of the session process registered for village.
relay=$(ls "$ZZ_HOME/run/sessions")
ui=$(pgrep -P "$relay")
[ -n "$ui" ] || zz_fail "no UI process under session $relay"
tty=$(readlink "/proc/$ui/fd/0")
case "$tty" in /dev/pts/*) ;; *) zz_fail "UI stdin is not a pty: $tty" ;; esac
pty_size() { stty -F "$tty" size; }
[ "$(pty_size)" = "24 80" ] || zz_fail "pty size $(pty_size), expected 24 80"
grep -q "session of village from .*: UI pid $ui, tmux-256color 80x24" "$ZZ_T/server.log" || zz_fail "TERM not passed to the UI"

# The UI has drawn for ROWS rows: its title on the first row and its status line (the account) on
# row ROWS. tmux alone, resizing, neither moves the status line down nor brings the title back.
drawn_for() {
	_scr=$($ZZ_TMUX capture-pane -p -t zz:w)
	[ "$(printf '%s\n' "$_scr" | wc -l)" -eq "$1" ] &&
		printf '%s\n' "$_scr" | sed -n 1p | grep -qF "社会治安综合治理信息系统" &&
		printf '%s\n' "$_scr" | sed -n "$1p" | grep -qF "(village)"
}
drawn_for 24 || zz_fail "the first screen is not drawn for 24 rows"

zz_log "resize to 100x30"
$ZZ_TMUX resize-window -t zz:w -x 100 -y 30
zz_wait_for 20 sh -c "[ \"\$(stty -F $tty size)\" = '30 100' ]" || zz_fail "pty size $(pty_size) after resize"
# The UI redraws for the new size: the status line moves to row 30.
zz_wait_for 20 drawn_for 30 || { $ZZ_TMUX capture-pane -p -t zz:w >&2; zz_fail "no redraw for 30 rows"; }
zz_wait_main_menu w village

zz_log "resize to 80x24 again (the smallest supported)"
$ZZ_TMUX resize-window -t zz:w -x 80 -y 24
zz_wait_for 20 sh -c "[ \"\$(stty -F $tty size)\" = '24 80' ]" || zz_fail "pty size $(pty_size) after second resize"
zz_wait_for 20 drawn_for 24 || { $ZZ_TMUX capture-pane -p -t zz:w >&2; zz_fail "no redraw for 24 rows"; }
zz_wait_main_menu w village
echo ok
