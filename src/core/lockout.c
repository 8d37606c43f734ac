/* lockout.c — the lockout by failed passwords, per place and per account (lockout.h). The count
 * lives in the account's record (user.c loads and saves it in the login's transaction). */
#include "lockout.h"

#include <stdio.h>
#include <string.h>

#include "policy.h"
#include "util.h"

void lockout_policy(struct lockout_policy *p, struct ctx *c, DB_TXN *txn)
{
	p->failures = (int)policy_int(c, txn, "security.lockout.failures");
	p->places = (int)policy_int(c, txn, "security.lockout.places");
	p->window_s = policy_int(c, txn, "security.lockout.window_min") * 60;
	p->lock_s = policy_int(c, txn, "security.lockout.lock_min") * 60;
}

static bool lockout_local(const char *place) { return place[0] == '\0'; }

enum lockout_hold lockout_check(const struct lockout *lk, int64_t until, const char *place,
				int64_t now)
{
	if (!lockout_local(place) && now < until)
		return LOCKOUT_ACCOUNT;
	for (int i = 0; i < lk->nholds; i++)
		if (now < lk->holds[i].at && strcmp(lk->holds[i].place, place) == 0)
			return LOCKOUT_PLACE;
	return LOCKOUT_OPEN;
}

/* Keep the marks for which KEEP(mark, arg) holds, in order. */
static int lockout_keep(struct lockout_mark *v, int n,
			bool (*keep)(const struct lockout_mark *, const void *), const void *arg)
{
	int k = 0;
	for (int i = 0; i < n; i++)
		if (keep(&v[i], arg))
			v[k++] = v[i];
	return k;
}

static bool lockout_after(const struct lockout_mark *m, const void *arg)
{
	return m->at > *(const int64_t *)arg;
}

static bool lockout_elsewhere(const struct lockout_mark *m, const void *arg)
{
	return strcmp(m->place, arg) != 0;
}

static void lockout_hold_place(struct lockout *lk, const char *place, int64_t until)
{
	int k = 0;
	if (lk->nholds == LOCKOUT_MAX_HOLDS) /* the hold that ends first makes room */
		for (int i = 1; i < lk->nholds; i++)
			if (lk->holds[i].at < lk->holds[k].at)
				k = i;
	if (lk->nholds < LOCKOUT_MAX_HOLDS)
		k = lk->nholds++;
	lk->holds[k].at = until;
	snprintf(lk->holds[k].place, sizeof lk->holds[k].place, "%s", place);
}

/* Remote failures in the window and the distinct places they came from. */
static void lockout_remote(const struct lockout *lk, int *fails, int *places)
{
	*fails = *places = 0;
	for (int i = 0; i < lk->nfails; i++) {
		const char *p = lk->fails[i].place;
		if (lockout_local(p))
			continue;
		(*fails)++;
		bool seen = false;
		for (int j = 0; j < i && !seen; j++)
			seen = strcmp(lk->fails[j].place, p) == 0;
		*places += !seen;
	}
}

enum lockout_hold lockout_fail(struct lockout *lk, int64_t *until, const struct lockout_policy *p,
			       const char *place, int64_t now)
{
	int64_t since = now - p->window_s;
	lk->nfails = lockout_keep(lk->fails, lk->nfails, lockout_after, &since);
	lk->nholds = lockout_keep(lk->holds, lk->nholds, lockout_after, &now);
	if (lk->nfails == LOCKOUT_MAX_FAILS)
		memmove(&lk->fails[0], &lk->fails[1], --lk->nfails * sizeof lk->fails[0]);
	struct lockout_mark *m = &lk->fails[lk->nfails++];
	m->at = now;
	snprintf(m->place, sizeof m->place, "%s", place);
	int here = 0;
	for (int i = 0; i < lk->nfails; i++)
		here += strcmp(lk->fails[i].place, place) == 0;
	int fails, places;
	lockout_remote(lk, &fails, &places);
	if (!lockout_local(place) && places >= p->places && fails >= p->failures) {
		*until = now + p->lock_s;
		lk->nfails = 0;
		return LOCKOUT_ACCOUNT;
	}
	if (here >= p->failures) {
		lockout_hold_place(lk, place, now + p->lock_s);
		return LOCKOUT_PLACE;
	}
	return LOCKOUT_OPEN;
}

void lockout_success(struct lockout *lk, const char *place)
{
	lk->nfails = lockout_keep(lk->fails, lk->nfails, lockout_elsewhere, place);
}

int lockout_held_places(const struct lockout *lk, int64_t now)
{
	int n = 0;
	for (int i = 0; i < lk->nholds; i++)
		n += now < lk->holds[i].at;
	return n;
}

void lockout_mark_format(const struct lockout_mark *m, char *buf, size_t n)
{
	snprintf(buf, n, "%lld %s", (long long)m->at, m->place);
}

void lockout_mark_parse(struct lockout_mark *m, const char *text)
{
	const char *sp = strchr(text, ' ');
	long long at = 0;
	char num[24];
	size_t len = sp ? (size_t)(sp - text) : strlen(text);
	if (len >= sizeof num)
		len = sizeof num - 1;
	memcpy(num, text, len);
	num[len] = '\0';
	str_to_ll(num, &at);
	m->at = at;
	snprintf(m->place, sizeof m->place, "%s", sp ? sp + 1 : "");
}

const char *lockout_place_shown(const char *place) { return lockout_local(place) ? "本机" : place; }
