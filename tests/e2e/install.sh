#!/bin/sh
# The installed layout (issue 15, "the installed layout"): make install into a DESTDIR with
# PREFIX=/usr puts the settings in /etc/zongzhi with absolute paths, the data in /var/lib/zongzhi
# and a systemd unit whose writable paths hold everything the program writes. The installed
# binary then runs on the installed settings (their paths moved into DESTDIR, nothing else changed):
# init, verify, a command as a demo account, the server with its daemon, an SSH login. Under strace
# every file it writes must be in DESTDIR/var/lib/zongzhi (or the test's own log and working
# folders). Then an upgrade keeps edited settings, and make uninstall keeps the data.
. "$(dirname "$0")/lib.sh"
LANG=C.UTF-8
LC_ALL=C.UTF-8
export LANG LC_ALL
ZZ_T=$(mktemp -d "${TMPDIR:-/tmp}/zz-e2e.XXXXXX")
ZZ_TMUX="tmux -L zz-$$"
ZZ_PIDS=""
ZZ_TMP=$ZZ_T
trap zz_ssh_cleanup EXIT
trap 'exit 1' INT TERM
D=$ZZ_T/root
VAR=$D/var/lib/zongzhi
mkdir -p "$ZZ_T/cwd" "$ZZ_T/trace"
# zz_ssh_cleanup finds the server and its sessions under $ZZ_T/home.
ln -s "$VAR/db" "$ZZ_T/home"
ZZ_HOME=$ZZ_T/home
# inst TARGET: make TARGET into DESTDIR; its output in $out.
inst() {
	make --no-print-directory -C "$ZZ_ROOT" "$1" DESTDIR="$D" PREFIX=/usr >"$ZZ_T/$1.log" 2>&1 ||
		{ cat "$ZZ_T/$1.log" >&2; zz_fail "make $1"; }
	out=$(cat "$ZZ_T/$1.log")
}

zz_log "make install DESTDIR=… PREFIX=/usr"
inst install
zz_has "no account is created into a DESTDIR, and the step is named" \
	"system account zongzhi not created \(no: DESTDIR is set\)" "$out"
zz_has "the account's command" "adduser --system --group --home /var/lib/zongzhi" "$out"
# Run from the source tree, the next step would read its conf/ (tests/systemd/run.sh).
zz_has "the next step leaves the source tree" "next .*: cd / && sudo -u zongzhi /usr/bin/zongzhi init" "$out"
for f in usr/bin/zongzhi etc/zongzhi/zongzhi.cfg etc/zongzhi/server.cfg etc/zongzhi/import/police_floating.cfg \
	usr/share/zongzhi/screens/person.cfg usr/share/zongzhi/db/codes usr/share/zongzhi/reports \
	usr/share/doc/zongzhi/admin-guide.md usr/lib/systemd/system/zongzhi.service; do
	[ -e "$D/$f" ] || zz_fail "not installed: /$f"
done
[ ! -e "$D/usr/share/zongzhi/conf" ] || zz_fail "settings installed under /usr/share/zongzhi/conf"
[ "$(stat -c %a "$VAR")" = 700 ] || zz_fail "/var/lib/zongzhi is not 0700"

zz_log "the installed settings name every path absolute: data under /var/lib/zongzhi"
cfg=$D/etc/zongzhi/zongzhi.cfg
paths=$(sed -n '/^paths = {/,/^};/s/^[[:space:]]*\([a-z_]*\)[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1 \2/p' "$cfg")
[ "$(printf '%s\n' "$paths" | wc -l)" -ge 10 ] || zz_fail "paths of the installed zongzhi.cfg: $paths"
zz_lacks "a relative path would resolve into /etc" " [^/]" "$paths"
want="home /var/lib/zongzhi/db
screens /usr/share/zongzhi/screens
codes /usr/share/zongzhi/db/codes
demo /usr/share/zongzhi/db/demo
audit_head /var/lib/zongzhi/audit-head.log
audit_archive /var/lib/zongzhi/audit-archive
snapshots /var/lib/zongzhi/snapshots
import_maps /etc/zongzhi/import
files /var/lib/zongzhi/files
reports /usr/share/zongzhi/reports"
[ "$paths" = "$want" ] || { printf '%s\n' "$paths" >&2; zz_fail "paths of the installed zongzhi.cfg"; }

