#!/bin/sh
# The installed unit under a real systemd (doc/admin-guide.md, "Verified under systemd"). Not part
# of make test: it needs root, Debian's package mirror and a few minutes.
#
# A minimal Debian (debootstrap) with the program's run-time libraries, booted by systemd-nspawn
# with systemd as its PID 1 and the source tree bound at /src; there, as an administrator would:
# make install (as root, no DESTDIR), init --demo as the account zongzhi, systemctl enable --now.
# Then: the service is active and runs as zongzhi with its sandbox; an SSH login reaches the UI and
# an SFTP upload lands in the account's upload folder; the listener, the daemon and the sessions
# log to the journal; the service can write /var/lib/zongzhi (database, run/, audit head, files)
# and its private /tmp, nothing else; systemctl restart keeps a session going; a kill -9 of the
# main process is restarted by systemd; systemctl stop stops the listener and the daemon cleanly;
# a refused start (no database) makes systemctl start fail (Type=notify); the enabled service
# starts at the next boot; make uninstall disables and removes the unit, keeping the data.
#
#   sh tests/systemd/run.sh
# ZZ_SD_MIRROR (http://deb.debian.org/debian), ZZ_SD_SUITE (the host's), ZZ_SD_BASE=DIR (a tree
# made before by debootstrap with the same packages: copied instead of made), ZZ_SD_KEEP=1 (keep
# the tree and the container's log for a look; the container is stopped all the same).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MIRROR=${ZZ_SD_MIRROR:-http://deb.debian.org/debian}
SUITE=${ZZ_SD_SUITE:-$(. /etc/os-release && echo "$VERSION_CODENAME")}
PASS='Demo@2026zz'
NSPAWN_PID=
T=

fail() {
	echo "FAIL: $*" >&2
	exit 1
}
step() {
	echo "--- $*"
}

