/* demo.c — demo data: units from db/demo/units.tsv, accounts for each role at each level, and
 * records for every declared type, generated from the fields' types. */
#include "demo.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "claim.h"
#include "due.h"
#include "event.h"
#include "idnum.h"
#include "link.h"
#include "modules.h"
#include "service.h"
#include "unit.h"
#include "validate.h"
#include "stats.h"

/* Every demo account has this password; it is printed, and meant to be changed. */
#define DEMO_PASSWORD "Demo@2026zz"

uint64_t demo_next(struct demo_rng *r)
{
	/* splitmix64 */
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

long demo_range(struct demo_rng *r, long lo, long hi)
{
	return lo + (long)(demo_next(r) % (uint64_t)(hi - lo + 1));
}

/* Birth days drawn from, and the numbers of a day: an ID number of one area is one of
 * DEMO_ID_SLOTS. */
enum { DEMO_ID_DAYS = 70 * 365 + 1, DEMO_ID_SLOTS = DEMO_ID_DAYS * 1000 };

/* demo_idnum, returning which of the DEMO_ID_SLOTS it is. */
static long idnum_draw(struct demo_rng *r, const char *area6, char out[19])
{
	long off = demo_range(r, 0, DEMO_ID_DAYS - 1);
	int y, m, d;
	date_to_ymd(date_from_ymd(1940, 1, 1) + (int)off, &y, &m, &d);
	long seq = demo_range(r, 0, 999);
	snprintf(out, 19, "%.6s%04d%02d%02d%03ld", area6, y, m, d, seq);
	out[17] = idnum_check_char(out);
	out[18] = '\0';
	return off * 1000 + seq;
}

void demo_idnum(struct demo_rng *r, const char *area6, char out[19]) { idnum_draw(r, area6, out); }

void demo_phone(struct demo_rng *r, char out[12])
{
	static const char *const pre[] = {"138", "139", "137", "135", "150", "151", "152", "158", "187", "188", "189", "133", "180", "181", "177"};
	snprintf(out, 12, "%s%08ld", pre[demo_range(r, 0, (long)ARRAY_LEN(pre) - 1)], demo_range(r, 0, 99999999));
}

/* An open-addressing table of strings (below, map_*). */
struct demo_map {
	const char **key;
	char **val; /* NULL until a value is put */
	size_t cap, n;
};

struct demo {
	struct ctx *c;
	struct demo_rng rng;
	struct strv surnames, given;
	struct strv grids, villages, townships;
	struct demo_summary *sum;
	int64_t now;
	/* What later records link to: a sample of persons' ID numbers, the tenants, and per type the
	 * stored records' numbers and keys (parallel to schema->t). */
	struct strv persons, tenants;
	/* The name of each person of the sample, by ID number: a tenant drawn from the sample gets
	 * the name of the person its number names (the try-out found them of two people). */
	struct demo_map names;
	struct strv *ids, *keys;
	int role_next; /* where the next role type starts in the persons sample */
	/* The ID numbers used as keys, one bit per slot of idnum_draw: 3 MB however large the city
	 * (a set of the numbers themselves grew with it). */
	unsigned char *keyset;
	/* enum demo_shape per type (parallel to schema->t) and field, made on first use: the table
	 * is searched once per field, not per value. */
	unsigned char **shapes;
	struct stats_tally tally; /* counters of the records stored since the last write */
	const struct rtype *household, *floating; /* the persons' types (NULL: not in the schema) */
	bool one_thread;			  /* demo_opts.one_thread */
};

/* Take ID number slot SLOT for a key; false when it was taken already (pick another). */
static bool key_claim(struct demo *d, long slot)
{
	if (!d->keyset)
		d->keyset = xcalloc(DEMO_ID_SLOTS / 8 + 1, 1);
	unsigned char bit = (unsigned char)(1u << (slot % 8));
	if (d->keyset[slot / 8] & bit)
		return false;
	d->keyset[slot / 8] |= bit;
	return true;
}

/* What later records link to is drawn from samples, so that a city of millions keeps its memory
 * small: persons' ID numbers, and per type the numbers and keys of the first records stored. */
enum { DEMO_PERSON_SAMPLE = 5000, DEMO_LINK_SAMPLE = 20000 };
/* Records per transaction, and transactions between checkpoints (which let the demo drop the log
 * files recovery no longer needs). */
enum { DEMO_BATCH = 1000, DEMO_CHECKPOINT_EVERY = 200 };
/* One floating person in this many is a newcomer waiting to be claimed; one event a year for this
 * many persons (a city's disputes, at about the rate Chinese cities report them). */
enum { DEMO_CLAIM_ONE_IN = 50, DEMO_PERSONS_PER_EVENT = 200 };
/* Claims and the year's events come with a demo of this many persons or more (the small demos of
 * the tests stay as they were). */
enum { DEMO_CITY_FROM = 1000 };

static int type_index(const struct demo *d, const struct rtype *t)
{
	for (int k = 0; k < d->c->schema->n; k++)
		if (d->c->schema->t[k] == t)
			return k;
	return -1;
}

/* A stored record of type T to link to: its number (BY_NO) or its key; NULL when there is none. */
static char *pick_linked(struct demo *d, const struct rtype *t, bool by_no)
{
	int k = type_index(d, t);
	const struct strv *sv = k < 0 ? NULL : by_no ? &d->ids[k] : &d->keys[k];
	if (!sv || sv->n == 0)
		return NULL;
	return xstrdup(sv->v[demo_range(&d->rng, 0, sv->n - 1)]);
}

static int read_lines(const char *path, struct strv *out)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return errmsg_set(ZZ_EINVAL, "无法读取演示数据 %s", path);
	char *line = NULL;
	size_t cap = 0;
	while (getline(&line, &cap, f) >= 0) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] && line[0] != '#')
			strv_push(out, line);
	}
	free(line);
	fclose(f);
	return out->n ? 0 : errmsg_set(ZZ_EINVAL, "演示数据 %s 是空的", path);
}

static const char *pick(struct demo *d, const struct strv *sv)
{
	return sv->v[demo_range(&d->rng, 0, sv->n - 1)];
}

static void demo_name(struct demo *d, char *out, size_t n)
{
	if (demo_range(&d->rng, 0, 2) == 0)
		snprintf(out, n, "%s%s", pick(d, &d->surnames), pick(d, &d->given));
	else
		snprintf(out, n, "%s%s%s", pick(d, &d->surnames), pick(d, &d->given), pick(d, &d->given));
}

struct units_arg {
	struct demo *d;
	struct strv lines;
};

