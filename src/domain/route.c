/* route.c — a trie of unit names over Unicode code points, with the children of every node in one
 * open-addressing hash table, so that an address is scanned once from each character. */
#include "route.h"

#include <stdlib.h>
#include <string.h>

#define ROUTE_MAX_CHARS 256

struct rtarget {
	char *code;
	int level;
	int town, village; /* indexes of its township and village in the router, -1 when none */
};

struct redge {
	uint32_t node, cp, child; /* child 0: empty slot (node 0 is the root, never a child) */
};

struct router {
	struct rtarget *t;
	int nt;
	struct redge *h; /* hash of (node, code point) -> child */
	uint32_t hmask;
	uint32_t nnodes;
	int *term;	  /* per node: first target whose name ends here, -1 when none */
	int *next_same;	  /* per target: next target with the same name */
};

static uint32_t edge_hash(uint32_t node, uint32_t cp)
{
	uint64_t x = ((uint64_t)node << 21) ^ cp;
	x *= 0x9e3779b97f4a7c15ULL;
	return (uint32_t)(x >> 32);
}

static uint32_t edge_find(const struct router *r, uint32_t node, uint32_t cp)
{
	for (uint32_t i = edge_hash(node, cp) & r->hmask;; i = (i + 1) & r->hmask) {
		const struct redge *e = &r->h[i];
		if (!e->child)
			return 0;
		if (e->node == node && e->cp == cp)
			return e->child;
	}
}

static uint32_t edge_add(struct router *r, uint32_t node, uint32_t cp)
{
	uint32_t i = edge_hash(node, cp) & r->hmask;
	while (r->h[i].child) {
		if (r->h[i].node == node && r->h[i].cp == cp)
			return r->h[i].child;
		i = (i + 1) & r->hmask;
	}
	r->h[i] = (struct redge){.node = node, .cp = cp, .child = r->nnodes++};
	return r->h[i].child;
}

/* Decode UTF-8 S into code points; invalid bytes become U+FFFD. Returns the count. */
static int utf8_decode(const char *s, uint32_t *out, int max)
{
	const unsigned char *p = (const unsigned char *)s;
	int n = 0;
	while (*p && n < max) {
		uint32_t c = *p;
		int len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
		if (len == 0) {
			out[n++] = 0xfffd;
			p++;
			continue;
		}
		c = len == 1 ? c : c & (0xff >> (len + 1));
		int k = 1;
		for (; k < len && (p[k] & 0xc0) == 0x80; k++)
			c = (c << 6) | (p[k] & 0x3f);
		out[n++] = k == len ? c : 0xfffd;
		p += k;
	}
	return n;
}

static int target_index(const struct router *r, const char *code)
{
	for (int i = 0; i < r->nt; i++)
		if (!strcmp(r->t[i].code, code))
			return i;
	return -1;
}

struct router *router_new(const struct units *us, const char *scope)
{
	struct router *r = xcalloc(1, sizeof *r);
	const struct unit *sc = units_find(us, scope);
	size_t chars = 0;
	r->t = xcalloc((size_t)us->n + 1, sizeof *r->t);
	/* Townships first, then villages, then grids: each finds its ancestors already listed. */
	for (int lv = LV_TOWNSHIP; lv <= LV_GRID; lv++)
		for (int i = 0; sc && i < us->n; i++) {
			const struct unit *u = &us->v[i];
			if (u->level != lv || !str_prefix(u->path, sc->path))
				continue;
			struct rtarget *t = &r->t[r->nt++];
			t->code = xstrdup(u->code);
			t->level = lv;
			const struct unit *tw = units_at_level(us, u->code, LV_TOWNSHIP);
			const struct unit *vi = units_at_level(us, u->code, LV_VILLAGE);
			t->town = tw ? target_index(r, tw->code) : -1;
			t->village = vi ? target_index(r, vi->code) : -1;
			chars += strlen(u->name);
		}
	uint32_t size = 64;
	while (size < 2 * (chars + 1))
		size *= 2;
	r->h = xcalloc(size, sizeof *r->h);
	r->hmask = size - 1;
	r->nnodes = 1;
	r->term = xmalloc((chars + 2) * sizeof *r->term);
	for (size_t i = 0; i < chars + 2; i++)
		r->term[i] = -1;
	r->next_same = xcalloc((size_t)r->nt + 1, sizeof *r->next_same);
	uint32_t cps[ROUTE_MAX_CHARS];
	for (int i = 0; i < r->nt; i++) {
		const struct unit *u = units_find(us, r->t[i].code);
		int n = utf8_decode(u->name, cps, ROUTE_MAX_CHARS);
		uint32_t node = 0;
		for (int k = 0; k < n; k++)
			node = edge_add(r, node, cps[k]);
		r->next_same[i] = r->term[node];
		r->term[node] = i;
	}
	return r;
}

