#!/bin/sh
# The layer check of `make check`: a file may include headers of its own folder and of the folders
# below it (core < domain < ui < ssh < cli < main.c), never of a folder above. Prints each include
# that goes up and exits 1 when there is one. The same for a comparison with &service_console
# outside service.c: the local console is a role (perm_console, perm_check), not an address.
cd "$(dirname "$0")/.." || exit 1
order="core domain ui ssh cli"
rank() {
	_r=0
	for _l in $order; do
		[ "$_l" = "$1" ] && { echo $_r; return; }
		_r=$((_r + 1))
	done
	echo $_r
}
bad=0
for dir in $order; do
	mine=$(rank "$dir")
	for f in src/"$dir"/*.c src/"$dir"/*.h; do
		[ -e "$f" ] || continue
		for h in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
			where=$(for l in $order; do [ -e "src/$l/$h" ] && echo "$l"; done | head -1)
			[ -n "$where" ] || continue
			if [ "$(rank "$where")" -gt "$mine" ]; then
				echo "$f includes $where/$h (a higher layer)"
				bad=1
			fi
		done
	done
done
if grep -n '[!=]= *&service_console' src/*.c src/*/*.c src/*/*.h | grep -v '^src/core/service\.c:'; then
	echo "compare with perm_console(u) or ask perm_check, not &service_console"
	bad=1
fi
exit $bad
