#!/bin/sh
# make install / make uninstall: the layout a Debian administrator expects (doc/admin-guide.md,
# "Installing on a server"). The Makefile passes DESTDIR, BINDIR, DATADIR, SYSCONFDIR,
# LOCALSTATEDIR and SYSTEMDUNITDIR.
#   BINDIR/zongzhi                     the program
#   DATADIR/zongzhi/{screens,db,reports}  record types, code tables, demo data, monthly forms
#   DATADIR/zongzhi/conf-dist/         the settings as shipped (to tell edited settings on upgrade)
#   DATADIR/doc/zongzhi/               the documentation
#   SYSCONFDIR/zongzhi/                the settings; zongzhi.cfg names every path absolute
#   LOCALSTATEDIR/lib/zongzhi/         everything the program writes (database, files, audit heads)
#   SYSTEMDUNITDIR/zongzhi.service     the unit (server and daemon)
# Settings edited by the administrator are never overwritten nor removed (like dpkg's conffiles),
# and the data never removed.
set -eu
cd "$(dirname "$0")/.."
: "${DESTDIR=}" "${BINDIR:?}" "${DATADIR:?}" "${SYSCONFDIR:?}" "${LOCALSTATEDIR:?}" "${SYSTEMDUNITDIR:?}"
ETC=$SYSCONFDIR/zongzhi
VAR=$LOCALSTATEDIR/lib/zongzhi
SHARE=$DATADIR/zongzhi
DIST=$SHARE/conf-dist

# System changes (account, owner of the data folder, systemd) only on the real system, as root.
system=yes
if [ -n "$DESTDIR" ]; then
	system="no: DESTDIR is set"
elif [ "$(id -u)" != 0 ]; then
	system="no: not run as root"
fi

# install_conf_gen SRC: SRC as installed. The paths of the source tree are relative to conf/ (make
# demo, the tests); an installed file names them absolute, so that nothing resolves into SYSCONFDIR.
install_conf_gen() {
	case $1 in
	conf/zongzhi.cfg)
		sed -e "1s|^# zongzhi — main settings\..*|# zongzhi — main settings, as installed by make install: every path is absolute.|" \
			-e "s|\"\.\./var/|\"$VAR/|g" -e "s|\"\.\./|\"$SHARE/|g" \
			-e "/^paths = {/,/^};/s|= \"\([^/\"][^\"]*\)\"|= \"$ETC/\1\"|" "$1" ;;
	*) cat "$1" ;;
	esac
}

install_unit_gen() {
	sed -e "s|@BINDIR@|$BINDIR|g" -e "s|@DATADIR@|$DATADIR|g" -e "s|@SYSCONFDIR@|$SYSCONFDIR|g" \
		-e "s|@LOCALSTATEDIR@|$LOCALSTATEDIR|g" dist/zongzhi.service.in
}

conf_files() {
	find conf -type f -name '*.cfg' | sort
}

have_systemd() {
	[ "$system" = yes ] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1
}

# The system account owning the data: adduser on Debian, useradd elsewhere.
install_account() {
	if [ "$system" != yes ]; then
		echo "make install: system account zongzhi not created ($system); as root:"
		echo "  adduser --system --group --home $VAR --no-create-home zongzhi"
		return
	fi
	if id zongzhi >/dev/null 2>&1; then
		echo "make install: system account zongzhi exists"
	elif command -v adduser >/dev/null 2>&1; then
		adduser --system --group --home "$VAR" --no-create-home --quiet zongzhi
		echo "make install: created the system account zongzhi"
	else
		useradd --system --user-group --home-dir "$VAR" --no-create-home --shell /usr/sbin/nologin zongzhi
		echo "make install: created the system account zongzhi"
	fi
}

do_install() {
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	install -d "$DESTDIR$BINDIR" "$DESTDIR$SHARE" "$DESTDIR$DIST" "$DESTDIR$ETC" "$DESTDIR$SYSTEMDUNITDIR" \
		"$DESTDIR$DATADIR/doc/zongzhi"
	install -m 0755 bin/zongzhi "$DESTDIR$BINDIR/zongzhi"
	for d in screens db reports; do
		rm -rf "$DESTDIR${SHARE:?}/${d:?}"
		cp -R "$d" "$DESTDIR$SHARE/"
		chmod -R u=rwX,go=rX "$DESTDIR$SHARE/$d"
	done
	install -m 0644 doc/*.md "$DESTDIR$DATADIR/doc/zongzhi/"
	install_unit_gen >"$tmp/unit"
	install -m 0644 "$tmp/unit" "$DESTDIR$SYSTEMDUNITDIR/zongzhi.service"
	# Settings: a file the administrator has not edited (equal to the one shipped last time) is
	# replaced; an edited one stays, and the new version goes beside it as FILE.new to merge.
	for f in $(conf_files); do
		rel=${f#conf/}
		install_conf_gen "$f" >"$tmp/new"
		dst=$DESTDIR$ETC/$rel old=$DESTDIR$DIST/$rel
		install -d "$(dirname "$dst")" "$(dirname "$old")"
		if [ ! -e "$dst" ] || cmp -s "$dst" "$tmp/new" || { [ -e "$old" ] && cmp -s "$dst" "$old"; }; then
			install -m 0644 "$tmp/new" "$dst"
			rm -f "$dst.new"
		else
			install -m 0644 "$tmp/new" "$dst.new"
			echo "make install: $ETC/$rel was edited: kept; the new version is $ETC/$rel.new (merge it)"
		fi
		install -m 0644 "$tmp/new" "$old"
	done
	install_account
	install -d -m 0700 "$DESTDIR$VAR"
	if [ "$system" = yes ]; then
		chown zongzhi:zongzhi "$DESTDIR$VAR"
	fi
	if have_systemd; then
		systemctl daemon-reload
	fi
	echo "make install: settings in $ETC, data in $VAR, unit $SYSTEMDUNITDIR/zongzhi.service"
	# Not from here: in a folder with conf/zongzhi.cfg (the source tree) the program reads that one.
	echo "  next (doc/admin-guide.md): cd / && sudo -u zongzhi $BINDIR/zongzhi init; systemctl enable --now zongzhi"
}

do_uninstall() {
	if have_systemd && systemctl is-enabled --quiet zongzhi.service 2>/dev/null; then
		systemctl disable --now zongzhi.service
	fi
	rm -f "$DESTDIR$BINDIR/zongzhi" "$DESTDIR$SYSTEMDUNITDIR/zongzhi.service"
	for f in $(conf_files); do
		rel=${f#conf/}
		dst=$DESTDIR$ETC/$rel old=$DESTDIR$DIST/$rel
		rm -f "$dst.new"
		if [ -e "$dst" ] && [ -e "$old" ] && cmp -s "$dst" "$old"; then
			rm -f "$dst"
		elif [ -e "$dst" ]; then
			echo "make uninstall: $ETC/$rel was edited: kept"
		fi
	done
	find "$DESTDIR$ETC" -depth -type d -empty -delete 2>/dev/null || true
	rm -rf "$DESTDIR${SHARE:?}" "$DESTDIR${DATADIR:?}/doc/zongzhi"
	if have_systemd; then
		systemctl daemon-reload
	fi
	echo "make uninstall: kept the data in $VAR and the system account zongzhi (remove them by hand)"
}

case ${1:-} in
install) do_install ;;
uninstall) do_uninstall ;;
*)
	echo "usage: scripts/install.sh install|uninstall" >&2
	exit 2
	;;
esac
