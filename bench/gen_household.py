#!/usr/bin/env python3
"""Write N household (户籍人口) rows as CSV, the shape `zongzhi export household` writes:
valid and distinct ID numbers (GB 11643 check digit), grids of the demo unit tree, code-table
labels. Deterministic: the same N gives the same file. Usage: gen_household.py N ROOT > FILE"""
import datetime
import os
import sys

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def check_char(first17):
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, W)) % 11]


def labels(root, name):
    out = []
    with open(os.path.join(root, "db", "codes", name + ".tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            out.append(line.rstrip("\n").split("\t")[1])
    return out


def lines(root, name):
    with open(os.path.join(root, "db", "demo", name), encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def main():
    n = int(sys.argv[1])
    root = sys.argv[2]
    grids = []
    with open(os.path.join(root, "db", "demo", "units.tsv"), encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) >= 3 and p[2] == "grid":
                grids.append(p[0])
    sur, given = lines(root, "surnames.txt"), lines(root, "given.txt")
    eth, mar, pol, edu, rel = (labels(root, x) for x in ("ethnicity", "marital", "political", "education", "religion"))
    occ, hk, relation, housing = (labels(root, x) for x in ("occupation", "hukou_status", "relation", "housing_kind"))
    base = datetime.date(1940, 1, 1)
    span = 70 * 365
    out = sys.stdout
    out.write("所属单位,身份证号,姓名,曾用名,性别,出生日期,民族,籍贯,婚姻状况,政治面貌,学历,宗教信仰,职业类别,职业,"
              "服务处所,联系方式,户籍地,户籍门（楼）详址,现住地,现住门（楼）详址,人户情况,户号,户主身份证号,"
              "与户主关系,人户分离去向,住所类型,房屋编号,住房情况说明\n")
    head = ""
    for i in range(n):
        # Distinct ID numbers: the day of birth and the sequence number together encode i.
        h = (i * 2654435761) % (span * 1000)
        day, seq = h % span, h // span
        born = base + datetime.timedelta(days=day)
        id17 = "321204%s%03d" % (born.strftime("%Y%m%d"), seq)
        idnum = id17 + check_char(id17)
        if i % 4 == 0:
            head = idnum
        r = (i * 7919) & 0xFFFFFFF
        name = sur[r % len(sur)] + given[(r >> 7) % len(given)] + (given[(r >> 13) % len(given)] if r & 1 else "")
        sex = "男" if int(id17[16]) % 2 else "女"
        grid = grids[i % len(grids)]
        phone = "1%d%09d" % (3 + r % 7, (r * 31) % 1000000000)
        addr = "姜堰区%d组%d号" % (1 + r % 12, 1 + r % 80)
        row = [grid, idnum, name, "", sex, born.isoformat(), eth[r % 8], "江苏泰州", mar[r % len(mar)],
               pol[r % len(pol)], edu[r % len(edu)], rel[0], occ[r % len(occ)], "", "", phone, "江苏省泰州市",
               addr, "江苏省泰州市", addr, hk[r % len(hk)], "%08d" % (i // 4), head,
               relation[0] if i % 4 == 0 else relation[2 + r % 5], "", housing[r % len(housing)], "H%07d" % (i // 4),
               ""]
        out.write(",".join(row) + "\n")


main()
