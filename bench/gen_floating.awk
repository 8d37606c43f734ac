# gen_floating.awk — synthetic floating-population rows, as the public-security system exports
# them (police_floating.cfg's header), or in our own export format (native=1).
# Usage: awk -v n=ROWS [-v seed=S] [-v native=1] [-v unroutable=PCT] [-v bad=PCT] -f gen_floating.awk units.tsv
# ID numbers are unique and valid, except BAD percent with a wrong check digit (to be rejected);
# addresses name a township and a village of the tree, except UNROUTABLE percent.
BEGIN {
	FS = "\t"
	if (seed == "") seed = 1
	srand(seed)
	split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", W, " ")
	split("1 0 X 9 8 7 6 5 4 3 2", C, " ")
	split("王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗", SUR, " ")
	split("伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 霞 平 刚 桂 英 华", GIV, " ")
	split("租住 自购房 单位宿舍 工地 借住 其他", HOUSE, " ")
	split("务工 经商 务农 随迁 投亲 学习 其他", WHY, " ")
	split("汉族 汉族 汉族 汉族 回族 壮族 满族 苗族", ETH, " ")
}
$3 == "township" { town[$1] = $4 }
$3 == "village" { nv++; vcode[nv] = $1; vname[nv] = $4; vtown[nv] = $2 }
$3 == "grid" { ng[$2]++; grid[$2, ng[$2]] = $1 }
function idnum(i,    d, y, m, dd, s, sum, k, body) {
	d = i % 18000
	y = 1950 + int(d / 336); m = 1 + int((d % 336) / 28); dd = 1 + d % 28
	
	s = int(i / 18000)
	body = sprintf("321204%04d%02d%02d%03d", y, m, dd, s % 1000)
	sum = 0
	for (k = 1; k <= 17; k++) sum += substr(body, k, 1) * W[k]
	return body C[sum % 11 + 1]
}
function pick(a, n) { return a[1 + int(rand() * n)] }
END {
	if (native)
		print "所属单位,身份证号,姓名,民族,联系方式,现住门（楼）详址,住所类型,流入原因,流入日期,登记日期,是否重点关注人员"
	else
		print "公民身份号码,姓名,性别,民族,联系电话,户籍地详址,现住地址,居住处所,流入原因,流入时间,登记时间,居住证件,居住证号,是否重点人员,录入民警"
	for (i = 1; i <= n; i++) {
		v = 1 + int(rand() * nv)
		g = grid[vcode[v], 1 + int(rand() * ng[vcode[v]])]
		name = pick(SUR, 20) pick(GIV, 24) (rand() < 0.5 ? pick(GIV, 24) : "")
		addr = "姜堰区" town[vtown[v]] vname[v] int(1 + rand() * 20) "组" int(1 + rand() * 90) "号"
		if (rand() * 100 < unroutable) addr = "外地某某路" int(rand() * 999) "号"
		phone = sprintf("1%d%09d", 3 + int(rand() * 7), int(rand() * 1000000000))
		inflow = sprintf("%04d%02d%02d", 2015 + int(rand() * 10), 1 + int(rand() * 12), 1 + int(rand() * 28))
		reg = sprintf("2025-%02d-%02d", 1 + int(rand() * 12), 1 + int(rand() * 28))
		id = idnum(i)
		if (rand() * 100 < bad) id = substr(id, 1, 17) (substr(id, 18) == "1" ? "2" : "1")
		if (native)
			printf "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", g, id, name, pick(ETH, 8), phone, addr,
			    "租赁房屋", "务工", inflow, reg, "否"
		else
			printf "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", id, name, "", pick(ETH, 8), phone,
			    "河南省某县某村", addr, pick(HOUSE, 6), pick(WHY, 7), inflow, reg, "居住证",
			    sprintf("JZ%08d", i), (rand() < 0.02 ? "是" : "否"), "民警" int(rand() * 50)
	}
}
