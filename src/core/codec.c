/* codec.c — records as bytes: a header of metadata, then (field name, encoding, value) triples.
 * Fields are found by name, not position, so a screen file may add or reorder fields freely.
 * Version 1 named a field by its id; version 2 by its tag (a 32-bit hash of its id, schema.h: an
 * empty id, then the four bytes of the tag). Version 3 (written now) packs each field's name
 * form, encoding and short length into one byte, strings of digits (ID numbers, phone numbers,
 * codes) as two digits a byte, and the record's version and person link in the header: a person
 * record is about a quarter smaller (doc/performance.md, "The record codec, version 3").
 * Versions 1 and 2 are still read; unknown fields of any version are kept, in version 3. */
#include <stdlib.h>
#include <string.h>

#include "record.h"

#define CODEC_MAGIC 0x5a
#define CODEC_VERSION 3

/* Not a field: a person role's link to its person record (field ids never start with @). */
#define CODEC_PERSON "@person"
/* Not fields either: the record's version and who stored it (absent in records stored before). */
#define CODEC_RVERSION "@version"
#define CODEC_EDITOR "@editor"
/* Their tags in version 2 and 3 (field tags start at SCHEMA_TAG_FIRST); version 3 keeps the first
 * two in the header. */
enum { TAG_PERSON = 1, TAG_RVERSION = 2, TAG_EDITOR = 3 };

/* ENC_DIGITS (version 3): a string of digits and X, two a byte (X is 10, an odd end 15). */
enum codec_enc { ENC_STR = 0, ENC_INT = 1, ENC_BOOL = 2, ENC_DATE = 3, ENC_DATETIME = 4, ENC_DIGITS = 5 };

/* Version 3's field byte: the encoding, whether an id (not a tag) names the field, and a short
 * length (strings, digits; LEN_LONG: a varint follows) or a boolean's value. */
enum { HEAD_ENC = 0x07, HEAD_BY_ID = 0x08, HEAD_SHIFT = 4, LEN_LONG = 15 };

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

/* Is S (N bytes) worth writing as ENC_DIGITS? */
static bool codec_digits(const char *s, size_t n)
{
	if (n < 2)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(s[i] >= '0' && s[i] <= '9') && s[i] != 'X')
			return false;
	return true;
}

static void put_nibbles(struct sb *sb, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i += 2) {
		unsigned hi = s[i] == 'X' ? 10u : (unsigned)(s[i] - '0');
		unsigned lo = i + 1 >= n ? 15u : s[i + 1] == 'X' ? 10u : (unsigned)(s[i + 1] - '0');
		sb_addc(sb, (char)(hi << 4 | lo));
	}
}

