/* chart.c — text bars, sparklines and percentage changes (chart.h). */
#include "chart.h"

#include <stdio.h>
#include <string.h>

/* Partial cells by eighths (index 1..7) and the full cell, as UTF-8. */
static const char *const eighth[9] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"};
/* Sparkline levels 0..8. */
static const char *const level_utf8[9] = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
static const char level_ascii[] = " .:-=+*%#";

long chart_eighths(long long v, long long max, int width)
{
	if (v <= 0 || max <= 0 || width <= 0)
		return 0;
	if (v > max)
		v = max;
	long double e = (long double)v * width * 8 / max;
	long r = (long)(e + 0.5L);
	return r < 1 ? 1 : r;
}

/* Append S to OUT (N bytes, USED so far) if it fits whole. */
static void put(char *out, size_t n, size_t *used, const char *s)
{
	size_t k = strlen(s);
	if (*used + k < n) {
		memcpy(out + *used, s, k);
		*used += k;
		out[*used] = '\0';
	}
}

char *chart_bar(char *out, size_t n, long long v, long long max, int width, bool ascii)
{
	size_t used = 0;
	if (n)
		out[0] = '\0';
	long e = chart_eighths(v, max, width);
	if (ascii) {
		long cells = (e + 4) / 8;
		if (e > 0 && cells == 0)
			cells = 1;
		for (long i = 0; i < cells; i++)
			put(out, n, &used, "#");
		return out;
	}
	for (long i = 0; i < e / 8; i++)
		put(out, n, &used, eighth[8]);
	put(out, n, &used, eighth[e % 8]);
	return out;
}

long long chart_max(const long long *v, int k)
{
	long long m = 0;
	for (int i = 0; i < k; i++)
		if (v[i] > m)
			m = v[i];
	return m;
}

char *chart_spark(char *out, size_t n, const long long *v, int k, bool ascii)
{
	size_t used = 0;
	if (n)
		out[0] = '\0';
	long long max = chart_max(v, k);
	for (int i = 0; i < k; i++) {
		/* Level 1..8 for any non-zero value, so that a small month is not confused with
		 * none. */
		int lv = v[i] <= 0 || max <= 0 ? 0 : 1 + (int)((v[i] * 7 + max / 2) / max);
		if (lv > 8)
			lv = 8;
		char a[2] = {level_ascii[lv], '\0'};
		put(out, n, &used, ascii ? a : level_utf8[lv]);
	}
	return out;
}

char *chart_pct(char *out, size_t n, long long cur, long long base)
{
	if (base <= 0) {
		snprintf(out, n, "-");
		return out;
	}
	long long d = (cur - base) * 1000;
	/* Tenths of a percent, rounded half away from zero. */
	long long t = (d >= 0 ? d + base / 2 : d - base / 2) / base;
	long long a = t < 0 ? -t : t;
	snprintf(out, n, "%s%lld.%lld%%", t > 0 ? "+" : t < 0 ? "-" : "", a / 10, a % 10);
	return out;
}
