/* codec.c — records as bytes: a header of metadata, then (field id, encoding, value) triples.
 * Fields are found by id, not position, so a screen file may add or reorder fields freely.
 * Version 2 names a field by its tag (a 32-bit hash of its id, schema.h: an empty id, then the
 * four bytes of the tag) instead of the id itself: a household or person record is a quarter
 * smaller. Version 1 records are still read; unknown fields of either keep their own bytes. */
#include <stdlib.h>
#include <string.h>

#include "record.h"

#define CODEC_MAGIC 0x5a
#define CODEC_VERSION 2

/* Not a field: a person role's link to its person record (field ids never start with @). */
#define CODEC_PERSON "@person"
/* Not fields either: the record's version and who stored it (absent in records stored before). */
#define CODEC_RVERSION "@version"
#define CODEC_EDITOR "@editor"
/* Their tags in version 2 (field tags start at SCHEMA_TAG_FIRST). */
enum { TAG_PERSON = 1, TAG_RVERSION = 2, TAG_EDITOR = 3 };

enum codec_enc { ENC_STR = 0, ENC_INT = 1, ENC_BOOL = 2, ENC_DATE = 3, ENC_DATETIME = 4 };

static void put_uvarint(struct sb *sb, uint64_t v)
{
	unsigned char b[10];
	int n = 0;
	do {
		b[n] = (unsigned char)(v & 0x7f);
		v >>= 7;
		if (v)
			b[n] |= 0x80;
		n++;
	} while (v);
	sb_add(sb, (char *)b, (size_t)n);
}

static void put_svarint(struct sb *sb, int64_t v)
{
	put_uvarint(sb, ((uint64_t)v << 1) ^ (v < 0 ? UINT64_MAX : 0));
}

static void put_str(struct sb *sb, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	put_uvarint(sb, n);
	sb_add(sb, s ? s : "", n);
}

struct cur {
	const unsigned char *p, *end;
};

static int get_uvarint(struct cur *c, uint64_t *out)
{
	uint64_t v = 0;
	for (int shift = 0; shift < 64; shift += 7) {
		if (c->p >= c->end)
			return -1;
		unsigned char b = *c->p++;
		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*out = v;
			return 0;
		}
	}
	return -1;
}

