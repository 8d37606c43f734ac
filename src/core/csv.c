/* csv.c — a small RFC 4180 reader and writer. */
#include "csv.h"

#include <stdlib.h>
#include <string.h>

void csv_row_free(struct csv_row *row)
{
	strv_free(&row->f);
}

int csv_read(FILE *f, struct csv_row *row, long *line)
{
	struct sb field;
	sb_init(&field);
	strv_free(&row->f);
	row->line = *line + 1;
	bool quoted = false, any = false, after_quote = false;
	int ch;
	while ((ch = getc_unlocked(f)) != EOF) {
		any = true;
		if (quoted) {
			if (ch == '"') {
				int next = getc_unlocked(f);
				if (next == '"') {
					sb_addc(&field, '"');
				} else {
					quoted = false;
					after_quote = true;
					if (next != EOF)
						ungetc(next, f);
				}
			} else {
				if (ch == '\n')
					(*line)++;
				sb_addc(&field, (char)ch);
			}
			continue;
		}
		if (ch == '"' && field.len == 0 && !after_quote) {
			quoted = true;
		} else if (ch == ',') {
			strv_push(&row->f, field.buf ? field.buf : "");
			sb_reset(&field);
			after_quote = false;
		} else if (ch == '\n') {
			(*line)++;
			break;
		} else if (ch == '\r') {
			continue;
		} else {
			sb_addc(&field, (char)ch);
		}
	}
	if (!any) {
		sb_free(&field);
		return 0;
	}
	strv_push(&row->f, field.buf ? field.buf : "");
	sb_free(&field);
	/* A UTF-8 byte-order mark, as spreadsheet programs write, is not part of the first header. */
	if (row->line == 1 && str_prefix(row->f.v[0], "\xef\xbb\xbf"))
		memmove(row->f.v[0], row->f.v[0] + 3, strlen(row->f.v[0] + 3) + 1);
	if (quoted) {
		if (ch == EOF)
			(*line)++;
		return errmsg_set(ZZ_EINVAL, "引号没有闭合");
	}
	if (ch == EOF)
		(*line)++;
	return 1;
}

void csv_put(FILE *f, const char *s)
{
	if (!s)
		return;
	/* A cell a spreadsheet would take for a formula (=, +, -, @, or a tab or CR before one) is
	 * written as text: with an apostrophe in front, which the spreadsheet does not show. */
	bool formula = *s && strchr("=+-@\t\r", s[0]);
	bool quote = strpbrk(s, ",\"\r\n") || s[0] == ' ';
	if (quote)
		putc('"', f);
	if (formula)
		putc('\'', f);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', f);
		putc(*s, f);
	}
	if (quote)
		putc('"', f);
}
