/* SPDX-License-Identifier: MIT */
/* letterfmt_int.h — inside the letter writers (letters layer, internal: only letterbuf.c,
 * letterfmt.c, office.c, odt.c, docx.c and pdf.c include it). The markup parsed into blocks, the
 * growing buffer the writers fill, the paragraph walk that HTML, ODT and DOCX share, and
 * the zip container of the office formats.
 * Layer: letters; may include base, doc, domain and letters; internal to lib/letters. */
#ifndef SP_LETTERFMT_INT_H
#define SP_LETTERFMT_INT_H

#include "letters/letterfmt.h"

#include <stdbool.h>
#include <stddef.h>

/* --- a growing buffer (letterfmt.c) -------------------------------------------------- */

typedef struct {
	char *p;
	size_t n, cap;
} buf;

void lf_add(buf *b, const char *s, size_t n);
void lf_adds(buf *b, const char *s);
void lf_addf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** s with & < > " ' as entities (HTML and XML alike). */
void lf_add_escaped(buf *b, const char *s);

/** <tag>text</tag>, the text escaped; nothing when text is NULL. */
void lf_add_element(buf *b, const char *tag, const char *text);

/** "2026-11-23T00:00:00" into out, with a Z after it when zulu. */
void lf_iso_datetime(sp_date d, char out[32], bool zulu);

/* --- the markup (letterfmt.c) -------------------------------------------------------- */

typedef enum { BL_HEAD, BL_LINES, BL_REF, BL_H1, BL_H2, BL_LIST, BL_PARA } bkind;
#define BL_KINDS (BL_PARA + 1)

typedef struct {
	bkind k;
	char **items; /* lines (HEAD, LINES, REF), list items, or the one text */
	size_t n;
} block;

typedef struct {
	block *v;
	size_t n, cap;
	bool open; /* the last block takes more lines */
} blocks;

/* --- the paragraph walk (letterfmt.c) ------------------------------------------------ */

/** The tags a format writes the blocks with: a block is a paragraph of its kind (the lines
 * before a reference are the address), its lines runs joined by a line break; a list is
 * one paragraph an item. */
typedef struct {
	struct {
		const char *open, *close;
	} par[BL_KINDS]; /* BL_LIST: around the whole list */
	const char *address_open; /* BL_LINES when a reference follows */
	const char *run_open, *run_close, *line_break;
	const char *item_open, *item_close; /* a list item, around its escaped text */
} lf_dialect;

/** Every block of bs into b, in dialect d. */
void lf_write_blocks(const blocks *bs, const lf_dialect *d, buf *b);

/* --- ODT and DOCX (office.c, odt.c, docx.c) ----------------------------------------- */

/** An entry of a zip container. */
typedef struct {
	const char *name;
	const char *data;
	size_t len;
	bool store; /* uncompressed (an ODT's mimetype) */
} lf_zip_entry;

#define LF_OFFICE_MAX_PARTS 8

/** An office format: a zip container of fixed parts and two made for each letter, the body
 * and the metadata (title, author, language nb-NO and date). */
typedef struct {
	const lf_dialect *dialect;
	const char *body_open, *body_close; /* the body part around the blocks */
	const char *meta_open;              /* the metadata part up to the title */
	const char *creator_tag;            /* the element that names the author */
	const char *date_tags[2][2];        /* the elements the date stands in: open, close */
	bool zulu;                          /* the date's time in UTC (a Z after it) */
	const char *meta_close;
	const lf_zip_entry *parts; /* the container in order; the data of the body and the
				      metadata parts (at body_at, meta_at) is made per letter */
	size_t nparts, body_at, meta_at;
} lf_office_format;

/* the parts of an lf_office_format: the array, where the metadata and the body stand */
#define LF_PARTS(a, meta, body)                                                                    \
	.parts = (a), .nparts = sizeof(a) / sizeof *(a), .meta_at = (meta), .body_at = (body)

extern const lf_office_format lf_odt, lf_docx;

/** The letter in format f (caller frees); NULL with *error (caller frees) if libzip fails. */
unsigned char *lf_office_document(const blocks *bs, const sp_letter_meta *m,
				  const lf_office_format *f, size_t *len, char **error);

/* --- PDF (pdf.c) --------------------------------------------------------------------- */

/** The letter as PDF (caller frees); NULL with *error (caller frees) if cairo fails. */
unsigned char *lf_write_pdf(const blocks *bs, const sp_letter_meta *m, size_t *len,
			    char **error);

#endif
