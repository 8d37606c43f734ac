#!/bin/sh
# A list's search (/) at 80x24: a regular expression or an ID number that is wrong is refused under
# the prompt in Chinese, and the text stays there to be corrected (the try-out of 2026-12-05: the
# prompt closed, the text was gone, the reason ended in PCRE2's English); corrected, it searches.
. "$(dirname "$0")/lib.sh"
zz_setup
zz_demo 20
name=$(zz record list household --as town | awk -F'\t' 'NR == 2 { print $4 }')
[ -n "$name" ] || zz_fail "no household in the town"

zz_tui_start xterm-256color 80 24
zz_login town
zz_open_list 户籍人口
zz_keys /
zz_expect "搜索（姓名开头"
zz_type "/($name"
zz_keys Enter
# Where, counted in characters as typed (/, (, the name), not in bytes: just after the name.
zz_expect "正则表达式有误（第 $(($(printf '%s' "$name" | LC_ALL=C.UTF-8 wc -m) + 3)) 个字符附近）"
zz_expect "请检查括号是否成对（改后回车，Esc 放弃）"
zz_expect "：/($name"
zz_lacks "the reason in Chinese" "missing|parenthesis" "$(zz_screen)"
zz_keys End
zz_type ")"
zz_keys Enter
zz_expect "搜索:/($name)"
zz_gone "正则表达式有误"
zz_expect " $name "
# An ID number with a wrong check digit: refused, kept.
zz_keys /
zz_expect "搜索（姓名开头"
zz_type "321204198001010110"
zz_keys Enter
zz_expect "身份证号校验位不对"
zz_expect "：321204198001010110"
zz_keys Escape
zz_gone "身份证号校验位不对"
zz_expect "搜索:/($name)"
zz_tui_clean
zz_quit
echo "ok ui_list_search"