void router_free(struct router **rp)
{
	struct router *r = *rp;
	if (!r)
		return;
	for (int i = 0; i < r->nt; i++)
		free(r->t[i].code);
	free(r->t);
	free(r->h);
	free(r->term);
	free(r->next_same);
	free(r);
	*rp = NULL;
}

struct rmatch {
	int start, end; /* code point span */
	int first;	/* first target of the matched name */
};

/* Keep the candidates of LEVEL whose ancestor at index field (town or village) is in KEEP. */
static int filter(const struct router *r, int *cand, int n, bool town, const int *keep, int nkeep)
{
	if (nkeep == 0)
		return n;
	int m = 0;
	for (int i = 0; i < n; i++) {
		int anc = town ? r->t[cand[i]].town : r->t[cand[i]].village;
		for (int k = 0; k < nkeep; k++)
			if (keep[k] == anc) {
				cand[m++] = cand[i];
				break;
			}
	}
	return m;
}

/* The one unit all of CAND share at LEVEL (their own or their township), or -1. */
static int common(const struct router *r, const int *cand, int n, bool town)
{
	int x = -1;
	for (int i = 0; i < n; i++) {
		int a = town ? r->t[cand[i]].town : r->t[cand[i]].village;
		if (a < 0 || (x >= 0 && a != x))
			return -1;
		x = a;
	}
	return x;
}

const char *router_address(const struct router *r, const char *addr)
{
	uint32_t cps[ROUTE_MAX_CHARS];
	int n = utf8_decode(addr ? addr : "", cps, ROUTE_MAX_CHARS);
	struct rmatch m[ROUTE_MAX_CHARS];
	int nm = 0;
	for (int i = 0; i < n; i++) {
		uint32_t node = 0;
		int best = -1, best_end = 0;
		for (int j = i; j < n; j++) {
			node = edge_find(r, node, cps[j]);
			if (!node)
				break;
			if (r->term[node] >= 0) {
				best = r->term[node];
				best_end = j + 1;
			}
		}
		if (best >= 0)
			m[nm++] = (struct rmatch){.start = i, .end = best_end, .first = best};
	}
	/* A name inside a longer matched name is part of it, not a place of its own. */
	int towns[ROUTE_MAX_CHARS], villages[ROUTE_MAX_CHARS], grids[ROUTE_MAX_CHARS];
	int nt = 0, nv = 0, ng = 0;
	for (int i = 0; i < nm; i++) {
		bool inside = false;
		for (int k = 0; k < nm && !inside; k++)
			inside = k != i && m[k].start <= m[i].start && m[k].end >= m[i].end &&
				 m[k].end - m[k].start > m[i].end - m[i].start;
		if (inside)
			continue;
		for (int t = m[i].first; t >= 0; t = r->next_same[t]) {
			if (r->t[t].level == LV_TOWNSHIP && nt < ROUTE_MAX_CHARS)
				towns[nt++] = t;
			else if (r->t[t].level == LV_VILLAGE && nv < ROUTE_MAX_CHARS)
				villages[nv++] = t;
			else if (r->t[t].level == LV_GRID && ng < ROUTE_MAX_CHARS)
				grids[ng++] = t;
		}
	}
	nv = filter(r, villages, nv, true, towns, nt);
	ng = filter(r, grids, ng, true, towns, nt);
	ng = filter(r, grids, ng, false, villages, nv);
	if (ng == 1)
		return r->t[grids[0]].code;
	int v = ng > 1 ? common(r, grids, ng, false) : -1;
	if (v >= 0)
		return r->t[v].code;
	if (nv == 1)
		return r->t[villages[0]].code;
	if (nv > 1) {
		int t = common(r, villages, nv, true);
		return t >= 0 ? r->t[t].code : NULL;
	}
	if (ng > 1) {
		int t = common(r, grids, ng, true);
		return t >= 0 ? r->t[t].code : NULL;
	}
	return nt == 1 ? r->t[towns[0]].code : NULL;
}
