/* SPDX-License-Identifier: MIT */
/* sp-edit — test helper: edits to a file's text through lib/doc/edit.h, the result on
 * standard output. Used by the golden diff and property tests of the editing engine; not
 * installed.
 *
 *   sp-edit FILE [DOC] (set|append) PATH JSON [...]
 *
 * DOC is a 1-based document number (default 1); JSON is the value, in JSON. Exit status 0,
 * or 2 with the problems on standard error (the edits refused). */
#include "base/util.h"
#include "doc/edit.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: sp-edit FILE [DOC] (set|append) PATH JSON [...]\n", stderr);
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	size_t len = 0;
	char *text = f ? sp_read_all(f, SP_EDIT_MAX_FILE, &len) : NULL;
	if (f)
		fclose(f);
	if (!text) {
		fprintf(stderr, "sp-edit: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	sp_diags diags = {0};
	sp_text *t = sp_text_new(argv[1], text, len, &diags);
	int status = t ? 0 : 2;
	size_t doc = 0;
	for (int i = 2; t && i < argc; i++) {
		char *end;
		unsigned long k = strtoul(argv[i], &end, 10);
		if (!*end && k > 0) {
			doc = k - 1;
			continue;
		}
		if (i + 2 >= argc) {
			fputs("sp-edit: an edit is OP PATH JSON\n", stderr);
			status = 2;
			break;
		}
		json_error_t je;
		json_t *v = json_loads(argv[i + 2], JSON_DECODE_ANY, &je);
		if (!v) {
			fprintf(stderr, "sp-edit: %s: %s\n", argv[i + 2], je.text);
			status = 2;
			break;
		}
		long rc = strcmp(argv[i], "set") == 0      ? sp_text_set(t, doc, argv[i + 1], v, &diags)
			  : strcmp(argv[i], "append") == 0 ? sp_text_append(t, doc, argv[i + 1], v, &diags)
							   : -1;
		json_decref(v);
		if (rc < 0)
			status = 2;
		i += 2;
	}
	sp_diags_print(&diags, stderr, "sp-edit");
	if (t && status == 0) {
		char *out = sp_text_join(t, &len);
		fwrite(out, 1, len, stdout);
		free(out);
	}
	sp_text_free(t);
	sp_diags_free(&diags);
	free(text);
	return status;
}
