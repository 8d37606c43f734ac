#!/bin/sh
# The person view (9.6, DESIGN "one ID number shows everything"): a drug user who also rents a room
# shows the drug record, the tenancy with the house it names, and the visits made to him; each role
# keeps the person's base information once.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_tree
G=321204001001001
P1=$(zz_idnum 19800101 011)
P2=$(zz_idnum 19750505 022)
zz record add drug --as police --unit $G idnum=$P1 name=张三 ethnicity=01 live_address=桥头社区1号 concern=2 status=1 first_found=2020-01-01 seized=2020-02-01 control=1 reason=1 source=1 detox=2 kinds=海洛因、氯胺酮（K粉） crimes=无 methadone=否 record=否 >/dev/null ||
	zz_fail "drug user"
rid=$(zz record add rental --as village --unit $G house_no=R001 addr_no=A1 address=桥头社区8号 building=桥头小区 building_use=1 built_year=2005 structure=2 layout=3 house_use=1 source=2 owner=房东甲 owner_id_type=111 owner_id_no=$P2 owner_phone=13900000000 owner_address=桥头社区 rent_use=1 concern=3 hazard=0 tenant_name=李四 tenant_idnum=$P2 tenant_phone=13911111111 lease_no=ZL001 lease_start=2026-01-01 safe_exit=有 fire_exit=有 pledge=是) ||
	zz_fail "rental house"
# Tenants: the lessee in the house's record, a second tenant as a record naming the house.
zz_refused "a tenant of a house that does not exist" zz record add rental_tenant --as village --unit $G house_no=R999 tenant_name=张三 tenant_idnum=$P1 tenant_phone=13922222222 lease_start=2026-02-01
zz record add rental_tenant --as village --unit $G house_no=R001 tenant_name=张三 tenant_idnum=$P1 tenant_phone=13922222222 relation=合租 lease_start=2026-02-01 >/dev/null ||
	zz_fail "second tenant"
zz record add service_record --as police --unit $G subject_type=drug subject_idnum=$P1 day=2026-02-03 staff=李警官 method=1 content=尿检阴性 result=管控正常 >/dev/null ||
	zz_fail "visit"
out=$(zz person show $P1 --as village)
zz_has "the drug role" '^\[吸毒人员\] drug:1$' "$out"
zz_has "the tenancy" '^\[出租房承租人\] rental_tenant:1$' "$out"
zz_has "the house it names" "^关联（住房编号）	rental:$rid 出租房 桥头社区8号$" "$out"
zz_has "the visit" '^\[服务记录\] service_record:1$' "$out"
zz_has "base information once" '^姓名	张三$' "$out"
# The lessee's view shows the house through the house's own tenant field.
zz_has "the lessee" "^\\[出租房\\] rental:$rid\$" "$(zz person show $P2 --as village)"
# A department sees only its line: justice sees neither the drug record nor police's visit.
out=$(zz person show $P1 --as justice)
zz_lacks "justice: no drug record" '吸毒人员' "$out"
zz_lacks "justice: no police visit" '服务记录' "$out"
# Sensitive fields stay masked for an account without the right to see them in full.
last4=$(printf '%s' "$P1" | cut -c15-18)
zz_has "masked for the grid member" "^承租人证件号码	321204\\*{8}$last4\$" "$(zz person show $P1 --as grid)"
echo "ok"
