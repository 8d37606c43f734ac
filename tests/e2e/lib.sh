# Shared helpers for end-to-end tests (sourced). Functions are prefixed by their subject; add
# yours in your own section, keep the others working.

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
	EV_T=$(mktemp -d "${TMPDIR:-/tmp}/zz-ev.XXXXXX")
	trap 'rm -rf "$EV_T"' EXIT
	trap 'exit 1' INT TERM
	cp -R "$ZZ_ROOT/conf" "$EV_T/conf"
	ln -s "$ZZ_ROOT/screens" "$EV_T/screens"
	ln -s "$ZZ_ROOT/db" "$EV_T/db"
	mkdir -p "$EV_T/var"
	EV_CONF=$EV_T/conf/zongzhi.cfg
	EV_HOME=$EV_T/home
	"$ZZ" -c "$EV_CONF" --home "$EV_HOME" init --demo --persons 0 >"$EV_T/init.log" 2>&1 ||
		{ cat "$EV_T/init.log"; zz_fail "init --demo"; }
}

# ev_at 'YYYY-MM-DD HH:MM:SS' ARGS…: run zongzhi at that (fake) time.
ev_at() {
	ev_when=$1
	shift
	faketime "$ev_when" "$ZZ" -c "$EV_CONF" --home "$EV_HOME" "$@"
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

# ev_score UNIT YEAR: the unit's score that year.
ev_score() {
	"$ZZ" -c "$EV_CONF" --home "$EV_HOME" score --unit "$1" --year "$2" | awk -F'\t' '$1 == "得分" { print $2 }'
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
