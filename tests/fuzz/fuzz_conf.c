/* fuzz_conf.c — the settings loader (conf_load) on any file: refused with a message or loaded,
 * and every setting of the table then readable. */
#include "fuzzlib.h"

#include "conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fz_file("zongzhi.cfg", data, size);
	struct conf *c = NULL;
	if (conf_load(&c, path) < 0) {
		if (!errmsg()[0])
			abort();
		return 0;
	}
	conf_free(&c);
	return 0;
}
