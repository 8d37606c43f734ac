# lib.sh — helpers shared by the end-to-end tests (sourced, POSIX sh).
# zz_setup makes a private database home in a temporary folder, removed on exit.

ZZ_PLAIN=${ZZ_PLAIN:-bin/zongzhi}
if [ -z "${ZZ_BIN:-}" ]; then
	if [ -x bin/zongzhi-san ]; then ZZ_BIN=bin/zongzhi-san; else ZZ_BIN=$ZZ_PLAIN; fi
fi
ZZ_DEMO_PW='Demo@2026zz'

zz_setup() {
	ZZ_TMP=$(mktemp -d) || exit 1
	trap 'zz_cleanup' EXIT
	trap 'exit 1' INT TERM
	ZONGZHI_HOME=$ZZ_TMP/db
	export ZONGZHI_HOME
}

# Extra cleanup steps: tests append commands to ZZ_ON_EXIT (e.g. "kill 1234;").
zz_cleanup() {
	eval "${ZZ_ON_EXIT:-}"
	[ -n "${ZZ_KEEP:-}" ] || rm -rf "$ZZ_TMP"
}

zz() { "$ZZ_BIN" "$@"; }

# zz_at 'YYYY-MM-DD HH:MM:SS' ARGS…: run at a chosen time under libfaketime (the plain build:
# the sanitizer runtime must come first among preloaded libraries, which faketime prevents).
zz_at() {
	_when=$1
	shift
	faketime "$_when" "$ZZ_PLAIN" "$@"
}

zz_fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# zz_grep PATTERN TEXT WHAT: TEXT must contain PATTERN (grep -E).
zz_grep() {
	printf '%s\n' "$2" | grep -Eq -- "$1" || zz_fail "$3: expected /$1/ in:
$2"
}

# zz_nogrep PATTERN TEXT WHAT: TEXT must not contain PATTERN.
zz_nogrep() {
	if printf '%s\n' "$2" | grep -Eq -- "$1"; then zz_fail "$3: unexpected /$1/ in:
$2"; fi
}

zz_demo() {
	zz init --demo --persons "${1:-50}" --seed 1 >"$ZZ_TMP/demo.log" 2>&1 || zz_fail "init --demo: $(cat "$ZZ_TMP/demo.log")"
}

# zz_user NAME UNIT ROLE [DEPT]: an account with the demo password.
zz_user() {
	printf '%s\n' "$ZZ_DEMO_PW" | zz user add "$1" --unit "$2" --role "$3" ${4:+--dept "$4"} >/dev/null 2>&1 ||
		zz_fail "user add $1"
}

# zz_idnum BODY17: a GB 11643 ID number with its check character.
zz_idnum() {
	printf '%s\n' "$1" | awk '{
		split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " "); split("1 0 X 9 8 7 6 5 4 3 2", c, " ")
		s = 0; for (i = 1; i <= 17; i++) s += substr($0, i, 1) * w[i]
		print $0 c[s % 11 + 1] }'
}
