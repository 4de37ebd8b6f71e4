/* SPDX-License-Identifier: MIT */
/* letterint.h — what letter.c and letterview.c share (internal): the state of one
 * sp_letter_prepare, the view built from it, and the look-ups both make.
 * letter.c decides a letter and calls letterview.c for its view; letterview.c calls
 * nothing of letter.c.
 * Layer: letters; may include base, doc, domain and letters; internal to lib/letters. */
#ifndef SP_LETTERINT_H
#define SP_LETTERINT_H

#include "domain/screen.h"
#include "letters/letter.h"

#include <jansson.h>
#include <stdbool.h>

/* What the steps of sp_letter_prepare share. */
typedef struct {
	const json_t *c;
	sp_templates *tc;
	const sp_agencies *reg;
	const sp_rules *rules;
	const sp_letter_req *req;
	const sp_letter_template *t;
	const sp_assessment *a;
	const sp_case_info *info;
	const sp_agency *to;      /* the recipient, unless the person */
	bool to_person;
	const json_t *about;      /* the earlier letter, or NULL */
	const sp_handover *asked; /* the request a reminder can refer to instead */
	bool about_soonest;       /* the earlier letter asked for an answer at once */
	sp_handover ho;
} sp_letter_prep;

/* --- letterview.c ----------------------------------------------------------------------- */

/* The data the template sees for the letter p decided and out holds (recipient, domain,
 * reveals, id, answer date): a new object the caller owns (json_decref). */
json_t *sp_letter_view(const sp_letter_prep *p, const sp_draft *out);

/* o[key] as a string, or NULL when absent or not a string; borrowed from o. */
const char *lv_str(const json_t *o, const char *key);

/* Where the body of a template's text[0..len) starts: after its `---` … `---` (or `...`)
 * header, or 0 when it has none (letter_templates.c: the one reading of a header). */
size_t sp_letter_body_start(const char *text, size_t len);

/* The agency id of the registry reg, or NULL when reg or id is NULL or reg has none. */
const sp_agency *lv_agency(const sp_agencies *reg, const char *id);

#endif
