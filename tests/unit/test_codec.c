/* test_codec.c — records as bytes: every field type round-trips, metadata too, and fields the
 * screen file no longer declares are kept untouched (adding or removing a field needs no migration). */
#include "testlib.h"

#include "record.h"

struct fx {
	struct tl t;
	struct codes *codes;
	struct schema *s;
	const struct rtype *rt;
};

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	tl_init_conf(&f->t, NULL, NULL);
	tl_fixture_schema(&f->t, &f->codes, &f->s);
	f->rt = schema_type(f->s, "sample");
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	tl_fixture_free(&f->codes, &f->s);
	tl_close(&f->t);
	free(f);
	return 0;
}

/* One value of every field type, as validate_field would store it. */
static const char *const sample[][2] = {
	{"code", "A123"},	       {"title", "桥头社区"},	  {"note", "第一行\n第二行\t制表"},
	{"count", "-42"},	       {"area", "120.25"},	  {"day", "1949-10-01"},
	{"at", "2026-11-28 09:30:15"}, {"sex", "2"},		  {"relations", "01,10"},
	{"flag", "1"},		       {"idnum", "11010519491231002X"}, {"phone", "0523-88812345"},
	{"unit", "321204001"},	       {"grid", "321204001001001"},	 {"who", "440524188001010014"},
	{"file", "照片.jpg"},
};

static struct rec *filled(const struct rtype *t)
{
	struct rec *r = rec_new(t);
	for (size_t i = 0; i < ARRAY_LEN(sample); i++)
		rec_set_raw(r, rtype_field(t, sample[i][0]), sample[i][1]);
	r->id = 77;
	rec_set_meta(&r->unit, "321204001001001");
	rec_set_meta(&r->by_unit, "321204001001");
	rec_set_meta(&r->by_user, "village");
	r->created = 1795830000;
	r->updated = -5; /* signed varints */
	r->state = 3;
	r->flags = 1;
	return r;
}

static void test_every_type_round_trips(void **state)
{
	struct fx *f = *state;
	struct rec *r = filled(f->rt);
	/* Every field type is covered. */
	for (int i = 0; i < f->rt->nf; i++)
		assert_non_null(r->v[i]);
	struct sb enc;
	sb_init(&enc);
	codec_encode(r, &enc);
	struct rec *d = rec_new(f->rt);
	assert_int_equal(codec_decode(d, enc.buf, enc.len), 0);
	for (int i = 0; i < f->rt->nf; i++)
		assert_string_equal(d->v[i], r->v[i]);
	assert_string_equal(d->unit, r->unit);
	assert_string_equal(d->by_unit, r->by_unit);
	assert_string_equal(d->by_user, r->by_user);
	assert_int_equal(d->created, r->created);
	assert_int_equal(d->updated, r->updated);
	assert_int_equal(d->state, 3);
	assert_int_equal(d->flags, 1);
	assert_int_equal(d->extra.len, 0);
	/* Numbers and dates take their compact forms: the record is smaller than its text. */
	size_t text = 0;
	for (size_t i = 0; i < ARRAY_LEN(sample); i++)
		text += strlen(sample[i][0]) + strlen(sample[i][1]) + 2;
	assert_true(enc.len < text + 64);
	sb_free(&enc);
	rec_free(&d);
	rec_free(&r);
}

static void test_empty_fields_absent(void **state)
{
	struct fx *f = *state;
	struct rec *r = rec_new(f->rt);
	rec_set_raw(r, rtype_field(f->rt, "code"), "B001");
	struct sb enc;
	sb_init(&enc);
	codec_encode(r, &enc);
	struct rec *d = rec_new(f->rt);
	assert_int_equal(codec_decode(d, enc.buf, enc.len), 0);
	assert_string_equal(rec_get(d, "code"), "B001");
	assert_null(rec_get(d, "title"));
	assert_null(d->unit);
	sb_free(&enc);
	rec_free(&d);
	rec_free(&r);
}

