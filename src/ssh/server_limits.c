/* server_limits.c — MaxStartups-like accounting, pure (the listener owns the table). */
#include "server_limits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void startups_init(struct startups *s, int begin, int rate, int full, int per_source)
{
	memset(s, 0, sizeof *s);
	s->begin = begin;
	s->rate = rate;
	s->full = full;
	s->per_source = per_source;
}

void startups_free(struct startups *s)
{
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

int startups_unauth(const struct startups *s, const char *addr)
{
	int n = 0;
	for (int i = 0; i < s->n; i++)
		if (!s->v[i].authed && (!addr || strcmp(s->v[i].addr, addr) == 0))
			n++;
	return n;
}

/* OpenSSH's rule: below `start` always; from `full` never; in between refuse with a probability
 * that grows linearly from rate% to 100%. */
enum startups_verdict startups_admit(const struct startups *s, const char *addr, unsigned rnd)
{
	if (startups_unauth(s, addr) >= s->per_source)
		return STARTUPS_SOURCE;
	int n = startups_unauth(s, NULL);
	if (n < s->begin)
		return STARTUPS_OK;
	if (n >= s->full)
		return STARTUPS_FULL;
	unsigned p = (unsigned)(s->rate + (100 - s->rate) * (n - s->begin) / (s->full - s->begin));
	return rnd % 100 < p ? STARTUPS_RANDOM : STARTUPS_OK;
}

void startups_add(struct startups *s, pid_t pid, const char *addr)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = xrealloc(s->v, (size_t)s->cap * sizeof *s->v);
	}
	struct startup *e = &s->v[s->n++];
	memset(e, 0, sizeof *e);
	e->pid = pid;
	snprintf(e->addr, sizeof e->addr, "%s", addr);
}

static struct startup *startups_find(struct startups *s, pid_t pid)
{
	for (int i = 0; i < s->n; i++)
		if (s->v[i].pid == pid)
			return &s->v[i];
	return NULL;
}

bool startups_authed(struct startups *s, pid_t pid)
{
	struct startup *e = startups_find(s, pid);
	if (e)
		e->authed = true;
	return e != NULL;
}

bool startups_remove(struct startups *s, pid_t pid)
{
	struct startup *e = startups_find(s, pid);
	if (!e)
		return false;
	*e = s->v[--s->n];
	return true;
}

const char *startups_verdict_text(enum startups_verdict v)
{
	static const char *const text[] = {
		[STARTUPS_OK] = "接受",
		[STARTUPS_FULL] = "未认证连接已达上限",
		[STARTUPS_RANDOM] = "未认证连接过多（随机拒绝）",
		[STARTUPS_SOURCE] = "来自同一地址的未认证连接已达上限",
	};
	return text[v];
}
