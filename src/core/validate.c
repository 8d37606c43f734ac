/* validate.c — per-type checks and normal forms of field values. */
#include "validate.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "idnum.h"

int utf8_chars(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* The next code point of UTF-8 text, or -1 for a byte that starts no valid sequence. */
static long utf8_next(const unsigned char **p)
{
	const unsigned char *s = *p;
	int len = s[0] < 0x80 ? 1 : (s[0] & 0xe0) == 0xc0 ? 2 : (s[0] & 0xf0) == 0xe0 ? 3 : (s[0] & 0xf8) == 0xf0 ? 4 : 0;
	if (len == 0 || strnlen((const char *)s, (size_t)len) < (size_t)len || !utf8_valid((const char *)s, (size_t)len)) {
		(*p)++;
		return -1;
	}
	long c = len == 1 ? s[0] : s[0] & (0x7f >> len);
	for (int i = 1; i < len; i++)
		c = (c << 6) | (s[i] & 0x3f);
	*p += len;
	return c;
}

/* Decoded here rather than with mbrtowc, so that the width does not depend on the locale. */
int utf8_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int w = 0;
	while (*p) {
		long c = utf8_next(&p);
		if (c < 0) {
			w++;
			continue;
		}
		int cw = wcwidth((wchar_t)c);
		/* Without a UTF-8 locale wcwidth knows nothing beyond ASCII: East Asian scripts and
		 * fullwidth forms take two columns, the rest one. */
		if (cw < 0 || (c >= 0x2e80 && c <= 0xffef && cw < 2 && !(c >= 0xff61 && c <= 0xffdc)))
			cw = (c >= 0x2e80 && !(c >= 0xff61 && c <= 0xffdc)) || (c >= 0x20000 && c <= 0x3fffd) ? 2 : 1;
		w += cw;
	}
	return w;
}

bool unit_code_valid(const char *s)
{
	size_t n = 0;
	while (isdigit((unsigned char)s[n]))
		n++;
	if (n < 2 || n > 18)
		return false;
	if (!s[n])
		return true;
	if (s[n] != '-' || !s[n + 1])
		return false;
	for (const char *p = s + n + 1; *p; p++)
		if (!islower((unsigned char)*p))
			return false;
	return strlen(s + n + 1) <= 16;
}

bool phone_valid(const char *s)
{
	size_t n = strlen(s);
	if (n == 11 && s[0] == '1' && s[1] >= '3' && s[1] <= '9') {
		for (size_t i = 0; i < n; i++)
			if (!isdigit((unsigned char)s[i]))
				return false;
		return true;
	}
	/* Landline: 0 + area code (2-3 digits), optional '-', 7-8 digits, optional "-ext". */
	if (n < 10 || s[0] != '0')
		return false;
	int digits = 0, dashes = 0;
	for (size_t i = 0; i < n; i++) {
		if (isdigit((unsigned char)s[i]))
			digits++;
		else if (s[i] == '-' && i > 0 && s[i - 1] != '-')
			dashes++;
		else
			return false;
	}
	return s[n - 1] != '-' && dashes <= 2 && digits >= 10 && digits <= 16;
}

/* Control characters (C0, DEL, C1) and bidi overrides; a long text keeps its line breaks. */
static bool has_control(const char *s, bool allow_newline)
{
	if (!allow_newline)
		return str_has_unsafe(s);
	char *copy = xstrdup(s);
	for (char *p = copy; *p; p++)
		if (*p == '\n')
			*p = ' ';
	bool bad = str_has_unsafe(copy);
	free(copy);
	return bad;
}

int validate_text(const char *label, const char *s, long max)
{
	if (!s)
		return 0;
	if (has_control(s, true))
		return errmsg_set(ZZ_EINVAL, "%s含有控制字符", label);
	int n = utf8_chars(s);
	if (n > max)
		return errmsg_set(ZZ_EINVAL, "%s最多 %ld 个字（现在 %d 个）", label, max, n);
	return 0;
}

static char *trim_dup(const char *in)
{
	while (*in == ' ' || *in == '\t')
		in++;
	size_t n = strlen(in);
	while (n > 0 && (in[n - 1] == ' ' || in[n - 1] == '\t' || in[n - 1] == '\r' || in[n - 1] == '\n'))
		n--;
	return xstrndup(in, n);
}

static int check_number(const struct field *f, const char *s, bool decimal, char **out)
{
	const char *p = s;
	int dots = 0, digits = 0, frac = 0;
	if (*p == '-')
		p++;
	for (; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			digits++;
			frac += dots;
		} else if (*p == '.' && decimal && dots == 0) {
			dots++;
		} else {
			return errmsg_set(ZZ_EINVAL, "%s应为%s", f->label, decimal ? "数字" : "整数");
		}
	}
	if (digits == 0 || digits > 15 || (dots && frac == 0))
		return errmsg_set(ZZ_EINVAL, "%s应为%s", f->label, decimal ? "数字" : "整数");
	if (frac > 4)
		return errmsg_set(ZZ_EINVAL, "%s最多保留 4 位小数", f->label);
	double v = strtod(s, NULL);
	if (f->has_min && v < f->min)
		return errmsg_set(ZZ_EINVAL, "%s不能小于 %g", f->label, f->min);
	if (f->has_max && v > f->max)
		return errmsg_set(ZZ_EINVAL, "%s不能大于 %g", f->label, f->max);
	if (!decimal) {
		*out = xasprintf("%lld", strtoll(s, NULL, 10));
		return 0;
	}
	*out = xstrdup(s);
	return 0;
}

