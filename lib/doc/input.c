/* SPDX-License-Identifier: MIT */
/* input.c — what the YAML and JSON readers share: buffered input, a new document, an error
 * for the document being read. */
#include "doc/docint.h"
#include "base/util.h"

#include <stdarg.h>
#include <stdlib.h>

sp_doc *sp_doc_new(sp_reader *r)
{
	sp_doc *d = sp_xcalloc(1, sizeof *d);
	d->file = sp_xstrdup(r->name);
	d->index = r->ndocs + 1;
	d->tab = sp_postab_new(r->last_nodes);
	return d;
}

size_t sp_input_fill(sp_input *in)
{
	if (in->pos < in->len)
		return in->len - in->pos;
	if (in->eof || in->error)
		return 0;
	in->consumed += in->len;
	in->pos = in->len = 0;
	size_t n = fread(in->buf, 1, SP_INBUF, in->f);
	if (n == 0) {
		if (ferror(in->f))
			in->error = true;
		in->eof = true;
	}
	in->len = n;
	return n;
}

int sp_reader_fail(const sp_reader *r, sp_diags *diags, sp_pos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = sp_xvasprintf(fmt, ap);
	va_end(ap);
	sp_diags_add(diags, SP_ERROR, r->name, r->ndocs + 1, pos, NULL, "%s", msg);
	free(msg);
	return -1;
}
