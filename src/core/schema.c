/* schema.c — load and check record types from screens/. */
#include "schema.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct ftype_info ftype_table[FT__COUNT] = {
	[FT_TEXT] = {.name = "text", .zh = "文本"},
	[FT_LONGTEXT] = {.name = "longtext", .zh = "长文本"},
	[FT_INT] = {.name = "int", .zh = "整数"},
	[FT_DECIMAL] = {.name = "decimal", .zh = "小数"},
	[FT_DATE] = {.name = "date", .zh = "日期"},
	[FT_DATETIME] = {.name = "datetime", .zh = "日期时间"},
	[FT_ENUM] = {.name = "enum", .zh = "单选", .needs_codes = true},
	[FT_MULTI] = {.name = "multi", .zh = "多选", .needs_codes = true},
	[FT_BOOL] = {.name = "bool", .zh = "是/否"},
	[FT_IDNUM] = {.name = "idnum", .zh = "身份证号"},
	[FT_PHONE] = {.name = "phone", .zh = "电话"},
	[FT_UNIT] = {.name = "unit", .zh = "单位"},
	[FT_GRID] = {.name = "grid", .zh = "网格"},
	[FT_PERSON] = {.name = "person", .zh = "人员（身份证号）"},
	[FT_ATTACH] = {.name = "attach", .zh = "附件"},
};

bool ftype_parse(const char *name, enum ftype *out)
{
	for (int i = 0; i < FT__COUNT; i++)
		if (strcmp(ftype_table[i].name, name) == 0) {
			*out = (enum ftype)i;
			return true;
		}
	return false;
}

static void field_free(struct field *f)
{
	free(f->id);
	free(f->label);
	free(f->section);
	free(f->help);
	free(f->pattern);
	free(f->ref);
	free(f->le_id);
	free(f->either);
	free(f->pick);
	if (f->re)
		pcre2_code_free(f->re);
}

static void rtype_free(struct rtype *t)
{
	if (!t)
		return;
	for (int i = 0; i < t->nf; i++)
		field_free(&t->f[i]);
	free(t->f);
	free(t->id);
	free(t->title);
	free(t->group);
	free(t->file);
	strv_free(&t->owners);
	if (t->cfg) {
		config_destroy(t->cfg);
		free(t->cfg);
	}
	free(t);
}

static int line_of(const config_setting_t *s)
{
	return s ? (int)config_setting_source_line(s) : 0;
}

/* Read a string member; returns NULL when absent, sets *bad when present but not a string. */
static const char *member_str(const config_setting_t *g, const char *name, bool *bad)
{
	const config_setting_t *m = config_setting_get_member(g, name);
	if (!m)
		return NULL;
	if (config_setting_type(m) != CONFIG_TYPE_STRING) {
		*bad = true;
		return NULL;
	}
	return config_setting_get_string(m);
}

static int member_bool(const config_setting_t *g, const char *name, bool *out)
{
	const config_setting_t *m = config_setting_get_member(g, name);
	if (!m)
		return 0;
	if (config_setting_type(m) != CONFIG_TYPE_BOOL)
		return -1;
	*out = config_setting_get_bool(m);
	return 0;
}

static int member_num(const config_setting_t *g, const char *name, bool *has, double *out)
{
	const config_setting_t *m = config_setting_get_member(g, name);
	if (!m)
		return 0;
	int t = config_setting_type(m);
	if (t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64)
		*out = (double)config_setting_get_int64(m);
	else if (t == CONFIG_TYPE_FLOAT)
		*out = config_setting_get_float(m);
	else
		return -1;
	*has = true;
	return 0;
}

static const char *const field_keys[] = {"id", "label", "type", "required", "sensitive", "indexed",
					 "derived", "min", "max", "pattern", "codes", "list", "help", "ref", "le", "either", "past", "units", "types", "pick"};

