/* render.c — what samplan-letter-gen --render reads: a Mustache file without a letter
 * template's header, and the one document to render it against. */
#include "letters/letter.h"
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

/* Where the body of text[0..n) starts: after the `---` … `---` (or `...`) header of a
 * letter template, or 0. */
static size_t body_start(const char *text, size_t n)
{
	size_t start = 0;
	if (n >= 4 && strncmp(text, "---", 3) == 0 && (text[3] == '\n' || text[3] == '\r')) {
		for (size_t i = 4; i + 3 <= n; i++)
			if (text[i - 1] == '\n' && (strncmp(text + i, "---", 3) == 0 || strncmp(text + i, "...", 3) == 0) &&
			    (i + 3 == n || text[i + 3] == '\n' || text[i + 3] == '\r')) {
				start = i + 3;
				while (start < n && text[start] != '\n')
					start++;
				start += start < n;
				break;
			}
	}
	return start;
}

/* Read f to its end: the text (caller frees; NUL-terminated) and its length in *len, or
 * NULL with errno EFBIG once it is longer than max bytes. */
static char *read_at_most(FILE *f, size_t max, size_t *len)
{
	size_t cap = 4096, n = 0, r;
	char *text = sp_xmalloc(cap);
	while ((r = fread(text + n, 1, cap - n - 1, f)) > 0) {
		n += r;
		if (n > max)
			break;
		if (n + 1 == cap)
			text = sp_xrealloc(text, cap *= 2);
	}
	if (n > max) {
		free(text);
		errno = EFBIG;
		return NULL;
	}
	text[n] = '\0';
	*len = n;
	return text;
}

char *sp_template_file_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t n;
	char *text = read_at_most(f, SP_TEMPLATE_MAX_FILE, &n);
	int e = errno;
	fclose(f);
	errno = e;
	if (!text)
		return NULL;
	size_t start = body_start(text, n);
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
	char *text = read_at_most(f, max_bytes, &n);
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
