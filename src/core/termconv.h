/* termconv.h — a terminal's character set other than UTF-8 (GB18030), converted on the fly
 * between the UI's UTF-8 and the bytes on the wire. A stream arrives in pieces: a character cut
 * between two pieces is kept until its end arrives. */
#ifndef ZZ_TERMCONV_H
#define ZZ_TERMCONV_H

#include <iconv.h>
#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct termconv {
	iconv_t cd;
	bool drop_c1;	       /* drop U+0080..U+009F once converted (keystrokes towards the UI) */
	const char *bad;       /* what replaces a byte that is no character ("" drops it) */
	unsigned char pend[8]; /* the start of a character cut at the end of the last piece */
	size_t npend;
};

/* The character set of a terminal whose locale is LOCALE (LC_ALL, LC_CTYPE or LANG as the client
 * sent it): "GB18030" for a GB18030 or GBK codeset (GBK is a subset), NULL for UTF-8 and anything
 * else (served in UTF-8). */
const char *termconv_charset(const char *locale);

/* Towards the terminal (UTF-8 → CHARSET; each byte that is no character shows as "?") or from it
 * (CHARSET → UTF-8; such a byte is dropped, and so are C1 controls). 0, or ZZ_ERR. */
int termconv_open_out(struct termconv *tc, const char *charset);
int termconv_open_in(struct termconv *tc, const char *charset);

/* Convert LEN bytes of IN, appending to OUT; an incomplete character at the end waits for the
 * next call. */
void termconv_feed(struct termconv *tc, const void *in, size_t len, struct sb *out);

void termconv_close(struct termconv *tc);

#endif
