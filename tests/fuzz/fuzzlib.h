/* fuzzlib.h — what the libFuzzer harnesses share: the repository's path (ZZ_REPO, given by the
 * Makefile), a per-process scratch folder, and the fuzz input written to a file for the readers
 * that take a path. */
#ifndef ZZ_FUZZLIB_H
#define ZZ_FUZZLIB_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The scratch folder of this process, made on first use and removed at exit. */
static char fz_dir[64];
static char fz_file_path[96];

static void fz_cleanup(void)
{
	if (fz_file_path[0])
		unlink(fz_file_path);
	if (fz_dir[0])
		rmdir(fz_dir);
}

static inline const char *fz_scratch(void)
{
	if (!fz_dir[0]) {
		snprintf(fz_dir, sizeof fz_dir, "/tmp/zz-fuzz-%ld", (long)getpid());
		if (mkdir(fz_dir, 0700) < 0)
			abort();
		atexit(fz_cleanup);
	}
	return fz_dir;
}

/* Write DATA to NAME in the scratch folder (one file per process, overwritten every input). */
static inline const char *fz_file(const char *name, const uint8_t *data, size_t size)
{
	snprintf(fz_file_path, sizeof fz_file_path, "%s/%s", fz_scratch(), name);
	FILE *f = fopen(fz_file_path, "wb");
	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
		abort();
	return fz_file_path;
}

/* DATA as a NUL-terminated string (an embedded NUL ends it early, as it would in C). */
static inline char *fz_str(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
