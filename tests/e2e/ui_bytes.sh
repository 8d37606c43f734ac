#!/bin/sh
# Bytes on the terminal for slow links (issue 17): a cursor step in a form rewrites the > mark,
# the hint line (ended by one erase, not by blanks) and the cursor, no more; a list's rows and
# titles change attribute once a row, not at every cell. Through a pty of its own (tests/e2e/
# ui_bytes.py), so that every byte the UI writes is counted. The full slow-link figures, over SSH
# and through a 9,600 bit/s relay, come from bench/slowlink.sh.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 50
for term in tmux-256color xterm-256color vt100; do
	echo "--- $term: the 户籍人口 list, its form, then six Tab steps in the form"
	python3 "$ZZ_ROOT/tests/e2e/ui_bytes.py" "$ZZ_UI" "$ZZ_CONF" "$ZONGZHI_HOME" "$term" >"$ZZ_TMP/bytes" ||
		zz_fail "ui_bytes.py on $term: $(cat "$ZZ_TMP/bytes")"
	cat "$ZZ_TMP/bytes"
	# Six steps between fields: each under 100 bytes (181 before; a field whose own help is long
	# costs more), and on tmux (the terminal of bench/slowlink.sh) no run of blanks where one
	# erase does (xterm erases blanks with ECH; vt100's erase has a delay curses avoids).
	maxblank=8
	[ "$term" = tmux-256color ] || maxblank=999
	awk -F'\t' -v mb=$maxblank '$1 ~ /^tab/ && ($2 > 100 || $4 >= mb) { bad = 1; print "too many bytes: " $0 } END { exit bad }' \
		"$ZZ_TMP/bytes" || zz_fail "a cursor step in the form on $term costs too much"
	[ "$(grep -c '^tab' "$ZZ_TMP/bytes")" -eq 6 ] || zz_fail "six Tab steps expected on $term"
	# A cursor step in the list and back: two rows' marks and first cells (40 and 42 bytes on tmux
	# on 2026-12-05), not the rows, whatever columns the list shows.
	awk -F'\t' '($1 == "down" || $1 == "up") && $2 > 80 { bad = 1; print "too many bytes: " $0 } END { exit bad }' \
		"$ZZ_TMP/bytes" || zz_fail "a cursor step in the list on $term costs too much"
	[ "$(grep -c '^down' "$ZZ_TMP/bytes")" -eq 1 ] || zz_fail "a cursor step in the list expected on $term"
	# The list: 19 rows and the titles in few attribute changes (one per cell was 57 on xterm).
	sgr=$(awk -F'\t' '$1 == "list" { print $3 }' "$ZZ_TMP/bytes")
	[ "$sgr" -le 40 ] || zz_fail "the list on $term changes attributes $sgr times"
	# The form's first screen over the list: the * of required fields without colour (two
	# attribute switches a row), so on tmux 1251 bytes and 15 attribute changes (1349 and 36 with
	# a red *).
	sgr=$(awk -F'\t' '$1 == "form" { print $3 }' "$ZZ_TMP/bytes")
	[ "$sgr" -le 20 ] || zz_fail "opening the form on $term changes attributes $sgr times"
	if [ "$term" = tmux-256color ]; then
		bytes=$(awk -F'\t' '$1 == "form" { print $2 }' "$ZZ_TMP/bytes")
		[ "$bytes" -le 1300 ] || zz_fail "opening the form on $term costs $bytes bytes"
	fi
done
# A long unit name (何垛村第1网格) and account id (u321204103005001.grid): the status line drawn
# without the id, the name whole, and still not redrawn by a cursor step (the same bytes as the
# line cut with "…" had, 70 50 31 81 51 78 on 2026-12-05).
python3 "$ZZ_ROOT/tests/e2e/ui_bytes.py" "$ZZ_UI" "$ZZ_CONF" "$ZONGZHI_HOME" tmux-256color u321204103005001.grid \
	>"$ZZ_TMP/bytes" || zz_fail "ui_bytes.py as u321204103005001.grid: $(cat "$ZZ_TMP/bytes")"
cat "$ZZ_TMP/bytes"
awk -F'\t' '$1 ~ /^tab/ && ($2 > 100 || $4 >= 8) { bad = 1; print "too many bytes: " $0 } END { exit bad }' \
	"$ZZ_TMP/bytes" || zz_fail "a cursor step in the form of a long unit's account costs too much"
awk -F'\t' '($1 == "down" || $1 == "up") && $2 > 80 { bad = 1; print "too many bytes: " $0 } END { exit bad }' \
	"$ZZ_TMP/bytes" || zz_fail "a cursor step in the list of a long unit's account costs too much"
[ "$(grep -c '^tab' "$ZZ_TMP/bytes")" -eq 6 ] || zz_fail "six Tab steps expected as u321204103005001.grid"
echo "PASS ui_bytes"
