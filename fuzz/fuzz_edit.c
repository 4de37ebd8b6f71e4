/* SPDX-License-Identifier: MIT */
/* fuzz_edit.c — the editor of a file's text (lib/doc/edit.h): any bytes split into documents,
 * then in each of the first documents a list item appended, a value set, a key made under a
 * new mapping and a multi-line text set. The editor refuses what it cannot write (and checks
 * each edit it keeps by reading the document again); what it keeps must still split into as
 * many documents, each reading to the model the edits left. */
#include "fuzz.h"
#include "doc/edit.h"

static void edits(sp_text *t, size_t doc, sp_diags *d)
{
	json_t *entry = json_pack("{ss ss}", "id", "L-0001", "note", "a: b # c");
	json_t *date = json_string("2026-11-23");
	json_t *text = json_string("first line\nsecond: line\n");
	json_t *empty = json_array();
	sp_text_append(t, doc, "letters", entry, d);
	sp_text_set(t, doc, "sentence.release", date, d);
	sp_text_set(t, doc, "new.deeper.key", date, d);
	sp_text_set(t, doc, "person.note", text, d);
	sp_text_append(t, doc, "consents.0.domains", date, d);
	sp_text_set(t, doc, "id", empty, d);
	json_decref(entry);
	json_decref(date);
	json_decref(text);
	json_decref(empty);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 1 << 16)
		return 0;
	sp_diags d = {0};
	sp_text *t = sp_text_new("fuzz", (const char *)data, size, &d);
	if (t) {
		size_t n = sp_text_count(t);
		for (size_t i = 0; i < n && i < 3; i++)
			edits(t, i, &d);
		if (sp_text_changed(t)) {
			size_t len;
			char *out = sp_text_join(t, &len);
			sp_text *again = sp_text_new("again", out, len, &d);
			if (!again || sp_text_count(again) != n)
				fuzz_fail("the edited text splits into %zu documents, not %zu",
					  again ? sp_text_count(again) : 0, n);
			for (size_t i = 0; i < n; i++) {
				const json_t *a = sp_text_model(t, i, &d);
				json_t *want = a ? json_deep_copy(a) : NULL;
				const json_t *b = sp_text_model(again, i, &d);
				if (!want != !b || (want && !json_equal(want, b)))
					fuzz_fail("document %zu of the edited text reads differently", i + 1);
				json_decref(want);
			}
			sp_text_free(again);
			free(out);
		}
	}
	sp_text_free(t);
	sp_diags_free(&d);
	return 0;
}
