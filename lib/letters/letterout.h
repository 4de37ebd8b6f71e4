/* SPDX-License-Identifier: MIT */
/* letterout.h — where samplan-letter-gen's letters go: each prepared letter (letter.h)
 * finished as a document (letterfmt.h) and written on standard output or into the file an
 * output pattern names. Part of samplan_letter (it links libzip, cairo and pango).
 * Layer: letters; may include base, doc, domain and letters. */
#ifndef SP_LETTEROUT_H
#define SP_LETTEROUT_H

#include "letters/letter.h"
#include "letters/letterfmt.h"

/** Where letters go. Set the settings, zero the rest; sp_letter_out_sync() at the end. */
typedef struct {
	const char *output;  /* -o: a file, a pattern (sp_letter_name()), or NULL or "-" for
			        standard output */
	sp_letter_format fmt;
	mode_t mode;         /* of the letter files */
	bool replace;        /* replace letter files that exist (--force) */
	/* at work */
	unsigned long written;   /* letters written */
	unsigned long to_stdout; /* letters sent to standard output, written or not */
	sp_letter_files files;
} sp_letter_out;

/**
 * Write letter l of case doc (c, whose `id` names its file) in out's format: on standard
 * output, where text letters follow one another a page each and a second binary or HTML
 * letter is refused; or into its file, which only a pattern names for more than one
 * letter. A warning goes to diags for the needs l leaves out for want of consent. Returns
 * 0, or -1 with the problem in diags at the case.
 */
int sp_letter_out_put(sp_letter_out *out, const sp_draft *l, sp_templates *t, const sp_doc *doc,
		      sp_diags *diags);

/** Sync the folder of the letter files written last (sp_letter_files_sync()): 0, or -1
 * with errno set. */
int sp_letter_out_sync(sp_letter_out *out);

#endif
