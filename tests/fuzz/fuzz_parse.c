/* fuzz_parse.c — the date, date-time and ID-number parsers on any text: a value they accept
 * formats back to itself (dates) or normalizes to a valid 18-character number. */
#include "fuzzlib.h"

#include <time.h>

#include "idnum.h"

static void fz_date(const char *s)
{
	int days;
	if (date_parse(s, &days) == 0) {
		char back[11];
		date_format(days, back);
		if (strcmp(back, s) != 0)
			abort();
	}
	time_t t;
	(void)datetime_parse(s, &t);
}

static void fz_idnum(const char *s)
{
	char id[19];
	if (idnum_normalize(s, id) < 0)
		return;
	char again[19];
	if (strlen(id) != 18 || idnum_normalize(id, again) < 0 || strcmp(id, again) != 0)
		abort();
	(void)idnum_birth(id);
	(void)idnum_sex(id);
	char masked[32];
	idnum_mask(id, masked, sizeof masked);
	idnum_mask(s, masked, sizeof masked);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool tz;
	if (!tz) {
		setenv("TZ", "Asia/Shanghai", 1);
		tzset();
		tz = true;
	}
	char *s = fz_str(data, size);
	fz_date(s);
	fz_idnum(s);
	free(s);
	return 0;
}
