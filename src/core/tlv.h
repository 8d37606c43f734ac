/* tlv.h — small tagged values (tag, length, bytes) for the event databases, so that adding a
 * field needs no migration: readers skip tags they do not know. */
#ifndef ZZ_TLV_H
#define ZZ_TLV_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

void tlv_int(struct sb *sb, int tag, int64_t v);
/* NULL and "" are not written. */
void tlv_str(struct sb *sb, int tag, const char *s);

struct tlv_reader {
	const unsigned char *p, *end;
};
void tlv_begin(struct tlv_reader *r, const void *buf, size_t n);
/* The next item: 1, 0 at the end, ZZ_EDB when the bytes are damaged. */
int tlv_next(struct tlv_reader *r, int *tag, const unsigned char **val, size_t *len);
int64_t tlv_get_int(const unsigned char *val, size_t len);
char *tlv_get_str(const unsigned char *val, size_t len); /* caller frees */

#endif