static int field_load(struct field *f, const config_setting_t *g, const char *file,
		      const char *section, const struct codes *codes)
{
	int line = line_of(g);
	bool bad = false;
	f->line = line;
	f->le = -1;
	if (config_setting_type(g) != CONFIG_TYPE_GROUP)
		return errmsg_set(ZZ_EINVAL, "%s:%d: 字段应写成 { id = …; label = …; type = …; }", file, line);
	for (int i = 0; i < config_setting_length(g); i++) {
		const char *name = config_setting_name(config_setting_get_elem(g, (unsigned)i));
		bool known = false;
		for (size_t k = 0; k < ARRAY_LEN(field_keys); k++)
			known |= strcmp(name, field_keys[k]) == 0;
		if (!known)
			return errmsg_set(ZZ_EINVAL, "%s:%d: 未知的字段属性 “%s”", file,
					  line_of(config_setting_get_elem(g, (unsigned)i)), name);
	}
	const char *id = member_str(g, "id", &bad);
	const char *label = member_str(g, "label", &bad);
	const char *type = member_str(g, "type", &bad);
	const char *pattern = member_str(g, "pattern", &bad);
	const char *cname = member_str(g, "codes", &bad);
	const char *help = member_str(g, "help", &bad);
	const char *ref = member_str(g, "ref", &bad);
	const char *le = member_str(g, "le", &bad);
	const char *either = member_str(g, "either", &bad);
	const char *pick = member_str(g, "pick", &bad);
	if (bad)
		return errmsg_set(ZZ_EINVAL, "%s:%d: 字段属性应为字符串", file, line);
	if (str_empty(id))
		return errmsg_set(ZZ_EINVAL, "%s:%d: 字段缺少 id", file, line);
	for (const char *p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return errmsg_set(ZZ_EINVAL, "%s:%d: 字段 id “%s” 只能用小写字母、数字和下划线",
					  file, line, id);
	f->id = xstrdup(id);
	if (str_empty(label))
		return errmsg_set(ZZ_EINVAL, "%s:%d: 字段 %s 缺少 label（中文名称）", file, line, id);
	f->label = xstrdup(label);
	f->section = xstrdup(section);
	f->help = help ? xstrdup(help) : NULL;
	f->ref = str_empty(ref) ? NULL : xstrdup(ref);
	f->le_id = str_empty(le) ? NULL : xstrdup(le);
	f->either = str_empty(either) ? NULL : xstrdup(either);
	f->pick = str_empty(pick) ? NULL : xstrdup(pick);
	if (str_empty(type))
		return errmsg_set(ZZ_EINVAL, "%s:%d: 字段 %s 缺少 type", file, line, id);
	if (!ftype_parse(type, &f->type))
		return errmsg_set(ZZ_EINVAL, "%s:%d: 字段 %s 的类型 “%s” 未知", file, line, id, type);
	if (member_bool(g, "required", &f->required) < 0 || member_bool(g, "sensitive", &f->sensitive) < 0 ||
	    member_bool(g, "indexed", &f->indexed) < 0 || member_bool(g, "derived", &f->derived) < 0 ||
	    member_bool(g, "past", &f->past) < 0 || member_bool(g, "units", &f->units) < 0 ||
	    member_bool(g, "types", &f->types) < 0)
		return errmsg_set(ZZ_EINVAL,
				  "%s:%d: 字段 %s 的 required/sensitive/indexed/derived/past/units/types 应为 true 或 false",
				  file, line, id);
	if (f->units && f->type != FT_TEXT)
		return errmsg_set(ZZ_EINVAL, "%s:%d: 字段 %s 的 units 只用于文本字段（单位代码列表）", file, line, id);
	if (f->types && (f->type != FT_TEXT || f->units))
		return errmsg_set(ZZ_EINVAL, "%s:%d: 字段 %s 的 types 只用于文本字段（记录类型代码列表），不与 units 同用",
				  file, line, id);
	if (member_num(g, "min", &f->has_min, &f->min) < 0 || member_num(g, "max", &f->has_max, &f->max) < 0)
		return errmsg_set(ZZ_EINVAL, "%s:%d: 字段 %s 的 min/max 应为数字", file, line, id);
	if (f->has_min && f->has_max && f->min > f->max)
		return errmsg_set(ZZ_EINVAL, "%s:%d: 字段 %s 的 min 大于 max", file, line, id);
	const config_setting_t *ls = config_setting_get_member(g, "list");
	if (ls) {
		if (config_setting_type(ls) != CONFIG_TYPE_INT || config_setting_get_int(ls) < 2 ||
		    config_setting_get_int(ls) > 60)
			return errmsg_set(ZZ_EINVAL, "%s:%d: 字段 %s 的 list（列宽）应为 2 到 60 的整数", file,
					  line, id);
		f->list = config_setting_get_int(ls);
	}
	if (pattern) {
		int err;
		PCRE2_SIZE off;
		f->pattern = xstrdup(pattern);
		f->re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &err, &off, NULL);
		if (!f->re) {
			PCRE2_UCHAR buf[256];
			pcre2_get_error_message(err, buf, sizeof buf);
			return errmsg_set(ZZ_EINVAL, "%s:%d: 字段 %s 的正则表达式有误（第 %zu 个字符）：%s", file,
					  line, id, (size_t)off + 1, (char *)buf);
		}
	}
	if (ftype_table[f->type].needs_codes) {
		if (str_empty(cname))
			return errmsg_set(ZZ_EINVAL, "%s:%d: 字段 %s 是%s，需要 codes（代码表）", file, line, id,
					  ftype_table[f->type].zh);
		f->codes = codes_find(codes, cname);
		if (!f->codes)
			return errmsg_set(ZZ_EINVAL, "%s:%d: 字段 %s 的代码表 “%s” 不存在（db/codes/%s.tsv）",
					  file, line, id, cname, cname);
	} else if (cname) {
		return errmsg_set(ZZ_EINVAL, "%s:%d: 字段 %s 是%s，不用代码表", file, line, id,
				  ftype_table[f->type].zh);
	}
	return 0;
}

