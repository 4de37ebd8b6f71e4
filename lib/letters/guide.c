/* SPDX-License-Identifier: MIT */
/* guide.c — a letter template's guide for the caseworker, as samplan-letter-gen --guide
 * prints it. */
#include "letters/letter.h"

#include <string.h>

const char *sp_letter_recipient_name(int r)
{
	return r == SP_TO_PERSON ? "person" : r == SP_TO_ANY ? "any" : sp_agency_type_name((sp_agency_type)r);
}

/* Write s on f, its words on lines of at most width columns (a longer word on its own). */
static void write_wrapped(FILE *f, const char *s, size_t width)
{
	size_t col = 0;
	while (*s) {
		while (*s == ' ' || *s == '\n')
			s++;
		const char *e = s;
		while (*e && *e != ' ' && *e != '\n')
			e++;
		size_t w = 0;
		for (const char *p = s; p < e; p++)
			w += ((unsigned char)*p & 0xc0) != 0x80;
		if (col && col + 1 + w > width) {
			fputc('\n', f);
			col = 0;
		}
		if (col) {
			fputc(' ', f);
			col++;
		}
		fwrite(s, 1, (size_t)(e - s), f);
		col += w;
		s = e;
	}
	if (col)
		fputc('\n', f);
}

void sp_letter_guide_write(FILE *f, const sp_letter_template *t)
{
	fprintf(f, "%s — %s\n", t->id, t->title);
	fprintf(f, "Recipient:     %s\n", sp_letter_recipient_name(t->recipient));
	fprintf(f, "May reveal:    ");
	if (t->domains == SP_ALL_DOMAINS)
		fprintf(f, "all domains");
	else if (!t->domains)
		fprintf(f, "no domain");
	for (int d = 0, first = 1; d < SP_DOMAIN_COUNT && t->domains != SP_ALL_DOMAINS; d++)
		if (t->domains & (1u << d)) {
			fprintf(f, "%s%s", first ? "" : ", ", sp_domain_name((sp_domain)d));
			first = 0;
		}
	fprintf(f, "%s\n", t->reveals == SP_REVEAL_NEEDS	 ? " (the person's needs among them)"
			   : t->reveals == SP_REVEAL_DOMAIN ? " (the one the letter is about)"
							    : "");
	if (t->response_days)
		/* a short sentence shortens it (answer.c): the caseworker should know before
		 * promising the usual time */
		fprintf(f, "Answer within: %d days, or by %s if that comes first\n",
			t->response_days, t->handover ? "the handover deadline" : "release");
	else
		fprintf(f, "Answer within: no answer asked for\n");
	fprintf(f, "File:          %s\n\n", t->path);
	write_wrapped(f, t->guide, 76);
}
