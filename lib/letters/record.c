/* SPDX-License-Identifier: MIT */
/* record.c — cases written again with the letters logged in them, on a stream (--record).
 * (-i edits the case file's text instead: lib/edit/caseedit.h.) */
#include "letters/letter.h"


int sp_letter_record_put(sp_letter_record *r, FILE *f, const json_t *c, sp_format fmt)
{
	if (!r->w)
		r->w = sp_writer_open(f, fmt);
	return sp_writer_put(r->w, c);
}

int sp_letter_record_close(sp_letter_record *r)
{
	int rc = r->w && sp_writer_close(r->w) != 0 ? -1 : 0;
	r->w = NULL;
	return rc;
}