cleanup() {
	if [ -n "$NSPAWN_PID" ] && kill -0 "$NSPAWN_PID" 2>/dev/null; then
		# SIGTERM asks the container's systemd to shut down; then the tree is no longer in use.
		kill "$NSPAWN_PID"
		n=0
		while kill -0 "$NSPAWN_PID" 2>/dev/null && [ $n -lt 60 ]; do
			sleep 1
			n=$((n + 1))
		done
		kill -0 "$NSPAWN_PID" 2>/dev/null && kill -9 "$NSPAWN_PID"
		wait "$NSPAWN_PID" 2>/dev/null || true
	fi
	if [ -n "$T" ]; then
		if [ "${ZZ_SD_KEEP:-}" = 1 ]; then
			echo "kept: $T"
		else
			rm -rf "$T"
		fi
	fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

[ "$(id -u)" = 0 ] || fail "run as root (systemd-nspawn, debootstrap)"
if ! command -v systemd-nspawn >/dev/null 2>&1 || ! command -v debootstrap >/dev/null 2>&1; then
	step "apt-get install systemd-container debootstrap"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq systemd-container debootstrap >/dev/null ||
		fail "apt-get install systemd-container debootstrap"
fi

step "build bin/zongzhi (the container has no compiler: its make install installs this build)"
make --no-print-directory -C "$ROOT" bin/zongzhi >/dev/null || fail "make bin/zongzhi"

T=$(mktemp -d /var/tmp/zz-systemd.XXXXXX)
R=$T/root
if [ -n "${ZZ_SD_BASE:-}" ]; then
	step "copy of $ZZ_SD_BASE"
	cp -a "$ZZ_SD_BASE" "$R"
else
	# The Debian packages of the libraries the program is linked with (as on this host), and what
	# the checks use: make for make install, the OpenSSH client, sshpass and tmux for the login.
	libs=$(ldd "$ROOT/bin/zongzhi" | awk '$3 ~ /^\// { print $3 }' | while read -r f; do
		dpkg -S "$(readlink -f "$f")" 2>/dev/null || dpkg -S "$f"
	done | cut -d: -f1 | sort -u | tr '\n' ',')
	[ -n "$libs" ] || fail "the program's libraries: no Debian package found"
	step "debootstrap $SUITE (minbase, systemd, adduser and the program's libraries)"
	debootstrap --variant=minbase --include="systemd,systemd-sysv,dbus,adduser,make,procps,openssh-client,sshpass,tmux,${libs%,}" \
		"$SUITE" "$R" "$MIRROR" >"$T/debootstrap.log" 2>&1 || {
		tail -20 "$T/debootstrap.log" >&2
		fail "debootstrap"
	}
fi

# cin CMD…: a command in the container (its namespaces, its root), as root.
cin() {
	nsenter -t "$LEADER" -a env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root "$@"
}
# boot: the container started, its systemd done booting.
# --register=no --keep-unit: no systemd on the host to register the machine with or to ask for a
# scope (without them nspawn stops at "Failed to open system bus"). The container shares the host's
# network: the listener's port is one free on the host.
boot() {
	systemd-nspawn -q -D "$R" -b --register=no --keep-unit -M "zzsd$$" --console=passive \
		--bind="$ROOT:/src" </dev/null >>"$T/boot.log" 2>&1 &
	NSPAWN_PID=$!
	LEADER=
	n=0
	while [ -z "$LEADER" ] && [ $n -lt 100 ]; do
		sleep 0.2
		LEADER=$(ps -o pid= --ppid "$NSPAWN_PID" | tr -d ' ' | head -1)
		n=$((n + 1))
	done
	[ -n "$LEADER" ] || {
		cat "$T/boot.log" >&2
		fail "systemd-nspawn started no container"
	}
	n=0
	while :; do
		state=$(cin systemctl is-system-running 2>/dev/null || true)
		case $state in running | degraded) break ;; esac
		n=$((n + 1))
		[ $n -lt 120 ] || fail "the container's systemd did not finish booting: $state"
		sleep 0.5
	done
	[ "$(cin cat /proc/1/comm)" = systemd ] || fail "PID 1 of the container is not systemd"
	echo "systemd $(cin systemctl --version | sed -n '1s/^systemd \([0-9]*\).*/\1/p') is PID 1 of the container: $state"
	[ "$state" = running ] || cin systemctl --failed --no-pager
}
# poweroff: the container shut down by its systemd (nspawn passes SIGTERM on as a shutdown).
poweroff() {
	kill "$NSPAWN_PID"
	n=0
	while kill -0 "$NSPAWN_PID" 2>/dev/null && [ $n -lt 60 ]; do
		sleep 1
		n=$((n + 1))
	done
	kill -0 "$NSPAWN_PID" 2>/dev/null && fail "the container did not shut down in 60 s"
	wait "$NSPAWN_PID" || true
	NSPAWN_PID=
}

step "boot: systemd-nspawn -b (systemd as the container's PID 1)"
boot

step "make install, as root without DESTDIR"
out=$(cin sh -c 'cd /src && make --no-print-directory install' 2>&1) || {
	echo "$out" >&2
	fail "make install"
}
echo "$out"
echo "$out" | grep -q "created the system account zongzhi" || fail "make install did not create the account"
cin id zongzhi >/dev/null || fail "no account zongzhi"
[ "$(cin stat -c '%U %a' /var/lib/zongzhi)" = "zongzhi 700" ] || fail "/var/lib/zongzhi: $(cin stat -c '%U %a' /var/lib/zongzhi)"
cin systemctl cat zongzhi.service >/dev/null || fail "systemd does not know zongzhi.service after make install"

step "settings and the demo database, as zongzhi (outside the source tree)"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
cin sed -i "s|^\([[:space:]]*listen[[:space:]]*=[[:space:]]*\)\"[^\"]*\"|\1\"127.0.0.1:$PORT\"|" /etc/zongzhi/server.cfg
cin sh -c 'cd / && runuser -u zongzhi -- zongzhi init --demo --persons 200 --seed 1' >"$T/init.log" 2>&1 || {
	cat "$T/init.log" >&2
	fail "init --demo"
}
cin touch /run/zz-before

