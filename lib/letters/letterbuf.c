/* SPDX-License-Identifier: MIT */
/* letterbuf.c — what every letter writer uses (letterfmt_int.h): the growing buffer they
 * fill, and the paragraph walk that HTML, ODT and DOCX share. Below letterfmt.c, office.c and
 * pdf.c, so that none of them needs another back. */
#include "letters/letterfmt_int.h"

#include "base/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- a growing buffer ---------------------------------------------------------------- */

void lf_add(buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = b->cap ? b->cap : 4096;
		while (b->n + n + 1 > b->cap)
			b->cap *= 2;
		b->p = sp_xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void lf_adds(buf *b, const char *s)
{
	lf_add(b, s, strlen(s));
}

void lf_addf(buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = sp_xvasprintf(fmt, ap);
	va_end(ap);
	lf_adds(b, s);
	free(s);
}

void lf_add_escaped(buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': lf_adds(b, "&amp;"); break;
		case '<': lf_adds(b, "&lt;"); break;
		case '>': lf_adds(b, "&gt;"); break;
		case '"': lf_adds(b, "&quot;"); break;
		case '\'': lf_adds(b, "&#39;"); break;
		default: lf_add(b, s, 1);
		}
	}
}

void lf_add_element(buf *b, const char *tag, const char *text)
{
	if (!text)
		return;
	lf_addf(b, "<%s>", tag);
	lf_add_escaped(b, text);
	lf_addf(b, "</%s>", tag);
}

void lf_iso_datetime(sp_date d, char out[32], bool zulu)
{
	char iso[SP_DATE_BUFSIZE];
	snprintf(out, 32, "%sT00:00:00%s", sp_date_format(d, iso), zulu ? "Z" : "");
}

/* --- the paragraph walk of HTML, ODT and DOCX ---------------------------------------- */

/* The lines of k, each a run, a line break between them. */
static void write_runs(const block *k, const lf_dialect *d, buf *b)
{
	for (size_t j = 0; j < k->n; j++) {
		if (j)
			lf_adds(b, d->line_break);
		lf_adds(b, d->run_open);
		lf_add_escaped(b, k->items[j]);
		lf_adds(b, d->run_close);
	}
}

static void write_items(const block *k, const lf_dialect *d, buf *b)
{
	for (size_t j = 0; j < k->n; j++) {
		lf_adds(b, d->item_open);
		lf_add_escaped(b, k->items[j]);
		lf_adds(b, d->item_close);
	}
}

void lf_write_blocks(const blocks *bs, const lf_dialect *d, buf *b)
{
	for (size_t i = 0; i < bs->n; i++) {
		const block *k = &bs->v[i];
		bool address = k->k == BL_LINES && i + 1 < bs->n && bs->v[i + 1].k == BL_REF;
		lf_adds(b, address ? d->address_open : d->par[k->k].open);
		if (k->k == BL_LIST)
			write_items(k, d, b);
		else
			write_runs(k, d, b);
		lf_adds(b, d->par[k->k].close);
	}
}
