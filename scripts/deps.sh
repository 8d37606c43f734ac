#!/bin/sh
# Install the Debian packages zongzhi needs, only when a header or pkg-config check misses one.
set -e
need=""
have_pc() { pkg-config --exists "$1" 2>/dev/null; }
have_h() { [ -f "/usr/include/$1" ]; }
have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_cmd pkg-config || need="$need pkg-config"
have_cmd cc || need="$need gcc"
have_cmd make || need="$need make"
have_pc ncursesw || need="$need libncurses-dev"
have_pc libssh || need="$need libssh-dev"
have_pc libconfig || need="$need libconfig-dev"
have_pc libpcre2-8 || need="$need libpcre2-dev"
have_pc libcrypto || need="$need libssl-dev"
have_pc libcrypt || need="$need libcrypt-dev"
have_pc cmocka || need="$need libcmocka-dev"
have_pc xlsxwriter || need="$need libxlsxwriter-dev"
have_cmd python3 && python3 -c "import openpyxl" 2>/dev/null || need="$need python3-openpyxl"
have_h db.h || need="$need libdb5.3-dev"
have_cmd db5.3_verify || need="$need db5.3-util"
have_cmd tmux || need="$need tmux"
have_cmd ssh || need="$need openssh-client"
have_cmd sshpass || need="$need sshpass"
have_cmd faketime || need="$need faketime"
have_cmd sqlite3 || need="$need sqlite3"
# The benchmarks link SQLite for their baselines (bench/lookup.c, bench/reports_bench.c).
have_h sqlite3.h || need="$need libsqlite3-dev"
have_cmd ssh-audit || need="$need ssh-audit"
have_cmd plink || need="$need putty-tools"
# bench/ssh_sessions.sh measures OpenSSH's sshd beside the server as its baseline (its own port
# and configuration: the system's sshd, if the package starts one, is not used).
[ -x /usr/sbin/sshd ] || need="$need openssh-server"
have_cmd valgrind || need="$need valgrind"
# The fuzz harnesses (tests/fuzz) are built by clang with its libFuzzer runtime.
have_cmd clang || need="$need clang"
ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 || need="$need libclang-rt-14-dev"
[ -n "$need" ] || exit 0
echo "zongzhi: installing missing packages:$need"
if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# shellcheck disable=SC2086
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need
