# lib.sh — helpers shared by the end-to-end tests (sourced, POSIX sh). Every function is zz_*.
# A test calls zz_setup first: a fresh database in a mktemp -d folder, removed by a trap.

ZZ_ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ZZ_BIN=${ZZ_BIN:-$ZZ_ROOT/bin/zongzhi}
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

# zz_private_conf: a copy of conf/ in the test's folder whose var/ paths (database home, audit
# chain head) point there, so that tests never write into the repository's var/.
zz_private_conf() {
	mkdir -p "$ZZ_TMP/conf" "$ZZ_TMP/var"
	for _f in "$ZZ_ROOT"/conf/*.cfg; do
		sed -e "s|\"\.\./var/|\"$ZZ_TMP/var/|g" -e "s|\"\.\./|\"$ZZ_ROOT/|g" "$_f" >"$ZZ_TMP/conf/${_f##*/}"
	done
	ZZ_CONF=$ZZ_TMP/conf/zongzhi.cfg
}

zz_cleanup() {
	[ -n "$ZZ_TMP" ] && rm -rf "$ZZ_TMP"
}

zz_fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# zz ARGS…: the program on the test's database and settings.
zz() {
	"$ZZ_BIN" -c "$ZZ_CONF" "$@"
}

# zz_at 'YYYY-MM-DD HH:MM:SS' ARGS…: the same at a chosen time (libfaketime).
zz_at() {
	_when=$1
	shift
	# The sanitizer build tolerates libfaketime preloaded before its runtime.
	ASAN_OPTIONS=${ASAN_OPTIONS:-verify_asan_link_order=0} faketime "$_when" "$ZZ_BIN" -c "$ZZ_CONF" "$@"
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
		echo "$ZZ_PASS" | zz user add "$_d" --unit "321204-$_d" --role dept --dept "$_d" >/dev/null ||
			zz_fail "department $_d"
	done
	echo "$ZZ_PASS" | zz user add county --unit 321204 --role office >/dev/null &&
	echo "$ZZ_PASS" | zz user add village --unit 321204001001 --role office >/dev/null &&
	echo "$ZZ_PASS" | zz user add village2 --unit 321204002001 --role office >/dev/null &&
	echo "$ZZ_PASS" | zz user add grid --unit 321204001001001 --role grid >/dev/null ||
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

# zz_wait_for WHAT SECONDS CMD…: poll CMD every 0.1 s until it succeeds, failing after SECONDS.
zz_wait_for() {
	_what=$1
	_n=$(($2 * 10))
	shift 2
	while ! "$@" >/dev/null 2>&1; do
		_n=$((_n - 1))
		[ "$_n" -gt 0 ] || zz_fail "$_what: not within the time allowed"
		sleep 0.1
	done
}

# zz_now_ms: milliseconds since the epoch.
zz_now_ms() {
	date +%s%3N
}