zz_log "the unit: paths substituted, and its writable paths hold what the settings write"
unit=$D/usr/lib/systemd/system/zongzhi.service
u=$(cat "$unit")
zz_lacks "no placeholder left" "@[A-Z]+@" "$u"
zz_has "ExecStart" "^ExecStart=/usr/bin/zongzhi -c /etc/zongzhi/zongzhi.cfg serve --foreground$" "$u"
# What ProtectSystem=strict leaves writable under systemd 252 (tests/systemd/run.sh) is made read-only.
for l in "Type=notify" "TimeoutStartSec=infinity" "User=zongzhi" "Group=zongzhi" "StateDirectory=zongzhi" "ProtectSystem=strict" "ReadWritePaths=/var/lib/zongzhi" \
	"ReadOnlyPaths=-/run -/dev/shm -/dev/mqueue"; do
	zz_has "unit" "^$l\$" "$u"
done
rw=$(sed -n 's/^ReadWritePaths=//p' "$unit")
for k in home audit_head audit_archive snapshots files; do
	p=$(printf '%s\n' "$paths" | awk -v k="$k" '$1 == k { print $2 }')
	case $p in "$rw"/*) ;; *) zz_fail "paths.$k ($p) is outside the unit's ReadWritePaths ($rw)" ;; esac
done
if command -v systemd-analyze >/dev/null 2>&1; then
	# verify wants ExecStart's program to exist: a copy naming the one in DESTDIR.
	mkdir -p "$ZZ_T/unit"
	sed "s|=/usr/bin/zongzhi|=$D/usr/bin/zongzhi|" "$unit" >"$ZZ_T/unit/zongzhi.service"
	v=$(systemd-analyze verify "$ZZ_T/unit/zongzhi.service" 2>&1) || zz_fail "systemd-analyze verify: $v"
	[ -z "$v" ] || zz_fail "systemd-analyze verify: $v"
else
	echo "systemd-analyze not found: the unit file is not verified"
fi

zz_log "the installed binary reads /etc/zongzhi/zongzhi.cfg when given no -c"
ZZI=$(zz_suite_wrap "$D/usr/bin/zongzhi")
cd "$ZZ_T/cwd" || zz_fail "cd"
if [ ! -e /etc/zongzhi/zongzhi.cfg ]; then
	zz_refuses "default settings file" "/etc/zongzhi/zongzhi.cfg" "$ZZI" status
fi

# The installed settings with their absolute paths moved into DESTDIR (and the server's log into
# the test's folder, the Unix user running the test mapped to the accounts): nothing else changes.
sed -i -e "s|\"/var/lib/zongzhi|\"$VAR|g" -e "s|\"/usr/share/zongzhi|\"$D/usr/share/zongzhi|g" \
	-e "s|\"/etc/zongzhi|\"$D/etc/zongzhi|g" "$D"/etc/zongzhi/*.cfg
sed -i "s|^\([[:space:]]*log[[:space:]]*=\).*|\1 \"$ZZ_T/server.log\";|" "$D/etc/zongzhi/server.cfg"
zz_cli_map "$D/etc/zongzhi"
ZZ_CONF=$cfg
if command -v strace >/dev/null 2>&1 && strace -qq -o /dev/null true 2>/dev/null; then
	TRACE="strace -ff -qq -y -e trace=%file -e status=successful -o $ZZ_T/trace/t"
else
	TRACE=
	echo "strace not found or not allowed: only DESTDIR's /etc and /usr, and the source tree's var/, are checked for writes"
fi
zi() {
	$TRACE "$ZZI" -c "$ZZ_CONF" "$@"
}
ZZ=$ZZI
touch "$ZZ_T/before"

zz_log "init --demo, verify and a command as a demo account on the installed layout"
zi init --demo --persons 20 --seed 1 >"$ZZ_T/init.log" 2>&1 || { cat "$ZZ_T/init.log"; zz_fail "init --demo"; }
[ -f "$VAR/db/audit.db" ] || zz_fail "the database is not in /var/lib/zongzhi/db: $(ls -R "$D/var")"
zi verify >"$ZZ_T/verify.out" 2>&1 || { cat "$ZZ_T/verify.out"; zz_fail "verify"; }
out=$(zi record list person --as county --limit 3 2>&1) || zz_fail "record list as county: $out"
[ "$(printf '%s\n' "$out" | wc -l)" -ge 2 ] || zz_fail "record list as county: $out"

zz_log "the server with its daemon; an SSH login as a demo account"
ZZ_PORT=$(zz_free_port)
zi serve --foreground --listen "127.0.0.1:$ZZ_PORT" >>"$ZZ_T/serve.out" 2>&1 &
ZZ_SERVE_PID=$!
ZZ_PIDS="$ZZ_PIDS $ZZ_SERVE_PID"
zz_wait_for 30 zz_port_open "$ZZ_PORT" || { cat "$ZZ_T/serve.out"; zz_fail "server did not start"; }
zz_ssh_window w village
zz_wait_main_menu w village
zz_ui_quit w
zz_wait_screen w "SSH-EXIT-0" 30
head_written() { grep -q " $(realpath "$VAR/db") " "$VAR/audit-head.log"; }
zz_wait_for 60 head_written || zz_fail "the daemon wrote no audit head into /var/lib/zongzhi/audit-head.log"
zz_wait_for 20 zz_no_sessions || zz_fail "the session did not end"
zi serve --stop >/dev/null || zz_fail "serve --stop"
wait "$ZZ_SERVE_PID"
ZZ_PIDS=
out=$(zi audit verify --as auditor 2>&1) || zz_fail "audit verify: $out"

zz_log "nothing written outside DESTDIR/var/lib/zongzhi and the test's own folders"
if [ -n "$TRACE" ]; then
	# Writes: files opened for writing or created, and every change to a name or its metadata.
	python3 - "$ZZ_T/trace" "$VAR" "$ZZ_T/server.log" "$ZZ_T/cwd" <<'EOF' || zz_fail "writes outside the writable paths"
import os, re, sys
tdir, cwd = sys.argv[1], sys.argv[4]
allowed = [os.path.realpath(p) for p in sys.argv[2:]] + ["/dev", "/proc"]
call = re.compile(r'^(\w+)\((.*)\)\s+= ')
path_arg = re.compile(r'(?:(-?\d+|AT_FDCWD)(?:<([^>]*)>)?, )?"((?:[^"\\]|\\.)*)"')
changes = {"mkdir", "mkdirat", "rename", "renameat", "renameat2", "unlink", "unlinkat", "rmdir", "link",
           "linkat", "symlink", "symlinkat", "chmod", "fchmodat", "chown", "lchown", "fchownat", "truncate",
           "utimensat", "mknod", "mknodat", "creat"}
bad, n = [], 0
for name in os.listdir(tdir):
    for line in open(os.path.join(tdir, name), errors="replace"):
        m = call.match(line)
        if not m:
            continue
        fn, args = m.groups()
        if fn in ("open", "openat", "openat2"):
            if not re.search(r'O_(WRONLY|RDWR|CREAT|TRUNC|APPEND)', args):
                continue
        elif fn not in changes:
            continue
        n += 1
        for dfd, dpath, p in path_arg.findall(args):
            if p.startswith("/"):
                full = p
            elif dpath:
                full = os.path.join(dpath, p)
            else:
                full = os.path.join(cwd, p)
            full = os.path.normpath(full)
            if not any(full == a or full.startswith(a + "/") for a in allowed):
                bad.append(f"{fn}: {full}")
if n == 0:
    sys.exit("strace saw no write at all")
for b in sorted(set(bad)):
    print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
EOF
fi

new=$(find "$D/etc" "$D/usr" -newer "$ZZ_T/before" 2>&1)
[ -z "$new" ] || zz_fail "written into DESTDIR's /etc or /usr: $new"
if [ -z "$TRACE" ] && [ -d "$ZZ_ROOT/var" ]; then
	new=$(find "$ZZ_ROOT/var" -newer "$ZZ_T/before" 2>&1)
	[ -z "$new" ] || zz_fail "written into the source tree's var/: $new"
fi

zz_log "upgrade: make install again keeps edited settings (FILE.new beside them)"
inst install
zz_has "the edited zongzhi.cfg is named" "/etc/zongzhi/zongzhi.cfg was edited: kept" "$out"
zz_lacks "an unedited file is replaced silently" "calendar.cfg" "$out"
grep -qF "\"$VAR/db\"" "$cfg" || zz_fail "make install overwrote the edited zongzhi.cfg"
[ -f "$cfg.new" ] || zz_fail "no zongzhi.cfg.new"

zz_log "make uninstall removes what was installed, never the data"
inst uninstall
zz_has "the data is named as kept" "kept the data in /var/lib/zongzhi" "$out"
for f in usr/bin/zongzhi usr/share/zongzhi usr/share/doc/zongzhi usr/lib/systemd/system/zongzhi.service \
	etc/zongzhi/calendar.cfg etc/zongzhi/import etc/zongzhi/zongzhi.cfg.new; do
	[ ! -e "$D/$f" ] || zz_fail "left by make uninstall: /$f"
done
[ -f "$cfg" ] || zz_fail "make uninstall removed the edited zongzhi.cfg"
[ -f "$VAR/db/audit.db" ] && [ -f "$VAR/audit-head.log" ] || zz_fail "make uninstall removed data"
echo "install: ok"
