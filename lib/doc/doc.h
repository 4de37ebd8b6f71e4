/* SPDX-License-Identifier: MIT */
/* doc.h — the document model: jansson values with the place of every node, read from
 * YAML or JSON streams one document at a time, and written back as YAML, JSON or JSON Lines.
 * Layer: doc; may include base and doc. */
#ifndef SP_DOC_H
#define SP_DOC_H

#include "base/diag.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

/** Document formats. SP_FMT_AUTO means "detect from content" (reading) or "as read" (writing). */
typedef enum { SP_FMT_AUTO, SP_FMT_YAML, SP_FMT_JSON, SP_FMT_JSONL } sp_format;

/** Parse "yaml", "json" or "jsonl"; returns false for anything else. */
bool sp_format_parse(const char *name, sp_format *out);

/** "yaml", "json", "jsonl" (or "auto"). */
const char *sp_format_name(sp_format f);

/**
 * Limits that hold for every document read; a document that passes one fails with a
 * clear error before it can use much memory. sp_limits_default() gives the documented values.
 */
typedef struct {
	size_t max_doc_bytes;     /* bytes in one document (16 MiB) */
	unsigned max_depth;       /* nesting of mappings and sequences (64) */
	size_t max_nodes;         /* values in one document, aliases expanded (1,000,000) */
	size_t max_alias_nodes;   /* values created by expanding aliases (100,000) */
	size_t max_string;        /* bytes in one string or key (1 MiB) */
	unsigned long max_docs;   /* documents in one stream (100,000,000) */
} sp_limits;

/** The default limits (the values in the comments above). */
sp_limits sp_limits_default(void);

typedef struct sp_postab sp_postab;

/** One document: the root value and where each value and key stood in the file. */
typedef struct {
	json_t *root;     /* owned */
	char *file;       /* owned copy of the name the file was opened under; "-" for stdin */
	unsigned index;   /* 1-based number of the document in its file */
	sp_format format; /* as read: SP_FMT_YAML, SP_FMT_JSON or SP_FMT_JSONL */
	sp_pos pos;       /* where the root value starts */
	sp_postab *tab;   /* owned */
} sp_doc;

/** Free a document and everything it owns. NULL is fine. */
void sp_doc_free(sp_doc *doc);

/** Where the value of obj[key] starts ({0,0} if unknown, as for values added by a tool). */
sp_pos sp_doc_pos(const sp_doc *doc, const json_t *obj, const char *key);

/** Where the key `key` of obj stands. */
sp_pos sp_doc_key_pos(const sp_doc *doc, const json_t *obj, const char *key);

/** Where arr[i] starts. */
sp_pos sp_doc_pos_at(const sp_doc *doc, const json_t *arr, size_t i);

/* --- reading ------------------------------------------------------------------------ */

typedef struct sp_reader sp_reader;

/**
 * Open a file for reading documents; "-" or NULL reads standard input. The format is
 * detected from content: a stream whose first non-blank character is `{` or `[` is JSON
 * (one value, a JSON array of documents, or JSON Lines / concatenated values), anything
 * else YAML (one document or a `---` stream). A UTF-8 byte-order mark is skipped.
 * Returns NULL and adds an error to diags if the file cannot be opened or is a directory.
 * Caller frees with sp_reader_close().
 */
sp_reader *sp_reader_open(const char *path, const sp_limits *limits, sp_diags *diags);

/** Read documents from an open stream (not closed by sp_reader_close()). */
sp_reader *sp_reader_from_file(FILE *f, const char *name, const sp_limits *limits);

/**
 * Read the next document into *out (caller frees with sp_doc_free).
 * Returns 1 for a document, 0 at the end of the stream, -1 on bad input (the error, with
 * file, line and column, is added to diags; the stream cannot be read further).
 */
int sp_reader_next(sp_reader *r, sp_doc **out, sp_diags *diags);

/** The detected format: SP_FMT_YAML, SP_FMT_JSON, or SP_FMT_JSONL (JSON whose first value
 * fits on its first line). SP_FMT_AUTO before the first document. */
sp_format sp_reader_format(const sp_reader *r);

/** The bytes the reader has read from its file so far (a buffer ahead of the documents
 * handed out): at the end, the file's size. For a share of the input done. */
unsigned long long sp_reader_bytes(const sp_reader *r);

/** Close the reader (and the file, if sp_reader_open() opened it). NULL is fine. */
void sp_reader_close(sp_reader *r);

/** Parse a whole document from memory (for tests and built-in data). 1/0/-1 as above. */
int sp_doc_parse_string(const char *text, size_t len, const char *name, sp_doc **out,
			sp_diags *diags);

/* --- writing ------------------------------------------------------------------------ */

typedef struct sp_writer sp_writer;

/**
 * Write documents to f in format fmt (YAML, JSON or JSONL; not AUTO).
 * YAML: block style (short lists of scalars in flow style `[a, b]`), UTF-8 as is, keys in
 * their order, strings double-quoted exactly when a YAML 1.2 or 1.1 reader would take them
 * for another type, date strings plain, multi-line strings as literal blocks; documents
 * after the first begin with `---`. JSON: each document pretty-printed (2 spaces).
 * JSONL: each document compact on one line. Caller frees with sp_writer_close().
 */
sp_writer *sp_writer_open(FILE *f, sp_format fmt);

/** Write one document. Returns 0, or -1 on a write error (errno set). */
int sp_writer_put(sp_writer *w, const json_t *doc);

/** Finish the stream (YAML stream end) and free the writer; returns 0 or -1 on write error. */
int sp_writer_close(sp_writer *w);

/** True if the YAML writer would quote s (a string that reads back as another type). */
bool sp_yaml_needs_quotes(const char *s);

#endif