static void test_unknown_fields_kept(void **state)
{
	struct fx *f = *state;
	struct rec *r = filled(f->rt);
	struct sb enc;
	sb_init(&enc);
	codec_encode(r, &enc);
	/* A later screen file without "note" and "count": they are carried, not lost. */
	struct rtype narrow = *f->rt;
	struct field *fl = xcalloc((size_t)f->rt->nf, sizeof *fl);
	narrow.nf = 0;
	for (int i = 0; i < f->rt->nf; i++)
		if (strcmp(f->rt->f[i].id, "note") && strcmp(f->rt->f[i].id, "count"))
			fl[narrow.nf++] = f->rt->f[i];
	narrow.f = fl;
	struct rec *d = rec_new(&narrow);
	assert_int_equal(codec_decode(d, enc.buf, enc.len), 0);
	assert_true(d->extra.len > 0);
	assert_string_equal(rec_get(d, "title"), "桥头社区");
	rec_set_raw(d, rtype_field(&narrow, "title"), "天目社区"); /* edited under the narrow file */
	struct sb enc2;
	sb_init(&enc2);
	codec_encode(d, &enc2);
	/* Read back with the full declaration: the unknown fields are all there. */
	struct rec *back = rec_new(f->rt);
	assert_int_equal(codec_decode(back, enc2.buf, enc2.len), 0);
	assert_string_equal(rec_get(back, "note"), "第一行\n第二行\t制表");
	assert_string_equal(rec_get(back, "count"), "-42");
	assert_string_equal(rec_get(back, "title"), "天目社区");
	sb_free(&enc);
	sb_free(&enc2);
	rec_free(&back);
	rec_free(&d);
	free(fl);
	rec_free(&r);
}

/* A person role carries its person's record id; other types never write it, and a record
 * without it (written before) decodes with 0. */
static void test_person_link(void **state)
{
	struct fx *f = *state;
	struct rtype role = *f->rt;
	role.person_role = true;
	struct rec *r = filled(&role);
	r->person_id = 1234567;
	struct sb enc;
	sb_init(&enc);
	codec_encode(r, &enc);
	struct rec *d = rec_new(&role);
	assert_int_equal(codec_decode(d, enc.buf, enc.len), 0);
	assert_int_equal(d->person_id, 1234567);
	assert_int_equal(d->extra.len, 0);
	assert_string_equal(rec_get(d, "title"), "桥头社区");
	struct rec *plain = filled(f->rt);
	plain->person_id = 99;
	codec_encode(plain, &enc);
	struct rec *p = rec_new(f->rt);
	assert_int_equal(codec_decode(p, enc.buf, enc.len), 0);
	assert_int_equal(p->person_id, 0);
	/* The link's value must be an integer. */
	sb_reset(&enc);
	sb_add(&enc, "\x5a\x01\x00\x00\x00\x00\x00\x00\x00\x07@person\x00\x01", 19);
	struct rec *bad = rec_new(&role);
	assert_int_equal(codec_decode(bad, enc.buf, enc.len), ZZ_EDB);
	sb_free(&enc);
	rec_free(&bad);
	rec_free(&p);
	rec_free(&plain);
	rec_free(&d);
	rec_free(&r);
}

static void test_corrupt(void **state)
{
	struct fx *f = *state;
	struct rec *r = filled(f->rt);
	struct sb enc;
	sb_init(&enc);
	codec_encode(r, &enc);
	struct rec *d = rec_new(f->rt);
	assert_int_equal(codec_decode(d, "xx", 2), ZZ_EDB);
	assert_int_equal(codec_decode(d, enc.buf, 1), ZZ_EDB);
	/* Every truncation is refused or yields a prefix; none reads past the end (ASan). */
	for (size_t n = 2; n < enc.len; n++) {
		struct rec *p = rec_new(f->rt);
		codec_decode(p, enc.buf, n);
		rec_free(&p);
	}
	sb_free(&enc);
	rec_free(&d);
	rec_free(&r);
}

/* A stored field id with a NUL inside ("day\0xx") is an unknown field, kept as it is; it was
 * matched to "day" and read past that id's end (found by tests/fuzz/fuzz_codec.c). */
static void test_field_id_with_nul(void **state)
{
	struct fx *f = *state;
	static const unsigned char bytes[] = {0x5a, 0x01, 0, 0, 0, 0, 0, 0, 0, 6, 'd', 'a', 'y', 0, 'x', 'x', 0, 1, 'x'};
	struct rec *d = rec_new(f->rt);
	assert_int_equal(codec_decode(d, bytes, sizeof bytes), 0);
	assert_null(rec_get(d, "day"));
	/* Kept in version 3: the field byte, the id's length and its 6 bytes, the value. */
	assert_int_equal(d->extra.len, 9);
	struct sb enc;
	sb_init(&enc);
	codec_encode(d, &enc);
	struct rec *back = rec_new(f->rt);
	assert_int_equal(codec_decode(back, enc.buf, enc.len), 0);
	assert_null(rec_get(back, "day"));
	assert_int_equal(back->extra.len, 9);
	assert_memory_equal(back->extra.buf, d->extra.buf, 9);
	sb_free(&enc);
	rec_free(&back);
	rec_free(&d);
}

