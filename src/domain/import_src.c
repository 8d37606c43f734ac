/* import_src.c — a buffered RFC 4180 reader over raw bytes, converting each row to UTF-8.
 * Rows are cut on the raw bytes: in UTF-8 and GB18030 alike, the bytes of ',', '"', CR and LF
 * never occur inside a multi-byte character, so a row and its fields can be found first and
 * converted after, and a broken character is traced to its column. */
#include "import_src.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ISRC_CHUNK (256 * 1024)

static int isrc_fill(struct isrc *s)
{
	if (s->eof)
		return 0;
	if (s->pos > 0) {
		memmove(s->buf, s->buf + s->pos, s->len - s->pos);
		s->len -= s->pos;
		s->base += (int64_t)s->pos;
		s->pos = 0;
	}
	if (s->cap - s->len < ISRC_CHUNK) {
		s->cap = s->cap * 2 > s->len + ISRC_CHUNK ? s->cap * 2 : s->len + ISRC_CHUNK;
		s->buf = xrealloc(s->buf, s->cap);
	}
	size_t n = fread(s->buf + s->len, 1, s->cap - s->len, s->f);
	if (n == 0) {
		if (ferror(s->f))
			return errmsg_set(ZZ_ERR, "读取文件失败：%s", strerror(errno));
		s->eof = true;
	}
	s->len += n;
	return (int)(n > 0);
}

static void isrc_skip_bom(struct isrc *s)
{
	static const char utf8_bom[] = "\xef\xbb\xbf", gb_bom[] = "\x84\x31\x95\x33";
	if (s->len >= 3 && memcmp(s->buf, utf8_bom, 3) == 0)
		s->pos = 3;
	else if (s->len >= 4 && memcmp(s->buf, gb_bom, 4) == 0)
		s->pos = 4;
}

int isrc_open(struct isrc *s, const char *path, const char *enc)
{
	memset(s, 0, sizeof *s);
	s->cd = (iconv_t)-1;
	s->f = file_open_own(path, "r");
	if (!s->f)
		return ZZ_EINVAL;
	int rc = isrc_fill(s);
	if (rc < 0) {
		isrc_close(s);
		return rc;
	}
	bool gb;
	if (str_empty(enc) || !strcasecmp(enc, "auto")) {
		/* Judge by what was read, up to its last complete line. */
		size_t n = s->len;
		while (n > 0 && s->buf[n - 1] != '\n' && !s->eof)
			n--;
		gb = !utf8_valid(s->buf, n);
	} else if (!strcasecmp(enc, "utf-8") || !strcasecmp(enc, "utf8")) {
		gb = false;
	} else if (!strcasecmp(enc, "gb18030") || !strcasecmp(enc, "gbk") || !strcasecmp(enc, "gb2312")) {
		gb = true;
	} else {
		isrc_close(s);
		return errmsg_set(ZZ_EINVAL, "不支持的编码 %s：可用 utf-8、gb18030（gbk）", enc);
	}
	snprintf(s->enc, sizeof s->enc, "%s", gb ? "GB18030" : "UTF-8");
	if (gb) {
		s->cd = iconv_open("UTF-8", "GB18030");
		if (s->cd == (iconv_t)-1) {
			isrc_close(s);
			return errmsg_set(ZZ_ERR, "系统不支持 GB18030 编码转换");
		}
	}
	isrc_skip_bom(s);
	return 0;
}

void isrc_close(struct isrc *s)
{
	if (s->f)
		fclose(s->f);
	if (s->cd != (iconv_t)-1)
		iconv_close(s->cd);
	free(s->buf);
	sb_free(&s->conv);
	memset(s, 0, sizeof *s);
	s->cd = (iconv_t)-1;
}

int isrc_seek(struct isrc *s, int64_t off, long line)
{
	if (fseeko(s->f, (off_t)off, SEEK_SET) < 0)
		return errmsg_set(ZZ_ERR, "无法定位到文件第 %ld 行：%s", line + 1, strerror(errno));
	s->len = s->pos = 0;
	s->base = off;
	s->eof = false;
	s->line = line;
	clearerr(s->f);
	return 0;
}

int64_t isrc_tell(const struct isrc *s)
{
	return s->base + (int64_t)s->pos;
}

void isrc_row_free(struct isrc_row *row)
{
	free(row->v);
	sb_free(&row->data);
	memset(row, 0, sizeof *row);
}

static void row_push(struct isrc_row *row, size_t start)
{
	if (row->n == row->cap) {
		row->cap = row->cap ? row->cap * 2 : 32;
		row->v = xrealloc(row->v, (size_t)row->cap * sizeof *row->v);
	}
	/* Offsets now, pointers once the buffer stops growing. */
	row->v[row->n++] = (char *)(uintptr_t)start;
}