static void rtype_add_field(struct rtype *t, struct field *f)
{
	t->f = xrealloc(t->f, (size_t)(t->nf + 1) * sizeof *t->f);
	t->f[t->nf++] = *f;
}

static int rtype_load_sections(struct rtype *t, const config_setting_t *secs, const char *file,
			       const struct codes *codes)
{
	if (!secs || config_setting_type(secs) != CONFIG_TYPE_LIST || config_setting_length(secs) == 0)
		return errmsg_set(ZZ_EINVAL, "%s:%d: 缺少 sections = ( { title = …; fields = ( … ); } )", file,
				  line_of(secs ? secs : t->setting));
	for (int i = 0; i < config_setting_length(secs); i++) {
		const config_setting_t *sec = config_setting_get_elem(secs, (unsigned)i);
		bool bad = false;
		const char *title = member_str(sec, "title", &bad);
		const config_setting_t *fl = config_setting_get_member(sec, "fields");
		if (bad || str_empty(title))
			return errmsg_set(ZZ_EINVAL, "%s:%d: 分组缺少 title", file, line_of(sec));
		if (!fl || config_setting_type(fl) != CONFIG_TYPE_LIST)
			return errmsg_set(ZZ_EINVAL, "%s:%d: 分组 %s 缺少 fields = ( … )", file, line_of(sec), title);
		for (int j = 0; j < config_setting_length(fl); j++) {
			struct field f = {0};
			int rc = field_load(&f, config_setting_get_elem(fl, (unsigned)j), file, title, codes);
			if (rc == 0 && rtype_field(t, f.id) >= 0)
				rc = errmsg_set(ZZ_EINVAL, "%s:%d: 字段 id “%s” 重复", file, f.line, f.id);
			if (rc < 0) {
				field_free(&f);
				return rc;
			}
			rtype_add_field(t, &f);
		}
	}
	return 0;
}

