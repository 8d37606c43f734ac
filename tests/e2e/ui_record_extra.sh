#!/bin/sh
# The record form's extra rows (issue 6) in the curses UI: a released prisoner entered late shows
# the late mark with its deadline (R-EN-2); a drug user who is also a tenant shows the tenancy,
# which Enter opens; v adds a service record (走访) for the open person with the subject filled in,
# and the visit then shows among the person's rows.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_tree
G=321204001001001
P1=$(zz_idnum 19800101 011)
P2=$(zz_idnum 19750505 022)
P3=$(zz_idnum 19700303 033)
zz record add drug --as police --unit $G idnum=$P1 name=张三 ethnicity=01 live_address=桥头社区1号 concern=2 status=1 first_found=2020-01-01 seized=2020-02-01 control=1 reason=1 source=1 detox=2 kinds=海洛因、氯胺酮（K粉） crimes=无 methadone=否 record=否 >/dev/null ||
	zz_fail "drug user"
zz record add rental --as village --unit $G house_no=R001 addr_no=A1 address=桥头社区8号 building=桥头小区 building_use=1 built_year=2005 structure=2 layout=3 house_use=1 source=2 owner=房东甲 owner_id_type=111 owner_id_no=$P2 owner_phone=13900000000 owner_address=桥头社区 rent_use=1 concern=3 hazard=0 tenant_name=李四 tenant_idnum=$P2 tenant_phone=13911111111 lease_no=ZL001 lease_start=2026-01-01 safe_exit=有 fire_exit=有 pledge=是 >/dev/null ||
	zz_fail "rental house"
zz record add rental_tenant --as village --unit $G house_no=R001 tenant_name=张三 tenant_idnum=$P1 tenant_phone=13922222222 relation=合租 lease_start=2026-02-01 >/dev/null ||
	zz_fail "tenant"
# R-EN-2: released on 2026-03-02, entered on the 6th: late (by the 5th).
zz_at '2026-03-06 08:30:00' record add released --as justice --unit $G idnum=$P3 name=王五 ethnicity=01 live_address=桥头社区3号 concern=2 help_status=1 crime_type=05 charge=盗窃罪 sentence=3年6个月 prison=江苏省某监狱 release_date=2026-03-02 recidivist=否 handover=1 handover_date=2026-03-02 placement=1 reoffend=否 lost=否 crime_act=入室盗窃 placed=是 >/dev/null ||
	zz_fail "released"

# Open the first record of the list of TYPE (a menu entry) as the current account.
open_first() {
	zz_menu
	zz_keys /
	zz_type "$1"
	zz_keys Enter Enter
	zz_expect " 共 1 条"
	zz_keys Enter
	zz_expect "$1 > "
}

zz_tui_start xterm-256color 80 24
zz_login village "$ZZ_PASS"

# The late mark, at the end of the form.
open_first 刑满释放人员
zz_keys End
zz_expect "【附加信息】"
zz_expect "录入超时"
zz_expect "是（应于 2026-03-05 前录入）"
zz_keys Escape Escape
zz_expect "主菜单"

# The drug user: the tenancy among the extra rows; Enter opens it.
open_first 吸毒人员
zz_keys End
zz_expect "相关（出租房承租人）"
zz_expect "相关（出租房承租人）：张三（桥头社区第1网格）"
zz_absent "rental_tenant:"
line=$(zz_screen | grep -n -F "相关（出租房承租人）" | head -1 | cut -d: -f1)
cur=$(zz_screen | grep -n '^>' | head -1 | cut -d: -f1)
while [ "$cur" -gt "$line" ]; do
	zz_keys Up
	cur=$((cur - 1))
done
zz_keys Enter
zz_expect "出租房承租人 > 张三"
zz_keys End
zz_expect "关联（住房编号）：出租房 桥头社区8号"
zz_keys Escape
zz_expect "吸毒人员 > 张三"

# v: a visit for this person, the subject and the date filled in.
zz_keys v
zz_expect "服务记录 > 新增"
zz_expect "吸毒人员"
zz_expect "$(zz_date +%Y-%m-%d)"
# Filled in but masked: the form is no way around masking (issue 12 part 4).
zz_screen | grep -q "$(echo "$P1" | cut -c1-6)\*\{8\}$(echo "$P1" | cut -c15-18)" || zz_fail "subject's ID number not filled in"
zz_absent "$P1"
# From the unit field: Tab to 服务人员 (对象类型, 身份证号, 记录号, 日期 are filled or optional).
zz_keys Tab Tab Tab Tab Tab
zz_type "李网格员"
zz_keys Tab
zz_type "上门"
zz_keys Enter
zz_type "了解近况"
zz_keys Tab
zz_type "情况稳定"
zz_keys F2
zz_expect "已保存（服务记录记录号"
zz_keys Escape
zz_expect "吸毒人员 > 张三"
zz_keys End
zz_expect "相关（服务记录）"
zz_expect "上门走访"
zz_quit

out=$(zz record list service_record --as village)
zz_has "the visit names the drug user" "	吸毒人员	" "$out"
zz_has "the CLI shows the tenancy too" '^相关（出租房承租人）	rental_tenant:1 张三' "$(zz record get drug "$P1" --as village)"
zz_tui_clean
echo "ok"
