/* import_map.c — load the mappings of conf/import/ and decide, from a file's header, how its columns are read. */
#include "import_map.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "validate.h"

static void map_clear(struct import_map *m)
{
	free(m->name);
	free(m->file);
	free(m->title);
	free(m->encoding);
	free(m->route_grid);
	free(m->route_unit);
	free(m->route_address);
	for (int i = 0; i < m->ncols; i++) {
		free(m->cols[i].header);
		strv_free(&m->cols[i].from);
		strv_free(&m->cols[i].to);
	}
	free(m->cols);
	strv_free(&m->ignore);
}

void import_maps_free(struct import_maps **mp)
{
	struct import_maps *m = *mp;
	if (!m)
		return;
	for (int i = 0; i < m->n; i++)
		map_clear(&m->v[i]);
	free(m->v);
	free(m);
	*mp = NULL;
}

const struct import_map *import_maps_find(const struct import_maps *m, const char *name)
{
	for (int i = 0; m && i < m->n; i++)
		if (strcmp(m->v[i].name, name) == 0)
			return &m->v[i];
	return NULL;
}

static int line_of(const config_setting_t *s)
{
	return s ? (int)config_setting_source_line(s) : 0;
}

/* A string member; NULL when absent; an error when present and not a non-empty string. */
static int get_str(const char *file, const config_setting_t *g, const char *name, bool required, char **out)
{
	const config_setting_t *s = config_setting_get_member(g, name);
	*out = NULL;
	if (!s)
		return required ? errmsg_set(ZZ_EINVAL, "%s:%d: 缺少 %s", file, line_of(g), name) : 0;
	const char *v = config_setting_get_string(s);
	if (str_empty(v) || !utf8_valid(v, strlen(v)))
		return errmsg_set(ZZ_EINVAL, "%s:%d: %s 应为非空的 UTF-8 字符串", file, line_of(s), name);
	*out = xstrdup(v);
	return 0;
}

static bool map_has_header(const struct import_map *m, const char *h)
{
	for (int i = 0; i < m->ncols; i++)
		if (strcmp(m->cols[i].header, h) == 0)
			return true;
	return strv_find(&m->ignore, h) >= 0;
}

static int map_col_load(const char *file, const struct rtype *t, const config_setting_t *cs, struct import_map *m,
			struct map_col *mc)
{
	char *field = NULL;
	int rc = get_str(file, cs, "header", true, &mc->header);
	if (rc == 0)
		rc = get_str(file, cs, "field", true, &field);
	if (rc < 0)
		goto out;
	if (map_has_header(m, mc->header)) {
		rc = errmsg_set(ZZ_EINVAL, "%s:%d: 列“%s”重复", file, line_of(cs), mc->header);
		goto out;
	}
	mc->field = rtype_field_any(t, field);
	if (mc->field < 0) {
		rc = errmsg_set(ZZ_EINVAL, "%s:%d: %s没有字段“%s”", file, line_of(cs), t->title, field);
		goto out;
	}
	for (int i = 0; i < m->ncols; i++)
		if (m->cols[i].field == mc->field) {
			rc = errmsg_set(ZZ_EINVAL, "%s:%d: 字段“%s”已由列“%s”填写", file, line_of(cs),
					t->f[mc->field].label, m->cols[i].header);
			goto out;
		}
	const config_setting_t *vals = config_setting_get_member(cs, "values");
	for (int i = 0; vals && i < config_setting_length(vals); i++) {
		const config_setting_t *pair = config_setting_get_elem(vals, (unsigned)i);
		const char *from = config_setting_get_string_elem(pair, 0);
		const char *to = config_setting_get_string_elem(pair, 1);
		if (config_setting_length(pair) != 2 || str_empty(from) || !to) {
			rc = errmsg_set(ZZ_EINVAL, "%s:%d: values 的每一项应为 [\"他们的值\", \"我们的值\"]", file,
					line_of(pair));
			goto out;
		}
		/* Our side must pass the field's own check: a code or label of its table, a date, … */
		char *norm = NULL;
		if (validate_field(&t->f[mc->field], to, &norm) < 0) {
			rc = errmsg_set(ZZ_EINVAL, "%s:%d: %s", file, line_of(pair), errmsg());
			free(norm);
			goto out;
		}
		free(norm);
		if (strv_find(&mc->from, from) >= 0) {
			rc = errmsg_set(ZZ_EINVAL, "%s:%d: 值“%s”重复", file, line_of(pair), from);
			goto out;
		}
		strv_push(&mc->from, from);
		strv_push(&mc->to, to);
	}
out:
	free(field);
	return rc;
}

