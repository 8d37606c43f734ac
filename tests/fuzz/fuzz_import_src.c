/* fuzz_import_src.c — the import reader (import_src: encoding detection, the GB18030 decoder,
 * quoted rows) on any bytes. The first byte picks the encoding asked for, the rest is the file. */
#include "fuzzlib.h"

#include "import_src.h"

static const char *const fz_encs[] = {"auto", "gb18030", "gbk", "utf-8"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *enc = fz_encs[data[0] % ARRAY_LEN(fz_encs)];
	const char *path = fz_file("import.csv", data + 1, size - 1);
	struct isrc s;
	if (isrc_open(&s, path, enc) < 0)
		return 0;
	struct isrc_row row = {0};
	int badcol, rc, rows = 0;
	int64_t last = -1;
	while ((rc = isrc_read(&s, &row, &badcol)) != 0 && (rc == 1 || rc == ZZ_EINVAL)) {
		int64_t at = isrc_tell(&s);
		/* Every row, read or refused, moves on: an import must never spin on a bad row. */
		if (at <= last || rows++ > (int)size + 1)
			abort();
		last = at;
		if (rc == 1)
			for (int i = 0; i < row.n; i++)
				if (!utf8_valid(row.v[i], strlen(row.v[i])))
					abort();
	}
	isrc_row_free(&row);
	isrc_close(&s);
	return 0;
}