static int units_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct units_arg *ua = arg;
	struct ctx *c = ua->d->c;
	int rc = 0;
	for (int i = 0; i < ua->lines.n && rc == 0; i++) {
		char *line = xstrdup(ua->lines.v[i]);
		char *p[5];
		if (str_split(line, '\t', p, 5) != 5) {
			rc = errmsg_set(ZZ_EINVAL, "db/demo/units.tsv 第 %d 行应有 5 列", i + 2);
		} else {
			/* Each add needs the tree so far: reload after each. */
			struct units *us = NULL;
			rc = units_load(st, txn, &us);
			if (rc == 0)
				rc = unit_add(st, txn, us, p[0], p[3], p[1], unit_level_parse(p[2]), *p[4] ? p[4] : NULL);
			units_free(&us);
		}
		free(line);
	}
	if (rc == 0)
		rc = audit_append(c, txn, &(struct audit_entry){.user = "console", .unit = "-", .type = "unit_add",
							       .object = "unit:*", .result = "ok",
							       .detail = "演示单位树 db/demo/units.tsv"});
	return rc;
}

static int demo_units(struct demo *d)
{
	struct ctx *c = d->c;
	struct units_arg ua = {.d = d};
	char *dir = conf_path(c->conf, "paths.demo");
	char *path = xasprintf("%s/units.tsv", dir);
	int rc = read_lines(path, &ua.lines);
	free(path);
	free(dir);
	if (rc == 0)
		rc = store_run(c->st, units_txn, &ua);
	strv_free(&ua.lines);
	if (rc == 0)
		rc = ctx_units_reload(c);
	for (int i = 0; rc == 0 && i < c->units->n; i++) {
		const struct unit *x = &c->units->v[i];
		if (x->level == LV_GRID)
			strv_push(&d->grids, x->code);
		else if (x->level == LV_VILLAGE)
			strv_push(&d->villages, x->code);
		else if (x->level == LV_TOWNSHIP)
			strv_push(&d->townships, x->code);
	}
	d->sum->units = c->units->n;
	return rc;
}

static int demo_account(struct demo *d, const char *name, const char *unit, const char *role, const char *hash)
{
	char fullname[32];
	demo_name(d, fullname, sizeof fullname);
	int rc = user_add_hashed(d->c, NULL, name, fullname, unit, role, NULL, DEMO_PASSWORD, hash, true);
	if (rc == 0)
		d->sum->accounts++;
	return rc;
}

/* Accounts: systematic names "u<code>.<role>", and short ones for trying the system. They share the
 * published demo password, so they share its hash too: one yescrypt instead of hundreds (each 16 MB
 * touched), which was most of the time a small demo took. */
static int demo_accounts(struct demo *d)
{
	const struct units *us = d->c->units;
	char *hash = user_hash_password(DEMO_PASSWORD);
	int rc = 0;
	static const struct {
		const char *name, *unit, *role;
	} easy[] = {
		{"admin", "321204", "sysadmin"}, {"secadmin", "321204", "secadmin"}, {"auditor", "321204", "auditor"},
		{"leader", "321204", "leader"},	 {"county", "321204", "office"},     {"police", "321204-police", "dept"},
		{"justice", "321204-justice", "dept"}, {"health", "321204-health", "dept"},
		{"town", "321204001", "office"},  {"village", "321204001001", "office"},
		{"village2", "321204001002", "office"}, {"grid", "321204001001001", "grid"},
	};
	for (size_t i = 0; i < ARRAY_LEN(easy) && rc == 0; i++)
		if (units_find(us, easy[i].unit))
			rc = demo_account(d, easy[i].name, easy[i].unit, easy[i].role, hash);
	for (int i = 0; i < us->n && rc == 0; i++) {
		const struct unit *x = &us->v[i];
		static const char *const office_roles[] = {"office", "leader"};
		char name[64];
		if (x->level == LV_DEPT) {
			snprintf(name, sizeof name, "u%s", x->code);
			for (char *p = name; *p; p++)
				*p = *p == '-' ? '.' : *p;
			rc = demo_account(d, name, x->code, "dept", hash);
		} else if (x->level == LV_GRID) {
			snprintf(name, sizeof name, "u%s.grid", x->code);
			rc = demo_account(d, name, x->code, "grid", hash);
		} else if (x->level >= LV_CITY) {
			for (size_t k = 0; k < ARRAY_LEN(office_roles) && rc == 0; k++) {
				snprintf(name, sizeof name, "u%s.%s", x->code, office_roles[k]);
				rc = demo_account(d, name, x->code, office_roles[k], hash);
			}
		}
	}
	free(hash);
	return rc;
}

static const char *village_of(struct demo *d, const char *grid)
{
	const struct unit *g = units_find(d->c->units, grid);
	return g ? g->parent : grid;
}

/* How the demo shapes the value of a field, by field id ("type.field" where one id means different
 * things in different types). */
enum demo_shape { SHAPE_PLAIN, SHAPE_TENANT, SHAPE_RECENT, SHAPE_YEAR, SHAPE_TERM, SHAPE_SERIAL, SHAPE_CERT,
		  SHAPE_NAME, SHAPE_ADDRESS, SHAPE_TITLE };

static const struct demo_shape_row {
	const char *field;
	enum demo_shape shape;
} demo_shapes[] = {
	{"tenant_idnum", SHAPE_TENANT}, {"day", SHAPE_RECENT},	     {"next_day", SHAPE_RECENT},
	{"built_year", SHAPE_YEAR},	{"sentence", SHAPE_TERM},     {"addr_no", SHAPE_SERIAL},
	{"house_no", SHAPE_SERIAL},	{"period", SHAPE_SERIAL},     {"serial", SHAPE_SERIAL},
	{"cert_no", SHAPE_CERT},	{"owner_id_no", SHAPE_CERT},  {"cadre", SHAPE_NAME},
	{"doctor", SHAPE_NAME},		{"guardian", SHAPE_NAME},     {"landlord", SHAPE_NAME},
	{"lead_head", SHAPE_NAME},	{"leader", SHAPE_NAME},	      {"legal_rep", SHAPE_NAME},
	{"name", SHAPE_NAME},		{"rental.owner", SHAPE_NAME}, {"police", SHAPE_NAME},
	{"principal", SHAPE_NAME},	{"security_head", SHAPE_NAME}, {"tenant_name", SHAPE_NAME},
	{"owner_address", SHAPE_NAME},	{"address", SHAPE_ADDRESS},   {"hukou_address", SHAPE_ADDRESS},
	{"hukou_place", SHAPE_ADDRESS}, {"live_address", SHAPE_ADDRESS}, {"building", SHAPE_TITLE},
	{"inst", SHAPE_TITLE},		{"org_name", SHAPE_TITLE},    {"project", SHAPE_TITLE},
	{"school", SHAPE_TITLE},	{"section", SHAPE_TITLE},     {"title", SHAPE_TITLE},
};

