# bench/lib.sh — shared by the benchmark scripts, sourced from the repository root.

# The awk function med(KEY): the median of ms[KEY, 1] … ms[KEY, n[KEY]], the times an awk program
# gathered for KEY (the mean of the middle two when their number is even). Put before the program:
# awk "$bench_awk_median"'{ … }'.
# shellcheck disable=SC2034 # used by the scripts that source this file
bench_awk_median='
function med(key,   i, j, t, c, a) {
	c = n[key]
	for (i = 1; i <= c; i++) a[i] = ms[key, i]
	for (i = 1; i <= c; i++) for (j = i + 1; j <= c; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
	return c % 2 ? a[(c + 1) / 2] : (a[c / 2] + a[c / 2 + 1]) / 2
}'
