/* fuzz_tlv.c — the event databases' tagged values (tlv_next) on damaged bytes: items stay inside
 * the buffer and the walk ends. */
#include "fuzzlib.h"

#include "tlv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tlv_reader r;
	tlv_begin(&r, data, size);
	int tag, rc;
	const unsigned char *val;
	size_t len, items = 0;
	while ((rc = tlv_next(&r, &tag, &val, &len)) == 1) {
		if (val < data || val + len > data + size || items++ > size)
			abort();
		(void)tlv_get_int(val, len);
		free(tlv_get_str(val, len));
	}
	return 0;
}