static enum demo_shape demo_shape_of(const struct rtype *t, const struct field *f)
{
	size_t tn = strlen(t->id);
	for (size_t i = 0; i < ARRAY_LEN(demo_shapes); i++) {
		const char *k = demo_shapes[i].field;
		if (!strcmp(k, f->id) || (!strncmp(k, t->id, tn) && k[tn] == '.' && !strcmp(k + tn + 1, f->id)))
			return demo_shapes[i].shape;
	}
	return SHAPE_PLAIN;
}

/* The shape of field I of type T. */
static enum demo_shape demo_shape(struct demo *d, const struct rtype *t, int i)
{
	int k = type_index(d, t);
	if (k < 0)
		return demo_shape_of(t, &t->f[i]);
	if (!d->shapes[k]) {
		d->shapes[k] = xcalloc((size_t)t->nf + 1, 1);
		for (int j = 0; j < t->nf; j++)
			d->shapes[k][j] = (unsigned char)demo_shape_of(t, &t->f[j]);
	}
	return (enum demo_shape)d->shapes[k][i];
}

/* A value for field I of R that passes its checks; text fields are shaped by demo_shapes[];
 * references name records already stored, person fields often persons already known. */
static char *demo_value(struct demo *d, const struct rec *r, int i, const char *grid)
{
	char buf[256];
	const struct field *f = &r->t->f[i];
	const struct units *us = d->c->units;
	if (f->ref) {
		const struct rtype *x = link_type(d->c->schema, r, i);
		if (!x || !link_applies(d->c->schema, r, i))
			return NULL;
		return pick_linked(d, x, f->type == FT_INT);
	}
	const char *l = f->label;
	enum demo_shape shape = demo_shape(d, r->t, i);
	if (f->type == FT_ENUM) {
		/* A selector of references picks a type that has records to name. */
		for (int j = 0; j < r->t->nf; j++)
			if (r->t->f[j].ref && r->t->f[j].ref[0] == '@' && !strcmp(r->t->f[j].ref + 1, f->id)) {
				for (int tries = 0; tries < 50; tries++) {
					const char *code = f->codes->v[demo_range(&d->rng, 0, f->codes->n - 1)].code;
					const struct rtype *x = schema_type(d->c->schema, code);
					int k = x ? type_index(d, x) : -1;
					if (k >= 0 && d->ids[k].n)
						return xstrdup(code);
				}
				return NULL;
			}
	}
	if (f->type == FT_PERSON && d->persons.n && (shape == SHAPE_TENANT || demo_range(&d->rng, 0, 2) > 0))
		return xstrdup(d->persons.v[demo_range(&d->rng, 0, d->persons.n - 1)]);
	if (f->type == FT_DATE && shape == SHAPE_RECENT) {
		date_format(date_today((time_t)d->now) - (int)demo_range(&d->rng, 1, 45), buf);
		return xstrdup(buf);
	}
	if (f->type == FT_INT && shape == SHAPE_YEAR)
		return xasprintf("%ld", demo_range(&d->rng, 1980, 2020));
	if (f->type == FT_TEXT && shape == SHAPE_TERM)
		return xasprintf("%ld年%ld个月", demo_range(&d->rng, 1, 9), demo_range(&d->rng, 1, 11));
	if (f->type == FT_TEXT && shape == SHAPE_SERIAL)
		return xasprintf("%c%07ld", (int)('A' + demo_range(&d->rng, 0, 25)), demo_range(&d->rng, 0, 9999999));
	if (f->type == FT_TEXT && shape == SHAPE_CERT) {
		char id[19];
		demo_idnum(&d->rng, "321204", id);
		return xstrdup(id);
	}
	switch (f->type) {
	case FT_IDNUM:
	case FT_PERSON: {
		char id[19];
		/* A key is unique; a set of the slots used keeps large demos free of repeated ID
		 * numbers. */
		long slot;
		do
			slot = idnum_draw(&d->rng, "321204", id);
		while (i == r->t->key && !key_claim(d, slot));
		return xstrdup(id);
	}
	case FT_PHONE:
		demo_phone(&d->rng, buf);
		return xstrdup(buf);
	case FT_DATE: {
		int base = date_today((time_t)d->now);
		date_format(base - (int)demo_range(&d->rng, 1, 3 * 365), buf);
		return xstrdup(buf);
	}
	case FT_DATETIME: {
		char b[20];
		datetime_format((time_t)(d->now - demo_range(&d->rng, 3600, 365 * 86400L)), b);
		return xstrdup(b);
	}
	case FT_ENUM:
		return xstrdup(f->codes->v[demo_range(&d->rng, 0, f->codes->n - 1)].code);
	case FT_MULTI: {
		int k = (int)demo_range(&d->rng, 0, f->codes->n - 1);
		return xstrdup(f->codes->v[k].code);
	}
	case FT_BOOL:
		return xstrdup(demo_range(&d->rng, 0, 3) == 0 ? "1" : "0");
	case FT_INT:
	case FT_DECIMAL: {
		long lo = f->has_min ? (long)f->min : 0, hi = f->has_max ? (long)f->max : 100;
		if (hi - lo > 500)
			hi = lo + 500;
		return xasprintf("%ld", demo_range(&d->rng, lo, hi));
	}
	case FT_GRID:
		return xstrdup(grid);
	case FT_UNIT:
		return xstrdup(village_of(d, grid));
	case FT_ATTACH:
		return NULL;
	case FT_TEXT:
	case FT_LONGTEXT:
	case FT__COUNT:
		break;
	}
	const struct unit *v = units_find(us, village_of(d, grid));
	if (shape == SHAPE_NAME)
		demo_name(d, buf, sizeof buf);
	else if (shape == SHAPE_ADDRESS)
		snprintf(buf, sizeof buf, "姜堰区%s%ld组%ld号", v ? v->name : "", demo_range(&d->rng, 1, 12),
			 demo_range(&d->rng, 1, 80));
	else if (shape == SHAPE_TITLE)
		snprintf(buf, sizeof buf, "%s%s%ld", v ? v->name : "", l, demo_range(&d->rng, 1, 99));
	else
		snprintf(buf, sizeof buf, "%s（演示）%ld", l, demo_range(&d->rng, 1, 999));
	if (f->has_max && utf8_chars(buf) > (int)f->max) {
		/* Cut at a character boundary to the field's limit. */
		int keep = (int)f->max, k = 0;
		char *p = buf;
		while (*p && k < keep) {
			p++;
			while (((unsigned char)*p & 0xc0) == 0x80)
				p++;
			k++;
		}
		*p = '\0';
	}
	return xstrdup(buf);
}

