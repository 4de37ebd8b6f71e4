/* record.c — cases written again with the letters logged in them: on a stream (--record),
 * or gathered and written back into the file they came from (-i). */
#include "letters/letter.h"
#include "base/atomic.h"

#include <errno.h>
#include <string.h>

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

void sp_letter_record_keep(sp_letter_record *r, json_t *c, sp_format fmt)
{
	if (!r->kept) {
		r->kept = json_array();
		r->fmt = fmt;
	}
	json_array_append(r->kept, c);
}

void sp_letter_record_drop(sp_letter_record *r)
{
	json_decref(r->kept);
	r->kept = NULL;
}

/* True if the file's first character that is not a blank is `[` (a JSON array). */
static bool json_array_file(const char *file)
{
	FILE *f = fopen(file, "rb");
	int ch = EOF;
	while (f && (ch = fgetc(f)) != EOF && strchr(" \t\r\n", ch))
		;
	if (f)
		fclose(f);
	return ch == '[';
}

int sp_letter_record_write_back(sp_letter_record *r, const char *file, mode_t mode)
{
	sp_out *out = sp_out_open(file, mode);
	bool ok = out != NULL;
	if (ok && r->fmt == SP_FMT_JSON && json_array_file(file)) {
		/* a JSON array of cases stays one */
		ok = json_dumpf(r->kept, sp_out_file(out), JSON_INDENT(2)) == 0 &&
		     fputc('\n', sp_out_file(out)) != EOF;
	} else if (ok) {
		sp_writer *w = sp_writer_open(sp_out_file(out), r->fmt);
		ok = w != NULL;
		size_t i;
		json_t *d;
		json_array_foreach(r->kept, i, d) ok = ok && sp_writer_put(w, d) == 0;
		if (w && sp_writer_close(w) != 0)
			ok = false;
	}
	int rc = 0;
	if (!ok || sp_out_commit(out) != 0) {
		if (!ok)
			sp_out_abort(out);
		rc = -1;
	}
	int e = errno;
	sp_letter_record_drop(r);
	errno = e;
	return rc;
}
