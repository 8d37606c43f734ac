# clock.sh — sourced by the test runners and tests/e2e/lib.sh (POSIX sh).
# ZZ_SUITE_TIME='YYYY-MM-DD HH:MM:SS' (China time) moves the clock of zongzhi (and of the unit
# tests) to that moment, the clock running on from there (libfaketime), so that the suite can be
# shown to pass on a working day, a weekend, a holiday or a month's last seconds. Only our own
# programs are preloaded: tmux does not run under libfaketime. Tests that need one exact moment
# still freeze it with zz_at, which overrides this.
ZZ_FAKETIME_LIB=${ZZ_FAKETIME_LIB:-/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1}
ZZ_SUITE_PRELOAD=

zz_suite_clock() {
	[ -n "${ZZ_SUITE_TIME:-}" ] || return 0
	[ -r "$ZZ_FAKETIME_LIB" ] || { echo "ZZ_SUITE_TIME needs libfaketime ($ZZ_FAKETIME_LIB)" >&2; exit 1; }
	ZZ_SUITE_PRELOAD=$ZZ_FAKETIME_LIB
	[ -z "${FAKETIME:-}" ] || return 0
	_zz_to=$(TZ=Asia/Shanghai date -d "${ZZ_SUITE_TIME:-}" +%s) || exit 1
	_zz_off=$((_zz_to - $(date +%s)))
	case $_zz_off in -*) FAKETIME=$_zz_off ;; *) FAKETIME=+$_zz_off ;; esac
	DONT_FAKE_MONOTONIC=1
	# The moment is China time, and so is the system's day (deadlines, "today").
	TZ=Asia/Shanghai
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
	export FAKETIME DONT_FAKE_MONOTONIC TZ ASAN_OPTIONS
}

# zz_suite_wrap BIN: BIN itself, or under ZZ_SUITE_TIME a script in suite-clock/ beside it that runs
# BIN with libfaketime preloaded (the moved clock reaches every process it forks); such a script
# is given back as it is.
zz_suite_wrap() {
	case $1 in */suite-clock/*)
		echo "$1"
		return
		;;
	esac
	if [ -z "$ZZ_SUITE_PRELOAD" ] || [ ! -x "$1" ]; then
		echo "$1"
		return
	fi
	_zz_dir=$(dirname "$1")/suite-clock
	_zz_w=$_zz_dir/$(basename "$1")
	mkdir -p "$_zz_dir"
	printf '#!/bin/sh\nLD_PRELOAD=%s exec %s "$@"\n' "$ZZ_SUITE_PRELOAD" "$1" >"$_zz_w.$$"
	chmod +x "$_zz_w.$$"
	mv -f "$_zz_w.$$" "$_zz_w"
	echo "$_zz_w"
}

# zz_date ARGS…: date(1) on the clock the tests' programs see.
zz_date() {
	LD_PRELOAD=$ZZ_SUITE_PRELOAD date "$@"
}