static int rtype_load(struct rtype **out, const char *path, const struct codes *codes)
{
	struct rtype *t = xcalloc(1, sizeof *t);
	int rc = 0;
	bool bad = false;
	t->key = t->name_field = -1;
	t->file = xstrdup(path);
	t->cfg = xcalloc(1, sizeof *t->cfg);
	config_init(t->cfg);
	if (config_read_file(t->cfg, path) != CONFIG_TRUE) {
		rc = errmsg_set(ZZ_EINVAL, "%s:%d: %s", path, config_error_line(t->cfg), config_error_text(t->cfg));
		goto out;
	}
	t->setting = config_lookup(t->cfg, "type");
	if (!t->setting || config_setting_type(t->setting) != CONFIG_TYPE_GROUP) {
		rc = errmsg_set(ZZ_EINVAL, "%s:1: 缺少 type = { … }", path);
		goto out;
	}
	const config_setting_t *g = t->setting;
	int line = line_of(g);
	const char *id = member_str(g, "id", &bad);
	const char *title = member_str(g, "title", &bad);
	const char *group = member_str(g, "group", &bad);
	const char *key = member_str(g, "key", &bad);
	const char *name = member_str(g, "name", &bad);
	if (bad) {
		rc = errmsg_set(ZZ_EINVAL, "%s:%d: id/title/group/key/name 应为字符串", path, line);
		goto out;
	}
	if (str_empty(id) || str_empty(title) || str_empty(group)) {
		rc = errmsg_set(ZZ_EINVAL, "%s:%d: 记录类型缺少 id、title 或 group", path, line);
		goto out;
	}
	for (const char *p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')) {
			rc = errmsg_set(ZZ_EINVAL, "%s:%d: 类型 id “%s” 只能用小写字母、数字和下划线", path, line, id);
			goto out;
		}
	t->id = xstrdup(id);
	t->title = xstrdup(title);
	t->group = xstrdup(group);
	if (member_bool(g, "person", &t->person_role) < 0 || member_bool(g, "audit_reads", &t->audit_reads) < 0) {
		rc = errmsg_set(ZZ_EINVAL, "%s:%d: person、audit_reads 应为 true 或 false", path, line);
		goto out;
	}
	const config_setting_t *ord = config_setting_get_member(g, "order");
	if (ord)
		t->order = config_setting_get_int(ord);
	const config_setting_t *own = config_setting_get_member(g, "owners");
	if (own) {
		if (config_setting_type(own) != CONFIG_TYPE_ARRAY && config_setting_type(own) != CONFIG_TYPE_LIST) {
			rc = errmsg_set(ZZ_EINVAL, "%s:%d: owners 应为部门列表，如 [\"police\"]", path, line_of(own));
			goto out;
		}
		for (int i = 0; i < config_setting_length(own); i++) {
			const char *d = config_setting_get_string_elem(own, (unsigned)i);
			if (!d) {
				rc = errmsg_set(ZZ_EINVAL, "%s:%d: owners 应为字符串列表", path, line_of(own));
				goto out;
			}
			strv_push(&t->owners, d);
		}
	}
	rc = rtype_load_sections(t, config_setting_get_member(g, "sections"), path, codes);
	if (rc < 0)
		goto out;
	if (key) {
		t->key = rtype_field(t, key);
		if (t->key < 0) {
			rc = errmsg_set(ZZ_EINVAL, "%s:%d: key “%s” 不是本类型的字段", path, line, key);
			goto out;
		}
	}
	/* "le": a part never above its whole (八类案件 ≤ 刑事案件), both numbers of this type; or a
	 * start never after its end (承租时间 ≤ 退租日期), both dates. */
	for (int i = 0; i < t->nf && rc == 0; i++) {
		struct field *f = &t->f[i];
		if (!f->le_id)
			continue;
		f->le = rtype_field(t, f->le_id);
		bool num = f->type == FT_INT || f->type == FT_DECIMAL;
		bool ok = f->le >= 0 && f->le != i &&
			  (num ? t->f[f->le].type == FT_INT || t->f[f->le].type == FT_DECIMAL
			       : f->type == FT_DATE && t->f[f->le].type == FT_DATE);
		if (!ok)
			rc = errmsg_set(ZZ_EINVAL, "%s:%d: 字段 %s 的 le “%s” 应为本类型的另一个数字字段（或同为日期）", path,
					f->line, f->id, f->le_id);
	}
	if (rc < 0)
		goto out;
	for (int i = 0; i < t->nf; i++) {
		const char *un = t->f[i].pick;
		if (un && (t->f[i].type != FT_UNIT ||
			   (strcmp(un, "above") != 0 && (un[0] != '@' || rtype_field(t, un + 1) < 0 ||
							 t->f[rtype_field(t, un + 1)].type != FT_UNIT)))) {
			rc = errmsg_set(ZZ_EINVAL, "%s:%d: 字段 %s 的 pick “%s” 应为 \"above\" 或 \"@本类型的单位字段\"，且本字段为单位",
					path, t->f[i].line, t->f[i].id, un);
			goto out;
		}
	}
	for (int i = 0; i < t->nf; i++)
		if (t->f[i].either && (rtype_field(t, t->f[i].either) < 0 || !t->f[i].required)) {
			rc = errmsg_set(ZZ_EINVAL, "%s:%d: 字段 %s 的 either “%s” 应为本类型的字段，且本字段 required = true",
					path, t->f[i].line, t->f[i].id, t->f[i].either);
			goto out;
		}
	if (name) {
		t->name_field = rtype_field(t, name);
		if (t->name_field < 0) {
			rc = errmsg_set(ZZ_EINVAL, "%s:%d: name “%s” 不是本类型的字段", path, line, name);
			goto out;
		}
	}
out:
	if (rc < 0) {
		rtype_free(t);
		return rc;
	}
	*out = t;
	return 0;
}

