/* util.c — allocation, strings, error message, dates. */
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		fatal("out of memory");
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		fatal("out of memory");
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		fatal("out of memory");
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p = NULL;
	va_start(ap, fmt);
	if (vasprintf(&p, fmt, ap) < 0)
		fatal("out of memory");
	va_end(ap);
	return p;
}

void fatal(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("zongzhi: fatal: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

/* Per thread: the watchdog and an import's reader thread set their own. */
static _Thread_local char errbuf[1024];

int errmsg_set(int code, const char *fmt, ...)
{
	/* Format aside first: callers may pass errmsg() itself as an argument. */
	char tmp[sizeof errbuf];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	memcpy(errbuf, tmp, sizeof errbuf);
	return code;
}

const char *errmsg(void)
{
	return errbuf[0] ? errbuf : "未知错误";
}

void errmsg_clear(void)
{
	errbuf[0] = '\0';
}

void sb_init(struct sb *sb)
{
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

static void sb_grow(struct sb *sb, size_t extra)
{
	if (sb->len + extra + 1 <= sb->cap)
		return;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < sb->len + extra + 1)
		cap *= 2;
	sb->buf = xrealloc(sb->buf, cap);
	sb->cap = cap;
}

void sb_add(struct sb *sb, const char *s, size_t n)
{
	sb_grow(sb, n);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void sb_adds(struct sb *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void sb_addc(struct sb *sb, char c)
{
	sb_add(sb, &c, 1);
}

void sb_addf(struct sb *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	sb_grow(sb, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

/* Decimal numbers without printf: a bulk import writes several for every row. */
void sb_add_u64(struct sb *sb, uint64_t v)
{
	char d[20];
	int n = 0;
	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	sb_grow(sb, (size_t)n);
	while (n)
		sb->buf[sb->len++] = d[--n];
	sb->buf[sb->len] = '\0';
}

void sb_add_i64(struct sb *sb, int64_t v)
{
	if (v < 0)
		sb_addc(sb, '-');
	sb_add_u64(sb, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v);
}

void sb_reset(struct sb *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

char *sb_steal(struct sb *sb)
{
	char *p = sb->buf ? sb->buf : xstrdup("");
	sb_init(sb);
	return p;
}

void sb_free(struct sb *sb)
{
	free(sb->buf);
	sb_init(sb);
}

void strv_push(struct strv *sv, const char *s)
{
	if (sv->n == sv->cap) {
		sv->cap = sv->cap ? sv->cap * 2 : 8;
		sv->v = xrealloc(sv->v, (size_t)sv->cap * sizeof *sv->v);
	}
	sv->v[sv->n++] = xstrdup(s);
}

void strv_free(struct strv *sv)
{
	for (int i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

int strv_find(const struct strv *sv, const char *s)
{
	for (int i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return i;
	return -1;
}

bool str_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool str_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *p = hay; *p; p++)
		if (strncasecmp(p, needle, n) == 0)
			return true;
	return !n;
}

int str_split(char *s, char sep, char **out, int max)
{
	int n = 0;
	while (n < max) {
		out[n++] = s;
		if (n == max)
			break;
		char *p = strchr(s, sep);
		if (!p)
			break;
		*p = '\0';
		s = p + 1;
	}
	return n;
}

int str_to_ll(const char *s, long long *out)
{
	if (str_empty(s))
		return ZZ_EINVAL;
	const char *p = s;
	if (*p == '-')
		p++;
	if (!*p)
		return ZZ_EINVAL;
	for (; *p; p++)
		if (!isdigit((unsigned char)*p))
			return ZZ_EINVAL;
	errno = 0;
	long long v = strtoll(s, NULL, 10);
	if (errno)
		return ZZ_EINVAL;
	*out = v;
	return 0;
}

bool utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	while (p < end) {
		unsigned c = *p;
		int len;
		unsigned min;
		if (c < 0x80) {
			p++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			len = 2;
			min = 0x80;
			c &= 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			len = 3;
			min = 0x800;
			c &= 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			len = 4;
			min = 0x10000;
			c &= 0x07;
		} else {
			return false;
		}
		if (end - p < len)
			return false;
		for (int i = 1; i < len; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return false;
			c = (c << 6) | (p[i] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return false;
		p += len;
	}
	return true;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (400-year eras of 146097 days). */
int date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_to_ymd(int days, int *y, int *m, int *d)
{
	/* In 64 bits: a day number read from a damaged or hostile record may be near INT_MAX. */
	long long z = (long long)days + 719468;
	long long era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = (int)(z - era * 146097);
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

bool date_valid_ymd(int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1)
		return false;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

int date_parse(const char *s, int *days)
{
	/* By hand, not sscanf: every date of every imported row comes here. */
	if (!s || strlen(s) != 10)
		return ZZ_EINVAL;
	int n[3] = {0, 0, 0}, part = 0;
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return ZZ_EINVAL;
			part++;
		} else if (isdigit((unsigned char)s[i])) {
			n[part] = n[part] * 10 + (s[i] - '0');
		} else {
			return ZZ_EINVAL;
		}
	}
	int y = n[0], m = n[1], d = n[2];
	if (!date_valid_ymd(y, m, d))
		return ZZ_EINVAL;
	*days = date_from_ymd(y, m, d);
	return 0;
}

void date_format(int days, char out[11])
{
	int y, m, d;
	date_to_ymd(days, &y, &m, &d);
	if (y < 0 || y > 9999) {
		char buf[48];
		snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
		memcpy(out, buf, 10);
		out[10] = '\0';
		return;
	}
	/* By hand: every date field of every record loaded passes here. */
	const char digits[] = "0123456789";
	char *o = out;
	*o++ = digits[y / 1000];
	*o++ = digits[y / 100 % 10];
	*o++ = digits[y / 10 % 10];
	*o++ = digits[y % 10];
	*o++ = '-';
	*o++ = digits[m / 10];
	*o++ = digits[m % 10];
	*o++ = '-';
	*o++ = digits[d / 10];
	*o++ = digits[d % 10];
	*o = '\0';
}

int date_weekday(int days)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int w = (days + 3) % 7;
	return w < 0 ? w + 7 : w;
}

int datetime_parse(const char *s, time_t *t)
{
	int days, hh = 0, mm = 0, ss = 0;
	char date[11];
	size_t n = s ? strlen(s) : 0;
	if (n != 10 && n != 16 && n != 19)
		return ZZ_EINVAL;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (date_parse(date, &days) < 0)
		return ZZ_EINVAL;
	if (n >= 16) {
		int k = 0;
		if (n == 16 ? sscanf(s + 10, " %2d:%2d%n", &hh, &mm, &k) != 2 || k != 6
			    : sscanf(s + 10, " %2d:%2d:%2d%n", &hh, &mm, &ss, &k) != 3 || k != 9)
			return ZZ_EINVAL;
		if (s[10] != ' ' || hh > 23 || mm > 59 || ss > 59 || hh < 0 || mm < 0 || ss < 0)
			return ZZ_EINVAL;
	}
	int y, mo, d;
	date_to_ymd(days, &y, &mo, &d);
	struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
			.tm_hour = hh, .tm_min = mm, .tm_sec = ss, .tm_isdst = -1};
	*t = mktime(&tm);
	return 0;
}

void datetime_format(time_t t, char out[20])
{
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

int date_today(time_t now)
{
	struct tm tm;
	localtime_r(&now, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void be64_put(unsigned char *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--) {
		p[i] = (unsigned char)(v & 0xff);
		v >>= 8;
	}
}

uint64_t be64_get(const unsigned char *p)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return v;
}

/* The code point of the valid UTF-8 character at S (N bytes available) and its length; length 0
 * when the bytes are not one. */
static unsigned utf8_at(const unsigned char *p, size_t n, size_t *len)
{
	unsigned c = p[0];
	size_t l = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
	*len = 0;
	if (l == 0 || l > n || !utf8_valid((const char *)p, l))
		return 0;
	*len = l;
	if (l == 1)
		return c;
	c &= 0x7f >> l;
	for (size_t i = 1; i < l; i++)
		c = (c << 6) | (p[i] & 0x3f);
	return c;
}

static bool unsafe_cp(unsigned c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

bool str_has_unsafe(const char *s)
{
	for (size_t n = strlen(s), i = 0; i < n;) {
		size_t len;
		unsigned c = utf8_at((const unsigned char *)s + i, n - i, &len);
		if (len == 0 || unsafe_cp(c))
			return true;
		i += len;
	}
	return false;
}

static void sb_add_escaped(struct sb *sb, const char *s, bool lines);

void sb_add_shown(struct sb *sb, const char *s)
{
	sb_add_escaped(sb, s, false);
}

void sb_add_shown_lines(struct sb *sb, const char *s)
{
	sb_add_escaped(sb, s, true);
}

static void sb_add_escaped(struct sb *sb, const char *s, bool lines)
{
	static const char hex[] = "0123456789abcdef";
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		size_t len;
		unsigned c = utf8_at((const unsigned char *)s + i, n - i, &len);
		if (len == 0) {
			unsigned char b = (unsigned char)s[i++];
			char e[] = {'\\', 'x', hex[b >> 4], hex[b & 15]};
			sb_add(sb, e, sizeof e);
		} else if (c == '\\' && !lines) {
			sb_adds(sb, "\\\\");
			i++;
		} else if (lines && (c == '\t' || c == '\n')) {
			sb_addc(sb, (char)c);
			i++;
		} else if (unsafe_cp(c) && c < 0x100) {
			char e[] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
			sb_add(sb, e, sizeof e);
			i += len;
		} else if (unsafe_cp(c)) {
			char e[] = {'\\', 'u', hex[(c >> 12) & 15], hex[(c >> 8) & 15], hex[(c >> 4) & 15], hex[c & 15]};
			sb_add(sb, e, sizeof e);
			i += len;
		} else {
			sb_add(sb, s + i, len);
			i += len;
		}
	}
}

char *str_shown(const char *s)
{
	struct sb sb;
	sb_init(&sb);
	sb_add_shown(&sb, s ? s : "");
	return sb_steal(&sb);
}

FILE *file_open_own(const char *path, const char *mode)
{
	int flags = O_NOFOLLOW | O_CLOEXEC;
	if (mode[0] == 'w')
		flags |= O_WRONLY | O_CREAT; /* truncated once checked: not a file of someone else's */
	else
		flags |= strchr(mode, '+') ? O_RDWR : O_RDONLY;
	/* O_NONBLOCK: a FIFO planted in the folder must not hang the open. */
	int fd = open(path, flags | O_NONBLOCK, 0600);
	if (fd < 0) {
		if (errno == ELOOP)
			errmsg_set(ZZ_EINVAL, "%s 是符号链接，不予打开", path);
		else
			errmsg_set(ZZ_EINVAL, "无法打开 %s：%s", path, strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid()) {
		close(fd);
		errmsg_set(ZZ_EINVAL, "%s 不是本系统账户拥有的普通文件，不予打开", path);
		return NULL;
	}
	if (mode[0] == 'w' && ftruncate(fd, 0) < 0) {
		errmsg_set(ZZ_ERR, "无法写入 %s：%s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	FILE *f = fdopen(fd, mode[0] == 'w' ? "w" : strchr(mode, '+') ? "r+" : "r");
	if (!f) {
		close(fd);
		errmsg_set(ZZ_ERR, "无法打开 %s：%s", path, strerror(errno));
	}
	return f;
}
