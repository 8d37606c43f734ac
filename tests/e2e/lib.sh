# lib.sh — helpers shared by the end-to-end tests (sourced, POSIX sh). Every function is zz_*.
# A test calls zz_setup first: a fresh database in a mktemp -d folder, removed by a trap.

ZZ_ROOT=${ZZ_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$ZZ_ROOT/tests/clock.sh"
zz_suite_clock
# A program named from outside (ZZ_BIN=…, ZZ_UI=…) runs on the moved clock too.
ZZ_BIN=$(zz_suite_wrap "${ZZ_BIN:-$ZZ_ROOT/bin/zongzhi}")
ZZ_CONF=${ZZ_CONF:-$ZZ_ROOT/conf/zongzhi.cfg}
ZZ_PASS='Test@2026zz'

zz_setup() {
	ZZ_TMP=$(mktemp -d /tmp/zz-e2e.XXXXXX) || exit 1
	ZONGZHI_HOME=$ZZ_TMP/db
	export ZONGZHI_HOME
	trap 'zz_cleanup' EXIT
	trap 'exit 1' INT TERM
	[ "$ZZ_CONF" = "$ZZ_ROOT/conf/zongzhi.cfg" ] && zz_private_conf
}

# zz_cli_map CONFDIR: in that copy of conf/, let the Unix user running the tests act as every
# account on the command line (cli.accounts, kept by the security administrator in a real
# installation): `--as ACCOUNT` then authenticates as a mapped Unix user, audited as a login.
# The console (no --as) stays limited to bootstrap and recovery, as shipped: a person's work is
# done as that person's account.
zz_cli_map() {
	sed -i -e "s|^\([[:space:]]*accounts[[:space:]]*=\).*|\1 ( { unix = \"$(id -un)\"; accounts = [ \"*\" ]; } );|" \
		"$1/security.cfg" || zz_fail "cli.accounts"
}

# zz_private_conf: a copy of conf/ in the test's folder whose var/ paths (database home, audit
# chain head) point there, so that tests never write into the repository's var/.
zz_private_conf() {
	mkdir -p "$ZZ_TMP/conf" "$ZZ_TMP/var"
	for _f in "$ZZ_ROOT"/conf/*.cfg; do
		sed -e "s|\"\.\./var/|\"$ZZ_TMP/var/|g" -e "s|\"\.\./|\"$ZZ_ROOT/|g" "$_f" >"$ZZ_TMP/conf/${_f##*/}"
	done
	# Subfolders (column mappings of imports) are read as they are.
	for _d in "$ZZ_ROOT"/conf/*/; do
		[ -d "$_d" ] && cp -R "$_d" "$ZZ_TMP/conf/"
	done
	zz_cli_map "$ZZ_TMP/conf"
	ZZ_CONF=$ZZ_TMP/conf/zongzhi.cfg
}

zz_cleanup() {
	zz_tui_cleanup
	[ -n "$ZZ_TMP" ] && zz_procs_end $(zz_test_pids "$ZZ_TMP")
	[ -n "$ZZ_TMP" ] && zz_shm_cleanup "$ZZ_TMP"
	[ -n "$ZZ_TMP" ] && rm -rf "$ZZ_TMP"
}

# zz_test_pids DIR: the processes of this test, to be ended before DIR is removed (a UI still
# closing its database after its tmux server was killed wrote on while rm -rf ran, and left a home
# of 70 MB behind): the shell's descendants, and every process whose command line names DIR (the
# UI in tmux, a server, a child whose parent has gone). The list may name the command
# substitutions that made it, ended by then.
zz_test_pids() {
	_tp=$(pgrep -P $$)
	while [ -n "$_tp" ]; do
		echo $_tp
		_tp=$(pgrep -P "$(echo $_tp | tr ' ' ',')")
	done
	pgrep -f -- "$1/"
}

# zz_procs_end PID…: SIGTERM to each (the UI and the server close the database on it), up to 60 s
# to end, then SIGKILL; returns once none is left.
zz_procs_end() {
	[ $# -gt 0 ] || return 0
	kill "$@" 2>/dev/null
	zz_wait_for 60 zz_pids_gone "$@" && return 0
	echo "--- still running 60 s after SIGTERM, killed:" >&2
	ps -o pid,stat,etime,args -p "$(echo "$@" | tr ' ' ',')" >&2
	kill -9 "$@" 2>/dev/null
	zz_wait_for 10 zz_pids_gone "$@"
}

# zz_shm_cleanup DIR: remove the shared memory segments of every home under DIR whose regions are
# still there (a process killed with none after it to recover): they would outlive the folder. A
# home's segments have keys from the one its __db.001 names (24 bytes: size, size, segment id) on.
zz_shm_cleanup() {
	for _r in $(find "$1" -name __db.001 -size 24c 2>/dev/null); do
		_id=$(od -An -t d8 -j 16 -N 8 "$_r" | tr -d ' ')
		_key=$(ipcs -m | awk -v id="$_id" '$2 == id { print $1 }')
		[ -n "$_key" ] || continue
		for _k in $(ipcs -m | awk '$1 ~ /^0x/ { print $1 }'); do
			[ $((_k)) -ge $((_key)) ] && [ $((_k)) -lt $((_key + 64)) ] && ipcrm -M "$_k" 2>/dev/null
		done
	done
}

zz_fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# zz ARGS…: the program on the test's database and settings.
zz() {
	"$ZZ_BIN" -c "$ZZ_CONF" "$@"
}

# zz_at 'YYYY-MM-DD HH:MM:SS' ARGS…: the same at a chosen time (libfaketime, clock frozen there so
# that a slow start on a busy machine does not move the time a deadline is checked at).
zz_at() {
	_when=$1
	shift
	zz_faketime "$_when" "$ZZ_BIN" -c "$ZZ_CONF" "$@"
}

# zz_faketime 'YYYY-MM-DD HH:MM:SS' CMD…: CMD with libfaketime preloaded and the clock frozen there.
# Not the faketime(1) wrapper: it names a semaphore and shared memory after its pid and leaves them
# behind when killed, so on a busy machine a later wrapper with a reused pid fails in sem_open.
# Only the wall clock is frozen: the monotonic clock runs, so lock timeouts and poll limits work.
zz_faketime() {
	_ft_when=$1
	shift
	[ -r "$ZZ_FAKETIME_LIB" ] || zz_fail "libfaketime not found ($ZZ_FAKETIME_LIB)"
	# The sanitizer build tolerates libfaketime preloaded before its runtime.
	ASAN_OPTIONS=${ASAN_OPTIONS:-verify_asan_link_order=0} LD_PRELOAD=$ZZ_FAKETIME_LIB FAKETIME=$_ft_when \
		DONT_FAKE_MONOTONIC=1 "$@"
}

# zz_has WHAT PATTERN TEXT: TEXT must contain a line matching the extended regex PATTERN.
zz_has() {
	printf '%s\n' "$3" | grep -Eq -- "$2" || { printf '%s\n' "$3" >&2; zz_fail "$1: no line matches /$2/"; }
}

# zz_lacks WHAT PATTERN TEXT: no line of TEXT may match PATTERN.
zz_lacks() {
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then
		printf '%s\n' "$3" >&2
		zz_fail "$1: a line matches /$2/"
	fi
}

# zz_refused WHAT CMD…: the command must fail with status 1 and say why on stderr.
zz_refused() {
	_what=$1
	shift
	if "$@" >"$ZZ_TMP/out" 2>"$ZZ_TMP/err"; then
		cat "$ZZ_TMP/out" >&2
		zz_fail "$_what: was not refused"
	fi
	[ -s "$ZZ_TMP/err" ] || zz_fail "$_what: refused without a reason"
	cat "$ZZ_TMP/err"
}

# zz_tree: a small unit tree (county, its departments, a township, a village with two grids) and an
# account per role: county (office), village (office), grid, and one per department named after it.
zz_tree() {
	zz init >/dev/null || zz_fail "init"
	zz unit add 32 江苏省 --level province >/dev/null &&
	zz unit add 3212 泰州市 --parent 32 --level city >/dev/null &&
	zz unit add 321204 姜堰区 --parent 3212 --level county >/dev/null &&
	zz unit add 321204001 三水街道 --parent 321204 --level township >/dev/null &&
	zz unit add 321204001001 桥头社区 --parent 321204001 --level village >/dev/null &&
	zz unit add 321204001001001 桥头社区第1网格 --parent 321204001001 --level grid >/dev/null &&
	zz unit add 321204001001002 桥头社区第2网格 --parent 321204001001 --level grid >/dev/null &&
	zz unit add 321204002 罗塘街道 --parent 321204 --level township >/dev/null &&
	zz unit add 321204002001 东风村 --parent 321204002 --level village >/dev/null &&
	zz unit add 321204002001001 东风村第1网格 --parent 321204002001 --level grid >/dev/null ||
		zz_fail "unit tree"
	for _d in police justice health youth civil education stability petition mediation; do
		zz unit add "321204-$_d" "姜堰区$_d" --parent 321204 --level dept --dept "$_d" >/dev/null &&
		echo "$ZZ_PASS" | zz user add "$_d" --unit "321204-$_d" --role dept --dept "$_d" --keep-password >/dev/null ||
			zz_fail "department $_d"
	done
	echo "$ZZ_PASS" | zz user add county --unit 321204 --role office --keep-password >/dev/null &&
	echo "$ZZ_PASS" | zz user add village --unit 321204001001 --role office --keep-password >/dev/null &&
	echo "$ZZ_PASS" | zz user add village2 --unit 321204002001 --role office --keep-password >/dev/null &&
	echo "$ZZ_PASS" | zz user add grid --unit 321204001001001 --role grid --keep-password >/dev/null ||
		zz_fail "accounts"
}

# ID numbers with a valid GB 11643 check digit, for tests: zz_idnum 19800101 001.
zz_idnum() {
	_b="321204$1$2"
	_w="7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2"
	_s=0
	_i=1
	for _x in $_w; do
		_c=$(printf '%s' "$_b" | cut -c"$_i")
		_s=$((_s + _c * _x))
		_i=$((_i + 1))
	done
	_m=$((_s % 11))
	_k=$(printf '%s' "1 0 X 9 8 7 6 5 4 3 2" | cut -d' ' -f$((_m + 1)))
	printf '%s%s\n' "$_b" "$_k"
}

# zz_status WHAT N CMD…: the command must exit with status N; its output is in $ZZ_TMP/out and
# $ZZ_TMP/err. A refusal (1) or a usage error (2) must say why in one line on stderr.
zz_status() {
	_what=$1
	_want=$2
	shift 2
	"$@" >"$ZZ_TMP/out" 2>"$ZZ_TMP/err"
	_got=$?
	if [ "$_got" != "$_want" ]; then
		cat "$ZZ_TMP/out" "$ZZ_TMP/err" >&2
		zz_fail "$_what: exit status $_got, want $_want"
	fi
	if [ "$_want" = 1 ] && [ "$(wc -l <"$ZZ_TMP/err")" != 1 ]; then
		cat "$ZZ_TMP/err" >&2
		zz_fail "$_what: want one line on stderr"
	fi
}

# zz_refuses WHAT TEXT CMD…: CMD is refused (exit 1, one line on stderr) with a reason containing
# TEXT, so that a refusal for another reason does not pass.
zz_refuses() {
	_rf_what=$1
	_rf_text=$2
	shift 2
	zz_status "$_rf_what" 1 "$@"
	grep -qF -- "$_rf_text" "$ZZ_TMP/err" || { cat "$ZZ_TMP/err" >&2; zz_fail "$_rf_what: refused, but not for: $_rf_text"; }
}

# zz_people_fills: from `report show dispute_mediation` on stdin, the ROW/people=N arguments of
# `report fill` giving each row with disputes found as many people involved, the fewest a
# submission takes (doc/报表.md 校验); nothing when no dispute was found.
zz_people_fills() {
	awk -F'\t' '$1 != "合计" && $2 ~ /^[1-9][0-9]*$/ { printf "%s/people=%s ", $1, $2 }'
}

# zz_now_ms: milliseconds since the epoch.
zz_now_ms() {
	zz_date +%s%3N
}

# --- events (ev_*): dispute events, the calendar, the daemon under libfaketime --------------------
# Self-contained so that it can sit after other sections of this file: it defines only what is
# missing. Deadlines are local Chinese time, so ev_setup exports TZ=Asia/Shanghai.
ZZ_ROOT=${ZZ_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
ZZ=${ZZ:-${ZZ_BIN:-$ZZ_ROOT/bin/zongzhi}}
command -v zz_fail >/dev/null 2>&1 || zz_fail() {
	echo "FAIL: $*" >&2
	exit 1
}

ev_log() {
	echo "--- $*"
}

# Events: a fresh demo database (units and accounts, no persons) in $EV_T, with a private copy of
# conf/ whose relative paths still reach screens/ and db/. Cleaned up on exit.
ev_setup() {
	TZ=Asia/Shanghai
	export TZ
	zz_setup
	EV_T=$ZZ_TMP
	EV_CONF=$ZZ_CONF
	EV_HOME=$ZONGZHI_HOME
	# EV_INIT_TIME: the demo made at that moment (its events are dated from it), not now.
	if [ -n "${EV_INIT_TIME:-}" ]; then
		zz_faketime "$EV_INIT_TIME" "$ZZ" -c "$EV_CONF" --home "$EV_HOME" init --demo --persons 0 >"$EV_T/init.log" 2>&1
	else
		"$ZZ" -c "$EV_CONF" --home "$EV_HOME" init --demo --persons 0 >"$EV_T/init.log" 2>&1
	fi || { cat "$EV_T/init.log"; zz_fail "init --demo"; }
}

# ev_at 'YYYY-MM-DD HH:MM:SS' ARGS…: run zongzhi at that (fake) time.
ev_at() {
	ev_when=$1
	shift
	zz_faketime "$ev_when" "$ZZ" -c "$EV_CONF" --home "$EV_HOME" "$@"
}

# ev_new TIME USER TITLE [more options]: register an event, print its id.
ev_new() {
	ev_when=$1 ev_user=$2 ev_title=$3
	shift 3
	ev_at "$ev_when" event new --as "$ev_user" --title "$ev_title" --category 02 --scale 2 \
		--place "测试地点" --description "测试事件描述" "$@" || zz_fail "event new $ev_title"
}

# ev_daemon TIME: one daemon pass at TIME.
ev_daemon() {
	ev_at "$1" daemon --once || zz_fail "daemon at $1"
}

# ev_score UNIT YEAR: the unit's score that year, as the county office reads it.
ev_score() {
	"$ZZ" -c "$EV_CONF" --home "$EV_HOME" score --unit "$1" --year "$2" --as county | awk -F'\t' '$1 == "得分" { print $2 }'
}

# ev_refused TIME PATTERN ARGS…: the command must fail with exit 1 and a message matching PATTERN.
ev_refused() {
	ev_when=$1 ev_pat=$2
	shift 2
	if ev_at "$ev_when" "$@" >"$EV_T/out" 2>"$EV_T/err"; then
		zz_fail "should have been refused: $*"
	fi
	grep -q -- "$ev_pat" "$EV_T/err" || { cat "$EV_T/err"; zz_fail "refusal of '$*' lacks '$ev_pat'"; }
}

# ev_has FILE PATTERN: FILE must contain PATTERN.
ev_has() {
	grep -q -- "$2" "$1" || { cat "$1"; zz_fail "expected '$2' in $1"; }
}

ev_lacks() {
	! grep -q -- "$2" "$1" || { cat "$1"; zz_fail "did not expect '$2' in $1"; }
}

# --- the curses UI in tmux (private servers, one per run: tmux -L zz-PID-N) ---
# The UI runs under the sanitizers when that build exists (make e2e builds it).
ZZ_UI=$(zz_suite_wrap "${ZZ_UI:-$ZZ_ROOT/bin/zongzhi-san}")
[ -x "$ZZ_UI" ] || ZZ_UI=$ZZ_BIN
ZZ_TMUX_N=0
ZZ_TMUX="tmux -L zz-$$-0 -f /dev/null"
# Every demo account (init --demo) has this password.
ZZ_DEMO_PASS='Demo@2026zz'

zz_tui_cleanup() {
	_n=0
	while [ $_n -le $ZZ_TMUX_N ]; do
		tmux -L "zz-$$-$_n" kill-server 2>/dev/null
		_n=$((_n + 1))
	done
}

# zz_demo [PERSONS]: the demo database (units, an account per role, records).
zz_demo() {
	zz init --demo --persons "${1:-50}" --seed 1 >"$ZZ_TMP/demo.log" 2>&1 || zz_fail "init --demo: $(cat "$ZZ_TMP/demo.log")"
	ZZ_SYSADMIN=admin
}

# zz_tui_start TERM COLS ROWS: run `zongzhi tui` in a new private tmux server. The pane stays after
# the program ends and shows "[exit N]"; what the program said on stderr is in $ZZ_TMP/tui.stderr.
zz_tui_start() {
	_term=$1 _cols=$2 _rows=$3
	$ZZ_TMUX kill-server 2>/dev/null
	ZZ_TMUX_N=$((ZZ_TMUX_N + 1))
	ZZ_TMUX="tmux -L zz-$$-$ZZ_TMUX_N -f /dev/null"
	$ZZ_TMUX new-session -d -s zz -x "$_cols" -y "$_rows" \
		"TERM=$_term LANG=C.UTF-8 $ZZ_UI -c $ZZ_CONF --home $ZONGZHI_HOME tui 2>>$ZZ_TMP/tui.stderr; echo \"[exit \$?]\"; sleep 600" ||
		zz_fail "tmux new-session"
	$ZZ_TMUX set-option -t zz status off >/dev/null
}

# zz_keys, zz_type, zz_screen, zz_wait, zz_expect and zz_absent act on the tmux window named by
# ZZ_W (one window per account over SSH), else on the local UI's window.
# zz_keys KEY…: tmux key names (Enter, Tab, BTab, Escape, F2, C-s, PageDown…).
zz_keys() {
	$ZZ_TMUX send-keys -t "zz${ZZ_W:+:$ZZ_W}" "$@"
}

# zz_type TEXT: literal text (Chinese too).
zz_type() {
	$ZZ_TMUX send-keys -t "zz${ZZ_W:+:$ZZ_W}" -l "$1"
}

zz_screen() {
	$ZZ_TMUX capture-pane -p -t "zz${ZZ_W:+:$ZZ_W}"
}

zz_screen_has() {
	zz_screen | grep -qF -- "$1"
}

# zz_wait TEXT [TENTHS]: wait until the screen shows TEXT; a bound (ZZ_WAIT_TENTHS, 15 s unless
# set), not a timing assertion.
zz_wait() {
	zz_wait_for "$(((${2:-${ZZ_WAIT_TENTHS:-150}} + 9) / 10))" zz_screen_has "$1" && return 0
	echo "--- screen while waiting for: $1" >&2
	zz_screen >&2
	return 1
}

zz_expect() {
	zz_wait "$1" "$2" || zz_fail "expected on screen${ZZ_W:+ of window $ZZ_W}: $1"
}

# zz_row TEXT: move the selection down from the top until it is on the row starting with TEXT (one key
# at a time, each waited for: a key sent while the list loads is not lost, nor one too many).
zz_row() {
	zz_keys Home
	# Home drawn first (the position at the right of line 2 back to 1/), else the selection
	# still shown where it was may be taken for the row looked for.
	zz_wait_for 5 sh -c "$ZZ_TMUX capture-pane -p -t zz | sed -n 2p | grep -q ' 1/[0-9]'" ||
		zz_fail "Home not drawn"
	zz_expect "$1 "
	_n=0
	while ! zz_screen_has ">$1 "; do
		_at=$(zz_screen | grep -n '^>' | head -1)
		zz_keys Down
		zz_wait_for 5 sh -c "! $ZZ_TMUX capture-pane -p -t zz | grep -n '^>' | head -1 | grep -qxF -- '$_at'"
		_n=$((_n + 1))
		[ $_n -lt 40 ] || zz_fail "row $1 not reached"
	done
}

# zz_move_to LINE: move the selection (the row marked ">") to the screen's line LINE, a key a row.
zz_move_to() {
	_i=$(zz_screen | grep -n '^>' | head -1 | cut -d: -f1)
	while [ "$_i" -lt "$1" ]; do
		zz_keys Down
		_i=$((_i + 1))
	done
	while [ "$_i" -gt "$1" ]; do
		zz_keys Up
		_i=$((_i - 1))
	done
}

# zz_gone TEXT: the screen stops showing TEXT within the wait (a box closed after a key; the key
# reaches the screen after a while on a busy machine).
zz_screen_lacks() { ! zz_screen | grep -qF -- "$1"; }
zz_gone() {
	zz_wait_for "$(((${ZZ_WAIT_TENTHS:-150} + 9) / 10))" zz_screen_lacks "$1" && return 0
	zz_screen >&2
	zz_fail "still on screen${ZZ_W:+ of window $ZZ_W}: $1"
}

# zz_absent TEXT: the screen does not show TEXT now.
zz_absent() {
	if zz_screen | grep -qF -- "$1"; then
		zz_screen >&2
		zz_fail "not expected on screen: $1"
	fi
}

# zz_login ACCOUNT [PASSWORD]: at the login screen.
zz_login() {
	zz_expect "用户登录"
	zz_type "$1"
	zz_keys Tab
	zz_type "${2:-$ZZ_DEMO_PASS}"
	zz_keys Enter
}

# zz_tui_clean: no sanitizer report from the UI runs.
zz_tui_clean() {
	if grep -q "Sanitizer" "$ZZ_TMP/tui.stderr" 2>/dev/null; then
		cat "$ZZ_TMP/tui.stderr" >&2
		zz_fail "sanitizer report from the UI"
	fi
}

# zz_menu: reach the main menu after login; the to-do list comes first when the account has items
# (the demo's events and reminders), and Esc leaves it for the menu.
zz_menu() {
	_i=0
	while [ $_i -lt 150 ]; do
		_s=$(zz_screen)
		echo "$_s" | grep -qF "信息系统 > 主菜单" && break
		if echo "$_s" | grep -qF "信息系统 > 待办事项"; then
			zz_keys Escape
			break
		fi
		sleep 0.1
		_i=$((_i + 1))
	done
	zz_expect "主菜单"
}

# zz_open_list NAME: from the main menu (the to-do list first, if shown), a record type's list.
zz_open_list() {
	zz_menu
	zz_keys /
	zz_type "$1"
	zz_keys Enter Enter
	zz_expect "单位:全部"
}

# zz_patrol_form TERM ACCOUNT: the UI at 80x24 in terminal TERM, ACCOUNT logged in (the demo's
# password), a new 网格巡查日志 opened from the main menu.
zz_patrol_form() {
	zz_tui_start "$1" 80 24
	zz_login "$2"
	zz_menu
	zz_keys /
	zz_type "网格巡查日志"
	zz_keys Enter Enter
	zz_expect "网格巡查日志"
	zz_keys a
	zz_expect "网格巡查日志 > 新增"
}

# zz_open_events: from the main menu, the 事件办理 screen (its list of events).
zz_open_events() {
	zz_keys /
	zz_type "事件办理"
	zz_keys Enter Enter
	zz_expect "范围："
}

# zz_open_reports MONTH: from the main menu, the 月报表 screen moved to MONTH (YYYY-MM).
zz_open_reports() {
	zz_keys /
	zz_expect "查找菜单项："
	zz_type 月报表
	zz_keys Enter Enter
	zz_expect "月的报表"
	zz_keys /
	zz_expect "月份（YYYY-MM）"
	zz_keys C-u
	zz_type "$1"
	zz_keys Enter
	zz_expect "$1 月的报表"
}

# zz_tui_quit: from a screen one below the main menu, leave the local UI (Esc, q, y) and see it end.
zz_tui_quit() {
	zz_keys Escape
	zz_menu
	zz_keys q
	zz_expect "退出系统？"
	zz_keys y
	zz_expect "[exit 0]"
}

# zz_tui_at TIME [TERM]: the UI in tmux at 80x24 (TERM xterm-256color unless given) with the
# clock frozen at TIME (libfaketime), the server and the daemon keeping the real one.
zz_tui_at() {
	_zta_ui=$ZZ_UI
	ZZ_UI="env LD_PRELOAD=$ZZ_FAKETIME_LIB 'FAKETIME=$1' DONT_FAKE_MONOTONIC=1 ASAN_OPTIONS=verify_asan_link_order=0 $_zta_ui"
	zz_tui_start "${2:-xterm-256color}" 80 24
	ZZ_UI=$_zta_ui
}

# zz_quit [END]: from any screen F10 asks, y ends the UI; END shows then ("[exit 0]" unless given:
# the local UI's pane).
zz_quit() {
	zz_keys F10
	zz_expect "退出系统？"
	zz_keys y
	zz_expect "${1:-[exit 0]}"
}

# zz_to_field KEY LABEL [MOST]: move the form's cursor (">") by KEY (Up, Down) to the field
# labelled LABEL, in MOST keys at the most (10 unless given).
zz_to_field() {
	_n=0
	while ! zz_screen | grep -q "^>.*$2"; do
		[ $_n -lt "${3:-10}" ] || { zz_screen >&2; zz_fail "no field $2"; }
		zz_keys "$1"
		sleep 0.2
		_n=$((_n + 1))
	done
}

# zz_event_assign TYPED UNIT COMMENT: on an event's screen, z 交办 to the unit found by typing
# TYPED (named UNIT) with COMMENT, confirmed; the event is then 待受理 at UNIT.
zz_event_assign() {
	zz_keys z
	zz_expect "选择操作"
	zz_type "交办"
	zz_keys Enter
	zz_expect "交办给"
	zz_type "$1"
	zz_keys Enter
	zz_expect "交办意见"
	zz_type "$3"
	zz_keys F2
	zz_expect "确认交办到$2"
	zz_keys y
	zz_expect "已交办：事件现为“待受理”（$2）"
}

# zz_report_submit: the cell being typed entered, the 月报表 saved (F2) and submitted (U, y).
zz_report_submit() {
	zz_keys Enter F2
	zz_expect "已保存草稿"
	zz_keys U
	zz_expect "上报后报表冻结"
	zz_keys y
	zz_expect "已上报"
}

# zz_open_stats OBJECT: from the main menu, 统计分析 of OBJECT (as the picker names it).
zz_open_stats() {
	zz_keys /
	zz_expect "查找菜单项："
	zz_type "统计分析"
	zz_keys Enter Enter
	zz_expect "选择统计对象"
	zz_type "$1"
	zz_keys Enter
	zz_expect "统计分析 > $1"
}

# zz_user NAME UNIT ROLE [DEPT]: one more account, password $ZZ_PASS. Added by the console while
# the three administrators do not all exist yet (bootstrap: kept as is), else by $ZZ_SYSADMIN
# (zz_demo: admin; then the new account changes the password at its first login, --as is not held).
zz_user() {
	_zu_by=--keep-password
	[ -n "${ZZ_SYSADMIN:-}" ] && _zu_by="--as $ZZ_SYSADMIN"
	echo "$ZZ_PASS" | zz user add "$1" --unit "$2" --role "$3" ${4:+--dept "$4"} $_zu_by >/dev/null ||
		zz_fail "user add $1"
}

# --- The SSH server (tests/e2e/ssh_*.sh): a demo database, a private copy of conf/, the server on
# a free port, the real OpenSSH client in a private tmux server.

ZZ=${ZZ:-$ZZ_BIN}
ZZ_DEMO_PASS=${ZZ_DEMO_PASS:-Demo@2026zz}

zz_log() {
	echo "--- $*"
}

# zz_ssh_setup: a fresh folder with a demo database ($ZZ_T/home), a private copy of conf/
# ($ZZ_T/conf: edit it with zz_conf_set) whose relative paths still reach screens/ and db/, and a
# private tmux server ($ZZ_TMUX).
zz_ssh_setup() {
	# Clients print Chinese messages only in a UTF-8 locale (OpenSSH escapes other bytes).
	LANG=C.UTF-8
	LC_ALL=C.UTF-8
	export LANG LC_ALL
	ZZ_T=$(mktemp -d "${TMPDIR:-/tmp}/zz-e2e.XXXXXX")
	ZZ_TMUX="tmux -L zz-$$"
	ZZ_PIDS=""
	trap zz_ssh_cleanup EXIT
	trap 'exit 1' INT TERM
	cp -R "$ZZ_ROOT/conf" "$ZZ_T/conf"
	zz_cli_map "$ZZ_T/conf"
	ln -s "$ZZ_ROOT/screens" "$ZZ_T/screens"
	ln -s "$ZZ_ROOT/reports" "$ZZ_T/reports"
	ln -s "$ZZ_ROOT/db" "$ZZ_T/db"
	mkdir -p "$ZZ_T/var"
	ZZ_CONF=$ZZ_T/conf/zongzhi.cfg
	ZZ_HOME=$ZZ_T/home
	"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" init --demo --persons "${ZZ_PERSONS:-50}" >"$ZZ_T/init.log" 2>&1 ||
		{ cat "$ZZ_T/init.log"; zz_fail "init --demo"; }
}

# zz_attach_files: the attachment tests' local folder $L (the working directory from here on)
# with plan.pdf (a PDF, its SHA-256 in $sha) and evil.pdf (binary content of no allowed kind).
zz_attach_files() {
	L=$ZZ_T/local
	mkdir -p "$L"
	cd "$L" || zz_fail "cd"
	{
		printf '%%PDF-1.4\n%% 整治方案\n'
		head -c 3000 /dev/urandom
		printf '\n%%%%EOF\n'
	} >"$L/plan.pdf"
	head -c 2000 /dev/urandom >"$L/evil.pdf"
	printf '\0\1\2' >>"$L/evil.pdf"
	sha=$(sha256sum "$L/plan.pdf" | cut -d' ' -f1)
}

# zz_attach_upload ACCOUNT: ACCOUNT puts plan.pdf and evil.pdf into its upload folder by SFTP.
zz_attach_upload() {
	zz_sftp_as "$1" 'cd upload
put plan.pdf
put evil.pdf' || zz_fail "upload: $(cat "$L/out")"
}

# zz_ssh_list WINDOW ACCOUNT MENU: ACCOUNT logged in over SSH in WINDOW (ZZ_W from here on), the
# list of menu item MENU shown.
zz_ssh_list() {
	ZZ_W=$1
	zz_ssh_window "$1" "$2"
	zz_wait_main_menu "$1" "$2"
	zz_keys /
	zz_type "$3"
	zz_keys Enter Enter
}

# zz_ssh_quit: F10 asks, y ends the SSH session with status 0.
zz_ssh_quit() {
	zz_quit SSH-EXIT-0
}

# zz_attach_fetch ACCOUNT REF: on the view of record REF (TYPE:ID) listing plan.pdf, ACCOUNT copies
# it into its download folder, quits and fetches it by SFTP: the same bytes, the copy audited.
zz_attach_fetch() {
	zz_expect "plan.pdf（pdf，"
	zz_keys y
	zz_expect "复制哪个附件到下载文件夹"
	zz_keys Enter
	zz_expect "已复制到下载文件夹：download/plan.pdf"
	zz_ssh_quit
	zz_sftp_as "$1" 'get download/plan.pdf got.pdf' || zz_fail "get: $(cat "$L/out")"
	cmp -s "$L/plan.pdf" "$L/got.pdf" || zz_fail "$1 got different bytes"
	zz_has "the copy is audited" "	attach_download	$2	ok	附件 plan.pdf（pdf，.*sha256 $sha" \
		"$("$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" audit show --as auditor --user "$1")"
}

# zz_attach_hidden WINDOW ACCOUNT MENU TITLE: ACCOUNT, which may not view the record TITLE, does not
# find it in MENU's list and has nothing in its download folder.
zz_attach_hidden() {
	zz_ssh_list "$1" "$2" "$3"
	sleep 2
	zz_absent "$4"
	zz_ssh_quit
	zz_sftp_as "$2" 'ls download' || zz_fail "ls: $(cat "$L/out")"
	zz_lacks "nothing in $2's download folder" 'plan' "$(cat "$L/out")"
}

# zz_sftp_as ACCOUNT BATCH: OpenSSH's sftp running the batch text as ACCOUNT; its output in $L/out.
zz_sftp_as() {
	printf '%s\n' "$2" >"$L/b"
	sshpass -p "$ZZ_DEMO_PASS" sftp $ZZ_SSH_OPTS -o BatchMode=no -P "$ZZ_PORT" -b "$L/b" "$1@127.0.0.1" >"$L/out" 2>&1
}

# zz_form_attach FIELD: in a form open for editing, Tab to the attachment field FIELD (its label),
# see the kinds taken named, try evil.pdf (refused: no allowed kind), attach plan.pdf
# (zz_attach_files) and save with F2.
zz_form_attach() {
	n=0
	until zz_screen | grep -qF "附件上传：$1"; do
		n=$((n + 1))
		[ $n -gt 30 ] && { zz_screen >&2; zz_fail "the attachment field was not reached"; }
		zz_keys Tab
		sleep 0.3
	done
	zz_keys Enter
	zz_expect "添加：evil.pdf"
	# The kinds taken, whole on the picker's title (the field's hint was cut at 80 columns).
	zz_expect "附件上传：添加或移除（jpg、png、pdf、Word、Excel、txt）"
	zz_type "evil"
	zz_keys Enter
	zz_expect "不是可以作为附件的文件"
	zz_keys Enter
	zz_expect "添加：plan.pdf"
	zz_type "plan"
	zz_keys Enter
	zz_expect "plan.pdf（pdf，"
	zz_keys F2
	zz_expect "已保存"
	zz_expect "plan.pdf（pdf，"
}

zz_ssh_cleanup() {
	rc=$?
	# Clients first, while the listener still runs: sessions end normally and it audits them.
	[ -n "$ZZ_TMUX" ] && $ZZ_TMUX kill-server 2>/dev/null
	[ -n "$ZZ_T" ] && zz_wait_for 20 zz_no_sessions
	if [ -n "$ZZ_T" ] && [ -f "$ZZ_T/home/run/serve.pid" ]; then
		"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" serve --stop >/dev/null 2>&1
	fi
	for p in $ZZ_PIDS; do kill "$p" 2>/dev/null; done
	# A listener hung on a dead environment ignores SIGTERM: said, and killed, so that no process
	# of the test outlives it (one ran on for minutes after a failed kill_loop.sh).
	# Only a process of this test's folder: a pid of the list may have been reused since.
	_alive=""
	for p in $ZZ_PIDS; do
		[ -n "$ZZ_T" ] && { tr '\0' ' ' <"/proc/$p/cmdline"; } 2>/dev/null | grep -qF "$ZZ_T/" || continue
		zz_wait_for 10 zz_pids_gone "$p" || _alive="$_alive $p"
	done
	if [ -n "$_alive" ]; then
		echo "--- still running 10 s after SIGTERM, killed:" >&2
		ps -o pid,stat,etime,args -p "$(echo $_alive | tr ' ' ',')" >&2
		kill -9 $_alive 2>/dev/null
	fi
	# Sessions outlive the listener by design: end those of this test's database before its
	# folder goes (a process still opening the database there would hang on the removed files).
	left=$(zz_session_pids_all)
	if [ -n "$left" ]; then
		kill $left 2>/dev/null
		zz_wait_for 20 zz_pids_gone $left || kill -9 $left 2>/dev/null
		zz_wait_for 5 zz_pids_gone $left
	fi
	if [ $rc -ne 0 ] && [ -n "$ZZ_T" ] && [ -f "$ZZ_T/server.log" ]; then
		echo "--- server log (last 30 lines)" >&2
		tail -30 "$ZZ_T/server.log" >&2
		if [ -s "$ZZ_T/serve.out" ]; then
			echo "--- server output (last 20 lines)" >&2
			tail -20 "$ZZ_T/serve.out" >&2
		fi
	fi
	[ -n "$ZZ_T" ] && zz_procs_end $(zz_test_pids "$ZZ_T")
	[ -n "$ZZ_T" ] && [ -z "$ZZ_KEEP" ] && zz_shm_cleanup "$ZZ_T"
	[ -n "$ZZ_T" ] && [ -z "$ZZ_KEEP" ] && rm -rf "$ZZ_T"
	exit $rc
}

# zz_conf_set KEY VALUE: set KEY in the test's conf/*.cfg (VALUE as libconfig text: 5, "x", true).
zz_conf_set() {
	f=$(grep -l "^[[:space:]]*$1[[:space:]]*=" "$ZZ_T"/conf/*.cfg | head -1)
	[ -n "$f" ] || zz_fail "no setting $1 in conf/"
	sed -i "s|^\([[:space:]]*$1[[:space:]]*=\).*|\1 $2;|" "$f"
}

# A free TCP port on 127.0.0.1.
zz_free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# zz_wait_for SECONDS COMMAND...: run COMMAND every 0.1 s until it succeeds; 1 on timeout. The one
# wait of these tests: every other (zz_wait, zz_wait_screen, zz_wait_main_menu) is built on it.
zz_wait_for() {
	_wf_n=$(($1 * 10))
	shift
	while [ $_wf_n -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
		_wf_n=$((_wf_n - 1))
	done
	return 1
}

zz_port_open() {
	python3 -c 'import socket,sys; s=socket.create_connection(("127.0.0.1",int(sys.argv[1])),1); s.close()' "$1" 2>/dev/null
}

# Start the SSH server in the foreground (background job) on a free port: sets ZZ_PORT.
# The log goes to $ZZ_T/server.log; the daemon is not started unless ZZ_WITH_DAEMON=1.
zz_serve_start() {
	[ -n "$ZZ_PORT" ] || ZZ_PORT=$(zz_free_port)
	zz_conf_set log "\"$ZZ_T/server.log\""
	[ -n "$ZZ_WITH_DAEMON" ] || zz_conf_set start_daemon false
	"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" serve --foreground --listen "127.0.0.1:$ZZ_PORT" \
		>>"$ZZ_T/serve.out" 2>&1 &
	ZZ_SERVE_PID=$!
	ZZ_PIDS="$ZZ_PIDS $ZZ_SERVE_PID"
	zz_wait_for 30 zz_port_open "$ZZ_PORT" || { cat "$ZZ_T/serve.out"; zz_fail "server did not start"; }
}

zz_serve_stop() {
	"$ZZ" -c "$ZZ_CONF" --home "$ZZ_HOME" serve --stop >/dev/null || zz_fail "serve --stop"
	wait "$ZZ_SERVE_PID" 2>/dev/null
}

ZZ_SSH_OPTS="-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null"

# zz_ssh_window NAME USER [ssh options…]: a tmux window (80x24) logged in by password with sshpass.
zz_ssh_window() {
	name=$1
	user=$2
	shift 2
	cmd="sshpass -p '$ZZ_DEMO_PASS' ssh $ZZ_SSH_OPTS -p $ZZ_PORT $* $user@127.0.0.1; echo SSH-EXIT-\$?; sleep 600"
	zz_tmux_window "$name" "$cmd"
}

# zz_tmux_window NAME COMMAND: run COMMAND in a new 80x24 tmux window called NAME.
zz_tmux_window() {
	if $ZZ_TMUX has-session -t zz 2>/dev/null; then
		$ZZ_TMUX new-window -d -t zz -n "$1" "$2"
	else
		$ZZ_TMUX new-session -d -s zz -n "$1" -x 80 -y 24 "$2"
	fi
}

zz_win() {
	$ZZ_TMUX capture-pane -p -t "zz:$1"
}

zz_win_has() {
	zz_win "$1" | grep -qF -- "$2"
}

# zz_wait_screen NAME TEXT [SECONDS]: wait until window NAME shows TEXT; on timeout show the screen.
zz_wait_screen() {
	if ! zz_wait_for "${3:-30}" zz_win_has "$1" "$2"; then
		echo "--- screen of $1:" >&2
		zz_win "$1" >&2
		zz_fail "window $1 did not show: $2"
	fi
}

# zz_wait_main_menu NAME ACCOUNT [SECONDS]: the UI's main menu after login, with the account in
# the status line (the to-do list comes first when the account has items: Esc leaves it).
zz_wait_main_menu() {
	zz_wait_screen "$1" "社会治安综合治理信息系统" "${3:-30}"
	ZZ_ESC_AT=0
	zz_wait_for "${3:-30}" zz_menu_past_todo "$1"
	zz_wait_screen "$1" "> 主菜单" 10
	zz_wait_screen "$1" "($2)" 10
}

# One Escape from the to-do list, again only if it still shows 3 s later (Escape waits for the
# terminal's escape delay; a second one on the menu would ask to quit).
zz_menu_past_todo() {
	zz_win_has "$1" "> 主菜单" && return 0
	if zz_win_has "$1" "> 待办事项"; then
		[ "$ZZ_ESC_AT" -eq 0 ] && $ZZ_TMUX send-keys -t "zz:$1" Escape
		ZZ_ESC_AT=$(((ZZ_ESC_AT + 1) % 30)) # zz_wait_for polls every 0.1 s: 3 s
	fi
	return 1
}

# Process ids of the session serving the connection from local port of window NAME's ssh client.
# zz_session_pids USER: the session processes (relay and UI) registered for USER.
zz_session_pids() {
	for f in "$ZZ_HOME"/run/sessions/*; do
		[ -e "$f" ] || continue
		if [ "$(cut -f1 "$f")" = "$1" ]; then
			p=$(basename "$f")
			echo "$p"
			pgrep -P "$p"
		fi
	done
}

# Every session process (and its UI) of this test's database.
zz_session_pids_all() {
	[ -n "$ZZ_T" ] && [ -d "$ZZ_T/home/run/sessions" ] || return 0
	for f in "$ZZ_T"/home/run/sessions/*; do
		[ -e "$f" ] || continue
		echo "$(basename "$f") $(pgrep -P "$(basename "$f")")"
	done
}

zz_no_sessions() {
	[ -z "$(zz_session_pids_all)" ]
}

# True when none of the given pids is alive (zombies count as alive: they must be reaped).
zz_pids_gone() {
	for p in "$@"; do
		[ -d "/proc/$p" ] && return 1
	done
	return 0
}

# zz_win_count NAME TEXT: lines of window NAME (with its history) that contain TEXT.
zz_win_count() {
	$ZZ_TMUX capture-pane -p -S - -t "zz:$1" | grep -cF -- "$2"
}

zz_win_count_ge() {
	[ "$(zz_win_count "$1" "$2")" -ge "$3" ]
}

# zz_ui_quit NAME: leave the UI of window NAME: q (the first key may only clear a message, and
# below the main menu q goes back one level), then y when it asks 退出系统？.
zz_ui_quit() {
	_n=0
	while [ $_n -lt 8 ]; do
		zz_win_has "$1" "SSH-EXIT-" && return 0
		if zz_win_has "$1" "退出系统？"; then
			$ZZ_TMUX send-keys -t "zz:$1" y
			zz_wait_for 10 zz_win_has "$1" "SSH-EXIT-" && return 0
		else
			$ZZ_TMUX send-keys -t "zz:$1" q
			zz_wait_for 5 zz_ui_quit_asked "$1"
		fi
		_n=$((_n + 1))
	done
	return 0
}

zz_ui_quit_asked() {
	zz_win_has "$1" "退出系统？" || zz_win_has "$1" "SSH-EXIT-"
}

# zz_repl_pair_start [daemon]: two sites of a replication group on loopback (9.5, R-AC-5), after
# zz_ssh_setup. Site A is the home made there ($HA, settings $CA), site B an empty home $HB with a
# copy of the settings ($CB); RA/RB are their replication ports, SA/SB their SSH ports (each site's
# login address in repl.sites); A has the higher priority. With "daemon", each listener starts the daemon. za/zb run a command on a site;
# zz_repl_start_a/zz_repl_start_b start a site's listener in the foreground (PA/PB), logging to
# $ZZ_T/server.log and serverB.log. Nothing runs yet; on exit both sites are stopped and, if the
# test failed, their logs shown.
zz_repl_pair_start() {
	RA=$(zz_free_port)
	RB=$(zz_free_port)
	SA=$(zz_free_port)
	SB=$(zz_free_port)
	HA=$ZZ_HOME
	HB=$ZZ_T/homeB
	CA=$ZZ_CONF
	CB=$ZZ_T/confB/zongzhi.cfg
	PA=""
	PB=""
	cp -R "$ZZ_T/conf" "$ZZ_T/confB"
	zz_repl_site "$ZZ_T/conf" "$RA" 100 "$ZZ_T/server.log" "$1"
	zz_repl_site "$ZZ_T/confB" "$RB" 50 "$ZZ_T/serverB.log" "$1"
	trap 'zz_repl_cleanup; zz_ssh_cleanup' EXIT
}

# zz_repl_site CONFDIR LOCAL PRIORITY LOG [daemon]: replication on, the log into LOG; the site
# list (the same on both: the shipped one spans two lines) is A's and B's replication and SSH ports.
zz_repl_site() {
	sites="{ repl = \"127.0.0.1:$RA\"; ssh = \"127.0.0.1:$SA\"; }, { repl = \"127.0.0.1:$RB\"; ssh = \"127.0.0.1:$SB\"; }"
	sed -i -e 's|^\([[:space:]]*enabled[[:space:]]*=\).*|\1 true;|' \
		-e "s|^\([[:space:]]*local[[:space:]]*=\).*|\1 \"127.0.0.1:$2\";|" \
		-e "/^[[:space:]]*sites[[:space:]]*=/,/);/c\\  sites = ( $sites );" \
		-e "s|^\([[:space:]]*priority[[:space:]]*=\).*|\1 $3;|" "$1/repl.cfg"
	sed -i -e "s|^\([[:space:]]*log[[:space:]]*=\).*|\1 \"$4\";|" "$1/server.cfg"
	[ "$5" = daemon ] && sed -i 's|^\([[:space:]]*start_daemon[[:space:]]*=\).*|\1 true;|' "$1/server.cfg"
	return 0
}

za() { "$ZZ" -c "$CA" --home "$HA" "$@"; }
zb() { "$ZZ" -c "$CB" --home "$HB" "$@"; }

zz_repl_start_a() {
	za serve --foreground --listen "127.0.0.1:$SA" >>"$ZZ_T/serve.out" 2>&1 &
	PA=$!
}

zz_repl_start_b() {
	zb serve --foreground --listen "127.0.0.1:$SB" >>"$ZZ_T/serveB.out" 2>&1 &
	PB=$!
}

# zz_repl_ready LOG N: the listener's Nth "listening on" in LOG. Its port opens before it opens the
# home (and, for a standby, before it has the primary's data): a command run before then would
# start the replication manager in its own process, or find no data.
zz_repl_ready() { [ "$(grep -c " listening on " "$1" 2>/dev/null)" -ge "$2" ]; }

zz_repl_cleanup() {
	rc=$?
	# Both sites' listeners, then whatever of ours still runs on either home.
	for p in $PA $PB; do kill "$p" 2>/dev/null; done
	for p in $PA $PB; do zz_wait_for 20 zz_pids_gone "$p" || kill -9 "$p" 2>/dev/null; done
	left=$(pgrep -f -- "--home $ZZ_T/")
	[ -n "$left" ] && kill -9 $left 2>/dev/null
	if [ $rc -ne 0 ]; then
		echo "--- site B's output and log" >&2
		tail -20 "$ZZ_T/serveB.out" >&2
		tail -20 "$ZZ_T/serverB.log" >&2
		echo "--- site A's log" >&2
		tail -20 "$ZZ_T/server.log" >&2
	fi
	# zz_ssh_cleanup, next in the trap, ends the sessions, removes the folder and exits with rc.
	return $rc
}
