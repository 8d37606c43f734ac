/* validate.h — check and normalize one field's value as a person typed it. */
#ifndef ZZ_VALIDATE_H
#define ZZ_VALIDATE_H

#include "schema.h"

/* Check IN against F and store its canonical form in *OUT (caller frees; NULL for empty).
 * Returns 0, or ZZ_EINVAL with a Chinese reason in errmsg() that names the field. */
int validate_field(const struct field *f, const char *in, char **out);
/* Display width of UTF-8 text in terminal columns, and its length in characters. */
int utf8_width(const char *s);
int utf8_chars(const char *s);
/* Free text outside a record (an opinion, a daily report) named LABEL: at most MAX characters, no
 * control characters but line breaks. 0, or ZZ_EINVAL with the reason. */
int validate_text(const char *label, const char *s, long max);
/* A unit code as the unit tree writes them: digits, optionally "-dept". */
bool unit_code_valid(const char *s);
bool phone_valid(const char *s);

#endif
