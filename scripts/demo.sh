#!/bin/sh
# make demo: create the demo database under var/ if there is none, then show what it holds.
set -e
cd "$(dirname "$0")/.."
ZZ=bin/zongzhi
home=var/db
mkdir -p var
if [ ! -f "$home/meta.db" ]; then
	echo "建立演示数据库 $home ..."
	$ZZ --home "$home" init --demo --persons "${DEMO_PERSONS:-2000}" --seed "${DEMO_SEED:-1}"
else
	echo "演示数据库已存在：$home（删除 var/ 可重建）"
	$ZZ --home "$home" unit list 321204 | head -5
fi
