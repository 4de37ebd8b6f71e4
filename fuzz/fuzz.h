/* SPDX-License-Identifier: MIT */
/* fuzz.h — what the harnesses share: reading a stream of documents from the fuzzer's bytes
 * (in memory, with the reader's own format detection and the limits given), and checking
 * that every document read keeps within those limits. A broken limit aborts, which
 * libFuzzer reports as a crash, with the input saved. */
#ifndef SP_FUZZ_H
#define SP_FUZZ_H

#include "doc/doc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Limits far below the defaults, so that a fuzzer's small inputs reach every one of them. */
static inline sp_limits fuzz_small_limits(void)
{
	return (sp_limits){
	    .max_doc_bytes = 1024,
	    .max_depth = 6,
	    .max_nodes = 200,
	    .max_alias_nodes = 40,
	    .max_string = 48,
	    .max_docs = 5,
	};
}

__attribute__((noreturn, format(printf, 1, 2))) static inline void fuzz_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("fuzz: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

typedef struct {
	size_t nodes;    /* every value, aliases expanded */
	unsigned depth;  /* nesting of objects and arrays: 1 for a root mapping, 0 for a scalar */
	size_t longest;  /* the longest string or key, in bytes */
} fuzz_shape;

/* Walk v (at nesting `level` of its container) and ask the document where each value is:
 * the position table must answer for every value the reader made. */
static inline void fuzz_walk(const sp_doc *doc, const json_t *v, unsigned level, fuzz_shape *s)
{
	s->nodes++;
	if (json_is_string(v) && json_string_length(v) > s->longest)
		s->longest = json_string_length(v);
	if (!json_is_object(v) && !json_is_array(v))
		return;
	if (level + 1 > s->depth)
		s->depth = level + 1;
	if (json_is_object(v)) {
		const char *k;
		json_t *m;
		json_object_foreach((json_t *)v, k, m) {
			if (strlen(k) > s->longest)
				s->longest = strlen(k);
			(void)sp_doc_pos(doc, v, k);
			(void)sp_doc_key_pos(doc, v, k);
			fuzz_walk(doc, m, level + 1, s);
		}
	} else {
		for (size_t i = 0; i < json_array_size(v); i++) {
			(void)sp_doc_pos_at(doc, v, i);
			fuzz_walk(doc, json_array_get(v, i), level + 1, s);
		}
	}
}

/* Abort unless doc keeps within lim. */
static inline void fuzz_check_limits(const sp_doc *doc, const sp_limits *lim)
{
	if (!doc->root)
		fuzz_fail("document %u has no root value", doc->index);
	fuzz_shape s = {0, 0, 0};
	fuzz_walk(doc, doc->root, 0, &s);
	if (s.depth > lim->max_depth)
		fuzz_fail("document %u nests %u deep, the limit is %u", doc->index, s.depth,
			  lim->max_depth);
	if (s.nodes > lim->max_nodes)
		fuzz_fail("document %u has %zu values, the limit is %zu", doc->index, s.nodes,
			  lim->max_nodes);
	if (s.longest > lim->max_string)
		fuzz_fail("document %u has a string of %zu bytes, the limit is %zu", doc->index,
			  s.longest, lim->max_string);
	if (doc->index > lim->max_docs)
		fuzz_fail("document %u read, the limit is %lu", doc->index, lim->max_docs);
}

typedef void (*fuzz_each_fn)(sp_doc *doc, void *ctx);

/* Read every document of the stream in data[0..size) with limits lim, check each against
 * the limits, and hand it to each (if not NULL) before it is freed. Returns the reader's
 * last answer: 0 at the end of the stream, -1 on bad input. */
static inline int fuzz_read_stream(const uint8_t *data, size_t size, const sp_limits *lim,
				   fuzz_each_fn each, void *ctx)
{
	static char empty[1];
	/* fmemopen cannot open an empty buffer: open one byte and start at its end */
	FILE *f = fmemopen(size ? (void *)data : empty, size ? size : 1, "rb");
	if (!f)
		fuzz_fail("fmemopen failed");
	if (!size)
		fseek(f, 0, SEEK_END);
	sp_reader *r = sp_reader_from_file(f, "fuzz", lim);
	sp_diags diags = {0};
	sp_doc *doc;
	int rc;
	unsigned long n = 0;
	while ((rc = sp_reader_next(r, &doc, &diags)) == 1) {
		if (doc->index != ++n)
			fuzz_fail("document %lu was given the number %u", n, doc->index);
		fuzz_check_limits(doc, lim);
		if (each)
			each(doc, ctx);
		sp_doc_free(doc);
	}
	if (rc < 0 && !diags.errors)
		fuzz_fail("the reader failed without saying why");
	if (doc)
		fuzz_fail("the reader returned %d and a document", rc);
	sp_reader_close(r);
	fclose(f);
	sp_diags_free(&diags);
	return rc;
}

/* Write doc in format fmt and read it back: the same value must come out. The bytes are
 * written to a memory stream, so the writer's YAML quoting and JSON escapes are checked
 * against the readers. */
static inline void fuzz_roundtrip(const sp_doc *doc, sp_format fmt)
{
	/* only mappings: a samplan document is one, and other roots do not come back the same
	 * (a JSON array reads as a stream of documents; YAML written `[a, b]` reads as JSON) */
	if (!json_is_object(doc->root))
		return;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		fuzz_fail("open_memstream failed");
	sp_writer *w = sp_writer_open(f, fmt);
	if (sp_writer_put(w, doc->root) != 0 || sp_writer_close(w) != 0)
		fuzz_fail("writing document %u as %s failed", doc->index, sp_format_name(fmt));
	fclose(f);
	sp_diags diags = {0};
	sp_doc *back = NULL;
	int rc = sp_doc_parse_string(text, len, "written", &back, &diags);
	if (rc != 1 || !json_equal(doc->root, back->root)) {
		fprintf(stderr, "fuzz: document %u written as %s:\n%s\n", doc->index,
			sp_format_name(fmt), text);
		sp_diags_print(&diags, stderr, "fuzz");
		fuzz_fail("document %u does not read back the same after writing it as %s",
			  doc->index, sp_format_name(fmt));
	}
	sp_doc_free(back);
	sp_diags_free(&diags);
	free(text);
}

#endif
