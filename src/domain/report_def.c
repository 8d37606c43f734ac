/* report_def.c — the monthly forms as data: the files of reports/ read into struct rp_def
 * (report.h). */
#include "report.h"

#include <dirent.h>
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *opt_str(const config_setting_t *s, const char *name)
{
	const char *v = NULL;
	config_setting_lookup_string(s, name, &v);
	return str_empty(v) ? NULL : xstrdup(v);
}

static void def_clear(struct rp_def *d)
{
	free(d->id);
	free(d->title);
	free(d->file);
	free(d->type);
	free(d->subject);
	free(d->row_dim);
	free(d->due);
	for (int i = 0; i < d->nrows; i++) {
		free(d->rows[i].id);
		free(d->rows[i].label);
		free(d->rows[i].val);
	}
	free(d->rows);
	for (int i = 0; i < d->ncols; i++) {
		free(d->cols[i].id);
		free(d->cols[i].label);
		free(d->cols[i].group);
		free(d->cols[i].dim);
		free(d->cols[i].val);
	}
	free(d->cols);
	memset(d, 0, sizeof *d);
}

void report_defs_free(struct rp_defs **dp)
{
	struct rp_defs *d = *dp;
	if (!d)
		return;
	for (int i = 0; i < d->n; i++)
		def_clear(&d->v[i]);
	free(d->v);
	free(d);
	*dp = NULL;
}

const struct rp_def *report_def(const struct rp_defs *d, const char *id)
{
	for (int i = 0; d && i < d->n; i++)
		if (strcmp(d->v[i].id, id) == 0 || strcmp(d->v[i].title, id) == 0)
			return &d->v[i];
	return NULL;
}

static int bad(const char *file, const config_setting_t *s, const char *what)
{
	return errmsg_set(ZZ_EINVAL, "%s:%d: %s", file, s ? (int)config_setting_source_line(s) : 0,
			  what);
}

static int load_rows(struct ctx *c, struct rp_def *d, const config_setting_t *rows)
{
	const char *codes = NULL, *total = NULL;
	if (!rows || !config_setting_lookup_string(rows, "codes", &codes))
		return bad(d->file, rows, "rows 需要 codes（行所用的代码表）");
	const struct codetable *t = codes_find(c->codes, codes);
	if (!t)
		return bad(d->file, rows, "rows.codes 不是已知的代码表");
	config_setting_lookup_string(rows, "total", &total);
	d->row_dim = opt_str(rows, "by");
	d->nrows = t->n + 1;
	d->rows = xcalloc((size_t)d->nrows, sizeof *d->rows);
	d->rows[0] = (struct rp_row){.id = xstrdup("total"),
				     .label = xstrdup(str_empty(total) ? "合计" : total)};
	for (int i = 0; i < t->n; i++)
		d->rows[i + 1] = (struct rp_row){.id = xstrdup(t->v[i].code),
						 .label = xstrdup(t->v[i].label),
						 .val = xstrdup(t->v[i].code)};
	return 0;
}

static int load_cols(struct rp_def *d, const config_setting_t *cols)
{
	int n = cols ? config_setting_length(cols) : 0;
	if (n < 1)
		return bad(d->file, cols, "columns 至少要有一列");
	d->cols = xcalloc((size_t)n, sizeof *d->cols);
	d->ncols = n;
	for (int i = 0; i < n; i++) {
		const config_setting_t *s = config_setting_get_elem(cols, (unsigned)i);
		struct rp_col *col = &d->cols[i];
		col->id = opt_str(s, "id");
		col->label = opt_str(s, "label");
		col->group = opt_str(s, "group");
		for (int k = 0; k < RP__NRELS; k++)
			col->rel[k] = -1;
		if (!col->id || !col->label)
			return bad(d->file, s, "每一列都要有 id 和 label");
		char *stat = opt_str(s, "stat");
		if (stat) {
			if (!d->subject || !d->row_dim) {
				free(stat);
				return bad(d->file, s, "有 stat 的列需要表的 subject 和按哪个维度分行（rows.by）");
			}
			char *slash = strchr(stat, '/');
			col->val = xstrdup(slash ? slash + 1 : "");
			if (slash)
				*slash = '\0';
			col->dim = stat;
		}
		int b = 0;
		config_setting_lookup_bool(s, "stock", &b);
		col->stock = b;
	}
	/* A relation names an earlier or later column: resolved once all are read. */
	for (int i = 0; i < n; i++)
		for (int k = 0; k < RP__NRELS; k++) {
			const config_setting_t *s = config_setting_get_elem(cols, (unsigned)i);
			const char *other = NULL;
			if (!config_setting_lookup_string(s, rp_rel_key[k], &other))
				continue;
			for (int j = 0; j < n; j++)
				if (strcmp(d->cols[j].id, other) == 0)
					d->cols[i].rel[k] = j;
			if (d->cols[i].rel[k] < 0 || d->cols[i].rel[k] == i) {
				char what[64];
				snprintf(what, sizeof what, "%s 应为本表另一列的 id",
					 rp_rel_key[k]);
				return bad(d->file, s, what);
			}
		}
	return 0;
}