static int get_svarint(struct cur *c, int64_t *out)
{
	uint64_t u;
	if (get_uvarint(c, &u) < 0)
		return -1;
	*out = (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
	return 0;
}

static int get_str(struct cur *c, char **out)
{
	uint64_t n;
	if (get_uvarint(c, &n) < 0 || n > (uint64_t)(c->end - c->p))
		return -1;
	*out = xstrndup((const char *)c->p, (size_t)n);
	c->p += n;
	return 0;
}

/* A string in place (not NUL-terminated): field ids are compared where they lie. */
static int get_span(struct cur *c, const char **s, size_t *n)
{
	uint64_t len;
	if (get_uvarint(c, &len) < 0 || len > (uint64_t)(c->end - c->p))
		return -1;
	*s = (const char *)c->p;
	*n = (size_t)len;
	c->p += len;
	return 0;
}

/* The field of T with id ID (N bytes), looking from FROM on first: fields are written in
 * declaration order, so the next one usually matches at once. */
static int codec_field(const struct rtype *t, const char *id, size_t n, int from)
{
	for (int pass = 0; pass < 2; pass++)
		for (int k = pass ? 0 : from; k < (pass ? from : t->nf); k++) {
			const char *f = t->f[k].id;
			/* memcmp after strnlen, not strncmp: an id with a NUL inside would match a
			 * shorter field id and f[n] be read past its end (found by fuzz_codec). */
			if (f[0] == id[0] && strnlen(f, n + 1) == n && !memcmp(f, id, n))
				return k;
		}
	return -1;
}

/* A field's name in version 2: its tag, or its id when its type has two fields with one tag. */
static void put_tag(struct sb *sb, uint32_t tag, const char *id)
{
	if (!tag) {
		put_str(sb, id);
		return;
	}
	unsigned char b[5] = {0, (unsigned char)(tag >> 24), (unsigned char)(tag >> 16), (unsigned char)(tag >> 8),
			      (unsigned char)tag};
	sb_add(sb, (char *)b, sizeof b);
}

/* The field of T with tag TAG, looking from FROM on first (as codec_field). */
static int codec_tag_field(const struct rtype *t, uint32_t tag, int from)
{
	for (int k = from; k < t->nf; k++)
		if (t->f[k].tag == tag)
			return k;
	for (int k = 0; k < from; k++)
		if (t->f[k].tag == tag)
			return k;
	return -1;
}

static void encode_value(struct sb *sb, const struct field *f, const char *v)
{
	long long ll;
	int days;
	time_t t;
	switch (f->type) {
	case FT_INT:
		if (str_to_ll(v, &ll) == 0) {
			sb_addc(sb, ENC_INT);
			put_svarint(sb, ll);
			return;
		}
		break;
	case FT_BOOL:
		if (!strcmp(v, "0") || !strcmp(v, "1")) {
			sb_addc(sb, ENC_BOOL);
			sb_addc(sb, v[0]);
			return;
		}
		break;
	case FT_DATE:
		if (date_parse(v, &days) == 0) {
			sb_addc(sb, ENC_DATE);
			put_svarint(sb, days);
			return;
		}
		break;
	case FT_DATETIME:
		if (datetime_parse(v, &t) == 0) {
			sb_addc(sb, ENC_DATETIME);
			put_svarint(sb, (int64_t)t);
			return;
		}
		break;
	default:
		break;
	}
	sb_addc(sb, ENC_STR);
	put_str(sb, v);
}

void codec_encode(const struct rec *r, struct sb *out)
{
	const struct rtype *t = r->t;
	sb_reset(out);
	sb_addc(out, CODEC_MAGIC);
	sb_addc(out, CODEC_VERSION);
	put_uvarint(out, (uint64_t)r->state);
	put_uvarint(out, r->flags);
	put_svarint(out, r->created);
	put_svarint(out, r->updated);
	put_str(out, r->unit);
	put_str(out, r->by_unit);
	put_str(out, r->by_user);
	for (int i = 0; i < t->nf; i++) {
		const struct field *f = &t->f[i];
		/* A person role keeps only the ID number of the person's base information. */
		if (!r->v[i] || (f->from_person && i != t->key))
			continue;
		put_tag(out, f->tag, f->id);
		encode_value(out, f, r->v[i]);
	}
	if (r->person_id && t->person_role) {
		put_tag(out, TAG_PERSON, NULL);
		sb_addc(out, ENC_INT);
		put_svarint(out, (int64_t)r->person_id);
	}
	if (r->version) {
		put_tag(out, TAG_RVERSION, NULL);
		sb_addc(out, ENC_INT);
		put_svarint(out, (int64_t)r->version);
	}
	if (r->editor) {
		put_tag(out, TAG_EDITOR, NULL);
		sb_addc(out, ENC_STR);
		put_str(out, r->editor);
	}
	if (r->extra.len)
		sb_add(out, r->extra.buf, r->extra.len);
}

static bool span_is(const char *id, size_t n, const char *name)
{
	return n == strlen(name) && !memcmp(id, name, n);
}

static int decode_value(struct cur *c, char **out)
{
	if (c->p >= c->end)
		return -1;
	int enc = *c->p++;
	int64_t v;
	char buf[24];
	switch (enc) {
	case ENC_STR:
		return get_str(c, out);
	case ENC_INT:
		if (get_svarint(c, &v) < 0)
			return -1;
		*out = xasprintf("%lld", (long long)v);
		return 0;
	case ENC_BOOL:
		if (c->p >= c->end)
			return -1;
		*out = xstrndup((const char *)c->p++, 1);
		return 0;
	case ENC_DATE:
		if (get_svarint(c, &v) < 0)
			return -1;
		date_format((int)v, buf);
		*out = xstrdup(buf);
		return 0;
	case ENC_DATETIME:
		if (get_svarint(c, &v) < 0)
			return -1;
		datetime_format((time_t)v, buf);
		*out = xstrdup(buf);
		return 0;
	default:
		return -1;
	}
}

int codec_unit(const void *buf, size_t n, char **unit)
{
	struct cur c = {buf, (const unsigned char *)buf + n};
	uint64_t u;
	int64_t s;
	if (n < 2 || c.p[0] != CODEC_MAGIC || (c.p[1] != 1 && c.p[1] != CODEC_VERSION))
		return errmsg_set(ZZ_EDB, "记录格式无法识别");
	c.p += 2;
	if (get_uvarint(&c, &u) < 0 || get_uvarint(&c, &u) < 0 || get_svarint(&c, &s) < 0 ||
	    get_svarint(&c, &s) < 0 || get_str(&c, unit) < 0)
		return errmsg_set(ZZ_EDB, "记录已损坏（头部）");
	return 0;
}

int codec_decode(struct rec *r, const void *buf, size_t n)
{
	struct cur c = {buf, (const unsigned char *)buf + n};
	uint64_t state, flags;
	int64_t created, updated;
	if (n < 2 || c.p[0] != CODEC_MAGIC || (c.p[1] != 1 && c.p[1] != CODEC_VERSION))
		return errmsg_set(ZZ_EDB, "记录格式无法识别");
	bool tags = c.p[1] == 2;
	c.p += 2;
	char *unit = NULL, *by_unit = NULL, *by_user = NULL;
	if (get_uvarint(&c, &state) < 0 || get_uvarint(&c, &flags) < 0 || get_svarint(&c, &created) < 0 ||
	    get_svarint(&c, &updated) < 0 || get_str(&c, &unit) < 0 || get_str(&c, &by_unit) < 0 ||
	    get_str(&c, &by_user) < 0) {
		free(unit);
		free(by_unit);
		return errmsg_set(ZZ_EDB, "记录已损坏（头部）");
	}
	r->state = (int)state;
	r->flags = (unsigned)flags;
	r->created = created;
	r->updated = updated;
	free(r->unit);
	free(r->by_unit);
	free(r->by_user);
	/* Absent metadata is NULL in memory, as rec_set_meta leaves it. */
	r->unit = *unit ? unit : (free(unit), NULL);
	r->by_unit = *by_unit ? by_unit : (free(by_unit), NULL);
	r->by_user = *by_user ? by_user : (free(by_user), NULL);
	int next = 0; /* fields are written in declaration order: try the next one first */
	while (c.p < c.end) {
		const unsigned char *start = c.p;
		const char *id;
		size_t idn;
		char *val = NULL;
		if (get_span(&c, &id, &idn) < 0)
			return errmsg_set(ZZ_EDB, "记录已损坏（字段）");
		uint32_t tag = 0;
		/* No field has an empty id: in version 1 it is damage, and kept as an unknown field it
		 * would read as a tag once written in version 2 (found by fuzz_codec). */
		if (!tags && idn == 0)
			return errmsg_set(ZZ_EDB, "记录已损坏（字段）");
		if (tags && idn == 0) {
			if (c.end - c.p < 4)
				return errmsg_set(ZZ_EDB, "记录已损坏（字段）");
			tag = (uint32_t)c.p[0] << 24 | (uint32_t)c.p[1] << 16 | (uint32_t)c.p[2] << 8 | c.p[3];
			c.p += 4;
			/* The pseudo-fields, by the names the rest of this loop knows them by. */
			if (tag == TAG_PERSON || tag == TAG_RVERSION || tag == TAG_EDITOR) {
				id = tag == TAG_PERSON ? CODEC_PERSON : tag == TAG_RVERSION ? CODEC_RVERSION : CODEC_EDITOR;
				idn = strlen(id);
				tag = 0;
			}
		}
		if (span_is(id, idn, CODEC_PERSON) || span_is(id, idn, CODEC_RVERSION)) {
			int64_t x;
			if (c.p >= c.end || *c.p++ != ENC_INT || get_svarint(&c, &x) < 0)
				return errmsg_set(ZZ_EDB, "记录已损坏（字段）");
			if (span_is(id, idn, CODEC_PERSON))
				r->person_id = (uint64_t)x;
			else
				r->version = (uint64_t)x;
			continue;
		}
		if (span_is(id, idn, CODEC_EDITOR)) {
			free(r->editor);
			r->editor = NULL;
			if (c.p >= c.end || *c.p++ != ENC_STR || get_str(&c, &r->editor) < 0)
				return errmsg_set(ZZ_EDB, "记录已损坏（字段）");
			continue;
		}
		if (decode_value(&c, &val) < 0)
			return errmsg_set(ZZ_EDB, "记录已损坏（字段）");
		int from = next < r->t->nf ? next : 0;
		int i = tag ? codec_tag_field(r->t, tag, from) : idn ? codec_field(r->t, id, idn, from) : -1;
		if (i >= 0) {
			next = i + 1;
			free(r->v[i]);
			r->v[i] = val;
		} else {
			sb_add(&r->extra, (const char *)start, (size_t)(c.p - start));
			free(val);
		}
	}
	return 0;
}
