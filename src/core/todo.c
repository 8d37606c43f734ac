/* todo.c — gather the to-do list from the features' sources (feature.h). */
#include "todo.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "feature.h"

const char *const todo_level_zh[TODO__NLEVELS] = {
	[TODO_INFO] = "提示", [TODO_WARN] = "预警", [TODO_OVERDUE] = "逾期", [TODO_YELLOW] = "黄牌", [TODO_RED] = "红牌"};

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

static int todo_cmp(const void *a, const void *b)
{
	const struct todo_item *x = a, *y = b;
	if (x->level != y->level)
		return y->level - x->level;
	if (x->due != y->due)
		return (x->due && (!y->due || x->due < y->due)) ? -1 : 1;
	return 0;
}

int todo_collect(struct ctx *c, const struct user *u, int64_t now, struct todo_list *out)
{
	for (const struct feature *const *f = c->features; f && *f; f++) {
		int rc = (*f)->todo ? (*f)->todo(c, u, now, out) : 0;
		if (rc < 0)
			return rc;
	}
	if (out->n > 1)
		qsort(out->v, (size_t)out->n, sizeof *out->v, todo_cmp);
	return 0;
}