/* Fields are named by their tags: no field id is written; strings of digits (the ID number,
 * the unit) are packed two digits a byte (version 3). */
static void test_fields_by_tag(void **state)
{
	struct fx *f = *state;
	struct rec *r = filled(f->rt);
	r->version = 3;
	struct sb enc;
	sb_init(&enc);
	codec_encode(r, &enc);
	assert_int_equal((unsigned char)enc.buf[1], 3);
	assert_null(memmem(enc.buf, enc.len, "title", 5));
	assert_null(memmem(enc.buf, enc.len, "@version", 8));
	assert_null(memmem(enc.buf, enc.len, "110105", 6));
	assert_null(memmem(enc.buf, enc.len, "321204", 6));
	assert_non_null(memmem(enc.buf, enc.len, "\x11\x01\x05\x19\x49\x12\x31\x00\x2a", 9));
	struct rec *d = rec_new(f->rt);
	assert_int_equal(codec_decode(d, enc.buf, enc.len), 0);
	assert_string_equal(rec_get(d, "title"), "桥头社区");
	assert_int_equal(d->version, 3);
	assert_int_equal(d->extra.len, 0);
	sb_free(&enc);
	rec_free(&d);
	rec_free(&r);
}

/* Records stored before (version 1, fields by id) are still read. */
static void test_version1_read(void **state)
{
	struct fx *f = *state;
	static const unsigned char bytes[] = {0x5a, 0x01, 0, 0, 0, 0, 0, 0, 0, 5, 't', 'i', 't', 'l', 'e', 0, 1, 'x',
					      8, '@', 'v', 'e', 'r', 's', 'i', 'o', 'n', 1, 8};
	struct rec *d = rec_new(f->rt);
	assert_int_equal(codec_decode(d, bytes, sizeof bytes), 0);
	assert_string_equal(rec_get(d, "title"), "x");
	assert_int_equal(d->version, 4);
	assert_int_equal(d->extra.len, 0);
	rec_free(&d);
}

/* A version 1 field with an empty id is damage: kept, it would read as a tag once rewritten in
 * version 2 (found by tests/fuzz/fuzz_codec.c, corpus v1-empty-id). */
static void test_version1_empty_id(void **state)
{
	struct fx *f = *state;
	static const unsigned char bytes[] = {0x5a, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 'x'};
	struct rec *d = rec_new(f->rt);
	assert_int_equal(codec_decode(d, bytes, sizeof bytes), ZZ_EDB);
	rec_free(&d);
}

/* Two fields of a type with one tag (schema_load sets both to 0) are written by their ids. */
static void test_tag_clash_by_id(void **state)
{
	struct fx *f = *state;
	struct rtype clash = *f->rt;
	struct field *fl = xcalloc((size_t)f->rt->nf, sizeof *fl);
	memcpy(fl, f->rt->f, (size_t)f->rt->nf * sizeof *fl);
	fl[rtype_field(f->rt, "title")].tag = 0;
	fl[rtype_field(f->rt, "note")].tag = 0;
	clash.f = fl;
	struct rec *r = filled(&clash);
	struct sb enc;
	sb_init(&enc);
	codec_encode(r, &enc);
	assert_non_null(memmem(enc.buf, enc.len, "title", 5));
	assert_null(memmem(enc.buf, enc.len, "count", 5));
	struct rec *d = rec_new(&clash);
	assert_int_equal(codec_decode(d, enc.buf, enc.len), 0);
	assert_string_equal(rec_get(d, "title"), "桥头社区");
	assert_string_equal(rec_get(d, "note"), "第一行\n第二行\t制表");
	assert_string_equal(rec_get(d, "count"), "-42");
	/* The tags of a schema: never one of the codec's own (below SCHEMA_TAG_FIRST). */
	for (int i = 0; i < f->rt->nf; i++)
		assert_true(f->rt->f[i].tag >= SCHEMA_TAG_FIRST);
	assert_true(schema_field_tag("", 0) >= SCHEMA_TAG_FIRST);
	sb_free(&enc);
	rec_free(&d);
	rec_free(&r);
	free(fl);
}

