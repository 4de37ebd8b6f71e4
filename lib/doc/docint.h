/* SPDX-License-Identifier: MIT */
/* docint.h — what the readers share (read.c, input.c, yaml_read.c, yaml_fast.c, json_read.c)
 * and the table of places (postab.c) that they fill and doc.c looks up.
 * Layer: doc; may include base and doc; internal to lib/doc. */
#ifndef SP_DOCINT_H
#define SP_DOCINT_H

#include "doc/doc.h"

#include <yaml.h>

/* --- position table: (parent, key or index) -> place of the value and of the key --- */
/* A table sized for about `expected` entries (it grows when needed). */
sp_postab *sp_postab_new(size_t expected);
void sp_postab_free(sp_postab *t);
void sp_postab_put(sp_postab *t, const json_t *parent, const char *key, size_t idx, sp_pos val,
		   sp_pos key_pos);
/* The same for a key of klen bytes that need not end with a NUL. */
void sp_postab_putn(sp_postab *t, const json_t *parent, const char *key, size_t klen, size_t idx,
		    sp_pos val, sp_pos key_pos);
/* Returns true and fills *val / *key_pos (either may be NULL) if known. */
bool sp_postab_get(const sp_postab *t, const json_t *parent, const char *key, size_t idx,
		   sp_pos *val, sp_pos *key_pos);

/* --- buffered input ------------------------------------------------------------------ */
enum { SP_INBUF = 65536 };

typedef struct {
	FILE *f;
	bool own;               /* fclose at the end */
	unsigned char *buf;     /* SP_INBUF bytes (not cleared: a reader is cheap to make) */
	size_t pos, len;        /* unread bytes are buf[pos..len) */
	bool eof, error;
	bool bom;               /* a UTF-8 byte-order mark was skipped */
	unsigned long long consumed; /* bytes handed out before buf[0] */
} sp_input;

/* Refill when the buffer is empty; returns the number of unread bytes (0 at the end). */
size_t sp_input_fill(sp_input *in);

/* --- the reader ---------------------------------------------------------------------- */
struct sp_reader {
	sp_input in;
	char *name;
	sp_limits lim;
	sp_format fmt;
	unsigned ndocs;
	size_t last_nodes;      /* values in the previous document: sizes the next table */
	bool done, failed;
	/* YAML: a window on the input from where the next document begins (yaml_read.c) */
	char *ywin;
	size_t ywin_len, ywin_cap;
	size_t ywin_start;      /* where the next (or libyaml's current) document begins */
	unsigned long long ywin_abs; /* offset of ywin[0] in the input (after a byte-order mark) */
	unsigned yline;         /* the line at ywin_start */
	bool yslow;             /* libyaml reads every document (sp_reader_yaml_fast()) */
	bool ystarted;          /* a document has been read, or libyaml has begun */
	unsigned long ylibyaml_docs; /* documents libyaml read (the tests count them) */
	/* libyaml, for a document the fast reader leaves to it, until one ends at a line start */
	yaml_parser_t parser;
	bool parser_ready;
	size_t yfeed;           /* the next byte of the window to hand libyaml */
	size_t ychar_at;        /* a window byte and libyaml's index (in characters) there */
	unsigned long long ychars;
	unsigned long long yp_abs; /* offset of libyaml's first byte in the input */
	unsigned yp_line;       /* the line before libyaml's first byte */
	bool too_big;           /* the size limit stopped the feeding */
	/* JSON */
	unsigned line, col;     /* place of the next unread byte */
	int array_state;        /* 0 none, 1 inside a top-level array of documents, 2 after it */
	size_t array_items;
	const char *str;        /* the string read: in the input buffer or sbuf */
	char *sbuf;             /* a string that had to be copied (escapes, buffer ends) */
	size_t slen, scap;
};

/* Add an error for the document being read (printf-style); returns -1. */
int sp_reader_fail(const sp_reader *r, sp_diags *diags, sp_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

int sp_yaml_next(sp_reader *r, sp_doc **out, sp_diags *diags);

/* --- the fast YAML reader (yaml_fast.c) ---------------------------------------------- */
typedef struct {
	const char *buf;      /* the input from the start of a line where a document may begin */
	size_t len;
	bool eof;             /* nothing follows buf[len) */
	bool first;           /* the first document of the stream: it may begin without `---` */
	unsigned line;        /* the line buf begins */
	const sp_limits *lim;
} sp_yfast_in;

typedef struct {
	size_t used;          /* bytes up to where the next document may begin (a line start) */
	unsigned line;        /* the line there */
	size_t nodes;         /* values in the document */
} sp_yfast_out;

enum {
	SP_YFAST_DOC = 1,   /* a document was read into doc (root, places) */
	SP_YFAST_END = 0,   /* no document follows: only blank lines and comments */
	SP_YFAST_BAIL = -2, /* not of the kind it reads: read this document with libyaml */
	SP_YFAST_MORE = -3, /* the bytes end inside the document: give it more and try again */
};

/* Read one document from in into doc (made by sp_doc_new(), freed by the caller unless the
 * result is SP_YFAST_DOC). */
int sp_yfast_doc(const sp_yfast_in *in, sp_doc *doc, sp_yfast_out *out);
int sp_json_next(sp_reader *r, sp_doc **out, sp_diags *diags);

/* Whether the fast YAML reader may read the documents it can (the default), or libyaml
 * reads them all; for the tests that compare the two. Call before the first document. */
void sp_reader_yaml_fast(sp_reader *r, bool on);

/* --- fragments of YAML and JSON, for edits to a file's text (write.c) ------------------ */
typedef enum {
	SP_FRAG_KEY,  /* what follows "key:" in a block at indent: " value\n", "\n  a: 1\n" … */
	SP_FRAG_DASH, /* what follows "-" of a block list item at indent */
	SP_FRAG_FLOW, /* the value in flow style on one line, no newline */
	SP_FRAG_NAME, /* a string as a mapping key in a block */
} sp_frag_mode;
/* The value as samplan's YAML writer writes it, with mapping entries `step` deeper and a
 * list under a key `seqind` deeper; NUL-terminated, *len bytes; caller frees. */
char *sp_yaml_fragment(const json_t *v, int indent, sp_frag_mode mode, int step, int seqind,
		       size_t *len);
/* The value as JSON: pretty (2 spaces a level, from depth 0) or compact; caller frees. */
char *sp_json_fragment(const json_t *v, bool pretty, size_t *len);

/* Build a new document owned by the caller. */
sp_doc *sp_doc_new(sp_reader *r);

#endif
