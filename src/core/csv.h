/* csv.h — RFC 4180 CSV: quoted fields, embedded commas, quotes and newlines. */
#ifndef ZZ_CSV_H
#define ZZ_CSV_H

#include <stdio.h>

#include "util.h"

struct csv_row {
	struct strv f;
	long line; /* first physical line of the row, from 1 */
};

/* Read one row from F; returns 1 with a row, 0 at end, ZZ_EINVAL for a broken row (unclosed quote).
 * *LINE counts physical lines and is advanced. A UTF-8 BOM on the first line is dropped. */
int csv_read(FILE *f, struct csv_row *row, long *line);
void csv_row_free(struct csv_row *row);
/* Write one field, quoted when needed; SEP ',' between fields is the caller's. */
void csv_put(FILE *f, const char *s);

#endif
