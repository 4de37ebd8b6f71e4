/* SPDX-License-Identifier: MIT */
/* fuzz_json.c — the JSON reader: one value, a JSON array of documents, JSON Lines or
 * concatenated values. Bytes the reader would take for YAML are skipped (fuzz_yaml.c reads
 * those). As in fuzz_yaml.c: default and small limits, positions, and the round trip
 * through the writer. */
#include "fuzz.h"

static void each(sp_doc *doc, void *ctx)
{
	(void)ctx;
	fuzz_roundtrip(doc, SP_FMT_JSONL);
	fuzz_roundtrip(doc, SP_FMT_JSON);
	fuzz_roundtrip(doc, SP_FMT_YAML);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t i = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < size && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
		i++;
	if (i == size || (data[i] != '{' && data[i] != '['))
		return 0;
	sp_limits def = sp_limits_default(), small = fuzz_small_limits();
	fuzz_read_stream(data, size, &def, each, NULL);
	fuzz_read_stream(data, size, &small, NULL, NULL);
	return 0;
}
