#!/bin/sh
# make demo: create the demo database under var/ if there is none, show what it holds, and start the
# SSH server (with the daemon) in the background.
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

# Start the SSH server in the background (it starts and watches `zongzhi daemon` when
# server.start_daemon is true), unless it already runs for this database.
listen=$(sed -n 's/^[[:space:]]*listen[[:space:]]*=[[:space:]]*"\([^"]*\)".*/\1/p' conf/server.cfg)
port=${listen##*:}
host=${listen%:*}
if [ -f "$home/run/serve.pid" ] && kill -0 "$(cat "$home/run/serve.pid")" 2>/dev/null; then
	echo "SSH 服务已在运行（pid $(cat "$home/run/serve.pid")）"
else
	$ZZ --home "$home" serve
fi
echo
echo "登录演示系统：ssh -p $port village@$host    密码：Demo@2026zz"
echo "（其他演示账号：county、town、grid、police、leader，密码相同）"
echo "（管理员 admin、secadmin、auditor 要公钥加密码登录；先登记公钥，如："
echo "  $ZZ --home $home user key add admin ~/.ssh/id_ed25519.pub --as secadmin ）"
echo "停止服务：bin/zongzhi --home $home serve --stop"
