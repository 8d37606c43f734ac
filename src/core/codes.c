/* codes.c — code tables from db/codes. */
#include "codes.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static void codetable_free(struct codetable *t)
{
	for (int i = 0; i < t->n; i++) {
		free(t->v[i].code);
		free(t->v[i].label);
	}
	free(t->v);
	free(t->name);
	free(t->title);
	free(t);
}

static int codetable_read(struct codetable *t, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return errmsg_set(ZZ_EINVAL, "%s: 无法打开代码表", path);
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0, rc = 0, cap_v = 0;
	while (getline(&line, &cap, f) >= 0) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (str_prefix(line, "#title ")) {
			free(t->title);
			t->title = xstrdup(line + 7);
			continue;
		}
		if (line[0] == '#' || line[0] == '\0')
			continue;
		char *tab = strchr(line, '\t');
		if (!tab || tab == line || !tab[1] || strchr(tab + 1, '\t')) {
			rc = errmsg_set(ZZ_EINVAL, "%s:%d: 应为“代码<TAB>名称”", path, lineno);
			break;
		}
		*tab = '\0';
		if (!utf8_valid(tab + 1, strlen(tab + 1))) {
			rc = errmsg_set(ZZ_EINVAL, "%s:%d: 不是有效的 UTF-8", path, lineno);
			break;
		}
		if (codetable_lookup(t, line) || codetable_lookup(t, tab + 1)) {
			rc = errmsg_set(ZZ_EINVAL, "%s:%d: 代码或名称重复", path, lineno);
			break;
		}
		if (t->n == cap_v) {
			cap_v = cap_v ? cap_v * 2 : 16;
			t->v = xrealloc(t->v, (size_t)cap_v * sizeof *t->v);
		}
		t->v[t->n].code = xstrdup(line);
		t->v[t->n].label = xstrdup(tab + 1);
		t->n++;
	}
	free(line);
	fclose(f);
	if (!rc && t->n == 0)
		rc = errmsg_set(ZZ_EINVAL, "%s: 代码表为空", path);
	return rc;
}

static int codes_cmp(const void *a, const void *b)
{
	return strcmp((*(struct codetable *const *)a)->name, (*(struct codetable *const *)b)->name);
}

int codes_load(struct codes **out, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return errmsg_set(ZZ_EINVAL, "%s: 无法打开代码表目录", dir);
	struct codes *c = xcalloc(1, sizeof *c);
	struct dirent *de;
	int rc = 0;
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".tsv") != 0 || de->d_name[0] == '.')
			continue;
		struct codetable *t = xcalloc(1, sizeof *t);
		t->name = xstrndup(de->d_name, len - 4);
		char *path = xasprintf("%s/%s", dir, de->d_name);
		rc = codetable_read(t, path);
		free(path);
		if (!t->title)
			t->title = xstrdup(t->name);
		c->t = xrealloc(c->t, (size_t)(c->n + 1) * sizeof *c->t);
		c->t[c->n++] = t;
		if (rc < 0)
			break;
	}
	closedir(d);
	if (rc < 0) {
		codes_free(&c);
		return rc;
	}
	qsort(c->t, (size_t)c->n, sizeof *c->t, codes_cmp);
	*out = c;
	return 0;
}

void codes_free(struct codes **cp)
{
	struct codes *c = *cp;
	if (!c)
		return;
	for (int i = 0; i < c->n; i++)
		codetable_free(c->t[i]);
	free(c->t);
	free(c);
	*cp = NULL;
}

const struct codetable *codes_find(const struct codes *c, const char *name)
{
	for (int i = 0; c && i < c->n; i++)
		if (strcmp(c->t[i]->name, name) == 0)
			return c->t[i];
	return NULL;
}

const struct code *codetable_lookup(const struct codetable *t, const char *s)
{
	for (int i = 0; i < t->n; i++)
		if (strcmp(t->v[i].code, s) == 0)
			return &t->v[i];
	for (int i = 0; i < t->n; i++)
		if (strcmp(t->v[i].label, s) == 0)
			return &t->v[i];
	return NULL;
}

const char *codetable_label(const struct codetable *t, const char *code)
{
	for (int i = 0; i < t->n; i++)
		if (strcmp(t->v[i].code, code) == 0)
			return t->v[i].label;
	return code;
}
