/* unit.c — the unit tree, stored one unit per row of units.db, held in memory by each process. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dupidx.h"
#include "validate.h"

const char *const unit_level_zh[LV__COUNT] = {
	[LV_PROVINCE] = "省",	   [LV_CITY] = "市",	 [LV_COUNTY] = "县（市、区）",
	[LV_TOWNSHIP] = "乡镇（街道）", [LV_VILLAGE] = "村（社区）", [LV_GRID] = "网格",
	[LV_DEPT] = "成员单位",
};

static const char *const unit_level_id[LV__COUNT] = {
	[LV_PROVINCE] = "province", [LV_CITY] = "city",	    [LV_COUNTY] = "county", [LV_TOWNSHIP] = "township",
	[LV_VILLAGE] = "village",   [LV_GRID] = "grid",	    [LV_DEPT] = "dept",
};

const char *unit_level_name(int level)
{
	return level > 0 && level < LV__COUNT ? unit_level_id[level] : "";
}

int unit_level_parse(const char *s)
{
	for (int i = 1; i < LV__COUNT; i++)
		if (strcmp(s, unit_level_id[i]) == 0 || strcmp(s, unit_level_zh[i]) == 0)
			return i;
	return -1;
}

#define UNITS_VERSION_KEY "units:version"

static void unit_clear(struct unit *u)
{
	free(u->code);
	free(u->name);
	free(u->parent);
	free(u->dept);
	free(u->path);
}

static int unit_decode(struct unit *u, const char *code, const char *val, size_t n)
{
	char *s = xstrndup(val, n);
	char *parts[5];
	int k = str_split(s, '\t', parts, 5);
	if (k != 5) {
		free(s);
		return errmsg_set(ZZ_EDB, "单位 %s 的记录已损坏", code);
	}
	u->code = xstrdup(code);
	u->name = xstrdup(parts[0]);
	u->parent = xstrdup(parts[1]);
	u->level = atoi(parts[2]);
	u->dept = xstrdup(parts[3]);
	u->path = xstrdup(parts[4]);
	free(s);
	return 0;
}

static int unit_write(struct store *st, DB_TXN *txn, const struct unit *u)
{
	char *val = xasprintf("%s\t%s\t%d\t%s\t%s", u->name, u->parent, u->level, u->dept ? u->dept : "",
			      u->path);
	int rc = store_put(store_db(st, DBI_UNITS), txn, u->code, strlen(u->code), val, strlen(val));
	free(val);
	return rc;
}

int units_version(struct store *st, DB_TXN *txn, uint64_t *out)
{
	/* Outside a transaction, read without waiting for locks: the caller may itself hold a write lock
	 * on the meta page in an open transaction (counters live there), and a version read early only
	 * makes the tree reload once more. */
	unsigned char buf[8];
	char kbuf[] = UNITS_VERSION_KEY; /* writable: Berkeley DB returns the key into it */
	DBT key = {.data = kbuf, .size = (u_int32_t)strlen(kbuf), .ulen = (u_int32_t)strlen(kbuf),
		   .flags = DB_DBT_USERMEM};
	DBT val = {.data = buf, .ulen = sizeof buf, .flags = DB_DBT_USERMEM};
	DB *meta = store_db(st, DBI_META);
	*out = 0;
	if (!meta)
		return ZZ_EDB;
	int dbrc = meta->get(meta, txn, &key, &val, txn ? 0 : DB_READ_UNCOMMITTED);
	*out = dbrc == 0 && val.size == 8 ? be64_get(buf) : 0;
	return dbrc == DB_NOTFOUND ? 0 : store_err(dbrc, "读取");
}

static int units_bump(struct store *st, DB_TXN *txn)
{
	uint64_t v = 0;
	int rc = store_next_id(st, txn, "units", &v);
	if (rc < 0)
		return rc;
	unsigned char be[8];
	be64_put(be, v);
	return store_put(store_db(st, DBI_META), txn, UNITS_VERSION_KEY, strlen(UNITS_VERSION_KEY), be, 8);
}

int units_load(struct store *st, DB_TXN *txn, struct units **out)
{
	struct units *u = xcalloc(1, sizeof *u);
	int rc = units_version(st, txn, &u->version);
	DBC *c = NULL;
	if (rc == 0) {
		DB *db = store_db(st, DBI_UNITS);
		rc = db ? store_err(db->cursor(db, txn, &c, txn ? 0 : DB_READ_UNCOMMITTED), "单位表") : ZZ_EDB;
	}
	int cap = 0;
	DBT key = {0}, val = {0};
	while (rc == 0) {
		int dbrc = c->get(c, &key, &val, DB_NEXT);
		if (dbrc == DB_NOTFOUND)
			break;
		if (dbrc) {
			rc = store_err(dbrc, "单位表");
			break;
		}
		if (u->n == cap) {
			cap = cap ? cap * 2 : 64;
			u->v = xrealloc(u->v, (size_t)cap * sizeof *u->v);
		}
		char *code = xstrndup(key.data, key.size);
		memset(&u->v[u->n], 0, sizeof u->v[u->n]);
		rc = unit_decode(&u->v[u->n], code, val.data, val.size);
		free(code);
		if (rc == 0)
			u->n++;
	}
	if (c)
		c->close(c);
	if (rc < 0) {
		units_free(&u);
		return rc;
	}
	*out = u;
	return 0;
}

