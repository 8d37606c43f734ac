#!/bin/sh
# Entry deadlines: a released prisoner is entered within 3 days of release (R-EN-2), a rental house
# within 10 days of the lease (R-EN-3), a key-area change within 2 working days (R-EN-5), a monthly
# report by the 5th (R-RP-1). A record entered later is marked late, with its deadline.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_tree
G=321204001001001
P1=$(zz_idnum 19800101 011)
P2=$(zz_idnum 19750505 022)
base() { echo "idnum=$1 name=$2 ethnicity=01 live_address=桥头社区$3号"; }
released() { echo "concern=2 help_status=1 crime_type=05 charge=盗窃罪 sentence=3年6个月 prison=江苏省某监狱 release_date=$1 recidivist=否 handover=1 handover_date=$1 placement=1 reoffend=否 lost=否 crime_act=入室盗窃 placed=是"; }

# R-EN-2: released on 2026-03-02; the 5th is still in time, the 6th is late.
zz_at '2026-03-05 17:00:00' record add released --as justice --unit $G $(base $P1 张三 1) $(released 2026-03-02) >/dev/null ||
	zz_fail "add in time"
out=$(zz record get released $P1 --as justice)
zz_lacks "in time is not late" '^录入超时' "$out"
zz_at '2026-03-06 08:30:00' record add released --as justice --unit $G $(base $P2 李四 2) $(released 2026-03-02) >/dev/null ||
	zz_fail "add late"
out=$(zz record get released $P2 --as justice)
zz_has "late entry marked" '^录入超时	是（应于 2026-03-05 前录入）$' "$out"
# An edit that does not touch the release date keeps the mark; correcting the date re-checks it.
zz_at '2026-03-07 09:00:00' record update released $P2 --as justice placement=2 || zz_fail "edit"
zz_has "mark kept" '^录入超时	是' "$(zz record get released $P2 --as justice)"
zz_at '2026-03-07 09:00:00' record update released $P2 --as justice release_date=2026-03-05 || zz_fail "date corrected"
zz_lacks "mark re-checked" '^录入超时' "$(zz record get released $P2 --as justice)"

# R-EN-3: a lease of 2026-04-01 entered on 2026-04-12 is late (by the 11th).
rental() { echo "house_no=$1 addr_no=A1 address=桥头社区$1号 building=桥头小区 building_use=1 built_year=2005 structure=2 layout=3 house_use=1 source=2 owner=房东 owner_id_type=111 owner_id_no=$P2 owner_phone=13900000000 owner_address=桥头社区 rent_use=1 concern=3 hazard=0 tenant_name=张三 tenant_idnum=$P1 tenant_phone=13911111111 lease_no=ZL001 lease_start=$2 safe_exit=有 fire_exit=有 pledge=是"; }
zz_at '2026-04-12 10:00:00' record add rental --as village --unit $G $(rental R001 2026-04-01) >/dev/null || zz_fail "rental"
zz_has "rental late" '^录入超时	是（应于 2026-04-11 前录入）$' "$(zz record get rental R001 --as village)"
zz_at '2026-04-05 10:00:00' record add rental --as village --unit $G $(rental R002 2026-04-01) >/dev/null || zz_fail "rental in time"
out=$(zz record list rental --late --as village)
zz_has "late list for the bulletin (R-RP-4)" '	R001	' "$out"
zz_lacks "only the late ones" '	R002	' "$out"

# R-EN-5: adjusted on Friday 2026-05-08; two working days (R-WD-1: the make-up Saturday 5-09 of
# 劳动节 is one) end on Monday the 11th.
area="grid=$G area=火车站广场 problem=盗窃多发 range=广场及周边 lead=三水派出所 partners=城管 lead_head=王所长13800000000 listing_level=3 listing_grade=2 deadline=2026-12-31 effect=0 progress=已制定整治方案 changed=2026-05-08"
id=$(zz_at '2026-05-11 18:00:00' record add key_area --as police --unit $G $area) || zz_fail "key area in time"
zz_lacks "key area in time" '^录入超时' "$(zz record get key_area "$id" --as police)"
id=$(zz_at '2026-05-12 09:00:00' record add key_area --as police --unit $G $area) || zz_fail "key area late"
zz_has "key area late (the make-up Saturday counted)" '^录入超时	是（应于 2026-05-11 前录入）$' "$(zz record get key_area "$id" --as police)"
# Changed on the make-up Saturday itself: that day is a working day, Monday and Tuesday follow.
area2=$(echo "$area" | sed 's/area=火车站广场/area=汽车站/; s/changed=2026-05-08/changed=2026-05-09/')
id=$(zz_at '2026-05-12 18:00:00' record add key_area --as police --unit $G $area2) || zz_fail "key area from Saturday"
zz_lacks "changed on the make-up Saturday, entered Tuesday: in time" '^录入超时' "$(zz record get key_area "$id" --as police)"

# R-RP-1: April's offenders by 5 May; one report per unit and month; 同比 against April last year.
stats() { echo "year=$1 month=4 unit=321204 members=$2 youth=1 students=0 outsiders=2 released=1"; }
zz_at '2025-05-04 10:00:00' record add offender_stats --as police --unit 321204 $(stats 2025 8) >/dev/null || zz_fail "stats 2025"
id=$(zz_at '2026-05-06 10:00:00' record add offender_stats --as police --unit 321204 $(stats 2026 10)) || zz_fail "stats 2026"
out=$(zz record get offender_stats "$id" --as police)
zz_has "report late" '^录入超时	是（应于 2026-05-05 前录入）$' "$out"
zz_has "同比 computed" '^刑事作案成员同比	\+25\.0%（去年同期 8）$' "$out"
zz_refused "a second report for the same month" zz record add offender_stats --as police --unit 321204 $(stats 2026 3)
echo "ok"