/* Strings of digits of every length, with X, and strings that only look like them, round-trip;
 * a long string's length follows its field byte. */
static void test_digits_round_trip(void **state)
{
	struct fx *f = *state;
	static const char *const vals[] = {"0",	 "00", "007", "X", "1X", "X1", "12x", "1 2", "-1",
					   "0123456789X0123456789", "短", "一二三四五六七八九十"};
	int note = rtype_field(f->rt, "note");
	for (size_t k = 0; k < ARRAY_LEN(vals); k++) {
		struct rec *r = rec_new(f->rt);
		rec_set_raw(r, note, vals[k]);
		rec_set_meta(&r->unit, vals[k]);
		rec_set_meta(&r->by_user, vals[k]);
		struct sb enc;
		sb_init(&enc);
		codec_encode(r, &enc);
		struct rec *d = rec_new(f->rt);
		assert_int_equal(codec_decode(d, enc.buf, enc.len), 0);
		assert_string_equal(rec_get(d, "note"), vals[k]);
		assert_string_equal(d->unit, vals[k]);
		assert_string_equal(d->by_user, vals[k]);
		assert_int_equal(d->extra.len, 0);
		sb_free(&enc);
		rec_free(&d);
		rec_free(&r);
	}
}

/* A packed digit that is no digit (11..15), or an odd count not ended by 15, is damage. */
static void test_digits_corrupt(void **state)
{
	struct fx *f = *state;
	struct rec *r = rec_new(f->rt);
	rec_set_raw(r, rtype_field(f->rt, "note"), "123");
	struct sb enc;
	sb_init(&enc);
	codec_encode(r, &enc);
	struct rec *d = rec_new(f->rt);
	assert_int_equal(codec_decode(d, enc.buf, enc.len), 0);
	enc.buf[enc.len - 1] = 0x3e; /* "3" then 14 instead of the end's 15 */
	assert_int_equal(codec_decode(d, enc.buf, enc.len), ZZ_EDB);
	enc.buf[enc.len - 1] = (char)0xbf; /* 11: not a digit */
	assert_int_equal(codec_decode(d, enc.buf, enc.len), ZZ_EDB);
	/* An even count: a byte of two digits with either nibble no digit. */
	rec_set_raw(r, rtype_field(f->rt, "note"), "1234");
	codec_encode(r, &enc);
	assert_int_equal(codec_decode(d, enc.buf, enc.len), 0);
	enc.buf[enc.len - 1] = 0x3c;
	assert_int_equal(codec_decode(d, enc.buf, enc.len), ZZ_EDB);
	enc.buf[enc.len - 1] = (char)0xd4;
	assert_int_equal(codec_decode(d, enc.buf, enc.len), ZZ_EDB);
	sb_free(&enc);
	rec_free(&d);
	rec_free(&r);
}

/* A long digit string's length of 2^64 - 1 is damage (found by fuzz_codec: the bytes it needs,
 * counted as (n + 1) / 2, wrapped to 0 and the string was written past its one byte). */
static void test_digits_length_wraps(void **state)
{
	struct fx *f = *state;
	struct rec *r = rec_new(f->rt);
	rec_set_raw(r, rtype_field(f->rt, "note"), "0123456789X0123456789");
	struct sb enc, bad;
	sb_init(&enc);
	sb_init(&bad);
	codec_encode(r, &enc);
	size_t k = 0;
	while (k + 2 < enc.len && !(enc.buf[k] == 21 && enc.buf[k + 1] == 0x01 && enc.buf[k + 2] == 0x23))
		k++;
	assert_true(k + 2 < enc.len);
	sb_add(&bad, enc.buf, k);
	sb_add(&bad, "\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", 10);
	sb_add(&bad, enc.buf + k + 1, enc.len - k - 1);
	struct rec *d = rec_new(f->rt);
	assert_int_equal(codec_decode(d, enc.buf, enc.len), 0);
	assert_int_equal(codec_decode(d, bad.buf, bad.len), ZZ_EDB);
	sb_free(&bad);
	sb_free(&enc);
	rec_free(&d);
	rec_free(&r);
}

/* A field named by tag 0 names none: damage, in version 2 as in 3 (found by fuzz_codec: it was
 * looked up as an id that is not there). */
