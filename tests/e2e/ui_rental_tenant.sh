#!/bin/sh
# 出租房承租人's 住房编号 names a rental house: Enter on the field (empty, or with a number or an
# address typed) picks from the houses the account may see; a number typed is checked as the field
# is left, a house out of the account's scope answered as one not there (R-AC-1). In a scope of more
# than the 200 houses a picker lists, those holding the text typed are listed, a number typed whole
# taken (it was looked for among the first 200 only: 没有找到). Houses the account reads under a grant
# are not offered, and the picker writes no audit entry of a granted view.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_tree
P1=$(zz_idnum 19750505 022)
house() {
	zz record add rental --as county --unit "$1" house_no="$2" addr_no=A1 address="$3" building=小区 building_use=1 \
		built_year=2005 structure=2 layout=3 house_use=1 source=2 owner=房东 owner_id_type=111 owner_id_no=$P1 \
		owner_phone=13900000000 owner_address=本地 rent_use=1 concern=3 hazard=0 tenant_name=李四 tenant_idnum=$P1 \
		tenant_phone=13911111111 lease_no=ZL001 lease_start=2026-01-01 safe_exit=有 fire_exit=有 pledge=是 >/dev/null ||
		zz_fail "rental house $2"
}
house 321204001001001 R001 桥头社区8号
house 321204001001002 R002 桥头社区9号
house 321204002001001 R900 东风村5号

zz_tui_start xterm 80 24
zz_login village "$ZZ_PASS"
zz_menu
zz_keys /
zz_type "出租房承租人"
zz_keys Enter Enter
zz_expect "出租房承租人"
zz_keys a
zz_expect "出租房承租人 > 新增"
zz_to_field Tab 住房编号

echo "--- Enter on the empty field: the houses in the account's scope"
zz_keys Enter
zz_expect "选择出租房"
zz_expect "R001  桥头社区8号"
zz_expect "R002  桥头社区9号"
zz_absent "R900"
zz_keys Escape
zz_gone "选择出租房"

echo "--- an address typed and Enter: the one house matching is offered, picked with Enter"
zz_type "9号"
zz_keys Enter
zz_expect "选择出租房"
zz_screen_lacks "R001  桥头社区8号" || { zz_screen; zz_fail "the list is not narrowed by what was typed"; }
zz_keys Enter
zz_expect "住房编号：已选 R002"
zz_expect "住房编号：R002"

echo "--- a number out of the scope and one not there: the same answer as the field is left"
zz_to_field BTab 住房编号
zz_keys C-u
zz_type "R900"
zz_keys Tab
zz_expect "住房编号：出租房中没有 R900"
zz_to_field BTab 住房编号
zz_keys C-u
zz_type "NOSUCH1"
zz_keys Tab
zz_expect "住房编号：出租房中没有 NOSUCH1"
zz_screen | grep -q '^ !.*住房编号' || { zz_screen; zz_fail "the wrong house number is not marked"; }

echo "--- a number in the scope typed and Enter: taken as it is"
zz_to_field BTab 住房编号
zz_keys C-u
zz_type "R001"
zz_keys Enter
zz_expect "住房编号：已选 R001"
zz_screen_lacks "出租房中没有" || { zz_screen; zz_fail "the error stayed"; }

echo "--- more than 200 houses in the scope: the picker offers those holding the text typed"
# 250 more houses of the village, numbered H0001..H0250 after the first ones: the picker listed the
# first 200 of the scope and looked for the text among them only.
zz export rental --as county --output "$ZZ_TMP/rental.csv" >/dev/null || zz_fail "export"
awk -F, -v OFS=, 'NR == 1 { print; next }
	$2 == "R001" { for (i = 1; i <= 250; i++) { $2 = sprintf("H%04d", i); $4 = "新村" i "号"; print } }' \
	"$ZZ_TMP/rental.csv" >"$ZZ_TMP/many.csv"
zz import rental "$ZZ_TMP/many.csv" --as county >/dev/null || zz_fail "import"
zz_to_field BTab 住房编号
zz_keys C-u
zz_type "H024"
zz_keys Enter
zz_expect "选择出租房"
zz_expect "H0245  新村245号"
zz_screen_lacks "H0150" || { zz_screen; zz_fail "the list is not narrowed by what was typed"; }
zz_keys Escape
zz_gone "选择出租房"
zz_to_field BTab 住房编号
zz_keys C-u
zz_type "H0250"
zz_keys Enter
zz_expect "住房编号：已选 H0250"

echo "--- read under a grant: not offered, and the picker audits nothing"
T=$(zz_date +%F)
a=$(zz record add access_request to=321204 types=rental scope=321204002 reason=核对 start="$T" \
	end="$(date -d "$T 5 days" +%F)" --as village | grep -o '[0-9][0-9]*' | tail -1) || zz_fail "access request"
zz access grant "$a" --note 同意 --as county >/dev/null || zz_fail "grant"
zz record list rental --unit 321204002 --as village | grep -q "R900" || zz_fail "R900 not readable under the grant"
echo "$ZZ_PASS" | zz user add aud --unit 321204 --role auditor --keep-password >/dev/null || zz_fail "auditor"
granted() {
	zz audit show --as aud --user village | grep -c "	view_granted	"
}
g0=$(granted)
[ "$g0" -ge 1 ] || zz_fail "the granted list: not audited"
zz_to_field BTab 住房编号
zz_keys C-u
zz_type "R9"
zz_keys Enter
zz_expect "没有找到含“R9”的出租房"
zz_to_field BTab 住房编号
zz_keys C-u Enter
zz_expect "选择出租房"
zz_keys Escape
zz_gone "选择出租房"
[ "$(granted)" = "$g0" ] || zz_fail "the picker wrote audit entries of granted views"
zz_tui_clean
echo "ok ui_rental_tenant"