static int check_date(const struct field *f, const char *s, char **out)
{
	char buf[11];
	int days;
	size_t n = strlen(s);
	/* 20261128 and 2026/11/28 are what people type; store 2026-11-28. */
	if (n == 8 && strspn(s, "0123456789") == 8)
		snprintf(buf, sizeof buf, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
	else if (n == 10 && s[4] == '/' && s[7] == '/')
		snprintf(buf, sizeof buf, "%.4s-%.2s-%.2s", s, s + 5, s + 8);
	else
		snprintf(buf, sizeof buf, "%s", n == 10 ? s : "");
	if (date_parse(buf, &days) < 0)
		return errmsg_set(ZZ_EINVAL, "%s应为有效日期，如 2026-11-28", f->label);
	if (f->past && days > date_today(time(NULL)))
		return errmsg_set(ZZ_EINVAL, "%s不能晚于今天", f->label);
	*out = xstrdup(buf);
	return 0;
}

static int check_codes(const struct field *f, const char *s, bool multi, char **out)
{
	if (!multi) {
		const struct code *c = codetable_lookup(f->codes, s);
		if (!c)
			return errmsg_set(ZZ_EINVAL, "%s “%s” 不在代码表“%s”中", f->label, s, f->codes->title);
		*out = xstrdup(c->code);
		return 0;
	}
	/* Multi-choice: separated by , ， ; ； or 、 ; stored as codes joined by ','. */
	struct sb sb;
	sb_init(&sb);
	char *tmp = xstrdup(s);
	static const char *const seps[] = {"，", "；", "、", ";"};
	for (size_t i = 0; i < ARRAY_LEN(seps); i++) {
		char *p;
		while ((p = strstr(tmp, seps[i]))) {
			size_t sl = strlen(seps[i]);
			*p = ',';
			memmove(p + 1, p + sl, strlen(p + sl) + 1);
		}
	}
	int rc = 0;
	char *save = NULL;
	struct strv seen = {0};
	for (char *tok = strtok_r(tmp, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *t = trim_dup(tok);
		if (*t) {
			const struct code *c = codetable_lookup(f->codes, t);
			if (!c) {
				rc = errmsg_set(ZZ_EINVAL, "%s “%s” 不在代码表“%s”中", f->label, t, f->codes->title);
				free(t);
				break;
			}
			if (strv_find(&seen, c->code) < 0) {
				strv_push(&seen, c->code);
				if (sb.len)
					sb_addc(&sb, ',');
				sb_adds(&sb, c->code);
			}
		}
		free(t);
	}
	strv_free(&seen);
	free(tmp);
	if (rc < 0) {
		sb_free(&sb);
		return rc;
	}
	*out = sb.len ? sb_steal(&sb) : NULL;
	sb_free(&sb);
	return 0;
}

static int check_bool(const struct field *f, const char *s, char **out)
{
	static const char *const yes[] = {"是", "有", "1", "Y", "y", "true", "yes"};
	static const char *const no[] = {"否", "无", "0", "N", "n", "false", "no"};
	for (size_t i = 0; i < ARRAY_LEN(yes); i++) {
		if (strcmp(s, yes[i]) == 0) {
			*out = xstrdup("1");
			return 0;
		}
		if (strcmp(s, no[i]) == 0) {
			*out = xstrdup("0");
			return 0;
		}
	}
	return errmsg_set(ZZ_EINVAL, "%s应填“是”或“否”", f->label);
}

/* One attachment: "SHA256HEX:SIZE:KIND:NAME" (attach.h), NAME a plain file name without ','. */
static bool attach_entry_ok(const char *e, size_t n)
{
	size_t i = 0;
	while (i < n && i < 64 && strchr("0123456789abcdef", e[i]) && e[i])
		i++;
	if (i != 64 || i >= n || e[i++] != ':')
		return false;
	size_t d = i;
	while (i < n && e[i] >= '0' && e[i] <= '9')
		i++;
	if (i == d || i - d > 12 || i >= n || e[i++] != ':')
		return false;
	size_t k = i;
	while (i < n && e[i] >= 'a' && e[i] <= 'z')
		i++;
	if (i == k || i - k > 8 || i >= n || e[i++] != ':')
		return false;
	return i < n && e[i] != '.' && !memchr(e + i, '/', n - i) && n - i <= 200;
}

static bool attach_value_ok(const char *s)
{
	if (has_control(s, false))
		return false;
	for (const char *p = s;;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		if (!attach_entry_ok(p, n))
			return false;
		if (!comma)
			return true;
		p = comma + 1;
	}
}

static int check_typed(const struct field *f, char *s, char **out)
{
	switch (f->type) {
	case FT_TEXT:
	case FT_LONGTEXT:
		if (has_control(s, f->type == FT_LONGTEXT))
			return errmsg_set(ZZ_EINVAL, "%s含有不允许的控制字符", f->label);
		if (f->has_min && utf8_chars(s) < (int)f->min)
			return errmsg_set(ZZ_EINVAL, "%s至少 %d 个字", f->label, (int)f->min);
		if (f->has_max && utf8_chars(s) > (int)f->max)
			return errmsg_set(ZZ_EINVAL, "%s最多 %d 个字", f->label, (int)f->max);
		*out = xstrdup(s);
		return 0;
	case FT_INT:
		return check_number(f, s, false, out);
	case FT_DECIMAL:
		return check_number(f, s, true, out);
	case FT_DATE:
		return check_date(f, s, out);
	case FT_DATETIME: {
		time_t t;
		char buf[20];
		if (datetime_parse(s, &t) < 0)
			return errmsg_set(ZZ_EINVAL, "%s应为日期时间，如 2026-11-28 09:30", f->label);
		if (f->past && t > time(NULL))
			return errmsg_set(ZZ_EINVAL, "%s不能晚于现在", f->label);
		datetime_format(t, buf);
		*out = xstrdup(buf);
		return 0;
	}
	case FT_ENUM:
		return check_codes(f, s, false, out);
	case FT_MULTI:
		return check_codes(f, s, true, out);
	case FT_BOOL:
		return check_bool(f, s, out);
	case FT_IDNUM:
	case FT_PERSON: {
		char id[19];
		int rc = idnum_normalize(s, id);
		if (rc < 0)
			return errmsg_set(rc, "%s：%s", f->label, errmsg());
		*out = xstrdup(id);
		return 0;
	}
	case FT_PHONE:
		if (!phone_valid(s))
			return errmsg_set(ZZ_EINVAL, "%s应为 11 位手机号或带区号的固定电话", f->label);
		*out = xstrdup(s);
		return 0;
	case FT_UNIT:
	case FT_GRID:
		if (!unit_code_valid(s))
			return errmsg_set(ZZ_EINVAL, "%s应为单位代码（数字）", f->label);
		*out = xstrdup(s);
		return 0;
	case FT_ATTACH:
		if (!attach_value_ok(s))
			return errmsg_set(ZZ_EINVAL, "%s应为从上传目录中选择的附件", f->label);
		*out = xstrdup(s);
		return 0;
	case FT__COUNT:
		break;
	}
	return errmsg_set(ZZ_EINVAL, "%s的类型未知", f->label);
}

/* The match data of this thread, kept between matches: made per value, it and the frames
 * pcre2_match allocates in it were a malloc and free of some 20 KB for every checked value (4 %
 * of a generated city's time, with malloc's consolidations). One pair: only whether the value
 * matches is used (a pattern with groups then answers 0, a match). Freed when its thread ends. */
static pthread_key_t validate_md_key;
static pthread_once_t validate_md_once = PTHREAD_ONCE_INIT;

static void validate_md_free(void *md) { pcre2_match_data_free(md); }

static void validate_md_key_make(void) { pthread_key_create(&validate_md_key, validate_md_free); }

static pcre2_match_data *validate_md(void)
{
	pthread_once(&validate_md_once, validate_md_key_make);
	pcre2_match_data *md = pthread_getspecific(validate_md_key);
	if (!md) {
		md = pcre2_match_data_create(1, NULL);
		if (!md)
			fatal("out of memory");
		pthread_setspecific(validate_md_key, md);
	}
	return md;
}

int validate_field(const struct field *f, const char *in, char **out)
{
	*out = NULL;
	if (in && !utf8_valid(in, strlen(in)))
		return errmsg_set(ZZ_EINVAL, "%s不是有效的 UTF-8 文字", f->label);
	char *s = f->type == FT_LONGTEXT ? xstrdup(in ? in : "") : trim_dup(in ? in : "");
	int rc = 0;
	if (!*s) {
		if (f->required && !f->derived && !f->either)
			rc = errmsg_set(ZZ_EINVAL, "%s是必填项", f->label);
		free(s);
		return rc;
	}
	rc = check_typed(f, s, out);
	free(s);
	if (rc == 0 && f->re && *out) {
		int m = pcre2_match(f->re, (PCRE2_SPTR)*out, PCRE2_ZERO_TERMINATED, 0,
				    PCRE2_ANCHORED | PCRE2_ENDANCHORED, validate_md(), NULL);
		if (m < 0) {
			free(*out);
			*out = NULL;
			rc = errmsg_set(ZZ_EINVAL, "%s的格式不对%s%s", f->label, f->help ? "：" : "",
					f->help ? f->help : "");
		}
	}
	return rc;
}
