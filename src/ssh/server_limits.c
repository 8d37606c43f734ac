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
		if (!s->v[i].authed && !s->v[i].evicted && (!addr || strcmp(s->v[i].addr, addr) == 0))
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
	e->seq = ++s->seq;
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

pid_t startups_victim(const struct startups *s, const char *addr)
{
	const struct startup *best = NULL;
	int most = startups_unauth(s, addr);
	for (int i = 0; i < s->n; i++) {
		const struct startup *e = &s->v[i];
		if (e->authed || e->evicted)
			continue;
		int k = startups_unauth(s, e->addr);
		if (k > most || (best && k == most && strcmp(e->addr, best->addr) == 0 && e->seq < best->seq)) {
			most = k;
			best = e;
		}
	}
	return best ? best->pid : 0;
}

void startups_evict(struct startups *s, pid_t pid)
{
	struct startup *e = startups_find(s, pid);
	if (e)
		e->evicted = true;
}

bool startups_evicted(const struct startups *s, pid_t pid)
{
	for (int i = 0; i < s->n; i++)
		if (s->v[i].pid == pid)
			return s->v[i].evicted;
	return false;
}

const char *startups_verdict_text(enum startups_verdict v)
{
	static const char *const text[] = {
		[STARTUPS_OK] = "接受",
		[STARTUPS_FULL] = "未认证连接已达上限",
		[STARTUPS_RANDOM] = "未认证连接过多（随机拒绝）",
		[STARTUPS_SOURCE] = "来自同一地址的未认证连接已达上限",
		[STARTUPS_FAILS] = "来自同一地址的登录失败次数过多",
	};
	return text[v];
}

void addrfails_init(struct addrfails *t, int max, int window_s, int audit_per_min)
{
	memset(t, 0, sizeof *t);
	t->max = max;
	t->window_s = window_s;
	t->audit_per_min = audit_per_min;
}

void addrfails_free(struct addrfails *t)
{
	free(t->v);
	memset(t, 0, sizeof *t);
}

static struct addrfail *addrfails_find(const struct addrfails *t, const char *addr)
{
	for (int i = 0; i < t->n; i++)
		if (strcmp(t->v[i].addr, addr) == 0)
			return &t->v[i];
	return NULL;
}

bool addrfails_note(struct addrfails *t, const char *addr, int64_t now)
{
	struct addrfail *e = addrfails_find(t, addr);
	if (!e) {
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 16;
			t->v = xrealloc(t->v, (size_t)t->cap * sizeof *t->v);
		}
		e = &t->v[t->n++];
		memset(e, 0, sizeof *e);
		snprintf(e->addr, sizeof e->addr, "%s", addr);
		e->window = e->minute = now;
	}
	if (now - e->window >= t->window_s) {
		e->window = now;
		e->fails = 0;
	}
	e->fails++;
	if (now - e->minute >= 60 && e->unaudited == 0) {
		e->minute = now;
		e->audited = 0;
	}
	if (e->audited < t->audit_per_min && now - e->minute < 60) {
		e->audited++;
		return true;
	}
	e->unaudited++;
	return false;
}

bool addrfails_blocked(const struct addrfails *t, const char *addr, int64_t now)
{
	const struct addrfail *e = addrfails_find(t, addr);
	return e && e->fails >= t->max && now - e->window < t->window_s;
}

void addrfails_sweep(struct addrfails *t, int64_t now, void (*fn)(const char *addr, int unaudited, void *arg),
		     void *arg)
{
	for (int i = 0; i < t->n;) {
		struct addrfail *e = &t->v[i];
		if (now - e->minute >= 60) {
			if (e->unaudited > 0)
				fn(e->addr, e->unaudited, arg);
			e->unaudited = e->audited = 0;
			e->minute = now;
		}
		if (now - e->window >= t->window_s && e->unaudited == 0 && e->audited == 0) {
			*e = t->v[--t->n];
			continue;
		}
		i++;
	}
}