/* Split the bytes P[0..N) of one row (no line end) into fields. Returns false on an unclosed quote. */
static bool row_split(struct isrc_row *row, const char *p, size_t n)
{
	sb_reset(&row->data);
	row->n = 0;
	if (row->data.cap < n + 64) {
		row->data.buf = xrealloc(row->data.buf, n + 64);
		row->data.cap = n + 64;
	}
	char *out = row->data.buf;
	size_t o = 0, i = 0;
	bool ok = true;
	for (;;) {
		row_push(row, o);
		if (i < n && p[i] == '"') {
			i++;
			for (;;) {
				if (i >= n) {
					ok = false;
					break;
				}
				if (p[i] == '"') {
					if (i + 1 < n && p[i + 1] == '"') {
						out[o++] = '"';
						i += 2;
						continue;
					}
					i++;
					break;
				}
				out[o++] = p[i++];
			}
		}
		/* Unquoted text, or what follows a closing quote up to the separator. */
		while (i < n && p[i] != ',') {
			if (p[i] != '\r')
				out[o++] = p[i];
			i++;
		}
		out[o++] = '\0';
		if (i >= n)
			break;
		i++;
	}
	row->data.len = o;
	for (int k = 0; k < row->n; k++)
		row->v[k] = out + (uintptr_t)row->v[k];
	return ok;
}

/* Convert IN[0..N) to UTF-8 into OUT; false when it is not valid in the file's encoding. */
static bool isrc_convert(struct isrc *s, const char *in, size_t n, struct sb *out)
{
	sb_reset(out);
	if (s->cd == (iconv_t)-1) {
		if (!utf8_valid(in, n))
			return false;
		sb_add(out, in, n);
		return true;
	}
	size_t need = n * 2 + 16;
	if (out->cap < need) {
		out->buf = xrealloc(out->buf, need);
		out->cap = need;
	}
	char *ip = (char *)in, *op = out->buf;
	size_t il = n, ol = out->cap - 1;
	iconv(s->cd, NULL, NULL, NULL, NULL);
	size_t r = iconv(s->cd, &ip, &il, &op, &ol);
	if (r == (size_t)-1 || il != 0)
		return false;
	out->len = (size_t)(op - out->buf);
	out->buf[out->len] = '\0';
	return true;
}

/* The first field of a row in the wrong encoding, for the reject file. */
static int isrc_badcol(struct isrc *s, struct isrc_row *row, const char *p, size_t n)
{
	row_split(row, p, n);
	struct sb tmp;
	sb_init(&tmp);
	int bad = -1;
	for (int i = 0; i < row->n && bad < 0; i++)
		if (!isrc_convert(s, row->v[i], strlen(row->v[i]), &tmp))
			bad = i;
	sb_free(&tmp);
	return bad;
}

int isrc_read(struct isrc *s, struct isrc_row *row, int *badcol)
{
	*badcol = -1;
	row->line = s->line + 1;
	row->n = 0;
	size_t i = s->pos;
	/* A quote opens a quoted field only at the field's start, as row_split reads it. */
	enum { FIELD_START, PLAIN, QUOTED, QUOTE_SEEN } st = FIELD_START;
	long lines = 0;
	/* A row longer than max_row is passed over to its end without being kept: the bytes read
	 * so far are dropped before each refill, so memory stays bounded whatever the file holds. */
	bool too_long = false;
	/* Find the row's end: a line feed outside quotes. */
	for (;;) {
		if (!too_long && s->max_row && i - s->pos > s->max_row)
			too_long = true;
		if (i >= s->len) {
			if (too_long)
				s->pos = i;
			size_t off = i - s->pos;
			int rc = isrc_fill(s);
			if (rc < 0)
				return rc;
			i = s->pos + off;
			if (rc == 0)
				break;
			continue;
		}
		char ch = s->buf[i];
		if (ch == '\n')
			lines++;
		if (st == QUOTED) {
			if (ch == '"')
				st = QUOTE_SEEN;
		} else if (ch == '\n') {
			break;
		} else if (ch == ',') {
			st = FIELD_START;
		} else if (ch == '"' && st == FIELD_START) {
			st = QUOTED;
		} else if (st == QUOTE_SEEN && ch == '"') {
			st = QUOTED;
		} else {
			st = PLAIN;
		}
		i++;
	}
	if (too_long) {
		s->pos = i < s->len ? i + 1 : i;
		s->line += lines ? lines : 1;
		row->n = 0;
		return errmsg_set(ZZ_EINVAL, "第 %ld 行超过 %zu 字节（设置 import.max_row_bytes），整行不予导入",
				  row->line, s->max_row);
	}
	bool quoted = st == QUOTED;
	size_t start = s->pos, end = i;
	if (start == end && i >= s->len)
		return 0;
	s->pos = i < s->len ? i + 1 : i;
	if (i >= s->len && !quoted && end > start && s->buf[end - 1] != '\n')
		lines++;
	s->line += lines ? lines : 1;
	if (end > start && s->buf[end - 1] == '\r')
		end--;
	const char *p = s->buf + start;
	size_t n = end - start;
	if (quoted) {
		row_split(row, p, n);
		return errmsg_set(ZZ_EINVAL, "引号没有闭合");
	}
	/* A NUL would silently end the field it is in: the row is refused, not cut. */
	if (memchr(p, '\0', n)) {
		row_split(row, p, n);
		return errmsg_set(ZZ_EINVAL, "含有空字符（NUL），整行不予导入");
	}
	if (!isrc_convert(s, p, n, &s->conv)) {
		*badcol = isrc_badcol(s, row, p, n);
		return errmsg_set(ZZ_EINVAL, "不是有效的 %s 文字（文件编码不对或内容损坏）", s->enc);
	}
	row_split(row, s->conv.buf ? s->conv.buf : "", s->conv.len);
	return 1;
}