static int map_load(struct ctx *c, const char *file, const char *name, struct import_map *m)
{
	config_t cfg;
	config_init(&cfg);
	int rc = 0;
	char *type = NULL;
	m->name = xstrdup(name);
	m->file = xstrdup(file);
	if (config_read_file(&cfg, file) != CONFIG_TRUE) {
		rc = errmsg_set(ZZ_EINVAL, "%s:%d: %s", file, config_error_line(&cfg), config_error_text(&cfg));
		goto out;
	}
	const config_setting_t *g = config_lookup(&cfg, "mapping");
	if (!g || !config_setting_is_group(g)) {
		rc = errmsg_set(ZZ_EINVAL, "%s:1: 缺少 mapping = { … }", file);
		goto out;
	}
	rc = get_str(file, g, "type", true, &type);
	if (rc == 0)
		rc = get_str(file, g, "title", true, &m->title);
	if (rc == 0)
		rc = get_str(file, g, "encoding", false, &m->encoding);
	if (rc < 0)
		goto out;
	m->t = schema_type(c->schema, type);
	if (!m->t) {
		rc = errmsg_set(ZZ_EINVAL, "%s:%d: 记录类型“%s”不存在", file,
				line_of(config_setting_get_member(g, "type")), type);
		goto out;
	}
	if (m->encoding && strcmp(m->encoding, "utf-8") && strcmp(m->encoding, "gb18030") && strcmp(m->encoding, "gbk")) {
		rc = errmsg_set(ZZ_EINVAL, "%s:%d: encoding 应为 utf-8、gb18030 或 gbk", file,
				line_of(config_setting_get_member(g, "encoding")));
		goto out;
	}
	const config_setting_t *ign = config_setting_get_member(g, "ignore");
	for (int i = 0; ign && i < config_setting_length(ign); i++) {
		const char *h = config_setting_get_string_elem(ign, (unsigned)i);
		if (str_empty(h)) {
			rc = errmsg_set(ZZ_EINVAL, "%s:%d: ignore 应为列名的列表", file, line_of(ign));
			goto out;
		}
		strv_push(&m->ignore, h);
	}
	const config_setting_t *cols = config_setting_get_member(g, "columns");
	if (!cols || !config_setting_is_list(cols) || config_setting_length(cols) == 0) {
		rc = errmsg_set(ZZ_EINVAL, "%s:%d: 缺少 columns = ( { header = …; field = …; }, … )", file, line_of(g));
		goto out;
	}
	m->cols = xcalloc((size_t)config_setting_length(cols), sizeof *m->cols);
	for (int i = 0; i < config_setting_length(cols) && rc == 0; i++) {
		rc = map_col_load(file, m->t, config_setting_get_elem(cols, (unsigned)i), m, &m->cols[m->ncols]);
		m->ncols++;
	}
	if (rc < 0)
		goto out;
	bool has_key = m->t->key < 0;
	for (int i = 0; i < m->ncols; i++)
		has_key |= m->cols[i].field == m->t->key;
	if (!has_key) {
		rc = errmsg_set(ZZ_EINVAL, "%s:%d: 没有映射到“%s”的列（用来识别已有记录）", file, line_of(cols),
				m->t->f[m->t->key].label);
		goto out;
	}
	const config_setting_t *route = config_setting_get_member(g, "route");
	if (route) {
		rc = get_str(file, route, "grid", false, &m->route_grid);
		if (rc == 0)
			rc = get_str(file, route, "unit", false, &m->route_unit);
		if (rc == 0)
			rc = get_str(file, route, "address", false, &m->route_address);
	}
out:
	free(type);
	config_destroy(&cfg);
	return rc;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int import_maps_load(struct ctx *c, struct import_maps **out)
{
	*out = NULL;
	char *dir = conf_path(c->conf, "paths.import_maps");
	DIR *d = opendir(dir);
	struct import_maps *m = xcalloc(1, sizeof *m);
	if (!d) {
		/* No folder: only our own format can be imported. */
		free(dir);
		*out = m;
		return 0;
	}
	struct strv names = {0};
	const struct dirent *e;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n > 4 && strcmp(e->d_name + n - 4, ".cfg") == 0 && e->d_name[0] != '.')
			strv_push(&names, e->d_name);
	}
	closedir(d);
	if (names.n)
		qsort(names.v, (size_t)names.n, sizeof *names.v, name_cmp);
	m->v = xcalloc((size_t)names.n + 1, sizeof *m->v);
	int rc = 0;
	for (int i = 0; i < names.n && rc == 0; i++) {
		char *file = xasprintf("%s/%s", dir, names.v[i]);
		char *name = xstrndup(names.v[i], strlen(names.v[i]) - 4);
		rc = map_load(c, file, name, &m->v[m->n++]);
		free(file);
		free(name);
	}
	strv_free(&names);
	free(dir);
	if (rc < 0) {
		import_maps_free(&m);
		return rc;
	}
	*out = m;
	return 0;
}