static int load_one(struct ctx *c, const char *file, struct rp_def *d)
{
	config_t cfg;
	config_init(&cfg);
	d->file = xstrdup(file);
	int rc = 0;
	if (config_read_file(&cfg, file) != CONFIG_TRUE) {
		rc = errmsg_set(ZZ_EINVAL, "%s:%d: %s", file, config_error_line(&cfg),
				config_error_text(&cfg));
		goto out;
	}
	const config_setting_t *s = config_lookup(&cfg, "report");
	if (!s) {
		rc = bad(file, NULL, "缺少 report = { … }");
		goto out;
	}
	d->id = opt_str(s, "id");
	d->title = opt_str(s, "title");
	d->type = opt_str(s, "type");
	d->subject = opt_str(s, "subject");
	d->due = opt_str(s, "due");
	config_setting_lookup_int(s, "order", &d->order);
	if (!d->id || !d->title || !d->type || !d->due) {
		rc = bad(file, s, "report 需要 id、title、type 和 due");
		goto out;
	}
	if (!schema_type(c->schema, d->type)) {
		rc = bad(file, s, "type 不是已知的记录类型");
		goto out;
	}
	const config_setting_t *lv = config_setting_get_member(s, "levels");
	for (int i = 0; lv && i < config_setting_length(lv) && i < LV__COUNT; i++) {
		const char *name = config_setting_get_string_elem(lv, (unsigned)i);
		int l = name ? unit_level_parse(name) : -1;
		if (l <= 0 || l == LV_DEPT || (d->nlevels && l >= d->levels[d->nlevels - 1])) {
			rc = bad(file, lv,
				 "levels 应为从低到高的单位层级（township、county、city…）");
			goto out;
		}
		d->levels[d->nlevels++] = l;
	}
	if (!d->nlevels) {
		rc = bad(file, s, "report 需要 levels");
		goto out;
	}
	char key[96];
	for (int i = 0; i < d->nlevels; i++) {
		snprintf(key, sizeof key, "reports.due.%s.%s", d->due,
			 unit_level_name(d->levels[i]));
		const config_setting_t *day = conf_setting(c->conf, key);
		if (!day || config_setting_get_int(day) < 1 || config_setting_get_int(day) > 28) {
			rc = bad(file, s, "conf/reports.cfg 缺少该表该层级的上报日（1 到 28）");
			errmsg_set(ZZ_EINVAL, "%s: 缺少设置 %s（1 到 28 日）", file, key);
			goto out;
		}
	}
	rc = load_rows(c, d, config_setting_get_member(s, "rows"));
	if (rc == 0)
		rc = load_cols(d, config_setting_get_member(s, "columns"));
out:
	config_destroy(&cfg);
	return rc;
}

static int def_cmp(const void *a, const void *b)
{
	const struct rp_def *x = a, *y = b;
	return x->order != y->order ? (x->order > y->order) - (x->order < y->order)
				    : strcmp(x->id, y->id);
}

int report_defs_load(struct ctx *c, struct rp_defs **out)
{
	char *dir = conf_path(c->conf, "paths.reports");
	DIR *dh = opendir(dir);
	struct rp_defs *d = xcalloc(1, sizeof *d);
	int rc = 0;
	if (!dh)
		rc = errmsg_set(ZZ_EINVAL, "%s: 无法打开报表定义目录", dir);
	struct strv files = {0};
	for (struct dirent *e = dh ? readdir(dh) : NULL; e; e = readdir(dh)) {
		size_t n = strlen(e->d_name);
		if (n > 4 && e->d_name[0] != '.' && strcmp(e->d_name + n - 4, ".cfg") == 0)
			strv_push(&files, e->d_name);
	}
	if (dh)
		closedir(dh);
	for (int i = 0; i < files.n && rc == 0; i++) {
		char *file = xasprintf("%s/%s", dir, files.v[i]);
		d->v = xrealloc(d->v, (size_t)(d->n + 1) * sizeof *d->v);
		memset(&d->v[d->n], 0, sizeof *d->v);
		rc = load_one(c, file, &d->v[d->n++]);
		if (rc == 0 && report_def(d, d->v[d->n - 1].id) != &d->v[d->n - 1])
			rc =
			    errmsg_set(ZZ_EINVAL, "%s: 报表 id “%s” 重复", file, d->v[d->n - 1].id);
		free(file);
	}
	strv_free(&files);
	free(dir);
	if (rc < 0) {
		report_defs_free(&d);
		return rc;
	}
	if (d->n > 1)
		qsort(d->v, (size_t)d->n, sizeof *d->v, def_cmp);
	*out = d;
	return 0;
}

int report_conf_check(struct ctx *c)
{
	struct rp_defs *d = NULL;
	int rc = report_defs_load(c, &d);
	report_defs_free(&d);
	/* The 分析研判's days (judge.c) are optional, but a day each month has. */
	static const char *const levels[] = {"county", "township", "village"};
	for (size_t i = 0; rc == 0 && i < sizeof levels / sizeof *levels; i++) {
		char key[64];
		snprintf(key, sizeof key, "reports.due.judge.%s", levels[i]);
		const config_setting_t *day = conf_setting(c->conf, key);
		if (day && (config_setting_get_int(day) < 1 || config_setting_get_int(day) > 28))
			rc = errmsg_set(ZZ_EINVAL, "conf/reports.cfg：%s 应为 1 到 28 日", key);
	}
	return rc;
}
