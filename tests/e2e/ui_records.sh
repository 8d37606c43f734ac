#!/bin/sh
# The curses UI over a real terminal (tmux): log in, add a household record (a wrong ID number is
# refused beside the field, fixed, saved), find it by search; another village cannot see it
# (R-AC-1); the read-only leader account gets a read-only form.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 50

search() {
	zz_keys /
	zz_expect "搜索（"
	zz_type "$1"
	zz_keys Enter
}

# --- the village office adds a household record ---
zz_tui_start xterm-256color 80 24
zz_login village
zz_expect "桥头社区"
zz_open_list 户籍人口
zz_keys a
zz_expect "户籍人口 > 新增"
zz_expect "所属单位：桥头社区"
zz_keys Tab
zz_type 32120419800101001X
zz_keys Tab
zz_expect "身份证号校验位不对"
zz_screen | grep -F "身份证号：32120419800101001X" >/dev/null || zz_fail "the wrong ID number was not kept"
zz_keys BTab C-u
zz_type 321204198001010015
zz_keys Tab
zz_expect "1980-01-01"
zz_absent "校验位不对"
zz_type 张三丰
zz_keys Tab Tab
zz_type 汉
zz_expect "汉族"
zz_keys Enter
zz_expect "民族：汉族"
# Save with required fields empty: the cursor goes to each in turn, nothing typed is lost.
zz_keys F2
zz_expect "现住门（楼）详址是必填项"
zz_expect "姓名：张三丰"
zz_type "姜堰区桥头社区3组5号"
zz_keys C-s
zz_expect "人户情况是必填项"
zz_keys Enter
zz_expect "选择人户情况"
zz_keys Enter
zz_keys F2
zz_expect "与户主关系是必填项"
zz_keys Enter
zz_expect "选择与户主关系"
zz_keys Enter F2
zz_expect "住所类型是必填项"
zz_keys Enter
zz_expect "选择住所类型"
zz_keys Enter F2
zz_expect "已保存"
zz_expect "户籍人口 > 张三丰"
# The title line names the record number (a task's feedback names records by it).
no=$(zz_screen | sed -n 's/.*户籍人口记录号 \([0-9]*\)）.*/\1/p' | head -1)
[ -n "$no" ] || zz_fail "the saved message names the record number"
zz_expect "户籍人口 > 张三丰  记录号 $no"
zz_keys Escape
zz_expect "张三丰"
# Find it by name prefix, then by ID number; the ID number is masked in the list.
zz_keys r
search 张三
zz_expect "共 1 条"
zz_expect "321204********0015 张三丰"
zz_keys r
search 321204198001010015
zz_expect "搜索:321204198001010015"
zz_expect "共 1 条"
zz_expect "张三丰"
# A pattern over the listed columns.
zz_keys r
search "/张.丰"
zz_expect "共 1 条"
# Sensitive columns are masked; m shows one row in full (the office may) and is audited.
zz_keys m
zz_expect "321204198001010015 张三丰"
zz_expect "已记入审计日志"
# p: everything about this person.
zz_keys p
zz_expect "人员查询"
zz_expect "户籍人口"
zz_expect "人员基本信息"
zz_keys Escape
zz_expect "单位:全部"
zz_keys Escape
# A role of a person already known fills the person's base information.
zz_open_list 流动人口
zz_keys a
zz_expect "流动人口 > 新增"
zz_keys Tab
zz_type 321204198001010015
zz_keys Tab
zz_expect "此人已登记，已带出基本信息"
zz_expect "姓名：张三丰"
zz_expect "现住门（楼）详址：姜堰区桥头社区3组5号"
zz_keys Escape
zz_expect "放弃未保存的修改？"
zz_keys y
zz_expect "单位:全部"
zz_tui_quit
zz audit show --user village --as auditor | grep -q "unmask" || zz_fail "no audit entry for the unmask"

# --- another village does not see it (R-AC-1) ---
zz_tui_start xterm-256color 80 24
zz_login village2
zz_expect "东港村"
zz_open_list 户籍人口
search 张三
zz_expect "共 0 条"
zz_absent "张三丰"
zz_keys Escape
zz_expect "主菜单"
zz_keys /
zz_type 人员查询
zz_keys Enter Enter
zz_expect "身份证号或姓名："
zz_type 321204198001010015
zz_keys Enter
zz_expect "没有找到身份证号"
zz_keys q
zz_expect "退出系统？"
zz_keys y
zz_expect "[exit 0]"

# --- the leader sees it read-only ---
zz_tui_start xterm-256color 80 24
zz_login leader
zz_open_list 户籍人口
search 张三
zz_expect "张三丰"
zz_keys Enter
zz_expect "张三丰（只读）"
zz_absent "e修改"
zz_keys e
zz_expect "只读：领导（只读）无权修改户籍人口"
zz_expect "查看"
zz_keys Escape
zz_expect "共 1 条"
zz_tui_quit

# The saves went through the service layer: the audit log has the add.
zz audit show --user village --as auditor | grep -q "add.*household" || zz_fail "no audit entry for the add"
zz_tui_clean
echo "ok ui_records"