/* Give each person role the person's fields, first, in their own section, and the person's key:
 * its ID number. A role is found by its person's ID number in the key index (a person in use is
 * not removed, service.c), so a role keyed otherwise, or a person keyed by other than an ID
 * number, is refused. */
static int schema_link_persons(struct schema *s)
{
	const struct rtype *p = schema_type(s, "person");
	for (int i = 0; i < s->n; i++) {
		struct rtype *t = s->t[i];
		if (!t->person_role)
			continue;
		if (!p)
			return errmsg_set(ZZ_EINVAL, "%s:%d: person = true 需要 person 类型（screens/person.cfg）",
					  t->file, line_of(t->setting));
		if (t->key >= 0)
			return errmsg_set(ZZ_EINVAL, "%s:%d: 类型 %s（%s）是人员的身份（person = true），以人员的身份证号为键，不能另写 key",
					  t->file, line_of(t->setting), t->id, t->title);
		if (p->key < 0 || p->f[p->key].type != FT_IDNUM)
			return errmsg_set(ZZ_EINVAL, "%s:%d: 类型 %s（%s）是人员的身份（person = true），需要 person 类型以身份证号（idnum 字段）为键（%s）",
					  t->file, line_of(t->setting), t->id, t->title, p->file);
		struct field *nf = xcalloc((size_t)(p->nf + t->nf), sizeof *nf);
		for (int j = 0; j < p->nf; j++) {
			const struct field *src = &p->f[j];
			for (int k = 0; k < t->nf; k++)
				if (strcmp(t->f[k].id, src->id) == 0) {
					free(nf);
					return errmsg_set(ZZ_EINVAL, "%s:%d: 字段 id “%s” 与人员基本信息重复",
							  t->file, t->f[k].line, src->id);
				}
			struct field *d = &nf[j];
			*d = *src;
			d->id = xstrdup(src->id);
			d->label = xstrdup(src->label);
			d->section = xstrdup(src->section);
			d->help = src->help ? xstrdup(src->help) : NULL;
			d->pattern = src->pattern ? xstrdup(src->pattern) : NULL;
			d->ref = src->ref ? xstrdup(src->ref) : NULL;
			d->le_id = src->le_id ? xstrdup(src->le_id) : NULL;
			d->either = src->either ? xstrdup(src->either) : NULL;
			d->pick = src->pick ? xstrdup(src->pick) : NULL;
			d->re = src->re ? pcre2_code_copy(src->re) : NULL;
			d->from_person = true;
		}
		memcpy(nf + p->nf, t->f, (size_t)t->nf * sizeof *nf);
		for (int k = p->nf; k < p->nf + t->nf; k++)
			if (nf[k].le_id)
				nf[k].le += p->nf;
		free(t->f);
		t->f = nf;
		t->nf += p->nf;
		t->key = p->key;
		if (t->name_field >= 0)
			t->name_field += p->nf;
		else
			t->name_field = p->name_field;
	}
	return 0;
}

