/* fuzz_codec.c — a stored record's bytes (codec_decode) damaged any way: refused, or decoded into
 * a record that encodes and decodes again to the same bytes. */
#include "fuzzlib.h"

#include "codes.h"
#include "record.h"
#include "schema.h"

static struct codes *fz_codes;
static struct schema *fz_schema;

static void fz_load(void)
{
	if (codes_load(&fz_codes, ZZ_REPO "/db/codes") < 0)
		abort();
	char *dir = xasprintf("%s/schema", fz_scratch());
	char *from = ZZ_REPO "/tests/unit/fixtures/schema/good.cfg";
	char *to = xasprintf("%s/good.cfg", dir);
	char *cmd = xasprintf("mkdir -p '%s' && cp '%s' '%s'", dir, from, to);
	if (system(cmd) != 0 || schema_load(&fz_schema, dir, fz_codes) < 0)
		abort();
	unlink(to);
	rmdir(dir);
	free(cmd);
	free(to);
	free(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fz_schema)
		fz_load();
	const struct rtype *t = schema_type(fz_schema, "sample");
	struct rec *r = rec_new(t);
	if (codec_decode(r, data, size) == 0) {
		struct sb a, b;
		sb_init(&a);
		sb_init(&b);
		codec_encode(r, &a);
		struct rec *again = rec_new(t);
		if (codec_decode(again, a.buf, a.len) < 0)
			abort();
		codec_encode(again, &b);
		if (a.len != b.len || memcmp(a.buf, b.buf, a.len) != 0)
			abort();
		rec_free(&again);
		sb_free(&a);
		sb_free(&b);
	}
	rec_free(&r);
	return 0;
}
