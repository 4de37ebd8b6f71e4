/* docint.h — what doc.c, yaml_read.c, json_read.c and write.c share (internal). */
#ifndef SP_DOCINT_H
#define SP_DOCINT_H

#include "doc.h"

#include <yaml.h>

/* --- position table: (parent, key or index) -> place of the value and of the key --- */
/* A table sized for about `expected` entries (it grows when needed). */
sp_postab *sp_postab_new(size_t expected);
void sp_postab_free(sp_postab *t);
void sp_postab_put(sp_postab *t, const json_t *parent, const char *key, size_t idx, sp_pos val,
		   sp_pos key_pos);
/* Returns true and fills *val / *key_pos (either may be NULL) if known. */
bool sp_postab_get(const sp_postab *t, const json_t *parent, const char *key, size_t idx,
		   sp_pos *val, sp_pos *key_pos);

/* --- buffered input ------------------------------------------------------------------ */
enum { SP_INBUF = 65536 };

typedef struct {
	FILE *f;
	bool own;               /* fclose at the end */
	unsigned char buf[SP_INBUF];
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
	/* YAML */
	yaml_parser_t parser;
	bool parser_ready;
	unsigned long long doc_start_offset; /* where the current document began */
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
int sp_json_next(sp_reader *r, sp_doc **out, sp_diags *diags);

/* Build a new document owned by the caller. */
sp_doc *sp_doc_new(sp_reader *r);

#endif