port_open() {
	python3 -c "import socket,sys; s=socket.socket(); s.settimeout(1); sys.exit(s.connect_ex(('127.0.0.1',$PORT)))"
}
# wait_until SECONDS CMD…: CMD succeeds within SECONDS.
wait_until() {
	_n=$(($1 * 5))
	shift
	while [ $_n -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.2
		_n=$((_n - 1))
	done
	return 1
}
prop() {
	cin systemctl show -p "$1" --value zongzhi.service
}
daemons() {
	cin pgrep -c -u zongzhi -f ' daemon$' || true
}

step "systemctl enable --now zongzhi"
cin systemctl enable --now zongzhi.service >"$T/enable.log" 2>&1 || {
	cat "$T/enable.log" >&2
	fail "systemctl enable --now"
}
[ "$(cin systemctl is-enabled zongzhi.service)" = enabled ] || fail "not enabled"
# Type=notify: the start returns once the listener said READY=1, listening.
port_open || {
	cin journalctl -u zongzhi --no-pager >&2
	fail "the service does not listen on port $PORT when systemctl enable --now returns"
}
[ "$(prop ActiveState)" = active ] || fail "not active: $(prop ActiveState)"
MAIN=$(prop MainPID)
echo "active, main process $MAIN, listening on 127.0.0.1:$PORT"
wait_until 30 sh -c "[ \"\$(nsenter -t $LEADER -a pgrep -c -u zongzhi -f ' daemon\$')\" = 1 ]" ||
	fail "the daemon was not started beside the listener"

step "the sandbox: user, privileges"
st=$(cin cat "/proc/$MAIN/status")
echo "$st" | grep -q "^Uid:[[:space:]]*$(cin id -u zongzhi)[[:space:]]" || fail "not running as zongzhi: $(echo "$st" | grep ^Uid)"
echo "$st" | grep -q "^NoNewPrivs:[[:space:]]*1" || fail "NoNewPrivs is not set"
echo "$st" | grep -q "^CapEff:[[:space:]]*0*$" || fail "the process has capabilities: $(echo "$st" | grep ^CapEff)"

step "an SSH login reaches the UI; an SFTP upload lands in the account's upload folder"
cin tmux -L zz new-session -d -s zz -n w -x 80 -y 24 \
	"sshpass -p '$PASS' ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -p $PORT village@127.0.0.1; echo SSH-EXIT-\$?; sleep 600"
screen_has() {
	cin tmux -L zz capture-pane -p -t zz:w | grep -qF -- "$1"
}
wait_until 30 screen_has "社会治安综合治理信息系统" || {
	cin tmux -L zz capture-pane -p -t zz:w >&2
	fail "the SSH login did not reach the UI"
}
wait_until 10 screen_has "(village)" || fail "the UI does not name the account village"
cin sh -c "cd /tmp && echo 'a,b' >zz-up.csv && printf 'put zz-up.csv upload/zz-up.csv\n' |
	sshpass -p '$PASS' sftp -q -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -P $PORT village@127.0.0.1" \
	>"$T/sftp.log" 2>&1 || {
	cat "$T/sftp.log" >&2
	fail "sftp put"
}
[ "$(cin cat /var/lib/zongzhi/files/village/upload/zz-up.csv)" = "a,b" ] || fail "the upload is not in /var/lib/zongzhi/files/village/upload"
cin sh -c 'ls /var/lib/zongzhi/db/run/sessions/* >/dev/null' || fail "no session in /var/lib/zongzhi/db/run/sessions"
head_written() {
	cin grep -q " /var/lib/zongzhi/db " /var/lib/zongzhi/audit-head.log
}
wait_until 60 head_written || fail "the daemon wrote no audit head into /var/lib/zongzhi/audit-head.log"