/* Can field F hold a reference to a record of type T? A number names any record; an ID number or a
 * text names a record by T's key, which must then be of the same kind. */
bool schema_ref_fits(const struct field *f, const struct rtype *t)
{
	if (f->type == FT_INT)
		return true;
	if (t->key < 0)
		return false;
	bool id_key = t->f[t->key].type == FT_IDNUM || t->f[t->key].type == FT_PERSON;
	if (f->type == FT_IDNUM || f->type == FT_PERSON)
		return id_key;
	return f->type == FT_TEXT && !id_key;
}

const struct rtype *schema_ref_type(const struct schema *s, const struct field *f, const char *selector)
{
	if (!f->ref)
		return NULL;
	if (f->ref[0] != '@')
		return schema_type(s, f->ref);
	return str_empty(selector) ? NULL : schema_type(s, selector);
}

/* Every reference names a type that exists and that the field can hold; a selector ("@field") is
 * a single-choice field whose codes are all type ids, and each such type fits one of the fields
 * that the selector drives. */
static int schema_check_refs(const struct schema *s)
{
	for (int i = 0; i < s->n; i++) {
		const struct rtype *t = s->t[i];
		for (int j = 0; j < t->nf; j++) {
			const struct field *f = &t->f[j];
			if (!f->ref)
				continue;
			if (f->type != FT_INT && f->type != FT_TEXT && f->type != FT_IDNUM && f->type != FT_PERSON)
				return errmsg_set(ZZ_EINVAL, "%s:%d: 字段 %s 有 ref，类型应为 int、text、idnum 或 person",
						  t->file, f->line, f->id);
			if (f->ref[0] != '@') {
				const struct rtype *x = schema_type(s, f->ref);
				if (!x)
					return errmsg_set(ZZ_EINVAL, "%s:%d: 字段 %s 的 ref “%s” 不是记录类型", t->file,
							  f->line, f->id, f->ref);
				if (!schema_ref_fits(f, x))
					return errmsg_set(ZZ_EINVAL,
							  "%s:%d: 字段 %s 不能引用 %s：引用无主键的类型用 int（记录号），"
							  "否则类型应与 %s 的主键相同",
							  t->file, f->line, f->id, x->id, x->id);
				continue;
			}
			int sel = rtype_field(t, f->ref + 1);
			if (sel < 0 || t->f[sel].type != FT_ENUM)
				return errmsg_set(ZZ_EINVAL, "%s:%d: 字段 %s 的 ref “%s” 应指向本类型的单选字段", t->file,
						  f->line, f->id, f->ref);
			const struct codetable *ct = t->f[sel].codes;
			for (int k = 0; k < ct->n; k++) {
				const struct rtype *x = schema_type(s, ct->v[k].code);
				if (!x)
					return errmsg_set(ZZ_EINVAL, "代码表 %s 的代码 “%s” 不是记录类型（被 %s:%d 字段 %s 引用）",
							  ct->name, ct->v[k].code, t->file, f->line, f->id);
				bool any = false;
				for (int m = 0; m < t->nf; m++)
					any |= t->f[m].ref && !strcmp(t->f[m].ref, f->ref) && schema_ref_fits(&t->f[m], x);
				if (!any)
					return errmsg_set(ZZ_EINVAL, "%s:%d: 由 %s 选择的类型 %s 没有能引用它的字段", t->file,
							  f->line, f->ref + 1, x->id);
			}
		}
	}
	return 0;
}

static int rtype_cmp(const void *a, const void *b)
{
	const struct rtype *x = *(struct rtype *const *)a, *y = *(struct rtype *const *)b;
	return x->order != y->order ? (x->order < y->order ? -1 : 1) : strcmp(x->id, y->id);
}

uint32_t schema_field_tag(const char *id, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)id[i]) * 16777619u;
	return h >= SCHEMA_TAG_FIRST ? h : h + SCHEMA_TAG_FIRST;
}

