/* SPDX-License-Identifier: MIT */
/* render.c — what samplan-letter-gen --render reads: a Mustache file without a letter
 * template's header, and the one document to render it against. */
#include "letters/letter.h"
#include "letters/letterint.h"
#include "base/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

bool sp_escape_parse(const char *name, sp_escape *out)
{
	if (strcmp(name, "html") == 0)
		*out = SP_ESCAPE_HTML;
	else if (strcmp(name, "xml") == 0)
		*out = SP_ESCAPE_XML;
	else if (strcmp(name, "none") == 0)
		*out = SP_ESCAPE_NONE;
	else
		return false;
	return true;
}

char *sp_template_file_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t n;
	char *text = sp_read_all(f, SP_TEMPLATE_MAX_FILE, &n);
	int e = errno;
	fclose(f);
	errno = e;
	if (!text)
		return NULL;
	size_t start = sp_letter_body_start(text, n);
	memmove(text, text + start, n - start);
	*len = n - start;
	return text;
}

int sp_render_data_read(const char *name, size_t max_bytes, sp_doc **doc, sp_diags *diags,
			json_error_t *je)
{
	*doc = NULL;
	je->text[0] = '\0';
	FILE *f = strcmp(name, "-") == 0 ? stdin : fopen(name, "rb");
	if (!f)
		return -1;
	size_t n;
	char *text = sp_read_all(f, max_bytes, &n);
	int e = errno;
	if (f != stdin)
		fclose(f);
	errno = e;
	if (!text)
		return -1;
	int rc = 1;
	size_t lead = strspn(text, " \t\r\n");
	if (text[lead] == '{' || text[lead] == '[') {
		json_t *v = json_loadb(text, n, JSON_DECODE_ANY, je);
		if (v) {
			*doc = sp_xcalloc(1, sizeof **doc);
			(*doc)->root = v;
		} else {
			rc = -1;
		}
	} else {
		rc = sp_doc_parse_string(text, n, name, doc, diags);
	}
	free(text);
	return rc;
}