void units_free(struct units **up)
{
	struct units *u = *up;
	if (!u)
		return;
	for (int i = 0; i < u->n; i++)
		unit_clear(&u->v[i]);
	free(u->v);
	free(u);
	*up = NULL;
}

const struct unit *units_find(const struct units *u, const char *code)
{
	int lo = 0, hi = u ? u->n - 1 : -1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		int c = strcmp(u->v[mid].code, code);
		if (c == 0)
			return &u->v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

bool units_under(const struct units *u, const char *code, const char *ancestor)
{
	const struct unit *a = units_find(u, ancestor), *x = units_find(u, code);
	return a && x && str_prefix(x->path, a->path);
}

const struct unit *units_at_level(const struct units *u, const char *code, int level)
{
	const struct unit *x = units_find(u, code);
	while (x && x->level != level)
		x = *x->parent ? units_find(u, x->parent) : NULL;
	return x;
}

char *units_fullname(const struct units *u, const char *code)
{
	const struct unit *chain[16];
	int n = 0;
	for (const struct unit *x = units_find(u, code); x && n < 16; x = *x->parent ? units_find(u, x->parent) : NULL)
		chain[n++] = x;
	struct sb sb;
	sb_init(&sb);
	/* Leave out the province and city: people name units from the county down. */
	for (int i = n - 1; i >= 0; i--)
		if (chain[i]->level >= LV_COUNTY || i == 0)
			sb_adds(&sb, chain[i]->name);
	if (!sb.len)
		sb_adds(&sb, code);
	return sb_steal(&sb);
}

const char *units_short_name(const struct units *u, const char *base, const char *name)
{
	const struct unit *b = base ? units_find(u, base) : NULL;
	if (!b || !name)
		return name;
	const struct unit *p = strcmp(name, b->name) ? b : *b->parent ? units_find(u, b->parent) : NULL;
	size_t n = p ? strlen(p->name) : 0;
	/* Never nothing: a name equal to the prefix stays whole. */
	return n && !strncmp(name, p->name, n) && name[n] ? name + n : name;
}

static int unit_name_check(const char *name)
{
	/* Shown on terminals and in logs: no control character, bidi override or invalid UTF-8. */
	if (str_empty(name) || str_has_unsafe(name))
		return errmsg_set(ZZ_EINVAL, "单位名称不能为空，也不能含控制字符（制表符、换行等）");
	if (utf8_chars(name) > 40)
		return errmsg_set(ZZ_EINVAL, "单位名称最多 40 个字");
	return 0;
}

int unit_add(struct store *st, DB_TXN *txn, const struct units *u, const char *code, const char *name,
	     const char *parent, int level, const char *dept)
{
	if (!unit_code_valid(code))
		return errmsg_set(ZZ_EINVAL,
				  "单位代码 “%s” 不合规：应为 2 到 18 位数字（部门为 上级代码-部门，部门是最多 16 个小写字母，如 321204-police）",
				  code);
	int rc = unit_name_check(name);
	if (rc < 0)
		return rc;
	if (units_find(u, code))
		return errmsg_set(ZZ_EEXIST, "单位代码 %s 已存在", code);
	const struct unit *p = str_empty(parent) ? NULL : units_find(u, parent);
	if (!str_empty(parent) && !p)
		return errmsg_set(ZZ_ENOENT, "上级单位 %s 不存在", parent);
	if (!p && u->n > 0)
		return errmsg_set(ZZ_EINVAL, "已有根单位，新单位必须指定上级（--parent）");
	if (p && p->level == LV_DEPT)
		return errmsg_set(ZZ_EINVAL, "成员单位之下不能再设单位");
	if (level <= 0)
		level = dept ? LV_DEPT : (p ? p->level + 1 : LV_CITY);
	if (level == LV_DEPT && str_empty(dept))
		return errmsg_set(ZZ_EINVAL, "成员单位需要指定部门（--dept）");
	if (level != LV_DEPT && p && level <= p->level)
		return errmsg_set(ZZ_EINVAL, "下级单位的层级必须低于上级（%s）", unit_level_zh[p->level]);
	if (level >= LV__COUNT)
		return errmsg_set(ZZ_EINVAL, "网格之下不能再设单位");
	struct unit nu = {
		.code = (char *)code,
		.name = (char *)name,
		.parent = (char *)(p ? p->code : ""),
		.dept = (char *)(level == LV_DEPT ? dept : ""),
		.level = level,
	};
	nu.path = xasprintf("%s%s/", p ? p->path : "", code);
	rc = unit_write(st, txn, &nu);
	free(nu.path);
	return rc == 0 ? units_bump(st, txn) : rc;
}

int unit_rename(struct store *st, DB_TXN *txn, const struct units *u, const char *code, const char *name)
{
	const struct unit *x = units_find(u, code);
	if (!x)
		return errmsg_set(ZZ_ENOENT, "单位 %s 不存在", code);
	int rc = unit_name_check(name);
	if (rc < 0)
		return rc;
	struct unit nu = *x;
	nu.name = (char *)name;
	rc = unit_write(st, txn, &nu);
	return rc == 0 ? units_bump(st, txn) : rc;
}

/* Re-key the unit index rows of one record type from OLDP to NEWP: each row (key then id, as
 * dupidx.h) removed by the cursor, then added under the new path. */
static int unit_move_index(struct store *st, DB_TXN *txn, const char *type, const char *oldp, const char *newp)
{
	DB *db = store_db(st, DBI_IDX_UNIT);
	if (!db)
		return ZZ_EDB;
	DBC *c = NULL;
	struct sb pre, row;
	sb_init(&pre);
	sb_init(&row);
	sb_add(&pre, type, strlen(type) + 1);
	sb_adds(&pre, oldp);
	int dbrc = db->cursor(db, txn, &c, 0);
	if (dbrc) {
		sb_free(&pre);
		return store_err(dbrc, "索引");
	}
	struct sb *moved = NULL;
	int nmoved = 0;
	int rc = 0;
	dbrc = dupidx_seek(c, pre.buf, pre.len, &row, DB_RMW);
	while (dbrc == 0 && row.len >= pre.len && memcmp(row.buf, pre.buf, pre.len) == 0) {
		/* Collect the new rows first: writing them now could land under the cursor again. */
		moved = xrealloc(moved, (size_t)(nmoved + 1) * sizeof *moved);
		struct sb *k = &moved[nmoved++];
		sb_init(k);
		sb_add(k, type, strlen(type) + 1);
		sb_adds(k, newp);
		sb_add(k, row.buf + pre.len, row.len - pre.len);
		dbrc = c->del(c, 0);
		if (dbrc == 0)
			dbrc = dupidx_get(c, DB_NEXT | DB_RMW, &row);
	}
	if (dbrc && dbrc != DB_NOTFOUND)
		rc = store_err(dbrc, "索引");
	c->close(c);
	for (int i = 0; i < nmoved; i++) {
		if (rc == 0)
			rc = dupidx_put(st, db, txn, moved[i].buf, moved[i].len);
		sb_free(&moved[i]);
	}
	free(moved);
	sb_free(&pre);
	sb_free(&row);
	return rc;
}

int unit_move(struct store *st, DB_TXN *txn, const struct units *u, const char *code, const char *newparent)
{
	const struct unit *x = units_find(u, code), *np = units_find(u, newparent);
	if (!x)
		return errmsg_set(ZZ_ENOENT, "单位 %s 不存在", code);
	if (!np)
		return errmsg_set(ZZ_ENOENT, "新的上级单位 %s 不存在", newparent);
	if (!strcmp(x->parent, np->code))
		return errmsg_set(ZZ_EEXIST, "单位 %s 已在%s之下", code, np->name);
	if (str_prefix(np->path, x->path))
		return errmsg_set(ZZ_EINVAL, "不能把单位移到它自己或它的下级之下");
	if (x->level != LV_DEPT && np->level >= x->level)
		return errmsg_set(ZZ_EINVAL, "新的上级必须高于%s一级以上", unit_level_zh[x->level]);
	if (np->level == LV_DEPT)
		return errmsg_set(ZZ_EINVAL, "成员单位之下不能再设单位");
	char *oldp = xstrdup(x->path);
	char *newp = xasprintf("%s%s/", np->path, x->code);
	int rc = 0;
	for (int i = 0; rc == 0 && i < u->n; i++) {
		const struct unit *y = &u->v[i];
		if (!str_prefix(y->path, oldp))
			continue;
		struct unit nu = *y;
		nu.path = xasprintf("%s%s", newp, y->path + strlen(oldp));
		if (y == x)
			nu.parent = np->code;
		rc = unit_write(st, txn, &nu);
		free(nu.path);
	}
	for (int i = 0; rc == 0 && st->schema && i < st->schema->n; i++)
		rc = unit_move_index(st, txn, st->schema->t[i]->id, oldp, newp);
	free(oldp);
	free(newp);
	return rc == 0 ? units_bump(st, txn) : rc;
}

int units_path_cmp(const void *a, const void *b)
{
	const struct unit *x = *(const struct unit *const *)a, *y = *(const struct unit *const *)b;
	return strcmp(x->path, y->path);
}
