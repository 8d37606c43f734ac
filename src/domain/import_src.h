/* import_src.h — rows of a CSV file in UTF-8 or GB18030/GBK, with raw offsets so that an
 * interrupted import can resume at the first row it had not committed. */
#ifndef ZZ_IMPORT_SRC_H
#define ZZ_IMPORT_SRC_H

#include <iconv.h>
#include <stdint.h>
#include <stdio.h>

#include "util.h"

/* One row: fields as NUL-terminated UTF-8 strings inside the row's own buffer. */
struct isrc_row {
	char **v;
	int n, cap;
	long line; /* first physical line of the row, from 1 */
	struct sb data;
};

struct isrc {
	FILE *f;
	iconv_t cd;	 /* (iconv_t)-1 when the file is UTF-8 */
	char enc[16];	 /* "UTF-8" or "GB18030" */
	char *buf;	 /* raw bytes read ahead */
	size_t len, pos, cap;
	int64_t base;	 /* file offset of buf[0] */
	long line;	 /* physical lines consumed */
	bool eof;
	struct sb conv;	 /* the current row converted to UTF-8 */
	size_t max_row;	 /* longest row in raw bytes (set after isrc_open); 0: no limit */
};

/* Open PATH in encoding ENC ("utf-8", "gb18030", "gbk"; NULL or "auto": UTF-8 when the first row
 * is valid UTF-8, else GB18030). A byte-order mark is skipped. */
int isrc_open(struct isrc *s, const char *path, const char *enc);
void isrc_close(struct isrc *s);
/* Continue at raw offset OFF, which starts row line LINE+1 (a checkpoint of isrc_tell). */
int isrc_seek(struct isrc *s, int64_t off, long line);
/* Raw offset of the next row and the physical lines before it. */
int64_t isrc_tell(const struct isrc *s);

/* Read one row: 1 with a row, 0 at the end, ZZ_EINVAL for a row that cannot be read (broken
 * encoding: *BADCOL is the column, or -1; unclosed quote; longer than max_row, then passed over
 * with no field kept), the reason in errmsg(). The row's line is set in every case. */
int isrc_read(struct isrc *s, struct isrc_row *row, int *badcol);
void isrc_row_free(struct isrc_row *row);

#endif