void import_plan_free(struct import_plan *p)
{
	free(p->field);
	free(p->mc);
	memset(p, 0, sizeof *p);
}

static void plan_init(struct import_plan *p, int n)
{
	memset(p, 0, sizeof *p);
	p->ncols = n;
	p->field = xcalloc((size_t)n + 1, sizeof *p->field);
	p->mc = xcalloc((size_t)n + 1, sizeof *p->mc);
	p->col_unit = p->col_grid = p->col_addr = -1;
}

/* Our own export: field labels or ids, and the unit column. */
static int plan_native(const struct rtype *t, char **h, int n, const char *file, struct import_plan *p)
{
	plan_init(p, n);
	for (int i = 0; i < n; i++) {
		if (!strcmp(h[i], EXPORT_UNIT_LABEL) || !strcmp(h[i], "unit")) {
			if (p->col_unit >= 0)
				return errmsg_set(ZZ_EINVAL, "%s 第 1 行：列“%s”重复", file, h[i]);
			p->col_unit = i;
			p->field[i] = PLAN_IGNORE;
			continue;
		}
		int f = rtype_field_any(t, h[i]);
		if (f < 0)
			return errmsg_set(ZZ_EINVAL, "%s 第 1 行：列“%s”不是%s的字段", file, h[i], t->title);
		for (int j = 0; j < i; j++)
			if (p->field[j] == f)
				return errmsg_set(ZZ_EINVAL, "%s 第 1 行：列“%s”重复", file, h[i]);
		p->field[i] = f;
	}
	return 0;
}

static int plan_mapped(const struct import_map *m, char **h, int n, const char *file, struct import_plan *p)
{
	plan_init(p, n);
	p->map = m;
	for (int i = 0; i < n; i++) {
		p->field[i] = PLAN_IGNORE;
		for (int j = 0; j < i; j++)
			if (!strcmp(h[j], h[i]))
				return errmsg_set(ZZ_EINVAL, "%s 第 1 行：列“%s”重复", file, h[i]);
		bool known = strv_find(&m->ignore, h[i]) >= 0;
		for (int k = 0; k < m->ncols; k++)
			if (!strcmp(m->cols[k].header, h[i])) {
				p->field[i] = m->cols[k].field;
				p->mc[i] = &m->cols[k];
				known = true;
			}
		if (m->route_grid && !strcmp(m->route_grid, h[i]))
			p->col_grid = i, known = true;
		if (m->route_unit && !strcmp(m->route_unit, h[i]))
			p->col_unit = i, known = true;
		if (m->route_address && !strcmp(m->route_address, h[i]))
			p->col_addr = i, known = true;
		if (!known)
			return errmsg_set(ZZ_EINVAL, "%s 第 1 行：列“%s”不在映射 %s（%s）中；如不需要请加入其 ignore 列表",
					  file, h[i], m->name, m->file);
	}
	bool has_key = false;
	for (int i = 0; i < n; i++)
		has_key |= p->field[i] == m->t->key;
	if (!has_key)
		return errmsg_set(ZZ_EINVAL, "%s 缺少映射 %s 中对应“%s”的列", file, m->name, m->t->f[m->t->key].label);
	return 0;
}

int import_plan_build(const struct rtype *t, const struct import_maps *maps, const char *want, char **header,
		      int n, const char *file, struct import_plan *p)
{
	if (!str_empty(want)) {
		const struct import_map *m = import_maps_find(maps, want);
		if (!m)
			return errmsg_set(ZZ_EINVAL, "没有名为 %s 的导入映射（conf/import/%s.cfg）", want, want);
		if (m->t != t)
			return errmsg_set(ZZ_EINVAL, "映射 %s 用于%s，不是%s", want, m->t->title, t->title);
		int rc = plan_mapped(m, header, n, file, p);
		if (rc < 0)
			import_plan_free(p);
		return rc;
	}
	int rc = plan_native(t, header, n, file, p);
	if (rc == 0)
		return 0;
	char *native_err = xstrdup(errmsg());
	import_plan_free(p);
	for (int i = 0; maps && i < maps->n; i++) {
		if (maps->v[i].t != t)
			continue;
		if (plan_mapped(&maps->v[i], header, n, file, p) == 0) {
			free(native_err);
			return 0;
		}
		import_plan_free(p);
	}
	rc = errmsg_set(ZZ_EINVAL, "%s（也不符合 conf/import/ 中任何%s的映射）", native_err, t->title);
	free(native_err);
	return rc;
}

const char *import_plan_value(const struct import_plan *p, int col, const char *v)
{
	const struct map_col *mc = p->mc[col];
	if (!mc || mc->from.n == 0)
		return v;
	int k = strv_find(&mc->from, v);
	return k >= 0 ? mc->to.v[k] : v;
}