/* Each field's codec tag; two fields of T with one hash are both written by their ids. */
static void schema_tags(struct rtype *t)
{
	for (int i = 0; i < t->nf; i++)
		t->f[i].tag = schema_field_tag(t->f[i].id, strlen(t->f[i].id));
	for (int i = 0; i < t->nf; i++)
		for (int j = i + 1; j < t->nf; j++)
			if (t->f[i].tag && t->f[i].tag == schema_field_tag(t->f[j].id, strlen(t->f[j].id)))
				t->f[i].tag = t->f[j].tag = 0;
}

int schema_load(struct schema **out, const char *dir, const struct codes *codes)
{
	DIR *d = opendir(dir);
	if (!d)
		return errmsg_set(ZZ_EINVAL, "%s: 无法打开记录类型目录", dir);
	struct schema *s = xcalloc(1, sizeof *s);
	s->codes = codes;
	struct strv files = {0};
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (len > 4 && strcmp(de->d_name + len - 4, ".cfg") == 0 && de->d_name[0] != '.')
			strv_push(&files, de->d_name);
	}
	closedir(d);
	int rc = 0;
	for (int i = 0; i < files.n && rc == 0; i++) {
		char *path = xasprintf("%s/%s", dir, files.v[i]);
		struct rtype *t = NULL;
		rc = rtype_load(&t, path, codes);
		free(path);
		if (rc < 0)
			break;
		const struct rtype *dup = schema_type(s, t->id);
		if (dup) {
			rc = errmsg_set(ZZ_EINVAL, "%s:%d: 类型 id “%s” 已在 %s 中声明", t->file,
					line_of(t->setting), t->id, dup->file);
			rtype_free(t);
			break;
		}
		s->t = xrealloc(s->t, (size_t)(s->n + 1) * sizeof *s->t);
		s->t[s->n++] = t;
	}
	strv_free(&files);
	if (rc == 0)
		rc = schema_link_persons(s);
	if (rc == 0)
		rc = schema_check_refs(s);
	for (int i = 0; rc == 0 && i < s->n; i++)
		schema_tags(s->t[i]);
	if (rc < 0) {
		schema_free(&s);
		return rc;
	}
	qsort(s->t, (size_t)s->n, sizeof *s->t, rtype_cmp);
	for (int i = 0; i < s->n; i++)
		s->t[i]->index = i;
	s->person = schema_type(s, "person");
	*out = s;
	return 0;
}

void schema_free(struct schema **sp)
{
	struct schema *s = *sp;
	if (!s)
		return;
	for (int i = 0; i < s->n; i++)
		rtype_free(s->t[i]);
	free(s->t);
	free(s);
	*sp = NULL;
}

const struct rtype *schema_type(const struct schema *s, const char *id)
{
	for (int i = 0; s && i < s->n; i++)
		if (strcmp(s->t[i]->id, id) == 0)
			return s->t[i];
	return NULL;
}

const struct rtype *schema_type_any(const struct schema *s, const char *name)
{
	const struct rtype *t = schema_type(s, name);
	for (int i = 0; !t && s && i < s->n; i++)
		if (strcmp(s->t[i]->title, name) == 0)
			t = s->t[i];
	return t;
}

int rtype_field(const struct rtype *t, const char *id)
{
	for (int i = 0; i < t->nf; i++)
		if (strcmp(t->f[i].id, id) == 0)
			return i;
	return -1;
}

int rtype_field_any(const struct rtype *t, const char *s)
{
	int i = rtype_field(t, s);
	if (i >= 0)
		return i;
	for (i = 0; i < t->nf; i++)
		if (strcmp(t->f[i].label, s) == 0)
			return i;
	return -1;
}

bool rtype_owned_by(const struct rtype *t, const char *dept)
{
	return dept && strv_find(&t->owners, dept) >= 0;
}

char *schema_types_zh(const struct schema *s, const char *list)
{
	struct sb sb;
	sb_init(&sb);
	char *copy = xstrdup(list ? list : ""), *save = NULL;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		const struct rtype *t = schema_type(s, tok);
		sb_addf(&sb, "%s%s", sb.len ? "、" : "", t ? t->title : tok);
	}
	free(copy);
	return sb_steal(&sb);
}
