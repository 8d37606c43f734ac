/* chart.h — charts drawn in text (issue 14): a bar of N cells, a sparkline of a month trend and
 * the 同比/环比 change, as strings a screen or a command prints. Pure: no terminal, no store.
 * ASCII is for terminals without block characters (vt100): '#' bars and a " .:-=+*%#" ramp. */
#ifndef ZZ_CHART_H
#define ZZ_CHART_H

#include <stdbool.h>
#include <stddef.h>

/* Eighths of a cell that V takes when MAX fills WIDTH cells: rounded, at least 1 when V > 0,
 * never more than WIDTH * 8; 0 when V <= 0 or MAX <= 0. */
long chart_eighths(long long v, long long max, int width);
/* The bar of V against MAX in at most WIDTH cells into OUT (N bytes): full blocks and one partial
 * block (▏…▉), or '#' per cell (rounded, a non-zero V shows at least one) when ASCII. Returns OUT.
 */
char *chart_bar(char *out, size_t n, long long v, long long max, int width, bool ascii);
/* One character per value of V[0..K-1] (its height against the largest) into OUT (N bytes):
 * ▁…█, ' ' for zero. Returns OUT. */
char *chart_spark(char *out, size_t n, const long long *v, int k, bool ascii);
/* The change from BASE to CUR as "+12.5%", "-3.0%", "0.0%"; "-" when BASE is 0 (nothing to
 * compare with). Returns OUT. */
char *chart_pct(char *out, size_t n, long long cur, long long base);
/* The largest of V[0..K-1], at least 0. */
long long chart_max(const long long *v, int k);

#endif