/* An open-addressing table of strings, each with an optional value: the keys are borrowed (from
 * the samples d->persons and d->tenants, which outlive it), the values owned. It holds the persons
 * given a role of one type so far (a list searched from its start cost up to 20 searches of 5,000
 * entries a record once the sample was used up: 45,000 records of 严重精神障碍 at 10 million
 * persons: about 7 billion string compares for the special groups), and persons' names by ID
 * number. */
static size_t map_hash(const char *s)
{
	size_t h = 14695981039346656037ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* Where KEY is in M, or the empty slot it would take. */
static size_t map_slot(const struct demo_map *m, const char *key)
{
	size_t i = map_hash(key) & (m->cap - 1);
	while (m->key[i] && strcmp(m->key[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

/* Whether KEY is in M; its value (NULL when none) in *VAL when VAL is not NULL. */
static bool map_find(const struct demo_map *m, const char *key, const char **val)
{
	size_t i = m->cap ? map_slot(m, key) : 0;
	bool found = m->cap && m->key[i];
	if (val)
		*val = found && m->val ? m->val[i] : NULL;
	return found;
}

/* Put KEY in M, with a copy of VAL unless NULL; a key already there keeps its value. */
static void map_put(struct demo_map *m, const char *key, const char *val)
{
	if (2 * (m->n + 1) > m->cap) {
		struct demo_map g = {.cap = m->cap ? 2 * m->cap : 1024, .n = m->n};
		g.key = xcalloc(g.cap, sizeof *g.key);
		if (m->val)
			g.val = xcalloc(g.cap, sizeof *g.val);
		for (size_t i = 0; i < m->cap; i++)
			if (m->key[i]) {
				size_t k = map_slot(&g, m->key[i]);
				g.key[k] = m->key[i];
				if (m->val)
					g.val[k] = m->val[i];
			}
		free(m->key);
		free(m->val);
		*m = g;
	}
	size_t i = map_slot(m, key);
	if (m->key[i])
		return;
	m->key[i] = key;
	m->n++;
	if (val) {
		if (!m->val)
			m->val = xcalloc(m->cap, sizeof *m->val);
		m->val[i] = xstrdup(val);
	}
}

static void map_free(struct demo_map *m)
{
	for (size_t i = 0; m->val && i < m->cap; i++)
		free(m->val[i]);
	free(m->key);
	free(m->val);
	*m = (struct demo_map){0};
}

/* Fields of one record that must agree, set right after the draws (the draws, and so the rest of
 * the city, stay as they were): a period's end not before its start (the two dates swapped: a
 * date field's "le" in screens/), and a name that of the person the ID number beside it names. */
static const struct {
	const char *idnum, *name;
} demo_named[] = {{"tenant_idnum", "tenant_name"}};

static void demo_agree(struct demo *d, struct rec *r)
{
	for (int a = 0; a < r->t->nf; a++) {
		int b = r->t->f[a].le;
		if (r->t->f[a].type == FT_DATE && b >= 0 && r->v[a] && r->v[b] && strcmp(r->v[b], r->v[a]) < 0) {
			char *start = r->v[a];
			r->v[a] = r->v[b];
			r->v[b] = start;
		}
	}
	for (size_t k = 0; k < ARRAY_LEN(demo_named); k++) {
		int a = rtype_field(r->t, demo_named[k].idnum), b = rtype_field(r->t, demo_named[k].name);
		const char *name = NULL;
		if (a >= 0 && b >= 0 && r->v[a] && map_find(&d->names, r->v[a], &name))
			rec_set_raw(r, b, name);
	}
}

/* A role of a person already known: the next person of the sample, tenants first, with the
 * person's base information as stored (the role would otherwise overwrite it). USED: the persons
 * given a role of this type so far. */
static void demo_known_person(struct demo *d, struct rec *r, int nth, struct demo_map *used)
{
	const struct rtype *pt = schema_type(d->c->schema, "person");
	if (!pt || !d->persons.n)
		return;
	const char *id = NULL;
	for (int tries = 0; tries < 20 && !id; tries++) {
		const char *cand = nth < 3 && d->tenants.n ? d->tenants.v[(d->role_next + nth + tries) % d->tenants.n]
							  : d->persons.v[(d->role_next * 7 + nth + tries) % d->persons.n];
		if (!map_find(used, cand, NULL))
			id = cand;
	}
	if (!id)
		return;
	map_put(used, id, NULL);
	uint64_t pid;
	struct rec *p = NULL;
	if (record_by_key(d->c->st, NULL, pt, id, &pid) < 0 || record_load(d->c->st, NULL, pt, pid, &p, false) < 0)
		return;
	for (int i = 0; i < r->t->nf; i++) {
		if (!r->t->f[i].from_person)
			continue;
		int j = rtype_field(pt, r->t->f[i].id);
		if (j >= 0)
			rec_set_raw(r, i, p->v[j]);
	}
	if (p->unit)
		rec_set_meta(&r->unit, p->unit);
	rec_free(&p);
}

/* Fill R's fields; returns the validated record or NULL when a generated value did not pass. */
static int demo_fill(struct demo *d, struct rec *r, const char *grid)
{
	for (int i = 0; i < r->t->nf; i++) {
		const struct field *f = &r->t->f[i];
		if (f->derived || (!f->required && demo_range(&d->rng, 0, 4) == 0))
			continue;
		if (r->v[i])
			continue;
		char *v = demo_value(d, r, i, grid);
		if (!v)
			continue;
		char *norm = NULL;
		/* Patterns may ask for shapes the generator does not know: leave optional ones empty. */
		if (validate_field(f, v, &norm) == 0)
			rec_set_raw(r, i, norm);
		else if (f->required)
			rec_set_raw(r, i, v);
		free(norm);
		free(v);
	}
	/* A part never above its whole ("le"): folded into it, without drawing again (the rest of the
	 * demo stays the same). */
	for (int i = 0; i < r->t->nf; i++) {
		const struct field *f = &r->t->f[i];
		if (!f->le_id || f->le < 0 || !r->v[i] || !r->v[f->le] || f->type != FT_INT)
			continue;
		long long whole = atoll(r->v[f->le]), part = atoll(r->v[i]);
		if (part > whole) {
			char buf[24];
			snprintf(buf, sizeof buf, "%lld", part % (whole + 1));
			rec_set_raw(r, i, buf);
		}
	}
	demo_agree(d, r);
	if (!r->unit)
		rec_set_meta(&r->unit, grid);
	rec_derive(r);
	modules_derive(d->c, r);
	return 0;
}

struct batch {
	struct demo *d;
	struct rec **recs;
	int n;
	long flushes;
	bool tally; /* this batch's transaction writes the counters tallied so far */
};

/* The first grid under VILLAGE (the grid a newcomer's address names), NULL when it has none. */
static const char *first_grid(const struct demo *d, const char *village)
{
	const struct units *us = d->c->units;
	for (int i = 0; i < us->n; i++)
		if (us->v[i].level == LV_GRID && !strcmp(us->v[i].parent, village))
			return us->v[i].code;
	return NULL;
}

/* The police department of the county above VILLAGE, whose feed reports newcomers (an import's
 * unit: a row sent back goes to it); NULL when the tree has none. */
static const char *police_of(const struct demo *d, const char *village)
{
	const struct units *us = d->c->units;
	const struct unit *x = units_find(us, village);
	while (x && x->level > LV_COUNTY)
		x = units_find(us, x->parent);
	for (int i = 0; x && i < us->n; i++)
		if (us->v[i].level == LV_DEPT && us->v[i].dept && !strcmp(us->v[i].dept, "police") &&
		    !strcmp(us->v[i].parent, x->code))
			return us->v[i].code;
	return NULL;
}

/* A newcomer the police feed reported yesterday, waiting at its village to be claimed into a
 * grid, one suggested (R-CL-1), as an import routes it (claim_target: a grid's row waits at its
 * village, where 待认领 lists it): one deadline for all of them, so one due row per village. */
static int demo_claim(struct demo *d, DB_TXN *txn, const struct rec *r)
{
	int64_t since = d->now - 86400;
	struct claim cl = {.t = r->t, .id = r->id, .unit = r->unit, .state = REC_PENDING, .since = since,
			   .due = claim_due(d->c, since), .grid = (char *)first_grid(d, r->unit),
			   .importer = (char *)police_of(d, r->unit)};
	int rc = claim_put(d->c->st, txn, &cl);
	if (rc == 0)
		rc = due_put(d->c->st, txn, cl.due, "claim", r->unit);
	return rc;
}

static int batch_txn(struct store *st, DB_TXN *txn, void *arg)
{
	struct batch *b = arg;
	int rc = 0;
	for (int i = 0; i < b->n && rc == 0; i++) {
		struct rec *r = b->recs[i];
		r->id = 0;
		r->updated = r->created;
		rec_set_meta(&r->by_unit, r->unit);
		rec_set_meta(&r->by_user, "demo");
		rc = record_store(st, txn, r, NULL);
		if (rc == 0 && r->state == REC_PENDING)
			rc = demo_claim(b->d, txn, r);
		if (rc == 0)
			rc = clock_after_store(b->d->c, txn, &service_console, r, NULL, b->d->now);
	}
	/* The counters (stats.h) of the records stored before: added up in memory and written once
	 * every DEMO_CHECKPOINT_EVERY batches and at the end, one write per distinct key instead
	 * of a read and a write per record. A demo cut short lacks the counters of its last
	 * batches; it is made again, in an empty home (init refuses a home with data). */
	if (rc == 0 && b->tally)
		rc = stats_tally_write(st, txn, &b->d->tally);
	if (rc == 0 && b->n)
		rc = audit_append(b->d->c, txn, &(struct audit_entry){.user = "console", .unit = "-", .type = "import",
								    .object = b->recs[0]->t->id, .result = "ok",
								    .detail = "演示数据"});
	return rc;
}

/* The demo fills a new home that no backup holds yet and that can be made again from its seed:
 * the log files recovery no longer needs are removed as it goes (a city of ten million would
 * otherwise leave tens of gigabytes of them). */
static int demo_checkpoint(struct store *st)
{
	int rc = store_checkpoint(st);
	if (rc == 0 && st->env->log_archive(st->env, NULL, DB_ARCH_REMOVE) != 0)
		rc = errmsg_set(ZZ_EDB, "演示数据：无法删除不再需要的数据库日志");
	return rc;
}

/* Close a batch of drawn records before it is stored: their days of entry, and what later records
 * link to that their values give (keys, persons, tenants). Drawn before the store, not after it
 * as they were, so that the next batch can be drawn while this one is stored: the same draws in
 * the same order, so the same city. */
static void batch_close(struct demo *d, struct rec **recs, int n)
{
	/* Entered over the last two years, so that some visits and patrols are overdue. */
	for (int i = 0; i < n; i++)
		if (!recs[i]->created)
			recs[i]->created = d->now - demo_range(&d->rng, 0, 700) * 86400;
	for (int i = 0; i < n; i++) {
		const struct rec *r = recs[i];
		int k = type_index(d, r->t);
		if (k < 0)
			continue;
		if (r->t->key >= 0 && r->v[r->t->key] && d->keys[k].n < DEMO_LINK_SAMPLE)
			strv_push(&d->keys[k], r->v[r->t->key]);
		if (r->t->key >= 0 && r->v[r->t->key] && r->t->person_role && d->persons.n < DEMO_PERSON_SAMPLE) {
			strv_push(&d->persons, r->v[r->t->key]);
			if (r->t->name_field >= 0 && r->v[r->t->name_field]) {
				map_put(&d->names, d->persons.v[d->persons.n - 1], r->v[r->t->name_field]);
			}
		}
		for (int j = 0; j < r->t->nf; j++)
			if (r->v[j] && r->t->f[j].type == FT_PERSON && demo_shape(d, r->t, j) == SHAPE_TENANT)
				strv_push(&d->tenants, r->v[j]);
	}
}

/* Store a closed batch: the records, their counters, and the numbers the store gave them. */
static int batch_store(struct batch *b)
{
	b->tally = (b->flushes + 1) % DEMO_CHECKPOINT_EVERY == 0;
	int rc = b->n ? store_run_flags(b->d->c->st, batch_txn, b, STORE_TXN_NOSYNC) : 0;
	if (rc == 0 && b->n && b->tally)
		stats_tally_free(&b->d->tally);
	/* Unlogged (store_set_durable) there is no log to remove. */
	if (rc == 0 && b->n && ++b->flushes % DEMO_CHECKPOINT_EVERY == 0 && !b->d->c->st->not_durable)
		rc = demo_checkpoint(b->d->c->st);
	for (int i = 0; i < b->n; i++) {
		const struct rec *r = b->recs[i];
		int k = type_index(b->d, r->t);
		if (rc == 0)
			stats_tally_record(b->d->c, &b->d->tally, r);
		if (rc == 0 && k >= 0) {
			b->d->sum->per_type[k]++;
			char no[24];
			snprintf(no, sizeof no, "%llu", (unsigned long long)r->id);
			if (b->d->ids[k].n < DEMO_LINK_SAMPLE)
				strv_push(&b->d->ids[k], no);
		}
		rec_free(&b->recs[i]);
	}
	b->n = 0;
	return rc;
}

static int flush(struct batch *b)
{
	batch_close(b->d, b->recs, b->n);
	return batch_store(b);
}

static int tally_txn(struct store *st, DB_TXN *txn, void *arg)
{
	return stats_tally_write(st, txn, arg);
}

/* R's checks as a form's; R is freed when it fails them. */
static int demo_check(struct rec **r)
{
	int bad;
	if (rec_check(*r, &bad) == 0)
		return 0;
	int rc = errmsg_set(ZZ_EINVAL, "演示数据生成的%s不合规：%s", (*r)->t->title, errmsg());
	rec_free(r);
	return rc;
}

static int add(struct batch *b, struct rec *r)
{
	int rc = demo_check(&r);
	if (rc < 0)
		return rc;
	b->recs[b->n++] = r;
	return b->n == DEMO_BATCH ? flush(b) : 0;
}

/* A person of the city: most registered here, some floating in from elsewhere; NULL when the
 * schema has neither type. */
static struct rec *demo_person(struct demo *d, long long persons)
{
	const struct rtype *household = d->household, *floating = d->floating;
	const struct rtype *t = floating && demo_range(&d->rng, 0, 6) == 0 ? floating : household;
	if (!t)
		return NULL;
	struct rec *r = rec_new(t);
	demo_fill(d, r, pick(d, &d->grids));
	if (t == floating && persons >= DEMO_CITY_FROM && demo_range(&d->rng, 0, DEMO_CLAIM_ONE_IN - 1) == 0) {
		r->state = REC_PENDING; /* waits at its village (demo_claim) */
		rec_set_meta(&r->unit, village_of(d, r->unit));
	}
	d->sum->persons++;
	return r;
}

/* Whether the persons' values can be drawn ahead of the store: none of them names a stored
 * record (by the number the store gives it), and the options allow the second thread. */
static bool people_ahead(const struct demo *d)
{
	if (d->one_thread)
		return false;
	const struct rtype *types[] = {d->household, d->floating};
	for (size_t i = 0; i < ARRAY_LEN(types); i++) {
		const struct rtype *t = types[i];
		for (int j = 0; t && j < t->nf; j++)
			if (t->f[j].ref)
				return false;
	}
	return true;
}

/* The persons, the bulk of a city, drawn by a second thread one batch ahead of the batch being
 * stored: the values and their checks are about 30 % of a person's instructions, and they need
 * no database. The drawing thread alone uses the generator's state meanwhile (the random stream,
 * the ID-number set, the samples); the storing thread, the store and the counters' tally. The
 * batches and their draws are those of the loop without the thread, so the same seed gives the
 * same city. */
struct people_half {
	struct rec **recs;
	int n;
	bool full, last; /* drawn and waiting to be stored; the last batch */
	int rc;
	char *err; /* the drawing thread's message when rc < 0 */
};

struct people {
	struct demo *d;
	long long persons;
	struct people_half h[2];
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool stop; /* the storing thread gave up: the drawing one ends */
};

static void people_draw(struct people *p, struct people_half *h, long long *done)
{
	h->n = 0;
	while (h->n < DEMO_BATCH && *done < p->persons && h->rc == 0) {
		struct rec *r = demo_person(p->d, p->persons);
		if (!r) {
			*done = p->persons;
			break;
		}
		(*done)++;
		h->rc = demo_check(&r);
		if (h->rc < 0)
			h->err = xstrdup(errmsg());
		else
			h->recs[h->n++] = r;
	}
	h->last = *done == p->persons || h->rc < 0;
	batch_close(p->d, h->recs, h->n);
}

static void *people_drawer(void *arg)
{
	struct people *p = arg;
	long long done = 0;
	for (int k = 0;; k ^= 1) {
		struct people_half *h = &p->h[k];
		pthread_mutex_lock(&p->mu);
		while (h->full && !p->stop)
			pthread_cond_wait(&p->cv, &p->mu);
		bool stop = p->stop;
		pthread_mutex_unlock(&p->mu);
		if (stop)
			break;
		people_draw(p, h, &done);
		pthread_mutex_lock(&p->mu);
		h->full = true;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		if (h->last)
			break;
	}
	return NULL;
}

/* Store the persons as the drawing thread hands them over, into B's store. */
static int people_store(struct people *p, struct batch *b)
{
	struct rec **own = b->recs;
	int rc = 0;
	for (int k = 0;; k ^= 1) {
		struct people_half *h = &p->h[k];
		pthread_mutex_lock(&p->mu);
		while (!h->full)
			pthread_cond_wait(&p->cv, &p->mu);
		pthread_mutex_unlock(&p->mu);
		if (h->rc < 0) {
			rc = errmsg_set(h->rc, "%s", h->err);
		} else {
			b->recs = h->recs;
			b->n = h->n;
			rc = batch_store(b);
			h->n = 0;
		}
		if (rc < 0 || h->last)
			break;
		pthread_mutex_lock(&p->mu);
		h->full = false;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
	b->recs = own;
	b->n = 0;
	return rc;
}

static int demo_people(struct demo *d, struct batch *b, long long persons)
{
	struct people p = {.d = d, .persons = persons};
	for (int k = 0; k < 2; k++)
		p.h[k].recs = xcalloc(DEMO_BATCH, sizeof *p.h[k].recs);
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv, NULL);
	pthread_t drawer;
	int rc = 0;
	if (pthread_create(&drawer, NULL, people_drawer, &p) != 0) {
		rc = errmsg_set(ZZ_ERR, "无法启动生成演示人口的线程");
	} else {
		rc = people_store(&p, b);
		pthread_mutex_lock(&p.mu);
		p.stop = true;
		pthread_cond_broadcast(&p.cv);
		pthread_mutex_unlock(&p.mu);
		pthread_join(drawer, NULL);
	}
	for (int k = 0; k < 2; k++) {
		for (int i = 0; i < p.h[k].n; i++)
			rec_free(&p.h[k].recs[i]);
		free(p.h[k].recs);
		free(p.h[k].err);
	}
	pthread_cond_destroy(&p.cv);
	pthread_mutex_destroy(&p.mu);
	return rc;
}

/* Monthly reports: the county's, for each of the last 24 months (so that 同比 has a year before),
 * one per code of a single-choice part of the key (traffic and fire accidents). */
static int demo_periods(struct demo *d, struct batch *b, const struct rtype *t)
{
	const struct mod_compose *mc = modules_compose(d->c->modules, t);
	const char *county = NULL;
	for (int i = 0; i < d->c->units->n && !county; i++)
		if (d->c->units->v[i].level == LV_COUNTY)
			county = d->c->units->v[i].code;
	if (!county)
		return 0;
	int y, mo, dd;
	date_to_ymd(date_today((time_t)d->now), &y, &mo, &dd);
	const struct codetable *ct = NULL;
	for (int k = 0; k < mc->n; k++)
		if (t->f[mc->parts[k]].type == FT_ENUM)
			ct = t->f[mc->parts[k]].codes;
	int rc = 0;
	for (int back = 1; back <= 24 && rc == 0; back++) {
		int mm = (y * 12 + mo - 1) - back;
		for (int code = 0; code < (ct ? ct->n : 1) && rc == 0; code++) {
			struct rec *r = rec_new(t);
			rec_set_meta(&r->unit, county);
			for (int k = 0; k < mc->n; k++) {
				const struct field *f = &t->f[mc->parts[k]];
				char buf[16];
				if (mc->parts[k] == mc->yoy)
					snprintf(buf, sizeof buf, "%d", mm / 12);
				else if (f->type == FT_INT)
					snprintf(buf, sizeof buf, "%d", mm % 12 + 1);
				else if (f->type == FT_UNIT)
					snprintf(buf, sizeof buf, "%s", county);
				else
					snprintf(buf, sizeof buf, "%s", ct->v[code].code);
				rec_set_raw(r, mc->parts[k], buf);
			}
			demo_fill(d, r, d->grids.v[0]);
			/* Reports are entered on the 3rd of the month after. */
			r->created = modules_day_start(date_from_ymd((mm + 1) / 12, (mm + 1) % 12 + 1, 3)) + 36000;
			rc = add(b, r);
		}
	}
	return rc;
}

/* Patrol logs: most grid members logged most of the last days; the rest show as missing. */
static int demo_patrols(struct demo *d, struct batch *b)
{
	const struct modules *m = d->c->modules;
	int k = type_index(d, m->staff), rc = 0;
	for (int i = 0; k >= 0 && i < d->keys[k].n && rc == 0; i++) {
		uint64_t sid;
		struct rec *s = NULL;
		if (record_by_key(d->c->st, NULL, m->staff, d->keys[k].v[i], &sid) < 0 ||
		    record_load(d->c->st, NULL, m->staff, sid, &s, false) < 0)
			continue;
		int skip = (int)demo_range(&d->rng, 0, 4); /* days before yesterday without a log */
		for (int back = 1 + skip; back <= 5 && rc == 0; back++) {
			struct rec *r = rec_new(m->log);
			char day[11];
			date_format(date_today((time_t)d->now) - back, day);
			rec_set_raw(r, m->log_member, d->keys[k].v[i]);
			rec_set_raw(r, m->log_day, day);
			rec_set_meta(&r->unit, s->unit);
			demo_fill(d, r, s->unit);
			r->created = d->now - back * 86400 + 3600;
			rc = add(b, r);
		}
		rec_free(&s);
	}
	return rc;
}

/* The grid-member record of a grid with a short demo account ("grid") bears that account's name,
 * so that the account files its patrol log as itself (modules_member_of). */
static void demo_staff_account(struct demo *d, struct rec *r)
{
	struct user *u = NULL;
	if (user_load(d->c->st, NULL, "grid", &u, false) == 0 && !strcmp(u->unit, r->unit) && r->t->name_field >= 0 &&
	    !str_empty(u->fullname))
		rec_set_raw(r, r->t->name_field, u->fullname);
	user_free(&u);
}

/* Special groups in about the shares a Chinese city registers them (per 10,000 people: national
 * counts of 安置帮教, 社区矫正, registered 严重精神障碍 and drug users over the population), a few
 * of each however small the demo; a role type not listed: 1%. */
static const struct {
	const char *type;
	long per_10k;
} demo_shares[] = {
	{"released", 20}, {"corrections", 5}, {"mental", 45}, {"hiv", 1}, {"drug", 8},
	{"threat", 1},	  {"petitioner", 3},  {"youth", 20},
};

static long demo_per_10k(const struct rtype *t)
{
	for (size_t i = 0; i < ARRAY_LEN(demo_shares); i++)
		if (!strcmp(demo_shares[i].type, t->id))
			return demo_shares[i].per_10k;
	return 100;
}

static int demo_records(struct demo *d, long long persons)
{
	struct ctx *c = d->c;
	struct batch b = {.d = d, .recs = xcalloc(DEMO_BATCH, sizeof *b.recs)};
	int rc = 0;
	if (people_ahead(d)) {
		rc = demo_people(d, &b, persons);
	} else {
		struct rec *r;
		for (long long i = 0; i < persons && rc == 0 && (r = demo_person(d, persons)); i++)
			rc = add(&b, r);
		if (rc == 0)
			rc = flush(&b);
	}
	/* Special roles of people already known, and the other record types, a few per village. */
	const struct modules *m = c->modules;
	for (int k = 0; k < c->schema->n && rc == 0; k++) {
		const struct rtype *t = c->schema->t[k];
		int wanted = 1;
		/* A type whose values tie records together (catalogues, recipients) says demo = false. */
		config_setting_lookup_bool(t->setting, "demo", &wanted);
		if (t == d->household || t == d->floating || !strcmp(t->id, "person") || service_workflow(t) || !wanted)
			continue;
		if (modules_compose(m, t)) {
			rc = demo_periods(d, &b, t);
		} else if (t == m->log) {
			rc = demo_patrols(d, &b);
		} else {
			long n = t->person_role ? (long)(persons * demo_per_10k(t) / 10000 + 3)
				 : t == m->staff ? (long)d->grids.n
				 : t == m->svc	 ? (long)d->villages.n * 4
						 : (long)d->villages.n;
			struct demo_map used = {0};
			for (long i = 0; i < n && rc == 0; i++) {
				struct rec *r = rec_new(t);
				if (t->person_role)
					demo_known_person(d, r, (int)i, &used);
				demo_fill(d, r, t == m->staff ? d->grids.v[i] : pick(d, &d->grids));
				if (t == m->staff)
					demo_staff_account(d, r);
				rc = add(&b, r);
			}
			map_free(&used);
			d->role_next += t->person_role;
		}
		if (rc == 0)
			rc = flush(&b);
	}
	if (rc == 0)
		rc = flush(&b);
	if (rc == 0 && d->tally.len)
		rc = store_run_flags(c->st, tally_txn, &d->tally, STORE_TXN_NOSYNC);
	stats_tally_free(&d->tally);
	free(b.recs);
	return rc;
}

/* The year's disputes of a city: registered by the office of a village of the grid drawn, through
 * event_new as a person would (its audit, clocks, counters), waiting there to be accepted. */
static int demo_city_events(struct demo *d, long long persons)
{
	const struct rtype *t = event_type(d->c);
	long n = persons >= DEMO_CITY_FROM ? (long)(persons / DEMO_PERSONS_PER_EVENT) : 0;
	int kind = t ? rtype_field(t, "kind") : -1;
	struct user *u = NULL;
	int rc = 0;
	for (long i = 0; t && i < n && rc == 0; i++) {
		const char *grid = pick(d, &d->grids);
		char name[64];
		snprintf(name, sizeof name, "u%s.office", village_of(d, grid));
		if (!u || strcmp(u->name, name) != 0) {
			user_free(&u);
			rc = user_load(d->c->st, NULL, name, &u, false);
			if (rc < 0)
				break;
		}
		struct rec *r = rec_new(t);
		rec_set_meta(&r->unit, u->unit);
		demo_fill(d, r, grid);
		if (kind >= 0)
			rec_set_raw(r, kind, NULL); /* disputes; mass incidents keep the scripted one */
		rc = event_new(d->c, u, r, "演示数据", NULL);
		if (rc < 0)
			rc = errmsg_set(rc, "演示事件：%s", errmsg());
		rec_free(&r);
	}
	user_free(&u);
	return rc;
}

int demo_create(struct ctx *c, const struct demo_opts *o, struct demo_summary *sum)
{
	struct demo d = {.c = c,
			 .rng = {o->seed * 0x2545f4914f6cdd1dULL + 1},
			 .sum = sum,
			 .now = o->now ? o->now : (int64_t)time(NULL),
			 .one_thread = o->one_thread,
			 .household = schema_type(c->schema, "household"),
			 .floating = schema_type(c->schema, "floating")};
	d.ids = xcalloc((size_t)c->schema->n + 1, sizeof *d.ids);
	d.shapes = xcalloc((size_t)c->schema->n + 1, sizeof *d.shapes);
	d.keys = xcalloc((size_t)c->schema->n + 1, sizeof *d.keys);
	sum->per_type = xcalloc((size_t)c->schema->n + 1, sizeof *sum->per_type);
	sum->password = DEMO_PASSWORD;
	char *dir = conf_path(c->conf, "paths.demo");
	char *p1 = xasprintf("%s/surnames.txt", dir), *p2 = xasprintf("%s/given.txt", dir);
	int rc = read_lines(p1, &d.surnames);
	if (rc == 0)
		rc = read_lines(p2, &d.given);
	free(p1);
	free(p2);
	free(dir);
	/* A new home made again from its seed if need be: nothing waits for the disk until the end,
	 * and nothing is logged (without replication: store_set_durable); the end writes the files
	 * and checkpoints. */
	if (rc == 0 && o->persons >= DEMO_CITY_FROM)
		rc = store_set_cache(c->st, conf_int(c->conf, "db.demo_cache_mb"),
				     conf_int(c->conf, "db.demo_watch_ms"));
	c->st->env->set_flags(c->st->env, DB_TXN_WRITE_NOSYNC, 1);
	if (rc == 0)
		rc = store_set_durable(c->st, false);
	if (rc == 0)
		rc = demo_units(&d);
	if (rc == 0)
		rc = demo_accounts(&d);
	if (rc == 0) {
		/* Bulk work, as an import: one cursor per database a transaction, batches committed
		 * without waiting for the disk (above) and the log flushed once at the end; ids in
		 * blocks for a city only (they leave a gap after each type's last record: a small
		 * demo's records keep the numbers they always had). */
		c->st->id_block = o->persons >= DEMO_CITY_FROM ? DEMO_BATCH : 0;
		c->st->put_cursors = true;
		rc = demo_records(&d, o->persons);
		c->st->id_block = 0;
		c->st->put_cursors = false;
	}
	if (rc == 0)
		rc = demo_events(c, d.now, sum);
	if (rc == 0)
		rc = demo_city_events(&d, o->persons);
	/* c->st->env: the environment may have been opened anew meanwhile (store_revive). */
	c->st->env->set_flags(c->st->env, DB_TXN_WRITE_NOSYNC, 0);
	int drc = store_set_durable(c->st, true);
	if (drc < 0 && rc == 0)
		rc = drc;
	if (store_flush(c->st) < 0 && rc == 0)
		rc = ZZ_EDB;
	/* The next opener makes its regions at db.cache_mb. */
	if (rc == 0)
		rc = store_set_cache(c->st, 0, 0);
	/* Count what the database holds: persons are stored through their roles, not one by one here. */
	for (int k = 0; rc == 0 && k < c->schema->n; k++)
		rc = record_count_unit(c->st, NULL, c->schema->t[k], NULL, &sum->per_type[k]);
	strv_free(&d.surnames);
	strv_free(&d.given);
	strv_free(&d.grids);
	strv_free(&d.villages);
	strv_free(&d.townships);
	map_free(&d.names);
	strv_free(&d.persons);
	strv_free(&d.tenants);
	for (int k = 0; k < c->schema->n; k++) {
		strv_free(&d.ids[k]);
		strv_free(&d.keys[k]);
		free(d.shapes[k]);
	}
	free(d.ids);
	free(d.keys);
	free(d.shapes);
	free(d.keyset);
	stats_tally_free(&d.tally);
	return rc;
}

void demo_print(struct ctx *c, struct demo_summary *sum, FILE *out)
{
	fprintf(out, "演示数据库：%s\n单位 %ld 个，账号 %ld 个（密码均为 %s，首次使用后请修改）\n", c->home, sum->units,
		sum->accounts, sum->password);
	for (int i = 0; i < c->schema->n; i++)
		fprintf(out, "  %-16s %s%*s %ld 条\n", c->schema->t[i]->id, c->schema->t[i]->title,
			20 - utf8_width(c->schema->t[i]->title), "", sum->per_type[i]);
	fputs("常用演示账号：admin（系统管理员） secadmin（安全管理员） auditor（审计员） leader（区领导）\n"
	      "  county（区综治中心） police（区公安分局） town（三水街道） village（桥头社区） grid（网格员）\n",
	      out);
	free(sum->per_type);
	sum->per_type = NULL;
}
