/* cli.c — what every command-line handler uses: options, failures, usage, ids, passwords.
 * Kept out of main.c so that unit tests link the handlers. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "stats.h"

/* Print FMT escaped (sb_add_shown_lines), at most MAX bytes of it (0: all), cut on a character
 * with "…". */
static void cli_vfprintf_max(FILE *f, size_t max, const char *fmt, va_list ap)
{
	char *raw = NULL;
	if (vasprintf(&raw, fmt, ap) < 0)
		fatal("out of memory");
	size_t n = strlen(raw);
	if (max && n > max) {
		n = max;
		while (n > 0 && ((unsigned char)raw[n] & 0xc0) == 0x80)
			n--;
		raw = xrealloc(raw, n + sizeof "…");
		strcpy(raw + n, "…");
	}
	struct sb sb;
	sb_init(&sb);
	sb_add_shown_lines(&sb, raw);
	if (sb.len)
		fwrite(sb.buf, 1, sb.len, f);
	sb_free(&sb);
	free(raw);
}

static void cli_vfprintf(FILE *f, const char *fmt, va_list ap)
{
	cli_vfprintf_max(f, 0, fmt, ap);
}

void cli_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cli_vfprintf(stdout, fmt, ap);
	va_end(ap);
}

void cli_fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cli_vfprintf(f, fmt, ap);
	va_end(ap);
}

int cli_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("zongzhi: ", stderr);
	cli_vfprintf_max(stderr, CLI_FAIL_MAX, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return CLI_FAIL;
}

void cli_put_cell(const char *s)
{
	/* Line breaks and tabs as \n and \t; every other control character, DEL, C1 and the bidi
	 * overrides as util's escapes (sb_add_shown also doubles the backslash). */
	struct sb sb, part;
	sb_init(&sb);
	sb_init(&part);
	for (; s && *s; s++) {
		if (*s != '\n' && *s != '\t') {
			sb_addc(&part, *s);
			continue;
		}
		if (part.len)
			sb_add_shown(&sb, part.buf);
		sb_reset(&part);
		sb_adds(&sb, *s == '\n' ? "\\n" : "\\t");
	}
	if (part.len)
		sb_add_shown(&sb, part.buf);
	if (sb.len)
		fwrite(sb.buf, 1, sb.len, stdout);
	sb_free(&part);
	sb_free(&sb);
}

int cli_usage(const struct cli *cl)
{
	fprintf(stderr, "用法: zongzhi [-c FILE] [--home DIR] %s\n", cl->cmd->usage);
	return CLI_USAGE;
}

const char *cli_opt(const struct cli *cl, const char *name)
{
	for (int i = 0; i < cl->nopts; i++)
		if (strcmp(cl->optname[i], name) == 0)
			return cl->optval[i];
	return NULL;
}

const char *cli_unit_name(struct cli *cl, const char *code)
{
	const struct unit *x = units_find(ctx_units(cl->c), code ? code : "");
	return x ? x->name : code ? code : "";
}

void cli_time(int64_t t, char out[20])
{
	if (t)
		datetime_format((time_t)t, out);
	else
		snprintf(out, 20, "-");
}

const char *cli_month(const struct cli *cl, char buf[8])
{
	const char *m = cli_opt(cl, "month");
	if (m)
		return m;
	char cur[8];
	stats_month((int64_t)time(NULL), cur);
	stats_month_add(cur, 1, buf);
	return buf;
}

bool cli_flag(const struct cli *cl, const char *name)
{
	return cli_opt(cl, name) != NULL;
}

int cli_parse_id(const char *s, uint64_t *id)
{
	long long v;
	if (str_to_ll(s, &v) < 0 || v <= 0) {
		cli_fprintf(stderr, "zongzhi: 记录号应为正整数：%s\n", s);
		return CLI_USAGE;
	}
	*id = (uint64_t)v;
	return 0;
}

char *cli_read_password(const char *prompt)
{
	struct termios old, quiet;
	bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
	if (tty) {
		fputs(prompt, stderr);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (n < 0) {
		free(line);
		return NULL;
	}
	line[strcspn(line, "\r\n")] = '\0';
	return line;
}