step "a hot backup as the guide says, into a folder zongzhi owns, while the service works"
cin install -d -o zongzhi -g zongzhi -m 0700 /var/backups/zongzhi
cin sh -c 'cd / && runuser -u zongzhi -- zongzhi backup /var/backups/zongzhi/check' >"$T/backup.log" 2>&1 || {
	cat "$T/backup.log" >&2
	fail "zongzhi backup /var/backups/zongzhi/check"
}
cin test -f /var/backups/zongzhi/check/meta.db || fail "the backup has no meta.db"

step "the journal: listener, daemon and sessions (journalctl -u zongzhi)"
j=$(cin journalctl -u zongzhi.service --no-pager -o cat)
for l in "listening on 127.0.0.1 port $PORT" "started zongzhi daemon" "audit head /var/lib/zongzhi/db" \
	"accepted keyboard-interactive for village" "sftp for village"; do
	echo "$j" | grep -qF "$l" || {
		echo "$j" >&2
		fail "not in the journal: $l"
	}
done
echo "$j" | grep -q "Permission denied\|Read-only file system" && fail "a write was refused: $(echo "$j" | grep "Permission denied\|Read-only")"

step "what the service can write: /var/lib/zongzhi and its private /tmp, nothing else"
# As zongzhi in the main process's mount namespace: the places the unit opens, every folder anyone
# may write on the container (/tmp, /var/tmp, /run/lock, /dev/shm, /dev/mqueue…), and the system's.
dirs=$(cin sh -c 'find / -xdev -type d -perm -0002 2>/dev/null; find /run /dev/shm /dev/mqueue /tmp -type d -perm -0002 2>/dev/null' | sort -u)
uid=$(cin id -u zongzhi)
gid=$(cin id -g zongzhi)
writable=
for d in /var/lib/zongzhi /var/lib/zongzhi/db /var/lib/zongzhi/db/run /var/lib/zongzhi/files /tmp /var/tmp \
	/ /etc /etc/zongzhi /usr /usr/local/share/zongzhi /var /var/lib /var/log /root /home /run /dev /dev/shm /dev/mqueue $dirs; do
	if cin nsenter -t "$MAIN" -m -S "$uid" -G "$gid" -- sh -c "touch '$d/.zz-probe' && rm '$d/.zz-probe'" 2>/dev/null; then
		writable="$writable $d"
	fi
done
writable=$(echo "$writable" | tr ' ' '\n' | sed '/^$/d' | sort -u | tr '\n' ' ')
echo "writable: $writable"
want="/tmp /var/lib/zongzhi /var/lib/zongzhi/db /var/lib/zongzhi/db/run /var/lib/zongzhi/files /var/tmp "
[ "$writable" = "$want" ] || fail "writable by the service: $writable (expected: $want)"
cin nsenter -t "$MAIN" -m -S "$uid" -G "$gid" -- touch /tmp/zz-private
cin test ! -e /tmp/zz-private || fail "the service's /tmp is the system's"

step "restart with a session open: the session goes on, a new listener serves"
cin systemctl restart zongzhi.service || fail "systemctl restart"
MAIN2=$(prop MainPID)
[ "$MAIN2" != "$MAIN" ] && [ "$(prop ActiveState)" = active ] || fail "restart: main $MAIN2, $(prop ActiveState)"
port_open || fail "no listener when systemctl restart returns"
cin tmux -L zz send-keys -t zz:w Escape
wait_until 15 screen_has "> 主菜单" || {
	cin tmux -L zz capture-pane -p -t zz:w >&2
	fail "the session did not go on after the restart"
}
wait_until 30 sh -c "[ \"\$(nsenter -t $LEADER -a pgrep -c -u zongzhi -f ' daemon\$')\" = 1 ]" ||
	fail "restart: $(daemons) daemons"

