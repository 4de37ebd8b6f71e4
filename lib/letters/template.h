/* SPDX-License-Identifier: MIT */
/* template.h — a logic-less Mustache renderer for letters: the official specification's
 * required modules (interpolation, sections, inverted sections, comments, partials, set
 * delimiters) and its optional inheritance and dynamic names; no lambdas.
 * Layer: letters; may include base, doc, domain and letters. */
#ifndef SP_TEMPLATE_H
#define SP_TEMPLATE_H

#include <jansson.h>
#include <stddef.h>

/** How `{{name}}` escapes a value (`{{{name}}}` and `{{&name}}` never escape). */
typedef enum {
	SP_ESCAPE_HTML, /* & " < > as the Mustache specification does */
	SP_ESCAPE_XML,  /* & < > " ' for the XML inside ODT and DOCX files */
	SP_ESCAPE_NONE  /* plain text */
} sp_escape;

/**
 * Load the text of partial (or parent) `name`. Returns a malloc'd, NUL-terminated template
 * that the renderer frees, or NULL if there is no such partial (it renders as nothing).
 * Called at most once per name and render.
 */
typedef char *(*sp_partial_fn)(const char *name, void *ctx);

/** Partials and parents may nest this deep (a deeper nesting is an error, not a crash). */
#define SP_TEMPLATE_MAX_DEPTH 64
/** At most this many partials, parents and blocks are expanded in one render (a template
 * whose partials call themselves twice would otherwise run 2^64 times). */
#define SP_TEMPLATE_MAX_EXPANSIONS 100000
/** At most this many section passes (one per item of a list) in one render. */
#define SP_TEMPLATE_MAX_PASSES 1000000
/** Sections, inverted sections, parents and blocks may nest this deep in one template. */
#define SP_TEMPLATE_MAX_NESTING 256
/** The rendered text may be at most this long. */
#define SP_TEMPLATE_MAX_OUTPUT (16u << 20)
/** Partials, parents and blocks are parsed again at each expansion: at most this many bytes
 * of them in one render (a 1 MiB partial of comments expanded 100,000 times would otherwise
 * take minutes and write nothing). */
#define SP_TEMPLATE_MAX_PARSED (64u << 20)

/**
 * Render tmpl (len bytes, no NUL needed) with data as the root context.
 *
 * Names are looked up from the innermost section outwards; `a.b.c` finds `a` that way and
 * then descends; `.` is the current value. A section renders once for each item of a
 * non-empty array, once with an object or other value pushed, and not at all for false,
 * null, a missing name, an empty array or an empty string (inverted sections the other way
 * round). Numbers are written as JSON writes them, true and false as words, null, objects
 * and arrays as nothing. partials may be NULL (every partial is then empty).
 *
 * Returns the text (caller frees), or NULL and sets *error (caller frees; error may be
 * NULL) to a message such as "line 3, column 7: unclosed section `needs`" for a malformed
 * template, a partial or parent nesting deeper than SP_TEMPLATE_MAX_DEPTH, more than
 * SP_TEMPLATE_MAX_EXPANSIONS expansions or SP_TEMPLATE_MAX_PARSED bytes of them, more than
 * SP_TEMPLATE_MAX_PASSES section passes, or output beyond SP_TEMPLATE_MAX_OUTPUT. Errors inside a
 * partial name it: "partial `footer`: line 1, column 4: …".
 */
char *sp_template_render(const char *tmpl, size_t len, const json_t *data, sp_escape esc,
                         sp_partial_fn partials, void *ctx, char **error);

#endif
