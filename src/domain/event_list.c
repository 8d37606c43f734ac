/* event_list.c — the lists of events: those a subtree touched (ev_unit.db), those of them still
 * open (ev_open.db, the list's 未结案), the open ones a unit holds, the open count of a subtree.
 * Read outside any transaction, from the indexes only. */
#include "event.h"

#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "perm.h"

static int id_cmp_desc(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x < y) - (x > y);
}

static int id_cmp_asc(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* Ids gathered, or with COUNT only counted in N. */
struct idlist {
	uint64_t *v;
	long n, cap;
	bool count;
};

static void idl_push(struct idlist *l, uint64_t id)
{
	if (l->count) {
		l->n++;
		return;
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->v = xrealloc(l->v, (size_t)l->cap * sizeof *l->v);
	}
	l->v[l->n++] = id;
}

static int cursor_open(struct store *st, int db, DBC **cur)
{
	DB *d = store_db(st, db);
	if (!d)
		return ZZ_EDB;
	int dbrc = d->cursor(d, NULL, cur, 0);
	return dbrc ? store_err(dbrc, "事件索引") : 0;
}

/* The ids of the rows "CODE \0 be64 id" of DB, into L. */
static int scan_code(struct store *st, int db, const char *code, struct idlist *l)
{
	DBC *cur = NULL;
	int rc = cursor_open(st, db, &cur);
	size_t pn = strlen(code) + 1;
	DBT key = {.data = (void *)code, .size = (u_int32_t)pn}, val = {.flags = DB_DBT_PARTIAL};
	int dbrc = rc ? 0 : cur->get(cur, &key, &val, DB_SET_RANGE);
	while (dbrc == 0 && rc == 0 && key.size == pn + 8 && memcmp(key.data, code, pn) == 0) {
		idl_push(l, be64_get((const unsigned char *)key.data + pn));
		dbrc = cur->get(cur, &key, &val, DB_NEXT);
	}
	if (cur)
		cur->close(cur);
	return rc ? rc : dbrc && dbrc != DB_NOTFOUND ? store_err(dbrc, "事件索引") : 0;
}

/* X is TOP or under it (TOP NULL: the whole tree). */
static bool in_subtree(const struct unit *top, const struct unit *x)
{
	return !top || str_prefix(x->path, top->path);
}

/* A walk through the rows of an index by unit code (ev_unit.db, ev_open.db) of the units of a
 * subtree, or with OUTSIDE of those not in it, in code order through one cursor: it seeks a unit
 * only past the rows of others, so that units next to each other cost their rows. It may stop
 * after a budget of steps (a seek or a row) and go on later from NEXT, the unit it had not
 * finished (whose rows it drops). */
struct walk {
	const struct units *us;
	const struct unit *top;
	bool outside;
	int next; /* the first unit of the tree not read to its end */
};

static bool walk_wants(const struct walk *w, const struct unit *x)
{
	return in_subtree(w->top, x) != w->outside;
}

/* The ids of W's rows in DB into L, for at most BUDGET steps (negative: no limit); *DONE when every
 * wanted unit has been read. */
static int walk_rows(struct ctx *c, int db, struct walk *w, long budget, struct idlist *l,
		     bool *done)
{
	const struct units *us = w->us;
	DBC *cur = NULL;
	int rc = cursor_open(c->st, db, &cur);
	DBT key = {0}, val = {.flags = DB_DBT_PARTIAL};
	enum { SEEK, NEXT, HAVE } at = SEEK; /* how to get the row to compare, HAVE: in KEY */
	long start = l->n;		      /* where the rows of unit NEXT begin */
	while (rc == 0) {
		while (w->next < us->n && !walk_wants(w, &us->v[w->next])) {
			w->next++;
			start = l->n;
		}
		if (w->next == us->n)
			break;
		const char *want = us->v[w->next].code;
		if (at != HAVE) {
			if (budget == 0) {
				l->n = start;
				break;
			}
			budget--;
			if (at == SEEK)
				key = (DBT){.data = (void *)want, .size = (u_int32_t)strlen(want) + 1};
			int dbrc = cur->get(cur, &key, &val, at == SEEK ? DB_SET_RANGE : DB_NEXT);
			if (dbrc == DB_NOTFOUND)
				w->next = us->n; /* no row from here on: every unit is read */
			else if (dbrc)
				rc = store_err(dbrc, "事件索引");
			if (dbrc)
				break;
			at = HAVE;
		}
		const char *code = key.data;
		size_t pn = strnlen(code, key.size) + 1;
		if (pn + 8 != key.size) {
			at = NEXT; /* damaged: zongzhi verify says so */
			continue;
		}
		int cmp = strcmp(code, want);
		if (cmp < 0) {
			at = SEEK; /* another unit's rows, before WANT's */
		} else if (cmp > 0) {
			w->next++; /* WANT is read: the row may be the next unit's */
			start = l->n;
		} else {
			idl_push(l, be64_get((const unsigned char *)code + pn));
			at = NEXT;
		}
	}
	*done = rc == 0 && w->next == us->n;
	if (cur)
		cur->close(cur);
	return rc;
}

/* WHERE's unit of US into *TOP (NULL for NULL: the whole tree); 1 when WHERE is no unit (nothing
 * under it). */
static int subtree_top(const struct units *us, const char *where, const struct unit **top)
{
	*top = where ? units_find(us, where) : NULL;
	return where && !*top;
}

/* Every row of DB of TOP's subtree, as walk_rows. */
static int scan_subtree(struct ctx *c, int db, const struct units *us, const struct unit *top,
			struct idlist *l)
{
	bool done;
	return walk_rows(c, db, &(struct walk){.us = us, .top = top}, -1, l, &done);
}

int event_open_count(struct ctx *c, const char *scope, long *out)
{
	const struct units *us = ctx_units(c);
	const struct unit *top = NULL;
	struct idlist l = {.count = true};
	int rc = subtree_top(us, scope, &top) ? 0 : scan_subtree(c, DBI_EV_OPEN, us, top, &l);
	*out = rc < 0 ? 0 : l.n;
	return rc;
}

/* The open events touching TOP's subtree (NULL: all), appended to IDS: the rows of ev_open.db of
 * the subtree's units, and those held elsewhere (reported up, assigned to another unit) that a unit
 * of the subtree held before: of its ev_unit.db rows, the events not held in it that are open.
 * Which are is read from the open events held outside (the rows of ev_open.db of the units not in
 * the subtree: for a county the city's and the province's), or, where those are more than the
 * candidates (a village: a few of its own against the city's), from each candidate's state. The
 * steps go with the subtree's own rows, and the list is the same either way. */
static int list_open(struct ctx *c, const struct units *us, const struct unit *top,
		     struct idlist *l)
{
	long first = l->n;
	int rc = scan_subtree(c, DBI_EV_OPEN, us, top, l);
	if (rc < 0 || !top)
		return rc;
	/* First as many steps outside as the subtree's open events: when nothing is held outside,
	 * the subtree's history (ev_unit.db) is not read. */
	struct walk out = {.us = us, .top = top, .outside = true};
	struct idlist away = {0}, held = {0};
	long nin = l->n - first;
	bool done = false;
	rc = walk_rows(c, DBI_EV_OPEN, &out, nin + 1, &away, &done);
	if (rc < 0 || (done && away.n == 0)) {
		free(away.v);
		return rc;
	}
	rc = scan_subtree(c, DBI_EV_UNIT, us, top, &held);
	/* Then as many steps again as there are candidates, the rows of HELD less the events held
	 * inside: reading one's state costs more than a step. */
	if (rc == 0 && !done && held.n > nin)
		rc = walk_rows(c, DBI_EV_OPEN, &out, held.n - nin, &away, &done);
	if (rc == 0 && done) {
		/* What is held outside is not held inside: no candidate to pick out (a twice listed
		 * one event_list drops). */
		if (away.n)
			qsort(away.v, (size_t)away.n, sizeof *away.v, id_cmp_asc);
		for (long i = 0; i < held.n && away.n; i++)
			if (bsearch(&held.v[i], away.v, (size_t)away.n, sizeof *away.v, id_cmp_asc))
				idl_push(l, held.v[i]);
	} else if (rc == 0) {
		uint64_t *in = l->v + first;
		if (nin)
			qsort(in, (size_t)nin, sizeof *in, id_cmp_asc);
		if (held.n)
			qsort(held.v, (size_t)held.n, sizeof *held.v, id_cmp_asc);
		/* The candidates: HELD less the events held inside (both ascending), kept in place. */
		long k = 0;
		for (long i = 0, j = 0; i < held.n; i++) {
			uint64_t id = held.v[i];
			if (i > 0 && id == held.v[i - 1])
				continue;
			while (j < nin && in[j] < id)
				j++;
			if (j >= nin || in[j] != id)
				held.v[k++] = id;
		}
		/* One unreadable (EV_NONE) is left out, as event_list's state filter does. */
		int *states = xcalloc((size_t)k + 1, sizeof *states);
		rc = event_states(c->st, held.v, k, states);
		for (long i = 0; i < k && rc == 0; i++)
			if (states[i] != EV_NONE && states[i] != EV_CLOSED)
				idl_push(l, held.v[i]);
		free(states);
	}
	free(held.v);
	free(away.v);
	return rc;
}

int event_list(struct ctx *c, const struct user *u, const struct ev_query *q, uint64_t **out, long *nout)
{
	*out = NULL;
	*nout = 0;
	const struct rtype *t = event_type(c);
	if (!t)
		return ZZ_EINVAL;
	bool console = perm_console(u);
	const char *where = !str_empty(q->unit) ? q->unit : console ? NULL : perm_scope(c, u);
	int rc = perm_check(c, u, ACT_VIEW, t, where);
	if (rc < 0)
		return rc;
	struct idlist l = {0};
	const struct units *us = ctx_units(c);
	const struct unit *top = NULL;
	if (q->held)
		rc = scan_code(c->st, DBI_EV_OPEN, where ? where : "", &l);
	else if (subtree_top(us, where, &top) == 0)
		rc = q->open ? list_open(c, us, top, &l) : scan_subtree(c, DBI_EV_UNIT, us, top, &l);
	uint64_t *ids = l.v;
	long n = l.n;
	if (rc < 0) {
		free(ids);
		return rc;
	}
	if (n)
		qsort(ids, (size_t)n, sizeof *ids, id_cmp_desc);
	long k = 0;
	for (long i = 0; i < n; i++) {
		if (i > 0 && ids[i] == ids[i - 1])
			continue;
		if (q->state >= 0) {
			struct event *ev = NULL;
			if (event_load(c->st, NULL, ids[i], &ev, false) < 0)
				continue;
			bool keep = ev->state == q->state;
			event_free(&ev);
			if (!keep)
				continue;
		}
		ids[k++] = ids[i];
		if (q->limit && k >= q->limit)
			break;
	}
	*out = ids;
	*nout = k;
	return 0;
}
