#!/bin/sh
# Visits: a severe mental disorder patient is visited each month (R-SV-1), a social organization
# served every half year (R-SV-2); the daemon, run at chosen dates under libfaketime, puts a visit
# coming due and an overdue visit in the unit's to-do list; a service record (R-SV-4) clears it.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_tree
G=321204001001001
P1=$(zz_idnum 19800101 011)
base() { echo "idnum=$1 name=$2 ethnicity=01 live_address=桥头社区$3号"; }
mental="danger=1 diagnosis=1 onset=2015-03-01 incidents=否 economy=3 dibao=否 treated=是 rehab=无 hospital=泰州市第四人民医院 doctor=王医生 police=李警官 cadre=赵书记 guardian=张母"

zz_at '2026-01-10 09:00:00' record add mental --as health --unit $G $(base $P1 王五 1) $mental >/dev/null || zz_fail "add patient"
zz_has "visit due shown" '^走访期限	2026-02-10$' "$(zz record get mental $P1 --as health)"

# Before the reminder window: nothing.
zz_at '2026-02-01 06:00:00' daemon --once || zz_fail "daemon"
zz_lacks "nothing yet" 'mental:' "$(zz todo --as village)"
# Five days before (remind_days): coming due, as information.
zz_at '2026-02-05 06:00:00' daemon --once || zz_fail "daemon"
out=$(zz todo --as village)
zz_has "coming due" '^预警	.*	visit	mental:1	严重精神障碍患者 王五：即将到期（请于 2026-02-10 前）' "$out"
# The day after the deadline: overdue, for the village office, the township and health, not for
# another village or for justice (not its line).
zz_at '2026-02-11 06:00:00' daemon --once || zz_fail "daemon"
zz_at '2026-02-11 06:05:00' daemon --once || zz_fail "daemon again"
out=$(zz todo --as village)
zz_has "overdue (R-SV-1)" '^逾期	2026-02-11 00:00:00	visit	mental:1	严重精神障碍患者 王五：走访已逾期（应于 2026-02-10 前），每 1 个月至少走访 1 次$' "$out"
[ "$(printf '%s\n' "$out" | grep -c 'mental:1')" = 1 ] || zz_fail "one reminder per patient, passes are idempotent"
zz_has "health sees it" 'mental:1' "$(zz todo --as health)"
zz_has "the county sees it" 'mental:1' "$(zz todo --as county)"
zz_lacks "another village does not" 'mental:1' "$(zz todo --as village2)"
zz_lacks "justice does not" 'mental:1' "$(zz todo --as justice)"

# A visit: a service record names the patient by ID number; the reminder goes, the clock restarts.
visit="subject_type=mental subject_idnum=$P1 staff=王医生、李警官 method=1 content=上门随访，服药正常 result=病情稳定"
zz_refused "a service record naming nobody" zz record add service_record --as health --unit $G subject_type=mental day=2026-02-12 $(echo "$visit" | cut -d' ' -f3-)
zz_refused "a record number for a person" zz record add service_record --as health --unit $G $visit subject_no=1 day=2026-02-12
zz_refused "justice may not serve a patient it cannot see" zz record add service_record --as justice --unit $G $visit day=2026-02-12
zz_at '2026-02-12 10:00:00' record add service_record --as health --unit $G $visit day=2026-02-12 >/dev/null || zz_fail "visit"
zz_lacks "visit clears the reminder" 'mental:1' "$(zz todo --as village)"
zz_has "next visit" '^走访期限	2026-03-12$' "$(zz record get mental $P1 --as health)"
zz_has "the person view shows the visit" '^\[服务记录\]' "$(zz person show $P1 --as health)"
zz_at '2026-03-13 06:00:00' daemon --once || zz_fail "daemon"
zz_has "overdue again a month later" '走访已逾期（应于 2026-03-12 前）' "$(zz todo --as village)"

# R-SV-2: a social organization last served on 2026-01-10 is due by 2026-07-10; a service record
# by civil affairs keeps its 最新服务时间 current.
id=$(zz_at '2026-01-20 09:00:00' record add social_org --as civil --unit $G org_name=桥头社区志愿者协会 kind=4 legal_rep=王五 last_service=2026-01-10 address=桥头社区 zz_build=1) || zz_fail "org"
zz_at '2026-07-11 06:00:00' daemon --once || zz_fail "daemon"
zz_has "org overdue (R-SV-2)" "social_org:$id	社会组织 桥头社区志愿者协会：走访已逾期（应于 2026-07-10 前），每 6 个月至少走访 1 次$" "$(zz todo --as civil)"
zz_at '2026-07-12 10:00:00' record add service_record --as civil --unit $G subject_type=social_org subject_no="$id" day=2026-07-12 staff=民政办 method=1 content=年度走访 result=运行正常 >/dev/null ||
	zz_fail "serve the organization"
out=$(zz record get social_org "$id" --as civil)
zz_has "latest service kept" '^最新服务时间	2026-07-12$' "$out"
zz_has "next half year" '^走访期限	2027-01-12$' "$out"
zz_lacks "org reminder cleared" "social_org:$id" "$(zz todo --as civil)"
echo "ok"
