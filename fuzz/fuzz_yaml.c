/* SPDX-License-Identifier: MIT */
/* fuzz_yaml.c — the YAML reader: the bytes as a YAML stream (one document or a `---`
 * stream), read twice, with the default limits and with small ones (fuzz.h); every
 * document read must keep within the limits, know where each of its values stood, and
 * read back the same after being written as YAML, JSON and JSON Lines. And the fast reader
 * (lib/doc/yaml_fast.c) must agree with libyaml on everything: documents, values, places and
 * errors (yamldiff.h). */
#include "fuzz.h"
#include "yamldiff.h"

static void each(sp_doc *doc, void *ctx)
{
	(void)ctx;
	fuzz_roundtrip(doc, SP_FMT_YAML);
	fuzz_roundtrip(doc, SP_FMT_JSON);
	fuzz_roundtrip(doc, SP_FMT_JSONL);
}

/* Would the reader take these bytes for JSON (first character after a byte-order mark and
 * blanks `{` or `[`)? */
static int looks_like_json(const uint8_t *data, size_t size)
{
	size_t i = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < size && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
		i++;
	return i < size && (data[i] == '{' || data[i] == '[');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a comment line in front makes the YAML reader read flow-style input too */
	uint8_t *buf = NULL;
	if (looks_like_json(data, size)) {
		buf = malloc(size + 2);
		memcpy(buf, "#\n", 2);
		memcpy(buf + 2, data, size);
		data = buf;
		size += 2;
	}
	sp_limits def = sp_limits_default(), small = fuzz_small_limits();
	fuzz_read_stream(data, size, &def, each, NULL);
	fuzz_read_stream(data, size, &small, NULL, NULL);
	yamldiff d;
	yamldiff_run(data, size, &def, &d);
	if (d.why[0])
		fuzz_fail("the fast reader and libyaml differ: %s", d.why);
	yamldiff_run(data, size, &small, &d);
	if (d.why[0])
		fuzz_fail("the fast reader and libyaml differ (small limits): %s", d.why);
	free(buf);
	return 0;
}
