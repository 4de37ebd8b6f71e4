/* SPDX-License-Identifier: MIT */
/* letterfmt.h — letter markup (samplan-templates(5)) as a finished document: plain text,
 * Markdown, HTML, ODT, DOCX or PDF. Same markup and metadata, same bytes: no clock is read.
 * Layer: letters; may include base, doc, domain and letters. */
#ifndef SP_LETTERFMT_H
#define SP_LETTERFMT_H

#include "base/date.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum { SP_LF_TXT, SP_LF_MD, SP_LF_HTML, SP_LF_ODT, SP_LF_DOCX, SP_LF_PDF } sp_letter_format;

/** "txt", "md", "html", "odt", "docx" or "pdf"; false for anything else. */
bool sp_letter_format_parse(const char *name, sp_letter_format *out);

/** The file name extension (the format's name). */
const char *sp_letter_format_ext(sp_letter_format f);

/** True for the formats that are not text (ODT, DOCX, PDF). */
bool sp_letter_format_binary(sp_letter_format f);

/** What the document says about itself. */
typedef struct {
	const char *title;  /* the letter's subject */
	const char *author; /* the unit that sends it */
	sp_date date;       /* the letter's date: the documents' creation date and zip times */
} sp_letter_meta;

/**
 * The document for letter markup text[0..len). Returns the bytes (caller frees) and their
 * number in *out_len, or NULL with *error (caller frees) if a library fails.
 */
unsigned char *sp_letter_document(const char *text, size_t len, sp_letter_format f,
				  const sp_letter_meta *meta, size_t *out_len, char **error);

/** Release what the PDF writer keeps between letters (fonts); for leak checkers. */
void sp_letterfmt_cleanup(void);

#endif
