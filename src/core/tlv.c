/* tlv.c — tag (1 byte), length (4 bytes, big-endian), value; integers as 8 bytes big-endian. */
#include "tlv.h"

#include <string.h>

static void tlv_head(struct sb *sb, int tag, size_t n)
{
	unsigned char h[5] = {(unsigned char)tag, (unsigned char)(n >> 24), (unsigned char)(n >> 16),
			      (unsigned char)(n >> 8), (unsigned char)n};
	sb_add(sb, (const char *)h, 5);
}

void tlv_int(struct sb *sb, int tag, int64_t v)
{
	unsigned char be[8];
	be64_put(be, (uint64_t)v);
	tlv_head(sb, tag, 8);
	sb_add(sb, (const char *)be, 8);
}

void tlv_str(struct sb *sb, int tag, const char *s)
{
	if (str_empty(s))
		return;
	size_t n = strlen(s);
	tlv_head(sb, tag, n);
	sb_add(sb, s, n);
}

void tlv_begin(struct tlv_reader *r, const void *buf, size_t n)
{
	r->p = buf;
	r->end = r->p + n;
}

int tlv_next(struct tlv_reader *r, int *tag, const unsigned char **val, size_t *len)
{
	if (r->p == r->end)
		return 0;
	if (r->end - r->p < 5)
		return errmsg_set(ZZ_EDB, "事件数据损坏（截断）");
	size_t n = ((size_t)r->p[1] << 24) | ((size_t)r->p[2] << 16) | ((size_t)r->p[3] << 8) | r->p[4];
	if ((size_t)(r->end - r->p - 5) < n)
		return errmsg_set(ZZ_EDB, "事件数据损坏（长度）");
	*tag = r->p[0];
	*val = r->p + 5;
	*len = n;
	r->p += 5 + n;
	return 1;
}

int64_t tlv_get_int(const unsigned char *val, size_t len)
{
	return len == 8 ? (int64_t)be64_get(val) : 0;
}

char *tlv_get_str(const unsigned char *val, size_t len)
{
	return xstrndup((const char *)val, len);
}
