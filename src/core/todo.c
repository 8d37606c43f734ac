/* todo.c — gather the to-do list from the features' sources (feature.h). */
#include "todo.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "feature.h"
#include "perm.h"

const char *const todo_level_zh[TODO__NLEVELS] = {
	[TODO_INFO] = "提示", [TODO_WARN] = "预警", [TODO_OVERDUE] = "逾期", [TODO_YELLOW] = "黄牌", [TODO_RED] = "红牌",
	[TODO_SYSTEM] = "系统"};

const char *todo_level_name(int level)
{
	return level >= 0 && level < TODO__NLEVELS ? todo_level_zh[level] : "?";
}

void todo_add(struct todo_list *l, int level, int64_t due, const char *kind, const char *ref, const char *fmt, ...)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xrealloc(l->v, (size_t)l->cap * sizeof *l->v);
	}
	struct todo_item *it = &l->v[l->n++];
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&it->text, fmt, ap) < 0)
		fatal("out of memory");
	va_end(ap);
	it->level = level;
	it->due = due;
	it->kind = xstrdup(kind);
	it->ref = xstrdup(ref ? ref : "");
}

void todo_free(struct todo_list *l)
{
	for (int i = 0; i < l->n; i++) {
		free(l->v[i].text);
		free(l->v[i].kind);
		free(l->v[i].ref);
	}
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

/* The reminders that collapse, and what their line says. */
static const struct {
	const char *kind;
	int level;
	const char *zh;
} todo_groups[] = {
	{"visit", TODO_OVERDUE, "走访已逾期"}, {"visit", TODO_WARN, "走访即将到期"}, {"update", TODO_OVERDUE, "逾期未更新"},
	{"update", TODO_WARN, "待更新"},	    {"patrol", TODO_OVERDUE, "网格员无巡查日志"},
};
enum { TODO_NGROUPS = (int)ARRAY_LEN(todo_groups) };

static int group_of(const struct todo_item *it)
{
	for (int g = 0; g < TODO_NGROUPS; g++)
		if (it->level == todo_groups[g].level && !strcmp(it->kind, todo_groups[g].kind))
			return g;
	return -1;
}

static void item_free(struct todo_item *it)
{
	free(it->text);
	free(it->kind);
	free(it->ref);
}

void todo_group(struct todo_list *l, int min, const char *only)
{
	int count[TODO_NGROUPS] = {0}, want = -1;
	int64_t first[TODO_NGROUPS] = {0};
	bool placed[TODO_NGROUPS] = {false};
	for (int g = 0; only && g < TODO_NGROUPS; g++) {
		char ref[32];
		snprintf(ref, sizeof ref, "%s:%d", todo_groups[g].kind, todo_groups[g].level);
		if (!strcmp(ref, only))
			want = g;
	}
	for (int i = 0; i < l->n; i++) {
		int g = group_of(&l->v[i]);
		if (g < 0)
			continue;
		count[g]++;
		if (l->v[i].due && (!first[g] || l->v[i].due < first[g]))
			first[g] = l->v[i].due;
	}
	int k = 0;
	for (int i = 0; i < l->n; i++) {
		int g = group_of(&l->v[i]);
		if (only ? g == want : g < 0 || count[g] < min) {
			l->v[k++] = l->v[i];
			continue;
		}
		int level = l->v[i].level;
		item_free(&l->v[i]);
		if (only || placed[g])
			continue;
		/* The group's line takes the place of its first item. */
		placed[g] = true;
		struct todo_item *it = &l->v[k++];
		it->level = level;
		it->due = first[g];
		it->kind = xstrdup("group");
		it->ref = xasprintf("%s:%d", todo_groups[g].kind, todo_groups[g].level);
		it->text = xasprintf("%s %d 项（回车列出）", todo_groups[g].zh, count[g]);
	}
	l->n = k;
}

static int todo_cmp(const void *a, const void *b)
{
	const struct todo_item *x = a, *y = b;
	if (x->level != y->level)
		return y->level - x->level;
	if (x->due != y->due)
		return (x->due && (!y->due || x->due < y->due)) ? -1 : 1;
	return 0;
}

int todo_work(const struct todo_list *l)
{
	int n = 0;
	for (int i = 0; i < l->n; i++)
		n += strcmp(l->v[i].kind, TODO_DIGEST) != 0;
	return n;
}

int todo_collect(struct ctx *c, const struct user *u, int64_t now, struct todo_list *out)
{
	/* Decided here, on the server, for every client: a read-only account gets no work it could
	 * not do, but its scope summed up, and a line saying so. */
	bool ro = perm_read_only(c, u);
	if (ro)
		todo_add(out, TODO_INFO, 0, TODO_DIGEST, "", "%s只能查看，不能办理：待办中不列需办理的事项，只列辖区概况",
			 perm_role_zh(c, u->role));
	for (const struct feature *const *f = c->features; f && *f; f++) {
		int (*src)(struct ctx *, const struct user *, int64_t, struct todo_list *) = ro ? (*f)->digest : (*f)->todo;
		int rc = src ? src(c, u, now, out) : 0;
		if (rc < 0)
			return rc;
	}
	int rc = daemon_todo(c, u, now, out);
	if (rc < 0)
		return rc;
	/* The digest keeps its order: the line saying what it is, first. */
	if (!ro && out->n > 1)
		qsort(out->v, (size_t)out->n, sizeof *out->v, todo_cmp);
	return 0;
}
