# tests/e2e/lib.sh — helpers shared by the end-to-end tests (sourced, POSIX sh).
# Each test: . "$(dirname "$0")/lib.sh"; zz_setup (a fresh home and a cleanup trap); then its steps.

ZZ_ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ZZ=${ZZ:-$ZZ_ROOT/bin/zongzhi}
# The UI runs under the sanitizers when that build exists (make e2e builds it).
ZZ_UI=${ZZ_UI:-$ZZ_ROOT/bin/zongzhi-san}
[ -x "$ZZ_UI" ] || ZZ_UI=$ZZ
ZZ_TMUX="tmux -L zz-$$-0 -f /dev/null"
ZZ_TMUX_N=0
ZZ_PASSWORD='Demo@2026zz'

zz_cleanup() {
	n=0
	while [ $n -le $ZZ_TMUX_N ]; do
		tmux -L "zz-$$-$n" kill-server 2>/dev/null
		n=$((n + 1))
	done
	[ -n "$ZZ_HOME" ] && rm -rf "$ZZ_HOME"
}

# A fresh database home in a temporary folder, removed at exit even when the test fails.
zz_setup() {
	ZZ_HOME=$(mktemp -d "${TMPDIR:-/tmp}/zz-e2e.XXXXXX") || exit 1
	trap zz_cleanup EXIT
	trap 'exit 1' INT TERM
}

zz_fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# The demo database (units, accounts with password $ZZ_PASSWORD, records).
zz_demo() {
	"$ZZ" --home "$ZZ_HOME" init --demo --persons "${1:-50}" >/dev/null || zz_fail "init --demo"
}

# Start the curses UI in a private tmux server: zz_tui_start TERM COLS ROWS [program args].
# The pane stays after the program ends, showing what it said last.
zz_tui_start() {
	term=$1 cols=$2 rows=$3
	shift 3
	# Each run gets its own private server: a server being killed is never reused.
	$ZZ_TMUX kill-server 2>/dev/null
	ZZ_TMUX_N=$((ZZ_TMUX_N + 1))
	ZZ_TMUX="tmux -L zz-$$-$ZZ_TMUX_N -f /dev/null"
	$ZZ_TMUX new-session -d -s zz -x "$cols" -y "$rows" \
		"TERM=$term LANG=C.UTF-8 $ZZ_UI --home $ZZ_HOME ${*:-tui} 2>>$ZZ_HOME/tui.stderr; echo \"[exit \$?]\"; sleep 600" ||
		zz_fail "tmux new-session"
	$ZZ_TMUX set-option -t zz status off >/dev/null
}

zz_keys() {
	$ZZ_TMUX send-keys -t zz "$@"
}

# Type literal text (no key names).
zz_type() {
	$ZZ_TMUX send-keys -t zz -l "$1"
}

zz_screen() {
	$ZZ_TMUX capture-pane -p -t zz
}

# Wait until the screen shows TEXT (fixed string); a bound, not a timing assertion.
zz_wait() {
	i=0
	while [ $i -lt "${2:-150}" ]; do
		zz_screen | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "--- screen while waiting for: $1" >&2
	zz_screen >&2
	return 1
}

zz_expect() {
	zz_wait "$1" "${2:-150}" || zz_fail "expected on screen: $1"
}

# The screen must not show TEXT (checked once the screen has settled on something else).
zz_absent() {
	if zz_screen | grep -qF -- "$1"; then
		zz_screen >&2
		zz_fail "not expected on screen: $1"
	fi
}

# Log in at the login screen.
zz_login() {
	zz_expect "用户登录"
	zz_type "$1"
	zz_keys Tab
	zz_type "${2:-$ZZ_PASSWORD}"
	zz_keys Enter
}