step "kill -9 of the main process: systemd starts it again (Restart=on-failure)"
cin kill -9 "$MAIN2"
restarted() {
	[ "$(prop NRestarts)" = 1 ] && [ "$(prop ActiveState)" = active ] && port_open
}
wait_until 60 restarted || {
	cin journalctl -u zongzhi --no-pager -n 30 >&2
	fail "not restarted after kill -9: NRestarts $(prop NRestarts), $(prop ActiveState)"
}
MAIN3=$(prop MainPID)
echo "restarted: main process $MAIN3 ($(prop NRestarts) restart)"
wait_until 30 sh -c "[ \"\$(nsenter -t $LEADER -a pgrep -c -u zongzhi -f ' daemon\$')\" = 1 ]" ||
	fail "after kill -9: $(daemons) daemons (the orphaned one must end, one new)"
cin journalctl -u zongzhi.service --no-pager -o cat | grep -q "process $MAIN2 ended without closing it" ||
	fail "the new listener did not recover from the killed one"

step "systemctl stop: the listener and the daemon end, the session goes on"
cin systemctl stop zongzhi.service || fail "systemctl stop"
[ "$(prop ActiveState)" = inactive ] || fail "after stop: $(prop ActiveState) ($(prop Result))"
[ "$(prop Result)" = success ] || fail "stop: result $(prop Result)"
! port_open || fail "the port is still open after systemctl stop"
cin kill -0 "$MAIN3" 2>/dev/null && fail "the listener $MAIN3 runs after stop"
[ "$(daemons)" = 0 ] || fail "a daemon runs after stop"
cin tmux -L zz send-keys -t zz:w q
wait_until 15 screen_has "退出系统？" && cin tmux -L zz send-keys -t zz:w y
wait_until 30 screen_has "SSH-EXIT-0" || fail "the session did not end as usual after stop"

step "nothing of zongzhi's outside /var/lib/zongzhi"
new=$(cin find / -xdev \( -path /var/lib/zongzhi -o -path /var/backups/zongzhi -o -path /proc -o -path /sys \) -prune -o -user zongzhi -print)
new="$new$(cin find /run /dev/shm /dev/mqueue -user zongzhi -print 2>/dev/null)"
[ -z "$new" ] || fail "files of zongzhi outside /var/lib/zongzhi: $new"
changed=$(cin find /etc /usr -xdev -newer /run/zz-before ! -type d ! -path /etc/systemd/system/multi-user.target.wants/zongzhi.service -print)
[ -z "$changed" ] || fail "changed under /etc or /usr while the service ran: $changed"

step "a refused start fails systemctl start (a home that is not there), and starts once it is"
cin mv /var/lib/zongzhi/db /var/lib/zongzhi/db.aside
cin systemctl start zongzhi.service 2>"$T/refused.log" && fail "systemctl start succeeded without a database"
cat "$T/refused.log"
cin journalctl -u zongzhi.service --no-pager -o cat | grep -qF "数据库目录 /var/lib/zongzhi/db 不存在" ||
	fail "the journal does not say why the start was refused"
cin systemctl stop zongzhi.service
cin mv /var/lib/zongzhi/db.aside /var/lib/zongzhi/db
cin systemctl start zongzhi.service || fail "start after stop"
port_open || fail "not listening when systemctl start returns"

step "enabled: the service starts at the next boot"
poweroff
boot
[ "$(prop ActiveState)" = active ] || fail "not active after a boot: $(prop ActiveState)"
port_open || fail "not listening after a boot"

step "make uninstall as root: the unit disabled, stopped and removed; the data and the account kept"
out=$(cin sh -c 'cd /src && make --no-print-directory uninstall' 2>&1) || {
	echo "$out" >&2
	fail "make uninstall"
}
echo "$out"
! port_open || fail "still listening after make uninstall"
cin test ! -e /usr/local/lib/systemd/system/zongzhi.service || fail "the unit file is left"
cin test ! -e /etc/systemd/system/multi-user.target.wants/zongzhi.service || fail "the unit is still enabled"
[ "$(prop LoadState)" = not-found ] || fail "systemd still loads the unit: $(prop LoadState)"
cin test -f /var/lib/zongzhi/db/meta.db || fail "make uninstall removed the data"
cin id zongzhi >/dev/null || fail "make uninstall removed the account"
echo "systemd: ok"