/* A header string in version 3: its length and whether it is packed digits, then its bytes. */
static void put_pstr(struct sb *sb, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	bool d = codec_digits(s, n);
	put_uvarint(sb, (uint64_t)n << 1 | d);
	if (d)
		put_nibbles(sb, s, n);
	else
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

static int get_bytes(struct cur *c, size_t n, char **out)
{
	if (n > (size_t)(c->end - c->p))
		return -1;
	*out = xstrndup((const char *)c->p, n);
	c->p += n;
	return 0;
}

static int get_str(struct cur *c, char **out)
{
	uint64_t n;
	if (get_uvarint(c, &n) < 0 || n > (uint64_t)(c->end - c->p))
		return -1;
	return get_bytes(c, (size_t)n, out);
}

/* A nibble's character; the entries past X mark a nibble no digit string holds. */
static const char codec_nibble_char[16] = "0123456789X";

/* N packed digits; an odd count ends with 15, every other nibble is a digit or 10 (X). Two a
 * byte, by table: the byte-by-nibble loop was a sixth of a lookup's decoding. */
static int get_nibbles(struct cur *c, uint64_t n, char **out)
{
	/* n / 2 + n % 2, not (n + 1) / 2: a damaged length of 2^64 - 1 would wrap to 0. */
	if (n / 2 + n % 2 > (uint64_t)(c->end - c->p))
		return -1;
	char *s = xmalloc((size_t)n + 1);
	const unsigned char *p = c->p;
	size_t i = 0;
	for (; i + 1 < n; i += 2, p++) {
		s[i] = codec_nibble_char[*p >> 4];
		s[i + 1] = codec_nibble_char[*p & 15u];
		if (!s[i] || !s[i + 1])
			break;
	}
	bool ok = i + 1 >= n;
	if (ok && n % 2) {
		s[i] = codec_nibble_char[*p >> 4];
		ok = s[i] && (*p++ & 15u) == 15;
	}
	if (!ok) {
		free(s);
		return -1;
	}
	c->p = p;
	s[n] = '\0';
	*out = s;
	return 0;
}

static int get_pstr(struct cur *c, char **out)
{
	uint64_t h;
	if (get_uvarint(c, &h) < 0)
		return -1;
	if (h & 1)
		return get_nibbles(c, h >> 1, out);
	return h >> 1 > (uint64_t)(c->end - c->p) ? -1 : get_bytes(c, (size_t)(h >> 1), out);
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

/* One field as read from any version, or to be written: named by TAG, else by ID (IDN bytes);
 * its value as text (TEXT) and, for the numeric encodings, as the number stored (NUM). */
struct fval {
	uint32_t tag;
	const char *id;
	size_t idn;
	int enc;
	int64_t num;
	char *text;
};

/* Write field F in version 3. */
static void put_field(struct sb *sb, const struct fval *f)
{
	size_t n = strlen(f->text);
	/* A boolean of a damaged older record that is neither 0 nor 1 is kept as its text. */
	int enc = f->enc == ENC_BOOL && strcmp(f->text, "0") && strcmp(f->text, "1") ? ENC_STR : f->enc;
	unsigned small = 0;
	if (enc == ENC_STR || enc == ENC_DIGITS)
		small = n < LEN_LONG ? (unsigned)n : LEN_LONG;
	else if (enc == ENC_BOOL)
		small = (unsigned)(f->text[0] - '0');
	sb_addc(sb, (char)((unsigned)enc | (f->tag ? 0u : HEAD_BY_ID) | small << HEAD_SHIFT));
	if (f->tag) {
		unsigned char b[4] = {(unsigned char)(f->tag >> 24), (unsigned char)(f->tag >> 16),
				      (unsigned char)(f->tag >> 8), (unsigned char)f->tag};
		sb_add(sb, (char *)b, sizeof b);
	} else {
		put_uvarint(sb, f->idn);
		sb_add(sb, f->id, f->idn);
	}
	if (small == LEN_LONG)
		put_uvarint(sb, n);
	switch (enc) {
	case ENC_STR:
		sb_add(sb, f->text, n);
		break;
	case ENC_DIGITS:
		put_nibbles(sb, f->text, n);
		break;
	case ENC_INT:
	case ENC_DATE:
	case ENC_DATETIME:
		put_svarint(sb, f->num);
		break;
	default:
		break;
	}
}

/* The encoding of value V of field F: its compact form when it parses as its type. */
static int encode_form(const struct field *f, const char *v, int64_t *num)
{
	long long ll;
	int days;
	time_t t;
	if (f->type == FT_INT && str_to_ll(v, &ll) == 0) {
		*num = ll;
		return ENC_INT;
	}
	if (f->type == FT_BOOL && (!strcmp(v, "0") || !strcmp(v, "1")))
		return ENC_BOOL;
	if (f->type == FT_DATE && date_parse(v, &days) == 0) {
		*num = days;
		return ENC_DATE;
	}
	if (f->type == FT_DATETIME && datetime_parse(v, &t) == 0) {
		*num = (int64_t)t;
		return ENC_DATETIME;
	}
	return codec_digits(v, strlen(v)) ? ENC_DIGITS : ENC_STR;
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
	/* Usually the same as created, or a little after it. */
	put_svarint(out, (int64_t)((uint64_t)r->updated - (uint64_t)r->created));
	put_uvarint(out, r->version);
	put_uvarint(out, t->person_role ? r->person_id : 0);
	put_pstr(out, r->unit);
	put_pstr(out, r->by_unit);
	put_pstr(out, r->by_user);
	for (int i = 0; i < t->nf; i++) {
		const struct field *f = &t->f[i];
		/* A person role keeps only the ID number of the person's base information. */
		if (!r->v[i] || (f->from_person && i != t->key))
			continue;
		struct fval fv = {f->tag, f->id, strlen(f->id), 0, 0, r->v[i]};
		fv.enc = encode_form(f, r->v[i], &fv.num);
		put_field(out, &fv);
	}
	if (r->editor) {
		struct fval fv = {TAG_EDITOR, NULL, 0, ENC_STR, 0, r->editor};
		put_field(out, &fv);
	}
	if (r->extra.len)
		sb_add(out, r->extra.buf, r->extra.len);
}

static bool span_is(const char *id, size_t n, const char *name)
{
	return n == strlen(name) && !memcmp(id, name, n);
}

/* The value of encoding F->enc (versions 1 and 2) into F->text and F->num. */
static int decode_value(struct cur *c, struct fval *f)
{
	char buf[24];
	switch (f->enc) {
	case ENC_STR:
		return get_str(c, &f->text);
	case ENC_INT:
	case ENC_DATE:
	case ENC_DATETIME:
		if (get_svarint(c, &f->num) < 0)
			return -1;
		if (f->enc == ENC_INT)
			snprintf(buf, sizeof buf, "%lld", (long long)f->num);
		else if (f->enc == ENC_DATE)
			date_format((int)f->num, buf);
		else
			datetime_format((time_t)f->num, buf);
		f->text = xstrdup(buf);
		return 0;
	case ENC_BOOL:
		if (c->p >= c->end)
			return -1;
		f->text = xstrndup((const char *)c->p++, 1);
		return 0;
	default:
		return -1;
	}
}

/* One field of a version 1 or 2 record (TAGS: version 2). */
static int read_field_v12(struct cur *c, bool tags, struct fval *f)
{
	if (get_span(c, &f->id, &f->idn) < 0)
		return -1;
	/* No field has an empty id: in version 1 it is damage, and kept as an unknown field it
	 * would read as a tag once written again (found by fuzz_codec). */
	if (f->idn == 0 && !tags)
		return -1;
	if (f->idn == 0) {
		if (c->end - c->p < 4)
			return -1;
		f->tag = (uint32_t)c->p[0] << 24 | (uint32_t)c->p[1] << 16 | (uint32_t)c->p[2] << 8 | c->p[3];
		c->p += 4;
		/* No field has tag 0 (it names none: found by fuzz_codec). */
		if (!f->tag)
			return -1;
	}
	if (c->p >= c->end)
		return -1;
	f->enc = *c->p++;
	return decode_value(c, f);
}

/* One field of a version 3 record. */
static int read_field_v3(struct cur *c, struct fval *f)
{
	if (c->p >= c->end)
		return -1;
	unsigned h = *c->p++;
	unsigned small = h >> HEAD_SHIFT;
	f->enc = (int)(h & HEAD_ENC);
	if (h & HEAD_BY_ID) {
		if (get_span(c, &f->id, &f->idn) < 0 || f->idn == 0)
			return -1;
	} else {
		if (c->end - c->p < 4)
			return -1;
		f->tag = (uint32_t)c->p[0] << 24 | (uint32_t)c->p[1] << 16 | (uint32_t)c->p[2] << 8 | c->p[3];
		c->p += 4;
		if (!f->tag)
			return -1;
	}
	uint64_t n = small;
	if ((f->enc == ENC_STR || f->enc == ENC_DIGITS) && small == LEN_LONG && get_uvarint(c, &n) < 0)
		return -1;
	if (f->enc == ENC_STR)
		return n > (uint64_t)(c->end - c->p) ? -1 : get_bytes(c, (size_t)n, &f->text);
	if (f->enc == ENC_DIGITS)
		return get_nibbles(c, n, &f->text);
	if (f->enc == ENC_BOOL) {
		if (small > 1)
			return -1;
		f->text = xstrdup(small ? "1" : "0");
		return 0;
	}
	if (small)
		return -1;
	return decode_value(c, f);
}

/* The header of a version 3 record, into R (when not NULL) and *UNIT. */
static int read_head_v3(struct cur *c, struct rec *r, char **unit, char **by_unit, char **by_user)
{
	uint64_t state, flags, version, person;
	int64_t created, since;
	if (get_uvarint(c, &state) < 0 || get_uvarint(c, &flags) < 0 || get_svarint(c, &created) < 0 ||
	    get_svarint(c, &since) < 0 || get_uvarint(c, &version) < 0 || get_uvarint(c, &person) < 0 ||
	    get_pstr(c, unit) < 0)
		return -1;
	if (!r)
		return 0;
	if (get_pstr(c, by_unit) < 0 || get_pstr(c, by_user) < 0)
		return -1;
	r->state = (int)state;
	r->flags = (unsigned)flags;
	r->created = created;
	r->updated = (int64_t)((uint64_t)created + (uint64_t)since);
	r->version = version;
	r->person_id = person;
	return 0;
}

/* The header of a version 1 or 2 record (as read_head_v3). */
static int read_head_v12(struct cur *c, struct rec *r, char **unit, char **by_unit, char **by_user)
{
	uint64_t state, flags;
	int64_t created, updated;
	if (get_uvarint(c, &state) < 0 || get_uvarint(c, &flags) < 0 || get_svarint(c, &created) < 0 ||
	    get_svarint(c, &updated) < 0 || get_str(c, unit) < 0)
		return -1;
	if (!r)
		return 0;
	if (get_str(c, by_unit) < 0 || get_str(c, by_user) < 0)
		return -1;
	r->state = (int)state;
	r->flags = (unsigned)flags;
	r->created = created;
	r->updated = updated;
	return 0;
}

/* The header of BUF (N bytes) into R (NULL: the unit only); *VERSION the codec's version. */
static int read_head(struct cur *c, size_t n, int *version, struct rec *r, char **unit, char **by_unit,
		     char **by_user)
{
	if (n < 2 || c->p[0] != CODEC_MAGIC || c->p[1] < 1 || c->p[1] > CODEC_VERSION)
		return errmsg_set(ZZ_EDB, "记录格式无法识别");
	*version = c->p[1];
	c->p += 2;
	int rc = *version == 3 ? read_head_v3(c, r, unit, by_unit, by_user)
			       : read_head_v12(c, r, unit, by_unit, by_user);
	if (rc < 0) {
		free(*unit);
		free(*by_unit);
		free(*by_user);
		*unit = *by_unit = *by_user = NULL;
		return errmsg_set(ZZ_EDB, "记录已损坏（头部）");
	}
	return 0;
}

int codec_unit(const void *buf, size_t n, char **unit)
{
	struct cur c = {buf, (const unsigned char *)buf + n};
	int version;
	char *by_unit = NULL, *by_user = NULL;
	*unit = NULL;
	return read_head(&c, n, &version, NULL, unit, &by_unit, &by_user);
}

/* Field F of R's record: a pseudo-field (person link, version, editor of versions 1 and 2; the
 * editor of any), a declared field, or an unknown one kept in R->extra. Takes F->text. */
static int codec_take(struct rec *r, struct fval *f, int *next)
{
	if (f->tag == TAG_PERSON || f->tag == TAG_RVERSION || f->tag == TAG_EDITOR) {
		f->id = f->tag == TAG_PERSON ? CODEC_PERSON : f->tag == TAG_RVERSION ? CODEC_RVERSION : CODEC_EDITOR;
		f->idn = strlen(f->id);
		f->tag = 0;
	}
	if (span_is(f->id, f->idn, CODEC_PERSON) || span_is(f->id, f->idn, CODEC_RVERSION)) {
		bool ok = f->enc == ENC_INT;
		if (ok && span_is(f->id, f->idn, CODEC_PERSON))
			r->person_id = (uint64_t)f->num;
		else if (ok)
			r->version = (uint64_t)f->num;
		free(f->text);
		return ok ? 0 : -1;
	}
	if (span_is(f->id, f->idn, CODEC_EDITOR)) {
		if (f->enc != ENC_STR) {
			free(f->text);
			return -1;
		}
		free(r->editor);
		r->editor = f->text;
		return 0;
	}
	int from = *next < r->t->nf ? *next : 0;
	int i = f->tag ? codec_tag_field(r->t, f->tag, from) : codec_field(r->t, f->id, f->idn, from);
	if (i >= 0) {
		*next = i + 1;
		free(r->v[i]);
		r->v[i] = f->text;
		return 0;
	}
	put_field(&r->extra, f);
	free(f->text);
	return 0;
}

int codec_decode(struct rec *r, const void *buf, size_t n)
{
	struct cur c = {buf, (const unsigned char *)buf + n};
	char *unit = NULL, *by_unit = NULL, *by_user = NULL;
	int version;
	int rc = read_head(&c, n, &version, r, &unit, &by_unit, &by_user);
	if (rc < 0)
		return rc;
	free(r->unit);
	free(r->by_unit);
	free(r->by_user);
	/* Absent metadata is NULL in memory, as rec_set_meta leaves it. */
	r->unit = *unit ? unit : (free(unit), NULL);
	r->by_unit = *by_unit ? by_unit : (free(by_unit), NULL);
	r->by_user = *by_user ? by_user : (free(by_user), NULL);
	int next = 0; /* fields are written in declaration order: try the next one first */
	while (c.p < c.end) {
		struct fval f = {0};
		rc = version == 3 ? read_field_v3(&c, &f) : read_field_v12(&c, version == 2, &f);
		if (rc < 0 || codec_take(r, &f, &next) < 0) {
			if (rc < 0)
				free(f.text);
			return errmsg_set(ZZ_EDB, "记录已损坏（字段）");
		}
	}
	return 0;
}

int codec_recode(const struct rtype *t, const void *buf, size_t n, struct sb *out)
{
	const unsigned char *p = buf;
	if (n >= 2 && p[0] == CODEC_MAGIC && p[1] == CODEC_VERSION)
		return 0;
	struct rec *r = rec_new(t);
	int rc = codec_decode(r, buf, n);
	if (rc == 0) {
		codec_encode(r, out);
		rc = 1;
	}
	rec_free(&r);
	return rc;
}
