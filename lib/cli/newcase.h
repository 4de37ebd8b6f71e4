/* SPDX-License-Identifier: MIT */
/* newcase.h — the text of a new case file, as samplan-new writes it: the person, the home
 * municipality, the unit, the sentence, the contact officers and the consents in the layout
 * of the example cases, and the screening matrix commented out, with its four questions
 * in the person's language; and the arguments of --officer and --consent.
 * Layer: cli; may include base, doc, domain and cli. */
#ifndef SP_NEWCASE_H
#define SP_NEWCASE_H

#include "base/date.h"
#include "domain/case.h"

#include <stdbool.h>
#include <stdio.h>

/** True if s is an id: 1–64 of A-Z a-z 0-9 . _ -, not starting with a dot (the rule of
 * samplan-case(5), which sp_validate() checks again). */
bool sp_is_id(const char *s);

/** Why s is no contact officer "NAME[,ID]" (the id after the last comma): NULL when it is
 * one. The words never quote s. */
const char *sp_officer_arg_problem(const char *s);

/** A consent as --consent gives it. */
typedef struct {
	char agency[65];
	sp_domain_set domains;
	bool all; /* [all] */
	bool has_expires;
	sp_date expires;
} sp_consent_arg;

/** Parse "AGENCY:DOMAIN,DOMAIN[:EXPIRES]" (or AGENCY:all) into *out: NULL, or why s is
 * none (never quoting it). */
const char *sp_consent_arg_parse(const char *s, sp_consent_arg *out);

/** The fields of a new case, as the user gave them (strings borrowed). */
typedef struct {
	const char *id, *name;
	const char *born, *address;          /* NULL when not given */
	const char *language;                /* nb, nn, en or se; NULL: nb */
	const char *municipality, *municipality_name;
	const char *unit_id, *unit_name, *unit_type;
	const char *sentence_type, *start;
	const char *release, *security;      /* NULL when not given */
	const char *const *officers;         /* "NAME[,ID]" */
	size_t nofficers;
	const char *const *consents;         /* "AGENCY:DOMAINS[:EXPIRES]" */
	size_t nconsents;
	sp_date given;                       /* the day the consents were given */
} sp_new_case;

/**
 * Write the YAML text of case c to f: the schema line for editors first, comments in the
 * person's language (bokmål for nb and se), every string quoted where it must be. The
 * values must already be good ones; the caller reads the text back and validates it.
 */
void sp_new_case_write(FILE *f, const sp_new_case *c);

#endif
