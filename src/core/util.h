/* util.h — allocation wrappers that abort on OOM, growable strings, the error message line. */
#ifndef ZZ_UTIL_H
#define ZZ_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

/* Error codes returned by every layer; 0 is success. */
enum {
	ZZ_OK = 0,
	ZZ_ERR = -1,	  /* generic failure, message in errmsg() */
	ZZ_ENOENT = -2,	  /* no such object */
	ZZ_EEXIST = -3,	  /* object exists already */
	ZZ_EPERM = -4,	  /* refused by permission check */
	ZZ_EINVAL = -5,	  /* bad input from a person */
	ZZ_EDB = -6,	  /* database failure */
	ZZ_ERETRY = -7,	  /* deadlock or lock timeout: retry the transaction */
	ZZ_ELOCKED = -8,  /* account locked */
	ZZ_EEXPIRED = -9, /* password expired */
	ZZ_EAUTH = -10,	  /* wrong credentials */
	ZZ_EMISSING = -11, /* a required input was not given (the caller may ask for it) */
	ZZ_ESTALE = -12,   /* changed by someone else since it was read */
};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* The last error message (UTF-8, Chinese for people); set by the layer that knows the reason. */
int errmsg_set(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *errmsg(void);
void errmsg_clear(void);

/* Growable string; the struct owns buf. */
struct sb {
	char *buf;
	size_t len, cap;
};
void sb_init(struct sb *sb);
void sb_add(struct sb *sb, const char *s, size_t n);
void sb_adds(struct sb *sb, const char *s);
void sb_addc(struct sb *sb, char c);
void sb_addf(struct sb *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_add_u64(struct sb *sb, uint64_t v);
void sb_add_i64(struct sb *sb, int64_t v);
void sb_reset(struct sb *sb);
char *sb_steal(struct sb *sb); /* caller owns the result; sb is reset */
void sb_free(struct sb *sb);

/* A list of owned strings. */
struct strv {
	char **v;
	int n, cap;
};
void strv_push(struct strv *sv, const char *s);
void strv_free(struct strv *sv);
int strv_find(const struct strv *sv, const char *s);

/* Inline: called for nearly every field of every record (1.9 % of a demo city's CPU as a call). */
static inline bool str_empty(const char *s)
{
	return !s || !*s;
}
bool str_prefix(const char *s, const char *prefix);
/* Does HAY hold NEEDLE, ASCII letters in either case (a picker's filter)? An empty NEEDLE: yes. */
bool str_contains(const char *hay, const char *needle);
/* Split S in place at SEP into at most MAX parts (the last holds the rest); returns the count. */
int str_split(char *s, char sep, char **out, int max);
/* Parse a non-negative decimal integer of the whole string. */
int str_to_ll(const char *s, long long *out);
bool utf8_valid(const char *s, size_t n);
/* Does S hold a character that may move a terminal's cursor or reorder text (C0 controls, DEL, C1,
 * the bidi embeddings and overrides U+202A-202E, the isolates U+2066-2069), or invalid UTF-8?
 * Input from people and the network is refused then. */
bool str_has_unsafe(const char *s);
/* Append S for a terminal or a log: those characters and invalid bytes as \xHH / \uHHHH,
 * and the backslash doubled, so that what is shown can be told from what is escaped. */
void sb_add_shown(struct sb *sb, const char *s);
char *str_shown(const char *s); /* the same as an owned string */
/* The same for a whole output line made by a format: its tabs and newlines kept, the backslash as
 * it is (the command line's tab-separated output). */
void sb_add_shown_lines(struct sb *sb, const char *s);

/* Dates as days since 1970-01-01 and "YYYY-MM-DD"; datetimes as local "YYYY-MM-DD HH:MM:SS". */
int date_parse(const char *s, int *days);
void date_format(int days, char out[11]);
bool date_valid_ymd(int y, int m, int d);
int date_from_ymd(int y, int m, int d);
void date_to_ymd(int days, int *y, int *m, int *d);
int date_weekday(int days); /* 0 = Monday … 6 = Sunday */
int datetime_parse(const char *s, time_t *t);
void datetime_format(time_t t, char out[20]);
int date_today(time_t now);

/* Open a file of the service's own: never through a symbolic link (O_NOFOLLOW), and only a regular
 * file owned by this process's user; written files are created 0600. MODE is "r", "w" (create or
 * truncate) or "r+". NULL with errmsg() set (Chinese, naming PATH) otherwise. */
FILE *file_open_own(const char *path, const char *mode);

/* Big-endian 64-bit integers for sortable database keys. */
void be64_put(unsigned char *p, uint64_t v);
uint64_t be64_get(const unsigned char *p);

#endif
