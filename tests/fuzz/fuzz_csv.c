/* fuzz_csv.c — the CSV reader (csv_read) on any bytes: rows end, fields are freed, nothing is read
 * past the input. */
#include "fuzzlib.h"

#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fmemopen((void *)data, size ? size : 1, "rb");
	if (!f)
		return 0;
	if (size == 0)
		fgetc(f);
	long line = 0, last = 0;
	struct csv_row row = {0};
	int rc;
	while ((rc = csv_read(f, &row, &line)) == 1) {
		/* Lines only go forward: a reader stuck in place would loop for ever. */
		if (line <= last)
			abort();
		last = line;
		for (int i = 0; i < row.f.n; i++)
			if (!row.f.v[i])
				abort();
		csv_row_free(&row);
	}
	csv_row_free(&row);
	fclose(f);
	return 0;
}
