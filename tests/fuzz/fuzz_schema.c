/* fuzz_schema.c — a record type file of screens/ (schema_load) on any bytes, checked against
 * the shipped code tables: refused with a message or loaded and freed. */
#include "fuzzlib.h"

#include "codes.h"
#include "schema.h"

static struct codes *fz_codes;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fz_codes && codes_load(&fz_codes, ZZ_REPO "/db/codes") < 0)
		abort();
	fz_file("type.cfg", data, size);
	struct schema *s = NULL;
	if (schema_load(&s, fz_scratch(), fz_codes) < 0) {
		if (!errmsg()[0])
			abort();
		return 0;
	}
	schema_free(&s);
	return 0;
}
