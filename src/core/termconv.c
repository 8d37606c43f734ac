/* termconv.c — GB18030 terminals: iconv on a stream cut at arbitrary places. */
#include "termconv.h"

#include <errno.h>
#include <string.h>
#include <strings.h>

const char *termconv_charset(const char *locale)
{
	if (!locale)
		return NULL;
	const char *dot = strchr(locale, '.');
	if (!dot)
		return NULL;
	char cs[32];
	size_t n = strcspn(dot + 1, "@");
	if (n == 0 || n >= sizeof cs)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (dot[1 + i] != '-' && dot[1 + i] != '_')
			cs[k++] = dot[1 + i];
	cs[k] = '\0';
	if (!strcasecmp(cs, "GB18030") || !strcasecmp(cs, "GBK"))
		return "GB18030";
	return NULL;
}

static int termconv_open(struct termconv *tc, const char *to, const char *from)
{
	memset(tc, 0, sizeof *tc);
	tc->cd = iconv_open(to, from);
	if (tc->cd == (iconv_t)-1)
		return errmsg_set(ZZ_ERR, "无法在 %s 与 %s 之间转换：%s", from, to,
				  strerror(errno));
	return 0;
}

int termconv_open_out(struct termconv *tc, const char *charset)
{
	int rc = termconv_open(tc, charset, "UTF-8");
	tc->bad = "?"; /* keeps the columns of the screen */
	return rc;
}

int termconv_open_in(struct termconv *tc, const char *charset)
{
	int rc = termconv_open(tc, "UTF-8", charset);
	tc->bad = "";
	tc->drop_c1 = true;
	return rc;
}

/* Append converted UTF-8 to OUT without C1 controls (C2 80..C2 9F), which no key sends and a
 * terminal would obey. */
static void termconv_put(struct termconv *tc, const char *s, size_t n, struct sb *out)
{
	if (!tc->drop_c1) {
		sb_add(out, s, n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if ((unsigned char)s[i] == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9F) {
			i++;
			continue;
		}
		sb_addc(out, s[i]);
	}
}

/* Convert what of IN..IN+LEN is complete; returns how many bytes were used (the rest is the start
 * of a character cut short). */
static size_t termconv_run(struct termconv *tc, const unsigned char *in, size_t len, struct sb *out)
{
	char *src = (char *)in;
	size_t left = len;
	char buf[1024];
	while (left > 0) {
		char *dst = buf;
		size_t room = sizeof buf;
		size_t r = iconv(tc->cd, &src, &left, &dst, &room);
		termconv_put(tc, buf, sizeof buf - room, out);
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		if (errno == EINVAL)
			break; /* an incomplete character at the end */
		/* EILSEQ: not a character. Replace one byte and resynchronise on the next: one byte
		 * at a time, so that the result does not depend on where the stream was cut. */
		src++;
		left--;
		sb_adds(out, tc->bad);
	}
	return len - left;
}

void termconv_feed(struct termconv *tc, const void *in, size_t len, struct sb *out)
{
	const unsigned char *p = in;
	/* Complete the character cut at the end of the last piece, one byte at a time. */
	while (tc->npend > 0 && len > 0) {
		tc->pend[tc->npend++] = *p++;
		len--;
		size_t used = termconv_run(tc, tc->pend, tc->npend, out);
		memmove(tc->pend, tc->pend + used, tc->npend - used);
		tc->npend -= used;
		if (tc->npend == sizeof tc->pend) {
			/* No character is this long: give up its first byte. */
			sb_adds(out, tc->bad);
			memmove(tc->pend, tc->pend + 1, --tc->npend);
		}
	}
	if (len == 0)
		return;
	size_t used = termconv_run(tc, p, len, out);
	size_t rest = len - used;
	if (rest >= sizeof tc->pend) {
		/* iconv keeps at most one character back; more would be a damaged stream. */
		sb_adds(out, tc->bad);
		used++;
		rest--;
		termconv_feed(tc, p + used, rest, out);
		return;
	}
	memcpy(tc->pend, p + used, rest);
	tc->npend = rest;
}

void termconv_close(struct termconv *tc)
{
	if (tc->cd != (iconv_t)-1 && tc->cd)
		iconv_close(tc->cd);
	tc->cd = (iconv_t)-1;
	tc->npend = 0;
}
