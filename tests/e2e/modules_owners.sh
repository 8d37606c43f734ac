#!/bin/sh
# R-AC-2 (4.2): each member department adds and edits the records of its own line; other
# departments are refused; offices keep their own types and see the departments' lines.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_tree
G=321204001001001
P1=$(zz_idnum 19800101 011)
P2=$(zz_idnum 19750505 022)
P3=$(zz_idnum 19900909 033)
P4=$(zz_idnum 19851111 044)

base() { echo "idnum=$1 name=$2 ethnicity=01 live_address=桥头社区$3号"; }
drug() { echo "concern=2 status=1 first_found=2020-01-01 seized=2020-02-01 control=1 reason=1 source=1 detox=2 kinds=01,02 crimes=无 methadone=否 record=否"; }
released() { echo "concern=2 help_status=1 crime_type=05 charge=盗窃罪 sentence=3年6个月 prison=江苏省某监狱 release_date=$1 recidivist=否 handover=1 handover_date=$1 placement=1 reoffend=否 lost=否 crime_act=入室盗窃 placed=是"; }
mental() { echo "danger=1 diagnosis=1 onset=2015-03-01 incidents=否 economy=3 dibao=否 treated=是 rehab=无 hospital=泰州市第四人民医院 doctor=王医生 police=李警官 cadre=赵书记 guardian=张母"; }
hiv() { echo "concern=2 route=1 crime_type=06 offences=吸毒 focus=1 treat=1 inst=姜堰区人民医院 inst_level=3"; }
org() { echo "org_name=$1 kind=4 legal_rep=王五 last_service=2026-01-10 address=桥头社区 zz_build=1"; }

# Public security: drug users.
zz record add drug --as police --unit $G $(base $P1 张三 1) $(drug) >/dev/null || zz_fail "police adds a drug user"
zz record update drug $P1 --as police status=3 || zz_fail "police edits its drug user"
zz_refused "justice adds a drug user" zz record add drug --as justice --unit $G $(base $P2 李四 2) $(drug)
zz_refused "justice edits a drug user" zz record update drug $P1 --as justice status=1
zz_refused "justice views a drug user" zz record get drug $P1 --as justice

# Justice: released prisoners.
zz record add released --as justice --unit $G $(base $P2 李四 2) $(released 2026-03-01) >/dev/null ||
	zz_fail "justice adds a released prisoner"
zz record update released $P2 --as justice placement=2 || zz_fail "justice edits its released prisoner"
zz_refused "police adds a released prisoner" zz record add released --as police --unit $G $(base $P3 王五 3) $(released 2026-03-01)
zz_refused "police edits a released prisoner" zz record update released $P2 --as police placement=1

# Health: mental patients; HIV carriers are shared by public security and health.
zz record add mental --as health --unit $G $(base $P3 王五 3) $(mental) >/dev/null || zz_fail "health adds a patient"
zz_refused "police adds a mental patient" zz record add mental --as police --unit $G $(base $P4 赵六 4) $(mental)
zz record add hiv --as police --unit $G $(base $P4 赵六 4) $(hiv) >/dev/null || zz_fail "police adds an HIV carrier"
zz record update hiv $P4 --as health treat=2 || zz_fail "health edits an HIV carrier"
zz_refused "justice edits an HIV carrier" zz record update hiv $P4 --as justice treat=1

# Civil affairs: social organizations; public security may not.
zz record add social_org --as civil --unit $G $(org 桥头社区志愿者协会) >/dev/null || zz_fail "civil adds an organization"
zz_refused "police adds an organization" zz record add social_org --as police --unit $G $(org 另一个协会)

# Offices: their own types, and view only of the departments' lines.
out=$(zz record get drug $P1 --as village) || zz_fail "the village office views a drug user"
zz_has "village views drug" '^吸毒状态	社区戒毒$' "$out"
zz_refused "the village office edits a drug user" zz record update drug $P1 --as village status=1
zz record add zz_office_staff --as county --unit 321204 name=周七 sex=1 phone=13800000000 duty=综治办主任 doc_date=2026-01-05 >/dev/null ||
	zz_fail "the county office adds its staff"
zz_refused "police adds office staff" zz record add zz_office_staff --as police --unit 321204 name=周八 sex=1 phone=13800000001 duty=副主任 doc_date=2026-01-05

# Shared lines: rental houses are the offices' and public security's (4.2.2 c, 4.4.2 b).
rental() { echo "house_no=$1 addr_no=A1 address=桥头社区$1号 building=桥头小区 building_use=1 built_year=2005 structure=2 layout=3 house_use=1 source=2 owner=房东 owner_id_type=111 owner_id_no=$P4 owner_phone=13900000000 owner_address=桥头社区 rent_use=1 concern=3 hazard=0 tenant_name=张三 tenant_idnum=$P1 tenant_phone=13911111111 lease_no=ZL001 lease_start=2026-01-01 safe_exit=有 fire_exit=有 pledge=是"; }
zz record add rental --as village --unit $G $(rental R001) >/dev/null || zz_fail "the village office adds a rental house"
zz record add rental --as police --unit $G $(rental R002) >/dev/null || zz_fail "police adds a rental house"
zz_refused "health adds a rental house" zz record add rental --as health --unit $G $(rental R003)

# Scope (R-AC-1): another village's office cannot touch this village's records.
zz_refused "another village edits this rental house" zz record update rental R001 --as village2 concern=1
echo "ok"
