/* SPDX-License-Identifier: MIT */
/* fuzz_template.c — the Mustache renderer. The bytes are split at NUL bytes into pieces:
 *
 *   TEMPLATE \0 DATA \0 PARTIAL \0 PARTIAL …
 *
 * DATA is a document (JSON or YAML, read with the default limits; an empty object when
 * missing or unreadable). A partial piece `name=text` is the partial or parent `name`; a
 * piece without `=` is named by its number among the partials (`0`, `1`, …). The name
 * `main` is the template itself unless a piece claims it, so `{{>main}}` and `a={{>a}}`
 * recurse. The template is rendered once with each escape mode. */
#include "doc/doc.h"
#include "letters/template.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PARTIALS 16

typedef struct {
	const char *s;
	size_t n;
} piece;

typedef struct {
	piece tmpl;
	piece name[MAX_PARTIALS], text[MAX_PARTIALS];
	size_t npartials;
	char *asked[64]; /* the names asked for in this render (template.h: at most once each) */
	size_t nasked;
} pieces;

static char *load_partial(const char *name, void *ctx)
{
	pieces *p = ctx;
	size_t len = strlen(name);
	for (size_t i = 0; i < p->nasked; i++) {
		if (strcmp(p->asked[i], name) == 0) {
			fprintf(stderr, "fuzz: the partial `%s` was asked for twice in one render\n", name);
			abort();
		}
	}
	if (p->nasked < sizeof p->asked / sizeof *p->asked)
		p->asked[p->nasked++] = strdup(name);
	for (size_t i = 0; i < p->npartials; i++)
		if (p->name[i].n == len && memcmp(p->name[i].s, name, len) == 0)
			return strndup(p->text[i].s, p->text[i].n);
	if (strcmp(name, "main") == 0)
		return strndup(p->tmpl.s, p->tmpl.n);
	return NULL;
}

static void split(const uint8_t *data, size_t size, pieces *p, piece *doc)
{
	const char *s = (const char *)data, *end = s + size;
	piece all[2 + MAX_PARTIALS];
	size_t n = 0;
	while (n < sizeof all / sizeof *all) {
		const char *nul = memchr(s, '\0', (size_t)(end - s));
		all[n++] = (piece){s, (size_t)((nul ? nul : end) - s)};
		if (!nul)
			break;
		s = nul + 1;
	}
	p->tmpl = all[0];
	*doc = n > 1 ? all[1] : (piece){"", 0};
	static const char digits[MAX_PARTIALS][3] = {"0", "1", "2", "3", "4", "5", "6", "7",
						      "8", "9", "10", "11", "12", "13", "14", "15"};
	for (size_t i = 2; i < n; i++) {
		const char *eq = memchr(all[i].s, '=', all[i].n);
		size_t k = p->npartials++;
		if (eq) {
			p->name[k] = (piece){all[i].s, (size_t)(eq - all[i].s)};
			p->text[k] = (piece){eq + 1, all[i].n - p->name[k].n - 1};
		} else {
			p->name[k] = (piece){digits[k], strlen(digits[k])};
			p->text[k] = all[i];
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pieces p = {0};
	piece text;
	split(data, size, &p, &text);
	json_t *root = NULL;
	if (text.n) {
		sp_diags d = {0};
		sp_doc *doc = NULL;
		if (sp_doc_parse_string(text.s, text.n, "data", &doc, &d) == 1)
			root = json_incref(doc->root);
		sp_doc_free(doc);
		sp_diags_free(&d);
	}
	if (!root)
		root = json_object();
	static const sp_escape modes[] = {SP_ESCAPE_HTML, SP_ESCAPE_XML, SP_ESCAPE_NONE};
	for (size_t m = 0; m < sizeof modes / sizeof *modes; m++) {
		char *error = NULL;
		char *out = sp_template_render(p.tmpl.s, p.tmpl.n, root, modes[m], load_partial, &p,
					       &error);
		if (!out == !error) {
			fprintf(stderr, "fuzz: the renderer returned %s and %s\n",
				out ? "text" : "no text", error ? "an error" : "no error");
			abort();
		}
		if (out && strlen(out) > SP_TEMPLATE_MAX_OUTPUT) {
			fprintf(stderr, "fuzz: %zu bytes rendered, the limit is %u\n", strlen(out),
				SP_TEMPLATE_MAX_OUTPUT);
			abort();
		}
		free(out);
		free(error);
		while (p.nasked)
			free(p.asked[--p.nasked]);
	}
	/* no partials: every partial is empty */
	char *error = NULL;
	free(sp_template_render(p.tmpl.s, p.tmpl.n, root, SP_ESCAPE_HTML, NULL, NULL, &error));
	free(error);
	json_decref(root);
	return 0;
}