static void test_tag_zero(void **state)
{
	struct fx *f = *state;
	static const unsigned char v3[] = {0x5a, 3, 0x1d, 1, 0, 0, 0, 0, 0, 0, 0, 0x12, 0, 0, 0, 0};
	static const unsigned char v2[] = {0x5a, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1};
	struct rec *d = rec_new(f->rt);
	assert_int_equal(codec_decode(d, v3, sizeof v3), ZZ_EDB);
	assert_int_equal(codec_decode(d, v2, sizeof v2), ZZ_EDB);
	rec_free(&d);
}

static void v2_tag(struct sb *b, uint32_t tag, int enc)
{
	unsigned char h[6] = {0, (unsigned char)(tag >> 24), (unsigned char)(tag >> 16), (unsigned char)(tag >> 8),
			      (unsigned char)tag, (unsigned char)enc};
	sb_add(b, (char *)h, sizeof h);
}

/* Records stored by the version before (2: fields by tag, the version and person link as
 * fields) are read; an unknown field is kept and written again in version 3. */
static void test_version2_read(void **state)
{
	struct fx *f = *state;
	struct rtype role = *f->rt;
	role.person_role = true;
	struct sb b;
	sb_init(&b);
	/* magic, version, state 1, flags 2, created 100, updated 300, unit, by_unit, by_user */
	sb_add(&b, "\x5a\x02\x01\x02\xc8\x01\xd8\x04\x03" "321\x00\x01x", 15);
	v2_tag(&b, f->rt->f[rtype_field(f->rt, "title")].tag, 0);
	sb_add(&b, "\x03" "abc", 4);
	v2_tag(&b, f->rt->f[rtype_field(f->rt, "day")].tag, 3);
	sb_addc(&b, 2); /* 1970-01-02 */
	v2_tag(&b, 0x7fffff00u, 1); /* a field no longer declared */
	sb_addc(&b, 0x54);	    /* 42 */
	v2_tag(&b, 1, 1);	    /* the person link */
	sb_add(&b, "\xce\x01", 2);   /* 103 */
	v2_tag(&b, 2, 1);	    /* the version */
	sb_addc(&b, 14);	    /* 7 */
	struct rec *d = rec_new(&role);
	assert_int_equal(codec_decode(d, b.buf, b.len), 0);
	assert_int_equal(d->state, 1);
	assert_int_equal(d->flags, 2);
	assert_int_equal(d->created, 100);
	assert_int_equal(d->updated, 300);
	assert_string_equal(d->unit, "321");
	assert_null(d->by_unit);
	assert_string_equal(d->by_user, "x");
	assert_string_equal(rec_get(d, "title"), "abc");
	assert_string_equal(rec_get(d, "day"), "1970-01-02");
	assert_int_equal(d->person_id, 103);
	assert_int_equal(d->version, 7);
	assert_int_equal(d->extra.len, 6); /* field byte, tag, 42 */
	struct sb enc;
	sb_init(&enc);
	codec_encode(d, &enc);
	assert_int_equal((unsigned char)enc.buf[1], 3);
	struct rec *back = rec_new(&role);
	assert_int_equal(codec_decode(back, enc.buf, enc.len), 0);
	assert_int_equal(back->person_id, 103);
	assert_int_equal(back->version, 7);
	assert_int_equal(back->updated, 300);
	assert_string_equal(rec_get(back, "title"), "abc");
	assert_int_equal(back->extra.len, 6);
	assert_memory_equal(back->extra.buf, d->extra.buf, 6);
	/* Read with a declaration that has the field again: its value is there. */
	struct rtype wide = *f->rt;
	struct field *fl = xcalloc((size_t)f->rt->nf, sizeof *fl);
	memcpy(fl, f->rt->f, (size_t)f->rt->nf * sizeof *fl);
	int count = rtype_field(f->rt, "count");
	fl[count].tag = 0x7fffff00u;
	wide.f = fl;
	struct rec *w = rec_new(&wide);
	assert_int_equal(codec_decode(w, enc.buf, enc.len), 0);
	assert_string_equal(w->v[count], "42");
	assert_int_equal(w->extra.len, 0);
	free(fl);
	rec_free(&w);
	rec_free(&back);
	sb_free(&enc);
	sb_free(&b);
	rec_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_every_type_round_trips, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_fields_absent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_fields_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_person_link, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_field_id_with_nul, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fields_by_tag, setup, teardown),
		cmocka_unit_test_setup_teardown(test_version1_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_version1_empty_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tag_clash_by_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_digits_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_digits_corrupt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_version2_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_digits_length_wraps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tag_zero, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
